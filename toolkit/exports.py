"""Making a step's report as a PDF and keeping every one, so a report shown to a cabinet can be
produced again: who made it, when, from which assessments and answers."""

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.text import slugify

from toolkit.models import Council, Export
from toolkit.pdf import render_pdf
from toolkit.steps import StepKind


class NoResult(Exception):
    """The step has no report yet, or the assessment is not submitted."""


def record_export(*, kind, owner, sources: dict, questionnaire_version, pdf: bytes, filename: str, user, made_at, extension="pdf") -> Export:
    """Keep a PDF with who made it, when, and the assessments and answers it was made from.

    ``sources`` maps each assessment the report was made from to its answers by question key.
    """
    export = Export(
        kind=kind,
        council=owner if isinstance(owner, Council) else None,
        partnership=None if isinstance(owner, Council) else owner,
        questionnaire_version=questionnaire_version,
        answers={str(assessment.pk): answers for assessment, answers in sources.items()},
        size=len(pdf),
        created_by=user,
        created_at=made_at,
    )
    export.file.save(f"{filename}-{slugify(owner.name)}-{made_at:%Y-%m-%d-%H%M%S}.{extension}", ContentFile(pdf), save=True)
    export.assessments.set(sources)
    return export


def export_result(step: StepKind, subject, user, format="pdf") -> tuple[Export, str]:
    """Render a step's report as a PDF (or, where the step offers one, a Word document) and
    record it. ``subject`` is a submitted assessment, or the partnership for a partnership's
    report. Returns the export and the HTML it was rendered from (empty for Word)."""
    if step.result is None:
        raise NoResult(f"The {step.noun} has no report yet.")
    if not step.result.of_partnership and not subject.is_submitted:
        raise NoResult(f"Only a submitted {step.noun} has a {step.result.title.lower()}.")
    made_at = timezone.now()
    context = {**step.result.build(subject), "generated_at": made_at}
    if format == "docx":
        if not step.result.word_builder:
            raise NoResult(f"The {step.result.title.lower()} has no Word version.")
        html, pdf = "", import_string(step.result.word_builder)(context)
    else:
        html, pdf = render_pdf(step.result.pdf_template, context)
    export = record_export(
        kind=step.result.export_kind,
        owner=context["owner"],
        sources=context["sources"],
        questionnaire_version=context["questionnaire"].version,
        pdf=pdf,
        filename=step.result.filename,
        user=user,
        made_at=made_at,
        extension=format,
    )
    return export, html
