"""Pages anyone can read, signed in or not."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from toolkit.models import Step


@login_not_required
def start(request):
    return render(request, "toolkit/start.html", {"steps": Step.objects.all()})


@login_not_required
def accessibility(request):
    return render(request, "toolkit/accessibility.html")


@login_not_required
def privacy(request):
    return render(request, "toolkit/privacy.html")
