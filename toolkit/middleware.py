import time

from django.conf import settings


class ContentSecurityPolicyMiddleware:
    """Send the Content-Security-Policy header: the site's own scripts, styles and images only.

    Pages have no inline scripts (see templates/base.html); inline style attributes are
    allowed because Django admin uses them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        return response


# The session's last-activity time, in seconds since the epoch (see SessionActivityMiddleware).
SEEN_KEY = "_toolkit_seen"


def refresh_interval() -> int:
    """How often a session in use is saved again with a fresh expiry: every five minutes, or a
    tenth of the idle timeout when that is shorter, so a session ends within that much of the
    timeout after its last request."""
    return max(1, min(300, settings.SESSION_COOKIE_AGE // 10))


def note_sign_in(sender, request, user, **kwargs):
    """On signing in (a ``user_logged_in`` receiver), start the activity clock: the session is
    saved at sign-in anyway, so the first pages after it need not write it again."""
    if hasattr(request, "session"):
        request.session[SEEN_KEY] = int(time.time())


class SessionActivityMiddleware:
    """End a session after SESSION_COOKIE_AGE seconds without a request (the idle timeout).

    Django's way, SESSION_SAVE_EVERY_REQUEST, writes the session row on every request. Instead
    the session is saved (and its cookie sent again, both with a fresh expiry) only when it was
    last saved more than ``refresh_interval()`` ago: one write every few minutes of use, at the
    cost of the timeout being that much early at worst. Place it after SessionMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session, now = request.session, int(time.time())
        # Reading it loads the session from its cookie (no query without one); a visitor with no
        # session, or only an expired one, has nothing to keep alive and gets no new one here.
        seen = session.get(SEEN_KEY, 0)
        if session.session_key is not None and now - seen >= refresh_interval():
            session[SEEN_KEY] = now
        return self.get_response(request)
