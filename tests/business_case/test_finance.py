"""The financial model's rules, as tables of cases. No database.

Every expected value is worked out by hand, with the arithmetic in a comment; none is computed
with the code under test. Discount factors at 3.5%: 1.035^1 = 1.035, 1.035^2 = 1.071225,
1.035^3 = 1.108717875, 1.035^4 = 1.147523000625.
"""

from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

import pytest

from toolkit.business_case.finance import (
    COMBINED,
    OPTIMISM_BIAS_UPPER_BOUNDS,
    SETUP,
    Inputs,
    ModelError,
    Partner,
    model,
    split,
    validate,
    weights,
)

D = Decimal


def money(*amounts):
    return tuple(D(amount) for amount in amounts)


def one(baseline="1000000", **kw):
    return (Partner("Solo", D(baseline), **kw),)


def each_year(amount, years=5, source="staff"):
    return {(source, year): D(amount) for year in range(years)}


# Apportionment.


@pytest.mark.parametrize(
    "total,weights_,expected",
    [
        # 100.00 / 3 = 33.333...: each 33.33, 99.99 in all; the penny left over goes to the first (a tie)
        ("100.00", [1, 1, 1], ["33.34", "33.33", "33.33"]),
        # 5 pennies / 2 = 2.5 each: 2 each, the fifth penny to the first (a tie)
        ("0.05", [1, 1], ["0.03", "0.02"]),
        # East Lindsey and South Holland's transition fund, by population 63:37:
        # 4,650,000 x 0.63 = 2,929,500; 4,650,000 x 0.37 = 1,720,500
        ("4650000", [630, 370], ["2929500.00", "1720500.00"]),
        ("4650000", [63, 37], ["2929500.00", "1720500.00"]),
        # real-sized populations in the same ratio (141,777 / 225,040 = 0.63001):
        # 4,650,000 x 141,777 / 225,040 = 2,929,537.1934 -> 2,929,537.19 (0.34p left)
        # 4,650,000 x 83,263 / 225,040 = 1,720,462.8066 -> 1,720,462.80 (0.66p left): gets the spare penny
        ("4650000", [141777, 83263], ["2929537.19", "1720462.81"]),
        # the largest remainder wins, not the earlier partner: 1.00 x 1/3 = 0.3333, x 2/3 = 0.6667
        ("1.00", [1, 2], ["0.33", "0.67"]),
        # 10 pennies / 8 = 1.25 each: 1 each, the 2 left over to the first two (all tie)
        ("0.10", [1] * 8, ["0.02", "0.02", "0.01", "0.01", "0.01", "0.01", "0.01", "0.01"]),
        # a negative total is split as the positive one, signs turned
        ("-100.00", [1, 1, 1], ["-33.34", "-33.33", "-33.33"]),
        ("-0.05", [1, 1], ["-0.03", "-0.02"]),
        ("-4650000", [141777, 83263], ["-2929537.19", "-1720462.81"]),
        # a zero weight gets nothing; all zero weights share equally
        ("10.00", [0, 1, 1], ["0.00", "5.00", "5.00"]),
        ("10.00", [0, 0, 0], ["3.34", "3.33", "3.33"]),
        ("0", [1, 2], ["0.00", "0.00"]),
        ("123.45", [5], ["123.45"]),
        # decimal weights: 1,000 x 40.5% = 405; x 59.5% = 595
        ("1000", [D("40.5"), D("59.5")], ["405.00", "595.00"]),
    ],
)
def test_split(total, weights_, expected):
    shares = split(D(total), weights_)
    assert shares == [D(share) for share in expected]
    assert sum(shares) == D(total)


def test_split_needs_a_partner():
    with pytest.raises(ModelError):
        split(D("1.00"), [])


ADUR = Partner("Adur", D("3000000"), population=64000, agreed_setup_percent=D("40"), agreed_savings_percent=D("45"))
WORTHING = Partner(
    "Worthing", D("5000000"), population=111000, agreed_setup_percent=D("60"), agreed_savings_percent=D("55")
)
PAIR = Inputs(partners=(ADUR, WORTHING), setup_costs={("it", 0): D("1000")})


