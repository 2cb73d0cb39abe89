"""The business case's financial model: the rules in one place, as pure functions over plain values.

Step 3 of the journey builds the business case, and its financial case needs the figures: what
the shared service costs to set up, what it saves, when it pays back, what it is worth today, and
each partner council's share. The inputs stored with the business case become a plain ``Inputs``,
and ``model`` returns every figure. No database here, so the rules can be read, tested with
tables of cases and explained on the "How the figures are worked out" page.

The rules:
- Money is in pounds and pence. Every figure shown is rounded to the penny, a half penny rounded
  up (away from zero). Nothing is ever worked out in floating point.
- Years follow HM Treasury's Green Book: year 0 is the first year, when the partnership is
  usually set up, and it is not discounted. An appraisal period of 5 years covers years 0 to 4.
  The period is from 1 to 10 years, and every figure must fall within it.
- A year's gross saving is its savings from every source (staff, procurement, IT, accommodation,
  other) plus any income. Its set-up costs are its costs in every category (redundancy, IT,
  process change and transition, contract exit, other), uplifted by the optimism bias: a bias of
  24% adds 24% to each year's total set-up costs. The net saving is the gross saving less the
  set-up costs.
- Each year's net saving is discounted by the factor 1 / (1 + r)^t, where r is the discount rate
  (the Green Book's 3.5% a year unless the business case says otherwise) and t the year, so year
  0's factor is 1. The net present value is the sum of the discounted net savings, each rounded
  to the penny, so the table adds up.
- Payback is the time, in years from the start of year 0, at which the cumulative net saving
  turns from negative to zero or more. Costs and savings are taken to fall evenly through each
  year, so the time within that year is found in proportion. If the cumulative net saving is
  never negative, payback is 0; if it is still negative at the end of the period, the business
  case does not pay back within the period. If it turns negative again later (a contract exit
  cost, say), the later time is the one that counts. Payback is given to two decimal places.
- Discounted payback is worked out the same way from the discounted net savings.
- The savings test (East Kent's: at least 10% of the combined revenue budget by the second year
  of operation) compares the partnership's net saving in the test year with the given
  percentage of the partners' combined baseline annual cost. The test year is numbered like
  every other year: the default, year 2, is the second full year of operation after a year 0
  spent setting up. Only that year's net saving counts, after any set-up costs in that year.
  The test is met when the saving is at least the target.
- Each partner's share: set-up costs are split one way, and savings and income another, each
  chosen from equal shares, population, each partner's share of the combined baseline cost, or
  agreed percentages, which must add up to exactly 100%. A partner's net saving is its share of
  the gross saving less its share of the set-up costs, and its payback and net present value
  follow from those as for the partnership.
- Shares are rounded so that they add up to the combined figure exactly (the largest remainder
  method): each share is rounded down to the penny, then the pennies left over go one each to
  the shares that lost most in rounding, the earlier partner first when two lost the same. A
  negative figure is split as the same positive figure would be, with the signs turned. When
  every weight is 0, the shares are equal. Each partner's discounted net saving is rounded in
  the same way, so the partners' net present values add up to the partnership's.
- Inputs that cannot be modelled are listed in plain words and no figures are worked out:
  negative figures, an appraisal period outside 1 to 10 years, a figure for a year outside the
  period, a discount rate outside 0% to 20%, an optimism bias outside 0% to 200%, a savings test
  percentage outside 0% to 100% or year outside the period, agreed percentages that do not add
  up to 100%, a missing population or baseline cost when shares follow it, and no partners.
"""

from dataclasses import dataclass, field
from decimal import Context, Decimal
from fractions import Fraction
from itertools import accumulate

from toolkit.business_case import pence

GREEN_BOOK_RATE = Decimal("0.035")  # HM Treasury Green Book, years 0 to 30
MIN_YEARS, MAX_YEARS = 1, 10
MAX_DISCOUNT_RATE = Decimal("0.20")
MAX_OPTIMISM_BIAS = Decimal(2)  # 200%
COMBINED = "Combined"

