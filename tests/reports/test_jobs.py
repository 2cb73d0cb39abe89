"""Asking for a report makes a job; the job's page says queued, running, done or failed; a failed
job can be asked for again; an unchanged report is the file already kept; a failure leaves no
file behind and no record without its file."""

import re
from datetime import timedelta
from html import unescape
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.reports.conftest import client_for, files_under
from toolkit import exports, steps
from toolkit.models import Council, Export, ReportJob
from toolkit.reports import jobs

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def pdf_url(assessment, format="pdf"):
    return reverse(f"toolkit:assessment-summary-{format}", args=[assessment.pk])


def shown(response) -> dict:
    """What a job's page tells the person: its status, the download, why it failed, what to do."""
    html = response.content.decode()
    main = html[html.index("<main"):html.index("</main>")]
    warning = re.search(r'<strong class="govuk-warning-text__text"><span class="govuk-visually-hidden">Warning</span>([^<]*)</strong>', main)
    download = re.search(r'<a class="govuk-link" href="([^"]+)" download>', main)
    return {
        "status": re.search(r'<strong class="govuk-tag[^"]*">([^<]*)</strong>', main)[1],
        "download": download[1] if download else None,
        "failed because": unescape(warning[1]) if warning else None,
        "try again": "Try again</button>" in main,
        "refresh": f'href="{response.request["PATH_INFO"]}">Refresh this page</a>' in main,
    }


def test_with_the_immediate_backend_the_report_is_made_at_once_and_the_post_sends_the_download(readiness, officer):
    client = client_for(officer)
    response = client.post(pdf_url(readiness))
    job, export = ReportJob.objects.get(), Export.objects.get()
    assert (response.status_code, response["Location"]) == (302, reverse("toolkit:export-download", args=[export.pk]))
    assert (job.kind, job.format, job.status, job.assessment, job.requested_by, job.export, job.error) == (
        "readiness", "pdf", "done", readiness, officer, export, ""
    )
    assert job.requested_at <= job.started_at <= job.finished_at and job.task_id != ""
    assert shown(client.get(job.get_absolute_url())) == {
        "status": "Ready", "download": reverse("toolkit:export-download", args=[export.pk]), "failed because": None, "try again": False, "refresh": False,
    }
    download = client.get(response["Location"])
    assert (download["Content-Type"], b"".join(download.streaming_content)[:5]) == ("application/pdf", b"%PDF-")


def test_with_a_worker_the_page_says_queued_then_running_then_ready(readiness, officer, settings):
    settings.TASKS = DUMMY  # queued and kept, not run: the test runs it as the worker would
    client = client_for(officer)
    response = client.post(pdf_url(readiness))
    job = ReportJob.objects.get()
    assert (response["Location"], job.status, Export.objects.count()) == (job.get_absolute_url(), "queued", 0)
    assert shown(client.get(response["Location"])) == {"status": "Queued", "download": None, "failed because": None, "try again": False, "refresh": True}

    ReportJob.objects.filter(pk=job.pk).update(status="running", started_at=timezone.now())
    assert shown(client.get(response["Location"]))["status"] == "Being made"
    ReportJob.objects.filter(pk=job.pk).update(status="queued", started_at=None)

    assert jobs.run(job.pk) == "done"
    assert jobs.run(job.pk) == "not queued"  # a task run twice makes the report once
    export = Export.objects.get()
    assert shown(client.get(response["Location"])) == {
        "status": "Ready", "download": reverse("toolkit:export-download", args=[export.pk]), "failed because": None, "try again": False, "refresh": False,
    }


def test_a_failure_says_why_and_trying_again_makes_the_report(readiness, officer, media):
    client = client_for(officer)
    with mock.patch("toolkit.exports.render_pdf", side_effect=RuntimeError("WeasyPrint fell over")):
        response = client.post(pdf_url(readiness))
    failed = ReportJob.objects.get()
    assert (response["Location"], failed.status, failed.export, Export.objects.count(), files_under(media)) == (
        failed.get_absolute_url(), "failed", None, 0, []
    )
    assert shown(client.get(response["Location"])) == {
        "status": "Failed", "download": None, "failed because": f"It could not be made. {jobs.BROKE}", "try again": True, "refresh": False,
    }

    again = client.post(reverse("toolkit:report-job-retry", args=[failed.pk]))
    export = Export.objects.get()
    retried = ReportJob.objects.exclude(pk=failed.pk).get()
    assert again["Location"] == reverse("toolkit:export-download", args=[export.pk])
    assert (retried.status, retried.export, retried.assessment, retried.format, retried.requested_by) == ("done", export, readiness, "pdf", officer)
    assert ReportJob.objects.get(pk=failed.pk).status == "failed"  # kept as it was, a record
    # Asking to try again what is no longer failed goes to what it became.
    assert client.post(reverse("toolkit:report-job-retry", args=[retried.pk]))["Location"] == again["Location"]


