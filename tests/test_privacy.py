"""The privacy page says what is kept and for how long, in the periods the settings give; and
`prune_records`, run daily, deletes what is kept only for a while."""

import re
from datetime import timedelta
from html import unescape

import pytest
from axes.models import AccessLog
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def kept(html) -> dict:
    """The page's "what we keep" list: {what: for how long, as the page says it}."""
    pairs = re.findall(r'<dt class="govuk-summary-list__key">(.*?)</dt>\s*<dd class="govuk-summary-list__value">(.*?)</dd>', html, re.DOTALL)
    return {unescape(key): " ".join(unescape(re.sub(r"<[^>]+>", "", value)).split()) for key, value in pairs}


def test_the_privacy_page_says_what_is_kept_and_for_how_long(settings):
    settings.SIGN_IN_RECORDS_DAYS, settings.LOG_RETENTION_DAYS, settings.SESSION_COOKIE_AGE = 60, 14, 30 * 60
    settings.AXES_FAILURE_LIMIT = 5
    found = kept(Client().get(reverse("toolkit:privacy")).content.decode())
    assert list(found) == [
        "Answers and comments", "Private notes", "Business cases and sign-offs", "Reports downloaded", "History of changes",
        "Signing in", "Sessions", "Server logs", "Backups",
    ]
    assert found["Signing in"] == (
        "A record of each time someone signs in or out, or fails to (after 5 failed attempts a username is locked for a while, "
        "to stop password guessing): the username, when, the internet (IP) address and the web browser used. Kept for 60 days."
    )
    assert found["Sessions"] == (
        "While you are signed in, a session keeps you signed in. It ends when you sign out or after 30 minutes without using "
        "the service, and is then deleted within a day."
    )
    assert found["Server logs"].endswith("Kept for 14 days to look into problems.")
    assert found["History of changes"].endswith(
        "on this site, the history of private notes is shown only to your council. The service's administrators can read "
        "every change, private notes included, in the audit trail, and can change none of them."
    )


def test_prune_records_deletes_ended_sessions_and_old_sign_in_records(settings):
    settings.SIGN_IN_RECORDS_DAYS = 90
    ended, live = SessionStore(), SessionStore()
    ended["x"], live["x"] = 1, 1
    ended.create(), live.create()
    Session.objects.filter(session_key=ended.session_key).update(expire_date=timezone.now() - timedelta(minutes=1))
    old = AccessLog.objects.create(username="a", user_agent="b")
    AccessLog.objects.create(username="c", user_agent="d")
    AccessLog.objects.filter(pk=old.pk).update(attempt_time=timezone.now() - timedelta(days=91))
    call_command("prune_records", verbosity=0)
    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]
    assert list(AccessLog.objects.values_list("username", flat=True)) == ["c"]
