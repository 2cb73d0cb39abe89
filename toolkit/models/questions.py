"""The question bank: the three steps, themes, and versioned questionnaires of sections,
questions and options.

Questionnaires are versioned rows so admins can change questions without a deploy; answers
point at the question of the version they were given against, and carry over to a new version
by the question's stable ``key``.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from toolkit.models.sources import Source


class Step(models.Model):
    """One of the three steps of the journey. The primary key is the code used in URLs."""

    SELF = "self"
    JOINT = "joint"
    DESIGN = "design"

    code = models.SlugField(primary_key=True, max_length=10)
    name = models.CharField(max_length=60)
    number = models.PositiveSmallIntegerField(unique=True)
    question = models.CharField(max_length=200, help_text="The question this step answers, in the words of the toolkit.")
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["number"]

    def __str__(self):
        return f"Step {self.number}: {self.name}"


class Theme(models.Model):
    """A topic that questions are scored by and that content is signposted by."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=80)
    description = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Questionnaire(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        RETIRED = "retired", "Retired"

    step = models.ForeignKey(Step, on_delete=models.PROTECT, related_name="questionnaires")
    version = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    title = models.CharField(max_length=160)
    introduction = models.TextField(blank=True)
    # Band thresholds live here, not in code, so an admin can tune them per version.
    ready_threshold = models.PositiveSmallIntegerField(
        default=70,
        validators=[MaxValueValidator(100)],
        help_text="Overall score (0 to 100) at or above which the verdict is the best band.",
    )
    nearly_threshold = models.PositiveSmallIntegerField(
        default=45,
        validators=[MaxValueValidator(100)],
        help_text="Overall score at or above which the verdict is the middle band.",
    )
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["step__number", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["step", "version"], name="one_version_number_per_step"),
            models.UniqueConstraint(
                fields=["step"], condition=models.Q(status="published"), name="one_published_questionnaire_per_step"
            ),
        ]

    def __str__(self):
        return f"{self.title} (version {self.version}, {self.get_status_display().lower()})"

    def clean(self):
        if self.nearly_threshold > self.ready_threshold:
            raise ValidationError({"nearly_threshold": "The middle band must start at or below the top band."})


