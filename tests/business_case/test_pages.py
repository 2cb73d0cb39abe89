"""The business case's pages of rows in the wizard: "add another" and "remove" without JavaScript,
saving rows in order, bad input shown next to the field and in the error summary with nothing
lost or saved, the financial pages' checks, starting values from the partners' joint
assessments, and no silent overwrite. Expected messages are written out by hand from the issue."""

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.business_case.conftest import field_errors, form_data, summary_errors
from tests.wizard_helpers import section_url
from toolkit.answers import AnswerSheet
from toolkit.models import (
    CaseOption,
    FinancialSettings,
    GateItem,
    Milestone,
    PartnerFigures,
    Risk,
    SavingEstimate,
    SetUpCost,
)

# For each page: its model, the fields stored, rows as posted and as stored, a blank row as the
# page shows it, a row with bad input (its field, where the summary links, the message), and the
# field that names a row.
KINDS = {
    "options": {
        "model": CaseOption, "fields": ["kind", "name", "description", "preferred"], "name": "name",
        "rows": [
            ({"kind": "other", "name": "One shared service", "description": "Merton hosts it.", "preferred": "on"}, ("other", "One shared service", "Merton hosts it.", True)),
            ({"kind": "business-as-usual", "name": "Carry on as now", "description": "Each keeps its team."}, ("business-as-usual", "Carry on as now", "Each keeps its team.", False)),
            ({"kind": "do-minimum", "name": "Share advice only", "description": ""}, ("do-minimum", "Share advice only", "", False)),
        ],
        "blank": {"kind": "", "name": "", "description": ""},
        "bad": ({"kind": "other", "name": "", "description": "Typed <b>text</b>"}, "name", "name", "Enter a name for the option"),
    },
    "project-plan": {
        "model": Milestone, "fields": ["name", "due", "owner"], "name": "name",
        "rows": [
            ({"name": "Board approval", "due_day": "31", "due_month": "3", "due_year": "2027", "owner": "Chief executive"}, ("Board approval", date(2027, 3, 31), "Chief executive")),
            ({"name": "Staff transfer", "due_day": "1", "due_month": "7", "due_year": "2027", "owner": ""}, ("Staff transfer", date(2027, 7, 1), "")),
            ({"name": "Go live", "due_day": "1", "due_month": "10", "due_year": "2027", "owner": "Head of Legal"}, ("Go live", date(2027, 10, 1), "Head of Legal")),
        ],
        "blank": {"name": "", "due_day": "", "due_month": "", "due_year": "", "owner": ""},
        "bad": ({"name": "Go live", "due_day": "31", "due_month": "2", "due_year": "2027", "owner": "Me"}, "due", "due_0", "Date must be a real date"),
    },
    "risks": {
        "model": Risk, "fields": ["description", "likelihood", "impact", "mitigation", "owner"], "name": "description",
        "rows": [
            ({"description": "Lawyers leave", "likelihood": "medium", "impact": "high", "mitigation": "A retention plan.", "owner": "Board"}, ("Lawyers leave", "medium", "high", "A retention plan.", "Board")),
            ({"description": "System late", "likelihood": "low", "impact": "medium", "mitigation": "", "owner": ""}, ("System late", "low", "medium", "", "")),
            ({"description": "Contract cannot end", "likelihood": "high", "impact": "low", "mitigation": "Negotiate.", "owner": "Sutton"}, ("Contract cannot end", "high", "low", "Negotiate.", "Sutton")),
        ],
        "blank": {"description": "", "likelihood": "", "impact": "", "mitigation": "", "owner": ""},
        "bad": ({"description": "", "likelihood": "high", "impact": "low", "mitigation": "Typed plan", "owner": ""}, "description", "description", "Describe the risk"),
    },
}


def rows_post(slug, rows, action="continue", initial=0):
    """A page of rows as a browser posts it."""
    data = {
        "assessment_wizard-current_step": slug, "action": action, f"{slug}-rows-TOTAL_FORMS": str(len(rows)),
        f"{slug}-rows-INITIAL_FORMS": str(initial), f"{slug}-rows-MIN_NUM_FORMS": "0", f"{slug}-rows-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{slug}-rows-{index}-{name}": value for name, value in row.items()})
    return data


