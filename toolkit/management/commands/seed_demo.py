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
from toolkit.models import Assessment, Council, Membership, Partnership, PartnershipMember, Question, Step

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
        "status": Partnership.Status.ACTIVE,
        "description": "A shared legal service for four London boroughs, hosted by Merton as lead authority.",
    },
]


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

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo creates accounts with a published password; it only runs with DEBUG on.")
        call_command("load_question_bank", verbosity=0)
        with transaction.atomic():
            councils = self.create_councils()
            self.create_users(councils)
            self.create_partnerships(councils)
            self.create_self_assessments(councils)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready. Every demo account's password is '{DEMO_PASSWORD}'."))

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
            partnership, _ = Partnership.objects.get_or_create(
                slug=spec["slug"],
                defaults={
                    "name": spec["name"],
                    "lead_council": councils[spec["lead"]],
                    "status": spec["status"],
                    "description": spec["description"],
                },
            )
            for slug in spec["members"]:
                PartnershipMember.objects.get_or_create(partnership=partnership, council=councils[slug])

    def create_self_assessments(self, councils):
        questionnaire = questionnaires.published(Step.SELF)
        for slug, spec in DEMO_SELF_ASSESSMENTS.items():
            council = councils[slug]
            if Assessment.objects.filter(council=council, partnership__isnull=True).exists():
                continue
            officer = council.members.get(username=f"{slug}-officer")
            assessment = Assessment.objects.create(questionnaire=questionnaire, council=council, started_by=officer)
            sheet = AnswerSheet(assessment)
            sections = sheet.sections[: round(len(sheet.sections) * spec.get("sections", 1))]
            for section in sections:
                # Answer in page order, so follow-up questions see the answers they depend on.
                values = {}
                for question in section.questions.all():
                    if question.key in sheet.visible({**sheet.values, **values}):
                        values[question.key] = demo_value(question, spec["profile"])
                save_section(sheet, section, values, {}, officer)
            if spec["submitted"]:
                assert sheet.is_complete(), f"demo answers for {slug} leave required questions unanswered"
                assessment.status = Assessment.Status.SUBMITTED
                assessment.submitted_by = council.members.get(username=f"{slug}-pm")
                assessment.submitted_at = assessment.started_at
                assessment.save()
