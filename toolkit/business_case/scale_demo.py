"""The scale data's business cases (``toolkit.scale_demo``): one a partnership, every page
complete (the options shortlist, each partner's figures, set-up costs, savings by year,
milestones, risks and the gate), ready for sign-off with some partners signed, and signed off
where all have."""

from datetime import date, timedelta
from decimal import Decimal

from toolkit.answers import AnswerSheet
from toolkit.business_case import signoff
from toolkit.models import (
    Answer,
    Assessment,
    CaseOption,
    FinancialSettings,
    GateItem,
    Milestone,
    PartnerFigures,
    Risk,
    SavingEstimate,
    SetUpCost,
    SignOff,
    Step,
)
from toolkit.scale_demo import SENTENCES, Differing, answer_rows, answer_values, at, bulk

SPLITS = [FinancialSettings.Split.EQUAL, FinancialSettings.Split.POPULATION, FinancialSettings.Split.BASELINE]
CAPACITIES = ["Chief executive", "Section 151 officer", "Leader of the council", "Director of resources"]
MILESTONES = ["Business case signed off by every partner", "Staff consultation and TUPE transfer", "Shared systems live",
              "First year reviewed by the joint committee"]
RISKS = ["Key staff leave before the transfer", "The shared system is late", "A partner's contract cannot be ended on time",
         "Savings take longer to come than planned"]
LEVELS = ["low", "medium", "high"]


def create_business_cases(groups, shared_by, sections, rng):
    """``shared_by``: each partnership's shared joint answers, which its business case follows
    where the questions are the same (the services in scope)."""
    questionnaire = sections[0].questionnaire
    cases, values = [], []
    for group in groups:
        lead = group.members[0]
        started = at(2026, 4, 1) + timedelta(days=rng.randrange(60))
        cases.append(Assessment(
            questionnaire=questionnaire, step_id=Step.DESIGN, partnership=group.partnership,
            status=Assessment.Status.AWAITING_SIGN_OFF, started_by=lead.officer, started_at=started,
            submitted_by=lead.manager, submitted_at=started + timedelta(days=rng.randint(30, 90)),
            sections_saved=[s.slug for s in sections],
        ))
        # Every question answered, optional ones too, as a business case put to members would be.
        values.append(answer_values(sections, Differing(rng, shared_by[group.partnership.pk], differs=0, optional=1)))
    bulk(Assessment, cases)
    bulk_rows = {model: [] for model in (CaseOption, FinancialSettings, PartnerFigures, SetUpCost, SavingEstimate, Milestone, Risk, GateItem)}
    answers = []
    for case, group, case_values in zip(cases, groups, values):
        answers += answer_rows(case, sections, case_values, group.members[0].officer, case.started_at, rng)
        for model, rows in rows_of(case, group, rng).items():
            bulk_rows[model] += rows
    bulk(Answer, answers)
    for model, rows in bulk_rows.items():
        bulk(model, rows)
    sign(cases, groups, sections, rng)


def rows_of(case, group, rng) -> dict:
    """A business case's own rows, stamped as changed by the lead's officer."""
    stamp = {"assessment": case, "updated_by": group.members[0].officer, "updated_at": case.started_at}
    years = rng.choice([3, 5, 5, 7])
    options = [
        CaseOption(position=0, kind=CaseOption.Kind.BUSINESS_AS_USUAL, name="Business as usual", description="Each council keeps its own team.", **stamp),
        CaseOption(position=1, kind=CaseOption.Kind.DO_MINIMUM, name="Do minimum", description="Share specialist advice only.", **stamp),
        CaseOption(position=2, kind=CaseOption.Kind.OTHER, name=f"One shared {group.service.lower()} service",
                   description=f"A single team hosted by {group.members[0].council.name}.", preferred=True, **stamp),
    ]
    baselines = {m.council.pk: Decimal(rng.randrange(400_000, 4_000_000, 1000)) for m in group.members}
    figures = [
        PartnerFigures(council=m.council, baseline=baselines[m.council.pk], population=m.council.population,
                       contract_end=date(2027, 3, 31) + timedelta(days=rng.randrange(3 * 365)), **stamp)
        for m in group.members
    ]
    combined = sum(baselines.values())
    costs = [
        SetUpCost(position=position, category=category, year=rng.randint(0, 1), amount=(combined * Decimal(rng.randint(2, 8)) / 100).quantize(Decimal(1000)),
                  description=rng.choice(SENTENCES)[:200], **stamp)
        for position, category in enumerate(rng.sample(list(SetUpCost.Category.values), rng.randint(2, 5)))
    ]
    # Savings that ramp up to a few per cent of the combined baseline a source.
    savings = []
    for source in rng.sample(list(SavingEstimate.Source.values), rng.randint(2, 4)):
        full = combined * Decimal(rng.randint(2, 8)) / 100
        for year in range(years):
            amount = (full * Decimal(min(year + 1, 3)) / 3).quantize(Decimal(1000))
            if amount:
                savings.append(SavingEstimate(source=source, year=year, amount=amount, **stamp))
    milestones = [Milestone(position=i, name=name, due=date(2027, 3 * i + 1, 1), owner="Programme manager", **stamp) for i, name in enumerate(MILESTONES)]
    risks = [
        Risk(position=i, description=text, likelihood=rng.choice(LEVELS), impact=rng.choice(LEVELS),
             mitigation=rng.choice(SENTENCES), owner="Project board", **stamp)
        for i, text in enumerate(rng.sample(RISKS, rng.randint(2, len(RISKS))))
    ]
    gate = [
        GateItem(item=item, owner="Partnership board", date=date(2027, 1, 15), evidence=f"{label}: agreed at the partnership board.", **stamp)
        for item, label in GateItem.Item.choices
    ]
    settings = FinancialSettings(years=years, setup_split=rng.choice(SPLITS), savings_split=rng.choice(SPLITS),
                                 threshold_year=min(2, years - 1), **stamp)
    return {CaseOption: options, FinancialSettings: [settings], PartnerFigures: figures, SetUpCost: costs,
            SavingEstimate: savings, Milestone: milestones, Risk: risks, GateItem: gate}


def sign(cases, groups, sections, rng):
    """Some partners sign what was marked ready (fixed by the same fingerprint signing takes);
    a business case every partner has signed is signed off."""
    sign_offs, signed_off = [], []
    for case, group in zip(cases, groups):
        content = signoff.fingerprint(signoff.snapshot(AnswerSheet(case, sections=sections)))
        signers = group.members[: rng.randint(0, len(group.members))]
        for position, member in enumerate(signers):
            sign_offs.append(SignOff(
                assessment=case, council=member.council, signed_by=member.manager,
                name=member.manager.get_full_name(), capacity=CAPACITIES[position % len(CAPACITIES)],
                signed_at=case.submitted_at + timedelta(days=position + 1), fingerprint=content,
            ))
        if len(signers) == len(group.members):
            signed_off.append(case.pk)
    bulk(SignOff, sign_offs)
    Assessment.objects.filter(pk__in=signed_off).update(status=Assessment.Status.SIGNED_OFF)