class Section(models.Model):
    """A page of a wizard: one topic per page.

    Most pages ask questions. A business case also has pages whose answers are rows of their
    own (options, risks, milestones, financial figures, the gate): their ``kind`` says which, and
    the step's own code supplies the page (``toolkit.steps``)."""

    class Kind(models.TextChoices):
        QUESTIONS = "questions", "Questions"
        OPTIONS = "options", "Options shortlist (business as usual, do minimum and others)"
        PARTNER_FIGURES = "partner-figures", "Financial case: each partner's figures and the assumptions"
        SETUP_COSTS = "setup-costs", "Financial case: set-up costs"
        SAVINGS = "savings", "Financial case: savings and income by year"
        MILESTONES = "milestones", "Project plan: milestones"
        RISKS = "risks", "Risks and contingency"
        GATE = "gate", "Don't proceed without: the five items"

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.QUESTIONS)
    position = models.PositiveSmallIntegerField(default=0)
    slug = models.SlugField(help_text="Used in the page address; unique within the questionnaire.")
    title = models.CharField(max_length=160)
    guidance = models.TextField(blank=True, help_text="Shown at the top of the page. Plain text; blank lines start paragraphs.")
    source = models.CharField(max_length=40, choices=Source.choices, blank=True)

    class Meta:
        ordering = ["questionnaire", "position"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "slug"], name="section_slug_unique_in_questionnaire")]

    def __str__(self):
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        YES_NO = "yes_no", "Yes or no"
        YES_PARTLY_NO = "yes_partly_no", "Yes, partly or no"
        AGREEMENT = "agreement", "Agreement scale (five points)"
        SINGLE = "single", "Single choice"
        MULTIPLE = "multiple", "Multiple choice"
        NUMBER = "number", "Whole number"
        MONEY = "money", "Money (pounds)"
        PERCENTAGE = "percentage", "Percentage"
        DATE = "date", "Date"
        TEXT = "text", "Short text"
        LONG_TEXT = "long_text", "Long text"

    class Comparison(models.TextChoices):
        """How partners' answers to this question are compared in the joint assessment."""

        MUST_MATCH = "match", "Must match (a difference is a conflict)"
        MAY_DIFFER = "differ", "May differ (shown, never a conflict)"
        TOLERANCE = "tolerance", "Numbers within a tolerance"
        MONTHS = "months", "Dates within a number of months"
        OVERLAP = "overlap", "Overlap: what one includes, another will never share"
        NONE = "none", "Not compared (shown side by side)"

    CHOICE_KINDS = {Kind.YES_NO, Kind.YES_PARTLY_NO, Kind.AGREEMENT, Kind.SINGLE, Kind.MULTIPLE}
    FIGURE_KINDS = {Kind.NUMBER, Kind.MONEY, Kind.PERCENTAGE}

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    # The section's questionnaire, kept here so the database can hold keys unique within a
    # questionnaire: answers are carried over and compared by key across the whole of it.
    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="questions", editable=False)
    position = models.PositiveSmallIntegerField(default=0)
    key = models.SlugField(
        max_length=80,
        help_text="Stable identifier, unique within the questionnaire and kept across versions, so answers carry over to a new version.",
    )
    text = models.CharField(max_length=300)
    hint = models.TextField(blank=True, help_text="Shown under the question.")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    required = models.BooleanField(default=True)
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="questions")
    weight = models.PositiveSmallIntegerField(default=1, help_text="How much this question counts in its theme's score. 0 means not scored.")
    is_gate = models.BooleanField(default=False, help_text="A gate question: a 'No' caps the verdict at the lowest band.")
    show_when_question = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependants",
        help_text="Show this question only when that earlier question…",
    )
    show_when_value = models.CharField(
        max_length=200,
        blank=True,
        help_text="…has one of these option values, separated by commas (for example: no,partly).",
    )
    min_value = models.IntegerField(null=True, blank=True, help_text="For numbers, money and percentages.")
    max_value = models.IntegerField(null=True, blank=True, help_text="For numbers, money and percentages.")
    max_length = models.PositiveIntegerField(null=True, blank=True, help_text="For text; a sensible default applies when blank.")
    source = models.CharField(max_length=40, choices=Source.choices)
    comparison = models.CharField(
        max_length=20,
        choices=Comparison.choices,
        default=Comparison.NONE,
        help_text="How partners' answers are compared in the joint assessment.",
    )
    tolerance = models.DecimalField(
        max_digits=14, decimal_places=2, null=True, blank=True, help_text="For numbers within a tolerance: how far apart answers may be."
    )
    tolerance_is_percent = models.BooleanField(default=False, help_text="The tolerance is a percentage of the largest answer.")
    months = models.PositiveSmallIntegerField(null=True, blank=True, help_text="For dates: how many months apart answers may be.")
    excluded_by = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="For overlap: the question where a partner lists what it will never share (with the same options).",
    )

    class Meta:
        ordering = ["section__position", "position"]
        constraints = [models.UniqueConstraint(fields=["questionnaire", "key"], name="question_key_unique_in_questionnaire")]

    def __str__(self):
        return self.text

    def save(self, *args, **kwargs):
        if self.section_id is not None:
            self.questionnaire_id = self.section.questionnaire_id
        super().save(*args, **kwargs)

    @property
    def is_choice(self):
        return self.kind in self.CHOICE_KINDS

    @property
    def show_when_values(self) -> tuple:
        """The controlling question's answers that show this one."""
        return tuple(v.strip() for v in self.show_when_value.split(",") if v.strip())

    def clean(self):
        if self.is_gate and self.kind != self.Kind.YES_NO:
            raise ValidationError({"is_gate": "A gate question must be a yes or no question."})
        if bool(self.show_when_question_id) != bool(self.show_when_value):
            raise ValidationError({"show_when_value": "Give both the question and the answer it must have, or neither."})
        if self.section_id and self.key:
            clash = Question.objects.filter(section__questionnaire=self.section.questionnaire_id, key=self.key).exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError({"key": "Another question of this questionnaire has this key. Keys must be unique within a questionnaire."})
        if self.show_when_question_id and self.section_id:
            other = self.show_when_question
            if other.section.questionnaire_id != self.section.questionnaire_id:
                raise ValidationError({"show_when_question": "Choose a question from the same questionnaire."})
            if (other.section.position, other.position) >= (self.section.position, self.position):
                raise ValidationError({"show_when_question": "Choose a question that comes earlier."})
            unknown = [v for v in self.show_when_values if not other.options.filter(value=v).exists()]
            if unknown:
                raise ValidationError({"show_when_value": f"‘{other.text}’ has no option {', '.join(unknown)}."})
        self.clean_comparison()

    def clean_comparison(self):
        """Each way of comparing fits some kinds of question and needs its settings."""
        C = self.Comparison
        fits = {
            C.MUST_MATCH: self.is_choice,
            C.MAY_DIFFER: self.is_choice or self.kind in self.FIGURE_KINDS or self.kind == self.Kind.DATE,
            C.TOLERANCE: self.kind in self.FIGURE_KINDS,
            C.MONTHS: self.kind == self.Kind.DATE,
            C.OVERLAP: self.kind == self.Kind.MULTIPLE,
            C.NONE: True,
        }
        if not fits.get(self.comparison, True):
            raise ValidationError({"comparison": f"‘{self.get_comparison_display()}’ does not fit a question of the kind ‘{self.get_kind_display()}’."})
        # Not tied to their fields: a section's page edits questions without these settings.
        if self.comparison == C.TOLERANCE and self.tolerance is None:
            raise ValidationError("Give the tolerance: how far apart answers may be.")
        if self.comparison == C.MONTHS and self.months is None:
            raise ValidationError("Give how many months apart the dates may be.")
        if self.comparison == C.OVERLAP:
            other = self.excluded_by
            if other is None:
                raise ValidationError("For overlap, choose the question where partners list what they will never share.")
            if other.kind != self.Kind.MULTIPLE or other.section.questionnaire_id != self.section.questionnaire_id:
                raise ValidationError("For overlap, choose a multiple-choice question of the same questionnaire.")


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(default=0)
    value = models.SlugField(max_length=80, help_text="Stored with the answer; keep it stable across versions.")
    label = models.CharField(max_length=200)
    score = models.PositiveSmallIntegerField(validators=[MinValueValidator(0), MaxValueValidator(100)], default=0)
    fits_any = models.BooleanField(
        default=False,
        help_text="This answer fits any other partner's (for example 'Not decided' or 'Either'): a difference with it is worth a conversation, never a conflict.",
    )

    class Meta:
        ordering = ["question", "position"]
        constraints = [models.UniqueConstraint(fields=["question", "value"], name="option_value_unique_in_question")]

    def __str__(self):
        return self.label
