"""Fields for money, percentages and dates as people type them."""

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from toolkit.govuk.widgets import DATE_PARTS, GovUKDateInput, PercentageInput, PoundsInput


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


def _up_to(digits, high):
    """Whether the digits are a number from 1 to ``high``. Leading zeros aside, more than two
    digits never are: checked first, because int() overflows a date, or refuses outright, on
    the thousands of digits a tampered post may hold."""
    significant = digits.lstrip("0")
    return len(significant) <= 2 and 1 <= int(significant or "0") <= high


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
        # isdecimal, not isdigit: int() takes any script's digits but not "²" and the like.
        not_numbers = [part for part, text in zip(DATE_PARTS, (day, month, year)) if not text.isdecimal()]
        if not_numbers:
            raise self._error("invalid", not_numbers)
        if len(year) != 4:
            raise self._error("year", ["year"])
        wrong = [part for part, text, high in (("day", day, 31), ("month", month, 12)) if not _up_to(text, high)]
        if wrong:
            raise self._error("invalid", wrong)
        try:
            result = date(int(year), int(month.lstrip("0")), int(day.lstrip("0")))
        except ValueError:  # a day the month does not have
            raise self._error("invalid", ["day", "month", "year"]) from None
        if self.min_date and result < self.min_date:
            raise self._error("min_date", DATE_PARTS, limit=_long_date(self.min_date))
        if self.max_date and result > self.max_date:
            raise self._error("max_date", DATE_PARTS, limit=_long_date(self.max_date))
        self.run_validators(result)
        return result

    def compress(self, data_list):  # clean() above does the work; kept for MultiValueField's API
        return data_list
