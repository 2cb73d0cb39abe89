"""An administrator signs in to Django admin and opens the self-assessment questionnaire."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_an_admin_opens_the_questionnaire(browser_page):
    tab = browser_page
    tab.visit("/admin/")
    tab.get_by_label("Username").fill("admin")
    tab.get_by_label("Password").fill("share-services-demo")
    tab.click(tab.get_by_role("button", name="Log in"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Site administration")

    tab.click(tab.get_by_role("link", name="Questionnaires", exact=True))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Select questionnaire to change")
    tab.click(tab.get_by_role("link", name="Self assessment").first)
    expect(tab.get_by_role("heading", level=1)).to_have_text("Change questionnaire")
    expect(tab.get_by_role("textbox", name="Title:", exact=True)).to_have_value("Self assessment")
    # Its sections, inline: each box is named by its column and row.
    expect(tab.get_by_role("textbox", name="Title, section 1", exact=True)).to_have_value("Gate questions")
    last = tab.get_by_role("textbox", name="Title, section 10", exact=True)
    expect(last).to_have_value("Contracts and the costs of change")
