"""Fixtures for the tests of reports made by jobs: Merton's and Sutton's submitted self
assessments (of the test bank, ``tests/banks.py``), the Legal Partnership's members' submitted
joint assessments, and its business case ready for sign-off."""

from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from tests import banks, factories
from tests.business_case.conftest import fill
from tests.compatibility.cases import KINGSTON_ANSWERS, MERTON_ANSWERS, SUTTON_ANSWERS
from toolkit.models import Answer, Assessment, Council, Question, Questionnaire


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def files_under(root: Path) -> list[str]:
    """Every file written under ``root``, as paths relative to it."""
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def self_assessment(council, user, values=banks.MIXED):
    """A submitted self assessment of the test bank, published as the self questionnaire."""
    questionnaire = Questionnaire.objects.filter(step="self", status="published", title="Test questionnaire").first() or banks.questionnaire("self")
    assessment = Assessment.objects.create(questionnaire=questionnaire, council=council, started_by=user)
    questions = {q.key: q for q in Question.objects.filter(section__questionnaire=questionnaire)}
    Answer.objects.bulk_create(Answer(assessment=assessment, question=questions[k], value=v, updated_by=user) for k, v in values.items())
    Assessment.objects.filter(pk=assessment.pk).update(status="submitted", submitted_by=user, submitted_at=timezone.now())
    assessment.refresh_from_db()
    return assessment


@pytest.fixture
def readiness(merton, officer):
    """Merton's submitted self assessment."""
    return self_assessment(merton, officer)


@pytest.fixture
def kingston(partnership):
    return Council.objects.get(slug="kingston")


@pytest.fixture
def joint(partnership, merton, sutton, kingston):
    """Every member's submitted joint assessment, of the test bank."""
    banks.questionnaire("joint")
    return [
        factories.joint_assessment(partnership, merton, MERTON_ANSWERS),
        factories.joint_assessment(partnership, sutton, SUTTON_ANSWERS),
        factories.joint_assessment(partnership, kingston, KINGSTON_ANSWERS),
    ]


@pytest.fixture
def ready_case(partnership, officer, kingston):
    """The partnership's business case, complete and ready for sign-off."""
    design = Questionnaire.objects.get(step="design", status="published")
    case = fill(Assessment.objects.create(questionnaire=design, partnership=partnership, started_by=officer), officer)
    Assessment.objects.filter(pk=case.pk).update(status="awaiting_sign_off", submitted_at=timezone.now())
    case.refresh_from_db()
    return case