# stored value -> the words used in messages and on the page
SETUP_CATEGORIES = {
    "redundancy": "redundancy",
    "it": "IT",
    "process": "process change and transition",
    "contract-exit": "contract exit",
    "other": "other",
}
SAVING_SOURCES = {
    "staff": "staff",
    "procurement": "procurement",
    "it": "IT",
    "accommodation": "accommodation",
    "other": "other",
}
SPLITS = {
    "equal": "equal shares",
    "population": "population",
    "baseline": "share of baseline cost",
    "agreed": "agreed percentages",
}
SETUP, SAVINGS = "setup", "savings"  # what a split is for
_SPLIT_OF = {SETUP: "set-up costs", SAVINGS: "savings"}

_DIGITS = Context(prec=28)


@dataclass(frozen=True)
class OptimismBiasBound:
    label: str
    percent: Decimal  # the upper bound, as a percentage
    applies_to: str
    source: str
    year: str

    @property
    def fraction(self) -> Decimal:
        """The bound as ``Inputs.optimism_bias`` takes it (0.24 for 24%)."""
        return self.percent / 100


_MOTT_MACDONALD = (
    "HM Treasury, Green Book supplementary guidance on optimism bias "
    "(Mott MacDonald, Review of Large Public Procurement in the UK)"
)
# Guidance shown next to the optimism bias input: the upper bounds, which fall as risks are managed.
OPTIMISM_BIAS_UPPER_BOUNDS = (
    OptimismBiasBound("Standard buildings", Decimal(24), "capital costs", _MOTT_MACDONALD, "2002"),
    OptimismBiasBound("Non-standard buildings", Decimal(51), "capital costs", _MOTT_MACDONALD, "2002"),
    OptimismBiasBound("Equipment and development", Decimal(200), "capital costs", _MOTT_MACDONALD, "2002"),
    OptimismBiasBound("Outsourcing", Decimal(41), "operating costs", _MOTT_MACDONALD, "2002"),
)


class ModelError(ValueError):
    """The inputs cannot be modelled; ``problems`` says why, in plain words."""

    def __init__(self, problems):
        self.problems = [problems] if isinstance(problems, str) else list(problems)
        super().__init__(" ".join(self.problems))


@dataclass(frozen=True)
class Partner:
    name: str
    baseline: Decimal  # annual cost today of the services in scope
    population: int | None = None
    agreed_setup_percent: Decimal | None = None  # when set-up costs are split by agreed percentages
    agreed_savings_percent: Decimal | None = None  # when savings and income are


@dataclass(frozen=True)
class Inputs:
    partners: tuple  # (Partner, ...), in the partnership's order
    years: int = 5  # the appraisal period: years 0 to years - 1
    setup_costs: dict = field(default_factory=dict)  # (category, year) -> Decimal; SETUP_CATEGORIES
    savings: dict = field(default_factory=dict)  # (source, year) -> Decimal; SAVING_SOURCES
    income: dict = field(default_factory=dict)  # year -> Decimal
    discount_rate: Decimal = GREEN_BOOK_RATE  # a fraction: 0.035 is 3.5%
    optimism_bias: Decimal = Decimal(0)  # an uplift on set-up costs, a fraction: 0.24 is 24%
    setup_split: str = "equal"  # one of SPLITS
    savings_split: str = "equal"  # one of SPLITS; income is split the same way
    threshold_percent: Decimal = Decimal(10)  # the savings test: at least this % of the combined baseline
    threshold_year: int = 2  # in this year (year 0 is the first)


@dataclass(frozen=True)
class Figures:
    """One set of yearly figures: the partnership's combined, or one partner's share.

    Every tuple has one amount per year, year 0 first, each to the penny.
    """

    name: str  # the partner's name, or COMBINED
    gross_savings: tuple  # savings plus income
    setup_costs: tuple  # after optimism bias
    net_savings: tuple  # gross savings less set-up costs
    cumulative_net: tuple
    discounted_net: tuple
    cumulative_discounted_net: tuple
    npv: Decimal  # the sum of the discounted net savings
    payback: Decimal | None  # years from the start of year 0, to 2 places; None: not within the period
    discounted_payback: Decimal | None

    @property
    def total_gross_savings(self) -> Decimal:
        return sum(self.gross_savings, Decimal("0.00"))

    @property
    def total_setup_costs(self) -> Decimal:
        return sum(self.setup_costs, Decimal("0.00"))

    @property
    def total_net_savings(self) -> Decimal:
        return sum(self.net_savings, Decimal("0.00"))


