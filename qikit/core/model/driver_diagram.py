"""The driver diagram: primary and secondary drivers, and the change ideas linked to them.

Imports the standard library and the model's ``fields`` and ``record`` modules.
"""

from __future__ import annotations

from enum import StrEnum

from qikit.core.model.fields import MAX_SHORT_TEXT
from qikit.core.model.record import Record, RecordKind


class DriverLevel(StrEnum):
    """Where a driver sits in the driver diagram. Stored."""

    PRIMARY = "primary"
    SECONDARY = "secondary"


class Driver(Record, kind=RecordKind.DRIVER):
    """A primary driver, or a secondary driver under a primary one (``parent_id``)."""

    text: str = ""
    level: DriverLevel = DriverLevel.PRIMARY
    parent_id: str | None = None  # the primary driver a secondary driver hangs from
    position: float = 0.0

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_text("text", MAX_SHORT_TEXT)
        self._check_enum("level", DriverLevel)
        self._check_id("parent_id")
        if self.parent_id is not None and self.level is DriverLevel.PRIMARY:
            self._fail(
                "parent_id",
                "no primary driver above a primary driver",
                self.parent_id,
                "Make this a secondary driver, or remove the link.",
            )
        self._check_number("position", allow_none=False)


class ChangeIdea(Record, kind=RecordKind.CHANGE_IDEA):
    """A change idea, usually linked to the (secondary) driver it should move."""

    text: str = ""
    driver_id: str | None = None  # None while the idea is not yet placed on the diagram

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_text("text", MAX_SHORT_TEXT)
        self._check_id("driver_id")
