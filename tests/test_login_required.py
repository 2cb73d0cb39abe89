"""Every page needs a signed-in user except the start, accessibility, privacy and sign-in pages.

The URL list is read from the URLconf, so a new view is checked without touching this test.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC = {"toolkit:start", "toolkit:accessibility", "toolkit:privacy", "login"}
# Open to all but not a page: the load balancer's health check (tests/test_healthz.py).
NOT_PAGES = {"healthz"}
DUMMY = {
    "slug": "merton", "pk": 1, "step": "start", "council": "merton", "partnership": "south-london-legal",
    "job_id": "7b0e8c1e-4f0a-4b1e-9a55-2f7d3c6e1a90",
}


def walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # Django admin has its own sign-in, tested in test_admin.py
            ns = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            yield f"{namespace}{pattern.name}", prefix + str(pattern.pattern), pattern


def all_urls():
    urls = []
    for name, route, pattern in walk(get_resolver().url_patterns):
        path = "/" + route
        for key, value in DUMMY.items():
            for converter in ("slug", "int", "str", "uuid", "path", ""):
                marker = f"<{converter}:{key}>" if converter else f"<{key}>"
                path = path.replace(marker, str(value))
        assert "<" not in path, f"add a dummy value for {route} to DUMMY"
        urls.append((name, path))
    return urls


URLS = all_urls()


@pytest.mark.django_db
@pytest.mark.parametrize("name,path", [u for u in URLS if u[0] not in PUBLIC | NOT_PAGES], ids=[u[0] for u in URLS if u[0] not in PUBLIC | NOT_PAGES])
def test_anonymous_users_are_sent_to_sign_in(client, name, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/sign-in/?next={path}"


@pytest.mark.django_db
@pytest.mark.parametrize("name,path", [u for u in URLS if u[0] in PUBLIC], ids=[u[0] for u in URLS if u[0] in PUBLIC])
def test_public_pages_open_without_signing_in(client, name, path):
    response = client.get(path)
    assert response.status_code == 200
    assert response.context["user"].is_authenticated is False


def test_every_public_page_exists():
    assert {name for name, _ in URLS} >= PUBLIC
