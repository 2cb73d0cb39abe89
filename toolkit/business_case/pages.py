"""The business case's pages of rows: the options shortlist, milestones, risks and the "don't
proceed without" gate (the financial pages are in ``finance_pages``), and loading every row of a
business case in a fixed number of queries."""

from dataclasses import dataclass, field

from django import forms
from django.utils.formats import date_format

from toolkit import govuk
from toolkit.forms import LONG_TEXT_MAX_LENGTH
from toolkit.models import (
    CaseOption,
    FinancialSettings,
    GateItem,
    IncomeEstimate,
    Milestone,
    PartnerFigures,
    Risk,
    SavingEstimate,
    SetUpCost,
)
from toolkit.table_pages import PageForm, RowForm, TablePage, filled, rows_formset


@dataclass
class BusinessCaseRows:
    """Every row of a business case besides its answers, loaded once."""

    members: list
    options: list = field(default_factory=list)
    settings: FinancialSettings | None = None
    figures: dict = field(default_factory=dict)  # council id -> PartnerFigures
    setup_costs: list = field(default_factory=list)
    savings: list = field(default_factory=list)
    income: list = field(default_factory=list)
    milestones: list = field(default_factory=list)
    risks: list = field(default_factory=list)
    gate: dict = field(default_factory=dict)  # item -> GateItem


def load(assessment) -> BusinessCaseRows:
    by = "updated_by"
    return BusinessCaseRows(
        members=list(assessment.partnership.councils.order_by("name")),
        options=list(CaseOption.objects.filter(assessment=assessment).select_related(by)),
        settings=FinancialSettings.objects.filter(assessment=assessment).select_related(by).first(),
        figures={f.council_id: f for f in PartnerFigures.objects.filter(assessment=assessment).select_related(by, "council")},
        setup_costs=list(SetUpCost.objects.filter(assessment=assessment).select_related(by)),
        savings=list(SavingEstimate.objects.filter(assessment=assessment).select_related(by)),
        income=list(IncomeEstimate.objects.filter(assessment=assessment).select_related(by)),
        milestones=list(Milestone.objects.filter(assessment=assessment).select_related(by)),
        risks=list(Risk.objects.filter(assessment=assessment).select_related(by)),
        gate={g.item: g for g in GateItem.objects.filter(assessment=assessment).select_related(by)},
    )


def replace_rows(model, assessment, saved: list, cleaned: list, fields: list, user, now) -> list:
    """Make the saved rows match the cleaned rows, in order. A row whose values are unchanged
    keeps who changed it last and when; the others are stamped with ``user`` and ``now``."""
    kept = []
    for position, values in enumerate(cleaned):
        row = saved[position] if position < len(saved) else model(assessment=assessment)
        if row.pk is None or any(getattr(row, name) != values[name] for name in fields):
            for name in fields:
                setattr(row, name, values[name])
            row.position, row.updated_by, row.updated_at = position, user, now
            row.save()
        kept.append(row)
    model.objects.filter(assessment=assessment).exclude(pk__in=[row.pk for row in kept]).delete()
    return kept


class RowsPage(TablePage):
    """A page that is one "add another" list of rows."""

    template = "business_case/pages/rows.html"
    rows_name = "rows"
    model = None
    row_form = None
    noun = "row"  # "option", "risk", "milestone": for the buttons and the rows' legends
    attribute = ""  # where ``BusinessCaseRows`` keeps them
    formset_class = forms.BaseFormSet

    def rows(self):
        return getattr(self.data, self.attribute)

    def fields(self):
        return list(self.row_form.base_fields)

    def form(self, data=None, prefix=None):
        initial = [{name: getattr(row, name) for name in self.fields()} for row in self.rows()]
        formset = rows_formset(
            self.row_form, data=data, initial=initial, prefix=f"{prefix}-{self.rows_name}", formset=self.formset_class
        )
        return PageForm({self.rows_name: formset}, data=data, prefix=prefix)

    def save(self, form, user, now):
        saved = replace_rows(self.model, self.assessment, self.rows(), filled(form[self.rows_name]), self.fields(), user, now)
        setattr(self.data, self.attribute, saved)


