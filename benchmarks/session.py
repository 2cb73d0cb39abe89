"""Talking to the running app as a browser would, with the standard library only: signing in
through the real sign-in form (CSRF token and all), and reading a page's form into the body a
browser would post.

Cookies are kept by hand: with DEBUG off they are marked Secure, and http.cookiejar would not
send a Secure cookie over the plain HTTP of a local benchmark.
"""

import http.client
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode, urlsplit


class Session:
    def __init__(self, base_url):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port
        self.cookies = {}

    @property
    def cookie_header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def request(self, method, path, body=None) -> tuple[int, dict, str]:
        """(status, headers, text). Redirects are not followed: a benchmark must see them."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
        headers = {"Cookie": self.cookie_header} if self.cookies else {}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        return response.status, dict(response.headers), text

    def sign_in(self, username, password):
        status, _, page = self.request("GET", "/sign-in/")
        if status != 200:
            raise RuntimeError(f"The sign-in page answered {status}.")
        fields = form_fields(page)
        fields.update(username=username, password=password)
        status, _, _ = self.request("POST", "/sign-in/", urlencode(fields))
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"Signing in as {username} failed (status {status}); is the demo data loaded?")


class FormReader(HTMLParser):
    """The fields of the first form with method="post" in the page's <main> (not the header's
    sign-out form), as a browser would submit it with its first button but "later"."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields, self.in_main, self.in_form, self.done = [], False, False, False
        self.textarea = self.select = None
        self.select_value = None
        self.button = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.done:
            return
        if tag == "main":
            self.in_main = True
        if tag == "form" and self.in_main and (attrs.get("method") or "").lower() == "post":
            self.in_form = True
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = (attrs.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.fields.append((name, attrs.get("value", "on")))
            elif kind not in ("submit", "button", "image", "file"):
                self.fields.append((name, attrs.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select, self.select_value = name, None
        elif tag == "option" and self.select:
            if self.select_value is None or "selected" in attrs:
                self.select_value = attrs.get("value", "")
        elif tag == "button" and name and self.button is None and attrs.get("value") != "later":
            self.button = (name, attrs.get("value", ""))

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if not self.in_form or self.done:
            return
        if tag == "textarea" and self.textarea is not None:
            # Browsers drop the newline that follows <textarea>.
            self.fields.append((self.textarea[0], self.textarea[1].removeprefix("\n")))
            self.textarea = None
        elif tag == "select" and self.select:
            self.fields.append((self.select, self.select_value or ""))
            self.select = None
        elif tag == "form":
            self.done = True


def form_fields(page: str) -> dict:
    """Single-valued fields only: enough for the sign-in form."""
    return dict(form_body_fields(page))


def form_body_fields(page: str) -> list:
    reader = FormReader()
    reader.feed(page)
    return reader.fields + ([reader.button] if reader.button else [])


def form_body(page: str) -> str:
    """The page's form as a browser would post it (every checked box of a question included)."""
    return urlencode(form_body_fields(page))
