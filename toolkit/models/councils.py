"""Councils, the people in them, and partnerships of councils."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone

from toolkit.models.questions import Questionnaire
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
    services = models.CharField(max_length=300, blank=True, help_text="The services in scope, in a few words.")
    lead_council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="led_partnerships")
    # Only councils that have accepted are members; invitations are kept apart.
    councils = models.ManyToManyField(Council, through="PartnershipMember", related_name="partnerships")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.FORMING)
    # Every member answers the same version, so their answers can be compared question by question.
    joint_questionnaire = models.ForeignKey(
        Questionnaire,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The joint-assessment questionnaire version every member answers; set when the partnership is set up.",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    # The compatibility verdict of the members' submitted joint assessments, kept up to date when
    # one is submitted or a member joins or goes, so lists of partnerships need not compare them.
    joint_verdict = models.CharField(max_length=30, blank=True, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("toolkit:partnership", args=[self.slug])

    def clean(self):
        if self.joint_questionnaire_id and self.joint_questionnaire.step_id != "joint":
            raise ValidationError({"joint_questionnaire": "Choose a version of the joint assessment."})


class PartnershipMember(models.Model):
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="memberships")
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="partnership_memberships")
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["council__name"]
        constraints = [models.UniqueConstraint(fields=["partnership", "council"], name="council_once_per_partnership")]

    def __str__(self):
        return f"{self.council} in {self.partnership}"


class Invitation(models.Model):
    """A council asked to join a partnership. Only once its programme manager accepts is it a member."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for an answer"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Withdrawn"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="invitations")
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="invitations")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    invited_at = models.DateTimeField(default=timezone.now)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-invited_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "council"], condition=models.Q(status="pending"), name="one_pending_invitation_per_council"
            )
        ]

    def __str__(self):
        return f"{self.council} invited to {self.partnership} ({self.get_status_display().lower()})"


class PartnershipEvent(models.Model):
    """Who did what to a partnership's membership, and when: its history, shown on its page."""

    class Kind(models.TextChoices):
        CREATED = "created", "Set up"
        INVITED = "invited", "Invited"
        ACCEPTED = "accepted", "Accepted"
        DECLINED = "declined", "Declined"
        WITHDRAWN = "withdrawn", "Invitation withdrawn"
        REMOVED = "removed", "Removed"
        LEFT = "left", "Left"

    SENTENCES = {
        Kind.CREATED: "Set up the partnership, led by {council}",
        Kind.INVITED: "Invited {council}",
        Kind.ACCEPTED: "{council} accepted the invitation",
        Kind.DECLINED: "{council} declined the invitation",
        Kind.WITHDRAWN: "Withdrew the invitation to {council}",
        Kind.REMOVED: "Removed {council}",
        Kind.LEFT: "{council} left the partnership",
    }

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="events")
    council = models.ForeignKey(Council, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.sentence} ({self.partnership}, {self.at:%d %B %Y})"

    @property
    def sentence(self):
        return self.SENTENCES[self.kind].format(council=self.council or "a council no longer listed")
