"""The matrix's tables for the assessment pages and each council's step pages.

Each assessment page is tried with four assessments (tests/permissions/world.py):

- self: Merton's self assessment, submitted: Merton's people do everything, partners are outsiders;
- joint: Merton's answers in the legal partnership, submitted: Sutton reads them, read-only;
- design: the legal partnership's business case, ready for sign-off (Merton and Sutton have
  signed): every member council's people view and change it;
- partner-self: Sutton's self assessment, in progress: Merton, its partner elsewhere, sees nothing.

Administrators view everything and change nothing. Submitted answers cannot be changed, so the
wizard sends those who could have changed them back to the task list.
"""

from tests.permissions import Address
from tests.permissions.site import MERTONS_PAGE
from tests.wizard_helpers import complete_answers, post_data
from toolkit.answers import AnswerSheet

def assessment(world, obj):
    return {"pk": world.assessments[obj].pk}


def first_section(world, obj):
    return world.assessments[obj].questionnaire.sections.order_by("position").first()


def section(world, obj):
    return {"pk": world.assessments[obj].pk, "step": first_section(world, obj).slug}


def section_answers(world, obj):
    """Every question of the first section answered, as its page would post them."""
    sheet = AnswerSheet(world.assessments[obj])
    found = first_section(world, obj)
    return post_data(found, complete_answers(sheet, found))


def merton(world, obj):
    return {"slug": "merton"}


# Starting (or going back to) one's council's assessment of a step.
STEP_START = """
                 GET      POST
anonymous        sign-in  sign-in
officer          405      302
manager          405      302
partner          405      404
partner-manager  405      404
outsider         405      404
admin            405      403
"""

