"""Councils, the people in them, and partnerships of councils."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from toolkit.models.sources import Source


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
    population_source = models.CharField(
        max_length=40, choices=Source.choices, blank=True, help_text="Where the population figure comes from."
    )
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

    @property
    def is_programme_manager(self):
        return self.role == self.Role.PROGRAMME_MANAGER


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
