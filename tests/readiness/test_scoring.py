"""Readiness scoring rules, as tables of cases. No database."""

import pytest

from toolkit.conditions import QuestionSpec, condition_holds, visible_keys
from toolkit.readiness.scoring import (
    NEARLY,
    NOT_READY,
    READY,
    answer_score,
    assess,
    band,
    theme_changes,
)

YES_NO = {"yes": 100, "no": 0}
YPN = {"yes": 100, "partly": 50, "no": 0}


def q(key, theme="vision", weight=1, **kw):
    kw.setdefault("option_scores", YPN)
    kw.setdefault("kind", "yes_partly_no")
    return QuestionSpec(key=key, text=f"Question {key}?", theme=theme, weight=weight, **kw)


GATE = q("gate", theme="leadership", is_gate=True, kind="yes_no", option_scores=YES_NO, weight=3)
BANK = [
    GATE,
    q("a1", "vision"),
    q("a2", "vision", weight=3),
    q("b1", "finance"),
    q("b2", "finance", required=False),
    q("c1", "people"),
    q("follow", "people", show_when=("c1", ("no",))),
    q("unsure", "people", weight=0, required=False, show_when=("c1", ("no", "partly"))),
    q("notes", "vision", kind="long_text", option_scores={}, weight=0, required=False),
]


@pytest.mark.parametrize(
    "question,value,expected",
    [
        (q("x"), "yes", 100),
        (q("x"), "partly", 50),
        (q("x"), "no", 0),
        (q("x"), None, None),
        (q("x"), "", None),
        (q("x"), "tampered", None),
        (q("m", kind="multiple", option_scores={"a": 100, "b": 50, "c": 0}), ["a", "b"], 75),
        (q("m", kind="multiple", option_scores={"a": 100, "b": 50, "c": 0}), [], None),
        (q("m", kind="multiple", option_scores={"a": 100, "b": 50, "c": 0}), ["a", "zzz"], 100),
    ],
)
def test_answer_score(question, value, expected):
    assert answer_score(question, value) == expected


@pytest.mark.parametrize(
    "score,expected",
    [(100, READY), (70, READY), (69.9, NEARLY), (45, NEARLY), (44.9, NOT_READY), (0, NOT_READY)],
)
def test_band(score, expected):
    assert band(score, 70, 45) == expected


@pytest.mark.parametrize(
    "answers,expected",
    [
        ({}, {"gate", "a1", "a2", "b1", "b2", "c1", "notes"}),
        ({"c1": "no"}, {"gate", "a1", "a2", "b1", "b2", "c1", "follow", "unsure", "notes"}),
        ({"c1": "partly"}, {"gate", "a1", "a2", "b1", "b2", "c1", "unsure", "notes"}),
        ({"c1": "yes", "follow": "yes"}, {"gate", "a1", "a2", "b1", "b2", "c1", "notes"}),
    ],
)
def test_visible_keys(answers, expected):
    assert visible_keys(BANK, answers) == expected


@pytest.mark.parametrize(
    "wanted,given,expected",
    [
        (("no",), "no", True),
        (("no", "partly"), "partly", True),
        (("no",), "not-decided", False),
        ("no", "n", False),  # one value, never its letters
        (("hr",), ["it", "hr"], True),
        (("hr",), [], False),
        (("no",), None, False),
    ],
)
def test_condition_holds(wanted, given, expected):
    assert condition_holds(wanted, given) is expected


def test_a_hidden_question_hides_the_questions_that_depend_on_it():
    chain = [q("a"), q("b", show_when=("a", ("no",))), q("c", show_when=("b", ("yes",)))]
    assert visible_keys(chain, {"a": "no", "b": "yes"}) == {"a", "b", "c"}
    assert visible_keys(chain, {"a": "yes", "b": "yes"}) == {"a"}


ALL_YES = {"gate": "yes", "a1": "yes", "a2": "yes", "b1": "yes", "b2": "yes", "c1": "yes"}


