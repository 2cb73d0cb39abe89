from django.core.management import BaseCommand, call_command
from toolkit import backup, snapshot


class Command(BaseCommand):
    help = (
        "Write every record of the service (users, councils, partnerships, assessments and answers, business cases, "
        "exports' records, the question bank, content and the audit trail) to a JSON file, gzipped when its name ends "
        "in .gz. Restore it with `restore` into an empty database. Exported files are in the file store: back it up too."
    )

    def add_arguments(self, parser):
        parser.add_argument("output", help="The file to write, e.g. backup-2026-05-01.json.gz")

    def handle(self, *args, output, **options):
        # Every table as it was when the backup began, so a change saved meanwhile is wholly in
        # it or not at all: an answer is never written without its assessment. Natural keys for
        # content types and permissions, which migrate makes anew in the database restored into
        # (their ids there may differ); every other row keeps its id.
        labels = backup.labels()
        with snapshot.one_moment(read_only=True):
            call_command("dumpdata", *labels, natural_foreign=True, output=output, verbosity=0)
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Backed up {len(labels)} kinds of record to {output}."))
