"""Reading and writing an assessment's answers.

Answers are saved on every wizard page, in one transaction per page, so nothing is ever
half-saved and any officer of the council sees the same draft on any device.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from simple_history.utils import bulk_create_with_history

from toolkit import conditions, questionnaires, steps
from toolkit.models import Answer, Assessment, PrivateNote, Question, Section


# What a page read with nothing saved on it has seen: earlier than any save.
NOTHING_SEEN = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass
class Conflict:
    """An answer, comment or private note another person changed after this person opened the page."""

    question: Question
    theirs: object
    changed_by: str
    changed_at: datetime
    what: str = "answer"  # "answer", "comment" or "private note"

    @property
    def theirs_display(self):
        return display_value(self.question, self.theirs) if self.what == "answer" else str(self.theirs)


def display_value(question: Question, value) -> str:
    """An answer as a person reads it: option labels, £ amounts, percentages, dates."""
    if not conditions.is_answered(value):
        return "Not answered"
    if question.is_choice:
        labels = {o.value: o.label for o in question.options.all()}
        values = value if isinstance(value, list) else [value]
        return ", ".join(labels.get(v, v) for v in values)
    if question.kind == Question.Kind.MONEY:
        amount = Decimal(value)
        pence = 0 if amount == amount.to_integral() else 2
        return f"£{number_format(amount, decimal_pos=pence, force_grouping=True)}"
    if question.kind == Question.Kind.PERCENTAGE:
        return f"{number_format(Decimal(value).normalize())}%"
    if question.kind == Question.Kind.NUMBER:
        return number_format(value, force_grouping=True)
    if question.kind == Question.Kind.DATE:
        return date_format(date.fromisoformat(value), "j F Y")
    return str(value)


class AssessmentClosed(Exception):
    """Raised when someone tries to change a submitted assessment."""


class ChangedMeanwhile(Exception):
    """Someone else saved the page after this person opened it; nothing was saved.
    ``conflicts``: what they changed (``Conflict`` objects, or a page of rows' changed rows)."""

    def __init__(self, conflicts):
        super().__init__("Someone else changed the page since it was opened.")
        self.conflicts = conflicts


def spec_for(question: Question) -> conditions.QuestionSpec:
    """The plain description of a question that the rules take."""
    return conditions.QuestionSpec(
        key=question.key,
        text=question.text,
        theme=question.theme.slug,
        kind=question.kind,
        weight=question.weight,
        required=question.required,
        is_gate=question.is_gate,
        option_scores={o.value: o.score for o in question.options.all()} if question.is_choice else {},
        show_when=(question.show_when_question.key, question.show_when_values)
        if question.show_when_question_id
        else None,
    )


class AnswerSheet:
    """An assessment with its questionnaire's structure and its answers, loaded once.

    Everything the wizard, the check page, the summary and the PDF need, in a fixed number
    of queries whatever the number of questions.
    """

    def __init__(self, assessment: Assessment, sections=None, rows=None, private=False):
        """``private``: also read the council's private notes. Only pages for the answering
        council's own officers ask for them."""
        self.assessment = assessment
        self.sections = sections if sections is not None else questionnaires.load_structure(assessment.questionnaire)
        self.questions = [q for s in self.sections for q in s.questions.all()]
        self.by_key = {q.key: q for q in self.questions}
        if rows is None:
            rows = assessment.answers.select_related("updated_by").order_by()
        self.rows = {a.question_id: a for a in rows}
        self.specs = [spec_for(q) for q in self.questions]
        self.private = private
        self.notes = {n.question_id: n for n in assessment.private_notes.order_by()} if private else {}
        # Pages of the step's own rows (a business case's options, figures, risks...), whose
        # rows are loaded once for them all.
        self.extras, self.pages = None, {}
        table_sections = [s for s in self.sections if s.kind != Section.Kind.QUESTIONS]
        if table_sections:
            kind = steps.get(assessment.step_id)
            self.extras = kind.load_extras(assessment)
            self.pages = {s.slug: kind.page_class(s.kind)(self, s) for s in table_sections}

    @classmethod
    def for_many(cls, assessments, questionnaire) -> list:
        """Sheets of several assessments of one questionnaire (the partners' joint assessments):
        the structure is loaded once and every answer in one query, whatever their number."""
        sections = questionnaires.load_structure(questionnaire)
        by_assessment = {a.pk: [] for a in assessments}
        for row in Answer.objects.filter(assessment__in=list(by_assessment)).order_by():
            by_assessment[row.assessment_id].append(row)
        return [cls(a, sections=sections, rows=by_assessment[a.pk]) for a in assessments]

    @property
    def values(self) -> dict:
        """question key -> stored value. Computed once per change; callers must not modify it."""
        if getattr(self, "_values", None) is None:
            self._values = {q.key: self.rows[q.id].value for q in self.questions if q.id in self.rows}
        return self._values

    def answer(self, question):
        return self.rows.get(question.id)

    def store(self, question, row):
        """Record a saved (or, with None, removed) answer, keeping derived values current."""
        if row is None:
            self.rows.pop(question.id, None)
        else:
            self.rows[question.id] = row
        self._values = self._visible = None

    def reread(self, section):
        """The section's answers and private notes as saved now, or its page's rows. Saving reads
        them again once it holds the assessment's lock: another officer's save may have been
        committed since this request first read them."""
        if section.slug in self.pages:
            fresh = steps.get(self.assessment.step_id).load_extras(self.assessment)
            # The partners stay those the page was shown and checked with.
            fresh.members = self.extras.members
            self.extras = fresh
            for page in self.pages.values():
                page.data = fresh
            return
        ids = [q.id for q in section.questions.all()]
        for question_id in ids:
            self.rows.pop(question_id, None)
            self.notes.pop(question_id, None)
        answers = self.assessment.answers.filter(question_id__in=ids).select_related("updated_by").order_by()
        self.rows.update((a.question_id, a) for a in answers)
        if self.private:
            notes = self.assessment.private_notes.filter(question_id__in=ids).select_related("updated_by")
            self.notes.update((n.question_id, n) for n in notes)
        self._values = self._visible = None

    def visible(self, values=None) -> set:
        """Keys of the questions shown, for the saved answers or for ``values`` if given."""
        if values is not None:
            return conditions.visible_keys(self.specs, values)
        if getattr(self, "_visible", None) is None:
            self._visible = conditions.visible_keys(self.specs, self.values)
        return self._visible

    def visible_sections(self, values=None):
        """Pages of rows, and sections with at least one question whose condition holds."""
        shown = self.visible(values)
        return [s for s in self.sections if s.slug in self.pages or any(q.key in shown for q in s.questions.all())]

    def page(self, section):
        """The page of rows a section is, or None for a section of questions."""
        return self.pages.get(section.slug)

    def section(self, slug):
        return next((s for s in self.sections if s.slug == slug), None)

    def missing_in(self, section, values=None) -> list:
        """Visible required questions of a section without an answer (for a page of rows, what
        it still needs, in words)."""
        if section.slug in self.pages:
            return self.pages[section.slug].missing()
        values = self.values if values is None else values
        shown = self.visible(values)
        return [
            q
            for q in section.questions.all()
            if q.key in shown and q.required and not conditions.is_answered(values.get(q.key))
        ]

    def section_status(self, section) -> str:
        """Task-list status of one section."""
        if section.slug in self.pages:
            return self.pages[section.slug].status()
        questions = list(section.questions.all())
        if not any(q.id in self.rows for q in questions):
            return "Not started"
        return "In progress" if self.missing_in(section) else "Completed"

    def resume_section(self):
        """The first visible section with an unanswered required question, else the first section."""
        visible = self.visible_sections()
        for section in visible:
            if self.missing_in(section):
                return section
        return visible[0] if visible else None

    def is_complete(self) -> bool:
        return not any(self.missing_in(s) for s in self.visible_sections())

    def seen_stamp(self, section) -> datetime:
        """The latest save of the section among those read here: the page remembers it, and its
        saving then finds whatever was saved after it. Not the time the page was opened: a save
        stamped just before that but committed just after would not be seen, yet look older."""
        if section.slug in self.pages:
            return self.pages[section.slug].seen_stamp() or NOTHING_SEEN
        ids = [q.id for q in section.questions.all()]
        times = [self.rows[i].updated_at for i in ids if i in self.rows] + [self.notes[i].updated_at for i in ids if i in self.notes]
        return max(times, default=NOTHING_SEEN)

    def last_changed(self, section):
        """The row of the section changed last (its ``updated_by`` and ``updated_at``), or None."""
        if section.slug in self.pages:
            return self.pages[section.slug].last_changed()
        rows = [self.rows[q.id] for q in section.questions.all() if q.id in self.rows]
        return max(rows, key=lambda r: r.updated_at) if rows else None

    def appendix(self) -> list:
        """Every shown question with its answer and comment, section by section; a page of rows
        describes its own (``table``)."""
        shown = self.visible()
        sections = []
        for section in self.visible_sections():
            if section.slug in self.pages:
                sections.append({"section": section, "items": self.pages[section.slug].appendix(), "table": True})
                continue
            items = []
            for question in section.questions.all():
                if question.key not in shown:
                    continue
                row = self.answer(question)
                note = self.notes.get(question.id)
                items.append(
                    {
                        "question": question,
                        "answer": display_value(question, row.value if row else None),
                        "comment": row.comment if row else "",
                        "private_note": note.text if note else "",
                        "row": row,
                    }
                )
            sections.append({"section": section, "items": items})
        return sections


def to_json(value):
    """Form values as JSON: dates as ISO strings, decimals as strings so money stays exact."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        # Plain digits: "1e3" reads as Decimal("1E+3") and "-0" keeps its sign, but the answer
        # is stored, compared and fingerprinted as "1000" and "0".
        return format(value.copy_abs() if value.is_zero() else value, "f")
    return value


def find_conflicts(
    sheet: AnswerSheet, section, submitted: dict, seen_at: datetime | None, user, comments=None, notes=None
) -> list:
    """Answers, comments and private notes in the section that someone else changed since
    ``seen_at`` and that differ from what this person submitted. Saving over them would silently
    lose that person's work."""
    if seen_at is None:
        return []
    comments, notes = comments or {}, notes or {}

    def changed_by_another(row):
        return row is not None and row.updated_at > seen_at and row.updated_by_id != user.id

    def who(row):
        return (row.updated_by.get_full_name() or row.updated_by.username) if row.updated_by else "someone"

    conflicts = []
    for question in section.questions.all():
        row = sheet.answer(question)
        if changed_by_another(row):
            if question.key in submitted and to_json(submitted[question.key]) != row.value:
                conflicts.append(Conflict(question, row.value, who(row), row.updated_at))
            if question.key in comments and comments[question.key] != row.comment:
                conflicts.append(Conflict(question, row.comment, who(row), row.updated_at, "comment"))
        note = sheet.notes.get(question.id)
        if changed_by_another(note) and question.key in notes and notes[question.key] != note.text:
            conflicts.append(Conflict(question, note.text, who(note), note.updated_at, "private note"))
    return conflicts


def stamp_after(latest: datetime) -> datetime:
    """The time a save is stamped with: now, or just after the page's latest save if that looks
    later. Saves of a page hold the lock one after another, so their stamps then only ever rise,
    even when app servers' clocks differ."""
    return max(timezone.now(), latest + timedelta(microseconds=1))


def _lock(sheet: AnswerSheet, section) -> Assessment:
    """Lock the assessment for the rest of the transaction, so saves of it happen one after the
    other, and read the page's saved answers again: a save that waited for the lock must see what
    the one before it wrote."""
    assessment = Assessment.objects.select_for_update().get(pk=sheet.assessment.pk)
    if assessment.is_submitted:
        raise AssessmentClosed()
    sheet.assessment.sections_saved, sheet.assessment.pages_saved = assessment.sections_saved, assessment.pages_saved
    sheet.reread(section)
    return assessment


@transaction.atomic
def save_section(
    sheet: AnswerSheet, section, values: dict, comments: dict, user, notes: dict | None = None, seen_at=None
) -> int:
    """Write one page's answers, and its private notes when given. Returns how many answers changed.

    Raises ``ChangedMeanwhile``, saving nothing, when someone else changed what this person
    submitted after ``seen_at`` (when they opened the page). Only changed answers are written, so
    "who changed it and when" stays true. Clearing an answer removes it; an answer hidden by a
    condition is kept, and scoring leaves it out.
    """
    assessment = _lock(sheet, section)
    conflicts = find_conflicts(sheet, section, values, seen_at, user, comments=comments, notes=notes)
    if conflicts:
        raise ChangedMeanwhile(conflicts)
    now = stamp_after(sheet.seen_stamp(section))
    changed = 0
    for question in section.questions.all():
        if question.key not in values:
            continue
        value = to_json(values[question.key])
        comment = comments.get(question.key, "")
        row = sheet.answer(question)
        if not conditions.is_answered(value) and not comment:
            if row is not None:
                row._history_user = user  # the audit trail's "who", with or without a request
                row.delete()
                sheet.store(question, None)
                changed += 1
            continue
        if row is not None and row.value == value and row.comment == comment:
            continue
        row = row or Answer(assessment=assessment, question=question)
        row.value, row.comment, row.updated_by, row.updated_at = value, comment, user, now
        row._history_user = user
        row.save()
        sheet.store(question, row)
        changed += 1
    if notes is not None:
        save_notes(sheet, section, notes, user, now)
    if section.slug not in assessment.sections_saved:
        assessment.sections_saved.append(section.slug)
        assessment.save(update_fields=["sections_saved"])
        sheet.assessment.sections_saved = assessment.sections_saved
    return changed


@transaction.atomic
def save_page(sheet: AnswerSheet, section, page, form, user, seen_at=None) -> None:
    """Save a page of rows in one transaction, unless the assessment was submitted meanwhile.
    Raises ``ChangedMeanwhile``, saving nothing, when someone else saved the page after
    ``seen_at``; its ``conflicts`` are their changed rows."""
    assessment = _lock(sheet, section)
    theirs = page.changed_since(seen_at, user)
    if theirs:
        raise ChangedMeanwhile(theirs)
    now = stamp_after(sheet.seen_stamp(section))
    page.save(form, user, now)
    if section.slug not in assessment.sections_saved:
        assessment.sections_saved.append(section.slug)
    assessment.pages_saved[section.slug] = {"at": now.isoformat(), "by": user.pk}
    assessment.save(update_fields=["sections_saved", "pages_saved"])
    sheet.assessment.sections_saved, sheet.assessment.pages_saved = assessment.sections_saved, assessment.pages_saved


def save_notes(sheet: AnswerSheet, section, notes: dict, user, now):
    """The council's private notes on a page: kept apart from the answers, never shared."""
    for question in section.questions.all():
        if question.key not in notes:
            continue
        text, note = notes[question.key], sheet.notes.get(question.id)
        if not text:
            if note is not None:
                note._history_user = user
                note.delete()
                sheet.notes.pop(question.id)
        elif note is None or note.text != text:
            note = note or PrivateNote(assessment=sheet.assessment, question=question)
            note.text, note.updated_by, note.updated_at = text, user, now
            note._history_user = user
            note.save()
            sheet.notes[question.id] = note


@dataclass(frozen=True)
class Suggestion:
    """A starting value offered for a question from another assessment, and where it came from."""

    value: object
    source: str  # e.g. "your council's self assessment submitted 3 May 2026"


# The audit trail's reason for answers a new assessment starts with.
CARRIED = "Carried over from the earlier assessment"


@transaction.atomic
def start_assessment(questionnaire, user, council=None, partnership=None) -> Assessment:
    """Start a new assessment, carrying over the answers of the owner's latest one by question key.

    This is how a new questionnaire version keeps earlier answers: questions whose key is in
    both versions start with the earlier answer; options that no longer exist are dropped.
    """
    latest = (
        Assessment.objects.filter(step=questionnaire.step_id, council=council, partnership=partnership)
        .order_by("-started_at")
        .first()
    )
    assessment = Assessment.objects.create(
        questionnaire=questionnaire, council=council, partnership=partnership, started_by=user
    )
    if latest is None:
        return assessment
    earlier = {a.question.key: a for a in latest.answers.select_related("question")}
    questions = [q for section in questionnaires.load_structure(questionnaire) for q in section.questions.all()]
    carried = []
    for question in questions:
        old = earlier.get(question.key)
        if old is None:
            continue
        value = carry_value(question, old.value)
        if conditions.is_answered(value) or old.comment:
            carried.append(
                Answer(
                    assessment=assessment,
                    question=question,
                    value=value,
                    comment=old.comment,
                    updated_by=old.updated_by,
                    updated_at=old.updated_at,
                )
            )
    # With their history: the new assessment's trail starts with what was carried over, and by whom.
    audit = {"default_user": user, "default_change_reason": CARRIED}
    bulk_create_with_history(carried, Answer, **audit)
    # A council's private notes go with its answers into the new assessment.
    by_key = {q.key: q for q in questions}
    notes = [
        PrivateNote(
            assessment=assessment,
            question=by_key[note.question.key],
            text=note.text,
            updated_by=note.updated_by,
            updated_at=note.updated_at,
        )
        for note in latest.private_notes.select_related("question")
        if note.question.key in by_key
    ]
    bulk_create_with_history(notes, PrivateNote, **audit)
    return assessment


def carry_value(question: Question, value):
    """An earlier answer as it fits the question now: option values that still exist only."""
    if not question.is_choice:
        return value
    options = {o.value for o in question.options.all()}
    if isinstance(value, list):
        kept = [v for v in value if v in options]
        return kept if question.kind == Question.Kind.MULTIPLE else (kept[0] if kept else None)
    return value if value in options else None
