"""Template helpers for GOV.UK form markup; see toolkit/govuk/ for how pages use them."""

from django import template

from toolkit.govuk import rendering

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
