"""The business-case outline's Word document: made whatever users typed, saying what the page and
the PDF say (comments, the chart's text alternative, what to watch and the case studies of each
delivery model), with times in UK time and money written as everywhere else: −£1,234.00.

The figures are those of ``conftest.py``, worked out by hand in ``test_outline.py``."""

import io
import re
from datetime import UTC, datetime
from decimal import Decimal
from html import unescape

import pytest
from django.template import Context, Template
from django.test import Client
from django.urls import reverse

from tests.business_case.test_outline import COMBINED
from toolkit import steps
from toolkit.business_case import signoff
from toolkit.business_case.word import text
from toolkit.exports import export_result
from toolkit.models import Answer, GateItem, Milestone, Question, Risk, SavingEstimate, SignOff
from toolkit.money import figure, money

VISION = "What is the partnership's shared vision for the service?"
CHART = (
    "London Borough of Merton: Year 0 (the first year) −£100,000, Year 1 −£45,000, Year 2 £15,500, Year 3 £88,705; "
    "London Borough of Sutton: Year 0 (the first year) −£100,000, Year 1 −£67,000, Year 2 −£30,700, Year 3 £13,223; "
    "Royal Borough of Kingston upon Thames: Year 0 (the first year) −£100,000, Year 1 −£78,000, Year 2 −£53,800, Year 3 −£24,518"
)


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def download(user, case):
    """The .docx download's response and the document in it."""
    from docx import Document

    # Made at once when no worker is set up, so the button leads straight to the download.
    response = client_for(user).post(reverse("toolkit:assessment-summary-docx", args=[case.pk]), follow=True)
    assert (response.status_code, [code for _, code in response.redirect_chain]) == (200, [302])
    return Document(io.BytesIO(b"".join(response.streaming_content)))


def tables_of(document) -> dict:
    """Each table's rows of cell texts, by the caption above it."""
    from docx.table import Table

    tables, caption = {}, None
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            tables[caption] = [[cell.text for cell in row.cells] for row in block.rows]
        elif block.style.name == "Caption":
            caption = block.text
    return tables


def after(document, text_of_paragraph) -> str:
    """The text of the paragraph after the one that reads ``text_of_paragraph``."""
    texts = [p.text for p in document.paragraphs]
    return texts[texts.index(text_of_paragraph) + 1]


def bullets(document) -> list:
    return [p.text for p in document.paragraphs if p.style.name == "List Bullet"]


def test_text_keeps_what_xml_can_hold_and_drops_the_rest():
    assert text("a\x00b\x0bc\x0cd\x1fe\x7f") == "abcde\x7f"  # DEL is allowed in XML 1.0
    assert text("tab\tline\nreturn\r.") == "tab\tline\nreturn\r."
    assert text("one\r\ntwo") == "one\ntwo"  # a textarea's line end is one line break, as on the page
    assert text("\ud800lone surrogate, \ufffe and \uffff; kept: é – − £ \U0001f600") == "lone surrogate,  and ; kept: é – − £ \U0001f600"
    assert text(Decimal("1.50")) == "1.50"


def test_the_download_succeeds_when_user_text_has_control_characters(ready_case, manager):
    """Text pasted from a PDF brings vertical tabs and form feeds, which python-docx refuses."""
    Risk.objects.filter(assessment=ready_case).update(description="Key lawyers\x0b leave", mitigation="A retention\x0c plan.")
    Answer.objects.filter(assessment=ready_case, question__key="design-vision").update(
        value="One legal\x0c service for the three boroughs.", comment="Agreed by\x0c every partner.\x0b"
    )
    ready_case.partnership.__class__.objects.filter(pk=ready_case.partnership_id).update(name="Legal\x0b Partnership")
    document = download(manager, ready_case)
    assert tables_of(document)["Risks and how they will be managed"][1] == ["Key lawyers leave", "Medium", "High", "A retention plan.", "Project board"]
    assert bullets(document)[0] == f"{VISION}: One legal service for the three boroughs.\nComment: Agreed by every partner."
    assert document.core_properties.title == "Business-case outline: Legal Partnership"
    assert document.paragraphs[0].text == "Business-case outline: Legal Partnership"


