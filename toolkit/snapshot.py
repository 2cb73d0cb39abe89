"""Reading several tables as they were at one moment.

PostgreSQL's default isolation (read committed) reads each statement afresh, so a page or a
backup that reads table after table can see one save's changes in a later table and not in an
earlier one. A repeatable-read transaction reads them all from the snapshot taken at its first
statement. SQLite's transaction already reads one state of the file throughout.
"""

from contextlib import contextmanager

from django.db import connection, transaction


@contextmanager
def one_moment(read_only=False):
    """A transaction whose reads all see the database as it was when it began. Inside one that
    has already read something (as in tests), PostgreSQL cannot change it, and it is left as it is."""
    with transaction.atomic():
        if connection.vendor == "postgresql" and len(connection.atomic_blocks) == 1:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ" + (", READ ONLY" if read_only else ""))
        yield
