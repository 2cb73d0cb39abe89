"""Signing in (after a mistake), the dashboard's task lists, the pages every visitor can read,
changing a password, and signing out."""

import pytest
from playwright.sync_api import expect


pytestmark = pytest.mark.browser


def test_an_officer_signs_in_and_reads_the_dashboard(browser_page):
    tab = browser_page
    tab.visit("/")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Plan a shared service with other councils")
    tab.click(tab.get_by_role("navigation", name="Menu").get_by_role("link", name="Sign in"))

    # A wrong password: the error summary says so and takes focus (checked on every page).
    tab.get_by_label("Username").fill("merton-officer")
    tab.get_by_label("Password").fill("not-the-password")
    tab.click(tab.get_by_role("button", name="Sign in"))
    assert tab.title().startswith("Error: ")
    expect(tab.get_by_role("alert")).to_contain_text("There is a problem")
    expect(tab.get_by_label("Username")).to_have_value("merton-officer")

    tab.sign_in("merton-officer")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Dashboard")
    expect(tab.get_by_text("Signed in as Merton Officer, London Borough of Merton")).to_be_visible()
    expect(tab.get_by_role("link", name="Dashboard")).to_have_attribute("aria-current", "page")

    # Merton's task list: the self assessment is done; the partnership is listed.
    merton = tab.get_by_role("region", name="London Borough of Merton")
    self_assessment = merton.get_by_role("listitem").filter(has_text="Step 1: Self assessment")
    expect(self_assessment).to_contain_text("Completed")
    expect(merton.get_by_role("link", name="Step 1: Self assessment")).to_have_accessible_description(
        "Is sharing feasible for us? Completed"
    )
    expect(merton.get_by_role("link", name="South London Legal Partnership")).to_be_visible()

    # The partnership's page, and back.
    tab.click(merton.get_by_role("link", name="South London Legal Partnership"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("South London Legal Partnership")
    expect(tab.get_by_role("table", name="Member councils")).to_contain_text("London Borough of Sutton")
    tab.click(tab.get_by_role("link", name="Back to dashboard"))

    # The self assessment page of a council with a submitted assessment.
    tab.click(merton.get_by_role("link", name="Step 1: Self assessment"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Self assessment")
    expect(tab.get_by_role("table", name="Submitted assessments")).to_contain_text("Merton Programme Manager")
    expect(tab.get_by_role("button", name="Start a new self assessment")).to_be_visible()
    tab.click(tab.get_by_role("link", name="How we score readiness"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("How we score and compare")

    # Change password: a mistake first.
    tab.click(tab.get_by_role("link", name="Change password"))
    tab.click(tab.get_by_role("button", name="Change password"))
    expect(tab.get_by_role("alert")).to_contain_text("There is a problem")
    tab.get_by_label("Old password").fill("share-services-demo")
    tab.get_by_label("New password", exact=True).fill("a-new-long-passphrase-2026")
    tab.get_by_label("New password confirmation").fill("a-new-long-passphrase-2026")
    tab.click(tab.get_by_role("button", name="Change password"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Password changed")

    # The footer's pages, then sign out.
    tab.click(tab.get_by_role("contentinfo").get_by_role("link", name="Accessibility statement"))
    tab.click(tab.get_by_role("contentinfo").get_by_role("link", name="Privacy"))
    tab.sign_out()
    expect(tab.get_by_role("navigation", name="Menu").get_by_role("link", name="Sign in")).to_be_visible()


def test_a_sign_in_with_nothing_entered_says_what_is_missing(open_browser):
    tab = open_browser(javascript=False)
    tab.visit("/sign-in/")
    tab.click(tab.get_by_role("button", name="Sign in"))
    expect(tab.get_by_role("alert")).to_contain_text("There is a problem")
    expect(tab.get_by_role("alert").get_by_role("link")).not_to_have_count(0)
