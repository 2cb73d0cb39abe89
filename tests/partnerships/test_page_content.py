"""What the partnership page works out from the members, decisions and assessments it reads
once: each member's submission (the same the comparison is made from), the business case, its
sign-offs and the decisions to go ahead."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.business_case.conftest import fill
from toolkit.business_case import signoff
from toolkit.compatibility.report import submitted_by_members
from toolkit.models import Assessment, ProceedDecision, Questionnaire, SignOff

pytestmark = pytest.mark.django_db


def page(client, partnership):
    response = client.get(reverse("toolkit:partnership", args=[partnership.slug]))
    assert response.status_code == 200
    return response


def test_each_member_links_to_its_latest_submission_of_the_partnerships_version(client, officer, partnership, merton, sutton):
    earlier = factories.joint_assessment(partnership, merton, {}, when=timezone.now() - timedelta(days=30))
    latest = factories.joint_assessment(partnership, merton, {})
    factories.joint_assessment(partnership, sutton, {}, submitted=False)  # in progress: not linked
    other_version = Questionnaire.objects.create(step_id="joint", version=99, title="Another version")
    Assessment.objects.create(questionnaire=other_version, council=sutton, partnership=partnership, status="submitted", submitted_at=timezone.now())
    client.force_login(officer)
    response = page(client, partnership)
    linked = {m["council"].slug: m["submitted"] for m in response.context["members"]}
    assert linked == {"merton": latest, "sutton": None, "kingston": None}
    assert [a.pk for a in submitted_by_members(partnership)] == [latest.pk]  # the comparison's own choice
    html = response.content.decode()
    assert f'href="/assessments/{latest.pk}/"' in html and f'href="/assessments/{earlier.pk}/"' not in html
    assert response.context["submitted_count"] == 1


def test_the_business_case_its_sign_offs_and_the_decisions_to_go_ahead(client, officer, manager, partnership, merton):
    design = Questionnaire.objects.get(step="design", status="published")
    ready_case = fill(Assessment.objects.create(questionnaire=design, partnership=partnership, started_by=officer), officer)
    Assessment.objects.filter(pk=ready_case.pk).update(status="awaiting_sign_off", submitted_at=timezone.now())
    ready_case.refresh_from_db()
    ProceedDecision.objects.create(partnership=partnership, reason="The conflicts are about pace only.", by=manager)
    signoff.sign(ready_case, merton, manager, name="Maria Manager", capacity="Chief executive")
    client.force_login(officer)
    response = page(client, partnership)
    html = response.content.decode()
    assert response.context["business_case"].pk == ready_case.pk
    assert [s.council.slug for s in response.context["sign_offs"]] == ["merton"]
    assert "by Maria Manager, Chief executive" in html
    assert "recorded by Manager Tester" in html and "The conflicts are about pace only." in html


def test_without_a_business_case_the_page_reads_no_sign_offs(client, officer, partnership):
    client.force_login(officer)
    page(client, partnership)
    with CaptureQueriesContext(connection) as queries:
        response = page(client, partnership)
    assert (response.context["business_case"], list(response.context["sign_offs"])) == (None, [])
    assert not [q for q in queries.captured_queries if SignOff._meta.db_table in q["sql"]]