@dataclass(frozen=True)
class ThresholdTest:
    met: bool
    year: int  # the test year, numbered like every other year
    saving: Decimal  # the partnership's net saving in that year
    target: Decimal  # percent of the combined baseline, to the penny
    percent: Decimal
    baseline: Decimal  # the partners' combined baseline annual cost


@dataclass(frozen=True)
class Model:
    years: tuple  # (0, 1, ..., N - 1)
    discount_factors: tuple  # 1 / (1 + r)^t, unrounded (28 significant digits); show them to 6 places
    savings: tuple  # combined, per year, before income
    income: tuple  # combined, per year
    setup_costs_before_bias: tuple  # combined, per year
    combined: Figures
    partners: tuple  # (Figures, ...), in the partners' order
    setup_weights: tuple  # (Decimal, ...) the set-up costs were split by
    savings_weights: tuple  # (Decimal, ...) savings and income were split by
    threshold: ThresholdTest


# Apportionment.


def split(total: Decimal, weights) -> list[Decimal]:
    """``total`` shared in proportion to ``weights``, to the penny, adding up to ``total`` exactly.

    The largest remainder method: each share rounded down to the penny, then the pennies left over
    one each to the largest remainders, the earlier share first on a tie. A negative total is split
    as the positive one, signs turned; when every weight is 0 the shares are equal.
    """
    weights = [Fraction(weight) for weight in weights]
    if not weights:
        raise ModelError("There is no partner to share the figure between.")
    if any(weight < 0 for weight in weights):
        raise ModelError("A partner's weight in a split cannot be negative.")
    return [pence.to_pounds(share) for share in pence.split(pence.from_pounds(total), weights)]


def weights(inputs: Inputs, method: str, of: str = SAVINGS) -> list[Decimal]:
    """What each partner's share of set-up costs (``of=SETUP``) or savings (``of=SAVINGS``) is in
    proportion to, by ``method``: one of SPLITS."""
    problems = _partner_problems(inputs) + _weight_problems(inputs, method, (of,))
    if problems:
        raise ModelError(problems)
    partners = inputs.partners
    if method == "equal":
        return [Decimal(1)] * len(partners)
    if method == "population":
        return [Decimal(partner.population) for partner in partners]
    if method == "baseline":
        return [Decimal(partner.baseline) for partner in partners]
    return [Decimal(_agreed(partner, of)) for partner in partners]


# Checking the inputs.


def validate(inputs: Inputs) -> list[str]:
    """Every problem with the inputs, in plain words; [] when they can be modelled."""
    problems = []
    if not inputs.partners:
        problems.append("Add at least one partner.")
    problems += _partner_problems(inputs)

    years = inputs.years
    period_ok = _is_whole(years) and MIN_YEARS <= years <= MAX_YEARS
    if not _is_whole(years):
        problems.append(f"The appraisal period must be a whole number of years from {MIN_YEARS} to {MAX_YEARS}.")
    elif not period_ok:
        problems.append(f"The appraisal period is {_years(years)}; it must be from {MIN_YEARS} to {MAX_YEARS} years.")

    def outside(year):
        return period_ok and not (_is_whole(year) and 0 <= year < years)

    for what, figures, names in (
        ("setup", inputs.setup_costs, SETUP_CATEGORIES),
        ("savings", inputs.savings, SAVING_SOURCES),
    ):
        for key, amount in figures.items():
            if not (isinstance(key, tuple) and len(key) == 2):
                problems.append(
                    f"{key!r} is not a {'set-up cost category' if what == 'setup' else 'source of savings'} and a year."
                )
                continue
            name, year = key
            if name not in names:
                problems.append(
                    f"‘{name}’ is not a set-up cost category."
                    if what == "setup"
                    else f"‘{name}’ is not a source of savings."
                )
                continue
            label = f"Set-up costs for {names[name]}" if what == "setup" else f"Savings from {names[name]}"
            if outside(year):
                problems.append(f"{label} are given for year {year}, outside {_period(years)}.")
            problems += _money_problems(amount, f"{label} in year {year}")

    for year, amount in inputs.income.items():
        if outside(year):
            problems.append(f"Income is given for year {year}, outside {_period(years)}.")
        problems += _money_problems(amount, f"Income in year {year}")

    problems += _range_problem(inputs.discount_rate, "discount rate", 0, MAX_DISCOUNT_RATE, as_fraction=True)
    problems += _range_problem(inputs.optimism_bias, "optimism bias", 0, MAX_OPTIMISM_BIAS, as_fraction=True)
    problems += _range_problem(inputs.threshold_percent, "savings test percentage", 0, 100, as_fraction=False)
    if outside(inputs.threshold_year):
        problems.append(f"The savings test is for year {inputs.threshold_year}, outside {_period(years)}.")

    methods = {}
    for of, method in ((SETUP, inputs.setup_split), (SAVINGS, inputs.savings_split)):
        methods.setdefault(method, []).append(of)
    for method, ofs in methods.items():
        problems += _weight_problems(inputs, method, tuple(ofs))
    return problems


