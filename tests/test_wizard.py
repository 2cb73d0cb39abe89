"""The self assessment end to end with the Django test client: start, answer every section,
save and come back, resume on another device, check your answers, submit, read the summary."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tests import banks, factories
from tests.wizard_helpers import PREFIX, complete_answers, field_name, good_value, post_data, section_url
from toolkit import questionnaires
from toolkit.readiness.report import readiness_of
from toolkit.answers import AnswerSheet
from toolkit.models import Answer, Assessment, Question


def start(client, council):
    response = client.post(reverse("toolkit:self-assessment-start", args=[council.slug]))
    assessment = Assessment.objects.get(council=council, status="in_progress")
    assert (response.status_code, response["Location"]) == (302, reverse("toolkit:assessment", args=[assessment.pk]))
    return assessment


def answer_all(client, assessment, answers=None):
    """Answer every shown section in order, following the wizard's redirects: with ``answers``
    (question key to value) if given, else each question's first option or a valid value."""
    url = client.get(reverse("toolkit:assessment-resume", args=[assessment.pk]))["Location"]
    visited = []
    while url != reverse("toolkit:assessment-check", args=[assessment.pk]):
        slug = url.rstrip("/").rsplit("/", 1)[-1]
        sheet = AnswerSheet(assessment)
        section = sheet.section(slug)
        choose = by_key(answers) if answers else good_value
        response = client.post(url, post_data(section, complete_answers(sheet, section, choose)))
        assert response.status_code == 302, response.context["form"].errors if response.context else response
        visited.append(slug)
        url = response["Location"]
    return visited


@pytest.fixture
def assessment(client, officer, merton):
    """A self assessment of the test bank (tests/banks.py), started by a Merton officer."""
    banks.questionnaire("self")
    client.force_login(officer)
    return start(client, merton)


def by_key(answers):
    """Answers for ``complete_answers``: the given ones, as the wizard's fields take them."""
    return lambda question: answers.get(question.key)


def test_whole_journey(client, officer, merton, assessment):
    visited = answer_all(client, assessment, banks.MIXED)
    assert visited == ["gate-questions", "aims", "costs", "plans"]

    check = client.get(reverse("toolkit:assessment-check", args=[assessment.pk]))
    html = check.content.decode()
    assert check.context["missing"] == []
    assert f'href="{section_url(assessment, "gate-questions", **{"return": "check"})}#id_gate-questions-answer_gate"' in html
    assert "Submit assessment" in html
    assert [
        (item["question"].key, item["answer"]) for part in check.context["appendix"] for item in part["items"]
    ] == [
        ("gate", "Yes"), ("aims-clear", "No"), ("aims-agreed", "Disagree"), ("aims-detail", "Members disagree on scope."),
        ("costs-known", "No"), ("costs-budget", "£1,250,000"), ("costs-review", "Not answered"), ("costs-staff", "Not answered"),
        ("plans-why-not", "No costing yet"), ("plans-costing-soon", "Not answered"), ("plans-services", "Legal"),
        ("plans-never", "Not answered"), ("plans-share", "Not answered"),
    ]

    response = client.post(reverse("toolkit:assessment-submit", args=[assessment.pk]))
    assert response["Location"] == reverse("toolkit:assessment-submitted", args=[assessment.pk])
    assessment.refresh_from_db()
    assert (assessment.status, assessment.submitted_by) == ("submitted", officer)

    confirmation = client.get(response["Location"])
    assert '<h1 class="govuk-panel__title">Assessment submitted</h1>' in confirmation.content.decode()
    assert f'<a class="govuk-link" href="/assessments/{assessment.pk}/summary/">View the readiness summary</a>' in confirmation.content.decode()

    summary = client.get(reverse("toolkit:assessment-summary", args=[assessment.pk]))
    # Worked out by hand in tests/banks.py: overall 35.42, and not ready.
    assert summary.context["verdict"] == "Not ready yet"
    assert "Verdict: Not ready yet" in summary.content.decode()
    assert "Overall readiness score: <strong>35 out of 100</strong>" in summary.content.decode()
    # answers are now read-only: the wizard sends people to the task list
    locked = client.get(section_url(assessment, "gate-questions"))
    assert locked["Location"] == reverse("toolkit:assessment", args=[assessment.pk])


