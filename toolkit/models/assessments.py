"""Assessments (one run through a step's questionnaire) and their answers."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from toolkit.models.councils import Council, Partnership
from toolkit.models.questions import Question, Questionnaire, Step

# Who owns an assessment of each step: (has a council, has a partnership).
OWNER_SHAPES = {
    Step.SELF: (True, False),
    Step.JOINT: (True, True),
    Step.DESIGN: (False, True),
}


def _owner_shape_condition():
    condition = Q()
    for step, (council, partnership) in OWNER_SHAPES.items():
        condition |= Q(step=step, council__isnull=not council, partnership__isnull=not partnership)
    return condition


class Assessment(models.Model):
    """One run through a step's questionnaire.

    Self assessments belong to a council; joint assessments to a council within a
    partnership (each member answers for itself); the design step (the business case) to a
    partnership as a whole. The database holds these shapes, and at most one assessment in
    progress per owner and step.
    """

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted"
        AWAITING_SIGN_OFF = "awaiting_sign_off", "Awaiting sign-off"
        SIGNED_OFF = "signed_off", "Signed off"

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="assessments")
    # The questionnaire's step, kept here so the database can check the owner's shape per step.
    step = models.ForeignKey(Step, on_delete=models.PROTECT, related_name="assessments", editable=False)
    council = models.ForeignKey(Council, on_delete=models.CASCADE, null=True, blank=True, related_name="assessments")
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, null=True, blank=True, related_name="assessments"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    # The pages saved at least once. Starting values from other assessments are offered only on
    # pages never saved, so an answer an officer cleared stays clear.
    sections_saved = models.JSONField(default=list, blank=True, editable=False)
    # Who last saved each page of rows and when ({slug: {"at": ISO time, "by": user id}}), so a
    # later save is warned of rows someone else removed as well as rows they changed.
    pages_saved = models.JSONField(default=dict, blank=True, editable=False)
    # A business case's revision: the database moves it on, in the same transaction, with any
    # change to the business case's answers, rows, sign-offs, status or partners (the triggers
    # of migration 0015), so a page kept under it is never shown after a change. The database
    # keeps it rising whatever a save writes here; nothing in the app sets it.
    revision = models.PositiveBigIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.CheckConstraint(condition=_owner_shape_condition(), name="assessment_owner_fits_step"),
            models.UniqueConstraint(
                fields=["council"], condition=Q(step=Step.SELF, status="in_progress"), name="one_self_assessment_in_progress"
            ),
            models.UniqueConstraint(
                fields=["council", "partnership"],
                condition=Q(step=Step.JOINT, status="in_progress"),
                name="one_joint_assessment_in_progress",
            ),
            # A partnership's business case is changed by reopening it, never replaced (steps.StepKind.one_per_owner).
            models.UniqueConstraint(fields=["partnership"], condition=Q(step=Step.DESIGN), name="one_business_case_per_partnership"),
        ]

    def __str__(self):
        within = f" in {self.partnership}" if self.council and self.partnership else ""
        return f"{self.questionnaire.step.name} for {self.owner}{within} (started {self.started_at:%d %B %Y})"

    def save(self, *args, **kwargs):
        self.step_id = self.questionnaire.step_id
        super().save(*args, **kwargs)

    @property
    def is_submitted(self):
        """Submitted (or further on): the answers are fixed."""
        return self.status != self.Status.IN_PROGRESS

    @property
    def owner(self):
        """Who answers: the council (self and joint assessments) or else the partnership."""
        return self.council or self.partnership

    def clean(self):
        step = self.questionnaire.step_id if self.questionnaire_id else None
        if step in OWNER_SHAPES and OWNER_SHAPES[step] != (bool(self.council_id), bool(self.partnership_id)):
            raise ValidationError(
                "A self assessment belongs to a council, a joint assessment to a council within a "
                "partnership, and a business case to a partnership."
            )


class Answer(models.Model):
    """One answered question. ``value`` holds an option value, a list of them, a number or text."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.JSONField(null=True, blank=True)
    comment = models.TextField(blank=True, help_text="The officer's comment or evidence.")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["question__section__position", "question__position"]
        constraints = [models.UniqueConstraint(fields=["assessment", "question"], name="one_answer_per_question")]

    def __str__(self):
        return f"{self.question.key}: {self.value!r}"


class PrivateNote(models.Model):
    """A council's note on one of its joint-assessment answers, for its own officers only.

    Kept apart from the answers, so no page, export or PDF that partners can see ever reads it.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="private_notes")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "question"], name="one_private_note_per_question")]

    def __str__(self):
        return f"Private note on {self.question.key}"
