"""Forms built from question rows: one builder per kind of question, in one table.

Each answer field carries its question (``field.question``), so saving needs no second lookup.
"""

from datetime import UTC, datetime

from django import forms
from django.utils.html import escape

from toolkit import govuk
from toolkit import conditions
from toolkit.govuk.kept import KeptBoundField
from toolkit.models import Question

TEXT_MAX_LENGTH = 200
LONG_TEXT_MAX_LENGTH = 3000
COMMENT_MAX_LENGTH = 2000
MONEY_LIMIT = 10_000_000_000  # £10bn: more than any council budget, small enough to catch typos


def answer_name(question):
    return f"answer_{question.key}"


def comment_name(question):
    return f"comment_{question.key}"


def note_name(question):
    return f"private_{question.key}"


def option_label(question, value):
    return next((o.label for o in question.options.all() if o.value == value), value)


def condition_labels(question) -> str:
    """The answers that show a follow-up, as a person reads them: "‘No’ or ‘Partly’"."""
    return " or ".join(f"‘{option_label(question.show_when_question, v)}’" for v in question.show_when_values)


def choices(question):
    return [(o.value, o.label) for o in question.options.all()]


def _radios(question, message):
    return forms.ChoiceField(
        choices=choices(question),
        widget=govuk.GovUKRadioSelect(inline=question.kind == Question.Kind.YES_NO),
        error_messages={"required": message, "invalid_choice": "Select one of the options shown"},
    )


class DistinctChoicesField(forms.MultipleChoiceField):
    """Ticked boxes, each once: a post naming an option twice would count it twice in the score."""

    def clean(self, value):
        return list(dict.fromkeys(super().clean(value)))


def _multiple(question):
    return DistinctChoicesField(
        choices=choices(question),
        widget=govuk.GovUKCheckboxSelectMultiple(),
        error_messages={"required": "Select at least one option", "invalid_choice": "Select only the options shown"},
    )


def _figure(field_class, question, default_max, required, describe, **kwargs):
    """A number field bounded by the question's limits (or 0 to ``default_max``), with
    messages that name the limits: ``describe(limit)`` gives e.g. "an amount of £0"."""
    low = question.min_value if question.min_value is not None else 0
    high = question.max_value if question.max_value is not None else default_max
    messages = {
        "required": required,
        "min_value": f"Enter {describe(low)} or more",
        "max_value": f"Enter {describe(high)} or less",
        **kwargs.pop("error_messages", {}),
    }
    return field_class(min_value=low, max_value=high, error_messages=messages, **kwargs)


def _number(question):
    return _figure(
        forms.IntegerField, question, 1_000_000_000, "Enter a whole number", lambda v: f"a number of {v:,}",
        widget=govuk.GovUKNumberInput(), error_messages={"invalid": "Enter a whole number, like 12"},
    )


def _money(question):
    return _figure(govuk.MoneyField, question, MONEY_LIMIT, "Enter an amount in pounds", lambda v: f"an amount of £{v:,}")


def _percentage(question):
    return _figure(govuk.PercentageField, question, 100, "Enter a percentage", lambda v: f"a percentage of {v}")


def _date(question):
    return govuk.GovUKDateField(error_messages={"required": "Enter a date"})


def _text(question):
    limit = question.max_length or TEXT_MAX_LENGTH
    return forms.CharField(
        max_length=limit,
        widget=govuk.GovUKTextInput(),
        error_messages={"required": "Enter an answer", "max_length": f"Answer must be {limit:,} characters or fewer"},
    )


def _long_text(question):
    limit = question.max_length or LONG_TEXT_MAX_LENGTH
    return forms.CharField(
        max_length=limit,
        widget=govuk.CharacterCountTextarea(maxlength=limit),
        error_messages={"required": "Enter an answer", "max_length": f"Answer must be {limit:,} characters or fewer"},
    )


BUILDERS = {
    Question.Kind.YES_NO: lambda q: _radios(q, "Select yes or no"),
    Question.Kind.YES_PARTLY_NO: lambda q: _radios(q, "Select yes, partly or no"),
    Question.Kind.AGREEMENT: lambda q: _radios(q, "Select how much you agree"),
    Question.Kind.SINGLE: lambda q: _radios(q, "Select an answer"),
    Question.Kind.MULTIPLE: _multiple,
    Question.Kind.NUMBER: _number,
    Question.Kind.MONEY: _money,
    Question.Kind.PERCENTAGE: _percentage,
    Question.Kind.DATE: _date,
    Question.Kind.TEXT: _text,
    Question.Kind.LONG_TEXT: _long_text,
}


def build_field(question: Question, required: bool) -> forms.Field:
    field = BUILDERS[question.kind](question)
    # A page asks several questions, so the error summary must say which one is unanswered.
    field.error_messages["required"] = f"{field.error_messages['required']} for ‘{question.text}’"
    field.label = question.text
    field.help_text = escape(question.hint)  # GOV.UK hints render unescaped, like Django's
    field.required = required
    field.question = question
    return field


