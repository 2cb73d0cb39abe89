"""The financial case's pages: each partner's figures and the assumptions, set-up costs, and
savings and income by year. What they hold becomes the model's plain ``Inputs`` here
(``inputs_of``); the rules are in ``finance``.

Years are numbered as the Green Book numbers them, and as the model does: year 0 is the first.
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format

from toolkit import govuk
from toolkit.business_case import finance
from toolkit.business_case.pages import replace_rows
from toolkit.forms import MONEY_LIMIT
from toolkit.money import money as money_text
from toolkit.models import (
    Answer,
    Assessment,
    FinancialSettings,
    IncomeEstimate,
    PartnerFigures,
    SavingEstimate,
    SetUpCost,
    Step,
)
from toolkit.models.business_case import default_discount_rate
from toolkit.table_pages import PageForm, RowForm, TablePage, filled, rows_formset

PERCENT = {"max_digits": 5, "decimal_places": 2}


def money(label, required=False, help_text=""):
    return govuk.MoneyField(
        label=label, required=required, help_text=help_text, min_value=0, max_value=MONEY_LIMIT,
        error_messages={"min_value": "Enter an amount of £0 or more", "max_value": f"Enter an amount of £{MONEY_LIMIT:,} or less"},
    )


def percent(label, high, required=True, help_text=""):
    return govuk.PercentageField(
        label=label, required=required, help_text=help_text, min_value=0, max_value=high, decimal_places=2,
        error_messages={
            "required": f"Enter {label[0].lower() + label[1:]}",
            "min_value": "Enter a percentage of 0 or more", "max_value": f"Enter a percentage of {high} or less",
        },
    )


def year_label(year):
    return f"Year {year} (the first year)" if year == 0 else f"Year {year}"


def years_of(rows) -> int:
    return rows.settings.years if rows.settings else 5


class SettingsForm(forms.Form):
    years = forms.IntegerField(
        label="Appraisal period, in years", min_value=1, max_value=10, widget=govuk.GovUKNumberInput(),
        help_text="From 1 to 10. Year 0 is the first year, when the partnership is usually set up.",
        error_messages={"required": "Enter the appraisal period", "invalid": "Enter a whole number of years, like 5",
                        "min_value": "Enter an appraisal period of 1 year or more", "max_value": "Enter an appraisal period of 10 years or less"},
    )
    discount_rate = percent("Discount rate", 20, help_text="HM Treasury's Green Book rate is 3.5% a year for years 0 to 30.")
    setup_split = forms.ChoiceField(
        label="How are set-up costs split between the partners?", choices=FinancialSettings.Split.choices,
        widget=govuk.GovUKRadioSelect(), error_messages={"required": "Select how set-up costs are split"},
    )
    savings_split = forms.ChoiceField(
        label="How are savings and income split between the partners?", choices=FinancialSettings.Split.choices,
        widget=govuk.GovUKRadioSelect(), error_messages={"required": "Select how savings are split"},
    )
    threshold_percent = percent(
        "Savings test: the share of the combined baseline to save", 100,
        help_text="East Kent's councils went ahead only where a service saved at least 10% of the combined budget by its second year.",
    )
    threshold_year = forms.IntegerField(
        label="Savings test: the year to reach it", min_value=0, widget=govuk.GovUKNumberInput(),
        help_text="Year 2 is the second full year after a year 0 spent setting up.",
        error_messages={"required": "Enter the year of the savings test", "invalid": "Enter a year, like 2",
                        "min_value": "Enter a year of 0 or more"},
    )
    label_size = "s"


class PartnerForm(forms.Form):
    baseline = money("Baseline annual cost of the services in scope")
    population = forms.IntegerField(
        label="Population", required=False, min_value=0, max_value=100_000_000, widget=govuk.GovUKNumberInput(),
        error_messages={"invalid": "Enter a whole number, like 187908", "min_value": "Enter a population of 0 or more",
                        "max_value": "Enter a population of 100,000,000 or less"},
    )
    contract_end = govuk.GovUKDateField(label="When its main contract for these services ends (optional)", required=False)
    agreed_setup_percent = percent("Agreed share of set-up costs", 100, required=False, help_text="Only when set-up costs are split by agreed percentages.")
    agreed_savings_percent = percent("Agreed share of savings", 100, required=False, help_text="Only when savings are split by agreed percentages.")
    label_size = "s"

    FIELDS = ["baseline", "population", "contract_end", "agreed_setup_percent", "agreed_savings_percent"]


def check_figures(parts, members):
    """What only the page as a whole can tell: the year of the test within the period, and the
    figures each way of splitting needs."""
    settings = parts["settings"].cleaned_data
    if settings["threshold_year"] >= settings["years"]:
        parts["settings"].add_error("threshold_year", f"Enter a year from 0 to {settings['years'] - 1}: the appraisal period is {settings['years']} years")
    for split, share_field, what in [("setup_split", "agreed_setup_percent", "set-up costs"), ("savings_split", "agreed_savings_percent", "savings")]:
        method = settings[split]
        if method == FinancialSettings.Split.AGREED:
            total = sum((parts[c.slug].cleaned_data.get(share_field) or Decimal(0)) for c in members)
            if total != 100:
                first = parts[members[0].slug]
                first.add_error(share_field, f"The agreed percentages of {what} add up to {total.normalize():f}%; they must add up to 100%")
        needed = {FinancialSettings.Split.POPULATION: "population", FinancialSettings.Split.BASELINE: "baseline"}.get(method)
        for council in members if needed else []:
            form = parts[council.slug]
            if not form.cleaned_data.get(needed) and needed not in form.errors:
                form.add_error(needed, f"Enter {council}'s {'population' if needed == 'population' else 'baseline cost'}: {what} are split by it")


class PartnerFiguresPage(TablePage):
    """Each member council's figures and the model's assumptions. Figures a partner gave in its
    joint or self assessment are offered as starting values, saying whose they are."""

    template = "business_case/pages/partner_figures.html"

    def rows(self):
        return ([self.data.settings] if self.data.settings else []) + list(self.data.figures.values())

    def offered(self) -> dict:
        """council id -> {field: (value, where it came from)} for partners with no figures saved."""
        councils = {c.pk: c for c in self.data.members if c.pk not in self.data.figures}
        if not councils:
            return {}
        latest = {}  # (council id, step) -> its latest submitted self assessment, or joint one in this partnership
        for assessment in (
            Assessment.objects.filter(council__in=list(councils))
            .filter(Q(step=Step.SELF) | Q(step=Step.JOINT, partnership=self.assessment.partnership_id))
            .exclude(status=Assessment.Status.IN_PROGRESS)
            .order_by("submitted_at")
        ):
            latest[(assessment.council_id, assessment.step_id)] = assessment
        answers = {}
        for answer in Answer.objects.filter(assessment__in=list(latest.values()), question__key__in=["joint-annual-budget", "self-annual-budget", "contract-end-date"]).select_related("question", "assessment"):
            answers[(answer.assessment.council_id, answer.assessment.step_id, answer.question.key)] = answer
        offered = {}
        for council_id, council in councils.items():
            found = {}
            if council.population:
                found["population"] = (council.population, "the council's record (2011 census)")
            for field_name, keys in [("baseline", [(Step.JOINT, "joint-annual-budget"), (Step.SELF, "self-annual-budget")]), ("contract_end", [(Step.JOINT, "contract-end-date"), (Step.SELF, "contract-end-date")])]:
                for step, key in keys:
                    answer = answers.get((council_id, step, key))
                    if answer is not None and answer.value:
                        name = "joint assessment" if step == Step.JOINT else "self assessment"
                        when = date_format(timezone.localtime(answer.assessment.submitted_at), "j F Y")
                        value = Decimal(str(answer.value)) if field_name == "baseline" else date.fromisoformat(answer.value)
                        found[field_name] = (value, f"{council}'s {name} submitted {when}")
                        break
            offered[council_id] = found
        return offered

    def form(self, data=None, prefix=None):
        settings = self.data.settings
        parts = {
            "settings": SettingsForm(
                data=data, prefix=f"{prefix}-settings",
                initial={name: getattr(settings, name) for name in SettingsForm.base_fields} if settings else
                {"years": 5, "discount_rate": default_discount_rate(), "setup_split": "equal", "savings_split": "equal", "threshold_percent": Decimal("10"), "threshold_year": 2},
            )
        }
        offered = self.offered() if data is None else {}
        for council in self.data.members:
            saved = self.data.figures.get(council.pk)
            initial = {name: getattr(saved, name) for name in PartnerForm.FIELDS} if saved else {}
            form = PartnerForm(data=data, prefix=f"{prefix}-{council.slug}", initial=initial)
            for field_name, (value, source) in offered.get(council.pk, {}).items():
                form.initial[field_name] = value
                form.fields[field_name].help_text = f"We have filled this in from {source}. Check it is still right before you save."
            form.council = council
            parts[council.slug] = form
        return PageForm(parts, data=data, prefix=prefix, check=lambda parts: check_figures(parts, self.data.members))

    def save(self, form, user, now):
        values = form["settings"].cleaned_data
        settings = self.data.settings or FinancialSettings(assessment=self.assessment)
        if settings.pk is None or any(getattr(settings, n) != values[n] for n in values):
            for name, value in values.items():
                setattr(settings, name, value)
            settings.updated_by, settings.updated_at = user, now
            settings.save()
            self.data.settings = settings
        for council in self.data.members:
            values = form[council.slug].cleaned_data
            row = self.data.figures.get(council.pk) or PartnerFigures(assessment=self.assessment, council=council)
            if row.pk is None or any(getattr(row, n) != values[n] for n in PartnerForm.FIELDS):
                for name in PartnerForm.FIELDS:
                    setattr(row, name, values[name])
                row.updated_by, row.updated_at = user, now
                row.save()
                self.data.figures[council.pk] = row

    def missing(self):
        needed = [] if self.data.settings else ["Set the appraisal period and the assumptions"]
        for council in self.data.members:
            figures = self.data.figures.get(council.pk)
            if figures is None or figures.baseline is None:
                needed.append(f"Give {council}'s baseline cost")
        if needed:
            return needed
        # What the page held may no longer fit the partnership: agreed shares that stop adding
        # to 100 when a council leaves, or a population missing for one that joins. The years of
        # costs and savings are the other pages' to report.
        return finance.validate(replace(inputs_of(self.data), setup_costs={}, savings={}, income={}))

    def appendix(self):
        settings = self.data.settings
        items = []
        if settings:
            items.append({"label": "Assumptions", "answer": (
                f"{settings.years} years; discount rate {settings.discount_rate.normalize():f}%; set-up costs split "
                f"{settings.setup_split_phrase}; savings split {settings.savings_split_phrase}; "
                f"savings test {settings.threshold_percent.normalize():f}% of the combined baseline in year {settings.threshold_year}"
            )})
        for council in self.data.members:
            f = self.data.figures.get(council.pk)
            if f is None:
                items.append({"label": str(council), "answer": "Not given yet"})
                continue
            parts = [f"Baseline {display_money(f.baseline)}"]
            if f.population:
                parts.append(f"population {f.population:,}")
            if f.contract_end:
                parts.append(f"main contract ends {date_format(f.contract_end, 'j F Y')}")
            for share, what in [(f.agreed_setup_percent, "set-up costs"), (f.agreed_savings_percent, "savings")]:
                if share is not None:
                    parts.append(f"agreed share of {what} {share.normalize():f}%")
            items.append({"label": str(council), "answer": "; ".join(parts)})
        return items or [{"label": "Figures", "answer": "None entered yet"}]


def display_money(amount):
    return "not given" if amount is None else money_text(amount)


class BiasForm(forms.Form):
    optimism_bias = percent(
        "Optimism bias added to set-up costs", 200,
        help_text="HM Treasury's upper bounds (Mott MacDonald, 2002): standard buildings 24%, non-standard buildings 51%, "
        "equipment and development 200%; outsourcing 41% on operating costs. Bounds fall as risks are managed.",
    )
    label_size = "s"


class CostForm(RowForm):
    category = forms.ChoiceField(
        label="Category", choices=[("", "Select a category")] + SetUpCost.Category.choices, widget=govuk.GovUKSelect(),
        error_messages={"required": "Select the category", "invalid_choice": "Select one of the categories shown"},
    )
    year = forms.TypedChoiceField(label="Year", coerce=int, widget=govuk.GovUKSelect(),
                                  error_messages={"required": "Select the year", "invalid_choice": "Select a year within the appraisal period"})
    amount = money("Amount", required=True)
    description = forms.CharField(
        label="What it is for (optional)", required=False, max_length=200, widget=govuk.GovUKTextInput(),
        error_messages={"max_length": "Description must be 200 characters or fewer"},
    )

    def __init__(self, *args, years=5, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", "Select a year")] + [(year, year_label(year)) for year in range(years)]
        self.fields["amount"].error_messages["required"] = "Enter the amount"


class SetUpCostsPage(TablePage):
    template = "business_case/pages/rows.html"
    rows_name = "rows"
    noun = "set-up cost"
    FIELDS = ["category", "year", "amount", "description"]

    def rows(self):
        return self.data.setup_costs

    def status(self):
        if self.section.slug not in self.assessment.sections_saved:
            return "Not started"
        return "In progress" if self.missing() else "Completed"

    def missing(self):
        if self.section.slug not in self.assessment.sections_saved:
            return ["Enter the set-up costs, or save the page to say there are none"]
        years = years_of(self.data)
        return [
            f"Move or remove the set-up cost in {year_label(cost.year).lower()} ({cost.get_category_display()}): "
            f"the appraisal period is now {years} years (years 0 to {years - 1})"
            for cost in self.rows() if cost.year >= years
        ]

    def form(self, data=None, prefix=None):
        initial = [{name: getattr(row, name) for name in self.FIELDS} for row in self.rows()]
        formset = rows_formset(CostForm, data=data, initial=initial, prefix=f"{prefix}-{self.rows_name}", form_kwargs={"years": years_of(self.data)})
        bias = BiasForm(data=data, prefix=f"{prefix}-bias", initial={"optimism_bias": self.data.settings.optimism_bias if self.data.settings else Decimal(0)})
        return PageForm({"bias": bias, self.rows_name: formset}, data=data, prefix=prefix)

    def save(self, form, user, now):
        self.data.setup_costs = replace_rows(SetUpCost, self.assessment, self.rows(), filled(form[self.rows_name]), self.FIELDS, user, now)
        bias = form["bias"].cleaned_data["optimism_bias"]
        settings = self.data.settings or FinancialSettings(assessment=self.assessment)
        if settings.pk is None or settings.optimism_bias != bias:
            settings.optimism_bias, settings.updated_by, settings.updated_at = bias, user, now
            settings.save()
            self.data.settings = settings

    def appendix(self):
        items = [{"label": f"{c.get_category_display()}, {year_label(c.year).lower()}", "answer": f"{display_money(c.amount)}" + (f": {c.description}" if c.description else "")} for c in self.rows()]
        if self.data.settings and self.data.settings.optimism_bias:
            items.append({"label": "Optimism bias", "answer": f"{self.data.settings.optimism_bias.normalize():f}% added to set-up costs"})
        return items or [{"label": "Set-up costs", "answer": "None"}]


class YearForm(forms.Form):
    """One year's savings by source, and its income."""

    label_size = "s"

    def __init__(self, *args, year, **kwargs):
        super().__init__(*args, **kwargs)
        self.year, self.title = year, year_label(year)
        for source, label in SavingEstimate.Source.choices:
            self.fields[source] = money(f"{label} saving in {year_label(year).lower()}")
        self.fields["income"] = money(f"Income in {year_label(year).lower()}")


