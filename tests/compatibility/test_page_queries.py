"""The comparison page's query count does not grow with the partners, the questions or the overlap
questions."""

import pytest

from tests.queries import page_queries

from tests import factories
from tests.compatibility.cases import KINGSTON_ANSWERS, MERTON_ANSWERS, SUTTON_ANSWERS, logged_in, url
from toolkit.models import Option, Question

pytestmark = pytest.mark.usefixtures("media")

# --- Query counts -----------------------------------------------------------------------------


def comparison_queries(client, slug):
    return page_queries(client, url("comparison", slug))


def add_questions(questionnaire, count, **settings):
    section = questionnaire.sections.get(slug="plans")
    theme = section.questions.first().theme
    added = []
    for i in range(count):
        question = Question.objects.create(
            section=section, position=100 + i, key=f"extra-{i}", text=f"Extra question {i}?", kind="yes_no", theme=theme,
            source="002_3629ed7e1db573a4.txt", comparison="match", **settings,
        )
        Option.objects.bulk_create([
            Option(question=question, position=0, value="yes", label="Yes", score=100),
            Option(question=question, position=1, value="no", label="No", score=0),
        ])
        added.append(question)
    return added


def answer_all(questions, assessments):
    from toolkit.models import Answer

    Answer.objects.bulk_create(
        Answer(assessment=a, question=q, value="yes" if (i + j) % 2 else "no")
        for i, a in enumerate(assessments) for j, q in enumerate(questions)
    )


def test_comparison_query_count_does_not_grow_with_partners_or_questions(questionnaire, merton, sutton, officer):
    others = [factories.council(slug) for slug in ["kingston", "richmond", "croydon-test", "bromley-test", "ealing-test", "hounslow-test"]]
    two = factories.partnership("two", lead=merton, members=[merton, sutton])
    eight = factories.partnership("eight", lead=merton, members=[merton, sutton, *others])
    assessments = [factories.joint_assessment(two, c, MERTON_ANSWERS if c == merton else SUTTON_ANSWERS) for c in (merton, sutton)]
    answers = [MERTON_ANSWERS, SUTTON_ANSWERS, KINGSTON_ANSWERS]
    assessments += [factories.joint_assessment(eight, c, answers[i % 3]) for i, c in enumerate([merton, sutton, *others])]
    client = logged_in(officer)
    client.get(url("comparison", "two"))  # warm the session
    assert len(client.get(url("comparison", "eight")).context["partners"]) == 8

    counts = {"2 partners": comparison_queries(client, "two"), "8 partners": comparison_queries(client, "eight")}
    reports = {size: page_queries(client, url("report", slug)) for size, slug in [("2 partners", "two"), ("8 partners", "eight")]}
    answer_all(add_questions(questionnaire, 30), assessments)
    assert len(client.get(url("comparison", "eight")).context["tables"][3].rows) == 35
    counts["2 partners, 43 questions"] = comparison_queries(client, "two")
    counts["8 partners, 43 questions"] = comparison_queries(client, "eight")
    # The page's body comes from the cache once made: only access and the inputs are read.
    assert counts == dict.fromkeys(counts, 9)
    assert reports == dict.fromkeys(reports, 9)


def test_comparison_query_count_does_not_grow_with_overlap_questions(questionnaire, partnership, merton, sutton, officer):
    assessments = [factories.joint_assessment(partnership, merton, MERTON_ANSWERS), factories.joint_assessment(partnership, sutton, SUTTON_ANSWERS)]
    client = logged_in(officer)
    client.get(url("comparison"))
    before = comparison_queries(client, "legal")
    never = Question.objects.get(section__questionnaire=questionnaire, key="plans-never")
    added = add_questions(questionnaire, 30)
    Question.objects.filter(pk__in=[q.pk for q in added]).update(kind="multiple", comparison="overlap", excluded_by=never)
    answer_all(added, assessments)
    assert comparison_queries(client, "legal") == before
