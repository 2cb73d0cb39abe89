"""Every fixture item that cites one of the five source documents says what that document says.

These tests read the source documents (the seed files). They live beside the project, in
``shared/seeds`` next to its base directory; on a checkout without them (CI, for instance) the
tests are skipped rather than failing.
"""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from toolkit.models import CaseStudy, ExpertContact, KeyTool, Reading, Source

pytestmark = pytest.mark.django_db

SEEDS = Path(settings.BASE_DIR).parent / "shared" / "seeds"

# Mailboxes the LGA guide gives that belong to no case-study contact, so they are not expert
# contacts: the Local Productivity Programme's enquiries address (acknowledgements page) and the
# Local Government Group's general address (back cover).
LGA_GENERAL_MAILBOXES = {"productivity@local.gov.uk", "info@local.gov.uk"}
# The guide's nine case studies name 15 contacts with 16 addresses (one contact gives two).
LGA_CASE_STUDY_EMAILS = 16
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


@pytest.fixture(scope="module")
def seeds():
    if not SEEDS.is_dir():
        pytest.skip(f"The source documents are not here ({SEEDS}); they are not part of the repository.")
    texts = {value: (SEEDS / value).read_text(encoding="utf-8") for value in Source.seed_files()}
    assert len(texts) == 5
    return texts


def plain(text):
    """The seed text with the extraction's markup undone: escaped underscores and dollars, LaTeX
    pound signs, and thousands separators split by a line break or space ('£750, 000')."""
    text = re.sub(r"\$\\pounds\s*([\d.,]+)\s*\$", r"£\1", text)
    text = text.replace("\\_", "_").replace("\\$", "$")
    return re.sub(r"(\d),\s(\d{3})\b", r"\1,\2", text)


def squashed(text):
    """For finding web addresses that the extraction broke across lines."""
    return re.sub(r"\s+", "", plain(text)).lower()


def words(text):
    return " ".join(plain(text).split()).lower()


UNITS = {None: 1, "k": 1_000, "m": 1_000_000, "million": 1_000_000, "bn": 1_000_000_000, "billion": 1_000_000_000}
NUMBER = r"(\d[\d,]*(?:\.\d+)?)\s*(k|m|million|bn|billion)?\b"


def amount(digits, unit):
    return Decimal(digits.replace(",", "")) * UNITS[unit and unit.lower()]


def money(text):
    """Pound amounts, normalised: '£9m', '£9 million' and '£9,000,000' are all 9000000."""
    return {amount(*m.groups()) for m in re.finditer("£" + NUMBER, plain(text))}


def prose(text):
    """The text without its web addresses, whose digits are not figures ('...-saves-9m-with-...')."""
    return re.sub(r"(?:https?://|www\.)\S+", " ", plain(text))


def numbers(text):
    """Every figure in a text, with or without a pound sign (tables in the sources often drop it)."""
    return {amount(*m.groups()) for m in re.finditer(NUMBER, prose(text))}


def percentages(text):
    return {Decimal(m) for m in re.findall(r"(\d+(?:\.\d+)?)\s*(?:%|per\s*cent)", prose(text))}


def test_the_normalisers():
    assert money("£9m and £9 million and £9,000,000") == {Decimal(9_000_000)}
    assert money("saving £750, 000 on a budget") == {Decimal(750_000)}
    assert money("a  $\\pounds 4.3$m budget") == {Decimal(4_300_000)}
    assert money("£71k") == {Decimal(71_000)}
    assert Decimal(1_374_930) in numbers("Total -624,420 -750,510 -1,374,930")
    assert Decimal(9_000_000) not in numbers("http://www.example.com/council-saves-9m-with-90-cut.html")
    assert percentages("26 per cent, 63% and exceed15 per cent") == {Decimal(26), Decimal(63), Decimal(15)}
    assert squashed("www.apse.org.uk/performance-network.\n html") == "www.apse.org.uk/performance-network.html"


