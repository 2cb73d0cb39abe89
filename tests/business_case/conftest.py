"""Business cases of the real published design questionnaire, for the partnership "legal"
(Merton leads; Sutton and Kingston are members), in progress or complete.

A complete business case has every required question answered and every page of rows filled in
with the figures below, chosen so that the financial case can be worked out by hand (see
``tests/business_case/test_outline.py``):

- three partners, members ordered by name: London Borough of Merton, London Borough of Sutton,
  Royal Borough of Kingston upon Thames, with baselines of £1,000,000, £600,000 and £400,000;
- a 4-year appraisal period (years 0 to 3) at a 10% discount rate, no optimism bias;
- one set-up cost of £300,000 (IT) in year 0, split equally;
- staff savings of £110,000, £121,000 and £146,410 in years 1 to 3, split by share of baseline;
- the savings test: 5% of the combined baseline by year 2.
"""

import re
from datetime import date
from decimal import Decimal
from html import unescape
from html.parser import HTMLParser

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from toolkit.models import (
    Answer,
    Assessment,
    CaseOption,
    Council,
    FinancialSettings,
    GateItem,
    Milestone,
    PartnerFigures,
    Questionnaire,
    Risk,
    SavingEstimate,
    SetUpCost,
)

# Every required question of the design questionnaire, answered. The delivery-model questions
# make a lead authority and a joint committee fit (one council employs; an equal say each).
ANSWERS = {
    "design-vision": "One legal service for the three boroughs.",
    "design-objectives": "Keep specialist lawyers; save money.",
    "joint-services-in": ["legal"],
    "design-case-for-change": "Each team is too small to keep specialists.",
    "design-critical-success-factors": ["right-people"],
    "design-preferred-option-reasons": "It keeps the specialists and saves most.",
    "design-trading": "no",
    "design-private-partner": "no",
    "design-health-partner": "no",
    "design-employer": "one-council",
    "design-control": "equal",
    "design-delivery-model": "lead-authority",
    "design-governance-structure": "A joint board of the three boroughs.",
    "design-pace": "organic",
}

BASELINES = {"merton": Decimal("1000000.00"), "sutton": Decimal("600000.00"), "kingston": Decimal("400000.00")}
SAVINGS = {1: Decimal("110000.00"), 2: Decimal("121000.00"), 3: Decimal("146410.00")}
OPTIONS = [
    ("business-as-usual", "Business as usual", "Each borough keeps its own team.", False),
    ("do-minimum", "Do minimum", "Share specialist advice only.", False),
    ("other", "One shared legal service", "Merton hosts one team.", True),
]
MILESTONES = [("Business case signed off", date(2027, 3, 31), "Programme manager"), ("Go live", date(2027, 10, 1), "Head of Legal")]
RISKS = [("Key lawyers leave", "medium", "high", "A retention plan.", "Project board")]
GATE_EVIDENCE = {item: f"Evidence for {item}" for item in GateItem.Item.values}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def design(db):
    return Questionnaire.objects.get(step="design", status="published")


@pytest.fixture
def case(design, partnership, officer):
    """The partnership's business case, just started: nothing answered."""
    return Assessment.objects.create(questionnaire=design, partnership=partnership, started_by=officer)


