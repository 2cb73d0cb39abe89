"""Every assessment page and action, for every step, with each kind of user.

The kinds: an officer and a programme manager of the owning council, an officer and a programme
manager of a partner council (Sutton, in the partnership with Merton), an officer of an unrelated
council (Stafford), an administrator (staff, not a superuser) and an anonymous user. The expected outcomes are written out by hand from the
rules in the issue, not derived from ``toolkit.access``:

- self assessment (Merton's): Merton's members do everything; a partner is an outsider here;
- joint assessment (Merton's answers in the partnership): Merton's members view, edit and
  submit; Sutton sees it once it is submitted, read-only;
- design (the partnership's business case): every member council's people view and edit;
- administrators view everything and change nothing; outsiders get 404; anonymous users are
  sent to sign in.

Outcomes: "200", "403", "404", "sign-in", or "→" and where a redirect goes.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests import banks, factories
from tests.wizard_helpers import post_data
from toolkit.answers import AnswerSheet
from toolkit.models import Answer, Assessment, Questionnaire

USERS = ["officer", "manager", "partner", "partner manager", "outsider", "admin", "anonymous"]
PAGES = ["overview", "resume", "section", "check", "submitted", "summary", "save section", "pdf", "submit"]
ALL_404 = dict.fromkeys(PAGES, "404")


def expect(member, partner, admin):
    """Expected outcomes by user: members of the owning council(s), the partner council's
    officer, the administrator; outsiders always get 404 and anonymous users the sign-in page."""
    return {
        "officer": member, "manager": member, "partner": partner, "partner manager": partner, "outsider": ALL_404,
        "admin": admin, "anonymous": dict.fromkeys(PAGES, "sign-in"),
    }


IN_PROGRESS_MEMBER = {
    "overview": "200", "resume": "→aims", "section": "200", "check": "200", "submitted": "404", "summary": "404",
    "save section": "→aims", "pdf": "404", "submit": "→check",
}
IN_PROGRESS_VIEWER = {
    "overview": "200", "resume": "403", "section": "403", "check": "200", "submitted": "404", "summary": "404",
    "save section": "403", "pdf": "404", "submit": "403",
}


def submitted_member(result):
    """A submitted assessment, for someone who may change its step's assessments."""
    after = "→summary" if result else "→overview"
    return {
        "overview": "200", "resume": "→overview", "section": "→overview", "check": after, "submitted": "200",
        "summary": "200" if result else "404", "save section": "→overview", "pdf": "→download" if result else "404",
        "submit": after,
    }


def submitted_viewer(result):
    """A submitted assessment, for someone who may only read it."""
    return {
        "overview": "200", "resume": "403", "section": "403", "check": "→summary" if result else "→overview",
        "submitted": "→overview", "summary": "200" if result else "404", "save section": "403",
        "pdf": "→download" if result else "404", "submit": "403",
    }


EXPECTED = {
    ("self", "in_progress"): expect(IN_PROGRESS_MEMBER, ALL_404, IN_PROGRESS_VIEWER),
    ("self", "submitted"): expect(submitted_member(True), ALL_404, submitted_viewer(True)),
    ("joint", "in_progress"): expect(IN_PROGRESS_MEMBER, ALL_404, IN_PROGRESS_VIEWER),
    ("joint", "submitted"): expect(submitted_member(False), submitted_viewer(False), submitted_viewer(False)),
    ("design", "in_progress"): expect(IN_PROGRESS_MEMBER, IN_PROGRESS_MEMBER, IN_PROGRESS_VIEWER),
    ("design", "submitted"): expect(submitted_member(True), submitted_member(True), submitted_viewer(True)),
}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def people(officer, manager, partner_officer, partner_manager, outsider, staff_user):
    return {
        "officer": officer, "manager": manager, "partner": partner_officer, "partner manager": partner_manager,
        "outsider": outsider, "admin": staff_user,
    }


