"""The page of an assessment's history of changes: for the programme managers of the council
that answers it and administrators; 403 to others who may view the assessment, 404 to those who
may not, sign-in to the anonymous. Newest first, paginated, a line per answer or comment changed;
a council's private notes only for its own people."""

import re
from datetime import datetime
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import banks
from tests.audit import client_for
from toolkit import questionnaires
from toolkit.answers import AnswerSheet, save_section
from toolkit.audit import trail
from toolkit.models import Answer, Assessment, PrivateNote

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def history_url(assessment, page=None):
    return reverse("toolkit:assessment-history", args=[assessment.pk]) + (f"?page={page}" if page else "")


def rows(response) -> list:
    """The history table's rows, each a list of its cells' text."""
    body = re.search(r'<tbody class="govuk-table__body">(.*?)</tbody>', response.content.decode(), re.DOTALL)
    if body is None:
        return []
    return [
        [" ".join(unescape(re.sub(r"<[^>]+>", " ", cell)).split()) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.DOTALL)]
        for row in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", body[1], re.DOTALL)
    ]


def at(day, hour):
    return datetime(2026, 5, day, hour, 0, tzinfo=LONDON)


def save(sheet, slug, values, user, when, comments=None, notes=None):
    """Save one page of answers as ``user``, and date its history records ``when``."""
    latest = max([0, *Answer.history.values_list("history_id", flat=True)])
    latest_note = max([0, *PrivateNote.history.values_list("history_id", flat=True)])
    save_section(sheet, sheet.section(slug), values, comments or {}, user, notes=notes)
    Answer.history.filter(history_id__gt=latest).update(history_date=when)
    PrivateNote.history.filter(history_id__gt=latest_note).update(history_date=when)


@pytest.fixture
def self_assessment(merton, officer, manager):
    """Merton's self assessment of the test bank: the officer answered the costs page, the
    programme manager changed two answers and a comment the next day and cleared one."""
    banks.questionnaire("self")
    assessment = Assessment.objects.create(questionnaire=questionnaires.published("self"), council=merton, started_by=officer)
    sheet = AnswerSheet(assessment)
    save(sheet, "costs", {"costs-known": "yes", "costs-budget": "1250000", "costs-staff": 12}, officer, at(1, 9), {"costs-known": "From the 2025 accounts"})
    save(sheet, "costs", {"costs-known": "no", "costs-budget": "1250000", "costs-staff": None}, manager, at(2, 14), {"costs-known": "Not since the restructure"})
    return assessment


EXPECTED = [
    ["2 May 2026, 14:00", "Manager Tester", "How many staff work in the service? Answer", "12", "Not answered"],
    ["2 May 2026, 14:00", "Manager Tester", "Do you know your costs? Answer", "Yes", "No"],
    ["2 May 2026, 14:00", "Manager Tester", "Do you know your costs? Comment", "From the 2025 accounts", "Not since the restructure"],
    ["1 May 2026, 09:00", "Officer Tester", "How many staff work in the service? Answer", "Not answered", "12"],
    ["1 May 2026, 09:00", "Officer Tester", "What is the budget? Answer", "Not answered", "£1,250,000"],
    ["1 May 2026, 09:00", "Officer Tester", "Do you know your costs? Answer", "Not answered", "Yes"],
    ["1 May 2026, 09:00", "Officer Tester", "Do you know your costs? Comment", "No comment", "From the 2025 accounts"],
]


def test_the_councils_programme_manager_reads_every_change_newest_first(self_assessment, manager):
    response = client_for(manager).get(history_url(self_assessment))
    assert response.status_code == 200
    assert rows(response) == EXPECTED


def test_an_administrator_reads_it_too(self_assessment, admin_user):
    assert rows(client_for(admin_user).get(history_url(self_assessment))) == EXPECTED


def test_the_councils_officer_may_not_and_is_told_so(self_assessment, officer):
    assert client_for(officer).get(history_url(self_assessment)).status_code == 403


def test_a_council_that_may_not_see_the_assessment_is_not_told_it_exists(self_assessment, partner_officer, partner_manager, outsider, partnership):
    # Sutton is Merton's partner in ``partnership``; a self assessment is Merton's alone.
    for user in (partner_officer, partner_manager, outsider):
        assert client_for(user).get(history_url(self_assessment)).status_code == 404


