"""The business-case outline as an editable Word document, because councils take it into their
own committee report templates: real headings, tables with header rows, lists as lists, and no
layout made of spaces. Made from the same context as the page and the PDF
(``report.outline``), and says what they say, in the same words and the same figures.

Every string goes into the document through ``text`` (or the helpers here that call it), so
nothing a user typed can stop the document being made."""

import io
import re

from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.formats import date_format

from toolkit.business_case.finance_pages import year_label
from toolkit.models import FinancialSettings
from toolkit.money import figure, money

# What XML 1.0 cannot hold: the control characters other than tab, line feed and carriage return,
# lone surrogates, U+FFFE and U+FFFF. Text pasted from a PDF often brings a vertical tab or a form
# feed, and python-docx refuses a string with any of them ("All strings must be XML compatible").
NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def text(value) -> str:
    """``value`` as a string the document can hold."""
    # A browser sends a textarea's line ends as \r\n, which python-docx would turn into two line
    # breaks; the page (linebreaksbr) shows one.
    return NOT_XML.sub("", str(value)).replace("\r\n", "\n")


def paragraph(document, *parts, style=None):
    """A paragraph of ``parts``: strings, or (string, True) for a bold run. A "\\n" in a part is a
    line break, as <br> is on the page."""
    added = document.add_paragraph(style=style)
    for part in parts:
        value, bold = part if isinstance(part, tuple) else (part, False)
        run = added.add_run(text(value))
        if bold:
            run.bold = True
    return added


def heading(document, value, level):
    return document.add_heading(text(value), level=level)


def add_table(document, caption, headings, rows):
    """A table with a real header row (repeated on each page) and its caption above it."""
    paragraph(document, caption, style="Caption")
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(_repeat_header())
    for cell, name in zip(header.cells, headings):
        cell.text = ""
        cell.paragraphs[0].add_run(text(name)).bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values):
            cell.text = text(value)
    return table


def add_rows_table(document, caption, headings, rows):
    """A table of a business case's rows, or "None entered." as the page says when there are none."""
    if rows:
        add_table(document, caption, headings, rows)
    else:
        paragraph(document, "None entered.")


def _repeat_header():
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    return element


def when(moment) -> str:
    """A time as the page and the PDF show it: in the site's time zone (UK time), not UTC."""
    return date_format(timezone.localtime(moment), "j F Y, H:i")


def percent(value) -> str:
    """A percentage as the page writes it (floatformat:"-2"): 5, 3.50."""
    return floatformat(value, "-2")


def figures_rows(figures):
    # The heading says £, so the cells hold the figures alone, as on the page.
    return [
        ["Savings and income", *map(figure, figures.gross_savings), figure(figures.total_gross_savings)],
        ["Set-up costs", *map(figure, figures.setup_costs), figure(figures.total_setup_costs)],
        ["Net saving", *map(figure, figures.net_savings), figure(figures.total_net_savings)],
        ["Cumulative net saving", *map(figure, figures.cumulative_net), ""],
        ["Discounted net saving", *map(figure, figures.discounted_net), f"NPV {figure(figures.npv)}"],
    ]


def payback_words(value) -> str:
    return "not within the period" if value is None else f"{value} years"


def build(context) -> bytes:
    """The outline's context as a .docx file's bytes."""
    from docx import Document

    document = Document()
    partnership, members, model = context["partnership"], context["members"], context["model"]
    document.core_properties.title = text(f"Business-case outline: {partnership.name}")
    document.core_properties.language = "en-GB"
    heading(document, f"Business-case outline: {partnership.name}", 0)
    paragraph(document, f"Partner councils: {', '.join(str(m) for m in members)}.")
    paragraph(
        document,
        f"{context['assessment'].get_status_display()}: {len(context['sign_offs'])} of {len(members)} partners have signed off. "
        f"Questionnaire version {context['questionnaire'].version}. It follows HM Treasury's Five Case Model.",
    )
    if model is not None:
        test = model.threshold
        paragraph(
            document,
            f"Combined net present value over {len(model.years)} years: {money(model.combined.npv)}. "
            f"Payback: {payback_words(model.combined.payback)}. Savings test: {'met' if test.met else 'not met'} "
            f"({percent(test.percent)}% of the combined baseline, {money(test.target)}, in year {test.year}: "
            f"the net saving then is {money(test.saving)}).",
        )
    for case in context["cases"]:
        heading(document, case.title, 1)
        paragraph(document, case.summary)
        if case.key == "financial":
            add_financial(document, context)
        for part in case.parts:
            add_part(document, part, context)
    add_sign_off(document, context)
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def add_financial(document, context):
    model, settings = context["model"], context["rows"].settings or FinancialSettings()
    if model is None:
        if context["model_problems"]:
            paragraph(document, "The figures cannot be worked out yet: " + " ".join(context["model_problems"]))
        return
    if context["chart_text"]:
        # Word cannot hold the SVG chart, so it gets the chart's text alternative, as a screen
        # reader reads it on the page.
        paragraph(document, context["chart_text"]["title"], style="Caption")
        paragraph(document, context["chart_text"]["description"])
    labels = [year_label(year) for year in model.years]
    for figures, caption in [(model.combined, "Combined: the partnership's figures by year"), *[(f, f"{f.name}: its share by year") for f in model.partners]]:
        add_table(document, caption, ["£", *labels, "Total"], figures_rows(figures))
        paragraph(document, f"Payback: {payback_words(figures.payback)}; discounted payback: {payback_words(figures.discounted_payback)}.")
    paragraph(
        document,
        f"Net present value at {percent(settings.discount_rate)}% a year, year 0 not discounted (HM Treasury Green Book). "
        f"Set-up costs include an optimism bias of {percent(settings.optimism_bias)}%. Set-up costs are split "
        f"{settings.setup_split_phrase}; savings and income {settings.savings_split_phrase}.",
    )


