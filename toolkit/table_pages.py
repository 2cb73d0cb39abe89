"""Wizard pages whose answers are rows of tables of their own, not answers to questions: a
business case's options, risks, milestones, financial figures and gate.

A step supplies a ``TablePage`` class for each such section kind (``toolkit.steps``). The
wizard, the task list, check your answers and the outline treat them like any other page: each
says whether it is started and what is missing, offers a form, saves it (telling the person of
anyone else's changes since they opened it, so nothing is silently overwritten) and describes
its answers for the appendix.

Repeating rows follow the "add another" pattern without JavaScript: "Add another" and "Remove"
are buttons that post the page and show it again with a row more or less, keeping what was
typed (``adjust_rows``).
"""

import re
from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.forms import formset_factory

from toolkit.forms import SeenField


ADD = "add"
MAX_ROWS = 100  # more rows than any business case needs, and a bound on what a post may ask for
# A row's number has at most three digits (MAX_ROWS): int() refuses a tampered one of thousands.
REMOVE = re.compile(r"^remove-([0-9]{1,3})$")


class TablePage:
    """One page of a step's own rows. Subclasses set ``template`` and implement the rest."""

    template = ""  # renders the page's form inside the wizard's section page
    rows_name = ""  # the part of the page that is an "add another" list, if any

    def __init__(self, sheet, section):
        self.sheet, self.section, self.assessment = sheet, section, sheet.assessment
        self.data = sheet.extras

    # What the wizard asks.

    def form(self, data=None, prefix=None):
        raise NotImplementedError

    def save(self, form, user, now) -> None:
        raise NotImplementedError

    def rows(self) -> list:
        """The page's saved rows (with ``updated_by`` and ``updated_at``)."""
        raise NotImplementedError

    def missing(self) -> list:
        """What is still needed before the page is complete, in plain words."""
        return [] if self.rows() else ["Nothing entered yet"]

    def appendix(self) -> list:
        """[{"label", "answer"}] for check your answers and the outline's appendix."""
        raise NotImplementedError

    def adjust(self, data, prefix, action):
        """The posted data with a row added or removed, or None if the action is neither."""
        return adjust_rows(data, f"{prefix}-{self.rows_name}", action) if self.rows_name else None

    # Derived.

    def status(self) -> str:
        if not self.rows():
            return "Not started"
        return "In progress" if self.missing() else "Completed"

    def last_changed(self):
        rows = [r for r in self.rows() if getattr(r, "updated_at", None)]
        return max(rows, key=lambda r: r.updated_at) if rows else None

    def seen_stamp(self):
        """The page's latest save as read here (its own record, else its newest row), or None."""
        times = [r.updated_at for r in self.rows() if getattr(r, "updated_at", None)]
        last = self.assessment.pages_saved.get(self.section.slug)
        if last:
            times.append(datetime.fromisoformat(last["at"]))
        return max(times, default=None)

    def changed_since(self, seen_at, user) -> list:
        """Someone else's saves of the page after ``seen_at`` (each with ``updated_by`` and
        ``updated_at``): saving over them would lose their work. The page's own record of its
        last save also catches rows they removed and figures kept outside ``rows()``."""
        if seen_at is None:
            return []
        last = self.assessment.pages_saved.get(self.section.slug)
        if last and last["by"] != user.pk and datetime.fromisoformat(last["at"]) > seen_at:
            return [PageSave(updated_by=get_user_model().objects.filter(pk=last["by"]).first(), updated_at=datetime.fromisoformat(last["at"]))]
        return [r for r in self.rows() if r.updated_at > seen_at and r.updated_by_id != user.id]


@dataclass
class PageSave:
    updated_by: object
    updated_at: datetime


