"""The business-case outline as a page, a PDF and a Word document, and the export command.

The figures are those of the complete business case in ``conftest.py``, worked out by hand
(years 0 to 3, discount factors 1, 1/1.1, 1/1.21, 1/1.331):

- combined: savings 0, 110,000, 121,000, 146,410; set-up costs 300,000 in year 0; net savings
  -300,000, 110,000, 121,000, 146,410; cumulative -300,000, -190,000, -69,000, 77,410, so the
  payback is 3 + 69,000 / 146,410 = 3.47 years. Discounted: -300,000, 100,000, 100,000, 110,000
  (146,410 / 1.331), so the NPV is £10,000.00 and the discounted payback 3 + 100,000 / 110,000
  = 3.91 years. The savings test: 5% of £2,000,000 is £100,000; year 2 saves £121,000: met.
- set-up costs split equally: £100,000 each. Savings split by baseline, 50%, 30% and 20%:
  Merton 55,000, 60,500, 73,205; net -100,000 then those; cumulative -100,000, -45,000, 15,500,
  88,705: payback 2 + 45,000 / 60,500 = 2.74 years; discounted -100,000, 50,000, 50,000, 55,000:
  NPV £55,000.00, discounted payback 2 + 50,000 / 50,000 = 3.00 years.
  Sutton 33,000, 36,300, 43,923; cumulative -100,000, -67,000, -30,700, 13,223: payback
  3 + 30,700 / 43,923 = 3.70 years; discounted -100,000, 30,000, 30,000, 33,000: NPV -£7,000.00,
  never paying back discounted. Kingston 22,000, 24,200, 29,282: cumulative -24,518 at the end:
  no payback; NPV -100,000 + 20,000 + 20,000 + 22,000 = -£38,000.00. The NPVs add up to £10,000.
"""

import io
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from toolkit import steps
from toolkit.business_case import signoff
from toolkit.exports import export_result
from toolkit.models import Answer, CaseOption, Export, Risk

NASTY = '<script>alert("x")</script> & Co'
CASES = ["The strategic case", "The economic case", "The commercial case", "The financial case", "The management case"]
YEARS = ["£", "Year 0 (the first year)", "Year 1", "Year 2", "Year 3", "Total"]


class Tables(HTMLParser):
    """Each table as {"caption", "rows": [[(tag, scope, text), ...], ...]}."""

    def __init__(self):
        super().__init__()
        self.tables, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append({"caption": "", "rows": []})
        elif tag == "tr" and self.tables:
            self.tables[-1]["rows"].append([])
        elif tag in ("th", "td", "caption") and self.tables:
            self.cell = [tag, dict(attrs).get("scope"), ""]

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[2] += data

    def handle_endtag(self, tag):
        if tag in ("th", "td", "caption") and self.cell is not None:
            kind, scope, text = self.cell
            if kind == "caption":
                self.tables[-1]["caption"] = " ".join(text.split())
            else:
                self.tables[-1]["rows"][-1].append((kind, scope, " ".join(text.split())))
            self.cell = None


def tables_of(html) -> dict:
    parser = Tables()
    parser.feed(html)
    return {t["caption"]: t["rows"] for t in parser.tables}


def header(*texts):
    return [("th", "col", text) for text in texts]


def row(heading, *cells):
    return [("th", "row", heading), *[("td", None, cell) for cell in cells]]