def fill(assessment, user, *, gate=True):
    """Answer every required question and fill every page of rows, as set out above. With
    ``gate=False`` the "don't proceed without" items are left out."""
    stamp = {"updated_by": user, "updated_at": timezone.now()}
    questions = {q.key: q for q in assessment.questionnaire.questions.all()}
    Answer.objects.bulk_create(Answer(assessment=assessment, question=questions[k], value=v, **stamp) for k, v in ANSWERS.items())
    for position, (kind, name, description, preferred) in enumerate(OPTIONS):
        CaseOption.objects.create(assessment=assessment, position=position, kind=kind, name=name, description=description, preferred=preferred, **stamp)
    FinancialSettings.objects.create(
        assessment=assessment, years=4, discount_rate=Decimal(10), setup_split="equal", savings_split="baseline",
        threshold_percent=Decimal(5), threshold_year=2, **stamp,
    )
    for slug, baseline in BASELINES.items():
        PartnerFigures.objects.create(assessment=assessment, council=Council.objects.get(slug=slug), baseline=baseline, **stamp)
    SetUpCost.objects.create(assessment=assessment, position=0, category="it", year=0, amount=Decimal("300000.00"), description="One case system", **stamp)
    for year, amount in SAVINGS.items():
        SavingEstimate.objects.create(assessment=assessment, source="staff", year=year, amount=amount, **stamp)
    for position, (name, due, owner) in enumerate(MILESTONES):
        Milestone.objects.create(assessment=assessment, position=position, name=name, due=due, owner=owner, **stamp)
    for position, (description, likelihood, impact, mitigation, owner) in enumerate(RISKS):
        Risk.objects.create(assessment=assessment, position=position, description=description, likelihood=likelihood, impact=impact, mitigation=mitigation, owner=owner, **stamp)
    if gate:
        for item, evidence in GATE_EVIDENCE.items():
            GateItem.objects.create(assessment=assessment, item=item, owner="Head of Legal", date=date(2027, 2, 1), evidence=evidence, **stamp)
    assessment.sections_saved = list(assessment.questionnaire.sections.values_list("slug", flat=True))
    assessment.save(update_fields=["sections_saved"])
    return assessment


@pytest.fixture
def complete_case(case, officer):
    """The business case with every page complete, still in progress."""
    return fill(case, officer)


def submit(client, assessment):
    return client.post(reverse("toolkit:assessment-submit", args=[assessment.pk]))


@pytest.fixture
def ready_case(complete_case):
    """The complete business case, marked ready for sign-off."""
    Assessment.objects.filter(pk=complete_case.pk).update(status="awaiting_sign_off", submitted_at=timezone.now())
    complete_case.refresh_from_db()
    return complete_case


class _FormFields(HTMLParser):
    """The fields a browser would send from a page's wizard form (the one with ``novalidate``
    that is not the sign-out form), without pressing any button."""

    def __init__(self):
        super().__init__()
        self.data, self.inside, self.select, self.textarea = [], False, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method") == "post" and "novalidate" in attrs:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") != "submit":
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data.append((name, attrs.get("value", "on")))
            else:
                self.data.append((name, attrs.get("value") or ""))
        elif tag == "select":
            self.select = [name, None, None]  # name, selected value, first value
        elif tag == "option" and self.select:
            value = attrs.get("value", "")
            if self.select[2] is None:
                self.select[2] = value
            if "selected" in attrs:
                self.select[1] = value
        elif tag == "textarea":
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select" and self.select:
            name, chosen, first = self.select
            self.data.append((name, chosen if chosen is not None else first))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            self.data.append((name, text.removeprefix("\n")))
            self.textarea = None


def form_data(response, **changes) -> dict:
    """What a browser sends from the page's form, with ``changes`` (name -> value) applied and a
    value of None removing a field (an unticked box)."""
    parser = _FormFields()
    parser.feed(response.content.decode())
    data = dict(parser.data)
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def summary_errors(response) -> list:
    """The error summary's items as (link, message); the link is None for an error of the page
    as a whole."""
    found = re.search(r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', response.content.decode(), re.DOTALL)
    if not found:
        return []
    return [(href or None, unescape(message)) for href, message in re.findall(r'<li>(?:<a href="([^"]*)">)?(.*?)(?:</a>)?</li>', found[1])]


def field_errors(response) -> list:
    """The error messages shown on the page next to fields, as (the message's id, message)."""
    pattern = r'<p(?: id="([^"]*)")? class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> (.*?)</p>'
    return [(id_ or None, unescape(message)) for id_, message in re.findall(pattern, response.content.decode(), re.DOTALL)]


def messages_of(response) -> list:
    return [str(m) for m in get_messages(response.wsgi_request)]
