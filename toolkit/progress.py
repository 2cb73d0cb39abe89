"""Where each council is on the journey: the statuses on the dashboard's task lists.

The rules are pure functions over plain values so they can be tested without a database;
``council_tasks`` gathers what they need in a fixed number of queries.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import reverse

from toolkit import steps
from toolkit.models import Assessment, Council, Invitation, Membership, Partnership, ProceedDecision, Step


class Status:
    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    COMPLETED = "Completed"
    CANNOT_START = "Cannot start yet"
    AWAITING_SIGN_OFF = "Awaiting sign-off"
    SIGNED_OFF = "Signed off"


# Finished with: nothing more to do for this owner and step.
DONE = {Status.COMPLETED, Status.SIGNED_OFF}


def status_of(assessment_statuses) -> str:
    """One owner's status for one step, from the statuses of its assessments (any order).

    A new assessment started after a submitted one (say, a year on) puts the step back in
    progress until it too is submitted; one waiting for sign-off comes before one signed off.
    """
    statuses = set(assessment_statuses)
    for status, shown in [
        (Assessment.Status.IN_PROGRESS, Status.IN_PROGRESS),
        (Assessment.Status.AWAITING_SIGN_OFF, Status.AWAITING_SIGN_OFF),
        (Assessment.Status.SIGNED_OFF, Status.SIGNED_OFF),
        (Assessment.Status.SUBMITTED, Status.COMPLETED),
    ]:
        if status in statuses:
            return shown
    return Status.NOT_STARTED


def combine(statuses) -> str:
    """A council's status for a step it takes in several partnerships."""
    distinct = set(statuses)
    if not distinct:
        return Status.CANNOT_START
    if len(distinct) == 1:
        return distinct.pop()
    if distinct <= DONE:
        return Status.COMPLETED
    if distinct <= DONE | {Status.AWAITING_SIGN_OFF}:
        return Status.AWAITING_SIGN_OFF
    return Status.IN_PROGRESS


CONFLICT = "Conflict"  # the compatibility verdict that holds the business case back


def design_can_start(member_joint_statuses, verdict="", proceeding=False) -> bool:
    """The partners build the business case once at least two members have completed their
    joint assessments and those are not in conflict, unless the lead council's programme
    manager has recorded why the partners go ahead anyway."""
    completed = sum(1 for s in member_joint_statuses if s in DONE)
    return completed >= 2 and (verdict != CONFLICT or proceeding)


def why_design_cannot_start(member_joint_statuses, verdict="") -> str:
    if sum(1 for s in member_joint_statuses if s in DONE) < 2:
        return "The business case can start once two partner councils have completed their joint assessments."
    return (
        "The partners' joint assessments are in conflict. Resolve the conflicts first (a council can start a new "
        "joint assessment), or the lead council's programme manager can record why the partners go ahead anyway."
    )


@dataclass
class PartnershipProgress:
    partnership: Partnership
    joint: dict = field(default_factory=dict)  # council -> status
    design: str = Status.CANNOT_START
    has_business_case: bool = False

    @property
    def design_open(self):
        """Whether the business case can be seen or started: once started it stays in view, even
        when a partner starts a new joint assessment meanwhile."""
        return self.has_business_case or self.joint_complete

    @property
    def joint_complete(self):
        """Whether the business case can start (see ``design_can_start``)."""
        partnership = self.partnership
        return design_can_start(self.joint.values(), partnership.joint_verdict, bool(partnership.proceed_decisions.all()))

    @property
    def joint_completed_count(self):
        return sum(1 for status in self.joint.values() if status == Status.COMPLETED)


@dataclass
class CouncilTasks:
    council: Council
    role: str
    is_programme_manager: bool
    self_status: str
    joint_status: str
    design_status: str
    partnerships: list
    invitations: list = field(default_factory=list)  # waiting for this council's answer

    @property
    def self_url(self):
        return reverse("toolkit:self-assessment", args=[self.council.slug])

    @property
    def joint_url(self):
        """The council's joint assessments, once it is in a partnership."""
        return reverse("toolkit:joint-assessment", args=[self.council.slug]) if self.partnerships else None

    @property
    def design_url(self):
        """The council's business cases, once one of its partnerships can start one, or once the
        council, as lead, may record why its partners go ahead despite a conflict (the page says how)."""
        if any(p.design_open or self.decides_despite_conflict(p) for p in self.partnerships):
            return reverse("toolkit:design", args=[self.council.slug])
        return None

    def decides_despite_conflict(self, progress) -> bool:
        partnership = progress.partnership
        return partnership.lead_council_id == self.council.id and partnership.joint_verdict == CONFLICT and progress.joint_completed_count >= 2


