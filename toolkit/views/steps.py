"""A council's page for each step, and starting (or resuming) an assessment of any step."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from toolkit import access, journey, progress, questionnaires, steps
from toolkit.models import Step
from toolkit.views.pages import slug_re


def step_home(request, slug, step):
    """The council's assessments of the step: the one in progress, or a way to start one, and
    those submitted; for the joint assessment and design, one part per partnership."""
    council, rights = access.get_council(request.user, slug)
    return render(
        request,
        "toolkit/step_home.html",
        {
            "council": council,
            "step": steps.get(step),
            "question": Step.objects.values_list("question", flat=True).get(pk=step),
            "rights": rights,
            "rows": progress.step_rows(step, council),
            "manages": access.standing(request.user).managed,
            "questionnaire": questionnaires.published(step),
        },
    )


@require_POST
def start(request, slug, step):
    """Start the owner's assessment of the step, or go back to the one in progress."""
    council, _ = access.get_council(request.user, slug, "edit")
    kind = steps.get(step)
    owner = {"council": council}
    if kind.owner != steps.COUNCIL:
        chosen = request.POST.get("partnership", "")
        if not slug_re.fullmatch(chosen):  # no partnership has it, and PostgreSQL refuses a NUL in a query
            raise Http404("No such partnership.")
        partnership = get_object_or_404(council.partnerships, slug=chosen)
        owner = {"council": council, "partnership": partnership} if kind.owner == steps.MEMBER else {"partnership": partnership}
        if step == Step.DESIGN:
            row = next(r for r in progress.step_rows(step, council) if r.partnership == partnership)
            if row.current is None and not row.can_start:
                messages.error(request, row.reason)
                return redirect(kind.home_url_name, slug=council.slug)
    try:
        assessment, started = journey.start_or_resume(step, request.user, **owner)
    except journey.CannotStart as problem:
        messages.error(request, str(problem))
        return redirect(kind.home_url_name, slug=council.slug)
    if started and assessment.answers.exists():
        whose = "the partnership's" if kind.owner == steps.PARTNERSHIP else "your council's"
        messages.success(request, f"We have copied {whose} answers from its last {kind.noun}. Check and update each section.")
    return redirect("toolkit:assessment", pk=assessment.pk)
