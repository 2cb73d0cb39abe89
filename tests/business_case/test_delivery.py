"""Delivery-model recommendation rules, as tables of cases. No database. Every expected value is written by hand."""

import json
import re
from itertools import product
from pathlib import Path

import pytest

from toolkit.business_case.delivery import (
    BIG_BANG,
    CONTROLS,
    EACH_COUNCIL,
    EMPLOYERS,
    EQUAL,
    LEAD,
    NEW_BODY,
    ONE_COUNCIL,
    ORGANIC,
    PACES,
    Situation,
    recommend,
)
from toolkit.business_case.delivery_models import DESIGN_ANSWERS, MODELS, LegalBasis, model

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
SEED_FILES = {
    "000_89f19df402329646.txt",
    "001_7a5597624470dbfa.txt",
    "002_3629ed7e1db573a4.txt",
    "003_ad2021519356bd22.txt",
    "004_69d23a5f6650a130.txt",
}
ALL_KEYS = ("joint-working", "lead-authority", "joint-committee", "company", "joint-venture", "health-pooling")


def fitting(situation):
    return tuple(s.model.key for s in recommend(situation) if s.fits)


def suggestion(situation, key):
    return next(s for s in recommend(situation) if s.model.key == key)


def fixture(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "situation,expected",
    [
        # nothing decided: joint working alone, the default starting point
        (Situation(partners=2), ("joint-working",)),
        (Situation(partners=6), ("joint-working",)),
        # few partners, organic, each keeping its staff (North and North East Lincolnshire)
        (Situation(partners=2, employer=EACH_COUNCIL, pace=ORGANIC), ("joint-working",)),
        # many partners and a big bang are things to watch, not reasons against
        (Situation(partners=5, employer=EACH_COUNCIL, pace=BIG_BANG), ("joint-working",)),
        # an NHS partner (Knowsley)
        (Situation(partners=2, health_partner=True), ("health-pooling", "joint-working")),
        (
            Situation(partners=2, health_partner=True, employer=ONE_COUNCIL, control=LEAD),
            ("health-pooling", "lead-authority"),
        ),
        # a private partner (Southwest One)
        (Situation(partners=3, private_partner=True), ("joint-venture", "joint-working")),
        (Situation(partners=3, trading=True, private_partner=True), ("joint-venture",)),
        (Situation(partners=2, private_partner=True, employer=NEW_BODY), ("joint-venture",)),
        # trading without a private partner, or a new employer (East Lindsey and South Holland)
        (Situation(partners=2, trading=True), ("company",)),
        (Situation(partners=2, trading=True, employer=EACH_COUNCIL), ("company",)),
        (Situation(partners=2, employer=NEW_BODY), ("company",)),
        (Situation(partners=2, trading=True, employer=NEW_BODY, control=EQUAL), ("company", "joint-committee")),
        # one council employing the staff, the others content to let it lead (Stafford and Cannock Chase)
        (Situation(partners=2, employer=ONE_COUNCIL, control=LEAD), ("lead-authority",)),
        (Situation(partners=3, employer=ONE_COUNCIL), ("lead-authority",)),
        # content to let one council lead, staff placed at its disposal or not yet decided
        (Situation(partners=2, employer=EACH_COUNCIL, control=LEAD), ("lead-authority", "joint-working")),
        (Situation(partners=2, control=LEAD), ("lead-authority", "joint-working")),
        # but not when a new body is to employ the staff
        (Situation(partners=2, employer=NEW_BODY, control=LEAD), ("company",)),
        # one council hosting under a joint committee (East Kent)
        (Situation(partners=4, employer=ONE_COUNCIL, control=EQUAL), ("lead-authority", "joint-committee")),
        # an equal say, each keeping its staff (Cambridgeshire and Northamptonshire)
        (Situation(partners=2, employer=EACH_COUNCIL, control=EQUAL), ("joint-committee", "joint-working")),
        (Situation(partners=4, control=EQUAL, pace=ORGANIC), ("joint-committee", "joint-working")),
        # everything at once
        (
            Situation(
                partners=3,
                trading=True,
                private_partner=True,
                health_partner=True,
                employer=NEW_BODY,
                control=EQUAL,
                pace=BIG_BANG,
            ),
            ("health-pooling", "joint-venture", "joint-committee"),
        ),
        (
            Situation(partners=4, trading=True, health_partner=True, employer=ONE_COUNCIL, control=EQUAL),
            ("health-pooling", "company", "lead-authority", "joint-committee"),
        ),
    ],
)
def test_fitting_models_in_order_of_preference(situation, expected):
    assert fitting(situation) == expected


