from datetime import timedelta

from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
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
        days = settings.SIGN_IN_RECORDS_DAYS
        # Sign-in throttling's records (django-axes): its own clean-up for the logs; a lockout's
        # count of attempts has none by age.
        AxesProxyHandler.reset_logs(age_days=days)
        AxesProxyHandler.reset_failure_logs(age_days=days)
        AccessAttempt.objects.filter(attempt_time__lte=timezone.now() - timedelta(days=days)).delete()
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Deleted ended sessions and sign-in records older than {days} days."))
