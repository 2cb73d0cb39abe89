"""/healthz, the load balancer's health check: 200 "ok" when the database answers, 503
"unavailable" when it does not; no sign-in, nothing else said, no session touched."""

from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test.utils import CaptureQueriesContext

from tests.permissions.world import tables_written

pytestmark = pytest.mark.django_db


def test_ok_when_the_database_answers_without_signing_in_or_a_session(client):
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/healthz")
    assert (response.status_code, response.content, response["Content-Type"]) == (200, b"ok", "text/plain; charset=utf-8")
    assert [q["sql"] for q in captured] == ["SELECT 1"]  # no session or user read
    assert (response.cookies, "no-cache" in response["Cache-Control"]) == ({}, True)


def test_unavailable_when_the_database_does_not_answer(client):
    with mock.patch.object(BaseDatabaseWrapper, "cursor", side_effect=OperationalError("connection refused to db.internal:5432")):
        response = client.get("/healthz")
    assert (response.status_code, response.content, response["Content-Type"]) == (503, b"unavailable", "text/plain; charset=utf-8")
    assert response.cookies == {}


def test_a_signed_in_browser_asking_leaves_its_session_alone(client, officer):
    client.force_login(officer)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/healthz")
    assert (response.status_code, response.content, response.cookies) == (200, b"ok", {})
    assert "django_session" not in tables_written(captured.captured_queries)


def test_only_get_and_head(client):
    assert [client.head("/healthz").status_code, client.post("/healthz").status_code] == [200, 405]


def test_answered_for_the_addresses_in_allowed_hosts_only(client, settings):
    # A load balancer asking each server by its own address needs that address in ALLOWED_HOSTS.
    settings.ALLOWED_HOSTS = ["toolkit.example.org", "10.0.1.5"]
    asked = {host: client.get("/healthz", HTTP_HOST=host).status_code for host in ("toolkit.example.org", "10.0.1.5", "10.0.1.6")}
    assert asked == {"toolkit.example.org": 200, "10.0.1.5": 200, "10.0.1.6": 400}
