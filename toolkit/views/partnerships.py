from django.shortcuts import render

from toolkit.access import get_partnership_for_user
from toolkit.models import Partnership
from toolkit.progress import partnership_progress, with_progress


def partnership(request, slug):
    """A partnership's members and how far each has got."""
    found = get_partnership_for_user(request.user, slug)
    progress = partnership_progress(with_progress(Partnership.objects.filter(pk=found.pk)))[found.pk]
    return render(request, "toolkit/partnership.html", {"partnership": found, "progress": progress})
