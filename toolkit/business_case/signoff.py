"""Signing off a business case: the rules, and the fingerprint that fixes what was signed.

- A business case can be marked ready for sign-off once every page is complete, including the
  five "don't proceed without" items, each with an owner, a date and evidence.
- Then each member council's programme manager signs for their council, giving their name and
  the capacity in which they sign (chief executive, section 151 officer, leader...). What they
  signed is fixed by a fingerprint of the whole content: every answer and every row.
- The business case is signed off when every member council has signed.
- Changing it afterwards first warns, then withdraws every sign-off (recording who withdrew them,
  when and why) and opens it for changes again; it must then be marked ready and signed again.
- So does a change of partners (a council joining, leaving or removed): every partner's share
  changes, so what each signed no longer stands.
"""

import hashlib
import json

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from toolkit.answers import AnswerSheet
from toolkit.models import Assessment, SignOff, Step


class Refused(Exception):
    """Signing or reopening would break a rule; the message says which."""


def snapshot(sheet: AnswerSheet) -> dict:
    """The business case's whole content as plain values: its answers, and its rows without who
    changed them or when. The fingerprint is made from this, and exports keep it."""
    from toolkit.business_case.pages import load

    rows = sheet.extras or load(sheet.assessment)

    def plain(row, names):
        return {name: str(getattr(row, name)) if getattr(row, name) is not None else None for name in names}

    return {
        "answers": sheet.values,
        "options": [plain(o, ["kind", "name", "description", "preferred"]) for o in rows.options],
        "settings": plain(rows.settings, ["years", "discount_rate", "optimism_bias", "setup_split", "savings_split", "threshold_percent", "threshold_year"]) if rows.settings else None,
        "figures": {str(f.council_id): plain(f, ["baseline", "population", "agreed_setup_percent", "agreed_savings_percent", "contract_end"]) for f in rows.figures.values()},
        "setup_costs": [plain(c, ["category", "year", "amount", "description"]) for c in rows.setup_costs],
        "savings": [plain(s, ["source", "year", "amount"]) for s in rows.savings],
        "income": [plain(i, ["year", "amount"]) for i in rows.income],
        "milestones": [plain(m, ["name", "due", "owner"]) for m in rows.milestones],
        "risks": [plain(r, ["description", "likelihood", "impact", "mitigation", "owner"]) for r in rows.risks],
        "gate": {item: plain(g, ["owner", "date", "evidence"]) for item, g in rows.gate.items()},
    }


def fingerprint(content: dict) -> str:
    """A SHA-256 of the content, the same whatever order it was built in."""
    return hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()


def standing(assessment) -> list:
    return [s for s in assessment.sign_offs.all() if s.withdrawn_at is None]


def still_to_sign(assessment, members) -> list:
    signed = {s.council_id for s in standing(assessment)}
    return [council for council in members if council.pk not in signed]


@transaction.atomic
def sign(assessment, council, user, *, name, capacity, seen=None) -> SignOff:
    """``council``'s sign-off, by one of its programme managers (the view checks the role).
    ``seen`` is the fingerprint of the content they were shown: if it has changed since (the
    business case was reopened, changed and marked ready again), they have not read what they
    would sign."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.status == Assessment.Status.IN_PROGRESS:
        raise Refused("The business case is not ready for sign-off yet.")
    if SignOff.objects.filter(assessment=locked, council=council, withdrawn_at__isnull=True).exists():
        raise Refused(f"{council} has already signed off this business case.")
    content = fingerprint(snapshot(AnswerSheet(locked)))
    if seen is not None and seen != content:
        raise Refused("The business case has changed since you opened the sign-off page. Read it again before you sign.")
    made = SignOff.objects.create(
        assessment=locked, council=council, signed_by=user, name=name, capacity=capacity, fingerprint=content
    )
    members = list(locked.partnership.councils.all())
    if not still_to_sign(locked, members):
        locked.status = Assessment.Status.SIGNED_OFF
        locked.save(update_fields=["status"])
    assessment.status = locked.status
    return made


@transaction.atomic
def reopen(assessment, user, reason="Reopened for changes") -> int:
    """Open a business case for changes again, withdrawing every sign-off. Returns how many."""
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.status == Assessment.Status.IN_PROGRESS:
        raise Refused("The business case is already open for changes.")
    # Saved with their history (a queryset update would leave none), so the audit trail shows
    # each sign-off withdrawn, by whom and why.
    standing_now = list(SignOff.objects.filter(assessment=locked, withdrawn_at__isnull=True))
    now = timezone.now()
    for sign_off in standing_now:
        sign_off.withdrawn_at, sign_off.withdrawn_by, sign_off.withdrawn_reason = now, user, reason
    if standing_now:
        bulk_update_with_history(standing_now, SignOff, ["withdrawn_at", "withdrawn_by", "withdrawn_reason"], default_user=user, default_date=now)
    withdrawn = len(standing_now)
    locked.status = Assessment.Status.IN_PROGRESS
    locked.save(update_fields=["status"])
    assessment.status = locked.status
    return withdrawn


def ready_case(partnership):
    """The partnership's business case once it is ready for sign-off or signed off, else None."""
    return Assessment.objects.filter(step=Step.DESIGN, partnership=partnership).exclude(status=Assessment.Status.IN_PROGRESS).first()


def partners_change_warning(partnership) -> str:
    """What a change of partners would do to the business case, for the page asking to confirm it."""
    if ready_case(partnership) is None:
        return ""
    return (
        "The business case is ready for sign-off. A change of partners changes every partner's share, so every "
        "sign-off will be withdrawn and the business case opened for changes."
    )


def partners_changed(partnership, user, reason) -> bool:
    """Withdraw the sign-offs of a business case whose partners have changed. Returns whether it did."""
    case = ready_case(partnership)
    if case is None:
        return False
    reopen(case, user, reason)
    return True
