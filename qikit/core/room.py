"""Room sessions: the question a trainer asks the room, its code, and the check of each answer.

A trainer opens a session and shows its short code; people type the code on a phone-sized
page and send a number ("How many minutes did the task take?") or an idea ("What makes the
porter late?"). This module is the pure part: what a question is, how codes are made and
recognised, and how a typed answer becomes a number or an idea — or a plain message saying
what to fix. The store keeps sessions and answers; the server and the trainer's panel show them.
"""

from __future__ import annotations

import math
import re
import secrets
from dataclasses import dataclass
from enum import StrEnum

from qikit.core.wording import room as words
from qikit.errors import DataError, FieldError

__all__ = [
    "CODE_ALPHABET",
    "CODE_LENGTH",
    "MAX_IDEA_CHARS",
    "MAX_PROMPT_CHARS",
    "AnswerKind",
    "RoomQuestion",
    "is_session_code",
    "make_session_code",
    "normalise_code",
    "parse_answer",
    "same_idea_key",
]

#: Letters and digits that cannot be mistaken for one another when read off a projector
#: (no 0/O, 1/I/L): 31 symbols, so 5 of them give 28 million codes.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 5
#: The longest idea kept: a fishbone cause or a sticky note, not an essay.
MAX_IDEA_CHARS = 200
MAX_PROMPT_CHARS = 300
#: The longest unit name ("minutes", "napkins folded").
MAX_UNIT_CHARS = 40

_CODE = re.compile(f"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")
_SPACES = re.compile(r"\s+")


class AnswerKind(StrEnum):
    """What the room sends back: a number or a short idea (stored: permanent names)."""

    NUMBER = "number"
    IDEA = "idea"


@dataclass(frozen=True)
class RoomQuestion:
    """The question the room answers: a number (with its unit and sensible range) or an idea.

    ``one_each`` means each phone may send one answer to this question (a time, a vote);
    without it a phone may send several (ideas for a fishbone), but never the same idea twice.
    """

    kind: AnswerKind
    prompt: str
    unit: str = ""
    low: float | None = None
    high: float | None = None
    one_each: bool = True

    def __post_init__(self) -> None:
        try:
            object.__setattr__(self, "kind", AnswerKind(self.kind))
        except ValueError:
            raise DataError("question kind", "number or idea", self.kind) from None
        if not isinstance(self.prompt, str) or not self.prompt.strip():
            raise DataError("question", "the question to show on the phones", self.prompt)
        if len(self.prompt) > MAX_PROMPT_CHARS:
            raise DataError(
                "question", f"at most {MAX_PROMPT_CHARS} characters", f"{len(self.prompt)}"
            )
        if not isinstance(self.unit, str) or len(self.unit) > MAX_UNIT_CHARS:
            raise DataError("unit", f"a short word such as minutes (at most {MAX_UNIT_CHARS})")
        for name in ("low", "high"):
            value = getattr(self, name)
            if value is not None and (
                isinstance(value, bool)
                or not isinstance(value, int | float)
                or not math.isfinite(value)
            ):
                raise DataError(name, "an ordinary number or nothing", value)
        if self.low is not None and self.high is not None and self.low > self.high:
            raise DataError("low", f"a number no bigger than high ({self.high})", self.low)

    def to_json(self) -> dict[str, object]:
        """Return the question as a JSON object (how the store keeps it)."""
        return {
            "kind": self.kind.value,
            "prompt": self.prompt,
            "unit": self.unit,
            "low": self.low,
            "high": self.high,
            "one_each": self.one_each,
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> RoomQuestion:
        """Return the question kept by :meth:`to_json`."""
        low, high = data.get("low"), data.get("high")
        return cls(
            kind=AnswerKind(str(data["kind"])),
            prompt=str(data["prompt"]),
            unit=str(data.get("unit") or ""),
            low=None if low is None else float(low),  # type: ignore[arg-type]
            high=None if high is None else float(high),  # type: ignore[arg-type]
            one_each=bool(data.get("one_each", True)),
        )


def make_session_code() -> str:
    """Return a new random room code: 5 symbols from :data:`CODE_ALPHABET` (``secrets``)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text: str) -> str:
    """Return the code as typed, in capitals with spaces and dashes taken out."""
    if not isinstance(text, str):
        return ""
    return re.sub(r"[\s-]+", "", text).upper()


def is_session_code(text: str) -> bool:
    """Return True when ``text`` (capitals or small letters, spaces allowed) is a room code."""
    return _CODE.match(normalise_code(text)) is not None


def _plain(message: str) -> FieldError:
    # The answer box is the only field: the message is the whole of what the phone shows.
    return FieldError("answer", "answer", "an answer", message=message)


def _number(text: str, unit: str) -> float:
    cleaned = text.strip().replace(",", "")  # "1,200" is how people write twelve hundred
    # People often type the unit too ("12 minutes", "85%"): that is still a number.
    units = [unit.strip().lower(), "minutes", "mins", "min", "seconds", "secs", "%"]
    units = [u for u in units if u]
    for unit_word in units:
        if cleaned.lower().endswith(unit_word):
            cleaned = cleaned[: -len(unit_word)].strip()
            break
    try:
        value = float(cleaned)
    except ValueError:
        raise _plain(words.NOT_A_NUMBER) from None
    if not math.isfinite(value):
        raise _plain(words.NOT_A_NUMBER)
    return value


def parse_answer(question: RoomQuestion, text: str) -> float | str:
    """Return the answer typed on a phone: a number for a number question, else the idea.

    Raises
    ------
    DataError
        With a plain message a phone shows as it is: text in a number box, a number outside
        the question's range ("That is more than 600 minutes — check it and send it again."),
        an empty answer or an idea that is too long.
    """
    if not isinstance(text, str) or not text.strip():
        raise _plain(words.NO_ANSWER)
    if question.kind is AnswerKind.NUMBER:
        value = _number(text, question.unit)
        if question.high is not None and value > question.high:
            limit = words.number_words(question.high, question.unit)
            raise _plain(words.TOO_HIGH.format(limit=limit))
        if question.low is not None and value < question.low:
            limit = words.number_words(question.low, question.unit)
            raise _plain(words.TOO_LOW.format(limit=limit))
        return value
    idea = _SPACES.sub(" ", text).strip()
    try:
        idea.encode("utf-8")
    except UnicodeEncodeError:
        raise _plain(words.NO_ANSWER) from None
    if len(idea) > MAX_IDEA_CHARS:
        raise _plain(words.TOO_LONG.format(limit=MAX_IDEA_CHARS))
    return idea


def same_idea_key(idea: str) -> str:
    """Return what two ideas share when they are "the same idea": case and spaces ignored."""
    return _SPACES.sub(" ", idea).strip().casefold()
