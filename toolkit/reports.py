"""What goes into a readiness summary, shared by the web page, the PDF and the export command."""

from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Prefetch, Q, Value, When

from toolkit import charts, scoring
from toolkit.answers import AnswerSheet, display_value
from toolkit.models import (
    Assessment,
    CaseStudy,
    ExpertContact,
    Guidance,
    KeyTool,
    Reading,
    Theme,
)


@dataclass
class Signposts:
    guidance: list = field(default_factory=list)
    tools: list = field(default_factory=list)
    experts: list = field(default_factory=list)
    reading: list = field(default_factory=list)
    case_studies: list = field(default_factory=list)

    def __bool__(self):
        return any([self.guidance, self.tools, self.experts, self.reading, self.case_studies])


def signposts_by_theme(step_code, theme_slugs, council=None, limit=4) -> dict:
    """Content for a step that matches each theme: one query per kind of content.

    Experts of the council come first, then experts any council may contact; other councils'
    internal experts are not shown. At most ``limit`` items of each kind per theme, in the
    admins' order, so a report stays short enough to read.
    """
    by_theme = {slug: Signposts() for slug in theme_slugs}
    theme_filter = Q(steps=step_code, themes__slug__in=theme_slugs)
    themed = Prefetch("themes", queryset=Theme.objects.only("slug"))
    experts = ExpertContact.objects.filter(theme_filter).filter(Q(council=council) | Q(council__isnull=True))
    experts = experts.annotate(
        own=Case(When(council=council, then=Value(0)), default=Value(1), output_field=IntegerField())
    ).order_by("own", "position", "name").select_related("council")
    for attribute, queryset in [
        ("guidance", Guidance.objects.filter(theme_filter).order_by("kind", "collection", "position")),
        ("tools", KeyTool.objects.filter(theme_filter).select_related("council").order_by("position", "name")),
        ("experts", experts),
        ("reading", Reading.objects.filter(theme_filter).order_by("position", "title")),
        ("case_studies", CaseStudy.objects.filter(theme_filter).order_by("position", "title")),
    ]:
        for item in queryset.distinct().prefetch_related(themed):
            for theme in item.themes.all():
                items = getattr(by_theme[theme.slug], attribute) if theme.slug in by_theme else None
                if items is not None and len(items) < limit:
                    items.append(item)
    return by_theme


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
            questionnaire__step=assessment.questionnaire.step_id,
            council=assessment.council,
            partnership=assessment.partnership,
            status=Assessment.Status.SUBMITTED,
            submitted_at__lt=assessment.submitted_at or assessment.started_at,
        )
        .select_related("questionnaire")
        .order_by("-submitted_at")
        .first()
    )


def readiness_summary(assessment: Assessment) -> dict:
    """Everything the readiness summary page and PDF show, in a fixed number of queries."""
    sheet = AnswerSheet(assessment)
    readiness = sheet.readiness()
    themes = {t.slug: t for t in Theme.objects.all()}
    questionnaire = assessment.questionnaire

    changes = {}
    earlier = previous_submitted(assessment)
    if earlier is not None:
        changes = scoring.theme_changes(AnswerSheet(earlier).readiness(), readiness)

    rows = [
        ThemeRow(themes[t.theme], t.score, t.counted, t.scored_questions, changes.get(t.theme))
        for t in readiness.themes
    ]
    gap_themes = list(dict.fromkeys(g.theme for g in readiness.gaps))
    signposts = signposts_by_theme(questionnaire.step_id, gap_themes, assessment.council)
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
        "appendix": appendix(sheet),
        "answers": sheet.values,
    }


def appendix(sheet: AnswerSheet) -> list:
    """Every visible question with its answer and comment, section by section."""
    shown = sheet.visible()
    sections = []
    for section in sheet.visible_sections():
        items = []
        for question in section.questions.all():
            if question.key not in shown:
                continue
            row = sheet.answer(question)
            items.append(
                {
                    "question": question,
                    "answer": display_value(question, row.value if row else None),
                    "comment": row.comment if row else "",
                    "row": row,
                }
            )
        sections.append({"section": section, "items": items})
    return sections
