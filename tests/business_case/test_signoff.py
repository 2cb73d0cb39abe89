"""The gate and sign-off: submitting marks a complete business case ready for sign-off; each
member council's programme manager signs for their council, fixed by a fingerprint of the
content; reopening withdraws every sign-off; and when the business case may start at all."""

import re
from html import unescape
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.business_case.conftest import field_errors, fill, form_data, messages_of, submit, summary_errors
from tests.wizard_helpers import section_url
from toolkit.answers import AnswerSheet
from toolkit.business_case import signoff
from toolkit.models import Answer, Assessment, GateItem, ProceedDecision, Risk, SignOff


def overview(case):
    return reverse("toolkit:assessment", args=[case.pk])


def sign_off_url(case):
    return reverse("toolkit:assessment-sign-off", args=[case.pk])


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def sign(user, case, capacity="Chief executive"):
    """A programme manager fills in the sign-off page and sends it."""
    client = client_for(user)
    page = client.get(sign_off_url(case))
    return client.post(sign_off_url(case), form_data(page, name=user.get_full_name(), capacity=capacity, confirm="on"))


def content_fingerprint(case):
    return signoff.fingerprint(signoff.snapshot(AnswerSheet(Assessment.objects.get(pk=case.pk))))


@pytest.fixture
def kingston_manager(partnership):
    return factories.user("kingston-manager", council=factories.council("kingston"), role="programme_manager")


# Submitting: the gate.


def test_submitting_is_refused_until_every_gate_item_has_an_owner_a_date_and_evidence(client, case, officer):
    fill(case, officer, gate=False)
    client.force_login(officer)
    response = submit(client, case)
    assert response["Location"] == reverse("toolkit:assessment-check", args=[case.pk])
    assert messages_of(response) == ["Complete every page before you mark the business case ready for sign-off."]
    case.refresh_from_db()
    assert case.status == "in_progress"

    for item in GateItem.Item.values:
        GateItem.objects.create(assessment=case, item=item, owner="Head of Legal", date=date(2027, 2, 1), evidence="Minutes")
    response = submit(client, case)
    assert response["Location"] == reverse("toolkit:assessment-submitted", args=[case.pk])
    case.refresh_from_db()
    assert (case.status, case.submitted_by) == ("awaiting_sign_off", officer)


# Signing off.


def test_a_member_councils_programme_manager_signs_off_for_their_council(ready_case, manager, merton):
    expected = content_fingerprint(ready_case)
    before = timezone.now()
    response = sign(manager, ready_case)
    assert response["Location"] == overview(ready_case)
    assert messages_of(response) == ["Thank you: your council's sign-off is recorded."]
    signed = SignOff.objects.get()
    assert (signed.council, signed.signed_by, signed.name, signed.capacity, signed.fingerprint, signed.withdrawn_at) == (
        merton, manager, "Manager Tester", "Chief executive", expected, None
    )
    assert before <= signed.signed_at <= timezone.now()
    assert re.fullmatch(r"[0-9a-f]{64}", signed.fingerprint)
    ready_case.refresh_from_db()
    assert ready_case.status == "awaiting_sign_off"
    page = client_for(manager).get(overview(ready_case)).content.decode()
    assert "Still to sign: London Borough of Sutton, Royal Borough of Kingston upon Thames." in page
    assert "London Borough of Merton: signed by Manager Tester, Chief executive, on" in page


def test_the_task_list_counts_the_partners_who_have_signed_out_of_every_partner(ready_case, manager):
    sign(manager, ready_case)
    assert "1 of 3 partners have signed." in client_for(manager).get(overview(ready_case)).content.decode()


def test_an_officer_may_not_sign_off_and_an_outsider_is_not_told_the_business_case_exists(ready_case, officer, partner_officer, outsider):
    for user, status in [(officer, 403), (partner_officer, 403), (outsider, 404)]:
        client = client_for(user)
        data = {"name": "Someone", "capacity": "Leader", "confirm": "on"}
        assert (client.get(sign_off_url(ready_case)).status_code, client.post(sign_off_url(ready_case), data).status_code) == (status, status)
    assert SignOff.objects.count() == 0


