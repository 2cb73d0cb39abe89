"""The matrix's tables for the pages anyone may read, signing in and out, passwords, the
dashboard, Django admin's own pages, partnerships, invitations, exports and report requests.

Who is who: tests/permissions/world.py. What the outcomes mean: tests/permissions/__init__.py.
Merton leads the South London Legal Partnership ("legal"), Sutton is a member; both have signed
off its business case. Merton's programme manager has a pending invitation to the Staffordshire
partnership; the legal partnership has a pending one to Cannock Chase.
"""

from tests.permissions import Address, nothing
from toolkit.management.commands.seed_demo import DEMO_PASSWORD

NEW_PASSWORD = "a-different-long-passphrase"

PUBLIC = """
                 GET      POST
anonymous        200      200
officer          200      200
manager          200      200
partner          200      200
partner-manager  200      200
outsider         200      200
admin            200      200
"""

SIGNED_IN = """
                 GET      POST
anonymous        sign-in  sign-in
officer          200      200
manager          200      200
partner          200      200
partner-manager  200      200
outsider         200      200
admin            200      200
"""

# A page of Merton's own: for its members and administrators.
MERTONS_PAGE = """
                 GET      POST
anonymous        sign-in  sign-in
officer          200      200
manager          200      200
partner          404      404
partner-manager  404      404
outsider         404      404
admin            200      200
"""

# What members of the legal partnership's councils, and administrators, may see.
LEGAL_MEMBERS_SEE = """
                 GET      POST
anonymous        sign-in  sign-in
officer          200      200
manager          200      200
partner          200      200
partner-manager  200      200
outsider         404      404
admin            200      200
"""


# Merton's invitation to the Staffordshire partnership: Merton's programme manager answers it.
ANSWERING_MERTONS_INVITATION = """
                 GET      POST
anonymous        sign-in  sign-in
officer          405      403
manager          405      302
partner          405      404
partner-manager  405      404
outsider         405      404
admin            405      404
"""


def legal(world, obj):
    return {"slug": world.legal.slug}


def invitation_to_merton(world, obj):
    return {"pk": world.invitation_to_merton.pk}


def done_job(world, obj):
    return {"job_id": world.jobs[f"{obj}-done"].pk}


def failed_job(world, obj):
    return {"job_id": world.jobs[f"{obj}-failed"].pk}


