"""The question-bank corrections reach a database loaded before them, without changing what a
submitted assessment's report says (migration 0003), on a database of its own.

The bank is loaded from today's fixtures and put back as it was before the corrections, then
the migration's own ``correct`` runs on it, so the test keeps working as the fixtures grow."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

MANAGE = str(Path(settings.BASE_DIR) / "manage.py")

# Put the bank back as it was loaded before the corrections, and submit a self assessment that
# answers "No" to the sovereignty question (scored 100 before the corrections, unscored after).
BEFORE = """
import importlib, json
from django.contrib.auth import get_user_model
from django.utils import timezone
from toolkit.models import Answer, Assessment, Council, Question, Questionnaire
from toolkit.readiness.report import readiness_summary
corrections = importlib.import_module("toolkit.migrations.0003_question_bank_corrections")
from django.apps import apps
for model, natural, field, before, after in corrections.BANK:
    questionnaire = Questionnaire.objects.get(step=natural[0], status="published")
    corrections.rows(apps, model, natural, questionnaire).update(**{field: before})
for model, pk, field, before, after in corrections.CONTENT:
    apps.get_model("toolkit", model).objects.filter(pk=pk).update(**{field: before})
merton = Council.objects.get(slug="merton")
user = get_user_model().objects.create_user("officer")
questionnaire = Questionnaire.objects.get(step="self")
assessment = Assessment.objects.create(questionnaire=questionnaire, council=merton, started_by=user)
for question in Question.objects.filter(questionnaire=questionnaire, show_when_question=None):
    option = question.options.order_by("-score").first() if question.key != "self-sovereignty-concerns" else question.options.get(value="no")
    if option is not None:
        Answer.objects.create(assessment=assessment, question=question, value=[option.value] if question.kind == "multiple" else option.value)
Assessment.objects.filter(pk=assessment.pk).update(status="submitted", submitted_at=timezone.now(), submitted_by=user)
print(json.dumps({"overall": readiness_summary(Assessment.objects.get()).get("overall")}))
"""

CORRECT = """
import importlib
from django.apps import apps
importlib.import_module("toolkit.migrations.0003_question_bank_corrections").correct(apps, None)
"""

AFTER = """
import json
from toolkit.models import Assessment, ExpertContact, Question, Questionnaire
from toolkit.readiness.report import readiness_summary
summary = readiness_summary(Assessment.objects.get())
published = Question.objects.get(questionnaire__step="self", questionnaire__status="published", key="self-sovereignty-concerns")
original = Question.objects.get(questionnaire__step="self", questionnaire__version=1, key="self-sovereignty-concerns")
print(json.dumps({
    "overall": summary["overall"],
    "versions": sorted(Questionnaire.objects.values_list("step", "version", "status")),
    "published weight": published.weight,
    "published scores": sorted(published.options.values_list("value", "score")),
    "original weight": original.weight,
    "design hint": Question.objects.get(questionnaire__step="design", key="design-teckal").hint[:27],
    "contact 31": ExpertContact.objects.filter(pk=31).values_list("email", flat=True).first(),
}))
"""


def run(database, *args, script=None):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DEBUG": "1"}
    command = [sys.executable, MANAGE, *args] + (["-c", script] if script else [])
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.mark.skipif("sqlite" not in settings.DATABASES["default"]["ENGINE"], reason="runs on a SQLite file of its own")
def test_corrections_make_a_new_version_and_leave_submitted_reports_as_they_were(tmp_path):
    database = tmp_path / "before.sqlite3"
    run(database, "migrate", "--noinput", "-v", "0")
    fixtures = sorted(str(p) for p in (Path(settings.BASE_DIR) / "fixtures").glob("*.json"))
    run(database, "loaddata", *fixtures, "-v", "0")
    remove_contact_31 = "from toolkit.models import ExpertContact; ExpertContact.objects.filter(pk=31).delete()"
    run(database, "shell", script=remove_contact_31)
    before = json.loads(run(database, "shell", script=BEFORE).splitlines()[-1])
    run(database, "shell", script=CORRECT)
    after = json.loads(run(database, "shell", script=AFTER).splitlines()[-1])
    assert after == {
        "overall": before["overall"],  # the submitted report reads as it did
        "versions": [["design", 1, "published"], ["joint", 1, "published"], ["self", 1, "retired"], ["self", 2, "published"]],
        "published weight": 0,
        "published scores": [["no", 0], ["partly", 0], ["yes", 0]],
        "original weight": 1,
        "design hint": "The LGA guide (2011) descri",  # no submitted business case: corrected in place
        "contact 31": "j.vaughan@westdorset-dc.gov.uk",
    }


@pytest.mark.django_db
def test_a_database_with_the_old_design_questionnaire_gets_the_five_cases_as_a_new_version():
    import importlib

    from django.apps import apps

    from toolkit.models import Question, Questionnaire, Section, Theme

    Questionnaire.objects.filter(step="design").update(status="retired")
    old = Questionnaire.objects.create(step_id="design", version=7, status="published", title="Design")
    section = Section.objects.create(questionnaire=old, slug="vision-and-objectives", title="Vision")
    Question.objects.create(section=section, key="design-vision", text="Vision?", kind="long_text", theme=Theme.objects.first(), source="002_3629ed7e1db573a4.txt")
    importlib.import_module("toolkit.migrations.0009_design_in_five_cases").publish_new_version(apps, None)
    old.refresh_from_db()
    new = Questionnaire.objects.get(step="design", status="published")
    assert (old.status, new.version) == ("retired", 8)
    assert list(new.sections.values_list("slug", "kind"))[:6] == [
        ("vision-and-objectives", "questions"), ("scope", "questions"), ("case-for-change", "questions"),
        ("critical-success-factors", "questions"), ("options", "options"), ("preferred-option", "questions"),
    ]
    teckal = Question.objects.get(questionnaire=new, key="design-teckal")
    assert teckal.show_when_question.questionnaire_id == new.pk  # follow-ups point within the new version
    # Run again, nothing more happens.
    importlib.import_module("toolkit.migrations.0009_design_in_five_cases").publish_new_version(apps, None)
    assert Questionnaire.objects.filter(step="design").count() == 3
