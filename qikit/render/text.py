"""The one helper for text that goes into HTML or SVG, and for dates shown on a page.

Everything a participant types is shown as text, never as markup: :func:`escape` is used for
every value put into HTML or SVG, by every layer that writes either. Characters that XML 1.0
cannot hold (control characters other than tab, newline and return) would make an SVG fail to
draw, so they become "�" here, once, for HTML and SVG alike.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from qikit.core.wording.dates import MONTH_NAMES, date_words, short_date_words

__all__ = ["MONTH_NAMES", "NOT_XML", "date_words", "escape", "short_date_words", "stamp_words"]

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def escape(value: object) -> str:
    """Return ``value`` as text safe inside HTML or SVG (quotes too); None becomes ""."""
    return html.escape(NOT_XML.sub("\ufffd", "" if value is None else str(value)), quote=True)


def stamp_words(at: str) -> str:
    """Return the day of a stored ISO time stamp in words ("6 January 2025"), or it as it is."""
    try:
        day = dt.datetime.fromisoformat(at.replace("Z", "+00:00")).date()
    except ValueError:
        return at
    return date_words(day)