def test_the_real_question_bank_runs_from_start_to_summary(client, officer, merton):
    client.force_login(officer)
    assessment = start(client, merton)
    visited = answer_all(client, assessment)
    shown = [s.slug for s in AnswerSheet(assessment).visible_sections()]
    assert visited == shown and len(shown) == assessment.questionnaire.sections.count()
    client.post(reverse("toolkit:assessment-submit", args=[assessment.pk]))
    summary = client.get(reverse("toolkit:assessment-summary", args=[assessment.pk]))
    assert summary.context["verdict"] in {"Ready to explore sharing", "Nearly ready: groundwork first", "Not ready yet"}


def test_answers_are_saved_on_every_page_and_resume_on_another_device(client, officer, merton, assessment):
    sheet = AnswerSheet(assessment)
    first, second, third = sheet.visible_sections()[:3]
    for section in (first, second):
        client.post(section_url(assessment, section.slug), post_data(section, complete_answers(sheet, section)))
    saved = AnswerSheet(assessment).values
    assert set(saved) >= {q.key for q in first.questions.all() if q.required and q.show_when_question_id is None}

    colleague = Client()
    colleague.force_login(factories.user("colleague", council=merton))
    resume = colleague.get(reverse("toolkit:assessment-resume", args=[assessment.pk]))
    assert resume["Location"] == section_url(assessment, third.slug)
    page = colleague.get(section_url(assessment, first.slug))
    question = first.questions.all()[0]
    assert page.context["form"][f"answer_{question.key}"].value() == saved[question.key]


def test_task_list_shows_section_statuses(client, assessment):
    sheet = AnswerSheet(assessment)
    first = sheet.visible_sections()[0]
    client.post(section_url(assessment, first.slug), post_data(first, complete_answers(sheet, first)))
    overview = client.get(reverse("toolkit:assessment", args=[assessment.pk]))
    statuses = [(item["section"].slug, item["status"]) for item in overview.context["sections"]]
    assert statuses[0] == (first.slug, "Completed")
    assert {status for _, status in statuses[1:]} == {"Not started"}
    assert overview.context["completed"] == 1


def test_save_and_come_back_later_keeps_a_partial_page(client, assessment):
    section = AnswerSheet(assessment).visible_sections()[0]
    question = section.questions.all()[0]
    response = client.post(
        section_url(assessment, section.slug), post_data(section, {question.key: "yes"}, action="later")
    )
    assert response["Location"] == reverse("toolkit:assessment", args=[assessment.pk])
    assert AnswerSheet(assessment).values == {question.key: "yes"}
    page = client.get(response["Location"])
    assert "Your answers have been saved" in page.content.decode()


def test_change_from_check_your_answers_returns_there(client, assessment):
    answer_all(client, assessment)
    section = AnswerSheet(assessment).visible_sections()[0]
    gate = section.questions.all()[0]
    url = section_url(assessment, section.slug, **{"return": "check"})
    page = client.get(url)
    assert "Save and return to check your answers" in page.content.decode()
    answers = complete_answers(AnswerSheet(assessment), section)
    answers[gate.key] = "no"
    response = client.post(url, post_data(section, answers))
    assert response["Location"] == reverse("toolkit:assessment-check", args=[assessment.pk]) + f"#section-{section.slug}"
    assert AnswerSheet(assessment).values[gate.key] == "no"


def test_comment_is_saved_with_the_answer(client, officer, assessment):
    section = AnswerSheet(assessment).visible_sections()[0]
    question = section.questions.all()[0]
    data = post_data(section, complete_answers(AnswerSheet(assessment), section))
    data[field_name(section, question, "comment")] = "Cabinet agreed this in <b>May</b>."
    client.post(section_url(assessment, section.slug), data)
    answer = Answer.objects.get(assessment=assessment, question=question)
    assert (answer.value, answer.comment, answer.updated_by) == ("yes", "Cabinet agreed this in <b>May</b>.", officer)
    check = client.get(reverse("toolkit:assessment-check", args=[assessment.pk])).content.decode()
    assert "Cabinet agreed this in &lt;b&gt;May&lt;/b&gt;." in check


