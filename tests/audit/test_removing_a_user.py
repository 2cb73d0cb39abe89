"""An administrator removes a user in Django admin: the council's answers, sign-offs, exports and
their history stay, attributed to "a former user", and nothing keeps pointing at the account."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import reverse

from tests import banks, factories
from tests.audit import client_for, signed_business_case
from tests.wizard_helpers import complete_answers, post_data, section_url
from toolkit.answers import AnswerSheet
from toolkit.audit import people
from toolkit.audit.models import AUDITED
from toolkit.models import Answer, Assessment, Export, SignOff

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def work(merton, officer, manager, partnership):
    """The officer answered and submitted Merton's self assessment and downloaded its summary;
    the business case's rows are the officer's, and Merton's programme manager signed it off."""
    banks.questionnaire("self")
    client = client_for(officer)
    client.post(reverse("toolkit:self-assessment-start", args=[merton.slug]))
    assessment = Assessment.objects.get(council=merton, step="self")
    for section in AnswerSheet(assessment).sections:
        sheet = AnswerSheet(assessment)
        client.post(section_url(assessment, section.slug), post_data(section, complete_answers(sheet, section)))
    client.post(reverse("toolkit:assessment-submit", args=[assessment.pk]))
    export = Export(kind="readiness", council=merton, questionnaire_version=1, created_by=officer)
    export.file.save("readiness-summary.pdf", ContentFile(b"%PDF-1.7"), save=True)
    case = signed_business_case(partnership, officer, manager)
    return assessment, case, export


def remove(admin_user, user):
    response = client_for(admin_user).post(reverse("admin:auth_user_delete", args=[user.pk]), {"post": "yes"})
    assert (response.status_code, get_user_model().objects.filter(pk=user.pk).exists()) == (302, False)


def test_their_work_stays_attributed_to_a_former_user(work, officer, manager, merton, admin_user):
    assessment, case, export = work
    answers = Answer.objects.filter(assessment=assessment).count()
    remove(admin_user, officer)
    remove(admin_user, manager)
    assert (Answer.objects.filter(assessment=assessment).count(), Answer.objects.filter(updated_by__isnull=False).count()) == (answers, 0)
    assert list(SignOff.objects.values_list("council__slug", "name", "signed_by")) == [("merton", "Manager Tester", None)]
    export.refresh_from_db()
    assert (export.created_by, export.file.storage.exists(export.file.name)) == (None, True)
    successor = factories.user("successor", council=merton, role="programme_manager")
    client = client_for(successor)
    task_list = client.get(reverse("toolkit:assessment", args=[assessment.pk])).content.decode()
    assert "Submitted by a former user on" in task_list and "Last changed by a former user on" in task_list
    history = client.get(reverse("toolkit:assessment-history", args=[assessment.pk])).content.decode()
    assert '<td class="govuk-table__cell">a former user</td>' in history and "Officer Tester" not in history
    assert "Manager Tester" in client.get(reverse("toolkit:assessment", args=[case.pk])).content.decode()  # the name they signed with


def test_no_history_record_points_at_a_removed_user(work, officer, manager, admin_user):
    gone = {officer.pk, manager.pk}
    remove(admin_user, officer)
    remove(admin_user, manager)
    pointing = {
        f"{model.history.model.__name__}.{field.attname}"
        for model in AUDITED
        for field in model.history.model._meta.concrete_fields
        if field.is_relation and field.related_model is get_user_model()
        and model.history.model.objects.filter(**{f"{field.attname}__in": gone}).exists()
    }
    assert pointing == set()
    # Their history is still there: made by "a former user".
    assert Answer.history.filter(history_user__isnull=True).count() == Answer.history.count() > 0


def test_every_reference_to_a_user_outlives_the_user_but_a_membership():
    """SET_NULL everywhere, but for the person's places in councils and Django admin's own log of
    their admin actions (which go with them; the audit trail keeps the changes). The history's
    copies of those references have no constraint and are cleared by toolkit.audit.people."""
    user = get_user_model()
    others, copies = {}, set()
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if not (field.is_relation and field.related_model is user):
                continue
            rule = field.remote_field.on_delete.__name__
            if model._meta.app_label == "audit" and field.name != "history_user":
                copies.add((model, field.attname))
                assert (rule, field.db_constraint) == ("DO_NOTHING", False)
            elif rule != "SET_NULL":
                others[f"{model._meta.label}.{field.name}"] = rule
    assert others == {
        "toolkit.Membership.user": "CASCADE",
        "admin.LogEntry.user": "CASCADE",
        "auth.User_groups.user": "CASCADE",
        "auth.User_user_permissions.user": "CASCADE",
    }
    assert copies == set(people.user_fields())
