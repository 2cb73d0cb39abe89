"""What the database itself holds, whatever the code does: the owner's shape per step, one
assessment in progress per owner and step, question keys unique within a questionnaire, and one
owner per export."""

import pytest
from django.db import IntegrityError, transaction

from tests import factories
from toolkit.models import Assessment, Export, Question, Questionnaire


def published(step):
    return Questionnaire.objects.get(step=step, status="published")


def refused(**fields):
    with pytest.raises(IntegrityError), transaction.atomic():
        Assessment.objects.create(**fields)


@pytest.mark.parametrize(
    "step,owner",
    [
        ("self", {"partnership": True}),
        ("self", {"council": True, "partnership": True}),
        ("joint", {"council": True}),
        ("joint", {"partnership": True}),
        ("design", {"council": True}),
        ("design", {"council": True, "partnership": True}),
        ("self", {}),
    ],
)
def test_an_assessment_must_have_its_steps_owner(step, owner, merton, partnership):
    given = {"council": merton if owner.get("council") else None, "partnership": partnership if owner.get("partnership") else None}
    refused(questionnaire=published(step), **given)


@pytest.mark.parametrize(
    "step,owner",
    [("self", {"council": True}), ("joint", {"council": True, "partnership": True})],
)
def test_one_assessment_in_progress_per_owner_and_step(step, owner, merton, partnership):
    given = {"council": merton if owner.get("council") else None, "partnership": partnership if owner.get("partnership") else None}
    first = Assessment.objects.create(questionnaire=published(step), **given)
    refused(questionnaire=published(step), **given)
    first.status = "submitted"
    first.save()
    Assessment.objects.create(questionnaire=published(step), **given)  # a new one once the first is submitted
    assert Assessment.objects.filter(step=step).count() == 2


@pytest.mark.parametrize("status", ["in_progress", "awaiting_sign_off", "signed_off"])
def test_a_partnership_has_one_business_case_whatever_its_status(status, partnership):
    Assessment.objects.create(questionnaire=published("design"), partnership=partnership, status=status)
    refused(questionnaire=published("design"), partnership=partnership)


def test_another_council_or_partnership_may_have_its_own_in_progress(merton, sutton, partnership):
    other = factories.partnership("other", lead=merton, members=[merton, sutton])
    Assessment.objects.create(questionnaire=published("self"), council=merton)
    Assessment.objects.create(questionnaire=published("self"), council=sutton)
    Assessment.objects.create(questionnaire=published("joint"), council=merton, partnership=partnership)
    Assessment.objects.create(questionnaire=published("joint"), council=merton, partnership=other)
    Assessment.objects.create(questionnaire=published("joint"), council=sutton, partnership=partnership)
    Assessment.objects.create(questionnaire=published("design"), partnership=partnership)
    Assessment.objects.create(questionnaire=published("design"), partnership=other)
    assert Assessment.objects.count() == 7


def test_question_keys_are_unique_within_a_questionnaire(db):
    questionnaire = published("self")
    first, second = questionnaire.sections.all()[:2]
    taken = first.questions.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Question.objects.create(section=second, key=taken.key, text="Again?", kind="yes_no", theme=taken.theme, source=taken.source)
    other = published("joint").sections.first()
    copy = Question.objects.create(section=other, key=taken.key, text="Again?", kind="yes_no", theme=taken.theme, source=taken.source)
    assert copy.questionnaire_id == other.questionnaire_id


def test_a_question_knows_its_questionnaire_from_its_section(db):
    for question in Question.objects.select_related("section"):
        assert question.questionnaire_id == question.section.questionnaire_id, question.key


@pytest.mark.parametrize("owner", [{}, {"council": True, "partnership": True}])
def test_an_export_has_exactly_one_owner(owner, merton, partnership):
    with pytest.raises(IntegrityError), transaction.atomic():
        Export.objects.create(
            kind="readiness", questionnaire_version=1, file="x.pdf",
            council=merton if owner.get("council") else None, partnership=partnership if owner.get("partnership") else None,
        )
