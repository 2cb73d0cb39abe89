"""Versioning of questionnaires: copy a version as a new draft, publish a draft.

Answers point at the question of the version they were given against. A question's ``key``
stays the same across versions, which is how earlier answers carry over to a new version.
"""

from django.db import transaction
from django.db.models import Max, Prefetch
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from toolkit import content_cache
from toolkit.models import Option, Question, Questionnaire, Section


@transaction.atomic
def copy_as_draft(questionnaire: Questionnaire) -> Questionnaire:
    """Copy a questionnaire with its sections, questions and options as the next draft version."""
    next_version = (
        Questionnaire.objects.filter(step=questionnaire.step).aggregate(latest=Max("version"))["latest"] + 1
    )
    sections = list(questionnaire.sections.prefetch_related("questions__options"))
    draft = Questionnaire.objects.get(pk=questionnaire.pk)
    draft.pk = None
    draft.version = next_version
    draft.status = Questionnaire.Status.DRAFT
    draft.published_at = None
    draft.save()

    copied_questions = {}  # old question id -> new question, to re-point "show only when"
    for section in sections:
        questions = list(section.questions.all())
        section.pk = None
        section.questionnaire = draft
        section.save()
        for question in questions:
            options = list(question.options.all())
            old_id = question.pk
            question.pk = None
            question.section = section
            question.save()
            copied_questions[old_id] = question
            bulk_create_with_history(
                [Option(question=question, position=o.position, value=o.value, label=o.label, score=o.score, fits_any=o.fits_any) for o in options],
                Option,
            )
    # Questions that point at others ("show only when", overlap's "never share") point at the copies.
    for question in copied_questions.values():
        pointers = [name for name in ("show_when_question", "excluded_by") if getattr(question, f"{name}_id")]
        for name in pointers:
            setattr(question, name, copied_questions[getattr(question, f"{name}_id")])
        if pointers:
            question.save(update_fields=pointers)
    return draft


@transaction.atomic
def publish(questionnaire: Questionnaire) -> None:
    """Publish a version and retire the step's previously published one."""
    # Saved one by one (there is at most one) so the audit trail records the retirement.
    for retiring in Questionnaire.objects.filter(step=questionnaire.step, status=Questionnaire.Status.PUBLISHED).exclude(pk=questionnaire.pk):
        retiring.status = Questionnaire.Status.RETIRED
        retiring.save(update_fields=["status"])
    questionnaire.status = Questionnaire.Status.PUBLISHED
    questionnaire.published_at = timezone.now()
    questionnaire.save(update_fields=["status", "published_at"])


def published(step_code: str) -> Questionnaire | None:
    return Questionnaire.objects.filter(step_id=step_code, status=Questionnaire.Status.PUBLISHED).first()


def load_structure(questionnaire: Questionnaire) -> list[Section]:
    """Sections with their questions and options in order: from the cache, or else in a fixed
    number of queries. Shared by every request of this process: read it, never change it."""

    def build():
        questions = Question.objects.select_related("theme", "show_when_question", "excluded_by").prefetch_related("options")
        return list(questionnaire.sections.prefetch_related(Prefetch("questions", queryset=questions)))

    return content_cache.cached("structure", (questionnaire.pk,), build)