# The model.


def model(inputs: Inputs) -> Model:
    """Every figure of the financial case. Raises ModelError listing the problems with bad inputs."""
    problems = validate(inputs)
    if problems:
        raise ModelError(problems)
    years = range(inputs.years)

    def by_year(figures):
        """(name, year) -> amount, as the exact total for each year."""
        return [
            sum((Fraction(amount) for (_, y), amount in figures.items() if y == year), Fraction(0)) for year in years
        ]

    savings = [pence.from_pounds(amount) for amount in by_year(inputs.savings)]
    income = [pence.from_pounds(inputs.income.get(year, 0)) for year in years]
    before_bias = by_year(inputs.setup_costs)
    uplift = 1 + Fraction(inputs.optimism_bias)
    setup = [pence.from_pounds(amount * uplift) for amount in before_bias]
    gross = [saved + earned for saved, earned in zip(savings, income)]
    net = [g - s for g, s in zip(gross, setup)]

    rate = 1 + Fraction(inputs.discount_rate)
    factors = [1 / rate**year for year in years]
    discounted = [pence.half_up(n * f) for n, f in zip(net, factors)]

    setup_weights = weights(inputs, inputs.setup_split, SETUP)
    savings_weights = weights(inputs, inputs.savings_split, SAVINGS)
    setup_shares = [pence.split(s, [Fraction(w) for w in setup_weights]) for s in setup]
    gross_shares = [pence.split(g, [Fraction(w) for w in savings_weights]) for g in gross]

    shares = [  # (name, gross savings, set-up costs) per partner
        (partner.name, [year[index] for year in gross_shares], [year[index] for year in setup_shares])
        for index, partner in enumerate(inputs.partners)
    ]
    # Each partner's discounted net saving, rounded so that the partners' add up to the combined.
    discounted_shares = [
        pence.largest_remainder([(g[year] - s[year]) * factors[year] for _, g, s in shares], discounted[year])
        for year in years
    ]

    baseline = sum((Fraction(partner.baseline) for partner in inputs.partners), Fraction(0))
    test_year = inputs.threshold_year
    target = pence.from_pounds(baseline * Fraction(inputs.threshold_percent) / 100)
    return Model(
        years=tuple(years),
        discount_factors=tuple(_DIGITS.divide(Decimal(f.numerator), Decimal(f.denominator)) for f in factors),
        savings=pence.all_to_pounds(savings),
        income=pence.all_to_pounds(income),
        setup_costs_before_bias=tuple(pence.to_pounds(pence.from_pounds(amount)) for amount in before_bias),
        combined=_figures(COMBINED, gross, setup, discounted),
        partners=tuple(
            _figures(name, g, s, [year[index] for year in discounted_shares])
            for index, (name, g, s) in enumerate(shares)
        ),
        setup_weights=tuple(setup_weights),
        savings_weights=tuple(savings_weights),
        threshold=ThresholdTest(
            met=net[test_year] >= target,
            year=test_year,
            saving=pence.to_pounds(net[test_year]),
            target=pence.to_pounds(target),
            percent=inputs.threshold_percent,
            baseline=pence.to_pounds(pence.from_pounds(baseline)),
        ),
    )


def payback(net_savings) -> Decimal | None:
    """Years from the start of year 0 until the cumulative net saving turns from negative to zero
    or more for the last time, to 2 places: 0 when it is never negative, None when it is still
    negative at the end. Each year's net saving is taken to fall evenly through the year."""
    flows = [Fraction(amount) for amount in net_savings]
    cumulative = list(accumulate(flows))
    negative = [year for year, total in enumerate(cumulative) if total < 0]
    if not negative:
        return Decimal("0.00")
    last = negative[-1]
    if last == len(flows) - 1:
        return None
    turns = last + 1  # the year in which it turns: its net saving is positive
    return pence.to_pounds(pence.half_up((turns + -cumulative[last] / flows[turns]) * 100))


