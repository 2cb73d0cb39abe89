"""What goes into the side-by-side comparison and the compatibility report (page and PDF),
built from the current members' submitted joint assessments, in a fixed number of queries.

Only answers are read here: private notes are a separate record that this module never loads,
so no partner can reach them through the comparison, the report or its PDF.
"""

from dataclasses import dataclass

from toolkit import charts
from toolkit.answers import AnswerSheet, display_value
from toolkit.compatibility import rules
from toolkit.exports import NoResult
from toolkit.models import Assessment, Partnership, Question, Step, Theme
from toolkit.signposts import Signposts, signposts_by_theme

FLAGGED = {rules.DIFFERENT, rules.CONFLICT}


def submitted_by_members(partnership: Partnership) -> list:
    """Each current member's latest submitted joint assessment of the partnership's version, in
    the members' order. A council that has left is not a member, so its answers leave the live
    comparison (reports made before it left keep them)."""
    members = list(partnership.councils.order_by("name"))
    assessments = (
        Assessment.objects.filter(step=Step.JOINT, partnership=partnership, council__in=members)
        .exclude(status=Assessment.Status.IN_PROGRESS)
        .filter(questionnaire=partnership.joint_questionnaire_id)
        .select_related("council", "submitted_by", "questionnaire")
    )
    return latest_submitted(partnership, members, assessments)


def latest_submitted(partnership: Partnership, members, assessments) -> list:
    """Of ``assessments`` (any of the partnership's), each of ``members``' latest submitted joint
    assessment of the partnership's version, in the members' order: for a page that has read
    them already."""
    latest = {}
    chosen = [
        a for a in assessments
        if a.step_id == Step.JOINT and a.status != Assessment.Status.IN_PROGRESS and a.questionnaire_id == partnership.joint_questionnaire_id
    ]
    for assessment in sorted(chosen, key=lambda a: (a.submitted_at is not None, a.submitted_at)):
        latest[assessment.council_id] = assessment
    return [latest[c.pk] for c in members if c.pk in latest]


def refresh_verdict(partnership: Partnership) -> str:
    """Work out the members' compatibility verdict again and keep it on the partnership (blank
    until two have submitted). Called whenever a joint assessment is submitted or a member joins
    or goes."""
    try:
        verdict = compare_partnership(partnership)["verdict"]
    except NoResult:
        verdict = ""
    Partnership.objects.filter(pk=partnership.pk).update(joint_verdict=verdict)
    partnership.joint_verdict = verdict
    return verdict


def report_inputs(partnership: Partnership) -> tuple:
    """All the comparison and the report are made from, besides the content: the current
    members' submitted joint assessments, whose answers cannot change."""
    assessments = submitted_by_members(partnership)
    if len(assessments) < 2:
        raise NoResult(f"{partnership} has fewer than two members' submitted joint assessments to compare.")
    return (partnership.pk, partnership.slug, partnership.name, partnership.joint_questionnaire_id, tuple(a.pk for a in assessments))


def report_ready(partnership: Partnership) -> bool:
    return len(submitted_by_members(partnership)) >= 2


def rule_for(question: Question) -> rules.QuestionRule:
    """The plain description of how a question compares, from its settings in admin."""
    options = list(question.options.all())
    return rules.QuestionRule(
        key=question.key,
        text=question.text,
        theme=question.theme.slug,
        kind=question.kind,
        comparison=question.comparison,
        tolerance=question.tolerance,
        tolerance_is_percent=question.tolerance_is_percent,
        months=question.months,
        flexible=frozenset(o.value for o in options if o.fits_any),
        excluded_by=question.excluded_by.key if question.excluded_by_id else None,
        labels={o.value: o.label for o in options},
    )


@dataclass
class Row:
    """One question of the comparison: each partner's answer and how they compare."""

    question: Question
    result: rules.QuestionResult
    cells: list  # [(partner name, answer as read)], in the partners' order

    @property
    def flagged(self):
        return self.result.verdict in FLAGGED