@pytest.mark.parametrize(
    "method,of,expected",
    [
        ("equal", SETUP, [1, 1]),
        ("population", SETUP, [64000, 111000]),
        ("baseline", SETUP, [3000000, 5000000]),
        ("agreed", SETUP, [40, 60]),
        ("agreed", "savings", [45, 55]),
    ],
)
def test_weights(method, of, expected):
    assert weights(PAIR, method, of) == [D(weight) for weight in expected]


@pytest.mark.parametrize(
    "method,adur,worthing",
    [
        ("equal", "500.00", "500.00"),
        # 1,000 x 64,000 / 175,000 = 365.714 (0.43p left over); x 111,000 / 175,000 = 634.286 (0.57p): the penny
        ("population", "365.71", "634.29"),
        # 1,000 x 3/8 = 375; x 5/8 = 625
        ("baseline", "375.00", "625.00"),
        ("agreed", "400.00", "600.00"),
    ],
)
def test_each_way_of_splitting_set_up_costs(method, adur, worthing):
    result = model(replace(PAIR, setup_split=method))
    assert [p.setup_costs[0] for p in result.partners] == [D(adur), D(worthing)]


@pytest.mark.parametrize(
    "partners,method,of,message",
    [
        (
            (replace(ADUR, agreed_setup_percent=D("35")), WORTHING),
            "agreed",
            SETUP,
            "The agreed percentages of set-up costs add up to 95%; they must add up to 100%.",
        ),
        (
            (ADUR, replace(WORTHING, agreed_savings_percent=D("54.9"))),
            "agreed",
            "savings",
            "The agreed percentages of savings add up to 99.9%; they must add up to 100%.",
        ),
        (
            (ADUR, replace(WORTHING, agreed_savings_percent=None)),
            "agreed",
            "savings",
            "Give the agreed percentage of savings for Worthing.",
        ),
        (
            (ADUR, replace(WORTHING, population=None)),
            "population",
            SETUP,
            "Give the population of Worthing: set-up costs are split by population.",
        ),
        (
            (replace(ADUR, population=0), WORTHING),
            "population",
            "savings",
            "The population of Adur is 0, so savings cannot be split by population.",
        ),
        (
            (replace(ADUR, baseline=D("0")), WORTHING),
            "baseline",
            SETUP,
            "The baseline cost of Adur is £0, so set-up costs cannot be split by share of baseline cost.",
        ),
        ((ADUR, WORTHING), "size", SETUP, "‘size’ is not a way to split set-up costs."),
    ],
)
def test_weights_that_cannot_be_worked_out(partners, method, of, message):
    with pytest.raises(ModelError) as raised:
        weights(replace(PAIR, partners=partners), method, of)
    assert raised.value.problems == [message]
    assert str(raised.value) == message


def test_the_transition_fund_by_population_in_the_model():
    # East Lindsey and South Holland: £4.65 million, 63% and 37% (by population)
    inputs = Inputs(
        partners=(Partner("East Lindsey", D("1"), population=630), Partner("South Holland", D("1"), population=370)),
        setup_costs={("process", 0): D("4650000")},
        setup_split="population",
    )
    result = model(inputs)
    assert [p.setup_costs[0] for p in result.partners] == [D("2929500.00"), D("1720500.00")]
    assert result.combined.setup_costs[0] == D("4650000.00")


# Whole cases.


