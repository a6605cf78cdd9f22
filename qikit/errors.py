"""Errors that qikit raises on purpose, worded so they can be shown to a participant."""

from __future__ import annotations


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
