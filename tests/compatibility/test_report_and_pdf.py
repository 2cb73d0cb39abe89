"""The compatibility report: the page, conflicts listed before differences, the PDF export and its
download, and the export_report command. The expectations are in ``cases.py``, worked out by hand."""

import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tests import banks, factories
from tests.compatibility.cases import (
    EXPECTED_TABLES,
    KINGSTON,
    KINGSTON_ANSWERS,
    MERTON,
    MERTON_ANSWERS,
    QUESTION_TEXTS,
    STEP,
    SUTTON,
    SUTTON_ANSWERS,
    Tables,
    html_of,
    logged_in,
    url,
)
from tests.pdf_helpers import figure_alt_texts
from toolkit.exports import export_result
from toolkit.models import Export

pytestmark = pytest.mark.usefixtures("media")

CHART_TITLE = '<title id="compatibility-chart-title">Questions by verdict and theme for Legal Partnership</title>'


def table(html, caption):
    found = [t for t in Tables(html).tables if t["caption"] == caption]
    assert len(found) == 1, [t["caption"] for t in Tables(html).tables]
    return found[0]


# --- The report page --------------------------------------------------------------------------


def issue_text(question, verdict, reason, by_partner):
    return " ".join([f"{question} ({verdict})", reason] + [f"{partner}: {text}" for partner, text in by_partner])


def test_report_page(joint, officer):
    response = logged_in(officer).get(url("report"))
    html = html_of(response)
    context = response.context
    assert context["verdict"] == "Conflict"
    assert '<h2 class="govuk-heading-l">Verdict: <strong class="govuk-tag govuk-tag--red">Conflict</strong>' in html
    assert "At least one theme is in conflict: resolve the conflicts below before you build the business case." in html

    themes = table(html, "Verdict and questions by theme")
    assert themes["columns"] == ["Theme", "Verdict", "Aligned", "Different", "Conflict"]
    assert [[text for text, _ in row] for row in themes["rows"]] == [
        ["Leadership and commitment", "Aligned", "1", "0", "0"],
        ["Vision and aims", "Conflict", "0", "2", "2"],
        ["Finance", "Conflict", "2", "0", "2"],
    ]

    assert [(g.theme.slug, g.verdict, [row.question.key for row in g.rows]) for g in context["issues"]] == [
        ("vision", "Conflict", ["aims-clear", "aims-agreed", "plans-services", "plans-never"]),
        ("finance", "Conflict", ["costs-budget", "costs-review"]),
    ]
    rows = {key: (verdict, reason, by_partner) for _, _, r in EXPECTED_TABLES.values() for key, verdict, reason, by_partner in r}
    issues_html = html.split('<h2 class="govuk-heading-l">Issues to resolve</h2>', 1)[1].split('<h2 class="govuk-heading-l">All answers</h2>', 1)[0]
    blocks = [text_of(block) for block in issues_html.split('<div class="toolkit-action-group">')[1:]]
    assert len(blocks) == 2
    for block, (heading, keys) in zip(blocks, [
        ("Vision and aims: Conflict", ["aims-clear", "aims-agreed", "plans-services", "plans-never"]),
        ("Finance: Conflict", ["costs-budget", "costs-review"]),
    ]):
        expected = " ".join([heading] + [issue_text(QUESTION_TEXTS[k], rows[k][0].lower(), rows[k][1], rows[k][2]) for k in keys])
        assert block.startswith(expected), block

    # Signposts for the joint step: each item is for that step and the group's theme.
    for group in context["issues"]:
        for attribute in ("guidance", "tools", "experts", "reading", "case_studies"):
            for item in getattr(group.signposts, attribute):
                assert "joint" in set(item.steps.values_list("code", flat=True)), (attribute, item)
                assert group.theme.slug in set(item.themes.values_list("slug", flat=True)), (attribute, item)
    assert all(group.signposts for group in context["issues"])

    assert CHART_TITLE in html
    assert (
        '<desc id="compatibility-chart-desc">Leadership and commitment: 1 aligned, 0 different, 0 conflict; '
        "Vision and aims: 0 aligned, 2 different, 2 conflict; Finance: 2 aligned, 0 different, 2 conflict</desc>"
    ) in html
    # The appendix: every question with each partner's answer.
    assert [t["caption"] for t in Tables(html).tables][1:] == [
        f"{title}: each partner's answer and how they compare" for title, _, _ in EXPECTED_TABLES.values()
    ]


def text_of(fragment):
    """The words of an HTML fragment, every tag read as a space."""
    return " ".join(re.sub(r"<[^>]+>", " ", fragment).split())


def test_report_lists_conflicts_before_differences(questionnaire, partnership, merton, sutton, officer):
    # Vision only differs (aims-agreed) and comes first in the questionnaire; finance is in conflict.
    factories.joint_assessment(partnership, merton, {**banks.STRONG, "aims-agreed": "agree", "costs-budget": "250000"})
    factories.joint_assessment(partnership, sutton, {**banks.STRONG, "aims-agreed": "neutral", "costs-budget": "200000"})
    context = logged_in(officer).get(url("report")).context
    assert [(g.theme.slug, g.verdict, [row.question.key for row in g.rows]) for g in context["issues"]] == [
        ("finance", "Conflict", ["costs-budget"]),
        ("vision", "Different", ["aims-agreed"]),
    ]
    assert [(row.theme.slug, row.result.verdict) for row in context["theme_rows"]] == [
        ("leadership", "Aligned"), ("vision", "Different"), ("finance", "Conflict"),
    ]
    assert context["verdict"] == "Conflict"


