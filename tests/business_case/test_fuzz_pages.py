"""A business case's pages of rows and its sign-off form posted anything, with Hypothesis
(tests/fuzzing.py): the options, plan, risks and gate, and the financial model's tables (partner
figures and the assumptions, set-up costs, savings), with row counts and the formsets' management
fields tampered with. Never a server error, and after every post each stored row is valid."""

import re

from hypothesis import example, given
from hypothesis import strategies as st

from tests.fuzzing import FUZZ, as_shown, fields_of, no_server_error, posts, rolled_back, text
from tests.wizard_helpers import PREFIX, section_url
from toolkit.answers import AnswerSheet
from toolkit.business_case import signoff
from toolkit.forms import MONEY_LIMIT
from toolkit import models

PAGES = ["options", "project-plan", "risks", "dont-proceed-without", "partner-figures", "setup-costs", "savings"]
ROWS = [
    models.CaseOption, models.Milestone, models.Risk, models.GateItem, models.FinancialSettings, models.PartnerFigures,
    models.SetUpCost, models.SavingEstimate, models.IncomeEstimate,
]
TEXTS = {"name": 200, "description": 300, "owner": 120, "mitigation": 3000, "evidence": 3000}


def money():
    amounts = st.decimals(0, MONEY_LIMIT, places=2)
    return st.builds(lambda amount, shown: shown.format(amount), amounts, st.sampled_from(["{}", "£{:,}", "{:,.2f}"]))


def percent(high):
    return st.decimals(0, high, places=2).map(str)


# Field name endings -> what a person might type there.
SENSIBLE = [
    (r"-(amount|baseline|staff|procurement|it|accommodation|other|income)$", money()),
    (r"-population$", st.integers(0, 100_000_000).map(str) | st.just("")),
    (r"-years$", st.integers(1, 10).map(str)),
    (r"-threshold_year$", st.integers(0, 9).map(str)),
    (r"-discount_rate$", percent(20)),
    (r"-(threshold_percent|agreed_setup_percent|agreed_savings_percent)$", percent(100)),
    (r"-optimism_bias$", percent(200)),
    (r"_day$", st.integers(1, 28).map(str)),
    (r"_month$", st.integers(1, 12).map(str)),
    (r"_year$", st.integers(2000, 2100).map(str)),
    (r"-TOTAL_FORMS$", st.integers(0, 6).map(str)),
    (rf"-({'|'.join(TEXTS)})$", st.just("") | text(40)),
    # The buttons, and a "Remove" of any row, up to one of more digits than int() will read.
    (r"^action$", st.sampled_from(["continue", "later", "add"]) | st.integers(0, 6).map("remove-{}".format)
     | st.integers(1, 5000).map(lambda digits: "remove-" + "9" * digits)),
]


def sensible(fields) -> dict:
    valid = {}
    for name in fields:
        found = [strategy for pattern, strategy in SENSIBLE if re.search(pattern, name)]
        if found:
            valid[name] = found[0]
    return valid


def with_more_rows(fields, rows=5) -> dict:
    """The page's fields, with those of its first row repeated for rows up to ``rows``, so a post
    that says it has more rows can fill them in."""
    more = dict(fields)
    for name, offered in fields.items():
        found = re.match(r"^(.*-rows-)0(-.*)$", name)
        for index in range(1, rows) if found else []:
            more.setdefault(f"{found[1]}{index}{found[2]}", offered)
    return more


def problems(case) -> list:
    """Every stored row of the business case that is not valid, as (row, what is wrong)."""
    found = []
    for model in ROWS:
        rows = list(model.objects.filter(assessment=case))
        for row in rows:
            try:
                row.clean_fields(exclude=["assessment", "council", "updated_by"])
            except Exception as error:  # noqa: BLE001 (reported, not raised)
                found.append((row, str(error)))
            for name, limit in TEXTS.items():
                value = getattr(row, name, None)
                if isinstance(value, str) and (len(value) > limit or "\x00" in value or value != value.strip()):
                    found.append((row, name))
            for name in ("amount", "baseline"):
                value = getattr(row, name, None)
                if value is not None and not (0 <= value <= MONEY_LIMIT):
                    found.append((row, name))
        if hasattr(model, "position") and sorted(r.position for r in rows) != list(range(len(rows))):
            found.append((model.__name__, "positions"))
    settings = models.FinancialSettings.objects.filter(assessment=case).first()
    if settings and not (settings.threshold_year < settings.years and 0 <= settings.discount_rate <= 20 and 0 <= settings.optimism_bias <= 200):
        found.append((settings, "assumptions"))
    if models.CaseOption.objects.filter(assessment=case, preferred=True).count() > 1:
        found.append(("options", "more than one preferred"))
    if models.SetUpCost.objects.filter(assessment=case, year__gte=10).exists():
        found.append(("set-up costs", "a year after any appraisal period"))
    if models.SavingEstimate.objects.filter(assessment=case, amount__lte=0).exists():
        found.append(("savings", "an amount of nothing kept"))
    members = set(case.partnership.councils.values_list("pk", flat=True))
    if not set(models.PartnerFigures.objects.filter(assessment=case).values_list("council", flat=True)) <= members:
        found.append(("figures", "a council not in the partnership"))
    return found


def test_every_page_of_rows_takes_any_post(client, officer, complete_case):
    client.force_login(officer)
    pages, shown = {}, {}
    for slug in PAGES:
        shown[slug] = fields_of(client.get(section_url(complete_case, slug)))
        fields = with_more_rows(shown[slug])
        pages[slug] = posts(fields, valid=sensible(fields), keep={f"{PREFIX}-current_step"})

    @FUZZ
    # "Remove" of a row numbered with more digits than int() reads: a server error.
    @example(("options", as_shown(shown["options"], action="remove-" + "9" * 5000)))
    @given(st.sampled_from(PAGES).flatmap(lambda slug: st.tuples(st.just(slug), pages[slug])))
    def post(page):
        slug, data = page
        with rolled_back():
            no_server_error(client.post(section_url(complete_case, slug), data))
            assert problems(complete_case) == []
            assert models.Assessment.objects.get(pk=complete_case.pk).status == "in_progress"  # a page post never submits

    post()


def test_the_sign_off_form_takes_any_post(client, manager, merton, ready_case):
    client.force_login(manager)
    url = f"/assessments/{ready_case.pk}/sign-off/"
    fields = fields_of(client.get(url))
    valid = {"name": st.just("") | text(130), "capacity": st.just("") | text(130), "confirm": st.sampled_from(["on", ""])}
    content = signoff.fingerprint(signoff.snapshot(AnswerSheet(ready_case)))

    @FUZZ
    @given(posts(fields, valid=valid))
    def post(data):
        with rolled_back():
            no_server_error(client.post(url, data))
            for made in models.SignOff.objects.filter(assessment=ready_case):
                made.clean_fields(exclude=["assessment", "council", "signed_by", "withdrawn_by"])
                assert (made.council, made.fingerprint, made.name == made.name.strip() != "") == (merton, content, True)
                assert made.capacity == made.capacity.strip() != "" and "\x00" not in made.name + made.capacity

    post()
