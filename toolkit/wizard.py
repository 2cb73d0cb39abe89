"""The questionnaire wizard: one page per section, answers saved to the database on every page.

Built on django-formtools' ``NamedUrlWizardView`` so every section has its own address. Two
things differ from a stock wizard, both because the answers live in the database rather than
in the session:

- The steps come from the questionnaire's sections, set per request in ``dispatch``; a section
  whose questions are all hidden by "show only when" conditions is left out.
- ``AnswerSheetStorage`` keeps no draft of its own: forms start from the saved answers, and the
  wizard resumes at the first section with an unanswered required question, on any device.
  ``post`` saves each page as it is submitted (refusing, under the assessment's lock, when somebody
  else changed the same answers since the page was opened) instead of collecting everything for a
  final ``done``.
"""

from collections import OrderedDict
from datetime import date
from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from formtools.wizard.forms import ManagementForm
from formtools.wizard.storage.base import BaseStorage
from formtools.wizard.views import NamedUrlWizardView, StepsHelper

from toolkit import access, conditions, snapshot
from toolkit.steps import get as step_kind
from toolkit.answers import AnswerSheet, AssessmentClosed, ChangedMeanwhile, Suggestion, carry_value, save_page, save_section
from toolkit.forms import SectionForm, answer_name, comment_name, note_name
from toolkit.models import Question

DONE_STEP = "check"


class AnswerSheetStorage(BaseStorage):
    """Wizard storage backed by the saved answers instead of the session."""

    def __init__(self, prefix, request=None, file_storage=None, sheet=None):
        super().__init__(prefix, request, file_storage)
        self.init_data()
        resume = sheet.resume_section() if sheet else None
        self.current_step = resume.slug if resume else None

    def reset(self):
        # formtools resets at its start page; the draft is the database's, so nothing is lost.
        step = self.current_step
        self.init_data()
        self.current_step = step

    def get_step_data(self, step):
        return None  # forms are built unbound, from the saved answers as initial values

    def set_step_data(self, step, cleaned_data):
        pass  # saved by toolkit.answers.save_section

    def update_response(self, response):
        pass


def initial_value(question: Question, value):
    """A stored JSON value as the form field expects it."""
    if value is None:
        return None
    if question.kind == Question.Kind.DATE:
        return date.fromisoformat(value)
    if question.kind in (Question.Kind.MONEY, Question.Kind.PERCENTAGE):
        return Decimal(str(value))
    return value


