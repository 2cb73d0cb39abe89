from pathlib import Path

import pytest
from django.core.cache import cache
from django.conf import settings
from django.core.management import call_command

from tests import factories
from toolkit import content_cache

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
def signed_in(client, officer):
    """The test client, signed in as Merton's officer."""
    client.force_login(officer)
    return client


@pytest.fixture
def partner_officer(sutton):
    """An officer of Sutton, Merton's partner when the ``partnership`` fixture is used."""
    return factories.user("partner", council=sutton)


@pytest.fixture
def outsider(db):
    """An officer of Stafford, a council in no partnership with Merton, who must not see its work."""
    return factories.user("outsider", council=factories.council("stafford"))


@pytest.fixture
def admin_user(db):
    """An administrator of the service, a member of no council."""
    return factories.user("administrator", is_staff=True, is_superuser=True)


@pytest.fixture
def staff_user(db):
    """An administrator of the service with staff status only (not a superuser): the access
    rules treat staff as administrators."""
    return factories.user("staff", is_staff=True)


@pytest.fixture
def partner_manager(sutton):
    """A programme manager of Sutton."""
    return factories.user("partner-manager", council=sutton, role="programme_manager")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # The real hasher takes about a second per user on purpose; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def no_sign_in_throttling(settings):
    # Tests sign in and fail to sign in many times over; sign-in throttling (django-axes) is
    # tested on its own, turned back on, in tests/test_sign_in_throttling.py.
    settings.AXES_ENABLED = False


@pytest.fixture(autouse=True)
def empty_cache():
    # Each test's database starts again at the same content version and ids; what an earlier
    # test cached under them is not this test's content.
    cache.clear()
    content_cache.forget_here()
    yield
    cache.clear()
    content_cache.forget_here()


@pytest.fixture
def partnership(merton, sutton):
    return factories.partnership("legal", lead=merton, members=[merton, sutton, factories.council("kingston")])