def test_every_case_study_email_the_lga_guide_publishes_is_on_an_expert_contact(seeds):
    published = set(EMAIL.findall(seeds[Source.LGA]))
    assert LGA_GENERAL_MAILBOXES <= published
    case_study_emails = published - LGA_GENERAL_MAILBOXES
    assert len(case_study_emails) == LGA_CASE_STUDY_EMAILS
    on_contacts = set(ExpertContact.objects.filter(source=Source.LGA).values_list("email", flat=True))
    assert sorted(case_study_emails - on_contacts) == []


def test_every_email_and_phone_number_on_a_contact_is_in_the_source_it_cites(seeds):
    invented = [
        (contact.name, detail)
        for contact in ExpertContact.objects.exclude(email="", phone="")
        for detail in (contact.email, contact.phone)
        if detail and detail not in seeds.get(contact.source, "")
    ]
    assert invented == []


def test_expert_contacts_names_and_roles_are_as_their_source_publishes_them(seeds):
    wrong = []
    for contact in ExpertContact.objects.all():
        text = words(seeds.get(contact.source, ""))
        # The guide misspells one title ('Counillor Howard Legg'), so titles are left out.
        name = re.sub(r"^(?:Councillor|Cllr)\s+", "", contact.name).lower()
        if name not in text:
            wrong.append((contact.pk, contact.name))
        if contact.role and contact.role.lower() not in text:
            wrong.append((contact.pk, contact.role))
    assert wrong == []


CASE_STUDY_FIGURES = ["investment", "savings", "summary", "lessons"]


def test_case_study_figures_are_in_the_source_they_cite(seeds):
    wrong = []
    for study in CaseStudy.objects.all():
        source = seeds[study.source]
        figures, rates = numbers(source), percentages(source)
        for field in CASE_STUDY_FIGURES:
            text = getattr(study, field)
            wrong += [(study.slug, field, f"£{value}") for value in sorted(money(text) - figures)]
            wrong += [(study.slug, field, f"{value}%") for value in sorted(percentages(text) - rates)]
    assert wrong == []


def distinctive_words(title):
    """Words of four letters or more, without a plural 's', to find in the source."""
    return {w.lower().rstrip("s") for w in re.findall(r"[A-Za-z][A-Za-z'’-]{3,}", title)}


def named_items_not_in_their_source(seeds, items, name_of):
    """(pk, what) for each distinctive word of an item's name, its year and its web address
    that the source document it cites does not contain."""
    wrong = []
    for item in items:
        source = seeds.get(item.source)
        if source is None:
            wrong.append((item.pk, "cites no source document"))
            continue
        text = words(source)
        wrong += [(item.pk, word) for word in sorted(distinctive_words(name_of(item))) if word not in text]
        if getattr(item, "year", None) and str(item.year) not in source:
            wrong.append((item.pk, item.year))
        if item.url and re.sub(r"^https?://", "", item.url).lower() not in squashed(source):
            wrong.append((item.pk, item.url))
    return wrong


def test_reading_titles_years_and_web_addresses_are_in_the_source_they_cite(seeds):
    assert named_items_not_in_their_source(seeds, Reading.objects.all(), lambda item: item.title) == []


def test_the_reading_the_sources_give_web_addresses_for_has_them():
    missing = Reading.objects.filter(pk__in=[19, 21, 28, 31, 38], url="")
    assert list(missing.values_list("title", flat=True)) == []


def test_key_tool_names_and_web_addresses_are_in_the_source_they_cite(seeds):
    assert named_items_not_in_their_source(seeds, KeyTool.objects.all(), lambda tool: tool.name) == []


def test_the_sources_give_no_example_of_splitting_by_baseline_spend_or_agreed_percentages(seeds):
    """Why the fixtures call those two bases common practice rather than the sources' examples."""
    for text in seeds.values():
        assert "baseline spend" not in words(text)
        assert "agreed percentage" not in words(text)
    lga = words(seeds[Source.LGA])
    assert "population as the basis for apportioning costs and savings" in lga
    assert "redundancy costs were apportioned equally" in lga