def test_sign_off_times_are_in_uk_time_as_on_the_page(ready_case, manager, merton, officer):
    signoff.sign(ready_case, merton, manager, name="Maria Manager", capacity="Chief executive")
    SignOff.objects.filter(assessment=ready_case).update(signed_at=datetime(2026, 7, 1, 11, 0, tzinfo=UTC))  # British Summer Time
    document = download(manager, ready_case)
    assert tables_of(document)["Signed for each partner council"] == [
        ["Council", "Signed by", "As", "When"], ["London Borough of Merton", "Maria Manager", "Chief executive", "1 July 2026, 12:00"],
    ]
    page = client_for(officer).get(reverse("toolkit:assessment-summary", args=[ready_case.pk])).content.decode()
    assert '<td class="govuk-table__cell">1 July 2026, 12:00</td>' in page


@pytest.mark.parametrize(
    "amount, places, symbol, expected",
    [
        (Decimal(-1234), 2, "£", "−£1,234.00"),
        (Decimal("1234.5"), 2, "£", "£1,234.50"),
        (Decimal("0.125"), 2, "£", "£0.13"),  # half up, as floatformat and the financial model round
        (Decimal("-0.004"), 2, "£", "£0.00"),  # nothing left to be negative
        (-87372.4, 0, "£", "−£87,372"),
        (Decimal("-300000.00"), 2, "", "−300,000.00"),
        (0, 2, "", "0.00"),
    ],
)
def test_money_is_written_with_a_true_minus_sign_before_the_pound_sign(amount, places, symbol, expected):
    assert money(amount, places=places, symbol=symbol) == expected


def test_the_template_filters_write_money_as_the_code_does():
    rendered = Template("{% load money %}{{ a|money }} | {{ a|figure }} | {{ b|money }} | {{ none|money }}").render(
        Context({"a": Decimal("-1234.5"), "b": Decimal(77410), "none": None})
    )
    assert rendered == "−£1,234.50 | −1,234.50 | £77,410.00 | "
    assert figure(Decimal("-1234.5")) == "−1,234.50"


def test_a_negative_net_present_value_reads_the_same_on_the_page_in_the_pdf_and_in_word(ready_case, manager, officer):
    """Without year 3's savings the discounted net savings are -300,000, 100,000 and 100,000."""
    SavingEstimate.objects.filter(assessment=ready_case, year=3).delete()
    page = client_for(officer).get(reverse("toolkit:assessment-summary", args=[ready_case.pk])).content.decode()
    assert (
        "Combined net present value over 4 years: <strong>−£100,000.00</strong>. Payback: <strong>not within the period</strong>. "
        "Savings test: <strong>met</strong> (5% of the combined baseline, £100,000.00, in year 2: the net saving then is £121,000.00)." in page
    )
    _, pdf = export_result(steps.get("design"), ready_case, manager)
    assert "<dt>Net present value</dt><dd>−£100,000.00 over 4 years</dd>" in pdf
    assert "NPV −100,000.00</td>" in pdf
    document = download(manager, ready_case)
    assert document.paragraphs[3].text == (
        "Combined net present value over 4 years: −£100,000.00. Payback: not within the period. "
        "Savings test: met (5% of the combined baseline, £100,000.00, in year 2: the net saving then is £121,000.00)."
    )
    assert tables_of(document)["Combined: the partnership's figures by year"][-1][-1] == "NPV −100,000.00"


def test_the_words_figures_tables_are_the_pages(ready_case, manager):
    assert tables_of(download(manager, ready_case))["Combined: the partnership's figures by year"] == [[cell for _, _, cell in row] for row in COMBINED]


