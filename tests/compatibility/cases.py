"""What the compatibility tests share: the rules' cases and the pages' answers, expected tables and
page helpers. A plain module, imported by the test modules; the fixtures are in ``conftest.py``.

The rules' cases need no database. The pages' expectations are worked out by hand from the test
bank (``tests/banks.py``) and the rules in issue 8; none is computed with the code under test. The
partners are listed in the order of their names: London Borough of Merton, London Borough of
Sutton, Royal Borough of Kingston upon Thames.
"""

from decimal import Decimal
from html.parser import HTMLParser

from django.test import Client
from django.urls import reverse

from toolkit import steps
from toolkit.compatibility.rules import MONTHS, MUST_MATCH, OVERLAP, TOLERANCE, QuestionRule

# --- The rules ----------------------------------------------------------------------------------

APPROACH = {"big-bang": "Big bang", "organic": "Organic", "phased": "Phased", "not-decided": "Not decided"}
HOSTING = {"cloud": "Cloud", "in-house": "In-house", "either": "Either"}
SERVICES = {
    "hr": "HR",
    "it": "IT",
    "legal": "Legal",
    "revenues": "Revenues",
    "waste": "Waste",
    "no-preference": "No preference",
}
YES_NO = {"yes": "Yes", "no": "No"}


def rule(kind, comparison, key="q", theme="vision", **kw):
    return QuestionRule(key=key, text=f"Question {key}?", theme=theme, kind=kind, comparison=comparison, **kw)


def partners(*values):
    """Answers for the partners in order: Merton, Sutton, Kingston, Richmond, Croydon, ..."""
    names = ["Merton", "Sutton", "Kingston", "Richmond", "Croydon", "Bromley", "Hounslow", "Ealing"]
    return dict(zip(names, values))


def outcome(result):
    return result.verdict, result.odd_ones_out, result.reason


APPROACH_RULE = rule("single", MUST_MATCH, labels=APPROACH, flexible=frozenset({"not-decided"}))
SCOPE_MATCH = rule("multiple", MUST_MATCH, labels=SERVICES, flexible=frozenset({"no-preference"}))
BUDGET = rule("money", TOLERANCE, tolerance=Decimal(100000))
CONTRACT_END = rule("date", MONTHS, months=12)
SCOPE = rule("multiple", OVERLAP, key="scope", theme="services", excluded_by="never", labels=SERVICES)


# --- The pages ----------------------------------------------------------------------------------

STEP = steps.get("joint")
MERTON, SUTTON, KINGSTON = "London Borough of Merton", "London Borough of Sutton", "Royal Borough of Kingston upon Thames"
NOT_ASKED = "Not asked (it follows an answer this council did not give)"

# Three partners' answers, designed so that every kind of comparison has a case:
# gate aligned; aims-clear a conflict with Kingston the odd one out; aims-agreed different with
# Sutton the odd one out; aims-detail (long text, shown to Kingston only) not enough answers;
# costs-known aligned; costs-budget more than 10% apart (Kingston the odd one out); costs-review
# 24 months apart (Merton the odd one out); costs-staff unanswered; plans-why-not free text, not
# compared; plans-costing-soon not compared (no comparison set); plans-services in scope for Merton
# and Kingston that Sutton will never share; plans-never different; plans-share within 5 points.
MERTON_ANSWERS = {
    "gate": "yes", "aims-clear": "yes", "aims-agreed": "agree", "costs-known": "no", "costs-budget": "250000",
    "costs-review": "2028-09-30", "plans-why-not": "Costing starts in spring.", "plans-costing-soon": "yes",
    "plans-services": ["hr", "it"], "plans-never": ["legal"], "plans-share": "12.5",
}
SUTTON_ANSWERS = {
    "gate": "yes", "aims-clear": "yes", "aims-agreed": "neutral", "costs-known": "no", "costs-budget": "240000",
    "costs-review": "2026-09-30", "plans-why-not": "No finance officer yet.", "plans-costing-soon": "no",
    "plans-services": ["hr"], "plans-never": ["it"], "plans-share": "15",
}
KINGSTON_ANSWERS = {
    "gate": "yes", "aims-clear": "no", "aims-detail": "We have not agreed the outcomes.", "aims-agreed": "agree",
    "costs-known": "no", "costs-budget": "300000", "costs-review": "2026-10-15", "plans-why-not": "Waiting for the audit.",
    "plans-services": ["hr", "it"], "plans-share": "10",
}


def cells(merton, sutton, kingston):
    return [(MERTON, merton), (SUTTON, sutton), (KINGSTON, kingston)]


