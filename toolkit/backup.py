"""What a backup holds and what a restore needs: ``manage.py backup`` and ``manage.py restore``.

A backup is every row of every installed app's tables as JSON (Django's dumpdata; gzipped when
the file name ends in .gz), ids kept, so the links between rows, the exports' records of what
each report was made from and the audit trail all come back as they were. Left out:

- what ``migrate`` makes by itself: content types and permissions (rows pointing at them are
  written with their natural keys: app, model and codename), and the content version, a counter
  that only names cache keys (a restore moves it on, so nothing cached before is used);
- what lives only while in use: sessions (everyone signs in again), the task queue (a restore
  fails each report requested but not yet made, so it can be asked for again), and
  sign-in attempts (django-axes), which only matter for the minutes of a lockout.

The exported files themselves are in the file store (MEDIA_ROOT or FILE_STORAGE), backed up with
it: see README, "Backing up and restoring".
"""

from django.apps import apps
from django.db import connection

# App labels and model labels (lower case) left out, as the module's docstring explains.
LEFT_OUT = {"contenttypes", "auth.permission", "toolkit.contentversion", "sessions", "django_tasks_database", "axes"}


def models_kept() -> list:
    """Every model whose rows a backup holds, in no particular order (dumpdata sorts them)."""
    return [
        model
        for model in apps.get_models()
        if model._meta.app_label not in LEFT_OUT and model._meta.label_lower not in LEFT_OUT and model._meta.managed
        and not model._meta.proxy
    ]


def labels() -> list:
    return [model._meta.label for model in models_kept()]


def not_empty() -> dict:
    """{model label: rows} for each kept model with rows: a restore goes only into a database with
    none, so nothing in it is silently mixed with or overwritten by the backup."""
    tables, kept = set(connection.introspection.table_names()), models_kept()
    missing = [model._meta.db_table for model in kept if model._meta.db_table not in tables]
    if missing:
        raise LookupError(f"The database has no table {missing[0]}: run `python manage.py migrate` first.")
    found = {}
    for model in kept:
        count = model._base_manager.count()
        if count:
            found[model._meta.label] = count
    return found