def comment_field(question: Question) -> forms.Field:
    field = forms.CharField(
        label="Comment or evidence (optional)",
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=govuk.CharacterCountTextarea(maxlength=COMMENT_MAX_LENGTH, rows=3),
        error_messages={"max_length": f"Comment must be {COMMENT_MAX_LENGTH:,} characters or fewer"},
    )
    field.question = question
    return field


def private_note_field(question: Question, owner) -> forms.Field:
    field = forms.CharField(
        label=f"Private note to {owner}'s officers (optional)",
        help_text=escape(f"Only {owner}'s officers see this note. It is never shown to partners or put in any report."),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=govuk.CharacterCountTextarea(maxlength=COMMENT_MAX_LENGTH, rows=3),
        error_messages={"max_length": f"Private note must be {COMMENT_MAX_LENGTH:,} characters or fewer"},
    )
    field.question = question
    return field


class SeenField(forms.DateTimeField):
    """A page's latest save as read when it was opened (AnswerSheet.seen_stamp), carried in a
    hidden field to the save. Written in UTC to the microsecond: in local time, an hour of the
    autumn clock change would be ambiguous, and an answer saved a moment later could look the same."""

    widget = forms.HiddenInput

    def prepare_value(self, value):
        if isinstance(value, datetime):
            return value.astimezone(UTC).isoformat()
        return value


class SectionForm(forms.Form):
    """One wizard page: the section's visible questions, each with an optional comment and,
    where the step keeps them (the joint assessment), an optional note private to the council.

    ``partial`` is for "Save and come back later": what is entered must be valid, but required
    questions may be left for later. ``suggested`` maps question keys to where a starting value
    offered for them came from, which the question's hint then says.
    """

    seen_at = SeenField(required=False)
    bound_field_class = KeptBoundField  # a page shown again renders its unchanged fields once

    def __init__(self, *args, section, visible, partial=False, notes_for=None, suggested=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.section = section
        self.partial = partial
        self.notes_for = notes_for  # the council whose private notes these are, if the step keeps them
        suggested = suggested or {}
        own_keys = {q.key for q in section.questions.all()}
        self.questions = []
        for question in section.questions.all():
            controller = question.show_when_question
            # A condition on an earlier page is settled: hide the question. A condition on this
            # page is checked in clean(), because without JavaScript both must be on the page.
            if question.key not in visible and not (controller and controller.key in own_keys):
                continue
            conditional_here = bool(controller and controller.key in own_keys)
            required = question.required and not partial and not conditional_here
            field = build_field(question, required)
            hint = question.hint
            if conditional_here:
                hint = f"Only answer this if you answered {condition_labels(question)} to ‘{controller.text}’. {hint}"
            if question.key in suggested:
                hint = f"We have filled this in from {suggested[question.key]}. Check it is still right before you save. {hint}"
            field.help_text = escape(hint.strip())
            self.fields[answer_name(question)] = field
            self.fields[comment_name(question)] = comment_field(question)
            if notes_for is not None:
                # Beside a private note, say who will read the comment.
                self.fields[comment_name(question)].help_text = "Partner councils see comments once you submit."
                self.fields[note_name(question)] = private_note_field(question, notes_for)
            self.questions.append(question)

    def answer_fields(self):
        """(question, answer field, comment field, private note field or None), in order."""
        return [
            (q, self[answer_name(q)], self[comment_name(q)], self[note_name(q)] if self.notes_for is not None else None)
            for q in self.questions
        ]

    def clean(self):
        cleaned = super().clean()
        if self.partial:
            return cleaned
        values = self.values()
        for question in self.questions:
            controller = question.show_when_question
            if not controller or answer_name(controller) not in self.fields or not question.required:
                continue
            given = values.get(controller.key)
            name = answer_name(question)
            if conditions.condition_holds(question.show_when_values, given) and not conditions.is_answered(cleaned.get(name)) and name not in self.errors:
                chosen = given if isinstance(given, list) else [given]
                label = next(option_label(controller, v) for v in chosen if v in question.show_when_values)
                self.add_error(name, f"Answer this question, because you answered ‘{label}’ to ‘{controller.text}’")
        return cleaned

    def values(self) -> dict:
        """question key -> cleaned answer, for the questions on this page."""
        data = getattr(self, "cleaned_data", {})
        return {q.key: data.get(answer_name(q)) for q in self.questions if answer_name(q) in data}

    def comments(self) -> dict:
        data = getattr(self, "cleaned_data", {})
        return {q.key: data.get(comment_name(q), "") for q in self.questions}

    def notes(self) -> dict | None:
        """question key -> private note, for the notes boxes that came with the page (a box that
        was not there changes nothing); None when the step keeps no private notes."""
        if self.notes_for is None:
            return None
        data = getattr(self, "cleaned_data", {})
        return {q.key: data.get(note_name(q), "") for q in self.questions if self.add_prefix(note_name(q)) in self.data}