def test_a_council_that_has_signed_cannot_sign_again(ready_case, manager, merton):
    sign(manager, ready_case)
    colleague = factories.user("second-manager", council=merton, role="programme_manager")
    for user in (manager, colleague):
        response = client_for(user).get(sign_off_url(ready_case))
        assert (response["Location"], messages_of(response)) == (overview(ready_case), ["Your council has already signed off this business case."])
        response = client_for(user).post(sign_off_url(ready_case), {"name": "Again", "capacity": "Leader", "confirm": "on"})
        assert messages_of(response) == ["Your council has already signed off this business case."]
    with pytest.raises(signoff.Refused, match="^London Borough of Merton has already signed off this business case.$"):
        signoff.sign(ready_case, merton, colleague, name="Again", capacity="Leader")
    assert SignOff.objects.count() == 1


def test_the_sign_off_page_needs_a_name_a_capacity_and_the_confirmation(ready_case, manager):
    client = client_for(manager)
    response = client.post(sign_off_url(ready_case), form_data(client.get(sign_off_url(ready_case)), name="", capacity="", confirm=None))
    assert [message for _, message in summary_errors(response)] == [
        "Enter your name", "Enter the capacity in which you sign", "Confirm that you have read the business case and sign it off"
    ]
    assert len(field_errors(response)) == 3
    assert SignOff.objects.count() == 0


def test_a_business_case_in_progress_cannot_be_signed_off(complete_case, manager):
    response = client_for(manager).get(sign_off_url(complete_case))
    assert (response["Location"], messages_of(response)) == (overview(complete_case), ["The business case is not ready for sign-off yet."])
    with pytest.raises(signoff.Refused, match="^The business case is not ready for sign-off yet.$"):
        signoff.sign(complete_case, manager.memberships.get().council, manager, name="M", capacity="Leader")


def test_it_is_signed_off_when_every_member_has_signed(ready_case, manager, partner_manager, kingston_manager):
    sign(manager, ready_case)
    sign(partner_manager, ready_case, "Section 151 officer")
    ready_case.refresh_from_db()
    assert ready_case.status == "awaiting_sign_off"
    response = sign(kingston_manager, ready_case, "Leader")
    assert messages_of(response) == ["Every partner has now signed: the business case is signed off."]
    ready_case.refresh_from_db()
    assert ready_case.status == "signed_off"
    assert sorted(SignOff.objects.values_list("council__slug", "capacity")) == [
        ("kingston", "Leader"), ("merton", "Chief executive"), ("sutton", "Section 151 officer")
    ]
    page = client_for(manager).get(overview(ready_case)).content.decode()
    assert "Signed off</strong> Every partner council has signed off the business case." in page


# Reopening for changes.


def test_reopening_warns_first_then_withdraws_every_sign_off(ready_case, officer, manager, partner_manager):
    sign(manager, ready_case)
    sign(partner_manager, ready_case)
    client = client_for(officer)
    warning = client.get(reverse("toolkit:assessment-reopen", args=[ready_case.pk])).content.decode()
    assert (
        "Changing the business case withdraws the 2 sign-offs given (London Borough of Merton, London Borough of Sutton). "
        "Every partner must sign it off again." in warning
    )
    assert SignOff.objects.filter(withdrawn_at__isnull=True).count() == 2  # only warned

    before = timezone.now()
    response = client.post(reverse("toolkit:assessment-reopen", args=[ready_case.pk]))
    assert response["Location"] == overview(ready_case)
    assert messages_of(response) == [
        "The business case is open for changes. 2 sign-offs were withdrawn: mark it ready and sign it off again when the changes are made."
    ]
    assert [(s.council.slug, s.withdrawn_by, s.withdrawn_reason, before <= s.withdrawn_at <= timezone.now()) for s in SignOff.objects.order_by("signed_at")] == [
        ("merton", officer, "Officer Tester opened the business case for changes", True),
        ("sutton", officer, "Officer Tester opened the business case for changes", True),
    ]
    ready_case.refresh_from_db()
    assert ready_case.status == "in_progress"
    page = client.get(overview(ready_case)).content.decode()
    assert "Sign-offs withdrawn" in page and "withdrawn on" in page and "Officer Tester opened the business case for changes" in page
    # A business case open for changes has nothing to withdraw.
    assert client.get(reverse("toolkit:assessment-reopen", args=[ready_case.pk]))["Location"] == overview(ready_case)


