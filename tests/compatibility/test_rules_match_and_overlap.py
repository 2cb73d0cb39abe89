"""Compatibility rules, as tables of cases: must match, may differ and overlap. No database. Every
expected value is written by hand."""

import pytest

from tests.compatibility.cases import (
    APPROACH_RULE,
    HOSTING,
    SCOPE,
    SCOPE_MATCH,
    SERVICES,
    YES_NO,
    outcome,
    partners,
    rule,
)
from toolkit.compatibility.rules import (
    ALIGNED,
    CONFLICT,
    DIFFERENT,
    MAY_DIFFER,
    MUST_MATCH,
    compare_question,
)


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
