"""Where each council is on the journey: the statuses on the dashboard's task lists.

The rules are pure functions over plain values so they can be tested without a database;
``council_tasks`` gathers what they need in a fixed number of queries.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.urls import reverse

from toolkit.models import Assessment, Council, Membership, Partnership, Step


class Status:
    NOT_STARTED = "Not started"
    IN_PROGRESS = "In progress"
    COMPLETED = "Completed"
    CANNOT_START = "Cannot start yet"


def status_of(assessment_statuses) -> str:
    """One owner's status for one step, from the statuses of its assessments (any order).

    A new assessment started after a submitted one (say, a year on) puts the step back in
    progress until it too is submitted.
    """
    statuses = list(assessment_statuses)
    if not statuses:
        return Status.NOT_STARTED
    if Assessment.Status.IN_PROGRESS in statuses:
        return Status.IN_PROGRESS
    return Status.COMPLETED


def combine(statuses) -> str:
    """A council's status for a step it takes in several partnerships."""
    statuses = list(statuses)
    if not statuses:
        return Status.CANNOT_START
    if all(s == Status.COMPLETED for s in statuses):
        return Status.COMPLETED
    if all(s == Status.NOT_STARTED for s in statuses):
        return Status.NOT_STARTED
    return Status.IN_PROGRESS


def design_can_start(member_joint_statuses) -> bool:
    """The partners build the business case once every member has completed its joint assessment."""
    statuses = list(member_joint_statuses)
    return len(statuses) >= 2 and all(s == Status.COMPLETED for s in statuses)


@dataclass
class PartnershipProgress:
    partnership: Partnership
    joint: dict = field(default_factory=dict)  # council -> status
    design: str = Status.CANNOT_START

    @property
    def joint_complete(self):
        return design_can_start(self.joint.values())

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

    @property
    def self_url(self):
        return reverse("toolkit:self-assessment", args=[self.council.slug])


def partnership_progress(partnerships) -> dict[int, PartnershipProgress]:
    """Joint and design status for partnerships fetched with ``with_progress()``."""
    progress = {}
    for partnership in partnerships:
        by_owner = defaultdict(list)
        for assessment in partnership.assessments.all():
            by_owner[(assessment.questionnaire.step_id, assessment.council_id)].append(assessment.status)
        item = PartnershipProgress(partnership)
        for council in partnership.councils.all():
            item.joint[council] = status_of(by_owner[(Step.JOINT, council.id)])
        if item.joint_complete:
            item.design = status_of(by_owner[(Step.DESIGN, None)])
        progress[partnership.id] = item
    return progress


def with_progress(partnerships):
    """Prefetch what ``partnership_progress`` reads."""
    return partnerships.select_related("lead_council").prefetch_related(
        "councils",
        Prefetch("assessments", queryset=Assessment.objects.only("id", "status", "partnership_id", "council_id", "questionnaire__step_id").select_related("questionnaire")),
    )


def council_tasks(user) -> list[CouncilTasks]:
    """The dashboard's task list for each of the user's councils."""
    memberships = list(user.memberships.select_related("council"))
    councils = [m.council for m in memberships]
    self_statuses = defaultdict(list)
    for council_id, status in Assessment.objects.filter(
        council__in=councils, partnership__isnull=True
    ).values_list("council_id", "status"):
        self_statuses[council_id].append(status)

    partnerships = with_progress(Partnership.objects.filter(councils__in=councils).distinct())
    progress = partnership_progress(partnerships)

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
                design_status=combine(p.design for p in mine if p.joint_complete),
                partnerships=sorted(mine, key=lambda p: p.partnership.name),
            )
        )
    return tasks