def test_south_oxfordshire_and_vale_of_white_horse_waste():
    """The LGA guide: one-off costs of £40,000 (redundancy) and £4,500,000 (bins) against a full-year
    net saving of £1,374,930, recouped "within a little over 3 years"."""
    inputs = Inputs(
        partners=(Partner("South Oxfordshire", D("1")), Partner("Vale of White Horse", D("1"))),
        setup_costs={("redundancy", 0): D("40000"), ("other", 0): D("4500000")},
        savings=each_year("1374930", source="other"),
    )
    result = model(inputs).combined
    # net: 1,374,930 - 4,540,000 = -3,165,070 in year 0, then 1,374,930 a year
    assert result.net_savings == money("-3165070.00", "1374930.00", "1374930.00", "1374930.00", "1374930.00")
    # cumulative: -3,165,070; -1,790,140; -415,210; +959,720; +2,334,650
    assert result.cumulative_net == money("-3165070.00", "-1790140.00", "-415210.00", "959720.00", "2334650.00")
    # it turns in year 3: 3 + 415,210 / 1,374,930 = 3.302, which is 4,540,000 / 1,374,930 = 3.302
    assert result.payback == D("3.30")
    # discounted: 1,374,930 / 1.035 = 1,328,434.78; / 1.071225 = 1,283,511.87;
    # / 1.108717875 = 1,240,108.08; / 1.147523000625 = 1,198,172.06
    assert result.discounted_net == money("-3165070.00", "1328434.78", "1283511.87", "1240108.08", "1198172.06")
    # NPV: -3,165,070 + 1,328,434.78 + 1,283,511.87 + 1,240,108.08 + 1,198,172.06 = 1,885,156.79
    assert result.npv == D("1885156.79")
    # discounted: -553,123.35 at the end of year 2, then 3 + 553,123.35 / 1,240,108.08 = 3.446
    assert result.discounted_payback == D("3.45")


def test_npv_of_a_small_case_by_hand():
    # cost 1,000 in year 0, savings 300 a year for 5 years, at 3.5%
    inputs = Inputs(partners=one(), setup_costs={("it", 0): D("1000")}, savings=each_year("300"))
    result = model(inputs)
    # 1/1.035 = 0.966184; 1/1.071225 = 0.933511; 1/1.108717875 = 0.901943; 1/1.147523000625 = 0.871442
    factors = [f.quantize(D("0.000001"), ROUND_HALF_UP) for f in result.discount_factors]
    assert factors == [D("1"), D("0.966184"), D("0.933511"), D("0.901943"), D("0.871442")]
    # net: 300 - 1,000 = -700, then 300; discounted: 300 x 0.966184 = 289.86 (289.855),
    # 300 x 0.933511 = 280.05, 300 x 0.901943 = 270.58, 300 x 0.871442 = 261.43
    assert result.combined.discounted_net == money("-700.00", "289.86", "280.05", "270.58", "261.43")
    # -700 + 289.86 + 280.05 + 270.58 + 261.43 = 401.92
    assert result.combined.npv == D("401.92")
    assert result.combined.cumulative_discounted_net == money("-700.00", "-410.14", "-130.09", "140.49", "401.92")
    assert result.years == (0, 1, 2, 3, 4)


def test_npv_at_a_zero_discount_rate_is_the_total_net_saving():
    inputs = Inputs(partners=one(), setup_costs={("it", 0): D("1000")}, savings=each_year("300"), discount_rate=D("0"))
    result = model(inputs).combined
    # -1,000 + 5 x 300 = 500
    assert result.npv == D("500.00")
    assert result.payback == result.discounted_payback == D("3.33")  # 3 + 100 / 300


