"""The audit trail in Django admin: a read-only list of every change for each audited model, a
page per record saying what it changed, and a History button on each audited model's own page.
Only administrators get in."""

from decimal import Decimal

import pytest
from django.urls import reverse

from tests.audit import client_for
from tests.business_case.conftest import fill
from toolkit import questionnaires
from toolkit.audit.models import AUDITED
from toolkit.models import Answer, Assessment, IncomeEstimate, PrivateNote, ProceedDecision, Question, SignOff

pytestmark = pytest.mark.django_db


@pytest.fixture
def every_model_has_history(partnership, merton, officer, manager, admin_user):
    """A change recorded for each audited model: a business case filled in, signed and decided on,
    and one saved row of each other model (the question bank and content come from fixtures)."""
    case = Assessment.objects.create(questionnaire=questionnaires.published("design"), partnership=partnership, started_by=officer)
    fill(case, officer)
    IncomeEstimate.objects.create(assessment=case, year=1, amount=Decimal("5000.00"), updated_by=officer)
    SignOff.objects.create(assessment=case, council=merton, signed_by=manager, name="Manager Tester", capacity="Leader", fingerprint="0" * 64)
    ProceedDecision.objects.create(partnership=partnership, reason="The conflicts are dealt with in the business case.", by=manager)
    question = Question.objects.filter(questionnaire=case.questionnaire).first()
    PrivateNote.objects.create(assessment=case, question=question, text="Ours only", updated_by=officer)
    for model in AUDITED:
        if not model.history.exists():
            model.objects.order_by("pk").first().save()
    return case


def trail_urls(model):
    record = model.history.order_by("history_id").first()
    info = "audit", model.history.model._meta.model_name
    return [reverse("admin:%s_%s_changelist" % info), reverse("admin:%s_%s_change" % info, args=[record.pk])]


def test_administrators_read_each_models_trail_and_each_record_and_nobody_changes_them(client, admin_user, every_model_has_history):
    # One test over every model: building the business case for each would take a minute.
    client.force_login(admin_user)
    for model in AUDITED:
        changelist, change = trail_urls(model)
        listed = client.get(changelist)
        assert (listed.status_code, listed.context["cl"].full_result_count) == (200, model.history.count()), changelist
        assert client.get(change).status_code == 200, change
        assert client.get(changelist + "?q=a").status_code == 200, changelist  # the search fields are real ones
        info = "audit", model.history.model._meta.model_name
        record = model.history.order_by("history_id").first()
        before = model.history.count()
        assert client.get(reverse("admin:%s_%s_add" % info)).status_code == 403
        assert client.post(reverse("admin:%s_%s_delete" % info, args=[record.pk]), {"post": "yes"}).status_code == 403
        assert model.history.count() == before


def test_others_are_sent_to_admin_sign_in(client, officer, manager, every_model_has_history):
    for user in (officer, manager):
        client.force_login(user)
        for url in trail_urls(Answer):
            response = client.get(url)
            assert (response.status_code, response["Location"]) == (302, f"/admin/login/?next={url}")


def test_a_records_page_says_what_it_changed_from_the_record_before(client, admin_user, officer):
    question = Question.objects.filter(kind="long_text").first()
    question.text, question.hint = "What is your council's vision for sharing?", "In a sentence or two."
    question.save()
    record = Question.history.get(id=question.pk)
    client.force_login(admin_user)
    page = client.get(reverse("admin:audit_historicalquestion_change", args=[record.pk])).content.decode()
    assert "The first record of it" in page
    question.text = "What is your vision?"
    question._history_user = admin_user
    question.save()
    latest = Question.history.filter(id=question.pk).latest()
    page = client.get(reverse("admin:audit_historicalquestion_change", args=[latest.pk])).content.decode()
    assert "<p>text: What is your council&#x27;s vision for sharing? → What is your vision?</p>" in page


def test_an_audited_models_own_admin_page_has_its_history(client, admin_user):
    question = Question.objects.first()
    question._history_user = admin_user
    question.save()
    client.force_login(admin_user)
    change = client.get(reverse("admin:toolkit_question_change", args=[question.pk])).content.decode()
    assert reverse("admin:toolkit_question_history", args=[question.pk]) in change
    history = client.get(reverse("admin:toolkit_question_history", args=[question.pk]))
    assert history.status_code == 200 and "administrator" in history.content.decode()


def test_a_past_version_cannot_be_put_back_over_a_record_admin_only_reads(client, admin_user, officer, merton):
    """django-simple-history's page for a past version saves what is posted to it: an answer or a
    private note (read-only in admin) must not change that way, even for a superuser."""
    assessment = Assessment.objects.create(questionnaire=questionnaires.published("self"), council=merton, started_by=officer)
    question = Question.objects.filter(questionnaire=assessment.questionnaire, kind="long_text").first()
    answer = Answer(assessment=assessment, question=question, value="Ours", updated_by=officer)
    answer._history_user = officer
    answer.save()
    note = PrivateNote.objects.create(assessment=assessment, question=question, text="Only ours", updated_by=officer)
    client.force_login(admin_user)
    for record, field, model in ((answer, "value", "answer"), (note, "text", "privatenote")):
        version = record.history.latest()
        url = reverse(f"admin:toolkit_{model}_simple_history", args=[record.pk, version.history_id])
        assert client.get(url).status_code == 200
        posted = {field: "Changed in admin", "assessment": assessment.pk, "question": question.pk, "updated_by": officer.pk}
        assert client.post(url, posted).status_code == 403
    assert (Answer.objects.get().value, PrivateNote.objects.get().text) == ("Ours", "Only ours")
    assert (answer.history.count(), note.history.count()) == (1, 1)


def test_a_past_version_of_a_question_is_put_back_only_by_someone_who_may_change_questions(admin_user):
    from django.contrib.auth.models import Permission

    question = Question.objects.filter(kind="long_text").first()
    first_text = question.text
    question.save()  # the question bank is loaded without history: this is its first version
    question.text = "A reworded question"
    question.save()
    first = question.history.earliest()
    assert first.text == first_text
    url = reverse("admin:toolkit_question_simple_history", args=[question.pk, first.history_id])
    form = client_for(admin_user).get(url).context["adminform"].form
    posted = {name: value for name, value in form.initial.items() if value is not None and not isinstance(value, list)}
    reader = type(admin_user).objects.create_user("reader", is_staff=True)
    reader.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_question", "view_historicalquestion"])
    )
    assert client_for(reader).post(url, posted).status_code == 403
    assert Question.objects.get(pk=question.pk).text == "A reworded question"
    response = client_for(admin_user).post(url, posted)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else response
    assert Question.objects.get(pk=question.pk).text == first_text
