"""Fixtures shared by the compatibility tests: the joint questionnaire, Kingston as a third member of
the Legal Partnership, and every member's submitted joint assessment."""

import pytest

from tests import banks, factories
from tests.compatibility.cases import KINGSTON_ANSWERS, MERTON_ANSWERS, SUTTON_ANSWERS
from toolkit.models import Council


@pytest.fixture
def media(settings, tmp_path):
    """Exports written under the test's own directory. The page tests use it on every test
    (``pytestmark``); it is not autouse, so the other modules here keep the settings they had."""
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def kingston(partnership):
    return Council.objects.get(slug="kingston")


@pytest.fixture
def kingston_officer(kingston):
    return factories.user("kingston-officer", council=kingston)


@pytest.fixture
def questionnaire(db):
    return banks.questionnaire("joint")


@pytest.fixture
def joint(questionnaire, partnership, merton, sutton, kingston):
    """Every member's submitted joint assessment, with the answers in ``cases.py``."""
    return {
        "merton": factories.joint_assessment(partnership, merton, MERTON_ANSWERS),
        "sutton": factories.joint_assessment(partnership, sutton, SUTTON_ANSWERS),
        "kingston": factories.joint_assessment(partnership, kingston, KINGSTON_ANSWERS),
    }