@pytest.mark.parametrize(
    "setup_costs,savings,payback,discounted_payback",
    [
        # ramp-up: net -10,000; 2,000; 4,000; 6,000; 6,000. Cumulative -10,000; -8,000; -4,000; +2,000:
        # 3 + 4,000 / 6,000 = 3.667. Discounted: 2,000 / 1.035 = 1,932.37; 4,000 / 1.071225 = 3,734.04;
        # 6,000 / 1.108717875 = 5,411.66; cumulative -4,333.59 after year 2: 3 + 4,333.59 / 5,411.66 = 3.801
        ({("it", 0): "10000"}, ["0", "2000", "4000", "6000", "6000"], "3.67", "3.80"),
        # never within the period: cumulative -9,000 ... -5,000
        ({("it", 0): "10000"}, ["1000"] * 5, None, None),
        # exactly at a year boundary: cumulative -500, 0: 1 + 500 / 500 = 2.
        # Discounted: 500 / 1.035 = 483.09, 500 / 1.071225 = 466.76; -500 + 483.09 = -16.91: 2 + 16.91 / 466.76 = 2.036
        ({("it", 0): "1000"}, ["500"] * 5, "2.00", "2.04"),
        # turning only in the last year: cumulative -3,500; -2,500; -1,500; -500; +500: 4 + 500 / 1,000 = 4.5.
        # Discounted: -3,500 + 966.18 + 933.51 + 901.94 = -698.37; 4 + 698.37 / 871.44 = 4.801
        ({("it", 0): "4500"}, ["1000"] * 5, "4.50", "4.80"),
        # no costs at all, or a first year that already saves more than it costs: never negative
        ({}, ["100"] * 5, "0.00", "0.00"),
        ({("it", 0): "100"}, ["300"] * 5, "0.00", "0.00"),
        ({}, ["0"] * 5, "0.00", "0.00"),
        # a later cost makes it negative again, and the later turn counts: net -300, 700, 700, -1,300, 700;
        # cumulative -300, 400, 1,100, -200, 500: 4 + 200 / 700 = 4.286 (not 1 + 300 / 700).
        # Discounted: -300, 676.33, 653.46, -1,300 / 1.108717875 = -1,172.53, 700 / 1.147523000625 = 610.01;
        # cumulative -142.74 after year 3: 4 + 142.74 / 610.01 = 4.234
        ({("it", 0): "1000", ("contract-exit", 3): "2000"}, ["700"] * 5, "4.29", "4.23"),
        # measured from the start of year 0, even when year 0 saves: net 500, -700, 500: cumulative 500, -200, 300:
        # 2 + 200 / 500 = 2.4. Discounted: 500, -676.33, 466.76: cumulative -176.33, 2 + 176.33 / 466.76 = 2.378
        ({("redundancy", 1): "1200"}, ["500"] * 5, "2.40", "2.38"),
    ],
)
def test_payback(setup_costs, savings, payback, discounted_payback):
    inputs = Inputs(
        partners=one(),
        setup_costs={key: D(amount) for key, amount in setup_costs.items()},
        savings={("staff", year): D(amount) for year, amount in enumerate(savings)},
    )
    result = model(inputs).combined
    assert result.payback == (None if payback is None else D(payback))
    assert result.discounted_payback == (None if discounted_payback is None else D(discounted_payback))


def test_income_counts_as_a_saving():
    # cost 1,000; staff savings 300 and income 200 a year: gross 500 a year; cumulative -500, 0: payback 2
    inputs = Inputs(
        partners=one(),
        setup_costs={("it", 0): D("1000")},
        savings=each_year("300"),
        income={year: D("200") for year in range(5)},
    )
    result = model(inputs)
    assert result.savings == money("300.00", "300.00", "300.00", "300.00", "300.00")
    assert result.income == money("200.00", "200.00", "200.00", "200.00", "200.00")
    assert result.combined.gross_savings == money("500.00", "500.00", "500.00", "500.00", "500.00")
    assert result.combined.payback == D("2.00")
    # totals: gross 5 x 500 = 2,500; costs 1,000; net 1,500
    assert (result.combined.total_gross_savings, result.combined.total_setup_costs) == (D("2500.00"), D("1000.00"))
    assert result.combined.total_net_savings == D("1500.00")


# Optimism bias.


@pytest.mark.parametrize(
    "setup_costs,bias,before,after",
    [
        # 1,000 x 1.24 = 1,240
        ({("it", 0): "1000"}, "0.24", "1000.00", "1240.00"),
        # 333.33 x 1.51 = 503.3283
        ({("it", 0): "333.33"}, "0.51", "333.33", "503.33"),
        # 1,000 x (1 + 2) = 3,000
        ({("it", 0): "1000"}, "2", "1000.00", "3000.00"),
        ({("it", 0): "1000"}, "0", "1000.00", "1000.00"),
        # the year's total is uplifted, then rounded: (0.01 + 0.01) x 1.25 = 0.025 -> 0.03 (each line alone: 0.01)
        ({("it", 0): "0.01", ("redundancy", 0): "0.01"}, "0.25", "0.02", "0.03"),
    ],
)
def test_optimism_bias_uplifts_set_up_costs(setup_costs, bias, before, after):
    inputs = Inputs(
        partners=one(), setup_costs={key: D(amount) for key, amount in setup_costs.items()}, optimism_bias=D(bias)
    )
    result = model(inputs)
    assert result.setup_costs_before_bias[0] == D(before)
    assert result.combined.setup_costs[0] == D(after)


