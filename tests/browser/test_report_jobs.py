"""Reports made in the background, without JavaScript: a report asked for while a worker is set up
waits on its page, which says so and offers "Refresh this page"; a programme manager downloads
the partnership's export pack, whose page said beforehand what it holds."""

import io
import re
import zipfile

import pytest
from playwright.sync_api import expect

from toolkit.models import ReportJob
from toolkit.reports import jobs

pytestmark = pytest.mark.browser

MERTON = "London Borough of Merton"


def test_a_report_waits_for_the_worker_and_is_downloaded_after_refreshing(open_browser, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}  # queued, not run
    tab = open_browser(javascript=False)
    tab.visit("/sign-in/")
    tab.sign_in("merton-pm")
    tab.click(tab.get_by_role("region", name=MERTON).get_by_role("link", name="Step 1: Self assessment"))
    tab.click(tab.get_by_role("link", name=re.compile(r"^Readiness summary of ")))
    tab.click(tab.get_by_role("button", name="Download as PDF"))

    expect(tab.get_by_role("heading", level=1)).to_have_text("Readiness summary")
    expect(tab.get_by_text("Queued", exact=True)).to_be_visible()
    expect(tab.get_by_text("It is waiting its turn to be made.", exact=False)).to_be_visible()

    jobs.run(ReportJob.objects.get().pk)  # as the worker would
    tab.click(tab.get_by_role("link", name="Refresh this page"))
    expect(tab.get_by_text("Ready", exact=True)).to_be_visible()
    download = tab.download(tab.get_by_role("link", name=re.compile(r"^Download PDF")))
    assert re.fullmatch(r"readiness-summary-london-borough-of-merton-.+\.pdf", download.suggested_filename)


def test_a_programme_manager_downloads_the_partnerships_export_pack(open_browser):
    tab = open_browser(javascript=False)
    tab.visit("/sign-in/")
    tab.sign_in("merton-pm")
    tab.visit("/partnerships/south-london-legal/")
    expect(tab.get_by_role("heading", name="Export pack")).to_be_visible()
    expect(tab.get_by_text("Self assessments are private to each council, so the pack holds no other council's readiness summary.")).to_be_visible()

    # Five reports are made while the browser waits (the immediate backend): allow for a slow machine.
    download = tab.download(tab.get_by_role("button", name="Make the export pack"), timeout=120_000)
    assert re.fullmatch(r"export-pack-south-london-legal-partnership-.+\.zip", download.suggested_filename)
    with open(download.path(), "rb") as f:
        names = zipfile.ZipFile(io.BytesIO(f.read())).namelist()
    assert names == [
        "contents.txt", "compatibility-report-south-london-legal-partnership.pdf", "business-case-outline-south-london-legal-partnership.pdf",
        "business-case-outline-south-london-legal-partnership.docx", "readiness-summary-london-borough-of-merton.pdf",
    ]

    # Its page lists what it holds and what it leaves out.
    tab.visit(ReportJob.objects.get().get_absolute_url())
    expect(tab.get_by_role("heading", name="What it leaves out")).to_be_visible()
    expect(tab.get_by_text("London Borough of Sutton's readiness summary: a self assessment is private to its council.")).to_be_visible()
