"""Step 2, the joint assessment, in the browser with axe and the suite's checks on every page:
two councils set up a partnership, invite, accept, answer, compare and download the
compatibility report (with JavaScript on and off); a private note stays with its council; the
comparison and report of an eight-partner partnership, down to a phone's width; and what
partners and outsiders are refused."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import (
    add_private_note,
    answer,
    check_compatibility_pdf,
    default_answer,
    expect_error,
    joint_assessment_bank,
)

pytestmark = pytest.mark.browser

VALE = "Vale of White Horse District Council"
SOUTH_OXFORDSHIRE = "South Oxfordshire District Council"
NEW_PARTNERSHIP = "Vale and South Oxfordshire Legal Services"
SOUTH_LONDON = "South London Legal Partnership"
STAFFORD_CANNOCK = "Stafford and Cannock Chase Shared Services"
CANNOCK_CHASE = "Cannock Chase District Council"
LEAVE_OUT = None  # an answer left blank (an optional question)


def bank_option(bank, key, value):
    """The label of a question's option, found by its stored value."""
    question = next(q for _, questions in bank for q in questions if q["key"] == key)
    return next(label for label, stored in question["values"].items() if stored == value)


def chosen_answers(bank, chosen):
    """Every question's answer (question key -> what answer() takes), the defaults except for
    those chosen, and only for the questions these answers show."""
    questions = {q["key"]: q for _, qs in bank for q in qs}
    answers = {key: chosen.get(key, default_answer(q)) for key, q in questions.items()}

    def stored(key):
        given = answers[key]
        labels = given if isinstance(given, list) else [given]
        return {questions[key]["values"].get(label) for label in labels}

    for key, question in questions.items():
        if question["shown_when"]:
            controller, values = question["shown_when"]
            if not stored(controller) & set(values):
                answers[key] = LEAVE_OUT
    return answers


def answer_section(tab, title, questions, answers):
    expect(tab.get_by_role("heading", level=1)).to_have_text(title)
    for question in questions:
        if answers[question["key"]] is not LEAVE_OUT:
            answer(tab, question, answers[question["key"]])


def save_and_continue(tab):
    tab.click(tab.get_by_role("button", name="Save and continue"))


def answer_every_section(tab, bank, answers, private_notes=None):
    """From the assessment's task list: every section that is still to do, then Check your
    answers. private_notes: question key -> a note private to the council."""
    private_notes = private_notes or {}
    sections = dict(bank)
    tab.click(tab.get_by_role("button", name="Continue"))
    while (title := tab.get_by_role("heading", level=1).inner_text()) != "Check your answers":
        answer_section(tab, title, sections[title], answers)
        for question in sections[title]:
            if question["key"] in private_notes:
                add_private_note(tab, question, private_notes[question["key"]])
        save_and_continue(tab)


def open_partnership(tab, council, partnership):
    """From the dashboard, the council's link to one of its partnerships."""
    tab.click(tab.get_by_role("link", name="Dashboard", exact=True))
    region = tab.get_by_role("region", name=council)
    tab.click(region.get_by_role("link", name=partnership, exact=True))
    expect(tab.get_by_role("heading", level=1)).to_have_text(partnership)


