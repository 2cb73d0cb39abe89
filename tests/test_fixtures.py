"""The question bank and content in fixtures/ load and hang together."""

import dataclasses
import re
from collections import Counter
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models as db_models
from django.db.models import F

from toolkit.business_case import delivery, delivery_models
from toolkit.models import (
    CaseStudy,
    Council,
    ExpertContact,
    Guidance,
    KeyTool,
    Option,
    Question,
    Questionnaire,
    Reading,
    Section,
    Source,
    Step,
)

pytestmark = pytest.mark.django_db

MINIMUM_QUESTIONS = {"self": 41, "joint": 31, "design": 45}


def questions_of(step):
    return list(
        Question.objects.filter(section__questionnaire__step=step, section__questionnaire__status="published")
        .select_related("section", "show_when_question__section", "theme")
        .prefetch_related("options")
    )


@pytest.mark.parametrize("step", ["self", "joint", "design"])
def test_each_step_has_one_published_questionnaire_of_enough_questions(step):
    questionnaire = Questionnaire.objects.get(step=step, status="published")
    assert len(questions_of(step)) >= MINIMUM_QUESTIONS[step]
    assert questionnaire.nearly_threshold <= questionnaire.ready_threshold
    # every page that asks questions has at least one, so no wizard page is empty
    question_pages = questionnaire.sections.filter(kind=Section.Kind.QUESTIONS)
    assert all(section.questions.exists() for section in question_pages)
    if step != "design":
        # the business case's 20 pages are checked below; only it has pages of rows (tables)
        assert 6 <= questionnaire.sections.count() <= 10
        assert question_pages.count() == questionnaire.sections.count()


@pytest.mark.parametrize("step", ["self", "joint", "design"])
def test_questions_are_consistent(step):
    questions = questions_of(step)
    keys = Counter(q.key for q in questions)
    assert [k for k, n in keys.items() if n > 1] == []
    for q in questions:
        assert q.theme_id, q.key
        assert q.source in Source.values, q.key
        values = [o.value for o in q.options.all()]
        if q.is_choice:
            assert len(values) >= 2 and len(set(values)) == len(values), q.key
            assert all(0 <= o.score <= 100 for o in q.options.all()), q.key
        else:
            assert values == [] and q.weight == 0, q.key
        if q.is_gate:
            assert q.kind == "yes_no", q.key
        if q.show_when_question_id:
            other = q.show_when_question
            assert other.section.questionnaire_id == q.section.questionnaire_id, q.key
            assert (other.section.position, other.position) < (q.section.position, q.position), q.key
            assert set(q.show_when_values) <= {o.value for o in other.options.all()}, q.key


def test_self_assessment_opens_with_the_three_gate_questions():
    questions = questions_of("self")
    gates = [q for q in questions if q.is_gate]
    assert len(gates) == 3
    assert questions[:3] == gates
    assert [(o.value, o.score) for o in gates[0].options.all()] == [("yes", 100), ("no", 0)]


# ---------------------------------------------------------------------------------------------
# The business case (step 3): its pages in the Five Case Model order, written out by hand (issue 9).

DESIGN_SECTIONS = [
    # the strategic case
    ("vision-and-objectives", "Vision and objectives", "questions"),
    ("scope", "Scope", "questions"),
    ("case-for-change", "The case for change", "questions"),
    ("critical-success-factors", "Critical success factors", "questions"),
    # the economic case
    ("options", "Options shortlist", "options"),
    ("preferred-option", "The preferred option and why", "questions"),
    # the commercial case
    ("delivery-model", "Delivery model and legal basis", "questions"),
    ("procurement-and-contracts", "Procurement and contracts", "questions"),
    ("staff-transfer", "Staff transfer", "questions"),
    # the financial case
    ("partner-figures", "Each partner's figures and the assumptions", "partner-figures"),
    ("setup-costs", "Set-up costs", "setup-costs"),
    ("savings", "Savings and income", "savings"),
    # the management case
    ("governance", "Governance", "questions"),
    ("project-plan", "Project plan and milestones", "milestones"),
    ("risks", "Risks and contingency", "risks"),
    ("communications", "Communications plan", "questions"),
    ("measures-of-success", "Measures of success", "questions"),
    ("exit-strategy", "Exit strategy", "questions"),
    ("pace", "Pace: big bang or organic", "questions"),
    ("dont-proceed-without", "Don't proceed without", "gate"),
]

