"""Exact arithmetic in pennies for the financial model (toolkit/business_case/finance.py): rounding
half up, away from zero, and splitting a sum into shares that add up to it exactly (the largest
remainder method). Whole numbers and fractions only: never floating point.
"""

import math
from decimal import Decimal
from fractions import Fraction


def half_up(amount) -> int:
    """The nearest whole number, a half rounded away from zero."""
    amount = Fraction(amount)
    whole = math.floor(abs(amount) + Fraction(1, 2))
    return whole if amount >= 0 else -whole


def from_pounds(pounds) -> int:
    return half_up(Fraction(pounds) * 100)


def to_pounds(pennies: int) -> Decimal:
    return Decimal(pennies).scaleb(-2)


def all_to_pounds(pennies) -> tuple:
    return tuple(to_pounds(p) for p in pennies)


def largest_remainder(exact, total: int) -> list[int]:
    """Whole numbers adding up to ``total``: each exact value rounded down, then the units left over
    one each to the largest remainders, the earlier first on a tie. ``total`` must lie between the
    sum rounded down and that sum plus one per value."""
    floors = [math.floor(value) for value in exact]
    order = sorted(range(len(exact)), key=lambda i: (floors[i] - exact[i], i))
    for i in order[: total - sum(floors)]:
        floors[i] += 1
    return floors


def split(total: int, weights: list) -> list[int]:
    """``total`` pennies in shares by ``weights`` adding up to it exactly; equal shares when every
    weight is 0, and a negative total split as the positive one with the signs turned."""
    if not any(weights):
        weights = [Fraction(1)] * len(weights)
    whole = sum(weights)
    shares = largest_remainder([abs(total) * weight / whole for weight in weights], abs(total))
    return shares if total >= 0 else [-share for share in shares]
