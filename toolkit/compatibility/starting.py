"""Starting values for a council's joint assessment: its answers to the same questions (the
same key) in its latest submitted self assessment. They are offered on the wizard's pages, not
saved, until an officer checks them and saves the page."""

from django.utils import timezone
from django.utils.formats import date_format

from toolkit.answers import Suggestion
from toolkit.models import Assessment, Step


def from_self_assessment(assessment) -> dict:
    latest = (
        Assessment.objects.filter(step=Step.SELF, council=assessment.council_id)
        .exclude(status=Assessment.Status.IN_PROGRESS)
        .order_by("-submitted_at")
        .first()
    )
    if latest is None:
        return {}
    source = f"your council's self assessment submitted {date_format(timezone.localtime(latest.submitted_at), 'j F Y')}"
    return {answer.question.key: Suggestion(answer.value, source) for answer in latest.answers.select_related("question")}


def after_submit(assessment) -> None:
    """A member's answers are in: compare the partners again."""
    from toolkit.compatibility.report import refresh_verdict

    refresh_verdict(assessment.partnership)
