"""An assessment's history of changes as people read it: when, who, which question, from what to
what. Each change to an answer becomes a line for its answer and a line for its comment where
each changed; a council's private notes are read only for those who may read the notes.

A page of the history takes the same few queries however long the history is: the list of
changes (ids and times only), the page's records, and the records just before them.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.paginator import Paginator

from toolkit import questionnaires
from toolkit.answers import display_value
from toolkit.models import Answer, PrivateNote

PER_PAGE = 50
NOT_ANSWERED = "Not answered"
NO_COMMENT = "No comment"
NO_NOTE = "No note"


@dataclass
class Change:
    when: datetime
    who: object  # the user, or None once their account is removed
    question: str
    what: str  # "Answer", "Comment" or "Private note"
    before: str
    after: str
    reason: str = ""  # why, when the change was not someone's edit (e.g. carried over)


# What each kind of record holds: (model, the fields compared, how each reads when empty).
KINDS = {
    "answer": (Answer, {"value": ("Answer", NOT_ANSWERED), "comment": ("Comment", NO_COMMENT)}),
    "note": (PrivateNote, {"text": ("Private note", NO_NOTE)}),
}


def history_page(assessment, page_number, private: bool):
    """The page ``page_number`` of the assessment's changes, newest first, as a Django ``Page``
    whose ``changes`` are the lines to show."""
    kinds = ["answer", "note"] if private else ["answer"]
    entries = []
    for kind in kinds:
        history = KINDS[kind][0].history.model
        rows = history.objects.filter(assessment_id=assessment.pk).order_by().values_list("history_date", "history_id")
        entries += [(when, kind, history_id) for when, history_id in rows]
    # Newest first; at the same moment, notes before answers, as a page saves its notes last.
    entries.sort(key=lambda entry: (entry[0], kinds.index(entry[1]), entry[2]), reverse=True)
    page = Paginator(entries, PER_PAGE).get_page(page_number)
    questions = {q.pk: q for s in questionnaires.load_structure(assessment.questionnaire) for q in s.questions.all()}
    lines = {}
    for kind in kinds:
        ids = [history_id for _, k, history_id in page.object_list if k == kind]
        if ids:
            lines.update(read(kind, assessment, ids, questions))
    page.changes = [change for _, kind, history_id in page.object_list for change in lines[(kind, history_id)]]
    return page


def read(kind, assessment, ids, questions) -> dict:
    """(kind, history id) -> its lines, for the records ``ids`` of one kind."""
    model, fields = KINDS[kind]
    history = model.history.model
    records = list(history.objects.filter(history_id__in=ids).select_related("history_user"))
    # Every earlier record of the same questions: the one just before each record is what it changed from.
    earlier = history.objects.filter(
        assessment_id=assessment.pk, question_id__in={r.question_id for r in records}, history_id__lt=max(ids)
    ).order_by("history_id").values("history_id", "question_id", "history_type", *fields)
    states = {}
    for state in earlier:
        states.setdefault(state["question_id"], []).append(state)
    found = {}
    for record in records:
        before = next((s for s in reversed(states.get(record.question_id, [])) if s["history_id"] < record.history_id), None)
        found[(kind, record.history_id)] = lines_of(record, before, fields, questions.get(record.question_id))
    return found


def lines_of(record, before, fields, question) -> list:
    """A record's lines: one for each field that changed (the first field's when none did, as
    when a record is saved again unchanged)."""
    removed = record.history_type == "-"
    gone = before is None or before["history_type"] == "-"
    # Compared as shown, so an empty comment and no comment at all are no change.
    pairs = [
        (what, shown(question, name, None if gone else before[name], empty), shown(question, name, None if removed else getattr(record, name), empty))
        for name, (what, empty) in fields.items()
    ]
    changed = [pair for pair in pairs if pair[1] != pair[2]] or pairs[:1]
    return [
        Change(
            when=record.history_date,
            who=record.history_user,
            question=question.text if question else "A question since removed from the questionnaire",
            what=what,
            before=old,
            after=new,
            reason=record.history_change_reason or "",
        )
        for what, old, new in changed
    ]


def shown(question, name, value, empty) -> str:
    """A value as the assessment's pages show it: option labels, £ amounts, dates."""
    if name != "value":
        return value or empty
    if question is None:
        return NOT_ANSWERED if value is None else str(value)
    return display_value(question, value)
