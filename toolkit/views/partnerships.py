from django.shortcuts import render

from toolkit import access
from toolkit.models import Partnership
from toolkit.progress import partnership_progress, with_progress


def partnership(request, slug):
    """A partnership's members and how far each has got."""
    found, rights = access.get_partnership(request.user, slug)
    progress = partnership_progress(with_progress(Partnership.objects.filter(pk=found.pk)))[found.pk]
    return render(request, "toolkit/partnership.html", {"partnership": found, "progress": progress, "rights": rights})
