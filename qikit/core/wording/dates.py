"""Dates the way a person says them, always with English month names.

``strftime("%B")`` follows the machine's locale, so a trust PC set to Welsh or Polish would put
another language's month on an English page: every date on a screen goes through here instead.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["MONTH_NAMES", "date_words", "short_date_words"]

MONTH_NAMES: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def date_words(day: dt.date) -> str:
    """Return a date the way a person says it: "6 January 2025"."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def short_date_words(day: dt.date) -> str:
    """Return a date with its month cut to three letters, for tight spaces: "6 Jan 2025"."""
    return f"{day.day} {MONTH_NAMES[day.month - 1][:3]} {day.year}"
