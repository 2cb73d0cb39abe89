"""Every page and action of a business case, with each kind of user, in each of its states.

A business case belongs to the partnership: the officers and programme managers of every member
council (Merton, the lead, and Sutton) view and edit it, submit it and download its outline; only
programme managers sign off, each for their own council. An administrator (staff) views and
downloads but changes nothing; an outsider (Stafford) gets 404, as if it did not exist; anonymous
users are sent to sign in. The outcomes are written out by hand from the issue, not derived from
``toolkit.access``: "200", "403", "404", "sign-in", or "→" and where a redirect goes.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.business_case.conftest import fill
from toolkit.answers import AnswerSheet
from toolkit.business_case import signoff
from toolkit.models import Assessment, Council, Export, SignOff

USERS = ["officer", "manager", "partner", "partner manager", "outsider", "admin", "anonymous"]
# In the order visited: submitting and then reopening come last, since they change the state.
PAGES = ["overview", "section", "save section", "check", "outline", "pdf", "docx", "sign-off", "sign", "reopen", "submit", "reopen now"]
ALL = {"outsider": dict.fromkeys(PAGES, "404"), "anonymous": dict.fromkeys(PAGES, "sign-in")}
ADMIN_REFUSED = {"section": "403", "save section": "403", "sign-off": "403", "sign": "403", "reopen": "403", "submit": "403", "reopen now": "403"}

IN_PROGRESS = {
    "overview": "200", "section": "200", "save section": "→overview", "check": "200", "outline": "404", "pdf": "404",
    "docx": "404", "sign-off": "403", "sign": "403", "reopen": "→overview", "submit": "→submitted", "reopen now": "→overview",
}
# A programme manager is sent back with "not ready for sign-off yet".
IN_PROGRESS_MANAGER = {**IN_PROGRESS, "sign-off": "→overview", "sign": "→overview"}
IN_PROGRESS_ADMIN = {**IN_PROGRESS, **ADMIN_REFUSED, "overview": "200", "check": "200"}

AWAITING = {
    "overview": "200", "section": "→overview", "save section": "→overview", "check": "→outline", "outline": "200", "pdf": "→download",
    "docx": "→download", "sign-off": "403", "sign": "403", "reopen": "200", "submit": "→outline", "reopen now": "→overview",
}
AWAITING_MANAGER = {**AWAITING, "sign-off": "200", "sign": "→overview"}
AWAITING_ADMIN = {**AWAITING, **ADMIN_REFUSED}
# Signed off by every partner: a programme manager's council has signed already.
SIGNED_MANAGER = {**AWAITING, "sign-off": "→overview", "sign": "→overview"}

EXPECTED = {
    "in_progress": {"officer": IN_PROGRESS, "manager": IN_PROGRESS_MANAGER, "partner": IN_PROGRESS, "partner manager": IN_PROGRESS_MANAGER, "admin": IN_PROGRESS_ADMIN, **ALL},
    "awaiting_sign_off": {"officer": AWAITING, "manager": AWAITING_MANAGER, "partner": AWAITING, "partner manager": AWAITING_MANAGER, "admin": AWAITING_ADMIN, **ALL},
    "signed_off": {"officer": AWAITING, "manager": SIGNED_MANAGER, "partner": AWAITING, "partner manager": SIGNED_MANAGER, "admin": AWAITING_ADMIN, **ALL},
}

# Afterwards: the status, and each sign-off (council, whether it still stands).
UNCHANGED = {
    "in_progress": ("in_progress", []),
    "awaiting_sign_off": ("awaiting_sign_off", []),
    "signed_off": ("signed_off", [("kingston", True), ("merton", True), ("sutton", True)]),
}
ALL_WITHDRAWN = ("in_progress", [("kingston", False), ("merton", False), ("sutton", False)])
FINAL = {
    "in_progress": {**dict.fromkeys(["officer", "manager", "partner", "partner manager"], ("in_progress", [])), **dict.fromkeys(["outsider", "admin", "anonymous"], UNCHANGED["in_progress"])},
    "awaiting_sign_off": {
        "officer": ("in_progress", []), "manager": ("in_progress", [("merton", False)]), "partner": ("in_progress", []),
        "partner manager": ("in_progress", [("sutton", False)]), **dict.fromkeys(["outsider", "admin", "anonymous"], UNCHANGED["awaiting_sign_off"]),
    },
    "signed_off": {**dict.fromkeys(["officer", "manager", "partner", "partner manager"], ALL_WITHDRAWN), **dict.fromkeys(["outsider", "admin", "anonymous"], UNCHANGED["signed_off"])},
}


@pytest.fixture
def people(officer, manager, partner_officer, partner_manager, outsider, staff_user):
    return {
        "officer": officer, "manager": manager, "partner": partner_officer, "partner manager": partner_manager,
        "outsider": outsider, "admin": staff_user,
    }


def business_case(state, case, officer, managers):
    fill(case, officer)
    if state != "in_progress":
        Assessment.objects.filter(pk=case.pk).update(status="awaiting_sign_off")
        case.refresh_from_db()
    if state == "signed_off":
        for council in Council.objects.filter(slug__in=["merton", "sutton", "kingston"]):
            signoff.sign(case, council, managers[council.slug], name="A Manager", capacity="Leader")
    return case


def outcome(response, case):
    if response.status_code != 302:
        return str(response.status_code)
    location = response["Location"]
    if location.startswith("/sign-in/"):
        return "sign-in"
    if re.fullmatch(r"/exports/\d+/download/", location):
        return "→download"  # the outline, made at once when no worker is set up (and kept)
    names = {
        reverse("toolkit:assessment", args=[case.pk]): "→overview",
        reverse("toolkit:assessment-check", args=[case.pk]): "→check",
        reverse("toolkit:assessment-summary", args=[case.pk]): "→outline",
        reverse("toolkit:assessment-submitted", args=[case.pk]): "→submitted",
    }
    return names.get(location, location)


def gate_as_saved():
    """The gate page posted as it stands, to come back later."""
    data = {"assessment_wizard-current_step": "dont-proceed-without", "action": "later"}
    for item in ["staff-ownership", "business-case", "setup-budget", "communications", "project-manager"]:
        prefix = f"dont-proceed-without-{item}"
        data.update({f"{prefix}-owner": "Head of Legal", f"{prefix}-date_day": "1", f"{prefix}-date_month": "2",
                     f"{prefix}-date_year": "2027", f"{prefix}-evidence": f"Evidence for {item}"})
    return data


def visit(client, case, council):
    """``council``: the id of the user's council, which the sign-off page sends for them."""
    pk = case.pk
    shown = signoff.fingerprint(signoff.snapshot(AnswerSheet(case)))  # what the sign-off page shows
    requests = [
        ("overview", "get", reverse("toolkit:assessment", args=[pk]), None),
        ("section", "get", reverse("toolkit:assessment-section", args=[pk, "options"]), None),
        ("save section", "post", reverse("toolkit:assessment-section", args=[pk, "dont-proceed-without"]), gate_as_saved()),
        ("check", "get", reverse("toolkit:assessment-check", args=[pk]), None),
        ("outline", "get", reverse("toolkit:assessment-summary", args=[pk]), None),
        ("pdf", "post", reverse("toolkit:assessment-summary-pdf", args=[pk]), None),
        ("docx", "post", reverse("toolkit:assessment-summary-docx", args=[pk]), None),
        ("sign-off", "get", reverse("toolkit:assessment-sign-off", args=[pk]), None),
        ("sign", "post", reverse("toolkit:assessment-sign-off", args=[pk]), {"council": council, "name": "A Manager", "capacity": "Leader", "confirm": "on", "content": shown}),
        ("reopen", "get", reverse("toolkit:assessment-reopen", args=[pk]), None),
        ("submit", "post", reverse("toolkit:assessment-submit", args=[pk]), None),
        ("reopen now", "post", reverse("toolkit:assessment-reopen", args=[pk]), None),
    ]
    return {name: outcome(getattr(client, method)(url, data or {}), case) for name, method, url, data in requests}


