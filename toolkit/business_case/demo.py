"""The demo's business case for the South London Legal Partnership (``seed_demo``): every case
filled in, the financial model with set-up costs, savings that ramp up and each partner's
figures, ready for sign-off with two of the four partners signed."""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from toolkit import questionnaires
from toolkit.answers import AnswerSheet, save_section
from toolkit.business_case import signoff
from toolkit.compatibility.report import refresh_verdict
from toolkit.models import (
    Assessment,
    CaseOption,
    FinancialSettings,
    GateItem,
    Milestone,
    PartnerFigures,
    ProceedDecision,
    Risk,
    SavingEstimate,
    SetUpCost,
    Step,
)

BASELINES = {"merton": "2400000", "sutton": "2100000", "kingston": "1800000", "richmond": "1600000"}
TEXTS = {
    "design-vision": "One legal service for the four boroughs: resilient, expert and better value than four small teams.",
    "design-objectives": "Keep specialist lawyers in the sector, cut the cost of external advice, and give every borough the same quality of advice.",
    "design-services-in-scope": "Litigation, property, contracts and procurement law, and planning law. Each borough keeps its monitoring officer.",
    "design-out-of-scope": "Each borough's monitoring officer role, and Richmond's legal work for now (it joins for procurement first).",
    "design-case-for-change": "Small teams struggle to recruit and keep specialists, and spend on external advice has risen year on year.",
    "design-preferred-option-reasons": "A single hosted service gives the scale to keep specialists, at the lowest cost of the options compared.",
    "design-delivery-model-reasons": "Merton already employs most of the lawyers; a joint committee gives each borough an equal say.",
    "design-staff-impact": "Staff transfer to Merton under TUPE; most keep working from their current offices for the first year.",
    "design-staff-involvement": "Lawyers and support staff from all four teams design the new case allocation in workshops.",
    "design-governance-structure": "A joint committee of members, an executive board of the four heads of legal, and quarterly scrutiny.",
    "design-communications-approach": "Monthly briefings for staff and members, and a client newsletter during the move.",
    "design-success-measures": "Cost per matter, client satisfaction and external spend, against the baseline of the last full year.",
    "design-exit-approach": "Twelve months' notice after the first three years, with staff and costs shared back by the cost split.",
}
ANSWERS = {
    "design-trading": "no", "design-private-partner": "no", "design-health-partner": "no",
    "design-employer": "one-council", "design-control": "equal", "design-delivery-model": "lead-authority",
    "design-pace": "organic", "joint-services-in": ["legal"],
}
SETUP_COSTS = [("redundancy", 0, "150000", "Two posts not carried into the shared team"), ("it", 0, "250000", "One case management system"),
               ("process", 0, "80000", "Harmonising processes and training"), ("contract-exit", 1, "40000", "Ending Sutton's external contract early")]
SAVINGS = {"staff": ["150000", "450000", "650000", "650000", "650000"], "procurement": ["20000", "80000", "90000", "90000", "90000"],
           "accommodation": ["0", "60000", "60000", "60000", "60000"]}
OPTIONS = [("business-as-usual", "Business as usual", "Each borough keeps its own legal team.", False),
           ("do-minimum", "Do minimum", "Share specialist advice only, through a call-off agreement.", False),
           ("other", "One shared legal service hosted by Merton", "A single team serving all four boroughs, Merton employing the staff.", True)]
MILESTONES = [("Business case signed off by all four boroughs", date(2027, 3, 31)), ("Staff consultation and TUPE transfer", date(2027, 7, 1)),
              ("Shared case management system live", date(2027, 10, 1))]
RISKS = [("Key lawyers leave before the transfer", "medium", "high", "Early engagement, a retention plan and clear roles."),
         ("The case management system is late", "medium", "medium", "Phase the move; keep the old systems until it is proven."),
         ("A borough's contract cannot be ended on time", "low", "medium", "Negotiate with the supplier; budgeted exit cost in year 1.")]