def make_assessment(step, state, merton, partnership, author):
    """An assessment of the test bank: in progress with only the gate answered, or submitted
    with every question answered."""
    banks.questionnaire(step)
    owner = {"self": {"council": merton}, "joint": {"council": merton, "partnership": partnership}, "design": {"partnership": partnership}}[step]
    questionnaire = Questionnaire.objects.get(step=step, status="published")
    assessment = Assessment.objects.create(questionnaire=questionnaire, started_by=author, **owner)
    answers = {"gate": "yes"} if state == "in_progress" else banks.MIXED
    questions = {q.key: q for q in questionnaire.questions.all()}
    Answer.objects.bulk_create(Answer(assessment=assessment, question=questions[k], value=v, updated_by=author) for k, v in answers.items())
    if state == "submitted":
        Assessment.objects.filter(pk=assessment.pk).update(status="submitted", submitted_by=author, submitted_at=timezone.now())
        assessment.refresh_from_db()
    return assessment


def outcome(response, assessment):
    if response.status_code != 302:
        return str(response.status_code)
    location = response["Location"]
    names = {
        reverse("toolkit:assessment", args=[assessment.pk]): "→overview",
        reverse("toolkit:assessment-check", args=[assessment.pk]): "→check",
        reverse("toolkit:assessment-summary", args=[assessment.pk]): "→summary",
        reverse("toolkit:assessment-submitted", args=[assessment.pk]): "→submitted",
        reverse("toolkit:assessment-section", args=[assessment.pk, "aims"]): "→aims",
    }
    if location.startswith("/sign-in/"):
        return "sign-in"
    if re.fullmatch(r"/exports/\d+/download/", location):
        return "→download"  # the report, made at once when no worker is set up (and kept)
    return names.get(location, location)


def visit(client, assessment):
    pk = assessment.pk
    section = AnswerSheet(assessment).section("gate-questions")
    requests = [
        ("overview", "get", reverse("toolkit:assessment", args=[pk]), None),
        ("resume", "get", reverse("toolkit:assessment-resume", args=[pk]), None),
        ("section", "get", reverse("toolkit:assessment-section", args=[pk, "gate-questions"]), None),
        ("check", "get", reverse("toolkit:assessment-check", args=[pk]), None),
        ("submitted", "get", reverse("toolkit:assessment-submitted", args=[pk]), None),
        ("summary", "get", reverse("toolkit:assessment-summary", args=[pk]), None),
        ("save section", "post", reverse("toolkit:assessment-section", args=[pk, "gate-questions"]), post_data(section, {"gate": "yes"})),
        ("pdf", "post", reverse("toolkit:assessment-summary-pdf", args=[pk]), None),
        ("submit", "post", reverse("toolkit:assessment-submit", args=[pk]), None),
    ]
    return {name: outcome(getattr(client, method)(url, data or {}), assessment) for name, method, url, data in requests}


def snapshot(assessment):
    assessment.refresh_from_db()
    return assessment.status, sorted(Answer.objects.filter(assessment=assessment).values_list("question__key", "value", "updated_by"))


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("step,state", list(EXPECTED), ids=[f"{s}-{t}" for s, t in EXPECTED])
def test_every_assessment_page_and_action(step, state, user, people, merton, partnership):
    assessment = make_assessment(step, state, merton, partnership, people["officer"])
    before = snapshot(assessment)
    client = Client()
    if user != "anonymous":
        client.force_login(people[user])
    assert visit(client, assessment) == EXPECTED[(step, state)][user]
    if EXPECTED[(step, state)][user]["save section"] not in {"→aims"}:
        assert snapshot(assessment) == before  # refused, so nothing changed