@pytest.mark.parametrize(
    "situation",
    [
        Situation(partners=2),
        Situation(partners=2, trading=True, private_partner=True, health_partner=True, employer=NEW_BODY),
        Situation(partners=4, employer=ONE_COUNCIL, control=EQUAL),
        Situation(partners=9, employer=EACH_COUNCIL, control=LEAD, pace=ORGANIC),
    ],
)
def test_every_model_is_returned_once_fitting_first_then_the_rest_in_the_usual_order(situation):
    suggestions = recommend(situation)
    keys = [s.model.key for s in suggestions]
    assert sorted(keys) == sorted(ALL_KEYS)
    fits = [s.fits for s in suggestions]
    assert fits == sorted(fits, reverse=True)  # no fitting model after one that does not fit
    rest = [s.model.key for s in suggestions if not s.fits]
    assert rest == [key for key in ALL_KEYS if key in rest]
    for s in suggestions:
        assert s.why, s.model.key  # why it fits, or why not
        assert s.watch, s.model.key


def test_nothing_decided_returns_all_six_with_joint_working_as_the_starting_point():
    suggestions = recommend(Situation(partners=2))
    assert [(s.model.key, s.fits) for s in suggestions] == [
        ("joint-working", True),
        ("lead-authority", False),
        ("joint-committee", False),
        ("company", False),
        ("joint-venture", False),
        ("health-pooling", False),
    ]
    assert suggestions[0].why == (
        (
            "Who should employ the staff is not decided yet: joint working needs no change of employer, so it is the "
            "simplest place to start."
        ),
        "With two partners, a written agreement between the councils can be enough.",
    )
    assert suggestions[0].watch == (
        (
            "Each council acts for itself and stays responsible for its own service: put how decisions, costs and "
            "savings are shared, and how a council can leave, in a written agreement."
        ),
    )
    assert [s.why for s in suggestions[1:]] == [
        (
            (
                "No council has been chosen to employ the staff for the others, and the partners want some control "
                "each rather than one council leading."
            ),
        ),
        ("The partners want some control each, not an equal say.",),
        ("There is no ambition to trade with others and no wish for a new body to employ the staff.",),
        ("No private partner is wanted.",),
        ("No NHS body is a partner.",),
    ]


def test_joint_working_with_few_partners_organic_each_keeping_staff():
    s = suggestion(Situation(partners=3, employer=EACH_COUNCIL, pace=ORGANIC), "joint-working")
    assert s.fits
    assert s.why == (
        (
            "Each council keeps employing its own staff: North and North East Lincolnshire each employed half of their "
            "shared procurement team, which kept a clear way out."
        ),
        "With three partners, a written agreement between the councils can be enough.",
        (
            "An organic pace suits it: start under an agreement and share more as opportunities arise, such as posts "
            "falling vacant."
        ),
    )


def test_joint_working_with_many_partners_and_a_big_bang_warns():
    s = suggestion(Situation(partners=5, employer=EACH_COUNCIL, pace=BIG_BANG), "joint-working")
    assert s.fits
    assert s.watch == (
        (
            "Each council acts for itself and stays responsible for its own service: put how decisions, costs and "
            "savings are shared, and how a council can leave, in a written agreement."
        ),
        "With five partners, decisions under an agreement alone can be slow: a joint committee may help.",
        (
            "A big bang brings a lot of change at once, while joint working keeps each council's service separate: "
            "check it can deliver what the business case needs."
        ),
    )


def test_joint_working_does_not_fit_a_new_employer_or_trading():
    s = suggestion(Situation(partners=2, trading=True, employer=NEW_BODY), "joint-working")
    assert not s.fits
    assert s.why == (
        "A new body is to employ the staff; in joint working each council keeps its own.",
        (
            "The partners want to sell the service to others, which needs a body to trade through; in joint working "
            "each council runs its own service."
        ),
    )


