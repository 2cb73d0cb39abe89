"""Demo councils, users and a partnership, for trying the toolkit out locally.

Idempotent: running it again changes nothing. Refused when DEBUG is off so demo accounts with
published passwords never reach a real server.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import BaseCommand, CommandError, call_command
from django.db import transaction

from toolkit.models import Council, Membership, Partnership, PartnershipMember

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
