"""Compatibility rules, as tables of cases: unanswered and uncompared questions, odd ones out, theme
and overall verdicts, compare() with three partners and hidden questions. No database. Every
expected value is written by hand."""

from dataclasses import replace
from decimal import Decimal

import pytest

from tests.compatibility.cases import (
    APPROACH,
    APPROACH_RULE,
    BUDGET,
    CONTRACT_END,
    HOSTING,
    SCOPE,
    SCOPE_MATCH,
    SERVICES,
    outcome,
    partners,
    rule,
)
from toolkit.compatibility.rules import (
    ALIGNED,
    CONFLICT,
    DIFFERENT,
    MAY_DIFFER,
    MONTHS,
    MUST_MATCH,
    NONE,
    NOT_COMPARED,
    NOT_ENOUGH,
    TOLERANCE,
    Compatibility,
    QuestionResult,
    ThemeResult,
    compare,
    compare_question,
    overall_verdict,
    theme_verdict,
)


@pytest.mark.parametrize(
    "question,answers,verdict,shown",
    [
        # fewer than two answers: not enough, whatever the comparison
        (APPROACH_RULE, partners("big-bang", None, ""), NOT_ENOUGH, {"Merton": "big-bang"}),
        (SCOPE_MATCH, partners([], None), NOT_ENOUGH, {}),
        (BUDGET, partners("1000000"), NOT_ENOUGH, {"Merton": "1000000"}),
        (rule("text", MUST_MATCH), partners("Savings.", ""), NOT_ENOUGH, {"Merton": "Savings."}),
        # an answer that cannot be read counts as unanswered
        (BUDGET, partners("lots", "1000000"), NOT_ENOUGH, {"Sutton": "1000000"}),
        (CONTRACT_END, partners("31/03/2028", "2028-03-31"), NOT_ENOUGH, {"Sutton": "2028-03-31"}),
        # free text is never compared, whatever the comparison; "none" is never compared
        (
            rule("text", MUST_MATCH),
            partners("Savings.", "Resilience."),
            NOT_COMPARED,
            {"Merton": "Savings.", "Sutton": "Resilience."},
        ),
        (
            rule("long_text", NONE),
            partners("Savings.", "", "Jobs."),
            NOT_COMPARED,
            {"Merton": "Savings.", "Kingston": "Jobs."},
        ),
        (
            rule("single", NONE, labels=APPROACH),
            partners("big-bang", "organic"),
            NOT_COMPARED,
            {"Merton": "big-bang", "Sutton": "organic"},
        ),
        # the answers shown are the stored values of the partners that answered, in order
        (APPROACH_RULE, partners("big-bang", None, "organic"), CONFLICT, {"Merton": "big-bang", "Kingston": "organic"}),
    ],
)
def test_unanswered_and_uncompared(question, answers, verdict, shown):
    result = compare_question(question, answers)
    assert result.verdict == verdict
    assert result.answers == shown
    assert list(result.answers) == list(shown)
    assert result.odd_ones_out == ()


def test_a_partner_with_one_other_answering_is_never_singled_out():
    result = compare_question(APPROACH_RULE, partners("big-bang", None, "organic"))
    assert outcome(result) == (CONFLICT, (), "Merton answered ‘Big bang’; Kingston answered ‘Organic’.")


@pytest.mark.parametrize(
    "verdicts,expected",
    [
        ([], NOT_COMPARED),
        ([ALIGNED], ALIGNED),
        ([ALIGNED, ALIGNED], ALIGNED),
        ([ALIGNED, DIFFERENT], DIFFERENT),
        ([DIFFERENT, NOT_COMPARED], DIFFERENT),
        ([ALIGNED, DIFFERENT, CONFLICT], CONFLICT),
        ([CONFLICT, NOT_ENOUGH], CONFLICT),
        ([NOT_COMPARED, ALIGNED, NOT_ENOUGH], ALIGNED),
        ([NOT_COMPARED, NOT_ENOUGH], NOT_COMPARED),
        ([NOT_ENOUGH], NOT_COMPARED),
    ],
)
def test_theme_verdict(verdicts, expected):
    assert theme_verdict(verdicts) == expected


