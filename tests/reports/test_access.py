"""Who may see a request for a report, download what it made and ask for it again, written out by
hand from the issue: "200", "403", "404", "sign-in", or "→page" / "→download" for a redirect.

- A council's readiness summary: its members (officer and programme manager) and administrators;
  self assessments are private to their council, so a partner council's member gets 404.
- The compatibility report: the partnership's members and administrators.
- The export pack: the programme manager who asked (and administrators, who may see everything
  but, being no council's programme manager, may not ask for one).
- Readiness summaries of several councils, asked for in Django admin: administrators only.
"""

import pytest
from django.urls import reverse

from tests import factories
from tests.reports.conftest import client_for
from toolkit import steps
from toolkit.models import ReportJob
from toolkit.reports import jobs

USERS = ["officer", "manager", "partner", "partner manager", "outsider", "anonymous", "admin"]


@pytest.fixture
def people(officer, manager, partner_officer, partner_manager, outsider, staff_user, partnership):
    return {"officer": officer, "manager": manager, "partner": partner_officer, "partner manager": partner_manager, "outsider": outsider, "anonymous": None, "admin": staff_user}


def outcome(response, job=None):
    if response.status_code != 302:
        return str(response.status_code)
    location = response["Location"]
    if location.startswith("/sign-in/"):
        return "sign-in"
    if job is not None and location == job.get_absolute_url():
        return "→page"
    if location.startswith("/exports/") or location.endswith("/download/"):
        return "→download"
    return location


def check(job, people, expected):
    """Each user's (page, download, try again): the page and the download of the job done, then
    asking again for it once marked failed."""
    found = {}
    for user in USERS:
        ReportJob.objects.filter(pk=job.pk).update(status="done", error="")
        client = client_for(people[user])
        page, download = client.get(job.get_absolute_url()), client.get(job.download_url)
        ReportJob.objects.filter(pk=job.pk).update(status="failed", error="Broken")
        again = client.post(reverse("toolkit:report-job-retry", args=[job.pk]))
        found[user] = (outcome(page), outcome(download), outcome(again, job))
    assert found == expected


# Each user's (page, download, try again).
ALLOWED, HIDDEN, SIGN_IN = ("200", "200", "→download"), ("404", "404", "404"), ("sign-in", "sign-in", "sign-in")


def test_a_councils_readiness_summary(readiness, officer, people):
    job = jobs.ask_for_report(steps.get("self"), readiness, officer)
    check(job, people, {
        "officer": ALLOWED, "manager": ALLOWED, "partner": HIDDEN, "partner manager": HIDDEN, "outsider": HIDDEN,
        "anonymous": SIGN_IN, "admin": ALLOWED,
    })


def test_the_partnerships_compatibility_report(joint, partnership, partner_officer, people):
    job = jobs.ask_for_report(steps.get("joint"), partnership, partner_officer)
    check(job, people, {
        "officer": ALLOWED, "manager": ALLOWED, "partner": ALLOWED, "partner manager": ALLOWED, "outsider": HIDDEN,
        "anonymous": SIGN_IN, "admin": ALLOWED,
    })


def test_the_export_pack(joint, partnership, manager, people):
    job = jobs.ask_for_pack(partnership, manager)
    assert job.status == "done"
    check(job, people, {
        "officer": HIDDEN, "manager": ALLOWED, "partner": HIDDEN, "partner manager": HIDDEN, "outsider": HIDDEN,
        "anonymous": SIGN_IN, "admin": ("200", "200", "403"),
    })


def test_readiness_summaries_of_several_councils(readiness, merton, sutton, staff_user, people):
    job = jobs.ask_for_readiness_of([merton, sutton], staff_user)
    assert job.status == "done"
    check(job, people, {**dict.fromkeys(["officer", "manager", "partner", "partner manager", "outsider"], HIDDEN), "anonymous": SIGN_IN, "admin": ALLOWED})


def test_asking_for_the_export_pack_is_for_a_member_councils_programme_manager(joint, partnership, people):
    url = reverse("toolkit:partnership-pack", args=[partnership.slug])
    found = {user: outcome(client_for(people[user]).post(url)) for user in USERS}
    assert found == {
        "officer": "403", "manager": "→download", "partner": "403", "partner manager": "→download", "outsider": "404",
        "anonymous": "sign-in", "admin": "403",
    }
    assert list(ReportJob.objects.order_by("requested_at").values_list("requested_by__username", "kind", "status")) == [
        ("manager", "pack", "done"), ("partner-manager", "pack", "done"),
    ]


def test_the_partnership_page_offers_the_pack_to_programme_managers_only(partnership, people):
    url = reverse("toolkit:partnership", args=[partnership.slug])
    offered = {user: "Make the export pack</button>" in client_for(people[user]).get(url).content.decode() for user in ["officer", "manager", "partner", "partner manager", "admin"]}
    assert offered == {"officer": False, "manager": True, "partner": False, "partner manager": True, "admin": False}


def test_a_programme_manager_who_has_left_cannot_see_their_pack_any_more(joint, partnership, manager, merton):
    job = jobs.ask_for_pack(partnership, manager)
    manager.memberships.update(council=factories.council("stafford"))
    assert client_for(manager).get(job.get_absolute_url()).status_code == 404