def shown_rows(response, slug):
    """The page's rows as the browser would send them back."""
    return {k: v for k, v in form_data(response).items() if k.startswith(f"{slug}-rows-")}


def stored(case, kind):
    spec = KINDS[kind]
    return [tuple(getattr(row, f) for f in spec["fields"]) for row in spec["model"].objects.filter(assessment=case).order_by("position")]


@pytest.mark.parametrize("kind", KINDS)
def test_add_another_keeps_what_was_typed_shows_an_empty_row_and_saves_nothing(kind, signed_in, case):
    first = KINDS[kind]["rows"][0][0]
    response = signed_in.post(section_url(case, kind), rows_post(kind, [first], action="add"))
    assert response.status_code == 200
    assert shown_rows(response, kind) == {k: v for k, v in rows_post(kind, [first, KINDS[kind]["blank"]]).items() if k.startswith(f"{kind}-rows-")}
    assert summary_errors(response) == [] and field_errors(response) == []
    assert stored(case, kind) == []


@pytest.mark.parametrize("kind", KINDS)
def test_remove_takes_the_row_out_moves_later_rows_up_and_saves_nothing(kind, signed_in, case):
    a, b, c = (posted for posted, _ in KINDS[kind]["rows"])
    response = signed_in.post(section_url(case, kind), rows_post(kind, [a, b, c], action="remove-0"))
    assert response.status_code == 200
    assert shown_rows(response, kind) == {k: v for k, v in rows_post(kind, [b, c]).items() if k.startswith(f"{kind}-rows-")}
    assert stored(case, kind) == []
    response = signed_in.post(section_url(case, kind), rows_post(kind, [a, b, c], action="remove-1"))
    assert shown_rows(response, kind) == {k: v for k, v in rows_post(kind, [a, c]).items() if k.startswith(f"{kind}-rows-")}


def test_removing_a_row_keeps_a_later_rows_ticked_box(signed_in, case):
    (_, _), (b, _), (c, _) = KINDS["options"]["rows"]
    preferred = {**c, "preferred": "on"}
    response = signed_in.post(section_url(case, "options"), rows_post("options", [b, preferred], action="remove-0"))
    assert shown_rows(response, "options") == {k: v for k, v in rows_post("options", [preferred]).items() if k.startswith("options-rows-")}


@pytest.mark.parametrize("kind", KINDS)
def test_saving_stores_the_rows_in_order_and_ignores_blank_rows(kind, signed_in, case, officer):
    (a, stored_a), (b, stored_b), _ = KINDS[kind]["rows"]
    response = signed_in.post(section_url(case, kind), rows_post(kind, [a, KINDS[kind]["blank"], b]))
    assert response.status_code == 302
    assert stored(case, kind) == [stored_a, stored_b]
    rows = KINDS[kind]["model"].objects.filter(assessment=case).order_by("position")
    assert [(r.position, r.updated_by) for r in rows] == [(0, officer), (1, officer)]


@pytest.mark.parametrize("kind", KINDS)
def test_saving_a_page_unchanged_keeps_every_row(kind, signed_in, case):
    (a, stored_a), (b, stored_b), _ = KINDS[kind]["rows"]
    signed_in.post(section_url(case, kind), rows_post(kind, [a, b]))
    page = signed_in.get(section_url(case, kind))
    signed_in.post(section_url(case, kind), form_data(page, action="continue"))
    assert stored(case, kind) == [stored_a, stored_b]


@pytest.mark.parametrize("kind", KINDS)
def test_saving_again_keeps_who_changed_unchanged_rows_and_when(kind, signed_in, case, officer, merton):
    spec = KINDS[kind]
    (a, stored_a), (b, stored_b), _ = spec["rows"]
    signed_in.post(section_url(case, kind), rows_post(kind, [a, b]))
    first_saved = spec["model"].objects.get(assessment=case, position=0).updated_at
    colleague = factories.user("colleague", council=merton)
    other = Client()
    other.force_login(colleague)
    other.post(section_url(case, kind), form_data(other.get(section_url(case, kind)), action="continue", **{f"{kind}-rows-1-{spec['name']}": "Renamed"}))
    renamed = tuple("Renamed" if f == spec["name"] else v for f, v in zip(spec["fields"], stored_b))
    assert stored(case, kind) == [stored_a, renamed]
    rows = spec["model"].objects.filter(assessment=case).order_by("position")
    assert [(r.updated_by, r.updated_at == first_saved) for r in rows] == [(officer, True), (colleague, False)]


