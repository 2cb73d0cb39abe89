"""The business-case outline's page keeps its body under the business case's revision, which the
database moves on with every change (toolkit/business_case/revision.py). Each kind of change
shows on the very next GET, however it is made: a model saved, a queryset updated, rows made or
deleted in bulk. The business case is the complete one of ``conftest.py``, ready for sign-off."""

from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests import factories
from toolkit.business_case import revision, signoff
from toolkit.models import (
    Answer,
    Assessment,
    CaseOption,
    CaseStudy,
    Council,
    FinancialSettings,
    GateItem,
    IncomeEstimate,
    Milestone,
    PartnerFigures,
    Partnership,
    PartnershipMember,
    Question,
    Risk,
    SavingEstimate,
    SetUpCost,
    SignOff,
)

pytestmark = pytest.mark.django_db


def outline(client, case) -> str:
    response = client.get(reverse("toolkit:assessment-summary", args=[case.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def seen(client, officer, ready_case):
    """The outline as first shown, and so kept."""
    client.force_login(officer)
    first = outline(client, ready_case)
    assert "One legal service for the three boroughs." in first
    return first


def body(html) -> str:
    """The page's kept body: the buttons and forms around it differ by reader and request."""
    return html[html.index('<div class="toolkit-verdict">'):html.index("</main>")]


def answer(case, key):
    return Answer.objects.get(assessment=case, question__key=key)


# Each change: (what it does to the business case, text the outline shows only after it, or,
# marked GONE, text it stops showing).
GONE = "gone: "
CHANGES = {
    "an answer saved": (lambda case: setattr_save(answer(case, "design-vision"), value="A legal service for four boroughs."), "A legal service for four boroughs."),
    "an answer updated in bulk": (lambda case: Answer.objects.filter(assessment=case, question__key="design-vision").update(value="Changed by an update."), "Changed by an update."),
    "an answer deleted": (lambda case: answer(case, "design-objectives").delete(), GONE + "Keep specialist lawyers; save money."),
    "an answer's comment": (lambda case: setattr_save(answer(case, "design-vision"), comment="Agreed at the board."), "Comment: Agreed at the board."),
    "an option renamed": (lambda case: setattr_save(CaseOption.objects.get(assessment=case, kind="do-minimum"), name="Share advice only"), "Share advice only"),
    "an option deleted in bulk": (lambda case: CaseOption.objects.filter(assessment=case, kind="do-minimum").delete(), GONE + "Share specialist advice only."),
    "a milestone added": (lambda case: Milestone.objects.create(assessment=case, position=5, name="Staff consulted", due=date(2027, 5, 1)), "Staff consulted"),
    "a risk updated in bulk": (lambda case: Risk.objects.filter(assessment=case).update(description="Case system late"), "Case system late"),
    "a gate item's evidence": (lambda case: GateItem.objects.filter(assessment=case, item="setup-budget").update(evidence="Budget line 42"), "Budget line 42"),
    "the settings' period": (lambda case: FinancialSettings.objects.filter(assessment=case).update(years=5), "Year 4"),
    "a partner's figures": (lambda case: PartnerFigures.objects.filter(assessment=case, council__slug="merton").update(baseline=Decimal("1234567.00")), "£1,234,567.00"),
    "a set-up cost": (lambda case: SetUpCost.objects.filter(assessment=case).update(amount=Decimal("300001.00")), "300,001.00"),
    "savings made in bulk": (lambda case: SavingEstimate.objects.bulk_create([SavingEstimate(assessment=case, source="it", year=0, amount=Decimal("7777.00"))]), "7,777.00"),
    "income added": (lambda case: IncomeEstimate.objects.create(assessment=case, year=3, amount=Decimal("4321.00")), "4,321.00"),
}


def setattr_save(row, **values):
    for name, value in values.items():
        setattr(row, name, value)
    row.save()


@pytest.mark.parametrize("change", CHANGES)
def test_each_change_to_the_business_case_shows_on_the_next_get(client, ready_case, seen, change):
    make, text = CHANGES[change]
    gone = text.startswith(GONE)
    text = text.removeprefix(GONE)
    assert (text in seen) == gone
    make(ready_case)
    assert (text in outline(client, ready_case)) == (not gone)


def test_a_sign_off_and_its_withdrawal_show_at_once(client, ready_case, seen, manager, merton):
    assert "0 of 3 partners have signed" in seen
    signoff.sign(ready_case, merton, manager, name="Maria Manager", capacity="Chief executive")
    signed = outline(client, ready_case)
    assert ("1 of 3 partners have signed" in signed, "Maria Manager" in signed) == (True, True)
    SignOff.objects.filter(assessment=ready_case).update(withdrawn_at=timezone.now(), withdrawn_reason="A test")
    withdrawn = outline(client, ready_case)
    assert ("0 of 3 partners have signed" in withdrawn, "Maria Manager" in withdrawn) == (True, False)


def test_reopening_changing_and_marking_ready_again_shows_the_new_content(client, ready_case, seen, manager, merton):
    signoff.sign(ready_case, merton, manager, name="Maria Manager", capacity="Chief executive")
    assert "Maria Manager" in outline(client, ready_case)
    signoff.reopen(ready_case, manager)
    assert client.get(reverse("toolkit:assessment-summary", args=[ready_case.pk])).status_code == 404
    Risk.objects.filter(assessment=ready_case).update(owner="The new board")
    Assessment.objects.filter(pk=ready_case.pk).update(status="awaiting_sign_off", submitted_at=timezone.now())
    again = outline(client, ready_case)
    assert ("The new board" in again, "Maria Manager" in again, "0 of 3 partners have signed" in again) == (True, False, True)


def test_being_signed_off_by_every_partner_shows(client, ready_case, seen):
    Assessment.objects.filter(pk=ready_case.pk).update(status="signed_off")
    assert "Signed off by every partner" in outline(client, ready_case)


def test_a_council_joining_or_leaving_shows_even_without_reopening(client, ready_case, seen, partnership):
    richmond = factories.council("richmond")
    PartnershipMember.objects.create(partnership=partnership, council=richmond)
    joined = outline(client, ready_case)
    assert richmond.name in joined and "0 of 4 partners have signed" in joined
    PartnershipMember.objects.filter(partnership=partnership, council=richmond).delete()
    assert richmond.name not in outline(client, ready_case)


def test_renaming_the_partnership_shows(client, ready_case, seen, partnership):
    Partnership.objects.filter(pk=partnership.pk).update(name="The Thames Legal Partnership")
    assert "The business case of The Thames Legal Partnership" in outline(client, ready_case)


@pytest.mark.parametrize("what", ["question", "case study", "council"])
def test_an_admins_change_to_the_content_shows(client, ready_case, seen, what):
    if what == "question":
        row, field, text = Question.objects.get(key="design-vision", section__questionnaire=ready_case.questionnaire), "text", "What is the shared vision, reworded by an admin?"
    elif what == "case study":
        row, field, text = CaseStudy.objects.get(slug="east-kent-services"), "title", "East Kent, retitled by an admin"
    else:
        row, field, text = Council.objects.get(slug="kingston"), "name", "Royal Borough of Kingston, renamed"
    assert text not in seen
    setattr_save(row, **{field: text})
    assert text in outline(client, ready_case)


def test_shown_again_the_outline_reads_none_of_the_business_cases_rows(client, ready_case, seen):
    with CaptureQueriesContext(connection) as queries:
        assert body(outline(client, ready_case)) == body(seen)
    read = " ".join(q["sql"] for q in queries.captured_queries)
    assert [name for name in revision.BY_ASSESSMENT if apps.get_model("toolkit", name)._meta.db_table in read] == []


def test_the_kept_body_holds_nothing_of_its_first_reader(client, ready_case, seen, partner_officer, admin_user):
    """A partner's officer and an administrator see the body a Merton officer's visit kept."""
    for reader in (partner_officer, admin_user):
        other = Client()
        other.force_login(reader)
        assert body(outline(other, ready_case)) == body(seen)


def test_the_revision_rises_even_when_a_save_writes_back_an_older_number(ready_case):
    stale = Assessment.objects.get(pk=ready_case.pk)
    Risk.objects.filter(assessment=ready_case).update(owner="Someone else")
    moved = Assessment.objects.get(pk=ready_case.pk).revision
    assert moved > stale.revision
    stale.save()  # writes the number it read before the change
    assert Assessment.objects.get(pk=ready_case.pk).revision > moved


def test_other_assessments_rows_leave_their_revision_alone(merton, officer):
    from tests import banks

    draft = Assessment.objects.create(questionnaire=banks.questionnaire("self"), council=merton, started_by=officer)
    Answer.objects.create(assessment=draft, question=draft.questionnaire.questions.first(), value="yes")
    draft.save()
    assert Assessment.objects.get(pk=draft.pk).revision == 0


def test_every_table_pointing_at_a_business_case_or_partnership_moves_the_revision_or_is_not_shown():
    """A new page of rows must be added to the triggers (or said not to be in the outline)."""
    pointing = {
        model.__name__
        for model in apps.get_app_config("toolkit").get_models()
        for field in model._meta.concrete_fields
        if field.is_relation and field.related_model in (Assessment, Partnership)
    }
    # The business case's own row (it points at its partnership) has a trigger of its own.
    assert pointing - {"Assessment"} == set(revision.BY_ASSESSMENT + revision.BY_PARTNERSHIP + revision.NOT_SHOWN)