GATE = {
    "staff-ownership": ("Head of Legal, Merton", "Staff design workshops held with all four teams"),
    "business-case": ("Partnership board", "Benefits register agreed by the executive board"),
    "setup-budget": ("Section 151 officers", "Set-up budget of £520,000 agreed by all four boroughs"),
    "communications": ("Communications workstream lead", "Communications plan for staff, members and clients"),
    "project-manager": ("Programme office, Merton", "A full-time project manager appointed"),
}


def create(partnership, councils, users) -> Assessment:
    """``users``: username -> user. Idempotent: nothing is made if a business case exists."""
    existing = Assessment.objects.filter(step=Step.DESIGN, partnership=partnership).first()
    if existing is not None:
        return existing
    lead_pm = users["merton-pm"]
    refresh_verdict(partnership)
    if partnership.joint_verdict == "Conflict":
        ProceedDecision.objects.create(
            partnership=partnership, by=lead_pm,
            reason="The remaining conflicts (Richmond's legal services, co-location and pace) are dealt with in the business case: "
            "Richmond joins for procurement only at first, the team works across sites, and the change is phased.",
        )
    officer = users["merton-officer"]
    assessment = Assessment.objects.create(questionnaire=questionnaires.published(Step.DESIGN), partnership=partnership, started_by=officer)
    answer_questions(assessment, officer)
    now = timezone.now()
    stamp = {"updated_by": officer, "updated_at": now}
    for position, (kind, name, description, preferred) in enumerate(OPTIONS):
        CaseOption.objects.create(assessment=assessment, position=position, kind=kind, name=name, description=description, preferred=preferred, **stamp)
    FinancialSettings.objects.create(assessment=assessment, setup_split="population", savings_split="baseline", **stamp)
    for slug, council in councils.items():
        if slug in BASELINES:
            PartnerFigures.objects.create(
                assessment=assessment, council=council, baseline=Decimal(BASELINES[slug]), population=council.population,
                contract_end=date(2027, 3, 31) if slug != "sutton" else date(2029, 3, 31), **stamp,
            )
    for position, (category, year, amount, description) in enumerate(SETUP_COSTS):
        SetUpCost.objects.create(assessment=assessment, position=position, category=category, year=year, amount=Decimal(amount), description=description, **stamp)
    for source, amounts in SAVINGS.items():
        for year, amount in enumerate(amounts):
            if Decimal(amount):
                SavingEstimate.objects.create(assessment=assessment, source=source, year=year, amount=Decimal(amount), **stamp)
    for position, (name, due) in enumerate(MILESTONES):
        Milestone.objects.create(assessment=assessment, position=position, name=name, due=due, owner="Programme manager", **stamp)
    for position, (description, likelihood, impact, mitigation) in enumerate(RISKS):
        Risk.objects.create(assessment=assessment, position=position, description=description, likelihood=likelihood, impact=impact, mitigation=mitigation, owner="Project board", **stamp)
    for item, (owner, evidence) in GATE.items():
        GateItem.objects.create(assessment=assessment, item=item, owner=owner, date=date(2027, 2, 1), evidence=evidence, **stamp)
    assessment.sections_saved = [s.slug for s in assessment.questionnaire.sections.all()]
    assessment.status, assessment.submitted_by, assessment.submitted_at = Assessment.Status.AWAITING_SIGN_OFF, lead_pm, now
    assessment.save()
    # Two of the four partners have signed.
    for slug, capacity in [("merton", "Chief executive"), ("sutton", "Section 151 officer")]:
        manager = users[f"{slug}-pm"]
        signoff.sign(assessment, councils[slug], manager, name=manager.get_full_name(), capacity=capacity)
    return assessment


def answer_questions(assessment, officer):
    """Every question answered: the demo's answers where it has them, else a plausible one."""
    from toolkit.management.commands.seed_demo import demo_value

    sheet = AnswerSheet(assessment)
    best = {q.theme.slug: "best" for q in sheet.questions}
    for section in sheet.sections:
        values = {}
        for question in section.questions.all():
            if question.key in sheet.visible({**sheet.values, **values}):
                values[question.key] = ANSWERS.get(question.key) or TEXTS.get(question.key) or demo_value(question, best)
        if values:
            save_section(sheet, section, values, {}, officer)