def test_the_wizard_refuses_changes_while_the_business_case_awaits_sign_off_or_is_signed_off(ready_case, officer):
    url = section_url(ready_case, "risks")
    for status in ("awaiting_sign_off", "signed_off"):
        Assessment.objects.filter(pk=ready_case.pk).update(status=status)
        client = client_for(officer)
        response = client.get(url)
        assert (response["Location"], messages_of(response)) == (
            overview(ready_case), [
                "The business case cannot be changed here once it is ready for sign-off. To change it, choose "
                "“Make changes to the business case”: every sign-off is withdrawn first."
            ]
        )
        data = {"assessment_wizard-current_step": "risks", "action": "continue", "risks-rows-TOTAL_FORMS": "1", "risks-rows-INITIAL_FORMS": "0",
                "risks-rows-0-description": "Changed", "risks-rows-0-likelihood": "low", "risks-rows-0-impact": "low"}
        assert client.post(url, data)["Location"] == overview(ready_case)
    assert list(Risk.objects.values_list("description", flat=True)) == ["Key lawyers leave"]


def test_the_fingerprint_follows_the_content_and_nothing_else(complete_case, officer, partner_officer):
    original = content_fingerprint(complete_case)
    assert re.fullmatch(r"[0-9a-f]{64}", original)
    assert content_fingerprint(complete_case) == original

    # Who changed a row and when is not content.
    Risk.objects.update(updated_by=partner_officer, updated_at=timezone.now())
    assert content_fingerprint(complete_case) == original

    vision = Answer.objects.get(assessment=complete_case, question__key="design-vision")
    Answer.objects.filter(pk=vision.pk).update(value="Another vision.")
    changed_answer = content_fingerprint(complete_case)
    Answer.objects.filter(pk=vision.pk).update(value=vision.value)
    assert content_fingerprint(complete_case) == original

    Risk.objects.update(owner="Someone else")
    changed_row = content_fingerprint(complete_case)
    Risk.objects.update(owner="Project board")
    GateItem.objects.filter(item="communications").update(evidence="Other evidence")
    changed_gate = content_fingerprint(complete_case)
    assert len({original, changed_answer, changed_row, changed_gate}) == 4


# When the business case may start.


def start(user, partnership):
    council = user.memberships.get().council
    return client_for(user).post(reverse("toolkit:design-start", args=[council.slug]), {"partnership": partnership.slug})


FEWER_THAN_TWO = "The business case can start once two partner councils have completed their joint assessments."
IN_CONFLICT = (
    "The partners' joint assessments are in conflict. Resolve the conflicts first (a council can start a new joint assessment), "
    "or the lead council's programme manager can record why the partners go ahead anyway."
)


def test_the_business_case_cannot_start_with_fewer_than_two_joint_assessments_submitted(officer, merton, sutton, partnership):
    factories.joint_assessment(partnership, merton, {"joint-leaders-committed": "yes"})
    factories.joint_assessment(partnership, sutton, {"joint-leaders-committed": "yes"}, submitted=False)
    response = start(officer, partnership)
    assert (response["Location"], messages_of(response)) == (reverse("toolkit:design", args=["merton"]), [FEWER_THAN_TWO])
    assert FEWER_THAN_TWO in client_for(officer).get(reverse("toolkit:design", args=["merton"])).content.decode()
    assert Assessment.objects.filter(step="design").count() == 0


def test_two_joint_assessments_without_conflict_let_it_start(officer, merton, sutton, partnership):
    factories.joint_assessment(partnership, merton, {"joint-leaders-committed": "yes"})
    factories.joint_assessment(partnership, sutton, {"joint-leaders-committed": "yes"})
    response = start(officer, partnership)
    started = Assessment.objects.get(step="design")
    assert (response["Location"], started.partnership, started.council) == (overview(started), partnership, None)


@pytest.mark.parametrize("status, shown", [("awaiting_sign_off", "awaiting sign-off"), ("signed_off", "signed off")])
def test_a_partnership_keeps_one_business_case_once_it_is_ready_for_sign_off(status, shown, ready_case, officer, partnership):
    """Changes go through reopening it, which warns and withdraws sign-offs; a second business
    case would leave the first one's sign-offs behind."""
    Assessment.objects.filter(pk=ready_case.pk).update(status=status)
    page = client_for(officer).get(reverse("toolkit:design", args=["merton"])).content.decode()
    assert (f"The business case is {shown}." in page, "Start a new business case" in page) == (True, False)
    assert f'href="{overview(ready_case)}" role="button"' in page
    assert f'href="{reverse("toolkit:assessment-summary", args=[ready_case.pk])}">Business-case outline<' in page
    response = start(officer, partnership)
    assert (response["Location"], list(Assessment.objects.filter(step="design"))) == (overview(ready_case), [ready_case])


