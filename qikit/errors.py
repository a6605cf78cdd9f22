"""Every exception qikit raises on purpose, in one place, worded so it can be shown to a person.

``QikitError`` is the base of all of them. ``DataError`` (also a ``ValueError``) is bad input:
its message names the value, what was expected, what was received and what to do, in words a
participant understands when it reaches a screen. The others say which part of qikit could not
do what was asked. This module is the foundation of every layer: it imports nothing of qikit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = [
    "BuildError",
    "DataError",
    "EvidenceError",
    "FieldError",
    "PageError",
    "Problem",
    "QikitError",
    "ReviewError",
    "StoreError",
    "StoreFault",
    "TemplateError",
]

#: The most problems listed in one template error message; the rest are counted.
MAX_PROBLEMS = 20


class QikitError(Exception):
    """Base class for every error qikit raises on purpose."""


class DataError(QikitError, ValueError):
    """Bad input: says which value, what was expected, what was received and what to do.

    The message is plain English so that a widget can show it beside the field as it is.
    """

    def __init__(
        self,
        field: str,
        expected: str,
        received: object = None,
        what_to_do: str = "",
    ) -> None:
        self.field = field
        self.expected = expected
        self.received = received
        self.what_to_do = what_to_do
        parts = [f"{field}: expected {expected}"]
        if received is not None:
            parts[0] += f", but got {_show(received)}"
        parts[0] += "."
        if what_to_do:
            parts.append(what_to_do)
        super().__init__(" ".join(parts))


def _show(value: object) -> str:
    text = repr(value) if not isinstance(value, str) else f"“{value}”"
    return text if len(text) <= 60 else text[:57] + "..."


class FieldError(DataError):
    """A :class:`DataError` about one field of one record.

    ``key`` is the stored field name (``"aim_by_when"``) so a widget can put the message beside
    the right box; ``field`` is the plain label shown to a participant ("By when").
    """

    def __init__(
        self,
        key: str,
        field: str,
        expected: str,
        received: object = None,
        what_to_do: str = "",
        *,
        message: str | None = None,
    ) -> None:
        super().__init__(field, expected, received, what_to_do)
        self.key = key
        if message is not None:
            self.args = (message,)


class StoreError(QikitError):
    """The store cannot do what was asked; the message says why and what to do."""


class StoreFault(StoreError):
    """The store's disk or file refused a write (full, read-only): trying again will not help
    until someone puts it right, so the page says to keep the words and tell the QI lead."""


@dataclass(frozen=True)
class Problem:
    """One thing to fix in a template: the line (None: the whole file) and what to do."""

    line: int | None
    message: str


class TemplateError(QikitError):
    """A cohort template that cannot be used: names the file, each line and what to fix.

    ``problems`` holds each :class:`Problem`; the message lists them one per line as
    ``FILE, line N: what is wrong and what to do``.
    """

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        self.source = source
        self.problems = tuple(sorted(problems, key=lambda p: p.line or 0))
        lines = [
            f"{source}: {p.message}" if p.line is None else f"{source}, line {p.line}: {p.message}"
            for p in self.problems[:MAX_PROBLEMS]
        ]
        hidden = len(self.problems) - MAX_PROBLEMS
        if hidden > 0:
            lines.append(f"{source}: … and {hidden} more. Fix these first, then try again.")
        super().__init__("\n".join(lines))


class BuildError(QikitError):
    """The cohort cannot be built (no workbooks, an unusable folder…); nothing was written."""


class ReviewError(QikitError):
    """The review cannot start (not a cohort folder, an unknown team…); nothing was run."""


class EvidenceError(QikitError):
    """A report, storyboard, portfolio or PDF cannot be made; says what to install or check."""


class PageError(QikitError):
    """The page cannot be built from what it was given (its message is for the log)."""
