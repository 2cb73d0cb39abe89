"""The design questionnaire in HM Treasury's Five Case Model order, with its pages of rows
(options, figures, set-up costs, savings, milestones, risks, the gate), for databases loaded
before it.

``load_question_bank`` loads fixtures/ only into an empty database. A database loaded before
gets the new questionnaire as the design step's next version, published in place of the old one,
which is retired (business cases started on it keep it). The questionnaire is read from a copy of
the fixture as it was when this migration was written (``data/0009_design_five_cases.json``), so
later changes to the fixtures do not change what this migration does. On a new, empty database it
does nothing: the fixtures hold the new questionnaire already.
"""

import json
from pathlib import Path

from django.db import migrations
from django.db.models import Max
from django.utils import timezone

SNAPSHOT = Path(__file__).parent / "data" / "0009_design_five_cases.json"


def publish_new_version(apps, schema_editor):
    Questionnaire = apps.get_model("toolkit", "Questionnaire")
    Section = apps.get_model("toolkit", "Section")
    Question = apps.get_model("toolkit", "Question")
    Option = apps.get_model("toolkit", "Option")
    current = Questionnaire.objects.filter(step_id="design", status="published").first()
    if current is None or Section.objects.filter(questionnaire=current, slug="options").exists():
        return  # an empty database, or one that has the new questionnaire already
    rows = json.loads(SNAPSHOT.read_text(encoding="utf-8"))
    by_model = {}
    for row in rows:
        by_model.setdefault(row["model"], []).append(row)
    [questionnaire_row] = by_model["toolkit.questionnaire"]
    fields = dict(questionnaire_row["fields"])
    fields.update(
        version=Questionnaire.objects.filter(step_id="design").aggregate(v=Max("version"))["v"] + 1,
        status="published", published_at=timezone.now(),
    )
    Questionnaire.objects.filter(pk=current.pk).update(status="retired")
    new = Questionnaire.objects.create(**{("step_id" if k == "step" else k): v for k, v in fields.items()})
    sections = {}
    for row in by_model["toolkit.section"]:
        fields = {k: v for k, v in row["fields"].items() if k != "questionnaire"}
        sections[row["pk"]] = Section.objects.create(questionnaire=new, **fields)
    questions, pointers = {}, []
    for row in by_model["toolkit.question"]:
        fields = dict(row["fields"])
        section = sections[fields.pop("section")]
        fields.pop("questionnaire", None)
        pointing = {name: fields.pop(name, None) for name in ("show_when_question", "excluded_by")}
        theme = fields.pop("theme")
        questions[row["pk"]] = Question.objects.create(section=section, questionnaire=new, theme_id=theme, **fields)
        pointers.append((row["pk"], pointing))
    for pk, pointing in pointers:
        changes = {f"{name}_id": questions[target].pk for name, target in pointing.items() if target}
        if changes:
            Question.objects.filter(pk=questions[pk].pk).update(**changes)
    Option.objects.bulk_create(
        Option(question=questions[row["fields"]["question"]], **{k: v for k, v in row["fields"].items() if k != "question"})
        for row in by_model.get("toolkit.option", [])
    )


class Migration(migrations.Migration):
    dependencies = [("toolkit", "0008_business_case")]

    operations = [migrations.RunPython(publish_new_version, migrations.RunPython.noop)]