def test_submitting_an_incomplete_assessment_is_refused(client, assessment):
    response = client.post(reverse("toolkit:assessment-submit", args=[assessment.pk]))
    assert response["Location"] == reverse("toolkit:assessment-check", args=[assessment.pk])
    assessment.refresh_from_db()
    assert assessment.status == "in_progress"


def test_a_new_assessment_a_year_on_starts_from_the_last_answers_and_keeps_the_old(client, merton, assessment):
    answer_all(client, assessment, banks.MIXED)
    client.post(reverse("toolkit:assessment-submit", args=[assessment.pk]))
    second = client.post(reverse("toolkit:self-assessment-start", args=[merton.slug]))
    new = Assessment.objects.get(council=merton, status="in_progress")
    assert new.pk != assessment.pk
    assert AnswerSheet(new).values == banks.MIXED
    assert second["Location"] == reverse("toolkit:assessment", args=[new.pk])
    page = client.get(second["Location"]).content.decode()
    assert "We have copied your council&#x27;s answers from its last self assessment. Check and update each section." in page
    home = client.get(reverse("toolkit:self-assessment", args=[merton.slug]))
    [row] = home.context["rows"]
    assert ([a.pk for a in row.submitted], row.in_progress) == ([assessment.pk], new)


def test_starting_twice_does_not_make_two_assessments(client, merton, assessment):
    client.post(reverse("toolkit:self-assessment-start", args=[merton.slug]))
    assert Assessment.objects.filter(council=merton).count() == 1


def test_a_new_questionnaire_version_keeps_earlier_answers(client, merton, assessment):
    answer_all(client, assessment)
    client.post(reverse("toolkit:assessment-submit", args=[assessment.pk]))
    draft = questionnaires.copy_as_draft(assessment.questionnaire)
    dropped = Question.objects.filter(section__questionnaire=draft).last()
    dropped.delete()
    questionnaires.publish(draft)
    client.post(reverse("toolkit:self-assessment-start", args=[merton.slug]))
    new = Assessment.objects.get(council=merton, status="in_progress")
    assert new.questionnaire == draft
    old_values = AnswerSheet(assessment).values
    old_values.pop(dropped.key, None)
    assert AnswerSheet(new).values == old_values


# --- Conditional questions -----------------------------------------------------------------------


def keys_on_page(client, assessment, slug):
    return [q.key for q in client.get(section_url(assessment, slug)).context["form"].questions]


def save_later(client, assessment, slug, answers):
    section = AnswerSheet(assessment).section(slug)
    response = client.post(section_url(assessment, slug), post_data(section, answers, action="later"))
    assert response.status_code == 302


def test_a_follow_up_on_a_later_page_appears_only_when_its_condition_holds(client, assessment):
    save_later(client, assessment, "costs", {"costs-known": "yes"})
    assert keys_on_page(client, assessment, "plans") == ["plans-services", "plans-never", "plans-share"]
    save_later(client, assessment, "costs", {"costs-known": "no"})
    assert keys_on_page(client, assessment, "plans") == ["plans-why-not", "plans-costing-soon", "plans-services", "plans-never", "plans-share"]


def test_a_follow_up_on_the_same_page_is_always_there_and_required_only_when_it_applies(client, assessment):
    # Without JavaScript both questions must be on the page.
    assert keys_on_page(client, assessment, "aims") == ["aims-clear", "aims-agreed", "aims-detail"]
    section = AnswerSheet(assessment).section("aims")
    fine = client.post(section_url(assessment, "aims"), post_data(section, {"aims-clear": "yes", "aims-agreed": "agree"}))
    assert fine.status_code == 302
    missing = client.post(section_url(assessment, "aims"), post_data(section, {"aims-clear": "no", "aims-agreed": "agree"}))
    assert missing.context["form"].errors["answer_aims-detail"] == [
        "Answer this question, because you answered ‘No’ to ‘Are your aims clear?’"
    ]
    assert AnswerSheet(assessment).values == {"aims-clear": "yes", "aims-agreed": "agree"}  # the refused page saved nothing