# --- The PDF ----------------------------------------------------------------------------------




def pdf_text(reader):
    return " ".join("".join(page.extract_text() for page in reader.pages).split())


def test_pdf_export(joint, partnership, questionnaire, officer, partner_officer, kingston_officer, outsider):
    export, html = export_result(STEP, partnership, officer)
    export = Export.objects.get(pk=export.pk)
    assert (export.kind, export.owner, export.partnership, export.council, export.created_by) == (
        "compatibility", partnership, partnership, None, officer
    )
    assert export.questionnaire_version == questionnaire.version
    assert sorted(a.pk for a in export.assessments.all()) == sorted(a.pk for a in joint.values())
    assert export.answers == {
        str(joint["merton"].pk): MERTON_ANSWERS, str(joint["sutton"].pk): SUTTON_ANSWERS,
        str(joint["kingston"].pk): KINGSTON_ANSWERS,
    }

    assert '<html lang="en-GB">' in html
    assert f"<title>Compatibility report: Legal Partnership, {timezone.localtime(export.created_at):%-d %B %Y}</title>" in html
    for partner in (MERTON, SUTTON, KINGSTON):
        assert html.count(f'<th scope="col" class="govuk-table__header">{partner}</th>') == 4
    assert '<th scope="col" class="govuk-table__header">Theme</th>' in html
    assert '<th scope="row" class="govuk-table__header">Are your aims clear?</th>' in html  # no guidance links in a PDF
    assert "/guidance/" not in html
    assert CHART_TITLE in html
    assert f"<dt>Partner councils</dt><dd>{MERTON}, {SUTTON}, {KINGSTON}</dd>" in html
    assert "<dt>Verdict</dt><dd>Conflict</dd>" in html

    with export.file.open("rb") as stored:
        body = stored.read()
    reader = PdfReader(io.BytesIO(body))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == f"Compatibility report: Legal Partnership, {timezone.localtime(export.created_at):%-d %B %Y}"
    assert figure_alt_texts(root["/StructTreeRoot"]) == ["Questions by verdict and theme for Legal Partnership"]
    text = pdf_text(reader)
    assert [partner in text for partner in (MERTON, SUTTON, KINGSTON)] == [True, True, True]
    assert f"Page 2 of {len(reader.pages)}" in text

    download = reverse("toolkit:export-download", args=[export.pk])
    for member in (officer, partner_officer, kingston_officer):
        response = logged_in(member).get(download)
        assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
        assert b"".join(response.streaming_content) == body
    assert logged_in(outsider).get(download).status_code == 404


def test_pdf_download_from_the_report_page(joint, partnership, partner_officer):
    # Made at once when no worker is set up, so the button leads straight to the download.
    response = logged_in(partner_officer).post(url("report-pdf"), follow=True)
    assert (response.status_code, response["Content-Type"], len(response.redirect_chain)) == (200, "application/pdf", 1)
    assert response["Content-Disposition"].startswith('attachment; filename="compatibility-report-')
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF-")
    export = Export.objects.get()
    assert (export.kind, export.partnership, export.created_by, export.size) == ("compatibility", partnership, partner_officer, len(body))
    assert response["Content-Disposition"] == f'attachment; filename="{export.filename}"'


# --- The export command -----------------------------------------------------------------------


def test_export_report_command_writes_a_tagged_pdf(joint, tmp_path, capsys):
    output = tmp_path / "j.pdf"
    call_command("export_report", "joint", "--partnership", "legal", "--output", str(output))
    reader = PdfReader(output)
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    text = pdf_text(reader)
    assert [partner in text for partner in (MERTON, SUTTON, KINGSTON)] == [True, True, True]
    assert "Issues to resolve" in text
    export = Export.objects.get()
    assert (export.kind, export.partnership.slug, export.created_by) == ("compatibility", "legal", None)
    assert capsys.readouterr().out == f"Wrote {output} ({export.size:,} bytes): compatibility report for Legal Partnership, export {export.pk}.\n"


def test_export_report_command_needs_two_submitted(questionnaire, partnership, merton, sutton, tmp_path):
    factories.joint_assessment(partnership, merton, MERTON_ANSWERS)
    factories.joint_assessment(partnership, sutton, SUTTON_ANSWERS, submitted=False)
    output = tmp_path / "j.pdf"
    with pytest.raises(CommandError, match=r"^Legal Partnership has fewer than two members' submitted joint assessments to compare\.$"):
        call_command("export_report", "joint", "--partnership", "legal", "--output", str(output))
    assert not output.exists() and Export.objects.count() == 0
    with pytest.raises(CommandError, match=r"^No partnership with the slug 'nowhere'\.$"):
        call_command("export_report", "joint", "--partnership", "nowhere")
    with pytest.raises(CommandError, match=r"^A compatibility report belongs to a partnership: give --partnership\.$"):
        call_command("export_report", "joint", "--council", "merton")