class AssessmentWizard(NamedUrlWizardView):
    template_name = "toolkit/wizard/section.html"

    @classmethod
    def as_wizard_view(cls):
        # formtools needs a form list at import time; the real one is built per request.
        return cls.as_view([("section", SectionForm)], url_name="toolkit:assessment-section", done_step_name=DONE_STEP)

    def dispatch(self, request, *args, **kwargs):
        if request.method in ("GET", "HEAD"):
            # The page's answers, notes or rows, and its record of saves, all read at one moment:
            # the latest save it shows (seen_at) then covers everything it shows, and any save not
            # in it is stamped later, so saving the page is told of it (toolkit/answers.py).
            with snapshot.one_moment():  # not read-only: a cache kept in the database may be written
                return self.read_and_dispatch(request, *args, **kwargs)
        return self.read_and_dispatch(request, *args, **kwargs)

    def read_and_dispatch(self, request, *args, **kwargs):
        # Read-only viewers (partners of a submitted joint assessment, administrators) get 403.
        self.assessment, self.rights = access.get_assessment(request.user, kwargs["pk"], "edit")
        if self.assessment.is_submitted:
            messages.error(request, step_kind(self.assessment.step_id).wording.closed)
            return redirect("toolkit:assessment", pk=self.assessment.pk)
        self.kind = step_kind(self.assessment.step_id)
        self.sheet = AnswerSheet(self.assessment, private=self.rights.private and self.kind.private_notes)
        self.suggestions = self.offered(self.kind.suggestions(self.assessment))
        self.form_list = OrderedDict((section.slug, SectionForm) for section in self.sheet.sections)
        step = kwargs.get("step")
        if step is not None and step != DONE_STEP and step not in self.form_list:
            raise Http404("No such section.")

        # What WizardView.dispatch does, with storage that reads the answer sheet.
        self.prefix = self.get_prefix(request, *args, **kwargs)
        self.storage = AnswerSheetStorage(self.prefix, request, sheet=self.sheet)
        self.steps = StepsHelper(self)
        response = View.dispatch(self, request, *args, **kwargs)
        self.storage.update_response(response)
        return response

    def get_form_list(self):
        # Instead of formtools' condition_dict: a section is shown when any of its questions is.
        visible = {s.slug for s in self.sheet.visible_sections()}
        return OrderedDict((slug, form) for slug, form in self.form_list.items() if slug in visible)

    def get_step_url(self, step):
        if step == DONE_STEP:
            return reverse("toolkit:assessment-check", args=[self.assessment.pk])
        return reverse(self.url_name, kwargs={"pk": self.assessment.pk, "step": step})

    def offered(self, suggestions) -> dict:
        """Starting values for questions not answered yet, as each question takes them now."""
        offered = {}
        saved = set(self.assessment.sections_saved)
        for section in self.sheet.sections:
            for question in section.questions.all():
                suggestion = suggestions.get(question.key)
                if suggestion is None or section.slug in saved or self.sheet.answer(question) is not None:
                    continue
                value = carry_value(question, suggestion.value)
                if conditions.is_answered(value):
                    offered[question.key] = Suggestion(value, suggestion.source)
        return offered

    def get_form(self, step=None, data=None, files=None):
        step = step or self.steps.current
        section = self.sheet.section(step)
        page = self.sheet.page(section)
        if page is not None:
            form = page.form(data=data, prefix=self.get_form_prefix(step, None))
            form.seen.initial["seen_at"] = self.sheet.seen_stamp(section)
            return form
        return super().get_form(step, data, files)

    def get_form_kwargs(self, step=None):
        return {
            "section": self.sheet.section(step or self.steps.current),
            "visible": self.sheet.visible(),
            "partial": self.request.POST.get("action") == "later",
            "notes_for": self.assessment.council if self.kind.private_notes and self.rights.private else None,
            "suggested": {key: s.source for key, s in self.suggestions.items()},
        }

    def get_form_initial(self, step):
        initial = {"seen_at": self.sheet.seen_stamp(self.sheet.section(step))}
        for question in self.sheet.section(step).questions.all():
            row = self.sheet.answer(question)
            if row is not None:
                initial[answer_name(question)] = initial_value(question, row.value)
                initial[comment_name(question)] = row.comment
            elif question.key in self.suggestions:
                initial[answer_name(question)] = initial_value(question, self.suggestions[question.key].value)
            note = self.sheet.notes.get(question.id)
            if note is not None:
                initial[note_name(question)] = note.text
        return initial

    def get(self, request, *args, **kwargs):
        if kwargs.get("step") == DONE_STEP:
            return redirect(self.get_step_url(DONE_STEP))
        return super().get(request, *args, **kwargs)

    def post(self, *args, **kwargs):
        management = ManagementForm(self.request.POST, prefix=self.prefix)
        if not management.is_valid():
            raise SuspiciousOperation("ManagementForm data is missing or has been tampered with.")
        # The wizard's own address (no section in it) takes no answers: a page is saved only at its own.
        step = kwargs.get("step")
        if step is None or management.cleaned_data["current_step"] != step or step not in self.get_form_list():
            raise Http404("No such section.")
        self.storage.current_step = step
        section = self.sheet.section(step)
        if self.sheet.page(section) is not None:
            return self.post_page(self.sheet.page(section), section, step)

        form = self.get_form(data=self.request.POST)
        if not form.is_valid():
            return self.render(form)

        try:
            save_section(
                self.sheet, section, form.values(), form.comments(), self.request.user,
                notes=form.notes(), seen_at=form.cleaned_data.get("seen_at"),
            )
        except AssessmentClosed:
            return self.closed()
        except ChangedMeanwhile as changed:
            # Show what changed and keep what this person typed; saving again keeps theirs.
            data = self.request.POST.copy()
            data[f"{form.prefix}-seen_at"] = self.sheet.seen_stamp(section).isoformat()  # as read under the lock
            return self.render(self.get_form(data=data), conflicts=changed.conflicts)
        return self.after_save(step)

    def closed(self):
        messages.error(self.request, "This assessment was submitted while you were working on it, so your changes were not saved.")
        return redirect("toolkit:assessment", pk=self.assessment.pk)

    def post_page(self, page, section, step):
        """A page of rows: "Add another" and "Remove" show it again with what was typed; saving
        checks for anyone else's changes first, like a page of questions."""
        prefix = self.get_form_prefix(step, None)
        adjusted = page.adjust(self.request.POST, prefix, self.request.POST.get("action"))
        if adjusted is not None:
            return self.render(page.form(data=adjusted, prefix=prefix).quiet())
        form = page.form(data=self.request.POST, prefix=prefix)
        if not form.is_valid():
            return self.render(form)
        try:
            save_page(self.sheet, section, page, form, self.request.user, seen_at=form.seen_at)
        except AssessmentClosed:
            return self.closed()
        except ChangedMeanwhile as changed:
            data = self.request.POST.copy()
            data[f"{prefix}-seen_at"] = self.sheet.seen_stamp(section).isoformat()  # as read under the lock
            return self.render(
                page.form(data=data, prefix=prefix).quiet(), page_conflicts=changed.conflicts, saved_appendix=page.appendix()
            )
        return self.after_save(step)

    def after_save(self, step):
        if self.request.POST.get("action") == "later":
            messages.success(self.request, "Your answers have been saved. You can come back to them at any time.")
            return redirect("toolkit:assessment", pk=self.assessment.pk)
        if self.request.GET.get("return") == "check":
            # Back to the changed section's answers (and away from the Change link's #fragment).
            return redirect(f"{self.get_step_url(DONE_STEP)}#section-{step}")
        next_step = self.next_shown_step(step)
        return redirect(self.get_step_url(next_step or DONE_STEP))

    def next_shown_step(self, step):
        # Answers on this page may have shown or hidden later sections, so recompute.
        steps = list(self.get_form_list())
        position = steps.index(step) if step in steps else -1
        return steps[position + 1] if position + 1 < len(steps) else None

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        steps = list(self.get_form_list())
        current = self.steps.current
        position = steps.index(current)
        context.update(
            assessment=self.assessment,
            owner=self.assessment.owner,
            section=self.sheet.section(current),
            section_number=position + 1,
            section_count=len(steps),
            back_url=self.get_step_url(steps[position - 1])
            if position
            else reverse("toolkit:assessment", args=[self.assessment.pk]),
            returning_to_check=self.request.GET.get("return") == "check",
            page=self.sheet.page(self.sheet.section(current)),
            last_changed=self.sheet.last_changed(self.sheet.section(current)),
        )
        return context