def answer_joint_assessment(tab, council, bank, answers):
    """A council's officer answers the joint assessment for the new partnership and submits it."""
    tab.click(tab.get_by_role("link", name="Dashboard", exact=True))
    tab.click(tab.get_by_role("region", name=council).get_by_role("link", name="Step 2: Joint assessment"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Joint assessment")
    tab.click(tab.get_by_role("region", name=NEW_PARTNERSHIP).get_by_role("button", name=re.compile("^Start the joint assessment")))
    expect(tab.get_by_text(f"{council} in {NEW_PARTNERSHIP}")).to_be_visible()
    expect(tab.get_by_text(f"You have completed 0 of {len(bank)} sections")).to_be_visible()
    answer_every_section(tab, bank, answers)
    pace = tab.get_by_role("term").filter(has_text="What pace of change does your council prefer?").locator("..")
    expect(pace).to_contain_text(answers["joint-pace"])
    tab.click(tab.get_by_role("button", name="Submit assessment"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Assessment submitted")
    expect(tab.get_by_role("main")).to_contain_text(council)


# -- 1. set up, invite, accept, answer, compare, download ---------------------------------------


@pytest.mark.parametrize("javascript", [pytest.param(True, id="javascript"), pytest.param(False, id="no-javascript")])
def test_two_councils_set_up_a_partnership_answer_and_compare(open_browser, javascript):
    tab = open_browser(javascript=javascript)
    bank = joint_assessment_bank()
    pace, split = "What pace of change does your council prefer?", "How does your council think costs and savings should be split between the partners?"
    # Both put the same services in scope and neither rules any out; they disagree on two
    # questions that must match (pace, and how savings are split) and on contract end dates.
    vale_answers = chosen_answers(bank, {
        "joint-services-never": LEAVE_OUT,
        "joint-pace": bank_option(bank, "joint-pace", "big-bang"),
        "joint-redundancy-accepted": "Partly",
        "contract-end-date": (31, 3, 2027),
    })
    oxfordshire_answers = chosen_answers(bank, {
        "joint-services-never": LEAVE_OUT,
        "joint-pace": bank_option(bank, "joint-pace", "organic"),
        "joint-savings-split": "In equal shares",
        "contract-end-date": (31, 3, 2029),
    })
    assert vale_answers["joint-redundancy-accepted"] == "Partly" and oxfordshire_answers["joint-redundancy-accepted"] is LEAVE_OUT

    # Vale's programme manager signs in and chooses "Set up a partnership" on the dashboard.
    tab.visit("/sign-in/")
    assert tab.evaluate("document.body.classList.contains('js-enabled')") is javascript
    tab.sign_in("vale-of-white-horse-pm")
    tab.click(tab.get_by_role("region", name=VALE).get_by_role("button", name="Set up a partnership"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Set up a partnership")
    create = tab.get_by_role("button", name="Set up the partnership and send the invitations")

    # Submitted empty: the error summary (checked by the suite) says what is missing.
    tab.click(create)
    expect_error(tab, "Enter a name for the partnership")
    expect_error(tab, "Enter the services in scope")
    expect_error(tab, "Select at least one council to invite")

    # Name and services, then the directory searched for "Oxford": South Oxfordshire, never Vale itself.
    tab.get_by_label("Name of the partnership").fill(NEW_PARTNERSHIP)
    tab.get_by_label("Services in scope").fill("Legal services")
    tab.get_by_label("Search the directory of councils").fill("Oxford")
    tab.click(tab.get_by_role("button", name="Search", exact=True))
    expect(tab.get_by_label("Name of the partnership")).to_have_value(NEW_PARTNERSHIP)
    councils = tab.get_by_role("group", name="Councils to invite")
    expect(councils.get_by_role("checkbox")).to_have_count(1)
    councils.get_by_label(SOUTH_OXFORDSHIRE).check()
    tab.click(create)

    # The partnership's page: Vale leads, South Oxfordshire is invited.
    expect(tab.get_by_role("heading", level=1)).to_have_text(NEW_PARTNERSHIP)
    expect(tab.get_by_text(f"We have invited {SOUTH_OXFORDSHIRE}.")).to_be_visible()
    expect(tab.get_by_role("table", name="Member councils").get_by_role("rowheader")).to_have_text([f"{VALE} (lead)"])
    invitations = tab.get_by_role("table", name="Invitations waiting for an answer")
    expect(invitations.get_by_role("rowheader", name=SOUTH_OXFORDSHIRE)).to_be_visible()
    tab.sign_out()

    # South Oxfordshire's programme manager sees the invitation on the dashboard and accepts it.
    tab.click(tab.get_by_role("link", name="Sign in", exact=True))
    tab.sign_in("south-oxfordshire-pm")
    oxfordshire = tab.get_by_role("region", name=SOUTH_OXFORDSHIRE)
    invitation = oxfordshire.locator(".govuk-inset-text").filter(has_text=NEW_PARTNERSHIP)
    expect(invitation).to_contain_text(f"led by {VALE}, for Legal services")
    tab.click(invitation.get_by_role("button", name=f"Accept the invitation to {NEW_PARTNERSHIP}"))
    expect(tab.get_by_role("heading", level=1)).to_have_text(NEW_PARTNERSHIP)
    expect(tab.get_by_text(f"{SOUTH_OXFORDSHIRE} is now a member of {NEW_PARTNERSHIP}.")).to_be_visible()
    expect(tab.get_by_role("table", name="Member councils").get_by_role("rowheader", name=SOUTH_OXFORDSHIRE)).to_be_visible()
    expect(tab.get_by_role("table", name="Invitations waiting for an answer")).to_have_count(0)
    accepted = tab.get_by_role("row").filter(has_text=f"{SOUTH_OXFORDSHIRE} accepted the invitation")
    expect(accepted).to_contain_text("South Oxfordshire Programme Manager")

    # South Oxfordshire answers every section and submits; one submission opens no comparison yet.
    answer_joint_assessment(tab, SOUTH_OXFORDSHIRE, bank, oxfordshire_answers)
    open_partnership(tab, SOUTH_OXFORDSHIRE, NEW_PARTNERSHIP)
    expect(tab.get_by_text("(1 so far)")).to_be_visible()
    expect(tab.get_by_role("link", name="Compare the partners' answers side by side")).to_have_count(0)
    tab.sign_out()

    # Vale answers and submits too.
    tab.click(tab.get_by_role("link", name="Sign in", exact=True))
    tab.sign_in("vale-of-white-horse-pm")
    answer_joint_assessment(tab, VALE, bank, vale_answers)

    # The partnership page now links to the comparison and the report.
    open_partnership(tab, VALE, NEW_PARTNERSHIP)
    expect(tab.get_by_text("2 of 2 member councils have submitted their joint assessment.")).to_be_visible()
    tab.click(tab.get_by_role("link", name="Compare the partners' answers side by side"))

    # The comparison: partners across, the verdict written in each row.
    expect(tab.get_by_role("heading", level=1)).to_have_text("Comparison of answers")
    for council in (VALE, SOUTH_OXFORDSHIRE):
        expect(tab.get_by_role("columnheader", name=council).first).to_be_visible()
    pace_row = tab.get_by_role("row").filter(has=tab.get_by_role("rowheader", name=pace))
    expect(pace_row).to_contain_text("Conflict")
    expect(tab.get_by_role("row").filter(has=tab.get_by_role("rowheader", name=split))).to_contain_text("Conflict")
    agreed = "Are your council's political and managerial leaders both committed to sharing with these partners?"
    expect(tab.get_by_role("rowheader", name=re.compile("^" + re.escape(agreed[:60])))).to_have_count(1)

    # Differences and conflicts only: the conflicts stay, the questions that agree go.
    tab.get_by_label("Differences and conflicts only").check()
    tab.click(tab.get_by_role("button", name="Show", exact=True))
    assert "show=differences" in tab.url
    expect(tab.get_by_label("Differences and conflicts only")).to_be_checked()
    expect(pace_row).to_contain_text("Conflict")
    expect(tab.get_by_role("rowheader", name=re.compile("^" + re.escape(agreed[:60])))).to_have_count(0)

    # The compatibility report, and its PDF.
    tab.click(tab.get_by_role("link", name="Read the compatibility report"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Compatibility report")
    expect(tab.get_by_role("heading", level=2, name="Verdict: Conflict")).to_be_visible()
    download = tab.download(tab.get_by_role("button", name="Download as PDF"))
    assert download.suggested_filename.endswith(".pdf")
    check_compatibility_pdf(download.path(), NEW_PARTNERSHIP, [VALE, SOUTH_OXFORDSHIRE], "Conflict")

    # "Reports downloaded" keeps it, made from both councils' answers, to download again.
    tab.click(tab.get_by_role("link", name="Earlier downloads"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Reports downloaded")
    kept = tab.get_by_role("row").filter(has_text="Compatibility report")
    expect(kept).to_have_count(1)
    expect(kept).to_contain_text(f"{VALE}'s assessment submitted")
    expect(kept).to_contain_text(f"{SOUTH_OXFORDSHIRE}'s assessment submitted")
    again = tab.download(kept.get_by_role("link", name=re.compile("^Download PDF")))
    check_compatibility_pdf(again.path(), NEW_PARTNERSHIP, [VALE, SOUTH_OXFORDSHIRE], "Conflict")


# -- 2. a private note stays private ------------------------------------------------------------


def test_a_private_note_stays_with_its_council(open_browser):
    tab = open_browser()
    bank = joint_assessment_bank()
    note = "Our cabinet member will not accept a move to Stafford before the May elections."
    noted = bank[4][1][0]  # the first question of the first section Cannock Chase has still to answer

    # Cannock Chase's officer carries on with its joint assessment, adding a private note.
    tab.visit("/sign-in/")
    tab.sign_in("cannock-chase-officer")
    tab.click(tab.get_by_role("region", name=CANNOCK_CHASE).get_by_role("link", name="Step 2: Joint assessment"))
    tab.click(tab.get_by_role("region", name=STAFFORD_CANNOCK).get_by_role("button", name=re.compile("^Continue the joint assessment")))
    answer_every_section(tab, bank, chosen_answers(bank, {"joint-services-never": LEAVE_OUT}), private_notes={noted["key"]: note})

    # Its own check page shows the note, marked private; then it submits.
    expect(tab.get_by_text(f"Private note (only your council sees this): {note}")).to_be_visible()
    tab.click(tab.get_by_role("button", name="Submit assessment"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Assessment submitted")

    # Cannock Chase's officer reads its submitted answers from the partnership page: the note is there.
    open_partnership(tab, CANNOCK_CHASE, STAFFORD_CANNOCK)
    submitted = f"by {CANNOCK_CHASE}"
    tab.click(tab.get_by_role("link", name=re.compile(rf"^Submitted .* {submitted}$")))
    tab.get_by_text("Show every question and answer").click()
    expect(tab.get_by_text(note)).to_be_visible()
    tab.sign_out()

    # Stafford's officer (the partner) reads the same answers: no note.
    tab.click(tab.get_by_role("link", name="Sign in", exact=True))
    tab.sign_in("stafford-officer")
    open_partnership(tab, "Stafford Borough Council", STAFFORD_CANNOCK)
    tab.click(tab.get_by_role("link", name=re.compile(rf"^Submitted .* {submitted}$")))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Joint assessment")
    tab.get_by_text("Show every question and answer").click()
    expect(tab.get_by_role("term").filter(has_text=noted["text"])).to_be_visible()
    assert note not in tab.content()
    expect(tab.get_by_text("Private note")).to_have_count(0)

    # Nor is it in the comparison or the report.
    tab.go_back()
    tab.check()
    tab.click(tab.get_by_role("link", name="Compare the partners' answers side by side"))
    assert note not in tab.content()
    tab.click(tab.get_by_role("link", name="Read the compatibility report"))
    assert note not in tab.content()


# -- 3. the comparison with eight partners ------------------------------------------------------

NEW_BOROUGHS = {
    "croydon": "London Borough of Croydon",
    "bromley": "London Borough of Bromley",
    "lambeth": "London Borough of Lambeth",
    "wandsworth": "London Borough of Wandsworth",
}
SOUTH_LONDON_BOROUGHS = [
    "London Borough of Merton", "London Borough of Sutton", "Royal Borough of Kingston upon Thames",
    "London Borough of Richmond upon Thames", *NEW_BOROUGHS.values(),
]
LONG_AIMS = (
    "To keep a resilient legal service at lower cost, share specialist staff in planning, housing and "
    "childcare law, and give our members one point of contact for advice across the four boroughs."
)


def add_four_boroughs_to_south_london_legal():
    """Four more boroughs invited and accepted, each with a submitted joint assessment: Merton's
    answers with small differences, and a long answer about aims."""
    from tests import factories
    from toolkit.models import Answer, Assessment, Council, Membership, Partnership
    from toolkit.partnerships import actions

    partnership = Partnership.objects.get(slug="south-london-legal")
    merton = Assessment.objects.get(council__slug="merton", partnership=partnership, status="submitted")
    merton_answers = {a.question.key: a.value for a in Answer.objects.filter(assessment=merton).select_related("question")}
    merton_pm = partnership.lead_council.members.get(username="merton-pm")
    boroughs = {
        slug: factories.council(slug, name=name, kind=Council.Kind.LONDON_BOROUGH, region="London")
        for slug, name in NEW_BOROUGHS.items()
    }
    for slug, council in boroughs.items():
        factories.user(f"{slug}-officer", council)
        factories.user(f"{slug}-pm", council, role=Membership.Role.PROGRAMME_MANAGER)
    for invitation in actions.invite(partnership, list(boroughs.values()), merton_pm):
        actions.accept(invitation, invitation.council.members.get(username=f"{invitation.council.slug}-pm"))
    differences = {
        "croydon": {"contract-end-date": "2028-09-30"},
        "bromley": {"joint-co-location": "desirable"},
        "lambeth": {"joint-savings-target": "20"},
        "wandsworth": {"joint-pace": "big-bang", "joint-redundancy-accepted": "partly"},
    }
    for slug, council in boroughs.items():
        factories.joint_assessment(partnership, council, {**merton_answers, "joint-aims": LONG_AIMS, **differences[slug]})
    assert partnership.memberships.count() == 8


def test_the_comparison_and_report_with_eight_partners(open_browser):
    add_four_boroughs_to_south_london_legal()
    tab = open_browser()

    # Merton's officer opens the comparison from the partnership page.
    tab.visit("/sign-in/")
    tab.sign_in("merton-officer")
    open_partnership(tab, "London Borough of Merton", SOUTH_LONDON)
    expect(tab.get_by_text("8 of 8 member councils have submitted their joint assessment.")).to_be_visible()
    tab.click(tab.get_by_role("link", name="Compare the partners' answers side by side"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Comparison of answers")

    # Every table has a header cell for each of the eight councils.
    tables = tab.get_by_role("table")
    assert tables.count() >= 10
    for table in tables.all():
        headers = table.locator("thead th").all_inner_texts()
        assert [h.strip() for h in headers] == ["Question", *sorted(SOUTH_LONDON_BOROUGHS), "Verdict"]

    # Long answers are folded in a details element, the short ones shown as they are.
    aims = tab.get_by_role("row").filter(has=tab.get_by_role("rowheader", name="What does your council want to achieve from this partnership?"))
    folded = aims.locator("td details")
    expect(folded).to_have_count(4)
    expect(folded.first.locator(".govuk-details__text")).to_be_hidden()
    summary = folded.first.locator("summary")
    expect(summary).to_contain_text(f"({NEW_BOROUGHS['bromley']}: show the whole answer)")
    summary.click()
    expect(folded.first.locator(".govuk-details__text")).to_have_text(LONG_AIMS)

    # The odd ones out are named in the verdicts.
    expect(tab.get_by_role("row").filter(has=tab.get_by_role("rowheader", name="What pace of change does your council prefer?"))).to_contain_text("Conflict")

    # The report for eight partners.
    tab.click(tab.get_by_role("link", name="Read the compatibility report"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Compatibility report")
    expect(tab.get_by_text(f"Made from the submitted joint assessments of {', '.join(sorted(SOUTH_LONDON_BOROUGHS))}")).to_be_visible()
    report = tab.url

    # At a phone's width (375px) both pages still pass every check, and the comparison page
    # itself never scrolls sideways (WCAG 1.4.10): each wide table scrolls in its own region.
    tab.page.set_viewport_size({"width": 375, "height": 800})
    tab.visit("/partnerships/south-london-legal/comparison/")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Comparison of answers")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375, "the comparison scrolls sideways at 375px"
    expect(tab.get_by_role("region", name=re.compile(": each partner's answer$")).first).to_have_attribute("tabindex", "0")
    tab.visit(report)
    expect(tab.get_by_role("heading", level=1)).to_have_text("Compatibility report")


def test_the_compatibility_report_reflows_at_a_phones_width(open_browser):
    tab = open_browser()

    # Merton's officer finds South London Legal's report, then reads it on a phone.
    tab.visit("/sign-in/")
    tab.sign_in("merton-officer")
    open_partnership(tab, "London Borough of Merton", SOUTH_LONDON)
    tab.click(tab.get_by_role("link", name="Read the compatibility report"))
    tab.page.set_viewport_size({"width": 375, "height": 800})
    tab.visit(tab.page.url)
    expect(tab.get_by_role("heading", level=1)).to_have_text("Compatibility report")

    # Nothing but a table's own scroll region may be wider than the screen.
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375, "the report scrolls sideways at 375px"

    # The readiness summary's chart too.
    tab.visit("/councils/merton/self-assessment/")
    tab.click(tab.get_by_role("link", name=re.compile(r"^Readiness summary")))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Readiness summary")
    assert tab.evaluate("document.documentElement.scrollWidth") <= 375, "the readiness summary scrolls sideways at 375px"


# -- 4. refusals ----------------------------------------------------------------------------------


def test_partners_cannot_manage_and_outsiders_cannot_see(open_browser):
    tab = open_browser()

    # Sutton is a member of South London Legal but does not lead it: no "Invite councils".
    tab.visit("/sign-in/")
    tab.sign_in("sutton-officer")
    open_partnership(tab, "London Borough of Sutton", SOUTH_LONDON)
    expect(tab.get_by_role("link", name="Compare the partners' answers side by side")).to_be_visible()
    expect(tab.get_by_role("button", name="Invite councils")).to_have_count(0)
    expect(tab.get_by_role("link", name="Invite councils")).to_have_count(0)
    tab.sign_out()

    # Stafford is not a member: the comparison is a styled "Page not found".
    tab.click(tab.get_by_role("link", name="Sign in", exact=True))
    tab.sign_in("stafford-officer")
    response = tab.page.goto("/partnerships/south-london-legal/comparison/")
    tab.check()
    assert response.status == 404
    expect(tab.get_by_role("heading", level=1)).to_have_text("Page not found")
    expect(tab.get_by_role("link", name="Go to your dashboard")).to_be_visible()
    assert SOUTH_LONDON not in tab.content()
