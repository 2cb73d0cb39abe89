"""A business case's revision (``Assessment.revision``), moved on by the database itself.

The business-case outline's page keeps its body under the business case's revision
(``report.outline_inputs``). So the revision must go up with every change the outline shows,
whatever makes it: a page saved, rows made in bulk, a sign-off given, sign-offs withdrawn by a
queryset update, a council joining or leaving, an administrator's change in Django admin.
Database triggers do that in the same transaction as the change, which no code path can skip:

- a row of the business case's own tables (``BY_ASSESSMENT``) inserted, changed or deleted: its
  business case's revision goes up;
- a council joining or leaving a partnership: the partnership's business case's goes up;
- any update of the business case's own row (its status, say) leaves the revision higher than
  before, even when a save writes back the number it read earlier.

Only business cases (step "design") are counted; other assessments' rows pass untouched.

The triggers are (re)installed after every ``migrate``, not by one migration: SQLite makes a
table again to alter a column, which drops that table's triggers, and a table added later must
not be needed by an old migration. Installing is idempotent. SQLite and PostgreSQL are the
databases the toolkit runs on; on any other, installing refuses, as the kept outline would not
be safe there.
"""

from django.db import connections
from django.db.models.signals import post_migrate

# The business case's own tables, by model name, each pointing at its business case.
BY_ASSESSMENT = [
    "Answer", "CaseOption", "FinancialSettings", "PartnerFigures", "SetUpCost", "SavingEstimate", "IncomeEstimate",
    "Milestone", "Risk", "GateItem", "SignOff",
]
# Tables pointing at the partnership, whose business case they change.
BY_PARTNERSHIP = ["PartnershipMember"]
# Tables pointing at an assessment or a partnership that the outline does not show: private
# notes (joint assessments only), the reports made from it, invitations, the partnership's
# history and decisions. tests/business_case/test_outline_cache.py checks every such table is
# in one list or the other.
NOT_SHOWN = ["PrivateNote", "Export", "ReportJob", "Invitation", "PartnershipEvent", "ProceedDecision"]

_RISES = "revision_rises"  # the trigger on the business case's own row


def tables(apps) -> list:
    """(table, column, what the column is matched against in toolkit_assessment)."""
    found = []
    for names, field, target in ((BY_ASSESSMENT, "assessment", "id"), (BY_PARTNERSHIP, "partnership", "partnership_id")):
        for name in names:
            model = apps.get_model("toolkit", name)
            found.append((model._meta.db_table, model._meta.get_field(field).column, target))
    return found


# Moves on the revision of the business case a changed row belongs to (row: NEW or OLD). Every
# statement here is made from the models' own table and column names, never from anything a
# person typed: hence the "nosec" mark for bandit's check of SQL built from strings.
_BUMP = "UPDATE toolkit_assessment SET revision = revision + 1 WHERE step_id = 'design' AND {target} = {row}.{column};"


def _sqlite(apps) -> list:
    statements = []
    for table, column, target in tables(apps):
        for event, rows in (("INSERT", ["NEW"]), ("UPDATE", ["OLD", "NEW"]), ("DELETE", ["OLD"])):
            name = f"revision_{table}_{event.lower()}"
            body = " ".join(_BUMP.format(target=target, row=row, column=column) for row in rows)
            statements += [
                f"DROP TRIGGER IF EXISTS {name};",
                f"CREATE TRIGGER {name} AFTER {event} ON {table} FOR EACH ROW BEGIN {body} END;",
            ]
    # SQLite cannot change NEW before an update, so it puts the number right just after; the
    # WHEN clause ends it there, as the correction itself leaves the revision higher.
    statements += [
        f"DROP TRIGGER IF EXISTS {_RISES};",
        (
            f"CREATE TRIGGER {_RISES} AFTER UPDATE ON toolkit_assessment FOR EACH ROW "  # nosec B608
            "WHEN NEW.step_id = 'design' AND NEW.revision <= OLD.revision "
            "BEGIN UPDATE toolkit_assessment SET revision = OLD.revision + 1 WHERE id = NEW.id; END;"
        ),
    ]
    return statements


def _postgresql(apps) -> list:
    statements = [
        """CREATE OR REPLACE FUNCTION toolkit_revision_rises() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF NEW.revision <= OLD.revision THEN
                NEW.revision := OLD.revision + 1;
            END IF;
            RETURN NEW;
        END $$;""",
        f"DROP TRIGGER IF EXISTS {_RISES} ON toolkit_assessment;",
        (
            f"CREATE TRIGGER {_RISES} BEFORE UPDATE ON toolkit_assessment FOR EACH ROW "
            "WHEN (NEW.step_id = 'design') EXECUTE FUNCTION toolkit_revision_rises();"
        ),
    ]
    for table, column, target in tables(apps):
        function = f"toolkit_revision_{table}"
        old, new = (_BUMP.format(target=target, row=row, column=column) for row in ("OLD", "NEW"))
        statements += [
            f"""CREATE OR REPLACE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF TG_OP IN ('UPDATE', 'DELETE') THEN {old} END IF;
                IF TG_OP IN ('INSERT', 'UPDATE') THEN {new} END IF;
                RETURN NULL;
            END $$;""",
            f"DROP TRIGGER IF EXISTS revision_changed ON {table};",
            f"CREATE TRIGGER revision_changed AFTER INSERT OR UPDATE OR DELETE ON {table} FOR EACH ROW EXECUTE FUNCTION {function}();",
        ]
    return statements


STATEMENTS = {"sqlite": _sqlite, "postgresql": _postgresql}


def install(connection, apps) -> None:
    """Make the triggers, replacing any there. On a database migrated back to before the revision
    column, take them away instead: they would stop every change to the tables they watch."""
    with connection.cursor() as cursor:
        tables_now = connection.introspection.table_names(cursor)
        columns = set()
        if "toolkit_assessment" in tables_now:
            columns = {c.name for c in connection.introspection.get_table_description(cursor, "toolkit_assessment")}
    if "revision" not in columns or any(table not in tables_now for table, _, _ in tables(apps)):
        uninstall(connection)
        return
    if connection.vendor not in STATEMENTS:
        raise NotImplementedError(f"A business case's revision needs triggers written for {connection.vendor}; there are only SQLite's and PostgreSQL's.")
    with connection.cursor() as cursor:
        for statement in STATEMENTS[connection.vendor](apps):
            cursor.execute(statement)


def uninstall(connection) -> None:
    """Take every trigger of the revision away, whichever tables they are on."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'revision\\_%' ESCAPE '\\'")
            for (name,) in cursor.fetchall():
                cursor.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        elif connection.vendor == "postgresql":
            cursor.execute("SELECT proname FROM pg_proc WHERE proname LIKE 'toolkit\\_revision\\_%'")
            for (name,) in cursor.fetchall():
                cursor.execute(f'DROP FUNCTION IF EXISTS "{name}"() CASCADE')


def _migrated(sender, using, apps=None, **kwargs):
    from django.apps import apps as installed

    install(connections[using], installed)


def connect(app_config) -> None:
    post_migrate.connect(_migrated, sender=app_config, dispatch_uid="business-case-revision-triggers")
