from django.urls import path

from toolkit.views import dashboard, pages, partnerships

app_name = "toolkit"
urlpatterns = [
    path("", pages.start, name="start"),
    path("accessibility/", pages.accessibility, name="accessibility"),
    path("privacy/", pages.privacy, name="privacy"),
    path("dashboard/", dashboard.dashboard, name="dashboard"),
    path("partnerships/<slug:slug>/", partnerships.partnership, name="partnership"),
]
