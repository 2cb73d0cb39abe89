"""The joint assessment and design pages of the core, in the browser with axe on every page:
Cannock Chase's officer carries on with its joint assessment from the dashboard and saves a page
for later; Stafford's officer (a partner) cannot open it while it is in progress; the design
page says why the business case cannot start yet; the partnership's reports page."""

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_an_officer_carries_on_with_the_joint_assessment_and_a_partner_cannot_see_it_yet(open_browser):
    tab = open_browser(javascript=False)
    tab.visit("/sign-in/")
    tab.sign_in("cannock-chase-officer")
    council = tab.get_by_role("region", name="Cannock Chase District Council")
    tab.click(council.get_by_role("link", name="Step 2: Joint assessment"))
    expect(tab.get_by_role("heading", level=1)).to_have_text("Joint assessment")
    partnership = tab.get_by_role("region", name="Stafford and Cannock Chase Shared Services")
    tab.click(partnership.get_by_role("button", name="Continue the joint assessment for Stafford and Cannock Chase Shared Services"))
    expect(tab.get_by_text("Cannock Chase District Council in Stafford and Cannock Chase Shared Services")).to_be_visible()
    tab.click(tab.get_by_role("button", name="Continue"))
    section = tab.page.url
    tab.click(tab.get_by_role("button", name="Save and come back later"))
    expect(tab.get_by_role("alert")).to_contain_text("Your answers have been saved")
    assessment_page = tab.page.url

    # Design: the partners have not finished their joint assessments.
    tab.visit("/councils/cannock-chase/design/")
    expect(tab.get_by_text("The business case can start once two partner councils have completed their joint assessments.")).to_be_visible()
    tab.visit("/partnerships/stafford-cannock-chase/exports/")
    expect(tab.get_by_role("heading", level=1)).to_have_text("Reports downloaded")
    tab.sign_out()

    # Stafford is a partner, but Cannock Chase's answers are not shared until it submits them.
    tab.visit("/sign-in/")
    tab.sign_in("stafford-officer")
    for url in (assessment_page, section):
        response = tab.page.goto(url)
        tab.check()
        assert response.status == 404, url
        expect(tab.get_by_role("heading", level=1)).to_have_text("Page not found")
