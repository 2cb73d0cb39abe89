"""Who may do what: the one place that decides it. Views ask here; none decides by itself.

For an assessment and a user the rules give four rights: view it, edit it (answer and change),
submit it, and export its report. For a partnership they say who may see it, who runs it and
who may sign off. The rules are pure functions over plain values (``Standing`` and ids), so they
are tested with tables of cases; the helpers below fetch an object and apply them:

- someone with no right to view gets 404, not 403, so an outsider cannot learn that a council's,
  a partnership's or an assessment's page exists;
- someone who may view but not do what they asked (a partner reading a submitted joint
  assessment, an administrator) gets 403, and nothing changes.

The rules, per step:

- Self assessment: members of the council view, edit, submit and export.
- Joint assessment (a council's answers within a partnership): members of that council view,
  edit and submit, and read its private notes, while the council is a member. Members of the
  partnership's other councils view it once it is submitted, read-only. The partnership's report
  is made from several councils' answers, so no single council's joint assessment is exported on
  its own. Only councils that have accepted their invitation are members: a council invited,
  declined, removed or gone sees nothing of the partnership's work.
- Design (the partnership's business case): members of the partnership's councils view, edit,
  submit and export.
- Administrators (staff) view everything and may export. They change no council's answers: answers,
  private notes and sign-offs are read-only in Django admin too (toolkit/admin.py, ReadOnlyAdmin).

Programme-manager actions check the membership role: running a partnership (inviting and
removing councils) is for the lead council's programme managers; answering an invitation is
for the invited council's; leaving is for a member council's (the lead cannot leave); signing
off is for each member council's; making the partnership's export pack (every report in one
ZIP) is for each member council's, and the pack holds a council's readiness summary only for
those who may export it.

The history of an assessment's answers (who changed what, when, from what to what) is for the
programme managers of the council that answers it (of any of the partnership's councils, for a
business case) and administrators; others who may view the assessment get 403. Private notes'
history goes with the right to read the notes.

A report is made by a job (``toolkit.reports``): a single report's job is for whoever may export
that report; an export pack's for the programme manager who asked for it (and administrators);
readiness summaries of several councils, asked for in Django admin, for administrators.
"""

from dataclasses import dataclass, replace

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from toolkit.models import (
    Assessment,
    Council,
    Export,
    Invitation,
    Membership,
    Partnership,
    PartnershipMember,
    ReportJob,
    Step,
)


@dataclass(frozen=True)
class Standing:
    """A user's place: the councils they belong to, those they are programme manager of, and
    whether they administer the service."""

    councils: frozenset = frozenset()
    managed: frozenset = frozenset()
    is_admin: bool = False


@dataclass(frozen=True)
class Rights:
    view: bool = False
    edit: bool = False
    submit: bool = False
    export: bool = False
    private: bool = False  # read and write the answering council's private notes
    history: bool = False  # read the assessment's history of changes (may_see_history)


NONE = Rights()
MEMBER = Rights(view=True, edit=True, submit=True, export=True)
ADMIN = Rights(view=True, export=True)


def union(*rights: Rights) -> Rights:
    """The rights of someone with several standings (say, an administrator who is also a member)."""
    return Rights(*(any(getattr(r, name) for r in rights) for name in ("view", "edit", "submit", "export", "private", "history")))


# --- The rules (pure) ------------------------------------------------------------------------


def assessment_rights(who: Standing, *, step: str, council_id, partner_ids, submitted: bool) -> Rights:
    """What someone may do with one assessment.

    ``council_id`` is the answering council (None for a business case); ``partner_ids`` are the
    ids of the partnership's member councils (empty for a self assessment).
    """
    own = NONE
    if step == Step.SELF and council_id in who.councils:
        own = MEMBER
    elif step == Step.JOINT and council_id in partner_ids:
        if council_id in who.councils:
            own = Rights(view=True, edit=True, submit=True, private=True)
        elif submitted and who.councils & set(partner_ids):
            own = Rights(view=True)
    elif step == Step.DESIGN and who.councils & set(partner_ids):
        own = MEMBER
    return union(own, ADMIN) if who.is_admin else own


def council_rights(who: Standing, council_id) -> Rights:
    """What someone may do on a council's own pages (its steps, its reports)."""
    own = MEMBER if council_id in who.councils else NONE
    return union(own, ADMIN) if who.is_admin else own


@dataclass(frozen=True)
class PartnershipRights:
    view: bool = False  # its page, the comparison and the report, and their PDFs
    manage: bool = False  # invite councils, withdraw invitations, remove members
    sign_off: bool = False  # sign off the business case for one's council
    may_leave: frozenset = frozenset()  # the member councils this person may take out of it
    export_pack: bool = False  # make the export pack: every report one may export, in one ZIP


def partnership_rights(who: Standing, *, lead_id, member_ids) -> PartnershipRights:
    members = set(member_ids)
    return PartnershipRights(
        view=who.is_admin or bool(who.councils & members),
        manage=lead_id in who.managed and lead_id in members,
        sign_off=bool(who.managed & members),
        may_leave=frozenset((who.managed & members) - {lead_id}),
        export_pack=bool(who.managed & members),
    )


def report_job_rights(who: Standing, *, kind, requester: bool, subject: Rights | PartnershipRights) -> Rights:
    """What someone may do with a request for a report: see it and download what it made
    (``view``), and ask for it again when it failed (``export``). ``subject`` is their rights over
    what it is made from: the assessment, or the partnership (ignored for several councils)."""
    if kind == ReportJob.Kind.READINESS_BULK:
        return ADMIN if who.is_admin else NONE
    if kind == ReportJob.Kind.PACK:
        own = requester and subject.export_pack
        return Rights(view=own or who.is_admin, export=own)
    may = subject.export if isinstance(subject, Rights) else subject.view
    return Rights(view=may, export=may)


