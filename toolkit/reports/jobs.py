"""Asking for a report, and making it.

Asking (``ask_for_report``, ``ask_for_pack``, ``ask_for_readiness_of``) records a ``ReportJob``
and queues the task ``make_report`` with its id. With the immediate backend (development and
tests) the task runs at once, so the job is done when asking returns; with the database backend
a worker (``manage.py db_worker``) runs it, and the job's page says queued, running, done or
failed. Who may ask is for the views to check with ``toolkit.access``; the task makes what the
job says, in the name of the person who asked.

A single report whose content has not changed since it was last made is the export already
kept: asking finds it by its fingerprint (which builds the report's HTML, as its page does, but
not its PDF) and the job is done at once, with nothing queued.
"""

import logging

from django.core.files import File
from django.utils import timezone
from django_tasks import task

from toolkit import exports, steps
from toolkit.models import ReportJob
from toolkit.reports import packs

logger = logging.getLogger(__name__)

Kind, Status = ReportJob.Kind, ReportJob.Status

BROKE = "Something went wrong while it was being made. Try again; if it fails again, tell the service's administrators."
INTERRUPTED = "It was stopped before it was finished, because the service was restarting. Try again."
STALLED = "It stopped before it was finished: it was still being made after {minutes} minutes. Try again."
RESTORED = "It was not made before the service was restored from a backup. Try again."
NOT_QUEUED = "It could not be queued to be made. Try again; if it fails again, tell the service's administrators."


def step_for(kind) -> steps.StepKind:
    """The step whose report a single report's job makes."""
    return next(s for s in steps.STEPS.values() if s.result and s.result.export_kind == kind)


def ask_for_report(step, subject, user, format="pdf") -> ReportJob:
    """A job for a step's report of ``subject`` (a submitted assessment, or the partnership for
    a partnership's report). Raises ``exports.NoResult`` when there is no report to make."""
    prepared = exports.prepare(step, subject, format)
    of_partnership = step.result.of_partnership
    job = ReportJob(
        kind=step.result.export_kind, format=format, requested_by=user,
        assessment=None if of_partnership else subject, partnership=subject if of_partnership else None,
    )
    kept = exports.stored(prepared)
    if kept is None:
        job.save()
        return enqueue(job)
    job.export, job.started_at = kept, timezone.now()
    finish(job, Status.DONE)
    return job


def ask_for_pack(partnership, user) -> ReportJob:
    """A job for the partnership's export pack, holding what ``user`` may export."""
    return enqueue(ReportJob.objects.create(kind=Kind.PACK, format=ReportJob.Format.ZIP, partnership=partnership, requested_by=user))


def ask_for_readiness_of(councils, user) -> ReportJob:
    """A job for the latest readiness summary of each of ``councils``, in one ZIP."""
    job = ReportJob.objects.create(kind=Kind.READINESS_BULK, format=ReportJob.Format.ZIP, requested_by=user)
    job.councils.set(councils)
    return enqueue(job)


def ask_again(job, user) -> ReportJob:
    """A new job for what a failed one asked for (the failed one stays, as a record)."""
    if job.kind == Kind.PACK:
        return ask_for_pack(job.partnership, user)
    if job.kind == Kind.READINESS_BULK:
        return ask_for_readiness_of(job.councils.all(), user)
    step = step_for(job.kind)
    return ask_for_report(step, job.partnership if step.result.of_partnership else job.assessment, user, job.format)


def enqueue(job) -> ReportJob:
    try:
        result = make_report.enqueue(str(job.pk))
    except Exception:
        logger.exception("Report job %s could not be queued", job.pk)
        ReportJob.objects.filter(pk=job.pk, status=Status.QUEUED).update(status=Status.FAILED, error=NOT_QUEUED, finished_at=timezone.now())
    else:
        # Only the id: the immediate backend has run the job already, and saved what became of it.
        ReportJob.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.refresh_from_db()
    return job


@task()
def make_report(job_id: str) -> str:
    """The task: make what the job asks for. Returns what became of it."""
    return run(job_id)


def run(job_id) -> str:
    # Claim the job first, so a task run twice (queued again by hand, say) makes it once.
    if not ReportJob.objects.filter(pk=job_id, status=Status.QUEUED).update(status=Status.RUNNING, started_at=timezone.now()):
        return "not queued"
    job = ReportJob.objects.select_related("assessment", "partnership", "requested_by").get(pk=job_id)
    try:
        if job.format == ReportJob.Format.ZIP:
            make_zip(job)
        else:
            make_single(job)
    except BaseException as problem:
        fail(job, problem)
        raise  # so the task queue records the failure (and the traceback) too
    return job.status


def make_single(job):
    step = step_for(job.kind)
    subject = job.partnership if step.result.of_partnership else job.assessment
    job.export, _ = exports.export_result(step, subject, job.requested_by, format=job.format)
    finish(job, Status.DONE)


def make_zip(job):
    if job.kind == Kind.PACK:
        pack = packs.partnership_pack(job.partnership, job.requested_by)
    else:
        pack = packs.readiness_of(job.councils.order_by("name"), job.requested_by)
    if not pack.files:
        raise exports.NoResult(" ".join(["There is nothing to put in it yet.", *pack.left_out]))
    job.contents, job.left_out = [name for name, _ in pack.files], pack.left_out
    with packs.zipped(pack) as archive:
        # The job is done in the same transaction as its file is kept, or the file is removed.
        exports.keep_file(job.file, f"{pack.stem}-{timezone.localtime():%Y-%m-%d-%H%M%S}.zip", File(archive), lambda: finish(job, Status.DONE))


def finish(job, status, error=""):
    job.status, job.error, job.finished_at = status, error, timezone.now()
    job.save()


def fail(job, problem: BaseException):
    """Record why the job failed, in words for the person who asked; the details go to the log."""
    if isinstance(problem, exports.NoResult):
        reason = str(problem)
    elif isinstance(problem, Exception):
        logger.exception("Report job %s failed", job.pk)
        reason = BROKE
    else:  # the worker was told to stop (SIGTERM, Ctrl+C)
        reason = INTERRUPTED
    ReportJob.objects.filter(pk=job.pk).update(status=Status.FAILED, error=reason, finished_at=timezone.now(), export=None, file="")
    job.refresh_from_db()


def give_up_if_stalled(job) -> ReportJob:
    """A job running far longer than any report takes lost its worker: it is failed, so it can
    be asked for again."""
    now = timezone.now()
    if job.status == Status.RUNNING and job.started_at and job.started_at < now - ReportJob.STALLED_AFTER:
        minutes = int(ReportJob.STALLED_AFTER.total_seconds() // 60)
        ReportJob.objects.filter(pk=job.pk, status=Status.RUNNING).update(status=Status.FAILED, error=STALLED.format(minutes=minutes), finished_at=now)
        job.refresh_from_db()
    return job


def fail_unfinished_after_restore() -> int:
    """A backup holds report requests but not the task queue, so those not yet made when it was
    taken would wait for ever: they are failed, to be asked for again. Returns how many."""
    unfinished = ReportJob.objects.filter(status__in=[Status.QUEUED, Status.RUNNING])
    return unfinished.update(status=Status.FAILED, error=RESTORED, finished_at=timezone.now())