def test_east_kent_lead_authority_paired_with_a_joint_committee():
    s = suggestion(Situation(partners=4, employer=ONE_COUNCIL, control=EQUAL), "lead-authority")
    assert s.fits
    assert s.why == (
        "One council is to employ the staff and host the service for the others, as Thanet does for East Kent.",
    )
    assert s.watch == (
        (
            "The councils that delegate stay ultimately responsible for the service: agree how they hold the lead "
            "council to account, for example a service level agreement for each service and a board of members from "
            "each council (Stafford and Cannock Chase; the Dorset partnership)."
        ),
        (
            "Staff moving to the lead council change employer (under TUPE at Stafford and Cannock Chase): consult staff "
            "and trade unions early."
        ),
        (
            "The partners want an equal say, which a lead authority alone does not give: pair it with a joint "
            "committee, as East Kent did (Thanet employs the staff; a joint committee of the councils decides)."
        ),
    )


def test_lead_authority_with_staff_placed_at_its_disposal():
    s = suggestion(Situation(partners=2, employer=EACH_COUNCIL, control=LEAD), "lead-authority")
    assert s.fits
    assert s.why == (
        "The other partners are content for one council to lead: they can delegate the service to it.",
        "Staff can stay employed by their own council and be placed at the lead council's disposal.",
    )


@pytest.mark.parametrize(
    "situation,why",
    [
        (
            Situation(partners=2, employer=NEW_BODY, control=LEAD),
            ("A new body is to employ the staff, not one of the councils.",),
        ),
        (
            Situation(partners=2, employer=EACH_COUNCIL, control=EQUAL),
            (
                (
                    "Each council wants to keep employing its own staff, and the partners want an equal say rather "
                    "than one council leading."
                ),
            ),
        ),
    ],
)
def test_lead_authority_says_why_not(situation, why):
    s = suggestion(situation, "lead-authority")
    assert not s.fits
    assert s.why == why


def test_joint_committee_with_an_nhs_partner_warns_it_is_of_councils_only():
    s = suggestion(Situation(partners=3, health_partner=True, control=EQUAL), "joint-committee")
    assert s.fits
    assert s.why == (
        (
            "The partners want an equal say: a committee of councillors from every council takes the decisions "
            "together, as in East Kent and the South London Waste Partnership."
        ),
    )
    assert s.watch == (
        (
            "A joint committee is set up by a legal agreement every council signs; its accounts are prepared by the "
            "councils and audited by an appointed auditor."
        ),
        (
            "Decide who employs the staff: in East Kent one council hosts them; in Cambridgeshire and Northamptonshire "
            "each council keeps its own."
        ),
        (
            "A partnership that includes a body other than a council, such as an NHS body or a private partner, is not "
            "a joint committee: the joint committee is of the councils only."
        ),
    )


@pytest.mark.parametrize(
    "situation,why",
    [
        (
            Situation(partners=2, control=LEAD),
            ("The partners are content for one council to lead, so they do not need an equal say.",),
        ),
        (Situation(partners=2), ("The partners want some control each, not an equal say.",)),
    ],
)
def test_joint_committee_says_why_not(situation, why):
    s = suggestion(situation, "joint-committee")
    assert not s.fits
    assert s.why == why


def test_company_for_trading_with_teckal_as_a_dated_signpost():
    s = suggestion(Situation(partners=2, trading=True, control=EQUAL, pace=BIG_BANG), "company")
    assert s.fits
    assert s.why == (
        (
            "The partners want to sell the service to others: a company can grow to serve other organisations, which is "
            "why East Lindsey and South Holland chose one."
        ),
        (
            "Each council can have an equal vote whatever its share: East Lindsey holds 63% of the shares in its company "
            "with South Holland, but each council has one vote."
        ),
        (
            "A big bang suits a fresh start: East Lindsey and South Holland expected their company to change the working "
            "culture as well as the processes."
        ),
    )
    assert s.watch == (
        (
            "The Teckal exemption (a signpost from the LGA guide, 2011): the councils can contract with their company "
            "without a procurement exercise only if they control it as they do their own departments and it mainly "
            "serves them. East Lindsey and South Holland's company may sell no more than 15% of its turnover to others. "
            "Take legal advice."
        ),
        (
            "Setting up a company raises questions of competition law, state aid and procurement and needs specific "
            "legal advice; East Kent set one aside over doubts about the councils' powers."
        ),
        (
            "Staff move to the company (under TUPE at East Lindsey and South Holland): consult staff and trade unions "
            "early."
        ),
    )


