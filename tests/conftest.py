from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests import factories

FIXTURES = sorted(str(p) for p in (Path(settings.BASE_DIR) / "fixtures").glob("*.json"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real question bank once; each test runs in a transaction rolled back after it."""
    with django_db_blocker.unblock():
        call_command("loaddata", *FIXTURES, verbosity=0)


@pytest.fixture
def merton(db):
    return factories.council("merton")


@pytest.fixture
def sutton(db):
    return factories.council("sutton")


@pytest.fixture
def officer(merton):
    """An officer of Merton."""
    return factories.user("officer", council=merton)


@pytest.fixture
def manager(merton):
    """A programme manager of Merton."""
    return factories.user("manager", council=merton, role="programme_manager")


@pytest.fixture
def outsider(sutton):
    """An officer of another council, who must not see Merton's work."""
    return factories.user("outsider", council=sutton)


@pytest.fixture
def admin_user(db):
    return factories.user("administrator", is_staff=True, is_superuser=True)


@pytest.fixture
def partnership(merton, sutton):
    return factories.partnership("legal", lead=merton, members=[merton, sutton, factories.council("kingston")])
