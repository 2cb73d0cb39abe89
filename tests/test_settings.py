"""With DEBUG off the app refuses to start until it is given real secrets and hosts."""

import os
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
