"""The permission matrix: every address in the URL configuration, tried by every kind of person
(tests/permissions/world.py) with GET and with POST, on the demo data, against the outcome its
table (tests/permissions/site.py, tests/permissions/assessments.py) says, written out by hand
from the rules in toolkit/access.py. Refusals, and every GET, must change nothing.

An address without a table fails test_every_address_has_a_table, so a new page cannot ship
unchecked. Django admin's many addresses share one rule (only administrators get in), tried for
all of them by test_every_django_admin_address_refuses_everyone_else; its index, sign-in and the
page for unlocking a username locked out by sign-in throttling have tables of their own.

Each attempt runs in a savepoint rolled back after it, so what one person does (submitting,
leaving a partnership) is not there for the next.
"""

import re
from functools import partial

import pytest
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.permissions import assessments, site
from tests.permissions import world as demo

TABLES = {**site.TABLES, **assessments.TABLES}
METHODS = ["GET", "POST"]
REFUSALS = {"sign-in", "admin-sign-in", "400", "403", "404", "405"}
# Reports asked for are queued, not made: the matrix is about who may ask, not about PDFs.
QUEUED = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def routes(patterns=None, prefix="", namespace=""):
    """(key, route) for every address: its name with namespace, or its route when unnamed."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from routes(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            yield (f"{namespace}{pattern.name}" if pattern.name else route), route


def is_admin(key, route) -> bool:
    return key.startswith("admin:") or route.startswith("admin/")


def parse(table: str) -> dict:
    """{(object, method): {person: outcome}} from a table's text."""
    lines = [line.split() for line in table.strip().splitlines()]
    columns = [tuple(head.split(":")) if ":" in head else (None, head) for head in lines[0]]
    assert {method for _, method in columns} <= set(METHODS), f"columns are GET, POST or object:METHOD, not {lines[0]}"
    parsed = {column: {} for column in columns}
    for person, *outcomes in lines[1:]:
        assert len(outcomes) == len(columns), f"the row for {person} has {len(outcomes)} outcomes for {len(columns)} columns"
        for column, outcome in zip(columns, outcomes):
            parsed[column][person] = outcome
    return parsed


def outcome(response) -> str:
    if response.status_code != 302:
        return str(response.status_code)
    location = response["Location"]
    if location.startswith("/sign-in/?next=/"):
        return "sign-in"
    if location.startswith("/admin/login/?next=/"):
        return "admin-sign-in"
    return "302"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo data, made once for the module inside a transaction rolled back at its end."""
    media = tmp_path_factory.mktemp("matrix-media")
    fast = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, TASKS=QUEUED, PASSWORD_HASHERS=fast, AXES_ENABLED=False),
        transaction.atomic(),
    ):
        try:
            yield demo.build()
        finally:
            transaction.set_rollback(True)


# One handler for every attempt's client: a new one loads the middleware again, and WhiteNoise's
# looks at every static file each time, which would take most of the matrix's time.
HANDLER = Client().handler


def address_path(key, kwargs) -> str:
    return "/" + key if key.endswith("/") else reverse(key, kwargs=kwargs)  # an unnamed address is keyed by its route


def attempt(world, path, method, person, data) -> tuple[str, list]:
    """What ``person`` gets asking for ``path`` (POSTing ``data(world)``), and the tables the
    request changed; nothing of it is kept afterwards."""
    # Caches are left alone: no access decision is kept in one, and what a page keeps is keyed by
    # what it is made from, so the next person's outcome cannot come from this one's request.
    with transaction.atomic():
        client = Client()
        client.handler = HANDLER
        if person != "anonymous":
            client.force_login(world.users[person])
        body = data(world) if method == "POST" else None
        with CaptureQueriesContext(connection) as queries:
            response = client.post(path, body) if method == "POST" else client.get(path)
        transaction.set_rollback(True)
    changed = demo.tables_written(queries.captured_queries)
    return outcome(response), changed


def render(found: dict) -> str:
    """Outcomes in a table's own layout, to paste into it once checked by hand."""
    columns = list(found)
    heads = [method if obj is None else f"{obj}:{method}" for obj, method in columns]
    widths = [max(len(text) for text in [head, *(found[column][p] for p in demo.USERS)]) for head, column in zip(heads, columns)]
    lines = ["                 " + "  ".join(h.ljust(w) for h, w in zip(heads, widths))]
    for person in demo.USERS:
        lines.append(f"{person:<17}" + "  ".join(found[c][person].ljust(w) for c, w in zip(columns, widths)))
    return "\n".join(line.rstrip() for line in lines)


