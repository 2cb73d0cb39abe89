"""With DEBUG off the app refuses to start until it is given real secrets and hosts, and runs
hardened: HTTPS only, secure cookies, HSTS, and nothing for Django's deployment check to warn about."""

import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

SCRIPT = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG, settings.ALLOWED_HOSTS, settings.DATABASES['default']['ENGINE'])"


def run(**env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}}
    clean["DJANGO_SETTINGS_MODULE"] = "sharedservices.settings"
    return subprocess.run(
        [sys.executable, "-c", SCRIPT], env={**clean, **env}, cwd=settings.BASE_DIR, capture_output=True, text=True
    )


@pytest.mark.parametrize(
    "env,message",
    [
        ({"DEBUG": "0"}, "Set SECRET_KEY to a long random value when DEBUG is off."),
        ({"DEBUG": "0", "SECRET_KEY": "short"}, "Set SECRET_KEY to a long random value when DEBUG is off."),
        ({"DEBUG": "false", "SECRET_KEY": "x" * 50}, "Set ALLOWED_HOSTS (comma-separated host names) when DEBUG is off."),
    ],
)
def test_production_settings_refuse_unsafe_defaults(env, message):
    result = run(**env)
    assert result.returncode != 0
    assert f"django.core.exceptions.ImproperlyConfigured: {message}" in result.stderr


def test_production_settings_start_with_secrets_hosts_and_database_from_the_environment():
    result = run(DEBUG="0", SECRET_KEY="k" * 50, ALLOWED_HOSTS="toolkit.example.org, www.example.org", DATABASE_URL="postgres:///toolkit")
    assert result.stdout.strip() == "False ['toolkit.example.org', 'www.example.org'] django.db.backends.postgresql"


def test_local_defaults_are_debug_and_sqlite():
    assert run().stdout.strip() == "True ['localhost', '127.0.0.1', '[::1]'] django.db.backends.sqlite3"


# --- Hardened for production (DEBUG off) -----------------------------------------------------

SECURITY = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, s.CSRF_COOKIE_HTTPONLY, "
    "s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, "
    "s.X_FRAME_OPTIONS, s.SECURE_REFERRER_POLICY, s.SESSION_COOKIE_AGE, s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME)"
)
SECURITY_ENV = {
    "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
    "SESSION_IDLE_MINUTES", "SIGN_IN_FAILURE_LIMIT", "SIGN_IN_COOLOFF_MINUTES", "SECURE_PROXY_SSL_HEADER",
}
PRODUCTION = {"DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(64)[:50], "ALLOWED_HOSTS": "toolkit.example.org"}


def run_production(command, **env):
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"} | SECURITY_ENV}
    clean["DJANGO_SETTINGS_MODULE"] = "sharedservices.settings"
    return subprocess.run(command, env={**clean, **PRODUCTION, **env}, cwd=settings.BASE_DIR, capture_output=True, text=True, check=False)


def test_the_deploy_check_finds_nothing_to_warn_about_with_debug_off():
    result = run_production([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    # The one silenced: Axes's advice to count sign-in failures by address (see settings.py).
    assert result.stdout.strip() == "System check identified no issues (1 silenced)."


def test_production_defaults_are_hardened():
    result = run_production([sys.executable, "-c", SECURITY])
    assert result.stdout.split() == [
        "True", "True", "True", "True", "True", "31536000", "True", "True", "DENY", "same-origin", "28800", "5", "0:15:00",
    ], result.stderr


def test_production_security_settings_come_from_the_environment():
    result = run_production(
        [sys.executable, "-c", SECURITY], SECURE_SSL_REDIRECT="0", SECURE_HSTS_SECONDS="3600", SECURE_HSTS_INCLUDE_SUBDOMAINS="0",
        SECURE_HSTS_PRELOAD="no", SESSION_IDLE_MINUTES="30", SIGN_IN_FAILURE_LIMIT="10", SIGN_IN_COOLOFF_MINUTES="60",
    )
    assert result.stdout.split() == [
        "True", "True", "True", "True", "False", "3600", "False", "False", "DENY", "same-origin", "1800", "10", "1:00:00",
    ], result.stderr


def test_local_development_keeps_plain_http():
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"} | SECURITY_ENV}
    local = subprocess.run(
        [sys.executable, "-c", SECURITY], env={**clean, "DJANGO_SETTINGS_MODULE": "sharedservices.settings"},
        cwd=settings.BASE_DIR, capture_output=True, text=True, check=False,
    )
    assert local.stdout.split()[:6] == ["False", "False", "True", "True", "False", "0"], local.stderr


def test_pages_carry_the_security_headers_over_https(client, settings, db):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS, settings.SECURE_HSTS_PRELOAD = 31536000, True, True
    plain = client.get("/accessibility/")
    assert plain.status_code == 301
    assert plain["Location"] == "https://testserver/accessibility/"
    response = client.get("/accessibility/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_sign_in_cookies_are_secure_and_out_of_reach_of_scripts(client, settings, officer):
    from tests import factories

    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = True
    page = client.get("/sign-in/", secure=True)
    csrf = page.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    response = client.post("/sign-in/", {"username": "officer", "password": factories.PASSWORD}, secure=True)
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert int(session["max-age"]) == settings.SESSION_COOKIE_AGE


def test_the_health_check_is_answered_over_plain_http(client, settings, db):
    # A load balancer asks each server directly, inside the network, without TLS.
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/dashboard/").status_code == 301
