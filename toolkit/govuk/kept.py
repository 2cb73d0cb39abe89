"""Rendering an unchanged field, or summary card, once: a page of questions shows the same radios, boxes and hints
to every officer until someone answers differently, and Django renders each one through several
templates (a wizard page of seven questions took most of its time there).

A field of a form that is not bound (a page being shown, not one posted back with errors) is
rendered from everything its template reads: the field's and the widget's own attributes (label,
hint, choices, classes, sizes) and its value. The same description gives the same HTML, so the
HTML is kept in this process, under a digest of that description. Templates change only with a
new release, which starts new processes; errors are never kept, since a bound form is rendered
afresh.
"""

import hashlib

from django.forms.boundfield import BoundField
from django.template.loader import render_to_string

from toolkit.held import Held

_kept = Held(4096)  # fields; a few MB at most

# Field attributes the field templates read (the widget's are read whole, with vars()).
FIELD_ATTRIBUTES = ("label", "help_text", "required", "disabled", "max_length", "label_size", "show_hidden_initial")


def description(bound: BoundField) -> str:
    field, widget = bound.field, bound.field.widget
    return repr((
        type(field).__qualname__, type(widget).__qualname__, bound.html_name, bound.auto_id, bound.value(),
        [(name, getattr(field, name, None)) for name in FIELD_ATTRIBUTES],
        sorted((k, repr(v)) for k, v in vars(widget).items()),
        getattr(bound.form, "label_size", None), type(bound.form.renderer).__qualname__,
    ))


def kept(description: str, render):
    """``render()``, or the HTML it gave before for the same description."""
    return _kept.get(hashlib.sha256(description.encode()).hexdigest(), render)


def render_kept(template_name: str, context: dict) -> str:
    """A template rendered with a context of plain values only (text, numbers, lists, dicts), so
    that its repr says all the template can read."""
    return kept(repr((template_name, context)), lambda: render_to_string(template_name, context))


class KeptBoundField(BoundField):
    def as_field_group(self):
        if self.form.is_bound:
            return super().as_field_group()
        return kept(description(self), super().as_field_group)
