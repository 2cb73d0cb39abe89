"""ZIP files of several reports: a programme manager's export pack of a partnership, and an
administrator's readiness summaries of several councils.

Each report in a ZIP is an export like any other (kept, listed in "Reports downloaded", and the
one already kept when nothing in it has changed), made in the name of the person who asked. A
ZIP holds a council's readiness summary only where that person may export it
(``toolkit.access``): self assessments are private to their council. ``contents.txt`` in each
ZIP says what it holds and what it leaves out, and why.
"""

import shutil
import tempfile
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify

from toolkit import access, exports, steps
from toolkit.models import Assessment, Step

CONTENTS = "contents.txt"


@dataclass
class Pack:
    stem: str  # the ZIP's file name, before the time it was made
    title: str
    requester: object
    files: list = field(default_factory=list)  # (name in the ZIP, Export)
    left_out: list = field(default_factory=list)  # what is not in it and why, as sentences


def partnership_pack(partnership, user) -> Pack:
    """The compatibility report, the business-case outline as PDF and Word, and each member
    council's readiness summary that ``user`` may export."""
    if not access.rights_for_partnership(user, partnership).export_pack:
        # Checked when asked; checked again in case the person has lost the role since.
        raise exports.NoResult("Only a member council's programme manager can make the partnership's export pack.")
    pack = Pack(stem=f"export-pack-{slugify(partnership.name)}", title=f"Export pack for {partnership.name}", requester=user)
    joint = steps.get(Step.JOINT)
    if joint.result.ready(partnership):
        add(pack, joint, partnership)
    else:
        pack.left_out.append("The compatibility report: it needs two member councils' submitted joint assessments.")
    case = latest_submitted(Assessment.objects.filter(step=Step.DESIGN, partnership=partnership))
    if case is not None:
        add(pack, steps.get(Step.DESIGN), case, "pdf")
        add(pack, steps.get(Step.DESIGN), case, "docx")
    else:
        pack.left_out.append("The business-case outline: the business case is not ready for sign-off yet.")
    add_readiness(pack, partnership.councils.order_by("name"))
    return pack


def readiness_of(councils, user) -> Pack:
    """The readiness summary of each council's latest submitted self assessment."""
    councils = list(councils)
    pack = Pack(stem="readiness-summaries", title=f"Readiness summaries of {len(councils)} councils", requester=user)
    add_readiness(pack, councils)
    return pack


def add_readiness(pack, councils):
    step = steps.get(Step.SELF)
    for council in councils:
        if not access.may_export_council_reports(pack.requester, council.pk):
            pack.left_out.append(f"{council.name}'s readiness summary: a self assessment is private to its council.")
            continue
        latest = latest_submitted(Assessment.objects.filter(step=Step.SELF, council=council))
        if latest is None:
            pack.left_out.append(f"{council.name}'s readiness summary: it has no submitted self assessment.")
        else:
            add(pack, step, latest)


def latest_submitted(assessments):
    return assessments.exclude(status=Assessment.Status.IN_PROGRESS).order_by("-submitted_at").first()


def add(pack, step, subject, format="pdf"):
    export, _ = exports.export_result(step, subject, pack.requester, format=format)
    pack.files.append((f"{step.result.filename}-{slugify(export.owner.name)}.{format}", export))


def contents(pack) -> str:
    """What ``contents.txt`` says: what the ZIP holds, when each report was made, what is not in it."""
    when = timezone.localtime()
    who = (pack.requester.get_full_name() or pack.requester.get_username()) if pack.requester else "a former user"
    lines = [pack.title, f"Made on {date_format(when, 'j F Y')} at {when:%H:%M} for {who}.", "", "What it holds:"]
    for name, export in pack.files:
        made = timezone.localtime(export.created_at)
        lines.append(f"- {name}: {export.get_kind_display().lower()} ({export.file_type}), made on {date_format(made, 'j F Y')} at {made:%H:%M}")
    if pack.left_out:
        lines += ["", "What it leaves out:", *(f"- {reason}" for reason in pack.left_out)]
    return "\n".join(lines) + "\n"


@contextmanager
def zipped(pack):
    """The ZIP, in a temporary file that is gone afterwards, whatever happens."""
    with tempfile.TemporaryFile() as archive:
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as written:
            written.writestr(CONTENTS, contents(pack))
            for name, export in pack.files:
                with export.file.open("rb") as stored, written.open(name, "w") as member:
                    shutil.copyfileobj(stored, member)
        archive.seek(0)
        yield archive