COMBINED = [
    header(*YEARS),
    row("Savings and income", "0.00", "110,000.00", "121,000.00", "146,410.00", "377,410.00"),
    row("Set-up costs", "300,000.00", "0.00", "0.00", "0.00", "300,000.00"),
    row("Net saving", "−300,000.00", "110,000.00", "121,000.00", "146,410.00", "77,410.00"),
    row("Cumulative net saving", "−300,000.00", "−190,000.00", "−69,000.00", "77,410.00", ""),
    row("Discounted net saving", "−300,000.00", "100,000.00", "100,000.00", "110,000.00", "NPV 10,000.00"),
]
MERTON = [
    header(*YEARS),
    row("Savings and income", "0.00", "55,000.00", "60,500.00", "73,205.00", "188,705.00"),
    row("Set-up costs", "100,000.00", "0.00", "0.00", "0.00", "100,000.00"),
    row("Net saving", "−100,000.00", "55,000.00", "60,500.00", "73,205.00", "88,705.00"),
    row("Cumulative net saving", "−100,000.00", "−45,000.00", "15,500.00", "88,705.00", ""),
    row("Discounted net saving", "−100,000.00", "50,000.00", "50,000.00", "55,000.00", "NPV 55,000.00"),
]
PAYBACKS = [
    "Payback: 3.47 years; discounted payback: 3.91 years.",  # combined
    "Payback: 2.74 years; discounted payback: 3.00 years.",  # Merton
    "Payback: 3.70 years; discounted payback: not within the period.",  # Sutton
    "Payback: not within the period; discounted payback: not within the period.",  # Kingston
]
GATE = [header("Item", "Owner", "Date", "Evidence")] + [
    row(label, "Head of Legal", "1 February 2027", f"Evidence for {item}")
    for item, label in [
        ("staff-ownership", "Staff ownership of the new service"), ("business-case", "A business case with the benefits expected, signed off"),
        ("setup-budget", "A set-up budget signed off by all parties"), ("communications", "A communications plan"),
        ("project-manager", "A dedicated project manager"),
    ]
]


@pytest.fixture
def signed_once(ready_case, manager, merton):
    """Ready for sign-off, Merton signed; with user text that must be escaped."""
    CaseOption.objects.filter(assessment=ready_case, kind="other").update(name=NASTY)
    signoff.sign(ready_case, merton, manager, name="Maria Manager", capacity="Chief executive")
    return ready_case


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def test_the_outline_page_shows_the_five_cases_the_figures_the_tables_the_recommendation_the_gate_and_sign_offs(signed_once, officer):
    html = client_for(officer).get(reverse("toolkit:assessment-summary", args=[signed_once.pk])).content.decode()
    headings = [unescape(h) for h in re.findall(r'<h2 class="govuk-heading-l"[^>]*>([^<]*)</h2>', html)]
    assert headings == ["Ready for sign-off: 1 of 3 partners have signed", *CASES, "Sign-off"]
    assert (
        "Combined net present value over 4 years: <strong>£10,000.00</strong>. Payback: <strong>3.47 years</strong>. "
        "Savings test: <strong>met</strong> (5% of the combined baseline, £100,000.00, in year 2: the net saving then is £121,000.00)." in html
    )
    tables = tables_of(html)
    assert tables["Combined: the partnership's figures by year"] == COMBINED
    assert tables["London Borough of Merton: its share by year"] == MERTON
    assert [row[-1][2] for row in tables["London Borough of Sutton: its share by year"][1:]] == ["113,223.00", "100,000.00", "13,223.00", "", "NPV −7,000.00"]
    assert tables["Royal Borough of Kingston upon Thames: its share by year"][-1][-1][2] == "NPV −38,000.00"
    assert re.findall(r'<p class="govuk-body-s">(Payback: [^<]*)</p>', html) == PAYBACKS
    assert tables["The options shortlist"] == [
        header("Option", "Kind", "What it means", "Preferred"),
        row("Business as usual", "Business as usual", "Each borough keeps its own team.", "No"),
        row("Do minimum", "Do minimum", "Share specialist advice only.", "No"),
        row(NASTY, "Another option", "Merton hosts one team.", "Preferred"),
    ]
    assert tables["Milestones"] == [
        header("Milestone", "Due", "Owner"),
        row("Business case signed off", "31 March 2027", "Programme manager"), row("Go live", "1 October 2027", "Head of Legal"),
    ]
    assert tables["Risks and how they will be managed"] == [
        header("Risk", "Likelihood", "Impact", "Management and contingency", "Owner"),
        row("Key lawyers leave", "Medium", "High", "A retention plan.", "Project board"),
    ]
    assert tables["Don't proceed without: each item's owner, date and evidence"] == GATE
    signed = tables["Signed for each partner council"]
    assert signed[0] == header("Council", "Signed by", "As", "When")
    assert signed[1][:3] == row("London Borough of Merton", "Maria Manager", "Chief executive")
    assert "Still to sign: London Borough of Sutton, Royal Borough of Kingston upon Thames." in html
    recommended = re.findall(r"<strong>([^<]+)</strong>: (fits|does not fit)( \(the model chosen\))?", html)
    assert recommended[:2] == [("A lead authority", "fits", " (the model chosen)"), ("A joint committee", "fits", "")]
    assert [fit for _, fit, _ in recommended[2:]] == ["does not fit"] * 4
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in html and "<script>alert" not in html


