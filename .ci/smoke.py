"""The app served as in production, checked from outside: gunicorn with DEBUG off on PostgreSQL,
static files collected, reports made by a db_worker. Signs in as the demo's programme manager
through the sign-in form, checks the health check and the security headers, loads each main page, asks for a PDF, lets a worker make it and
downloads it. Any answer other than the one expected fails the run.

    .venv/bin/python .ci/smoke.py postgres:///sharedservices_smoke
"""

import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from server import Gunicorn  # noqa: E402
from session import Session, form_fields  # noqa: E402

PASSWORD = "share-services-demo"  # the demo's published password (seed_demo.DEMO_PASSWORD)


def manage(*command, env):
    done = subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"manage.py {' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def expect(what, status, wanted, text="", needle=None):
    if status != wanted or (needle and needle not in text):
        sys.exit(f"{what}: answered {status}, expected {wanted}{f' with {needle!r}' if needle else ''}.\n{text[:2000]}")
    print(f"ok  {status}  {what}")


def main(database_url):
    workdir = Path(tempfile.mkdtemp(prefix="toolkit-smoke-"))
    # The demo's accounts have a published password, so seed_demo runs only with DEBUG on.
    seed_env = {**os.environ, "DATABASE_URL": database_url, "DEBUG": "1", "MEDIA_ROOT": str(workdir / "media")}
    manage("migrate", "--noinput", env=seed_env)
    manage("load_question_bank", env=seed_env)
    manage("seed_demo", env=seed_env)
    # Plain HTTP on 127.0.0.1, so no redirect to HTTPS (the session's Secure cookies are kept by hand).
    env = {
        **seed_env, "DEBUG": "0", "SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "TASKS_BACKEND": "database", "SECURE_SSL_REDIRECT": "0",
    }
    manage("collectstatic", "--noinput", env=env)
    pages = json.loads(manage("bench", "pages", env=env))

    server = Gunicorn(sys.executable, 2, env, workdir / "gunicorn.log", ROOT)
    server.start()
    try:
        session = Session(server.url)
        status, _, text = session.request("GET", "/healthz")
        expect("the health check", status, 200, text, "ok")
        status, headers, text = session.request("GET", "/")
        expect("start page, signed out", status, 200, text, "Shared Service Toolkit")
        security = {name: headers.get(name) for name in ("X-Frame-Options", "Referrer-Policy", "X-Content-Type-Options")}
        if security != {"X-Frame-Options": "DENY", "Referrer-Policy": "same-origin", "X-Content-Type-Options": "nosniff"}:
            sys.exit(f"The start page's security headers are {security}.")
        if "default-src 'self'" not in headers.get("Content-Security-Policy", ""):
            sys.exit(f"The start page's Content-Security-Policy is {headers.get('Content-Security-Policy')!r}.")
        session.sign_in(pages["user"], PASSWORD)
        for page in pages["pages"]:
            status, headers, text = session.request("GET", page["path"])
            expect(f"{page['name']} {page['path']}", status, 200, text, "<main")
        status, _, text = session.request("GET", "/static/toolkit/report.css")
        expect("a static file, served by WhiteNoise", status, 200)

        # A report asked for is queued for a worker, made by it, then downloaded.
        summary = next(p["path"] for p in pages["pages"] if p["name"] == "Readiness summary")
        _, _, text = session.request("GET", summary)
        token = form_fields(text)["csrfmiddlewaretoken"]
        status, headers, _ = session.request("POST", summary + "pdf/", urlencode({"csrfmiddlewaretoken": token}))
        expect("asking for the readiness summary's PDF", status, 302)
        job = headers["Location"]
        status, _, text = session.request("GET", job)
        expect("the request's page while it waits for a worker", status, 200, text, "Queued")
        manage("db_worker", "--batch", env=env)
        status, _, text = session.request("GET", job)
        expect("the request's page once a worker has made it", status, 200, text, "Ready")
        download = re.search(r'href="(/exports/\d+/download/)"', text)
        if not download:
            sys.exit(f"The finished request's page has no download link:\n{text[:2000]}")
        status, headers, body = session.request("GET", download.group(1))
        expect("downloading the PDF", status, 200)
        if headers.get("Content-Type") != "application/pdf":
            sys.exit(f"The download is {headers.get('Content-Type')}, not a PDF.")
    finally:
        server.stop()
    print("The app served as in production answered every page.")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "postgres:///sharedservices_smoke")
