"""`manage.py backup` and `manage.py restore`: the demo's data backed up, the database emptied,
restored, and every report says, byte for byte, what it said before; a second backup is the
first. A restore refuses a database that holds anything."""

import gzip
import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import connection
from django.template.loader import render_to_string

from toolkit import content_cache, steps
from toolkit.models import Answer, Assessment, Export, Partnership, Step

pytestmark = pytest.mark.django_db
GENERATED_AT = datetime(2026, 5, 1, 9, 30, tzinfo=ZoneInfo("Europe/London"))


def reports() -> dict:
    """(report, subject) -> its page body and PDF HTML, for every report the data has."""
    cache.clear()
    content_cache.forget_here()  # worked out from the database, never from what was kept
    subjects = [(steps.READINESS, a) for a in Assessment.objects.filter(step=Step.SELF).exclude(status="in_progress").order_by("pk")]
    subjects += [(steps.COMPATIBILITY, p) for p in Partnership.objects.order_by("pk") if steps.COMPATIBILITY.ready(p)]
    subjects += [(steps.BUSINESS_CASE, a) for a in Assessment.objects.filter(step=Step.DESIGN).order_by("pk")]
    found = {}
    for result, subject in subjects:
        context = {**result.build(subject), "generated_at": GENERATED_AT}
        # The page's body (for the reports whose page keeps one) and the PDF's HTML.
        body = render_to_string(result.body_template, context) if result.body_template else ""
        found[(result.title, str(subject))] = (body, render_to_string(result.pdf_template, context))
    return found


def records(path) -> list:
    """The backup's records. Times are kept to the millisecond (Django's JSON), written "…07Z"
    once restored where they were "…07.000Z" with a few microseconds; an assessment's revision is
    left out, as the database moves it on as rows are loaded (toolkit/business_case/revision.py)
    and it only names cache keys."""
    with gzip.open(path, "rt") as file:
        rows = json.load(file)
    for row in rows:
        if row["model"] == "toolkit.assessment":
            row["fields"].pop("revision", None)
        row["fields"] = {k: re.sub(r"\.000Z$", "Z", v) if isinstance(v, str) else v for k, v in row["fields"].items()}
    return rows