def test_an_answer_hidden_by_a_later_change_is_kept_but_not_counted(client, assessment):
    save_later(client, assessment, "costs", {"costs-known": "no"})
    save_later(client, assessment, "plans", {"plans-costing-soon": "no"})
    assert [g.key for g in readiness_of(AnswerSheet(assessment)).gaps] == ["costs-known", "plans-costing-soon"]
    save_later(client, assessment, "costs", {"costs-known": "yes"})
    sheet = AnswerSheet(assessment)
    assert sheet.values == {"costs-known": "yes", "plans-costing-soon": "no"}  # kept
    assert "plans-costing-soon" not in sheet.visible()
    assert readiness_of(sheet).gaps == []
    check = client.get(reverse("toolkit:assessment-check", args=[assessment.pk]))
    shown = [item["question"].key for part in check.context["appendix"] for item in part["items"]]
    assert "plans-costing-soon" not in shown


# --- Bad input ----------------------------------------------------------------------------------


def first_section(assessment):
    return AnswerSheet(assessment).visible_sections()[0]


def test_missing_required_answers_are_reported_and_typed_values_kept(client, assessment):
    section = AnswerSheet(assessment).section("aims")
    data = post_data(section, {"aims-clear": "yes"})
    data[field_name(section, section.questions.all()[0], "comment")] = "Our leader said so"
    response = client.post(section_url(assessment, "aims"), data)
    assert response.status_code == 200
    form = response.context["form"]
    html = response.content.decode()
    assert form.errors == {"answer_aims-agreed": ["Select how much you agree for ‘Do members agree the aims?’"]}
    assert '<h2 class="govuk-error-summary__title">' in html and "There is a problem" in html
    assert '<a href="#id_aims-answer_aims-agreed_0">' in html
    message = escape("Select how much you agree for ‘Do members agree the aims?’")
    assert html.count(message) == 2  # in the summary and beside the field
    assert form["answer_aims-clear"].value() == "yes"
    assert "Our leader said so" in html
    assert "<title>Error: " in html
    assert Answer.objects.filter(assessment=assessment).count() == 0  # nothing half-saved


def test_tampered_choice_is_refused(client, assessment):
    section = first_section(assessment)
    answers = complete_answers(AnswerSheet(assessment), section)
    gate = section.questions.all()[0]
    answers[gate.key] = "definitely"
    response = client.post(section_url(assessment, section.slug), post_data(section, answers))
    assert response.context["form"].errors[f"answer_{gate.key}"] == ["Select one of the options shown"]
    assert Answer.objects.filter(assessment=assessment).count() == 0


@pytest.mark.parametrize(
    "slug,key,bad,message",
    [
        ("plans", "plans-share", "150", "Enter a percentage of 100 or less"),
        ("costs", "costs-budget", "-5", "Enter an amount of £0 or more"),
        ("costs", "costs-budget", "lots", "Enter an amount in pounds, like 1,250 or 1,250.50"),
        ("costs", "costs-staff", "12.5", "Enter a whole number, like 12"),
        ("costs", "costs-review", ("31", "2", "2027"), "Date must be a real date"),
        ("aims", "aims-detail", "x" * 3001, "Answer must be 3,000 characters or fewer"),
    ],
)
def test_out_of_range_and_over_long_answers(client, assessment, slug, key, bad, message):
    section = AnswerSheet(assessment).section(slug)
    answers = {**banks.MIXED, key: bad}
    answers = {k: v for k, v in answers.items() if k in {q.key for q in section.questions.all()}}
    response = client.post(section_url(assessment, slug), post_data(section, answers))
    assert response.status_code == 200
    assert response.context["form"].errors[f"answer_{key}"] == [message]
    assert Answer.objects.filter(assessment=assessment).count() == 0
    kept = response.context["form"][f"answer_{key}"].value()
    assert kept == (list(bad) if isinstance(bad, tuple) else bad)


def test_unknown_step_is_404(client, assessment):
    assert client.get(section_url(assessment, "no-such-section")).status_code == 404
    section = first_section(assessment)
    data = post_data(section, {})
    data[f"{PREFIX}-current_step"] = "no-such-section"
    assert client.post(section_url(assessment, section.slug), data).status_code == 404


