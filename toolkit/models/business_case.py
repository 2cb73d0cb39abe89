"""A business case's own records, beside the answers to its questions: the options shortlist,
the financial model's inputs, milestones, risks, the "don't proceed without" gate and the
partners' sign-offs. Each belongs to the partnership's design assessment.

Money is stored as ``DecimalField`` to the penny, never as a float.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from toolkit.models.assessments import Assessment
from toolkit.models.councils import Council, Partnership

MONEY = {"max_digits": 14, "decimal_places": 2}


class Changed(models.Model):
    """Who last changed a row, and when: each page of the business case shows it."""

    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


class CaseOption(Changed):
    """An option on the economic case's shortlist."""

    class Kind(models.TextChoices):
        BUSINESS_AS_USUAL = "business-as-usual", "Business as usual"
        DO_MINIMUM = "do-minimum", "Do minimum"
        OTHER = "other", "Another option"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="case_options")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    name = models.CharField(max_length=160)
    description = models.TextField(blank=True)
    preferred = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


def default_discount_rate():
    """The site's Green Book rate (``settings.DISCOUNT_RATE``, a fraction) as a percentage."""
    return (Decimal(settings.DISCOUNT_RATE) * 100).quantize(Decimal("0.01"))


class FinancialSettings(Changed):
    """The financial model's assumptions, kept with the business case so a report made today
    gives the same figures next year, whatever the site's settings say then."""

    class Split(models.TextChoices):
        EQUAL = "equal", "Equal shares"
        POPULATION = "population", "By population"
        BASELINE = "baseline", "By share of the baseline cost"
        AGREED = "agreed", "By agreed percentages"

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="financial_settings")
    years = models.PositiveSmallIntegerField(default=5, validators=[MinValueValidator(1), MaxValueValidator(10)])
    discount_rate = models.DecimalField(max_digits=5, decimal_places=2, default=default_discount_rate, help_text="Per cent a year.")
    optimism_bias = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("0"), help_text="Per cent added to set-up costs.")
    setup_split = models.CharField(max_length=20, choices=Split.choices, default=Split.EQUAL)
    savings_split = models.CharField(max_length=20, choices=Split.choices, default=Split.EQUAL)
    threshold_percent = models.DecimalField(max_digits=5, decimal_places=2, default=Decimal("10"))
    threshold_year = models.PositiveSmallIntegerField(default=2)

    def __str__(self):
        return f"Financial assumptions of {self.assessment}"

    # How each split reads after "split" in a sentence: "split in equal shares".
    SPLIT_PHRASES = {"equal": "in equal shares", "population": "by population", "baseline": "by share of the baseline cost", "agreed": "by agreed percentages"}

    @property
    def setup_split_phrase(self):
        return self.SPLIT_PHRASES[self.setup_split]

    @property
    def savings_split_phrase(self):
        return self.SPLIT_PHRASES[self.savings_split]


class PartnerFigures(Changed):
    """One partner's figures: its baseline cost, population, agreed percentages and the end
    date of its main contract for the services."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="partner_figures")
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    baseline = models.DecimalField(null=True, blank=True, **MONEY)
    population = models.PositiveIntegerField(null=True, blank=True)
    agreed_setup_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    agreed_savings_percent = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    contract_end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["council__name"]
        constraints = [models.UniqueConstraint(fields=["assessment", "council"], name="one_set_of_figures_per_partner")]

    def __str__(self):
        return f"{self.council}'s figures"


class SetUpCost(Changed):
    class Category(models.TextChoices):
        REDUNDANCY = "redundancy", "Redundancy"
        IT = "it", "IT"
        PROCESS = "process", "Process change and transition"
        CONTRACT_EXIT = "contract-exit", "Contract exit"
        OTHER = "other", "Other"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="setup_costs")
    position = models.PositiveSmallIntegerField(default=0)
    category = models.CharField(max_length=20, choices=Category.choices)
    year = models.PositiveSmallIntegerField(help_text="0 is the first year.")
    amount = models.DecimalField(**MONEY)
    description = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["position", "pk"]


class SavingEstimate(Changed):
    class Source(models.TextChoices):
        STAFF = "staff", "Staff"
        PROCUREMENT = "procurement", "Procurement"
        IT = "it", "IT"
        ACCOMMODATION = "accommodation", "Accommodation"
        OTHER = "other", "Other"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="saving_estimates")
    source = models.CharField(max_length=20, choices=Source.choices)
    year = models.PositiveSmallIntegerField()
    amount = models.DecimalField(**MONEY)

    class Meta:
        ordering = ["year", "source"]
        constraints = [models.UniqueConstraint(fields=["assessment", "source", "year"], name="one_saving_per_source_and_year")]


class IncomeEstimate(Changed):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="income_estimates")
    year = models.PositiveSmallIntegerField()
    amount = models.DecimalField(**MONEY)

    class Meta:
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["assessment", "year"], name="one_income_per_year")]


class Milestone(Changed):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="milestones")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=200)
    due = models.DateField()
    owner = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["position", "pk"]


class Risk(Changed):
    class Level(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="risks")
    position = models.PositiveSmallIntegerField(default=0)
    description = models.CharField(max_length=300)
    likelihood = models.CharField(max_length=10, choices=Level.choices)
    impact = models.CharField(max_length=10, choices=Level.choices)
    mitigation = models.TextField(blank=True)
    owner = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["position", "pk"]


class GateItem(Changed):
    """One of the five things Merton's toolkit says not to proceed without."""

    class Item(models.TextChoices):
        STAFF_OWNERSHIP = "staff-ownership", "Staff ownership of the new service"
        BUSINESS_CASE = "business-case", "A business case with the benefits expected, signed off"
        SETUP_BUDGET = "setup-budget", "A set-up budget signed off by all parties"
        COMMUNICATIONS = "communications", "A communications plan"
        PROJECT_MANAGER = "project-manager", "A dedicated project manager"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="gate_items")
    item = models.CharField(max_length=30, choices=Item.choices)
    owner = models.CharField(max_length=120, blank=True)
    date = models.DateField(null=True, blank=True)
    evidence = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["assessment", "item"], name="one_gate_item_each")]


class SignOff(models.Model):
    """A member council's programme manager signing off the business case for their council.
    What they signed is fixed by a fingerprint of the content; a later change withdraws it."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="sign_offs")
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="+")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    name = models.CharField(max_length=120)
    capacity = models.CharField(max_length=120, help_text="For example chief executive, section 151 officer, leader.")
    signed_at = models.DateTimeField(default=timezone.now)
    fingerprint = models.CharField(max_length=64)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    withdrawn_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["signed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "council"], condition=models.Q(withdrawn_at__isnull=True), name="one_standing_sign_off_per_council"
            )
        ]

    def __str__(self):
        return f"{self.council} signed off {self.assessment} on {self.signed_at:%d %B %Y}"


class ProceedDecision(models.Model):
    """The lead's programme manager recording why the partners build a business case although
    their joint assessments are in conflict."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="proceed_decisions")
    reason = models.TextField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at"]

    def __str__(self):
        return f"Proceeding with {self.partnership} despite conflicts ({self.at:%d %B %Y})"