def adjust_rows(data, prefix, action):
    """POST data with a row added, or the ``remove-N`` row taken out (later rows move up), or
    None when ``action`` is neither. Typed values are kept."""
    match = REMOVE.match(action or "")
    if action != ADD and not match:
        return None
    total_name = f"{prefix}-TOTAL_FORMS"
    try:
        total = max(0, min(int(data.get(total_name) or 0), MAX_ROWS))
    except ValueError:
        raise SuspiciousOperation(f"{total_name} is not a number")
    data = data.copy()
    if action == ADD:
        data[total_name] = str(min(total + 1, MAX_ROWS))
        return data
    gone = int(match[1])
    if gone >= total:
        return None
    # Every field of each later row moves up whole: an unticked box is not posted at all, so
    # copying only the fields the row above posted would lose a later row's tick.
    rows = [_row_fields(data, f"{prefix}-{index}-") for index in range(total)]
    for index, fields in enumerate(rows):
        for field in fields:
            del data[f"{prefix}-{index}-{field}"]
    for index, fields in enumerate(rows[:gone] + rows[gone + 1:]):
        for field, values in fields.items():
            data.setlist(f"{prefix}-{index}-{field}", values)
    data[total_name] = str(total - 1)
    return data


def _row_fields(data, start) -> dict:
    return {key[len(start):]: data.getlist(key) for key in data if key.startswith(start)}


def rows_formset(form_class, *, data=None, initial=(), prefix, extra_if_empty=1, formset=forms.BaseFormSet, form_kwargs=None):
    """A formset of rows for the "add another" pattern: the saved rows, and one empty row to
    start with when there are none. Rows left wholly blank are ignored.

    A posted page is judged on what was posted alone, not against the saved rows: otherwise a
    row left as it was would count as blank and be dropped on saving."""
    initial = list(initial)
    FormSet = formset_factory(form_class, formset=formset, extra=0 if initial else extra_if_empty, max_num=MAX_ROWS, absolute_max=MAX_ROWS)
    return FormSet(data=data, initial=[] if data is not None else initial, prefix=prefix, form_kwargs=form_kwargs or {})


def filled(formset) -> list:
    """The cleaned rows of a valid formset, leaving out rows left blank."""
    return [form.cleaned_data for form in formset.forms if form.cleaned_data and form.has_changed()]


class RowForm(forms.Form):
    """A row of an "add another" list. Blank rows are allowed (and ignored)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_permitted", True)
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, **kwargs)


class SeenForm(forms.Form):
    """The page's latest save when the person opened it, to tell them of anyone else's since."""

    seen_at = SeenField(required=False)


class PageForm:
    """A page of rows' forms and formsets, validated and shown together.

    ``parts`` maps a name to a form or a formset; the template reaches them as ``form.parts``.
    """

    def __init__(self, parts: dict, *, data=None, prefix="page", check=None):
        self.parts = parts
        self.prefix = prefix
        self.check = check  # check(parts): what only the page as a whole can tell, by add_error
        # The wizard gives the page's latest save as read (AnswerSheet.seen_stamp) when it shows it.
        self.seen = SeenForm(data=data, prefix=prefix)

    def __getitem__(self, name):
        return self.parts[name]

    @property
    def forms(self) -> list:
        """Every form on the page, in page order, for the error summary."""
        found = []
        for part in self.parts.values():
            if hasattr(part, "forms"):
                found.append(FormsetErrors(part))
                found.extend(part.forms)
            else:
                found.append(part)
        return found

    def is_valid(self) -> bool:
        results = [part.is_valid() for part in self.parts.values()]
        if all(results) and self.check is not None:
            self.check(self.parts)
            results = [not getattr(part, "errors", None) if not hasattr(part, "forms") else part.is_valid() for part in self.parts.values()]
        return all(results) and self.seen.is_valid()

    @property
    def errors(self):
        return any(getattr(f, "errors", None) for f in self.forms)

    @property
    def seen_at(self):
        return self.seen.cleaned_data.get("seen_at") if self.seen.is_valid() else None

    def quiet(self):
        """Show what was typed without judging it (after "Add another" or "Remove")."""
        from django.forms.utils import ErrorDict, ErrorList

        for part in self.parts.values():
            for form in getattr(part, "forms", [part]):
                form._errors = ErrorDict()
                form.cleaned_data = {}
            if hasattr(part, "forms"):
                part._errors, part._non_form_errors = [], ErrorList()
        return self


class FormsetErrors:
    """A formset's own errors (not its rows'), as the error summary reads a form's."""

    fields = {}
    errors = {}

    def __init__(self, formset):
        self.formset = formset

    def non_field_errors(self):
        return self.formset.non_form_errors() if self.formset.is_bound else []
