"""Inviting councils, and setting up a partnership with its first invitations, posted anything
with Hypothesis (tests/fuzzing.py). Never a server error; every invitation is of a council of the
directory that is neither the lead nor a member, and every partnership is valid."""

from hypothesis import example, given
from hypothesis import strategies as st
from django.urls import reverse

from tests.fuzzing import FUZZ, as_shown, fields_of, no_server_error, posts, rolled_back, text
from toolkit.models import Invitation, Partnership


def check_invitations():
    for invitation in Invitation.objects.select_related("partnership"):
        partnership = invitation.partnership
        assert invitation.council_id != partnership.lead_council_id
        assert not partnership.councils.filter(pk=invitation.council_id).exists()
        invitation.clean_fields(exclude=["partnership", "council", "invited_by", "answered_by"])


def test_the_invitation_form_takes_any_post(client, manager, partnership):
    client.force_login(manager)
    url = reverse("toolkit:partnership-invite", args=[partnership.slug])
    fields = fields_of(client.get(url))
    offered = fields["councils"]
    assert offered  # councils of the directory are there to choose
    valid = {"councils": st.lists(st.sampled_from(offered), unique=True), "search": st.just("") | text(20)}

    @FUZZ
    # Council ids no database key holds, which the query used to fail on: a server error.
    @example(as_shown(fields, councils=["9" * 25, offered[0]], action="save"))
    @example(as_shown(fields, councils="²", action="search"))
    # A search of more than SQLite's LIKE takes, or with NUL (PostgreSQL), searched before the
    # form is checked.
    @example(as_shown(fields, search="😀" * 12500, action="search"))
    @example(as_shown(fields, search="\x00", action="search"))
    @given(posts(fields, valid=valid))
    def post(data):
        with rolled_back():
            no_server_error(client.post(url, data))
            check_invitations()

    post()


def test_the_new_partnership_form_takes_any_post(client, manager, merton, sutton):
    client.force_login(manager)
    url = reverse("toolkit:partnership-new")
    fields = fields_of(client.get(url))
    valid = {
        "councils": st.lists(st.sampled_from(fields["councils"]), unique=True),
        "name": text(170), "services": text(40), "description": st.just("") | text(40), "search": st.just("") | text(20),
    }

    @FUZZ
    @example(as_shown(fields, name="A new partnership", services="Legal", councils=["9" * 25], action="save"))
    @example(as_shown(fields, search="é" * 25000, action="save"))
    @given(posts(fields, valid=valid))
    def post(data):
        with rolled_back():
            no_server_error(client.post(url, data))
            for made in Partnership.objects.all():
                made.clean_fields(exclude=["lead_council", "joint_questionnaire"])
                assert made.name == made.name.strip() != "" and made.lead_council == merton
                assert made.councils.filter(pk=merton.pk).exists()
            check_invitations()

    post()
