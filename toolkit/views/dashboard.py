from django.shortcuts import render

from toolkit.progress import council_tasks


def dashboard(request):
    """Each of the user's councils with its three steps, and the partnerships it belongs to."""
    return render(request, "toolkit/dashboard.html", {"council_tasks": council_tasks(request.user)})
