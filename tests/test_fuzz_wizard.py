"""Wizard pages posted anything, with Hypothesis (tests/fuzzing.py): a page asking every kind of
question, in a self assessment and in a joint assessment with private notes, and every page of
the real question bank's self and joint assessments. Never a server error, and after every post
each stored answer, comment and note is valid for its question."""

import re
from datetime import date
from decimal import Decimal, InvalidOperation

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from tests.fuzzing import FUZZ, as_shown, fields_of, no_server_error, posts, rolled_back, text
from tests.wizard_helpers import PREFIX, section_url
from toolkit.answers import AnswerSheet, start_assessment
from toolkit.forms import COMMENT_MAX_LENGTH, LONG_TEXT_MAX_LENGTH, MONEY_LIMIT, TEXT_MAX_LENGTH
from toolkit.models import Answer, Assessment, Option, PrivateNote, Question, Questionnaire, Section, Theme

DECIMAL = re.compile(r"^\d+(\.\d{1,2})?$")  # money and percentages: plain digits, to the penny
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
OPTIONS = {"three": [("a", "A"), ("b", "B"), ("c", "C")]}

# (key, kind, options, extra fields): one question of every kind, some with limits of their own,
# and a follow-up on the same page.
EVERY_KIND = [
    ("yn", "yes_no", [("yes", "Yes"), ("no", "No")], {}),
    ("ypn", "yes_partly_no", [("yes", "Yes"), ("partly", "Partly"), ("no", "No")], {"required": False}),
    ("agree", "agreement", [("agree", "Agree"), ("disagree", "Disagree")], {"required": False}),
    ("single", "single", OPTIONS["three"], {}),
    ("multi", "multiple", OPTIONS["three"], {}),
    ("number", "number", [], {"required": False}),
    ("staff", "number", [], {"min_value": 1, "max_value": 50, "required": False}),
    ("money", "money", [], {}),
    ("fee", "money", [], {"min_value": 100, "max_value": 5000, "required": False}),
    ("share", "percentage", [], {"required": False}),
    ("when", "date", [], {"required": False}),
    ("name", "text", [], {"required": False, "max_length": 20}),
    ("title", "text", [], {"required": False}),
    ("story", "long_text", [], {"required": False}),
    ("why-not", "long_text", [], {"show_when": "no"}),
]


def every_kind_questionnaire(step) -> Questionnaire:
    version = (Questionnaire.objects.filter(step=step).order_by("-version").values_list("version", flat=True).first() or 0) + 1
    Questionnaire.objects.filter(step=step, status="published").update(status="retired")
    found = Questionnaire.objects.create(step_id=step, version=version, title="Every kind", status="published")
    section = Section.objects.create(questionnaire=found, position=1, slug="every-kind", title="Every kind of question")
    theme = Theme.objects.first()
    made = {}
    for position, (key, kind, options, extra) in enumerate(EVERY_KIND):
        extra = dict(extra)
        shown = extra.pop("show_when", None)
        made[key] = Question.objects.create(
            section=section, position=position, key=key, text=f"Question {key}?", kind=kind, theme=theme,
            source="002_3629ed7e1db573a4.txt", show_when_question=made["yn"] if shown else None, show_when_value=shown or "", **extra,
        )
        Option.objects.bulk_create(Option(question=made[key], position=i, value=v, label=label, score=50) for i, (v, label) in enumerate(options))
    return found


def problems(assessment) -> list:
    """Every stored answer, comment or private note of the assessment that is not valid for its
    question, as (question key, what is wrong)."""
    found = []
    for row in Answer.objects.filter(assessment=assessment).select_related("question").prefetch_related("question__options"):
        wrong = answer_problem(row.question, row.value)
        if wrong and not (row.value in (None, "", []) and row.comment):  # a comment alone may be kept
            found.append((row.question.key, wrong, row.value))
        if not text_ok(row.comment, COMMENT_MAX_LENGTH, empty=True):
            found.append((row.question.key, "comment", row.comment[:50]))
    for note in PrivateNote.objects.filter(assessment=assessment).select_related("question"):
        if not text_ok(note.text, COMMENT_MAX_LENGTH):
            found.append((note.question.key, "private note", note.text[:50]))
    return found


