"""Setting up a partnership, invitations and their answers, removing and leaving: who may do
each, the refusals, and the history each step leaves."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from tests import factories
from toolkit.models import Partnership, PartnershipMember

NEW = reverse("toolkit:partnership-new")


def members(partnership):
    return sorted(PartnershipMember.objects.filter(partnership=partnership).values_list("council__slug", flat=True))


def history(partnership):
    return [(e.kind, e.council.slug if e.council else None, e.by.username if e.by else None) for e in partnership.events.all()]


def pending(partnership):
    return sorted(partnership.invitations.filter(status="pending").values_list("council__slug", flat=True))


@pytest.fixture
def kingston(db):
    return factories.council("kingston")


@pytest.fixture
def kingston_manager(kingston):
    return factories.user("kingston-manager", council=kingston, role="programme_manager")


@pytest.fixture
def forming(manager, merton, sutton, kingston):
    """A partnership Merton's programme manager set up, inviting Sutton and Kingston."""
    from toolkit.partnerships import actions

    return actions.set_up(name="Legal services", description="", services="Legal", lead=merton, invite=[sutton, kingston], user=manager)


# --- Setting one up -----------------------------------------------------------------------------


def test_a_programme_manager_sets_up_a_partnership_and_invites_councils(client, manager, merton, sutton, kingston):
    client.force_login(manager)
    page = client.get(NEW)
    # With one council to lead, the lead is given; the directory is small, so it is all listed.
    assert [c for c, _ in page.context["form"].fields["councils"].widget.choices] == sorted(
        [c.pk for c in factories.Council.objects.exclude(pk=merton.pk)], key=lambda pk: factories.Council.objects.get(pk=pk).name
    )
    response = client.post(NEW, {
        "name": "South London Legal", "services": "Legal services", "description": "A shared legal team.",
        "lead": merton.pk, "councils": [sutton.pk, kingston.pk], "action": "save",
    })
    created = Partnership.objects.get(name="South London Legal")
    assert response["Location"] == f"/partnerships/{created.slug}/"
    assert (created.slug, created.lead_council, created.status, created.services, created.created_by) == (
        "south-london-legal", merton, "forming", "Legal services", manager
    )
    assert created.joint_questionnaire.step_id == "joint" and created.joint_questionnaire.status == "published"
    assert members(created) == ["merton"]
    assert pending(created) == ["kingston", "sutton"]
    assert history(created) == [("created", "merton", "manager"), ("invited", "sutton", "manager"), ("invited", "kingston", "manager")]
    page = client.get(response["Location"]).content.decode()
    assert f"South London Legal is set up. We have invited {sutton.name}, {kingston.name}." in page


def test_only_programme_managers_set_up_partnerships(client, officer, db):
    client.force_login(officer)
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, {"name": "X", "services": "Y", "councils": [1], "action": "save"}).status_code == 403
    assert Partnership.objects.count() == 0
    assert Client().get(NEW)["Location"] == f"/sign-in/?next={NEW}"


@pytest.mark.parametrize(
    "data,errors",
    [
        ({"name": "", "services": "", "councils": []}, {
            "name": ["Enter a name for the partnership"], "services": ["Enter the services in scope"],
            "councils": ["Select at least one council to invite"],
        }),
        ({"name": "Legal", "services": "Legal", "councils": ["99999"]}, {"councils": ["Select councils from the directory"]}),
        ({"name": "x" * 161, "services": "Legal", "councils": ["sutton"]}, {"name": ["Name must be 160 characters or fewer"]}),
    ],
)
def test_bad_input_is_reported_next_to_the_field_and_nothing_is_made(client, manager, merton, sutton, data, errors):
    data = {**data, "councils": [sutton.pk if c == "sutton" else c for c in data["councils"]], "lead": merton.pk, "action": "save"}
    client.force_login(manager)
    response = client.post(NEW, data)
    assert response.status_code == 200
    assert response.context["form"].errors == errors
    html = response.content.decode()
    assert "There is a problem" in html and html.startswith("<!DOCTYPE html>")
    for messages in errors.values():
        assert html.count(escape(messages[0])) == 2  # in the summary and beside the field
    assert response.context["form"]["name"].value() == data["name"]  # what was typed is kept
    assert Partnership.objects.count() == 0


