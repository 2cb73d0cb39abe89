"""The audit trail records each change the product's own save paths make, with who made it: a
wizard page, a business case's page of rows, a sign-off and its withdrawal, starting an
assessment from an earlier one, an administrator's edit of a question, and publishing."""

import pytest
from django.urls import reverse

from tests import banks, factories
from tests.audit import client_for, signed_business_case
from tests.business_case.conftest import form_data
from tests.wizard_helpers import post_data, section_url
from toolkit import questionnaires
from toolkit.answers import CARRIED, AnswerSheet, start_assessment
from toolkit.models import (
    Answer,
    Assessment,
    ExpertContact,
    Option,
    PrivateNote,
    Question,
    Questionnaire,
    Risk,
    SignOff,
)

pytestmark = pytest.mark.django_db


def trail(model, fields, **filters):
    """The model's history records, oldest first: (how, who's username, *fields)."""
    return list(model.history.filter(**filters).order_by("history_id").values_list("history_type", "history_user__username", *fields))


@pytest.fixture
def self_assessment(merton, officer):
    banks.questionnaire("self")
    client_for(officer).post(reverse("toolkit:self-assessment-start", args=[merton.slug]))
    return Assessment.objects.get(council=merton, status="in_progress")


def test_a_wizard_page_records_each_answer_made_changed_and_cleared_with_who(self_assessment, officer, merton):
    section = AnswerSheet(self_assessment).section("costs")
    url = section_url(self_assessment, "costs")
    client = client_for(officer)
    client.post(url, post_data(section, {"costs-known": "yes", "costs-budget": "1,000", "costs-staff": "12"}))
    colleague = factories.user("colleague", council=merton)
    client_for(colleague).post(url, post_data(section, {"costs-known": "no", "costs-budget": "1,000", "costs-staff": "12"}))
    client.post(url, post_data(section, {"costs-known": "no", "costs-budget": "1,000", "costs-staff": ""}))
    assert trail(Answer, ["question__key", "value"], assessment_id=self_assessment.pk) == [
        ("+", "officer", "costs-known", "yes"),
        ("+", "officer", "costs-budget", "1000"),
        ("+", "officer", "costs-staff", 12),
        ("~", "colleague", "costs-known", "no"),  # an unchanged answer is not saved, so has no record
        ("-", "officer", "costs-staff", 12),  # cleared: the record keeps what it was
    ]


def test_private_notes_are_recorded(partnership, merton, officer):
    from toolkit.answers import save_section

    joint = questionnaires.published("joint")
    assessment = Assessment.objects.create(questionnaire=joint, council=merton, partnership=partnership)
    sheet = AnswerSheet(assessment, private=True)
    section = sheet.sections[0]
    question = section.questions.all()[0]
    save_section(sheet, section, {}, {}, officer, notes={question.key: "Ask legal first"})
    save_section(sheet, section, {}, {}, officer, notes={question.key: ""})
    assert trail(PrivateNote, ["text"], assessment_id=assessment.pk) == [("+", "officer", "Ask legal first"), ("-", "officer", "Ask legal first")]


def test_a_business_case_page_of_rows_records_rows_made_changed_and_removed(partnership, officer):
    case = Assessment.objects.create(questionnaire=questionnaires.published("design"), partnership=partnership, started_by=officer)
    url = section_url(case, "risks")
    client = client_for(officer)
    rows = {"risks-rows-0-description": "Lawyers leave", "risks-rows-0-likelihood": "medium", "risks-rows-0-impact": "high",
            "risks-rows-1-description": "System late", "risks-rows-1-likelihood": "low", "risks-rows-1-impact": "low"}
    page = client.get(url)
    assert client.post(url, form_data(page, action="continue", **{"risks-rows-TOTAL_FORMS": "2", **rows})).status_code == 302
    page = client.get(url)
    # The first row removed: the second moves up into its place, and the last row goes.
    changed = {"risks-rows-0-description": "System late", "risks-rows-0-likelihood": "low", "risks-rows-0-impact": "low"}
    assert client.post(url, form_data(page, action="continue", **{"risks-rows-TOTAL_FORMS": "1", **changed})).status_code == 302
    assert trail(Risk, ["position", "description"], assessment_id=case.pk) == [
        ("+", "officer", 0, "Lawyers leave"),
        ("+", "officer", 1, "System late"),
        ("~", "officer", 0, "System late"),
        ("-", "officer", 1, "System late"),
    ]


