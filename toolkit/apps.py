from django.apps import AppConfig


class ToolkitConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "toolkit"

    def ready(self):
        from toolkit import content_cache

        content_cache.connect()
