"""A council's joint assessment through the core's one path: starting it from the council's
page, starting values from its self assessment, private notes, submitting, and what partners see."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests import banks, factories
from tests.wizard_helpers import field_name, post_data, section_url
from toolkit.answers import AnswerSheet
from toolkit.models import Answer, Assessment, PrivateNote, Questionnaire


@pytest.fixture
def bank(db):
    banks.questionnaire("self")
    return banks.questionnaire("joint")


@pytest.fixture
def joint(client, bank, officer, merton, partnership):
    """Merton's joint assessment in the partnership, started by its officer from its page."""
    client.force_login(officer)
    response = client.post(reverse("toolkit:joint-assessment-start", args=["merton"]), {"partnership": partnership.slug})
    assessment = Assessment.objects.get(step="joint", council=merton)
    assert response["Location"] == reverse("toolkit:assessment", args=[assessment.pk])
    return assessment


def test_the_councils_page_lists_each_partnership_with_its_joint_assessment(client, bank, officer, merton, partnership):
    factories.partnership("other", lead=merton, members=[merton, factories.council("richmond")])
    client.force_login(officer)
    response = client.get(reverse("toolkit:joint-assessment", args=["merton"]))
    assert [(row.partnership.slug, row.in_progress, row.submitted, row.can_start) for row in response.context["rows"]] == [
        ("legal", None, [], True), ("other", None, [], True)
    ]
    html = response.content.decode()
    assert html.count("Start the joint assessment<span") == 2
    assert '<input type="hidden" name="partnership" value="other">' in html


def test_a_joint_assessment_uses_the_partnerships_questionnaire_version(client, bank, officer, merton, partnership):
    old = Questionnaire.objects.get(step="joint", status="retired", version=1)
    partnership.joint_questionnaire = old
    partnership.save()
    client.force_login(officer)
    client.post(reverse("toolkit:joint-assessment-start", args=["merton"]), {"partnership": partnership.slug})
    assert Assessment.objects.get(step="joint", council=merton).questionnaire == old


def test_answers_from_the_self_assessment_are_offered_and_saved_only_with_the_page(client, bank, officer, merton, partnership):
    self_assessment = Assessment.objects.create(questionnaire=Questionnaire.objects.get(step="self", status="published"), council=merton)
    questions = {q.key: q for q in self_assessment.questionnaire.questions.all()}
    for key, value in {"costs-known": "no", "costs-budget": "980000", "aims-clear": "partly"}.items():
        Answer.objects.create(assessment=self_assessment, question=questions[key], value=value)
    Assessment.objects.filter(pk=self_assessment.pk).update(status="submitted", submitted_at=timezone.make_aware(timezone.datetime(2026, 5, 3, 12)))
    client.force_login(officer)
    client.post(reverse("toolkit:joint-assessment-start", args=["merton"]), {"partnership": partnership.slug})
    joint = Assessment.objects.get(step="joint", council=merton)

    page = client.get(section_url(joint, "costs"))
    form = page.context["form"]
    assert (form["answer_costs-known"].value(), str(form["answer_costs-budget"].value())) == ("no", "980000")
    hint = "We have filled this in from your council&#x27;s self assessment submitted 3 May 2026. Check it is still right before you save."
    assert page.content.decode().count(hint) == 2  # the two questions offered on this page
    assert Answer.objects.filter(assessment=joint).count() == 0  # offered, not saved

    section = AnswerSheet(joint).section("costs")
    client.post(section_url(joint, "costs"), post_data(section, {"costs-known": "no"}, action="later"))
    assert AnswerSheet(joint).values == {"costs-known": "no"}
    # The budget was cleared before saving: once a page is saved, nothing is offered on it again.
    again = client.get(section_url(joint, "costs"))
    assert again.context["form"]["answer_costs-budget"].value() is None
    assert "We have filled this in" not in again.content.decode()


