"""Exports and report requests' ZIPs are private: their files are never served from MEDIA_URL or
as static files, with DEBUG on or off, only by the views that check who may have them (whose
outcomes for each kind of person are in tests/test_permission_matrix.py)."""

import importlib
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import URLPattern, URLResolver, clear_url_caches, get_resolver
from django.views import static

STORED = ["exports/2026/01/readiness-summary-merton.pdf", "jobs/2026/01/export-pack-legal.zip"]


@pytest.fixture
def stored(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for name in STORED:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"private")
    return tmp_path


@pytest.fixture
def urlconf_as_started(settings):
    """Import the URL configuration again under this test's settings, as a server started with
    them would (a ``static(settings.MEDIA_URL, ...)`` added when DEBUG is on would show here)."""

    def reload():
        import sharedservices.urls

        importlib.reload(sharedservices.urls)
        clear_url_caches()

    yield reload
    settings.DEBUG = False
    reload()


def serving_views(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from serving_views(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and pattern.callback is static.serve:
            yield pattern


@pytest.mark.parametrize("debug", [False, True], ids=["DEBUG off", "DEBUG on"])
def test_stored_files_are_not_served_from_media_url_to_anyone(stored, settings, urlconf_as_started, admin_user, officer, debug):
    settings.DEBUG = debug
    urlconf_as_started()
    assert not list(serving_views(get_resolver().url_patterns)), "no URL serves files straight from disk"
    for person in (None, officer, admin_user):
        client = Client()  # a new one, so WhiteNoise is set up under this DEBUG
        if person is not None:
            client.force_login(person)
        for name in STORED:
            for prefix in (settings.MEDIA_URL, settings.STATIC_URL):
                response = client.get(prefix + name)
                assert response.status_code == 404, f"{prefix}{name} for {person or 'anonymous'}"


def test_stored_files_are_kept_apart_from_static_files():
    media = Path(django_settings.MEDIA_ROOT).resolve()
    for static_dir in [django_settings.STATIC_ROOT, *django_settings.STATICFILES_DIRS]:
        static_dir = Path(static_dir).resolve()
        assert not media.is_relative_to(static_dir) and not static_dir.is_relative_to(media)
    assert getattr(django_settings, "WHITENOISE_ROOT", None) is None  # would serve a folder at the site's root
