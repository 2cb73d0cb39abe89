from django.apps import AppConfig


class ToolkitConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "toolkit"

    def ready(self):
        from toolkit import content_cache
        from toolkit.business_case import revision

        content_cache.connect()
        revision.connect(self)
        connect_sign_in()


def connect_sign_in():
    from django.contrib.auth.signals import user_logged_in

    from toolkit.middleware import note_sign_in

    # Starts a session's idle clock when it is made, so the pages after signing in do not write it.
    user_logged_in.connect(note_sign_in, dispatch_uid="toolkit-session-activity")
