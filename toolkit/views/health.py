"""``/healthz``: for a load balancer's health check. 200 "ok" when the database answers a query,
503 "unavailable" when it does not. Open to all without signing in, and it says nothing else (no
versions, no reason). It reads neither the user nor the session, so a request without a session
cookie (as a load balancer's are) has none loaded, made or saved, and is sent no cookie."""

import logging

from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@login_not_required
@never_cache
@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # whatever stops the query, this server cannot serve pages
        # The reason goes to the server's log, never to whoever asked.
        logger.warning("Health check: the database did not answer", exc_info=True)
        return HttpResponse("unavailable", status=503, content_type="text/plain; charset=utf-8")
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
