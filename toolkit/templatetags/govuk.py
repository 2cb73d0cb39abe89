"""Template helpers for GOV.UK form markup; see toolkit/govuk/ for how pages use them."""

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from toolkit.govuk import rendering
from toolkit.govuk.kept import render_kept

register = template.Library()


@register.filter
def govuk(bound_field):
    """``{% with g=field|govuk %}``: classes, ids and the widget for ``django/forms/field.html``."""
    return rendering.GovUKField(bound_field)


@register.simple_tag
def error_prefix(*forms):
    """"Error: " when any of the forms has errors, for the start of the page title."""
    return "Error: " if rendering.has_errors(*forms) else ""


@register.simple_tag
def error_summary_items(form=None, forms=None):
    """(href, message) pairs for ``govuk/error_summary.html``: ``form`` and then ``forms``."""
    return rendering.error_summary_items(form, *(forms or []))


@register.simple_tag
def answer_cards(appendix, heading="h2", change=False, assessment=None):
    """A summary card per section of ``appendix`` (``AnswerSheet.appendix``): its questions and
    answers, or a page of rows as the page describes them, with Change links when ``change``.
    Each card is described in plain values and rendered once for each description."""
    cards = []
    for part in appendix:
        section, table = part["section"], bool(part.get("table"))
        change_url = reverse("toolkit:assessment-section", args=[assessment.pk, section.slug]) + "?return=check" if change else ""
        card = {
            "heading": heading, "slug": section.slug, "title": section.title, "table": table, "change_url": change_url,
            "items": [
                {
                    "label": item["label"] if table else item["question"].text,
                    "key": "" if table else item["question"].key,
                    "answer": str(item["answer"]),
                    "comment": item.get("comment", ""),
                    "private_note": item.get("private_note", ""),
                }
                for item in part["items"]
            ],
        }
        cards.append(render_kept("includes/answer_card.html", {"card": card}))
    # Each card is a template's output, which escaped the answers as it rendered them.
    html = "".join(cards)
    return mark_safe(html)  # nosec B308, B703 # see above
