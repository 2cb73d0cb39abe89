from django.core.cache import cache
from django.core.management import BaseCommand, CommandError, call_command
from django.db import transaction

from toolkit import backup, content_cache
from toolkit.models import Export
from toolkit.reports import jobs


class Command(BaseCommand):
    help = (
        "Load a backup made by `backup` into an empty database (run `migrate` first). Refuses a database that holds "
        "any record already. Exported files come back with the file store's own backup."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A file made by `python manage.py backup`")

    def handle(self, *args, file, **options):
        try:
            rows = backup.not_empty()
        except LookupError as problem:
            raise CommandError(str(problem))
        if rows:
            held = ", ".join(f"{count} {label}" for label, count in sorted(rows.items())[:5])
            raise CommandError(f"The database is not empty ({held}{', ...' if len(rows) > 5 else ''}): restore only into a new, migrated database.")
        with transaction.atomic():
            call_command("loaddata", file, verbosity=0)
            jobs.fail_unfinished_after_restore()
            # Whatever a cache holds was read from another database: a new content version
            # stops every server using it, and this server's cache is emptied.
            content_cache.bump()
        cache.clear()
        content_cache.forget_here()
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Restored {file}."))
            # One look in the file store per export (a request each for a remote one), so only when said.
            missing = [e for e in Export.objects.exclude(file="") if not e.file.storage.exists(e.file.name)]
            if missing:
                self.stdout.write(
                    f"{len(missing)} of {Export.objects.count()} exported files are not in the file store: restore it from its backup."
                )
