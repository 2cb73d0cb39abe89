"""Demo councils, users and a partnership, for trying the toolkit out locally.

Idempotent: running it again changes nothing. Refused when DEBUG is off so demo accounts with
published passwords never reach a real server.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, CommandError, call_command
from django.db import transaction

from toolkit import questionnaires
from toolkit.answers import AnswerSheet, save_section
from toolkit.models import (
    Assessment,
    Council,
    Invitation,
    Membership,
    Partnership,
    PartnershipEvent,
    PartnershipMember,
    Question,
    Step,
    Theme,
)

DEMO_PASSWORD = "share-services-demo"

# slug -> (name, kind, region); the first four are the boroughs of the South London Legal Partnership.
DEMO_COUNCILS = {
    "merton": ("London Borough of Merton", Council.Kind.LONDON_BOROUGH, "London"),
    "sutton": ("London Borough of Sutton", Council.Kind.LONDON_BOROUGH, "London"),
    "kingston": ("Royal Borough of Kingston upon Thames", Council.Kind.LONDON_BOROUGH, "London"),
    "richmond": ("London Borough of Richmond upon Thames", Council.Kind.LONDON_BOROUGH, "London"),
    "south-oxfordshire": ("South Oxfordshire District Council", Council.Kind.DISTRICT, "South East"),
    "vale-of-white-horse": ("Vale of White Horse District Council", Council.Kind.DISTRICT, "South East"),
    "stafford": ("Stafford Borough Council", Council.Kind.DISTRICT, "West Midlands"),
    "cannock-chase": ("Cannock Chase District Council", Council.Kind.DISTRICT, "West Midlands"),
}

DEMO_PARTNERSHIPS = [
    {
        "slug": "south-london-legal",
        "name": "South London Legal Partnership",
        "lead": "merton",
        "members": ["merton", "sutton", "kingston", "richmond"],
        "invited": [],
        "status": Partnership.Status.ACTIVE,
        "services": "Legal services",
        "description": "A shared legal service for four London boroughs, hosted by Merton as lead authority.",
    },
    {
        "slug": "stafford-cannock-chase",
        "name": "Stafford and Cannock Chase Shared Services",
        "lead": "stafford",
        "members": ["stafford", "cannock-chase"],
        "invited": ["south-oxfordshire"],
        "status": Partnership.Status.ACTIVE,
        "services": "Revenues and benefits, and ICT",
        "description": "Two Staffordshire councils exploring a shared revenues, benefits and ICT service.",
    },
]

# Every council of south-london-legal has submitted its joint assessment. They agree on most
# things, with the differences partners really meet: contract end dates two years apart, one
# council ruling out co-location, and legal services in scope for three that the fourth will
# never share. In the second partnership, Stafford has submitted and Cannock Chase is answering.
JOINT_DEFAULTS = {
    "joint-services-in": ["legal", "procurement"], "joint-services-never": [], "joint-pace": "organic",
    "contracts-tie-in": "yes", "contract-end-date": "2027-03-31",
}
DEMO_JOINT_ASSESSMENTS = {
    "south-london-legal": {
        "merton": {"submitted": True, "answers": {"contract-end-date": "2027-03-31", "joint-co-location": "essential"}},
        "sutton": {"submitted": True, "answers": {"contract-end-date": "2029-03-31", "joint-co-location": "desirable"}},
        "kingston": {"submitted": True, "answers": {"contract-end-date": "2027-09-30", "joint-co-location": "desirable"}},
        "richmond": {
            "submitted": True,
            "answers": {
                "contract-end-date": "2028-03-31", "joint-co-location": "not-needed", "joint-willing-to-relocate": "no",
                "joint-services-in": ["procurement"], "joint-services-never": ["legal"], "joint-pace": "big-bang",
            },
        },
    },
    "stafford-cannock-chase": {
        "stafford": {"submitted": True, "answers": {"joint-services-in": ["revenues-benefits", "it"]}},
        "cannock-chase": {"submitted": False, "answers": {"joint-services-in": ["revenues-benefits"]}, "sections": 0.4},
    },
}


# How each demo council answers, by theme: the position of the option it picks, from the best
# scoring ("best") to the worst ("worst"). Themes not named answer "middle".
DEMO_SELF_ASSESSMENTS = {
    # Merton: committed leaders and good relationships, but weak on costs, capacity and staff.
    "merton": {
        "submitted": True,
        "profile": {
            "leadership": "best", "relationships": "best", "vision": "best", "governance": "best",
            "members": "best", "performance": "worst", "capacity": "worst", "people": "worst", "finance": "middle",
        },
    },
    # Sutton has answered the first half of its assessment.
    "sutton": {"submitted": False, "profile": {}, "sections": 0.5},
}

SAMPLE_VALUES = {
    Question.Kind.NUMBER: 24,
    Question.Kind.MONEY: "2400000",
    Question.Kind.PERCENTAGE: "15",
    Question.Kind.DATE: "2027-03-31",
    Question.Kind.TEXT: "Legal services",
    Question.Kind.LONG_TEXT: "To keep a resilient service at lower cost, share specialist staff and learn from partners.",
}


def demo_value(question, profile):
    """A plausible answer to a question for a council with the given profile."""
    if not question.is_choice:
        return SAMPLE_VALUES[question.kind]
    options = sorted(question.options.all(), key=lambda o: -o.score)
    if question.is_gate:
        return "yes"  # every demo council passes the gates, so the verdict comes from the themes
    pick = {"best": 0, "middle": len(options) // 2, "worst": len(options) - 1}[profile.get(question.theme.slug, "middle")]
    chosen = options[pick].value
    return [chosen] if question.kind == Question.Kind.MULTIPLE else chosen


class Command(BaseCommand):
    help = "Create demo councils, users (password: %s) and partnerships. Local use only." % DEMO_PASSWORD

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=int, metavar="N",
            help="Instead, add N councils of scale data beside the demo (toolkit/scale_demo.py), for measuring speed.",
        )
        parser.add_argument("--partnerships", type=int, help="With --scale: how many partnerships (150 for 400 councils by default).")
        parser.add_argument("--seed", type=int, help="With --scale: the random seed, for the same data every time.")

    def handle(self, *args, scale=None, partnerships=None, seed=None, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo creates accounts with a published password; it only runs with DEBUG on.")
        call_command("load_question_bank", verbosity=0)
        if scale is not None:
            return self.add_scale(scale, partnerships, seed)
        with transaction.atomic():
            councils = self.create_councils()
            self.create_users(councils)
            self.create_partnerships(councils)
            self.create_self_assessments(councils)
            self.create_joint_assessments(councils)
            self.create_business_case(councils)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready. Every demo account's password is '{DEMO_PASSWORD}'."))

    def add_scale(self, councils, partnerships, seed):
        from toolkit import scale_demo

        try:
            added = scale_demo.add_scale_data(
                councils, partnerships, seed=scale_demo.DEFAULT_SEED if seed is None else seed
            )
        except (ValueError, scale_demo.AlreadyAdded) as problem:
            raise CommandError(str(problem))
        what = f"{added.councils} councils and {added.partnerships} partnerships of scale data"
        self.stdout.write(self.style.SUCCESS(f"Added {what}.") if added.created else f"{what.capitalize()} already there; nothing changed.")

    def create_councils(self):
        councils = {}
        for slug, (name, kind, region) in DEMO_COUNCILS.items():
            councils[slug], _ = Council.objects.get_or_create(
                slug=slug, defaults={"name": name, "kind": kind, "region": region}
            )
        return councils

    def create_users(self, councils):
        self.get_or_create_user("admin", "Site", "Administrator", is_staff=True, is_superuser=True)
        for slug, council in councils.items():
            place = slug.replace("-", " ").title()
            for suffix, role, title in [
                ("officer", Membership.Role.OFFICER, "Officer"),
                ("pm", Membership.Role.PROGRAMME_MANAGER, "Programme Manager"),
            ]:
                user = self.get_or_create_user(f"{slug}-{suffix}", place, title)
                Membership.objects.get_or_create(user=user, council=council, defaults={"role": role})

    def get_or_create_user(self, username, first_name, last_name, **flags):
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={"first_name": first_name, "last_name": last_name, "email": f"{username}@example.com", **flags},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        return user

    def create_partnerships(self, councils):
        for spec in DEMO_PARTNERSHIPS:
            lead_manager = councils[spec["lead"]].members.get(username=f"{spec['lead']}-pm")
            partnership, created = Partnership.objects.get_or_create(
                slug=spec["slug"],
                defaults={
                    "name": spec["name"],
                    "lead_council": councils[spec["lead"]],
                    "status": spec["status"],
                    "services": spec["services"],
                    "description": spec["description"],
                    "joint_questionnaire": questionnaires.published(Step.JOINT),
                    "created_by": lead_manager,
                },
            )
            if not created:
                continue
            Event = PartnershipEvent.Kind
            PartnershipEvent.objects.create(partnership=partnership, council=councils[spec["lead"]], kind=Event.CREATED, by=lead_manager)
            for slug in spec["members"] + spec["invited"]:
                council = councils[slug]
                if slug != spec["lead"]:
                    status = Invitation.Status.ACCEPTED if slug in spec["members"] else Invitation.Status.PENDING
                    invitation = Invitation.objects.create(partnership=partnership, council=council, invited_by=lead_manager, status=status)
                    PartnershipEvent.objects.create(partnership=partnership, council=council, kind=Event.INVITED, by=lead_manager)
                    if status == Invitation.Status.PENDING:
                        continue
                    their_manager = council.members.get(username=f"{slug}-pm")
                    invitation.answered_by, invitation.answered_at = their_manager, invitation.invited_at
                    invitation.save(update_fields=["answered_by", "answered_at"])
                    PartnershipEvent.objects.create(partnership=partnership, council=council, kind=Event.ACCEPTED, by=their_manager)
                PartnershipMember.objects.get_or_create(partnership=partnership, council=council)

    def create_self_assessments(self, councils):
        questionnaire = questionnaires.published(Step.SELF)
        for slug, spec in DEMO_SELF_ASSESSMENTS.items():
            council = councils[slug]
            if Assessment.objects.filter(council=council, step=Step.SELF).exists():
                continue
            assessment = Assessment.objects.create(
                questionnaire=questionnaire, council=council, started_by=council.members.get(username=f"{slug}-officer")
            )
            self.answer(assessment, spec, profile=spec["profile"])

    def create_joint_assessments(self, councils):
        for partnership_slug, by_council in DEMO_JOINT_ASSESSMENTS.items():
            partnership = Partnership.objects.get(slug=partnership_slug)
            for slug, spec in by_council.items():
                council = councils[slug]
                if Assessment.objects.filter(council=council, partnership=partnership, step=Step.JOINT).exists():
                    continue
                assessment = Assessment.objects.create(
                    questionnaire=partnership.joint_questionnaire, council=council, partnership=partnership,
                    started_by=council.members.get(username=f"{slug}-officer"),
                )
                # Committed partners: the most positive answer, but for the differences above.
                self.answer(assessment, spec, profile=dict.fromkeys(Theme.objects.values_list("slug", flat=True), "best"), fixed={**JOINT_DEFAULTS, **spec["answers"]})

    def create_business_case(self, councils):
        from toolkit.business_case import demo

        users = {u.username: u for u in get_user_model().objects.filter(username__in=["merton-officer", "merton-pm", "sutton-pm"])}
        demo.create(Partnership.objects.get(slug="south-london-legal"), councils, users)

    def answer(self, assessment, spec, profile, fixed=None):
        """Answer the first part (or all) of an assessment's sections as its council's officer
        would, page by page, then submit it if the demo says so."""
        council, fixed = assessment.council, fixed or {}
        officer = council.members.get(username=f"{council.slug}-officer")
        sheet = AnswerSheet(assessment)
        sections = sheet.sections[: round(len(sheet.sections) * spec.get("sections", 1))]
        for section in sections:
            # Answer in page order, so follow-up questions see the answers they depend on.
            values = {}
            for question in section.questions.all():
                if question.key in sheet.visible({**sheet.values, **values}):
                    values[question.key] = fixed[question.key] if question.key in fixed else demo_value(question, profile)
            save_section(sheet, section, values, {}, officer)
        if spec["submitted"]:
            assert sheet.is_complete(), f"demo answers for {council.slug} leave required questions unanswered"
            assessment.status = Assessment.Status.SUBMITTED
            assessment.submitted_by = council.members.get(username=f"{council.slug}-pm")
            assessment.submitted_at = assessment.started_at
            assessment.save()