class SavingsPage(TablePage):
    template = "business_case/pages/savings.html"

    def rows(self):
        return self.data.savings + self.data.income

    def form(self, data=None, prefix=None):
        saved = {(s.source, s.year): s.amount for s in self.data.savings}
        income = {i.year: i.amount for i in self.data.income}
        parts = {}
        for year in range(years_of(self.data)):
            initial = {source: saved.get((source, year)) for source, _ in SavingEstimate.Source.choices}
            initial["income"] = income.get(year)
            parts[f"year-{year}"] = YearForm(data=data, prefix=f"{prefix}-year-{year}", year=year, initial=initial)
        return PageForm(parts, data=data, prefix=prefix)

    def save(self, form, user, now):
        saved = {(s.source, s.year): s for s in self.data.savings}
        income = {i.year: i for i in self.data.income}
        keep_savings, keep_income = [], []
        for name, part in form.parts.items():
            year = part.year
            for source, _ in SavingEstimate.Source.choices:
                keep_savings.append(upsert(saved.get((source, year)), part.cleaned_data[source], lambda: SavingEstimate(assessment=self.assessment, source=source, year=year), user, now))
            keep_income.append(upsert(income.get(year), part.cleaned_data["income"], lambda: IncomeEstimate(assessment=self.assessment, year=year), user, now))
        self.data.savings = [row for row in keep_savings if row]
        self.data.income = [row for row in keep_income if row]
        # Years beyond a shortened appraisal period go.
        SavingEstimate.objects.filter(assessment=self.assessment).exclude(pk__in=[r.pk for r in self.data.savings]).delete()
        IncomeEstimate.objects.filter(assessment=self.assessment).exclude(pk__in=[r.pk for r in self.data.income]).delete()

    def missing(self):
        needed = [] if any(s.amount for s in self.data.savings) else ["Enter the savings expected"]
        years = years_of(self.data)
        if any(row.year >= years for row in self.rows()):
            needed.append(
                f"Savings or income are entered for years after the appraisal period of {years} years: "
                "save this page to remove them, or lengthen the period"
            )
        return needed

    def appendix(self):
        items = []
        for year in range(years_of(self.data)):
            parts = [f"{s.get_source_display().lower()} {display_money(s.amount)}" for s in self.data.savings if s.year == year]
            parts += [f"income {display_money(i.amount)}" for i in self.data.income if i.year == year]
            items.append({"label": year_label(year), "answer": "; ".join(parts) or "None"})
        return items


