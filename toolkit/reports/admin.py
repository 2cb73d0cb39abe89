"""The Django admin action for the latest readiness summary of several councils, in one ZIP.

Administrators may export every council's reports (``toolkit.access``), and the admin site is
for them alone, so the action needs no check of its own; the page it leads to checks again.
"""

from django.contrib import admin
from django.shortcuts import redirect

from toolkit.reports import jobs


@admin.action(description="Download the latest readiness summary of each (one ZIP file)")
def export_readiness_summaries(modeladmin, request, queryset):
    return redirect(jobs.ask_for_readiness_of(queryset.order_by("name"), request.user).next_url)
