"""The side-by-side comparison, the compatibility report (page and PDF), who sees what, the export
command and the comparison page's query count.

Every expectation is worked out by hand from the test bank (``tests/banks.py``) and the rules in
issue 8; none is computed with the code under test. The partners are listed in the order of their
names: London Borough of Merton, London Borough of Sutton, Royal Borough of Kingston upon Thames.
"""

import io
import json
import re
from html.parser import HTMLParser

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests import banks, factories
from toolkit import steps
from toolkit.exports import NoResult, export_result
from toolkit.models import Council, Export, Invitation, Option, PrivateNote, Question
from toolkit.partnerships import actions

STEP = steps.get("joint")
MERTON, SUTTON, KINGSTON = "London Borough of Merton", "London Borough of Sutton", "Royal Borough of Kingston upon Thames"
NOT_ASKED = "Not asked (it follows an answer this council did not give)"

# Three partners' answers, designed so that every kind of comparison has a case:
# gate aligned; aims-clear a conflict with Kingston the odd one out; aims-agreed different with
# Sutton the odd one out; aims-detail (long text, shown to Kingston only) not enough answers;
# costs-known aligned; costs-budget more than 10% apart (Kingston the odd one out); costs-review
# 24 months apart (Merton the odd one out); costs-staff unanswered; plans-why-not free text, not
# compared; plans-costing-soon not compared (no comparison set); plans-services in scope for Merton
# and Kingston that Sutton will never share; plans-never different; plans-share within 5 points.
MERTON_ANSWERS = {
    "gate": "yes", "aims-clear": "yes", "aims-agreed": "agree", "costs-known": "no", "costs-budget": "250000",
    "costs-review": "2028-09-30", "plans-why-not": "Costing starts in spring.", "plans-costing-soon": "yes",
    "plans-services": ["hr", "it"], "plans-never": ["legal"], "plans-share": "12.5",
}
SUTTON_ANSWERS = {
    "gate": "yes", "aims-clear": "yes", "aims-agreed": "neutral", "costs-known": "no", "costs-budget": "240000",
    "costs-review": "2026-09-30", "plans-why-not": "No finance officer yet.", "plans-costing-soon": "no",
    "plans-services": ["hr"], "plans-never": ["it"], "plans-share": "15",
}
KINGSTON_ANSWERS = {
    "gate": "yes", "aims-clear": "no", "aims-detail": "We have not agreed the outcomes.", "aims-agreed": "agree",
    "costs-known": "no", "costs-budget": "300000", "costs-review": "2026-10-15", "plans-why-not": "Waiting for the audit.",
    "plans-services": ["hr", "it"], "plans-share": "10",
}


def cells(merton, sutton, kingston):
    return [(MERTON, merton), (SUTTON, sutton), (KINGSTON, kingston)]


AIMS_CLEAR_REASON = (
    "London Borough of Merton and London Borough of Sutton answered ‘Yes’. "
    "Royal Borough of Kingston upon Thames differs from the rest: it answered ‘No’."
)
AIMS_AGREED_REASON = (
    "London Borough of Merton and Royal Borough of Kingston upon Thames answered ‘Agree’. "
    "London Borough of Sutton differs from the rest: it answered ‘Neither agree nor disagree’."
)
# Largest £300,000, so 10% allows £30,000; the spread is £60,000. The middle answer is £250,000;
# Kingston is £50,000 from it, Sutton only £10,000.
BUDGET_REASON = (
    "Answers are £60,000 apart, more than the 10% allowed. "
    "Royal Borough of Kingston upon Thames differs from the rest: it answered £300,000."
)
# 30 September 2026 to 30 September 2028; the middle date is 15 October 2026, more than 12 months
# before Merton's and less than that after Sutton's.
REVIEW_REASON = (
    "The dates are 24 months apart, more than the 12 allowed. "
    "London Borough of Merton differs from the rest: it answered 30 September 2028."
)
# One clause per service, naming every partner putting it in scope.
SERVICES_REASON = (
    "London Borough of Merton and Royal Borough of Kingston upon Thames put IT in scope, "
    "which London Borough of Sutton will never share."
)
NEVER_REASON = "London Borough of Merton answered ‘Legal’; London Borough of Sutton answered ‘IT’."