# The few questions a business case cannot do without.
DESIGN_REQUIRED = {
    "design-vision",
    "design-objectives",
    "joint-services-in",
    "design-case-for-change",
    "design-critical-success-factors",
    "design-preferred-option-reasons",
    "design-trading",
    "design-private-partner",
    "design-health-partner",
    "design-employer",
    "design-control",
    "design-delivery-model",
    "design-governance-structure",
    "design-pace",
}

# Questions of the first business-case outline whose content the table pages, the gate page and the
# partners' sign-off now hold: they must not come back as questions.
REMOVED_DESIGN_KEYS = {
    "design-options-appraisal",  # the options page
    "design-baseline-cost",  # each partner's figures
    "design-baseline-by-partner",
    "design-apportionment",
    "design-agreed-percentages",
    "design-apportionment-agreed",
    "design-savings-staff",  # savings and income
    "design-savings-procurement",
    "design-savings-accommodation",
    "design-savings-systems",
    "design-savings-percentage",
    "design-payback-months",
    "design-setup-costs",  # set-up costs
    "design-roadmap",  # project plan and milestones
    "design-risks",  # risks and contingency
    "design-staff-ownership",  # the five "don't proceed without" items: the gate page
    "design-setup-budget-signed-off",
    "design-communications-plan",
    "design-project-manager",
    "design-business-case-signed-off",  # the gate page and the partners' sign-off
}


def design_questionnaire():
    return Questionnaire.objects.get(step="design", status="published")


def test_the_business_case_has_the_pages_of_the_five_case_model_in_order():
    questionnaire = design_questionnaire()
    sections = list(questionnaire.sections.order_by("position"))
    assert [(s.slug, s.title, s.kind) for s in sections] == DESIGN_SECTIONS
    assert [s.position for s in sections] == list(range(1, len(DESIGN_SECTIONS) + 1))
    assert {s.kind for s in sections} <= set(Section.Kind.values)
    assert all(s.guidance and s.source in Source.values for s in sections)
    assert "Five Case Model" in questionnaire.introduction
    assert "owner, a date and evidence" in questionnaire.introduction


def test_the_business_cases_table_pages_have_no_questions_and_its_question_pages_several():
    for section in design_questionnaire().sections.all():
        count = section.questions.count()
        if section.kind == Section.Kind.QUESTIONS:
            assert 3 <= count <= 10, section.slug
        else:
            assert count == 0, section.slug


def test_design_questions_are_neither_scored_nor_compared():
    questions = questions_of("design")
    assert 45 <= len(questions) <= 60
    assert [q.key for q in questions if q.weight != 0] == []
    assert [q.key for q in questions if q.comparison != Question.Comparison.NONE] == []
    # the five "don't proceed without" items are the gate page's, with an owner, a date and evidence
    assert [q.key for q in questions if q.is_gate] == []
    assert {q.key for q in questions if q.required} == DESIGN_REQUIRED
    assert {q.key for q in questions} & REMOVED_DESIGN_KEYS == set()
    # every key is the step's own, but the one shared with the joint assessment on purpose
    assert [q.key for q in questions if not q.key.startswith("design-")] == ["joint-services-in"]


