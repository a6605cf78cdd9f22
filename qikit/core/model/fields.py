"""The limits and formats every record field keeps to, and the small checks they share.

Text is stored exactly as typed; two things are refused: text longer than :data:`MAX_SHORT_TEXT`
(names, titles, labels drawn on diagrams) or :data:`MAX_LONG_TEXT` (free text) characters —
counted in Unicode code points, so 👩‍⚕️ counts as 3 — and lone UTF-16 surrogates. Names that
identify a person or a category are compared by :func:`name_key`, ignoring case and repeated
spaces ("Amy" and " amy" are the same).

Only the standard library and :mod:`qikit.errors` are imported here: every other model module
builds on this one.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
from enum import Enum
from typing import TypeGuard

from qikit.errors import FieldError

#: The most characters in a short text: names, titles and labels drawn on a diagram.
MAX_SHORT_TEXT = 200
#: The most characters in a free text (a problem statement, a note, what happened).
MAX_LONG_TEXT = 10_000
#: The largest whole number stored (tallies, numerators): well inside what a browser's
#: JavaScript numbers hold exactly (2**53), so values survive the trip through a widget.
MAX_COUNT = 1_000_000_000
#: The record id of every singleton kind (team, charter, fishbone, process map).
MAIN = "main"

_RECORD_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Python 3.10's fromisoformat takes only 3 or 6 fraction digits and no "Z": accept what every
# supported Python reads the same way.
_ISO_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{3}(?:[0-9]{3})?)?)?"
    r"(?:Z|[+-][0-9]{2}:[0-9]{2})?"
)


def new_record_id() -> str:
    """Return a new short random record id (11 url-safe characters, not starting with "-")."""
    while True:
        candidate = secrets.token_urlsafe(8)
        if not candidate.startswith("-"):
            return candidate


def now_iso() -> str:
    """Return the current UTC time as an ISO string, to the second (for ``at`` fields)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def is_record_id(value: object) -> TypeGuard[str]:
    """Return True when ``value`` can be a record id: 1–64 letters, digits, ``-`` or ``_``."""
    return isinstance(value, str) and _RECORD_ID.fullmatch(value) is not None


def parse_iso_date(text: str) -> dt.date | None:
    """Return the date written as ``YYYY-MM-DD`` in ``text``, or None if it is not one."""
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:  # the right shape but no such day, such as 2026-02-30
        return None


def is_iso_datetime(value: object) -> bool:
    """Return True when ``value`` is a date and time such as ``2026-03-31T14:05:00+00:00``."""
    if not (isinstance(value, str) and _ISO_DATETIME.fullmatch(value)):
        return False
    try:
        dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def name_key(name: str) -> str:
    """Return the form used to compare names: case and repeated spaces ignored."""
    return " ".join(name.split()).casefold()


def choices(enum: type[Enum]) -> str:
    """Return "one of: a, b, c": the stored values of ``enum``, for an error message."""
    return "one of: " + ", ".join(str(m.value) for m in enum)


def as_received(value: object) -> object:
    """Return ``value`` as an error message shows it: a missing value is "nothing"."""
    # DataError hides a received None; show it as the word a participant would understand.
    return "nothing" if value is None else value


def refuse_long_text(key: str, label: str, text: str, limit: int) -> None:
    """Return None when ``text`` has at most ``limit`` characters; otherwise raise FieldError.

    The message gives the length and the most allowed, so a participant knows how much to cut.
    """
    if len(text) <= limit:
        return
    advice = "Shorten it." if limit <= MAX_SHORT_TEXT else "Shorten it or split it into two."
    raise FieldError(
        key,
        label,
        f"at most {limit:,} characters",
        len(text),
        advice,
        message=f"{label} is {len(text):,} characters long; the most is {limit:,}. " + advice,
    )
