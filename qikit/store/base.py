"""The store's interface: what widgets, the CLI and review code may ask of any store.

A team's project is a set of small records (the charter, each fishbone cause, each data point,
each PDSA cycle, …), each a JSON object keyed by (team, kind, record_id). Saving sends only the
fields that changed, merged into the stored record inside one transaction, so two people editing
different fields — or different records — of the same team at the same time both keep their
work; when they edit the same field the later save wins and the earlier value stays in history.

Every change is written to history with the time and the author, and any earlier version can be
read back and restored. SQLite (:mod:`qikit.store.sqlite`) is the embedded implementation; a
server database can implement the same protocol later without touching the widgets.
"""

from __future__ import annotations

import builtins  # the method Store.list hides the builtin list inside the class body
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol, runtime_checkable

from qikit.core.room import RoomQuestion

#: The JSON value of one record: field name → JSON-compatible value.
RecordData = dict[str, Any]


@dataclass(frozen=True)
class StoredRecord:
    """A record as stored: its key, its current version number and its data."""

    team: str
    kind: str
    record_id: str
    version: int
    data: RecordData
    updated_at: str
    updated_by: str


@dataclass(frozen=True)
class HistoryEntry:
    """One change to one record: what changed, the record after it, when and by whom."""

    team: str
    kind: str
    record_id: str
    version: int
    action: str  # "create", "update", "delete" or "restore"
    changed: tuple[str, ...]
    data: RecordData | None  # the whole record after the change (None after a delete)
    at: str
    author: str


@dataclass(frozen=True)
class Draft:
    """Text typed into an "Add a …" box but not added yet, kept so leaving the page loses nothing.

    Not a record: a draft has no history, is not part of the project and never counts towards
    progress. One per (team, key); ``key`` names the box, such as ``fishbone.cause``.
    """

    team: str
    key: str
    text: str
    at: str
    author: str


@dataclass(frozen=True)
class RoomSession:
    """A room session: its code, what the trainer called it, the question asked now and its round.

    Each new question starts a new round (1, 2, …); answers are kept per round. A closed
    session (``closed_at`` set) takes no more answers.
    """

    code: str
    title: str
    question: RoomQuestion
    round: int
    opened_at: str
    closed_at: str | None


@dataclass(frozen=True)
class RoomEntry:
    """One answer sent from a phone: a number (``number`` set, ``text`` as typed) or an idea."""

    id: int
    code: str
    round: int
    sender: str
    number: float | None
    text: str
    at: str


class TeamHistory(NamedTuple):
    """A team's place in history: its newest history id and how many history rows it has.

    Every save that changes a record, every delete and every restore adds a row, so the pair
    changes whenever the team's work does (a save that changes nothing adds none).
    """

    newest: int
    rows: int


@runtime_checkable
class Store(Protocol):
    """Durable storage of team records with history. Every method is one transaction."""

    def get(self, team: str, kind: str, record_id: str) -> StoredRecord | None:
        """Return the current record, or None if it does not exist (or was deleted)."""

    def list(self, team: str, kind: str | None = None) -> builtins.list[StoredRecord]:
        """Return the team's current records (of one kind, or all), in a stable order."""

    def save(
        self,
        team: str,
        kind: str,
        record_id: str,
        changes: Mapping[str, Any],
        *,
        author: str,
        validate: Callable[[RecordData], object] | None = None,
    ) -> StoredRecord:
        """Create the record or merge ``changes`` into it; ``validate`` checks the merged record
        inside the transaction (a DataError cancels the save). Return the stored result."""

    def delete(self, team: str, kind: str, record_id: str, *, author: str) -> None:
        """Delete the record (its history is kept, so it can be restored)."""

    def history(self, team: str, kind: str, record_id: str) -> builtins.list[HistoryEntry]:
        """Return every change to the record, oldest first."""

    def team_history(self, team: str, kinds: Collection[str]) -> builtins.list[HistoryEntry]:
        """Return every change to the team's records of ``kinds``, deleted records included,
        in the order they were made (the "Earlier versions" beside a tool)."""

    def restore(
        self, team: str, kind: str, record_id: str, version: int, *, author: str
    ) -> StoredRecord:
        """Make an earlier version current again (recorded as a new version)."""

    def draft(self, team: str, key: str) -> Draft | None:
        """Return the text left in the team's "Add a …" box named ``key``, or None."""

    def save_draft(self, team: str, key: str, text: str, *, author: str) -> None:
        """Keep ``text`` as the team's draft for the box ``key`` ("" forgets it). No history."""

    def teams(self) -> builtins.list[str]:
        """Return the slugs of every team with at least one record."""

    def team_histories(self) -> dict[str, TeamHistory]:
        """Return ``{team: TeamHistory}`` for every team with history (one query for all)."""

    def open_room(
        self, code: str, title: str, question: RoomQuestion, *, author: str
    ) -> RoomSession:
        """Start a room session under ``code`` (round 1 of ``question``); return it."""

    def room(self, code: str) -> RoomSession | None:
        """Return the room session with this code (open or closed), or None."""

    def ask_room(self, code: str, question: RoomQuestion, *, author: str) -> RoomSession:
        """Ask the room a new question: the round goes up, earlier answers are kept."""

    def add_room_entry(self, code: str, sender: str, text: str) -> RoomEntry:
        """Check ``text`` against the session's current question and keep it; return it.

        A duplicate (a second answer from one phone to a one-each question, or the same idea
        again) or an unknown or closed code raises DataError with a plain message.
        """

    def room_entries(
        self, code: str, *, after: int = 0, round: int | None = None
    ) -> builtins.list[RoomEntry]:
        """Return the session's answers with an id above ``after`` (of one round), by id."""

    def close_room(self, code: str) -> None:
        """Close the session: it takes no more answers (the answers are kept)."""

    def close(self) -> None:
        """Release the connection."""
