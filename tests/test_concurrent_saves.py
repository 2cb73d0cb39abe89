"""Two officers saving the same page at the same moment, as real concurrent requests on
PostgreSQL: one save wins whole, the other is told what changed and saves nothing. Never a lost
update, a mix of the two, or a server error.

Each officer has their own test client in their own thread, so their own database connection.
Both open the page before either saves; then both post at once, and a barrier inside the view
holds each request until both have read the page's answers: the worst interleaving, every time.
Only PostgreSQL can run two such requests at once (SQLite's test database is one in-memory
connection), so on SQLite these tests are skipped; CI's PostgreSQL stage runs them.
"""

import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client

from tests import factories
from tests.threads import WAIT, at_once, on_another_connection
from tests.business_case.conftest import form_data
from tests.wizard_helpers import complete_answers, field_name, post_data, section_url
from toolkit import answers, wizard
from toolkit.answers import AnswerSheet, save_section, start_assessment
from toolkit.models import Answer, Assessment, CaseOption, Questionnaire

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL: two requests at once on their own connections (SQLite's test database is one in-memory connection)",
    ),
    # Each request must see what the other committed, so the test cannot run in a rolled-back transaction.
    pytest.mark.django_db(transaction=True),
]

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def load(*names):
    """Part of the real question bank: a transactional test starts with an empty database (and
    leaves one), and loading only what it needs keeps it quick."""
    call_command("loaddata", *(str(FIXTURES / name) for name in ("01_steps_and_themes.json", "02_councils.json", *names)), verbosity=0)


@pytest.fixture
def both_read_first(monkeypatch):
    """``hold()``: from then on, hold each post, once the view has read the page's saved answers,
    until the other post has too. Only the two racing posts go through it, so they meet."""

    def hold():
        meeting = threading.Barrier(2, timeout=WAIT)
        post = wizard.AssessmentWizard.post

        def post_when_both_have_read(self, *args, **kwargs):
            meeting.wait()
            return post(self, *args, **kwargs)

        monkeypatch.setattr(wizard.AssessmentWizard, "post", post_when_both_have_read)

    return hold


def signed_in(user):
    client = Client(raise_request_exception=False)  # a server error is a status to assert on, not a crash
    client.force_login(user)
    return client


def winner_and_loser(responses):
    statuses = {name: r.status_code for name, r in responses.items()}
    assert sorted(statuses.values()) == [200, 302], statuses
    won = next(name for name, status in statuses.items() if status == 302)
    lost = next(name for name in statuses if name != won)
    return won, lost


def typed_by(who, round_):
    """A chooser for ``complete_answers``: ``who``'s answer to a question in the ``round_``th race,
    different from the other officer's and from their own in the other round."""
    index = ["amy", "ben"].index(who)

    def choose(question):
        if question.is_choice:
            values = [o.value for o in question.options.all()]
            value = values[min(index, len(values) - 1)]
            return [value] if question.kind == question.Kind.MULTIPLE else value
        return {
            "number": str(12 + index + 10 * round_),
            "money": f"{1000 * (index + 1) + round_:,}",
            "percentage": str(10 + index + 10 * round_),
            "date": (str(1 + index), str(3 + round_), "2027"),
        }.get(question.kind, f"{who.title()}'s answer in round {round_}")

    return choose


def page_post(section, answers, comment, seen_at):
    data = post_data(section, answers, seen_at=seen_at)
    for question in section.questions.all():
        if question.key in answers:
            data[field_name(section, question, "comment")] = comment
    return data


def as_stored(section, answers):
    """Answers as ``post_data`` posts them -> as the page stores them."""
    kinds = {q.key: q.kind for q in section.questions.all()}
    stored = {}
    for key, value in answers.items():
        if kinds[key] == "money":
            value = value.replace(",", "")
        elif kinds[key] == "number":
            value = int(value)
        elif kinds[key] == "date":
            day, month, year = value
            value = f"{year}-{int(month):02d}-{int(day):02d}"
        stored[key] = value
    return stored


