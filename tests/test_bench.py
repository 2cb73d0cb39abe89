"""The parts of `make bench` that run without wrk: the pages it loads answer merton-pm as it
expects, the form it reads from the wizard page saves when posted, and the report timings."""

import importlib.util
import json
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def benchmark_module(name):
    path = Path(__file__).resolve().parent.parent / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"benchmarks_{name}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)


def test_every_page_answers_and_the_wizard_form_read_from_the_page_saves(demo, client, capsys):
    from django.contrib.auth import get_user_model

    session = benchmark_module("session")
    call_command("bench", "pages")
    listed = json.loads(capsys.readouterr().out)
    assert listed["pages"][0]["path"] == "/accessibility/"
    client.force_login(get_user_model().objects.get(username=listed["user"]))
    for page in listed["pages"]:
        response = client.get(page["path"])
        assert response.status_code == 200, page
        if page["method"] == "POST":
            body = session.form_body(response.content.decode())
            assert "csrfmiddlewaretoken=" in body and "current_step=" in body and "action=continue" in body
            saved = client.post(page["path"], body, content_type="application/x-www-form-urlencoded")
            assert saved.status_code == 302 and "/sections/" in saved["Location"]
            assert saved["Location"] != page["path"]
    # Listing them again resumes the same assessment rather than starting another.
    call_command("bench", "pages")
    assert json.loads(capsys.readouterr().out) == listed


def test_the_sign_in_form_is_read_without_the_header_forms(demo, client):
    session = benchmark_module("session")
    fields = session.form_fields(client.get("/sign-in/").content.decode())
    assert set(fields) == {"csrfmiddlewaretoken", "username", "password"}


def test_report_timings(demo, capsys):
    call_command("bench", "reports", "--runs", "1", "--json")
    figures = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in figures["reports"]] == [
        "Readiness summary PDF (Merton)", "Compatibility report PDF (4 partners)",
        "Business-case outline PDF (4 partners)", "Business-case outline Word (4 partners)",
    ]
    for report in figures["reports"]:
        assert 0 < report["app_s"] <= report["median_s"] and 0 < report["app_share"] <= 1
    assert figures["peak_rss_mb"] >= figures["start_rss_mb"] > 0