def test_inviting_your_own_council_is_refused(client, manager, merton):
    client.force_login(manager)
    response = client.post(NEW, {"name": "Solo", "services": "Legal", "lead": merton.pk, "councils": [merton.pk], "action": "save"})
    assert response.context["form"].errors == {"councils": [f"{merton.name} leads the partnership, so it is already a member."]}
    assert Partnership.objects.count() == 0


def test_a_name_already_taken_is_refused(client, manager, merton, sutton, forming):
    client.force_login(manager)
    response = client.post(NEW, {"name": "legal services", "services": "Legal", "lead": merton.pk, "councils": [sutton.pk], "action": "save"})
    assert response.context["form"].errors == {"name": ["A partnership called ‘legal services’ already exists. Choose another name."]}
    assert '<a href="#id_name">A partnership called' in response.content.decode()  # linked from the error summary
    assert Partnership.objects.count() == 1


def test_searching_the_directory_keeps_what_was_typed_and_shows_no_errors(client, manager, merton, sutton, kingston):
    client.force_login(manager)
    response = client.post(NEW, {"name": "Half typed", "services": "", "search": "sutt", "councils": [kingston.pk], "action": "search"})
    form = response.context["form"]
    assert form.errors == {}
    assert [name for _, name in form.fields["councils"].widget.choices] == sorted([kingston.name, sutton.name])
    assert form["name"].value() == "Half typed"
    assert Partnership.objects.count() == 0


def test_a_programme_manager_of_two_councils_chooses_which_leads(client, merton, sutton, kingston):
    both = factories.user("both", council=merton, role="programme_manager")
    both.memberships.create(council=sutton, role="programme_manager")
    client.force_login(both)
    response = client.post(NEW, {"name": "Two", "services": "HR", "councils": [kingston.pk], "action": "save"})
    assert response.context["form"].errors == {"lead": ["Select the council that leads the partnership"]}
    client.post(NEW, {"name": "Two", "services": "HR", "lead": sutton.pk, "councils": [kingston.pk], "action": "save"})
    assert Partnership.objects.get(name="Two").lead_council == sutton


# --- Answering an invitation --------------------------------------------------------------------


def invitation_of(partnership, council):
    return partnership.invitations.get(council=council)


def test_the_invited_councils_programme_manager_accepts(client, forming, sutton, partner_manager):
    invitation = invitation_of(forming, sutton)
    client.force_login(partner_manager)
    dashboard = client.get(reverse("toolkit:dashboard")).content.decode()
    assert f'action="/invitations/{invitation.pk}/accept/"' in dashboard
    response = client.post(reverse("toolkit:invitation-accept", args=[invitation.pk]))
    assert response["Location"] == f"/partnerships/{forming.slug}/"
    invitation.refresh_from_db()
    forming.refresh_from_db()
    assert (invitation.status, invitation.answered_by, forming.status) == ("accepted", partner_manager, "active")
    assert members(forming) == ["merton", "sutton"]
    assert history(forming)[-1] == ("accepted", "sutton", "partner-manager")
    assert client.get(response["Location"]).status_code == 200


def test_an_officer_sees_the_invitation_but_cannot_answer_it(client, forming, sutton, partner_officer):
    invitation = invitation_of(forming, sutton)
    client.force_login(partner_officer)
    dashboard = client.get(reverse("toolkit:dashboard")).content.decode()
    assert "Your council's programme manager can accept or decline it." in dashboard
    assert f"/invitations/{invitation.pk}/accept/" not in dashboard
    assert client.post(reverse("toolkit:invitation-accept", args=[invitation.pk])).status_code == 403
    assert members(forming) == ["merton"]


def test_others_cannot_answer_an_invitation(client, forming, sutton, manager, outsider):
    invitation = invitation_of(forming, sutton)
    for user in (manager, outsider):  # the lead's programme manager, and an outsider
        client.force_login(user)
        assert client.post(reverse("toolkit:invitation-accept", args=[invitation.pk])).status_code == 404
    assert Client().post(reverse("toolkit:invitation-accept", args=[invitation.pk]))["Location"].startswith("/sign-in/")
    assert invitation_of(forming, sutton).status == "pending"


