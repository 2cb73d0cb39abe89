"""Sign-in throttling (django-axes): what someone sees once too many attempts have failed.

Axes counts failed sign-ins by username (settings.AXES_LOCKOUT_PARAMETERS) and, after
AXES_FAILURE_LIMIT of them, refuses that username for AXES_COOLOFF_TIME, even with the right
password. Instead of Axes's own plain page, the sign-in page is shown again with the reason in
its error summary, as any other sign-in problem is. An administrator unlocks an account sooner by
deleting its access attempts in Django admin (Axes registers the admin pages).
"""

from django.conf import settings
from django.shortcuts import render

from toolkit.govuk import SignInForm

# Too Many Requests: the request was refused because of how many came before it.
LOCKED_STATUS = 429


def locked_message() -> str:
    cool_off = settings.AXES_COOLOFF_TIME
    if not cool_off:
        return "Too many attempts to sign in. Ask your administrator to unlock your account."
    minutes = max(1, round(cool_off.total_seconds() / 60))
    return (
        f"Too many attempts to sign in. Try again in {minutes} minute{'s' if minutes != 1 else ''} "
        "or ask your administrator to unlock your account."
    )


def locked_out(request, response=None, credentials=None):
    """Axes's AXES_LOCKOUT_CALLABLE: the sign-in page with the lock explained. The username stays
    in its field; the password is never sent back."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    form = SignInForm(request, initial={"username": username})
    form.cleaned_data = {}  # an unbound form, given an error of its own: nothing was checked
    form.add_error(None, locked_message())
    context = {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")}
    return render(request, "registration/login.html", context, status=LOCKED_STATUS)
