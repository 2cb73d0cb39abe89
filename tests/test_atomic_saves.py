"""A page of a self or joint assessment saves whole or not at all: when the database fails
half-way through a save, every answer, comment and private note is exactly as it was, and the
officer is shown the service's error page rather than being told it was saved."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from tests import banks, factories
from tests.saving_failures import SERVER_ERROR, post_failing, stored
from tests.wizard_helpers import field_name, post_data, section_url
from toolkit.answers import AnswerSheet
from toolkit.models import Answer, Assessment, PrivateNote

BEFORE = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)

# The costs page of tests/banks.py as saved earlier by a colleague, and what the officer posts:
# every answer changed, the review date cleared (its answer goes) and the staff number given.
SAVED = {"costs-known": ("yes", "We cost every service"), "costs-budget": ("1000", ""), "costs-review": ("2026-04-01", "")}
POSTED = {"costs-known": "no", "costs-budget": "2,000", "costs-review": None, "costs-staff": "6"}


def seed(assessment, colleague, notes=None):
    """The saved costs page, written straight to the database (so the page is not yet among the
    assessment's saved sections: saving it also records that)."""
    questions = {q.key: q for q in assessment.questionnaire.questions.all()}
    for key, (value, comment) in SAVED.items():
        Answer.objects.create(
            assessment=assessment, question=questions[key], value=value, comment=comment, updated_by=colleague, updated_at=BEFORE
        )
    for key, text in (notes or {}).items():
        PrivateNote.objects.create(assessment=assessment, question=questions[key], text=text, updated_by=colleague, updated_at=BEFORE)


@pytest.fixture
def colleague(merton):
    return factories.user("colleague", council=merton)


@pytest.fixture
def self_assessment(client, officer, merton, colleague):
    banks.questionnaire("self")
    client.force_login(officer)
    client.post(reverse("toolkit:self-assessment-start", args=[merton.slug]))
    assessment = Assessment.objects.get(council=merton, step="self")
    seed(assessment, colleague)
    return assessment


@pytest.fixture
def joint(client, officer, merton, partnership, colleague):
    banks.questionnaire("self")
    banks.questionnaire("joint")
    client.force_login(officer)
    client.post(reverse("toolkit:joint-assessment-start", args=[merton.slug]), {"partnership": partnership.slug})
    assessment = Assessment.objects.get(council=merton, step="joint")
    seed(assessment, colleague, notes={"costs-known": "Finance director unsure", "costs-budget": "Includes agency staff"})
    return assessment


def costs_post(assessment, notes=None):
    section = AnswerSheet(assessment).section("costs")
    data = post_data(section, POSTED)
    data[field_name(section, section.questions.get(key="costs-known"), "comment")] = "Costs are not known yet"
    for key, text in (notes or {}).items():
        data[field_name(section, section.questions.get(key=key), "private")] = text
    return data


@pytest.mark.parametrize("model, method, on_call", [
    (Answer, "save", 2),  # after the first changed answer was written
    (Answer, "delete", 1),  # after two changed answers were written, removing the cleared one
    (Answer, "save", 3),  # the last answer, after the cleared one was removed
    (Assessment, "save", 1),  # recording the page as saved, after every answer was written
], ids=["second-answer", "removing-an-answer", "last-answer", "recording-the-page"])
def test_a_self_assessment_page_that_fails_half_way_keeps_every_answer_as_it_was(model, method, on_call, client, self_assessment):
    before = stored(self_assessment, Answer, PrivateNote)
    response = post_failing(client, section_url(self_assessment, "costs"), costs_post(self_assessment), model, method, on_call)
    assert (response.status_code, SERVER_ERROR in response.content.decode()) == (500, True)
    assert stored(self_assessment, Answer, PrivateNote) == before

    # The same page then saves whole, so the comparison above was of a save that would have written.
    assert client.post(section_url(self_assessment, "costs"), costs_post(self_assessment)).status_code == 302
    assert AnswerSheet(self_assessment).values == {
        "costs-known": "no", "costs-budget": "2000", "costs-staff": 6,
    }


NOTES = {"costs-known": "Leader told us in confidence", "costs-budget": "", "costs-review": "Review slipped to May"}


@pytest.mark.parametrize("model, method, on_call", [
    (Answer, "save", 2),  # among the answers, before any note
    (PrivateNote, "save", 1),  # the first note, after every answer was written
    (PrivateNote, "delete", 1),  # removing a cleared note, after one note was rewritten
    (PrivateNote, "save", 2),  # the last note, after a note was removed
    (Assessment, "save", 1),  # recording the page as saved, after every answer and note
], ids=["second-answer", "first-note", "removing-a-note", "last-note", "recording-the-page"])
def test_a_joint_assessment_page_with_private_notes_that_fails_half_way_keeps_everything_as_it_was(model, method, on_call, client, joint):
    before = stored(joint, Answer, PrivateNote)
    response = post_failing(client, section_url(joint, "costs"), costs_post(joint, NOTES), model, method, on_call)
    assert (response.status_code, SERVER_ERROR in response.content.decode()) == (500, True)
    assert stored(joint, Answer, PrivateNote) == before

    assert client.post(section_url(joint, "costs"), costs_post(joint, NOTES)).status_code == 302
    assert dict(PrivateNote.objects.filter(assessment=joint).values_list("question__key", "text")) == {
        "costs-known": "Leader told us in confidence", "costs-review": "Review slipped to May",
    }
