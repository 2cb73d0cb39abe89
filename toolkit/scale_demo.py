"""Scale data, for measuring the toolkit with as many councils and partnerships as a national
service would hold (``seed_demo --scale N``, used by ``make bench``).

Beside the normal demo, never touching it: N councils (slugs starting ``scale-``), each with two
users and three yearly submitted self assessments, and partnerships of 2 to 8 of them, each with
every member's submitted joint assessment and a business case ready for sign-off or signed off.
Rows are written with ``bulk_create``, a few thousand at a time, so 400 councils take seconds.

The same seed gives the same data, dates included: the dates are fixed, not taken from today.
Every answer fits its question (an option it has, a figure within its limits, follow-up
questions answered only when shown), so every page and report works on it.
"""

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from toolkit import conditions, questionnaires
from toolkit.answers import spec_for
from toolkit.compatibility import rules
from toolkit.compatibility.report import rule_for
from toolkit.models import (
    Answer,
    Assessment,
    Council,
    Invitation,
    Membership,
    Partnership,
    PartnershipEvent,
    PartnershipMember,
    ProceedDecision,
    Question,
    Step,
)

SLUG_PREFIX = "scale-"
# For 400 councils, 150 partnerships; fewer councils, proportionally fewer.
PARTNERSHIPS_PER_COUNCIL = 150 / 400
SMALLEST, LARGEST = 2, 8  # councils in a partnership
DEFAULT_SEED = 2026
BATCH = 5000
SELF_ASSESSMENT_YEARS = (2024, 2025, 2026)

PLACE_STARTS = [
    "Ash", "Bar", "Black", "Brad", "Bright", "Brook", "Cal", "Chester", "Clay", "Cold", "Crom", "Dal", "Dun", "East",
    "Elm", "Fair", "Fern", "Glen", "Green", "Hal", "Hart", "High", "Hol", "King", "Lang", "Lin", "Long", "Mar", "Mel",
    "Mill", "New", "North", "Oak", "Red", "Rose", "South", "Stan", "Stone", "Thorn", "West", "White", "Wick", "Wind", "Wood",
]
PLACE_ENDS = [
    "bury", "by", "caster", "cliffe", "combe", "den", "field", "ford", "gate", "ham", "hurst", "ley", "mere", "minster",
    "mouth", "stead", "stow", "thorpe", "ton", "wick", "worth",
]
KINDS = [  # (kind, how its name reads, how likely)
    (Council.Kind.DISTRICT, "{} District Council", 5),
    (Council.Kind.UNITARY, "{} Council", 2),
    (Council.Kind.COUNTY, "{} County Council", 1),
    (Council.Kind.METROPOLITAN_BOROUGH, "Metropolitan Borough of {}", 1),
    (Council.Kind.LONDON_BOROUGH, "London Borough of {}", 1),
]
REGIONS = ["North East", "North West", "Yorkshire and the Humber", "East Midlands", "West Midlands", "East of England",
           "London", "South East", "South West"]
SERVICES = ["Legal services", "Revenues and benefits", "ICT", "Human resources and payroll", "Procurement",
            "Building control", "Internal audit", "Waste collection", "Environmental health", "Finance"]
SENTENCES = [
    "Small teams struggle to recruit and keep specialists.", "Spend on agency staff has risen for three years.",
    "Partners already share a building and some systems.", "Members want savings without losing local accountability.",
    "A single team would give the scale to keep expertise in the sector.", "Staff are worried about travel and terms.",
    "The service would be hosted by the lead council under a joint committee.", "Savings come mostly from management posts.",
    "Each council keeps its statutory officers and its own decisions.", "The change is phased over two years.",
]


@dataclass
class ScaleData:
    councils: int
    partnerships: int
    created: bool  # False when the same scale data was already there


class AlreadyAdded(Exception):
    """Scale data of another size is already in the database."""


def default_partnerships(councils: int) -> int:
    return max(1, round(councils * PARTNERSHIPS_PER_COUNCIL))


