"""Every admin list and form opens for an administrator and is refused to everyone else."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.urls import reverse

from tests import factories
from toolkit.models import Answer, Assessment, Export, Question, Questionnaire

# The audit trail's pages (a read-only page per audited model): tests/audit/test_admin.py.
MODELS = sorted((m for m in admin.site._registry if m._meta.app_label != "audit"), key=lambda m: m._meta.label)
# Records the site makes (assessments and their answers, exports and the requests for them,
# invitations and their history, private notes, the task queue): never added or changed by hand.
READ_ONLY = {
    m for m in MODELS
    if m._meta.model_name in {"answer", "assessment", "export", "reportjob", "dbtaskresult", "invitation", "partnershipevent", "privatenote"}
    # Sign-in throttling's records (django-axes): deleted to unlock a username, never added.
    or m._meta.app_label == "axes"
}
IDS = [m._meta.label for m in MODELS]


@pytest.fixture
def every_model_has_a_row(officer, partnership, merton, admin_user):
    Group.objects.create(name="Reviewers")
    questionnaire = Questionnaire.objects.get(step="self", status="published")
    assessment = Assessment.objects.create(questionnaire=questionnaire, council=merton, started_by=officer)
    question = Question.objects.filter(section__questionnaire=questionnaire).first()
    Answer.objects.create(assessment=assessment, question=question, value="yes", updated_by=officer)
    export = Export(kind="readiness", council=merton, questionnaire_version=1, created_by=officer)
    export.file.save("report.pdf", ContentFile(b"%PDF-1.7"), save=True)
    export.assessments.add(assessment)
    from django_tasks_db.models import DBTaskResult

    from toolkit.models import Invitation, PartnershipEvent, PrivateNote, ReportJob

    job = ReportJob.objects.create(kind="readiness", format="pdf", assessment=assessment, requested_by=officer, status="done", export=export)
    DBTaskResult.objects.create(task_path="toolkit.reports.jobs.make_report", args_kwargs={"args": [str(job.pk)], "kwargs": {}}, backend_name="default")

    Invitation.objects.create(partnership=partnership, council=factories.council("richmond"), invited_by=officer)
    PartnershipEvent.objects.create(partnership=partnership, council=merton, kind="created", by=officer)
    PrivateNote.objects.create(assessment=assessment, question=question, text="Only for Merton")

    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    seen = {"username": "officer", "ip_address": "192.0.2.1", "user_agent": "Firefox", "http_accept": "*/*", "path_info": "/sign-in/"}
    AccessAttempt.objects.create(get_data="", post_data="username=officer", failures_since_start=5, **seen)
    AccessLog.objects.create(**seen)
    AccessFailureLog.objects.create(locked_out=True, **seen)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def admin_urls(model, obj):
    info = model._meta.app_label, model._meta.model_name
    urls = [reverse("admin:%s_%s_changelist" % info), reverse("admin:%s_%s_change" % info, args=[obj.pk])]
    if model not in READ_ONLY:
        urls.append(reverse("admin:%s_%s_add" % info))
    return urls


@pytest.mark.parametrize("model", MODELS, ids=IDS)
def test_admin_can_open_list_add_and_change_pages(client, admin_user, every_model_has_a_row, model):
    obj = model._default_manager.order_by("pk").first()
    assert obj is not None, f"no {model._meta.label} row to open"
    client.force_login(admin_user)
    for url in admin_urls(model, obj):
        response = client.get(url)
        assert response.status_code == 200, url
    changelist = client.get(admin_urls(model, obj)[0])
    assert changelist.context["cl"].full_result_count == model._default_manager.count()
    searched = client.get(admin_urls(model, obj)[0] + "?q=a")  # every search field is a real one
    assert searched.status_code == 200


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


def test_a_question_added_in_a_sections_page_may_not_reuse_a_key_of_the_questionnaire(client, admin_user):
    from toolkit.models import Section

    section = Section.objects.get(questionnaire__step="self", position=2)
    taken = Question.objects.get(questionnaire=section.questionnaire, section__position=1, position=1)
    client.force_login(admin_user)
    url = reverse("admin:toolkit_question_add")
    data = {
        "section": section.pk, "position": 50, "key": taken.key, "text": "A second question with that key?", "kind": "yes_no",
        "theme": taken.theme_id, "weight": 1, "required": "on", "source": taken.source, "comparison": "none",
        "options-TOTAL_FORMS": 0, "options-INITIAL_FORMS": 0, "options-MIN_NUM_FORMS": 0, "options-MAX_NUM_FORMS": 1000,
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors == {
        "key": ["Another question of this questionnaire has this key. Keys must be unique within a questionnaire."]
    }
    data["key"] = "a-new-key"
    assert client.post(url, data).status_code == 302
    assert Question.objects.get(key="a-new-key").questionnaire == section.questionnaire


def test_new_questions_on_a_sections_page_may_not_share_a_key(client, admin_user):
    from toolkit.models import Section

    section = Section.objects.get(questionnaire__step="self", position=2)
    existing = list(section.questions.all())
    client.force_login(admin_user)
    url = reverse("admin:toolkit_section_change", args=[section.pk])
    data = {
        "questionnaire": section.questionnaire_id, "position": section.position, "slug": section.slug,
        "title": section.title, "guidance": section.guidance, "source": section.source,
        "questions-TOTAL_FORMS": len(existing) + 2, "questions-INITIAL_FORMS": len(existing),
        "questions-MIN_NUM_FORMS": 0, "questions-MAX_NUM_FORMS": 1000,
    }
    for i, q in enumerate(existing):
        data.update({f"questions-{i}-id": q.pk, f"questions-{i}-section": section.pk, f"questions-{i}-position": q.position,
                     f"questions-{i}-key": q.key, f"questions-{i}-text": q.text, f"questions-{i}-kind": q.kind,
                     f"questions-{i}-theme": q.theme_id, f"questions-{i}-weight": q.weight,
                     **({f"questions-{i}-required": "on"} if q.required else {}), **({f"questions-{i}-is_gate": "on"} if q.is_gate else {})})
    for i in (len(existing), len(existing) + 1):
        data.update({f"questions-{i}-section": section.pk, f"questions-{i}-position": 90 + i, f"questions-{i}-key": "same-new-key",
                     f"questions-{i}-text": "A new question?", f"questions-{i}-kind": "yes_no", f"questions-{i}-theme": existing[0].theme_id,
                     f"questions-{i}-weight": 1})
    response = client.post(url, data)
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert [form.errors.get("key") for form in formset.forms[-2:]] == [
        None, ["Another question of this questionnaire has this key. Keys must be unique within a questionnaire."]
    ]
    assert not Question.objects.filter(key="same-new-key").exists()


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


def partnership_post(lead, members):
    data = {
        "name": "Test partnership", "slug": "test-partnership", "lead_council": lead.pk, "status": "forming",
        "created_at_0": "2026-11-01", "created_at_1": "09:00:00", "description": "",
        "memberships-TOTAL_FORMS": str(len(members)), "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0", "memberships-MAX_NUM_FORMS": "1000",
    }
    for i, member in enumerate(members):
        data[f"memberships-{i}-council"] = member.pk
    return data


@pytest.mark.parametrize(
    "members,error",
    [
        (["sutton", "kingston"], "The lead authority, London Borough of Merton, must be one of the member councils."),
    ],
)
def test_partnership_needs_the_lead_among_its_members(client, admin_user, members, error):
    from toolkit.models import Council, Partnership

    client.force_login(admin_user)
    merton = Council.objects.get(slug="merton")
    response = client.post(reverse("admin:toolkit_partnership_add"), partnership_post(merton, [Council.objects.get(slug=s) for s in members]))
    assert response.status_code == 200
    assert [str(e) for formset in response.context["inline_admin_formsets"] for e in formset.formset.non_form_errors()] == [error]
    assert not Partnership.objects.filter(slug="test-partnership").exists()


def test_admin_creates_a_partnership(client, admin_user):
    from toolkit.models import Council, Partnership

    client.force_login(admin_user)
    councils = [Council.objects.get(slug=s) for s in ("merton", "sutton")]
    response = client.post(reverse("admin:toolkit_partnership_add"), partnership_post(councils[0], councils))
    assert response.status_code == 302, [f.errors for s in response.context["inline_admin_formsets"] for f in s.formset.forms]
    assert sorted(Partnership.objects.get(slug="test-partnership").councils.values_list("slug", flat=True)) == ["merton", "sutton"]


def test_an_administrator_cannot_change_answers_or_an_assessments_status(client, admin_user, every_model_has_a_row):
    """Answers change through the site's pages, which keep who changed what and withdraw a
    business case's sign-offs first."""
    answer = Answer.objects.get()
    client.force_login(admin_user)
    response = client.post(reverse("admin:toolkit_answer_change", args=[answer.pk]), {"value": '"no"', "comment": "Changed"})
    assessment = Assessment.objects.get()
    refused = client.post(reverse("admin:toolkit_assessment_change", args=[assessment.pk]), {"status": "submitted"})
    answer.refresh_from_db()
    assessment.refresh_from_db()
    assert (response.status_code, refused.status_code, answer.value, answer.comment, assessment.status) == (403, 403, "yes", "", "in_progress")