def partnership_progress(partnerships) -> dict[int, PartnershipProgress]:
    """Joint and design status for partnerships fetched with ``with_progress()``."""
    progress = {}
    for partnership in partnerships:
        by_owner = defaultdict(list)
        for assessment in partnership.assessments.all():
            by_owner[(assessment.step_id, assessment.council_id)].append(assessment.status)
        item = PartnershipProgress(partnership)
        for council in partnership.councils.all():
            item.joint[council] = status_of(by_owner[(Step.JOINT, council.id)])
        item.has_business_case = bool(by_owner[(Step.DESIGN, None)])
        if item.design_open:
            item.design = status_of(by_owner[(Step.DESIGN, None)])
        progress[partnership.id] = item
    return progress


def progress_lookups(*assessment_fields) -> list:
    """What ``partnership_progress`` reads, as prefetch lookups: the members, the decisions to go
    ahead (with who made them, which pages show) and each assessment's status, with
    ``assessment_fields`` besides."""
    fields = ("id", "status", "partnership_id", "council_id", "step_id", *assessment_fields)
    return [
        "councils",
        Prefetch("proceed_decisions", queryset=ProceedDecision.objects.select_related("by")),
        Prefetch("assessments", queryset=Assessment.objects.only(*fields)),
    ]


def with_progress(partnerships):
    """Prefetch what ``partnership_progress`` reads."""
    return partnerships.select_related("lead_council").prefetch_related(*progress_lookups())


def council_tasks(user) -> list[CouncilTasks]:
    """The dashboard's task list for each of the user's councils."""
    memberships = list(user.memberships.select_related("council"))
    councils = [m.council for m in memberships]
    self_statuses = defaultdict(list)
    for council_id, status in Assessment.objects.filter(
        council__in=councils, step=Step.SELF
    ).values_list("council_id", "status"):
        self_statuses[council_id].append(status)

    partnerships = with_progress(Partnership.objects.filter(councils__in=councils).distinct())
    progress = partnership_progress(partnerships)
    invitations = defaultdict(list)
    for invitation in Invitation.objects.filter(council__in=councils, status=Invitation.Status.PENDING).select_related(
        "partnership__lead_council", "invited_by"
    ):
        invitations[invitation.council_id].append(invitation)

    tasks = []
    for membership in memberships:
        council = membership.council
        mine = [p for p in progress.values() if council in p.joint]
        tasks.append(
            CouncilTasks(
                council=council,
                role=membership.get_role_display(),
                is_programme_manager=membership.role == Membership.Role.PROGRAMME_MANAGER,
                self_status=status_of(self_statuses[council.id]),
                joint_status=combine(p.joint[council] for p in mine),
                design_status=combine(p.design for p in mine if p.design_open),
                partnerships=sorted(mine, key=lambda p: p.partnership.name),
                invitations=invitations[council.id],
            )
        )
    return tasks


@dataclass
class OwnerRow:
    """One owner's assessments of a step, as a council's page for the step lists them."""

    partnership: Partnership | None
    in_progress: Assessment | None
    submitted: list
    current: Assessment | None = None  # in progress, or the business case whatever its status
    can_start: bool = True
    reason: str = ""
    report_url: str = ""  # the partnership's report, once there is one to see


def step_rows(step: str, council: Council) -> list[OwnerRow]:
    """A council's assessments of a step, by owner: the council itself (self assessment), the
    council in each of its partnerships (joint assessment), or each partnership (design)."""
    assessments = Assessment.objects.filter(step=step).select_related("questionnaire", "started_by", "submitted_by")
    if step == Step.SELF:
        owners = [None]
        assessments = assessments.filter(council=council)
    else:
        owners = list(with_progress(council.partnerships.order_by("name")))
        if step == Step.JOINT:
            assessments = assessments.filter(council=council, partnership__in=owners)
        else:
            assessments = assessments.filter(partnership__in=owners)
    by_owner = defaultdict(list)
    for assessment in assessments.order_by("-started_at"):
        by_owner[assessment.partnership_id].append(assessment)
    progress = partnership_progress(owners) if step != Step.SELF else {}
    rows = []
    for owner in owners:
        found = by_owner[owner.pk if owner else None]
        row = OwnerRow(
            partnership=owner,
            in_progress=next((a for a in found if not a.is_submitted), None),
            submitted=[a for a in found if a.is_submitted],
        )
        if found and steps.get(step).one_per_owner:
            row.current, row.submitted = found[0], [a for a in found[1:] if a.is_submitted]
        else:
            row.current = row.in_progress
        if step == Step.DESIGN and not progress[owner.pk].joint_complete:
            row.can_start = False
            row.reason = why_design_cannot_start(progress[owner.pk].joint.values(), owner.joint_verdict)
        if step == Step.JOINT and progress[owner.pk].joint_completed_count >= 2:
            row.report_url = reverse("toolkit:partnership-report", args=[owner.slug])
        rows.append(row)
    return rows