def test_design_asks_every_answer_the_delivery_model_recommendation_reads():
    questions = {q.key: q for q in questions_of("design")}
    # Each field of the Situation, but the number of partners (the partnership's members), and how it is
    # asked: the question's key and kind, and the option values the rules know.
    asked = {
        "trading": ("design-trading", "yes_no", ["yes", "no"]),
        "private_partner": ("design-private-partner", "yes_no", ["yes", "no"]),
        "health_partner": ("design-health-partner", "yes_no", ["yes", "no"]),
        "employer": ("design-employer", "single", list(delivery.EMPLOYERS)),
        "control": ("design-control", "single", list(delivery.CONTROLS)),
        # the pace question has no "undecided": the partners choose one before the business case is done
        "pace": ("design-pace", "single", [p for p in delivery.PACES if p != delivery.UNDECIDED]),
    }
    assert {f.name for f in dataclasses.fields(delivery.Situation)} - {"partners"} == set(asked)
    for key, kind, values in asked.values():
        question = questions[key]
        assert (question.kind, question.required) == (kind, True), key
        assert [o.value for o in question.options.all()] == values, key
    # the delivery-model page asks what the recommendation reads, then which model the partners choose
    page = [q.key for q in questions.values() if q.section.slug == "delivery-model"]
    assert page[:6] == [
        "design-trading",
        "design-private-partner",
        "design-health-partner",
        "design-employer",
        "design-control",
        "design-delivery-model",
    ]
    assert "design-delivery-model-reasons" in page
    assert questions["design-pace"].section.slug == "pace"
    chosen = [o.value for o in questions["design-delivery-model"].options.all()]
    assert chosen == [delivery_models.DESIGN_ANSWERS[model.key] for model in delivery_models.MODELS]


def test_the_business_case_scope_offers_the_joint_assessments_services_in_scope():
    design = {q.key: q for q in questions_of("design")}
    joint = {q.key: q for q in questions_of("joint")}
    mine, theirs = design["joint-services-in"], joint["joint-services-in"]
    assert mine.section.slug == "scope"
    assert mine.kind == theirs.kind == Question.Kind.MULTIPLE
    assert [(o.value, o.label) for o in mine.options.all()] == [(o.value, o.label) for o in theirs.options.all()]
    # the only key the business case shares with an earlier step
    self_keys = {q.key for q in questions_of("self")}
    assert set(design) & (set(joint) | self_keys) == {"joint-services-in"}


def test_guidance_lists_are_complete():
    counts = Counter(Guidance.objects.values_list("collection", flat=True))
    assert counts["10 top tips for managers"] == 10
    assert counts["Seek early advice on"] == 6
    assert counts["Don't proceed without"] == 5
    assert counts["Gateway lessons"] == 8
    assert counts["West Midlands key lessons"] == 10
    assert counts["Five things we have learned about collaborative working"] == 5
    assert counts["Critical success factors"] >= 4
    assert counts["Getting it right"] >= 5


def test_merton_experts_are_all_there_without_invented_contact_details():
    merton = ExpertContact.objects.filter(source=Source.MERTON)
    names = set(merton.values_list("name", flat=True))
    assert {
        "Paul Evans", "Fiona Thomsen", "Paul Phelan", "Kathryn Wittams-Smith", "Charles Baker", "Paul Foster",
        "John Hill", "Clive Cooke", "Richard Warren", "Alkesh Dudakia", "Bindi Lakhani", "Tom Bidwell",
        "Dawn Jolley",
    } <= names
    assert list(merton.exclude(email="", phone="").values_list("name", flat=True)) == []
    assert all(e.council and e.council.slug == "merton" for e in merton.select_related("council"))


def test_case_studies_reproduce_published_figures():
    assert CaseStudy.objects.count() >= 17
    assert CaseStudy.objects.filter(source=Source.LGA).count() >= 9
    assert CaseStudy.objects.filter(source=Source.IES).count() >= 8
    waste = CaseStudy.objects.get(savings__contains="1,374,930")
    assert "4,500,000" in waste.investment or "4.5" in waste.investment


@pytest.mark.parametrize("model", [Guidance, KeyTool, Reading, ExpertContact, CaseStudy])
def test_every_content_item_cites_a_source_and_a_step(model):
    assert model.objects.count() > 0
    assert list(model.objects.exclude(source__in=Source.values)) == []
    assert list(model.objects.filter(steps=None)) == []