def at(year, month, day, hour=10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


def place_names(count, rng) -> list:
    """``count`` distinct made-up place names; past the combinations, numbered."""
    places = [start + end for start in PLACE_STARTS for end in PLACE_ENDS]
    rng.shuffle(places)
    return [places[i % len(places)] + (f" {i // len(places) + 1}" if i >= len(places) else "") for i in range(count)]


def bulk(model, rows):
    return model.objects.bulk_create(rows, batch_size=BATCH)


def answer_values(sections, choose) -> dict:
    """Answers to a questionnaire, in page order, to the questions that the answers before them
    show: ``choose(question)`` gives each value (or None to leave an optional one blank)."""
    values, shown = {}, set()
    for section in sections:
        for question in section.questions.all():
            if question.show_when_question_id:
                controller = question.show_when_question.key
                if controller not in shown or not conditions.condition_holds(question.show_when_values, values.get(controller)):
                    continue
            shown.add(question.key)
            value = choose(question)
            if conditions.is_answered(value):
                values[question.key] = value
    return values


class Chooser:
    """Answers that fit their questions: options the question has, figures within its limits.

    ``leaning`` (0 the best-scoring option, 1 the worst) by theme shapes choice answers, so a
    council is strong on some themes and weak on others."""

    def __init__(self, rng, leaning=None, optional=0.7):
        self.rng, self.leaning, self.optional = rng, leaning or {}, optional

    def __call__(self, question):
        rng = self.rng
        if not question.required and rng.random() > self.optional:
            return None
        if question.is_choice:
            return self.choice(question)
        low, high = question.min_value or 0, question.max_value
        if question.kind == Question.Kind.NUMBER:
            return rng.randint(max(low, 5), min(high or 400, 400))
        if question.kind == Question.Kind.MONEY:
            return str(rng.randrange(max(low, 200_000), min(high or 5_000_000, 5_000_000), 1000))
        if question.kind == Question.Kind.PERCENTAGE:
            return str(rng.randint(max(low, 5), min(high or 30, 30)))
        if question.kind == Question.Kind.DATE:
            return (date(2027, 1, 1) + timedelta(days=rng.randrange(3 * 365))).isoformat()
        if question.kind == Question.Kind.TEXT:
            return rng.choice(SERVICES)[: question.max_length or 300]
        return " ".join(rng.sample(SENTENCES, rng.randint(1, 3)))[: question.max_length or 2000]

    def choice(self, question):
        options = sorted(question.options.all(), key=lambda o: (-o.score, o.position))
        if question.kind == Question.Kind.MULTIPLE:
            picked = self.rng.sample(options, self.rng.randint(1, min(3, len(options))))
            return [o.value for o in sorted(picked, key=lambda o: o.position)]
        if question.is_gate:  # most pass the gates, so most verdicts come from the themes
            return "yes" if self.rng.random() < 0.93 else "no"
        leaning = self.leaning.get(question.theme.slug, 0.5)
        spot = min(max(leaning + self.rng.uniform(-0.35, 0.35), 0), 1)
        return options[round(spot * (len(options) - 1))].value


class Differing(Chooser):
    """Mostly the partnership's shared answer; now and then the member's own."""

    def __init__(self, rng, shared, differs=0.2, optional=0.6):
        super().__init__(rng, optional=optional)
        self.shared, self.differs = shared, differs

    def __call__(self, question):
        if question.key in self.shared and self.rng.random() > self.differs:
            return self.shared[question.key]
        return super().__call__(question)


def answer_rows(assessment, sections, values, user, when, rng) -> list:
    by_key = {q.key: q for s in sections for q in s.questions.all()}
    return [
        Answer(
            assessment=assessment, question=by_key[key], value=value, updated_by=user, updated_at=when,
            comment="Agreed at the officers' board." if rng.random() < 0.08 else "",
        )
        for key, value in values.items()
    ]


def existing() -> tuple:
    return (
        Council.objects.filter(slug__startswith=SLUG_PREFIX).count(),
        Partnership.objects.filter(slug__startswith=SLUG_PREFIX).count(),
    )


@transaction.atomic
def add_scale_data(councils: int, partnerships: int | None = None, seed=DEFAULT_SEED) -> ScaleData:
    """Add ``councils`` councils and ``partnerships`` partnerships (by default in proportion:
    150 for 400). Adding the same again changes nothing; another size raises ``AlreadyAdded``."""
    if councils < SMALLEST:
        raise ValueError(f"Scale data needs at least {SMALLEST} councils, to make a partnership.")
    partnerships = default_partnerships(councils) if partnerships is None else partnerships
    there = existing()
    if there == (councils, partnerships):
        return ScaleData(councils, partnerships, created=False)
    if any(there):
        raise AlreadyAdded(
            f"Scale data of {there[0]} councils and {there[1]} partnerships is already in the database; "
            "start from a new database to add another size."
        )
    rng = random.Random(seed)
    structure = {step: questionnaires.load_structure(questionnaires.published(step)) for step in (Step.SELF, Step.JOINT, Step.DESIGN)}
    made = create_councils(councils, rng)
    create_self_assessments(made, structure[Step.SELF], rng)
    groups = create_partnerships(made, partnerships, rng)
    shared = create_joint_assessments(groups, structure[Step.JOINT], rng)
    from toolkit.business_case.scale_demo import create_business_cases

    create_business_cases(groups, shared, structure[Step.DESIGN], rng)
    return ScaleData(councils, partnerships, created=True)


@dataclass
class ScaleCouncil:
    council: Council
    officer: object
    manager: object
    leaning: dict  # theme slug -> 0 (strongest) .. 1 (weakest)


def create_councils(count, rng) -> list:
    from toolkit.management.commands.seed_demo import DEMO_PASSWORD
    from toolkit.models import Theme

    weights = [weight for _, _, weight in KINDS]
    councils = []
    for place in place_names(count, rng):
        kind, pattern, _ = rng.choices(KINDS, weights=weights)[0]
        slug = SLUG_PREFIX + place.lower().replace(" ", "-")
        councils.append(Council(
            slug=slug, name=pattern.format(place), kind=kind, region=rng.choice(REGIONS),
            population=rng.randrange(60_000, 700_000, 7),
        ))
    bulk(Council, councils)
    # One hash for all: hashing the published demo password 800 times would take minutes.
    password = make_password(DEMO_PASSWORD)
    User = get_user_model()
    users = []
    for council in councils:
        place = council.slug.removeprefix(SLUG_PREFIX).replace("-", " ").title()
        for suffix, title in [("officer", "Officer"), ("pm", "Programme Manager")]:
            username = f"{council.slug}-{suffix}"
            users.append(User(username=username, first_name=place, last_name=title, email=f"{username}@example.com", password=password))
    bulk(User, users)
    Officer, Manager = Membership.Role.OFFICER, Membership.Role.PROGRAMME_MANAGER
    bulk(Membership, [
        Membership(user=user, council=council, role=role)
        for council, officer, manager in zip(councils, users[::2], users[1::2])
        for user, role in [(officer, Officer), (manager, Manager)]
    ])
    themes = list(Theme.objects.values_list("slug", flat=True))
    return [
        ScaleCouncil(council, officer, manager, {theme: rng.random() for theme in themes})
        for council, officer, manager in zip(councils, users[::2], users[1::2])
    ]


def create_self_assessments(councils, sections, rng):
    """Three a council, a year apart, each a little stronger than the one before."""
    questionnaire = sections[0].questionnaire
    assessments, values = [], []
    for sc in councils:
        for number, year in enumerate(SELF_ASSESSMENT_YEARS):
            started = at(year, rng.randint(2, 4), rng.randint(1, 28))
            submitted = started + timedelta(days=rng.randint(7, 60))
            leaning = {theme: max(lean - 0.12 * number, 0) for theme, lean in sc.leaning.items()}
            assessments.append(Assessment(
                questionnaire=questionnaire, step_id=Step.SELF, council=sc.council, status=Assessment.Status.SUBMITTED,
                started_by=sc.officer, started_at=started, submitted_by=sc.manager, submitted_at=submitted,
                sections_saved=[s.slug for s in sections],
            ))
            values.append((sc.officer, answer_values(sections, Chooser(rng, leaning))))
    bulk(Assessment, assessments)
    bulk(Answer, [
        row for assessment, (officer, answers) in zip(assessments, values)
        for row in answer_rows(assessment, sections, answers, officer, assessment.submitted_at, rng)
    ])


@dataclass
class Group:
    partnership: Partnership
    members: list  # ScaleCouncil, the lead first
    service: str


def create_partnerships(councils, count, rng) -> list:
    joint = questionnaires.published(Step.JOINT)
    groups = []
    for number in range(1, count + 1):
        members = rng.sample(councils, rng.randint(SMALLEST, min(LARGEST, len(councils))))
        service = rng.choice(SERVICES)
        lead = members[0]
        groups.append(Group(Partnership(
            slug=f"{SLUG_PREFIX}partnership-{number:03}", name=f"{service} partnership {number:03} (scale data)",
            description=f"{service} shared by {len(members)} councils, led by {lead.council.name}.", services=service,
            lead_council=lead.council, status=Partnership.Status.ACTIVE, joint_questionnaire=joint,
            created_by=lead.manager, created_at=at(2025, 9, 1) + timedelta(days=rng.randrange(120)),
        ), members, service))
    bulk(Partnership, [g.partnership for g in groups])
    Event = PartnershipEvent.Kind
    events, invitations, memberships = [], [], []
    for group in groups:
        partnership, lead = group.partnership, group.members[0]
        when = partnership.created_at
        events.append(PartnershipEvent(partnership=partnership, council=lead.council, kind=Event.CREATED, by=lead.manager, at=when))
        for member in group.members[1:]:
            invitations.append(Invitation(
                partnership=partnership, council=member.council, status=Invitation.Status.ACCEPTED, invited_by=lead.manager,
                invited_at=when, answered_by=member.manager, answered_at=when + timedelta(days=3),
            ))
            events.append(PartnershipEvent(partnership=partnership, council=member.council, kind=Event.INVITED, by=lead.manager, at=when))
            events.append(PartnershipEvent(partnership=partnership, council=member.council, kind=Event.ACCEPTED, by=member.manager, at=when + timedelta(days=3)))
        memberships += [PartnershipMember(partnership=partnership, council=m.council, joined_at=when) for m in group.members]
    bulk(Invitation, invitations)
    bulk(PartnershipEvent, events)
    bulk(PartnershipMember, memberships)
    return groups


def create_joint_assessments(groups, sections, rng) -> dict:
    """Every member's submitted joint assessment: mostly the partners' shared view, with the
    differences partners meet. Returns each partnership's shared answers, which its business
    case starts from."""
    questionnaire = sections[0].questionnaire
    assessments, values, shared_by = [], [], {}
    for group in groups:
        shared = answer_values(sections, Chooser(rng, {}, optional=0.6))
        shared_by[group.partnership.pk] = shared
        # Some partners think alike (aligned), most differ here and there, some often (conflicts).
        differs = rng.choice([0, 0.01, 0.05, 0.2])
        for member in group.members:
            started = group.partnership.created_at + timedelta(days=rng.randint(5, 30))
            assessments.append(Assessment(
                questionnaire=questionnaire, step_id=Step.JOINT, council=member.council, partnership=group.partnership,
                status=Assessment.Status.SUBMITTED, started_by=member.officer, started_at=started,
                submitted_by=member.manager, submitted_at=started + timedelta(days=rng.randint(7, 40)),
                sections_saved=[s.slug for s in sections],
            ))
            values.append((member.officer, answer_values(sections, Differing(rng, shared, differs))))
    bulk(Assessment, assessments)
    bulk(Answer, [
        row for assessment, (officer, answers) in zip(assessments, values)
        for row in answer_rows(assessment, sections, answers, officer, assessment.submitted_at, rng)
    ])
    # The verdict each partnership's pages list, as submitting keeps it (worked out here from the
    # answers just made, by the comparison's own rules, rather than read back 150 times); and,
    # where the partners conflict, the lead's reason for going ahead with a business case.
    rules_of = [rule_for(q) for s in sections for q in s.questions.all()]
    specs = [spec_for(q) for s in sections for q in s.questions.all()]
    answers = iter(answers for _, answers in values)
    decisions = []
    for group in groups:
        given = {m.council.name: next(answers) for m in group.members}
        shown = {name: conditions.visible_keys(specs, answers) for name, answers in given.items()}
        group.partnership.joint_verdict = rules.compare(rules_of, given, shown).verdict
        if group.partnership.joint_verdict == rules.CONFLICT:
            decisions.append(ProceedDecision(
                partnership=group.partnership, by=group.members[0].manager, at=at(2026, 3, 1),
                reason="The conflicts are dealt with in the business case: the service is phased in and scope agreed partner by partner.",
            ))
    Partnership.objects.bulk_update([g.partnership for g in groups], ["joint_verdict"], batch_size=BATCH)
    bulk(ProceedDecision, decisions)
    return shared_by
