"""What every step shares about questions, as pure functions over plain values: a question as
plain data, whether a value counts as an answer, and which questions a set of answers shows.

A question may be shown only when an earlier question has a given answer ("show only when").
The wizard, the check page, every step's rules and reports use these, so a hidden question is
hidden the same way everywhere.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class QuestionSpec:
    key: str
    text: str
    theme: str
    kind: str
    weight: int = 1
    required: bool = True
    is_gate: bool = False
    option_scores: dict = field(default_factory=dict)  # option value -> score 0..100
    show_when: tuple | None = None  # (question key, (option values that show this question))

    @property
    def is_scored(self):
        return bool(self.option_scores) and self.weight > 0


def is_answered(value) -> bool:
    return value not in (None, "", [], ())


def condition_holds(wanted, given) -> bool:
    """Whether an answer (one option value, or a list of them) is one of the ``wanted`` values."""
    if isinstance(wanted, str):
        wanted = (wanted,)  # one value, not the letters of one
    chosen = given if isinstance(given, list) else [given]
    return any(value in wanted for value in chosen)


def visible_keys(questions, answers) -> set:
    """Keys of the questions whose "show only when" condition holds.

    A condition on a hidden question never holds, so hiding a question hides the chain of
    questions that depend on it. Questions must be given in questionnaire order.
    """
    visible = set()
    for question in questions:
        if question.show_when is None:
            visible.add(question.key)
            continue
        other_key, wanted = question.show_when
        if other_key in visible and condition_holds(wanted, answers.get(other_key)):
            visible.add(question.key)
    return visible