class OptionForm(RowForm):
    kind = forms.ChoiceField(
        label="Kind of option", choices=[("", "Select the kind of option")] + CaseOption.Kind.choices, widget=govuk.GovUKSelect(),
        error_messages={"required": "Select the kind of option", "invalid_choice": "Select one of the kinds shown"},
    )
    name = forms.CharField(
        label="Name", max_length=160, widget=govuk.GovUKTextInput(),
        error_messages={"required": "Enter a name for the option", "max_length": "Name must be 160 characters or fewer"},
    )
    description = forms.CharField(
        label="What it means (optional)", required=False, max_length=LONG_TEXT_MAX_LENGTH,
        widget=govuk.CharacterCountTextarea(maxlength=LONG_TEXT_MAX_LENGTH, rows=3),
        error_messages={"max_length": f"Description must be {LONG_TEXT_MAX_LENGTH:,} characters or fewer"},
    )
    preferred = forms.BooleanField(label="This is the preferred option", required=False)


class OptionFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        preferred = [f for f in self.forms if f.cleaned_data.get("preferred")]
        if len(preferred) > 1:
            raise forms.ValidationError("Choose one preferred option")


class OptionsPage(RowsPage):
    """The economic case's shortlist: always business as usual and a do-minimum option."""

    model, row_form, noun, attribute = CaseOption, OptionForm, "option", "options"
    formset_class = OptionFormSet

    def missing(self):
        kinds = {o.kind for o in self.rows()}
        needed = []
        if CaseOption.Kind.BUSINESS_AS_USUAL not in kinds:
            needed.append("Add business as usual: the shortlist always includes it")
        if CaseOption.Kind.DO_MINIMUM not in kinds:
            needed.append("Add a do-minimum option: the shortlist always includes one")
        if not any(o.preferred for o in self.rows()):
            needed.append("Choose the preferred option")
        return needed

    def appendix(self):
        return [
            {"label": f"{o.get_kind_display()}: {o.name}", "answer": (o.description or "No description") + (" (preferred)" if o.preferred else "")}
            for o in self.rows()
        ] or [{"label": "Options", "answer": "None entered yet"}]


class MilestoneForm(RowForm):
    name = forms.CharField(
        label="Milestone", max_length=200, widget=govuk.GovUKTextInput(),
        error_messages={"required": "Enter the milestone", "max_length": "Milestone must be 200 characters or fewer"},
    )
    due = govuk.GovUKDateField(label="Due", error_messages={"required": "Enter the date it is due"})
    owner = forms.CharField(
        label="Who owns it (optional)", required=False, max_length=120, widget=govuk.GovUKTextInput(width=20),
        error_messages={"max_length": "Owner must be 120 characters or fewer"},
    )


class MilestonesPage(RowsPage):
    model, row_form, noun, attribute = Milestone, MilestoneForm, "milestone", "milestones"

    def appendix(self):
        return [
            {"label": m.name, "answer": f"Due {date_format(m.due, 'j F Y')}" + (f", owned by {m.owner}" if m.owner else "")}
            for m in self.rows()
        ] or [{"label": "Milestones", "answer": "None entered yet"}]


class RiskForm(RowForm):
    description = forms.CharField(
        label="Risk", max_length=300, widget=govuk.GovUKTextInput(),
        error_messages={"required": "Describe the risk", "max_length": "Risk must be 300 characters or fewer"},
    )
    likelihood = forms.ChoiceField(
        label="Likelihood", choices=[("", "Select")] + Risk.Level.choices, widget=govuk.GovUKSelect(),
        error_messages={"required": "Select how likely it is", "invalid_choice": "Select low, medium or high"},
    )
    impact = forms.ChoiceField(
        label="Impact", choices=[("", "Select")] + Risk.Level.choices, widget=govuk.GovUKSelect(),
        error_messages={"required": "Select its impact", "invalid_choice": "Select low, medium or high"},
    )
    mitigation = forms.CharField(
        label="How it will be managed, and the contingency (optional)", required=False, max_length=LONG_TEXT_MAX_LENGTH,
        widget=govuk.CharacterCountTextarea(maxlength=LONG_TEXT_MAX_LENGTH, rows=3),
        error_messages={"max_length": f"Mitigation must be {LONG_TEXT_MAX_LENGTH:,} characters or fewer"},
    )
    owner = forms.CharField(
        label="Who owns it (optional)", required=False, max_length=120, widget=govuk.GovUKTextInput(width=20),
        error_messages={"max_length": "Owner must be 120 characters or fewer"},
    )