@pytest.mark.parametrize(
    "answers,themes,overall,verdict",
    [
        # everything yes: every theme 100
        (ALL_YES, {"leadership": 100, "vision": 100, "finance": 100, "people": 100}, 100, READY),
        # weighted mean within a theme: (1*0 + 3*100) / 4 = 75
        ({**ALL_YES, "a1": "no"}, {"leadership": 100, "vision": 75, "finance": 100, "people": 100}, 93.75, READY),
        # an unanswered optional question is left out, not scored 0
        ({**ALL_YES, "b2": None}, {"leadership": 100, "vision": 100, "finance": 100, "people": 100}, 100, READY),
        # a theme with no answers has no score and does not pull the overall down
        (
            {"gate": "yes", "a1": "partly", "a2": "partly", "c1": "partly"},
            {"leadership": 100, "vision": 50, "finance": None, "people": 50},
            pytest.approx(200 / 3),
            NEARLY,
        ),
        # a "no" to a gate caps the verdict whatever the score
        ({**ALL_YES, "gate": "no"}, {"leadership": 0, "vision": 100, "finance": 100, "people": 100}, 75, NOT_READY),
        # the follow-up counts only when shown
        ({**ALL_YES, "c1": "no", "follow": "yes"}, {"leadership": 100, "vision": 100, "finance": 100, "people": 50}, 87.5, READY),
        ({**ALL_YES, "c1": "yes", "follow": "no"}, {"leadership": 100, "vision": 100, "finance": 100, "people": 100}, 100, READY),
        # low everywhere
        (
            {"gate": "yes", "a1": "no", "a2": "no", "b1": "no", "c1": "no", "follow": "no"},
            {"leadership": 100, "vision": 0, "finance": 0, "people": 0},
            25,
            NOT_READY,
        ),
        # nothing answered: no score and no verdict
        ({}, {"leadership": None, "vision": None, "finance": None, "people": None}, None, None),
        # only a failed gate answered: the gate alone decides
        ({"gate": "no"}, {"leadership": 0, "vision": None, "finance": None, "people": None}, 0, NOT_READY),
    ],
)
def test_assess(answers, themes, overall, verdict):
    result = assess(BANK, answers, ready_threshold=70, nearly_threshold=45)
    assert {t.theme: t.score for t in result.themes} == themes
    assert result.overall == overall
    assert result.verdict == verdict


def test_thresholds_belong_to_the_questionnaire():
    answers = {"gate": "yes", "a1": "partly", "a2": "partly", "b1": "partly", "c1": "partly"}
    assert assess(BANK, answers, 70, 45).verdict == NEARLY  # overall 62.5
    assert assess(BANK, answers, 60, 45).verdict == READY
    assert assess(BANK, answers, 90, 65).verdict == NOT_READY


def test_failed_gates_strengths_gaps_and_missing():
    answers = {"gate": "no", "a1": "no", "a2": "partly", "b1": "yes", "c1": "no"}
    result = assess(BANK, answers)
    assert [g.key for g in result.failed_gates] == ["gate"]
    assert [(t.theme, t.score) for t in result.strengths] == [("finance", 100)]
    assert [(g.key, g.theme, g.score) for g in result.gaps] == [("gate", "leadership", 0), ("a1", "vision", 0), ("c1", "people", 0)]
    # "follow" is now shown and required; the optional b2 is not missing
    assert [m.key for m in result.missing] == ["follow"]
    assert [(t.theme, t.counted, t.scored_questions) for t in result.themes] == [
        ("leadership", 1, 1),
        ("vision", 2, 2),
        ("finance", 1, 2),
        ("people", 1, 2),
    ]


def test_unscored_questions_never_count():
    result = assess(BANK, {**ALL_YES, "notes": "We want resilience."})
    assert [t.theme for t in result.themes] == ["leadership", "vision", "finance", "people"]
    assert all(m.key != "notes" for m in result.missing)


def test_theme_changes_since_an_earlier_assessment():
    earlier = assess(BANK, {"gate": "yes", "a1": "no", "a2": "no", "c1": "no"})
    later = assess(BANK, {"gate": "yes", "a1": "yes", "a2": "yes", "b1": "yes", "c1": "no"})
    assert theme_changes(earlier, later) == {"leadership": 0, "vision": 100, "finance": None, "people": 0}
