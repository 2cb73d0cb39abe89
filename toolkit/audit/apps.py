from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "toolkit.audit"
    label = "audit"
    verbose_name = "Audit trail"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from toolkit.audit import people

        people.connect()
