"""GOV.UK Design System markup for Django forms.

Every form in the app renders GOV.UK markup by default: ``settings.FORM_RENDERER`` is
``TemplatesSetting``, so Django's form templates are looked up in ``templates/`` first, where
``django/forms/div.html`` renders each field with ``django/forms/field.html``, and that template
asks :class:`GovUKField` (through the ``govuk`` filter in ``toolkit/templatetags/govuk.py``) for
the form group, label or legend, hint, error message and the widget with GOV.UK classes.
Stock Django widgets (``TextInput``, ``PasswordInput``, ``Textarea``, ``Select``, ``RadioSelect``,
``CheckboxSelectMultiple``, ``CheckboxInput``) get GOV.UK classes too; the widgets below add what
the Design System asks for beyond that.

Use in a form::

    from toolkit import govuk_forms as govuk

    class CostsForm(forms.Form):
        name = forms.CharField(widget=govuk.GovUKTextInput(width=20))
        staff = forms.IntegerField(widget=govuk.GovUKNumberInput())
        budget = govuk.MoneyField(min_value=0)                  # £ prefix, "1,250.50" accepted
        share = govuk.PercentageField(min_value=0, max_value=100)  # % suffix
        starts = govuk.GovUKDateField(help_text="For example, 1 4 2026")
        model = forms.ChoiceField(choices=..., widget=govuk.GovUKRadioSelect(inline=True))
        areas = forms.MultipleChoiceField(choices=..., widget=govuk.GovUKCheckboxSelectMultiple(
            option_hints={"hr": "Including payroll"}))
        notes = forms.CharField(max_length=2000, widget=govuk.CharacterCountTextarea(maxlength=2000))

In a page: ``{% include "govuk/error_summary.html" with form=form %}`` above the form (add
``forms=other_forms`` for more), ``<form method="post" novalidate>``, then ``{{ form }}`` or
``{{ form.field_name.as_field_group }}`` per field. Non-field errors are shown by the error summary
only. Start the title with "Error: " when a form has errors::

    {% load govuk %}
    {% block title %}{% error_prefix form %}Sign in{% endblock %}

Label and legend size: regular by default; set ``label_size = "s"`` (or "m", "l", "xl") on a form
class or on a field to change it. Hints (``help_text``) are output unescaped, as in Django.
"""

import re
from datetime import date

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.html import format_html

# --- Widgets --------------------------------------------------------------------------------


def _add_classes(existing, *names):
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
        attrs["class"] = _add_classes(attrs.get("class"), self.base_class, f"govuk-input--width-{width}" if width else "")
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
        attrs["class"] = _add_classes(attrs.get("class"), "govuk-textarea")
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
        attrs["class"] = _add_classes(attrs.get("class"), "govuk-js-character-count")
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
        attrs["class"] = _add_classes(attrs.get("class"), "govuk-select")
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
            subwidget["attrs"]["class"] = _add_classes(
                "govuk-input govuk-date-input__input", width, "govuk-input--error" if in_error else ""
            )
            subwidget["attrs"].pop("aria-invalid", None)
            if in_error:
                subwidget["attrs"]["aria-invalid"] = "true"
        return context


# --- Fields ---------------------------------------------------------------------------------


class MoneyField(forms.DecimalField):
    """Pounds and pence as a Decimal. Accepts "£1,250", "1250.5" and the like."""

    widget = PoundsInput
    default_error_messages = {
        "invalid": "Enter an amount in pounds, like 1,250 or 1,250.50",
        "max_decimal_places": "Enter an amount with no more than 2 decimal places",
        "max_digits": "Enter a smaller amount",
        "max_whole_digits": "Enter a smaller amount",
        "min_value": "Enter an amount of £%(limit_value)s or more",
        "max_value": "Enter an amount of £%(limit_value)s or less",
    }

    def __init__(self, *, max_digits=None, decimal_places=2, **kwargs):
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[£,\s]", "", value)
        return super().to_python(value)