def test_company_led_by_one_council_warns_about_joint_control():
    s = suggestion(Situation(partners=2, employer=NEW_BODY, control=LEAD), "company")
    assert s.fits
    assert s.why == ("A new body is to employ the staff: the company can be that employer.",)
    assert s.watch[-1] == (
        "Under the Teckal exemption as described in 2011, the councils must control the company together, so each "
        "owner needs a real say in its strategy and main decisions, even if one council leads."
    )


def test_company_with_a_private_partner_points_to_the_joint_venture():
    s = suggestion(Situation(partners=2, trading=True, private_partner=True), "company")
    assert not s.fits
    assert s.why == (
        (
            "A private partner is wanted, and the Teckal exemption cannot apply where there is private capital: see the "
            "joint venture."
        ),
    )


def test_joint_venture_not_wanted_but_trading():
    s = suggestion(Situation(partners=2, trading=True), "joint-venture")
    assert not s.fits
    assert s.why == ("No private partner is wanted.",)
    assert s.watch[-1] == (
        "If selling the service needs investment, a private partner could be sought later: East Kent saw that as a "
        "possible future step."
    )


def test_joint_venture_with_a_private_partner_to_trade():
    s = suggestion(Situation(partners=3, trading=True, private_partner=True, control=EQUAL), "joint-venture")
    assert s.fits
    assert s.why == (
        (
            "A private-sector partner is wanted: a joint venture shares investment, risk and reward with it, as in "
            "Southwest One."
        ),
        (
            "The partners want to sell the service to others: a private partner can bring investment and skills to "
            "grow it."
        ),
        "No one council is seen to lead: Somerset chose a joint venture that others could join for that reason.",
    )
    assert s.watch == (
        (
            "The Teckal exemption cannot apply where there is private capital (LGA guide, 2011): take advice on the "
            "procurement rules for choosing the partner and contracting with the venture."
        ),
        "Read HM Treasury's guidance note on joint ventures with the private sector (2010).",
        (
            "Agree how risk and reward are shared over a long contract: in Southwest One the private partner holds 75% "
            "of the shares, the contract runs for 10 years and staff were seconded rather than transferred."
        ),
        (
            "A partnership with a body that is not a council is not a joint committee, and its accounts and audit work "
            "differently: talk to your appointed auditor."
        ),
    )


def test_health_pooling_with_an_nhs_partner():
    s = suggestion(Situation(partners=2, health_partner=True), "health-pooling")
    assert s.fits
    assert s.why == (
        (
            "An NHS body is a partner: the councils and the health body can pool budgets and bring staff and management "
            "together, as Knowsley did with a single executive team."
        ),
    )
    assert s.watch == (
        "It is for health-related services: check that the services in scope are.",
        (
            "Most staff keep their contract with the council or the NHS body while working in joint teams, as in "
            "Knowsley: agree how they are managed."
        ),
        (
            "A partnership with a body that is not a council is not a joint committee, and its accounts and audit work "
            "differently: talk to your appointed auditor."
        ),
    )


def test_the_six_models_in_order():
    assert tuple(m.key for m in MODELS) == ALL_KEYS
    assert model("company") is MODELS[3]
    with pytest.raises(KeyError):
        model("outsourcing")


