"""What goes into the business-case outline, shared by its page, its PDF and its Word document:
the five cases in HM Treasury's order, the financial tables and chart, the delivery-model
recommendation, the gate and the sign-offs, in a fixed number of queries."""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Prefetch, prefetch_related_objects

from toolkit import charts
from toolkit.answers import AnswerSheet
from toolkit.business_case import delivery, delivery_models, signoff
from toolkit.business_case.finance_pages import model_of, year_label
from toolkit.business_case.pages import load
from toolkit.models import Assessment, CaseStudy, GateItem, SignOff

# The Five Case Model's cases and, in order, the design questionnaire's sections in each.
CASES = [
    ("strategic", "The strategic case", "Why the partners want to share the service, what is in scope and how success will be judged.",
     ["vision-and-objectives", "scope", "case-for-change", "critical-success-factors"]),
    ("economic", "The economic case", "The options compared, always with business as usual and a do-minimum option, and why one is preferred.",
     ["options", "preferred-option"]),
    ("commercial", "The commercial case", "How the shared service will be run and bought: the delivery model, contracts and staff.",
     ["delivery-model", "procurement-and-contracts", "staff-transfer"]),
    ("financial", "The financial case", "What it costs, what it saves, when it pays back and each partner's share.",
     ["partner-figures", "setup-costs", "savings"]),
    ("management", "The management case", "How it will be delivered: governance, the plan, risks, communications, measures and exit.",
     ["governance", "project-plan", "risks", "communications", "measures-of-success", "exit-strategy", "pace", "dont-proceed-without"]),
]


@dataclass
class Case:
    key: str
    title: str
    summary: str
    parts: list = field(default_factory=list)  # sheet.appendix() items: {"section", "items", "table"?}


def cases_of(sheet) -> list:
    """The appendix parts grouped into the five cases. A section an administrator adds goes into
    the case of the section before it."""
    cases = [Case(key, title, summary) for key, title, summary, _ in CASES]
    home = {slug: index for index, (_, _, _, slugs) in enumerate(CASES) for slug in slugs}
    current = 0
    for part in sheet.appendix():
        current = home.get(part["section"].slug, current)
        cases[current].parts.append(part)
    return cases


def situation_of(values: dict, partners: int) -> delivery.Situation:
    """The answers the delivery-model recommendation reads, as its plain ``Situation``."""

    def chosen(key, allowed, default):
        return values.get(key) if values.get(key) in allowed else default

    return delivery.Situation(
        partners=max(partners, 2),
        trading=values.get("design-trading") == "yes",
        private_partner=values.get("design-private-partner") == "yes",
        health_partner=values.get("design-health-partner") == "yes",
        employer=chosen("design-employer", delivery.EMPLOYERS, delivery.UNDECIDED),
        control=chosen("design-control", delivery.CONTROLS, delivery.SHARED),
        pace=chosen("design-pace", delivery.PACES, delivery.UNDECIDED),
    )


def recommendation(values, partners) -> list:
    """Each delivery model, fitting ones first, with the case studies that used it."""
    suggestions = delivery.recommend(situation_of(values, partners))
    slugs = {slug for s in suggestions for slug in s.model.case_studies}
    studies = {c.slug: c for c in CaseStudy.objects.filter(slug__in=slugs)}
    chosen = delivery_models.DESIGN_ANSWERS
    return [
        {
            "suggestion": s,
            "case_studies": [studies[slug] for slug in s.model.case_studies if slug in studies],
            "chosen": values.get("design-delivery-model") == chosen.get(s.model.key),
        }
        for s in suggestions
    ]


def gate_of(rows) -> list:
    return [
        {"label": label, "item": rows.gate.get(item), "complete": bool(rows.gate.get(item) and rows.gate[item].owner and rows.gate[item].date and rows.gate[item].evidence)}
        for item, label in GateItem.Item.choices
    ]


def outline_inputs(assessment: Assessment) -> tuple:
    """All the outline's body is made from besides the content (the questions, the case studies,
    the councils' names: the content version names them). The business case's revision goes up
    in the same transaction as any change to its answers, rows, sign-offs, status or partners
    (``revision``; its status and the rest of its row with it, and its questionnaire and
    partnership never change). The partnership's name is in another row, read with it. The
    site's default discount rate fills in for missing settings."""
    return (assessment.pk, assessment.revision, assessment.partnership.name, str(settings.DISCOUNT_RATE))


def outline(assessment: Assessment) -> dict:
    """Everything the outline shows, for a business case ready for sign-off or signed off."""
    sheet = AnswerSheet(assessment)
    # A questionnaire without pages of rows (one an administrator made) still has a partnership's figures.
    rows = sheet.extras or load(assessment)
    model, problems = model_of(rows)
    members = rows.members
    content = signoff.snapshot(sheet)
    # Only the councils are shown: who signed is named as they typed it, not by their account.
    # Read once, for the sign-off rules below and the withdrawn ones.
    prefetch_related_objects([assessment], Prefetch("sign_offs", queryset=SignOff.objects.select_related("council")))
    chart = chart_text = None
    if model is not None:
        series = [(figures.name, figures.cumulative_net) for figures in model.partners]
        labels = [year_label(year) for year in model.years]
        title = f"Cumulative net savings by partner for {assessment.partnership}"
        chart = charts.lines(series, labels=labels, title=title, chart_id="savings-chart")
        # The chart's title and text alternative, for the Word document, which cannot hold the SVG.
        chart_text = {"title": title, "description": charts.lines_description(series, labels)}
    return {
        "assessment": assessment,
        "owner": assessment.partnership,
        "partnership": assessment.partnership,
        "questionnaire": assessment.questionnaire,
        "members": members,
        "cases": cases_of(sheet),
        "rows": rows,
        "model": model,
        "model_problems": problems or [],
        "year_labels": [year_label(year) for year in range(model.years[-1] + 1)] if model else [],
        "chart": chart,
        "chart_text": chart_text,
        "recommendation": recommendation(sheet.values, len(members)),
        "gate": gate_of(rows),
        "sign_offs": signoff.standing(assessment),
        "withdrawn_sign_offs": [s for s in assessment.sign_offs.all() if s.withdrawn_at is not None],
        "still_to_sign": signoff.still_to_sign(assessment, members),
        "fingerprint": signoff.fingerprint(content),
        "sources": {assessment: content},
    }