def test_optimism_bias_delays_payback():
    inputs = Inputs(partners=one(), setup_costs={("it", 0): D("1000")}, savings=each_year("400"))
    # without: cumulative -600, -200, +200: 2 + 200 / 400 = 2.5
    assert model(inputs).combined.payback == D("2.50")
    # with 24%: 1,240; cumulative -840, -440, -40, +360: 3 + 40 / 400 = 3.1.
    # Discounted: -840 + 386.47 + 373.40 = -80.13; 400 / 1.108717875 = 360.78: 3 + 80.13 / 360.78 = 3.222
    biased = model(replace(inputs, optimism_bias=D("0.24"))).combined
    assert (biased.payback, biased.discounted_payback) == (D("3.10"), D("3.22"))


def test_optimism_bias_upper_bounds_as_guidance():
    assert [(b.label, b.percent, b.applies_to, b.year) for b in OPTIMISM_BIAS_UPPER_BOUNDS] == [
        ("Standard buildings", D("24"), "capital costs", "2002"),
        ("Non-standard buildings", D("51"), "capital costs", "2002"),
        ("Equipment and development", D("200"), "capital costs", "2002"),
        ("Outsourcing", D("41"), "operating costs", "2002"),
    ]
    assert all("Mott MacDonald" in b.source and "HM Treasury" in b.source for b in OPTIMISM_BIAS_UPPER_BOUNDS)
    assert OPTIMISM_BIAS_UPPER_BOUNDS[0].fraction == D("0.24")


# The savings test.

EAST_KENT = (Partner("Canterbury", D("5000000")), Partner("Dover", D("4000000")), Partner("Thanet", D("3000000")))


@pytest.mark.parametrize(
    "changes,met,year,saving,target",
    [
        # combined baseline 5m + 4m + 3m = 12m; 10% = 1,200,000; year 2 saves exactly that
        ({}, True, 2, "1200000.00", "1200000.00"),
        ({"savings": {("staff", 1): D("600000"), ("staff", 2): D("1199999.99")}}, False, 2, "1199999.99", "1200000.00"),
        # the test year's set-up costs count against it: 1,200,000 - 0.01
        ({"setup_costs": {("other", 2): D("0.01")}}, False, 2, "1199999.99", "1200000.00"),
        # income counts: 1,100,000 + 100,000
        (
            {"savings": {("staff", 2): D("1100000")}, "income": {2: D("100000")}},
            True,
            2,
            "1200000.00",
            "1200000.00",
        ),
        # a year earlier: 600,000 < 1,200,000
        ({"threshold_year": 1}, False, 1, "600000.00", "1200000.00"),
        # 5% of 12m = 600,000 by year 1
        ({"threshold_year": 1, "threshold_percent": D("5")}, True, 1, "600000.00", "600000.00"),
        # savings only from year 3: nothing in year 2
        ({"savings": {("staff", 3): D("2000000")}}, False, 2, "0.00", "1200000.00"),
        # a later year's saving does not count: year 2 saves 1,000,000 < 1,200,000, year 3 2,000,000
        (
            {"savings": {("staff", 2): D("1000000"), ("staff", 3): D("2000000")}},
            False,
            2,
            "1000000.00",
            "1200000.00",
        ),
        # 10% of 1,234,567.89 = 123,456.789 -> 123,456.79
        (
            {"partners": (Partner("Solo", D("1234567.89")),), "savings": {("staff", 2): D("123456.79")}},
            True,
            2,
            "123456.79",
            "123456.79",
        ),
    ],
)
def test_savings_threshold(changes, met, year, saving, target):
    inputs = replace(
        Inputs(partners=EAST_KENT, savings={("staff", 1): D("600000"), ("staff", 2): D("1200000")}), **changes
    )
    test = model(inputs).threshold
    assert (test.met, test.year, test.saving, test.target) == (met, year, D(saving), D(target))
    assert test.percent == inputs.threshold_percent


