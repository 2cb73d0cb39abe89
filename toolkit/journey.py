"""Starting, resuming and submitting an assessment of any step, for any owner."""

from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from toolkit import questionnaires, steps
from toolkit.answers import AnswerSheet, start_assessment
from toolkit.models import Assessment, Council, Partnership, PartnershipMember, Step


class CannotStart(Exception):
    """The step has no published questionnaire, so nothing can be started."""


def lock_owner(step: str, council=None, partnership=None):
    """Lock the owner's row, so two officers pressing "Start" at once make one assessment."""
    if step == Step.SELF:
        Council.objects.select_for_update().get(pk=council.pk)
    elif step == Step.JOINT:
        PartnershipMember.objects.select_for_update().get(partnership=partnership, council=council)
    else:
        Partnership.objects.select_for_update().get(pk=partnership.pk)


def in_progress(step: str, council=None, partnership=None):
    return Assessment.objects.filter(
        step=step, council=council, partnership=partnership, status=Assessment.Status.IN_PROGRESS
    ).first()


def questionnaire_for(step: str, partnership=None):
    """The version a new assessment answers: for a joint assessment the partnership's, so that
    every member answers the same one (recorded on first use); otherwise the published one."""
    if step != Step.JOINT:
        return questionnaires.published(step)
    if partnership.joint_questionnaire_id is None:
        partnership.joint_questionnaire = questionnaires.published(step)
        partnership.save(update_fields=["joint_questionnaire"])
    return partnership.joint_questionnaire


def current(step: str, council=None, partnership=None):
    """What the owner works on: the assessment in progress, or for a step whose owner keeps one
    (the business case) that one, whatever its status."""
    if not steps.get(step).one_per_owner:
        return in_progress(step, council, partnership)
    return Assessment.objects.filter(step=step, council=council, partnership=partnership).order_by("-started_at").first()


def start_or_resume(step: str, user, *, council=None, partnership=None) -> tuple[Assessment, bool]:
    """The owner's current assessment for the step, or a new one carrying the answers of the
    owner's latest by question key. Returns (assessment, whether it was started now)."""
    with transaction.atomic():
        lock_owner(step, council, partnership)
        existing = current(step, council, partnership)
        if existing is not None:
            return existing, False
        questionnaire = questionnaire_for(step, partnership)
        if questionnaire is None:
            raise CannotStart(f"No questionnaire is published for the {Step.objects.get(pk=step).name.lower()}.")
        return start_assessment(questionnaire, user, council=council, partnership=partnership), True


class SubmitOutcome:
    SUBMITTED = "submitted"
    ALREADY = "already submitted"
    INCOMPLETE = "incomplete"


def submit(assessment: Assessment, user) -> str:
    """Fix the answers of a complete assessment. Returns one of ``SubmitOutcome``."""
    with transaction.atomic():
        locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if locked.is_submitted:
            return SubmitOutcome.ALREADY
        if not AnswerSheet(assessment).is_complete():
            return SubmitOutcome.INCOMPLETE
        locked.status = steps.get(locked.step_id).submitted_status
        locked.submitted_by = user
        locked.submitted_at = timezone.now()
        locked.save(update_fields=["status", "submitted_by", "submitted_at"])
    assessment.refresh_from_db(fields=["status", "submitted_by", "submitted_at"])
    kind = steps.get(assessment.step_id)
    if kind.after_submit:
        import_string(kind.after_submit)(assessment)
    return SubmitOutcome.SUBMITTED
