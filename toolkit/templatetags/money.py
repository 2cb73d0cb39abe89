"""Money in templates, written as ``toolkit.money`` writes it everywhere else:
``{{ amount|money }}`` gives −£1,234.00 and ``{{ amount|figure }}`` gives −1,234.00, for a table
whose heading says £."""

from django import template

from toolkit import money as formats

register = template.Library()


@register.filter
def money(amount):
    return "" if amount is None or amount == "" else formats.money(amount)


@register.filter
def figure(amount):
    return "" if amount is None or amount == "" else formats.figure(amount)
