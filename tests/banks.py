"""A small questionnaire written for tests, whose results are worked out by hand below.

The real question bank changes as admins and reviewers improve it; tests of the journey and the
rules use this one instead, so they neither branch on the bank's shape nor compare the code with
itself. It has every feature the wizard handles: a gate question, weights, a follow-up on the
same page and one on a later page, choice, money, date, text and percentage questions.

Sections and questions (theme, weight, option scores):

1. gate-questions: ``gate`` yes/no gate (leadership, 1; yes 100, no 0)
2. aims: ``aims-clear`` yes/partly/no (vision, 2; 100/50/0); ``aims-agreed`` agreement (vision, 1;
   100/75/50/25/0); ``aims-detail`` long text, shown when aims-clear is "no" (same page)
3. costs: ``costs-known`` yes/no (finance, 1); ``costs-budget`` money; ``costs-review`` date and
   ``costs-staff`` number, both optional
4. plans: ``plans-why-not`` text, and ``plans-costing-soon`` yes/no, optional (finance, 1), both shown
   when costs-known is "no" (earlier page); ``plans-services`` multiple choice (vision, 1; hr 100,
   it 50, legal 0); ``plans-never`` the same options, optional and unscored; ``plans-share``
   percentage, optional

How partners' answers compare in a joint assessment (``COMPARISONS``): the gate and
aims-clear must match, aims-agreed may differ, the budget within 10%, the review date within 12
months, the services in scope overlap with those never shared, the share within 5 points.
"""

from toolkit.models import Option, Question, Questionnaire, Section, Theme

YES_NO = [("yes", "Yes", 100), ("no", "No", 0)]
YES_PARTLY_NO = [("yes", "Yes", 100), ("partly", "Partly", 50), ("no", "No", 0)]
AGREEMENT = [
    ("strongly-agree", "Strongly agree", 100),
    ("agree", "Agree", 75),
    ("neutral", "Neither agree nor disagree", 50),
    ("disagree", "Disagree", 25),
    ("strongly-disagree", "Strongly disagree", 0),
]
SERVICES = [("hr", "Human resources", 100), ("it", "IT", 50), ("legal", "Legal", 0)]

# (key, text, kind, theme, weight, options, extra fields)
SECTIONS = [
    ("gate-questions", "Gate questions", [
        ("gate", "Are leaders committed?", "yes_no", "leadership", 1, YES_NO, {"is_gate": True}),
    ]),
    ("aims", "Aims", [
        ("aims-clear", "Are your aims clear?", "yes_partly_no", "vision", 2, YES_PARTLY_NO, {}),
        ("aims-agreed", "Do members agree the aims?", "agreement", "vision", 1, AGREEMENT, {}),
        ("aims-detail", "What is unclear?", "long_text", "vision", 0, [], {"show_when": ("aims-clear", "no")}),
    ]),
    ("costs", "Costs", [
        ("costs-known", "Do you know your costs?", "yes_no", "finance", 1, YES_NO, {}),
        ("costs-budget", "What is the budget?", "money", "finance", 0, [], {}),
        ("costs-review", "When are costs next reviewed?", "date", "finance", 0, [], {"required": False}),
        ("costs-staff", "How many staff work in the service?", "number", "finance", 0, [], {"required": False}),
    ]),
    ("plans", "Plans", [
        ("plans-why-not", "Why are costs not known?", "text", "finance", 0, [], {"show_when": ("costs-known", "no")}),
        ("plans-costing-soon", "Will costs be known within a year?", "yes_no", "finance", 1, YES_NO,
         {"show_when": ("costs-known", "no"), "required": False}),
        ("plans-services", "Which services would you share?", "multiple", "vision", 1, SERVICES, {}),
        ("plans-never", "Which services would you never share?", "multiple", "vision", 0, SERVICES, {"required": False}),
        ("plans-share", "What share of the budget is in scope?", "percentage", "finance", 0, [], {"required": False}),
    ]),
]

COMPARISONS = {
    "gate": {"comparison": "match"},
    "aims-clear": {"comparison": "match"},
    "aims-agreed": {"comparison": "differ"},
    "costs-known": {"comparison": "match"},
    "costs-budget": {"comparison": "tolerance", "tolerance": 10, "tolerance_is_percent": True},
    "costs-review": {"comparison": "months", "months": 12},
    "plans-services": {"comparison": "overlap", "excluded_by": "plans-never"},
    "plans-never": {"comparison": "differ"},
    "plans-share": {"comparison": "tolerance", "tolerance": 5},
}

# Answers as the wizard stores them, and their results worked out by hand.
STRONG = {
    "gate": "yes", "aims-clear": "yes", "aims-agreed": "agree", "costs-known": "yes",
    "costs-budget": "250000", "plans-services": ["hr", "it"],
}
# leadership 100; vision (2×100 + 75 + mean(100, 50)) / 4 = 87.5; finance 100;
# overall (100 + 87.5 + 100) / 3 = 95.83: ready; every theme a strength; no gaps.

MIXED = {
    "gate": "yes", "aims-clear": "no", "aims-detail": "Members disagree on scope.", "aims-agreed": "disagree",
    "costs-known": "no", "costs-budget": "1250000", "plans-why-not": "No costing yet", "plans-services": ["legal"],
}
# leadership 100; vision (2×0 + 25 + 0) / 4 = 6.25; finance 0; overall (100 + 6.25 + 0) / 3 = 35.42:
# not ready; strength: leadership; gaps, lowest first and in questionnaire order among equals:
# aims-clear (0), costs-known (0), plans-services (0), aims-agreed (25).

GATE_FAILED = {**STRONG, "gate": "no"}
# leadership 0; vision 87.5; finance 100; overall 62.5 (shown as 63) would be "nearly ready", but the failed
# gate caps the verdict at "not ready yet".


def questionnaire(step="self", title="Test questionnaire", publish=True) -> Questionnaire:
    """The bank above as a questionnaire of ``step``, published in place of the real one."""
    version = (Questionnaire.objects.filter(step=step).order_by("-version").values_list("version", flat=True).first() or 0) + 1
    found = Questionnaire.objects.create(step_id=step, version=version, title=title, status="draft")
    themes = {t.slug: t for t in Theme.objects.all()}
    questions = {}
    for position, (slug, section_title, items) in enumerate(SECTIONS, start=1):
        section = Section.objects.create(questionnaire=found, position=position, slug=slug, title=section_title)
        for index, (key, text, kind, theme, weight, options, extra) in enumerate(items, start=1):
            extra = dict(extra)
            show_when = extra.pop("show_when", None)
            question = Question.objects.create(
                section=section, position=index, key=key, text=text, kind=kind, theme=themes[theme], weight=weight,
                source="002_3629ed7e1db573a4.txt",
                show_when_question=questions[show_when[0]] if show_when else None,
                show_when_value=show_when[1] if show_when else "", **extra,
            )
            Option.objects.bulk_create(
                Option(question=question, position=i, value=v, label=label, score=score)
                for i, (v, label, score) in enumerate(options)
            )
            questions[key] = question
    for key, settings in COMPARISONS.items():
        settings = dict(settings)
        if "excluded_by" in settings:
            settings["excluded_by"] = questions[settings["excluded_by"]]
        Question.objects.filter(pk=questions[key].pk).update(**settings)
    if publish:
        Questionnaire.objects.filter(step=step, status="published").update(status="retired")
        found.status = "published"
        found.save(update_fields=["status"])
    return found
