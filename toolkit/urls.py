from django.urls import path

from toolkit.views import assessments, dashboard, exports, pages, partnerships
from toolkit.wizard import AssessmentWizard

app_name = "toolkit"
urlpatterns = [
    path("", pages.start, name="start"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("privacy/", pages.privacy, name="privacy"),
    path("how-we-score/", assessments.how_we_score, name="how-we-score"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("partnerships/<slug:slug>/", partnerships.partnership, name="partnership"),
    path("councils/<slug:slug>/self-assessment/", assessments.self_assessment, name="self-assessment"),
    path("councils/<slug:slug>/self-assessment/start/", assessments.start_self_assessment, name="self-assessment-start"),
    path("councils/<slug:slug>/exports/", exports.council_exports, name="council-exports"),
    path("exports/<int:pk>/download/", exports.download, name="export-download"),
    path("assessments/<int:pk>/", assessments.overview, name="assessment"),
    path("assessments/<int:pk>/sections/", AssessmentWizard.as_wizard_view(), name="assessment-resume"),
    path("assessments/<int:pk>/sections/<slug:step>/", AssessmentWizard.as_wizard_view(), name="assessment-section"),
    path("assessments/<int:pk>/check/", assessments.check_answers, name="assessment-check"),
    path("assessments/<int:pk>/submit/", assessments.submit, name="assessment-submit"),
    path("assessments/<int:pk>/submitted/", assessments.submitted, name="assessment-submitted"),
    path("assessments/<int:pk>/summary/", assessments.summary, name="assessment-summary"),
    path("assessments/<int:pk>/summary/pdf/", exports.readiness_pdf, name="assessment-summary-pdf"),
]
