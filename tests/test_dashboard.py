from django.urls import reverse

from tests import factories
from toolkit.models import Assessment, Questionnaire
from toolkit.progress import Status

URL = reverse("toolkit:dashboard")


def statuses(response):
    return [
        (t.council.slug, t.role, t.self_status, t.joint_status, t.design_status)
        for t in response.context["council_tasks"]
    ]


def start_assessment(step, council, partnership=None, status=Assessment.Status.IN_PROGRESS):
    questionnaire = Questionnaire.objects.get(step=step, status=Questionnaire.Status.PUBLISHED)
    return Assessment.objects.create(questionnaire=questionnaire, council=council, partnership=partnership, status=status)


def test_officer_without_partnership_sees_steps_two_and_three_cannot_start(client, officer):
    client.force_login(officer)
    response = client.get(URL)
    assert statuses(response) == [
        ("merton", "Officer", Status.NOT_STARTED, Status.CANNOT_START, Status.CANNOT_START)
    ]
    assert response.context["council_tasks"][0].partnerships == []
    assert "is not in a partnership yet" in response.content.decode()


def test_officer_sees_progress_and_partnerships(client, officer, merton, partnership):
    start_assessment("self", merton, status=Assessment.Status.SUBMITTED)
    start_assessment("joint", merton, partnership)
    client.force_login(officer)
    response = client.get(URL)
    assert statuses(response) == [("merton", "Officer", Status.COMPLETED, Status.IN_PROGRESS, Status.CANNOT_START)]
    html = response.content.decode()
    assert f'<a class="govuk-link" href="/partnerships/legal/">{partnership.name}</a>' in html
    assert "joint assessments completed" not in html  # progress figures are for programme managers
    assert '<a class="govuk-link" href="/councils/merton/exports/">Reports downloaded for London Borough of Merton</a>' in html
    assert '<a class="govuk-link govuk-task-list__link" href="/councils/merton/self-assessment/"' in html


def test_design_opens_when_every_partner_has_completed_the_joint_assessment(client, officer, merton, partnership):
    for council in partnership.councils.all():
        start_assessment("joint", council, partnership, status=Assessment.Status.SUBMITTED)
    client.force_login(officer)
    assert statuses(client.get(URL)) == [
        ("merton", "Officer", Status.NOT_STARTED, Status.COMPLETED, Status.NOT_STARTED)
    ]


def test_programme_manager_sees_partnership_progress(client, manager, merton, partnership):
    start_assessment("joint", merton, partnership, status=Assessment.Status.SUBMITTED)
    client.force_login(manager)
    response = client.get(URL)
    assert statuses(response) == [
        ("merton", "Programme manager", Status.NOT_STARTED, Status.COMPLETED, Status.CANNOT_START)
    ]
    assert "joint assessments completed 1 of 3, business case cannot start yet" in response.content.decode()


def test_user_in_two_councils_sees_both(client, merton, sutton):
    user = factories.user("both", council=merton)
    user.memberships.create(council=sutton, role="programme_manager")
    client.force_login(user)
    assert [(t.council.slug, t.role) for t in client.get(URL).context["council_tasks"]] == [
        ("merton", "Officer"),
        ("sutton", "Programme manager"),
    ]


def test_user_without_council_is_told_to_ask_an_administrator(client, db):
    client.force_login(factories.user("nobody"))
    response = client.get(URL)
    assert response.context["council_tasks"] == []
    assert "You are not a member of any council yet" in response.content.decode()


def dashboard_queries(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    return len(queries), response


def add_partnerships(merton, count, first=0):
    """Partnerships of Merton and three others, each with joint assessments (one submitted,
    one in progress) and, for every other one, a business case."""
    for i in range(first, first + count):
        others = [factories.council(f"council-{i}-{j}") for j in range(3)]
        partnership = factories.partnership(f"p{i}", lead=merton, members=[merton, *others])
        start_assessment("joint", merton, partnership, status=Assessment.Status.SUBMITTED)
        start_assessment("joint", others[0], partnership)
        if i % 2:
            start_assessment("design", None, partnership)


def test_dashboard_query_count_is_the_same_with_1_and_with_12_partnerships(client, officer, merton, django_assert_num_queries):
    start_assessment("self", merton, status=Assessment.Status.SUBMITTED)
    add_partnerships(merton, 1)
    client.force_login(officer)
    client.get(URL)  # warm the session
    small, response = dashboard_queries(client)
    assert len(response.context["council_tasks"][0].partnerships) == 1
    add_partnerships(merton, 11, first=1)
    start_assessment("self", merton)
    large, response = dashboard_queries(client)
    assert len(response.context["council_tasks"][0].partnerships) == 12
    # session, user, the header's councils, the user's memberships, self-assessment statuses,
    # partnerships, their councils, their decisions to proceed, their assessments, invitations
    assert (small, large) == (10, 10)


def test_dashboard_links_each_step_that_can_start(client, officer, merton, partnership):
    client.force_login(officer)
    html = client.get(URL).content.decode()
    assert '<a class="govuk-link govuk-task-list__link" href="/councils/merton/joint-assessment/"' in html
    assert 'href="/councils/merton/design/"' not in html  # the joint assessments are not complete
    for council in partnership.councils.all():
        start_assessment("joint", council, partnership, status=Assessment.Status.SUBMITTED)
    html = client.get(URL).content.decode()
    assert '<a class="govuk-link govuk-task-list__link" href="/councils/merton/design/"' in html


def test_anonymous_user_is_sent_to_sign_in(client, db):
    response = client.get(URL)
    assert (response.status_code, response["Location"]) == (302, "/sign-in/?next=/dashboard/")


def test_the_lead_reaches_the_design_step_to_record_why_partners_in_conflict_go_ahead(client, officer, merton, sutton, partnership):
    for council in partnership.councils.all():
        start_assessment("joint", council, partnership, status=Assessment.Status.SUBMITTED)
    partnership.joint_verdict = "Conflict"
    partnership.save()
    design_link = '<a class="govuk-link govuk-task-list__link" href="/councils/{}/design/"'
    client.force_login(officer)
    response = client.get(URL)
    assert statuses(response)[0][4] == Status.CANNOT_START
    assert design_link.format("merton") in response.content.decode()  # Merton leads: the page says how to go ahead
    client.force_login(factories.user("sutton-officer", council=sutton))
    assert design_link.format("sutton") not in client.get(URL).content.decode()
