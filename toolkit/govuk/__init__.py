"""GOV.UK Design System markup for Django forms: widgets, fields, rendering and the sign-in form.

Every form in the app renders GOV.UK markup by default: ``settings.FORM_RENDERER`` is
``TemplatesSetting``, so Django's form templates are looked up in ``templates/`` first, where
``django/forms/div.html`` renders each field with ``django/forms/field.html``, and that template
asks :class:`GovUKField` (through the ``govuk`` filter in ``toolkit/templatetags/govuk.py``) for
the form group, label or legend, hint, error message and the widget with GOV.UK classes.
Stock Django widgets (``TextInput``, ``PasswordInput``, ``Textarea``, ``Select``, ``RadioSelect``,
``CheckboxSelectMultiple``, ``CheckboxInput``) get GOV.UK classes too; the widgets below add what
the Design System asks for beyond that.

Use in a form::

    from toolkit import govuk

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

from toolkit.govuk.fields import GovUKDateField, MoneyField, PercentageField
from toolkit.govuk.forms import SignInForm
from toolkit.govuk.rendering import GovUKField, error_anchor, error_summary_items, has_errors
from toolkit.govuk.widgets import (
    DATE_PARTS,
    AffixInput,
    CharacterCountTextarea,
    GovUKCheckboxSelectMultiple,
    GovUKDateInput,
    GovUKNumberInput,
    GovUKRadioSelect,
    GovUKSelect,
    GovUKTextarea,
    GovUKTextInput,
    PercentageInput,
    PoundsInput,
)

__all__ = [
    "GovUKDateField", "MoneyField", "PercentageField", "SignInForm", "GovUKField", "error_anchor",
    "error_summary_items", "has_errors", "DATE_PARTS", "AffixInput", "CharacterCountTextarea",
    "GovUKCheckboxSelectMultiple", "GovUKDateInput", "GovUKNumberInput", "GovUKRadioSelect", "GovUKSelect",
    "GovUKTextarea", "GovUKTextInput", "PercentageInput", "PoundsInput",
]