def test_private_notes_are_kept_apart_and_shown_only_to_the_council(client, joint, officer, partner_officer):
    section = AnswerSheet(joint).section("gate-questions")
    page = client.get(section_url(joint, "gate-questions")).content.decode()
    assert "Add a note private to" in page and "Only London Borough of Merton&#x27;s officers see this note." in page
    data = post_data(section, {"gate": "yes"}, action="later")
    data[field_name(section, section.questions.all()[0], "private")] = "Our leader is wavering <privately>."
    client.post(section_url(joint, "gate-questions"), data)
    assert list(PrivateNote.objects.values_list("question__key", "text", "updated_by")) == [("gate", "Our leader is wavering <privately>.", officer.pk)]
    assert Answer.objects.get(assessment=joint).comment == ""  # not the answer's comment

    # The council's own pages show it, escaped; the form keeps it.
    check = client.get(reverse("toolkit:assessment-check", args=[joint.pk])).content.decode()
    assert "Private note (only your council sees this):</strong> Our leader is wavering &lt;privately&gt;." in check
    assert client.get(section_url(joint, "gate-questions")).context["form"]["private_gate"].value() == "Our leader is wavering <privately>."

    # Once submitted, a partner reads the answers but never the note.
    questions = {q.key: q for q in joint.questionnaire.questions.all()}
    Answer.objects.filter(assessment=joint).delete()
    Answer.objects.bulk_create(Answer(assessment=joint, question=questions[k], value=v) for k, v in banks.MIXED.items())
    client.post(reverse("toolkit:assessment-submit", args=[joint.pk]))
    partner = Client()
    partner.force_login(partner_officer)
    seen = partner.get(reverse("toolkit:assessment", args=[joint.pk])).content.decode()
    assert "Members disagree on scope." in seen and "wavering" not in seen
    assert "wavering" in client.get(reverse("toolkit:assessment", args=[joint.pk])).content.decode()


def test_clearing_a_private_note_removes_it_and_a_page_without_the_box_keeps_it(client, joint):
    gate = joint.questionnaire.questions.get(key="gate")
    PrivateNote.objects.create(assessment=joint, question=gate, text="Old")
    section = AnswerSheet(joint).section("gate-questions")
    client.post(section_url(joint, "gate-questions"), post_data(section, {"gate": "yes"}, action="later"))
    assert list(PrivateNote.objects.values_list("text", flat=True)) == ["Old"]  # no box posted: unchanged
    data = post_data(section, {"gate": "yes"}, action="later")
    data[field_name(section, gate, "private")] = ""
    client.post(section_url(joint, "gate-questions"), data)
    assert PrivateNote.objects.count() == 0


def test_a_later_save_is_told_of_a_colleagues_private_note_instead_of_deleting_it(client, joint, merton):
    section = AnswerSheet(joint).section("gate-questions")
    gate = section.questions.all()[0]
    seen_at = client.get(section_url(joint, "gate-questions")).context["form"]["seen_at"].value()
    colleague = Client()
    colleague.force_login(factories.user("colleague", council=merton))
    data = post_data(section, {"gate": "yes"}, action="later")
    data[field_name(section, gate, "private")] = "The leader told me in confidence."
    colleague.post(section_url(joint, "gate-questions"), data)

    mine = post_data(section, {"gate": "yes"}, action="later", seen_at=seen_at)
    mine[field_name(section, gate, "private")] = ""  # the box as I opened it, before the note was written
    response = client.post(section_url(joint, "gate-questions"), mine)
    assert [(c.question.key, c.what, c.theirs) for c in response.context["conflicts"]] == [
        ("gate", "private note", "The leader told me in confidence.")
    ]
    assert "changed the private note on ‘Are leaders committed?’ to ‘The leader told me in confidence.’" in response.content.decode()
    assert list(PrivateNote.objects.values_list("text", flat=True)) == ["The leader told me in confidence."]


