"""Real objects for tests, built with sensible defaults (no mocks)."""

from django.contrib.auth import get_user_model

from toolkit.models import Council, Membership, Partnership, PartnershipMember

PASSWORD = "correct-horse-battery"


def council(slug, **fields):
    defaults = {"name": slug.replace("-", " ").title() + " Council", "kind": Council.Kind.DISTRICT}
    found, _ = Council.objects.get_or_create(slug=slug, defaults={**defaults, **fields})
    return found


def user(username, council=None, role=Membership.Role.OFFICER, **fields):
    created = get_user_model().objects.create_user(
        username=username, password=PASSWORD, first_name=username.title(), last_name="Tester", **fields
    )
    if council is not None:
        Membership.objects.create(user=created, council=council, role=role)
    return created


def partnership(slug, lead, members, **fields):
    created = Partnership.objects.create(
        slug=slug, name=fields.pop("name", slug.title() + " Partnership"), lead_council=lead, **fields
    )
    for member in members:
        PartnershipMember.objects.create(partnership=created, council=member)
    return created
