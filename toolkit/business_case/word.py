"""The business-case outline as an editable Word document, because councils take it into their
own committee report templates: real headings, tables with header rows, lists as lists, and no
layout made of spaces. Made from the same context as the page and the PDF."""

import io

from django.utils.formats import date_format

from toolkit.business_case.finance_pages import year_label


def money(amount) -> str:
    return f"£{amount:,.2f}"


def add_table(document, caption, headings, rows):
    """A table with a real header row (repeated on each page) and its caption above it."""
    document.add_paragraph(caption, style="Caption")
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    header = table.rows[0]
    header._tr.get_or_add_trPr().append(_repeat_header())
    for cell, heading in zip(header.cells, headings):
        cell.text = ""
        cell.paragraphs[0].add_run(heading).bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values):
            cell.text = str(value)
    return table


def _repeat_header():
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    return element


def figures_rows(figures):
    return [
        ["Savings and income", *map(money, figures.gross_savings), money(figures.total_gross_savings)],
        ["Set-up costs", *map(money, figures.setup_costs), money(figures.total_setup_costs)],
        ["Net saving", *map(money, figures.net_savings), money(figures.total_net_savings)],
        ["Cumulative net saving", *map(money, figures.cumulative_net), ""],
        ["Discounted net saving", *map(money, figures.discounted_net), f"NPV {money(figures.npv)}"],
    ]


def payback_words(value) -> str:
    return "not within the period" if value is None else f"{value} years"


def build(context) -> bytes:
    """The outline's context as a .docx file's bytes."""
    from docx import Document

    document = Document()
    partnership, members = context["partnership"], context["members"]
    document.core_properties.title = f"Business-case outline: {partnership.name}"
    document.core_properties.language = "en-GB"
    document.add_heading(f"Business-case outline: {partnership.name}", level=0)
    document.add_paragraph(f"Partner councils: {', '.join(str(m) for m in members)}.")
    document.add_paragraph(
        f"{context['assessment'].get_status_display()}: {len(context['sign_offs'])} of {len(members)} partners have signed off. "
        f"Questionnaire version {context['questionnaire'].version}. It follows HM Treasury's Five Case Model."
    )
    for case in context["cases"]:
        document.add_heading(case.title, level=1)
        document.add_paragraph(case.summary)
        if case.key == "financial":
            add_financial(document, context)
        for part in case.parts:
            add_part(document, part, context)
    document.add_heading("Sign-off", level=1)
    if context["sign_offs"]:
        add_table(document, "Signed for each partner council", ["Council", "Signed by", "As", "When"], [
            [s.council.name, s.name, s.capacity, date_format(s.signed_at, "j F Y, H:i")] for s in context["sign_offs"]
        ])
    if context["still_to_sign"]:
        document.add_paragraph(f"Still to sign: {', '.join(str(c) for c in context['still_to_sign'])}.")
    document.add_paragraph(f"Fingerprint of the content signed: {context['fingerprint'][:16]}.")
    stream = io.BytesIO()
    document.save(stream)
    return stream.getvalue()


def add_financial(document, context):
    model = context["model"]
    if model is None:
        document.add_paragraph("The figures cannot be worked out yet: " + " ".join(context["model_problems"]))
        return
    labels = [year_label(year) for year in model.years]
    add_table(document, "Combined: the partnership's figures by year", ["£", *labels, "Total"], figures_rows(model.combined))
    document.add_paragraph(f"Payback: {payback_words(model.combined.payback)}; discounted payback: {payback_words(model.combined.discounted_payback)}.")
    for figures in model.partners:
        add_table(document, f"{figures.name}: its share by year", ["£", *labels, "Total"], figures_rows(figures))
        document.add_paragraph(f"Payback: {payback_words(figures.payback)}; net present value {money(figures.npv)}.")
    test = model.threshold
    document.add_paragraph(
        f"Savings test: {'met' if test.met else 'not met'}. {test.percent.normalize():f}% of the combined baseline is "
        f"{money(test.target)}; the net saving in year {test.year} is {money(test.saving)}."
    )


def add_part(document, part, context):
    section, rows = part["section"], context["rows"]
    document.add_heading(section.title, level=2)
    if section.kind == "options":
        add_table(document, "The options shortlist", ["Option", "Kind", "What it means", "Preferred"],
                  [[o.name, o.get_kind_display(), o.description, "Preferred" if o.preferred else "No"] for o in rows.options])
    elif section.kind == "milestones":
        add_table(document, "Milestones", ["Milestone", "Due", "Owner"], [[m.name, date_format(m.due, "j F Y"), m.owner] for m in rows.milestones])
    elif section.kind == "risks":
        add_table(document, "Risks and how they will be managed", ["Risk", "Likelihood", "Impact", "Management and contingency", "Owner"],
                  [[r.description, r.get_likelihood_display(), r.get_impact_display(), r.mitigation, r.owner] for r in rows.risks])
    elif section.kind == "gate":
        add_table(document, "Don't proceed without", ["Item", "Owner", "Date", "Evidence"], [
            [g["label"], g["item"].owner if g["item"] else "", date_format(g["item"].date, "j F Y") if g["item"] and g["item"].date else "", g["item"].evidence if g["item"] else ""]
            for g in context["gate"]
        ])
    else:
        for item in part["items"]:
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{item['question'].text if 'question' in item else item['label']}: ").bold = True
            paragraph.add_run(str(item["answer"]))
    if section.slug == "delivery-model":
        document.add_heading("Delivery models that fit the partners' answers", level=3)
        for r in context["recommendation"]:
            s = r["suggestion"]
            paragraph = document.add_paragraph(style="List Bullet")
            paragraph.add_run(f"{s.model.name}: {'fits' if s.fits else 'does not fit'}. ").bold = True
            paragraph.add_run(" ".join(s.why))
            if s.fits:
                paragraph.add_run(f" Legal basis: {s.model.legal_basis.signpost}")