def test_declining_leaves_the_council_out(client, forming, sutton, partner_manager):
    invitation = invitation_of(forming, sutton)
    client.force_login(partner_manager)
    response = client.post(reverse("toolkit:invitation-decline", args=[invitation.pk]))
    assert response["Location"] == "/dashboard/"
    assert invitation_of(forming, sutton).status == "declined"
    assert members(forming) == ["merton"]
    assert client.get(forming.get_absolute_url()).status_code == 404
    assert history(forming)[-1] == ("declined", "sutton", "partner-manager")


def test_an_invited_council_sees_only_the_invitation(client, forming, partner_officer, partner_manager):
    for user in (partner_officer, partner_manager):
        client.force_login(user)
        assert client.get(forming.get_absolute_url()).status_code == 404
        assert client.get(reverse("toolkit:partnership-comparison", args=[forming.slug])).status_code == 404
        assert client.post(reverse("toolkit:joint-assessment-start", args=["sutton"]), {"partnership": forming.slug}).status_code == 404


@pytest.mark.parametrize("first,then,message", [
    ("withdraw", "accept", "This invitation to Legal services was withdrawn, so it can no longer be answered."),
    ("accept", "accept", "This invitation to Legal services has already been accepted."),
    ("decline", "accept", "This invitation to Legal services has already been declined."),
])
def test_answering_an_invitation_that_is_no_longer_waiting(client, forming, sutton, manager, partner_manager, first, then, message):
    from toolkit.partnerships import actions

    invitation = invitation_of(forming, sutton)
    {"withdraw": lambda: actions.withdraw(invitation, manager), "accept": lambda: actions.accept(invitation, partner_manager),
     "decline": lambda: actions.decline(invitation, partner_manager)}[first]()
    before = (members(forming), history(forming))
    client.force_login(partner_manager)
    response = client.post(reverse(f"toolkit:invitation-{then}", args=[invitation.pk]), follow=True)
    assert message in response.content.decode().replace("&#x27;", "'")
    assert (members(forming), history(forming)) == before


# --- The lead runs the partnership --------------------------------------------------------------


def test_the_lead_invites_more_councils_and_withdraws_an_invitation(client, forming, manager, sutton, kingston):
    richmond = factories.council("richmond")
    client.force_login(manager)
    url = reverse("toolkit:partnership-invite", args=[forming.slug])
    # Already invited councils are not offered, and are refused if posted anyway.
    offered = [pk for pk, _ in client.get(url).context["form"].fields["councils"].widget.choices]
    assert sutton.pk not in offered and kingston.pk not in offered and richmond.pk in offered
    refused = client.post(url, {"councils": [sutton.pk], "action": "save"})
    assert refused.context["form"].errors == {"councils": [f"{sutton.name} has already been invited."]}
    assert client.post(url, {"councils": [richmond.pk], "action": "save"})["Location"] == forming.get_absolute_url()
    assert pending(forming) == ["kingston", "richmond", "sutton"]

    invitation = invitation_of(forming, kingston)
    client.post(reverse("toolkit:invitation-withdraw", args=[forming.slug, invitation.pk]))
    assert pending(forming) == ["richmond", "sutton"]
    assert history(forming)[-2:] == [("invited", "richmond", "manager"), ("withdrawn", "kingston", "manager")]


def test_inviting_a_member_again_is_refused(client, forming, manager, sutton, partner_manager):
    from toolkit.partnerships import actions

    actions.accept(invitation_of(forming, sutton), partner_manager)
    client.force_login(manager)
    response = client.post(reverse("toolkit:partnership-invite", args=[forming.slug]), {"councils": [sutton.pk], "action": "save"})
    assert response.context["form"].errors == {"councils": [f"{sutton.name} is already a member."]}


