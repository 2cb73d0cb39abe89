from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, call_command

from toolkit.models import Questionnaire

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


class Command(BaseCommand):
    help = (
        "Load the question bank and signposting content from fixtures/ into an empty database. "
        "Skips when questionnaires already exist, so admins' edits are never overwritten."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Load even if questionnaires exist (overwrites rows with the same ids).")

    def handle(self, *args, force=False, **options):
        if Questionnaire.objects.exists() and not force:
            if options["verbosity"]:
                self.stdout.write("The question bank is already loaded; nothing changed.")
            return
        fixtures = sorted(str(path) for path in FIXTURES_DIR.glob("*.json"))
        call_command("loaddata", *fixtures, verbosity=options["verbosity"])
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Loaded {len(fixtures)} fixture files."))