# section slug -> (title, summary line, [(question key, verdict, reason, cells)])
EXPECTED_TABLES = {
    "gate-questions": ("Gate questions", "1 aligned", [
        ("gate", "Aligned", "", cells("Yes", "Yes", "Yes")),
    ]),
    "aims": ("Aims", "1 different, 1 conflict, 1 not compared or not enough answers", [
        ("aims-clear", "Conflict", AIMS_CLEAR_REASON, cells("Yes", "Yes", "No")),
        ("aims-agreed", "Different", AIMS_AGREED_REASON, cells("Agree", "Neither agree nor disagree", "Agree")),
        ("aims-detail", "Not enough answers", "", cells(NOT_ASKED, NOT_ASKED, "We have not agreed the outcomes.")),
    ]),
    "costs": ("Costs", "1 aligned, 2 conflicts, 1 not compared or not enough answers", [
        ("costs-known", "Aligned", "", cells("No", "No", "No")),
        ("costs-budget", "Conflict", BUDGET_REASON, cells("£250,000", "£240,000", "£300,000")),
        ("costs-review", "Conflict", REVIEW_REASON, cells("30 September 2028", "30 September 2026", "15 October 2026")),
        ("costs-staff", "Not enough answers", "", cells("Not answered", "Not answered", "Not answered")),
    ]),
    "plans": ("Plans", "1 aligned, 1 different, 1 conflict, 2 not compared or not enough answers", [
        ("plans-why-not", "Not compared", "", cells("Costing starts in spring.", "No finance officer yet.", "Waiting for the audit.")),
        ("plans-costing-soon", "Not compared", "", cells("Yes", "No", "Not answered")),
        ("plans-services", "Conflict", SERVICES_REASON, cells("Human resources, IT", "Human resources", "Human resources, IT")),
        ("plans-never", "Different", NEVER_REASON, cells("Legal", "IT", "Not answered")),
        ("plans-share", "Aligned", "", cells("12.5%", "15%", "10%")),
    ]),
}
QUESTION_TEXTS = {
    "gate": "Are leaders committed?", "aims-clear": "Are your aims clear?", "aims-agreed": "Do members agree the aims?",
    "aims-detail": "What is unclear?", "costs-known": "Do you know your costs?", "costs-budget": "What is the budget?",
    "costs-review": "When are costs next reviewed?", "costs-staff": "How many staff work in the service?",
    "plans-why-not": "Why are costs not known?", "plans-costing-soon": "Will costs be known within a year?",
    "plans-services": "Which services would you share?", "plans-never": "Which services would you never share?",
    "plans-share": "What share of the budget is in scope?",
}
CHART_TITLE = '<title id="compatibility-chart-title">Questions by verdict and theme for Legal Partnership</title>'


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def kingston(partnership):
    return Council.objects.get(slug="kingston")


@pytest.fixture
def kingston_officer(kingston):
    return factories.user("kingston-officer", council=kingston)


@pytest.fixture
def questionnaire(db):
    return banks.questionnaire("joint")


@pytest.fixture
def joint(questionnaire, partnership, merton, sutton, kingston):
    """Every member's submitted joint assessment, with the answers above."""
    return {
        "merton": factories.joint_assessment(partnership, merton, MERTON_ANSWERS),
        "sutton": factories.joint_assessment(partnership, sutton, SUTTON_ANSWERS),
        "kingston": factories.joint_assessment(partnership, kingston, KINGSTON_ANSWERS),
    }


def url(name, partnership="legal"):
    return reverse(f"toolkit:partnership-{name}" if name else "toolkit:partnership", args=[partnership])


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


class Tables(HTMLParser):
    """Every table of a page as text: caption, column headers (scope="col"), and body rows, each
    a list of (cell text, links in the cell)."""

    def __init__(self, html):
        super().__init__()
        self.tables, self.text, self.links, self.part = [], None, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append({"caption": None, "columns": [], "rows": []})
        elif not self.tables:
            return
        elif tag == "caption":
            self.text, self.part = [], "caption"
        elif tag == "tbody":
            self.part = "body"
        elif tag == "tr" and self.part == "body":
            self.tables[-1]["rows"].append([])
        elif (tag == "th" and attrs.get("scope") == "col") or (tag in ("th", "td") and self.part == "body"):
            self.text, self.links = [], []
        elif tag == "a" and self.links is not None:
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if not self.tables or self.text is None:
            if tag == "table":
                self.part = None
            return
        words = " ".join("".join(self.text).split())
        if tag == "caption":
            self.tables[-1]["caption"], self.text = words, None
        elif tag in ("th", "td") and self.part == "body":
            self.tables[-1]["rows"][-1].append((words, self.links))
            self.text = self.links = None
        elif tag == "th":
            self.tables[-1]["columns"].append(words)
            self.text = self.links = None

    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)


def table(html, caption):
    found = [t for t in Tables(html).tables if t["caption"] == caption]
    assert len(found) == 1, [t["caption"] for t in Tables(html).tables]
    return found[0]