def test_read_only_pages_have_no_change_links_or_buttons(client, staff_user, partner_officer, merton, partnership, officer):
    in_progress = make_assessment("self", "in_progress", merton, partnership, officer)
    client.force_login(staff_user)
    overview = client.get(reverse("toolkit:assessment", args=[in_progress.pk]))
    assert [item["url"] for item in overview.context["sections"]] == [None] * 4
    assert "Continue" not in overview.content.decode()
    check = client.get(reverse("toolkit:assessment-check", args=[in_progress.pk])).content.decode()
    assert "<h1 class=\"govuk-heading-xl\">Answers so far</h1>" in check
    assert "Change<span" not in check and "Submit assessment" not in check

    submitted_joint = make_assessment("joint", "submitted", merton, partnership, officer)
    client.force_login(partner_officer)
    overview = client.get(reverse("toolkit:assessment", args=[submitted_joint.pk]))
    html = overview.content.decode()
    assert [item["url"] for item in overview.context["sections"]] == [None] * 4
    assert "govuk-task-list__link" not in html and "Change<span" not in html
    assert "Members disagree on scope." in html  # the submitted answers, read-only


def test_members_see_change_links_and_the_submit_button(client, officer, merton, partnership):
    assessment = make_assessment("joint", "in_progress", merton, partnership, officer)
    Answer.objects.filter(assessment=assessment).delete()
    questions = {q.key: q for q in assessment.questionnaire.questions.all()}
    Answer.objects.bulk_create(Answer(assessment=assessment, question=questions[k], value=v) for k, v in banks.MIXED.items())
    client.force_login(officer)
    check = client.get(reverse("toolkit:assessment-check", args=[assessment.pk])).content.decode()
    assert check.count("Change<span") == 13 and "Submit assessment" in check


# --- Pages of a council, a partnership and their reports -----------------------------------------


def council_and_partnership_pages(merton, partnership):
    return {
        "self home": reverse("toolkit:self-assessment", args=[merton.slug]),
        "joint home": reverse("toolkit:joint-assessment", args=[merton.slug]),
        "design home": reverse("toolkit:design", args=[merton.slug]),
        "council reports": reverse("toolkit:council-exports", args=[merton.slug]),
        "partnership": reverse("toolkit:partnership", args=[partnership.slug]),
        "partnership reports": reverse("toolkit:partnership-exports", args=[partnership.slug]),
    }


OWNER_PAGES = {
    "self home": "200", "joint home": "200", "design home": "200", "council reports": "200",
    "partnership": "200", "partnership reports": "200",
}
PAGE_EXPECTED = {
    "officer": OWNER_PAGES,
    "manager": OWNER_PAGES,
    # Sutton's officer is in the partnership but not in Merton.
    "partner": {**dict.fromkeys(["self home", "joint home", "design home", "council reports"], "404"), "partnership": "200", "partnership reports": "200"},
    "partner manager": {**dict.fromkeys(["self home", "joint home", "design home", "council reports"], "404"), "partnership": "200", "partnership reports": "200"},
    "outsider": dict.fromkeys(OWNER_PAGES, "404"),
    "admin": OWNER_PAGES,
    "anonymous": dict.fromkeys(OWNER_PAGES, "sign-in"),
}


@pytest.mark.parametrize("user", USERS)
def test_council_and_partnership_pages(user, people, merton, partnership):
    client = Client()
    if user != "anonymous":
        client.force_login(people[user])
    found = {}
    for name, url in council_and_partnership_pages(merton, partnership).items():
        response = client.get(url)
        found[name] = "sign-in" if response.status_code == 302 and response["Location"].startswith("/sign-in/") else str(response.status_code)
    assert found == PAGE_EXPECTED[user]


START_EXPECTED = {
    # (self, joint, design): members start; the design cannot start before the joint
    # assessments are complete, so it goes back to the design page with a message.
    "officer": ("→assessment", "→assessment", "→design home"),
    "manager": ("→assessment", "→assessment", "→design home"),
    "partner": ("404", "404", "404"),
    "partner manager": ("404", "404", "404"),
    "outsider": ("404", "404", "404"),
    "admin": ("403", "403", "403"),
    "anonymous": ("sign-in", "sign-in", "sign-in"),
}


