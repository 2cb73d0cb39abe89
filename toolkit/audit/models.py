"""The records whose every change is kept: a council's answers and private notes, a business
case's financial inputs, rows and sign-offs, the question bank and the signposting content, and
councils and people's places in them.

Each gets a historical model here (``HistoricalAnswer`` for ``Answer``...), a copy of its fields
plus when (``history_date``), who (``history_user``, from the request, or ``_history_user`` set on
the instance) and how (``history_type``: + made, ~ changed, - removed). Every ``save()`` and
``delete()`` writes one, queryset deletes included (Django then deletes row by row with signals);
queryset ``update()`` and ``bulk_create`` write none, so the product's own save paths use
``simple_history.utils.bulk_create_with_history`` and ``bulk_update_with_history`` instead.
"""

import simple_history

from toolkit import models as toolkit

AUDITED = [
    # Answers, and notes a council keeps to itself (their history is shown to that council only).
    toolkit.Answer, toolkit.PrivateNote,
    # A business case's own rows: options, the financial model's inputs, plan, risks, the gate.
    toolkit.CaseOption, toolkit.FinancialSettings, toolkit.PartnerFigures, toolkit.SetUpCost, toolkit.SavingEstimate,
    toolkit.IncomeEstimate, toolkit.Milestone, toolkit.Risk, toolkit.GateItem, toolkit.SignOff, toolkit.ProceedDecision,
    # The question bank and the signposting content that administrators edit.
    toolkit.Step, toolkit.Theme, toolkit.Questionnaire, toolkit.Section, toolkit.Question, toolkit.Option,
    toolkit.Guidance, toolkit.KeyTool, toolkit.Reading, toolkit.ExpertContact, toolkit.CaseStudy,
    # Councils, and who holds which role in them (a programme manager's rights come from it).
    toolkit.Council, toolkit.Membership,
]


# ``app`` puts each historical model in this app (its label, table and migrations), not the
# tracked model's.
for _model in AUDITED:
    simple_history.register(_model, app=__package__)