def rows_of(context_table):
    return [(row.question.key, row.result.verdict, row.result.reason, row.cells) for row in context_table.rows]


def guidance_url(questionnaire, key):
    return f"/questions/{Question.objects.get(section__questionnaire=questionnaire, key=key).pk}/guidance/?partnership=legal"


def page_rows(questionnaire, expected_rows, partners=(MERTON, SUTTON, KINGSTON)):
    """The body rows of a comparison table as the page should show them."""
    found = []
    for key, verdict, reason, by_partner in expected_rows:
        assert [name for name, _ in by_partner] == list(partners)
        found.append(
            [(QUESTION_TEXTS[key], [guidance_url(questionnaire, key)])]
            + [(text, []) for _, text in by_partner]
            + [(f"{verdict} {reason}".strip(), [])]
        )
    return found


# --- The comparison page ----------------------------------------------------------------------


def test_comparison_rows_verdicts_and_reasons(joint, officer):
    response = logged_in(officer).get(url("comparison"))
    context = response.context
    assert context["partners"] == [MERTON, SUTTON, KINGSTON]
    assert {t.section.slug: (t.section.title, t.summary, rows_of(t)) for t in context["tables"]} == EXPECTED_TABLES
    assert [t.section.slug for t in context["tables"]] == ["gate-questions", "aims", "costs", "plans"]
    assert context["verdict"] == "Conflict"
    assert [(t.theme, t.verdict, t.counts) for t in context["compatibility"].themes] == [
        ("leadership", "Aligned", {"Aligned": 1, "Different": 0, "Conflict": 0}),
        ("vision", "Conflict", {"Aligned": 0, "Different": 2, "Conflict": 2}),
        ("finance", "Conflict", {"Aligned": 2, "Different": 0, "Conflict": 2}),
    ]


def test_comparison_page_html(joint, officer, questionnaire):
    html = html_of(logged_in(officer).get(url("comparison")))
    assert 'Overall: <strong class="govuk-tag govuk-tag--red">Conflict</strong>' in html
    found = Tables(html).tables
    assert [t["caption"] for t in found] == [
        "Gate questions: each partner's answer and how they compare",
        "Aims: each partner's answer and how they compare",
        "Costs: each partner's answer and how they compare",
        "Plans: each partner's answer and how they compare",
    ]
    for shown, (title, summary, expected_rows) in zip(found, EXPECTED_TABLES.values()):
        assert shown["columns"] == ["Question", MERTON, SUTTON, KINGSTON, "Verdict"]
        assert shown["rows"] == page_rows(questionnaire, expected_rows)
        assert f'<p class="govuk-body">{summary}.</p>' in html
    for partner in (MERTON, SUTTON, KINGSTON):
        assert html.count(f'<th scope="col" class="govuk-table__header">{partner}</th>') == 4
    # The verdict is written in every row, never shown by colour alone.
    assert html.count('<strong class="govuk-tag govuk-tag--green">Aligned</strong>') == 3
    assert html.count('<strong class="govuk-tag govuk-tag--orange">Different</strong>') == 2
    assert html.count('<strong class="govuk-tag govuk-tag--red">Conflict</strong>') == 1 + 4  # overall, and 4 rows
    assert html.count('<strong class="govuk-tag govuk-tag--grey">Not compared</strong>') == 2
    assert html.count('<strong class="govuk-tag govuk-tag--grey">Not enough answers</strong>') == 2
    assert '<th scope="col" class="govuk-table__header">Question</th>' in html


def test_comparison_differences_only(joint, officer, questionnaire):
    response = logged_in(officer).get(url("comparison") + "?show=differences")
    html = html_of(response)
    assert [(t.section.slug, [row.question.key for row in t.rows]) for t in response.context["tables"]] == [
        ("aims", ["aims-clear", "aims-agreed"]),
        ("costs", ["costs-budget", "costs-review"]),
        ("plans", ["plans-services", "plans-never"]),
    ]
    found = Tables(html).tables
    assert [t["caption"] for t in found] == [
        "Aims: each partner's answer and how they compare",
        "Costs: each partner's answer and how they compare",
        "Plans: each partner's answer and how they compare",
    ]
    expected = {slug: rows for slug, (_, _, rows) in EXPECTED_TABLES.items()}
    assert [t["rows"] for t in found] == [
        page_rows(questionnaire, [expected["aims"][0], expected["aims"][1]]),
        page_rows(questionnaire, [expected["costs"][1], expected["costs"][2]]),
        page_rows(questionnaire, [expected["plans"][2], expected["plans"][3]]),
    ]
    assert 'id="show-differences" name="show" type="radio" value="differences" checked' in html
    assert "Are leaders committed?" not in html and "Aligned</strong>" not in html
    # The line above each table still describes the whole section, not only the rows shown.
    summaries = {slug: summary for slug, (_, summary, _) in EXPECTED_TABLES.items()}
    assert [t.summary for t in response.context["tables"]] == [summaries["aims"], summaries["costs"], summaries["plans"]]