def test_merton_key_tools_and_reading():
    tools = set(KeyTool.objects.filter(source=Source.MERTON).values_list("name", flat=True))
    assert len(tools) >= 3
    titles = " ".join(Reading.objects.values_list("title", flat=True))
    for words in ["Reaping the Benefits", "HR Know-how", "Making Sense of Change", "Sharing the Gain", "Shared Services handbook"]:
        assert words.lower() in titles.lower(), words


def test_steps_are_the_three_of_the_toolkit():
    assert list(Step.objects.values_list("code", "number")) == [("self", 1), ("joint", 2), ("design", 3)]


def test_options_belong_to_choice_questions_only():
    assert list(Option.objects.exclude(question__kind__in=[k.value for k in Question.CHOICE_KINDS])) == []


# ---------------------------------------------------------------------------------------------
# Checks that would have caught the mistakes of the first review of the fixtures. They need no
# source documents; the checks against the documents themselves are in test_fixture_sources.py.

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE = rf"(?:(?:{MONTHS})\s+)?\d{{4}}"
# Ways the fixtures name the Local Government Group's guide, 'Shared services and management: a
# guide for councils'. It is dated 2011 (the year its text reports events of early 2011).
GUIDE = r"(?:\bLGA guide|\bLocal Government Group(?:'s)? guide|\bthe guide|\ba guide for councils')"
GUIDE_DATES = [
    re.compile(GUIDE + rf"'?\s*[(,]\s*(?P<date>{DATE})\b", re.IGNORECASE),  # the LGA guide (2011)
    re.compile(rf"(?P<date>{DATE})\s+(?:LGA\s+|Local Government Group\s+)?guide\b", re.IGNORECASE),  # the 2011 guide
]


def text_fields(model):
    return [f.name for f in model._meta.get_fields() if isinstance(f, (db_models.CharField, db_models.TextField))]


def every_text():
    """(label, item, text) for every text field of every row the fixtures load."""
    for model in apps.get_app_config("toolkit").get_models():
        names = text_fields(model)
        for item in model.objects.all():
            for name in names:
                value = getattr(item, name)
                if value:
                    yield f"{model._meta.model_name} {item.pk} {name}", item, value


def guide_dates(text):
    return [m.group("date") for pattern in GUIDE_DATES for m in pattern.finditer(text)]


def test_the_lga_guide_is_dated_2011_without_a_month_wherever_it_is_dated():
    wrong = [(label, date) for label, _, text in every_text() for date in guide_dates(text) if date != "2011"]
    assert wrong == []


def test_texts_that_date_the_lga_guide_cite_it():
    wrong = [
        label
        for label, item, text in every_text()
        if guide_dates(text) and getattr(item, "source", Source.LGA) != Source.LGA
    ]
    assert wrong == []


def test_the_guide_date_pattern_finds_each_form_it_is_written_in():
    assert guide_dates("The 2010 guide pointed to") == ["2010"]
    assert guide_dates("the LGA guide (March 2011) describes") == ["March 2011"]
    assert guide_dates("'Shared services and management: a guide for councils' (March 2011)") == ["March 2011"]
    assert guide_dates("(quoted in the LGA guide, 2011)") == ["2011"]
    assert guide_dates("(OGC, 2008, quoted in the LGA guide)") == []


REASSURING = re.compile(
    r"not a bar|not a barrier|not a problem|not a reason to stop|need not stop|is fine|is acceptable|timing risk",
    re.IGNORECASE,
)
ANSWER_NAMED = re.compile(r"\b(?:answering|answer|a|an)\s+['‘\"]?(yes|no|partly)\b", re.IGNORECASE)


