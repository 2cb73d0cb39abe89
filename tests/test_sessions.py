"""Sessions: changing one's password signs out every other session of the account but keeps the
one that changed it; a session ends after SESSION_COOKIE_AGE without a request, and is written
again only every few minutes while in use (toolkit.middleware.SessionActivityMiddleware)."""

import time

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests import factories
from toolkit.middleware import SEEN_KEY, refresh_interval

DASHBOARD = reverse("toolkit:dashboard")
NEW_PASSWORD = "a-new-and-longer-passphrase"


def signed_in(client) -> bool:
    response = client.get(DASHBOARD)
    assert response.status_code in (200, 302)
    return response.status_code == 200


def test_changing_the_password_signs_out_other_sessions_and_keeps_this_one(officer):
    laptop, phone = Client(), Client()
    # Signed in through the sign-in page, as people are.
    for device in (laptop, phone):
        assert device.post("/sign-in/", {"username": "officer", "password": factories.PASSWORD}).status_code == 302
    assert signed_in(laptop) and signed_in(phone)

    response = laptop.post(
        reverse("password_change"),
        {"old_password": factories.PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")

    assert signed_in(laptop)
    assert not signed_in(phone)
    assert phone.get(DASHBOARD)["Location"] == f"/sign-in/?next={DASHBOARD}"
    # The old password no longer works; the new one does.
    assert phone.post("/sign-in/", {"username": "officer", "password": factories.PASSWORD}).status_code == 200
    assert phone.post("/sign-in/", {"username": "officer", "password": NEW_PASSWORD}).status_code == 302


def test_a_weak_new_password_is_refused(client, officer):
    client.force_login(officer)
    response = client.post(
        reverse("password_change"), {"old_password": factories.PASSWORD, "new_password1": "password", "new_password2": "password"}
    )
    assert response.status_code == 200
    assert "This password is too common." in response.content.decode()
    officer.refresh_from_db()
    assert officer.check_password(factories.PASSWORD)


def session_row(client):
    return Session.objects.get(session_key=client.session.session_key)


def session_writes(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DASHBOARD).status_code == 200
    return sum(1 for q in queries if "django_session" in q["sql"] and not q["sql"].lstrip().upper().startswith("SELECT"))


def test_pages_soon_after_signing_in_do_not_write_the_session(client, officer):
    client.force_login(officer)
    expires = session_row(client).expire_date
    assert [session_writes(client) for _ in range(3)] == [0, 0, 0]
    assert session_row(client).expire_date == expires


def test_a_session_in_use_is_kept_alive_every_few_minutes(client, officer):
    client.force_login(officer)
    before = session_row(client).expire_date
    # As if the last write were longer ago than the refresh interval.
    session = client.session
    session[SEEN_KEY] = int(time.time()) - refresh_interval() - 1
    session.save()
    assert session_writes(client) == 1
    assert session_row(client).expire_date > before
    assert session_writes(client) == 0  # and not again straight away


def test_a_session_idle_for_longer_than_the_timeout_is_signed_out(client, officer, settings):
    settings.SESSION_COOKIE_AGE = 3600
    client.force_login(officer)
    assert signed_in(client)
    assert session_row(client).expire_date.timestamp() == pytest.approx(time.time() + 3600, abs=60)
    Session.objects.filter(session_key=client.session.session_key).update(expire_date=session_row(client).expire_date.replace(year=2000))
    assert not signed_in(client)


def test_a_visitor_without_a_session_is_not_given_one(client, db):
    response = client.get(reverse("toolkit:start"))
    assert response.status_code == 200
    assert "sessionid" not in response.cookies
    assert not Session.objects.exists()


def test_the_refresh_interval_is_at_most_five_minutes_and_a_tenth_of_the_timeout(settings):
    settings.SESSION_COOKIE_AGE = 8 * 3600
    assert refresh_interval() == 300
    settings.SESSION_COOKIE_AGE = 600
    assert refresh_interval() == 60
