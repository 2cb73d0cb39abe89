"""Amounts of money written one way wherever they are shown: pages, PDFs, Word documents and
charts. Thousands are grouped with commas and a negative amount starts with a true minus sign
(U+2212) before the pound sign, as people write it: −£1,234.00, not £-1,234.00. In a table whose
heading already says £, the figures go without it: −1,234.00.

Rounding is half up, as Django's ``floatformat`` (which the pages used before) and the financial
model round, so a figure reads the same everywhere."""

from decimal import ROUND_HALF_UP, Decimal

MINUS = "\u2212"


def money(amount, places: int = 2, symbol: str = "£") -> str:
    """``amount`` (a Decimal, int or float) as −£1,234.00; ``places=0`` gives whole pounds and
    ``symbol=""`` the figure alone."""
    # str() first: a float becomes the decimal it prints as, not its binary expansion.
    value = Decimal(str(amount)).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    # Tested after rounding, so an amount that rounds to nothing has no sign: never −£0.00.
    sign = MINUS if value < 0 else ""
    return f"{sign}{symbol}{abs(value):,.{places}f}"


def figure(amount) -> str:
    """An amount in a table of figures whose heading says £: −1,234.00."""
    return money(amount, symbol="")