def may_see_history(who: Standing, *, step: str, council_id, partner_ids) -> bool:
    """Whether someone may read an assessment's history of changes (see the module's docstring)."""
    if who.is_admin:
        return True
    if step == Step.DESIGN:
        return bool(who.managed & set(partner_ids))
    # A joint assessment's council must still be a member, as for every other right over it.
    return council_id in who.managed and (step == Step.SELF or council_id in partner_ids)


def may_answer_invitation(who: Standing, council_id) -> bool:
    """Accepting or declining an invitation is for the invited council's programme managers."""
    return council_id in who.managed


# --- Fetching objects with the rules applied -------------------------------------------------


def standing(user) -> Standing:
    """The user's standing, read once per request (kept on the user object)."""
    if not user.is_authenticated:
        return Standing()
    cached = getattr(user, "_toolkit_standing", None)
    if cached is None:
        roles = list(Membership.objects.filter(user=user).values_list("council_id", "role"))
        cached = Standing(
            councils=frozenset(c for c, _ in roles),
            managed=frozenset(c for c, role in roles if role == Membership.Role.PROGRAMME_MANAGER),
            is_admin=user.is_staff,
        )
        user._toolkit_standing = cached
    return cached


REFUSED = {"history": "Only the programme managers of the council that answers it can read its history."}


def require(rights, action: str):
    """404 without the right to view; 403 without the right to do ``action``."""
    if not rights.view:
        raise Http404("Not found.")
    if action != "view" and not getattr(rights, action):
        raise PermissionDenied(REFUSED.get(action, "You may look at this but not change it."))


def partner_ids(partnership_id) -> set:
    if partnership_id is None:
        return set()
    return set(PartnershipMember.objects.filter(partnership_id=partnership_id).values_list("council_id", flat=True))


def rights_for_assessment(user, assessment: Assessment) -> Rights:
    who, members = standing(user), partner_ids(assessment.partnership_id)
    rights = assessment_rights(
        who, step=assessment.step_id, council_id=assessment.council_id, partner_ids=members, submitted=assessment.is_submitted
    )
    history = may_see_history(who, step=assessment.step_id, council_id=assessment.council_id, partner_ids=members)
    return replace(rights, history=rights.view and history)


def get_assessment(user, pk, action="view", queryset=None) -> tuple[Assessment, Rights]:
    """An assessment the user may act on, and their rights over it."""
    queryset = queryset if queryset is not None else Assessment.objects.all()
    assessment = get_object_or_404(
        queryset.select_related("questionnaire__step", "council", "partnership", "submitted_by"), pk=pk
    )
    rights = rights_for_assessment(user, assessment)
    require(rights, action)
    return assessment, rights


def get_council(user, slug, action="view") -> tuple[Council, Rights]:
    council = get_object_or_404(Council, slug=slug)
    rights = council_rights(standing(user), council.pk)
    require(rights, action)
    return council, rights


def rights_for_partnership(user, partnership: Partnership) -> PartnershipRights:
    return partnership_rights(standing(user), lead_id=partnership.lead_council_id, member_ids=partner_ids(partnership.pk))


def get_partnership(user, slug) -> tuple[Partnership, PartnershipRights]:
    partnership = get_object_or_404(Partnership.objects.select_related("lead_council"), slug=slug)
    rights = rights_for_partnership(user, partnership)
    if not rights.view:
        raise Http404("Not found.")
    return partnership, rights


def get_invitation(user, pk, answer=False) -> Invitation:
    """An invitation, for members of the invited council (404 to others); answering it is for
    its programme managers (403 to its officers)."""
    invitation = get_object_or_404(Invitation.objects.select_related("partnership__lead_council", "council", "invited_by"), pk=pk)
    who = standing(user)
    if invitation.council_id not in who.councils:
        raise Http404("Not found.")
    if answer and not may_answer_invitation(who, invitation.council_id):
        raise PermissionDenied("Only your council's programme managers can answer an invitation.")
    return invitation


def get_export(user, pk) -> Export:
    """An earlier export, for whoever may view its owner's reports: the council's members for a
    council's report, the member councils' for a partnership's, and administrators."""
    export = get_object_or_404(Export.objects.select_related("council", "partnership"), pk=pk)
    who = standing(user)
    if export.council_id is not None:
        allowed = council_rights(who, export.council_id).view
    else:
        allowed = partnership_rights(who, lead_id=None, member_ids=partner_ids(export.partnership_id)).view
    if not allowed:
        raise Http404("Not found.")
    return export


def may_export_council_reports(user, council_id) -> bool:
    """Whether the user may export a council's own reports (its readiness summaries)."""
    return council_rights(standing(user), council_id).export


def get_report_job(user, pk, action="view") -> tuple[ReportJob, Rights]:
    """A request for a report, and the user's rights over it: 404 to whoever may not see it, 403
    to whoever may see it but not ask for it again (``action="export"``)."""
    job = get_object_or_404(ReportJob.objects.select_related("assessment__council", "assessment__partnership", "partnership__lead_council", "export", "requested_by"), pk=pk)
    if job.assessment_id is not None:
        subject = rights_for_assessment(user, job.assessment)
    elif job.partnership_id is not None:
        subject = rights_for_partnership(user, job.partnership)
    else:
        subject = NONE
    rights = report_job_rights(standing(user), kind=job.kind, requester=user.is_authenticated and job.requested_by_id == user.pk, subject=subject)
    require(rights, action)
    return job, rights