def text_ok(text, limit, empty=False):
    return isinstance(text, str) and (empty or text.strip()) and len(text) <= limit and "\x00" not in text and text == text.strip()


def answer_problem(question, value) -> str:
    """What is wrong with ``value`` as a stored answer to ``question``, or ""."""
    kind, options = question.kind, [o.value for o in question.options.all()]
    if question.kind == Question.Kind.MULTIPLE:
        ok = isinstance(value, list) and value and all(v in options for v in value) and len(set(value)) == len(value)
        return "" if ok else "not distinct options"
    if question.is_choice:
        return "" if isinstance(value, str) and value in options else "not an option"
    if kind == Question.Kind.NUMBER:
        ok = type(value) is int and within(question, value, 1_000_000_000)
        return "" if ok else "not a whole number within the limits"
    if kind in (Question.Kind.MONEY, Question.Kind.PERCENTAGE):
        high = MONEY_LIMIT if kind == Question.Kind.MONEY else 100
        try:
            ok = isinstance(value, str) and DECIMAL.match(value) and within(question, Decimal(value), high)
        except InvalidOperation:
            ok = False
        return "" if ok else "not a plain decimal within the limits"
    if kind == Question.Kind.DATE:
        try:
            return "" if isinstance(value, str) and ISO_DATE.match(value) and date.fromisoformat(value) else "not an ISO date"
        except ValueError:
            return "not an ISO date"
    limit = question.max_length or (TEXT_MAX_LENGTH if kind == Question.Kind.TEXT else LONG_TEXT_MAX_LENGTH)
    return "" if text_ok(value, limit) else "not text within the limit"


def within(question, value, default_high):
    low = question.min_value if question.min_value is not None else 0
    high = question.max_value if question.max_value is not None else default_high
    return low <= value <= high


# Figures a person might type that the forms take, though not as they are usually written.
ODD_FIGURES = ["1e3", "1.5E+2", "2E1", "-0", "-0.00", "+5", "0.0", "00012", " 7 ", "٣", "１２"]


def sensible(section) -> dict:
    """Field name -> a strategy of values a person might well type into it on this page."""
    valid = {}
    for question in section.questions.all():
        name = f"{section.slug}-answer_{question.key}"
        low = question.min_value if question.min_value is not None else 0
        blank = [] if question.required else [""]
        if question.is_choice:
            options = [o.value for o in question.options.all()]
            if question.kind == Question.Kind.MULTIPLE:
                valid[name] = st.lists(st.sampled_from(options), unique=True, min_size=1 if question.required else 0)
            else:
                valid[name] = st.sampled_from(options + blank)
        elif question.kind == Question.Kind.NUMBER:
            valid[name] = st.integers(low, question.max_value or 1_000_000_000).map(str) | st.sampled_from(ODD_FIGURES + blank)
        elif question.kind == Question.Kind.MONEY:
            amounts = st.decimals(low, question.max_value or MONEY_LIMIT, places=2)
            shown = st.sampled_from(["{}", "£{:,}", "{:,.2f}", " {} "])
            valid[name] = st.builds(lambda amount, how: how.format(amount), amounts, shown) | st.sampled_from(ODD_FIGURES + blank)
        elif question.kind == Question.Kind.PERCENTAGE:
            shares = st.decimals(low, question.max_value or 100, places=2)
            shown = st.sampled_from(["{}", "{}%"])
            valid[name] = st.builds(lambda share, how: how.format(share), shares, shown) | st.sampled_from(ODD_FIGURES + blank)
        elif question.kind == Question.Kind.DATE:
            valid[f"{name}_day"] = st.integers(1, 28).map(str)
            valid[f"{name}_month"] = st.integers(1, 12).map(str) | st.sampled_from(["Jan", "march", "Sept"])
            valid[f"{name}_year"] = st.integers(1900, 2100).map(str)
        else:
            valid[name] = text(question.max_length or 200)
        for part in ("comment", "private"):
            valid[f"{section.slug}-{part}_{question.key}"] = st.just("") | text(60)
    return valid


