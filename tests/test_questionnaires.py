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


def test_load_structure_runs_a_fixed_number_of_queries_then_reads_the_cache(django_assert_num_queries):
    questionnaire = Questionnaire.objects.get(step="self", status="published")
    # The content version, then sections, questions (with themes) and options.
    with django_assert_num_queries(4):
        sections = questionnaires.load_structure(questionnaire)
        count = sum(len(q.options.all()) for s in sections for q in s.questions.all())
    assert count == Option.objects.filter(question__section__questionnaire=questionnaire).count()
    with django_assert_num_queries(1):  # the content version only
        again = questionnaires.load_structure(questionnaire)
        count_again = sum(len(q.options.all()) for s in again for q in s.questions.all())
    assert count_again == count


def test_question_rules_admins_cannot_break():
    from django.core.exceptions import ValidationError

    questions = list(Question.objects.filter(section__questionnaire__step="self").select_related("section").order_by("section__position", "position"))
    first, later = questions[0], questions[10]
    cases = [
        (dict(is_gate=True, kind="agreement"), {"is_gate": ["A gate question must be a yes or no question."]}),
        (dict(show_when_question=later, show_when_value="yes"), {"show_when_question": ["Choose a question that comes earlier."]}),
        (dict(show_when_question=first, show_when_value=""), {"show_when_value": ["Give both the question and the answer it must have, or neither."]}),
    ]
    for changes, expected in cases:
        question = Question.objects.get(pk=questions[5].pk)
        for name, value in changes.items():
            setattr(question, name, value)
        with pytest.raises(ValidationError) as error:
            question.clean()
        assert error.value.message_dict == expected

    question = Question.objects.get(pk=questions[5].pk)
    question.key = questions[20].key  # a key of another section of the same questionnaire
    with pytest.raises(ValidationError) as error:
        question.clean()
    assert error.value.message_dict == {"key": ["Another question of this questionnaire has this key. Keys must be unique within a questionnaire."]}

    other = Question.objects.filter(section__questionnaire__step="joint").first()
    question = Question.objects.get(pk=questions[5].pk)
    question.show_when_question, question.show_when_value = other, "yes"
    with pytest.raises(ValidationError) as error:
        question.clean()
    assert error.value.message_dict == {"show_when_question": ["Choose a question from the same questionnaire."]}


def test_band_thresholds_must_be_in_order():
    from django.core.exceptions import ValidationError

    questionnaire = Questionnaire(step_id="self", title="x", ready_threshold=40, nearly_threshold=60)
    with pytest.raises(ValidationError) as error:
        questionnaire.clean()
    assert error.value.message_dict == {"nearly_threshold": ["The middle band must start at or below the top band."]}


@pytest.mark.parametrize(
    "step,council,partnership,ok",
    [
        ("self", True, False, True),
        ("self", True, True, False),
        ("joint", True, True, True),
        ("joint", True, False, False),
        ("design", False, True, True),
        ("design", True, True, False),
    ],
)
def test_who_owns_an_assessment(step, council, partnership, ok, merton, sutton):
    from django.core.exceptions import ValidationError

    from tests import factories
    from toolkit.models import Assessment

    owner_partnership = factories.partnership("p", lead=merton, members=[merton, sutton]) if partnership else None
    assessment = Assessment(
        questionnaire=Questionnaire.objects.get(step=step, status="published"),
        council=merton if council else None,
        partnership=owner_partnership,
    )
    if ok:
        assessment.clean()
    else:
        with pytest.raises(ValidationError):
            assessment.clean()


def test_every_kind_of_question_has_a_form_field_builder():
    from toolkit.forms import BUILDERS

    assert set(BUILDERS) == set(Question.Kind)