@pytest.fixture
def pdf_export(signed_once, manager):
    Answer.objects.filter(assessment=signed_once, question__key="design-vision").update(value=NASTY)
    Risk.objects.filter(assessment=signed_once).update(description=NASTY)
    return export_result(steps.get("design"), signed_once, manager)


def test_the_pdfs_html_is_ready_to_be_tagged_and_escapes_what_users_typed(pdf_export):
    export, html = pdf_export
    made = timezone.localtime(export.created_at)
    assert '<html lang="en-GB">' in html
    assert re.findall(r"<title>([^<]*)</title>", html)[0] == f"Business-case outline: Legal Partnership, {made.day} {made:%B %Y}"
    assert re.findall(r"<title[^>]*>([^<]*)</title>", html)[1:] == ["Cumulative net savings by partner for Legal Partnership"]
    assert 'role="img" aria-labelledby="savings-chart-title savings-chart-desc"' in html
    desc = re.search(r'<desc id="savings-chart-desc">([^<]*)</desc>', html)[1]
    assert desc.startswith("London Borough of Merton: Year 0 (the first year) −£100,000, Year 1 −£45,000, Year 2 £15,500, Year 3 £88,705; ")
    heads = re.findall(r"<th\b[^>]*>", html)
    assert len(heads) > 40 and [h for h in heads if 'scope="col"' not in h and 'scope="row"' not in h] == []
    assert html.count("<table") == html.count("<caption")
    assert "<script>alert" not in html
    assert html.count("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co") >= 3  # option, vision and risk


def test_the_stored_pdf_is_tagged_names_every_partner_and_has_the_cases_in_order(pdf_export):
    from pypdf import PdfReader

    export, _ = pdf_export
    with export.file.open("rb") as stored:
        reader = PdfReader(io.BytesIO(stored.read()))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == "en-GB"
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    for name in ("London Borough of Merton", "London Borough of Sutton", "Royal Borough of Kingston upon Thames"):
        assert name in text
    positions = [text.find(title) for title in CASES]
    assert -1 not in positions and positions == sorted(positions)
    assert "3.47 years" in text
    assert (export.kind, export.partnership.slug, export.council, export.filename.endswith(".pdf")) == ("business_case", "legal", None, True)


def test_the_word_document_has_the_cases_as_headings_and_tables_with_header_rows(signed_once, manager):
    from docx import Document
    from docx.oxml.ns import qn

    response = client_for(manager).post(reverse("toolkit:assessment-summary-docx", args=[signed_once.pk]), follow=True)
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert re.fullmatch(r'attachment; filename="business-case-outline-legal-partnership-[0-9-]+\.docx"', response["Content-Disposition"])
    document = Document(io.BytesIO(b"".join(response.streaming_content)))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == [*CASES, "Sign-off"]
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == ["Business-case outline: Legal Partnership"]
    assert document.core_properties.language == "en-GB"
    assert len(document.tables) == 9  # combined, each partner's 3, options, milestones, risks, the gate, sign-offs
    for table in document.tables:
        first = table.rows[0]._tr
        assert first.trPr is not None and first.trPr.find(qn("w:tblHeader")) is not None
        assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs if run.text)
    assert [[c.text for c in t.rows[0].cells] for t in document.tables] == [
        ["Option", "Kind", "What it means", "Preferred"], YEARS, YEARS, YEARS, YEARS, ["Milestone", "Due", "Owner"],
        ["Risk", "Likelihood", "Impact", "Management and contingency", "Owner"], ["Item", "Owner", "Date", "Evidence"],
        ["Council", "Signed by", "As", "When"],
    ]
    assert document.tables[0].rows[3].cells[0].text == NASTY  # as typed: Word escapes it itself
    assert not any(p.text.startswith((" ", "\t")) or "  " in p.text for p in document.paragraphs)  # no layout by spaces


