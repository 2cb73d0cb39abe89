"""Readiness scoring: the rules in one place, as pure functions over plain values.

No database here. ``toolkit.answers`` turns questionnaire rows and answers into the plain
``QuestionSpec`` and ``answers`` mapping these functions take, so the rules can be read,
tested with tables of cases and explained on the "How we score" page.

The rules:
- A question counts when it is visible (its "show only when" condition holds), scored (a
  choice question with a weight above 0) and answered. Unanswered and hidden questions are
  left out rather than scored 0.
- An answer's score is its option's score (0 to 100); for multiple choice, the mean of the
  chosen options' scores.
- A theme's score is the weighted mean of its counted answers' scores. A theme with no counted
  answers has no score (shown as "not enough answers"), never 0.
- The overall score is the mean of the theme scores, so every theme counts equally whatever
  its number of questions.
- The verdict is the band the overall score falls in, using the questionnaire's thresholds.
  A "No" to any gate question caps the verdict at the lowest band, whatever the score.
"""

from dataclasses import dataclass

from toolkit.conditions import QuestionSpec, is_answered, visible_keys

READY = "Ready to explore sharing"
NEARLY = "Nearly ready: groundwork first"
NOT_READY = "Not ready yet"

# An answer scoring below this is a gap to act on; at or above the ready band, a strength.
GAP_BELOW = 50


@dataclass(frozen=True)
class ThemeScore:
    theme: str
    score: float | None  # None: no counted answers
    counted: int  # answers that counted towards the score
    scored_questions: int  # visible scored questions in the theme


@dataclass(frozen=True)
class Gap:
    key: str
    text: str
    theme: str
    score: float


@dataclass(frozen=True)
class Readiness:
    themes: list  # [ThemeScore], in the order themes first appear in the questionnaire
    overall: float | None
    verdict: str | None  # None when no theme has a score
    failed_gates: list  # [QuestionSpec] answered "no"
    strengths: list  # [ThemeScore] at or above the ready threshold
    gaps: list  # [Gap], lowest score first
    missing: list  # [QuestionSpec] visible, required and unanswered


def answer_score(question: QuestionSpec, value) -> float | None:
    """The score of one answer, or None if it is unanswered or not a known option."""
    if not is_answered(value):
        return None
    values = value if isinstance(value, list) else [value]
    scores = [question.option_scores[v] for v in values if v in question.option_scores]
    if not scores:
        return None
    return sum(scores) / len(scores)


def band(score: float, ready_threshold: int, nearly_threshold: int) -> str:
    if score >= ready_threshold:
        return READY
    if score >= nearly_threshold:
        return NEARLY
    return NOT_READY


def assess(questions, answers, ready_threshold=70, nearly_threshold=45) -> Readiness:
    """Score a set of answers against a questionnaire's questions."""
    questions = list(questions)
    visible = visible_keys(questions, answers)
    shown = [q for q in questions if q.key in visible]

    weighted = {}  # theme -> [sum of weight * score, sum of weights, counted, scored questions]
    gaps = []
    for question in shown:
        if not question.is_scored:
            continue
        totals = weighted.setdefault(question.theme, [0.0, 0, 0, 0])
        totals[3] += 1
        score = answer_score(question, answers.get(question.key))
        if score is None:
            continue
        totals[0] += question.weight * score
        totals[1] += question.weight
        totals[2] += 1
        if score < GAP_BELOW:
            gaps.append(Gap(question.key, question.text, question.theme, score))

    themes = [
        ThemeScore(theme, (total / weights) if weights else None, counted, scored)
        for theme, (total, weights, counted, scored) in weighted.items()
    ]
    scored_themes = [t.score for t in themes if t.score is not None]
    overall = sum(scored_themes) / len(scored_themes) if scored_themes else None

    failed_gates = [q for q in shown if q.is_gate and answers.get(q.key) == "no"]
    verdict = None
    if overall is not None:
        verdict = NOT_READY if failed_gates else band(overall, ready_threshold, nearly_threshold)
    elif failed_gates:
        verdict = NOT_READY

    return Readiness(
        themes=themes,
        overall=overall,
        verdict=verdict,
        failed_gates=failed_gates,
        strengths=[t for t in themes if t.score is not None and t.score >= ready_threshold],
        gaps=sorted(gaps, key=lambda g: g.score),
        missing=[q for q in shown if q.required and not is_answered(answers.get(q.key))],
    )


def theme_changes(earlier: Readiness, later: Readiness) -> dict:
    """Per theme, the change in score since an earlier assessment (None where either has none)."""
    before = {t.theme: t.score for t in earlier.themes}
    changes = {}
    for theme in later.themes:
        old = before.get(theme.theme)
        changes[theme.theme] = None if old is None or theme.score is None else theme.score - old
    return changes