def test_answers_posted_to_the_wizards_own_address_are_refused_and_not_saved(client, assessment):
    """The address that goes on to the next section takes no answers: a section is saved only at
    its own address, so a complete, well-formed page posted there changes nothing."""
    section = first_section(assessment)
    data = post_data(section, complete_answers(AnswerSheet(assessment), section))
    response = client.post(reverse("toolkit:assessment-resume", args=[assessment.pk]), data)
    assert response.status_code == 404
    assert Answer.objects.filter(assessment=assessment).count() == 0


def test_posting_to_a_submitted_assessment_changes_nothing(client, assessment):
    answer_all(client, assessment)
    client.post(reverse("toolkit:assessment-submit", args=[assessment.pk]))
    before = AnswerSheet(assessment).values
    section = first_section(assessment)
    answers = complete_answers(AnswerSheet(assessment), section)
    answers[section.questions.all()[0].key] = "no"
    response = client.post(section_url(assessment, section.slug), post_data(section, answers), follow=True)
    assert "This assessment has been submitted" in response.content.decode()
    assert AnswerSheet(assessment).values == before
    again = client.post(reverse("toolkit:assessment-submit", args=[assessment.pk]))
    assert again["Location"] == reverse("toolkit:assessment-summary", args=[assessment.pk])


# --- Two officers at once -----------------------------------------------------------------------


def test_a_later_save_is_told_what_changed_instead_of_overwriting(client, merton, assessment):
    section = first_section(assessment)
    gate = section.questions.all()[0]
    page = client.get(section_url(assessment, section.slug))
    seen_at = page.context["form"]["seen_at"].value()

    colleague = Client()
    colleague.force_login(factories.user("colleague", council=merton))
    answers = complete_answers(AnswerSheet(assessment), section)
    answers[gate.key] = "no"
    colleague_page = colleague.get(section_url(assessment, section.slug))
    colleague.post(section_url(assessment, section.slug), post_data(section, answers, seen_at=colleague_page.context["form"]["seen_at"].value()))
    assert AnswerSheet(assessment).values[gate.key] == "no"

    mine = complete_answers(AnswerSheet(assessment), section)
    mine[gate.key] = "yes"
    response = client.post(section_url(assessment, section.slug), post_data(section, mine, seen_at=seen_at))
    assert response.status_code == 200
    conflicts = response.context["conflicts"]
    assert [(c.question.key, c.theirs, c.changed_by) for c in conflicts] == [(gate.key, "no", "Colleague Tester")]
    assert "Someone else changed answers on this page" in response.content.decode()
    assert response.context["form"][f"answer_{gate.key}"].value() == "yes"  # what I typed is kept
    assert AnswerSheet(assessment).values[gate.key] == "no"  # and nothing was overwritten

    # Saving again, having seen the change, keeps mine.
    refreshed = response.context["form"]["seen_at"].value()
    client.post(section_url(assessment, section.slug), post_data(section, mine, seen_at=refreshed))
    assert AnswerSheet(assessment).values[gate.key] == "yes"


def test_a_save_stamped_before_the_page_was_opened_but_committed_after_is_not_overwritten(client, merton, assessment):
    """A colleague's save is stamped as it begins and committed a moment later: a page opened in
    between shows the old answers though it was opened after the stamp, and saving it must still
    be told of the colleague's answer."""
    section = first_section(assessment)
    gate = section.questions.all()[0]
    before_opening = timezone.now()
    seen_at = client.get(section_url(assessment, section.slug)).context["form"]["seen_at"].value()
    colleague = factories.user("colleague", council=merton)
    # Committed only now, with the stamp its save took a second before the page was opened.
    Answer.objects.create(assessment=assessment, question=gate, value="no", updated_by=colleague, updated_at=before_opening - timedelta(seconds=1))

    mine = complete_answers(AnswerSheet(assessment), section)
    mine[gate.key] = "yes"
    response = client.post(section_url(assessment, section.slug), post_data(section, mine, seen_at=seen_at))
    assert response.status_code == 200
    assert [(c.question.key, c.theirs, c.changed_by) for c in response.context["conflicts"]] == [(gate.key, "no", "Colleague Tester")]
    assert AnswerSheet(assessment).values == {gate.key: "no"}