def add_part(document, part, context):
    section, rows = part["section"], context["rows"]
    heading(document, section.title, 2)
    if section.kind == "options":
        add_rows_table(document, "The options shortlist", ["Option", "Kind", "What it means", "Preferred"],
                       [[o.name, o.get_kind_display(), o.description, "Preferred" if o.preferred else "No"] for o in rows.options])
    elif section.kind == "milestones":
        add_rows_table(document, "Milestones", ["Milestone", "Due", "Owner"], [[m.name, date_format(m.due, "j F Y"), m.owner] for m in rows.milestones])
    elif section.kind == "risks":
        add_rows_table(document, "Risks and how they will be managed", ["Risk", "Likelihood", "Impact", "Management and contingency", "Owner"],
                       [[r.description, r.get_likelihood_display(), r.get_impact_display(), r.mitigation, r.owner] for r in rows.risks])
    elif section.kind == "gate":
        add_table(document, "Don't proceed without: each item's owner, date and evidence", ["Item", "Owner", "Date", "Evidence"], [
            [g["label"] + ("" if g["complete"] else " (incomplete)"), *gate_cells(g["item"])] for g in context["gate"]
        ])
    else:
        for item in part["items"]:
            label = item["question"].text if "question" in item else item["label"]
            comment = f"\nComment: {item['comment']}" if item.get("comment") else ""
            paragraph(document, (f"{label}: ", True), f"{item['answer']}{comment}", style="List Bullet")
    if section.slug == "delivery-model":
        add_recommendation(document, context["recommendation"])


def gate_cells(item) -> list:
    """A gate item's owner, date and evidence, each "Not given" when missing, as on the page."""
    owner, due, evidence = (item.owner, item.date, item.evidence) if item else ("", None, "")
    return [owner or "Not given", date_format(due, "j F Y") if due else "Not given", evidence or "Not given"]


def add_recommendation(document, recommendation):
    """Each delivery model, fitting ones first, as the page lists them: why, what to watch, the
    legal basis and the case studies that used it (the last three for the models that fit)."""
    heading(document, "Delivery models that fit the partners' answers", 3)
    for r in recommendation:
        s = r["suggestion"]
        lines = [f": {'fits' if s.fits else 'does not fit'}{' (the model chosen)' if r['chosen'] else ''}. {s.model.summary}"]
        if s.why:
            lines.append(f"{'Why it fits' if s.fits else 'Why not'}: {' '.join(s.why)}")
        if s.fits and s.watch:
            lines.append(f"What to watch: {' '.join(s.watch)}")
        if s.fits:
            lines.append(f"Legal basis: {s.model.legal_basis.signpost}")
        if s.fits and r["case_studies"]:
            lines.append(f"Used by: {'; '.join(c.title for c in r['case_studies'])}.")
        paragraph(document, (s.model.name, True), "\n".join(lines), style="List Bullet")


def add_sign_off(document, context):
    heading(document, "Sign-off", 1)
    if context["sign_offs"]:
        add_table(document, "Signed for each partner council", ["Council", "Signed by", "As", "When"], [
            [s.council.name, s.name, s.capacity, when(s.signed_at)] for s in context["sign_offs"]
        ])
    if context["still_to_sign"]:
        paragraph(document, f"Still to sign: {', '.join(str(c) for c in context['still_to_sign'])}.")
    paragraph(document, f"Fingerprint of the content signed: {context['fingerprint'][:16]}. "
              "A sign-off is fixed to this; any change withdraws every sign-off.")
