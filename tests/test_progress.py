"""The task-list status rules, as a table of cases (no database)."""

import pytest

from toolkit.progress import Status, combine, design_can_start, status_of

IN, SUB = "in_progress", "submitted"


@pytest.mark.parametrize(
    "assessments,expected",
    [
        ([], Status.NOT_STARTED),
        ([IN], Status.IN_PROGRESS),
        ([SUB], Status.COMPLETED),
        ([SUB, SUB], Status.COMPLETED),
        ([SUB, IN], Status.IN_PROGRESS),  # a new assessment a year on
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
    ],
)
def test_design_can_start(joint, expected):
    assert design_can_start(joint) == expected
