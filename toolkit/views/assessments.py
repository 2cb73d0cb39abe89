"""The one path every step's assessments take after the wizard: the task list, check your
answers, submitting, the confirmation, the result page and its PDF.

What differs between steps (the result, its templates and its export) comes from
``toolkit.steps``; who may do what comes from ``toolkit.access``.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.module_loading import import_string
from django.views.decorators.http import require_POST

from toolkit import access, journey, steps
from toolkit.answers import AnswerSheet
from toolkit.reports import views as report_views


def step_of(assessment):
    return steps.get(assessment.step_id)


def page_context(assessment, rights, **extra):
    """What every assessment page shows: the assessment, its owner and step, and whether this
    person may change it (read-only viewers get no Change links or buttons)."""
    step = step_of(assessment)
    return {
        "assessment": assessment,
        "owner": assessment.owner,
        "step": step,
        "rights": rights,
        "editable": rights.edit and not assessment.is_submitted,
        # Its report, once there is one to see (a partnership's needs two members' answers).
        "result_url": step.result.url(assessment) if report_to_see(step, assessment) else None,
        **extra,
    }


def report_to_see(step, assessment) -> bool:
    result = step.result
    return bool(result and assessment.is_submitted and result.ready(result.subject_of(assessment)))


def overview(request, pk):
    """The assessment's task list: each section with its status."""
    assessment, rights = access.get_assessment(request.user, pk)
    sheet = AnswerSheet(assessment, private=rights.private)
    editable = rights.edit and not assessment.is_submitted
    sections = [
        {
            "section": s,
            "status": sheet.section_status(s),
            "url": reverse("toolkit:assessment-section", args=[pk, s.slug]) if editable else None,
            "hint": changed_hint(sheet.last_changed(s)),
        }
        for s in sheet.visible_sections()
    ]
    resume = sheet.resume_section()
    return render(
        request,
        "toolkit/assessment.html",
        page_context(
            assessment,
            rights,
            sections=sections,
            completed=sum(1 for s in sections if s["status"] == "Completed"),
            complete=sheet.is_complete(),
            resume_url=reverse("toolkit:assessment-section", args=[pk, resume.slug]) if resume and editable else None,
            appendix=sheet.appendix() if assessment.is_submitted else [],
            history_url=reverse("toolkit:assessment-history", args=[pk]) if rights.history else None,
            **step_extra(assessment, request.user),
        ),
    )


def changed_hint(row) -> str:
    """"Last changed by Sam Smith on 3 May 2026": each section says who changed it last."""
    if row is None:
        return ""
    who = (row.updated_by.get_full_name() or row.updated_by.get_username()) if row.updated_by else "a former user"
    return f"Last changed by {who} on {date_format(timezone.localtime(row.updated_at), 'j F Y')}"


def step_extra(assessment, user) -> dict:
    step = step_of(assessment)
    return import_string(step.overview_context)(assessment, user) if step.overview_context else {}


def after_submission(assessment):
    """Where a submitted assessment's pages send people: its own result, or else its task list
    (a partnership's report, made from several assessments, is linked from there)."""
    result = step_of(assessment).result
    if result is not None and not result.of_partnership:
        return redirect(result.url(assessment))
    return redirect("toolkit:assessment", pk=assessment.pk)


def check_answers(request, pk):
    assessment, rights = access.get_assessment(request.user, pk)
    if assessment.is_submitted:
        return after_submission(assessment)
    sheet = AnswerSheet(assessment, private=rights.private)
    missing = [(s, sheet.missing_in(s)) for s in sheet.visible_sections()]
    return render(
        request,
        "toolkit/check_answers.html",
        page_context(assessment, rights, appendix=sheet.appendix(), missing=[(s, qs) for s, qs in missing if qs]),
    )


@require_POST
def submit(request, pk):
    assessment, _ = access.get_assessment(request.user, pk, "submit")
    outcome = journey.submit(assessment, request.user)
    wording = steps.get(assessment.step_id).wording
    if outcome == journey.SubmitOutcome.ALREADY:
        messages.error(request, wording.already)
        return after_submission(assessment)
    if outcome == journey.SubmitOutcome.INCOMPLETE:
        messages.error(request, wording.incomplete)
        return redirect("toolkit:assessment-check", pk=pk)
    return redirect("toolkit:assessment-submitted", pk=pk)


def submitted(request, pk):
    """The confirmation, for those who could have submitted; others go to the task list."""
    assessment, rights = access.get_assessment(request.user, pk)
    if not assessment.is_submitted:
        raise Http404("This assessment has not been submitted.")
    if not rights.submit:
        return redirect("toolkit:assessment", pk=pk)
    return render(request, "toolkit/submitted.html", page_context(assessment, rights))


def submitted_result(request, pk, action="view"):
    """A submitted assessment whose own report this is, and the person's rights over it: 404
    when there is no report to see, 403 to a viewer who may not ``action``."""
    assessment, rights = access.get_assessment(request.user, pk)
    step = step_of(assessment)
    if step.result is None or step.result.of_partnership or not assessment.is_submitted:
        raise Http404("This assessment has no report of its own.")
    access.require(rights, action)
    return assessment, rights, step


def result(request, pk):
    """The step's report: the readiness summary for a self assessment."""
    assessment, rights, step = submitted_result(request, pk)
    # A report made only from what cannot change comes as its kept body (toolkit/page_cache.py).
    context = {"body": step.result.body(assessment)} if step.result.inputs else step.result.build(assessment)
    return render(request, step.result.page_template, {**context, **page_context(assessment, rights)})


@require_POST
def result_pdf(request, pk, format="pdf"):
    """Ask for the report's PDF (or Word document): the download when it is made at once, else
    the page saying how it is going."""
    assessment, _, step = submitted_result(request, pk, "export")
    if format == "docx" and not step.result.word_builder:
        raise Http404("This report has no Word version.")
    return report_views.ask_for_report(request, step, assessment, format)
