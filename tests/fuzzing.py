"""Posting anything to a form, with Hypothesis: what a careless, clever or hostile browser might
send instead of what the page offered.

``fields_of(page)`` reads the page's own form (every field it shows, ticked or not, and the values
its radios, boxes, lists and buttons offer). ``posts(fields, valid)`` draws posts from it: most
fields given what a person might type, and a few spoiled: left out, given text of any kind
(control characters, other scripts, numbers written every which way, huge strings) or several
values at once; and fields the page never had. The tests then check the answer is never a server
error and nothing invalid was stored. Bugs found are kept as ``@example`` posts built
with ``as_shown``.
"""

import os
from contextlib import contextmanager
from html.parser import HTMLParser

from django.db import transaction

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Each fuzz test: enough examples to find what is wrong, few enough for the suite's minute
# (FUZZ_EXAMPLES=2000 to hunt longer).
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", 30)), deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

# Text that reads as a number, or nearly: what money, percentage, number, date and row-count
# boxes get typed or tampered into.
NUMBERISH = [
    "0", "-0", "-1", "1e3", "1E+3", "1.5e1", "1e-7", "0.005", "12.345", "NaN", "-Infinity", "sNaN", "1,2,3", "£-5",
    "12%", "%", "£", "1_000", "0x10", " 7 ", "+5", "²", "١٢", "٣", "１２", "9" * 25, "9" * 5000, "-" + "9" * 20,
    "10000000000.01", "99999999999999.99", "2147483648", "9223372036854775808", "3.", ".5",
]
ODD = ["", " ", "\x00", "a\x00b", "\r\n", "\t", "on", "true", "None", "null", "[]", "{}", "<b>x</b>", "../../etc/passwd", "‮"]
MONTHS = ["Jan", "feb", "MARCH", "sept", "13", "0", "00"]


def huge():
    """A string of 1,000 to 120,000 characters, drawn cheaply."""
    return st.builds(lambda part, count: part * count, st.sampled_from(["9", "x", "é", "😀", " ", "\x00", "<"]), st.integers(1000, 120_000))


def text(max_size=30):
    return st.text(st.characters(exclude_categories=["Cs"]), max_size=max_size)  # any character a browser can send


# Ways to spoil one field of an otherwise sensible post.
MISCHIEF = {
    "drop": st.none(),
    "numberish": st.one_of(
        st.sampled_from(NUMBERISH), st.integers(-(10**30), 10**30).map(str),
        st.decimals(allow_nan=True, allow_infinity=True).map(str), st.floats().map(repr),
    ),
    "odd": st.sampled_from(ODD + MONTHS),
    "text": text(),
    "huge": huge(),
    "several": None,  # drawn in posts(), from the field's own values
}


@st.composite
def posts(draw, fields: dict, valid=None, keep=()) -> dict:
    """Posts drawn from the page's ``fields`` (name -> values it offers).

    Most fields get a sensible value: drawn from ``valid[name]`` (a strategy) when given, else one
    the page offers. Up to four fields, never those in ``keep`` (the wizard's step), are spoiled
    in one of the ``MISCHIEF`` ways. Up to three fields the page never had are added."""
    valid = valid or {}
    names = sorted(fields)
    spoiled = draw(st.lists(st.sampled_from([n for n in names if n not in keep]), max_size=4, unique=True))
    post = {}
    for name in names:
        if name in spoiled:
            how = draw(st.sampled_from(sorted(MISCHIEF)))
            if how == "several":  # the same box twice, an offered value beside junk...
                value = draw(st.lists(st.sampled_from(fields[name] or [""]) | MISCHIEF["odd"], min_size=2, max_size=4))
            else:
                value = draw(MISCHIEF[how])
        elif name in valid:
            value = draw(valid[name])
        else:
            value = draw(st.sampled_from(fields[name] or [""]))
        if value is not None:
            post[name] = value
    extra = st.one_of(st.sampled_from(names).map(lambda n: n + "x"), text(20))
    for name, value in draw(st.lists(st.tuples(extra, MISCHIEF["numberish"] | MISCHIEF["text"]), max_size=3)):
        post.setdefault(name, value)
    return post


def as_shown(fields: dict, **changes) -> dict:
    """The post of the page as it was shown (each field's first offered value), with ``changes``:
    what a regression ``@example`` starts from."""
    return {name: offered[0] for name, offered in fields.items() if offered} | changes


class _Fields(HTMLParser):
    """Every field of the page's own form (``method="post"`` with no ``action``), with the
    values it offers: a text box's value, each radio's or box's value, each option of a list."""

    def __init__(self):
        super().__init__()
        self.fields, self.inside, self.select, self.textarea = {}, False, None, None

    def offer(self, name, value):
        self.fields.setdefault(name, [])
        if value is not None and value not in self.fields[name]:
            self.fields[name].append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("method") == "post" and "action" not in attrs
        if not self.inside:
            return
        name = attrs.get("name")
        if tag in ("input", "button") and name:
            checkable = attrs.get("type") in ("checkbox", "radio")
            self.offer(name, attrs.get("value", "on" if checkable else ""))
        elif tag == "select":
            self.select = name
            self.offer(name, None)
        elif tag == "option" and self.select:
            self.offer(self.select, attrs.get("value", ""))
        elif tag == "textarea":
            self.textarea = name
            self.offer(name, None)

    def handle_data(self, data):
        if self.textarea and data.strip():
            self.offer(self.textarea, data.removeprefix("\n"))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def fields_of(response) -> dict:
    parser = _Fields()
    parser.feed(response.content.decode())
    assert parser.fields, "the page has no form to post"
    return parser.fields


@contextmanager
def rolled_back():
    """Run an example in a transaction rolled back after it: every example starts from the same
    database, so one that fails fails again when Hypothesis replays it to shrink it."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def no_server_error(response):
    assert response.status_code < 500, response.status_code
