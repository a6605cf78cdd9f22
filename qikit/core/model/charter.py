"""The project charter: the problem in the team's words and the SMART aim, part by part.

:meth:`Charter.aim_sentence` joins the filled-in parts of the aim into one sentence. Imports the
standard library, :mod:`qikit.core.wording.dates` and the model's ``fields`` and ``record``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import ClassVar

from qikit.core.model.fields import MAIN, MAX_LONG_TEXT, MAX_SHORT_TEXT, parse_iso_date
from qikit.core.model.record import Record, RecordKind
from qikit.core.wording.dates import date_words


class Charter(Record, kind=RecordKind.CHARTER, singleton=True):
    """The project charter: the problem in the team's words and the SMART aim, part by part."""

    #: The question a participant is asked for each missing part of the aim, in sentence order.
    AIM_QUESTIONS: ClassVar[dict[str, str]] = {
        "aim_what": "What will improve?",
        "aim_how_much": "By how much?",
        "aim_for_whom": "For whom?",
        "aim_by_when": "By when?",
    }

    record_id: str = MAIN
    problem: str = ""
    why_it_matters: str = ""
    scope: str = ""
    aim_what: str = ""  # "reduce the time patients wait for a porter"
    aim_how_much: str = ""  # "from 40 to 25 minutes"
    aim_by_when: str = ""  # "2027-03-31" or "the end of March"
    aim_for_whom: str = ""  # "patients on wards 3 and 4"

    def __post_init__(self) -> None:
        super().__post_init__()
        for key in ("problem", "why_it_matters", "scope"):
            self._check_text(key, MAX_LONG_TEXT)
        for key in self.AIM_QUESTIONS:
            self._check_text(key, MAX_SHORT_TEXT)

    def by_when_date(self) -> dt.date | None:
        """Return the aim's deadline as a date when it is written as YYYY-MM-DD, else None."""
        return parse_iso_date(self.aim_by_when.strip())

    def missing_aim_parts(self) -> tuple[str, ...]:
        """Return a plain question for each part of the aim that is still empty."""
        return tuple(q for key, q in self.AIM_QUESTIONS.items() if not getattr(self, key).strip())

    def aim_sentence(self) -> str:
        """Return the aim as one sentence built from the parts that are filled in.

        "We will reduce the time patients wait for a porter from 40 to 25 minutes for patients
        on wards 3 and 4 by 31 March 2027." Returns "" when no part is filled in.
        """
        what, how_much, for_whom, by_when = (
            _clean_part(getattr(self, k))
            for k in ("aim_what", "aim_how_much", "aim_for_whom", "aim_by_when")
        )
        if not (what or how_much or for_whom or by_when):
            return ""
        what = re.sub(r"^(?:we will|we'll|we aim to|to)\s+", "", what, flags=re.IGNORECASE)
        words = ["We will", _lower_first(what) if what else "make an improvement"]
        if how_much:
            if re.match(r"[0-9£$€.]", how_much):
                how_much = "by " + how_much  # "20%" → "by 20%"
            words.append(_lower_first(how_much))
        if for_whom:
            words.append("for " + re.sub(r"^for\s+", "", for_whom, flags=re.IGNORECASE))
        if by_when:
            words.append(_by_when_phrase(by_when, self.by_when_date()))
        return " ".join(words) + "."


def _by_when_phrase(by_when: str, day: dt.date | None) -> str:
    """Return "by 31 March 2027", "by the end of March", "within 6 months", …"""
    if day is not None:
        return "by " + date_words(day)
    if re.match(r"(?:the\s+)?(?:end|start|beginning|middle)\s+of\s", by_when, re.IGNORECASE):
        return "by the " + re.sub(r"^the\s+", "", _lower_first(by_when), flags=re.IGNORECASE)
    if re.match(r"(?:by|before|in|within|on|at|during|until)\s", by_when, re.IGNORECASE):
        return _lower_first(by_when)
    return "by " + by_when  # "March 2027", "31/03/2027", "Christmas"


def _clean_part(text: str) -> str:
    """Return one aim part as it reads inside a sentence: one line, no end punctuation."""
    return " ".join(text.split()).rstrip(".,;: ")


def _lower_first(text: str) -> str:
    """Lowercase the first letter of a sentence start, but keep "NHS", "A&E" and "I"."""
    first = text.split(" ", 1)[0]
    if first == "I" or any(ch.isupper() for ch in first[1:]):
        return text
    return text[:1].lower() + text[1:]