@pytest.fixture
def in_conflict(merton, sutton, partnership):
    """Merton and Sutton disagree on a question the joint assessment says must match."""
    factories.joint_assessment(partnership, merton, {"joint-leaders-committed": "yes"})
    factories.joint_assessment(partnership, sutton, {"joint-leaders-committed": "no"})
    partnership.refresh_from_db()
    assert partnership.joint_verdict == "Conflict"
    return partnership


def test_joint_assessments_in_conflict_hold_it_back_until_the_lead_records_why_they_go_ahead(in_conflict, officer, manager, partner_manager):
    response = start(officer, in_conflict)
    assert (response["Location"], messages_of(response)) == (reverse("toolkit:design", args=["merton"]), [IN_CONFLICT])
    assert start(partner_manager, in_conflict)["Location"] == reverse("toolkit:design", args=["sutton"])
    assert Assessment.objects.filter(step="design").count() == 0

    url = reverse("toolkit:partnership-proceed", args=[in_conflict.slug])
    # Only the lead council's programme managers decide: not its officers, nor a partner's manager.
    for user in (officer, partner_manager):
        assert (client_for(user).get(url).status_code, client_for(user).post(url, {"reason": "Because"}).status_code) == (403, 403)
    lead = client_for(manager)
    response = lead.post(url, {"reason": ""})
    assert response.status_code == 200
    assert summary_errors(response) == [("#id_reason", "Say why the partners go ahead")]
    assert field_errors(response) == [("id_reason_error", "Say why the partners go ahead")]
    assert ProceedDecision.objects.count() == 0

    response = lead.post(url, {"reason": "The conflict on commitment is dealt with in the business case."})
    assert (response["Location"], messages_of(response)) == (
        in_conflict.get_absolute_url(), ["Your reason is recorded. The partners can now start the business case."]
    )
    assert list(ProceedDecision.objects.values_list("partnership__slug", "reason", "by")) == [
        ("legal", "The conflict on commitment is dealt with in the business case.", manager.pk)
    ]
    response = start(officer, in_conflict)
    assert response["Location"] == overview(Assessment.objects.get(step="design", partnership=in_conflict))


def test_a_verdict_of_conflict_kept_on_the_partnership_holds_the_business_case_back(officer, merton, sutton, partnership):
    factories.joint_assessment(partnership, merton, {"joint-leaders-committed": "yes"})
    factories.joint_assessment(partnership, sutton, {"joint-leaders-committed": "yes"})
    type(partnership).objects.filter(pk=partnership.pk).update(joint_verdict="Conflict")
    assert messages_of(start(officer, partnership)) == [IN_CONFLICT]
    assert Assessment.objects.filter(step="design").count() == 0


# A change of partners.


def test_a_council_leaving_warns_first_then_withdraws_every_sign_off(ready_case, manager, partner_manager, kingston_manager):
    sign(manager, ready_case)
    sign(kingston_manager, ready_case)
    url = reverse("toolkit:member-leave", args=["legal", "sutton"])
    sutton = client_for(partner_manager)
    warning = unescape(sutton.get(url).content.decode())
    assert (
        "The business case is ready for sign-off. A change of partners changes every partner's share, so every "
        "sign-off will be withdrawn and the business case opened for changes."
    ) in warning
    sutton.post(url)
    ready_case.refresh_from_db()
    withdrawn = list(SignOff.objects.order_by("council__name").values_list("council__slug", "withdrawn_by", "withdrawn_reason"))
    reason = "London Borough of Sutton left the partnership, so every partner's share changed"
    assert (ready_case.status, withdrawn) == ("in_progress", [("merton", partner_manager.pk, reason), ("kingston", partner_manager.pk, reason)])


