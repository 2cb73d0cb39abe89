"""What programme managers do to a partnership's membership, each recorded with who and when.

Each action checks the rules that keep a partnership sound and raises ``Refused`` with a message
for the person when one is broken; nothing is changed then. Who may act at all (the lead's
programme manager, the invited council's) is for ``toolkit.access`` and the views.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from toolkit import questionnaires
from toolkit.models import Assessment, Invitation, Partnership, PartnershipEvent, PartnershipMember, Step

Event = PartnershipEvent.Kind


class Refused(Exception):
    """The action would break a rule; the message says which, in the words of the page."""


def record(partnership, kind, council, user, at=None):
    return PartnershipEvent.objects.create(partnership=partnership, kind=kind, council=council, by=user, at=at or timezone.now())


def unique_slug(name):
    base = slugify(name)[:45] or "partnership"
    if base == "new":  # /partnerships/new/ is the page for setting one up
        base = "new-partnership"
    slug, number = base, 2
    while Partnership.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def refusal_to_invite(partnership, council, lead) -> str | None:
    """Why a council cannot be invited, or None if it can."""
    if lead is not None and council.pk == lead.pk:
        return f"{council} leads the partnership, so it is already a member."
    if partnership is not None:
        if partnership.memberships.filter(council=council).exists():
            return f"{council} is already a member."
        if partnership.invitations.filter(council=council, status=Invitation.Status.PENDING).exists():
            return f"{council} has already been invited."
    return None


@transaction.atomic
def set_up(*, name, description, services, lead, invite, user) -> Partnership:
    """A new partnership led by ``lead``, with invitations to the councils in ``invite``."""
    if not invite:
        raise Refused("Choose at least one council to invite: a partnership needs two or more councils.")
    if Partnership.objects.filter(name__iexact=name).exists():
        raise Refused(f"A partnership called ‘{name}’ already exists. Choose another name.")
    for council in invite:
        problem = refusal_to_invite(None, council, lead)
        if problem:
            raise Refused(problem)
    now = timezone.now()
    partnership = Partnership.objects.create(
        name=name, slug=unique_slug(name), description=description, services=services, lead_council=lead,
        joint_questionnaire=questionnaires.published(Step.JOINT), created_by=user, created_at=now,
    )
    PartnershipMember.objects.create(partnership=partnership, council=lead, joined_at=now)
    record(partnership, Event.CREATED, lead, user, now)
    for council in invite:
        Invitation.objects.create(partnership=partnership, council=council, invited_by=user, invited_at=now)
        record(partnership, Event.INVITED, council, user, now)
    return partnership


@transaction.atomic
def invite(partnership, councils, user) -> list:
    """Invite more councils. Refused as a whole if any of them cannot be invited."""
    if not councils:
        raise Refused("Choose at least one council to invite.")
    for council in councils:
        problem = refusal_to_invite(partnership, council, partnership.lead_council)
        if problem:
            raise Refused(problem)
    made = []
    for council in councils:
        made.append(Invitation.objects.create(partnership=partnership, council=council, invited_by=user))
        record(partnership, Event.INVITED, council, user)
    return made


def locked_pending(invitation) -> Invitation:
    """The invitation, locked, if it is still waiting for an answer; otherwise say what became of it."""
    found = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if found.status == Invitation.Status.WITHDRAWN:
        raise Refused(f"This invitation to {found.partnership} was withdrawn, so it can no longer be answered.")
    if found.status != Invitation.Status.PENDING:
        raise Refused(f"This invitation to {found.partnership} has already been {found.get_status_display().lower()}.")
    return found


@transaction.atomic
def accept(invitation, user) -> PartnershipMember:
    found = locked_pending(invitation)
    now = timezone.now()
    found.status, found.answered_by, found.answered_at = Invitation.Status.ACCEPTED, user, now
    found.save(update_fields=["status", "answered_by", "answered_at"])
    # An administrator may already have added the council; accepting then changes nothing more.
    member, _ = PartnershipMember.objects.get_or_create(partnership=found.partnership, council=found.council, defaults={"joined_at": now})
    record(found.partnership, Event.ACCEPTED, found.council, user, now)
    update_status(found.partnership, user, f"{found.council} joined the partnership")
    return member


@transaction.atomic
def decline(invitation, user) -> None:
    found = locked_pending(invitation)
    found.status, found.answered_by, found.answered_at = Invitation.Status.DECLINED, user, timezone.now()
    found.save(update_fields=["status", "answered_by", "answered_at"])
    record(found.partnership, Event.DECLINED, found.council, user, found.answered_at)


@transaction.atomic
def withdraw(invitation, user) -> None:
    found = locked_pending(invitation)
    found.status, found.answered_by, found.answered_at = Invitation.Status.WITHDRAWN, user, timezone.now()
    found.save(update_fields=["status", "answered_by", "answered_at"])
    record(found.partnership, Event.WITHDRAWN, found.council, user, found.answered_at)


def has_submitted(partnership, council) -> bool:
    return Assessment.objects.filter(step=Step.JOINT, partnership=partnership, council=council).exclude(
        status=Assessment.Status.IN_PROGRESS
    ).exists()


def refusal_to_remove(partnership, council) -> str | None:
    """Why the lead cannot take this council out, or None if it can."""
    if council.pk == partnership.lead_council_id:
        return f"{council} leads the partnership, so it cannot be removed."
    if has_submitted(partnership, council):
        return f"{council} has submitted its joint assessment, so it cannot be removed. It can choose to leave."
    return None


def refusal_to_leave(partnership, council) -> str | None:
    if council.pk == partnership.lead_council_id:
        return f"{council} leads the partnership, so it cannot leave. Ask an administrator to change the lead first."
    return None


@transaction.atomic
def remove(partnership, council, user) -> None:
    """The lead takes out a member that has not submitted its joint assessment."""
    member = PartnershipMember.objects.select_for_update().filter(partnership=partnership, council=council).first()
    if member is None:
        raise Refused(f"{council} is not a member of {partnership}.")
    problem = refusal_to_remove(partnership, council)
    if problem:
        raise Refused(problem)
    member.delete()
    record(partnership, Event.REMOVED, council, user)
    update_status(partnership, user, f"{council} was removed from the partnership")


@transaction.atomic
def leave(partnership, council, user) -> None:
    """A member leaves. Its submitted answers stay in reports made before, and leave later ones."""
    problem = refusal_to_leave(partnership, council)
    if problem:
        raise Refused(problem)
    member = PartnershipMember.objects.select_for_update().filter(partnership=partnership, council=council).first()
    if member is None:
        raise Refused(f"{council} is not a member of {partnership}.")
    member.delete()
    record(partnership, Event.LEFT, council, user)
    update_status(partnership, user, f"{council} left the partnership")


def update_status(partnership, user=None, change="") -> None:
    """Forming while it has fewer than two members; active from two (a closed one stays closed).
    The members' compatibility verdict is worked out again: it is made from members only. After
    a ``change`` of partners, a business case ready for sign-off is opened for changes again."""
    from toolkit.business_case.signoff import partners_changed
    from toolkit.compatibility.report import refresh_verdict

    refresh_verdict(partnership)
    if change:
        partners_changed(partnership, user, f"{change}, so every partner's share changed")
    if partnership.status == Partnership.Status.CLOSED:
        return
    status = Partnership.Status.ACTIVE if partnership.memberships.count() >= 2 else Partnership.Status.FORMING
    if status != partnership.status:
        partnership.status = status
        partnership.save(update_fields=["status"])