# Helpers. Amounts are worked in whole pennies (int) or exact fractions, and become Decimal pounds
# only when they are returned.


def _figures(name, gross, setup, discounted) -> Figures:
    net = [g - s for g, s in zip(gross, setup)]
    return Figures(
        name=name,
        gross_savings=pence.all_to_pounds(gross),
        setup_costs=pence.all_to_pounds(setup),
        net_savings=pence.all_to_pounds(net),
        cumulative_net=pence.all_to_pounds(accumulate(net)),
        discounted_net=pence.all_to_pounds(discounted),
        cumulative_discounted_net=pence.all_to_pounds(accumulate(discounted)),
        npv=pence.to_pounds(sum(discounted)),
        payback=payback(net),
        discounted_payback=payback(discounted),
    )


def _agreed(partner: Partner, of: str):
    return partner.agreed_setup_percent if of == SETUP else partner.agreed_savings_percent


def _partner_problems(inputs) -> list[str]:
    problems = []
    for partner in inputs.partners:
        problems += _money_problems(partner.baseline, f"The baseline cost of {partner.name}")
        if partner.population is not None:
            if not _is_whole(partner.population):
                problems.append(f"The population of {partner.name} must be a whole number.")
            elif partner.population < 0:
                problems.append(f"The population of {partner.name} cannot be negative.")
    return problems


def _weight_problems(inputs, method, ofs) -> list[str]:
    """Why the partners' shares of what ``ofs`` names cannot be worked out ``method``'s way."""
    what = " and ".join(_SPLIT_OF[of] for of in ofs)
    if method not in SPLITS:
        return [f"‘{method}’ is not a way to split {what}."]
    problems = []
    for partner in inputs.partners:
        if method == "population" and partner.population is None:
            problems.append(f"Give the population of {partner.name}: {what} are split by population.")
        elif method == "population" and partner.population == 0:
            problems.append(f"The population of {partner.name} is 0, so {what} cannot be split by population.")
        elif method == "baseline" and _is_number(partner.baseline) and partner.baseline == 0:
            problems.append(
                f"The baseline cost of {partner.name} is £0, so {what} cannot be split by share of baseline cost."
            )
    if method != "agreed":
        return problems
    for of in ofs:
        what = _SPLIT_OF[of]
        given = [_agreed(partner, of) for partner in inputs.partners]
        for partner, percent in zip(inputs.partners, given):
            if percent is None:
                problems.append(f"Give the agreed percentage of {what} for {partner.name}.")
            elif not _is_number(percent):
                problems.append(f"The agreed percentage of {what} for {partner.name} must be a number.")
            elif percent < 0:
                problems.append(f"The agreed percentage of {what} for {partner.name} cannot be negative.")
        if inputs.partners and all(_is_number(percent) for percent in given):
            total = sum(Decimal(percent) for percent in given)
            if total != 100:
                problems.append(
                    f"The agreed percentages of {what} add up to {_number(total)}%; they must add up to 100%."
                )
    return problems


def _money_problems(amount, label) -> list[str]:
    if not _is_number(amount):
        return [f"{label} must be an amount of money."]
    if amount < 0:
        return [f"{label} cannot be negative."]
    return []


def _range_problem(value, name, lowest, highest, as_fraction) -> list[str]:
    def shown(number):
        return f"{_number(Decimal(number) * 100 if as_fraction else Decimal(number))}%"

    if not _is_number(value):
        return [f"The {name} must be a number from {shown(lowest)} to {shown(highest)}."]
    if not lowest <= value <= highest:
        return [f"The {name} is {shown(value)}; it must be from {shown(lowest)} to {shown(highest)}."]
    return []


def _is_whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value) -> bool:
    """A Decimal or a whole number: never a float, which cannot hold pence exactly."""
    return _is_whole(value) or (isinstance(value, Decimal) and value.is_finite())


def _number(number: Decimal) -> str:
    return format(Decimal(number).normalize(), "f")


def _years(count) -> str:
    return f"{count} year{'' if count == 1 else 's'}"


def _period(years) -> str:
    if years == 1:
        return "the appraisal period of 1 year (year 0)"
    return f"the appraisal period of {years} years (years 0 to {years - 1})"
