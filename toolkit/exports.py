"""Making report PDFs and keeping every one, so a report shown to a cabinet can be produced again."""

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from toolkit import reports
from toolkit.models import Assessment, Export
from toolkit.pdf import render_pdf


def export_readiness(assessment: Assessment, user) -> tuple[Export, str]:
    """Render a submitted self assessment's readiness summary as a PDF and record it.

    Returns the export and the HTML it was rendered from.
    """
    if not assessment.is_submitted:
        raise ValueError("Only a submitted assessment has a readiness summary.")
    now = timezone.now()
    context = reports.readiness_summary(assessment)
    context["generated_at"] = now
    html, pdf = render_pdf("pdf/readiness_summary.html", context)
    export = Export(
        kind=Export.Kind.READINESS,
        assessment=assessment,
        council=assessment.council,
        questionnaire_version=assessment.questionnaire.version,
        answers=context["answers"],
        size=len(pdf),
        created_by=user,
        created_at=now,
    )
    filename = f"readiness-summary-{slugify(assessment.council.name)}-{now:%Y-%m-%d-%H%M%S}.pdf"
    export.file.save(filename, ContentFile(pdf), save=True)
    return export, html
