"""Start, how we score, accessibility and privacy pages."""

from django.test import Client
from django.urls import reverse

from toolkit.models import Questionnaire


def test_start_page_explains_the_three_steps_to_anyone(db):
    response = Client().get(reverse("toolkit:start"))
    html = response.content.decode()
    assert [s.name for s in response.context["steps"]] == ["Self assessment", "Joint assessment", "Design"]
    assert "<h1 class=\"govuk-heading-xl\">Plan a shared service with other councils</h1>" in html
    assert 'href="/sign-in/"' in html


def test_start_page_sends_signed_in_users_to_their_dashboard(client, officer):
    client.force_login(officer)
    assert 'href="/dashboard/"' in client.get(reverse("toolkit:start")).content.decode()


def test_how_we_score_shows_the_published_thresholds(client, officer):
    Questionnaire.objects.filter(step="self", status="published").update(ready_threshold=80, nearly_threshold=55)
    client.force_login(officer)
    html = client.get(reverse("toolkit:how-we-score")).content.decode()
    assert '<td class="govuk-table__cell">80 or more</td><td class="govuk-table__cell">Ready to explore sharing</td>' in html
    assert '<td class="govuk-table__cell">55 to 79</td><td class="govuk-table__cell">Nearly ready: groundwork first</td>' in html
    assert '<td class="govuk-table__cell">below 55</td><td class="govuk-table__cell">Not ready yet</td>' in html


def test_how_we_score_states_the_compatibility_rules_as_the_code_keeps_them(client, officer):
    client.force_login(officer)
    response = client.get(reverse("toolkit:how-we-score"))
    rules = response.context["compatibility_rules"]
    assert len(rules) == 10
    assert rules[-2] == (
        "A theme with any conflict is in conflict; otherwise a theme with any difference is different; "
        "otherwise a theme with any aligned question is aligned; otherwise it is not compared."
    )
    assert '<h2 class="govuk-heading-l" id="compatibility">How we compare partners\' answers</h2>' in response.content.decode()


def test_how_we_score_needs_sign_in(db):
    response = Client().get(reverse("toolkit:how-we-score"))
    assert response["Location"] == "/sign-in/?next=/how-we-score/"


def test_pages_send_a_content_security_policy(db):
    response = Client().get(reverse("toolkit:start"))
    assert response["Content-Security-Policy"] == (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
    assert response["X-Frame-Options"] == "DENY"


def script_tags_and_handlers(html):
    import re

    scripts = re.findall(r"<script\b[^>]*>(.*?)</script>", html, flags=re.S | re.I)
    tags = re.findall(r"<script\b[^>]*>", html, flags=re.I)
    handlers = re.findall(r"<[^>]*\son[a-z]+\s*=", html, flags=re.I)
    return tags, scripts, handlers


def test_pages_have_no_inline_script_for_the_policy_to_block(client, officer):
    """Every script is a file of the site's own (src, empty body); no on… event attributes."""
    from tests import banks
    from toolkit.journey import start_or_resume

    banks.questionnaire("self")
    assessment, _ = start_or_resume("self", officer, council=officer.councils.get())
    client.force_login(officer)
    pages = ["/", "/dashboard/", "/how-we-score/", "/councils/merton/self-assessment/", "/councils/merton/joint-assessment/",
             "/councils/merton/design/", "/councils/merton/exports/", f"/assessments/{assessment.pk}/",
             f"/assessments/{assessment.pk}/sections/gate-questions/", f"/assessments/{assessment.pk}/check/"]
    for url in pages:
        tags, bodies, handlers = script_tags_and_handlers(client.get(url).content.decode())
        assert tags == [
            '<script src="/static/toolkit/js-enabled.js">',
            '<script type="module" src="/static/govuk/govuk-frontend.min.js">',
            '<script type="module" src="/static/toolkit/init.js">',
        ], url
        assert [b.strip() for b in bodies] == ["", "", ""], url
        assert handlers == [], url


def test_not_found_page_explains_and_is_styled(client, officer):
    client.force_login(officer)
    response = client.get("/assessments/999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<title>Page not found – Shared Service Toolkit</title>" in html
    assert '<h1 class="govuk-heading-l">Page not found</h1>' in html


def test_server_error_page_renders_without_a_request():
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert '<h1 class="govuk-heading-l">Sorry, there is a problem with the service</h1>' in html


def test_expired_form_page(officer):
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(officer)
    response = csrf_client.post(reverse("logout"))
    assert response.status_code == 403
    assert '<h1 class="govuk-heading-l">Your page had expired</h1>' in response.content.decode()