def test_two_officers_saving_a_self_assessment_page_at_once(transactional_db, both_read_first):
    """Twice: on a page never saved (where the later save used to fail on the database's
    one-answer-per-question rule) and on a page already saved (where it used to overwrite the
    earlier save unseen)."""
    load("10_self_assessment.json")
    merton = factories.council("merton")
    users = {"amy": factories.user("amy", council=merton), "ben": factories.user("ben", council=merton)}
    assessment = start_assessment(Questionnaire.objects.get(step="self", status="published"), users["amy"], council=merton)
    section = AnswerSheet(assessment).visible_sections()[0]
    url = section_url(assessment, section.slug)
    clients = {name: signed_in(user) for name, user in users.items()}
    both_read_first()
    for round_ in (1, 2):
        sheet = AnswerSheet(assessment)
        answers = {name: complete_answers(sheet, section, typed_by(name, round_)) for name in users}
        assert answers["amy"] != answers["ben"]
        seen = {name: client.get(url).context["form"]["seen_at"].value() for name, client in clients.items()}
        responses = at_once({
            name: (lambda name=name: clients[name].post(url, page_post(section, answers[name], f"{name} {round_}", seen[name])))
            for name in clients
        })

        won, lost = winner_and_loser(responses)
        assert "Someone else changed answers on this page" in responses[lost].content.decode()
        rows = Answer.objects.filter(assessment=assessment, question__section=section).select_related("question", "updated_by")
        assert {row.question.key: row.value for row in rows} == as_stored(section, answers[won])
        assert {(row.comment, row.updated_by.username) for row in rows} == {(f"{won} {round_}", won)}


def test_two_officers_saving_a_business_case_page_of_rows_at_once(transactional_db, both_read_first):
    """Twice, as above: the options page never saved, then saved."""
    load("10_self_assessment.json", "20_joint_assessment.json", "30_design.json")
    merton, sutton = factories.council("merton"), factories.council("sutton")
    partnership = factories.partnership("legal", lead=merton, members=[merton, sutton])
    users = {"amy": factories.user("amy", council=merton), "ben": factories.user("ben", council=sutton)}
    design = Questionnaire.objects.get(step="design", status="published")
    case = Assessment.objects.create(questionnaire=design, partnership=partnership, started_by=users["amy"])
    url = section_url(case, "options")
    clients = {name: signed_in(user) for name, user in users.items()}
    both_read_first()
    for round_ in (1, 2):
        rows = {
            "amy": [("business-as-usual", f"Amy's business as usual {round_}"), ("other", f"Amy's shared service {round_}")],
            "ben": [("do-minimum", f"Ben's do minimum {round_}")],
        }
        opened = {name: form_data(client.get(url)) for name, client in clients.items()}
        responses = at_once({
            name: (lambda name=name: clients[name].post(url, options_post(opened[name], rows[name]))) for name in clients
        })

        won, lost = winner_and_loser(responses)
        assert "Someone else changed this page while you were working on it. Nothing has been saved yet." in responses[lost].content.decode()
        stored = list(CaseOption.objects.filter(assessment=case).order_by("position").values_list("kind", "name", "updated_by__username"))
        assert stored == [(kind, name, won) for kind, name in rows[won]]


def options_post(opened, rows):
    """The options page as opened, with ``rows`` (kind, name) typed in place of what it showed."""
    data = {k: v for k, v in opened.items() if not k.startswith("options-rows-") or k.endswith("_FORMS")}
    data.update({"action": "continue", "options-rows-TOTAL_FORMS": str(len(rows))})
    for index, (kind, name) in enumerate(rows):
        data.update({f"options-rows-{index}-kind": kind, f"options-rows-{index}-name": name, f"options-rows-{index}-description": ""})
    return data