def test_comparison_with_no_differences_says_so(questionnaire, partnership, merton, sutton, officer):
    factories.joint_assessment(partnership, merton, banks.STRONG)
    factories.joint_assessment(partnership, sutton, banks.STRONG)
    response = logged_in(officer).get(url("comparison") + "?show=differences")
    assert response.context["tables"] == [] and response.context["verdict"] == "Aligned"
    assert "The partners' answers agree: there are no differences or conflicts." in html_of(response)


@pytest.mark.parametrize(
    "sutton_budget,verdict,reason",
    [
        ("230000", "Aligned", ""),
        ("225000", "Aligned", ""),  # exactly 10% of the larger answer apart
        ("224999", "Conflict", "Answers are £25,001 apart, more than the 10% allowed."),
        ("275000", "Aligned", ""),  # £25,000 apart, within 10% of £275,000
        ("280000", "Conflict", "Answers are £30,000 apart, more than the 10% allowed."),
    ],
)
def test_budgets_within_and_over_ten_percent(questionnaire, partnership, merton, sutton, officer, sutton_budget, verdict, reason):
    factories.joint_assessment(partnership, merton, {**banks.STRONG, "costs-budget": "250000"})
    factories.joint_assessment(partnership, sutton, {**banks.STRONG, "costs-budget": sutton_budget})
    context = logged_in(officer).get(url("comparison")).context
    costs = next(t for t in context["tables"] if t.section.slug == "costs")
    budget = next(row for row in costs.rows if row.question.key == "costs-budget")
    assert (budget.result.verdict, budget.result.reason, budget.result.odd_ones_out) == (verdict, reason, ())


# --- The report page --------------------------------------------------------------------------


def issue_text(question, verdict, reason, by_partner):
    return " ".join([f"{question} ({verdict})", reason] + [f"{partner}: {text}" for partner, text in by_partner])


def test_report_page(joint, officer):
    response = logged_in(officer).get(url("report"))
    html = html_of(response)
    context = response.context
    assert context["verdict"] == "Conflict"
    assert '<h2 class="govuk-heading-l">Verdict: <strong class="govuk-tag govuk-tag--red">Conflict</strong>' in html
    assert "At least one theme is in conflict: resolve the conflicts below before you build the business case." in html

    themes = table(html, "Verdict and questions by theme")
    assert themes["columns"] == ["Theme", "Verdict", "Aligned", "Different", "Conflict"]
    assert [[text for text, _ in row] for row in themes["rows"]] == [
        ["Leadership and commitment", "Aligned", "1", "0", "0"],
        ["Vision and aims", "Conflict", "0", "2", "2"],
        ["Finance", "Conflict", "2", "0", "2"],
    ]

    assert [(g.theme.slug, g.verdict, [row.question.key for row in g.rows]) for g in context["issues"]] == [
        ("vision", "Conflict", ["aims-clear", "aims-agreed", "plans-services", "plans-never"]),
        ("finance", "Conflict", ["costs-budget", "costs-review"]),
    ]
    rows = {key: (verdict, reason, by_partner) for _, _, r in EXPECTED_TABLES.values() for key, verdict, reason, by_partner in r}
    issues_html = html.split('<h2 class="govuk-heading-l">Issues to resolve</h2>', 1)[1].split('<h2 class="govuk-heading-l">All answers</h2>', 1)[0]
    blocks = [text_of(block) for block in issues_html.split('<div class="toolkit-action-group">')[1:]]
    assert len(blocks) == 2
    for block, (heading, keys) in zip(blocks, [
        ("Vision and aims: Conflict", ["aims-clear", "aims-agreed", "plans-services", "plans-never"]),
        ("Finance: Conflict", ["costs-budget", "costs-review"]),
    ]):
        expected = " ".join([heading] + [issue_text(QUESTION_TEXTS[k], rows[k][0].lower(), rows[k][1], rows[k][2]) for k in keys])
        assert block.startswith(expected), block

    # Signposts for the joint step: each item is for that step and the group's theme.
    for group in context["issues"]:
        for attribute in ("guidance", "tools", "experts", "reading", "case_studies"):
            for item in getattr(group.signposts, attribute):
                assert "joint" in set(item.steps.values_list("code", flat=True)), (attribute, item)
                assert group.theme.slug in set(item.themes.values_list("slug", flat=True)), (attribute, item)
    assert all(group.signposts for group in context["issues"])

    assert CHART_TITLE in html
    assert (
        '<desc id="compatibility-chart-desc">Leadership and commitment: 1 aligned, 0 different, 0 conflict; '
        "Vision and aims: 0 aligned, 2 different, 2 conflict; Finance: 2 aligned, 0 different, 2 conflict</desc>"
    ) in html
    # The appendix: every question with each partner's answer.
    assert [t["caption"] for t in Tables(html).tables][1:] == [
        f"{title}: each partner's answer and how they compare" for title, _, _ in EXPECTED_TABLES.values()
    ]