def test_only_the_leads_programme_manager_runs_the_partnership(client, forming, sutton, officer, partner_manager, outsider):
    from toolkit.partnerships import actions

    actions.accept(invitation_of(forming, sutton), partner_manager)
    kingston_invitation = invitation_of(forming, factories.council("kingston"))
    urls = [
        ("get", reverse("toolkit:partnership-invite", args=[forming.slug])),
        ("post", reverse("toolkit:invitation-withdraw", args=[forming.slug, kingston_invitation.pk])),
        ("get", reverse("toolkit:member-remove", args=[forming.slug, "sutton"])),
        ("post", reverse("toolkit:member-remove", args=[forming.slug, "sutton"])),
    ]
    found = {}
    for name, user in [("lead officer", officer), ("member manager", partner_manager), ("outsider", outsider)]:
        client.force_login(user)
        found[name] = [getattr(client, method)(url).status_code for method, url in urls]
    assert found == {"lead officer": [403] * 4, "member manager": [403] * 4, "outsider": [404] * 4}
    assert members(forming) == ["merton", "sutton"] and pending(forming) == ["kingston"]


def test_the_lead_removes_a_member_that_has_not_submitted_after_confirming(client, forming, manager, sutton, partner_manager):
    from toolkit.partnerships import actions

    actions.accept(invitation_of(forming, sutton), partner_manager)
    client.force_login(manager)
    url = reverse("toolkit:member-remove", args=[forming.slug, "sutton"])
    confirm = client.get(url).content.decode()
    assert f"Remove {sutton.name} from Legal services?" in confirm
    assert members(forming) == ["merton", "sutton"]  # asking changes nothing
    assert client.post(url)["Location"] == forming.get_absolute_url()
    assert members(forming) == ["merton"]
    forming.refresh_from_db()
    assert (forming.status, history(forming)[-1]) == ("forming", ("removed", "sutton", "manager"))
    client.force_login(partner_manager)
    assert client.get(forming.get_absolute_url()).status_code == 404  # access ends at once


def test_the_lead_cannot_be_removed_nor_a_member_that_has_submitted(client, forming, manager, merton, sutton, partner_manager):
    from toolkit.partnerships import actions

    actions.accept(invitation_of(forming, sutton), partner_manager)
    factories.joint_assessment(forming, sutton, {})
    client.force_login(manager)
    for council, message in [
        ("merton", f"{merton.name} leads the partnership, so it cannot be removed."),
        ("sutton", f"{sutton.name} has submitted its joint assessment, so it cannot be removed. It can choose to leave."),
    ]:
        response = client.post(reverse("toolkit:member-remove", args=[forming.slug, council]), follow=True)
        assert message in response.content.decode().replace("&#x27;", "'")
    assert members(forming) == ["merton", "sutton"]


def test_a_member_leaves_and_loses_access_at_once(client, forming, sutton, partner_manager, partner_officer, manager):
    from toolkit.partnerships import actions

    actions.accept(invitation_of(forming, sutton), partner_manager)
    assessment = factories.joint_assessment(forming, sutton, {})
    client.force_login(partner_officer)
    url = reverse("toolkit:member-leave", args=[forming.slug, "sutton"])
    assert client.get(url).status_code == 403  # an officer may not take the council out
    client.force_login(partner_manager)
    assert "Its submitted answers stay in reports made before it left" in client.get(url).content.decode()
    assert client.post(url)["Location"] == forming.get_absolute_url()
    assert members(forming) == ["merton"]
    assert history(forming)[-1] == ("left", "sutton", "partner-manager")
    assert client.get(forming.get_absolute_url()).status_code == 404
    assert client.get(reverse("toolkit:assessment", args=[assessment.pk])).status_code == 404
    client.force_login(manager)  # the lead cannot leave
    assert client.get(reverse("toolkit:member-leave", args=[forming.slug, "merton"])).status_code == 403


