"""Making a step's report as a PDF and keeping every one, so a report shown to a cabinet can be
produced again: who made it, when, from which assessments and answers.

A report asked for again when nothing in it has changed is the file already kept: each export
carries a fingerprint of what it says (its HTML without the time it was made, the answers it
was made from) and its format, and the latest export with the same one is given instead of
rendering again. Rendering the HTML takes a fraction of a second; WeasyPrint takes seconds.
"""

import hashlib
import json
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.text import slugify

from toolkit.models import Council, Export
from toolkit.pdf import render_pdf
from toolkit.steps import StepKind


class NoResult(Exception):
    """The step has no report yet, or the assessment is not submitted."""


def keep_file(field_file, name: str, content, save_record):
    """Write ``content`` to storage as ``name``, then call ``save_record()`` in a transaction.

    If saving the record fails, or is interrupted, the file is removed again: there is never a
    record without its file, nor a file left behind by a failed attempt.
    """
    field_file.save(name, content, save=False)
    try:
        with transaction.atomic():
            save_record()
    except BaseException:
        field_file.delete(save=False)
        raise


def record_export(*, kind, owner, sources: dict, questionnaire_version, pdf: bytes, filename: str, user, made_at, extension="pdf", fingerprint="") -> Export:
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
        fingerprint=fingerprint,
    )

    def save_record():
        export.save()
        export.assessments.set(sources)

    keep_file(export.file, f"{filename}-{slugify(owner.name)}-{made_at:%Y-%m-%d-%H%M%S}.{extension}", ContentFile(pdf), save_record)
    return export


@dataclass(frozen=True)
class Prepared:
    """A report ready to be made: its context, its HTML without the time, and its fingerprint."""

    step: StepKind
    format: str
    context: dict
    html: str
    fingerprint: str


def fingerprint(html: str, format: str, sources: dict) -> str:
    """What a report says, and in which format: the same for the same content asked for again.

    The HTML is the PDF's, rendered without the time it was made; a Word document says what the
    PDF says, so takes the same HTML with its own format. The answers are added so that a record
    reused is one made from the very same assessments and answers.
    """
    made_from = {str(assessment.pk): answers for assessment, answers in sources.items()}
    digest = hashlib.sha256(json.dumps({"format": format, "sources": made_from}, sort_keys=True, cls=DjangoJSONEncoder).encode())
    digest.update(html.encode())
    return digest.hexdigest()


def prepare(step: StepKind, subject, format="pdf") -> Prepared:
    """Build a step's report and fingerprint it, without making the file. ``subject`` is a
    submitted assessment, or the partnership for a partnership's report. Raises ``NoResult``
    when there is no report to make."""
    if step.result is None:
        raise NoResult(f"The {step.noun} has no report yet.")
    if not step.result.of_partnership and not subject.is_submitted:
        raise NoResult(f"Only a submitted {step.noun} has a {step.result.title.lower()}.")
    if format == "docx" and not step.result.word_builder:
        raise NoResult(f"The {step.result.title.lower()} has no Word version.")
    context = step.result.build(subject)
    html = render_to_string(step.result.pdf_template, {**context, "generated_at": None})
    return Prepared(step, format, context, html, fingerprint(html, format, context["sources"]))


def stored(prepared: Prepared) -> Export | None:
    """The latest export that says the same in the same format, if its file is still kept."""
    owner = prepared.context["owner"]
    same = Export.objects.filter(kind=prepared.step.result.export_kind, fingerprint=prepared.fingerprint)
    same = same.filter(council=owner) if isinstance(owner, Council) else same.filter(partnership=owner)
    found = same.order_by("-created_at", "-pk").first()
    if found is not None and found.file and found.file.storage.exists(found.file.name):
        return found
    return None


def export_result(step: StepKind, subject, user, format="pdf") -> tuple[Export, str]:
    """The report of a step as a PDF (or, where the step offers one, a Word document), recorded,
    or the one already kept when it would say the same. Returns the export and the HTML of the
    PDF (without the time it was made when the export is one already kept; empty for Word)."""
    return make(prepare(step, subject, format), user)


def make(prepared: Prepared, user) -> tuple[Export, str]:
    """The prepared report's export: the one kept if it says the same, else a new one."""
    found = stored(prepared)
    if found is not None:
        return found, "" if prepared.format == "docx" else prepared.html
    result = prepared.step.result
    made_at = timezone.now()
    context = {**prepared.context, "generated_at": made_at}
    if prepared.format == "docx":
        html, data = "", import_string(result.word_builder)(context)
    else:
        html, data = render_pdf(result.pdf_template, context)
    export = record_export(
        kind=result.export_kind,
        owner=context["owner"],
        sources=context["sources"],
        questionnaire_version=context["questionnaire"].version,
        pdf=data,
        filename=result.filename,
        user=user,
        made_at=made_at,
        extension=prepared.format,
        fingerprint=prepared.fingerprint,
    )
    return export, html