def text_of(fragment):
    """The words of an HTML fragment, every tag read as a space."""
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def test_report_lists_conflicts_before_differences(questionnaire, partnership, merton, sutton, officer):
    # Vision only differs (aims-agreed) and comes first in the questionnaire; finance is in conflict.
    factories.joint_assessment(partnership, merton, {**banks.STRONG, "aims-agreed": "agree", "costs-budget": "250000"})
    factories.joint_assessment(partnership, sutton, {**banks.STRONG, "aims-agreed": "neutral", "costs-budget": "200000"})
    context = logged_in(officer).get(url("report")).context
    assert [(g.theme.slug, g.verdict, [row.question.key for row in g.rows]) for g in context["issues"]] == [
        ("finance", "Conflict", ["costs-budget"]),
        ("vision", "Different", ["aims-agreed"]),
    ]
    assert [(row.theme.slug, row.result.verdict) for row in context["theme_rows"]] == [
        ("leadership", "Aligned"), ("vision", "Different"), ("finance", "Conflict"),
    ]
    assert context["verdict"] == "Conflict"


# --- Who sees what ----------------------------------------------------------------------------


def test_nothing_to_compare_until_two_members_have_submitted(questionnaire, partnership, merton, sutton, kingston, officer):
    merton_a = factories.joint_assessment(partnership, merton, MERTON_ANSWERS)
    sutton_draft = factories.joint_assessment(
        partnership, sutton, {**SUTTON_ANSWERS, "plans-why-not": "SUTTON-DRAFT-ANSWER"}, submitted=False
    )
    client = logged_in(officer)
    assert client.get(url("comparison")).status_code == 404
    assert client.get(url("report")).status_code == 404
    assert client.post(url("report-pdf")).status_code == 404
    with pytest.raises(NoResult):
        export_result(STEP, partnership, officer)
    assert Export.objects.count() == 0
    page = html_of(client.get(url(None)))
    assert "The comparison and the compatibility report open once two member councils have submitted their joint assessment (1 so far)." in page
    assert url("comparison") not in page and url("report") not in page
    # Nor can a partner open Sutton's draft.
    assert client.get(reverse("toolkit:assessment", args=[sutton_draft.pk])).status_code == 404

    kingston_a = factories.joint_assessment(partnership, kingston, KINGSTON_ANSWERS)
    comparison = client.get(url("comparison"))
    assert comparison.context["partners"] == [MERTON, KINGSTON]
    assert Tables(html_of(comparison)).tables[0]["columns"] == ["Question", MERTON, KINGSTON, "Verdict"]
    report = html_of(client.get(url("report")))
    export, pdf_html = export_result(STEP, partnership, officer)
    for shown in (html_of(comparison), report, pdf_html, json.dumps(export.answers)):
        assert "SUTTON-DRAFT-ANSWER" not in shown and "No finance officer yet." not in shown
    assert sorted(a.pk for a in export.assessments.all()) == sorted([merton_a.pk, kingston_a.pk])
    assert export.answers == {str(merton_a.pk): MERTON_ANSWERS, str(kingston_a.pk): KINGSTON_ANSWERS}
    assert url("comparison") in html_of(client.get(url(None)))


def test_private_notes_stay_with_their_council(joint, questionnaire, partnership, officer, partner_officer, kingston_officer):
    merton_a = joint["merton"]
    question = Question.objects.get(section__questionnaire=questionnaire, key="aims-clear")
    PrivateNote.objects.create(assessment=merton_a, question=question, text="PRIVATE-MERTON-NOTE")
    merton_client = logged_in(officer)
    own = html_of(merton_client.get(reverse("toolkit:assessment", args=[merton_a.pk])))
    assert "<strong>Private note (only your council sees this):</strong> PRIVATE-MERTON-NOTE" in own

    export, pdf_html = export_result(STEP, partnership, officer)
    stored = Export.objects.get(pk=export.pk)
    shown = {
        "comparison": html_of(merton_client.get(url("comparison"))),
        "report": html_of(merton_client.get(url("report"))),
        "comparison as a partner": html_of(logged_in(partner_officer).get(url("comparison"))),
        "report as a partner": html_of(logged_in(kingston_officer).get(url("report"))),
        "PDF's HTML": pdf_html,
        "export's answers": json.dumps(stored.answers),
        "Sutton's view of Merton's assessment": html_of(logged_in(partner_officer).get(reverse("toolkit:assessment", args=[merton_a.pk]))),
    }
    assert {name: "PRIVATE-MERTON-NOTE" in text for name, text in shown.items()} == dict.fromkeys(shown, False)
    assert "Private note" not in shown["Sutton's view of Merton's assessment"]
    # Sutton does see Merton's submitted answers there.
    assert "Costing starts in spring." in shown["Sutton's view of Merton's assessment"]