class RisksPage(RowsPage):
    model, row_form, noun, attribute = Risk, RiskForm, "risk", "risks"

    def appendix(self):
        return [
            {
                "label": r.description,
                "answer": f"Likelihood {r.get_likelihood_display().lower()}, impact {r.get_impact_display().lower()}."
                + (f" {r.mitigation}" if r.mitigation else "") + (f" Owner: {r.owner}." if r.owner else ""),
            }
            for r in self.rows()
        ] or [{"label": "Risks", "answer": "None entered yet"}]


class GateItemForm(forms.Form):
    owner = forms.CharField(
        label="Who owns it", required=False, max_length=120, widget=govuk.GovUKTextInput(width=20),
        error_messages={"max_length": "Owner must be 120 characters or fewer"},
    )
    date = govuk.GovUKDateField(label="Date agreed or due", required=False)
    evidence = forms.CharField(
        label="Evidence", required=False, max_length=LONG_TEXT_MAX_LENGTH,
        help_text="For example the board decision, the budget line or the plan, and where it is kept.",
        widget=govuk.CharacterCountTextarea(maxlength=LONG_TEXT_MAX_LENGTH, rows=3),
        error_messages={"max_length": f"Evidence must be {LONG_TEXT_MAX_LENGTH:,} characters or fewer"},
    )
    label_size = "s"


class GatePage(TablePage):
    """Merton's five "don't proceed without" items, each needing an owner, a date and evidence
    before the business case can be marked ready for sign-off."""

    template = "business_case/pages/gate.html"
    FIELDS = ["owner", "date", "evidence"]

    def rows(self):
        return list(self.data.gate.values())

    def form(self, data=None, prefix=None):
        parts = {}
        for item, label in GateItem.Item.choices:
            saved = self.data.gate.get(item)
            initial = {name: getattr(saved, name) for name in self.FIELDS} if saved else {}
            form = GateItemForm(data=data, initial=initial, prefix=f"{prefix}-{item}")
            form.title = label
            parts[item] = form
        return PageForm(parts, data=data, prefix=prefix)

    def save(self, form, user, now):
        for item, _ in GateItem.Item.choices:
            values = form[item].cleaned_data
            row = self.data.gate.get(item) or GateItem(assessment=self.assessment, item=item)
            if row.pk is None or any(getattr(row, name) != values[name] for name in self.FIELDS):
                for name in self.FIELDS:
                    setattr(row, name, values[name])
                row.updated_by, row.updated_at = user, now
                row.save()
                self.data.gate[item] = row

    def missing(self):
        needed = []
        for item, label in GateItem.Item.choices:
            row = self.data.gate.get(item)
            lacking = [name for name in ("owner", "date", "evidence") if not (row and getattr(row, name))]
            if lacking:
                needed.append(f"{label}: give {' and '.join(['an owner' if n == 'owner' else 'a date' if n == 'date' else 'evidence' for n in lacking])}")
        return needed

    def appendix(self):
        items = []
        for item, label in GateItem.Item.choices:
            row = self.data.gate.get(item)
            if row and (row.owner or row.date or row.evidence):
                answer = f"Owner: {row.owner or 'not given'}. Date: {date_format(row.date, 'j F Y') if row.date else 'not given'}. Evidence: {row.evidence or 'not given'}."
            else:
                answer = "Not given yet"
            items.append({"label": label, "answer": answer})
        return items


def pages():
    """Section kind -> page, for the step registry."""
    from toolkit.business_case.finance_pages import PartnerFiguresPage, SavingsPage, SetUpCostsPage

    return {
        "options": OptionsPage, "milestones": MilestonesPage, "risks": RisksPage, "gate": GatePage,
        "partner-figures": PartnerFiguresPage, "setup-costs": SetUpCostsPage, "savings": SavingsPage,
    }
