"""Asking for a report, the page of a request for one (queued, running, done or failed), asking
again when it failed, and downloading a ZIP. Who may do each is ``toolkit.access``'s to say.

The page works without JavaScript and does not refresh by itself (a page that reloads under a
screen reader is hard to use): it offers a "Refresh" link instead.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from toolkit import access
from toolkit.exports import NoResult
from toolkit.models import ReportJob
from toolkit.reports import jobs
from toolkit.views.exports import file_response


def ask_for_report(request, step, subject, format="pdf"):
    """For the report views, once they have checked the right to export: the download when the
    report is made at once (unchanged, or no worker), else the page of the request."""
    try:
        job = jobs.ask_for_report(step, subject, request.user, format)
    except NoResult as problem:
        raise Http404(str(problem))
    return redirect(job.next_url)


@require_POST
def pack(request, slug):
    """A member council's programme manager asks for the partnership's export pack."""
    partnership, rights = access.get_partnership(request.user, slug)
    if not rights.export_pack:
        raise PermissionDenied("Only a member council's programme manager can make the export pack.")
    return redirect(jobs.ask_for_pack(partnership, request.user).next_url)


def job_page(request, job_id):
    job, rights = access.get_report_job(request.user, job_id)
    job = jobs.give_up_if_stalled(job)
    return render(request, "toolkit/report_job.html", {"job": job, "may_retry": rights.export, **described(job)})


@require_POST
def retry(request, job_id):
    job, _ = access.get_report_job(request.user, job_id, "export")
    if jobs.give_up_if_stalled(job).status != ReportJob.Status.FAILED:
        return redirect(job.next_url)  # it finished meanwhile, or is still going
    try:
        again = jobs.ask_again(job, request.user)
    except NoResult as problem:
        raise Http404(str(problem))
    return redirect(again.next_url)


def download(request, job_id):
    """A ZIP made by a request; a single report is downloaded from its export's address."""
    job, _ = access.get_report_job(request.user, job_id)
    if job.status != ReportJob.Status.DONE or not job.file:
        return redirect(job.next_url)
    return file_response(job)


def described(job) -> dict:
    """What the page calls the request, and where its back link goes."""
    if job.kind == ReportJob.Kind.PACK:
        partnership = job.partnership
        return {"title": "Export pack", "owner": partnership.name, "back_url": partnership.get_absolute_url(), "back_text": f"Back to {partnership.name}"}
    if job.kind == ReportJob.Kind.READINESS_BULK:
        return {
            "title": "Readiness summaries", "owner": f"{job.councils.count()} councils chosen in Django admin",
            "back_url": reverse("admin:toolkit_council_changelist"), "back_text": "Back to councils in Django admin",
        }
    result = jobs.step_for(job.kind).result
    if result.of_partnership:
        owner, back_url = job.partnership, reverse(result.page_url_name, args=[job.partnership.slug])
    else:
        owner, back_url = job.assessment.owner, result.url(job.assessment)
    title = result.title + (" as a Word document" if job.format == ReportJob.Format.DOCX else "")
    return {"title": title, "owner": owner.name, "back_url": back_url, "back_text": f"Back to the {result.title.lower()}"}
