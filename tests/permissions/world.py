"""The demo data (``seed_demo``) and what the permission matrix needs beside it, with the people
who try each address, and how to tell that a refused request changed nothing.

The people, as the matrix's rows name them:

- anonymous: not signed in;
- officer, manager: an officer and a programme manager of Merton, which owns the self assessment,
  answers a joint assessment and leads the South London Legal Partnership;
- partner, partner-manager: an officer and a programme manager of Sutton, Merton's partner there;
- outsider: an officer of the Vale of White Horse, in no partnership with either and invited to none;
- admin: the service's administrator (staff), a member of no council.
"""

import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from toolkit.models import Assessment, Council, Export, Invitation, Partnership, Question, ReportJob

USERS = ["anonymous", "officer", "manager", "partner", "partner-manager", "outsider", "admin"]
USERNAMES = {
    "officer": "merton-officer", "manager": "merton-pm", "partner": "sutton-officer", "partner-manager": "sutton-pm",
    "outsider": "vale-of-white-horse-officer", "admin": "admin",
}


@dataclass
class World:
    users: dict
    councils: dict
    legal: Partnership  # South London Legal: Merton leads; Sutton, Kingston and Richmond are members
    assessments: dict  # "self", "joint", "design", "partner-self"
    question: Question
    invitation_to_merton: Invitation  # pending, from the Staffordshire partnership
    invitation_from_legal: Invitation  # pending, to Cannock Chase
    exports: dict  # "council" (Merton's readiness summary), "partnership" (the compatibility report)
    jobs: dict = field(default_factory=dict)  # "readiness", "pack", "bulk", each "-done" and "-failed"


def build() -> World:
    with override_settings(DEBUG=True):  # seed_demo refuses to run with DEBUG off
        call_command("seed_demo", verbosity=0)
    users = {role: get_user_model().objects.get(username=name) for role, name in USERNAMES.items()}
    councils = {c.slug: c for c in Council.objects.all()}
    legal = Partnership.objects.get(slug="south-london-legal")
    staffordshire = Partnership.objects.get(slug="stafford-cannock-chase")
    assessments = {
        "self": Assessment.objects.get(step="self", council=councils["merton"]),
        "joint": Assessment.objects.get(step="joint", council=councils["merton"], partnership=legal),
        "design": Assessment.objects.get(step="design", partnership=legal),
        "partner-self": Assessment.objects.get(step="self", council=councils["sutton"]),
    }
    assert [a.status for a in assessments.values()] == ["submitted", "submitted", "awaiting_sign_off", "in_progress"]
    world = World(
        users=users,
        councils=councils,
        legal=legal,
        assessments=assessments,
        question=Question.objects.filter(section__questionnaire=assessments["self"].questionnaire).order_by("pk").first(),
        invitation_to_merton=Invitation.objects.create(
            partnership=staffordshire, council=councils["merton"], invited_by=get_user_model().objects.get(username="stafford-pm")
        ),
        invitation_from_legal=Invitation.objects.create(partnership=legal, council=councils["cannock-chase"], invited_by=users["manager"]),
        exports=make_exports(councils, legal, assessments, users),
    )
    world.jobs = make_jobs(world)
    return world


def make_exports(councils, legal, assessments, users) -> dict:
    council = Export.objects.create(
        kind="readiness", council=councils["merton"], questionnaire_version=1, created_by=users["officer"],
        file=ContentFile(b"%PDF-1.4 readiness summary", name="readiness-summary-merton.pdf"),
    )
    council.assessments.add(assessments["self"])
    partnership = Export.objects.create(
        kind="compatibility", partnership=legal, questionnaire_version=1, created_by=users["partner"],
        file=ContentFile(b"%PDF-1.4 compatibility report", name="compatibility-report-legal.pdf"),
    )
    return {"council": council, "partnership": partnership}


def make_jobs(world) -> dict:
    """A request for each kind of report, one done and one failed: Merton's readiness summary
    asked for by its officer, the export pack by Merton's programme manager, and the readiness
    summaries of several councils by the administrator."""
    jobs = {}
    for status in ("done", "failed"):
        done = status == "done"
        extra = {"status": status, "finished_at": timezone.now(), "error": "" if done else "It broke."}
        jobs[f"readiness-{status}"] = ReportJob.objects.create(
            kind="readiness", format="pdf", assessment=world.assessments["self"], requested_by=world.users["officer"],
            export=world.exports["council"] if done else None, **extra,
        )
        jobs[f"pack-{status}"] = ReportJob.objects.create(
            kind="pack", format="zip", partnership=world.legal, requested_by=world.users["manager"],
            file=ContentFile(b"PK pack", name="export-pack.zip") if done else "", **extra,
        )
        bulk = ReportJob.objects.create(
            kind="readiness_bulk", format="zip", requested_by=world.users["admin"],
            file=ContentFile(b"PK summaries", name="readiness-summaries.zip") if done else "", **extra,
        )
        bulk.councils.set([world.councils["merton"], world.councils["sutton"]])
        jobs[f"bulk-{status}"] = bulk
    return jobs


WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def tables_written(queries) -> list:
    """The tables that statements among ``queries`` (as CaptureQueriesContext keeps them)
    inserted into, updated or deleted from, sessions included. No row changes without such a
    statement, so a request that made none changed nothing: no count, no status, no answer."""
    found = {match.group(1) for query in queries if (match := WRITE.match(query["sql"]))}
    return sorted(found)
