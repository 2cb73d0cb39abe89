"""Fields and summary cards rendered once per description: a different value, label, hint or
choice is a different description, and a form posted back with errors is always rendered anew."""

import re

from django import forms

from toolkit.govuk import widgets
from toolkit.govuk.kept import KeptBoundField, render_kept


class Example(forms.Form):
    bound_field_class = KeptBoundField
    answer = forms.ChoiceField(label="Is the aim agreed?", choices=[("yes", "Yes"), ("no", "No")], widget=forms.RadioSelect)
    budget = forms.CharField(label="Budget", widget=widgets.GovUKTextInput())


def checked(html):
    """The values of the radios that are checked."""
    return [re.search(r'value="([^"]*)"', tag).group(1) for tag in re.findall(r"<input[^>]*>", html) if " checked" in tag]


def test_the_same_field_with_another_value_or_label_renders_anew():
    first = Example(initial={"answer": "yes"})["answer"].as_field_group()
    again = Example(initial={"answer": "yes"})["answer"].as_field_group()
    other_value = Example(initial={"answer": "no"})["answer"].as_field_group()
    relabelled = Example(initial={"answer": "yes"})
    relabelled.fields["answer"].label = "Is the aim agreed by members?"
    assert (again is first, checked(first), checked(other_value)) == (True, ["yes"], ["no"])  # the kept one
    assert "Is the aim agreed by members?" in relabelled["answer"].as_field_group()


def test_a_form_with_errors_shows_them_and_what_was_typed():
    posted = Example(data={"answer": "", "budget": "<b>lots</b>"})
    assert posted.is_valid() is False
    html = posted["answer"].as_field_group() + posted["budget"].as_field_group()
    assert ("This field is required." in html, "&lt;b&gt;lots&lt;/b&gt;" in html, "<b>lots</b>" in html) == (True, True, False)
    # The same field unbound afterwards has no error.
    assert "This field is required." not in Example()["answer"].as_field_group()


def test_a_card_is_rendered_from_its_plain_values_and_escapes_them():
    card = {"heading": "h2", "slug": "aims", "title": "Aims", "table": False, "change_url": "/change/", "items": [
        {"label": "Agreed?", "key": "aims-agreed", "answer": "<script>x</script>", "comment": "", "private_note": ""},
    ]}
    html = render_kept("includes/answer_card.html", {"card": card})
    changed = render_kept("includes/answer_card.html", {"card": {**card, "items": [{**card["items"][0], "answer": "Yes"}]}})
    assert ("&lt;script&gt;x&lt;/script&gt;" in html, "<script>" in html, "Yes" in changed) == (True, False, True)
    assert 'href="/change/#id_aims-answer_aims-agreed"' in html
