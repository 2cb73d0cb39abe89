"""An officer does a whole self assessment in the browser, with JavaScript on and with it off:
a mistake and its correction, "Save and come back later", signing out and back in to carry on,
changing an answer from "Check your answers", submitting, the readiness summary and its PDF."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import add_comment, answer, check_pdf, default_answer, expect_error, self_assessment_bank

pytestmark = pytest.mark.browser

# Answers that differ from the first option, to open the questions that depend on them.
CHOSEN = {
    "self-portfolio-briefed": "No",  # shows "By when will the portfolio members be briefed?"
    "self-sovereignty-concerns": "Yes",  # shows "What are the concerns, ..."
    "contracts-tie-in": "Yes",  # shows the contract's end date and exit costs
    "self-briefing-date": (1, 9, 2026),
    "contract-end-date": (31, 3, 2028),
}
COSTS_SECTION = "Our costs and performance"
BUDGET = "What is the annual budget of the service we are thinking of sharing?"
SERVICES = "Which service or services are we thinking of sharing?"
SAVING = "What saving would make sharing worthwhile for us, as a percentage of the service's budget?"


def answer_all(page, questions, skip=()):
    for question in questions:
        if question["key"] in skip:
            continue
        answer(page, question, CHOSEN.get(question["key"], default_answer(question)))


def save_and_continue(tab, title):
    expect(tab.get_by_role("heading", level=1)).to_have_text(title)
    tab.click(tab.get_by_role("button", name="Save and continue"))


@pytest.mark.parametrize(
    "javascript, username, council",
    [
        pytest.param(True, "kingston-officer", "Royal Borough of Kingston upon Thames", id="javascript"),
        pytest.param(False, "richmond-officer", "London Borough of Richmond upon Thames", id="no-javascript"),
    ],
)
def test_an_officer_completes_a_self_assessment(open_browser, javascript, username, council):
    tab = open_browser(javascript=javascript)
    sections = self_assessment_bank()

    # Sign in and start from the dashboard.
    tab.visit("/")
    assert tab.evaluate("document.body.classList.contains('js-enabled')") is javascript
    tab.click(tab.get_by_role("button", name="Sign in to start"))
    tab.sign_in(username)
    expect(tab.get_by_role("heading", level=1)).to_have_text("Dashboard")
    council_tasks = tab.get_by_role("region", name=council)
    tab.click(council_tasks.get_by_role("link", name="Step 1: Self assessment"))
    tab.click(tab.get_by_role("button", name="Start the self assessment"))
    expect(tab.get_by_text(f"You have completed 0 of {len(sections)} sections")).to_be_visible()
    tab.click(tab.get_by_role("button", name="Continue"))

    # The gate questions: a mistake (nothing answered), then its correction.
    title, gates = sections[0]
    expect(tab.get_by_role("heading", level=1)).to_have_text(title)
    tab.click(tab.get_by_role("button", name="Save and continue"))  # the check moves focus to the summary
    assert tab.title().startswith("Error: ")
    expect_error(tab, "Select yes or no")
    expect(tab.get_by_text("Error: Select yes or no")).to_have_count(len(gates))
    if javascript:  # GOV.UK Frontend's error summary: its link takes focus to the question
        tab.get_by_role("alert").get_by_role("link", name="Select yes or no").first.click()
        expect(tab.get_by_role("group", name=gates[0]["text"]).get_by_label("Yes")).to_be_focused()
    answer_all(tab, gates)
    save_and_continue(tab, title)

    # What we want to achieve, with a comment.
    title, questions = sections[1]
    answer_all(tab, questions)
    add_comment(tab, questions[1], "Agreed at the corporate management team in May.")
    save_and_continue(tab, title)

    # Costs and performance: part of it, then "Save and come back later".
    title, questions = sections[2]
    expect(tab.get_by_role("heading", level=1)).to_have_text(title)
    assert title == COSTS_SECTION
    tab.get_by_label(BUDGET, exact=True).fill("2400000")
    answer(tab, questions[2], "Partly")
    tab.click(tab.get_by_role("button", name="Save and come back later"))
    expect(tab.get_by_text("Your answers have been saved. You can come back to them at any time.")).to_be_visible()
    expect(tab.get_by_text(f"You have completed 2 of {len(sections)} sections")).to_be_visible()
    expect(tab.get_by_role("listitem").filter(has_text=COSTS_SECTION)).to_contain_text("In progress")

    # Sign out, sign back in, and carry on where we left off.
    tab.sign_out()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Plan a shared service with other councils")
    tab.click(tab.get_by_role("link", name="Sign in", exact=True))
    tab.sign_in(username)
    tab.click(tab.get_by_role("region", name=council).get_by_role("link", name="Step 1: Self assessment"))
    tab.click(tab.get_by_role("button", name="Continue the self assessment"))
    tab.click(tab.get_by_role("button", name="Continue"))
    expect(tab.get_by_role("heading", level=1)).to_have_text(COSTS_SECTION)
    expect(tab.get_by_label(BUDGET, exact=True)).to_have_value(re.compile(r"^2,?400,?000(\.00)?$"))
    expect(tab.get_by_role("group", name=questions[2]["text"]).get_by_label("Partly", exact=True)).to_be_checked()
    answer_all(tab, questions, skip={"self-annual-budget", questions[2]["key"]})
    save_and_continue(tab, title)

    # The rest, one page at a time; on the last, a percentage over 100 and its correction.
    for title, questions in sections[3:-1]:
        answer_all(tab, questions)
        save_and_continue(tab, title)
    title, questions = sections[-1]
    answer_all(tab, questions)
    tab.get_by_label(SAVING, exact=True).fill("150")
    tab.click(tab.get_by_role("button", name="Save and continue"))
    expect_error(tab, "Enter a percentage of 100 or less")
    tab.get_by_label(SAVING, exact=True).fill("15")
    save_and_continue(tab, title)

    # Check your answers, and change one.
    expect(tab.get_by_role("heading", level=1)).to_have_text("Check your answers")
    row = tab.get_by_role("term").filter(has_text=SERVICES).locator("..")
    expect(row).to_contain_text("Legal services")
    expect(tab.get_by_text("Comment: Agreed at the corporate management team in May.")).to_be_visible()
    tab.click(tab.get_by_role("link", name=f"Change {SERVICES}"))
    expect(tab.get_by_label(SERVICES, exact=True)).to_have_value("Legal services")
    tab.get_by_label(SERVICES, exact=True).fill("Legal and democratic services")
    tab.click(tab.get_by_role("button", name="Save and return to check your answers"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(row).to_contain_text("Legal and democratic services")

    # Submit.
    tab.click(tab.get_by_role("button", name="Submit assessment"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Assessment submitted")
    expect(tab.get_by_role("main")).to_contain_text(council)

    # The readiness summary and its PDF.
    tab.click(tab.get_by_role("link", name="View the readiness summary"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Readiness summary")
    verdict = tab.get_by_role("heading", name=re.compile(r"^Verdict: ")).inner_text().removeprefix("Verdict: ")
    download = tab.download(tab.get_by_role("button", name="Download as PDF"))
    assert download.suggested_filename.endswith(".pdf")
    check_pdf(download.path(), council, verdict)

    # The PDF is kept in "Reports downloaded".
    tab.click(tab.get_by_role("link", name="Earlier downloads"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Reports downloaded")
    expect(tab.get_by_role("row").filter(has_text="Readiness summary")).to_have_count(1)


def test_a_new_self_assessment_starts_from_the_last_answers(browser_page):
    """Merton's officer starts again a year on: the answers are copied, ready to check and submit."""
    tab = browser_page
    tab.visit("/sign-in/")
    tab.sign_in("merton-officer")
    merton = tab.get_by_role("region", name="London Borough of Merton")
    tab.click(merton.get_by_role("link", name="Step 1: Self assessment"))
    tab.click(tab.get_by_role("button", name="Start a new self assessment"))
    expect(tab.get_by_role("alert")).to_contain_text("We have copied your council's answers")
    expect(tab.get_by_role("heading", level=2, name="Every section is complete")).to_be_visible()
    tab.click(tab.get_by_role("button", name="Check your answers"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Check your answers")
    expect(tab.get_by_role("button", name="Submit assessment")).to_be_visible()

    # Back on the dashboard the first step is in progress again.
    tab.click(tab.get_by_role("link", name="Dashboard"))
    expect(merton.get_by_role("listitem").filter(has_text="Step 1: Self assessment")).to_contain_text("In progress")