@pytest.mark.parametrize(
    "verdicts,expected",
    [
        ([], NOT_COMPARED),
        ([ALIGNED, ALIGNED], ALIGNED),
        ([ALIGNED, NOT_COMPARED], ALIGNED),
        ([ALIGNED, DIFFERENT], DIFFERENT),
        ([DIFFERENT, CONFLICT, ALIGNED], CONFLICT),
        ([NOT_COMPARED], NOT_COMPARED),
    ],
)
def test_overall_verdict(verdicts, expected):
    assert overall_verdict(verdicts) == expected
    assert overall_verdict(iter(verdicts)) == expected


RULES = [
    replace(APPROACH_RULE, key="approach"),
    rule("long_text", NONE, key="notes"),
    rule("single", MAY_DIFFER, key="hosting", theme="delivery", labels=HOSTING, flexible=frozenset({"either"})),
    rule("date", MONTHS, key="contract_end", theme="delivery", months=12),
    rule("money", TOLERANCE, key="budget", theme="finance", tolerance=Decimal(100000)),
    SCOPE,
    rule("multiple", NONE, key="never", theme="services", labels=SERVICES),
    rule("single", MUST_MATCH, key="migration", theme="services", labels=APPROACH),
    rule("text", MUST_MATCH, key="feedback", theme="other"),
]
ANSWERS = {
    "Merton": {
        "approach": "big-bang",
        "notes": "Resilience first.",
        "hosting": "cloud",
        "contract_end": "2028-03-31",
        "budget": "1250000",
        "scope": ["hr", "legal"],
        "never": [],
        "migration": "phased",
        "feedback": "Keep local offices.",
    },
    "Sutton": {
        "approach": "big-bang",
        "notes": "",
        "hosting": "cloud",
        "contract_end": "2028-09-30",
        "budget": "1200000",
        "scope": ["legal", "hr"],
        "never": [],
    },
    "Kingston": {
        "approach": "organic",
        "notes": "Savings.",
        "hosting": "in-house",
        "contract_end": "2029-03-31",
        "budget": "1300000",
        "scope": ["hr"],
        "never": ["legal"],
        "migration": "big-bang",  # left over from before its follow-up was hidden
    },
}
ALL_BUT_MIGRATION = {"approach", "notes", "hosting", "contract_end", "budget", "scope", "never", "feedback"}


