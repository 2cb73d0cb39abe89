"""The question bank and content in fixtures/ load and hang together."""

from collections import Counter

import pytest

from toolkit.models import (
    CaseStudy,
    ExpertContact,
    Guidance,
    KeyTool,
    Option,
    Question,
    Questionnaire,
    Reading,
    Source,
    Step,
)

pytestmark = pytest.mark.django_db

MINIMUM_QUESTIONS = {"self": 41, "joint": 31, "design": 41}


def questions_of(step):
    return list(
        Question.objects.filter(section__questionnaire__step=step, section__questionnaire__status="published")
        .select_related("section", "show_when_question__section", "theme")
        .prefetch_related("options")
    )


@pytest.mark.parametrize("step", ["self", "joint", "design"])
def test_each_step_has_one_published_questionnaire_of_enough_questions(step):
    questionnaire = Questionnaire.objects.get(step=step, status="published")
    assert 6 <= questionnaire.sections.count() <= 10
    assert len(questions_of(step)) >= MINIMUM_QUESTIONS[step]
    assert questionnaire.nearly_threshold <= questionnaire.ready_threshold
    # every section has at least one question, so no wizard page is empty
    assert all(section.questions.exists() for section in questionnaire.sections.all())


@pytest.mark.parametrize("step", ["self", "joint", "design"])
def test_questions_are_consistent(step):
    questions = questions_of(step)
    keys = Counter(q.key for q in questions)
    assert [k for k, n in keys.items() if n > 1] == []
    for q in questions:
        assert q.theme_id, q.key
        assert q.source in Source.values, q.key
        values = [o.value for o in q.options.all()]
        if q.is_choice:
            assert len(values) >= 2 and len(set(values)) == len(values), q.key
            assert all(0 <= o.score <= 100 for o in q.options.all()), q.key
        else:
            assert values == [] and q.weight == 0, q.key
        if q.is_gate:
            assert q.kind == "yes_no", q.key
        if q.show_when_question_id:
            other = q.show_when_question
            assert other.section.questionnaire_id == q.section.questionnaire_id, q.key
            assert (other.section.position, other.position) < (q.section.position, q.position), q.key
            assert q.show_when_value in {o.value for o in other.options.all()}, q.key


def test_self_assessment_opens_with_the_three_gate_questions():
    questions = questions_of("self")
    gates = [q for q in questions if q.is_gate]
    assert len(gates) == 3
    assert questions[:3] == gates
    assert [(o.value, o.score) for o in gates[0].options.all()] == [("yes", 100), ("no", 0)]


def test_design_has_the_five_dont_proceed_without_questions():
    keys = {q.key: q for q in questions_of("design")}
    for key in [
        "design-staff-ownership",
        "design-business-case-signed-off",
        "design-setup-budget-signed-off",
        "design-communications-plan",
        "design-project-manager",
    ]:
        assert keys[key].kind == "yes_no" and keys[key].required, key


def test_guidance_lists_are_complete():
    counts = Counter(Guidance.objects.values_list("collection", flat=True))
    assert counts["10 top tips for managers"] == 10
    assert counts["Seek early advice on"] == 6
    assert counts["Don't proceed without"] == 5
    assert counts["Gateway lessons"] == 8
    assert counts["West Midlands key lessons"] == 10
    assert counts["Five things we have learned about collaborative working"] == 5
    assert counts["Critical success factors"] >= 4
    assert counts["Getting it right"] >= 5


def test_merton_experts_are_all_there_without_invented_contact_details():
    merton = ExpertContact.objects.filter(source=Source.MERTON)
    names = set(merton.values_list("name", flat=True))
    assert {
        "Paul Evans", "Fiona Thomsen", "Paul Phelan", "Kathryn Wittams-Smith", "Charles Baker", "Paul Foster",
        "John Hill", "Clive Cooke", "Richard Warren", "Alkesh Dudakia", "Bindi Lakhani", "Tom Bidwell",
        "Dawn Jolley",
    } <= names
    assert list(merton.exclude(email="", phone="").values_list("name", flat=True)) == []
    assert all(e.council and e.council.slug == "merton" for e in merton.select_related("council"))


def test_case_studies_reproduce_published_figures():
    assert CaseStudy.objects.count() >= 17
    assert CaseStudy.objects.filter(source=Source.LGA).count() >= 9
    assert CaseStudy.objects.filter(source=Source.IES).count() >= 8
    waste = CaseStudy.objects.get(savings__contains="1,374,930")
    assert "4,500,000" in waste.investment or "4.5" in waste.investment


@pytest.mark.parametrize("model", [Guidance, KeyTool, Reading, ExpertContact, CaseStudy])
def test_every_content_item_cites_a_source_and_a_step(model):
    assert model.objects.count() > 0
    assert list(model.objects.exclude(source__in=Source.values)) == []
    assert list(model.objects.filter(steps=None)) == []


def test_merton_key_tools_and_reading():
    tools = set(KeyTool.objects.filter(source=Source.MERTON).values_list("name", flat=True))
    assert len(tools) >= 3
    titles = " ".join(Reading.objects.values_list("title", flat=True))
    for words in ["Reaping the Benefits", "HR Know-how", "Making Sense of Change", "Sharing the Gain", "Shared Services handbook"]:
        assert words.lower() in titles.lower(), words


def test_steps_are_the_three_of_the_toolkit():
    assert list(Step.objects.values_list("code", "number")) == [("self", 1), ("joint", 2), ("design", 3)]


def test_options_belong_to_choice_questions_only():
    assert list(Option.objects.exclude(question__kind__in=[k.value for k in Question.CHOICE_KINDS])) == []
