"""The joint assessment and design pages of the core, in the browser with axe on every page: a
Merton officer starts Merton's joint assessment from the dashboard and saves a page for later;
Sutton's officer (a partner) cannot open it while it is in progress; the design page says why
the business case cannot start yet; the partnership's reports page."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_an_officer_starts_the_joint_assessment_and_a_partner_cannot_see_it_yet(open_browser):
    tab = open_browser(javascript=False)
    tab.visit("/sign-in/")
    tab.sign_in("merton-officer")
    merton = tab.get_by_role("region", name="London Borough of Merton")
    tab.click(merton.get_by_role("link", name="Step 2: Joint assessment"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Joint assessment")
    partnership = tab.get_by_role("region", name="South London Legal Partnership")
    tab.click(partnership.get_by_role("button", name=re.compile(r"^Start the joint assessment")))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Joint assessment")
    expect(tab.get_by_text("London Borough of Merton in South London Legal Partnership")).to_be_visible()
    tab.click(tab.get_by_role("button", name="Continue"))
    first_section = tab.url
    tab.click(tab.get_by_role("button", name="Save and come back later"))
    expect(tab.get_by_role("alert")).to_contain_text("Your answers have been saved")
    assessment_page = tab.url

    # Design: the partners have not finished their joint assessments.
    tab.visit("/councils/merton/design/")
    expect(tab.get_by_text("The business case can start once every partner council has completed its joint assessment.")).to_be_visible()
    tab.visit("/partnerships/south-london-legal/exports/")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Reports downloaded")
    tab.sign_out()

    # Sutton is a partner, but Merton's answers are not shared until Merton submits them.
    tab.visit("/sign-in/")
    tab.sign_in("sutton-officer")
    for url in (assessment_page, first_section):
        response = tab.page.goto(url)
        tab.check()
        assert response.status == 404, url
        expect(tab.get_by_role("heading", level=1)).to_have_text("Page not found")
