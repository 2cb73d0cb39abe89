"""The three steps, and what each supplies to the one path from start to export.

Starting, the task list, the wizard, check your answers, submitting, the confirmation, the
result page and its PDF are the same code for every step (``toolkit.journey``,
``toolkit.views``, ``toolkit.exports``). Each step says here what differs: who owns its
assessments, how its result is built, which templates show it and what its export is called.
A step whose ``result`` is None has no report yet: its assessments can be answered and
submitted, and the export command says so.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.module_loading import import_string

from toolkit import page_cache
from toolkit.models import Export, Step

# Who owns a step's assessments.
COUNCIL = "council"  # one council (self assessment)
MEMBER = "member"  # one council within a partnership (joint assessment)
PARTNERSHIP = "partnership"  # the partnership as a whole (design)


@dataclass(frozen=True)
class Result:
    """A step's report, built from submitted answers and shown as a page and a PDF.

    Its subject is what it is built from: one submitted assessment (the readiness summary), or
    a partnership, whose report is made from its members' submitted assessments.
    """

    title: str
    export_kind: str
    filename: str  # the start of the PDF's file name, before the owner's name
    page_template: str
    pdf_template: str
    builder: str  # dotted path to ``build(assessment) -> dict``; see ``build``
    next_steps: str  # what the confirmation page says the report gives
    rules_url_name: str = ""  # a page explaining how the result is worked out, and the part of it
    rules_fragment: str = ""
    rules_link_text: str = ""
    of_partnership: bool = False  # built from a partnership rather than from one assessment
    page_url_name: str = "toolkit:assessment-summary"  # takes the subject's pk, or a partnership's slug
    readiness_check: str = ""  # dotted path to ``ready(subject) -> bool``, when a report needs more than one assessment
    word_builder: str = ""  # dotted path to ``build(context) -> bytes``: the report as a Word document too
    # The page's body kept in the cache (toolkit/page_cache.py), for reports whose inputs can all
    # be named: ``inputs`` is a dotted path to ``inputs(subject) -> tuple`` naming all of them.
    body_template: str = ""
    inputs: str = ""

    def build(self, subject) -> dict:
        """The report's context. It holds at least ``owner`` (a council or partnership),
        ``questionnaire`` and ``sources``: {assessment: its answers by question key}, which the
        export keeps so the report can be explained and produced again. Raises
        ``toolkit.exports.NoResult`` when there is nothing to report yet."""
        return import_string(self.builder)(subject)

    def body(self, subject) -> str:
        """The page's body as HTML, kept from an earlier request when its inputs are the same.
        Only for a report with ``inputs``."""
        return page_cache.body(self.export_kind, import_string(self.inputs)(subject), self.body_template, lambda: self.build(subject))

    def subject_of(self, assessment):
        return assessment.partnership if self.of_partnership else assessment

    @property
    def rules_url(self) -> str:
        return reverse(self.rules_url_name) + (f"#{self.rules_fragment}" if self.rules_fragment else "") if self.rules_url_name else ""

    def ready(self, subject) -> bool:
        """Whether there is a report to see yet."""
        return import_string(self.readiness_check)(subject) if self.readiness_check else True

    def url(self, assessment) -> str:
        subject = self.subject_of(assessment)
        return reverse(self.page_url_name, args=[subject.slug if self.of_partnership else subject.pk])


@dataclass(frozen=True)
class Wording:
    """What a step calls submitting and its outcome, where an assessment's words would mislead."""

    submit_heading: str = "Now submit your assessment"
    submit_text: str = ""  # when blank: the answers are fixed, the result is produced, a new one may follow
    submit_button: str = "Submit assessment"
    submitted_title: str = "Assessment submitted"
    submitted_by: str = "Submitted by"  # ... {person} on {date}.
    fixed: str = "Its answers can no longer be changed."
    closed: str = "This assessment has been submitted, so its answers can no longer be changed."
    already: str = "This assessment has already been submitted."
    incomplete: str = "Answer every required question before you submit."


ASSESSMENT_WORDING = Wording()
SIGN_OFF_WORDING = Wording(
    submit_heading="Now mark the business case ready for sign-off",
    submit_text=(
        "Its content is then fixed, and each partner council's programme manager signs it off for their council. "
        "Changing it afterwards withdraws every sign-off."
    ),
    submit_button="Mark ready for sign-off",
    submitted_title="Ready for sign-off",
    submitted_by="Marked ready for sign-off by",
    fixed="To change it, choose “Make changes to the business case”: every sign-off is withdrawn first.",
    closed=(
        "The business case cannot be changed here once it is ready for sign-off. To change it, choose "
        "“Make changes to the business case”: every sign-off is withdrawn first."
    ),
    already="The business case is already ready for sign-off.",
    incomplete="Complete every page before you mark the business case ready for sign-off.",
)