def empty_the_database():
    """Leave what `migrate` leaves in a new database. PostgreSQL empties tables only once the
    test's transaction has checked its foreign keys, which it otherwise defers to the end."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@pytest.fixture
def demo(settings, tmp_path):
    settings.DEBUG = True  # seed_demo makes its accounts only with DEBUG on
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("seed_demo", verbosity=0)
    # A report made, so the exports' records are in the backup too.
    from toolkit.exports import export_result

    export_result(steps.get(Step.SELF), Assessment.objects.get(step=Step.SELF, council__slug="merton"), get_user_model().objects.get(username="merton-pm"))


def test_a_restored_backup_gives_every_report_byte_for_byte(demo, tmp_path):
    before = reports()
    assert {title for title, _ in before} == {"Readiness summary", "Compatibility report", "Business-case outline"}
    counts = {"users": get_user_model().objects.count(), "answers": Answer.objects.count(), "exports": Export.objects.count(), "history": Answer.history.count()}
    call_command("backup", str(tmp_path / "first.json.gz"), verbosity=0)

    empty_the_database()
    assert Answer.objects.count() == 0
    call_command("restore", str(tmp_path / "first.json.gz"), verbosity=0)

    assert reports() == before
    after = {"users": get_user_model().objects.count(), "answers": Answer.objects.count(), "exports": Export.objects.count(), "history": Answer.history.count()}
    assert after == counts and counts["history"] > 0
    call_command("backup", str(tmp_path / "second.json.gz"), verbosity=0)
    assert records(tmp_path / "second.json.gz") == records(tmp_path / "first.json.gz")


def test_the_backup_leaves_out_what_migrate_makes_and_what_lives_only_while_in_use(demo, tmp_path, client):
    from django_tasks_db.models import DBTaskResult

    # One of each left out, so leaving it out is seen: a session, a queued task, a version.
    client.force_login(get_user_model().objects.get(username="merton-pm"))
    DBTaskResult.objects.create(task_path="toolkit.reports.jobs.make_report", args_kwargs={"args": ["x"], "kwargs": {}}, backend_name="default")
    content_cache.bump()
    call_command("backup", str(tmp_path / "backup.json.gz"), verbosity=0)
    models = {row["model"] for row in records(tmp_path / "backup.json.gz")}
    assert {"auth.user", "toolkit.council", "toolkit.answer", "toolkit.export", "toolkit.signoff", "audit.historicalanswer"} <= models
    left_out = {"contenttypes.contenttype", "auth.permission", "sessions.session", "toolkit.contentversion", "django_tasks_database.dbtaskresult"}
    assert not models & left_out
    assert DBTaskResult._meta.label_lower in left_out  # the label is the app's real one


def test_a_restore_refuses_a_database_that_holds_anything(demo, tmp_path):
    call_command("backup", str(tmp_path / "backup.json.gz"), verbosity=0)
    answers = Answer.objects.count()
    with pytest.raises(CommandError, match=r"^The database is not empty \(.*\): restore only into a new, migrated database\.$"):
        call_command("restore", str(tmp_path / "backup.json.gz"), verbosity=0)
    assert Answer.objects.count() == answers


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL reads each table afresh unless told otherwise; SQLite cannot")
@pytest.mark.django_db(transaction=True)
def test_a_backup_taken_while_the_service_is_in_use_reads_every_table_at_one_moment(tmp_path, monkeypatch):
    """A council added by another connection once the backup has begun is not in it, though its
    table is read afterwards: every table is read as it was when the backup began."""
    from django.core.serializers import python

    from tests import factories
    from tests.threads import on_another_connection
    from toolkit.models import Council

    factories.user("early", council=factories.council("early-council"))
    original, added = python.Serializer.start_object, []

    def start_object(self, obj):
        if not added:
            added.append(obj._meta.label)
            on_another_connection(lambda: factories.council("added-meanwhile"))
        return original(self, obj)

    monkeypatch.setattr(python.Serializer, "start_object", start_object)
    call_command("backup", str(tmp_path / "backup.json"), verbosity=0)
    with open(tmp_path / "backup.json") as file:
        councils = sorted(row["fields"]["slug"] for row in json.load(file) if row["model"] == "toolkit.council")
    assert added and added[0] != "toolkit.council"  # the council table was read after the other connection's commit
    in_database = sorted(Council.objects.values_list("slug", flat=True))
    assert "added-meanwhile" in in_database and "early-council" in councils
    assert councils == [slug for slug in in_database if slug != "added-meanwhile"]


def test_reports_asked_for_but_not_made_are_failed_by_a_restore_to_be_asked_for_again(demo, tmp_path):
    """The backup has no task queue: a request still queued or being made would wait for ever."""
    from toolkit.models import ReportJob

    merton = Assessment.objects.get(step=Step.SELF, council__slug="merton")
    asked = {
        status: ReportJob.objects.create(kind="readiness", format="pdf", assessment=merton, status=status, error="")
        for status in ("queued", "running", "failed")
    }
    call_command("backup", str(tmp_path / "backup.json.gz"), verbosity=0)
    empty_the_database()
    call_command("restore", str(tmp_path / "backup.json.gz"), verbosity=0)
    restored = {status: ReportJob.objects.get(pk=job.pk) for status, job in asked.items()}
    assert {status: (job.status, job.error) for status, job in restored.items()} == {
        "queued": ("failed", "It was not made before the service was restored from a backup. Try again."),
        "running": ("failed", "It was not made before the service was restored from a backup. Try again."),
        "failed": ("failed", ""),
    }
    assert restored["queued"].finished_at is not None
