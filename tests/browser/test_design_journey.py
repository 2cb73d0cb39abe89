"""Step 3, the design, in the browser with axe and the suite's checks on every page: the
partners' programme managers sign the business case off and download its outline as a PDF and
a Word document (with JavaScript on and off); an officer opens a signed business case for
changes, which withdraws the sign-offs, edits its rows with "add another" and marks it ready
again; a partnership whose joint assessments are in conflict records why it goes ahead and
starts its business case; and what officers and outsiders are refused."""

import json
import re
from pathlib import Path

import docx
import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.helpers import check_pdf, expect_error, joint_assessment_bank
from tests.browser.test_joint_assessment_journey import (
    LEAVE_OUT,
    answer_every_section,
    chosen_answers,
    open_partnership,
)
from toolkit.models import Assessment, Step

pytestmark = pytest.mark.browser

SOUTH_LONDON = "South London Legal Partnership"
MERTON = "London Borough of Merton"
SUTTON = "London Borough of Sutton"
KINGSTON = "Royal Borough of Kingston upon Thames"
RICHMOND = "London Borough of Richmond upon Thames"
STAFFORD_CANNOCK = "Stafford and Cannock Chase Shared Services"
STAFFORD = "Stafford Borough Council"
CANNOCK_CHASE = "Cannock Chase District Council"
FIVE_CASES = ["The strategic case", "The economic case", "The commercial case", "The financial case", "The management case"]
DESIGN_QUESTIONNAIRE = Path(settings.BASE_DIR) / "fixtures" / "30_design.json"
JAVASCRIPT_ON_AND_OFF = pytest.mark.parametrize(
    "javascript", [pytest.param(True, id="javascript"), pytest.param(False, id="no-javascript")]
)


def design_sections():
    """The design questionnaire's section titles, in the Five Case Model's order."""
    rows = json.loads(DESIGN_QUESTIONNAIRE.read_text(encoding="utf-8"))
    sections = sorted((r["fields"] for r in rows if r["model"] == "toolkit.section"), key=lambda s: s["position"])
    return [s["title"] for s in sections]


def south_london_business_case():
    return Assessment.objects.get(step=Step.DESIGN, partnership__slug="south-london-legal")


def sign_in(tab, username):
    tab.visit("/sign-in/")
    tab.sign_in(username)
    expect(tab.get_by_role("heading", level=1)).to_have_text("Dashboard")


def sign_out_and_in(tab, username):
    tab.sign_out()
    tab.click(tab.get_by_role("link", name="Sign in", exact=True))
    tab.sign_in(username)


def open_business_case_from_partnership(tab, council):
    """Dashboard, the partnership's page, then its link to the business case's task list."""
    open_partnership(tab, council, SOUTH_LONDON)
    tab.click(tab.get_by_role("link", name=re.compile("open the business case")))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Design: the business case")


def download_outline(tab, button):
    download = tab.download(tab.get_by_role("button", name=button))
    assert download.suggested_filename.startswith("business-case-outline-south-london-legal-partnership-"), download.suggested_filename
    return download


def check_outline_pdf(path):
    """A tagged PDF with a title naming the partnership and its language set, whose text has the
    financial case and the payback."""
    text = check_pdf(path, SOUTH_LONDON, "The financial case")
    for case in FIVE_CASES:
        assert case in text, f"the PDF does not have {case!r}"
    assert re.search(r"Payback: \d+(\.\d+)? years", text), "the PDF does not give the payback"
    return text


def check_outline_docx(path):
    """A Word document whose first-level headings are the five cases, in order, as real headings."""
    document = docx.Document(str(path))
    headings = [p.text.strip() for p in document.paragraphs if p.style.name == "Heading 1"]
    assert [h for h in headings if h in FIVE_CASES] == FIVE_CASES, f"the Word document's headings: {headings}"
    assert SOUTH_LONDON in (document.core_properties.title or ""), "the Word document's title does not name the partnership"
    tables = document.tables
    assert tables and all(table.rows for table in tables), "the Word document has no tables"


# -- 1. sign-off by the last two partners, and both downloads --------------------------------------