def test_compare_three_partners():
    shown = {"Merton": ALL_BUT_MIGRATION | {"migration"}, "Sutton": ALL_BUT_MIGRATION, "Kingston": ALL_BUT_MIGRATION}
    assert compare(RULES, ANSWERS, shown) == Compatibility(
        questions=[
            QuestionResult(
                key="approach",
                theme="vision",
                verdict=CONFLICT,
                answers={"Merton": "big-bang", "Sutton": "big-bang", "Kingston": "organic"},
                odd_ones_out=("Kingston",),
                reason="Merton and Sutton answered ‘Big bang’. Kingston differs from the rest: it answered ‘Organic’.",
            ),
            QuestionResult(
                key="notes",
                theme="vision",
                verdict=NOT_COMPARED,
                answers={"Merton": "Resilience first.", "Kingston": "Savings."},
                odd_ones_out=(),
                reason="",
            ),
            QuestionResult(
                key="hosting",
                theme="delivery",
                verdict=DIFFERENT,
                answers={"Merton": "cloud", "Sutton": "cloud", "Kingston": "in-house"},
                odd_ones_out=("Kingston",),
                reason="Merton and Sutton answered ‘Cloud’. Kingston differs from the rest: it answered ‘In-house’.",
            ),
            QuestionResult(
                key="contract_end",
                theme="delivery",
                verdict=ALIGNED,
                answers={"Merton": "2028-03-31", "Sutton": "2028-09-30", "Kingston": "2029-03-31"},
                odd_ones_out=(),
                reason="",
            ),
            QuestionResult(
                key="budget",
                theme="finance",
                verdict=ALIGNED,
                answers={"Merton": "1250000", "Sutton": "1200000", "Kingston": "1300000"},
                odd_ones_out=(),
                reason="",
            ),
            QuestionResult(
                key="scope",
                theme="services",
                verdict=CONFLICT,
                answers={"Merton": ["hr", "legal"], "Sutton": ["legal", "hr"], "Kingston": ["hr"]},
                odd_ones_out=("Kingston",),
                reason="Merton and Sutton put Legal in scope, which Kingston will never share.",
                clashes=(("Merton", "legal", "Kingston"), ("Sutton", "legal", "Kingston")),
            ),
            QuestionResult(
                key="never",
                theme="services",
                verdict=NOT_ENOUGH,
                answers={"Kingston": ["legal"]},
                odd_ones_out=(),
                reason="",
            ),
            QuestionResult(
                key="migration",
                theme="services",
                verdict=NOT_ENOUGH,
                answers={"Merton": "phased"},
                odd_ones_out=(),
                reason="",
            ),
            QuestionResult(
                key="feedback",
                theme="other",
                verdict=NOT_ENOUGH,
                answers={"Merton": "Keep local offices."},
                odd_ones_out=(),
                reason="",
            ),
        ],
        themes=[
            ThemeResult("vision", CONFLICT, {ALIGNED: 0, DIFFERENT: 0, CONFLICT: 1}),
            ThemeResult("delivery", DIFFERENT, {ALIGNED: 1, DIFFERENT: 1, CONFLICT: 0}),
            ThemeResult("finance", ALIGNED, {ALIGNED: 1, DIFFERENT: 0, CONFLICT: 0}),
            ThemeResult("services", CONFLICT, {ALIGNED: 0, DIFFERENT: 0, CONFLICT: 1}),
            ThemeResult("other", NOT_COMPARED, {ALIGNED: 0, DIFFERENT: 0, CONFLICT: 0}),
        ],
        verdict=CONFLICT,
        partners=("Merton", "Sutton", "Kingston"),
    )


@pytest.mark.parametrize(
    "shown,scope,migration",
    [
        # every question shown: Kingston's left-over follow-up answer counts
        (None, CONFLICT, (CONFLICT, (), "Merton answered ‘Phased’; Kingston answered ‘Big bang’.")),
        # a partner missing from the map was shown everything; Kingston's "never share" hidden: no clash
        (
            {"Kingston": (ALL_BUT_MIGRATION - {"never"}) | {"migration"}},
            DIFFERENT,
            (CONFLICT, (), "Merton answered ‘Phased’; Kingston answered ‘Big bang’."),
        ),
        # the follow-up hidden from Merton: only Kingston left
        ({"Merton": ALL_BUT_MIGRATION}, CONFLICT, (NOT_ENOUGH, (), "")),
    ],
)
def test_hidden_questions_count_as_unanswered(shown, scope, migration):
    result = {q.key: q for q in compare(RULES, ANSWERS, shown).questions}
    assert result["scope"].verdict == scope
    assert outcome(result["migration"]) == migration


@pytest.mark.parametrize(
    "question,answers",
    [
        # Everyone is more than 12 months from the middle date but the first: three of four would
        # be "odd", which is the majority, so nobody is singled out.
        (CONTRACT_END, ("2027-01-01", "2028-06-01", "2029-12-01", "2031-06-01")),
        # 150 is the middle answer; 100 and 200 are both too far from it: two of three.
        (rule("number", TOLERANCE, tolerance=Decimal(10)), (100, 150, 200)),
    ],
)
def test_the_majority_is_never_named_as_the_odd_ones_out(question, answers):
    result = compare_question(question, partners(*answers))
    assert (result.verdict, result.odd_ones_out) == (CONFLICT, ())
