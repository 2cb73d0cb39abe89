"""A partnership's page, and what its programme managers do: set one up, invite councils,
withdraw an invitation, remove a member, leave; and answering an invitation."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from toolkit import access
from toolkit.business_case import signoff
from toolkit.compatibility.report import latest_submitted
from toolkit.models import Council, Invitation, SignOff, Step
from toolkit.partnerships import actions
from toolkit.partnerships.forms import CouncilPicker, PartnershipForm, searching
from toolkit.progress import partnership_progress, progress_lookups


def partnership(request, slug):
    """Its members and how far each has got, invitations outstanding, and its history."""
    found, rights = access.get_partnership(request.user, slug)
    # Its members, decisions and assessments, read once onto it: the progress, the submissions
    # and the business case below all come from them.
    prefetch_related_objects([found], *progress_lookups("submitted_at", "questionnaire_id"))
    progress = partnership_progress([found])[found.pk]
    members = list(found.councils.all())
    # The same submissions the comparison is made from: each member's latest, of the partnership's version.
    submitted = {a.council_id: a for a in latest_submitted(found, members, found.assessments.all())}
    # Its one business case (``assessments`` come newest first), and sign-offs only if there is one.
    business_case = next((a for a in found.assessments.all() if a.step_id == Step.DESIGN), None)
    sign_offs = SignOff.objects.filter(assessment__partnership=found).select_related("council").order_by("signed_at") if business_case else []
    return render(
        request,
        "partnerships/partnership.html",
        {
            "partnership": found,
            "rights": rights,
            "progress": progress,
            "members": [
                {"council": council, "status": status, "submitted": submitted.get(council.pk)}
                for council, status in progress.joint.items()
            ],
            "submitted_count": len(submitted),
            "invitations": found.invitations.filter(status=Invitation.Status.PENDING).select_related("council", "invited_by"),
            "events": found.events.select_related("council", "by"),
            "business_case": business_case,
            "sign_offs": sign_offs,
            "decisions": found.proceed_decisions.all(),
        },
    )


def new_partnership(request):
    """Set up a partnership led by one of the programme manager's councils, and invite others."""
    managed = list(Council.objects.filter(pk__in=access.standing(request.user).managed))
    if not managed:
        raise PermissionDenied("Only a council's programme managers can set up a partnership.")
    if request.method == "POST" and request.POST.get("action") == "search":
        form = searching(PartnershipForm, request.POST, managed=managed)
    elif request.method == "POST":
        form = PartnershipForm(request.POST, managed=managed)
        if form.is_valid():
            try:
                created = actions.set_up(
                    name=form.cleaned_data["name"], description=form.cleaned_data["description"],
                    services=form.cleaned_data["services"], lead=form.cleaned_data["lead"],
                    invite=form.cleaned_data["councils"], user=request.user,
                )
            except actions.Refused as problem:
                form.add_error(None, str(problem))
            else:
                invited = ", ".join(c.name for c in form.cleaned_data["councils"])
                messages.success(request, f"{created.name} is set up. We have invited {invited}.")
                return redirect(created)
    else:
        form = PartnershipForm(managed=managed)
    return render(request, "partnerships/new.html", {"form": form})


def managed_partnership(request, slug):
    """A partnership the user runs: 404 to outsiders, 403 to members who do not run it."""
    found, rights = access.get_partnership(request.user, slug)
    if not rights.manage:
        raise PermissionDenied("Only the lead council's programme managers can change who is in the partnership.")
    return found


def invite(request, slug):
    found = managed_partnership(request, slug)
    kwargs = {"partnership": found, "lead": found.lead_council}
    if request.method == "POST" and request.POST.get("action") == "search":
        form = searching(CouncilPicker, request.POST, **kwargs)
    elif request.method == "POST":
        form = CouncilPicker(request.POST, **kwargs)
        if form.is_valid():
            try:
                made = actions.invite(found, form.cleaned_data["councils"], request.user)
            except actions.Refused as problem:
                form.add_error("councils", str(problem))
            else:
                messages.success(request, f"We have invited {', '.join(i.council.name for i in made)}.")
                return redirect(found)
    else:
        form = CouncilPicker(**kwargs)
    return render(request, "partnerships/invite.html", {"form": form, "partnership": found})


@require_POST
def withdraw(request, slug, pk):
    found = managed_partnership(request, slug)
    invitation = get_object_or_404(found.invitations.select_related("council", "partnership"), pk=pk)
    return act(request, found, lambda: actions.withdraw(invitation, request.user), f"The invitation to {invitation.council} is withdrawn.")


def act(request, partnership, action, done_message):
    """Do an action and say what happened, or why it was refused; back to the partnership."""
    try:
        action()
    except actions.Refused as problem:
        messages.error(request, str(problem))
    else:
        messages.success(request, done_message)
    return redirect(partnership)


def confirm(request, partnership, council, *, title, explanation, button, action, done_message, refusal=None):
    """A page asking "Are you sure?" for what cannot be undone, then doing it on POST. When the
    action would be refused, say so at once instead of asking."""
    if refusal:
        messages.error(request, refusal)
        return redirect(partnership)
    if request.method == "POST":
        return act(request, partnership, action, done_message)
    return render(
        request,
        "partnerships/confirm.html",
        {
            "partnership": partnership, "council": council, "title": title, "explanation": explanation, "button": button,
            "business_case_warning": signoff.partners_change_warning(partnership),
        },
    )


def remove(request, slug, council):
    found = managed_partnership(request, slug)
    member = get_object_or_404(found.councils, slug=council)
    return confirm(
        request, found, member,
        title=f"Remove {member.name} from {found.name}?",
        explanation=f"{member.name} will no longer see the partnership's work. Its answers so far are not shared with anyone.",
        button=f"Remove {member.name}",
        action=lambda: actions.remove(found, member, request.user),
        done_message=f"{member.name} has been removed from the partnership.",
        refusal=actions.refusal_to_remove(found, member),
    )


def leave(request, slug, council):
    found, rights = access.get_partnership(request.user, slug)
    member = get_object_or_404(found.councils, slug=council)
    if member.pk not in rights.may_leave:
        raise PermissionDenied("Only a member council's programme managers can take it out of a partnership, and the lead cannot leave.")
    return confirm(
        request, found, member,
        title=f"Leave {found.name}?",
        explanation=(
            f"{member.name} will no longer see the partnership's work. Its submitted answers stay in reports "
            "made before it left, and are left out of reports made after."
        ),
        button=f"Take {member.name} out of the partnership",
        action=lambda: actions.leave(found, member, request.user),
        done_message=f"{member.name} has left {found.name}.",
        refusal=actions.refusal_to_leave(found, member),
    )


@require_POST
def answer_invitation(request, pk, accept):
    invitation = access.get_invitation(request.user, pk, answer=True)
    reopens = accept and signoff.ready_case(invitation.partnership) is not None
    try:
        if accept:
            actions.accept(invitation, request.user)
        else:
            actions.decline(invitation, request.user)
    except actions.Refused as problem:
        messages.error(request, str(problem))
        return redirect("toolkit:dashboard")
    if accept:
        messages.success(request, f"{invitation.council} is now a member of {invitation.partnership}." + (
            f" The business case was ready for sign-off: it is open for changes again so that {invitation.council}'s figures can be added, and every sign-off was withdrawn."
            if reopens else ""
        ))
        return redirect(invitation.partnership)
    messages.success(request, f"You have declined the invitation to {invitation.partnership}.")
    return redirect("toolkit:dashboard")
