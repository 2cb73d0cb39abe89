"""A business case's page of rows saves whole or not at all: when the database fails half-way
through saving the options, plan, risks, gate or the financial model (set-up costs, savings,
partner figures and the assumptions), every row is exactly as it was and the officer is shown the
service's error page."""

import pytest

from tests.business_case.conftest import form_data
from tests.saving_failures import SERVER_ERROR, post_failing, stored
from tests.wizard_helpers import section_url
from toolkit import models

EVERY_ROW = [
    models.Answer, models.CaseOption, models.FinancialSettings, models.PartnerFigures, models.SetUpCost,
    models.SavingEstimate, models.IncomeEstimate, models.Milestone, models.Risk, models.GateItem,
]


def rows(slug, *typed):
    """A page's "add another" rows as posted: each row a dict of its fields."""
    data = {f"{slug}-rows-TOTAL_FORMS": str(len(typed))}
    for index, row in enumerate(typed):
        data.update({f"{slug}-rows-{index}-{name}": value for name, value in row.items()})
    return data


def every(data, ending, value):
    """Each posted field whose name ends with ``ending`` set to ``value(index)``."""
    names = [name for name in data if name.endswith(ending)]
    return {name: value(index) for index, name in enumerate(names)}


# For each page: how the complete business case's page is changed throughout (from what it shows),
# and the writes made to fail, each after some of the page's rows were written.
CHANGES = {
    "options": (lambda shown: rows(
        "options",
        {"kind": "business-as-usual", "name": "Carry on", "description": "As now"},
        {"kind": "do-minimum", "name": "Advice only", "description": ""},
        {"kind": "other", "name": "One team", "description": "Hosted by Sutton", "preferred": "on"},
        {"kind": "other", "name": "Two teams", "description": ""},
    ), [(models.CaseOption, "save", 2), (models.CaseOption, "save", 4)]),
    "project-plan": (lambda shown: rows(
        "project-plan",
        {"name": "Board approval", "due_day": "30", "due_month": "4", "due_year": "2027", "owner": "Leader"},
        {"name": "Go live", "due_day": "1", "due_month": "11", "due_year": "2027", "owner": ""},
    ), [(models.Milestone, "save", 2)]),
    "risks": (lambda shown: rows(
        "risks",
        {"description": "Lawyers leave", "likelihood": "high", "impact": "high", "mitigation": "Pay", "owner": "Board"},
        {"description": "System late", "likelihood": "low", "impact": "medium", "mitigation": "", "owner": ""},
    ), [(models.Risk, "save", 2)]),
    "dont-proceed-without": (lambda shown: every(shown, "-evidence", lambda i: f"New evidence {i}"), [(models.GateItem, "save", 3)]),
    "partner-figures": (lambda shown: {
        "partner-figures-settings-years": "5", "partner-figures-settings-discount_rate": "3.5",
        **every(shown, "-baseline", lambda i: f"{i + 2},000,000"),
    }, [(models.PartnerFigures, "save", 1), (models.PartnerFigures, "save", 3)]),
    "setup-costs": (lambda shown: {
        "setup-costs-bias-optimism_bias": "24",
        **rows("setup-costs", {"category": "it", "year": "0", "amount": "250,000", "description": "Case system"},
               {"category": "redundancy", "year": "1", "amount": "40,000", "description": ""}),
    }, [(models.SetUpCost, "save", 2), (models.FinancialSettings, "save", 1)]),
    "savings": (lambda shown: {
        # Year 3's staff saving cleared: its row goes, after the years before it were written.
        **every(shown, "-staff", lambda i: f"{i + 1}0,000" if i < 3 else ""), **every(shown, "-income", lambda i: f"{i + 1},500"),
    }, [(models.SavingEstimate, "save", 3), (models.IncomeEstimate, "save", 2), (models.SavingEstimate, "delete", 1)]),
}

CASES = [
    pytest.param(slug, model, method, on_call, id=f"{slug}-{model.__name__}.{method}-{on_call}")
    for slug, (_, failures) in CHANGES.items()
    # Recording the page as saved is the last write of every page, after all its rows.
    for model, method, on_call in failures + [(models.Assessment, "save", 1)]
]


@pytest.mark.parametrize("slug, model, method, on_call", CASES)
def test_a_page_of_rows_that_fails_half_way_keeps_every_row_as_it_was(slug, model, method, on_call, signed_in, complete_case):
    url = section_url(complete_case, slug)
    shown = form_data(signed_in.get(url), action="continue")
    changed = {**shown, **CHANGES[slug][0](shown)}
    before = stored(complete_case, *EVERY_ROW)

    response = post_failing(signed_in, url, changed, model, method, on_call)
    assert (response.status_code, SERVER_ERROR in response.content.decode()) == (500, True)
    assert stored(complete_case, *EVERY_ROW) == before

    # The same post then saves, so the comparison above was of a save that would have written.
    assert signed_in.post(url, changed).status_code == 302
    assert stored(complete_case, *EVERY_ROW) != before
