"""Every main page runs the same number of queries whether the service holds the demo's few
councils or 400 more with their assessments, partnerships and business cases (the scale data of
``seed_demo --scale``), and whether a questionnaire has 10 questions or 60. With 2 and with 8
partners: tests/business_case/test_queries.py and tests/compatibility/test_page_queries.py."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests import banks

from tests.queries import page_queries
from toolkit import scale_demo
from toolkit.answers import AnswerSheet
from toolkit.models import Answer, Assessment, Council, Option, Question

pytestmark = pytest.mark.django_db


def main_pages() -> dict:
    """(who, page) -> address, over the demo data: each step's pages as the demo's users see them."""
    merton = Assessment.objects.get(council__slug="merton", step="self", status="submitted")
    draft = Assessment.objects.get(council__slug="sutton", step="self", status="in_progress")
    joint = Assessment.objects.get(council__slug="merton", step="joint", partnership__slug="south-london-legal")
    case = Assessment.objects.get(step="design", partnership__slug="south-london-legal")
    section = AnswerSheet(draft).sections[0].slug
    return {
        ("merton-pm", "dashboard"): reverse("toolkit:dashboard"),
        ("merton-pm", "self-assessment page"): reverse("toolkit:self-assessment", args=["merton"]),
        ("merton-pm", "task list, submitted"): reverse("toolkit:assessment", args=[merton.pk]),
        ("merton-pm", "readiness summary"): reverse("toolkit:assessment-summary", args=[merton.pk]),
        ("sutton-officer", "task list, in progress"): reverse("toolkit:assessment", args=[draft.pk]),
        ("sutton-officer", "wizard page"): reverse("toolkit:assessment-section", args=[draft.pk, section]),
        ("sutton-officer", "check your answers"): reverse("toolkit:assessment-check", args=[draft.pk]),
        ("merton-pm", "joint assessment"): reverse("toolkit:assessment", args=[joint.pk]),
        ("merton-pm", "partnership page"): reverse("toolkit:partnership", args=["south-london-legal"]),
        ("merton-pm", "comparison"): reverse("toolkit:partnership-comparison", args=["south-london-legal"]),
        ("merton-pm", "compatibility report"): reverse("toolkit:partnership-report", args=["south-london-legal"]),
        ("merton-pm", "business case task list"): reverse("toolkit:assessment", args=[case.pk]),
        ("merton-pm", "business-case outline"): reverse("toolkit:assessment-summary", args=[case.pk]),
        ("merton-pm", "reports made"): reverse("toolkit:partnership-exports", args=["south-london-legal"]),
    }


def count_all(pages) -> dict:
    clients = {}
    for (who, _), _url in pages.items():
        if who not in clients:
            clients[who] = Client()
            clients[who].force_login(get_user_model().objects.get(username=who))
    return {name: page_queries(clients[name[0]], url) for name, url in pages.items()}


def test_every_main_page_runs_the_same_queries_with_400_more_councils(settings):
    settings.DEBUG = True  # seed_demo makes its accounts only with DEBUG on
    call_command("seed_demo", verbosity=0)
    pages = main_pages()
    few = count_all(pages)
    scale_demo.add_scale_data(400, 150, seed=11)
    assert Council.objects.count() > 400
    assert count_all(pages) == few


def add_questions(bank, count, assessments):
    """``count`` more yes/no questions on the bank's last page, answered "no" in each assessment."""
    section = bank.sections.order_by("position").last()
    theme = section.questions.first().theme
    for i in range(count):
        question = Question.objects.create(
            section=section, position=100 + i, key=f"extra-{i}", text=f"Extra question {i}?", kind="yes_no", theme=theme,
            source="002_3629ed7e1db573a4.txt",
        )
        Option.objects.bulk_create([Option(question=question, value="yes", label="Yes", score=100), Option(question=question, value="no", label="No", score=0, position=1)])
        Answer.objects.bulk_create(Answer(assessment=a, question=question, value="no") for a in assessments)


def test_self_assessment_pages_run_the_same_queries_with_10_and_with_60_questions(client, officer, merton):
    bank = banks.questionnaire("self")
    draft = Assessment.objects.create(questionnaire=bank, council=merton, started_by=officer)
    Answer.objects.create(assessment=draft, question=bank.questions.get(key="gate"), value="yes", updated_by=officer)
    submitted = Assessment.objects.create(
        questionnaire=bank, council=merton, started_by=officer, status="submitted", submitted_by=officer,
        submitted_at=timezone.now() - timedelta(days=30),
    )
    Answer.objects.bulk_create(Answer(assessment=submitted, question=bank.questions.get(key=k), value=v) for k, v in banks.MIXED.items() if v)
    client.force_login(officer)
    pages = {
        "task list": reverse("toolkit:assessment", args=[draft.pk]),
        "wizard page": reverse("toolkit:assessment-section", args=[draft.pk, "plans"]),
        "check your answers": reverse("toolkit:assessment-check", args=[draft.pk]),
        "submitted task list": reverse("toolkit:assessment", args=[submitted.pk]),
        "readiness summary": reverse("toolkit:assessment-summary", args=[submitted.pk]),
        "self-assessment page": reverse("toolkit:self-assessment", args=["merton"]),
    }
    before = {name: page_queries(client, url) for name, url in pages.items()}
    assert bank.questions.count() < 15
    add_questions(bank, 60 - bank.questions.count(), [draft, submitted])
    assert bank.questions.count() == 60
    assert {name: page_queries(client, url) for name, url in pages.items()} == before
