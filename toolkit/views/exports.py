"""The reports made for a council or a partnership, and downloading one again."""

from django.http import FileResponse
from django.shortcuts import render
from django.urls import reverse

from toolkit import access

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "zip": "application/zip",
}


def file_response(made):
    """A kept file as a download: an export's (a PDF or a Word document), or a job's ZIP."""
    extension = made.filename.rsplit(".", 1)[-1]
    return FileResponse(made.file.open("rb"), as_attachment=True, filename=made.filename, content_type=CONTENT_TYPES.get(extension, "application/octet-stream"))


def exports_page(request, owner, back_url, back_text):
    exports = owner.exports.select_related("created_by").prefetch_related("assessments__council").order_by("-created_at")
    return render(request, "toolkit/exports.html", {"owner": owner, "exports": exports, "back_url": back_url, "back_text": back_text})


def council_exports(request, slug):
    council, _ = access.get_council(request.user, slug)
    return exports_page(request, council, reverse("toolkit:dashboard"), "Back to dashboard")


def partnership_exports(request, slug):
    partnership, _ = access.get_partnership(request.user, slug)
    return exports_page(request, partnership, partnership.get_absolute_url(), f"Back to {partnership.name}")


def download(request, pk):
    """An earlier export, for whoever may see its owner's reports (and admins)."""
    return file_response(access.get_export(request.user, pk))