def test_no_hint_calls_an_answer_harmless_while_it_scores_as_a_gap():
    """A scored answer below 50 is listed as a gap, so its hint must not say it is no bar."""
    wrong = []
    for q in Question.objects.filter(weight__gt=0).prefetch_related("options"):
        scores = {o.value: o.score for o in q.options.all()}
        for sentence in re.split(r"(?<=[.;:])\s+", q.hint):
            if REASSURING.search(sentence):
                for value in ANSWER_NAMED.findall(sentence):
                    if scores.get(value.lower(), 100) < 50:
                        wrong.append((q.key, value, sentence))
    assert wrong == []


def test_a_follow_up_for_yes_or_no_also_follows_partly_when_partly_is_an_answer():
    """"Partly" is between "Yes" and "No", so a follow-up asked for either is asked for it too."""
    wrong = []
    for q in Question.objects.exclude(show_when_question=None).select_related("show_when_question"):
        values = set(q.show_when_values)
        partly_is_an_answer = q.show_when_question.options.filter(value="partly").exists()
        if partly_is_an_answer and values & {"yes", "no"} and "partly" not in values:
            wrong.append(q.key)
    assert wrong == []


SOFT_ON_NO = re.compile(
    r"if not, you may|rather than lead|not a bar|not a problem|not a reason to stop|is fine|\bacceptable\b|no need to",
    re.IGNORECASE,
)


def test_gate_questions_hints_do_not_say_a_no_is_acceptable():
    """A 'No' to a gate question caps the verdict, so its hint must not present a 'No' as fine."""
    gates = Question.objects.filter(is_gate=True)
    assert gates.count() >= 3  # the self assessment's three; the design step's five items are its gate page
    assert [q.key for q in gates if SOFT_ON_NO.search(q.hint)] == []


def test_relocating_staff_is_not_scored_where_the_section_says_shared_services_work_across_sites():
    wrong = [
        q.key
        for q in Question.objects.filter(weight__gt=0).select_related("section")
        if "across sites" in q.section.guidance and re.search(r"\bstaff\b.*\bmov(?:e|ing)\b", q.text)
    ]
    assert wrong == []


def test_no_question_makes_the_business_case_sign_off_a_condition_of_its_own_readiness():
    wrong = [
        q.key
        for q in Question.objects.filter(section__questionnaire__step="design")
        if re.search(r"business case[^?]*\bsigned off\b", q.text, re.IGNORECASE)
        and "not ready for sign-off until" in q.hint
    ]
    assert wrong == []


def test_questions_belong_to_their_sections_questionnaire():
    assert list(Question.objects.exclude(questionnaire=F("section__questionnaire"))) == []


def test_every_contact_detail_says_when_it_was_published():
    with_details = ExpertContact.objects.exclude(email="", phone="")
    assert list(with_details.filter(contact_published=None)) == []
    # The LGA guide published its case-study contacts in 2011.
    assert set(with_details.filter(source=Source.LGA).values_list("contact_published", flat=True)) == {2011}


def test_the_five_case_model_and_green_book_are_cited_only_in_the_design_step():
    outside = Source.FIVE_CASE_MODEL, Source.GREEN_BOOK
    for model in [Guidance, KeyTool, Reading, ExpertContact, CaseStudy]:
        assert list(model.objects.filter(source__in=outside)) == []
    assert list(Section.objects.filter(source__in=outside).exclude(questionnaire__step="design")) == []
    assert list(Question.objects.filter(source__in=outside).exclude(section__questionnaire__step="design")) == []
    design = Questionnaire.objects.get(step="design", status="published")
    assert "Five Case Model" in design.introduction
    assert design.sections.filter(source=Source.FIVE_CASE_MODEL).exists()


FIVE_CASE_WORDS = re.compile(
    r"preferred option|business as usual|do-minimum|net present value|discount|optimism bias|short ?list|long list",
    re.IGNORECASE,
)


def test_wording_from_the_five_case_model_or_green_book_cites_them():
    wrong = [
        label
        for label, item, text in every_text()
        if FIVE_CASE_WORDS.search(text)
        and getattr(item, "source", None) not in (None, Source.FIVE_CASE_MODEL, Source.GREEN_BOOK)
    ]
    assert wrong == []