def test_the_savings_test_reports_the_combined_baseline():
    test = model(Inputs(partners=EAST_KENT)).threshold
    assert (test.baseline, test.percent, test.year) == (D("12000000.00"), D("10"), 2)


# Partners' shares.


def test_partners_shares_add_up_to_the_combined_figures():
    inputs = Inputs(
        partners=(
            Partner("Adur", D("600000"), population=630),
            Partner("Worthing", D("400000"), population=370),
        ),
        years=3,
        setup_costs={("it", 0): D("1000.01")},
        savings=each_year("1000", years=3),
        setup_split="equal",
        savings_split="population",
    )
    result = model(inputs)
    adur, worthing = result.partners
    assert (adur.name, worthing.name, result.combined.name) == ("Adur", "Worthing", COMBINED)
    # set-up costs 1,000.01 equally: 500.005 each, the spare penny to the first (a tie)
    assert (adur.setup_costs, worthing.setup_costs) == (money("500.01", "0", "0"), money("500.00", "0", "0"))
    # savings by population: 1,000 x 63% = 630, x 37% = 370
    assert (adur.gross_savings, worthing.gross_savings) == (money("630", "630", "630"), money("370", "370", "370"))
    # net: 630 - 500.01 = 129.99; 370 - 500.00 = -130.00
    assert adur.net_savings == money("129.99", "630.00", "630.00")
    assert worthing.net_savings == money("-130.00", "370.00", "370.00")
    assert adur.cumulative_net == money("129.99", "759.99", "1389.99")
    assert worthing.cumulative_net == money("-130.00", "240.00", "610.00")
    # combined: 1,000 / 1.035 = 966.18 (966.1836); 1,000 / 1.071225 = 933.51 (933.5107)
    assert result.combined.discounted_net == money("-0.01", "966.18", "933.51")
    # year 1: 630 / 1.035 = 608.6957, 370 / 1.035 = 357.4879; rounded down 608.69 + 357.48 = 966.17,
    # the spare penny to Worthing (0.79p left over against 0.57p). Rounded alone they would make 966.19.
    # year 2: 630 / 1.071225 = 588.1117, 370 / 1.071225 = 345.3990: 588.11 + 345.39 = 933.50, the penny to Worthing
    assert adur.discounted_net == money("129.99", "608.69", "588.11")
    assert worthing.discounted_net == money("-130.00", "357.49", "345.40")
    # NPV: -0.01 + 966.18 + 933.51 = 1,899.68 = (129.99 + 608.69 + 588.11 = 1,326.79) + (-130 + 357.49 + 345.40 = 572.89)
    assert (result.combined.npv, adur.npv, worthing.npv) == (D("1899.68"), D("1326.79"), D("572.89"))
    # paybacks: Adur never negative; Worthing 1 + 130 / 370 = 1.351, discounted 1 + 130 / 357.49 = 1.364;
    # combined 1 + 0.01 / 1,000 = 1.00001
    assert (adur.payback, adur.discounted_payback) == (D("0.00"), D("0.00"))
    assert (worthing.payback, worthing.discounted_payback) == (D("1.35"), D("1.36"))
    assert (result.combined.payback, result.combined.discounted_payback) == (D("1.00"), D("1.00"))
    assert result.setup_weights == (D(1), D(1))
    assert result.savings_weights == (D(630), D(370))
    for year in result.years:
        for figure in ("gross_savings", "setup_costs", "net_savings", "cumulative_net", "discounted_net"):
            assert (
                getattr(adur, figure)[year] + getattr(worthing, figure)[year] == getattr(result.combined, figure)[year]
            )