def test_both_downloads_are_recorded_for_the_partnership_and_can_be_downloaded_again(signed_once, manager, partner_officer):
    client = client_for(manager)
    pdf = client.post(reverse("toolkit:assessment-summary-pdf", args=[signed_once.pk]), follow=True)
    docx = client.post(reverse("toolkit:assessment-summary-docx", args=[signed_once.pk]), follow=True)
    pdf_bytes, docx_bytes = b"".join(pdf.streaming_content), b"".join(docx.streaming_content)
    exports = list(Export.objects.order_by("pk"))
    assert [pdf.redirect_chain, docx.redirect_chain] == [[(reverse("toolkit:export-download", args=[e.pk]), 302)] for e in exports]
    assert [(e.kind, e.partnership.slug, e.council, e.created_by, e.filename.rsplit(".", 1)[1]) for e in exports] == [
        ("business_case", "legal", None, manager, "pdf"), ("business_case", "legal", None, manager, "docx"),
    ]
    assert [list(e.assessments.all()) for e in exports] == [[signed_once], [signed_once]]
    partner = client_for(partner_officer)
    again = [b"".join(partner.get(reverse("toolkit:export-download", args=[e.pk])).streaming_content) for e in exports]
    assert again == [pdf_bytes, docx_bytes] and pdf_bytes.startswith(b"%PDF") and docx_bytes.startswith(b"PK")
    listed = partner.get(reverse("toolkit:partnership-exports", args=["legal"])).content.decode()
    assert all(reverse("toolkit:export-download", args=[e.pk]) in listed for e in exports)


def test_the_reports_list_offers_the_word_document_as_a_word_document(signed_once, manager):
    export_result(steps.get("design"), signed_once, manager, format="docx")
    listed = client_for(manager).get(reverse("toolkit:partnership-exports", args=["legal"])).content.decode()
    assert ("Download Word document<span" in listed, "Download PDF<span" in listed) == (True, False)


def test_the_export_command_writes_the_word_document(signed_once, tmp_path):
    from docx import Document

    output = tmp_path / "d.docx"
    out = io.StringIO()
    call_command("export_report", "design", "--partnership", "legal", "--output", str(output), "--format", "docx", stdout=out)
    document = Document(str(output))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == [*CASES, "Sign-off"]
    export = Export.objects.get()
    assert out.getvalue().startswith(f"Wrote {output} (")
    assert out.getvalue().endswith(f"business-case outline for Legal Partnership, export {export.pk}.\n")
    assert (export.kind, export.partnership.slug, export.created_by, export.filename.endswith(".docx")) == ("business_case", "legal", None, True)


@pytest.mark.parametrize("state", ["none", "in progress"])
def test_the_export_command_says_clearly_when_there_is_no_business_case_ready(state, case, complete_case, tmp_path):
    if state == "none":
        case.delete()
    with pytest.raises(CommandError) as raised:
        call_command("export_report", "design", "--partnership", "legal", "--output", str(tmp_path / "d.docx"), "--format", "docx")
    assert str(raised.value) == "Legal Partnership has no submitted business case."
    assert Export.objects.count() == 0 and not (tmp_path / "d.docx").exists()
    with pytest.raises(CommandError, match="^No partnership with the slug 'nowhere'.$"):
        call_command("export_report", "design", "--partnership", "nowhere")
