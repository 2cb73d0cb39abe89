import pytest

from toolkit import questionnaires
from toolkit.models import Option, Question, Questionnaire

pytestmark = pytest.mark.django_db


def test_copy_as_draft_repoints_show_only_when_to_the_new_version():
    current = Questionnaire.objects.get(step="self", status="published")
    draft = questionnaires.copy_as_draft(current)
    conditional = Question.objects.filter(section__questionnaire=draft, show_when_question__isnull=False)
    assert conditional.exists()
    assert {q.show_when_question.section.questionnaire_id for q in conditional} == {draft.pk}
    old = Question.objects.filter(section__questionnaire=current, show_when_question__isnull=False)
    assert sorted((q.key, q.show_when_question.key, q.show_when_value) for q in conditional) == sorted(
        (q.key, q.show_when_question.key, q.show_when_value) for q in old
    )
    assert (draft.status, draft.published_at) == ("draft", None)


def test_publish_retires_the_previous_version():
    current = Questionnaire.objects.get(step="joint", status="published")
    draft = questionnaires.copy_as_draft(current)
    questionnaires.publish(draft)
    assert questionnaires.published("joint") == draft
    current.refresh_from_db()
    assert current.status == "retired"


def test_load_structure_runs_a_fixed_number_of_queries(django_assert_num_queries):
    questionnaire = Questionnaire.objects.get(step="self", status="published")
    with django_assert_num_queries(3):
        sections = questionnaires.load_structure(questionnaire)
        count = sum(len(q.options.all()) for s in sections for q in s.questions.all())
    assert count == Option.objects.filter(question__section__questionnaire=questionnaire).count()