TABLES = {
    "toolkit:self-assessment": Address(merton, MERTONS_PAGE),
    "toolkit:joint-assessment": Address(merton, MERTONS_PAGE),
    "toolkit:design": Address(merton, MERTONS_PAGE),
    "toolkit:self-assessment-start": Address(merton, STEP_START),
    "toolkit:joint-assessment-start": Address(merton, STEP_START, data=lambda world, obj: {"partnership": world.legal.slug}),
    "toolkit:design-start": Address(merton, STEP_START, data=lambda world, obj: {"partnership": world.legal.slug}),
    # The task list.
    "toolkit:assessment": Address(assessment, """
                 self:GET  self:POST  joint:GET  joint:POST  design:GET  design:POST  partner-self:GET  partner-self:POST
anonymous        sign-in   sign-in    sign-in    sign-in     sign-in     sign-in      sign-in           sign-in
officer          200       200        200        200         200         200          404               404
manager          200       200        200        200         200         200          404               404
partner          404       404        200        200         200         200          200               200
partner-manager  404       404        200        200         200         200          200               200
outsider         404       404        404        404         404         404          404               404
admin            200       200        200        200         200         200          200               200
"""),
    # The wizard's own address, which goes on to the section to answer next; it takes no POST of
    # its own, so one without the wizard's fields is malformed.
    "toolkit:assessment-resume": Address(assessment, """
                 self:GET  self:POST  joint:GET  joint:POST  design:GET  design:POST  partner-self:GET  partner-self:POST
anonymous        sign-in   sign-in    sign-in    sign-in     sign-in     sign-in      sign-in           sign-in
officer          302       302        302        302         302         302          404               404
manager          302       302        302        302         302         302          404               404
partner          404       404        403        403         302         302          302               400
partner-manager  404       404        403        403         302         302          302               400
outsider         404       404        404        404         404         404          404               404
admin            403       403        403        403         403         403          403               403
"""),
    # A section's page, and saving it (every question of the section answered).
    "toolkit:assessment-section": Address(section, data=section_answers, table="""
                 self:GET  self:POST  joint:GET  joint:POST  design:GET  design:POST  partner-self:GET  partner-self:POST
anonymous        sign-in   sign-in    sign-in    sign-in     sign-in     sign-in      sign-in           sign-in
officer          302       302        302        302         302         302          404               404
manager          302       302        302        302         302         302          404               404
partner          404       404        403        403         302         302          200               302
partner-manager  404       404        403        403         302         302          200               302
outsider         404       404        404        404         404         404          404               404
admin            403       403        403        403         403         403          403               403
"""),
    # Check your answers: once submitted, everyone who may view is sent to the report or task list.
    "toolkit:assessment-check": Address(assessment, """
                 self:GET  self:POST  joint:GET  joint:POST  design:GET  design:POST  partner-self:GET  partner-self:POST
anonymous        sign-in   sign-in    sign-in    sign-in     sign-in     sign-in      sign-in           sign-in
officer          302       302        302        302         302         302          404               404
manager          302       302        302        302         302         302          404               404
partner          404       404        302        302         302         302          200               200
partner-manager  404       404        302        302         302         302          200               200
outsider         404       404        404        404         404         404          404               404
admin            302       302        302        302         302         302          200               200
"""),
    # Submitting again is "already submitted"; Sutton's unfinished one goes back to check answers.
    "toolkit:assessment-submit": Address(assessment, """
                 self:GET  self:POST  joint:GET  joint:POST  design:GET  design:POST  partner-self:GET  partner-self:POST
anonymous        sign-in   sign-in    sign-in    sign-in     sign-in     sign-in      sign-in           sign-in
officer          405       302        405        302         405         302          405               404
manager          405       302        405        302         405         302          405               404
partner          405       404        405        403         405         302          405               302
partner-manager  405       404        405        403         405         302          405               302
outsider         405       404        405        404         405         404          405               404
admin            405       403        405        403         405         403          405               403
"""),
    # The confirmation, for those who could have submitted; others who may view go to the task list.
    "toolkit:assessment-submitted": Address(assessment, """
                 self:GET  self:POST  joint:GET  joint:POST  design:GET  design:POST  partner-self:GET  partner-self:POST
anonymous        sign-in   sign-in    sign-in    sign-in     sign-in     sign-in      sign-in           sign-in
officer          200       200        200        200         200         200          404               404
manager          200       200        200        200         200         200          404               404
partner          404       404        302        302         200         200          404               404
partner-manager  404       404        302        302         200         200          404               404
outsider         404       404        404        404         404         404          404               404
admin            302       302        302        302         302         302          404               404
"""),
    # The assessment's own report: a joint assessment has none (the partnership's is made from
    # several), an unsubmitted one none yet.
    "toolkit:assessment-summary": Address(assessment, """
                 self:GET  self:POST  joint:GET  joint:POST  design:GET  design:POST  partner-self:GET  partner-self:POST
anonymous        sign-in   sign-in    sign-in    sign-in     sign-in     sign-in      sign-in           sign-in
officer          200       200        404        404         200         200          404               404
manager          200       200        404        404         200         200          404               404
partner          404       404        404        404         200         200          404               404
partner-manager  404       404        404        404         200         200          404               404
outsider         404       404        404        404         404         404          404               404
admin            200       200        404        404         200         200          404               404
"""),
    "toolkit:assessment-summary-pdf": Address(assessment, """
                 self:GET  self:POST  joint:GET  joint:POST  design:GET  design:POST  partner-self:GET  partner-self:POST
anonymous        sign-in   sign-in    sign-in    sign-in     sign-in     sign-in      sign-in           sign-in
officer          405       302        405        404         405         302          405               404
manager          405       302        405        404         405         302          405               404
partner          405       404        405        404         405         302          405               404
partner-manager  405       404        405        404         405         302          405               404
outsider         405       404        405        404         405         404          405               404
admin            405       302        405        404         405         302          405               404
"""),
    # Only the business case has a Word version.
    "toolkit:assessment-summary-docx": Address(assessment, """
                 self:GET  self:POST  joint:GET  joint:POST  design:GET  design:POST  partner-self:GET  partner-self:POST
anonymous        sign-in   sign-in    sign-in    sign-in     sign-in     sign-in      sign-in           sign-in
officer          405       404        405        404         405         302          405               404
manager          405       404        405        404         405         302          405               404
partner          405       404        405        404         405         302          405               404
partner-manager  405       404        405        404         405         302          405               404
outsider         405       404        405        404         405         404          405               404
admin            405       404        405        404         405         302          405               404
"""),
    # Signing off is for member councils' programme managers: both have signed already, so they
    # are sent back to the task list. Only a business case is signed off.
    "toolkit:assessment-sign-off": Address(
        assessment,
        data=lambda world, obj: {"council": world.councils["merton"].pk, "name": "Sam", "capacity": "Chief executive", "confirm": "on"},
        table="""
                 self:GET  self:POST  joint:GET  joint:POST  design:GET  design:POST  partner-self:GET  partner-self:POST
anonymous        sign-in   sign-in    sign-in    sign-in     sign-in     sign-in      sign-in           sign-in
officer          404       404        404        404         403         403          404               404
manager          404       404        404        404         302         302          404               404
partner          404       404        404        404         403         403          404               404
partner-manager  404       404        404        404         302         302          404               404
outsider         404       404        404        404         404         404          404               404
admin            404       404        404        404         403         403          404               404
"""),
    # Opening the business case for changes is changing it: for whoever may edit it. Elsewhere
    # whoever may only view is refused before being told that only a business case reopens.
    "toolkit:assessment-reopen": Address(assessment, """
                 self:GET  self:POST  joint:GET  joint:POST  design:GET  design:POST  partner-self:GET  partner-self:POST
anonymous        sign-in   sign-in    sign-in    sign-in     sign-in     sign-in      sign-in           sign-in
officer          404       404        404        404         200         302          404               404
manager          404       404        404        404         200         302          404               404
partner          404       404        403        403         200         302          404               404
partner-manager  404       404        403        403         200         302          404               404
outsider         404       404        404        404         404         404          404               404
admin            403       403        403        403         403         403          403               403
"""),
    # The history of an assessment's answers: the answering council's programme managers (any
    # member council's for a business case) and administrators.
    "toolkit:assessment-history": Address(assessment, """
                 self:GET  self:POST  joint:GET  joint:POST  design:GET  design:POST  partner-self:GET  partner-self:POST
anonymous        sign-in   sign-in    sign-in    sign-in     sign-in     sign-in      sign-in           sign-in
officer          403       403        403        403         403         403          404               404
manager          200       200        200        200         200         200          404               404
partner          404       404        403        403         403         403          403               403
partner-manager  404       404        403        403         200         200          200               200
outsider         404       404        404        404         404         404          404               404
admin            200       200        200        200         200         200          200               200
"""),
}
