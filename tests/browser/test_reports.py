"""A programme manager reads the readiness summary, downloads it as a PDF, and later finds an
earlier export in "Reports downloaded" and downloads it again."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import check_pdf
from toolkit import steps
from toolkit.exports import export_result
from toolkit.models import Assessment, Council

pytestmark = pytest.mark.browser

MERTON = "London Borough of Merton"


def open_merton_self_assessment(tab, username):
    tab.visit("/sign-in/")
    tab.sign_in(username)
    tab.click(tab.get_by_role("region", name=MERTON).get_by_role("link", name="Step 1: Self assessment"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Self assessment")


def test_a_programme_manager_reads_the_readiness_summary_and_downloads_it(browser_page):
    tab = browser_page
    open_merton_self_assessment(tab, "merton-pm")
    tab.click(tab.get_by_role("link", name=re.compile(r"^Readiness summary of ")))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Readiness summary")
    verdict = tab.get_by_role("heading", name=re.compile(r"^Verdict: ")).inner_text().removeprefix("Verdict: ")
    expect(tab.get_by_role("table", name="Readiness scores by theme, out of 100")).to_be_visible()
    expect(tab.get_by_role("heading", name="Strengths", exact=True)).to_be_visible()
    expect(tab.get_by_role("heading", name="Gaps to close", exact=True)).to_be_visible()
    expect(tab.get_by_text(re.compile(r"^Act on: ")).first).to_be_visible()

    tab.get_by_text("Show every question and answer").click()
    expect(tab.get_by_text("Are leaders committed to becoming a shared service?")).to_be_visible()

    download = tab.download(tab.get_by_role("button", name="Download as PDF"))
    assert re.fullmatch(r"readiness-summary-london-borough-of-merton-.+\.pdf", download.suggested_filename)
    text = check_pdf(download.path(), MERTON, verdict)
    assert "Gaps to close" in text

    # How the verdict is reached.
    tab.click(tab.get_by_role("link", name="How we score", exact=True))
    expect(tab.get_by_role("heading", level=1)).to_have_text("How we score and compare")


def test_a_programme_manager_downloads_an_earlier_export_again(browser_page):
    # An officer made a PDF for a board some time ago.
    merton = Council.objects.get(slug="merton")
    assessment = Assessment.objects.get(council=merton, step="self", status=Assessment.Status.SUBMITTED)
    earlier, _ = export_result(steps.get("self"), assessment, merton.members.get(username="merton-officer"))
    with earlier.file.open("rb") as f:
        made_then = f.read()

    tab = browser_page
    open_merton_self_assessment(tab, "merton-pm")
    tab.click(tab.get_by_role("link", name=f"Reports downloaded for {MERTON}"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Reports downloaded")
    row = tab.get_by_role("row").filter(has_text="Merton Officer")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Readiness summary")

    download = tab.download(row.get_by_role("link", name=re.compile(r"^Download PDF")))
    assert download.suggested_filename == earlier.filename
    with open(download.path(), "rb") as f:
        assert f.read() == made_then, "the report downloaded again differs from the one made earlier"
    verdict = assessment_verdict(assessment)
    check_pdf(download.path(), MERTON, verdict)


def assessment_verdict(assessment):
    from toolkit.readiness.report import readiness_summary

    return readiness_summary(assessment)["verdict"]
