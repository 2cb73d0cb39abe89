"""A programme manager's export pack of a partnership, and an administrator's readiness
summaries of several councils: what each ZIP holds, what it leaves out, and why."""

import io
import zipfile
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from tests.reports.conftest import client_for, files_under, self_assessment
from toolkit.models import Export, ReportJob

MERTON, SUTTON, KINGSTON = "London Borough of Merton", "London Borough of Sutton", "Royal Borough of Kingston upon Thames"


def zip_of(client, response):
    download = client.get(response["Location"])
    assert download["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))


def made(export):
    when = timezone.localtime(export.created_at)
    return f"made on {date_format(when, 'j F Y')} at {when:%H:%M}"


def test_the_pack_holds_every_report_of_the_partnership_and_only_the_askers_readiness_summary(joint, ready_case, partnership, manager, partner_officer, sutton):
    merton_summary = self_assessment(manager.memberships.get().council, manager)
    self_assessment(sutton, partner_officer)  # private to Sutton: not in Merton's pack
    client = client_for(manager)
    response = client.post(reverse("toolkit:partnership-pack", args=["legal"]))
    job = ReportJob.objects.get()
    assert (response["Location"], job.status, job.filename.startswith("export-pack-legal-partnership-"), job.filename.endswith(".zip")) == (
        reverse("toolkit:report-job-download", args=[job.pk]), "done", True, True
    )
    archive = zip_of(client, response)
    assert archive.namelist() == [
        "contents.txt", "compatibility-report-legal-partnership.pdf", "business-case-outline-legal-partnership.pdf",
        "business-case-outline-legal-partnership.docx", "readiness-summary-london-borough-of-merton.pdf",
    ]
    compatibility, outline, word = Export.objects.filter(partnership=partnership).order_by("pk")
    summary = Export.objects.get(council__slug="merton")
    assert list(summary.assessments.all()) == [merton_summary]
    asked = timezone.localtime(job.finished_at)
    assert archive.read("contents.txt").decode().splitlines()[1:] == [
        f"Made on {date_format(asked, 'j F Y')} at {asked:%H:%M} for Manager Tester.",
        "",
        "What it holds:",
        f"- compatibility-report-legal-partnership.pdf: compatibility report (PDF), {made(compatibility)}",
        f"- business-case-outline-legal-partnership.pdf: business-case outline (PDF), {made(outline)}",
        f"- business-case-outline-legal-partnership.docx: business-case outline (Word document), {made(word)}",
        f"- readiness-summary-london-borough-of-merton.pdf: readiness summary (PDF), {made(summary)}",
        "",
        "What it leaves out:",
        f"- {SUTTON}'s readiness summary: a self assessment is private to its council.",
        f"- {KINGSTON}'s readiness summary: a self assessment is private to its council.",
    ]
    with summary.file.open("rb") as kept:
        assert archive.read("readiness-summary-london-borough-of-merton.pdf") == kept.read()
    page = client.get(job.get_absolute_url()).content.decode()
    assert "<li>business-case-outline-legal-partnership.docx</li>" in page
    assert f"<li>{SUTTON}&#x27;s readiness summary: a self assessment is private to its council.</li>" in page


def test_a_partner_councils_programme_manager_gets_their_own_councils_summary(joint, partnership, partner_manager, sutton, merton, officer):
    self_assessment(merton, officer)
    self_assessment(sutton, partner_manager)
    client = client_for(partner_manager)
    response = client.post(reverse("toolkit:partnership-pack", args=["legal"]))
    assert zip_of(client, response).namelist() == ["contents.txt", "compatibility-report-legal-partnership.pdf", "readiness-summary-london-borough-of-sutton.pdf"]
    assert ReportJob.objects.get().left_out == [
        "The business-case outline: the business case is not ready for sign-off yet.",
        f"{MERTON}'s readiness summary: a self assessment is private to its council.",
        f"{KINGSTON}'s readiness summary: a self assessment is private to its council.",
    ]


def test_a_pack_with_nothing_to_put_in_it_fails_and_says_why(partnership, manager):
    client = client_for(manager)
    response = client.post(reverse("toolkit:partnership-pack", args=["legal"]))
    job = ReportJob.objects.get()
    assert (response["Location"], job.status, job.file.name) == (job.get_absolute_url(), "failed", "")
    assert job.error == (
        "There is nothing to put in it yet. The compatibility report: it needs two member councils' submitted joint assessments. "
        "The business-case outline: the business case is not ready for sign-off yet. "
        f"{MERTON}'s readiness summary: it has no submitted self assessment. "
        f"{SUTTON}'s readiness summary: a self assessment is private to its council. "
        f"{KINGSTON}'s readiness summary: a self assessment is private to its council."
    )


def test_a_failure_after_the_zip_is_written_removes_it(readiness, merton, admin_user, media, monkeypatch):
    saved = ReportJob.save

    def fail_when_done(self, *args, **kwargs):
        if self.status == "done":
            raise OSError("the database went away")
        saved(self, *args, **kwargs)

    monkeypatch.setattr(ReportJob, "save", fail_when_done)
    response = client_for(admin_user).post(reverse("admin:toolkit_council_changelist"), {"action": "export_readiness_summaries", "_selected_action": [merton.pk]})
    job = ReportJob.objects.get()
    assert (response["Location"], job.status, job.file.name, job.contents) == (job.get_absolute_url(), "failed", "", [])
    # The summary made on the way is a whole report, kept; the ZIP is gone.
    assert files_under(media / "report-packs") == [] and [e.council for e in Export.objects.all()] == [merton]


def test_the_admin_action_zips_the_latest_readiness_summary_of_each_chosen_council(readiness, merton, sutton, kingston, partner_officer, officer, admin_user):
    earlier = self_assessment(merton, officer)
    earlier.submitted_at = readiness.submitted_at - timedelta(days=365)
    earlier.save()
    self_assessment(sutton, partner_officer)
    client = client_for(admin_user)
    changelist = reverse("admin:toolkit_council_changelist")
    assert "Download the latest readiness summary of each (one ZIP file)" in client.get(changelist).content.decode()
    response = client.post(changelist, {"action": "export_readiness_summaries", "_selected_action": [kingston.pk, sutton.pk, merton.pk]})
    job = ReportJob.objects.get()
    assert (job.kind, job.requested_by, sorted(c.slug for c in job.councils.all())) == ("readiness_bulk", admin_user, ["kingston", "merton", "sutton"])
    assert response["Location"] == reverse("toolkit:report-job-download", args=[job.pk])
    assert zip_of(client, response).namelist() == [
        "contents.txt", "readiness-summary-london-borough-of-merton.pdf", "readiness-summary-london-borough-of-sutton.pdf",
    ]
    assert job.left_out == [f"{KINGSTON}'s readiness summary: it has no submitted self assessment."]
    assert [e.assessments.get() for e in Export.objects.filter(council=merton)] == [readiness]
