"""The page of an assessment's history of changes, for its council's programme managers (and
administrators): who changed which answer, when, from what to what."""

from django.shortcuts import render

from toolkit import access, steps
from toolkit.audit import trail


def assessment_history(request, pk):
    assessment, rights = access.get_assessment(request.user, pk, "history")
    page = trail.history_page(assessment, request.GET.get("page"), private=rights.private)
    return render(
        request,
        "toolkit/history.html",
        {"assessment": assessment, "owner": assessment.owner, "step": steps.get(assessment.step_id), "page": page, "private": rights.private},
    )