def test_the_partnership_page_shows_members_invitations_and_history(client, forming, manager, sutton, kingston, partner_manager):
    from toolkit.partnerships import actions

    actions.accept(invitation_of(forming, sutton), partner_manager)
    client.force_login(manager)
    response = client.get(forming.get_absolute_url())
    assert [(m["council"].slug, m["status"]) for m in response.context["members"]] == [("merton", "Not started"), ("sutton", "Not started")]
    assert [i.council.slug for i in response.context["invitations"]] == ["kingston"]
    html = response.content.decode()
    assert [event.sentence for event in response.context["events"]] == [
        f"Set up the partnership, led by {forming.lead_council.name}",
        f"Invited {sutton.name}",
        f"Invited {kingston.name}",
        f"{sutton.name} accepted the invitation",
    ]
    assert f'Withdraw<span class="govuk-visually-hidden"> the invitation to {kingston.name}</span>' in html
    assert "The comparison and the compatibility report open once two member councils have submitted" in html


def test_partnership_page_query_count_does_not_grow_with_members(client, manager, merton, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from toolkit.partnerships import actions

    def count(partnership):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(partnership.get_absolute_url()).status_code == 200
        return len(queries)

    client.force_login(manager)
    small = actions.set_up(name="Small", description="", services="HR", lead=merton, invite=[factories.council("a1")], user=manager)
    big = actions.set_up(name="Big", description="", services="HR", lead=merton, invite=[factories.council(f"b{i}") for i in range(7)], user=manager)
    for partnership in (small, big):
        for invitation in partnership.invitations.all():
            actions.accept(invitation, manager)
            factories.joint_assessment(partnership, invitation.council, {})
    client.get(small.get_absolute_url())
    assert count(small) == count(big)


# --- Every action with each kind of user --------------------------------------------------------

ACTION_EXPECTED = {
    # new (GET), invite (GET), invite (POST), withdraw, remove (GET), remove (POST), leave (GET), leave (POST), accept, decline
    "lead officer": ["403", "403", "403", "403", "403", "403", "403", "403", "404", "404"],
    # (once the lead has removed Sutton, Sutton is no longer there to leave)
    "lead manager": ["200", "200", "200", "302", "200", "302", "404", "404", "404", "404"],
    "member officer": ["403", "403", "403", "403", "403", "403", "403", "403", "404", "404"],
    "member manager": ["200", "403", "403", "403", "403", "403", "200", "302", "404", "404"],
    "invited manager": ["200", "404", "404", "404", "404", "404", "404", "404", "302", "302"],
    "outsider": ["403", "404", "404", "404", "404", "404", "404", "404", "404", "404"],
    "admin": ["403", "403", "403", "403", "403", "403", "403", "403", "404", "404"],
    "anonymous": ["sign-in"] * 10,
}


@pytest.mark.parametrize("who", list(ACTION_EXPECTED))
def test_every_partnership_action_with_each_kind_of_user(who, forming, manager, officer, sutton, kingston, partner_officer, partner_manager, kingston_manager, outsider, staff_user):
    from toolkit.partnerships import actions

    actions.accept(invitation_of(forming, sutton), partner_manager)  # Sutton is a member; Kingston is invited
    kingston_invitation = invitation_of(forming, kingston)
    users = {
        "lead officer": officer, "lead manager": manager, "member officer": partner_officer, "member manager": partner_manager,
        "invited manager": kingston_manager, "outsider": outsider, "admin": staff_user,
    }
    client = Client()
    if who != "anonymous":
        client.force_login(users[who])
    slug = forming.slug
    requests = [
        ("get", NEW), ("get", reverse("toolkit:partnership-invite", args=[slug])),
        ("post", reverse("toolkit:partnership-invite", args=[slug])),
        ("post", reverse("toolkit:invitation-withdraw", args=[slug, kingston_invitation.pk])),
        ("get", reverse("toolkit:member-remove", args=[slug, "sutton"])), ("post", reverse("toolkit:member-remove", args=[slug, "sutton"])),
        ("get", reverse("toolkit:member-leave", args=[slug, "sutton"])), ("post", reverse("toolkit:member-leave", args=[slug, "sutton"])),
        ("post", reverse("toolkit:invitation-accept", args=[kingston_invitation.pk])),
        ("post", reverse("toolkit:invitation-decline", args=[kingston_invitation.pk])),
    ]
    found = []
    for method, url in requests:
        response = getattr(client, method)(url)
        found.append("sign-in" if response.status_code == 302 and response["Location"].startswith("/sign-in/") else str(response.status_code))
    assert found == ACTION_EXPECTED[who]
