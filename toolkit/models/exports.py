"""The record of every report made, so a report shown to a cabinet can be produced again, and
the requests to make one, which a worker carries out so no page waits for a PDF."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
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
    # What the file says and in which format (see toolkit.exports.fingerprint): a report asked for
    # again with nothing changed is this file, not a new one. Blank for exports made before.
    fingerprint = models.CharField(max_length=64, blank=True, db_index=True)

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


def job_path(job, filename):
    return f"report-packs/{job.requested_at:%Y/%m}/{filename}"


class ReportJob(models.Model):
    """A request for a report, or for a ZIP of several, and what became of it.

    The page for it (its UUID is the address, so it cannot be guessed) shows it queued, running,
    done or failed. A single report's file is an ``Export``; a ZIP (a programme manager's export
    pack, an administrator's readiness summaries of several councils) is kept on the job itself.
    """

    class Kind(models.TextChoices):
        READINESS = Export.Kind.READINESS.value, Export.Kind.READINESS.label
        COMPATIBILITY = Export.Kind.COMPATIBILITY.value, Export.Kind.COMPATIBILITY.label
        BUSINESS_CASE = Export.Kind.BUSINESS_CASE.value, Export.Kind.BUSINESS_CASE.label
        PACK = "pack", "Export pack"
        READINESS_BULK = "readiness_bulk", "Readiness summaries of several councils"

    class Format(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "Word document"
        ZIP = "zip", "ZIP file"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    # A report takes seconds and a bulk export of every council minutes; a job running longer
    # than this lost its worker (stopped, restarted, out of memory) and will not finish.
    STALLED_AFTER = timedelta(minutes=30)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    format = models.CharField(max_length=4, choices=Format.choices)
    # What it is made from: a submitted assessment (readiness summary, business case), a
    # partnership (compatibility report, export pack), or councils (readiness summaries).
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    councils = models.ManyToManyField(Council, blank=True, related_name="+")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    requested_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True, help_text="Why it failed, in words for the person who asked.")
    task_id = models.CharField(max_length=64, blank=True, help_text="The django-tasks result id, to find it in the task queue.")
    export = models.ForeignKey(Export, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    file = models.FileField(upload_to=job_path, blank=True)
    # What a ZIP holds (the names of its files), and what it leaves out and why, as sentences.
    contents = models.JSONField(default=list, blank=True)
    left_out = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-requested_at"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_format_display()}) requested {self.requested_at:%d %B %Y %H:%M}"

    @property
    def is_zip(self):
        return self.format == self.Format.ZIP

    @property
    def finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def filename(self):
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""

    @property
    def file_type(self) -> str:
        return self.get_format_display()

    def get_absolute_url(self):
        return reverse("toolkit:report-job", args=[self.pk])

    @property
    def download_url(self) -> str:
        """A single report's lasting address (as "Reports downloaded" lists it), or the ZIP's."""
        if self.export_id is not None:
            return reverse("toolkit:export-download", args=[self.export_id])
        return reverse("toolkit:report-job-download", args=[self.pk]) if self.file else ""

    @property
    def next_url(self) -> str:
        """Where the person who asked goes: straight to the download when it is already made
        (so one click still downloads the report), else to this request's page."""
        return self.download_url if self.status == self.Status.DONE and self.download_url else self.get_absolute_url()
