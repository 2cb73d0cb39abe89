"""What the field and error-summary templates need to render a field the GOV.UK way."""

from django import forms
from django.utils.functional import cached_property
from django.utils.html import format_html

from toolkit.govuk.widgets import DATE_PARTS, CharacterCountTextarea, GovUKDateInput, add_classes


LABEL_SIZES = {"s", "m", "l", "xl"}


def error_parts(bound_field):
    """The date boxes named by a field's errors, or None for "all of them"."""
    parts = []
    for error in bound_field.form.errors.as_data().get(bound_field.name, []):
        named = (error.params or {}).get("parts") if hasattr(error, "params") else None
        if not named:
            return None
        parts.extend(p for p in named if p not in parts)
    return parts or None


def error_anchor(bound_field):
    """The id of the first input of a field, for error summary links ("id_budget", "id_when_0")."""
    widget = bound_field.field.widget
    base = widget.attrs.get("id") or bound_field.auto_id
    if isinstance(widget, GovUKDateInput):
        parts = error_parts(bound_field)
        return f"{base}_{DATE_PARTS.index(parts[0]) if parts else 0}"
    if isinstance(widget, (forms.RadioSelect, forms.MultiWidget)):
        return f"{base}_0"
    return base


class GovUKField:
    """What ``django/forms/field.html`` needs to render one field the GOV.UK way."""

    def __init__(self, bound_field):
        self.field = bound_field
        self.widget_obj = bound_field.field.widget

    @property
    def kind(self):
        """"checkbox" (a single box), "fieldset" (radios, checkboxes, dates) or "input"."""
        if isinstance(self.widget_obj, forms.CheckboxInput):
            return "checkbox"
        return "fieldset" if self.field.use_fieldset else "input"

    @property
    def role_group(self):
        """Date inputs: the fieldset is a group of boxes (role="group"), as in the Design System."""
        return isinstance(self.widget_obj, forms.MultiWidget)

    @property
    def id(self):
        return self.widget_obj.attrs.get("id") or self.field.auto_id

    @property
    def hint_id(self):
        return f"{self.id}_helptext"

    @property
    def error_id(self):
        return f"{self.id}_error"

    @property
    def info_id(self):
        """The character count message: GOV.UK Frontend's script looks for ``<textarea id>-info``."""
        return f"{self.id}-info"

    @property
    def character_count(self):
        return isinstance(self.widget_obj, CharacterCountTextarea)

    @property
    def maxlength(self):
        return getattr(self.widget_obj, "maxlength", None) or getattr(self.field.field, "max_length", None)

    @property
    def threshold(self):
        return getattr(self.widget_obj, "threshold", None)

    @property
    def size(self):
        size = getattr(self.field.field, "label_size", None) or getattr(self.field.form, "label_size", None)
        return size if size in LABEL_SIZES else None

    @property
    def label_class(self):
        return add_classes("govuk-label", f"govuk-label--{self.size}" if self.size else "")

    @property
    def legend_class(self):
        return add_classes("govuk-fieldset__legend", f"govuk-fieldset__legend--{self.size}" if self.size else "")

    @property
    def group_class(self):
        return add_classes(
            "govuk-form-group",
            "govuk-form-group--error" if self.field.errors else "",
            "govuk-character-count" if self.character_count else "",
        )

    @property
    def describedby(self):
        """Hint, then error: for the fieldset, or for the input when there is no fieldset."""
        ids = [self.hint_id] if self.field.help_text else []
        if self.field.errors:
            ids.append(self.error_id)
        return " ".join(ids)

    def _input_class(self):
        widget = self.widget_obj
        if isinstance(widget, forms.CheckboxInput):
            return "govuk-checkboxes__input", None
        if isinstance(widget, (forms.RadioSelect, forms.MultiWidget)):
            return None, None  # their templates set the classes of each input
        if isinstance(widget, forms.Textarea):
            return "govuk-textarea", "govuk-textarea--error"
        if isinstance(widget, forms.Select):
            return "govuk-select", "govuk-select--error"
        if isinstance(widget, forms.FileInput):
            return "govuk-file-upload", "govuk-file-upload--error"
        if isinstance(widget, forms.widgets.Input):
            return "govuk-input", "govuk-input--error"
        return None, None

    @cached_property
    def widget(self):
        """The widget's HTML with GOV.UK classes, error state and aria-describedby."""
        attrs = {}
        base, error = self._input_class()
        if base:
            attrs["class"] = add_classes(self.widget_obj.attrs.get("class"), base, error if self.field.errors else "")
        if self.kind != "fieldset":
            ids = ([self.info_id] if self.character_count else []) + self.describedby.split()
            if ids:
                attrs["aria-describedby"] = " ".join(ids)
        if isinstance(self.widget_obj, GovUKDateInput) and self.field.errors:
            attrs[GovUKDateInput.ERROR_PARTS_ATTR] = error_parts(self.field)
        attrs["autofocus"] = False  # GOV.UK: don't move focus on page load (Django's login form does)
        return self.field.as_widget(attrs=attrs)

    def count_message(self):
        return format_html("You can enter up to {} characters", f"{self.maxlength:,}")


def error_summary_items(*forms_):
    """(href or None, message) for each error of the given forms, in page order.

    Non-field errors come first as text; a hidden field's errors also come as text, since there
    is nothing to move to.
    """
    items = []
    for form in forms_:
        if not form or not hasattr(form, "errors"):
            continue
        for error in form.non_field_errors():
            items.append((None, error))
        for name in form.fields:
            if name not in form.errors:
                continue
            bound = form[name]
            href = None if bound.is_hidden else f"#{error_anchor(bound)}"
            items.extend((href, error) for error in bound.errors)
    return items


def has_errors(*forms_):
    return any(form and getattr(form, "errors", None) for form in forms_)
