"""Around the wizard: starting an assessment, its task list, check your answers, submitting,
the confirmation page and the readiness summary."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from toolkit import questionnaires, reports
from toolkit.access import get_assessment_for_user, get_council_for_user
from toolkit.answers import AnswerSheet, start_assessment
from toolkit.models import Assessment, Council, Step


def self_assessment(request, slug):
    """A council's self assessments: the one in progress, or a way to start one, and the history."""
    council = get_council_for_user(request.user, slug)
    assessments = list(
        Assessment.objects.filter(council=council, partnership__isnull=True, questionnaire__step=Step.SELF)
        .select_related("questionnaire", "submitted_by", "started_by")
        .order_by("-started_at")
    )
    in_progress = next((a for a in assessments if not a.is_submitted), None)
    return render(
        request,
        "toolkit/self_assessment.html",
        {
            "council": council,
            "in_progress": in_progress,
            "submitted": [a for a in assessments if a.is_submitted],
            "questionnaire": questionnaires.published(Step.SELF),
        },
    )


@require_POST
def start_self_assessment(request, slug):
    council = get_council_for_user(request.user, slug)
    questionnaire = questionnaires.published(Step.SELF)
    if questionnaire is None:
        raise Http404("No self-assessment questionnaire is published.")
    with transaction.atomic():
        # Lock the council's row so two officers pressing "Start" at once make one assessment.
        Council.objects.select_for_update().get(pk=council.pk)
        existing = Assessment.objects.filter(
            council=council, partnership__isnull=True, questionnaire__step=Step.SELF, status=Assessment.Status.IN_PROGRESS
        ).first()
        assessment = existing or start_assessment(questionnaire, request.user, council=council)
    if existing is None and assessment.answers.exists():
        messages.success(request, "We have copied your council's answers from its last self assessment. Check and update each section.")
    return redirect("toolkit:assessment", pk=assessment.pk)


def overview(request, pk):
    """The assessment's task list: each section with its status."""
    assessment = get_assessment_for_user(request.user, pk)
    sheet = AnswerSheet(assessment)
    sections = [
        {"section": s, "status": sheet.section_status(s), "url": reverse("toolkit:assessment-section", args=[pk, s.slug])}
        for s in sheet.visible_sections()
    ]
    resume = sheet.resume_section()
    return render(
        request,
        "toolkit/assessment.html",
        {
            "assessment": assessment,
            "owner": assessment.owner,
            "sections": sections,
            "completed": sum(1 for s in sections if s["status"] == "Completed"),
            "complete": sheet.is_complete(),
            "resume_url": reverse("toolkit:assessment-section", args=[pk, resume.slug]) if resume else None,
        },
    )


def check_answers(request, pk):
    assessment = get_assessment_for_user(request.user, pk)
    if assessment.is_submitted:
        return redirect("toolkit:assessment-summary", pk=pk)
    sheet = AnswerSheet(assessment)
    missing = [(s, sheet.missing_in(s)) for s in sheet.visible_sections()]
    return render(
        request,
        "toolkit/check_answers.html",
        {
            "assessment": assessment,
            "owner": assessment.owner,
            "appendix": reports.appendix(sheet),
            "missing": [(s, qs) for s, qs in missing if qs],
        },
    )


@require_POST
def submit(request, pk):
    with transaction.atomic():
        assessment = get_assessment_for_user(request.user, pk)
        assessment = Assessment.objects.select_for_update().get(pk=assessment.pk)
        if assessment.is_submitted:
            messages.error(request, "This assessment has already been submitted.")
            return redirect("toolkit:assessment-summary", pk=pk)
        if not AnswerSheet(assessment).is_complete():
            messages.error(request, "Answer every required question before you submit.")
            return redirect("toolkit:assessment-check", pk=pk)
        assessment.status = Assessment.Status.SUBMITTED
        assessment.submitted_by = request.user
        assessment.submitted_at = timezone.now()
        assessment.save(update_fields=["status", "submitted_by", "submitted_at"])
    return redirect("toolkit:assessment-submitted", pk=pk)


def submitted(request, pk):
    assessment = get_assessment_for_user(request.user, pk, status=Assessment.Status.SUBMITTED)
    return render(request, "toolkit/submitted.html", {"assessment": assessment, "owner": assessment.owner})


def summary(request, pk):
    assessment = get_assessment_for_user(request.user, pk, status=Assessment.Status.SUBMITTED)
    return render(request, "toolkit/readiness_summary.html", reports.readiness_summary(assessment))


def how_we_score(request):
    return render(request, "toolkit/how_we_score.html", {"questionnaire": questionnaires.published(Step.SELF)})