def test_a_report_that_cannot_be_made_says_why_in_the_words_of_the_report(readiness, officer, settings):
    settings.TASKS = DUMMY
    client_for(officer).post(pdf_url(readiness))
    job = ReportJob.objects.get()
    readiness.status = "in_progress"  # (an administrator's correction, say) between asking and making
    readiness.save()
    with pytest.raises(exports.NoResult):
        jobs.run(job.pk)
    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", "Only a submitted self assessment has a readiness summary.")


def test_a_worker_stopped_mid_report_leaves_the_job_failed_and_no_file(readiness, officer, settings, media):
    settings.TASKS = DUMMY
    client_for(officer).post(pdf_url(readiness))
    job = ReportJob.objects.get()
    with mock.patch("toolkit.exports.render_pdf", side_effect=SystemExit(1)), pytest.raises(SystemExit):
        jobs.run(job.pk)
    job.refresh_from_db()
    assert (job.status, job.error, Export.objects.count(), files_under(media)) == ("failed", jobs.INTERRUPTED, 0, [])


@pytest.mark.parametrize("minutes,status", [(29, "Being made"), (31, "Failed")])
def test_a_job_running_far_too_long_lost_its_worker_and_shows_as_failed(readiness, officer, settings, minutes, status):
    settings.TASKS = DUMMY
    client = client_for(officer)
    client.post(pdf_url(readiness))
    job = ReportJob.objects.get()
    ReportJob.objects.filter(pk=job.pk).update(status="running", started_at=timezone.now() - timedelta(minutes=minutes))
    page = shown(client.get(job.get_absolute_url()))
    stalled = "It could not be made. It stopped before it was finished: it was still being made after 30 minutes. Try again."
    assert (page["status"], page["failed because"], page["try again"]) == (status, stalled if status == "Failed" else None, status == "Failed")
    if status == "Failed":
        settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
        again = client.post(reverse("toolkit:report-job-retry", args=[job.pk]))
        assert again["Location"] == reverse("toolkit:export-download", args=[Export.objects.get().pk])


def test_an_unchanged_report_asked_for_again_is_the_file_already_kept(readiness, officer, manager):
    first = client_for(officer).post(pdf_url(readiness))
    export = Export.objects.get()
    with mock.patch("toolkit.exports.render_pdf", side_effect=AssertionError("rendered again")) as render:
        again = client_for(manager).post(pdf_url(readiness))
    assert render.call_count == 0
    assert (again["Location"], Export.objects.count()) == (first["Location"], 1)
    asked = ReportJob.objects.order_by("requested_at").last()
    assert (asked.requested_by, asked.status, asked.export_id, asked.task_id) == (manager, "done", export.pk, "")  # nothing queued

    # A change in what the report says (here, the council's name) makes a new one.
    Council.objects.filter(pk=readiness.council_id).update(name="London Borough of Merton and Morden")
    client_for(officer).post(pdf_url(readiness))
    assert Export.objects.count() == 2 and Export.objects.latest("created_at").fingerprint != export.fingerprint


def test_an_unchanged_word_document_is_the_one_already_kept_and_differs_from_the_pdf(ready_case, manager):
    client = client_for(manager)
    pdf, word = client.post(pdf_url(ready_case)), client.post(pdf_url(ready_case, "docx"))
    assert Export.objects.count() == 2 and pdf["Location"] != word["Location"]
    with mock.patch("toolkit.business_case.word.build", side_effect=AssertionError("rendered again")) as build:
        assert client.post(pdf_url(ready_case, "docx"))["Location"] == word["Location"]
    assert (build.call_count, Export.objects.count()) == (0, 2)


def test_the_export_command_reuses_an_unchanged_report_too(readiness, officer):
    first, _ = exports.export_result(steps.get("self"), readiness, officer)
    again, html = exports.export_result(steps.get("self"), readiness, None)
    assert (again.pk, again.created_by, "<dt>Verdict</dt><dd>Not ready yet</dd>" in html) == (first.pk, officer, True)


def test_a_kept_file_gone_missing_is_made_again(readiness, officer):
    first, _ = exports.export_result(steps.get("self"), readiness, officer)
    first.file.storage.delete(first.file.name)
    again, _ = exports.export_result(steps.get("self"), readiness, officer)
    assert (again.pk != first.pk, again.fingerprint == first.fingerprint, again.file.storage.exists(again.file.name)) == (True, True, True)


def test_a_failure_while_recording_the_export_removes_its_file(readiness, officer, media, monkeypatch):
    saved = Export.save

    def save_then_fail(self, *args, **kwargs):
        saved(self, *args, **kwargs)  # the file is written and the record saved ...
        raise OSError("the database went away")  # ... and then it fails before the end

    monkeypatch.setattr(Export, "save", save_then_fail)
    response = client_for(officer).post(pdf_url(readiness))
    job = ReportJob.objects.get()
    assert (response["Location"], job.status, job.error, Export.objects.count(), files_under(media)) == (
        job.get_absolute_url(), "failed", jobs.BROKE, 0, []
    )
