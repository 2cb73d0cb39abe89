"""The question bank and signposting content come from a cache whose keys change with any
change an admin makes, so no app server serves content from before the change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from toolkit import content_cache, questionnaires
from toolkit.models import ExpertContact, Guidance, Option, Question, Questionnaire, Section, Theme
from toolkit.signposts import signposts_by_theme

pytestmark = pytest.mark.django_db


def first_question_text(questionnaire):
    return questionnaires.load_structure(questionnaire)[0].questions.all()[0].text


def self_bank():
    return Questionnaire.objects.get(step="self", status="published")


def test_a_changed_question_is_read_anew_at_once():
    bank = self_bank()
    question = Question.objects.filter(section__questionnaire=bank).order_by("section__position", "position").first()
    assert first_question_text(bank) == question.text  # now in the cache
    question.text = "Has your council agreed who leads on sharing services?"
    question.save()
    assert first_question_text(bank) == "Has your council agreed who leads on sharing services?"


def test_each_kind_of_change_moves_the_version_on():
    bank = self_bank()
    question = Question.objects.filter(section__questionnaire=bank).first()
    option = Option.objects.filter(question__section__questionnaire=bank).first()
    section = Section.objects.filter(questionnaire=bank).first()
    guidance = Guidance.objects.first()
    changes = [
        lambda: question.save(),
        lambda: option.save(),
        lambda: section.save(),
        lambda: bank.save(),
        lambda: Theme.objects.first().save(),
        lambda: guidance.save(),
        lambda: guidance.themes.remove(guidance.themes.first()),  # a change of tags only
        lambda: ExpertContact.objects.first().delete(),
    ]
    moved_on = []
    for change in changes:
        before = content_cache.version()
        change()
        moved_on.append(content_cache.version() > before)
    assert moved_on == [True] * 8


def test_signposts_are_read_once_then_from_the_cache_until_content_changes():
    themes = list(Theme.objects.values_list("slug", flat=True)[:3])
    first = signposts_by_theme("self", themes)
    with CaptureQueriesContext(connection) as queries:
        again = signposts_by_theme("self", themes)
    assert (len(queries.captured_queries), again.keys() == first.keys()) == (1, True)
    guidance = first[themes[0]].guidance[0] if first[themes[0]].guidance else Guidance.objects.filter(themes__slug=themes[0], steps="self").first()
    guidance.title = "A title an admin has just changed"
    guidance.save()
    changed = signposts_by_theme("self", themes)
    assert "A title an admin has just changed" in [g.title for g in changed[themes[0]].guidance]


def test_the_key_names_the_version_so_an_older_entry_is_never_read():
    content_cache.cached("example", (1,), lambda: "before")
    Theme.objects.first().save()
    assert content_cache.cached("example", (1,), lambda: "after") == "after"
