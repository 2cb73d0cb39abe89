"""What the journeys share: answering questions by their labels, and checking downloaded PDFs."""

import json
import re
from pathlib import Path

from django.conf import settings
from playwright.sync_api import expect
from pypdf import PdfReader

QUESTION_BANK = Path(settings.BASE_DIR) / "fixtures" / "10_self_assessment.json"


def self_assessment_bank():
    """The self-assessment questionnaire's sections in order: [(title, [question dict])].

    Read from the question bank the site is loaded from, so the journey follows the real questions
    (each question dict has key, text, kind, required and its option labels).
    """
    rows = json.loads(QUESTION_BANK.read_text(encoding="utf-8"))
    sections = {r["pk"]: r["fields"] for r in rows if r["model"] == "toolkit.section"}
    options = {}
    for r in sorted((r for r in rows if r["model"] == "toolkit.option"), key=lambda r: r["fields"].get("position", 0)):
        options.setdefault(r["fields"]["question"], []).append(r["fields"]["label"])
    questions = {}
    for r in sorted((r for r in rows if r["model"] == "toolkit.question"), key=lambda r: r["fields"]["position"]):
        questions.setdefault(r["fields"]["section"], []).append({**r["fields"], "options": options.get(r["pk"], [])})
    ordered = sorted(sections.items(), key=lambda item: item[1]["position"])
    return [(fields["title"], questions.get(pk, [])) for pk, fields in ordered]


def answer(page, question, value):
    """Answer one question as a person would: find it by its label or legend, then type or pick.

    value: an option label (a list of labels for checkboxes), text, or (day, month, year).
    """
    kind, text = question["kind"], question["text"]
    if kind in ("yes_no", "yes_partly_no", "agreement", "single"):
        page.get_by_role("group", name=text, exact=True).get_by_label(value, exact=True).check()
    elif kind == "multiple":
        group = page.get_by_role("group", name=text, exact=True)
        for label in value:
            group.get_by_label(label, exact=True).check()
    elif kind == "date":
        group = page.get_by_role("group", name=text, exact=True)
        for part, number in zip(("Day", "Month", "Year"), value):
            group.get_by_label(part, exact=True).fill(str(number))
    else:  # text, long_text, number, money, percentage
        page.get_by_label(text, exact=True).fill(str(value))


def default_answer(question):
    """A plausible answer: the first (best) option, or a sample value."""
    kind = question["kind"]
    if kind in ("yes_no", "yes_partly_no", "agreement", "single"):
        return question["options"][0]
    if kind == "multiple":
        return question["options"][:2]
    return {
        "text": "Legal services",
        "long_text": "To keep a resilient legal service at lower cost and share specialist staff.",
        "number": "24",
        "money": "2400000",
        "percentage": "15",
        "date": (31, 3, 2027),
    }[kind]


def add_comment(page, question, comment):
    """Open 'Add a comment or evidence' for a question and type the comment."""
    summary = page.get_by_text(f"Add a comment or evidence for ‘{question['text']}’")
    details = page.locator("details").filter(has=summary)
    details.get_by_text("Add a comment or evidence").click()
    details.get_by_label("Comment or evidence (optional)").fill(comment)


def expect_error(page, message):
    """The error summary lists the message as a link, and the field shows it too."""
    summary = page.get_by_role("alert").filter(has_text="There is a problem")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link", name=message).first).to_be_visible()
    expect(page.get_by_text(f"Error: {message}").first).to_be_visible()


def is_true(value):
    """A PDF boolean is true (pypdf's BooleanObject is truthy even when false)."""
    return value is not None and getattr(value, "value", value) is True