@pytest.mark.parametrize("kind", KINDS)
def test_bad_input_in_a_row_is_shown_next_to_the_field_and_in_the_summary_keeping_what_was_typed(kind, signed_in, case):
    good = KINDS[kind]["rows"][0][0]
    bad, field, anchor, message = KINDS[kind]["bad"]
    response = signed_in.post(section_url(case, kind), rows_post(kind, [good, bad]))
    assert response.status_code == 200
    assert summary_errors(response) == [(f"#id_{kind}-rows-1-{anchor}", message)]
    assert field_errors(response) == [(f"id_{kind}-rows-1-{field}_error", message)]
    assert shown_rows(response, kind) == {k: v for k, v in rows_post(kind, [good, bad]).items() if k.startswith(f"{kind}-rows-")}
    assert response.content.decode().count("<title>Error: ") == 1
    assert stored(case, kind) == []


def test_two_preferred_options_are_refused(signed_in, case):
    (_, _), (b, _), (c, _) = KINDS["options"]["rows"]
    response = signed_in.post(section_url(case, "options"), rows_post("options", [{**b, "preferred": "on"}, c, KINDS["options"]["rows"][0][0]]))
    assert summary_errors(response) == [(None, "Choose one preferred option")]
    assert field_errors(response) == [(None, "Choose one preferred option")]
    assert stored(case, "options") == []


def page_of(case, slug):
    sheet = AnswerSheet(case)
    return sheet.page(sheet.section(slug))


def test_the_options_page_says_business_as_usual_do_minimum_and_a_preferred_option_are_needed(case, officer):
    assert page_of(case, "options").missing() == [
        "Add business as usual: the shortlist always includes it",
        "Add a do-minimum option: the shortlist always includes one",
        "Choose the preferred option",
    ]
    CaseOption.objects.create(assessment=case, kind="business-as-usual", name="As now")
    CaseOption.objects.create(assessment=case, kind="other", name="Share", preferred=True, position=1)
    assert page_of(case, "options").missing() == ["Add a do-minimum option: the shortlist always includes one"]
    CaseOption.objects.create(assessment=case, kind="do-minimum", name="Least", position=2)
    assert (page_of(case, "options").missing(), page_of(case, "options").status()) == ([], "Completed")


GATE_MISSING = [
    "A business case with the benefits expected, signed off: give a date and evidence",
    "A set-up budget signed off by all parties: give an owner and a date and evidence",
    "A communications plan: give an owner and a date and evidence",
    "A dedicated project manager: give an owner and a date and evidence",
]


@pytest.fixture
def part_gate(case):
    GateItem.objects.create(assessment=case, item="staff-ownership", owner="Head of Legal", date=date(2027, 2, 1), evidence="Workshops")
    GateItem.objects.create(assessment=case, item="business-case", owner="Board")
    return case


def test_the_gate_page_and_check_your_answers_list_the_incomplete_items(signed_in, part_gate):
    assert page_of(part_gate, "dont-proceed-without").missing() == GATE_MISSING
    for url in (section_url(part_gate, "dont-proceed-without"), f"/assessments/{part_gate.pk}/check/"):
        html = signed_in.get(url).content.decode().replace("&#x27;", "'")
        assert [item in html for item in GATE_MISSING] == [True] * 4
        assert "Staff ownership of the new service: give" not in html  # complete
    assert "Owner: Board. Date: not given. Evidence: not given." in signed_in.get(f"/assessments/{part_gate.pk}/check/").content.decode()


# The financial pages.

