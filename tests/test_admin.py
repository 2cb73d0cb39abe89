"""Every admin list and form opens for an administrator and is refused to everyone else."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse

from toolkit.models import Answer, Assessment, Question, Questionnaire

MODELS = sorted(admin.site._registry, key=lambda m: m._meta.label)
IDS = [m._meta.label for m in MODELS]


@pytest.fixture
def every_model_has_a_row(officer, partnership, merton, admin_user):
    Group.objects.create(name="Reviewers")
    questionnaire = Questionnaire.objects.get(step="self", status="published")
    assessment = Assessment.objects.create(questionnaire=questionnaire, council=merton, started_by=officer)
    question = Question.objects.filter(section__questionnaire=questionnaire).first()
    Answer.objects.create(assessment=assessment, question=question, value="yes", updated_by=officer)


def admin_urls(model, obj):
    info = model._meta.app_label, model._meta.model_name
    return [
        reverse("admin:%s_%s_changelist" % info),
        reverse("admin:%s_%s_add" % info),
        reverse("admin:%s_%s_change" % info, args=[obj.pk]),
    ]


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_admin_can_open_list_add_and_change_pages(client, admin_user, every_model_has_a_row, model):
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"no {model._meta.label} row to open"
    client.force_login(admin_user)
    for url in admin_urls(model, obj):
        response = client.get(url)
        assert response.status_code == 200, url
    changelist = client.get(admin_urls(model, obj)[0] + "?q=a")
    assert changelist.status_code == 200
    assert changelist.context["cl"].result_count >= 0


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_non_staff_users_are_refused(client, officer, manager, every_model_has_a_row, model):
    obj = model._default_manager.order_by("pk").first()
    for user in (officer, manager):
        client.force_login(user)
        for url in admin_urls(model, obj):
            response = client.get(url)
            assert (response.status_code, response["Location"]) == (302, f"/admin/login/?next={url}")


def test_anonymous_users_are_sent_to_sign_in(client, db):
    url = reverse("admin:toolkit_question_changelist")
    response = client.get(url)
    assert (response.status_code, response["Location"]) == (302, f"/sign-in/?next={url}")


def test_questionnaire_page_lists_sections_inline_in_order(client, admin_user):
    questionnaire = Questionnaire.objects.get(step="self", status="published")
    client.force_login(admin_user)
    response = client.get(reverse("admin:toolkit_questionnaire_change", args=[questionnaire.pk]))
    formset = response.context["inline_admin_formsets"][0].formset
    assert [f.instance.title for f in formset.forms] == list(questionnaire.sections.values_list("title", flat=True))


def test_question_page_lists_options_inline(client, admin_user):
    question = Question.objects.filter(is_gate=True).first()
    client.force_login(admin_user)
    response = client.get(reverse("admin:toolkit_question_change", args=[question.pk]))
    formset = response.context["inline_admin_formsets"][0].formset
    assert [(f.instance.value, f.instance.score) for f in formset.forms] == [("yes", 100), ("no", 0)]


def test_admin_copies_a_questionnaire_as_new_draft_and_publishes_it(client, admin_user):
    current = Questionnaire.objects.get(step="self", status="published")
    client.force_login(admin_user)
    changelist = reverse("admin:toolkit_questionnaire_changelist")
    client.post(changelist, {"action": "make_new_draft", "_selected_action": [current.pk]})
    draft = Questionnaire.objects.get(step="self", status="draft")
    assert (draft.version, draft.sections.count()) == (current.version + 1, current.sections.count())
    assert list(Question.objects.filter(section__questionnaire=draft).values_list("key", flat=True)) == list(
        Question.objects.filter(section__questionnaire=current).values_list("key", flat=True)
    )
    client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    current.refresh_from_db()
    draft.refresh_from_db()
    assert (current.status, draft.status) == ("retired", "published")
