"""Who sees what: nothing to compare until two members have submitted, drafts and private notes
kept back, who may open the partnership, comparison, report and PDF, and a member that leaves. The
expectations are in ``cases.py``, worked out by hand."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from tests import factories
from tests.compatibility.cases import (
    KINGSTON,
    KINGSTON_ANSWERS,
    MERTON,
    MERTON_ANSWERS,
    STEP,
    SUTTON,
    SUTTON_ANSWERS,
    Tables,
    html_of,
    logged_in,
    url,
)
from toolkit.exports import NoResult, export_result
from toolkit.models import Council, Export, Invitation, PrivateNote, Question
from toolkit.partnerships import actions

pytestmark = pytest.mark.usefixtures("media")

# --- Who sees what ----------------------------------------------------------------------------


def test_nothing_to_compare_until_two_members_have_submitted(questionnaire, partnership, merton, sutton, kingston, officer):
    merton_a = factories.joint_assessment(partnership, merton, MERTON_ANSWERS)
    sutton_draft = factories.joint_assessment(
        partnership, sutton, {**SUTTON_ANSWERS, "plans-why-not": "SUTTON-DRAFT-ANSWER"}, submitted=False
    )
    client = logged_in(officer)
    assert client.get(url("comparison")).status_code == 404
    assert client.get(url("report")).status_code == 404
    assert client.post(url("report-pdf")).status_code == 404
    with pytest.raises(NoResult):
        export_result(STEP, partnership, officer)
    assert Export.objects.count() == 0
    page = html_of(client.get(url(None)))
    assert "The comparison and the compatibility report open once two member councils have submitted their joint assessment (1 so far)." in page
    assert url("comparison") not in page and url("report") not in page
    # Nor can a partner open Sutton's draft.
    assert client.get(reverse("toolkit:assessment", args=[sutton_draft.pk])).status_code == 404

    kingston_a = factories.joint_assessment(partnership, kingston, KINGSTON_ANSWERS)
    comparison = client.get(url("comparison"))
    assert comparison.context["partners"] == [MERTON, KINGSTON]
    assert Tables(html_of(comparison)).tables[0]["columns"] == ["Question", MERTON, KINGSTON, "Verdict"]
    report = html_of(client.get(url("report")))
    export, pdf_html = export_result(STEP, partnership, officer)
    for shown in (html_of(comparison), report, pdf_html, json.dumps(export.answers)):
        assert "SUTTON-DRAFT-ANSWER" not in shown and "No finance officer yet." not in shown
    assert sorted(a.pk for a in export.assessments.all()) == sorted([merton_a.pk, kingston_a.pk])
    assert export.answers == {str(merton_a.pk): MERTON_ANSWERS, str(kingston_a.pk): KINGSTON_ANSWERS}
    assert url("comparison") in html_of(client.get(url(None)))


def test_private_notes_stay_with_their_council(joint, questionnaire, partnership, officer, partner_officer, kingston_officer):
    merton_a = joint["merton"]
    question = Question.objects.get(section__questionnaire=questionnaire, key="aims-clear")
    PrivateNote.objects.create(assessment=merton_a, question=question, text="PRIVATE-MERTON-NOTE")
    merton_client = logged_in(officer)
    own = html_of(merton_client.get(reverse("toolkit:assessment", args=[merton_a.pk])))
    assert "<strong>Private note (only your council sees this):</strong> PRIVATE-MERTON-NOTE" in own

    export, pdf_html = export_result(STEP, partnership, officer)
    stored = Export.objects.get(pk=export.pk)
    shown = {
        "comparison": html_of(merton_client.get(url("comparison"))),
        "report": html_of(merton_client.get(url("report"))),
        "comparison as a partner": html_of(logged_in(partner_officer).get(url("comparison"))),
        "report as a partner": html_of(logged_in(kingston_officer).get(url("report"))),
        "PDF's HTML": pdf_html,
        "export's answers": json.dumps(stored.answers),
        "Sutton's view of Merton's assessment": html_of(logged_in(partner_officer).get(reverse("toolkit:assessment", args=[merton_a.pk]))),
    }
    assert {name: "PRIVATE-MERTON-NOTE" in text for name, text in shown.items()} == dict.fromkeys(shown, False)
    assert "Private note" not in shown["Sutton's view of Merton's assessment"]
    # Sutton does see Merton's submitted answers there.
    assert "Costing starts in spring." in shown["Sutton's view of Merton's assessment"]


WHO = ["officer", "partner", "staff", "outsider", "invited", "anonymous"]
# "→earlier": asking for the PDF leads to the download of the one made earlier, nothing having changed.
PAGES_EXPECTED = {
    "officer": {"partnership": "200", "comparison": "200", "report": "200", "pdf": "→earlier", "download": "200"},
    "partner": {"partnership": "200", "comparison": "200", "report": "200", "pdf": "→earlier", "download": "200"},
    "staff": {"partnership": "200", "comparison": "200", "report": "200", "pdf": "→earlier", "download": "200"},
    "outsider": dict.fromkeys(["partnership", "comparison", "report", "pdf", "download"], "404"),
    "invited": dict.fromkeys(["partnership", "comparison", "report", "pdf", "download"], "404"),
    "anonymous": dict.fromkeys(["partnership", "comparison", "report", "pdf", "download"], "sign-in"),
}


@pytest.mark.parametrize("who", WHO)
def test_who_may_see_the_partnership_its_comparison_report_and_pdf(who, joint, partnership, officer, partner_officer, staff_user, outsider):
    richmond = Council.objects.get(slug="richmond")
    Invitation.objects.create(partnership=partnership, council=richmond, status="pending")
    people = {
        "officer": officer, "partner": partner_officer, "staff": staff_user, "outsider": outsider,
        "invited": factories.user("richmond-officer", council=richmond),
    }
    earlier, _ = export_result(STEP, partnership, officer)
    client = logged_in(people[who]) if who in people else Client()
    requests = {
        "partnership": client.get(url(None)),
        "comparison": client.get(url("comparison")),
        "report": client.get(url("report")),
        "pdf": client.post(url("report-pdf")),
        "download": client.get(reverse("toolkit:export-download", args=[earlier.pk])),
    }

    def outcome(response, path):
        if response.status_code == 302 and response["Location"] == reverse("toolkit:export-download", args=[earlier.pk]):
            return "→earlier"
        if response.status_code == 302:
            assert response["Location"] == f"/sign-in/?next={path}"
            return "sign-in"
        return str(response.status_code)

    paths = {
        "partnership": url(None), "comparison": url("comparison"), "report": url("report"), "pdf": url("report-pdf"),
        "download": reverse("toolkit:export-download", args=[earlier.pk]),
    }
    assert {name: outcome(response, paths[name]) for name, response in requests.items()} == PAGES_EXPECTED[who]
    assert Export.objects.count() == 1


def test_a_member_that_leaves_after_submitting(joint, partnership, kingston, officer, kingston_officer):
    before, _ = export_result(STEP, partnership, officer)
    kingston_manager = factories.user("kingston-manager", council=kingston, role="programme_manager")
    actions.leave(partnership, kingston, kingston_manager)

    client = logged_in(officer)
    comparison = client.get(url("comparison"))
    html = html_of(comparison)
    assert comparison.context["partners"] == [MERTON, SUTTON]
    assert Tables(html).tables[0]["columns"] == ["Question", MERTON, SUTTON, "Verdict"]
    assert "Waiting for the audit." not in html and KINGSTON not in html
    report = html_of(client.get(url("report")))
    assert "Waiting for the audit." not in report

    after, after_html = export_result(STEP, partnership, officer)
    assert "Waiting for the audit." not in after_html
    assert sorted(a.pk for a in after.assessments.all()) == sorted([joint["merton"].pk, joint["sutton"].pk])
    assert Export.objects.get(pk=after.pk).answers == {
        str(joint["merton"].pk): MERTON_ANSWERS, str(joint["sutton"].pk): SUTTON_ANSWERS,
    }
    # The report made before Kingston left still holds its answers.
    before = Export.objects.get(pk=before.pk)
    assert sorted(a.pk for a in before.assessments.all()) == sorted(a.pk for a in joint.values())
    assert before.answers == {
        str(joint["merton"].pk): MERTON_ANSWERS, str(joint["sutton"].pk): SUTTON_ANSWERS,
        str(joint["kingston"].pk): KINGSTON_ANSWERS,
    }

    gone = logged_in(kingston_officer)
    assert {
        "comparison": gone.get(url("comparison")).status_code,
        "partnership": gone.get(url(None)).status_code,
        "report": gone.get(url("report")).status_code,
        "pdf": gone.post(url("report-pdf")).status_code,
        "earlier download": gone.get(reverse("toolkit:export-download", args=[before.pk])).status_code,
    } == {"comparison": 404, "partnership": 404, "report": 404, "pdf": 404, "earlier download": 404}
