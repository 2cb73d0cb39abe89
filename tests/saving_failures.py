"""Making a save fail half-way, and reading everything a save could have touched, whole.

A wizard page saves in one transaction: if the database fails after some of the page's rows were
written, none of them may stay. Tests make the ``n``th write of one kind fail (``failing``), then
compare ``stored(...)`` before and after.
"""

from contextlib import contextmanager
from unittest import mock

from django.db import DatabaseError

from toolkit.models import Assessment

SERVER_ERROR = "Sorry, there is a problem with the service"


@contextmanager
def failing(model, method, on_call):
    """``model.method`` (``save`` or ``delete``) raises a DatabaseError on its ``on_call``th call,
    as a lost connection or a full disk would; the calls before it write as usual. Yields the
    list of objects it was called on, to check the failure came after earlier writes."""
    original = getattr(model, method)
    calls = []

    def write(self, *args, **kwargs):
        calls.append(self)
        if len(calls) == on_call:
            raise DatabaseError(f"{model.__name__}.{method} failed (made to fail by the test)")
        return original(self, *args, **kwargs)

    with mock.patch.object(model, method, write):
        yield calls


def post_failing(client, url, data, model, method, on_call):
    """Post ``data`` with ``model.method``'s ``on_call``th write made to fail; the response, as a
    browser would get it."""
    client.raise_request_exception = False  # the failure is a response to look at, as in production
    with failing(model, method, on_call) as calls:
        response = client.post(url, data)
    assert len(calls) == on_call, "the save did not get as far as the write made to fail"
    return response


def stored(assessment, *models) -> dict:
    """Every row of ``models`` belonging to the assessment, and the assessment's own row, each
    with every column: what "exactly as before" compares."""
    found = {"assessment": Assessment.objects.filter(pk=assessment.pk).values().get()}
    for model in models:
        found[model.__name__] = list(model.objects.filter(assessment=assessment).order_by("pk").values())
    return found
