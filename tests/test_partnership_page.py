from django.urls import reverse

from tests import factories


def url(partnership):
    return reverse("toolkit:partnership", args=[partnership.slug])


def test_member_sees_partners_and_their_progress(client, officer, partnership):
    client.force_login(officer)
    response = client.get(url(partnership))
    assert response.status_code == 200
    progress = response.context["progress"]
    assert {c.slug: s for c, s in progress.joint.items()} == {
        "merton": "Not started",
        "sutton": "Not started",
        "kingston": "Not started",
    }
    assert progress.design == "Cannot start yet"
    assert f"{partnership.lead_council.name} (lead)" in response.content.decode()


def test_officer_of_a_partner_council_can_see_it(client, partnership):
    kingston_officer = factories.user("k", council=partnership.councils.get(slug="kingston"))
    client.force_login(kingston_officer)
    assert client.get(url(partnership)).context["partnership"] == partnership


def test_outsider_gets_404(client, partnership, db):
    client.force_login(factories.user("richmond-officer", council=factories.council("richmond")))
    assert client.get(url(partnership)).status_code == 404


def test_anonymous_user_is_sent_to_sign_in(client, partnership):
    response = client.get(url(partnership))
    assert (response.status_code, response["Location"]) == (302, f"/sign-in/?next={url(partnership)}")
