"""The business case's pages read their rows in a fixed number of queries, whatever the number
of partners: the same with 2 partners as with 8."""

from decimal import Decimal

import pytest

from tests.queries import page_queries
from django.urls import reverse

from tests import factories
from tests.business_case.conftest import fill
from toolkit.models import Assessment, PartnerFigures, Questionnaire


def business_case(slug, members, officer, state="in_progress"):
    """A complete business case of a partnership of ``members``, with figures for each."""
    partnership = factories.partnership(slug, lead=members[0], members=members)
    case = Assessment.objects.create(questionnaire=Questionnaire.objects.get(step="design", status="published"), partnership=partnership)
    fill(case, officer)
    PartnerFigures.objects.filter(assessment=case).delete()
    PartnerFigures.objects.bulk_create(PartnerFigures(assessment=case, council=c, baseline=Decimal("100000.00"), population=1000) for c in members)
    for index, council in enumerate(members):
        factories.joint_assessment(partnership, council, {"joint-annual-budget": str(100000 + index)})
    Assessment.objects.filter(pk=case.pk).update(status=state)
    return case


def queries(client, url):
    return page_queries(client, url)


PAGES = {
    "task list": lambda case: reverse("toolkit:assessment", args=[case.pk]),
    "options": lambda case: reverse("toolkit:assessment-section", args=[case.pk, "options"]),
    "partner figures": lambda case: reverse("toolkit:assessment-section", args=[case.pk, "partner-figures"]),
    "risks": lambda case: reverse("toolkit:assessment-section", args=[case.pk, "risks"]),
    "check your answers": lambda case: reverse("toolkit:assessment-check", args=[case.pk]),
}


@pytest.fixture
def two_and_eight(client, officer, merton, sutton):
    others = [factories.council(f"council-{i}") for i in range(6)]
    small = business_case("two", [merton, sutton], officer)
    large = business_case("eight", [merton, sutton, *others], officer)
    client.force_login(officer)
    client.get(reverse("toolkit:dashboard"))  # warm the session
    return small, large


@pytest.mark.parametrize("page", PAGES)
def test_a_page_runs_the_same_queries_with_2_and_8_partners(page, client, two_and_eight):
    small, large = two_and_eight
    assert queries(client, PAGES[page](small)) == queries(client, PAGES[page](large))


def test_the_partner_figures_page_offers_each_partners_starting_values_in_a_fixed_number_of_queries(client, two_and_eight):
    small, large = two_and_eight
    for case in (small, large):
        PartnerFigures.objects.filter(assessment=case).delete()  # nothing saved: every partner's figures are offered
    assert queries(client, PAGES["partner figures"](small)) == queries(client, PAGES["partner figures"](large))


def test_the_outline_runs_the_same_queries_with_2_and_8_partners(client, officer, merton, sutton):
    others = [factories.council(f"council-{i}") for i in range(6)]
    small = business_case("two", [merton, sutton], officer, state="awaiting_sign_off")
    large = business_case("eight", [merton, sutton, *others], officer, state="awaiting_sign_off")
    client.force_login(officer)
    client.get(reverse("toolkit:dashboard"))
    url = lambda case: reverse("toolkit:assessment-summary", args=[case.pk])
    assert queries(client, url(small)) == queries(client, url(large))
