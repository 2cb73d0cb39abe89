"""One real worker: with the database backend asking for a report queues it, and
``manage.py db_worker --batch`` (django-tasks-db) makes it."""

import io
import logging
import signal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tests.reports.conftest import client_for, files_under
from toolkit.models import Export, ReportJob

SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)
LOGGERS = ("django_tasks", "django_tasks_db")


@pytest.fixture
def worker_leaves_no_trace(monkeypatch):
    """The worker takes over the stop signals and sets its loggers' levels: both are given back.
    Between tasks it closes stale database connections, which inside the test's transaction
    would close the test's own connection (on PostgreSQL), so it does not here."""
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)
    handlers = {s: signal.getsignal(s) for s in SIGNALS}
    loggers = {name: (logging.getLogger(name).level, list(logging.getLogger(name).handlers)) for name in LOGGERS}
    yield
    for number, handler in handlers.items():
        signal.signal(number, handler)
    for name, (level, kept) in loggers.items():
        logging.getLogger(name).setLevel(level)
        logging.getLogger(name).handlers[:] = kept


def test_the_database_worker_makes_the_queued_report(readiness, officer, settings, media, worker_leaves_no_trace):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client = client_for(officer)
    response = client.post(reverse("toolkit:assessment-summary-pdf", args=[readiness.pk]))
    job = ReportJob.objects.get()
    task = DBTaskResult.objects.get()
    assert (response["Location"], job.status, job.task_id, task.status, task.args_kwargs, Export.objects.count()) == (
        job.get_absolute_url(), "queued", str(task.id), "READY", {"args": [str(job.pk)], "kwargs": {}}, 0
    )

    output = io.StringIO()
    call_command("db_worker", batch=True, reload=False, startup_delay=False, interval=0, stdout=output)

    job.refresh_from_db()
    task.refresh_from_db()
    export = Export.objects.get()
    assert (job.status, job.export, job.error, task.status, task.return_value) == ("done", export, "", "SUCCESSFUL", "done")
    assert files_under(media) == [export.file.name] and export.file.size == export.size
    page = client.get(job.get_absolute_url()).content.decode()
    assert f'<a class="govuk-link" href="{reverse("toolkit:export-download", args=[export.pk])}" download>Download PDF' in page