def test_a_sign_off_and_its_withdrawal_are_recorded_with_who(partnership, officer, manager):
    case = signed_business_case(partnership, officer, manager)
    client = client_for(manager)
    client.post(reverse("toolkit:assessment-reopen", args=[case.pk]))
    assert trail(SignOff, ["council__slug", "name", "withdrawn_by_id", "withdrawn_reason"], assessment_id=case.pk) == [
        ("+", "manager", "merton", "Manager Tester", None, ""),
        ("~", "manager", "merton", "Manager Tester", manager.pk, "Manager Tester opened the business case for changes"),
    ]


def test_answers_carried_into_a_new_assessment_are_recorded_as_carried_over_by_who_started_it(merton, officer, manager):
    banks.questionnaire("self")
    questionnaire = questionnaires.published("self")
    first = Assessment.objects.create(questionnaire=questionnaire, council=merton, status="submitted")
    question = questionnaire.questions.get(key="aims-clear")
    Answer.objects.create(assessment=first, question=question, value="yes", updated_by=officer)
    PrivateNote.objects.create(assessment=first, question=question, text="Noted", updated_by=officer)
    second = start_assessment(questionnaire, manager, council=merton)
    records = Answer.history.filter(assessment_id=second.pk)
    assert [(r.history_type, r.history_user, r.question_id, r.value, r.history_change_reason) for r in records] == [
        ("+", manager, question.pk, "yes", CARRIED)
    ]
    assert trail(PrivateNote, ["text"], assessment_id=second.pk) == [("+", "manager", "Noted")]


def test_an_administrators_edit_of_a_question_and_of_an_expert_contact_in_django_admin_are_recorded(admin_user):
    question = Question.objects.filter(is_gate=True).first()
    client = client_for(admin_user)
    url = reverse("admin:toolkit_question_change", args=[question.pk])
    response = client.post(url, form_data(client.get(url), text="Are your leaders committed to sharing?", _save="Save"))
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert trail(Question, ["text"], id=question.pk) == [("~", "administrator", "Are your leaders committed to sharing?")]
    expert = ExpertContact.objects.first()
    url = reverse("admin:toolkit_expertcontact_change", args=[expert.pk])
    assert client.post(url, form_data(client.get(url), role="Head of shared services", _save="Save")).status_code == 302
    assert trail(ExpertContact, ["name", "role"], id=expert.pk) == [("~", "administrator", expert.name, "Head of shared services")]
    # Its History page lists the change.
    history = client.get(reverse("admin:toolkit_question_history", args=[question.pk]))
    assert history.status_code == 200 and "administrator" in history.content.decode()


def test_copying_and_publishing_a_questionnaire_in_admin_records_the_copies_and_the_retirement(admin_user):
    current = Questionnaire.objects.get(step="self", status="published")
    client = client_for(admin_user)
    changelist = reverse("admin:toolkit_questionnaire_changelist")
    client.post(changelist, {"action": "make_new_draft", "_selected_action": [current.pk]})
    draft = Questionnaire.objects.get(step="self", status="draft")
    copied = Option.objects.filter(question__questionnaire=draft)
    assert Option.history.filter(question__questionnaire=draft, history_type="+", history_user=admin_user).count() == copied.count() > 0
    client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    assert trail(Questionnaire, ["status"], id=current.pk) == [("~", "administrator", "retired")]
    assert trail(Questionnaire, ["status"], id=draft.pk) == [("+", "administrator", "draft"), ("~", "administrator", "published")]