# The ONS 2011 Census usual resident populations (table KS101EW), written here independently of
# the fixtures.
CENSUS_2011 = {
    "merton": 199693,
    "sutton": 190146,
    "kingston": 160060,
    "richmond": 186990,
    "south-oxfordshire": 134257,
    "vale-of-white-horse": 120988,
    "stafford": 130869,
    "cannock-chase": 97462,
}


def test_council_populations_cite_their_source_and_census_figures_are_the_census():
    councils = Council.objects.exclude(population=None)
    assert list(councils.filter(population_source="")) == []
    census = {c.slug: c.population for c in councils.filter(population_source=Source.CENSUS_2011)}
    assert census == {slug: n for slug, n in CENSUS_2011.items() if slug in census}
    assert set(census) == set(CENSUS_2011)


def test_no_text_claims_the_sources_split_costs_by_baseline_spend_or_agreed_percentages():
    """The sources give population and equal shares; the other two bases are common practice."""
    wrong = []
    for label, _, text in every_text():
        for sentence in re.split(r"(?<=\.)\s+", text):
            claims_the_sources = re.search(r"baseline spend|agreed percentage", sentence) and "source" in sentence
            if claims_the_sources and "common practice" not in sentence and "no example" not in sentence:
                wrong.append((label, sentence))
    assert wrong == []


# ---------------------------------------------------------------------------------------------
# How the joint assessment compares partners' answers: settings on the questions.

# Every joint question's comparison, written out by hand. "match": partners must agree before a
# business case; "differ": a difference is worth a conversation; "tolerance" and "months": figures
# and dates that must be close; "overlap": services in scope against those a partner will never
# share; "none": free text, and figures or dates that naturally differ between councils.
JOINT_COMPARISONS = {
    "joint-aims": "none",
    "joint-expectations-clear": "differ",
    "joint-leaders-committed": "match",
    "joint-cost-and-quality": "differ",
    "joint-services-in": "overlap",
    "joint-services-never": "differ",
    "not-shared": "none",
    "joint-scope-clear": "differ",
    "joint-start-small": "differ",
    "joint-share-performance-data": "differ",
    "joint-annual-budget": "none",
    "joint-annual-income": "none",
    "joint-overheads-known": "differ",
    "joint-savings-target": "tolerance",
    "joint-savings-split": "match",
    "joint-set-up-costs": "match",
    "joint-procurement-approach": "match",
    "joint-procurement-involved": "differ",
    "contracts-tie-in": "differ",
    "contract-end-date": "months",
    "joint-co-location": "match",  # where the shared team works is one decision
    "joint-willing-to-relocate": "differ",
    "joint-travel-costs": "differ",
    "joint-members-consulted": "differ",
    "joint-members-briefing-date": "none",
    "joint-member-expectations": "differ",
    "joint-members-accept-shared-control": "differ",
    "joint-political-aspirations": "differ",
    "joint-trust": "differ",
    "joint-culture-similar": "differ",
    "joint-willing-to-concede": "differ",
    "joint-geography": "differ",
    "joint-pay-comparable": "differ",
    "joint-pensions-understood": "differ",
    "joint-align-terms": "differ",
    "joint-employment-model": "match",
    "joint-hr-involved": "differ",
    "joint-main-systems": "none",
    "joint-willing-to-change-system": "match",
    "joint-systems-to-keep": "none",
    "joint-it-involved": "differ",
    "joint-shared-language": "differ",
    "joint-collaboration-type": "match",
    "joint-delivery-model": "match",
    "joint-pace": "match",
    "joint-redundancy-accepted": "differ",
}

# The settings that go with a comparison: (tolerance, tolerance is a percentage, months, the key
# of the "will never share" question). Every other joint question has none of them.
JOINT_COMPARISON_SETTINGS = {
    "joint-savings-target": (Decimal("5"), False, None, None),  # within 5 percentage points
    "contract-end-date": (None, False, 12, None),
    "joint-services-in": (None, False, None, "joint-services-never"),
}

