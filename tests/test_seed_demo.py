import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

from toolkit.management.commands.seed_demo import DEMO_PASSWORD
from toolkit.models import Council, Membership, Partnership

pytestmark = pytest.mark.django_db


def snapshot():
    return (
        list(get_user_model().objects.order_by("username").values_list("username", "password")),
        list(Membership.objects.order_by("pk").values_list("user__username", "council__slug", "role")),
        list(Partnership.objects.values_list("slug", "lead_council__slug", "status")),
        sorted(Partnership.objects.get(slug="south-london-legal").councils.values_list("slug", flat=True)),
    )


def test_seed_demo_creates_the_demo_and_is_idempotent(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    first = snapshot()
    call_command("seed_demo", verbosity=0)
    assert snapshot() == first
    assert first[2] == [("south-london-legal", "merton", "active")]
    assert first[3] == ["kingston", "merton", "richmond", "sutton"]
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
