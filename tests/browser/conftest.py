"""The real-browser suite: Chromium driven by Playwright against pytest-django's live server.

Run it with ``make test-browser`` (or ``python -m pytest -m browser``); the default ``pytest``
run leaves it out. Each test gets a fresh database with the question bank and the demo data
(``seed_demo``), so the tests are independent and may run in any order.

Every page a test opens goes through ``AuditedPage`` (``visit`` or ``click``), which
checks each new page with axe-core (WCAG 2.0, 2.1 and 2.2, A and AA) and with this suite's own
checks: one ``h1``, a ``<title>`` that names the page, a label on every form control, and focus
on the error summary after a failed submit. A page that loaded without being checked fails the
test. On failure the page's screenshot and the axe reports are kept under ``test-artifacts/``.
"""

import json
import os
import re
import shutil
import textwrap
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test.utils import override_settings

HERE = Path(__file__).resolve().parent
AXE_JS = HERE / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
DEMO_PASSWORD = "share-services-demo"
SERVICE_NAME = settings.SERVICE_NAME

# With JavaScript off Chromium runs no timers, and axe-core waits on setTimeout between its
# checks. The audit (and only the audit: the page itself still runs no script) gets timers
# that run as microtasks.
NO_JS_TIMERS = """() => {
  if (window.__auditTimers) return;
  window.__auditTimers = true;
  let next = 0;
  const cancelled = new Set();
  window.setTimeout = (fn, ms, ...args) => {
    const id = ++next;
    Promise.resolve().then(() => { if (!cancelled.has(id)) fn(...args); });
    return id;
  };
  window.clearTimeout = (id) => cancelled.add(id);
  window.requestAnimationFrame = (fn) => window.setTimeout(() => fn(performance.now()));
  window.cancelAnimationFrame = window.clearTimeout;
}"""

RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return {
    url: results.url,
    testEngine: results.testEngine,
    violations: results.violations.map(v => ({
      id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, tags: v.tags,
      nodes: v.nodes.map(n => ({target: n.target, html: n.html, failureSummary: n.failureSummary})),
    })),
    passes: results.passes.length,
    incomplete: results.incomplete.map(v => ({id: v.id, nodes: v.nodes.length})),
  };
}"""

# Form controls a person fills in, and whether each has a label (an associated <label>, or
# aria-labelledby or aria-label with text). Buttons are named by their text: axe checks those.
UNLABELLED_CONTROLS = """() => {
  const controls = document.querySelectorAll(
    'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]):not([type=image]),' +
    'select, textarea');
  // The text a label gives: its words, or the alt text of an image in it.
  const text = (el) => !el ? "" : (el.textContent || "").trim()
    || [...el.querySelectorAll("img[alt]")].map(img => img.alt).join(" ").trim();
  const named = (el) => {
    if ([...(el.labels || [])].some(label => text(label))) return true;
    const ids = (el.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
    if (ids.some(id => text(document.getElementById(id)))) return true;
    return !!(el.getAttribute("aria-label") || "").trim();
  };
  return [...controls].filter(el => !named(el)).map(el => el.outerHTML.slice(0, 300));
}"""

FOCUSED_ERROR_SUMMARY = """() => {
  const el = document.activeElement;
  return !!(el && el.closest && el.closest(".govuk-error-summary"));
}"""


def missing_requirements():
    """What the browser suite needs and does not have, in words a person can act on."""
    missing = []
    if not Path(CHROMIUM).exists():
        missing.append(f"Chromium is not installed at {CHROMIUM} (Debian/Ubuntu: sudo apt-get install chromium)")
    if not AXE_JS.exists():
        missing.append(f"axe-core is not installed in {HERE / 'node_modules'} (run: npm ci --prefix tests/browser)")
    return missing


# -- the browser ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium():
    missing = missing_requirements()
    if missing:
        message = "The browser suite cannot run: " + "; ".join(missing)
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM, called by the tests
    # and fixtures in the same thread, would otherwise refuse to run ("SynchronousOnlyOperation").
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def axe_source():
    return AXE_JS.read_text(encoding="utf-8")


# -- the site: a live server with a fresh database ---------------------------------------------


@pytest.fixture
def site(transactional_db, live_server, settings, tmp_path):
    """The live server's address, with the question bank and the demo data loaded.

    ``transactional_db`` empties the database after every test, so each test loads its own:
    about two seconds, with a fast password hasher (the demo accounts' passwords are hashed on
    every load).
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    with override_settings(DEBUG=True):  # seed_demo refuses to run with DEBUG off
        call_command("seed_demo", verbosity=0)
    return live_server.url


@pytest.fixture
def open_browser(chromium, axe_source, site, request):
    """``open_browser(javascript=True)``: a new browser window (its own cookies), as an AuditedPage."""
    contexts = []
    pages = request.node.stash.setdefault(PAGES, [])

    def open_(javascript=True):
        context = chromium.new_context(
            base_url=site,
            java_script_enabled=javascript,
            accept_downloads=True,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        page = AuditedPage(context.new_page(), axe_source, javascript=javascript)
        pages.append(page)
        return page

    yield open_
    unaudited = [url for page in pages for url in page.unaudited()]
    for context in contexts:
        context.close()
    if not request.node.stash.get(FAILED, False):  # a failed test has already said what went wrong
        assert not unaudited, f"These pages loaded but were not checked (open pages with visit or click): {unaudited}"


@pytest.fixture
def browser_page(open_browser):
    """A browser window with JavaScript on."""
    return open_browser()


# -- checking every page -------------------------------------------------------------------------


class AccessibilityError(AssertionError):
    pass


class AuditedPage:
    """A Playwright page whose every new document is checked before the test goes on.

    Use ``visit(path)`` to open an address, ``click(locator)`` for a link or button that opens a
    page, and ``check()`` after anything else that loads one. ``page`` is the Playwright page for
    finding and filling things in.
    """

    def __init__(self, page, axe_source, javascript=True):
        self.page = page
        self.axe_source = axe_source
        self.javascript = javascript
        self.reports = []  # one per page checked, for test-artifacts/
        self._loaded = []  # URLs of documents loaded and not yet checked
        page.on("load", lambda p: self._loaded.append(p.url))

    # Navigation, each followed by the checks.

    def visit(self, path):
        self.page.goto(path)
        return self.check()

    def click(self, locator):
        """Click a link or button that opens a page (or the same page again, after a POST)."""
        with self.page.expect_navigation():
            locator.click()
        return self.check()

    def download(self, locator, timeout=15_000):
        """Click something that downloads a file; returns the Playwright Download. ``timeout``
        (ms) for a file made while the browser waits, such as a ZIP of several reports."""
        with self.page.expect_download(timeout=timeout) as info:
            locator.click(timeout=timeout)
        return info.value

    def unaudited(self):
        return [url for url in self._loaded if not url.startswith("about:")]

    # The checks.

    def check(self):
        page = self.page
        page.wait_for_load_state("load")
        url = page.url
        report = {"url": url, "title": page.title(), "javascript": self.javascript}
        self.reports.append(report)
        problems = []

        # axe-core, WCAG 2.0, 2.1 and 2.2 at A and AA.
        if not self.javascript:
            page.evaluate(NO_JS_TIMERS)
        if not page.evaluate("() => typeof window.axe === 'object'"):
            page.evaluate("(source) => { (0, eval)(source); }", self.axe_source)
        results = page.evaluate(RUN_AXE, WCAG_TAGS)
        report["axe"] = results
        for violation in results["violations"]:
            nodes = "\n".join(
                f"      element {node['target']}: {node['html'][:300]}\n"
                + textwrap.indent(node["failureSummary"] or "", " " * 8)
                for node in violation["nodes"]
            )
            problems.append(
                f"axe {violation['id']} ({violation['impact']}): {violation['help']} [{violation['helpUrl']}]\n{nodes}"
            )

        # One h1.
        h1s = page.locator("h1").all_inner_texts()
        if len(h1s) != 1:
            problems.append(f"the page has {len(h1s)} h1 elements, not one: {h1s}")

        # A title that names the page: "<page> – <service>" (the admin's: "<page> | <service>"),
        # and the page part says what the h1 says.
        title = report["title"]
        match = re.fullmatch(rf"(?:Error: )?(?P<name>.+?) (?:–|\|) {re.escape(SERVICE_NAME)}", title)
        name = match["name"].strip() if match else ""
        if not name or name == SERVICE_NAME:
            problems.append(f"the title {title!r} does not name the page (expected '<page> – {SERVICE_NAME}')")
        elif len(h1s) == 1 and not (h1s[0].strip().lower() in name.lower() or name.lower() in h1s[0].strip().lower()):
            problems.append(f"the title {title!r} does not name the page its h1 names: {h1s[0]!r}")

        # A label on every form control.
        for control in page.evaluate(UNLABELLED_CONTROLS):
            problems.append(f"form control without a label: {control}")

        # After a failed submit: the title says so, and focus is on the error summary (GOV.UK
        # Frontend's script moves it there; without JavaScript the summary is first in the page).
        if page.locator(".govuk-error-summary").count():
            report["error_summary"] = True
            if not title.startswith("Error: "):
                problems.append(f"the page shows errors but its title {title!r} does not start with 'Error: '")
            if self.javascript:
                try:
                    page.wait_for_function(FOCUSED_ERROR_SUMMARY, timeout=5_000)
                except Exception:
                    focused = page.evaluate("() => document.activeElement?.outerHTML.slice(0, 200)")
                    problems.append(f"the page shows an error summary but focus is not on it (focused: {focused})")

        self._loaded.clear()
        report["problems"] = problems
        CHECKED.append((url, len(results["violations"]), len(problems), results["testEngine"]["version"]))
        if problems:
            raise AccessibilityError(f"{len(problems)} problem(s) on {url} ({title}):\n  - " + "\n  - ".join(problems))
        return self

    # Convenience.

    def sign_in(self, username, password=DEMO_PASSWORD):
        """Sign in from the sign-in page, by its labels, as a person would."""
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(password)
        return self.click(self.page.get_by_role("button", name="Sign in"))

    def sign_out(self):
        return self.click(self.page.get_by_role("button", name="Sign out"))

    def __getattr__(self, name):
        return getattr(self.page, name)


# -- what was checked, at the end of the run -----------------------------------------------------

CHECKED = []  # (url, axe violations, problems, axe version) for every page checked


def pytest_terminal_summary(terminalreporter):
    if not CHECKED:
        return
    pages = sorted({re.sub(r"/\d+/", "/<id>/", re.sub(r"^https?://[^/]+|#.*$", "", url)) for url, *_ in CHECKED})
    versions = sorted({version for *_, version in CHECKED})
    violations = sum(v for _, v, _, _ in CHECKED)
    problems = sum(p for _, _, p, _ in CHECKED)
    write = terminalreporter.write_line
    terminalreporter.section("accessibility checks")
    write(f"axe-core {', '.join(versions)} ({', '.join(WCAG_TAGS)}): {len(CHECKED)} page loads checked, "
          f"{violations} axe violations, {problems} problems in all, on {len(pages)} addresses:")
    for page in pages:
        write(f"  {page}")


# -- artefacts on failure --------------------------------------------------------------------------

PAGES = pytest.StashKey[list]()
FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and report.when == "call":
        item.stash[FAILED] = True
    pages = item.stash.get(PAGES, None)
    if pages is None or not report.failed or report.when == "teardown":
        return report
    folder = ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True, exist_ok=True)
    kept = []
    for number, audited in enumerate(pages, 1):
        try:
            path = folder / f"window-{number}.png"
            audited.page.screenshot(path=str(path), full_page=True)
            kept.append(path)
        except Exception as error:  # a closed page: say so rather than hide the test's own failure
            (folder / f"window-{number}-no-screenshot.txt").write_text(str(error))
        path = folder / f"window-{number}-axe.json"
        path.write_text(json.dumps({"url": audited.page.url, "pages_checked": audited.reports}, indent=2))
        kept.append(path)
    report.sections.append(("test artefacts", "\n".join(str(p) for p in kept)))
    return report