def test_every_address_has_a_table():
    addresses = {key: route for key, route in routes()}
    missing = [f"{key} (/{route})" for key, route in addresses.items() if key not in TABLES and not is_admin(key, route)]
    assert not missing, (
        "These addresses have no table in the permission matrix: " + ", ".join(missing) + ". Add one to TABLES in "
        "tests/permissions/site.py or tests/permissions/assessments.py: an Address saying how to fill in the address "
        "from the demo data, what to POST, and the outcome you expect for each person (anonymous, officer, manager, "
        "partner, partner-manager, outsider, admin) with GET and with POST, worked out by hand from the rules in "
        "toolkit/access.py (tests/permissions/__init__.py says what each outcome means)."
    )
    stale = sorted(set(TABLES) - set(addresses))
    assert not stale, f"These tables name addresses that no longer exist: {', '.join(stale)}. Remove them or rename them."
    assert "admin:index" in TABLES  # Django admin's index is left out of ``missing`` with the rest of admin


def test_every_table_has_a_row_for_each_person_and_both_methods():
    for key, address in TABLES.items():
        parsed = parse(address.table)
        objects = {obj for obj, _ in parsed}
        assert set(parsed) == {(obj, method) for obj in objects for method in METHODS}, f"{key}: a GET and a POST column for each object"
        for row in parsed.values():
            assert list(row) == demo.USERS, f"{key}: rows for {', '.join(demo.USERS)}, in that order"
            assert set(row.values()) <= REFUSALS | {"200", "302"}, f"{key}: outcomes are those of tests/permissions/__init__.py"


@pytest.mark.parametrize("key", sorted(TABLES))
def test_address(key, world, db):
    address = TABLES[key]
    expected = parse(address.table)
    found, wrong, changed = {}, [], []
    for (obj, method), row in expected.items():
        path = address_path(key, address.kwargs(world, obj))
        found[(obj, method)] = {}
        for person in demo.USERS:
            got, tables = attempt(world, path, method, person, partial(address.data, obj=obj))
            found[(obj, method)][person] = got
            cell = f"{method} {path} as {person}"
            if got != row[person]:
                wrong.append(f"{cell}: expected {row[person]}, got {got}")
            if tables and (method == "GET" or got in REFUSALS):
                changed.append(f"{cell} ({got}) changed {', '.join(tables)}")
    assert not wrong, f"{key}:\n" + "\n".join(wrong) + "\n\nWhat each person got:\n" + render(found)
    assert not changed, f"{key}: a refusal or a GET changed the data:\n" + "\n".join(changed)


# --- Django admin ----------------------------------------------------------------------------

ADMIN_VALUES = {"object_id": "1", "id": "1", "content_type_id": "1", "app_label": "toolkit", "url": "anything/"}


def admin_paths() -> list:
    """A concrete path for every Django admin address without a table of its own, made from its
    route: converters and named groups take ADMIN_VALUES, unnamed groups "1"."""
    paths = []
    for key, route in routes():
        if not is_admin(key, route) or key in TABLES:
            continue
        path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: ADMIN_VALUES[m.group(1)], route)
        path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: ADMIN_VALUES[m.group(1)], path)
        path = re.sub(r"\([^)]*\)", "1", path)
        paths.append((key, "/" + path.replace("^", "").replace("$", "")))
    return paths


def test_every_django_admin_address_refuses_everyone_else(world, db):
    """Django admin lets in staff alone, whatever their councils: anonymous visitors are sent to
    sign in (to Django admin's page, or the site's for a model's pages) and a signed-in programme
    manager to Django admin's sign-in page (its sign-out sends them to its index, which does),
    whatever the address and method, and nothing changes. (Every person is tried on the admin
    addresses with tables; here the two who differ, to keep the suite quick.)"""
    wrong = []
    paths = admin_paths()
    assert len(paths) > 100
    for key, path in paths:
        for person, wanted in [("anonymous", {"sign-in", "admin-sign-in"}), ("manager", {"admin-sign-in"})]:
            if key == "admin:logout" and person != "anonymous":
                wanted = {"302"}
            for method in METHODS:
                got, tables = attempt(world, path, method, person, lambda w: {})
                if got not in wanted or tables:
                    wrong.append(f"{method} {path} as {person}: expected {' or '.join(sorted(wanted))}, got {got}" + (f", changed {tables}" if tables else ""))
    assert not wrong, "\n".join(wrong)


def test_the_matrix_sees_what_a_request_changes(world, db):
    """The check that a refusal changed nothing would find a change: inviting a council does."""
    invite = TABLES["toolkit:partnership-invite"]
    got, tables = attempt(world, address_path("toolkit:partnership-invite", invite.kwargs(world, None)), "POST", "manager", lambda w: invite.data(w, None))
    assert got == "302"
    assert "toolkit_invitation" in tables
    assert not world.legal.invitations.filter(council__slug="stafford").exists()  # and it was undone
