# The triggers that move the revision on are installed after every migrate
# (toolkit/business_case/revision.py), so a later migration that makes a table again cannot
# leave them behind. Going back before this migration takes them away first: they would stop
# every change to the tables they watch once the column is gone.

from django.db import migrations, models


def remove_triggers(apps, schema_editor):
    from toolkit.business_case.revision import uninstall

    uninstall(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("toolkit", "0014_report_jobs"),
    ]

    operations = [
        migrations.AddField(
            model_name="assessment",
            name="revision",
            field=models.PositiveBigIntegerField(default=0, editable=False),
        ),
        migrations.RunPython(migrations.RunPython.noop, remove_triggers),
    ]