WHO = ["officer", "partner", "staff", "outsider", "invited", "anonymous"]
PAGES_EXPECTED = {
    "officer": {"partnership": "200", "comparison": "200", "report": "200", "pdf": "200", "download": "200"},
    "partner": {"partnership": "200", "comparison": "200", "report": "200", "pdf": "200", "download": "200"},
    "staff": {"partnership": "200", "comparison": "200", "report": "200", "pdf": "200", "download": "200"},
    "outsider": dict.fromkeys(["partnership", "comparison", "report", "pdf", "download"], "404"),
    "invited": dict.fromkeys(["partnership", "comparison", "report", "pdf", "download"], "404"),
    "anonymous": dict.fromkeys(["partnership", "comparison", "report", "pdf", "download"], "sign-in"),
}


@pytest.mark.parametrize("who", WHO)
def test_who_may_see_the_partnership_its_comparison_report_and_pdf(who, joint, partnership, officer, partner_officer, staff_user, outsider):
    richmond = Council.objects.get(slug="richmond")
    Invitation.objects.create(partnership=partnership, council=richmond, status="pending")
    people = {
        "officer": officer, "partner": partner_officer, "staff": staff_user, "outsider": outsider,
        "invited": factories.user("richmond-officer", council=richmond),
    }
    earlier, _ = export_result(STEP, partnership, officer)
    client = logged_in(people[who]) if who in people else Client()
    requests = {
        "partnership": client.get(url(None)),
        "comparison": client.get(url("comparison")),
        "report": client.get(url("report")),
        "pdf": client.post(url("report-pdf")),
        "download": client.get(reverse("toolkit:export-download", args=[earlier.pk])),
    }

    def outcome(response, path):
        if response.status_code == 302:
            assert response["Location"] == f"/sign-in/?next={path}"
            return "sign-in"
        return str(response.status_code)

    paths = {
        "partnership": url(None), "comparison": url("comparison"), "report": url("report"), "pdf": url("report-pdf"),
        "download": reverse("toolkit:export-download", args=[earlier.pk]),
    }
    assert {name: outcome(response, paths[name]) for name, response in requests.items()} == PAGES_EXPECTED[who]
    assert Export.objects.count() == (2 if PAGES_EXPECTED[who]["pdf"] == "200" else 1)


def test_a_member_that_leaves_after_submitting(joint, partnership, kingston, officer, kingston_officer):
    before, _ = export_result(STEP, partnership, officer)
    kingston_manager = factories.user("kingston-manager", council=kingston, role="programme_manager")
    actions.leave(partnership, kingston, kingston_manager)

    client = logged_in(officer)
    comparison = client.get(url("comparison"))
    html = html_of(comparison)
    assert comparison.context["partners"] == [MERTON, SUTTON]
    assert Tables(html).tables[0]["columns"] == ["Question", MERTON, SUTTON, "Verdict"]
    assert "Waiting for the audit." not in html and KINGSTON not in html
    report = html_of(client.get(url("report")))
    assert "Waiting for the audit." not in report

    after, after_html = export_result(STEP, partnership, officer)
    assert "Waiting for the audit." not in after_html
    assert sorted(a.pk for a in after.assessments.all()) == sorted([joint["merton"].pk, joint["sutton"].pk])
    assert Export.objects.get(pk=after.pk).answers == {
        str(joint["merton"].pk): MERTON_ANSWERS, str(joint["sutton"].pk): SUTTON_ANSWERS,
    }
    # The report made before Kingston left still holds its answers.
    before = Export.objects.get(pk=before.pk)
    assert sorted(a.pk for a in before.assessments.all()) == sorted(a.pk for a in joint.values())
    assert before.answers == {
        str(joint["merton"].pk): MERTON_ANSWERS, str(joint["sutton"].pk): SUTTON_ANSWERS,
        str(joint["kingston"].pk): KINGSTON_ANSWERS,
    }

    gone = logged_in(kingston_officer)
    assert {
        "comparison": gone.get(url("comparison")).status_code,
        "partnership": gone.get(url(None)).status_code,
        "report": gone.get(url("report")).status_code,
        "pdf": gone.post(url("report-pdf")).status_code,
        "earlier download": gone.get(reverse("toolkit:export-download", args=[before.pk])).status_code,
    } == {"comparison": 404, "partnership": 404, "report": 404, "pdf": 404, "earlier download": 404}