def check_pdf(path, council, verdict):
    """A downloaded readiness summary: a tagged PDF with title and language, text that a screen
    reader can read, naming the council and the verdict. Returns the text."""
    reader = PdfReader(str(path))
    root = reader.trailer["/Root"]
    marked = root["/MarkInfo"].get_object().get("/Marked") if "/MarkInfo" in root else None
    assert is_true(marked), "the PDF is not tagged (/MarkInfo /Marked true)"
    structure = root["/StructTreeRoot"].get_object() if "/StructTreeRoot" in root else {}
    assert structure.get("/K"), "the PDF has no structure tree (/StructTreeRoot)"
    assert str(root.get("/Lang", "")).lower().startswith("en"), f"the PDF's language is not set: {root.get('/Lang')!r}"
    title = reader.metadata.title if reader.metadata else None
    assert title and title.strip(), "the PDF has no title"
    preferences = root["/ViewerPreferences"].get_object() if "/ViewerPreferences" in root else {}
    shows_title = preferences.get("/DisplayDocTitle")
    assert is_true(shows_title), "the PDF does not ask viewers to show its title (/ViewerPreferences /DisplayDocTitle)"
    text = "\n".join(page.extract_text() or "" for page in reader.pages)
    flat = re.sub(r"\s+", " ", text)
    assert len(flat) > 500, f"the PDF's text could not be extracted: {flat[:200]!r}"
    assert council in flat, f"the PDF does not name the council {council!r}"
    assert verdict in flat, f"the PDF does not give the verdict {verdict!r}"
    assert council in title, f"the PDF's title {title!r} does not name the council"
    return flat


# -- the joint assessment ----------------------------------------------------------------------

JOINT_QUESTION_BANK = Path(settings.BASE_DIR) / "fixtures" / "20_joint_assessment.json"


def joint_assessment_bank():
    """The joint questionnaire's sections in order: [(title, [question dict])], as
    ``self_assessment_bank`` gives them, and each question also has ``values`` (option label to
    stored value) and ``shown_when`` (None, or the key of the question it follows and the values
    of that question that show it)."""
    rows = json.loads(JOINT_QUESTION_BANK.read_text(encoding="utf-8"))
    sections = {r["pk"]: r["fields"] for r in rows if r["model"] == "toolkit.section"}
    keys = {r["pk"]: r["fields"]["key"] for r in rows if r["model"] == "toolkit.question"}
    options, values = {}, {}
    for r in sorted((r for r in rows if r["model"] == "toolkit.option"), key=lambda r: r["fields"].get("position", 0)):
        options.setdefault(r["fields"]["question"], []).append(r["fields"]["label"])
        values.setdefault(r["fields"]["question"], {})[r["fields"]["label"]] = r["fields"]["value"]
    questions = {}
    for r in sorted((r for r in rows if r["model"] == "toolkit.question"), key=lambda r: r["fields"]["position"]):
        fields = r["fields"]
        controller = fields.get("show_when_question")
        shown_when = (keys[controller], fields["show_when_value"].split(",")) if controller else None
        questions.setdefault(fields["section"], []).append(
            {**fields, "options": options.get(r["pk"], []), "values": values.get(r["pk"], {}), "shown_when": shown_when}
        )
    ordered = sorted(sections.items(), key=lambda item: item[1]["position"])
    return [(fields["title"], questions.get(pk, [])) for pk, fields in ordered]


def add_private_note(page, question, note):
    """Open 'Add a note private to <council>' for a question and type the note."""
    summary = page.get_by_text(re.compile(rf"^Add a note private to .+ for ‘{re.escape(question['text'])}’$"))
    details = page.locator("details").filter(has=summary)
    details.locator("summary").click()
    details.get_by_label(re.compile(r"^Private note to .+'s officers \(optional\)$")).fill(note)


def check_compatibility_pdf(path, partnership, councils, verdict):
    """A downloaded compatibility report: what ``check_pdf`` checks (tagged, title naming the
    partnership, language, readable text with the verdict), and text naming every council."""
    flat = check_pdf(path, partnership, verdict)
    for council in councils:
        assert council in flat, f"the PDF does not name the council {council!r}"
    return flat
