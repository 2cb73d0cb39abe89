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