@pytest.mark.parametrize("user", USERS)
def test_starting_each_step(user, people, merton, partnership):
    client = Client()
    if user != "anonymous":
        client.force_login(people[user])
    found = []
    for path in ["self-assessment", "joint-assessment", "design"]:
        response = client.post(reverse(f"toolkit:{path}-start", args=[merton.slug]), {"partnership": partnership.slug})
        location = response.get("Location", "")
        if response.status_code != 302:
            found.append(str(response.status_code))
        elif location.startswith("/sign-in/"):
            found.append("sign-in")
        elif location == reverse("toolkit:design", args=[merton.slug]):
            found.append("→design home")
        else:
            assert location.startswith("/assessments/")
            found.append("→assessment")
    assert tuple(found) == START_EXPECTED[user]
    started = sorted(Assessment.objects.values_list("step", "council__slug", "partnership__slug"))
    expected = [("joint", "merton", "legal"), ("self", "merton", None)] if START_EXPECTED[user][0] == "→assessment" else []
    assert started == expected


def test_a_partner_cannot_start_in_a_partnership_its_council_is_not_in(client, officer, merton):
    elsewhere = factories.partnership("elsewhere", lead=factories.council("kingston"), members=[factories.council("kingston"), factories.council("richmond")])
    client.force_login(officer)
    response = client.post(reverse("toolkit:joint-assessment-start", args=[merton.slug]), {"partnership": elsewhere.slug})
    assert response.status_code == 404
    assert Assessment.objects.count() == 0


def test_exports_follow_their_owner(client, people, merton, partnership, officer):
    from django.core.files.base import ContentFile

    from toolkit.models import Export

    def export_of(**owner):
        export = Export(kind="readiness", questionnaire_version=1, created_by=officer, **owner)
        export.file.save("report.pdf", ContentFile(b"%PDF-1.7 test"), save=True)
        return export

    council_export = export_of(council=merton)
    partnership_export = export_of(partnership=partnership)
    found = {}
    for user in USERS:
        client = Client()
        if user != "anonymous":
            client.force_login(people[user])
        row = []
        for export in (council_export, partnership_export):
            response = client.get(reverse("toolkit:export-download", args=[export.pk]))
            row.append("sign-in" if response.status_code == 302 else str(response.status_code))
        found[user] = tuple(row)
    assert found == {
        "officer": ("200", "200"), "manager": ("200", "200"), "partner": ("404", "200"), "partner manager": ("404", "200"),
        "outsider": ("404", "404"), "admin": ("200", "200"), "anonymous": ("sign-in", "sign-in"),
    }


def query_count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_step_pages_and_report_lists_run_the_same_queries_with_1_and_6_partnerships(client, officer, merton, sutton):
    from toolkit.models import Export

    def grow(first, count):
        for i in range(first, first + count):
            partnership = factories.partnership(f"p{i}", lead=merton, members=[merton, sutton, factories.council(f"c{i}")])
            questionnaire = Questionnaire.objects.get(step="joint", status="published")
            Assessment.objects.create(questionnaire=questionnaire, council=merton, partnership=partnership, status="submitted", submitted_at=timezone.now())
            Assessment.objects.create(questionnaire=questionnaire, council=merton, partnership=partnership)
            export = Export.objects.create(kind="readiness", council=merton, questionnaire_version=1, file="x.pdf", created_by=officer)
            export.assessments.add(*Assessment.objects.filter(partnership=partnership))

    client.force_login(officer)
    urls = [reverse(f"toolkit:{path}", args=["merton"]) for path in ("self-assessment", "joint-assessment", "design", "council-exports")]
    grow(0, 1)
    client.get(urls[0])  # warm the session
    small = [query_count(client, url) for url in urls]
    grow(1, 5)
    assert [query_count(client, url) for url in urls] == small
    # Self: session, user, header councils, council, standing, step, questionnaire, section count, assessments.
    # Joint and design add the partnerships with their councils, decisions to proceed and
    # assessments (progress); the report list: exports and their assessments.
    assert small == [9, 13, 13, 8]