def test_a_page_read_while_a_colleagues_save_commits_does_not_overwrite_it(transactional_db, monkeypatch):
    """The colleague's save of an answer and a private note commits after the page has read the
    answers and before it reads the notes. Read from one snapshot, the page shows neither, and
    saving it is told of their answer; read table by table, it showed their note, took their
    stamp as seen, and overwrote their answer unwarned."""
    load("10_self_assessment.json", "20_joint_assessment.json")
    merton, sutton = factories.council("merton"), factories.council("sutton")
    partnership = factories.partnership("legal", lead=merton, members=[merton, sutton])
    amy, ben = factories.user("amy", council=merton), factories.user("ben", council=merton)
    joint = start_assessment(Questionnaire.objects.get(step="joint", status="published"), amy, council=merton, partnership=partnership)
    section = AnswerSheet(joint).section("expectations")
    read_on, once = answers.spec_for, []

    def ben_saves_between_the_reads(question):
        # AnswerSheet reads the answers, makes each question's spec, then reads the notes.
        if not once:
            once.append(True)
            on_another_connection(lambda: save_section(
                AnswerSheet(Assessment.objects.get(pk=joint.pk), private=True), section,
                {"joint-aims": "Ben's aims"}, {"joint-aims": ""}, ben, notes={"joint-aims": "Ben's note"},
            ))
        return read_on(question)

    monkeypatch.setattr(answers, "spec_for", ben_saves_between_the_reads)
    client = signed_in(amy)
    page = client.get(section_url(joint, "expectations"))
    monkeypatch.setattr(answers, "spec_for", read_on)

    response = client.post(
        section_url(joint, "expectations"), post_data(section, {"joint-aims": "Amy's aims"}, action="later", seen_at=page.context["form"]["seen_at"].value())
    )
    assert response.status_code == 200
    assert [(c.question.key, c.theirs, c.what) for c in response.context["conflicts"]] == [("joint-aims", "Ben's aims", "answer")]
    assert list(Answer.objects.filter(assessment=joint).values_list("value", "updated_by__username")) == [("Ben's aims", "ben")]
    assert once and (page.context["form"]["answer_joint-aims"].value(), page.context["form"]["private_joint-aims"].value()) == (None, None)


def test_a_page_of_rows_read_while_a_colleagues_save_commits_does_not_delete_their_rows(transactional_db, monkeypatch):
    """The same for the savings page, whose savings and income are read one after the other: the
    colleague's saving and income commit between the two reads."""
    from toolkit.business_case import pages as case_pages
    from toolkit.models import SavingEstimate

    load("10_self_assessment.json", "20_joint_assessment.json", "30_design.json")
    merton, sutton = factories.council("merton"), factories.council("sutton")
    partnership = factories.partnership("legal", lead=merton, members=[merton, sutton])
    amy, ben = factories.user("amy", council=merton), factories.user("ben", council=sutton)
    case = Assessment.objects.create(questionnaire=Questionnaire.objects.get(step="design", status="published"), partnership=partnership, started_by=amy)
    url = section_url(case, "savings")
    bens = signed_in(ben)
    bens_page = form_data(bens.get(url), action="continue", **{"savings-year-1-staff": "7,000", "savings-year-1-income": "500"})
    income, once = case_pages.IncomeEstimate, []

    class BenSavesBetweenTheReads:
        @property
        def objects(self):
            if not once:
                once.append(True)
                on_another_connection(lambda: bens.post(url, bens_page))
            return income.objects

    monkeypatch.setattr(case_pages, "IncomeEstimate", BenSavesBetweenTheReads())
    amys = signed_in(amy)
    page = amys.get(url)
    monkeypatch.setattr(case_pages, "IncomeEstimate", income)

    response = amys.post(url, form_data(page, action="continue", **{"savings-year-2-staff": "1,000"}))
    assert once and response.status_code == 200
    assert "Someone else changed this page while you were working on it. Nothing has been saved yet." in response.content.decode()
    assert list(SavingEstimate.objects.filter(assessment=case).values_list("year", "source", "amount", "updated_by__username")) == [(1, "staff", 7000, "ben")]
    shown = form_data(page)
    assert (shown.get("savings-year-1-staff"), shown.get("savings-year-1-income")) == ("", "")  # neither, read at one moment