AIMS_CLEAR_REASON = (
    "London Borough of Merton and London Borough of Sutton answered ‘Yes’. "
    "Royal Borough of Kingston upon Thames differs from the rest: it answered ‘No’."
)
AIMS_AGREED_REASON = (
    "London Borough of Merton and Royal Borough of Kingston upon Thames answered ‘Agree’. "
    "London Borough of Sutton differs from the rest: it answered ‘Neither agree nor disagree’."
)
# Largest £300,000, so 10% allows £30,000; the spread is £60,000. The middle answer is £250,000;
# Kingston is £50,000 from it, Sutton only £10,000.
BUDGET_REASON = (
    "Answers are £60,000 apart, more than the 10% allowed. "
    "Royal Borough of Kingston upon Thames differs from the rest: it answered £300,000."
)
# 30 September 2026 to 30 September 2028; the middle date is 15 October 2026, more than 12 months
# before Merton's and less than that after Sutton's.
REVIEW_REASON = (
    "The dates are 24 months apart, more than the 12 allowed. "
    "London Borough of Merton differs from the rest: it answered 30 September 2028."
)
# One clause per service, naming every partner putting it in scope.
SERVICES_REASON = (
    "London Borough of Merton and Royal Borough of Kingston upon Thames put IT in scope, "
    "which London Borough of Sutton will never share."
)
NEVER_REASON = "London Borough of Merton answered ‘Legal’; London Borough of Sutton answered ‘IT’."

# section slug -> (title, summary line, [(question key, verdict, reason, cells)])
EXPECTED_TABLES = {
    "gate-questions": ("Gate questions", "1 aligned", [
        ("gate", "Aligned", "", cells("Yes", "Yes", "Yes")),
    ]),
    "aims": ("Aims", "1 different, 1 conflict, 1 not compared or not enough answers", [
        ("aims-clear", "Conflict", AIMS_CLEAR_REASON, cells("Yes", "Yes", "No")),
        ("aims-agreed", "Different", AIMS_AGREED_REASON, cells("Agree", "Neither agree nor disagree", "Agree")),
        ("aims-detail", "Not enough answers", "", cells(NOT_ASKED, NOT_ASKED, "We have not agreed the outcomes.")),
    ]),
    "costs": ("Costs", "1 aligned, 2 conflicts, 1 not compared or not enough answers", [
        ("costs-known", "Aligned", "", cells("No", "No", "No")),
        ("costs-budget", "Conflict", BUDGET_REASON, cells("£250,000", "£240,000", "£300,000")),
        ("costs-review", "Conflict", REVIEW_REASON, cells("30 September 2028", "30 September 2026", "15 October 2026")),
        ("costs-staff", "Not enough answers", "", cells("Not answered", "Not answered", "Not answered")),
    ]),
    "plans": ("Plans", "1 aligned, 1 different, 1 conflict, 2 not compared or not enough answers", [
        ("plans-why-not", "Not compared", "", cells("Costing starts in spring.", "No finance officer yet.", "Waiting for the audit.")),
        ("plans-costing-soon", "Not compared", "", cells("Yes", "No", "Not answered")),
        ("plans-services", "Conflict", SERVICES_REASON, cells("Human resources, IT", "Human resources", "Human resources, IT")),
        ("plans-never", "Different", NEVER_REASON, cells("Legal", "IT", "Not answered")),
        ("plans-share", "Aligned", "", cells("12.5%", "15%", "10%")),
    ]),
}
QUESTION_TEXTS = {
    "gate": "Are leaders committed?", "aims-clear": "Are your aims clear?", "aims-agreed": "Do members agree the aims?",
    "aims-detail": "What is unclear?", "costs-known": "Do you know your costs?", "costs-budget": "What is the budget?",
    "costs-review": "When are costs next reviewed?", "costs-staff": "How many staff work in the service?",
    "plans-why-not": "Why are costs not known?", "plans-costing-soon": "Will costs be known within a year?",
    "plans-services": "Which services would you share?", "plans-never": "Which services would you never share?",
    "plans-share": "What share of the budget is in scope?",
}


def url(name, partnership="legal"):
    return reverse(f"toolkit:partnership-{name}" if name else "toolkit:partnership", args=[partnership])


def logged_in(user):
    client = Client()
    client.force_login(user)
    return client


def html_of(response):
    assert response.status_code == 200
    return response.content.decode()


class Tables(HTMLParser):
    """Every table of a page as text: caption, column headers (scope="col"), and body rows, each
    a list of (cell text, links in the cell)."""

    def __init__(self, html):
        super().__init__()
        self.tables, self.text, self.links, self.part = [], None, None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.tables.append({"caption": None, "columns": [], "rows": []})
        elif not self.tables:
            return
        elif tag == "caption":
            self.text, self.part = [], "caption"
        elif tag == "tbody":
            self.part = "body"
        elif tag == "tr" and self.part == "body":
            self.tables[-1]["rows"].append([])
        elif (tag == "th" and attrs.get("scope") == "col") or (tag in ("th", "td") and self.part == "body"):
            self.text, self.links = [], []
        elif tag == "a" and self.links is not None:
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if not self.tables or self.text is None:
            if tag == "table":
                self.part = None
            return
        words = " ".join("".join(self.text).split())
        if tag == "caption":
            self.tables[-1]["caption"], self.text = words, None
        elif tag in ("th", "td") and self.part == "body":
            self.tables[-1]["rows"][-1].append((words, self.links))
            self.text = self.links = None
        elif tag == "th":
            self.tables[-1]["columns"].append(words)
            self.text = self.links = None

    def handle_data(self, data):
        if self.text is not None:
            self.text.append(data)