def test_the_anonymous_are_sent_to_sign_in(self_assessment):
    response = client_for(None).get(history_url(self_assessment))
    assert (response.status_code, response["Location"]) == (302, f"/sign-in/?next={history_url(self_assessment)}")


def test_the_task_list_links_to_it_for_programme_managers_and_administrators_only(self_assessment, manager, officer, admin_user):
    link = f'<a class="govuk-link" href="{history_url(self_assessment)}">History of changes</a>'
    task_list = reverse("toolkit:assessment", args=[self_assessment.pk])
    assert [link in client_for(user).get(task_list).content.decode() for user in (manager, admin_user, officer)] == [True, True, False]


@pytest.fixture
def joint(partnership, merton, officer):
    """Merton's joint assessment in the partnership, submitted, with an answer and a private note."""
    assessment = Assessment.objects.create(questionnaire=questionnaires.published("joint"), council=merton, partnership=partnership, started_by=officer)
    sheet = AnswerSheet(assessment, private=True)
    section = sheet.sections[0]
    question = next(q for q in section.questions.all() if q.kind in ("text", "long_text", "yes_no", "single"))
    value = question.options.all()[0].value if question.is_choice else "Legal services"
    save(sheet, section.slug, {question.key: value}, officer, at(3, 10), notes={question.key: "Only if Sutton hosts"})
    Assessment.objects.filter(pk=assessment.pk).update(status="submitted")
    assessment.answer_line = [
        "3 May 2026, 10:00", "Officer Tester", f"{question.text} Answer", "Not answered",
        question.options.all()[0].label if question.is_choice else "Legal services",
    ]
    assessment.note_line = ["3 May 2026, 10:00", "Officer Tester", f"{question.text} Private note", "No note", "Only if Sutton hosts"]
    return assessment


def test_a_joint_assessments_private_notes_are_shown_to_its_own_council_only(joint, manager, partner_manager, partner_officer, admin_user):
    response = client_for(manager).get(history_url(joint))
    assert rows(response) == [joint.note_line, joint.answer_line]
    assert "Your council's private notes are included" in response.content.decode()
    # Partners read the submitted answers, not their history; administrators read the answers' history only.
    assert [client_for(user).get(history_url(joint)).status_code for user in (partner_manager, partner_officer)] == [403, 403]
    assert rows(client_for(admin_user).get(history_url(joint))) == [joint.answer_line]


def test_a_business_cases_history_is_for_each_member_councils_programme_managers(partnership, officer, manager, partner_manager, partner_officer, outsider):
    case = Assessment.objects.create(questionnaire=questionnaires.published("design"), partnership=partnership, started_by=officer)
    statuses = [client_for(user).get(history_url(case)).status_code for user in (manager, partner_manager, officer, partner_officer, outsider)]
    assert statuses == [200, 200, 403, 403, 404]


def test_a_council_no_longer_in_the_partnership_loses_its_joint_assessments_history(joint, manager, partnership, merton):
    partnership.memberships.filter(council=merton).delete()
    assert client_for(manager).get(history_url(joint)).status_code == 404


def test_a_removed_users_changes_stay_attributed_to_a_former_user(self_assessment, manager, officer):
    officer.delete()
    shown = rows(client_for(manager).get(history_url(self_assessment)))
    assert [line[1] for line in shown] == ["Manager Tester"] * 3 + ["a former user"] * 4


def test_pages_of_fifty_newest_first_in_the_same_queries_whatever_the_page(self_assessment, manager):
    sheet = AnswerSheet(self_assessment)
    for minute in range(60):
        save(sheet, "costs", {"costs-known": "no", "costs-budget": str(1000 + minute), "costs-staff": None}, manager, at(3, 0).replace(minute=minute))
    client = client_for(manager)
    first = client.get(history_url(self_assessment))
    assert len(rows(first)) == trail.PER_PAGE
    assert rows(first)[0] == ["3 May 2026, 00:59", "Manager Tester", "What is the budget? Answer", "£1,058", "£1,059"]
    last = client.get(history_url(self_assessment, 2))
    assert rows(last)[-len(EXPECTED):] == EXPECTED
    assert 'aria-current="page">2</a>' in last.content.decode()
    counts = []
    for page in (1, 2):
        with CaptureQueriesContext(connection) as captured:
            client.get(history_url(self_assessment, page))
        counts.append(len(captured))
    assert counts[0] == counts[1]