GOOD_FIGURES = {"partner-figures-merton-baseline": "1,000,000", "partner-figures-sutton-baseline": "600,000", "partner-figures-kingston-baseline": "400,000"}
BAD_FIGURES = {
    "agreed set-up shares total 90": (
        {"settings-setup_split": "agreed", "merton-agreed_setup_percent": "50", "sutton-agreed_setup_percent": "30", "kingston-agreed_setup_percent": "10"},
        "merton-agreed_setup_percent", "The agreed percentages of set-up costs add up to 90%; they must add up to 100%",
    ),
    "agreed savings shares total 100.5": (
        {"settings-savings_split": "agreed", "merton-agreed_savings_percent": "50.5", "sutton-agreed_savings_percent": "30", "kingston-agreed_savings_percent": "20"},
        "merton-agreed_savings_percent", "The agreed percentages of savings add up to 100.5%; they must add up to 100%",
    ),
    "population missing": (
        {"settings-setup_split": "population", "sutton-population": ""}, "sutton-population",
        "Enter London Borough of Sutton's population: set-up costs are split by it",
    ),
    "period 0": ({"settings-years": "0"}, "settings-years", "Enter an appraisal period of 1 year or more"),
    "period 11": ({"settings-years": "11"}, "settings-years", "Enter an appraisal period of 10 years or less"),
    "discount rate 25": ({"settings-discount_rate": "25"}, "settings-discount_rate", "Enter a percentage of 20 or less"),
    "test year 5 of 5": ({"settings-threshold_year": "5"}, "settings-threshold_year", "Enter a year from 0 to 4: the appraisal period is 5 years"),
    "test year 3 of 3": ({"settings-years": "3", "settings-threshold_year": "3"}, "settings-threshold_year", "Enter a year from 0 to 2: the appraisal period is 3 years"),
    "negative baseline": ({"merton-baseline": "-1"}, "merton-baseline", "Enter an amount of £0 or more"),
}


@pytest.mark.parametrize("case_name", BAD_FIGURES)
def test_bad_partner_figures_are_shown_next_to_the_field_and_in_the_summary(case_name, signed_in, case):
    changes, field, message = BAD_FIGURES[case_name]
    posted = {f"partner-figures-{name}": value for name, value in changes.items()}
    url = section_url(case, "partner-figures")
    response = signed_in.post(url, form_data(signed_in.get(url), action="continue", **{**GOOD_FIGURES, **posted}))
    assert response.status_code == 200
    assert summary_errors(response) == [(f"#id_partner-figures-{field}", message)]
    assert field_errors(response) == [(f"id_partner-figures-{field}_error", message)]
    assert {k: form_data(response).get(k) for k in posted} == posted  # what was typed is kept
    assert (FinancialSettings.objects.count(), PartnerFigures.objects.count()) == (0, 0)


def test_partner_figures_are_saved_with_money_as_typed(signed_in, case, officer):
    url = section_url(case, "partner-figures")
    response = signed_in.post(url, form_data(signed_in.get(url), action="continue", **GOOD_FIGURES))
    assert response["Location"] == section_url(case, "setup-costs")
    assert list(PartnerFigures.objects.values_list("council__slug", "baseline", "population", "updated_by")) == [
        ("merton", Decimal("1000000.00"), 199693, officer.pk), ("sutton", Decimal("600000.00"), 190146, officer.pk),
        ("kingston", Decimal("400000.00"), 160060, officer.pk),
    ]
    assert list(FinancialSettings.objects.values_list("years", "discount_rate", "setup_split", "threshold_percent", "threshold_year")) == [
        (5, Decimal("3.50"), "equal", Decimal("10.00"), 2)
    ]


BAD_COSTS = {
    "negative": ({"rows-0-amount": "-5"}, "rows-0-amount", "rows-0-amount", "Enter an amount of £0 or more"),
    "year outside the period": ({"rows-0-year": "7"}, "rows-0-year", "rows-0-year", "Select a year within the appraisal period"),
    "over £10bn": ({"rows-0-amount": "10,000,000,000.01"}, "rows-0-amount", "rows-0-amount", "Enter an amount of £10,000,000,000 or less"),
    "optimism bias over 200%": ({"bias-optimism_bias": "201"}, "bias-optimism_bias", "bias-optimism_bias", "Enter a percentage of 200 or less"),
}


