"""A team's history as plain sentences: who changed what and when, and what can be put back.

The store keeps every version of every record (:class:`qikit.store.base.HistoryEntry`); this
module turns a list of such entries — any objects with the same attributes, so it stays pure and
imports no store — into what "Earlier versions" shows: one sentence per change, newest first,
each with the version its "Put this version back" button would restore, and the removed records
with the version "Put it back" would restore.

The sentences are plain text; the widget escapes them (a cause may well contain ``<b>``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from qikit.core.model.fields import parse_iso_date
from qikit.core.model.record import FIELD_LABELS, RecordKind
from qikit.core.wording import history as words
from qikit.core.wording.dates import date_words

#: Characters of a record's words quoted in a sentence (the rest is cut with "…").
TITLE_CHARS = 60


class EntryLike(Protocol):
    """What one history entry holds (the store's ``HistoryEntry`` is one)."""

    @property
    def kind(self) -> str: ...
    @property
    def record_id(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def action(self) -> str: ...
    @property
    def changed(self) -> Sequence[str]: ...
    @property
    def data(self) -> Mapping[str, Any] | None: ...
    @property
    def at(self) -> str: ...
    @property
    def author(self) -> str: ...


@dataclass(frozen=True)
class Change:
    """One change as a person reads it, and what its button would put back.

    ``restore_version`` is the version "Put this version back" (or, for a removed record, "Put
    it back") restores — None when there is nothing to put back (it is how it is now).
    ``restore_data`` is that version's data, so it can be checked before it is restored.
    """

    kind: str
    record_id: str
    version: int
    action: str
    sentence: str
    when: str
    thing: str
    restore_version: int | None = None
    restore_data: Mapping[str, Any] | None = None
    restore_name: str = ""

    @property
    def text(self) -> str:
        """The whole line: "Sam added the cause “lifts” — Thu 3 Dec, 10:32"."""
        return words.ENTRY.format(sentence=self.sentence, when=self.when)


@dataclass(frozen=True)
class History:
    """``changes``: every change, newest first; ``removed``: the records removed now (newest
    removal first), each a :class:`Change` whose button puts the record back."""

    changes: tuple[Change, ...]
    removed: tuple[Change, ...]


def describe_history(
    entries: Iterable[EntryLike], *, today: dt.date | None = None, tz: dt.tzinfo | None = None
) -> History:
    """Return the history of ``entries`` (given oldest first, as the store returns them).

    Times are shown in ``tz`` (None: the machine's own time zone, as "Saved 10:32" is), with
    the year only when it is not ``today``'s (None: today in ``tz``).
    """
    if today is None:
        today = dt.datetime.now(tz).astimezone(tz).date()
    ordered = list(entries)
    last_index: dict[tuple[str, str], int] = {}
    for index, entry in enumerate(ordered):
        last_index[(entry.kind, entry.record_id)] = index
    known: dict[tuple[str, str], EntryLike] = {}  # the newest entry with data, per record
    removed_now: dict[tuple[str, str], bool] = {}
    changes: list[Change] = []
    removed: list[Change] = []
    for index, entry in enumerate(ordered):
        key = (entry.kind, entry.record_id)
        before = known.get(key)
        was_removed = removed_now.get(key, False)
        when = _when(entry.at, today, tz)
        latest = last_index[key] == index
        if entry.action == "delete":
            thing = _thing(entry.kind, None if before is None else before.data)
            change = Change(
                entry.kind, entry.record_id, entry.version, entry.action,
                words.DELETED.format(who=_who(entry.author), thing=thing), when, thing,
            )  # fmt: skip
            if latest and before is not None:
                change = _with_restore(change, before, words.PUT_BACK_REMOVED_NAME, when)
                removed.append(change)
            removed_now[key] = True
        else:
            thing = _thing(entry.kind, entry.data)
            sentence = _sentence(entry, thing, was_removed)
            change = Change(
                entry.kind, entry.record_id, entry.version, entry.action, sentence, when, thing
            )
            if not latest and entry.data is not None:
                change = _with_restore(change, entry, words.PUT_BACK_VERSION_NAME, when)
            known[key] = entry
            removed_now[key] = False
        changes.append(change)
    return History(tuple(reversed(changes)), tuple(reversed(removed)))


def _with_restore(change: Change, source: EntryLike, name: str, when: str) -> Change:
    label = words.PUT_BACK_REMOVED if change.action == "delete" else words.PUT_BACK_VERSION
    thing = change.thing if change.action != "delete" else _thing(source.kind, source.data)
    return Change(
        change.kind, change.record_id, change.version, change.action, change.sentence,
        change.when, change.thing, source.version, source.data,
        name.format(label=label, thing=thing, when=when),
    )  # fmt: skip


def _sentence(entry: EntryLike, thing: str, was_removed: bool) -> str:
    who = _who(entry.author)
    if entry.action == "create":
        if entry.kind in words.SINGLETON_NAMES:
            return words.CREATED_SINGLETON.format(who=who, kind=_kind_name(entry.kind))
        return words.CREATED.format(who=who, thing=thing)
    if entry.action == "restore":
        template = words.RESTORED_REMOVED if was_removed else words.RESTORED_EARLIER
        return template.format(who=who, thing=thing)
    changed = list(entry.changed)
    data = entry.data or {}
    if len(changed) == 1 and changed[0] in words.ONLY_CHANGE_VERBS:
        return words.MOVED.format(who=who, verb=words.ONLY_CHANGE_VERBS[changed[0]], thing=thing)
    if changed == [words.TITLE_FIELDS.get(entry.kind)] and not _is_empty(data.get(changed[0])):
        return words.REWORDED.format(who=who, thing=thing)
    emptied = [f for f in changed if f in data and _is_empty(data[f])]
    filled = [f for f in changed if f not in emptied]
    if filled and emptied:
        return words.CHANGED_AND_CLEARED.format(
            who=who,
            fields=_fields(entry.kind, filled),
            cleared=_fields(entry.kind, emptied),
            thing=thing,
        )
    if emptied:
        return words.CLEARED.format(who=who, fields=_fields(entry.kind, emptied), thing=thing)
    return words.CHANGED.format(who=who, fields=_fields(entry.kind, filled), thing=thing)


def _who(author: str) -> str:
    return " ".join(author.split()) or words.SOMEONE


def _kind_name(kind: str) -> str:
    return words.KIND_NAMES.get(kind, kind.replace("_", " "))


def _thing(kind: str, data: Mapping[str, Any] | None) -> str:
    """Return how a record is named: "the charter", "the cause “lifts”" or "a cause"."""
    name = _kind_name(kind)
    field = words.TITLE_FIELDS.get(kind)
    if kind in words.SINGLETON_NAMES or field is None:
        return words.SINGLETON_THING.format(kind=name)
    title = data.get(field) if data is not None else None
    if not isinstance(title, str) or not title.strip():
        return words.UNNAMED.format(kind=name)
    day = parse_iso_date(title)  # a data point is named by its date: say it in words
    return words.NAMED_THING.format(
        kind=name, title=_cut(title) if day is None else date_words(day)
    )


def _cut(value: str) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= TITLE_CHARS else flat[: TITLE_CHARS - 1] + "…"


def _labels(kind: str) -> dict[str, str]:
    try:
        return FIELD_LABELS[RecordKind(kind)]
    except ValueError:  # a kind kept beside the project (such as a mentor's score)
        return {}


def _fields(kind: str, names: Sequence[str]) -> str:
    """Return "“A”", "“A” and “B”" or "“A”, “B” and “C”": the fields' plain labels, in the
    order the tool shows them (the store lists them alphabetically)."""
    labels = _labels(kind)
    order = {name: index for index, name in enumerate(labels)}
    ordered = sorted(names, key=lambda name: (order.get(name, len(order)), name))
    quoted = [f"“{labels.get(name) or name.replace('_', ' ')}”" for name in ordered]
    if len(quoted) <= 1:
        return "".join(quoted)
    return f"{', '.join(quoted[:-1])} {words.AND} {quoted[-1]}"


def _is_empty(value: object) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or value == [] or value == {}


def _when(at: str, today: dt.date, tz: dt.tzinfo | None) -> str:
    try:
        moment = dt.datetime.fromisoformat(at.replace("Z", "+00:00"))
    except ValueError:
        return at  # not a time the store writes; shown as it is rather than lost
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return words.when_words(moment.astimezone(tz), today)