def upsert(row, amount, new, user, now):
    """Keep one amount: None when blank (an existing row goes), else the saved row."""
    if amount is None or amount == 0:
        if row is not None:
            row.delete()
        return None
    row = row or new()
    if row.pk is None or row.amount != amount:
        row.amount, row.updated_by, row.updated_at = amount, user, now
        row.save()
    return row


def inputs_of(rows) -> finance.Inputs:
    """The business case's rows as the model's plain inputs."""
    settings = rows.settings or FinancialSettings()
    partners = []
    for council in rows.members:
        f = rows.figures.get(council.pk)
        partners.append(finance.Partner(
            name=council.name,
            baseline=f.baseline if f and f.baseline is not None else Decimal("0.00"),
            population=f.population if f else None,
            agreed_setup_percent=f.agreed_setup_percent if f else None,
            agreed_savings_percent=f.agreed_savings_percent if f else None,
        ))
    setup = {}
    for cost in rows.setup_costs:
        setup[(cost.category, cost.year)] = setup.get((cost.category, cost.year), Decimal(0)) + cost.amount
    return finance.Inputs(
        partners=tuple(partners),
        years=settings.years,
        setup_costs=setup,
        savings={(s.source, s.year): s.amount for s in rows.savings},
        income={i.year: i.amount for i in rows.income},
        discount_rate=settings.discount_rate / 100,
        optimism_bias=settings.optimism_bias / 100,
        setup_split=settings.setup_split,
        savings_split=settings.savings_split,
        threshold_percent=settings.threshold_percent,
        threshold_year=settings.threshold_year,
    )


def model_of(rows):
    """(the model, None) or (None, the problems with the inputs, in words)."""
    try:
        return finance.model(inputs_of(rows)), None
    except finance.ModelError as error:
        return None, error.problems