@dataclass
class SectionTable:
    section: object
    rows: list  # the rows shown (all, or the differences only)
    all_rows: list = None  # every row of the section, which the summary counts

    def count(self, verdict):
        return sum(1 for row in (self.all_rows or self.rows) if row.result.verdict == verdict)

    @property
    def summary(self):
        """The line above the table, for the whole section: "2 aligned, 1 different, 2 conflicts"."""
        counted = (self.count(rules.ALIGNED), self.count(rules.DIFFERENT), self.count(rules.CONFLICT))
        others = len(self.all_rows or self.rows) - sum(counted)
        parts = [
            (counted[0], "aligned"), (counted[1], "different"),
            (counted[2], "conflict" if counted[2] == 1 else "conflicts"), (others, "not compared or not enough answers"),
        ]
        return ", ".join(f"{n} {label}" for n, label in parts if n)


@dataclass
class ThemeRow:
    theme: Theme
    result: rules.ThemeResult


@dataclass
class IssueGroup:
    """The differences and conflicts of one theme, with the help available for them."""

    theme: Theme
    verdict: str
    rows: list
    signposts: Signposts


def cell_text(question, sheet, value_shown) -> str:
    if question.key not in sheet.visible():
        return "Not asked (it follows an answer this council did not give)"
    return display_value(question, value_shown)


def compare_partnership(partnership: Partnership) -> dict:
    """The comparison: partners, one table per section, and the verdicts. Raises ``NoResult``
    until two members have submitted."""
    assessments = submitted_by_members(partnership)
    if len(assessments) < 2:
        raise NoResult(f"{partnership} has fewer than two members' submitted joint assessments to compare.")
    questionnaire = partnership.joint_questionnaire
    sheets = AnswerSheet.for_many(assessments, questionnaire)
    partners = [a.council.name for a in assessments]
    structure = sheets[0]
    compatibility = rules.compare(
        [rule_for(q) for q in structure.questions],
        {name: sheet.values for name, sheet in zip(partners, sheets)},
        {name: sheet.visible() for name, sheet in zip(partners, sheets)},
    )
    results = {r.key: r for r in compatibility.questions}
    tables = []
    for section in structure.sections:
        rows = [
            Row(q, results[q.key], [(name, cell_text(q, sheet, sheet.values.get(q.key))) for name, sheet in zip(partners, sheets)])
            for q in section.questions.all()
        ]
        tables.append(SectionTable(section, rows))
    return {
        "partnership": partnership,
        "owner": partnership,
        "questionnaire": questionnaire,
        "assessments": assessments,
        "partners": partners,
        "compatibility": compatibility,
        "verdict": compatibility.verdict,
        "tables": tables,
        "sources": {a: sheet.values for a, sheet in zip(assessments, sheets)},
    }


def compatibility_report(partnership: Partnership) -> dict:
    """Everything the report page and its PDF show: the comparison, the verdict by theme with a
    chart, and the issues to resolve grouped by theme with their signposts."""
    context = compare_partnership(partnership)
    themes = {t.slug: t for t in Theme.objects.all()}
    theme_rows = [ThemeRow(themes[t.theme], t) for t in context["compatibility"].themes]
    flagged = [row for table in context["tables"] for row in table.rows if row.flagged]
    issue_themes = list(dict.fromkeys(row.result.theme for row in flagged))
    # The members' own corporate experts (IT, finance, HR and TUPE, procurement) come first.
    signposts = signposts_by_theme(Step.JOINT, issue_themes, [a.council for a in context["assessments"]])
    verdicts = {t.theme.slug: t.result.verdict for t in theme_rows}
    issues = [
        IssueGroup(themes[slug], verdicts[slug], [row for row in flagged if row.result.theme == slug], signposts[slug])
        for slug in issue_themes
    ]
    # Conflicts first: they must be resolved before the business case.
    issues.sort(key=lambda group: group.verdict != rules.CONFLICT)
    chart = charts.verdict_bars(
        [(row.theme.name, row.result.counts) for row in theme_rows if any(row.result.counts.values())],
        title=f"Questions by verdict and theme for {partnership}",
        chart_id="compatibility-chart",
        verdicts=[rules.ALIGNED, rules.DIFFERENT, rules.CONFLICT],
    )
    return {**context, "theme_rows": theme_rows, "issues": issues, "chart": chart}
