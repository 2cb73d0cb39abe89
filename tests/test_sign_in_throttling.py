"""Sign-in throttling (django-axes): five failed attempts lock a username out for the cool-off,
whatever password comes next, with the reason on the sign-in page; an administrator unlocks it
in Django admin. The rest of the suite runs with throttling off (tests/conftest.py)."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests import factories

LOCKED = "Too many attempts to sign in. Try again in 15 minutes or ask your administrator to unlock your account."
WRONG = "Enter a correct username and password. Both are case-sensitive."


@pytest.fixture(autouse=True)
def throttling(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


def sign_in(client, username, password, url="/sign-in/"):
    return client.post(url, {"username": username, "password": password})


def error_summary(response) -> str:
    found = re.search(r'<div class="govuk-error-summary".*?</ul>', response.content.decode(), re.DOTALL)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(0))).strip() if found else ""


def fail(client, username, times):
    return [sign_in(client, username, "not-the-password") for _ in range(times)]


def test_five_failures_lock_the_username_out_with_the_reason_on_the_sign_in_page(client, officer):
    responses = fail(client, "officer", 5)
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert WRONG in error_summary(responses[3])
    locked = responses[4]
    assert LOCKED in error_summary(locked)
    page = locked.content.decode()
    assert "<title>Error: Sign in" in page
    assert 'value="officer"' in page  # the username stays in its field
    assert "not-the-password" not in page

    # The right password is refused too while the lock lasts, and nobody is signed in.
    right = sign_in(client, "officer", factories.PASSWORD)
    assert right.status_code == 429
    assert LOCKED in error_summary(right)
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("toolkit:dashboard"))["Location"].startswith("/sign-in/")


def test_the_lock_ends_after_the_cool_off(client, officer):
    fail(client, "officer", 5)
    AccessAttempt.objects.filter(username="officer").update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = sign_in(client, "officer", factories.PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("toolkit:dashboard")


def test_the_message_gives_the_configured_cool_off(client, officer, settings):
    settings.AXES_COOLOFF_TIME = timedelta(minutes=1)
    assert "Try again in 1 minute or ask" in error_summary(fail(client, "officer", 5)[-1])


def test_a_successful_sign_in_starts_the_count_again(client, officer):
    fail(client, "officer", 4)
    assert sign_in(client, "officer", factories.PASSWORD).status_code == 302
    client.post(reverse("logout"))
    assert [r.status_code for r in fail(client, "officer", 4)] == [200] * 4


def test_a_locked_username_does_not_lock_out_others_at_the_same_address(client, officer, manager):
    fail(client, "officer", 5)
    assert sign_in(client, "manager", factories.PASSWORD).status_code == 302


def test_the_lock_holds_on_the_django_admin_sign_in_too(client, db):
    factories.user("chief", is_staff=True, is_superuser=True)
    fail(client, "chief", 5)
    response = sign_in(client, "chief", factories.PASSWORD, url="/admin/login/")
    assert response.status_code == 429
    assert LOCKED in error_summary(response)


def test_an_administrator_unlocks_a_username_in_django_admin(client, officer, admin_user):
    fail(client, "officer", 5)
    attempt = AccessAttempt.objects.get(username="officer")

    admin = Client()
    admin.force_login(admin_user)
    listing = admin.get(reverse("admin:axes_accessattempt_changelist"), {"locked_out": "yes"})
    assert listing.status_code == 200
    assert "officer" in listing.content.decode()
    # Deleting the username's access attempts is what unlocks it.
    confirm = admin.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "delete_selected", "_selected_action": [attempt.pk], "post": "yes"},
    )
    assert confirm.status_code == 302
    assert not AccessAttempt.objects.filter(username="officer").exists()

    response = sign_in(client, "officer", factories.PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("toolkit:dashboard")


def test_only_administrators_see_the_access_attempts(client, officer):
    fail(Client(), "someone", 5)
    client.force_login(officer)
    response = client.get(reverse("admin:axes_accessattempt_changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
