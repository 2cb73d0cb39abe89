"""Pages anyone can read, signed in or not, and the guidance for a question."""

import re

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from toolkit import questionnaires
from toolkit.business_case import delivery, finance
from toolkit.compatibility import rules as compatibility_rules
from toolkit.models import Question, Step
from toolkit.signposts import signposts_by_theme

slug_re = re.compile(r"[-a-zA-Z0-9_]+")


@login_not_required
def start(request):
    return render(request, "toolkit/start.html", {"steps": Step.objects.all()})


@login_not_required
def accessibility(request):
    return render(request, "toolkit/accessibility.html")


@login_not_required
def privacy(request):
    # The page states the periods the settings give, so it says what this service does.
    return render(
        request,
        "toolkit/privacy.html",
        {
            "idle_hours": settings.SESSION_COOKIE_AGE // 3600,
            "idle_minutes": settings.SESSION_COOKIE_AGE // 60,
            "sign_in_days": settings.SIGN_IN_RECORDS_DAYS,
            "log_days": settings.LOG_RETENTION_DAYS,
            "failure_limit": getattr(settings, "AXES_FAILURE_LIMIT", None),
        },
    )


def question_guidance(request, pk):
    """One question with its guidance, where it comes from, how partners' answers to it are
    compared, and the help available for its theme. Linked from each row of the comparison."""
    question = get_object_or_404(
        Question.objects.select_related("section__questionnaire__step", "theme", "excluded_by"), pk=pk
    )
    step = question.section.questionnaire.step
    partnership = request.GET.get("partnership", "")
    return render(
        request,
        "toolkit/question_guidance.html",
        {
            "question": question,
            "step": step,
            "signposts": signposts_by_theme(step.code, [question.theme.slug])[question.theme.slug],
            # Back to the comparison it was opened from; that page checks who may see it.
            "back_url": reverse("toolkit:partnership-comparison", args=[partnership]) if slug_re.fullmatch(partnership) else "",
        },
    )


def rules_in(docstring, marker="The rules:") -> list:
    """The bullet points after ``marker`` in a rules module's docstring, one string each, so
    the page states the rules exactly as the code keeps them."""
    text = docstring.split(marker, 1)[1]
    rules = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("- "):
            rules.append(line[2:])
        elif line and rules:
            rules[-1] += " " + line
    return rules


def how_we_score(request):
    """Every rule the toolkit works by: readiness scoring, comparing partners, the business
    case's figures and the delivery-model suggestion."""
    return render(
        request,
        "toolkit/how_we_score.html",
        {
            "questionnaire": questionnaires.published(Step.SELF),
            "compatibility_rules": rules_in(compatibility_rules.__doc__),
            "finance_rules": rules_in(finance.__doc__),
            "delivery_rules": rules_in(delivery.__doc__, "The rules."),
            "optimism_bias": finance.OPTIMISM_BIAS_UPPER_BOUNDS,
        },
    )