# Answers that fit any other partner's answer: a difference with them is never a conflict.
FITS_ANY = {
    ("joint-savings-split", "not-decided"),
    ("joint-procurement-approach", "not-decided"),
    ("joint-employment-model", "either"),
    ("joint-employment-model", "not-decided"),
    ("joint-delivery-model", "not-decided"),
    ("joint-pace", "no-preference"),
}

# Keys shared by the self assessment and the joint assessment, so a council's submitted
# self-assessment answers can start its joint assessment.
SHARED_KEYS = {"contracts-tie-in", "contract-end-date", "not-shared"}


def published_questions():
    return list(
        Question.objects.filter(section__questionnaire__status="published")
        .select_related("section", "excluded_by__section", "questionnaire__step")
        .prefetch_related("options")
    )


def test_every_published_question_has_a_comparison_that_fits_its_kind():
    wrong = []
    for q in published_questions():
        try:
            q.clean_comparison()
        except ValidationError as error:
            wrong.append((q.questionnaire.step_id, q.key, error.messages))
    assert wrong == []


def test_joint_questions_compare_as_the_table_says():
    questions = questions_of("joint")
    assert {q.key: q.comparison for q in questions} == JOINT_COMPARISONS
    settings = {
        q.key: (q.tolerance, q.tolerance_is_percent, q.months, q.excluded_by.key if q.excluded_by_id else None)
        for q in questions
        if q.tolerance is not None or q.tolerance_is_percent or q.months is not None or q.excluded_by_id
    }
    assert settings == JOINT_COMPARISON_SETTINGS


def test_joint_free_text_questions_are_not_compared():
    questions = questions_of("joint")
    free_text = [q for q in questions if q.kind in (Question.Kind.TEXT, Question.Kind.LONG_TEXT)]
    assert free_text
    assert [q.key for q in free_text if q.comparison != Question.Comparison.NONE] == []


def test_an_overlap_question_and_its_never_share_question_have_the_same_options():
    overlaps = [q for q in published_questions() if q.comparison == Question.Comparison.OVERLAP]
    assert [q.key for q in overlaps] == ["joint-services-in"]
    for q in overlaps:
        never = q.excluded_by
        assert never is not None and never.pk != q.pk, q.key
        assert never.kind == Question.Kind.MULTIPLE and never.questionnaire_id == q.questionnaire_id, q.key
        assert [o.value for o in never.options.all()] == [o.value for o in q.options.all()], q.key
        assert [o.label for o in never.options.all()] == [o.label for o in q.options.all()], q.key
        # never-share comes straight after what is in scope, and is optional and unscored
        assert (never.section_id, never.position) == (q.section_id, q.position + 1), q.key
        assert not never.required and never.weight == 0, q.key


def test_the_answers_that_fit_any_other_are_exactly_these():
    marked = {
        (o.question.key, o.value)
        for o in Option.objects.filter(fits_any=True, question__questionnaire__status="published").select_related("question")
    }
    assert marked == FITS_ANY
    # they are all answers to joint questions that partners must agree on
    joint = {q.key: q for q in questions_of("joint")}
    assert {joint[key].comparison for key, _ in FITS_ANY} == {Question.Comparison.MUST_MATCH}


def test_shared_keys_are_in_the_self_and_joint_assessments_with_the_same_kind_and_options():
    self_questions = {q.key: q for q in questions_of("self")}
    joint_questions = {q.key: q for q in questions_of("joint")}
    assert SHARED_KEYS <= set(self_questions) & set(joint_questions)
    for key in SHARED_KEYS:
        mine, ours = self_questions[key], joint_questions[key]
        assert mine.kind == ours.kind, key
        assert [o.value for o in mine.options.all()] == [o.value for o in ours.options.all()], key
    # Keys are shared on purpose: no other key is in both, and no shared key keeps a step prefix.
    assert set(self_questions) & set(joint_questions) == SHARED_KEYS
    assert [key for key in SHARED_KEYS if key.startswith(("self-", "joint-", "design-"))] == []
