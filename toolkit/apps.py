from django.apps import AppConfig


class ToolkitConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "toolkit"

    def ready(self):
        from toolkit import content_cache
        from toolkit.business_case import revision

        content_cache.connect()
        revision.connect(self)
