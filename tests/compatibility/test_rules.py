"""Compatibility rules, as tables of cases. No database. Every expected value is written by hand."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

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
    OVERLAP,
    TOLERANCE,
    Compatibility,
    QuestionResult,
    QuestionRule,
    ThemeResult,
    add_months,
    compare,
    compare_question,
    overall_verdict,
    theme_verdict,
)

APPROACH = {"big-bang": "Big bang", "organic": "Organic", "phased": "Phased", "not-decided": "Not decided"}
HOSTING = {"cloud": "Cloud", "in-house": "In-house", "either": "Either"}
SERVICES = {
    "hr": "HR",
    "it": "IT",
    "legal": "Legal",
    "revenues": "Revenues",
    "waste": "Waste",
    "no-preference": "No preference",
}
YES_NO = {"yes": "Yes", "no": "No"}


def rule(kind, comparison, key="q", theme="vision", **kw):
    return QuestionRule(key=key, text=f"Question {key}?", theme=theme, kind=kind, comparison=comparison, **kw)


def partners(*values):
    """Answers for the partners in order: Merton, Sutton, Kingston, Richmond, Croydon, ..."""
    names = ["Merton", "Sutton", "Kingston", "Richmond", "Croydon", "Bromley", "Hounslow", "Ealing"]
    return dict(zip(names, values))


def outcome(result):
    return result.verdict, result.odd_ones_out, result.reason


APPROACH_RULE = rule("single", MUST_MATCH, labels=APPROACH, flexible=frozenset({"not-decided"}))
SCOPE_MATCH = rule("multiple", MUST_MATCH, labels=SERVICES, flexible=frozenset({"no-preference"}))


@pytest.mark.parametrize(
    "question,answers,expected",
    [
        # two partners
        (APPROACH_RULE, partners("big-bang", "big-bang"), (ALIGNED, (), "")),
        (
            APPROACH_RULE,
            partners("big-bang", "organic"),
            (CONFLICT, (), "Merton answered ‘Big bang’; Sutton answered ‘Organic’."),
        ),
        (
            APPROACH_RULE,
            partners("big-bang", "not-decided"),
            (DIFFERENT, (), "Merton answered ‘Big bang’; Sutton answered ‘Not decided’."),
        ),
        (APPROACH_RULE, partners("not-decided", "not-decided"), (ALIGNED, (), "")),
        # three partners: a clear majority names the odd one out
        (
            APPROACH_RULE,
            partners("big-bang", "big-bang", "organic"),
            (
                CONFLICT,
                ("Kingston",),
                "Merton and Sutton answered ‘Big bang’. Kingston differs from the rest: it answered ‘Organic’.",
            ),
        ),
        (
            APPROACH_RULE,
            partners("organic", "big-bang", "big-bang"),
            (
                CONFLICT,
                ("Merton",),
                "Sutton and Kingston answered ‘Big bang’. Merton differs from the rest: it answered ‘Organic’.",
            ),
        ),
        # a flexible answer fits: different, and never an odd one out
        (
            APPROACH_RULE,
            partners("big-bang", "big-bang", "not-decided"),
            (DIFFERENT, (), "Merton and Sutton answered ‘Big bang’; Kingston answered ‘Not decided’."),
        ),
        # a tie: nobody named, the partners are split
        (
            APPROACH_RULE,
            partners("big-bang", "organic", "phased"),
            (
                CONFLICT,
                (),
                "The partners are split: Merton answered ‘Big bang’; Sutton answered ‘Organic’; Kingston answered ‘Phased’.",
            ),
        ),
        (
            APPROACH_RULE,
            partners("big-bang", "organic", "not-decided"),
            (
                CONFLICT,
                (),
                "The partners are split: Merton answered ‘Big bang’; Sutton answered ‘Organic’; Kingston answered ‘Not decided’.",
            ),
        ),
        # eight partners
        (APPROACH_RULE, partners(*["phased"] * 8), (ALIGNED, (), "")),
        (
            APPROACH_RULE,
            partners("big-bang", "big-bang", "big-bang", "big-bang", "big-bang", "organic", "organic", "phased"),
            (
                CONFLICT,
                ("Bromley", "Hounslow", "Ealing"),
                (
                    "Merton, Sutton, Kingston, Richmond and Croydon answered ‘Big bang’. "
                    "Bromley, Hounslow and Ealing differ from the rest: Bromley and Hounslow answered ‘Organic’; Ealing answered ‘Phased’."
                ),
            ),
        ),
        (
            APPROACH_RULE,
            partners("big-bang", "big-bang", "organic", "not-decided", "big-bang", "big-bang", "big-bang", "organic"),
            (
                CONFLICT,
                ("Kingston", "Ealing"),
                (
                    "Merton, Sutton, Croydon, Bromley and Hounslow answered ‘Big bang’; Richmond answered ‘Not decided’. "
                    "Kingston and Ealing differ from the rest: they answered ‘Organic’."
                ),
            ),
        ),
        (
            APPROACH_RULE,
            partners("big-bang", "organic", "big-bang", "organic", "big-bang", "organic", "big-bang", "organic"),
            (
                CONFLICT,
                (),
                (
                    "The partners are split: Merton, Kingston, Croydon and Hounslow answered ‘Big bang’; "
                    "Sutton, Richmond, Bromley and Ealing answered ‘Organic’."
                ),
            ),
        ),
        (
            APPROACH_RULE,
            partners(
                "big-bang", "big-bang", "not-decided", "big-bang", "big-bang", "big-bang", "big-bang", "not-decided"
            ),
            (
                DIFFERENT,
                (),
                "Merton, Sutton, Richmond, Croydon, Bromley and Hounslow answered ‘Big bang’; Kingston and Ealing answered ‘Not decided’.",
            ),
        ),
        # multiple choice compares the sets of options chosen, shown in option order
        (SCOPE_MATCH, partners(["hr", "it"], ["it", "hr"]), (ALIGNED, (), "")),
        (
            SCOPE_MATCH,
            partners(["hr", "it"], ["it"]),
            (CONFLICT, (), "Merton answered ‘HR’ and ‘IT’; Sutton answered ‘IT’."),
        ),
        (
            SCOPE_MATCH,
            partners(["legal", "hr", "it"], ["hr", "it", "legal"], ["it"]),
            (
                CONFLICT,
                ("Kingston",),
                "Merton and Sutton answered ‘HR’, ‘IT’ and ‘Legal’. Kingston differs from the rest: it answered ‘IT’.",
            ),
        ),
        (
            SCOPE_MATCH,
            partners(["hr"], ["no-preference"]),
            (DIFFERENT, (), "Merton answered ‘HR’; Sutton answered ‘No preference’."),
        ),
        # other kinds compare their values, not their spelling
        (
            rule("yes_no", MUST_MATCH, labels=YES_NO),
            partners("yes", "no"),
            (CONFLICT, (), "Merton answered ‘Yes’; Sutton answered ‘No’."),
        ),
        (rule("money", MUST_MATCH), partners("1250000", "1250000.00"), (ALIGNED, (), "")),
        (
            rule("money", MUST_MATCH),
            partners("1250000", "1000000"),
            (CONFLICT, (), "Merton answered £1,250,000; Sutton answered £1,000,000."),
        ),
        (
            rule("date", MUST_MATCH),
            partners("2028-03-31", "2028-04-01"),
            (CONFLICT, (), "Merton answered 31 March 2028; Sutton answered 1 April 2028."),
        ),
    ],
)
def test_must_match(question, answers, expected):
    assert outcome(compare_question(question, answers)) == expected


HOSTING_RULE = rule("single", MAY_DIFFER, labels=HOSTING, flexible=frozenset({"either"}))


@pytest.mark.parametrize(
    "question,answers,expected",
    [
        (HOSTING_RULE, partners("cloud", "cloud"), (ALIGNED, (), "")),
        (
            HOSTING_RULE,
            partners("cloud", "in-house"),
            (DIFFERENT, (), "Merton answered ‘Cloud’; Sutton answered ‘In-house’."),
        ),
        (
            HOSTING_RULE,
            partners("cloud", "either"),
            (DIFFERENT, (), "Merton answered ‘Cloud’; Sutton answered ‘Either’."),
        ),
        (
            HOSTING_RULE,
            partners("cloud", "cloud", "in-house"),
            (
                DIFFERENT,
                ("Kingston",),
                "Merton and Sutton answered ‘Cloud’. Kingston differs from the rest: it answered ‘In-house’.",
            ),
        ),
        (
            HOSTING_RULE,
            partners("cloud", "either", "in-house"),
            (
                DIFFERENT,
                (),
                "The partners are split: Merton answered ‘Cloud’; Sutton answered ‘Either’; Kingston answered ‘In-house’.",
            ),
        ),
        (HOSTING_RULE, partners(*["cloud"] * 8), (ALIGNED, (), "")),
        (
            HOSTING_RULE,
            partners("cloud", "cloud", "cloud", "cloud", "cloud", "cloud", "cloud", "in-house"),
            (
                DIFFERENT,
                ("Ealing",),
                (
                    "Merton, Sutton, Kingston, Richmond, Croydon, Bromley and Hounslow answered ‘Cloud’. "
                    "Ealing differs from the rest: it answered ‘In-house’."
                ),
            ),
        ),
        (rule("multiple", MAY_DIFFER, labels=SERVICES), partners(["hr", "it"], ["it", "hr"]), (ALIGNED, (), "")),
    ],
)
def test_may_differ(question, answers, expected):
    assert outcome(compare_question(question, answers)) == expected


BUDGET = rule("money", TOLERANCE, tolerance=Decimal(100000))
BUDGET_PERCENT = rule("money", TOLERANCE, tolerance=Decimal(10), tolerance_is_percent=True)


@pytest.mark.parametrize(
    "question,answers,expected",
    [
        # exactly at the limit is aligned
        (BUDGET, partners("1000000", "1100000"), (ALIGNED, (), "")),
        (
            BUDGET,
            partners("1000000", "1100001"),
            (CONFLICT, (), "Answers are £100,001 apart, more than the £100,000 allowed."),
        ),
        (
            BUDGET,
            partners("1250000", "850000"),
            (CONFLICT, (), "Answers are £400,000 apart, more than the £100,000 allowed."),
        ),
        # three partners: named when further than the tolerance from the middle answer
        (
            BUDGET,
            partners("1000000", "1050000", "1400000"),
            (
                CONFLICT,
                ("Kingston",),
                "Answers are £400,000 apart, more than the £100,000 allowed. Kingston differs from the rest: it answered £1,400,000.",
            ),
        ),
        # too far apart overall, yet each within the tolerance of the middle answer: nobody named
        (
            BUDGET,
            partners("1000000", "1080000", "1160000"),
            (CONFLICT, (), "Answers are £160,000 apart, more than the £100,000 allowed."),
        ),
        # a percentage of the largest answer: 10% of £1,000,000 is £100,000
        (BUDGET_PERCENT, partners("1000000", "900000"), (ALIGNED, (), "")),
        (
            BUDGET_PERCENT,
            partners("1000000", "899999.50"),
            (CONFLICT, (), "Answers are £100,000.50 apart, more than the 10% allowed."),
        ),
        # eight partners: 10% of £1,500,000 is £150,000; the lower middle answer is £1,000,000
        (
            BUDGET_PERCENT,
            partners("1000000", "1000000", "980000", "1010000", "1500000", "995000", "1005000", "500000"),
            (
                CONFLICT,
                ("Croydon", "Ealing"),
                (
                    "Answers are £1,000,000 apart, more than the 10% allowed. "
                    "Croydon and Ealing differ from the rest: Croydon answered £1,500,000; Ealing answered £500,000."
                ),
            ),
        ),
        (
            BUDGET_PERCENT,
            partners("1000000", "1000000", "980000", "1010000", "950000", "995000", "1005000", "920000"),
            (ALIGNED, (), ""),
        ),
        # an even count measures from the lower middle answer (20, not 30)
        (
            rule("number", TOLERANCE, tolerance=Decimal(10)),
            partners(10, 20, 30, 40),
            (
                CONFLICT,
                ("Richmond",),
                "Answers are 30 apart, more than the 10 allowed. Richmond differs from the rest: it answered 40.",
            ),
        ),
        (
            rule("number", TOLERANCE, tolerance=Decimal(1000)),
            partners(1200, 3500),
            (CONFLICT, (), "Answers are 2,300 apart, more than the 1,000 allowed."),
        ),
        (rule("percentage", TOLERANCE, tolerance=Decimal(2)), partners("12.5", "14.5"), (ALIGNED, (), "")),
        (
            rule("percentage", TOLERANCE, tolerance=Decimal(2)),
            partners("12.5", "15"),
            (CONFLICT, (), "Answers are 2.5% apart, more than the 2% allowed."),
        ),
        # no tolerance: the answers must be equal
        (rule("number", TOLERANCE), partners(5, 5), (ALIGNED, (), "")),
        (rule("number", TOLERANCE), partners(5, 6), (CONFLICT, (), "Answers are 1 apart, more than the 0 allowed.")),
    ],
)
def test_tolerance(question, answers, expected):
    assert outcome(compare_question(question, answers)) == expected


CONTRACT_END = rule("date", MONTHS, months=12)
ONE_MONTH = rule("date", MONTHS, months=1)


@pytest.mark.parametrize(
    "question,answers,expected",
    [
        (CONTRACT_END, partners("2027-03-31", "2028-03-31"), (ALIGNED, (), "")),
        (
            CONTRACT_END,
            partners("2027-03-31", "2028-04-01"),
            (CONFLICT, (), "The dates are over 12 months apart, more than the 12 allowed."),
        ),
        (
            CONTRACT_END,
            partners("2026-03-31", "2028-03-31"),
            (CONFLICT, (), "The dates are 24 months apart, more than the 12 allowed."),
        ),
        (
            CONTRACT_END,
            partners("2028-03-31", "2026-03-31"),
            (CONFLICT, (), "The dates are 24 months apart, more than the 12 allowed."),
        ),
        # month ends clamp: a month after 31 January is the end of February
        (ONE_MONTH, partners("2028-01-31", "2028-02-29"), (ALIGNED, (), "")),
        (ONE_MONTH, partners("2027-01-31", "2027-02-28"), (ALIGNED, (), "")),
        (
            ONE_MONTH,
            partners("2027-01-31", "2027-03-01"),
            (CONFLICT, (), "The dates are over 1 month apart, more than the 1 allowed."),
        ),
        (CONTRACT_END, partners("2028-02-29", "2029-02-28"), (ALIGNED, (), "")),
        (
            CONTRACT_END,
            partners("2028-02-29", "2029-03-01"),
            (CONFLICT, (), "The dates are over 12 months apart, more than the 12 allowed."),
        ),
        # no months: the dates must be the same
        (
            rule("date", MONTHS),
            partners("2028-01-31", "2028-02-29"),
            (CONFLICT, (), "The dates are 1 month apart, more than the 0 allowed."),
        ),
        (
            rule("date", MONTHS),
            partners("2028-03-01", "2028-03-02"),
            (CONFLICT, (), "The dates are less than a month apart, more than the 0 allowed."),
        ),
        # three partners: the middle date is 30 June 2028
        (
            CONTRACT_END,
            partners("2028-03-31", "2028-06-30", "2030-03-31"),
            (
                CONFLICT,
                ("Kingston",),
                "The dates are 24 months apart, more than the 12 allowed. Kingston differs from the rest: it answered 31 March 2030.",
            ),
        ),
        # eight partners: the lower middle date is 31 March 2028; Croydon is exactly 12 months after it
        (
            CONTRACT_END,
            partners(
                "2028-03-31",
                "2028-03-31",
                "2027-09-30",
                "2028-12-31",
                "2029-03-31",
                "2028-06-30",
                "2026-01-31",
                "2030-04-01",
            ),
            (
                CONFLICT,
                ("Hounslow", "Ealing"),
                (
                    "The dates are over 50 months apart, more than the 12 allowed. "
                    "Hounslow and Ealing differ from the rest: Hounslow answered 31 January 2026; Ealing answered 1 April 2030."
                ),
            ),
        ),
        (CONTRACT_END, partners(*["2028-03-31"] * 7, "2029-03-31"), (ALIGNED, (), "")),
    ],
)
def test_months(question, answers, expected):
    assert outcome(compare_question(question, answers)) == expected


@pytest.mark.parametrize(
    "day,months,expected",
    [
        (date(2028, 1, 31), 1, date(2028, 2, 29)),
        (date(2027, 1, 31), 1, date(2027, 2, 28)),
        (date(2027, 8, 31), 6, date(2028, 2, 29)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2028, 2, 29), 12, date(2029, 2, 28)),
        (date(2027, 3, 31), 12, date(2028, 3, 31)),
        (date(2027, 12, 15), 1, date(2028, 1, 15)),
        (date(2028, 3, 31), 0, date(2028, 3, 31)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


SCOPE = rule("multiple", OVERLAP, key="scope", theme="services", excluded_by="never", labels=SERVICES)


@pytest.mark.parametrize(
    "answers,never,expected,clashes",
    [
        (partners(["hr", "it"], ["it", "hr"]), partners([], None), (ALIGNED, (), ""), ()),
        (
            partners(["hr", "it"], ["hr"]),
            partners(["legal"], []),
            (DIFFERENT, (), "Merton answered ‘HR’ and ‘IT’; Sutton answered ‘HR’."),
            (),
        ),
        # what a partner will not share itself is no clash
        (
            partners(["hr", "legal"], ["hr"]),
            partners(["legal"], []),
            (DIFFERENT, (), "Merton answered ‘HR’ and ‘Legal’; Sutton answered ‘HR’."),
            (),
        ),
        # two partners: a clash, nobody singled out
        (
            partners(["hr"], ["hr", "legal"]),
            partners(["legal"], []),
            (CONFLICT, (), "Sutton puts Legal in scope, which Merton will never share."),
            (("Sutton", "legal", "Merton"),),
        ),
        (
            partners(["hr", "it"], ["hr", "legal"], ["hr"]),
            partners([], [], ["legal"]),
            (CONFLICT, ("Kingston",), "Sutton puts Legal in scope, which Kingston will never share."),
            (("Sutton", "legal", "Kingston"),),
        ),
        # several clashes, listed partner by partner in option order
        (
            partners(["revenues", "hr", "legal"], ["hr", "it"], ["hr"]),
            partners(["it"], ["legal"], ["legal", "revenues"]),
            (
                CONFLICT,
                ("Merton", "Sutton", "Kingston"),
                (
                    "Merton puts Legal in scope, which Sutton and Kingston will never share; "
                    "Merton puts Revenues in scope, which Kingston will never share; "
                    "Sutton puts IT in scope, which Merton will never share."
                ),
            ),
            (
                ("Merton", "legal", "Sutton"),
                ("Merton", "legal", "Kingston"),
                ("Merton", "revenues", "Kingston"),
                ("Sutton", "it", "Merton"),
            ),
        ),
        # a partner that did not answer the scope question still refuses what it will never share
        (
            partners(["legal"], ["legal"]),
            partners([], [], ["legal"]),
            (
                CONFLICT,
                (),
                "Merton and Sutton put Legal in scope, which Kingston will never share.",
            ),
            (("Merton", "legal", "Kingston"), ("Sutton", "legal", "Kingston")),
        ),
        (partners(*[["hr", "it"]] * 8), partners(*[[]] * 8), (ALIGNED, (), ""), ()),
        (
            partners(*[["hr", "it"]] * 7, ["hr", "it", "waste"]),
            partners([], [], [], [], [], ["waste"], [], []),
            (CONFLICT, ("Bromley",), "Ealing puts Waste in scope, which Bromley will never share."),
            (("Ealing", "waste", "Bromley"),),
        ),
    ],
)
def test_overlap(answers, never, expected, clashes):
    result = compare_question(SCOPE, answers, never)
    assert outcome(result) == expected
    assert result.clashes == clashes


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
