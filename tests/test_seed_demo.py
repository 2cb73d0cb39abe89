from decimal import Decimal

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

from toolkit.management.commands.seed_demo import DEMO_PASSWORD
from toolkit.models import Assessment, Council, Invitation, Membership, Partnership

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(get_user_model().objects.order_by("username").values_list("username", "password")),
        list(Membership.objects.order_by("pk").values_list("user__username", "council__slug", "role")),
        list(Partnership.objects.values_list("slug", "lead_council__slug", "status")),
        sorted(Partnership.objects.get(slug="south-london-legal").councils.values_list("slug", flat=True)),
        sorted(Assessment.objects.values_list("step", "council__slug", "partnership__slug", "status")),
        sorted(Invitation.objects.values_list("partnership__slug", "council__slug", "status")),
    )


def test_seed_demo_creates_the_demo_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    first = snapshot()
    call_command("seed_demo", verbosity=0)
    assert snapshot() == first
    assert first[2] == [("south-london-legal", "merton", "active"), ("stafford-cannock-chase", "stafford", "active")]
    assert first[3] == ["kingston", "merton", "richmond", "sutton"]
    assert first[4] == [
        ("design", None, "south-london-legal", "awaiting_sign_off"),
        ("joint", "cannock-chase", "stafford-cannock-chase", "in_progress"),
        ("joint", "kingston", "south-london-legal", "submitted"),
        ("joint", "merton", "south-london-legal", "submitted"),
        ("joint", "richmond", "south-london-legal", "submitted"),
        ("joint", "stafford", "stafford-cannock-chase", "submitted"),
        ("joint", "sutton", "south-london-legal", "submitted"),
        ("self", "merton", None, "submitted"),
        ("self", "sutton", None, "in_progress"),
    ]
    assert first[5] == [
        ("south-london-legal", "kingston", "accepted"), ("south-london-legal", "richmond", "accepted"),
        ("south-london-legal", "sutton", "accepted"), ("stafford-cannock-chase", "cannock-chase", "accepted"),
        ("stafford-cannock-chase", "south-oxfordshire", "pending"),
    ]
    assert ("merton-officer", "merton", "officer") in first[1]
    assert ("merton-pm", "merton", "programme_manager") in first[1]
    assert Council.objects.filter(slug__in=["merton", "sutton", "kingston", "richmond"]).count() == 4
    for username in ["admin", "merton-officer", "merton-pm", "sutton-officer", "stafford-pm"]:
        assert authenticate(username=username, password=DEMO_PASSWORD) is not None, username
    assert get_user_model().objects.get(username="admin").is_superuser


def test_seed_demo_is_refused_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="only runs with DEBUG on"):
        call_command("seed_demo", verbosity=0)
    assert not get_user_model().objects.filter(username="admin").exists()


def test_load_question_bank_leaves_a_loaded_bank_alone(capsys):
    call_command("load_question_bank")
    assert capsys.readouterr().out == "The question bank is already loaded; nothing changed.\n"


def test_the_demo_partnership_has_the_differences_partners_meet(settings):
    """Contract end dates two years apart, a council ruling out co-location, and legal services
    in scope for three that the fourth will never share."""
    from toolkit.compatibility.report import compare_partnership

    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    context = compare_partnership(Partnership.objects.get(slug="south-london-legal"))
    results = {r.key: r for r in context["compatibility"].questions}
    merton, richmond, sutton, kingston = (
        "London Borough of Merton", "London Borough of Richmond upon Thames", "London Borough of Sutton",
        "Royal Borough of Kingston upon Thames",
    )
    assert (results["contract-end-date"].verdict, results["contract-end-date"].reason) == (
        "Conflict",
        f"The dates are 24 months apart, more than the 12 allowed. {sutton} differs from the rest: it answered 31 March 2029.",
    )
    assert (results["joint-services-in"].verdict, results["joint-services-in"].reason) == (
        "Conflict", f"{merton}, {sutton} and {kingston} put Legal services in scope, which {richmond} will never share."
    )
    assert results["joint-co-location"].verdict == "Conflict"  # Richmond rules out working in one place
    assert (results["joint-leaders-committed"].verdict, set(results["joint-leaders-committed"].answers.values())) == ("Aligned", {"yes"})
    assert results["joint-willing-to-relocate"].verdict == "Different"
    assert results["joint-willing-to-relocate"].odd_ones_out == (richmond,)
    assert context["verdict"] == "Conflict"


def test_the_demo_business_case_is_ready_for_sign_off_with_two_of_four_signed(settings):
    from toolkit.business_case.report import outline
    from toolkit.models import SignOff

    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    business_case = Assessment.objects.get(step="design")
    assert sorted(SignOff.objects.filter(withdrawn_at=None).values_list("council__slug", "capacity")) == [
        ("merton", "Chief executive"), ("sutton", "Section 151 officer")
    ]
    context = outline(business_case)
    assert [case.key for case in context["cases"]] == ["strategic", "economic", "commercial", "financial", "management"]
    assert context["model_problems"] == [] and context["model"] is not None
    assert sorted(council.slug for council in context["still_to_sign"]) == ["kingston", "richmond"]
    # Set-up costs of £520,000 (150,000 + 250,000 + 80,000 in year 0, 40,000 in year 1) against net
    # savings of 170,000 - 480,000 = -310,000 in year 0, then 590,000 - 40,000 = 550,000 in year 1:
    # the cumulative net turns from -310,000 to 240,000 within year 1, 310/550 of the way: 1.56 years.
    assert context["model"].combined.payback == Decimal("1.56")
    # East Kent's test: year 2's net saving, 650,000 + 90,000 + 60,000 = 800,000, is at least 10% of
    # the combined baseline of 2,400,000 + 2,100,000 + 1,800,000 + 1,600,000 = 7,900,000.
    test = context["model"].threshold
    assert (test.met, test.saving, test.target) == (True, Decimal("800000.00"), Decimal("790000.00"))
