from django import template

register = template.Library()


@register.filter
def split(value, separator=","):
    """``"A,B"|split:","`` -> ["A", "B"], for lists written in a template."""
    return str(value).split(separator)