def test_discounted_shares_are_rounded_to_add_up():
    # 3.00 saved in year 1, shared equally: each 1.00 / 1.035 = 0.9662, which alone rounds to 0.97 (2.91 in all),
    # but combined 3.00 / 1.035 = 2.8986 -> 2.90: rounded down 0.96 x 3 = 2.88, the 2 spare pennies to the first two
    inputs = Inputs(
        partners=(Partner("A", D("1")), Partner("B", D("1")), Partner("C", D("1"))),
        years=2,
        savings={("staff", 1): D("3")},
        threshold_year=1,
    )
    result = model(inputs)
    assert result.combined.discounted_net[1] == D("2.90")
    assert [p.discounted_net[1] for p in result.partners] == [D("0.97"), D("0.97"), D("0.96")]
    assert [p.npv for p in result.partners] == [D("0.97"), D("0.97"), D("0.96")]


def test_one_partner_has_the_combined_figures():
    inputs = Inputs(partners=one(), setup_costs={("it", 0): D("1000")}, savings=each_year("300"))
    result = model(inputs)
    assert result.partners == (replace(result.combined, name="Solo"),)


def test_nothing_to_model():
    # no savings, no costs, no income: every figure is zero, and nothing needs paying back
    result = model(Inputs(partners=one("1000")))
    zeros = money("0.00", "0.00", "0.00", "0.00", "0.00")
    combined = result.combined
    assert (combined.gross_savings, combined.setup_costs, combined.net_savings, combined.discounted_net) == (
        zeros,
        zeros,
        zeros,
        zeros,
    )
    assert (combined.npv, combined.payback, combined.discounted_payback) == (D("0.00"), D("0.00"), D("0.00"))
    # 10% of 1,000 = 100 is not saved
    assert (result.threshold.met, result.threshold.saving, result.threshold.target) == (False, D("0.00"), D("100.00"))


def test_a_one_year_appraisal():
    inputs = Inputs(partners=one(), years=1, savings={("staff", 0): D("50")}, threshold_year=0)
    result = model(inputs)
    assert result.years == (0,)
    assert result.discount_factors == (D(1),)
    assert (result.combined.npv, result.combined.payback) == (D("50.00"), D("0.00"))
    # 10% of 1,000,000 = 100,000
    assert (result.threshold.met, result.threshold.target) == (False, D("100000.00"))


# Bad inputs.

VALID = Inputs(
    partners=(ADUR, WORTHING),
    setup_costs={("redundancy", 0): D("40000"), ("it", 1): D("10000")},
    savings={("staff", 1): D("50000"), ("procurement", 2): D("20000")},
    income={3: D("1000")},
)
PERIOD = "the appraisal period of 5 years (years 0 to 4)"