@pytest.mark.parametrize("case_name", BAD_COSTS)
def test_bad_set_up_costs_are_shown_next_to_the_field_and_in_the_summary(case_name, signed_in, case):
    changes, field, anchor, message = BAD_COSTS[case_name]
    posted = {f"setup-costs-{name}": value for name, value in {"rows-0-category": "it", "rows-0-year": "1", "rows-0-amount": "1,250", **changes}.items()}
    url = section_url(case, "setup-costs")
    response = signed_in.post(url, form_data(signed_in.get(url), action="continue", **posted))
    assert summary_errors(response) == [(f"#id_setup-costs-{anchor}", message)]
    assert field_errors(response) == [(f"id_setup-costs-{field}_error", message)]
    # What was typed is kept; a year the select does not offer is shown unchosen.
    assert {k: form_data(response).get(k) for k in posted} == {**posted, **({"setup-costs-rows-0-year": ""} if case_name == "year outside the period" else {})}
    assert SetUpCost.objects.count() == 0


def test_the_year_of_a_set_up_cost_is_chosen_from_the_appraisal_period(signed_in, case, officer):
    url = section_url(case, "setup-costs")
    year = signed_in.get(url).context["form"]["rows"].forms[0].fields["year"]
    assert year.choices == [("", "Select a year"), (0, "Year 0 (the first year)"), (1, "Year 1"), (2, "Year 2"), (3, "Year 3"), (4, "Year 4")]
    FinancialSettings.objects.create(assessment=case, years=2)
    year = signed_in.get(url).context["form"]["rows"].forms[0].fields["year"]
    assert year.choices == [("", "Select a year"), (0, "Year 0 (the first year)"), (1, "Year 1")]
    posted = {"setup-costs-rows-0-category": "it", "setup-costs-rows-0-year": "1", "setup-costs-rows-0-amount": "£1,250.50"}
    assert signed_in.post(url, form_data(signed_in.get(url), action="continue", **posted)).status_code == 302
    assert list(SetUpCost.objects.values_list("category", "year", "amount", "updated_by")) == [("it", 1, Decimal("1250.50"), officer.pk)]


@pytest.mark.parametrize("amount,message", [("-100", "Enter an amount of £0 or more"), ("20,000,000,000", "Enter an amount of £10,000,000,000 or less")])
def test_bad_savings_are_shown_next_to_the_field_and_in_the_summary(amount, message, signed_in, case):
    url = section_url(case, "savings")
    response = signed_in.post(url, form_data(signed_in.get(url), action="continue", **{"savings-year-1-staff": amount, "savings-year-2-staff": "5,000"}))
    assert summary_errors(response) == [("#id_savings-year-1-staff", message)]
    assert field_errors(response) == [("id_savings-year-1-staff_error", message)]
    assert (form_data(response)["savings-year-1-staff"], form_data(response)["savings-year-2-staff"]) == (amount, "5,000")
    assert SavingEstimate.objects.count() == 0


def test_starting_values_come_from_each_partners_joint_assessment_and_the_councils_record(signed_in, case, merton, sutton, partnership):
    factories.joint_assessment(partnership, merton, {"joint-annual-budget": "1250000", "contract-end-date": "2027-03-31"}, when=datetime(2026, 5, 3, 12, tzinfo=UTC))
    factories.joint_assessment(partnership, sutton, {"joint-annual-budget": "980000.50"}, when=datetime(2026, 6, 1, 12, tzinfo=UTC))
    response = signed_in.get(section_url(case, "partner-figures"))
    form = response.context["form"]
    offered = {slug: (form[slug]["baseline"].value(), form[slug]["contract_end"].value(), form[slug]["population"].value()) for slug in ("merton", "sutton", "kingston")}
    assert offered == {
        "merton": (Decimal(1250000), date(2027, 3, 31), 199693),
        "sutton": (Decimal("980000.50"), None, 190146),
        "kingston": (None, None, 160060),
    }
    hints = {slug: {name: form[slug].fields[name].help_text for name in ("baseline", "contract_end", "population")} for slug in ("merton", "sutton", "kingston")}
    record = "We have filled this in from the council's record (2011 census). Check it is still right before you save."
    assert hints == {
        "merton": {
            "baseline": "We have filled this in from London Borough of Merton's joint assessment submitted 3 May 2026. Check it is still right before you save.",
            "contract_end": "We have filled this in from London Borough of Merton's joint assessment submitted 3 May 2026. Check it is still right before you save.",
            "population": record,
        },
        "sutton": {
            "baseline": "We have filled this in from London Borough of Sutton's joint assessment submitted 1 June 2026. Check it is still right before you save.",
            "contract_end": "", "population": record,
        },
        "kingston": {"baseline": "", "contract_end": "", "population": record},
    }
    assert "joint assessment submitted 3 May 2026" in response.content.decode()
    assert PartnerFigures.objects.count() == 0  # offered, not saved


