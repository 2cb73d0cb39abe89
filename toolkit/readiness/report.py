"""What goes into a readiness summary, shared by the web page, the PDF and the export command."""

from dataclasses import dataclass

from toolkit import charts
from toolkit.answers import AnswerSheet
from toolkit.models import Assessment, Theme
from toolkit.readiness import scoring
from toolkit.signposts import Signposts, signposts_by_theme


def readiness_of(sheet: AnswerSheet) -> scoring.Readiness:
    """Score an assessment's answers with its questionnaire's thresholds."""
    questionnaire = sheet.assessment.questionnaire
    return scoring.assess(sheet.specs, sheet.values, questionnaire.ready_threshold, questionnaire.nearly_threshold)


@dataclass
class ThemeRow:
    theme: Theme
    score: float | None
    counted: int
    scored_questions: int
    change: float | None = None


@dataclass
class ActionGroup:
    """The gaps of one theme as actions, with the help available for them."""

    theme: Theme
    gaps: list
    signposts: Signposts


def previous_submitted(assessment: Assessment):
    return (
        Assessment.objects.filter(
            step=assessment.step_id,
            council=assessment.council,
            partnership=assessment.partnership,
            status=Assessment.Status.SUBMITTED,
            submitted_at__lt=assessment.submitted_at or assessment.started_at,
        )
        .select_related("questionnaire")
        .order_by("-submitted_at")
        .first()
    )


def summary_inputs(assessment: Assessment) -> tuple:
    """All a submitted self assessment's summary is made from, besides the content: its own
    answers, fixed at submission, and those of the one before it, which the changes compare with."""
    earlier = previous_submitted(assessment)
    return (assessment.pk, assessment.submitted_at.isoformat(), earlier.pk if earlier else None)


def readiness_summary(assessment: Assessment) -> dict:
    """Everything the readiness summary page and PDF show, in a fixed number of queries."""
    sheet = AnswerSheet(assessment)
    readiness = readiness_of(sheet)
    themes = {t.slug: t for t in Theme.objects.all()}
    questionnaire = assessment.questionnaire

    changes = {}
    earlier = previous_submitted(assessment)
    if earlier is not None:
        changes = scoring.theme_changes(readiness_of(AnswerSheet(earlier)), readiness)

    rows = [
        ThemeRow(themes[t.theme], t.score, t.counted, t.scored_questions, changes.get(t.theme))
        for t in readiness.themes
    ]
    gap_themes = list(dict.fromkeys(g.theme for g in readiness.gaps))
    signposts = signposts_by_theme(questionnaire.step_id, gap_themes, [assessment.council])
    actions = [
        ActionGroup(themes[slug], [sheet.by_key[g.key] for g in readiness.gaps if g.theme == slug], signposts[slug])
        for slug in gap_themes
    ]
    chart = charts.score_bars(
        [(row.theme.name, row.score) for row in rows],
        title=f"Readiness score by theme for {assessment.owner}",
        chart_id="readiness-chart",
        thresholds=[(questionnaire.nearly_threshold, "Nearly ready"), (questionnaire.ready_threshold, "Ready")],
    )
    return {
        "assessment": assessment,
        "questionnaire": questionnaire,
        "owner": assessment.owner,
        "readiness": readiness,
        "verdict": readiness.verdict,
        "overall": readiness.overall,
        "theme_rows": rows,
        "strengths": [row for row in rows if row.theme.slug in {t.theme for t in readiness.strengths}],
        "actions": actions,
        "failed_gates": [sheet.by_key[g.key] for g in readiness.failed_gates],
        "chart": chart,
        "earlier": earlier,
        "appendix": sheet.appendix(),
        "sources": {assessment: sheet.values},
    }