TABLES = {
    "toolkit:start": Address(nothing, PUBLIC),
    "toolkit:accessibility": Address(nothing, PUBLIC),
    "toolkit:privacy": Address(nothing, PUBLIC),
    # The load balancer's health check: for anyone, GET (and HEAD) only.
    "healthz": Address(nothing, """
                 GET      POST
anonymous        200      405
officer          200      405
manager          200      405
partner          200      405
partner-manager  200      405
outsider         200      405
admin            200      405
"""),
    "toolkit:how-we-score": Address(nothing, SIGNED_IN),
    "toolkit:dashboard": Address(nothing, SIGNED_IN),
    "toolkit:question-guidance": Address(lambda world, obj: {"pk": world.question.pk}, SIGNED_IN),
    # Signed-in people are sent on to the dashboard; a sign-in POSTed by anyone signs them in.
    "login": Address(nothing, data=lambda world, obj: {"username": "merton-officer", "password": DEMO_PASSWORD}, table="""
                 GET      POST
anonymous        200      302
officer          302      302
manager          302      302
partner          302      302
partner-manager  302      302
outsider         302      302
admin            302      302
"""),
    "logout": Address(nothing, """
                 GET      POST
anonymous        sign-in  sign-in
officer          405      302
manager          405      302
partner          405      302
partner-manager  405      302
outsider         405      302
admin            405      302
"""),
    # Everyone signed in changes their own password (the demo's accounts share one).
    "password_change": Address(
        nothing, data=lambda world, obj: {"old_password": DEMO_PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        table="""
                 GET      POST
anonymous        sign-in  sign-in
officer          200      302
manager          200      302
partner          200      302
partner-manager  200      302
outsider         200      302
admin            200      302
"""),
    "password_change_done": Address(nothing, """
                 GET      POST
anonymous        sign-in  sign-in
officer          200      405
manager          200      405
partner          200      405
partner-manager  200      405
outsider         200      405
admin            200      405
"""),
    # Django admin: its other addresses are tried by test_every_django_admin_address_refuses_...
    "admin:index": Address(nothing, """
                 GET            POST
anonymous        admin-sign-in  admin-sign-in
officer          admin-sign-in  admin-sign-in
manager          admin-sign-in  admin-sign-in
partner          admin-sign-in  admin-sign-in
partner-manager  admin-sign-in  admin-sign-in
outsider         admin-sign-in  admin-sign-in
admin            200            200
"""),
    # Its sign-in form is shown to people who are not administrators; POSTed, the administrator's
    # password signs in whoever knows it.
    "admin:login": Address(nothing, data=lambda world, obj: {"username": "admin", "password": DEMO_PASSWORD}, table="""
                 GET      POST
anonymous        200      302
officer          200      302
manager          200      302
partner          200      302
partner-manager  200      302
outsider         200      302
admin            302      302
"""),
    # Where an administrator unlocks a username locked out by sign-in throttling. (A model's pages
    # in Django admin send anonymous visitors to the site's own sign-in page.)
    "admin:axes_accessattempt_changelist": Address(nothing, """
                 GET            POST
anonymous        sign-in        sign-in
officer          admin-sign-in  admin-sign-in
manager          admin-sign-in  admin-sign-in
partner          admin-sign-in  admin-sign-in
partner-manager  admin-sign-in  admin-sign-in
outsider         admin-sign-in  admin-sign-in
admin            200            200
"""),
    # Setting up a partnership is for programme managers, led by a council they manage: Merton
    # here, so Sutton's programme manager gets the form back with an error.
    "toolkit:partnership-new": Address(
        nothing,
        data=lambda world, obj: {
            "name": "Matrix Partnership", "services": "Legal services", "lead": world.councils["merton"].pk,
            "councils": [world.councils["stafford"].pk],
        },
        table="""
                 GET      POST
anonymous        sign-in  sign-in
officer          403      403
manager          200      302
partner          403      403
partner-manager  200      200
outsider         403      403
admin            403      403
"""),
    "toolkit:partnership": Address(legal, LEGAL_MEMBERS_SEE),
    "toolkit:partnership-comparison": Address(legal, LEGAL_MEMBERS_SEE),
    "toolkit:partnership-report": Address(legal, LEGAL_MEMBERS_SEE),
    "toolkit:partnership-exports": Address(legal, LEGAL_MEMBERS_SEE),
    "toolkit:partnership-report-pdf": Address(legal, """
                 GET      POST
anonymous        sign-in  sign-in
officer          405      302
manager          405      302
partner          405      302
partner-manager  405      302
outsider         405      404
admin            405      302
"""),
    # Running the partnership is for the lead council's programme managers.
    "toolkit:partnership-invite": Address(legal, data=lambda world, obj: {"councils": [world.councils["stafford"].pk]}, table="""
                 GET      POST
anonymous        sign-in  sign-in
officer          403      403
manager          200      302
partner          403      403
partner-manager  403      403
outsider         404      404
admin            403      403
"""),
    "toolkit:partnership-proceed": Address(legal, data=lambda world, obj: {"reason": "The conflicts are dealt with."}, table="""
                 GET      POST
anonymous        sign-in  sign-in
officer          403      403
manager          200      302
partner          403      403
partner-manager  403      403
outsider         404      404
admin            403      403
"""),
    "toolkit:invitation-withdraw": Address(lambda world, obj: {"slug": world.legal.slug, "pk": world.invitation_from_legal.pk}, """
                 GET      POST
anonymous        sign-in  sign-in
officer          405      403
manager          405      302
partner          405      403
partner-manager  405      403
outsider         405      404
admin            405      403
"""),
    # Richmond has submitted its joint assessment, so the lead is told it cannot be removed.
    "toolkit:member-remove": Address(lambda world, obj: {"slug": world.legal.slug, "council": "richmond"}, """
                 GET      POST
anonymous        sign-in  sign-in
officer          403      403
manager          302      302
partner          403      403
partner-manager  403      403
outsider         404      404
admin            403      403
"""),
    # Taking Sutton out is for Sutton's programme manager alone.
    "toolkit:member-leave": Address(lambda world, obj: {"slug": world.legal.slug, "council": "sutton"}, """
                 GET      POST
anonymous        sign-in  sign-in
officer          403      403
manager          403      403
partner          403      403
partner-manager  200      302
outsider         404      404
admin            403      403
"""),
    "toolkit:invitation-accept": Address(invitation_to_merton, ANSWERING_MERTONS_INVITATION),
    "toolkit:invitation-decline": Address(invitation_to_merton, ANSWERING_MERTONS_INVITATION),
    "toolkit:council-exports": Address(lambda world, obj: {"slug": "merton"}, MERTONS_PAGE),
    # Merton's readiness summary, and the legal partnership's compatibility report.
    "toolkit:export-download": Address(lambda world, obj: {"pk": world.exports[obj].pk}, """
                 council:GET  council:POST  partnership:GET  partnership:POST
anonymous        sign-in      sign-in       sign-in          sign-in
officer          200          200           200              200
manager          200          200           200              200
partner          404          404           200              200
partner-manager  404          404           200              200
outsider         404          404           404              404
admin            200          200           200              200
"""),
    # The export pack: each member council's programme managers.
    "toolkit:partnership-pack": Address(legal, """
                 GET      POST
anonymous        sign-in  sign-in
officer          405      403
manager          405      302
partner          405      403
partner-manager  405      302
outsider         405      404
admin            405      403
"""),
    # Requests for reports: Merton's readiness summary (asked for by its officer), the export pack
    # (by Merton's programme manager) and several councils' summaries (by the administrator).
    "toolkit:report-job": Address(done_job, """
                 readiness:GET  readiness:POST  pack:GET  pack:POST  bulk:GET  bulk:POST
anonymous        sign-in        sign-in         sign-in   sign-in    sign-in   sign-in
officer          200            200             404       404        404       404
manager          200            200             200       200        404       404
partner          404            404             404       404        404       404
partner-manager  404            404             404       404        404       404
outsider         404            404             404       404        404       404
admin            200            200             200       200        200       200
"""),
    # A single report's file is its export's: its request's download sends people there.
    "toolkit:report-job-download": Address(done_job, """
                 readiness:GET  readiness:POST  pack:GET  pack:POST  bulk:GET  bulk:POST
anonymous        sign-in        sign-in         sign-in   sign-in    sign-in   sign-in
officer          302            302             404       404        404       404
manager          302            302             200       200        404       404
partner          404            404             404       404        404       404
partner-manager  404            404             404       404        404       404
outsider         404            404             404       404        404       404
admin            302            302             200       200        200       200
"""),
    # Asking again after a failure: whoever may export it; the pack only its programme manager.
    "toolkit:report-job-retry": Address(failed_job, """
                 readiness:GET  readiness:POST  pack:GET  pack:POST  bulk:GET  bulk:POST
anonymous        sign-in        sign-in         sign-in   sign-in    sign-in   sign-in
officer          405            302             405       404        405       404
manager          405            302             405       302        405       404
partner          405            404             405       404        405       404
partner-manager  405            404             405       404        405       404
outsider         405            404             405       404        405       404
admin            405            302             405       403        405       302
"""),
}