@dataclass(frozen=True)
class StepKind:
    code: str
    path: str  # the step's part of a council's page address, e.g. "self-assessment"
    title: str  # the step's name, as page headings give it
    noun: str  # what is started, continued and submitted, in a sentence: "the business case"
    owner: str
    result: Result | None = None
    private_notes: bool = False  # officers may keep notes private to their council on each question
    suggester: str = ""  # dotted path to ``suggest(assessment) -> {key: answers.Suggestion}``: starting values
    table_pages: str = ""  # dotted path to {Section.kind: TablePage class}, for pages of the step's own rows
    extras_loader: str = ""  # dotted path to ``load(assessment)``: those rows, in a fixed number of queries
    submitted_status: str = "submitted"  # the status submitting gives
    after_submit: str = ""  # dotted path to ``after_submit(assessment)``, e.g. to compare partners again
    overview_template: str = ""  # what the step adds to its task list page, and
    overview_context: str = ""  # dotted path to ``context(assessment, user) -> dict`` for it
    # The owner keeps a single one, changed by reopening it (which warns and withdraws sign-offs),
    # never replaced by a second that would leave the first's sign-offs behind.
    one_per_owner: bool = False
    wording: Wording = ASSESSMENT_WORDING

    def suggestions(self, assessment) -> dict:
        return import_string(self.suggester)(assessment) if self.suggester else {}

    def page_class(self, section_kind):
        registry = import_string(self.table_pages)
        return (registry() if callable(registry) else registry)[section_kind]

    def load_extras(self, assessment):
        return import_string(self.extras_loader)(assessment)

    @property
    def home_url_name(self):
        return f"toolkit:{self.path}"

    @property
    def start_url_name(self):
        return f"toolkit:{self.path}-start"


READINESS = Result(
    title="Readiness summary",
    export_kind=Export.Kind.READINESS,
    filename="readiness-summary",
    page_template="readiness/summary.html",
    pdf_template="readiness/pdf.html",
    builder="toolkit.readiness.report.readiness_summary",
    body_template="readiness/page_body.html",
    inputs="toolkit.readiness.report.summary_inputs",
    next_steps="Read your readiness summary: it shows your verdict, your strengths, and the gaps to close, with tips, tools, experts and case studies for each.",
    rules_url_name="toolkit:how-we-score",
    rules_fragment="readiness",
    rules_link_text="How we score readiness",
)

COMPATIBILITY = Result(
    title="Compatibility report",
    export_kind=Export.Kind.COMPATIBILITY,
    filename="compatibility-report",
    page_template="compatibility/report.html",
    pdf_template="compatibility/pdf.html",
    builder="toolkit.compatibility.report.compatibility_report",
    body_template="compatibility/report_body.html",
    inputs="toolkit.compatibility.report.report_inputs",
    next_steps=(
        "Once two or more partner councils have submitted, the compatibility report compares your answers: "
        "where you agree, where you differ, and what to resolve before the business case."
    ),
    rules_url_name="toolkit:how-we-score",
    rules_fragment="compatibility",
    rules_link_text="How we compare answers",
    of_partnership=True,
    page_url_name="toolkit:partnership-report",
    readiness_check="toolkit.compatibility.report.report_ready",
)

BUSINESS_CASE = Result(
    title="Business-case outline",
    export_kind=Export.Kind.BUSINESS_CASE,
    filename="business-case-outline",
    page_template="business_case/outline.html",
    pdf_template="business_case/pdf.html",
    builder="toolkit.business_case.report.outline",
    body_template="business_case/body.html",
    inputs="toolkit.business_case.report.outline_inputs",
    next_steps=(
        "The business case is ready for sign-off. Each partner council's programme manager signs it off for their "
        "council; it is signed off when every partner has signed."
    ),
    rules_url_name="toolkit:how-we-score",
    rules_fragment="finance",
    rules_link_text="How the figures are worked out",
    word_builder="toolkit.business_case.word.build",
)

STEPS = {
    kind.code: kind
    for kind in [
        StepKind(Step.SELF, "self-assessment", "Self assessment", "self assessment", COUNCIL, READINESS),
        StepKind(
            Step.JOINT, "joint-assessment", "Joint assessment", "joint assessment", MEMBER, COMPATIBILITY,
            private_notes=True, suggester="toolkit.compatibility.starting.from_self_assessment",
            after_submit="toolkit.compatibility.starting.after_submit",
        ),
        StepKind(
            Step.DESIGN, "design", "Design", "business case", PARTNERSHIP,
            table_pages="toolkit.business_case.pages.pages", extras_loader="toolkit.business_case.pages.load",
            submitted_status="awaiting_sign_off", result=BUSINESS_CASE,
            overview_template="business_case/overview.html", overview_context="toolkit.business_case.views.overview_extra",
            suggester="toolkit.business_case.starting.from_joint_assessments", one_per_owner=True,
            wording=SIGN_OFF_WORDING,
        ),
    ]
}


def get(code: str) -> StepKind:
    return STEPS[code]