def test_private_notes_go_with_the_answers_into_a_new_joint_assessment(client, joint, partnership):
    PrivateNote.objects.create(assessment=joint, question=joint.questionnaire.questions.get(key="gate"), text="Keep this")
    questions = {q.key: q for q in joint.questionnaire.questions.all()}
    Answer.objects.bulk_create(Answer(assessment=joint, question=questions[k], value=v) for k, v in banks.MIXED.items())
    client.post(reverse("toolkit:assessment-submit", args=[joint.pk]))
    client.post(reverse("toolkit:joint-assessment-start", args=["merton"]), {"partnership": partnership.slug})
    new = Assessment.objects.get(step="joint", status="in_progress")
    assert list(new.private_notes.values_list("question__key", "text")) == [("gate", "Keep this")]


def test_submitting_says_what_happens_next_and_links_the_report_once_there_is_one(client, joint, sutton, partnership):
    questions = {q.key: q for q in joint.questionnaire.questions.all()}
    Answer.objects.bulk_create(Answer(assessment=joint, question=questions[k], value=v) for k, v in banks.MIXED.items())
    response = client.post(reverse("toolkit:assessment-submit", args=[joint.pk]))
    confirmation = client.get(response["Location"]).content.decode()
    assert "Once two or more partner councils have submitted, the compatibility report compares your answers" in confirmation
    assert "/compatibility-report/" not in confirmation  # only Merton has submitted
    factories.joint_assessment(partnership, sutton, banks.STRONG)
    confirmation = client.get(response["Location"]).content.decode()
    assert '<a class="govuk-link" href="/partnerships/legal/compatibility-report/">View the compatibility report</a>' in confirmation


def test_the_councils_page_links_the_report_once_two_members_have_submitted(client, bank, officer, merton, sutton, partnership):
    client.force_login(officer)
    url = reverse("toolkit:joint-assessment", args=["merton"])
    factories.joint_assessment(partnership, merton, banks.MIXED)
    assert [row.report_url for row in client.get(url).context["rows"]] == [""]
    factories.joint_assessment(partnership, sutton, banks.STRONG)
    assert [row.report_url for row in client.get(url).context["rows"]] == ["/partnerships/legal/compatibility-report/"]
    assert 'href="/partnerships/legal/compatibility-report/">Compatibility report for Legal Partnership</a>' in client.get(url).content.decode()


def test_a_partner_reads_a_submitted_joint_assessment_from_the_partnership_page(client, bank, partner_officer, merton, partnership):
    submitted = factories.joint_assessment(partnership, merton, banks.MIXED)
    client.force_login(partner_officer)
    page = client.get(partnership.get_absolute_url()).content.decode()
    assert f'href="/assessments/{submitted.pk}/"' in page
    assert client.get(reverse("toolkit:assessment", args=[submitted.pk])).status_code == 200


def test_the_reports_experts_are_the_members_own_first_and_never_another_councils(client, bank, officer, merton, sutton, partnership):
    from toolkit.compatibility.report import compatibility_report
    from toolkit.models import ExpertContact, Theme

    leadership = Theme.objects.get(slug="leadership")
    def expert(name, council, position):
        made = ExpertContact.objects.create(name=name, area="Leadership", council=council, source="000_89f19df402329646.txt", position=position)
        made.steps.add("joint")
        made.themes.add(leadership)
        return made

    own = expert("Zoe Merton", merton, 99)
    shared = expert("Abel Anyone", None, 0)
    elsewhere = expert("Stafford Person", factories.council("stafford"), 0)
    factories.joint_assessment(partnership, merton, {**banks.MIXED, "gate": "yes"})
    factories.joint_assessment(partnership, sutton, {**banks.MIXED, "gate": "no"})  # the gate must match: a conflict
    groups = {g.theme.slug: g for g in compatibility_report(partnership)["issues"]}
    experts = groups["leadership"].signposts.experts
    assert own in experts and shared in experts and elsewhere not in experts
    assert experts.index(own) < experts.index(shared)
