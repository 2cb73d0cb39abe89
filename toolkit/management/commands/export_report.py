from pathlib import Path

from django.core.management import BaseCommand, CommandError

from toolkit.exports import export_readiness
from toolkit.models import Assessment, Council, Step


class Command(BaseCommand):
    help = "Write the PDF of a council's latest submitted self assessment (or the one given) and record the export."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=["self"], help="Which report: 'self' for the readiness summary.")
        parser.add_argument("--council", required=True, help="The council's slug, e.g. merton.")
        parser.add_argument("--assessment", type=int, help="A submitted assessment's id; defaults to the latest.")
        parser.add_argument("--output", help="Where to write the PDF; defaults to the stored file's name here.")

    def handle(self, *args, kind, council, assessment=None, output=None, **options):
        try:
            found_council = Council.objects.get(slug=council)
        except Council.DoesNotExist:
            raise CommandError(f"No council with the slug '{council}'.")
        submitted = Assessment.objects.filter(
            council=found_council, partnership__isnull=True, questionnaire__step=Step.SELF, status=Assessment.Status.SUBMITTED
        ).select_related("questionnaire", "council")
        if assessment is not None:
            submitted = submitted.filter(pk=assessment)
        found = submitted.order_by("-submitted_at").first()
        if found is None:
            raise CommandError(f"{found_council} has no submitted self assessment{' with that id' if assessment else ''}.")
        export, _ = export_readiness(found, user=None)
        path = Path(output or export.filename)
        with export.file.open("rb") as stored:
            path.write_bytes(stored.read())
        self.stdout.write(f"Wrote {path} ({export.size:,} bytes): readiness summary for {found_council}, export {export.pk}.")
