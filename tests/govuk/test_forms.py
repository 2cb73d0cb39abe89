"""GOV.UK markup for Django forms (toolkit/govuk_forms.py and templates/django/forms/), the error
summary, the page template and the sign-in pages."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.template import engines
from django.urls import reverse
from pytest_django.asserts import assertContains, assertHTMLEqual, assertInHTML, assertNotContains

from tests import factories
from toolkit import govuk
from toolkit.models import Membership


class ExampleForm(forms.Form):
    name = forms.CharField(label="Council name", help_text="As it appears on letters", max_length=20)
    staff = forms.IntegerField(label="Staff", widget=govuk.GovUKNumberInput())
    budget = govuk.MoneyField(label="Budget", min_value=0)
    share = govuk.PercentageField(label="Share of savings", min_value=0, max_value=100)
    starts = govuk.GovUKDateField(label="Start date", required=False)
    lead = forms.ChoiceField(
        label="Are you the lead authority?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=govuk.GovUKRadioSelect(inline=True, option_hints={"no": "Another council leads"}),
        error_messages={"required": "Select yes or no"},
    )
    areas = forms.MultipleChoiceField(
        label="Which services?",
        choices=[("hr", "HR"), ("it", "IT")],
        widget=govuk.GovUKCheckboxSelectMultiple(),
        required=False,
    )
    notes = forms.CharField(label="Notes", max_length=10, required=False, widget=govuk.CharacterCountTextarea())
    seen = forms.CharField(widget=forms.HiddenInput, required=False)


VALID = {"name": "Merton", "staff": "1,200", "budget": "£1,250.50", "share": "12.5%", "lead": "yes"}


def bound(**changes):
    form = ExampleForm({**VALID, **changes})
    form.is_valid()
    return form


def render(source, **context):
    return engines["django"].from_string(source).render(context)


# --- Text inputs, hints and errors ------------------------------------------------------------


def test_a_field_with_an_error_has_the_error_message_next_to_it_and_keeps_what_was_typed():
    form = bound(name="A name that is far too long")
    assertHTMLEqual(
        str(form["name"].as_field_group()),
        """
        <div class="govuk-form-group govuk-form-group--error">
          <label class="govuk-label" for="id_name">Council name</label>
          <div id="id_name_helptext" class="govuk-hint">As it appears on letters</div>
          <p id="id_name_error" class="govuk-error-message">
            <span class="govuk-visually-hidden">Error:</span> Ensure this value has at most 20 characters (it has 27).
          </p>
          <input type="text" name="name" value="A name that is far too long" class="govuk-input govuk-input--error"
                 maxlength="20" aria-describedby="id_name_helptext id_name_error" required aria-invalid="true"
                 id="id_name">
        </div>
        """,
    )


def test_a_field_without_errors_has_no_error_markup():
    form = bound()
    html = str(form["name"].as_field_group())
    assert "govuk-form-group--error" not in html
    assert "govuk-error-message" not in html
    assertInHTML(
        '<input type="text" name="name" value="Merton" class="govuk-input" maxlength="20"'
        ' aria-describedby="id_name_helptext" required id="id_name">',
        html,
    )


def test_whole_numbers_use_a_numeric_text_input_and_accept_thousands_separators():
    form = bound()
    assert form.cleaned_data["staff"] == 1200
    assertInHTML(
        '<input type="text" name="staff" value="1200" inputmode="numeric" spellcheck="false"'
        ' class="govuk-input govuk-input--width-10" required id="id_staff">',
        str(form["staff"].as_field_group()),
    )


def test_label_size_can_be_set_on_the_form_or_the_field():
    class Sized(forms.Form):
        label_size = "m"
        town = forms.CharField()
        lead = forms.ChoiceField(choices=[("y", "Yes")], widget=govuk.GovUKRadioSelect())

    form = Sized()
    assert '<label class="govuk-label govuk-label--m" for="id_town">Town</label>' in str(form["town"].as_field_group())
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--m">Lead</legend>' in str(
        form["lead"].as_field_group()
    )


# --- Money and percentages --------------------------------------------------------------------


def test_money_has_a_pound_prefix_and_keeps_a_bad_amount_as_typed():
    form = bound(budget="£12x")
    assert form.errors["budget"] == ["Enter an amount in pounds, like 1,250 or 1,250.50"]
    assertInHTML(
        """
        <div class="govuk-input__wrapper">
          <div class="govuk-input__prefix" aria-hidden="true">£</div>
          <input type="text" name="budget" value="£12x" inputmode="decimal" spellcheck="false"
                 class="govuk-input govuk-input--width-10 govuk-input--error" aria-describedby="id_budget_error"
                 required aria-invalid="true" id="id_budget">
        </div>
        """,
        str(form["budget"].as_field_group()),
    )


def test_money_accepts_pounds_signs_and_commas_and_shows_amounts_with_commas():
    assert bound().cleaned_data["budget"] == Decimal("1250.50")
    assert bound(budget="1.999").errors["budget"] == ["Enter an amount with no more than 2 decimal places"]
    assert bound(budget="-5").errors["budget"] == ["Enter an amount of £0 or more"]
    form = ExampleForm(initial={"budget": Decimal("1374930")})
    assert 'value="1,374,930"' in str(form["budget"])


def test_percentages_have_a_percent_suffix():
    form = bound(share="120")
    assert form.errors["share"] == ["Enter a percentage of 100 or less"]
    assertInHTML(
        """
        <div class="govuk-input__wrapper">
          <input type="text" name="share" value="120" inputmode="decimal" spellcheck="false"
                 class="govuk-input govuk-input--width-4 govuk-input--error" aria-describedby="id_share_error"
                 required aria-invalid="true" id="id_share">
          <div class="govuk-input__suffix" aria-hidden="true">%</div>
        </div>
        """,
        str(form["share"].as_field_group()),
    )
    assert bound().cleaned_data["share"] == Decimal("12.5")


# --- Dates ------------------------------------------------------------------------------------


def date_errors(day, month, year, **field_options):
    class DateForm(forms.Form):
        when = govuk.GovUKDateField(**field_options)

    form = DateForm({"when_day": day, "when_month": month, "when_year": year})
    return form, form.errors.get("when")


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("12", "", "2025", "Date must include a month"),
        ("", "3", "2025", "Date must include a day"),
        ("12", "3", "", "Date must include a year"),
        ("", "", "2025", "Date must include a day and month"),
        ("12", "", "", "Date must include a month and year"),
        ("31", "2", "2025", "Date must be a real date"),
        ("12", "13", "2025", "Date must be a real date"),
        ("1x", "3", "2025", "Date must be a real date"),
        ("12", "3", "25", "Year must include 4 numbers"),
        ("", "", "", "Enter a date"),
    ],
)
def test_date_messages_follow_the_design_system(day, month, year, message):
    assert date_errors(day, month, year)[1] == [message]


def test_dates_are_read_from_numbers_or_month_names_and_may_be_left_out_when_optional():
    assert date_errors("1", "4", "2026")[0].cleaned_data["when"] == date(2026, 4, 1)
    assert date_errors(" 01 ", "Apr", "2026")[0].cleaned_data["when"] == date(2026, 4, 1)
    assert date_errors("", "", "", required=False)[0].cleaned_data["when"] is None
    _, errors = date_errors("1", "1", "2019", min_date=date(2020, 1, 1), subject="Start date")
    assert errors == ["Start date must be the same as or after 1 January 2020"]


def test_a_date_field_is_a_fieldset_and_only_the_box_at_fault_is_marked():
    form = bound(starts_day="12", starts_month="", starts_year="2025")
    assertHTMLEqual(
        str(form["starts"].as_field_group()),
        """
        <div class="govuk-form-group govuk-form-group--error">
          <fieldset class="govuk-fieldset" role="group" aria-describedby="id_starts_error">
            <legend class="govuk-fieldset__legend">Start date</legend>
            <p id="id_starts_error" class="govuk-error-message">
              <span class="govuk-visually-hidden">Error:</span> Date must include a month
            </p>
            <div class="govuk-date-input" id="id_starts">
              <div class="govuk-date-input__item">
                <div class="govuk-form-group">
                  <label class="govuk-label govuk-date-input__label" for="id_starts_0">Day</label>
                  <input type="text" name="starts_day" value="12" inputmode="numeric" spellcheck="false"
                         id="id_starts_0" class="govuk-input govuk-date-input__input govuk-input--width-2">
                </div>
              </div>
              <div class="govuk-date-input__item">
                <div class="govuk-form-group">
                  <label class="govuk-label govuk-date-input__label" for="id_starts_1">Month</label>
                  <input type="text" name="starts_month" inputmode="numeric" spellcheck="false"
                         id="id_starts_1"
                         class="govuk-input govuk-date-input__input govuk-input--width-2 govuk-input--error"
                         aria-invalid="true">
                </div>
              </div>
              <div class="govuk-date-input__item">
                <div class="govuk-form-group">
                  <label class="govuk-label govuk-date-input__label" for="id_starts_2">Year</label>
                  <input type="text" name="starts_year" value="2025" inputmode="numeric" spellcheck="false"
                         id="id_starts_2" class="govuk-input govuk-date-input__input govuk-input--width-4">
                </div>
              </div>
            </div>
          </fieldset>
        </div>
        """,
    )
    assert govuk.error_summary_items(form)[0] == ("#id_starts_1", "Date must include a month")


def test_a_saved_date_fills_the_boxes():
    form = ExampleForm(initial={"starts": date(2026, 4, 1)})
    html = str(form["starts"])
    assert 'name="starts_day" value="1"' in html
    assert 'name="starts_month" value="4"' in html
    assert 'name="starts_year" value="2026"' in html


# --- Radios and checkboxes --------------------------------------------------------------------


def test_radios_are_a_fieldset_with_one_item_per_option_and_option_hints():
    form = bound(lead="")
    assertHTMLEqual(
        str(form["lead"].as_field_group()),
        """
        <div class="govuk-form-group govuk-form-group--error">
          <fieldset class="govuk-fieldset" aria-describedby="id_lead_error">
            <legend class="govuk-fieldset__legend">Are you the lead authority?</legend>
            <p id="id_lead_error" class="govuk-error-message">
              <span class="govuk-visually-hidden">Error:</span> Select yes or no
            </p>
            <div class="govuk-radios govuk-radios--inline" id="id_lead" data-module="govuk-radios">
              <div class="govuk-radios__item">
                <input class="govuk-radios__input" type="radio" name="lead" value="yes" required aria-invalid="true"
                       id="id_lead_0">
                <label class="govuk-label govuk-radios__label" for="id_lead_0">Yes</label>
              </div>
              <div class="govuk-radios__item">
                <input class="govuk-radios__input" type="radio" name="lead" value="no" required aria-invalid="true"
                       id="id_lead_1" aria-describedby="id_lead_1-item-hint">
                <label class="govuk-label govuk-radios__label" for="id_lead_1">No</label>
                <div id="id_lead_1-item-hint" class="govuk-hint govuk-radios__hint">Another council leads</div>
              </div>
            </div>
          </fieldset>
        </div>
        """,
    )


def test_the_chosen_radio_and_checkboxes_stay_chosen_after_an_error():
    form = bound(name="", lead="no", areas=["it"])
    assert not form.is_valid()
    assertInHTML(
        '<input class="govuk-radios__input" type="radio" name="lead" value="no" required checked id="id_lead_1"'
        ' aria-describedby="id_lead_1-item-hint">',
        str(form["lead"]),
    )
    assertInHTML(
        '<input class="govuk-checkboxes__input" type="checkbox" name="areas" value="it" checked id="id_areas_1">',
        str(form["areas"]),
    )
    assertInHTML(
        '<div class="govuk-checkboxes" id="id_areas" data-module="govuk-checkboxes">'
        '<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" type="checkbox" name="areas"'
        ' value="hr" id="id_areas_0"><label class="govuk-label govuk-checkboxes__label" for="id_areas_0">HR</label>'
        '</div><div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" type="checkbox"'
        ' name="areas" value="it" checked id="id_areas_1"><label class="govuk-label govuk-checkboxes__label"'
        ' for="id_areas_1">IT</label></div></div>',
        str(form["areas"]),
    )


def test_stock_django_widgets_get_govuk_classes_too():
    class Stock(forms.Form):
        town = forms.ChoiceField(choices=[("a", "A")])
        about = forms.CharField(widget=forms.Textarea)
        agree = forms.BooleanField(label="I agree")

    form = Stock({"town": "b"})
    html = str(form)
    assertInHTML(
        '<select name="town" class="govuk-select govuk-select--error" aria-describedby="id_town_error"'
        ' aria-invalid="true" id="id_town"><option value="a">A</option></select>',
        html,
    )
    assert 'class="govuk-textarea govuk-textarea--error"' in html
    assertInHTML(
        '<div class="govuk-checkboxes__item"><input type="checkbox" name="agree" class="govuk-checkboxes__input"'
        ' aria-describedby="id_agree_error" required aria-invalid="true" id="id_agree">'
        '<label class="govuk-label govuk-checkboxes__label" for="id_agree">I agree</label></div>',
        html,
    )


# --- Character count --------------------------------------------------------------------------


def test_long_text_has_the_character_count_and_no_maxlength_attribute():
    form = bound(notes="Far more than ten characters")
    assert form.errors["notes"] == ["Ensure this value has at most 10 characters (it has 28)."]
    assertHTMLEqual(
        str(form["notes"].as_field_group()),
        """
        <div class="govuk-form-group govuk-form-group--error govuk-character-count"
             data-module="govuk-character-count" data-maxlength="10">
          <label class="govuk-label" for="id_notes">Notes</label>
          <p id="id_notes_error" class="govuk-error-message">
            <span class="govuk-visually-hidden">Error:</span> Ensure this value has at most 10 characters (it has 28).
          </p>
          <textarea name="notes" cols="40" rows="5"
                    class="govuk-js-character-count govuk-textarea govuk-textarea--error"
                    aria-describedby="id_notes-info id_notes_error" aria-invalid="true" id="id_notes">
