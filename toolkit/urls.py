from django.urls import path

from toolkit import steps
from toolkit.audit import views as audit
from toolkit.business_case import views as business_case
from toolkit.compatibility import views as compatibility
from toolkit.partnerships import views as partnerships
from toolkit.reports import views as reports
from toolkit.views import assessments, dashboard, exports, pages
from toolkit.views import steps as step_views
from toolkit.wizard import AssessmentWizard

app_name = "toolkit"
urlpatterns = [
    path("", pages.start, name="start"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("privacy/", pages.privacy, name="privacy"),
    path("how-we-score/", pages.how_we_score, name="how-we-score"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("questions/<int:pk>/guidance/", pages.question_guidance, name="question-guidance"),
    path("partnerships/new/", partnerships.new_partnership, name="partnership-new"),
    path("partnerships/<slug:slug>/", partnerships.partnership, name="partnership"),
    path("partnerships/<slug:slug>/invite/", partnerships.invite, name="partnership-invite"),
    path("partnerships/<slug:slug>/comparison/", compatibility.comparison, name="partnership-comparison"),
    path("partnerships/<slug:slug>/compatibility-report/", compatibility.report, name="partnership-report"),
    path("partnerships/<slug:slug>/compatibility-report/pdf/", compatibility.report_pdf, name="partnership-report-pdf"),
    path("partnerships/<slug:slug>/invitations/<int:pk>/withdraw/", partnerships.withdraw, name="invitation-withdraw"),
    path("partnerships/<slug:slug>/members/<slug:council>/remove/", partnerships.remove, name="member-remove"),
    path("partnerships/<slug:slug>/members/<slug:council>/leave/", partnerships.leave, name="member-leave"),
    path("invitations/<int:pk>/accept/", partnerships.answer_invitation, {"accept": True}, name="invitation-accept"),
    path("invitations/<int:pk>/decline/", partnerships.answer_invitation, {"accept": False}, name="invitation-decline"),
    path("partnerships/<slug:slug>/exports/", exports.partnership_exports, name="partnership-exports"),
    path("councils/<slug:slug>/exports/", exports.council_exports, name="council-exports"),
    path("exports/<int:pk>/download/", exports.download, name="export-download"),
    path("partnerships/<slug:slug>/export-pack/", reports.pack, name="partnership-pack"),
    path("reports/<uuid:job_id>/", reports.job_page, name="report-job"),
    path("reports/<uuid:job_id>/retry/", reports.retry, name="report-job-retry"),
    path("reports/<uuid:job_id>/download/", reports.download, name="report-job-download"),
    path("assessments/<int:pk>/", assessments.overview, name="assessment"),
    path("assessments/<int:pk>/sections/", AssessmentWizard.as_wizard_view(), name="assessment-resume"),
    path("assessments/<int:pk>/sections/<slug:step>/", AssessmentWizard.as_wizard_view(), name="assessment-section"),
    path("assessments/<int:pk>/check/", assessments.check_answers, name="assessment-check"),
    path("assessments/<int:pk>/history/", audit.assessment_history, name="assessment-history"),
    path("assessments/<int:pk>/submit/", assessments.submit, name="assessment-submit"),
    path("assessments/<int:pk>/submitted/", assessments.submitted, name="assessment-submitted"),
    path("assessments/<int:pk>/summary/", assessments.result, name="assessment-summary"),
    path("assessments/<int:pk>/summary/pdf/", assessments.result_pdf, name="assessment-summary-pdf"),
    path("assessments/<int:pk>/sign-off/", business_case.sign_off, name="assessment-sign-off"),
    path("assessments/<int:pk>/reopen/", business_case.reopen, name="assessment-reopen"),
    path("partnerships/<slug:slug>/proceed/", business_case.proceed, name="partnership-proceed"),
    path("assessments/<int:pk>/summary/docx/", assessments.result_pdf, {"format": "docx"}, name="assessment-summary-docx"),
]

# Each step's page for a council, and starting an assessment of it: e.g. the names
# "self-assessment" and "self-assessment-start" at /councils/<slug>/self-assessment/.
for kind in steps.STEPS.values():
    urlpatterns += [
        path(f"councils/<slug:slug>/{kind.path}/", step_views.step_home, {"step": kind.code}, name=kind.path),
        path(f"councils/<slug:slug>/{kind.path}/start/", step_views.start, {"step": kind.code}, name=f"{kind.path}-start"),
    ]
