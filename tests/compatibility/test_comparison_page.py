"""The side-by-side comparison page: its rows, verdicts and reasons, its HTML, 'differences only',
budgets either side of the tolerance, and a comparison with no differences. The expectations are in
``cases.py``, worked out by hand."""

import pytest

from tests import banks, factories
from tests.compatibility.cases import (
    EXPECTED_TABLES,
    KINGSTON,
    MERTON,
    QUESTION_TEXTS,
    SUTTON,
    Tables,
    html_of,
    logged_in,
    url,
)
from toolkit.models import Question

pytestmark = pytest.mark.usefixtures("media")


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


def test_an_inline_verdict_has_no_stray_space_after_it(joint, officer):
    # verdict_tag.html once ended with a newline, which showed as "Overall: Conflict ." on the page.
    client = logged_in(officer)
    assert 'Overall: <strong class="govuk-tag govuk-tag--red">Conflict</strong>. <a class="govuk-link"' in html_of(client.get(url("comparison")))
    assert '<h2 class="govuk-heading-l">Verdict: <strong class="govuk-tag govuk-tag--red">Conflict</strong></h2>' in html_of(client.get(url("report")))
