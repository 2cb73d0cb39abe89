"""A report's body is kept once made, and made again whenever what it is made from changes: a
member's submission, a member leaving, an admin's change to a question or to the guidance."""

import pytest
from django.urls import reverse

from tests import factories
from tests.compatibility.cases import KINGSTON, KINGSTON_ANSWERS, MERTON, MERTON_ANSWERS, SUTTON, SUTTON_ANSWERS
from tests.readiness.test_summary import submit_with
from toolkit.models import Guidance, Question
from toolkit.partnerships import actions

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def joint_pair(db, partnership, merton, sutton):
    from tests import banks

    banks.questionnaire("joint")
    factories.joint_assessment(partnership, merton, MERTON_ANSWERS)
    factories.joint_assessment(partnership, sutton, SUTTON_ANSWERS)
    return partnership


@pytest.mark.parametrize("name", ["partnership-comparison", "partnership-report"])
def test_a_third_members_submission_and_a_member_leaving_each_give_a_new_body(client, officer, joint_pair, merton, sutton, name):
    client.force_login(officer)
    url = reverse(f"toolkit:{name}", args=[joint_pair.slug])
    kingston = joint_pair.councils.get(slug="kingston")
    seen = [page(client, url)]
    factories.joint_assessment(joint_pair, kingston, KINGSTON_ANSWERS)
    seen.append(page(client, url))
    actions.leave(joint_pair, sutton, factories.user("sutton-pm", council=sutton, role="programme_manager"))
    seen.append(page(client, url))
    assert [[name in html for name in (MERTON, SUTTON, KINGSTON)] for html in seen] == [
        [True, True, False],
        [True, True, True],
        [True, False, True],
    ]


def test_an_admins_change_to_a_question_shows_on_the_next_comparison(client, officer, joint_pair):
    client.force_login(officer)
    url = reverse("toolkit:partnership-comparison", args=[joint_pair.slug])
    question = Question.objects.filter(section__questionnaire=joint_pair.joint_questionnaire).first()
    assert question.text in page(client, url)
    question.text = "A question an admin has just reworded?"
    question.save()
    assert "A question an admin has just reworded?" in page(client, url)


def test_a_readiness_summary_is_kept_and_shows_an_admins_change_to_its_guidance(client, officer, merton):
    assessment = submit_with(merton, officer, {"self-leaders-committed": "no"})  # a gap in its theme
    client.force_login(officer)
    url = reverse("toolkit:assessment-summary", args=[assessment.pk])
    first = page(client, url)
    theme = Question.objects.get(key="self-leaders-committed", section__questionnaire=assessment.questionnaire).theme
    tip = Guidance.objects.filter(themes=theme, steps="self").order_by("kind", "collection", "position").first()
    assert tip.title in first
    tip.title = "A tip an admin has just rewritten"
    tip.save()
    assert ("A tip an admin has just rewritten" in first, "A tip an admin has just rewritten" in page(client, url)) == (False, True)


def test_a_kept_body_holds_nothing_of_its_first_reader(client, officer, partner_officer, joint_pair):
    """A partner's officer sees the body a Merton officer made, and no button it may not use."""
    url = reverse("toolkit:partnership-report", args=[joint_pair.slug])
    client.force_login(officer)
    first = page(client, url)
    client.force_login(partner_officer)
    second = page(client, url)
    body = lambda html: html[html.index('<h2 class="govuk-heading-l">'):html.index("</main>")]  # noqa: E731
    assert body(first) == body(second)