Far more than ten characters</textarea>
          <div id="id_notes-info" class="govuk-hint govuk-character-count__message">
            You can enter up to 10 characters
          </div>
        </div>
        """,
    )


def test_the_character_count_limit_can_be_given_to_the_widget():
    class Comment(forms.Form):
        comment = forms.CharField(widget=govuk.CharacterCountTextarea(maxlength=2000, rows=3))

    html = str(Comment()["comment"].as_field_group())
    assert 'data-maxlength="2000"' in html
    assert "You can enter up to 2,000 characters" in html
    assert 'rows="3"' in html


# --- The whole form, the error summary and the page title -------------------------------------


def test_a_whole_form_renders_every_field_as_a_govuk_form_group():
    html = str(bound(name="", lead=""))
    assert html.count('<div class="govuk-form-group') == 8 + 3  # 8 visible fields, and a group per date box
    assert html.count('class="govuk-form-group govuk-form-group--error"') == 2
    assertInHTML('<input type="hidden" name="seen" id="id_seen">', html)


def test_the_error_summary_links_each_error_to_its_field_and_lists_form_errors_as_text():
    form = bound(name="", lead="", starts_day="31", starts_month="2", starts_year="2025")
    form.add_error(None, "These answers were changed by someone else")
    html = render('{% include "govuk/error_summary.html" with form=form %}', form=form)
    assertHTMLEqual(
        html,
        """
        <div class="govuk-error-summary" data-module="govuk-error-summary">
          <div role="alert">
            <h2 class="govuk-error-summary__title">There is a problem</h2>
            <div class="govuk-error-summary__body">
              <ul class="govuk-list govuk-error-summary__list">
                <li>These answers were changed by someone else</li>
                <li><a href="#id_name">This field is required.</a></li>
                <li><a href="#id_starts_0">Date must be a real date</a></li>
                <li><a href="#id_lead_0">Select yes or no</a></li>
              </ul>
            </div>
          </div>
        </div>
        """,
    )


def test_the_error_summary_takes_more_forms_and_shows_nothing_without_errors():
    first, second = bound(), bound(budget="x")
    second.prefix = None
    html = render('{% include "govuk/error_summary.html" with form=first forms=others %}', first=first, others=[second])
    assertInHTML('<li><a href="#id_budget">Enter an amount in pounds, like 1,250 or 1,250.50</a></li>', html)
    assert render('{% include "govuk/error_summary.html" with form=form %}', form=bound()).strip() == ""


def test_the_title_starts_with_error_when_a_form_has_errors():
    source = "{% load govuk %}{% error_prefix form %}Budget"
    assert render(source, form=bound(budget="x")) == "Error: Budget"
    assert render(source, form=bound()) == "Budget"
    assert render(source, form=ExampleForm()) == "Budget"


# --- Page template and sign-in pages ----------------------------------------------------------


@pytest.mark.django_db
def test_the_sign_in_page_has_the_heading_fields_and_no_inline_script(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assertContains(response, '<h1 class="govuk-heading-l">Sign in</h1>', html=True)
    assertContains(response, "<title>Sign in – Shared Service Toolkit</title>", html=True)
    assertContains(response, '<label class="govuk-label" for="id_username">Username</label>', html=True)
    assertContains(response, '<button type="submit" class="govuk-button" data-module="govuk-button">Sign in</button>',
                   html=True)
    assertContains(response, "You cannot create an account yourself")
    html = response.content.decode()
    assert '<html lang="en-GB" class="govuk-template">' in html
    assert all('src="' in tag for tag in re.findall(r"<script[^>]*>", html)), "no inline script"
    assert '<a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">' in html
    assert '<main class="govuk-main-wrapper" id="main-content">' in html
    assert "govuk-header__logotype" not in html and "Crown copyright" not in html and "Open Government" not in html
    assertContains(response, '<a class="govuk-footer__link" href="/accessibility/">Accessibility statement</a>', html=True)
    assertContains(response, '<a class="govuk-footer__link" href="/privacy/">Privacy</a>', html=True)


@pytest.mark.django_db
def test_a_bad_sign_in_shows_the_error_summary(client):
    factories.user("someone")
    response = client.post(reverse("login"), {"username": "someone", "password": "wrong"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Sign in – Shared Service Toolkit</title>" in html
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S).group(0)
    assert "There is a problem" in summary
    assert "correct username and password" in summary
    assertContains(response, 'value="someone"')  # the username typed is kept


@pytest.mark.django_db
def test_an_empty_sign_in_links_each_missing_field(client):
    response = client.post(reverse("login"), {"username": "", "password": ""})
    assertContains(response, '<a href="#id_username">', count=1)
    assertContains(response, '<a href="#id_password">', count=1)


def test_the_sign_in_form_speaks_the_design_system():
    form = govuk.SignInForm(data={"username": "", "password": ""})
    assert form.errors == {"username": ["Enter your username"], "password": ["Enter your password"]}


@pytest.mark.django_db
def test_the_header_shows_who_is_signed_in_their_councils_and_a_sign_out_button(client, officer, merton, sutton):
    Membership.objects.create(user=officer, council=sutton)
    client.force_login(officer)
    response = client.get(reverse("password_change"))
    assert response.status_code == 200
    assertContains(response, "<h1 class=\"govuk-heading-l\">Change your password</h1>", html=True)
    assertContains(response, f"Signed in as <strong>Officer Tester</strong>, {merton.name} and {sutton.name}</p>")
    html = response.content.decode()
    form = re.search(r'<form method="post" action="/sign-out/".*?</form>', html, re.S).group(0)
    assert 'name="csrfmiddlewaretoken"' in form
    assert '<button type="submit" class="govuk-service-navigation__link app-link-button">Sign out</button>' in form
    assertContains(response, '<a href="/" class="govuk-service-navigation__link">Shared Service Toolkit</a>', html=True)
    assertNotContains(response, ">Sign in<")


@pytest.mark.django_db
def test_password_changed_page_and_messages_banner(client, officer):
    from django.contrib import messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.test import RequestFactory

    client.force_login(officer)
    response = client.get(reverse("password_change_done"))
    assertContains(response, '<h1 class="govuk-panel__title">Password changed</h1>', html=True)

    request = RequestFactory().get("/")
    request.user = officer
    request.session = client.session
    request._messages = FallbackStorage(request)
    messages.success(request, "Answers saved")
    html = engines["django"].get_template("base.html").render({"messages": messages.get_messages(request)}, request)
    assertInHTML(
        '<div class="govuk-notification-banner govuk-notification-banner--success" role="alert"'
        ' aria-labelledby="message-1-title" data-module="govuk-notification-banner">'
        '<div class="govuk-notification-banner__header"><h2 class="govuk-notification-banner__title"'
        ' id="message-1-title">Success</h2></div><div class="govuk-notification-banner__content">'
        '<p class="govuk-notification-banner__heading">Answers saved</p></div></div>',
        html,
    )