def test_a_save_is_stamped_after_the_pages_last_save_though_this_servers_clock_is_behind(client, merton, officer, assessment):
    """Saves of a page take its lock in turn, so each is stamped after the one before, whatever
    the clock of the server making it says; a page opened after either then sees both."""
    section = first_section(assessment)
    gate = section.questions.all()[0]
    colleague = factories.user("colleague", council=merton)
    ahead = timezone.now() + timedelta(hours=1)  # saved by a server whose clock runs an hour fast
    Answer.objects.create(assessment=assessment, question=gate, value="no", updated_by=colleague, updated_at=ahead)
    page = client.get(section_url(assessment, section.slug))
    assert page.context["form"]["seen_at"].value() == ahead.isoformat()  # in UTC, to the microsecond

    mine = complete_answers(AnswerSheet(assessment), section)
    mine[gate.key] = "yes"
    assert client.post(section_url(assessment, section.slug), post_data(section, mine, seen_at=ahead.isoformat())).status_code == 302
    assert Answer.objects.get(question=gate).updated_at == ahead + timedelta(microseconds=1)
    assert client.get(section_url(assessment, section.slug)).context["form"]["seen_at"].value() == (ahead + timedelta(microseconds=1)).isoformat()


def test_same_answer_from_two_officers_is_not_a_conflict(client, merton, assessment):
    section = first_section(assessment)
    seen_at = (timezone.now()).isoformat()
    colleague = Client()
    colleague.force_login(factories.user("colleague", council=merton))
    answers = complete_answers(AnswerSheet(assessment), section)
    colleague.post(section_url(assessment, section.slug), post_data(section, answers))
    response = client.post(section_url(assessment, section.slug), post_data(section, answers, seen_at=seen_at))
    assert response.status_code == 302


# --- Query counts -------------------------------------------------------------------------------


def test_wizard_step_and_check_page_query_counts_do_not_grow_with_questions(client, assessment, django_assert_num_queries):
    section = first_section(assessment)
    url = section_url(assessment, section.slug)
    client.get(url)

    def count(path):
        from tests.queries import page_queries

        return page_queries(client, path)

    check = reverse("toolkit:assessment-check", args=[assessment.pk])
    before = count(url), count(check)
    theme = section.questions.all()[0].theme
    for i in range(15):
        question = Question.objects.create(
            section=section, position=100 + i, key=f"extra-{i}", text=f"Extra {i}?", kind="yes_no", theme=theme, source=section.source or "000_89f19df402329646.txt"
        )
        question.options.create(value="yes", label="Yes", score=100)
        question.options.create(value="no", label="No", score=0, position=1)
    assert (count(url), count(check)) == before
    assert before[0] <= 14


def test_follow_up_on_the_same_page_says_when_to_answer_it(client, assessment):
    page = client.get(section_url(assessment, "aims"))
    hint = page.context["form"].fields["answer_aims-detail"].help_text
    assert hint == "Only answer this if you answered ‘No’ to ‘Are your aims clear?’."
    assert str(hint) in page.content.decode()


def test_question_hints_are_escaped(client, assessment):
    section = first_section(assessment)
    question = section.questions.all()[0]
    question.hint = "<script>alert('x')</script>"
    question.save()  # as the admin saves it, so the cached question bank is read anew
    page = client.get(section_url(assessment, section.slug)).content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<script>alert(" not in page


def test_pages_name_a_removed_submitter_as_a_former_user(client, officer, merton, assessment):
    answer_all(client, assessment, banks.MIXED)
    client.post(reverse("toolkit:assessment-submit", args=[assessment.pk]))
    leaver = factories.user("leaver", council=merton)
    Assessment.objects.filter(pk=assessment.pk).update(submitted_by=leaver, started_by=leaver)
    leaver.delete()
    for url, text in [
        (reverse("toolkit:assessment", args=[assessment.pk]), "Submitted by a former user on"),
        (reverse("toolkit:assessment-summary", args=[assessment.pk]), "by a former user, using questionnaire version"),
        (reverse("toolkit:assessment-submitted", args=[assessment.pk]), "submitted by a former user."),
        (reverse("toolkit:self-assessment", args=[merton.slug]), '<td class="govuk-table__cell">A former user</td>'),
    ]:
        response = client.get(url)
        assert (response.status_code, text in response.content.decode()) == (200, True), url
