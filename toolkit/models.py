"""The toolkit's data: councils and partnerships, the question bank, answers, and the
signposting content (tips, lessons, checklists, tools, reading, experts, case studies).

Questionnaires are versioned rows so admins can change questions without a deploy; answers
point at the question of the version they were given against, and carry over to a new version
by the question's stable ``key``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone


class Source(models.TextChoices):
    """The source documents every question and content item cites."""

    MERTON = "000_89f19df402329646.txt", "Building a Shared Service Toolkit (London Borough of Merton)"
    SUTTON = "001_7a5597624470dbfa.txt", "The Shared Service Pyramid (London Borough of Sutton)"
    LGA = "002_3629ed7e1db573a4.txt", "Shared services and management: a guide for councils (Local Government Group)"
    WEST_MIDLANDS = "003_ad2021519356bd22.txt", "Developing and Implementing Shared Services Across the West Midlands"
    IES = "004_69d23a5f6650a130.txt", "Back Office Efficiency: Shared Services Case Studies (Institute for Employment Studies)"


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


class Council(models.Model):
    class Kind(models.TextChoices):
        DISTRICT = "district", "District council"
        COUNTY = "county", "County council"
        UNITARY = "unitary", "Unitary authority"
        LONDON_BOROUGH = "london_borough", "London borough"
        METROPOLITAN_BOROUGH = "metropolitan_borough", "Metropolitan borough"
        OTHER = "other", "Other public body (police, fire, NHS and others)"

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(unique=True)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    region = models.CharField(max_length=60, blank=True)
    population = models.PositiveIntegerField(null=True, blank=True, help_text="Optional; used to apportion costs by population.")
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, through="Membership", related_name="councils")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A user's place in a council. Admins create these: there is no self-registration."""

    class Role(models.TextChoices):
        OFFICER = "officer", "Officer"
        PROGRAMME_MANAGER = "programme_manager", "Programme manager"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices, default=Role.OFFICER)

    class Meta:
        ordering = ["council__name", "user__username"]
        constraints = [models.UniqueConstraint(fields=["user", "council"], name="one_membership_per_council")]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.council})"


class Partnership(models.Model):
    class Status(models.TextChoices):
        FORMING = "forming", "Forming"
        ACTIVE = "active", "Active"
        CLOSED = "closed", "Closed"

    name = models.CharField(max_length=160, unique=True)
    slug = models.SlugField(unique=True)
    description = models.TextField(blank=True)
    lead_council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="led_partnerships")
    councils = models.ManyToManyField(Council, through="PartnershipMember", related_name="partnerships")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.FORMING)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("toolkit:partnership", args=[self.slug])


