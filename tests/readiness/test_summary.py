"""The readiness summary page, its PDF, the record of exports and the export command."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from pypdf import PdfReader

from tests import banks
from tests.pdf_helpers import figure_alt_texts
from toolkit import questionnaires, steps
from toolkit.answers import AnswerSheet, spec_for
from toolkit.conditions import visible_keys
from toolkit.exports import export_result
from toolkit.models import Answer, Assessment, Export, Question, Questionnaire


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def submit_with(council, user, values: dict, when=None):
    """A submitted self assessment of the published questionnaire with the given answers."""
    questionnaire = Questionnaire.objects.get(step="self", status="published")
    assessment = Assessment.objects.create(questionnaire=questionnaire, council=council, started_by=user)
    questions = {q.key: q for q in Question.objects.filter(section__questionnaire=questionnaire)}
    Answer.objects.bulk_create(
        Answer(assessment=assessment, question=questions[k], value=v, updated_by=user) for k, v in values.items()
    )
    assessment.status = "submitted"
    assessment.submitted_by = user
    assessment.submitted_at = when or timezone.now()
    assessment.save()
    return assessment


def submitted_assessment(council, user, choose, when=None):
    """A submitted self assessment of the real question bank, answering every shown question
    with ``choose(question)``."""
    questionnaire = Questionnaire.objects.get(step="self", status="published")
    questions = [q for s in questionnaires.load_structure(questionnaire) for q in s.questions.all()]
    specs = [spec_for(q) for q in questions]
    values = {}
    for question in questions:
        if question.key in visible_keys(specs, values):
            values[question.key] = choose(question)
    return submit_with(council, user, values, when)


def mixed(question):
    """Strong on leadership, weak everywhere else; gates passed."""
    if not question.is_choice:
        return {"number": 3, "money": "1000", "percentage": "10", "date": "2027-01-31", "text": "x", "long_text": "<script>alert(1)</script> & more"}[question.kind]
    options = sorted(question.options.all(), key=lambda o: o.score)
    best, worst = options[-1].value, options[0].value
    pick = best if question.is_gate or question.theme.slug == "leadership" else worst
    return [pick] if question.kind == Question.Kind.MULTIPLE else pick


@pytest.fixture
def assessment(merton, officer):
    return submitted_assessment(merton, officer, mixed)


def summary_url(assessment):
    return reverse("toolkit:assessment-summary", args=[assessment.pk])


@pytest.mark.parametrize(
    "answers,verdict,overall,themes,gaps",
    [
        # Worked out by hand in tests/banks.py.
        (banks.STRONG, "Ready to explore sharing", "96", [("leadership", 100), ("vision", 87.5), ("finance", 100)], []),
        (
            banks.MIXED, "Not ready yet", "35", [("leadership", 100), ("vision", 6.25), ("finance", 0)],
            [("vision", ["aims-clear", "plans-services", "aims-agreed"]), ("finance", ["costs-known"])],
        ),
        (banks.GATE_FAILED, "Not ready yet", "63", [("leadership", 0), ("vision", 87.5), ("finance", 100)], [("leadership", ["gate"])]),
    ],
)
def test_summary_of_the_test_bank(client, officer, merton, answers, verdict, overall, themes, gaps):
    banks.questionnaire("self")
    assessment = submit_with(merton, officer, answers)
    client.force_login(officer)
    response = client.get(summary_url(assessment))
    context = response.context
    assert context["verdict"] == verdict
    assert [(row.theme.slug, row.score) for row in context["theme_rows"]] == themes
    assert [(group.theme.slug, [q.key for q in group.gaps]) for group in context["actions"]] == gaps
    assert [row.theme.slug for row in context["strengths"]] == [slug for slug, score in themes if score >= 70]
    html = response.content.decode()
    assert f"<h2 class=\"govuk-heading-l\">Verdict: {verdict}</h2>" in html
    assert f"Overall readiness score: <strong>{overall} out of 100</strong>" in html


def test_summary_shows_verdict_strengths_gaps_and_signposts(client, officer, assessment):
    client.force_login(officer)
    response = client.get(summary_url(assessment))
    context = response.context
    assert context["verdict"] == "Not ready yet"
    assert [row.theme.slug for row in context["strengths"]] == ["leadership"]
    gap_themes = [group.theme.slug for group in context["actions"]]
    assert "leadership" not in gap_themes and len(gap_themes) >= 5
    # every gap theme is signposted to content for the self-assessment step with that theme
    for group in context["actions"]:
        for item in group.signposts.guidance + group.signposts.case_studies:
            assert group.theme.slug in {t.slug for t in item.themes.all()}
            assert "self" in set(item.steps.values_list("code", flat=True))
    assert any(group.signposts for group in context["actions"])
    html = response.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="toolkit-chart" role="img"' in html
    assert '<title id="readiness-chart-title">Readiness score by theme for London Borough of Merton</title>' in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
    assert "<script>alert(1)</script>" not in html


def test_merton_experts_come_first_for_merton(client, officer, assessment):
    from toolkit.models import ExpertContact, Theme

    gap_theme = "finance"  # every finance answer is the worst option, so it is a gap theme
    shared = ExpertContact.objects.create(name="A Shared Expert", area="Anything", source="002_3629ed7e1db573a4.txt", position=0)
    shared.steps.add("self")
    shared.themes.add(Theme.objects.get(slug=gap_theme))
    merton_own = ExpertContact.objects.create(name="Zed Merton", area="Anything", council=assessment.council, source="000_89f19df402329646.txt", position=99)
    merton_own.steps.add("self")
    merton_own.themes.add(Theme.objects.get(slug=gap_theme))
    client.force_login(officer)
    actions = client.get(summary_url(assessment)).context["actions"]
    experts = next(group.signposts.experts for group in actions if group.theme.slug == gap_theme)
    assert merton_own in experts and shared in experts
    owners = [e.council_id is not None for e in experts]
    assert owners == sorted(owners, reverse=True)  # every Merton expert before any shared one


def test_other_councils_do_not_see_merton_experts(sutton, partner_officer):
    assessment = submitted_assessment(sutton, partner_officer, mixed)
    client = Client()
    client.force_login(partner_officer)
    actions = client.get(summary_url(assessment)).context["actions"]
    assert all(e.council_id is None for group in actions for e in group.signposts.experts)


def test_changes_since_the_last_assessment(client, officer, merton):
    banks.questionnaire("self")
    earlier = submit_with(merton, officer, banks.MIXED, when=timezone.now() - timedelta(days=365))
    later = submit_with(merton, officer, banks.STRONG)
    client.force_login(officer)
    context = client.get(summary_url(later)).context
    assert context["earlier"] == earlier
    # Worked out by hand in tests/banks.py: leadership 100 → 100, vision 6.25 → 87.5, finance 0 → 100.
    assert [(row.theme.slug, row.change) for row in context["theme_rows"]] == [("leadership", 0), ("vision", 81.25), ("finance", 100)]
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">Up 81</td>' in client.get(summary_url(later)).content.decode()


def test_summary_of_an_unsubmitted_assessment_is_404(client, officer, merton):
    questionnaire = Questionnaire.objects.get(step="self", status="published")
    draft = Assessment.objects.create(questionnaire=questionnaire, council=merton)
    client.force_login(officer)
    assert client.get(summary_url(draft)).status_code == 404


def test_summary_query_count_does_not_grow_with_questions(client, officer, assessment):
    from tests.queries import page_queries

    client.force_login(officer)

    def count():
        return page_queries(client, summary_url(assessment))

    before = count()
    section = assessment.questionnaire.sections.first()
    theme = section.questions.first().theme
    for i in range(15):
        question = Question.objects.create(section=section, position=100 + i, key=f"extra-{i}", text=f"Extra {i}?", kind="yes_no", theme=theme, source="000_89f19df402329646.txt")
        question.options.create(value="yes", label="Yes", score=100)
        question.options.create(value="no", label="No", score=0, position=1)
        Answer.objects.create(assessment=assessment, question=question, value="no")
    assert count() == before
    assert before <= 25


def test_outsider_and_anonymous(client, outsider, assessment):
    client.force_login(outsider)
    assert client.get(summary_url(assessment)).status_code == 404
    assert client.post(reverse("toolkit:assessment-summary-pdf", args=[assessment.pk])).status_code == 404
    anonymous = Client()
    response = anonymous.get(summary_url(assessment))
    assert response["Location"] == f"/sign-in/?next={summary_url(assessment)}"


# --- PDF and exports ----------------------------------------------------------------------------


def test_pdf_html_has_cover_summary_chart_signposts_and_appendix(assessment, officer):
    export, html = export_result(steps.get("self"), assessment, officer)
    assert '<html lang="en-GB">' in html
    assert f"<title>Readiness summary: London Borough of Merton, {timezone.localtime(assessment.submitted_at):%-d %B %Y}</title>" in html
    assert "<dt>Verdict</dt><dd>Not ready yet</dd>" in html
    assert f"<dt>Questionnaire</dt><dd>Self assessment, version {assessment.questionnaire.version}</dd>" in html
    assert '<th scope="col" class="govuk-table__header">Theme</th>' in html
    assert '<title id="readiness-chart-title">' in html
    assert "Appendix: every question and answer" in html
    shown = AnswerSheet(assessment).visible()
    for question in AnswerSheet(assessment).questions:
        if question.key in shown:
            assert escape(question.text) in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert (export.kind, list(export.assessments.all()), export.council, export.partnership, export.created_by) == (
        "readiness", [assessment], assessment.council, None, officer
    )


def test_export_keeps_the_answers_it_was_made_from(merton, officer):
    banks.questionnaire("self")
    assessment = submit_with(merton, officer, banks.MIXED)
    export, _ = export_result(steps.get("self"), assessment, officer)
    export.refresh_from_db()
    assert export.answers == {str(assessment.pk): banks.MIXED}
    assert export.questionnaire_version == assessment.questionnaire.version
    assert export.file.name.startswith(f"exports/{timezone.localtime(export.created_at):%Y/%m}/readiness-summary-london-borough-of-merton-")




def test_pdf_is_tagged_with_title_and_language(assessment, officer):
    export, _ = export_result(steps.get("self"), assessment, officer)
    with export.file.open("rb") as stored:
        reader = PdfReader(io.BytesIO(stored.read()))
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] == True  # noqa: E712 (a pypdf BooleanObject)
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == f"Readiness summary: London Borough of Merton, {timezone.localtime(assessment.submitted_at):%-d %B %Y}"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712
    assert figure_alt_texts(root["/StructTreeRoot"]) == ["Readiness score by theme for London Borough of Merton"]
    text = "".join(page.extract_text() for page in reader.pages)
    assert "London Borough of Merton" in text and "Not ready yet" in text
    assert f"Page 2 of {len(reader.pages)}" in text


def test_download_pdf_records_the_export_and_lists_it(client, officer, manager, assessment):
    client.force_login(officer)
    # The report is made by a task, at once without a worker: the button leads to the download.
    response = client.post(reverse("toolkit:assessment-summary-pdf", args=[assessment.pk]), follow=True)
    export = Export.objects.get()
    assert response.redirect_chain == [(reverse("toolkit:export-download", args=[export.pk]), 302)]
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="readiness-summary-london-borough-of-merton-')
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-")
    assert (export.created_by, export.size) == (officer, len(body))

    pm = Client()
    pm.force_login(manager)
    listing = pm.get(reverse("toolkit:council-exports", args=["merton"]))
    assert [e.pk for e in listing.context["exports"]] == [export.pk]
    again = pm.get(reverse("toolkit:export-download", args=[export.pk]))
    assert b"".join(again.streaming_content) == body


def test_exports_are_private_to_the_council(client, outsider, officer, assessment):
    export, _ = export_result(steps.get("self"), assessment, officer)
    client.force_login(outsider)
    assert client.get(reverse("toolkit:export-download", args=[export.pk])).status_code == 404
    assert client.get(reverse("toolkit:council-exports", args=["merton"])).status_code == 404
    anonymous = Client()
    url = reverse("toolkit:export-download", args=[export.pk])
    assert anonymous.get(url)["Location"] == f"/sign-in/?next={url}"


def test_admin_can_download_any_export(client, admin_user, officer, assessment):
    export, _ = export_result(steps.get("self"), assessment, officer)
    client.force_login(admin_user)
    assert client.get(reverse("toolkit:export-download", args=[export.pk]))["Content-Type"] == "application/pdf"


def test_export_report_command_writes_a_tagged_pdf(assessment, tmp_path, capsys):
    output = tmp_path / "r.pdf"
    call_command("export_report", "self", "--council", "merton", "--output", str(output))
    reader = PdfReader(output)
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    export = Export.objects.get()
    assert capsys.readouterr().out == f"Wrote {output} ({export.size:,} bytes): readiness summary for London Borough of Merton, export {export.pk}.\n"


def test_export_report_command_explains_what_is_missing(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="No council with the slug 'nowhere'"):
        call_command("export_report", "self", "--council", "nowhere")
    with pytest.raises(CommandError, match="^London Borough of Merton has no submitted self assessment.$"):
        call_command("export_report", "self", "--council", "merton")
    with pytest.raises(CommandError, match="^A readiness summary belongs to a council: give --council.$"):
        call_command("export_report", "self", "--partnership", "south-london-legal")