@pytest.mark.parametrize(
    "changes,problems",
    [
        ({}, []),
        # the edges of every range are allowed
        ({"years": 10, "discount_rate": D("0.20"), "optimism_bias": D("2"), "threshold_percent": D("100")}, []),
        ({"years": 1, "setup_costs": {}, "savings": {}, "income": {}, "threshold_year": 0}, []),
        ({"discount_rate": D("0"), "optimism_bias": D("0"), "threshold_percent": D("0"), "threshold_year": 4}, []),
        ({"partners": (ADUR,)}, []),
        ({"partners": ()}, ["Add at least one partner."]),
        ({"partners": (replace(ADUR, baseline=D("-1")), WORTHING)}, ["The baseline cost of Adur cannot be negative."]),
        (
            {"partners": (replace(ADUR, baseline=1.5), WORTHING)},
            ["The baseline cost of Adur must be an amount of money."],
        ),
        ({"partners": (ADUR, replace(WORTHING, population=-5))}, ["The population of Worthing cannot be negative."]),
        ({"years": 0}, ["The appraisal period is 0 years; it must be from 1 to 10 years."]),
        ({"years": 11}, ["The appraisal period is 11 years; it must be from 1 to 10 years."]),
        ({"years": "5"}, ["The appraisal period must be a whole number of years from 1 to 10."]),
        ({"setup_costs": {("it", 0): D("-1")}}, ["Set-up costs for IT in year 0 cannot be negative."]),
        ({"setup_costs": {("it", 0): 99.99}}, ["Set-up costs for IT in year 0 must be an amount of money."]),
        (
            {"setup_costs": {("redundancy", 5): D("100")}},
            [f"Set-up costs for redundancy are given for year 5, outside {PERIOD}."],
        ),
        ({"setup_costs": {("bins", 0): D("100")}}, ["‘bins’ is not a set-up cost category."]),
        ({"savings": {("procurement", 1): D("-0.01")}}, ["Savings from procurement in year 1 cannot be negative."]),
        ({"savings": {("staff", -1): D("10")}}, [f"Savings from staff are given for year -1, outside {PERIOD}."]),
        ({"savings": {("shared", 1): D("10")}}, ["‘shared’ is not a source of savings."]),
        ({"income": {2: D("-10")}}, ["Income in year 2 cannot be negative."]),
        ({"income": {7: D("10")}}, [f"Income is given for year 7, outside {PERIOD}."]),
        ({"discount_rate": D("0.25")}, ["The discount rate is 25%; it must be from 0% to 20%."]),
        ({"discount_rate": D("-0.01")}, ["The discount rate is -1%; it must be from 0% to 20%."]),
        ({"discount_rate": 0.035}, ["The discount rate must be a number from 0% to 20%."]),
        ({"optimism_bias": D("2.5")}, ["The optimism bias is 250%; it must be from 0% to 200%."]),
        ({"optimism_bias": D("-0.1")}, ["The optimism bias is -10%; it must be from 0% to 200%."]),
        ({"threshold_percent": D("120")}, ["The savings test percentage is 120%; it must be from 0% to 100%."]),
        ({"threshold_year": 5}, [f"The savings test is for year 5, outside {PERIOD}."]),
        (
            {"years": 1, "setup_costs": {}, "savings": {}, "income": {}},
            ["The savings test is for year 2, outside the appraisal period of 1 year (year 0)."],
        ),
        (
            {"setup_split": "agreed", "partners": (replace(ADUR, agreed_setup_percent=D("35")), WORTHING)},
            ["The agreed percentages of set-up costs add up to 95%; they must add up to 100%."],
        ),
        (
            {"savings_split": "agreed", "partners": (ADUR, replace(WORTHING, agreed_savings_percent=None))},
            ["Give the agreed percentage of savings for Worthing."],
        ),
        (
            {"savings_split": "agreed", "partners": (ADUR, replace(WORTHING, agreed_savings_percent=D("-55")))},
            [
                "The agreed percentage of savings for Worthing cannot be negative.",
                "The agreed percentages of savings add up to -10%; they must add up to 100%.",
            ],
        ),
        # agreed percentages that are not used are not checked
        ({"partners": (replace(ADUR, agreed_setup_percent=D("35")), WORTHING)}, []),
        (
            {
                "setup_split": "population",
                "savings_split": "population",
                "partners": (ADUR, replace(WORTHING, population=None)),
            },
            ["Give the population of Worthing: set-up costs and savings are split by population."],
        ),
        (
            {"savings_split": "baseline", "partners": (ADUR, replace(WORTHING, baseline=D("0")))},
            ["The baseline cost of Worthing is £0, so savings cannot be split by share of baseline cost."],
        ),
        ({"savings_split": "size"}, ["‘size’ is not a way to split savings."]),
        # every problem at once, in the order of the form
        (
            {
                "partners": (replace(ADUR, baseline=D("-1")), WORTHING),
                "setup_costs": {("it", 9): D("-5")},
                "discount_rate": D("0.5"),
                "threshold_year": 6,
            },
            [
                "The baseline cost of Adur cannot be negative.",
                f"Set-up costs for IT are given for year 9, outside {PERIOD}.",
                "Set-up costs for IT in year 9 cannot be negative.",
                "The discount rate is 50%; it must be from 0% to 20%.",
                f"The savings test is for year 6, outside {PERIOD}.",
            ],
        ),
    ],
)
def test_validate(changes, problems):
    assert validate(replace(VALID, **changes)) == problems


def test_the_model_refuses_bad_inputs_with_every_problem():
    with pytest.raises(ModelError) as raised:
        model(replace(VALID, years=12, discount_rate=D("0.3")))
    assert raised.value.problems == [
        "The appraisal period is 12 years; it must be from 1 to 10 years.",
        "The discount rate is 30%; it must be from 0% to 20%.",
    ]
