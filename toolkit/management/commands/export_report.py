from pathlib import Path

from django.core.management import BaseCommand, CommandError

from toolkit import steps
from toolkit.exports import NoResult, export_result
from toolkit.models import Assessment, Council, Partnership


class Command(BaseCommand):
    help = (
        "Write the PDF report of an owner's latest submitted assessment of a step (or the one given) "
        "and record the export. A self assessment belongs to a council; a joint assessment's report "
        "and a business case belong to a partnership. It runs at once, without the task queue; a report "
        "unchanged since it was last made is the file already kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("step", choices=list(steps.STEPS), help="Which step's report: self, joint or design.")
        owner = parser.add_mutually_exclusive_group(required=True)
        owner.add_argument("--council", help="The council's slug, e.g. merton.")
        owner.add_argument("--partnership", help="The partnership's slug, e.g. south-london-legal.")
        parser.add_argument("--assessment", type=int, help="A submitted assessment's id; defaults to the latest.")
        parser.add_argument("--output", help="Where to write the file; defaults to the stored file's name here.")
        parser.add_argument("--format", choices=["pdf", "docx"], default="pdf", help="A PDF, or a Word document where the report has one (the business case).")

    def handle(self, *args, step, council=None, partnership=None, assessment=None, output=None, format="pdf", **options):
        kind = steps.get(step)
        self.format = format
        if kind.result is None:
            raise CommandError(f"The {kind.noun} has no report yet, so there is nothing to export.")
        if format == "docx" and not kind.result.word_builder:
            raise CommandError(f"The {kind.result.title.lower()} is made as a PDF only.")
        wanted = "council" if kind.owner == steps.COUNCIL else "partnership"
        if (council if wanted == "council" else partnership) is None:
            raise CommandError(f"A {kind.result.title.lower()} belongs to a {wanted}: give --{wanted}.")
        owner = self.find_owner(council, partnership)
        if kind.result.of_partnership:
            self.write(kind, owner, owner, output)
            return
        submitted = Assessment.objects.filter(step=step, status__in=self.finished()).select_related("questionnaire", "council", "partnership")
        submitted = submitted.filter(council=owner) if wanted == "council" else submitted.filter(partnership=owner)
        if assessment is not None:
            submitted = submitted.filter(pk=assessment)
        found = submitted.order_by("-submitted_at").first()
        if found is None:
            raise CommandError(f"{owner} has no submitted {kind.noun}{' with that id' if assessment else ''}.")
        self.write(kind, found, owner, output)

    def write(self, kind, subject, owner, output):
        try:
            export, _ = export_result(kind, subject, user=None, format=self.format)
        except NoResult as problem:
            raise CommandError(str(problem))
        path = Path(output or export.filename)
        with export.file.open("rb") as stored:
            path.write_bytes(stored.read())
        self.stdout.write(f"Wrote {path} ({export.size:,} bytes): {kind.result.title.lower()} for {owner}, export {export.pk}.")

    @staticmethod
    def finished():
        return [s for s in Assessment.Status.values if s != Assessment.Status.IN_PROGRESS]

    @staticmethod
    def find_owner(council, partnership):
        model, slug = (Council, council) if council else (Partnership, partnership)
        try:
            return model.objects.get(slug=slug)
        except model.DoesNotExist:
            raise CommandError(f"No {model._meta.verbose_name} with the slug '{slug}'.")
