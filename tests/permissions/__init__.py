"""The permission matrix (tests/test_permission_matrix.py): every address of the site, tried by
each kind of person with GET and with POST, against an outcome written out by hand.

Each address has one table (``Address``): a row per person, a column per method, and for an
address shown with several objects (say an assessment of each step) a column per object and
method, headed ``object:METHOD``. The outcomes:

    sign-in        redirected to the sign-in page, coming back here afterwards
    admin-sign-in  redirected to Django admin's sign-in page
    200            the page (or the file)
    302            redirected elsewhere: done, or sent on to where the answer is
    400 403 404 405  refused: a malformed request; may see it but not do this; not found (so an
                   outsider cannot learn what exists); this method is not accepted here

Refusals and every GET must leave the data exactly as it was (tests/permissions/world.py).
"""

from collections.abc import Callable
from dataclasses import dataclass


def nothing(world, obj) -> dict:
    return {}


@dataclass(frozen=True)
class Address:
    """How to fill in an address for an object (``kwargs(world, obj)``), what to POST to it
    (``data(world, obj)``), and its table of expected outcomes."""

    kwargs: Callable
    table: str
    data: Callable = nothing