class PercentageField(forms.DecimalField):
    """A percentage as a Decimal (25 means 25%). Accepts "12.5" and "12.5%"."""

    widget = PercentageInput
    default_error_messages = {
        "invalid": "Enter a percentage, like 25 or 12.5",
        "max_decimal_places": "Enter a percentage with no more than 2 decimal places",
        "max_digits": "Enter a smaller percentage",
        "max_whole_digits": "Enter a smaller percentage",
        "min_value": "Enter a percentage of %(limit_value)s or more",
        "max_value": "Enter a percentage of %(limit_value)s or less",
    }

    def __init__(self, *, max_digits=None, decimal_places=2, **kwargs):
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[%\s]", "", value)
        return super().to_python(value)


def _long_date(value):
    return f"{value.day} {value:%B %Y}"


MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        [("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")],
        start=1,
    )
    for name in names
}


class GovUKDateField(forms.MultiValueField):
    """A date typed into day, month and year boxes, with the Design System's error messages.

    ``subject`` starts the messages ("Date must include a month"); ``min_date``/``max_date``
    bound the date. Each error names the boxes at fault in ``params["parts"]`` so only those
    boxes are styled as wrong. Months may be typed as numbers or names ("3", "Mar", "March").
    """

    widget = GovUKDateInput
    default_error_messages = {
        "required": "Enter a date",
        "incomplete": "%(subject)s must include a %(missing)s",
        "invalid": "%(subject)s must be a real date",
        "year": "Year must include 4 numbers",
        "min_date": "%(subject)s must be the same as or after %(limit)s",
        "max_date": "%(subject)s must be the same as or before %(limit)s",
    }

    def __init__(self, *, subject="Date", min_date=None, max_date=None, **kwargs):
        parts = tuple(forms.CharField(required=False) for _ in DATE_PARTS)
        super().__init__(parts, require_all_fields=False, **kwargs)
        self.subject = subject
        self.min_date = min_date
        self.max_date = max_date

    def _error(self, code, parts, **params):
        return ValidationError(
            self.error_messages[code], code=code, params={"subject": self.subject, "parts": list(parts), **params}
        )

    def clean(self, value):
        values = dict(zip(DATE_PARTS, (str(v or "").strip() for v in (value or ["", "", ""]))))
        if not any(values.values()):
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return None
        missing = [part for part in DATE_PARTS if not values[part]]
        if missing:
            names = missing[0] if len(missing) == 1 else f"{missing[0]} and {missing[1]}"
            raise self._error("incomplete", missing, missing=names)
        day, month, year = values["day"], values["month"].lower(), values["year"]
        month = str(MONTH_NAMES.get(month, month))
        not_numbers = [part for part, text in zip(DATE_PARTS, (day, month, year)) if not text.isdigit()]
        if not_numbers:
            raise self._error("invalid", not_numbers)
        if len(year) != 4:
            raise self._error("year", ["year"])
        try:
            result = date(int(year), int(month), int(day))
        except ValueError:
            wrong = [p for p, ok in (("day", 1 <= int(day) <= 31), ("month", 1 <= int(month) <= 12)) if not ok]
            raise self._error("invalid", wrong or ["day", "month", "year"]) from None
        if self.min_date and result < self.min_date:
            raise self._error("min_date", DATE_PARTS, limit=_long_date(self.min_date))
        if self.max_date and result > self.max_date:
            raise self._error("max_date", DATE_PARTS, limit=_long_date(self.max_date))
        self.run_validators(result)
        return result

    def compress(self, data_list):  # clean() above does the work; kept for MultiValueField's API
        return data_list


# --- Rendering ------------------------------------------------------------------------------

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
        return _add_classes("govuk-label", f"govuk-label--{self.size}" if self.size else "")

    @property
    def legend_class(self):
        return _add_classes("govuk-fieldset__legend", f"govuk-fieldset__legend--{self.size}" if self.size else "")

    @property
    def group_class(self):
        return _add_classes(
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
            attrs["class"] = _add_classes(self.widget_obj.attrs.get("class"), base, error if self.field.errors else "")
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


# --- Forms ----------------------------------------------------------------------------------


class SignInForm(AuthenticationForm):
    """Django's sign-in form in the Design System's words. Use with
    ``LoginView.as_view(authentication_form=SignInForm)``."""

    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account has been closed. Ask your administrator to reopen it.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["username"].widget.attrs.update(spellcheck="false")