def test_the_word_document_has_comments_the_charts_text_and_the_financial_assumptions(ready_case, manager):
    Answer.objects.filter(assessment=ready_case, question__key="design-vision").update(comment="Agreed at the joint board.\r\nSee the minutes.")
    document = download(manager, ready_case)
    assert bullets(document)[0] == f"{VISION}: One legal service for the three boroughs.\nComment: Agreed at the joint board.\nSee the minutes."
    assert bullets(document)[1].endswith("?: Keep specialist lawyers; save money.")  # no comment: no "Comment:"
    assert after(document, "What it costs, what it saves, when it pays back and each partner's share.") == "Cumulative net savings by partner for Legal Partnership"
    assert after(document, "Cumulative net savings by partner for Legal Partnership") == CHART
    assert after(document, "Payback: not within the period; discounted payback: not within the period.") == (
        "Net present value at 10% a year, year 0 not discounted (HM Treasury Green Book). Set-up costs include an optimism bias of 0%. "
        "Set-up costs are split in equal shares; savings and income by share of the baseline cost."
    )


def test_the_delivery_models_say_what_to_watch_and_who_used_them_as_the_page_does(ready_case, manager, officer):
    document = download(manager, ready_case)
    models = [b for b in bullets(document) if re.match(r"[^:]+: (fits|does not fit)[ .]", b)]
    lead, joint = models[0].split("\n"), models[1].split("\n")
    assert lead[0].startswith("A lead authority: fits (the model chosen). One council runs the service for the others")
    assert [line.split(":")[0] for line in lead] == ["A lead authority", "Why it fits", "What to watch", "Legal basis", "Used by"]
    assert lead[2].startswith("What to watch: The councils that delegate stay ultimately responsible for the service")
    assert lead[4] == (
        "Used by: East Kent Services model; Stafford Borough Council and Cannock Chase District Council: sharing a range of services; "
        "Weymouth and Portland, West Dorset and Purbeck councils: The Revenues and Benefits Partnership."
    )
    assert joint[4] == "Used by: East Kent Services model; South London Waste Partnership; Cambridgeshire and Northamptonshire Shared Services."
    assert models[2] == (
        "Joint working under an agreement: does not fit. The councils work together under a written agreement, but each keeps its own "
        "staff and stays responsible for its own service. The least to set up and the easiest to leave.\n"
        "Why not: One council is to employ the staff for all the partners; in joint working each keeps its own."
    )
    # Every model's paragraph says exactly what the page's list item says, a line for each <br>.
    page = client_for(officer).get(reverse("toolkit:assessment-summary", args=[ready_case.pk])).content.decode()
    listed = re.search(r"Delivery models that fit the partners' answers</h4>\s*<ul[^>]*>(.*?)</ul>", page, re.DOTALL)[1]
    items = [
        "\n".join(" ".join(unescape(re.sub(r"<[^>]+>", "", line)).split()) for line in item.split("<br>"))
        for item in re.findall(r"<li>(.*?)</li>", listed, re.DOTALL)
    ]
    assert len(items) == 6 and models == items


def test_the_gate_and_empty_tables_read_as_on_the_page(ready_case, manager):
    GateItem.objects.filter(assessment=ready_case, item="project-manager").update(evidence="", date=None)
    Milestone.objects.filter(assessment=ready_case).delete()
    document = download(manager, ready_case)
    gate = tables_of(document)["Don't proceed without: each item's owner, date and evidence"]
    assert gate[-1] == ["A dedicated project manager (incomplete)", "Head of Legal", "Not given", "Not given"]
    assert after(document, "Project plan and milestones") == "None entered."
    assert "Milestones" not in tables_of(document)
    assert document.paragraphs[-1].text.endswith(". A sign-off is fixed to this; any change withdraws every sign-off.")


def test_the_question_text_in_these_tests_is_the_questionnaires(ready_case):
    assert Question.objects.get(questionnaire=ready_case.questionnaire, key="design-vision").text == VISION
