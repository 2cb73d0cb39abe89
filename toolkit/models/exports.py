"""The record of every report made, so a report shown to a cabinet can be produced again."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from toolkit.models.assessments import Assessment
from toolkit.models.councils import Council, Partnership


def export_path(export, filename):
    return f"exports/{export.created_at:%Y/%m}/{filename}"


class Export(models.Model):
    """A PDF that someone made, with the assessments and the answers it was made from.

    A readiness summary belongs to a council and is made from one self assessment; a
    compatibility report or a business-case outline belongs to a partnership and may be made
    from several assessments.
    """

    class Kind(models.TextChoices):
        READINESS = "readiness", "Readiness summary"
        COMPATIBILITY = "compatibility", "Compatibility report"
        BUSINESS_CASE = "business_case", "Business-case outline"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    council = models.ForeignKey(Council, on_delete=models.CASCADE, null=True, blank=True, related_name="exports")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, null=True, blank=True, related_name="exports")
    assessments = models.ManyToManyField(Assessment, related_name="exports", blank=True)
    questionnaire_version = models.PositiveSmallIntegerField()
    # The answers the report was made from, by assessment id, so it can be explained and reproduced.
    answers = models.JSONField(default=dict)
    file = models.FileField(upload_to=export_path)
    size = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(council__isnull=False, partnership__isnull=True) | Q(council__isnull=True, partnership__isnull=False),
                name="export_has_one_owner",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} for {self.owner}, {self.created_at:%d %B %Y %H:%M}"

    @property
    def owner(self):
        return self.council or self.partnership

    @property
    def filename(self):
        return self.file.name.rsplit("/", 1)[-1]

    @property
    def file_type(self) -> str:
        """What the file is, in the words a download link uses."""
        return "Word document" if self.filename.endswith(".docx") else "PDF"
