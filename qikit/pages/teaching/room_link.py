"""What the room pages share: the room they listen to, its questions, and how it is shown.

A teaching page takes a *room*: anything with ``on_entries(callback)`` and ``ask(question)``
(:class:`qikit.widgets.room.RoomPanel` in a served cohort, a tiny fake in the tests). Without a
cohort there is no store for the phones' answers, so the page has no room and the trainer types
every entry; the page says so plainly. Nothing here is imported until a live page needs it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from qikit.core.room import AnswerKind, RoomQuestion

if TYPE_CHECKING:
    import ipywidgets

    from qikit.store.base import RoomEntry
    from qikit.widgets.room import RoomPanel

__all__ = [
    "ROOM_CSS",
    "Room",
    "entry_number",
    "entry_text",
    "open_room",
    "room_question",
    "room_widget",
]


#: In presenter mode the room's drawings grow to the width of the screen: their text is drawn
#: at a fixed size, so a drawing kept at its own width would be unreadable from the back.
ROOM_CSS = """<style>
.qikit-presenter .qikit-room-figure svg { width: 100% !important; max-width: 100% !important;
  height: auto !important; }
</style>"""


class Room(Protocol):
    """What a page needs of the room: new entries as they arrive, and a way to ask again."""

    def on_entries(self, callback: Callable[[list[RoomEntry]], None]) -> None:
        """Call ``callback`` with each batch of new entries (in the kernel's event loop)."""

    def ask(self, question: RoomQuestion) -> object:
        """Start a new round with ``question``."""


def room_question(
    kind: str,
    prompt: str,
    *,
    unit: str = "",
    low: float | None = None,
    high: float | None = None,
    one_each: bool = True,
) -> RoomQuestion:
    """Return the room's question: ``kind`` is "number" or "idea"."""
    return RoomQuestion(
        kind=AnswerKind(kind), prompt=prompt, unit=unit, low=low, high=high, one_each=one_each
    )


def open_room(
    cohort: str | None,
    *,
    title: str,
    question: Callable[[], RoomQuestion],
    author: str = "Trainer",
) -> RoomPanel | None:
    """Return a room panel on the cohort's store asking ``question()``; None without a cohort.

    The store is opened, never created: a wrong cohort path must not leave an empty store
    behind (it raises, and the page's failure message is shown instead).
    """
    if not str(cohort or "").strip():
        return None
    from qikit.layout import store_path
    from qikit.store import open_store
    from qikit.widgets.room import RoomPanel

    store = open_store(store_path(Path(str(cohort)).expanduser()), create=False)
    return RoomPanel(store, title=title, question=question(), author=author)


def room_widget(room: object) -> ipywidgets.Widget | None:
    """Return the widget that shows the room's code and QR code (None if it has none)."""
    import ipywidgets as widgets

    if isinstance(room, widgets.Widget):
        return room
    shown = getattr(room, "widget", None)
    return shown if isinstance(shown, widgets.Widget) else None


def entry_number(entry: object) -> float | None:
    """Return the number a phone sent (None when it sent words)."""
    number = getattr(entry, "number", None)
    return None if number is None else float(number)


def entry_text(entry: object) -> str:
    """Return the words a phone sent ("" when it sent a number)."""
    return str(getattr(entry, "text", "") or "")
