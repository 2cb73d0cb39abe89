"""Starting values for a business case from the partners' submitted joint assessments: a list
of choices starts as every partner's choices together, crediting only the partners who answered."""

from tests import factories
from toolkit.answers import Suggestion
from toolkit.business_case.starting import from_joint_assessments


def test_the_services_in_scope_start_as_every_answering_partners_choices_and_name_only_them(case, merton, sutton, partnership):
    factories.joint_assessment(partnership, merton, {"joint-services-in": ["legal", "hr"]})
    factories.joint_assessment(partnership, sutton, {"joint-services-in": ["hr", "revenues"]})
    factories.joint_assessment(partnership, factories.council("kingston"), {"joint-leaders-committed": "yes"})  # no services answer
    assert from_joint_assessments(case) == {
        "joint-services-in": Suggestion(
            ["legal", "hr", "revenues"], "the partners' joint assessments (London Borough of Merton, London Borough of Sutton)"
        ),
        # One partner's answer is its own, not one they "all say".
        "joint-leaders-committed": Suggestion("yes", "the partners' joint assessments (Royal Borough of Kingston upon Thames)"),
    }


def test_an_answer_every_answering_partner_gave_alike_is_offered_as_theirs_and_a_split_one_is_not(case, merton, sutton, partnership):
    factories.joint_assessment(partnership, merton, {"joint-leaders-committed": "yes", "joint-start-small": "yes"})
    factories.joint_assessment(partnership, sutton, {"joint-leaders-committed": "yes", "joint-start-small": "no"})
    assert from_joint_assessments(case) == {
        "joint-leaders-committed": Suggestion(
            "yes", "the partners' joint assessments (London Borough of Merton, London Borough of Sutton), which all say so"
        ),
    }


def test_nothing_is_offered_before_any_joint_assessment_is_submitted(case, merton, partnership):
    factories.joint_assessment(partnership, merton, {"joint-services-in": ["legal"]}, submitted=False)
    assert from_joint_assessments(case) == {}
