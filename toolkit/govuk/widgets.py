"""GOV.UK widgets: classes, prefixes and suffixes, character counts, radios, checkboxes, dates."""

import re
from datetime import date

from django import forms


def add_classes(existing, *names):
    """Class string with ``names`` appended, each once."""
    classes = (existing or "").split()
    for name in names:
        if name and name not in classes:
            classes.append(name)
    return " ".join(classes)


class GovUKTextInput(forms.TextInput):
    """``govuk-input``; ``width`` gives a fixed width (2, 3, 4, 5, 10, 20 or 30 characters)."""

    base_class = "govuk-input"
    default_width = None

    def __init__(self, attrs=None, width=None):
        attrs = dict(attrs or {})
        width = width or self.default_width
        attrs["class"] = add_classes(attrs.get("class"), self.base_class, f"govuk-input--width-{width}" if width else "")
        super().__init__(attrs)


class GovUKNumberInput(GovUKTextInput):
    """A whole number: a text input with a numeric keypad, as GOV.UK asks (not ``type=number``).

    Commas and spaces people type as thousands separators are removed before validation.
    """

    default_width = 10

    def __init__(self, attrs=None, width=None):
        super().__init__({"inputmode": "numeric", "spellcheck": "false", **(attrs or {})}, width)

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return re.sub(r"[,\s]", "", value) if isinstance(value, str) else value


class AffixInput(GovUKTextInput):
    """A text input with a prefix or suffix in ``govuk-input__wrapper`` (shown, not read out)."""

    template_name = "govuk/widgets/affix_input.html"
    prefix = ""
    suffix = ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(prefix=self.prefix, suffix=self.suffix)
        return context


class PoundsInput(AffixInput):
    """An amount in pounds with a ``£`` prefix. Decimals show with thousands separators."""

    prefix = "£"
    default_width = 10

    def __init__(self, attrs=None, width=None):
        super().__init__({"inputmode": "decimal", "spellcheck": "false", **(attrs or {})}, width)

    def format_value(self, value):
        if isinstance(value, (int, float)) or hasattr(value, "as_tuple"):  # int or Decimal
            return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
        return super().format_value(value)


class PercentageInput(AffixInput):
    """A percentage with a ``%`` suffix."""

    suffix = "%"
    default_width = 4

    def __init__(self, attrs=None, width=None):
        super().__init__({"inputmode": "decimal", "spellcheck": "false", **(attrs or {})}, width)


class GovUKTextarea(forms.Textarea):
    """``govuk-textarea``, 5 rows unless told."""

    def __init__(self, attrs=None, rows=5):
        attrs = dict(attrs or {})
        attrs["class"] = add_classes(attrs.get("class"), "govuk-textarea")
        attrs.setdefault("rows", rows)
        super().__init__(attrs)


class CharacterCountTextarea(GovUKTextarea):
    """A textarea with the GOV.UK character count.

    ``maxlength`` defaults to the field's ``max_length``. The textarea gets no ``maxlength``
    attribute (the Design System says not to cut people off); the field validates the length.
    Without JavaScript the hint "You can enter up to N characters" is shown instead of a count.
    """

    def __init__(self, attrs=None, rows=5, maxlength=None, threshold=None):
        attrs = dict(attrs or {})
        attrs["class"] = add_classes(attrs.get("class"), "govuk-js-character-count")
        super().__init__(attrs, rows)
        self.maxlength = maxlength
        self.threshold = threshold

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].pop("maxlength", None)
        return context


class GovUKSelect(forms.Select):
    def __init__(self, attrs=None, choices=()):
        attrs = dict(attrs or {})
        attrs["class"] = add_classes(attrs.get("class"), "govuk-select")
        super().__init__(attrs, choices)


class _GovUKChoices:
    """Shared by radios and checkboxes: option hints and the ``--inline``/``--small`` variants."""

    def __init__(self, attrs=None, choices=(), inline=False, small=False, option_hints=None):
        super().__init__(attrs, choices)
        self.inline = inline
        self.small = small
        self.option_hints = dict(option_hints or {})

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["attrs"].pop("class", None)  # the template sets the input's class
        hint = self.option_hints.get(str(value))
        if hint:
            option["hint"] = hint
            option["hint_id"] = f"{option['attrs'].get('id', name)}-item-hint"
            option["attrs"]["aria-describedby"] = option["hint_id"]
        return option

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(inline=self.inline, small=self.small)
        return context


class GovUKRadioSelect(_GovUKChoices, forms.RadioSelect):
    """GOV.UK radios. ``inline=True`` for two short options (yes/no); ``option_hints`` maps an
    option's value to a hint shown under it."""


class GovUKCheckboxSelectMultiple(_GovUKChoices, forms.CheckboxSelectMultiple):
    """GOV.UK checkboxes, with ``option_hints`` and ``small`` like :class:`GovUKRadioSelect`."""


DATE_PARTS = ("day", "month", "year")


class GovUKDateInput(forms.MultiWidget):
    """Day, month and year boxes (``<name>_day``, ``<name>_month``, ``<name>_year``).

    Boxes named in ``attrs[ERROR_PARTS_ATTR]`` (set by :class:`GovUKField` from the field's error)
    get the error style; with an error but no parts named, all three do.
    """

    template_name = "govuk/widgets/date_input.html"
    use_fieldset = True
    ERROR_PARTS_ATTR = "data-govuk-error-parts"

    def __init__(self, attrs=None):
        numeric = {"inputmode": "numeric", "spellcheck": "false"}
        widgets = {part: forms.TextInput(numeric) for part in DATE_PARTS}
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None, None, None]

    def get_context(self, name, value, attrs):
        attrs = dict(attrs or {})
        error_parts = attrs.pop(self.ERROR_PARTS_ATTR, None)
        attrs.pop("class", None)
        has_error = attrs.get("aria-invalid") == "true"
        context = super().get_context(name, value, attrs)
        for part, subwidget in zip(DATE_PARTS, context["widget"]["subwidgets"]):
            in_error = has_error and (not error_parts or part in error_parts)
            width = "govuk-input--width-4" if part == "year" else "govuk-input--width-2"
            subwidget["label"] = part.capitalize()
            subwidget["attrs"]["class"] = add_classes(
                "govuk-input govuk-date-input__input", width, "govuk-input--error" if in_error else ""
            )
            subwidget["attrs"].pop("aria-invalid", None)
            if in_error:
                subwidget["attrs"]["aria-invalid"] = "true"
        return context