def test_a_council_joining_reopens_a_signed_off_business_case(ready_case, manager, partner_manager, kingston_manager, partnership):
    for user in (manager, partner_manager, kingston_manager):
        sign(user, ready_case)
    ready_case.refresh_from_db()
    assert ready_case.status == "signed_off"
    richmond = factories.council("richmond")
    invitation = partnership.invitations.create(council=richmond, invited_by=manager)
    joining = factories.user("richmond-manager", council=richmond, role="programme_manager")
    response = client_for(joining).post(reverse("toolkit:invitation-accept", args=[invitation.pk]))
    ready_case.refresh_from_db()
    assert ready_case.status == "in_progress"
    assert SignOff.objects.filter(withdrawn_at__isnull=True).count() == 0
    assert messages_of(response) == [
        "London Borough of Richmond upon Thames is now a member of Legal Partnership. The business case was ready for sign-off: it is open for "
        "changes again so that London Borough of Richmond upon Thames's figures can be added, and every sign-off was withdrawn."
    ]
    assert AnswerSheet(ready_case).pages["partner-figures"].missing() == ["Give London Borough of Richmond upon Thames's baseline cost"]


def test_an_administrator_taking_a_council_out_reopens_the_business_case(ready_case, manager, admin_user, partnership):
    sign(manager, ready_case)
    member = partnership.memberships.get(council__slug="kingston")
    client_for(admin_user).post(reverse("admin:toolkit_partnershipmember_delete", args=[member.pk]), {"post": "yes"})
    ready_case.refresh_from_db()
    assert (ready_case.status, SignOff.objects.get().withdrawn_reason) == (
        "in_progress", "An administrator, Administrator Tester, changed the partners, so every partner's share changed",
    )


def test_a_business_case_stays_in_view_when_a_partner_starts_a_new_joint_assessment(ready_case, officer, merton, sutton, partnership):
    factories.joint_assessment(partnership, merton, {"joint-leaders-committed": "yes"})
    factories.joint_assessment(partnership, sutton, {"joint-leaders-committed": "yes"}, submitted=False)  # started again
    client = client_for(officer)
    tasks = client.get(reverse("toolkit:dashboard")).context["council_tasks"]
    assert [(t.design_status, t.design_url) for t in tasks] == [("Awaiting sign-off", reverse("toolkit:design", args=["merton"]))]
    page = unescape(client.get(reverse("toolkit:partnership", args=["legal"])).content.decode())
    assert f'Awaiting sign-off: <a class="govuk-link" href="{overview(ready_case)}">open the business case</a>' in page


def test_a_sign_off_is_refused_when_the_business_case_changed_after_the_page_was_opened(ready_case, officer, manager):
    client = client_for(manager)
    opened = form_data(client.get(sign_off_url(ready_case)), name="Manager Tester", capacity="Chief executive", confirm="on")
    signoff.reopen(ready_case, officer)
    Risk.objects.filter(assessment=ready_case).update(mitigation="A different plan")
    assert submit(client_for(officer), ready_case).status_code == 302
    ready_case.refresh_from_db()
    assert ready_case.status == "awaiting_sign_off"

    response = client.post(sign_off_url(ready_case), opened)
    assert messages_of(response) == ["The business case has changed since you opened the sign-off page. Read it again before you sign."]
    assert SignOff.objects.count() == 0
    assert sign(manager, ready_case).status_code == 302  # signing what is shown now is recorded
    assert SignOff.objects.get().fingerprint == content_fingerprint(ready_case)


def test_marking_ready_for_sign_off_is_worded_as_such_not_as_submitting(client, complete_case, officer):
    client.force_login(officer)
    check = unescape(client.get(reverse("toolkit:assessment-check", args=[complete_case.pk])).content.decode())
    assert '<h2 class="govuk-heading-m">Now mark the business case ready for sign-off</h2>' in check
    assert '<button type="submit" class="govuk-button" data-module="govuk-button">Mark ready for sign-off</button>' in check
    assert ("Submit assessment" in check, "start a new assessment" in check) == (False, False)
    submitted = unescape(client.get(submit(client, complete_case)["Location"]).content.decode())
    assert '<h1 class="govuk-panel__title">Ready for sign-off</h1>' in submitted
    task_list = unescape(client.get(overview(complete_case)).content.decode())
    assert "Marked ready for sign-off by Officer Tester on" in task_list
    assert "To change it, choose “Make changes to the business case”: every sign-off is withdrawn first." in task_list