@JAVASCRIPT_ON_AND_OFF
def test_the_last_partners_sign_off_and_download_the_outline(open_browser, javascript):
    tab = open_browser(javascript=javascript)

    # Kingston's programme manager signs in and opens "Step 3: Design" from the dashboard.
    sign_in(tab, "kingston-pm")
    assert tab.evaluate("document.body.classList.contains('js-enabled')") is javascript
    kingston = tab.get_by_role("region", name=KINGSTON)
    expect(kingston.get_by_role("listitem").filter(has_text="Step 3: Design")).to_contain_text("Awaiting sign-off")
    tab.click(kingston.get_by_role("link", name="Step 3: Design"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Design")

    # The business case's outline, from the partnership's part of the page.
    partnership = tab.get_by_role("region", name=SOUTH_LONDON)
    tab.click(partnership.get_by_role("link", name=re.compile("^Business-case outline")))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Business-case outline")
    expect(tab.get_by_role("heading", level=2, name="Ready for sign-off: 2 of 4 partners have signed")).to_be_visible()

    # It has the five cases in the Five Case Model's order, and the payback.
    cases = [h for h in tab.get_by_role("heading", level=2).all_inner_texts() if h in FIVE_CASES]
    assert cases == FIVE_CASES
    expect(tab.get_by_text(re.compile(r"Payback: \d+(\.\d+)? years\.")).first).to_be_visible()
    expect(tab.get_by_role("table", name="Combined: the partnership's figures by year")).to_be_visible()
    expect(tab.get_by_text(f"Still to sign: {RICHMOND}, {KINGSTON}.")).to_be_visible()

    # Back to the business case's task list: Kingston may sign.
    tab.click(tab.get_by_role("link", name="Back to the business case"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Design: the business case")
    expect(tab.get_by_text(re.compile(r"Awaiting sign-off\s+2 of 4 partners have signed"))).to_be_visible()
    expect(tab.get_by_text(f"{MERTON}: signed by Merton Programme Manager, Chief executive")).to_be_visible()
    tab.click(tab.get_by_role("button", name="Sign off for your council"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Sign off the business case")

    # Submitted empty (the name, filled in from the account, cleared): the error summary.
    tab.get_by_label("Your name").fill("")
    sign = tab.get_by_role("button", name="Sign off", exact=True)
    tab.click(sign)
    expect_error(tab, "Enter your name")
    expect_error(tab, "Enter the capacity in which you sign")
    expect_error(tab, "Confirm that you have read the business case and sign it off")

    # Name, capacity and the confirmation: Kingston's sign-off is recorded.
    tab.get_by_label("Your name").fill("Kingston Programme Manager")
    tab.get_by_label("The capacity in which you sign").fill("Chief executive")
    tab.get_by_label("I have read the business case and sign it off for my council").check()
    tab.click(sign)
    expect(tab.get_by_role("heading", level=1)).to_have_text("Design: the business case")
    expect(tab.get_by_text("Thank you: your council's sign-off is recorded.")).to_be_visible()
    expect(tab.get_by_text(f"{KINGSTON}: signed by Kingston Programme Manager, Chief executive")).to_be_visible()
    expect(tab.get_by_text(re.compile(rf"3 of 4 partners have signed. Still to sign: {RICHMOND}\.$"))).to_be_visible()
    expect(tab.get_by_role("button", name="Sign off for your council")).to_have_count(0)

    # Richmond's programme manager signs last, from the partnership's page.
    sign_out_and_in(tab, "richmond-pm")
    open_business_case_from_partnership(tab, RICHMOND)
    tab.click(tab.get_by_role("button", name="Sign off for your council"))
    tab.get_by_label("The capacity in which you sign").fill("Section 151 officer")
    tab.get_by_label("I have read the business case and sign it off for my council").check()
    tab.click(tab.get_by_role("button", name="Sign off", exact=True))
    expect(tab.get_by_text("Every partner has now signed: the business case is signed off.")).to_be_visible()
    expect(tab.get_by_text("Signed off", exact=True)).to_be_visible()
    expect(tab.get_by_text("Every partner council has signed off the business case.")).to_be_visible()

    # The outline says so, and names all four.
    tab.click(tab.get_by_role("link", name="View the business-case outline"))
    expect(tab.get_by_role("heading", level=2, name="Signed off by every partner")).to_be_visible()
    signed = tab.get_by_role("table", name="Signed for each partner council")
    for council in (MERTON, SUTTON, KINGSTON, RICHMOND):
        expect(signed.get_by_role("rowheader", name=council)).to_be_visible()

    # The PDF: tagged, titled, in English, with the financial case and the payback.
    pdf = download_outline(tab, "Download as PDF")
    assert pdf.suggested_filename.endswith(".pdf")
    check_outline_pdf(pdf.path())

    # The Word document: the five cases as headings.
    word = download_outline(tab, "Download as a Word document")
    assert word.suggested_filename.endswith(".docx")
    check_outline_docx(word.path())

    # "Earlier downloads" keeps both, each saying what it is; the PDF downloads again.
    tab.click(tab.get_by_role("link", name="Earlier downloads"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Reports downloaded")
    kept = tab.get_by_role("row").filter(has_text="Business-case outline")
    expect(kept).to_have_count(2)
    expect(kept.first).to_contain_text("Richmond Programme Manager")
    expect(kept.first.get_by_role("link", name=re.compile(r"^Download Word document\s*: business-case outline made "))).to_be_visible()
    again = tab.download(kept.last.get_by_role("link", name=re.compile(r"^Download PDF\s*: business-case outline made ")))
    assert again.suggested_filename == pdf.suggested_filename
    with open(again.path(), "rb") as kept_file, open(pdf.path(), "rb") as first:
        assert kept_file.read() == first.read(), "the PDF downloaded again differs from the one made"
    check_outline_pdf(again.path())


# -- 2. a change after sign-off, and editing the rows -------------------------------------------


def open_for_changes(tab):
    """From the business case's task list: "Make changes", its warning, and the confirmation."""
    tab.click(tab.get_by_role("link", name="Make changes to the business case"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Make changes to the business case")
    tab.click(tab.get_by_role("button", name="Open it for changes and withdraw the sign-offs"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Design: the business case")


def test_a_change_after_sign_off_warns_and_withdraws_every_sign_off(open_browser):
    tab = open_browser(javascript=False)

    # Merton's officer opens the business case that Merton and Sutton have signed.
    sign_in(tab, "merton-officer")
    open_business_case_from_partnership(tab, MERTON)
    expect(tab.get_by_role("button", name="Sign off for your council")).to_have_count(0)

    # "Make changes": the warning names the councils whose sign-offs go; Cancel changes nothing.
    tab.click(tab.get_by_role("link", name="Make changes to the business case"))
    warning = tab.locator(".govuk-warning-text")
    expect(warning).to_contain_text(f"withdraws the 2 sign-offs given ({MERTON}, {SUTTON})")
    tab.click(tab.get_by_role("link", name="Cancel"))
    expect(tab.get_by_text(re.compile(r"^Awaiting sign-off"))).to_be_visible()

    # Confirmed: the business case is open for changes and both sign-offs are withdrawn.
    open_for_changes(tab)
    expect(tab.get_by_role("alert")).to_contain_text("The business case is open for changes. 2 sign-offs were withdrawn")
    expect(tab.get_by_text("Every section is complete")).to_be_visible()
    expect(tab.get_by_role("heading", name="Sign-offs withdrawn")).to_be_visible()
    expect(tab.get_by_role("listitem").filter(has_text="withdrawn on")).to_have_count(2)

    # The partnership's page keeps the history: both sign-offs, now withdrawn.
    open_partnership(tab, MERTON, SOUTH_LONDON)
    expect(tab.get_by_text("In progress: open the business case")).to_be_visible()
    history = tab.get_by_role("table", name="Every sign-off given, and those withdrawn")
    for council in (MERTON, SUTTON):
        row = history.get_by_role("row").filter(has=tab.get_by_role("rowheader", name=council))
        expect(row).to_contain_text("Withdrawn")
        expect(row).to_contain_text("Merton Officer opened the business case for changes")


IN_HOUSE = "Re-engineer each borough's service in-house"
IN_HOUSE_MEANS = "Each borough redesigns its own team, sharing only good practice."


def option(tab, number):
    return tab.get_by_role("group", name=f"Option {number}", exact=True)


def set_up_cost(tab, number):
    return tab.get_by_role("group", name=f"Set-up cost {number}", exact=True)


def summary_card(tab, title):
    return tab.locator(".govuk-summary-card").filter(has=tab.get_by_role("heading", name=title, exact=True))


@JAVASCRIPT_ON_AND_OFF
def test_an_officer_changes_the_options_and_set_up_costs_and_marks_it_ready_again(open_browser, javascript):
    tab = open_browser(javascript=javascript)

    # Merton's officer opens the business case awaiting sign-off for changes.
    sign_in(tab, "merton-officer")
    open_business_case_from_partnership(tab, MERTON)
    open_for_changes(tab)

    # The options page: three options saved.
    tab.click(tab.get_by_role("link", name="Options shortlist", exact=True))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Options shortlist")
    expect(tab.locator("fieldset.app-add-another__item")).to_have_count(3)

    # "Add another option" (a button that posts the page): a fourth, empty row, which we fill.
    tab.click(tab.get_by_role("button", name="Add another option"))
    expect(tab.locator("fieldset.app-add-another__item")).to_have_count(4)
    expect(option(tab, 4).get_by_label("Name")).to_have_value("")
    option(tab, 4).get_by_label("Kind of option").select_option(label="Another option")
    option(tab, 4).get_by_label("Name").fill("Outsource to a private provider")

    # A fifth, then "Remove" the fourth: the fifth moves up with what was typed in it, and the
    # rows above keep theirs.
    tab.click(tab.get_by_role("button", name="Add another option"))
    option(tab, 5).get_by_label("Kind of option").select_option(label="Another option")
    option(tab, 5).get_by_label("Name").fill(IN_HOUSE)
    option(tab, 5).get_by_label("What it means (optional)").fill(IN_HOUSE_MEANS)
    tab.click(tab.get_by_role("button", name="Remove option 4"))
    expect(tab.locator("fieldset.app-add-another__item")).to_have_count(4)
    expect(option(tab, 4).get_by_label("Name")).to_have_value(IN_HOUSE)
    expect(option(tab, 4).get_by_label("Kind of option")).to_have_value("other")
    expect(option(tab, 4).get_by_label("What it means (optional)")).to_have_value(IN_HOUSE_MEANS)
    expect(option(tab, 1).get_by_label("Name")).to_have_value("Business as usual")
    expect(option(tab, 3).get_by_label("This is the preferred option")).to_be_checked()

    # "Save and come back later": the task list.
    tab.click(tab.get_by_role("button", name="Save and come back later"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Design: the business case")
    expect(tab.get_by_text("Your answers have been saved.")).to_be_visible()

    # The set-up costs: a negative amount first. The error is in the summary and by the field,
    # and what was typed is kept.
    tab.click(tab.get_by_role("link", name="Set-up costs", exact=True))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Set-up costs")
    set_up_cost(tab, 4).get_by_label("Amount").fill("-40000")
    set_up_cost(tab, 4).get_by_label("What it is for (optional)").fill("Ending Sutton's contract, renegotiated")
    tab.click(tab.get_by_role("button", name="Save and come back later"))
    expect_error(tab, "Enter an amount of £0 or more")
    expect(set_up_cost(tab, 4).get_by_text("Error: Enter an amount of £0 or more")).to_be_visible()
    expect(set_up_cost(tab, 4).get_by_label("Amount")).to_have_value("-40000")
    expect(set_up_cost(tab, 4).get_by_label("What it is for (optional)")).to_have_value("Ending Sutton's contract, renegotiated")

    # Then a good amount, sent by pressing Enter in the box: that saves the page and goes on (a
    # browser presses the form's first button, which must not be the first row's "Remove").
    set_up_cost(tab, 4).get_by_label("Amount").fill("45000")
    with tab.page.expect_navigation():
        set_up_cost(tab, 4).get_by_label("Amount").press("Enter")
    tab.check()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Savings and income")
    tab.click(tab.get_by_role("link", name="Back"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Set-up costs")
    expect(tab.locator("fieldset.app-add-another__item")).to_have_count(4)
    tab.click(tab.get_by_role("button", name="Save and come back later"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Design: the business case")

    # Check your answers lists the changed rows, and the others are still there.
    tab.click(tab.get_by_role("button", name="Check your answers"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Check your answers")
    options = summary_card(tab, "Options shortlist")
    for row in ("Business as usual", "Do minimum", "One shared legal service hosted by Merton", IN_HOUSE):
        expect(options, f"the options shortlist does not list {row!r}").to_contain_text(row)
    expect(options).not_to_contain_text("Outsource to a private provider")
    costs = summary_card(tab, "Set-up costs")
    expect(costs).to_contain_text("£45,000.00: Ending Sutton's contract, renegotiated")
    for row in ("£150,000.00", "£250,000.00", "£80,000.00"):
        expect(costs, f"the set-up costs do not list {row}").to_contain_text(row)

    # Submit: ready for sign-off again, with no sign-offs.
    tab.click(tab.get_by_role("button", name="Mark ready for sign-off"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Ready for sign-off")
    expect(tab.get_by_text("The business case is ready for sign-off.")).to_be_visible()
    tab.click(tab.get_by_role("link", name="View the business-case outline"))
    expect(tab.get_by_role("heading", level=2, name="Ready for sign-off: 0 of 4 partners have signed")).to_be_visible()
    shortlist = tab.get_by_role("table", name="The options shortlist")
    expect(shortlist.get_by_role("row")).to_have_count(5)
    expect(shortlist).to_contain_text(IN_HOUSE)
    expect(tab.get_by_text("£45,000.00: Ending Sutton's contract, renegotiated").first).to_be_visible()


# -- 3. starting a business case -----------------------------------------------------------------


def test_the_lead_starts_the_business_case_once_both_joint_assessments_are_in(open_browser):
    tab = open_browser()
    bank = joint_assessment_bank()

    # Cannock Chase's officer finishes its joint assessment (Stafford's is in) and submits it.
    sign_in(tab, "cannock-chase-officer")
    tab.click(tab.get_by_role("region", name=CANNOCK_CHASE).get_by_role("link", name="Step 2: Joint assessment"))
    partnership = tab.get_by_role("region", name=STAFFORD_CANNOCK)
    tab.click(partnership.get_by_role("button", name=re.compile("^Continue the joint assessment")))
    answer_every_section(tab, bank, chosen_answers(bank, {"joint-services-never": LEAVE_OUT}))
    tab.click(tab.get_by_role("button", name="Submit assessment"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Assessment submitted")

    # Stafford's programme manager (the lead's) signs in: both joint assessments are in.
    sign_out_and_in(tab, "stafford-pm")
    stafford = tab.get_by_role("region", name=STAFFORD)
    # Even in conflict the dashboard links the step for the lead: its page says how to go ahead.
    tab.click(stafford.get_by_role("link", name="Step 3: Design"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Design")
    part = tab.get_by_role("region", name=STAFFORD_CANNOCK)
    go_ahead = part.get_by_role("link", name=re.compile("^Record why the partners go ahead"))

    if go_ahead.count():
        # In conflict: the page says so, and the lead's programme manager records why they go ahead.
        expect(part).to_contain_text("The partners' joint assessments are in conflict.")
        expect(part.get_by_role("button", name=re.compile("^Start the business case"))).to_have_count(0)
        tab.click(go_ahead)
        expect(tab.get_by_role("heading", level=1)).to_have_text("Go ahead with the business case")
        record = tab.get_by_role("button", name="Record the reason and go ahead")

        # Submitted empty: the error summary.
        tab.click(record)
        expect_error(tab, "Say why the partners go ahead")

        # The reason: recorded on the partnership's page, and the business case can start.
        reason = "The partners differ on pace; the business case moves revenues and benefits first and ICT a year later."
        tab.get_by_label("Why the partners build the business case although their joint assessments are in conflict").fill(reason)
        tab.click(record)
        expect(tab.get_by_role("heading", level=1)).to_have_text(STAFFORD_CANNOCK)
        expect(tab.get_by_role("alert")).to_contain_text("Your reason is recorded. The partners can now start the business case.")
        expect(tab.get_by_text(reason)).to_be_visible()
        expect(tab.get_by_text("Going ahead despite conflicts, recorded by Stafford Programme Manager", exact=False)).to_be_visible()

        # Now the dashboard links "Step 3: Design".
        tab.click(tab.get_by_role("link", name="Dashboard", exact=True))
        tab.click(tab.get_by_role("region", name=STAFFORD).get_by_role("link", name="Step 3: Design"))
        expect(tab.get_by_role("heading", level=1)).to_have_text("Design")

    # Start the business case: its task list of 20 sections, in the Five Case Model's order.
    tab.click(tab.get_by_role("region", name=STAFFORD_CANNOCK).get_by_role("button", name=re.compile("^Start the business case")))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Design: the business case")
    expect(tab.get_by_text(STAFFORD_CANNOCK).first).to_be_visible()
    sections = design_sections()
    assert len(sections) == 20
    expect(tab.get_by_text("You have completed 0 of 20 sections")).to_be_visible()
    expect(tab.locator(".govuk-task-list__link")).to_have_text(sections)
    expect(tab.get_by_role("button", name="Continue")).to_be_visible()


# -- 4. refusals ----------------------------------------------------------------------------------


def test_an_officer_cannot_sign_off_and_an_outsider_cannot_see_the_business_case(open_browser):
    business_case = south_london_business_case()
    tab = open_browser()

    # Kingston's officer (not a programme manager) reads the business case: no way to sign it off.
    sign_in(tab, "kingston-officer")
    open_business_case_from_partnership(tab, KINGSTON)
    expect(tab.get_by_text(f"Still to sign: {RICHMOND}, {KINGSTON}.")).to_be_visible()
    expect(tab.get_by_role("button", name="Sign off for your council")).to_have_count(0)
    expect(tab.get_by_role("link", name="Sign off for your council")).to_have_count(0)

    # Nor by the sign-off page's address: the styled "You cannot do that".
    response = tab.page.goto(f"/assessments/{business_case.pk}/sign-off/")
    tab.check()
    assert response.status == 403
    expect(tab.get_by_role("heading", level=1)).to_have_text("You cannot do that")
    sign_out_and_in(tab, "stafford-officer")

    # Stafford is not a partner: the business case and its outline are a styled "Page not found".
    for address in (f"/assessments/{business_case.pk}/", f"/assessments/{business_case.pk}/summary/"):
        response = tab.page.goto(address)
        tab.check()
        assert response.status == 404, address
        expect(tab.get_by_role("heading", level=1)).to_have_text("Page not found")
        expect(tab.get_by_role("link", name="Go to your dashboard")).to_be_visible()
        assert SOUTH_LONDON not in tab.content()


# -- one business case per partnership ------------------------------------------------------------


def test_the_design_page_offers_no_second_business_case_while_one_awaits_sign_off(open_browser):
    tab = open_browser()
    sign_in(tab, "kingston-officer")
    tab.click(tab.get_by_role("region", name=KINGSTON).get_by_role("link", name="Step 3: Design"))
    part = tab.get_by_role("region", name=SOUTH_LONDON)
    expect(part.get_by_role("button", name=re.compile("^Start a new business case"))).to_have_count(0)
    expect(part).to_contain_text("The business case is awaiting sign-off.")
    tab.click(part.get_by_role("button", name=f"View the business case for {SOUTH_LONDON}"))
    tab.check()
    expect(tab.get_by_role("heading", level=1)).to_have_text(re.compile("business case", re.I))
    expect(tab.locator("main")).to_contain_text("partners have signed")