def test_saving_the_set_up_costs_unchanged_keeps_them(signed_in, complete_case):
    page = signed_in.get(section_url(complete_case, "setup-costs"))
    signed_in.post(section_url(complete_case, "setup-costs"), form_data(page, action="continue"))
    assert list(SetUpCost.objects.values_list("category", "year", "amount")) == [("it", 0, Decimal("300000.00"))]


@pytest.mark.parametrize("slug", ["options", "project-plan", "risks", "dont-proceed-without", "partner-figures", "setup-costs", "savings"])
def test_nonsense_in_every_box_is_never_a_server_error(slug, signed_in, case):
    url = section_url(case, slug)
    typed = {k: v if k.endswith(("_FORMS", "current_step")) else "x<b>" for k, v in form_data(signed_in.get(url)).items()}
    for action in ["continue", "later", "add", "remove-0", "remove-9"]:
        response = signed_in.post(url, {**typed, "action": action})
        assert (response.status_code, "<b>" in response.content.decode().split("<main", 1)[1]) == (200, False)
    assert AnswerSheet(case).pages[slug].rows() == []


@pytest.mark.parametrize("action, status", [("add", 400), ("continue", 200)])
def test_a_tampered_row_count_is_not_a_server_error(action, status, signed_in, case):
    data = {**rows_post("options", [KINDS["options"]["rows"][0][0]], action=action), "options-rows-TOTAL_FORMS": "many"}
    signed_in.raise_request_exception = False
    assert signed_in.post(section_url(case, "options"), data).status_code == status
    assert AnswerSheet(case).pages["options"].rows() == []


def test_a_later_save_is_shown_the_other_officers_rows_and_saves_nothing_until_saved_again(signed_in, case, officer, partner_officer):
    url = section_url(case, "options")
    (a, stored_a), (b, stored_b), _ = KINDS["options"]["rows"]
    mine = form_data(signed_in.get(url), action="continue")
    theirs = Client()
    theirs.force_login(partner_officer)
    opened = form_data(theirs.get(url), action="continue")
    assert signed_in.post(url, {**mine, **rows_post("options", [a])}).status_code == 302

    response = theirs.post(url, {**opened, **rows_post("options", [b])})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else changed this page while you were working on it. Nothing has been saved yet." in html
    assert "Officer Tester saved a change at" in html
    assert "Another option: One shared service</dt>" in html  # their rows, as they saved them
    assert shown_rows(response, "options") == {k: v for k, v in rows_post("options", [b]).items() if k.startswith("options-rows-")}
    assert stored(case, "options") == [stored_a]

    again = theirs.post(url, form_data(response, action="continue"))
    assert again.status_code == 302
    assert stored(case, "options") == [stored_b]
    assert CaseOption.objects.get(assessment=case).updated_by == partner_officer


def test_a_page_of_rows_saved_by_someone_else_just_before_it_was_opened_but_committed_after_is_not_overwritten(signed_in, case, partner_officer):
    """Their save is stamped as it begins and committed a moment later, after this page read the
    rows: saving the page must still be told of their row."""
    url = section_url(case, "options")
    (a, stored_a), (b, stored_b), _ = KINDS["options"]["rows"]
    before_opening = timezone.now()
    opened = form_data(signed_in.get(url), action="continue")
    CaseOption.objects.create(
        assessment=case, position=1, kind="other", name="One shared service", description="Merton hosts it.", preferred=True,
        updated_by=partner_officer, updated_at=before_opening - timedelta(seconds=1),
    )

    response = signed_in.post(url, {**opened, **rows_post("options", [b])})
    assert response.status_code == 200
    assert "Someone else changed this page while you were working on it. Nothing has been saved yet." in response.content.decode()
    assert stored(case, "options") == [stored_a]


