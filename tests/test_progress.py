"""The task-list status rules, as a table of cases (no database)."""

import pytest

from toolkit.progress import Status, combine, design_can_start, status_of

IN, SUB, AWAIT, SIGNED = "in_progress", "submitted", "awaiting_sign_off", "signed_off"


@pytest.mark.parametrize(
    "assessments,expected",
    [
        ([], Status.NOT_STARTED),
        ([IN], Status.IN_PROGRESS),
        ([SUB], Status.COMPLETED),
        ([SUB, SUB], Status.COMPLETED),
        ([SUB, IN], Status.IN_PROGRESS),  # a new assessment a year on
        ([AWAIT], Status.AWAITING_SIGN_OFF),
        ([SIGNED], Status.SIGNED_OFF),
        ([SIGNED, AWAIT], Status.AWAITING_SIGN_OFF),  # a revised business case waits again
        ([SIGNED, IN], Status.IN_PROGRESS),
        ([SUB, SIGNED], Status.SIGNED_OFF),
    ],
)
def test_status_of(assessments, expected):
    assert status_of(assessments) == expected


@pytest.mark.parametrize(
    "statuses,expected",
    [
        ([], Status.CANNOT_START),
        ([Status.NOT_STARTED], Status.NOT_STARTED),
        ([Status.NOT_STARTED, Status.NOT_STARTED], Status.NOT_STARTED),
        ([Status.NOT_STARTED, Status.COMPLETED], Status.IN_PROGRESS),
        ([Status.IN_PROGRESS, Status.COMPLETED], Status.IN_PROGRESS),
        ([Status.COMPLETED, Status.COMPLETED], Status.COMPLETED),
        ([Status.SIGNED_OFF, Status.SIGNED_OFF], Status.SIGNED_OFF),
        ([Status.SIGNED_OFF, Status.COMPLETED], Status.COMPLETED),
        ([Status.AWAITING_SIGN_OFF, Status.SIGNED_OFF], Status.AWAITING_SIGN_OFF),
        ([Status.AWAITING_SIGN_OFF, Status.IN_PROGRESS], Status.IN_PROGRESS),
        ([Status.AWAITING_SIGN_OFF, Status.NOT_STARTED], Status.IN_PROGRESS),
    ],
)
def test_combine(statuses, expected):
    assert combine(statuses) == expected


@pytest.mark.parametrize(
    "joint,expected",
    [
        ([], False),
        ([Status.COMPLETED], False),  # a partnership needs two members
        ([Status.COMPLETED, Status.IN_PROGRESS], False),
        ([Status.COMPLETED, Status.NOT_STARTED], False),
        ([Status.COMPLETED, Status.COMPLETED], True),
        ([Status.COMPLETED] * 4, True),
        ([Status.COMPLETED, Status.SIGNED_OFF], True),
    ],
)
def test_design_can_start(joint, expected):
    assert design_can_start(joint) == expected
