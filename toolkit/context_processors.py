from django.conf import settings


def service(request):
    """The service name and the signed-in user's councils, for the header."""
    councils = []
    if getattr(request, "user", None) is not None and request.user.is_authenticated:
        councils = [m.council for m in request.user.memberships.select_related("council")]
    return {"service_name": settings.SERVICE_NAME, "user_councils": councils}