def page_posts(section, fields):
    return posts(fields, valid=sensible(section), keep={f"{PREFIX}-current_step"})


def post_and_check(client, assessment, slug, post):
    with rolled_back():
        no_server_error(client.post(section_url(assessment, slug), post))
        assert problems(assessment) == []
        assert Assessment.objects.get(pk=assessment.pk).status == "in_progress"  # a page post never submits


@pytest.mark.parametrize("step", ["self", "joint"])
def test_a_page_of_every_kind_of_question_takes_any_post(step, signed_in, officer, merton, partnership):
    questionnaire = every_kind_questionnaire(step)
    if step == "joint":
        partnership.joint_questionnaire = questionnaire
        partnership.save(update_fields=["joint_questionnaire"])
    assessment = start_assessment(questionnaire, officer, council=merton, partnership=partnership if step == "joint" else None)
    section = AnswerSheet(assessment).section("every-kind")
    fields = fields_of(signed_in.get(section_url(assessment, "every-kind")))
    if step == "joint":
        assert any(name.startswith("every-kind-private_") for name in fields)  # the notes are fuzzed too

    def page(**changes):
        """The page as shown, its required questions answered, with ``changes`` (answer names)."""
        answers = {"yn": "yes", "single": "a", "multi": ["a"], "money": "10"} | changes
        return as_shown(fields, action="continue", **{f"every-kind-answer_{key}": value for key, value in answers.items()})

    @FUZZ
    # A date part of more digits than int() reads, or than a date holds, or not a digit of any
    # script's: each was a server error.
    @example(page(when_day="9" * 5000, when_month="1", when_year="2027"))
    @example(page(when_day="1", when_month="9" * 25, when_year="2027"))
    @example(page(when_day="²", when_month="1", when_year="2027"))
    # Figures in exponent form or as minus zero were stored so ("1.5E+2", "-0"); an option
    # ticked twice was stored twice, and counted twice in the score.
    @example(page(money="1.5E+2", share="2E1", fee="-0.00"))
    @example(page(money="-0"))
    @example(page(multi=["a", "b", "a"]))
    @given(page_posts(section, fields))
    def post(post):
        post_and_check(signed_in, assessment, "every-kind", post)

    post()


@pytest.mark.parametrize("step", ["self", "joint"])
def test_every_page_of_the_real_question_bank_takes_any_post(step, signed_in, officer, merton, partnership):
    questionnaire = Questionnaire.objects.get(step=step, status="published")
    if step == "joint":
        partnership.joint_questionnaire = questionnaire
        partnership.save(update_fields=["joint_questionnaire"])
    assessment = start_assessment(questionnaire, officer, council=merton, partnership=partnership if step == "joint" else None)
    pages = {s.slug: page_posts(s, fields_of(signed_in.get(section_url(assessment, s.slug)))) for s in AnswerSheet(assessment).sections}

    @FUZZ
    @given(st.sampled_from(sorted(pages)).flatmap(lambda slug: st.tuples(st.just(slug), pages[slug])))
    def post(page):
        post_and_check(signed_in, assessment, *page)

    post()


@pytest.mark.parametrize("chosen", ["\x00", "legal\x00", "x" * 100_000, "../legal", "9" * 30])
def test_starting_a_joint_assessment_in_a_tampered_partnership_is_not_found(chosen, signed_in, merton, partnership):
    response = signed_in.post(reverse("toolkit:joint-assessment-start", args=[merton.slug]), {"partnership": chosen})
    assert response.status_code == 404
