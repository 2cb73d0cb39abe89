"""The access rules as tables of cases: pure functions, no database."""

import pytest

from toolkit.access import (
    Rights,
    Standing,
    assessment_rights,
    council_rights,
    may_answer_invitation,
    partnership_rights,
)

MERTON, SUTTON, KINGSTON, STAFFORD = 1, 2, 3, 4
PARTNERSHIP = {MERTON, SUTTON, KINGSTON}

MERTON_OFFICER = Standing(councils=frozenset({MERTON}))
MERTON_PM = Standing(councils=frozenset({MERTON}), managed=frozenset({MERTON}))
SUTTON_OFFICER = Standing(councils=frozenset({SUTTON}))
SUTTON_PM = Standing(councils=frozenset({SUTTON}), managed=frozenset({SUTTON}))
STAFFORD_OFFICER = Standing(councils=frozenset({STAFFORD}))
ADMIN = Standing(is_admin=True)
ADMIN_IN_MERTON = Standing(councils=frozenset({MERTON}), is_admin=True)
NOBODY = Standing()

ALL = Rights(view=True, edit=True, submit=True, export=True)
ANSWER = Rights(view=True, edit=True, submit=True, private=True)
READ = Rights(view=True)
READ_AND_EXPORT = Rights(view=True, export=True)
NONE = Rights()


@pytest.mark.parametrize(
    "who,step,council,partners,submitted,expected",
    [
        # Self assessment: the council's members do everything; nobody else but admins sees it.
        (MERTON_OFFICER, "self", MERTON, set(), False, ALL),
        (MERTON_PM, "self", MERTON, set(), True, ALL),
        (SUTTON_OFFICER, "self", MERTON, set(), True, NONE),
        (STAFFORD_OFFICER, "self", MERTON, set(), False, NONE),
        (ADMIN, "self", MERTON, set(), False, READ_AND_EXPORT),
        (ADMIN_IN_MERTON, "self", MERTON, set(), False, ALL),
        (NOBODY, "self", MERTON, set(), True, NONE),
        # Joint assessment: the council answers; partners read it once submitted.
        (MERTON_OFFICER, "joint", MERTON, PARTNERSHIP, False, ANSWER),
        (MERTON_PM, "joint", MERTON, PARTNERSHIP, True, ANSWER),
        (SUTTON_OFFICER, "joint", MERTON, PARTNERSHIP, False, NONE),
        (SUTTON_PM, "joint", MERTON, PARTNERSHIP, False, NONE),
        (SUTTON_OFFICER, "joint", MERTON, PARTNERSHIP, True, READ),
        (STAFFORD_OFFICER, "joint", MERTON, PARTNERSHIP, True, NONE),
        (ADMIN, "joint", MERTON, PARTNERSHIP, False, READ_AND_EXPORT),
        # A member of a council that has left the partnership is an outsider, to its partners'
        # answers and to its own.
        (SUTTON_OFFICER, "joint", MERTON, {MERTON, KINGSTON}, True, NONE),
        (MERTON_OFFICER, "joint", MERTON, {SUTTON, KINGSTON}, True, NONE),
        # Design: every member council's people work on the business case together.
        (MERTON_OFFICER, "design", None, PARTNERSHIP, False, ALL),
        (SUTTON_OFFICER, "design", None, PARTNERSHIP, False, ALL),
        (SUTTON_OFFICER, "design", None, PARTNERSHIP, True, ALL),
        (STAFFORD_OFFICER, "design", None, PARTNERSHIP, False, NONE),
        (ADMIN, "design", None, PARTNERSHIP, True, READ_AND_EXPORT),
    ],
)
def test_assessment_rights(who, step, council, partners, submitted, expected):
    assert assessment_rights(who, step=step, council_id=council, partner_ids=partners, submitted=submitted) == expected


@pytest.mark.parametrize(
    "who,expected",
    [(MERTON_OFFICER, ALL), (MERTON_PM, ALL), (SUTTON_OFFICER, NONE), (ADMIN, READ_AND_EXPORT), (NOBODY, NONE)],
)
def test_council_rights(who, expected):
    assert council_rights(who, MERTON) == expected


@pytest.mark.parametrize(
    "who,view,manage,sign_off",
    [
        (MERTON_PM, True, True, True),  # the lead council's programme manager runs the partnership
        (MERTON_OFFICER, True, False, False),  # an officer's role is not enough
        (SUTTON_PM, True, False, True),  # a member's programme manager signs off for Sutton
        (SUTTON_OFFICER, True, False, False),
        (STAFFORD_OFFICER, False, False, False),
        (Standing(councils=frozenset({STAFFORD}), managed=frozenset({STAFFORD})), False, False, False),
        (ADMIN, True, False, False),
    ],
)
def test_partnership_rights(who, view, manage, sign_off):
    rights = partnership_rights(who, lead_id=MERTON, member_ids=PARTNERSHIP)
    assert (rights.view, rights.manage, rights.sign_off) == (view, manage, sign_off)


@pytest.mark.parametrize(
    "who,members,expected",
    [
        (SUTTON_PM, PARTNERSHIP, {SUTTON}),  # a member's programme manager may take it out
        (SUTTON_OFFICER, PARTNERSHIP, set()),  # an officer may not
        (MERTON_PM, PARTNERSHIP, set()),  # the lead cannot leave
        (SUTTON_PM, {MERTON, KINGSTON}, set()),  # no longer a member
        (Standing(councils=frozenset({SUTTON, KINGSTON}), managed=frozenset({SUTTON, KINGSTON})), PARTNERSHIP, {SUTTON, KINGSTON}),
    ],
)
def test_who_may_take_a_council_out_of_a_partnership(who, members, expected):
    assert partnership_rights(who, lead_id=MERTON, member_ids=members).may_leave == expected


def test_a_lead_that_is_no_longer_a_member_runs_nothing():
    assert partnership_rights(MERTON_PM, lead_id=MERTON, member_ids={SUTTON, KINGSTON}).manage is False


@pytest.mark.parametrize(
    "who,council,expected",
    [(SUTTON_PM, SUTTON, True), (SUTTON_OFFICER, SUTTON, False), (MERTON_PM, SUTTON, False), (ADMIN, SUTTON, False)],
)
def test_only_the_invited_councils_programme_manager_answers_an_invitation(who, council, expected):
    assert may_answer_invitation(who, council) is expected


def test_standing_is_read_from_memberships(db, merton, sutton):
    from tests import factories
    from toolkit.access import standing

    user = factories.user("both", council=merton)
    user.memberships.create(council=sutton, role="programme_manager")
    assert standing(user) == Standing(councils=frozenset({merton.pk, sutton.pk}), managed=frozenset({sutton.pk}))