@pytest.mark.parametrize(
    "key,provisions",
    [
        ("joint-working", ("agreement between the councils",)),
        ("lead-authority", ("Local Government Act 1972", "section 101", "section 113")),
        ("joint-committee", ("Local Government Act 1972", "section 102")),
        ("company", ("Teckal", "Public Contracts Regulations 2006")),
        ("joint-venture", ("Teckal exemption cannot apply", "HM Treasury")),
        ("health-pooling", ("National Health Service Act 2006", "section 75")),
    ],
)
def test_every_model_has_a_dated_legal_basis_from_a_source(key, provisions):
    basis = model(key).legal_basis
    assert isinstance(basis, LegalBasis)
    for provision in provisions:
        assert provision in basis.text
    assert basis.source in SEED_FILES
    assert re.fullmatch(r"(19|20)\d\d", basis.dated)
    assert basis.dated == "2011"  # all six as the LGA guide describes them
    assert basis.signpost.endswith(
        "As described in the LGA guide, Shared services and management: a guide for councils (Local Government "
        "Group), 2011. A signpost, not legal advice: the law may have changed since, so take legal advice."
    )


def test_a_signpost_from_a_named_publication_keeps_its_name_and_date():
    basis = LegalBasis(text="Joint ventures", source="HM Treasury joint ventures guidance note", dated="2010")
    assert basis.signpost == (
        "Joint ventures. As described in HM Treasury joint ventures guidance note, 2010. A signpost, not legal "
        "advice: the law may have changed since, so take legal advice."
    )


# What each case study's delivery_model text must say for it to fit the model (any one phrase, any case).
FITS_MODEL = {
    "joint-working": ("joint working",),
    "lead-authority": ("lead authority", "employs the staff", "became the employer"),
    "joint-committee": ("joint committee", "joint waste committee"),
    "company": ("jointly owned", "teckal"),
    "joint-venture": ("joint venture",),
    "health-pooling": ("section 75",),
}
EXPECTED_CASE_STUDIES = {
    "joint-working": ("north-north-east-lincolnshire-procurement",),
    "lead-authority": ("east-kent-services", "stafford-cannock-chase", "dorset-revenues-benefits-partnership"),
    "joint-committee": ("east-kent-services", "south-london-waste-partnership", "cambridgeshire-northamptonshire"),
    "company": ("east-lindsey-south-holland",),
    "joint-venture": ("southwest-one",),
    "health-pooling": ("knowsley-health-wellbeing",),
}


@pytest.mark.parametrize("key", ALL_KEYS)
def test_case_studies_exist_and_used_the_model(key):
    case_studies = {
        row["fields"]["slug"]: row["fields"]
        for row in fixture("40_content.json")
        if row["model"] == "toolkit.casestudy"
    }
    assert model(key).case_studies == EXPECTED_CASE_STUDIES[key]
    for slug in model(key).case_studies:
        assert slug in case_studies, slug
        text = case_studies[slug]["delivery_model"].lower()
        assert any(phrase in text for phrase in FITS_MODEL[key]), (slug, text)


def test_design_answers_are_options_of_the_delivery_model_question():
    rows = fixture("30_design.json")
    question = next(
        r for r in rows if r["model"] == "toolkit.question" and r["fields"]["key"] == "design-delivery-model"
    )
    options = {
        r["fields"]["value"]
        for r in rows
        if r["model"] == "toolkit.option" and r["fields"]["question"] == question["pk"]
    }
    assert set(DESIGN_ANSWERS) == set(ALL_KEYS)
    assert set(DESIGN_ANSWERS.values()) == options


@pytest.mark.parametrize(
    "kwargs",
    [
        {"partners": 1},
        {"partners": 0},
        {"partners": True},
        {"partners": 2.5},
        {"partners": 2, "employer": "outsourced"},
        {"partners": 2, "control": "none"},
        {"partners": 2, "pace": "phased"},
    ],
)
def test_impossible_situations_are_refused(kwargs):
    with pytest.raises(ValueError):
        Situation(**kwargs)


def test_at_least_one_model_fits_every_situation():
    """The docstring's promise, checked over every combination of answers."""
    for partners in (2, 3, 4, 7):
        for trading, private_partner, health_partner in product((False, True), repeat=3):
            for employer, control, pace in product(EMPLOYERS, CONTROLS, PACES):
                situation = Situation(partners, trading, private_partner, health_partner, employer, control, pace)
                assert fitting(situation), situation