def test_a_later_save_is_warned_of_a_row_someone_else_removed(signed_in, case, officer, partner_officer):
    url = section_url(case, "risks")
    (a, stored_a), (b, stored_b), _ = KINDS["risks"]["rows"]
    signed_in.post(url, rows_post("risks", [a, b]))
    theirs = Client()
    theirs.force_login(partner_officer)
    opened = form_data(theirs.get(url), action="continue")  # both risks, as they were
    assert signed_in.post(url, form_data(signed_in.get(url), action="continue", **{"risks-rows-TOTAL_FORMS": "1"})).status_code == 302
    assert stored(case, "risks") == [stored_a]

    response = theirs.post(url, opened)
    html = response.content.decode()
    assert "Someone else changed this page while you were working on it. Nothing has been saved yet." in html
    assert "Officer Tester saved a change at" in html
    assert stored(case, "risks") == [stored_a]  # the removed risk does not silently come back


def test_a_later_save_is_warned_of_an_optimism_bias_someone_else_set(signed_in, complete_case, partner_officer):
    url = section_url(complete_case, "setup-costs")
    theirs = Client()
    theirs.force_login(partner_officer)
    opened = form_data(theirs.get(url), action="continue")
    assert signed_in.post(url, form_data(signed_in.get(url), action="continue", **{"setup-costs-bias-optimism_bias": "24"})).status_code == 302

    response = theirs.post(url, opened)
    assert "Someone else changed this page while you were working on it. Nothing has been saved yet." in response.content.decode()
    assert FinancialSettings.objects.get(assessment=complete_case).optimism_bias == Decimal("24.00")


def test_figures_that_no_longer_fit_the_period_or_the_partners_hold_the_business_case_back(client, complete_case, officer):
    """Shortening the period or a change of partners must not leave figures the model cannot
    work out in a business case marked ready: each page says what to put right."""
    SetUpCost.objects.create(assessment=complete_case, position=1, category="it", year=3, amount=Decimal("5000.00"), updated_by=officer, updated_at=timezone.now())
    FinancialSettings.objects.filter(assessment=complete_case).update(years=3, setup_split="agreed")
    pages = AnswerSheet(complete_case).pages
    assert pages["setup-costs"].missing() == ["Move or remove the set-up cost in year 3 (IT): the appraisal period is now 3 years (years 0 to 2)"]
    assert pages["savings"].missing() == [
        "Savings or income are entered for years after the appraisal period of 3 years: save this page to remove them, or lengthen the period"
    ]
    assert pages["partner-figures"].missing() == [
        "Give the agreed percentage of set-up costs for London Borough of Merton.",
        "Give the agreed percentage of set-up costs for London Borough of Sutton.",
        "Give the agreed percentage of set-up costs for Royal Borough of Kingston upon Thames.",
    ]
    assert [pages[slug].status() for slug in ("partner-figures", "setup-costs", "savings")] == ["In progress"] * 3
    client.force_login(officer)
    client.post(reverse("toolkit:assessment-submit", args=[complete_case.pk]))
    complete_case.refresh_from_db()
    assert complete_case.status == "in_progress"


@pytest.mark.parametrize("slug", ["options", "project-plan", "risks", "setup-costs"])
def test_enter_in_a_text_box_saves_the_page_rather_than_removing_a_row(slug, signed_in, case):
    """A browser presses a form's first submit button when Enter is pressed in a text box."""
    url = section_url(case, slug)
    html = signed_in.post(url, form_data(signed_in.get(url), action="add")).content.decode()  # two rows, each with "Remove"
    form = html[html.rindex("<form", 0, html.index("assessment_wizard-current_step")):]
    first = re.search(r"<button[^>]*>", form)[0]
    assert ('name="action"' in first, 'value="continue"' in first, 'tabindex="-1"' in first) == (True, True, True)
    assert form.index(first) < form.index('value="remove-0"') < form.index('>Save and continue</button>', form.index(first) + len(first))