# --- The PDF ----------------------------------------------------------------------------------


def figure_alt_texts(node):
    """The /Alt of every Figure in a PDF structure tree."""
    node = node.get_object()
    found = [str(node["/Alt"])] if node.get("/S") == "/Figure" else []
    kids = node.get("/K", [])
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object()
        if hasattr(kid, "get"):
            found += figure_alt_texts(kid)
    return found


def pdf_text(reader):
    return " ".join("".join(page.extract_text() for page in reader.pages).split())


def test_pdf_export(joint, partnership, questionnaire, officer, partner_officer, kingston_officer, outsider):
    export, html = export_result(STEP, partnership, officer)
    export = Export.objects.get(pk=export.pk)
    assert (export.kind, export.owner, export.partnership, export.council, export.created_by) == (
        "compatibility", partnership, partnership, None, officer
    )
    assert export.questionnaire_version == questionnaire.version
    assert sorted(a.pk for a in export.assessments.all()) == sorted(a.pk for a in joint.values())
    assert export.answers == {
        str(joint["merton"].pk): MERTON_ANSWERS, str(joint["sutton"].pk): SUTTON_ANSWERS,
        str(joint["kingston"].pk): KINGSTON_ANSWERS,
    }

    assert '<html lang="en-GB">' in html
    assert f"<title>Compatibility report: Legal Partnership, {timezone.localtime(export.created_at):%-d %B %Y}</title>" in html
    for partner in (MERTON, SUTTON, KINGSTON):
        assert html.count(f'<th scope="col" class="govuk-table__header">{partner}</th>') == 4
    assert '<th scope="col" class="govuk-table__header">Theme</th>' in html
    assert '<th scope="row" class="govuk-table__header">Are your aims clear?</th>' in html  # no guidance links in a PDF
    assert "/guidance/" not in html
    assert CHART_TITLE in html
    assert f"<dt>Partner councils</dt><dd>{MERTON}, {SUTTON}, {KINGSTON}</dd>" in html
    assert "<dt>Verdict</dt><dd>Conflict</dd>" in html

    with export.file.open("rb") as stored:
        body = stored.read()
    reader = PdfReader(io.BytesIO(body))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == f"Compatibility report: Legal Partnership, {timezone.localtime(export.created_at):%-d %B %Y}"
    assert figure_alt_texts(root["/StructTreeRoot"]) == ["Questions by verdict and theme for Legal Partnership"]
    text = pdf_text(reader)
    assert [partner in text for partner in (MERTON, SUTTON, KINGSTON)] == [True, True, True]
    assert f"Page 2 of {len(reader.pages)}" in text

    download = reverse("toolkit:export-download", args=[export.pk])
    for member in (officer, partner_officer, kingston_officer):
        response = logged_in(member).get(download)
        assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
        assert b"".join(response.streaming_content) == body
    assert logged_in(outsider).get(download).status_code == 404


def test_pdf_download_from_the_report_page(joint, partnership, partner_officer):
    response = logged_in(partner_officer).post(url("report-pdf"))
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert response["Content-Disposition"].startswith('attachment; filename="compatibility-report-')
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-")
    export = Export.objects.get()
    assert (export.kind, export.partnership, export.created_by, export.size) == ("compatibility", partnership, partner_officer, len(body))
    assert response["Content-Disposition"] == f'attachment; filename="{export.filename}"'


# --- The export command -----------------------------------------------------------------------


def test_export_report_command_writes_a_tagged_pdf(joint, tmp_path, capsys):
    output = tmp_path / "j.pdf"
    call_command("export_report", "joint", "--partnership", "legal", "--output", str(output))
    reader = PdfReader(output)
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    text = pdf_text(reader)
    assert [partner in text for partner in (MERTON, SUTTON, KINGSTON)] == [True, True, True]
    assert "Issues to resolve" in text
    export = Export.objects.get()
    assert (export.kind, export.partnership.slug, export.created_by) == ("compatibility", "legal", None)
    assert capsys.readouterr().out == f"Wrote {output} ({export.size:,} bytes): compatibility report for Legal Partnership, export {export.pk}.\n"


