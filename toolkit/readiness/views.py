from django.shortcuts import render

from toolkit import questionnaires
from toolkit.models import Step


def how_we_score(request):
    """The readiness rules in full, with the published questionnaire's thresholds."""
    return render(request, "readiness/how_we_score.html", {"questionnaire": questionnaires.published(Step.SELF)})
