from django.http import FileResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from toolkit.access import councils_for, get_assessment_for_user, get_council_for_user
from toolkit.exports import export_readiness
from toolkit.models import Assessment, Export


def pdf_response(export):
    return FileResponse(export.file.open("rb"), as_attachment=True, filename=export.filename, content_type="application/pdf")


@require_POST
def readiness_pdf(request, pk):
    """Make the readiness summary PDF, keep it, and send it."""
    assessment = get_assessment_for_user(request.user, pk, status=Assessment.Status.SUBMITTED, partnership__isnull=True)
    export, _ = export_readiness(assessment, request.user)
    return pdf_response(export)


def council_exports(request, slug):
    council = get_council_for_user(request.user, slug)
    exports = council.exports.select_related("created_by", "assessment").order_by("-created_at")
    return render(request, "toolkit/exports.html", {"council": council, "exports": exports})


def download(request, pk):
    """An earlier export, for members of the council it belongs to (and admins)."""
    export = get_object_or_404(Export.objects.filter(council__in=councils_for(request.user)), pk=pk)
    return pdf_response(export)
