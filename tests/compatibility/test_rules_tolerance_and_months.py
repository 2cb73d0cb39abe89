"""Compatibility rules, as tables of cases: tolerance, months and adding months. No database. Every
expected value is written by hand."""

from datetime import date
from decimal import Decimal

import pytest

from tests.compatibility.cases import BUDGET, CONTRACT_END, outcome, partners, rule
from toolkit.compatibility.rules import (
    ALIGNED,
    CONFLICT,
    MONTHS,
    TOLERANCE,
    add_months,
    compare_question,
)

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