def state_of(case):
    case.refresh_from_db()
    return case.status, sorted((s.council.slug, s.withdrawn_at is None) for s in SignOff.objects.filter(assessment=case))


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("state", list(EXPECTED))
def test_every_business_case_page_and_action(state, user, people, case, officer, partner_manager):
    from tests import factories

    managers = {"merton": people["manager"], "sutton": partner_manager, "kingston": factories.user("kingston-pm", council=Council.objects.get(slug="kingston"), role="programme_manager")}
    business_case(state, case, officer, managers)
    content = signoff.fingerprint(signoff.snapshot(AnswerSheet(case)))
    client, council = Client(), ""
    if user != "anonymous":
        client.force_login(people[user])
        council = people[user].memberships.values_list("council", flat=True).first() or ""
    assert visit(client, case, council) == EXPECTED[state][user]
    assert state_of(case) == FINAL[state][user]
    assert signoff.fingerprint(signoff.snapshot(AnswerSheet(case))) == content  # nobody changed the content
    made = [("business_case", "legal", people[user].pk)] * 2 if EXPECTED[state][user]["pdf"] == "→download" else []
    assert list(Export.objects.values_list("kind", "partnership__slug", "created_by")) == made


def test_an_outline_downloaded_again_is_for_the_members_and_administrators(people, case, officer):
    from django.core.files.base import ContentFile

    export = Export(kind="business_case", partnership=case.partnership, questionnaire_version=1, created_by=officer)
    export.file.save("outline.docx", ContentFile(b"PK word"), save=True)
    found = {}
    for user in USERS:
        client = Client()
        if user != "anonymous":
            client.force_login(people[user])
        response = client.get(reverse("toolkit:export-download", args=[export.pk]))
        found[user] = "sign-in" if response.status_code == 302 and response["Location"].startswith("/sign-in/") else str(response.status_code)
    assert found == {
        "officer": "200", "manager": "200", "partner": "200", "partner manager": "200", "outsider": "404", "admin": "200", "anonymous": "sign-in",
    }


def test_the_partners_council_pages_let_it_start_the_business_case_from_its_own_page(people, partnership, merton, sutton):
    from tests import factories

    factories.joint_assessment(partnership, merton, {"joint-leaders-committed": "yes"})
    factories.joint_assessment(partnership, sutton, {"joint-leaders-committed": "yes"})
    found = {}
    for user in USERS:
        client = Client()
        if user != "anonymous":
            client.force_login(people[user])
        response = client.post(reverse("toolkit:design-start", args=["sutton"]), {"partnership": "legal"})
        found[user] = outcome(response, Assessment(pk=0)) if response.status_code == 302 else str(response.status_code)
    design = Assessment.objects.get(step="design")
    start = reverse("toolkit:assessment", args=[design.pk])
    # Only Sutton's people start from Sutton's page; the second finds the one already started.
    assert found == {
        "officer": "404", "manager": "404", "partner": start, "partner manager": start, "outsider": "404", "admin": "403",
        "anonymous": "sign-in",
    }
    assert (design.partnership, design.council, design.started_by) == (partnership, None, people["partner"])