def test_export_report_command_needs_two_submitted(questionnaire, partnership, merton, sutton, tmp_path):
    factories.joint_assessment(partnership, merton, MERTON_ANSWERS)
    factories.joint_assessment(partnership, sutton, SUTTON_ANSWERS, submitted=False)
    output = tmp_path / "j.pdf"
    with pytest.raises(CommandError, match=r"^Legal Partnership has fewer than two members' submitted joint assessments to compare\.$"):
        call_command("export_report", "joint", "--partnership", "legal", "--output", str(output))
    assert not output.exists() and Export.objects.count() == 0
    with pytest.raises(CommandError, match=r"^No partnership with the slug 'nowhere'\.$"):
        call_command("export_report", "joint", "--partnership", "nowhere")
    with pytest.raises(CommandError, match=r"^A compatibility report belongs to a partnership: give --partnership\.$"):
        call_command("export_report", "joint", "--council", "merton")


# --- Query counts -----------------------------------------------------------------------------


def comparison_queries(client, slug):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url("comparison", slug))
    assert response.status_code == 200
    return len(queries)


def add_questions(questionnaire, count, **settings):
    section = questionnaire.sections.get(slug="plans")
    theme = section.questions.first().theme
    added = []
    for i in range(count):
        question = Question.objects.create(
            section=section, position=100 + i, key=f"extra-{i}", text=f"Extra question {i}?", kind="yes_no", theme=theme,
            source="002_3629ed7e1db573a4.txt", comparison="match", **settings,
        )
        Option.objects.bulk_create([
            Option(question=question, position=0, value="yes", label="Yes", score=100),
            Option(question=question, position=1, value="no", label="No", score=0),
        ])
        added.append(question)
    return added


def answer_all(questions, assessments):
    from toolkit.models import Answer

    Answer.objects.bulk_create(
        Answer(assessment=a, question=q, value="yes" if (i + j) % 2 else "no")
        for i, a in enumerate(assessments) for j, q in enumerate(questions)
    )


def test_comparison_query_count_does_not_grow_with_partners_or_questions(questionnaire, merton, sutton, officer):
    others = [factories.council(slug) for slug in ["kingston", "richmond", "croydon-test", "bromley-test", "ealing-test", "hounslow-test"]]
    two = factories.partnership("two", lead=merton, members=[merton, sutton])
    eight = factories.partnership("eight", lead=merton, members=[merton, sutton, *others])
    assessments = [factories.joint_assessment(two, c, MERTON_ANSWERS if c == merton else SUTTON_ANSWERS) for c in (merton, sutton)]
    answers = [MERTON_ANSWERS, SUTTON_ANSWERS, KINGSTON_ANSWERS]
    assessments += [factories.joint_assessment(eight, c, answers[i % 3]) for i, c in enumerate([merton, sutton, *others])]
    client = logged_in(officer)
    client.get(url("comparison", "two"))  # warm the session
    assert len(client.get(url("comparison", "eight")).context["partners"]) == 8

    counts = {"2 partners": comparison_queries(client, "two"), "8 partners": comparison_queries(client, "eight")}
    answer_all(add_questions(questionnaire, 30), assessments)
    counts["2 partners, 43 questions"] = comparison_queries(client, "two")
    counts["8 partners, 43 questions"] = comparison_queries(client, "eight")
    assert len(client.get(url("comparison", "eight")).context["tables"][3].rows) == 35
    assert counts == dict.fromkeys(counts, 13)



def test_comparison_query_count_does_not_grow_with_overlap_questions(questionnaire, partnership, merton, sutton, officer):
    assessments = [factories.joint_assessment(partnership, merton, MERTON_ANSWERS), factories.joint_assessment(partnership, sutton, SUTTON_ANSWERS)]
    client = logged_in(officer)
    client.get(url("comparison"))
    before = comparison_queries(client, "legal")
    never = Question.objects.get(section__questionnaire=questionnaire, key="plans-never")
    added = add_questions(questionnaire, 30)
    Question.objects.filter(pk__in=[q.pk for q in added]).update(kind="multiple", comparison="overlap", excluded_by=never)
    answer_all(added, assessments)
    assert comparison_queries(client, "legal") == before


def test_an_inline_verdict_has_no_stray_space_after_it(joint, officer):
    # verdict_tag.html once ended with a newline, which showed as "Overall: Conflict ." on the page.
    client = logged_in(officer)
    assert 'Overall: <strong class="govuk-tag govuk-tag--red">Conflict</strong>. <a class="govuk-link"' in html_of(client.get(url("comparison")))
    assert '<h2 class="govuk-heading-l">Verdict: <strong class="govuk-tag govuk-tag--red">Conflict</strong></h2>' in html_of(client.get(url("report")))
