"""Setting up a partnership and inviting councils, with councils chosen from the directory.

The directory is searched on the server: a search box and a Search button re-show the page with
the councils found as checkboxes, beside those already chosen. So it works without JavaScript,
and the page never loads the whole directory when there are hundreds of councils.
"""

from django import forms
from django.core.exceptions import ValidationError

from toolkit import govuk
from toolkit.models import Council, Partnership
from toolkit.partnerships.actions import refusal_to_invite

# Up to this many councils, the whole directory is listed before any search.
LIST_ALL_UP_TO = 30
MOST_FOUND = 20


def is_council_id(value) -> bool:
    """Whether a posted value could be a council's id: digits (of any script, which int() reads;
    not "²"), no more than a database key holds. Anything else was never a council of the
    directory, and looking a longer number up makes the query itself fail."""
    return str(value).isdecimal() and len(str(value)) <= 9


class CouncilsField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        for pk in value:
            if not is_council_id(pk):
                raise ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk})
        return super()._check_values(value)


class CouncilPicker(forms.Form):
    """Councils to invite: ``search`` and ``councils``. ``partnership`` (None while setting one
    up) and ``lead`` say who cannot be invited."""

    search = forms.CharField(
        label="Search the directory of councils",
        help_text="Type part of a council's name, then select Search.",
        required=False,
        max_length=100,
        widget=govuk.GovUKTextInput(width=20),
    )
    councils = CouncilsField(
        queryset=Council.objects.all(),
        label="Councils to invite",
        widget=govuk.GovUKCheckboxSelectMultiple(small=True),
        error_messages={
            "required": "Select at least one council to invite",
            "invalid_choice": "Select councils from the directory",
            "invalid_pk_value": "Select councils from the directory",
        },
    )
    label_size = "m"

    def __init__(self, *args, partnership=None, lead=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.partnership, self.lead = partnership, lead
        self.fields["councils"].widget.choices = [(c.pk, c.name) for c in self.shown_councils()]

    def chosen_ids(self) -> list:
        raw = self.data.getlist(self.add_prefix("councils")) if self.is_bound else self.initial.get("councils", [])
        return [int(v) for v in raw if is_council_id(v)]

    def search_term(self) -> str:
        term = (self.data.get(self.add_prefix("search")) if self.is_bound else self.initial.get("search")) or ""
        # The term is searched for before the form is checked, so as the box would take it: no
        # longer (SQLite refuses a LIKE pattern of 50,000 bytes) and without NUL (which
        # PostgreSQL refuses in any text): either was a server error.
        return term.replace("\x00", "")[: self.fields["search"].max_length]

    def unavailable_ids(self) -> set:
        """The lead, members and councils already invited: never offered."""
        ids = {self.lead.pk} if self.lead else set()
        if self.partnership is not None:
            ids |= set(self.partnership.memberships.values_list("council_id", flat=True))
            ids |= set(self.partnership.invitations.filter(status="pending").values_list("council_id", flat=True))
        return ids

    def shown_councils(self) -> list:
        chosen = list(Council.objects.filter(pk__in=self.chosen_ids()))
        term = self.search_term().strip()
        found = Council.objects.exclude(pk__in=self.unavailable_ids() | {c.pk for c in chosen})
        if term:
            found = found.filter(name__icontains=term)[:MOST_FOUND]
        elif Council.objects.count() <= LIST_ALL_UP_TO:
            found = found.all()
        else:
            found = found.none()
        self.found = list(found)
        return sorted(chosen + self.found, key=lambda c: c.name)

    def clean_councils(self):
        councils = list(self.cleaned_data["councils"])
        problems = [p for p in (refusal_to_invite(self.partnership, c, self.lead) for c in councils) if p]
        if problems:
            raise forms.ValidationError(problems)
        return councils


class PartnershipForm(CouncilPicker):
    name = forms.CharField(
        label="Name of the partnership",
        max_length=160,
        widget=govuk.GovUKTextInput(),
        error_messages={"required": "Enter a name for the partnership", "max_length": "Name must be 160 characters or fewer"},
    )
    services = forms.CharField(
        label="Services in scope",
        help_text="For example: legal services, or revenues and benefits.",
        max_length=300,
        widget=govuk.GovUKTextInput(),
        error_messages={"required": "Enter the services in scope", "max_length": "Services must be 300 characters or fewer"},
    )
    description = forms.CharField(
        label="What the partnership is for (optional)",
        required=False,
        max_length=2000,
        widget=govuk.CharacterCountTextarea(maxlength=2000, rows=4),
        error_messages={"max_length": "Description must be 2,000 characters or fewer"},
    )
    lead = forms.ModelChoiceField(
        queryset=Council.objects.none(),
        label="Which of your councils leads it?",
        widget=govuk.GovUKRadioSelect(),
        error_messages={"required": "Select the council that leads the partnership", "invalid_choice": "Select one of your councils"},
    )
    field_order = ["name", "services", "description", "lead", "search", "councils"]

    def __init__(self, *args, managed, **kwargs):
        # The lead is one of the councils this programme manager manages; with one, it is given.
        self.managed = list(managed)
        super().__init__(*args, lead=self.managed[0] if len(self.managed) == 1 else None, **kwargs)
        self.fields["lead"].queryset = Council.objects.filter(pk__in=[c.pk for c in self.managed])
        if len(self.managed) == 1:
            self.fields["lead"].initial = self.managed[0].pk
            self.fields["lead"].widget = forms.HiddenInput()

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Partnership.objects.filter(name__iexact=name).exists():
            raise forms.ValidationError(f"A partnership called ‘{name}’ already exists. Choose another name.")
        return name

    def clean(self):
        cleaned = super().clean()
        lead = cleaned.get("lead")
        problems = [refusal_to_invite(None, c, lead) for c in cleaned.get("councils") or [] if lead is not None]
        for problem in filter(None, problems):
            self.add_error("councils", problem)
        return cleaned


def searching(form_class, data, **kwargs):
    """The form as it was typed, unbound, so a search re-shows it without error messages."""
    initial = {name: data.get(name, "") for name in form_class.base_fields}
    initial["councils"] = data.getlist("councils")
    return form_class(initial=initial, **kwargs)
