"""Building wizard POST data the way a browser would send it."""

from django.urls import reverse

from toolkit.answers import AnswerSheet
from toolkit.models import Question

PREFIX = "assessment_wizard"

GOOD = {
    Question.Kind.NUMBER: "12",
    Question.Kind.MONEY: "1,250,000",
    Question.Kind.PERCENTAGE: "12.5",
    Question.Kind.DATE: ("31", "3", "2027"),
    Question.Kind.TEXT: "Legal services",
    Question.Kind.LONG_TEXT: "To share specialist staff and keep the service resilient.",
}


def section_url(assessment, slug, **query):
    url = reverse("toolkit:assessment-section", args=[assessment.pk, slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def field_name(section, question, part="answer"):
    return f"{section.slug}-{part}_{question.key}"


def good_value(question):
    """The first option for choice questions, a valid value for the others."""
    if question.is_choice:
        first = question.options.all()[0].value
        return [first] if question.kind == Question.Kind.MULTIPLE else first
    return GOOD[question.kind]


def post_data(section, answers, action="continue", seen_at=None):
    """POST data for a section page. ``answers`` maps question key to a value, a list of
    values (checkboxes) or a (day, month, year) tuple (dates)."""
    data = {f"{PREFIX}-current_step": section.slug, "action": action}
    if seen_at:
        data[f"{section.slug}-seen_at"] = seen_at
    questions = {q.key: q for q in section.questions.all()}
    for key, value in answers.items():
        name = field_name(section, questions[key])
        if questions[key].kind == Question.Kind.DATE:
            if value:
                day, month, year = value
                data.update({f"{name}_day": day, f"{name}_month": month, f"{name}_year": year})
        elif value is not None:
            data[name] = value
    return data


def complete_answers(sheet: AnswerSheet, section, choose=good_value):
    """Answers to every question of a section that would be shown with those answers."""
    answers = {}
    for question in section.questions.all():
        stored = {**sheet.values, **{k: (list(v) if isinstance(v, list) else v) for k, v in answers.items()}}
        if question.key in sheet.visible(stored):
            answers[question.key] = choose(question)
    return answers