class PartnershipMember(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="memberships")
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="partnership_memberships")
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["council__name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "council"], name="council_once_per_partnership")]

    def __str__(self):
        return f"{self.council} in {self.partnership}"


# --- The question bank -------------------------------------------------------------------


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
    """A page of a wizard: one topic per page."""

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.CASCADE, related_name="sections")
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

    CHOICE_KINDS = {Kind.YES_NO, Kind.YES_PARTLY_NO, Kind.AGREEMENT, Kind.SINGLE, Kind.MULTIPLE}

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    key = models.SlugField(
        max_length=80, help_text="Stable identifier kept across versions, so answers carry over to a new version."
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
    show_when_value = models.CharField(max_length=80, blank=True, help_text="…has this option value.")
    min_value = models.IntegerField(null=True, blank=True, help_text="For numbers, money and percentages.")
    max_value = models.IntegerField(null=True, blank=True, help_text="For numbers, money and percentages.")
    max_length = models.PositiveIntegerField(null=True, blank=True, help_text="For text; a sensible default applies when blank.")
    source = models.CharField(max_length=40, choices=Source.choices)

    class Meta:
        ordering = ["section__position", "position"]
        constraints = [models.UniqueConstraint(fields=["section", "key"], name="question_key_unique_in_section")]

    def __str__(self):
        return self.text

    @property
    def is_choice(self):
        return self.kind in self.CHOICE_KINDS

    def clean(self):
        if self.is_gate and self.kind != self.Kind.YES_NO:
            raise ValidationError({"is_gate": "A gate question must be a yes or no question."})
        if bool(self.show_when_question_id) != bool(self.show_when_value):
            raise ValidationError({"show_when_value": "Give both the question and the answer it must have, or neither."})
        if self.show_when_question_id and self.section_id:
            other = self.show_when_question
            if other.section.questionnaire_id != self.section.questionnaire_id:
                raise ValidationError({"show_when_question": "Choose a question from the same questionnaire."})
            if (other.section.position, other.position) >= (self.section.position, self.position):
                raise ValidationError({"show_when_question": "Choose a question that comes earlier."})


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(default=0)
    value = models.SlugField(max_length=80, help_text="Stored with the answer; keep it stable across versions.")
    label = models.CharField(max_length=200)
    score = models.PositiveSmallIntegerField(validators=[MinValueValidator(0), MaxValueValidator(100)], default=0)

    class Meta:
        ordering = ["question", "position"]
        constraints = [models.UniqueConstraint(fields=["question", "value"], name="option_value_unique_in_question")]

    def __str__(self):
        return self.label


# --- Answers -------------------------------------------------------------------------------


class Assessment(models.Model):
    """One run through a step's questionnaire.

    Self assessments belong to a council; joint assessments to a council within a
    partnership (each member answers for itself); the design step (the business case) to a
    partnership as a whole.
    """

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted"

    questionnaire = models.ForeignKey(Questionnaire, on_delete=models.PROTECT, related_name="assessments")
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

    class Meta:
        ordering = ["-started_at"]

    def __str__(self):
        within = f" in {self.partnership}" if self.council and self.partnership else ""
        return f"{self.questionnaire.step.name} for {self.owner}{within} (started {self.started_at:%d %B %Y})"

    @property
    def is_submitted(self):
        return self.status == self.Status.SUBMITTED

    @property
    def owner(self):
        """Who answers: the council (self and joint assessments) or else the partnership."""
        return self.council or self.partnership

    def clean(self):
        step = self.questionnaire.step_id if self.questionnaire_id else None
        owners = {
            Step.SELF: (True, False),
            Step.JOINT: (True, True),
            Step.DESIGN: (False, True),
        }
        if step in owners and owners[step] != (bool(self.council_id), bool(self.partnership_id)):
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


# --- Signposting content ------------------------------------------------------------------


class SignpostItem(models.Model):
    """Fields every piece of content shares, so reports can signpost it by step and theme."""

    steps = models.ManyToManyField(Step, related_name="%(class)s_items", blank=True)
    themes = models.ManyToManyField(Theme, related_name="%(class)s_items", blank=True)
    source = models.CharField(max_length=40, choices=Source.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ["position"]


class Guidance(SignpostItem):
    """Short items from the sources' lists: top tips, lessons learned, checklists."""

    class Kind(models.TextChoices):
        TIP = "tip", "Top tip"
        LESSON = "lesson", "Lesson learned"
        CHECKLIST = "checklist", "Checklist item"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    collection = models.CharField(
        max_length=120, help_text="The list this item belongs to, as the source names it, e.g. '10 top tips for managers'."
    )
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True, help_text="The item explained in the toolkit's own words.")

    class Meta(SignpostItem.Meta):
        ordering = ["collection", "position"]
        verbose_name_plural = "guidance"

    def __str__(self):
        return self.title


class KeyTool(SignpostItem):
    name = models.CharField(max_length=160)
    description = models.TextField()
    council = models.ForeignKey(
        Council, on_delete=models.SET_NULL, null=True, blank=True, help_text="The council that owns the tool, if any."
    )
    url = models.URLField(blank=True)

    class Meta(SignpostItem.Meta):
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Reading(SignpostItem):
    title = models.CharField(max_length=250)
    author = models.CharField(max_length=200, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    description = models.TextField(blank=True)
    url = models.URLField(blank=True)

    class Meta(SignpostItem.Meta):
        ordering = ["position", "title"]
        verbose_name_plural = "reading"

    def __str__(self):
        return self.title


class ExpertContact(SignpostItem):
    """Someone who has done it before. Contact details only where a source publishes them."""

    name = models.CharField(max_length=120)
    role = models.CharField(max_length=200, blank=True)
    council = models.ForeignKey(
        Council,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experts",
        help_text="The council they work for. Leave blank for experts any council may contact.",
    )
    organisation = models.CharField(max_length=200, blank=True, help_text="Where they work, when not a council here.")
    area = models.CharField(max_length=200, help_text="Area of expertise, e.g. 'HR (TUPE, restructures, recruitment)'.")
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)

    class Meta(SignpostItem.Meta):
        ordering = ["position", "name"]

    def __str__(self):
        return f"{self.name} ({self.area})"


class CaseStudy(SignpostItem):
    class Kind(models.TextChoices):
        ONE_SERVICE = "one_service", "One service"
        RANGE = "range", "A range of services"
        WHOLE_ORGANISATION = "whole_organisation", "Whole organisation"
        PROCUREMENT = "procurement", "Joint procurement"

    title = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    bodies = models.CharField(max_length=400, help_text="The councils or bodies involved.")
    services = models.CharField(max_length=300)
    kind = models.CharField(max_length=30, choices=Kind.choices, blank=True)
    delivery_model = models.CharField(max_length=200, blank=True)
    dates = models.CharField(max_length=120, blank=True, help_text="When it started or ran, as the source gives it.")
    investment = models.CharField(max_length=300, blank=True, help_text="Set-up costs as published.")
    savings = models.CharField(max_length=400, blank=True, help_text="Savings as published.")
    summary = models.TextField()
    lessons = models.TextField(blank=True, help_text="What was learned.")

    class Meta(SignpostItem.Meta):
        ordering = ["position", "title"]
        verbose_name_plural = "case studies"

    def __str__(self):
        return self.title


# --- Exports ----------------------------------------------------------------------------------


def export_path(export, filename):
    return f"exports/{export.created_at:%Y/%m}/{filename}"


class Export(models.Model):
    """A PDF that someone made, kept so a report shown to a cabinet can be produced again."""

    class Kind(models.TextChoices):
        READINESS = "readiness", "Readiness summary"
        COMPATIBILITY = "compatibility", "Compatibility report"
        BUSINESS_CASE = "business_case", "Business-case outline"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, null=True, blank=True, related_name="exports")
    council = models.ForeignKey(Council, on_delete=models.CASCADE, null=True, blank=True, related_name="exports")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, null=True, blank=True, related_name="exports")
    questionnaire_version = models.PositiveSmallIntegerField()
    # The answers the report was made from, so it can be explained and reproduced later.
    answers = models.JSONField(default=dict)
    file = models.FileField(upload_to=export_path)
    size = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        owner = self.partnership or self.council
        return f"{self.get_kind_display()} for {owner}, {self.created_at:%d %B %Y %H:%M}"

    @property
    def filename(self):
        return self.file.name.rsplit("/", 1)[-1]
