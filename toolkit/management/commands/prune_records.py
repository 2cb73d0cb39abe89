from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.core.management import BaseCommand, call_command
from django.utils import timezone


class Command(BaseCommand):
    help = (
        "Delete what the privacy page says is kept only for a while: sessions that have ended, and sign-in records "
        "(each sign-in and sign-out, and failed attempts) older than SIGN_IN_RECORDS_DAYS. Run it once a day."
    )

    def handle(self, *args, **options):
        call_command("clearsessions")
        # Sign-in throttling's records (django-axes), when it is installed.
        if apps.is_installed("axes"):
            before = timezone.now() - timedelta(days=settings.SIGN_IN_RECORDS_DAYS)
            for name in ("AccessLog", "AccessAttempt", "AccessFailureLog"):
                apps.get_model("axes", name).objects.filter(attempt_time__lte=before).delete()
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Deleted ended sessions and sign-in records older than {settings.SIGN_IN_RECORDS_DAYS} days."))
