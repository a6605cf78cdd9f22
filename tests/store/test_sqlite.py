"""The SQLite store: saves, merges, history, restore, exact text, refusals and schema versions.

The promise under test: nothing a participant types is ever lost. So every value comes back
exactly (type included), every change is in history, bad input is refused with a DataError before
anything is written, and a file that is not a qikit store is never touched.
"""

from __future__ import annotations

import hashlib
import importlib.util
import itertools
import json
import math
import shutil
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import BY_KIND  # tests/strategies.py: valid records of every kind

import qikit.store.sqlite as sqlite_module
from qikit.core.model import record_from_data
from qikit.errors import DataError
from qikit.store.sqlite import MAX_RECORD_BYTES, SCHEMA_VERSION, SqliteStore, StoreError

TEAM = "ward-3-porters"
FIXTURES = Path(__file__).with_name("fixtures")
#: Hypothesis tests share one store per test; each example writes to a record of its own.
SHARED_STORE = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "qikit.db"


@pytest.fixture
def store(path: Path):
    with SqliteStore(path) as opened:
        yield opened


def same(a: Any, b: Any) -> bool:
    """Are two JSON values identical, type included (1, 1.0 and True all differ)?"""
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def row_counts(path: Path) -> tuple[int, int]:
    """Return (records, history rows) read straight from the file."""
    connection = sqlite3.connect(path)
    try:
        records = connection.execute("SELECT count(*) FROM records").fetchone()[0]
        history = connection.execute("SELECT count(*) FROM history").fetchone()[0]
    finally:
        connection.close()
    return records, history


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def neighbours(path: Path) -> list[str]:
    """Return the files beside ``path`` whose names start with its name (journals, WAL, …)."""
    return sorted(p.name for p in path.parent.iterdir() if p.name.startswith(path.name))


# -- JSON values, for the round-trip properties ------------------------------------------------

#: Any text that can be stored: every Unicode character except lone surrogates.
texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.floats(allow_nan=False, allow_infinity=False)
    | texts,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(texts, children, max_size=4),
    max_leaves=12,
)
json_records = st.dictionaries(texts, json_values, max_size=6)
record_ids = (f"r{n}" for n in itertools.count())


# -- saving and merging ------------------------------------------------------------------------


def test_save_creates_a_record(store: SqliteStore) -> None:
    """Does the first save create version 1 with exactly the data, author and a time?"""
    saved = store.save(TEAM, "charter", "main", {"aim": "Fewer waits"}, author="Ana")
    assert (saved.version, saved.data, saved.updated_by) == (1, {"aim": "Fewer waits"}, "Ana")
    assert saved.updated_at
    assert store.get(TEAM, "charter", "main") == saved
    assert store.get(TEAM, "charter", "other") is None
    assert store.get("another-team", "charter", "main") is None


MERGES = [
    # (first save, second save, record afterwards, fields the second save changed)
    ({"a": 1}, {"b": 2}, {"a": 1, "b": 2}, ["b"]),
    ({"a": 1, "b": 2}, {"b": 3}, {"a": 1, "b": 3}, ["b"]),
    ({"a": 1}, {"a": None}, {"a": None}, ["a"]),  # null is a value, not a deletion
    ({"a": {"x": 1, "y": 2}}, {"a": {"x": 1}}, {"a": {"x": 1}}, ["a"]),  # top level only
    ({"a": [1, 2]}, {"a": [2, 1]}, {"a": [2, 1]}, ["a"]),
    ({"a": 1}, {"a": True}, {"a": True}, ["a"]),  # 1 == True in Python, not to a participant
    ({"a": 0}, {"a": False}, {"a": False}, ["a"]),
    ({"a": 1}, {"a": 1.0}, {"a": 1.0}, ["a"]),
    ({"a": "1"}, {"a": 1}, {"a": 1}, ["a"]),
    ({"a": [1]}, {"a": [True]}, {"a": [True]}, ["a"]),
    ({"a": ""}, {"a": " "}, {"a": " "}, ["a"]),
    ({"a": 1, "b": 2}, {"a": 1, "b": 5, "c": 0}, {"a": 1, "b": 5, "c": 0}, ["b", "c"]),
]


@pytest.mark.parametrize(("first", "second", "merged", "changed"), MERGES)
def test_save_merges_top_level_fields(
    store: SqliteStore, first: dict, second: dict, merged: dict, changed: list[str]
) -> None:
    """Does a save change only the fields it sends, and record exactly those as changed?"""
    store.save(TEAM, "charter", "main", first, author="Ana")
    saved = store.save(TEAM, "charter", "main", second, author="Bilal")
    assert same(saved.data, merged)
    assert same(store.get(TEAM, "charter", "main").data, merged)
    last = store.history(TEAM, "charter", "main")[-1]
    assert (last.version, last.action, list(last.changed), last.author) == (
        2,
        "update",
        changed,
        "Bilal",
    )
    assert same(last.data, merged)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"a": 1}, {"a": 1}),
        ({"a": 1, "b": "x"}, {"b": "x"}),
        ({"a": {"x": [1, {"y": None}]}}, {"a": {"x": [1, {"y": None}]}}),
        ({"a": {"x": 1, "y": 2}}, {"a": {"y": 2, "x": 1}}),  # same object, keys in other order
        ({"a": "é"}, {"a": "é"}),
        ({"a": 1}, {}),
    ],
)
def test_saving_unchanged_values_adds_no_history(
    store: SqliteStore, path: Path, first: dict, second: dict
) -> None:
    """Is a save that changes nothing a no-op: same version, no history, nothing written?"""
    created = store.save(TEAM, "charter", "main", first, author="Ana")
    before = row_counts(path)
    again = store.save(TEAM, "charter", "main", second, author="Bilal")
    assert again == created  # the stored record, as it was (author and time too)
    assert row_counts(path) == before
    assert len(store.history(TEAM, "charter", "main")) == 1


def test_history_records_every_action(store: SqliteStore) -> None:
    """Does history hold create, update, delete and restore with fields, author and data?"""
    store.save(TEAM, "cause", "c1", {"text": "Bleeps", "bone": "people"}, author="Ana")
    store.save(TEAM, "cause", "c1", {"text": "Bleeps unanswered"}, author="Bilal")
    store.delete(TEAM, "cause", "c1", author="Chen")
    store.delete(TEAM, "cause", "c1", author="Chen")  # already gone: nothing more to record
    store.restore(TEAM, "cause", "c1", 1, author="Dee")
    store.save(TEAM, "cause", "c1", {"bone": "methods"}, author="Ana")

    history = store.history(TEAM, "cause", "c1")
    rows = [(e.version, e.action, e.changed, e.author, e.data) for e in history]
    assert rows == [
        (1, "create", ("bone", "text"), "Ana", {"bone": "people", "text": "Bleeps"}),
        (2, "update", ("text",), "Bilal", {"bone": "people", "text": "Bleeps unanswered"}),
        (3, "delete", (), "Chen", None),
        (4, "restore", ("bone", "text"), "Dee", {"bone": "people", "text": "Bleeps"}),
        (5, "update", ("bone",), "Ana", {"bone": "methods", "text": "Bleeps"}),
    ]
    assert all(e.team == TEAM and e.kind == "cause" and e.record_id == "c1" for e in history)
    times = [e.at for e in history]
    assert times == sorted(times)
    assert store.get(TEAM, "cause", "c1").version == 5
    assert store.history(TEAM, "cause", "never-saved") == []


def test_any_earlier_version_can_be_restored(store: SqliteStore) -> None:
    """Can each earlier version be made current again, as a new version, without losing any?"""
    versions = [{"aim": f"draft {n}", "n": n} for n in range(1, 6)]
    versions[2]["extra"] = "only in draft 3"
    for data in versions:
        store.save(TEAM, "charter", "main", data, author="Ana")
    expected = [store.history(TEAM, "charter", "main")[v - 1].data for v in range(1, 6)]
    assert expected[3] == {**versions[2], **versions[3]}  # a save merges: the extra stays
    for version in (1, 3, 5, 2):
        before = store.get(TEAM, "charter", "main").version
        restored = store.restore(TEAM, "charter", "main", version, author="Bilal")
        assert restored.data == expected[version - 1]
        assert restored.version == before + 1
        assert store.get(TEAM, "charter", "main") == restored
    history = store.history(TEAM, "charter", "main")
    assert [e.action for e in history] == ["create"] + ["update"] * 4 + ["restore"] * 4
    assert [e.data for e in history[:5]] == expected  # restoring rewrote nothing old


def test_delete_then_restore(store: SqliteStore) -> None:
    """Is a deleted record hidden from get, list and teams, yet restorable from history?"""
    store.save(TEAM, "cause", "c1", {"text": "Lifts out of order"}, author="Ana")
    store.delete(TEAM, "cause", "c1", author="Ana")
    assert store.get(TEAM, "cause", "c1") is None
    assert store.list(TEAM) == []
    assert store.teams() == []
    with pytest.raises(DataError, match="version"):
        store.restore(TEAM, "cause", "c1", 2, author="Ana")  # the delete itself holds no data
    restored = store.restore(TEAM, "cause", "c1", 1, author="Bilal")
    assert (restored.version, restored.data) == (3, {"text": "Lifts out of order"})
    assert store.get(TEAM, "cause", "c1") == restored
    assert store.teams() == [TEAM]


def test_saving_a_deleted_record_starts_it_afresh(store: SqliteStore) -> None:
    """Does a save after a delete create the record anew, keeping its version count going?"""
    store.save(TEAM, "cause", "c1", {"text": "old", "bone": "people"}, author="Ana")
    store.delete(TEAM, "cause", "c1", author="Ana")
    saved = store.save(TEAM, "cause", "c1", {"text": "new"}, author="Ana")
    assert (saved.version, saved.data) == (3, {"text": "new"})
    assert [e.action for e in store.history(TEAM, "cause", "c1")] == ["create", "delete", "create"]


@pytest.mark.parametrize("bad", [0, 99, -1])
def test_restoring_a_version_that_does_not_exist_is_refused(store: SqliteStore, bad) -> None:
    """Is a missing version a DataError that changes nothing?"""
    store.save(TEAM, "charter", "main", {"aim": "x"}, author="Ana")
    with pytest.raises(DataError, match="history"):
        store.restore(TEAM, "charter", "main", bad, author="Ana")
    assert len(store.history(TEAM, "charter", "main")) == 1


def test_teams_and_list_order(store: SqliteStore) -> None:
    """Are teams sorted, and records listed by kind then id, one team at a time?"""
    for team, kind, record_id in [
        ("zeta-team", "point", "b"),
        (TEAM, "point", "w10"),
        (TEAM, "cause", "c2"),
        (TEAM, "point", "w02"),
        (TEAM, "charter", "main"),
        (TEAM, "cause", "c1"),
        ("alpha-1", "charter", "main"),
        ("gone-team", "charter", "main"),
    ]:
        store.save(team, kind, record_id, {"id": record_id}, author="Ana")
    store.delete("gone-team", "charter", "main", author="Ana")

    assert store.teams() == ["alpha-1", TEAM, "zeta-team"]
    assert [(r.kind, r.record_id) for r in store.list(TEAM)] == [
        ("cause", "c1"),
        ("cause", "c2"),
        ("charter", "main"),
        ("point", "w02"),
        ("point", "w10"),
    ]
    assert [r.record_id for r in store.list(TEAM, "point")] == ["w02", "w10"]
    assert store.list(TEAM, "pdsa") == []
    assert store.list("nobody") == []
    assert all(r.team == TEAM for r in store.list(TEAM))


def test_another_connection_sees_a_save_at_once(store: SqliteStore, path: Path) -> None:
    """Does a second store on the same file (another kernel) read what the first just saved?"""
    with SqliteStore(path) as other:
        store.save(TEAM, "charter", "main", {"aim": "x"}, author="Ana")
        assert other.get(TEAM, "charter", "main").data == {"aim": "x"}
        other.save(TEAM, "charter", "main", {"team": ["Bilal"]}, author="Bilal")
    assert store.get(TEAM, "charter", "main").data == {"aim": "x", "team": ["Bilal"]}


# -- text exactly as typed ----------------------------------------------------------------------

TEXTS = {
    "emoji": "Porters 🚑🧑🏽‍⚕️👨‍👩‍👧 😀",
    "combining accents": "Cafe\u0301 vs Café",  # not normalised: kept as typed
    "right to left": "نقص الكراسي المتحركة في الجناح ٣",
    "right-to-left override": "\u202eabc\u202c",
    "hebrew and english": "שלום Ward 3",
    "markup": "<script>alert(1)</script>",
    "html entities": "&amp; &lt; &#x27;",
    "control characters": "".join(chr(c) for c in range(1, 32)) + "\x7f",
    "nul": "before\x00after",
    "line endings": "one\r\ntwo\rthree\nfour\u2028five",
    "spaces kept": "  leading and trailing  ",
    "byte-order mark": "\ufeffstart",
    "non-characters": "\ufffe\uffff\U0010ffff",
    "quotes and backslashes": "'\"\\ \\u0041 \\n",
    "sql": "Robert'); DROP TABLE records;--",
    "json-looking": '{"a": 1}',
    "empty": "",
    "100k characters": ("Porter 🚑 wait " * 7_143)[:100_000],
}


@pytest.mark.parametrize("text", TEXTS.values(), ids=TEXTS.keys())
def test_text_is_stored_exactly_as_typed(store: SqliteStore, path: Path, text: str) -> None:
    """Does text come back identical, in the save's reply and from a new connection?"""
    author = text[:200] if text.strip() else "Ana"
    saved = store.save(
        TEAM, "cause", "c1", {"text": text, text[:50]: "a field name"}, author=author
    )
    assert saved.data["text"] == text
    with SqliteStore(path) as reopened:
        record = reopened.get(TEAM, "cause", "c1")
        entry = reopened.history(TEAM, "cause", "c1")[0]
    assert record.data == {"text": text, text[:50]: "a field name"}
    assert (record.updated_by, entry.author) == (author, author)
    assert entry.data == record.data


@SHARED_STORE
@given(data=json_records)
def test_any_json_record_round_trips(store: SqliteStore, data: dict) -> None:
    """Does any JSON object come back exactly as saved, types included?"""
    record_id = next(record_ids)
    saved = store.save(TEAM, "cause", record_id, data, author="Ana")
    assert same(saved.data, data)
    assert same(store.get(TEAM, "cause", record_id).data, data)
    assert same(store.history(TEAM, "cause", record_id)[-1].data, data)


@pytest.mark.parametrize("kind", sorted(BY_KIND))
def test_every_kind_of_project_record_round_trips(store: SqliteStore, kind: str) -> None:
    """Does each kind of project record, with awkward text, come back as the same record?"""

    @SHARED_STORE
    @given(record=BY_KIND[kind])
    def round_trip(record) -> None:
        data = record.to_data()
        team = f"team-{next(record_ids)}"  # singletons all use the id "main"
        store.save(team, kind, record.record_id, data, author="Ana")
        stored = store.get(team, kind, record.record_id)
        assert same(stored.data, data)
        assert record_from_data(kind, record.record_id, stored.data) == record

    round_trip()


@SHARED_STORE
@given(first=json_records, second=json_records)
def test_two_saves_merge_and_history_shows_what_changed(
    store: SqliteStore, first: dict, second: dict
) -> None:
    """After two saves, is the record the top-level merge, with only real changes in history?"""
    record_id = next(record_ids)
    store.save(TEAM, "cause", record_id, first, author="Ana")
    store.save(TEAM, "cause", record_id, second, author="Bilal")
    assert same(store.get(TEAM, "cause", record_id).data, {**first, **second})
    changed = sorted(k for k, v in second.items() if k not in first or not same(first[k], v))
    history = store.history(TEAM, "cause", record_id)
    if changed:
        assert [list(e.changed) for e in history] == [sorted(first), changed]
    else:
        assert len(history) == 1


@SHARED_STORE
@given(drafts=st.lists(json_records, min_size=1, max_size=5), data=st.data())
def test_restoring_any_version_gives_its_data_back(
    store: SqliteStore, drafts: list[dict], data: st.DataObject
) -> None:
    """Whatever the edits, does restoring version v give exactly the record as it was at v?"""
    record_id = next(record_ids)
    for draft in drafts:
        store.save(TEAM, "cause", record_id, draft, author="Ana")
    history = store.history(TEAM, "cause", record_id)
    entry = data.draw(st.sampled_from(history))
    restored = store.restore(TEAM, "cause", record_id, entry.version, author="Bilal")
    assert same(restored.data, entry.data)
    assert same(store.get(TEAM, "cause", record_id).data, entry.data)


# -- refusals: bad keys, too big, not JSON -------------------------------------------------------

BAD_KEYS = [
    # (team, kind, record id, the field the message names)
    ("../x", "charter", "main", "team"),
    ("Ward 3", "charter", "main", "team"),
    ("", "charter", "main", "team"),
    ("-ward", "charter", "main", "team"),
    ("ward-", "charter", "main", "team"),
    ("a" * 41, "charter", "main", "team"),
    ("ward\x00", "charter", "main", "team"),
    (None, "charter", "main", "team"),
    (TEAM, "DROP TABLE", "main", "kind"),
    (TEAM, "Charter", "main", "kind"),
    (TEAM, "", "main", "kind"),
    (TEAM, "a" * 33, "main", "kind"),
    (TEAM, "charter", "a/b", "record id"),
    (TEAM, "charter", "../../etc", "record id"),
    (TEAM, "charter", "", "record id"),
    (TEAM, "charter", "a" * 65, "record id"),
    (TEAM, "charter", "x y", "record id"),
    (TEAM, "charter", "1'; DROP TABLE records;--", "record id"),
    (TEAM, "charter", 7, "record id"),
]


@pytest.mark.parametrize(("team", "kind", "record_id", "field"), BAD_KEYS)
def test_bad_keys_are_refused_and_nothing_is_written(
    store: SqliteStore, path: Path, team, kind, record_id, field: str
) -> None:
    """Is a bad team, kind or record id refused by every method, naming it, writing nothing?"""
    store.save(TEAM, "charter", "keep", {"aim": "x"}, author="Ana")
    before = row_counts(path)
    calls: list[Callable[[], object]] = [
        lambda: store.save(team, kind, record_id, {"a": 1}, author="Ana"),
        lambda: store.get(team, kind, record_id),
        lambda: store.delete(team, kind, record_id, author="Ana"),
        lambda: store.history(team, kind, record_id),
        lambda: store.restore(team, kind, record_id, 1, author="Ana"),
    ]
    for call in calls:
        with pytest.raises(DataError) as raised:
            call()
        assert str(raised.value).startswith(f"{field}: expected ")
    assert row_counts(path) == before
    assert store.teams() == [TEAM]
    assert neighbours(path.parent / "x") == []  # "../x" made no file anywhere near


@pytest.mark.parametrize("author", ["", "   ", None, "x" * 201, "half \ud83d emoji"])
def test_bad_authors_are_refused(store: SqliteStore, path: Path, author) -> None:
    """Is a save without a usable author name refused before anything is written?"""
    with pytest.raises(DataError, match="author"):
        store.save(TEAM, "charter", "main", {"a": 1}, author=author)
    assert row_counts(path) == (0, 0)


def test_a_record_over_the_size_limit_is_refused_plainly(store: SqliteStore, path: Path) -> None:
    """Is a record over MAX_RECORD_BYTES (as UTF-8 JSON) refused, and one at the limit kept?"""
    overhead = len('{"text": ""}')
    at_limit = "x" * (MAX_RECORD_BYTES - overhead)
    assert store.save(TEAM, "cause", "c1", {"text": at_limit}, author="Ana").data["text"]
    before = row_counts(path)
    for text in ("x" * (MAX_RECORD_BYTES - overhead + 1), "é" * (MAX_RECORD_BYTES // 2)):
        with pytest.raises(DataError) as raised:
            store.save(TEAM, "cause", "c2", {"text": text}, author="Ana")
        message = str(raised.value)
        assert f"at most {MAX_RECORD_BYTES:,} bytes" in message
        assert "too long to save" in message
        assert "Traceback" not in message and "sqlite" not in message.lower()
    # Each change is small but the merged record would be too big: refused, record unchanged.
    store.save(TEAM, "cause", "c3", {"a": "x" * (MAX_RECORD_BYTES // 2)}, author="Ana")
    before = row_counts(path)
    with pytest.raises(DataError, match="too long"):
        store.save(TEAM, "cause", "c3", {"b": "y" * (MAX_RECORD_BYTES // 2)}, author="Ana")
    assert row_counts(path) == before
    assert set(store.get(TEAM, "cause", "c3").data) == {"a"}


@pytest.mark.parametrize(
    "changes",
    [
        {"tags": {"a", "b"}},
        {"value": float("nan")},
        {"value": math.inf},
        {"value": [1, -math.inf]},
        {"value": b"bytes"},
        {"value": object()},
        {"nested": {"when": __import__("datetime").date(2026, 1, 1)}},
        {"text": "half an emoji \ud83d"},
        {"\udc00": "a field name that is half a character"},
        {1: "a field name that is not text"},
        ["not", "a", "mapping"],
        "not a mapping",
    ],
    ids=repr,
)
def test_values_that_are_not_json_are_refused(store: SqliteStore, path: Path, changes) -> None:
    """Is a value that cannot be stored as JSON a DataError, with nothing written?"""
    store.save(TEAM, "cause", "c1", {"text": "kept"}, author="Ana")
    before = row_counts(path)
    with pytest.raises(DataError):
        store.save(TEAM, "cause", "c1", changes, author="Ana")
    with pytest.raises(DataError):
        store.save(TEAM, "cause", "new", changes, author="Ana")
    assert row_counts(path) == before
    assert store.get(TEAM, "cause", "c1").data == {"text": "kept"}
    assert store.get(TEAM, "cause", "new") is None


INJECTIONS = [
    "'; DROP TABLE records; --",
    '"; DELETE FROM history; --',
    "x' OR '1'='1",
    "1; ATTACH DATABASE 'evil.db' AS e; --",
    "%_\\",
]


@pytest.mark.parametrize("text", INJECTIONS)
def test_sql_in_data_is_stored_literally(store: SqliteStore, path: Path, text: str) -> None:
    """Is SQL typed into a field (name, value or author) just text, with the tables intact?"""
    store.save(TEAM, "charter", "main", {"aim": "keep me"}, author="Ana")
    store.save(TEAM, "cause", "c1", {text: text, "text": text}, author=text)
    assert store.get(TEAM, "cause", "c1").data == {text: text, "text": text}
    assert store.history(TEAM, "cause", "c1")[0].author == text
    assert store.get(TEAM, "charter", "main").data == {"aim": "keep me"}
    assert row_counts(path) == (2, 2)
    assert neighbours(path.parent / "evil.db") == []


def test_wildcards_in_ids_match_only_themselves(store: SqliteStore) -> None:
    """Are ids compared exactly (no LIKE-style wildcard matching of _ or -)?"""
    store.save(TEAM, "cause", "a_b", {"n": 1}, author="Ana")
    store.save(TEAM, "cause", "a-b", {"n": 2}, author="Ana")
    assert store.get(TEAM, "cause", "axb") is None
    assert store.get(TEAM, "cause", "a_b").data == {"n": 1}
    store.delete(TEAM, "cause", "a_b", author="Ana")
    assert store.get(TEAM, "cause", "a-b").data == {"n": 2}


# -- opening: foreign files, damaged files, newer stores -----------------------------------------


def _text_file(path: Path) -> None:
    path.write_text("Ward 3 porters: notes from Monday's huddle\n", encoding="utf-8")


def _png(path: Path) -> None:
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def _json(path: Path) -> None:
    path.write_text('{"format": "qikit-team-project", "records": []}\n', encoding="utf-8")


def _zip(path: Path) -> None:
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)


def _other_database(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE patients (nhs_number TEXT, name TEXT)")
    connection.execute("INSERT INTO patients VALUES ('943 476 5919', 'Ann Example')")
    connection.commit()
    connection.close()


def _other_database_in_wal_mode(path: Path) -> None:
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("CREATE TABLE rota (day TEXT)")
    connection.commit()
    connection.close()


def _other_database_without_tables(path: Path) -> None:
    # Another application's fresh database: its id and version set, no tables yet.
    connection = sqlite3.connect(path)
    connection.execute("PRAGMA application_id = 1234")
    connection.execute("PRAGMA user_version = 3")
    connection.commit()
    connection.close()


def _damaged_store(path: Path) -> None:
    with SqliteStore(path) as store:
        store.save(TEAM, "charter", "main", {"aim": "x"}, author="Ana")
    data = path.read_bytes()
    path.write_bytes(data[:100] + bytes((i * 37) % 256 for i in range(len(data) - 100)))


def _header_then_garbage(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + b"\xde\xad\xbe\xef" * 2048)


FOREIGN_FILES = {
    "text file": (_text_file, "it looks like a text file"),
    "PNG picture": (_png, "it looks like a PNG picture"),
    "JSON file": (_json, "it looks like a JSON or text file"),
    "ZIP or Excel file": (_zip, "it looks like a ZIP archive"),
    "another SQLite database": (
        _other_database,
        "not a qikit store (it holds the tables patients)",
    ),
    "another database in WAL mode": (_other_database_in_wal_mode, "holds the tables rota"),
    "another database with no tables": (_other_database_without_tables, "holds no tables"),
    "damaged store": (_damaged_store, "It may be damaged"),
    "SQLite header then garbage": (_header_then_garbage, "It may be damaged"),
}


@pytest.mark.parametrize(("make", "says"), FOREIGN_FILES.values(), ids=FOREIGN_FILES.keys())
@pytest.mark.parametrize("create", [True, False])
def test_a_file_that_is_not_a_store_is_refused_and_left_as_it_is(
    path: Path, make: Callable[[Path], None], says: str, create: bool
) -> None:
    """Is a foreign or damaged file refused with a message saying what it is, byte for byte
    unchanged, with no journal or WAL file left beside it?"""
    make(path)
    before, files = digest(path), neighbours(path)
    with pytest.raises(StoreError) as raised:
        SqliteStore(path, create=create)
    message = str(raised.value)
    assert says in message
    assert str(path) in message
    assert "Nothing was changed" in message or "left as it is" in message
    assert digest(path) == before
    assert neighbours(path) == files


def test_a_folder_is_refused(tmp_path: Path) -> None:
    """Is a folder given as the store refused, and left empty?"""
    folder = tmp_path / "cohort"
    folder.mkdir()
    with pytest.raises(StoreError, match="is a folder, not a store file"):
        SqliteStore(folder)
    assert list(folder.iterdir()) == []


def test_a_missing_store_is_refused_when_creating_is_not_allowed(tmp_path: Path) -> None:
    """With create=False, is a missing file an error that creates nothing?"""
    with pytest.raises(StoreError, match="There is no store"):
        SqliteStore(tmp_path / "qikit.db", create=False)
    with pytest.raises(StoreError, match="does not exist"):
        SqliteStore(tmp_path / "no-such-folder" / "qikit.db")
    assert list(tmp_path.iterdir()) == []


def test_an_empty_file_becomes_a_store_only_when_creating_is_allowed(path: Path) -> None:
    """Is a 0-byte file refused (and left empty) with create=False, but made a store otherwise?

    An empty file holds nothing to lose, and it is what a store killed while being created
    leaves behind, so refusing it with create=True would lock the team out for good."""
    path.write_bytes(b"")
    with pytest.raises(StoreError, match="is an empty file, not a qikit store"):
        SqliteStore(path, create=False)
    assert path.read_bytes() == b""
    assert neighbours(path) == [path.name]
    with SqliteStore(path) as store:
        store.save(TEAM, "charter", "main", {"aim": "x"}, author="Ana")
    with SqliteStore(path, create=False) as store:
        assert store.get(TEAM, "charter", "main").data == {"aim": "x"}


def test_an_empty_sqlite_database_becomes_a_store(path: Path) -> None:
    """Is a blank SQLite file (no tables, no ids) adopted as a new store?"""
    sqlite3.connect(path).execute("VACUUM").connection.close()
    with SqliteStore(path) as store:
        assert store.schema_version() == SCHEMA_VERSION
        store.save(TEAM, "charter", "main", {"aim": "x"}, author="Ana")


def test_a_store_from_a_newer_qikit_is_refused_unchanged(path: Path) -> None:
    """Is a store of a newer schema refused with a message saying so, and left untouched?"""
    with SqliteStore(path) as store:
        store.save(TEAM, "charter", "main", {"aim": "x"}, author="Ana")
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    before, files = digest(path), neighbours(path)
    for create in (True, False):
        with pytest.raises(StoreError) as raised:
            SqliteStore(path, create=create)
        message = str(raised.value)
        assert "newer version of qikit" in message
        assert f"store format {SCHEMA_VERSION + 1}" in message
        assert "update qikit" in message
        assert digest(path) == before
        assert neighbours(path) == files


def test_opening_a_store_does_not_change_it(path: Path) -> None:
    """Does merely opening and reading a store leave its file byte for byte as it was?"""
    with SqliteStore(path) as store:
        store.save(TEAM, "charter", "main", {"aim": "x"}, author="Ana")
    before = digest(path)
    with SqliteStore(path, create=False) as store:
        store.list(TEAM)
        store.save(TEAM, "charter", "main", {"aim": "x"}, author="Bilal")  # unchanged value
    assert digest(path) == before


# -- schema upgrades ------------------------------------------------------------------------------


def _add_reactions_table(connection: sqlite3.Connection) -> None:
    """An example upgrade step 1 → 2: a new table, with one row saying the step ran."""
    connection.execute("CREATE TABLE reactions (at TEXT NOT NULL)")
    connection.execute("INSERT INTO reactions (at) VALUES ('upgrade')")


def _make_v1_store(path: Path) -> None:
    """Make a store of schema 1 with today's code (which stops there when it writes schema 1)."""
    with mock.patch.object(sqlite_module, "SCHEMA_VERSION", 1), SqliteStore(path) as store:
        store.save(TEAM, "charter", "main", {"aim": "x 🚑"}, author="Ana")
        store.save(TEAM, "charter", "main", {"aim": "y"}, author="Bilal")
        assert store.schema_version() == 1


def _reactions_rows(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT count(*) FROM reactions").fetchone()[0]
    finally:
        connection.close()


def pretend_version_2(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Pretend this qikit writes schema 2, upgraded from 1 by ``_add_reactions_table``.

    Returns a list that grows by one entry each time the step runs (in this process)."""
    runs: list[int] = []

    def step(connection: sqlite3.Connection) -> None:
        runs.append(1)
        _add_reactions_table(connection)

    monkeypatch.setattr(sqlite_module, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(sqlite_module, "UPGRADES", {1: step})
    return runs


def test_an_older_store_is_upgraded_once_on_open(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Is a schema-1 store upgraded step by step on open, once, with its data intact?"""
    _make_v1_store(path)
    runs = pretend_version_2(monkeypatch)
    with SqliteStore(path) as store:
        assert store.schema_version() == 2
        assert store.get(TEAM, "charter", "main").data == {"aim": "y"}
        assert [e.data["aim"] for e in store.history(TEAM, "charter", "main")] == ["x 🚑", "y"]
    with SqliteStore(path) as store:  # opening again runs no step
        assert store.schema_version() == 2
    assert runs == [1]
    assert _reactions_rows(path) == 1
    connection = sqlite3.connect(path)
    meta = dict(connection.execute("SELECT key, value FROM qikit_meta").fetchall())
    connection.close()
    assert meta["schema_version"] == "2"


def test_a_new_store_is_created_at_the_current_schema(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Is a brand-new store brought up to the current schema through the same steps?"""
    runs = pretend_version_2(monkeypatch)
    with SqliteStore(path) as store:
        assert store.schema_version() == 2
    assert runs == [1]


class _MeetingUpgrades(dict):
    """UPGRADES whose look-up waits until both openers have read the store's version, so both
    try the same upgrade: the race the version check inside the transaction must settle."""

    def __init__(self, steps: dict, barrier: threading.Barrier) -> None:
        super().__init__(steps)
        self.barrier = barrier

    def get(self, key, default=None):
        self.barrier.wait(timeout=30)
        return super().get(key, default)


def test_two_stores_opened_together_upgrade_once(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When two kernels open an old store at the same moment, does the step run only once?"""
    _make_v1_store(path)
    runs = pretend_version_2(monkeypatch)
    barrier = threading.Barrier(2)
    upgrades = _MeetingUpgrades(dict(sqlite_module.UPGRADES), barrier)
    errors: list[BaseException] = []
    versions: list[int] = []

    def open_and_read() -> None:
        try:
            with SqliteStore(path) as store:
                versions.append(store.schema_version())
                assert store.get(TEAM, "charter", "main").data == {"aim": "y"}
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)
            barrier.abort()

    monkeypatch.setattr(sqlite_module, "UPGRADES", upgrades)
    threads = [threading.Thread(target=open_and_read) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []
    assert versions == [2, 2]
    assert runs == [1]
    assert _reactions_rows(path) == 1


def test_a_failing_upgrade_leaves_the_store_as_it_was(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If an upgrade step fails half-way, is the store still schema 1 with every record?"""
    _make_v1_store(path)

    def broken(connection: sqlite3.Connection) -> None:
        _add_reactions_table(connection)
        raise sqlite3.OperationalError("disk I/O error (simulated)")

    monkeypatch.setattr(sqlite_module, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(sqlite_module, "UPGRADES", {1: broken})
    with pytest.raises(StoreError):
        SqliteStore(path)
    monkeypatch.setattr(sqlite_module, "SCHEMA_VERSION", 1)
    with SqliteStore(path) as store:
        assert store.schema_version() == 1
        assert store.get(TEAM, "charter", "main").data == {"aim": "y"}
    connection = sqlite3.connect(path)
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    connection.close()
    assert "reactions" not in tables


def test_a_missing_upgrade_step_is_refused_unchanged(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without a step from the store's schema, is opening refused with advice, file unchanged?"""
    _make_v1_store(path)
    before = digest(path)
    monkeypatch.setattr(sqlite_module, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(sqlite_module, "UPGRADES", {})
    with pytest.raises(StoreError, match="cannot upgrade"):
        SqliteStore(path)
    assert digest(path) == before


def _load_make_fixture():
    spec = importlib.util.spec_from_file_location(
        "make_fixture", Path(__file__).with_name("make_fixture.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION + 1))
def test_each_earlier_schema_version_upgrades(tmp_path: Path, version: int) -> None:
    """Does the committed store of every schema so far open with today's qikit, upgraded to
    SCHEMA_VERSION, holding exactly what the same edits give a new store today?

    Fails the day SCHEMA_VERSION is bumped without a fixture for the new version (run
    tests/store/make_fixture.py) or without an upgrade step for an old one."""
    fixture = FIXTURES / f"schema_v{version}.db"
    assert fixture.is_file(), f"{fixture} is missing: run tests/store/make_fixture.py"
    make_fixture = _load_make_fixture()
    copy = tmp_path / fixture.name
    shutil.copyfile(fixture, copy)  # the committed file is never opened for writing
    with SqliteStore(copy, create=False) as store:
        assert store.schema_version() == SCHEMA_VERSION
        upgraded = make_fixture.snapshot(store)
    make_fixture.write(tmp_path / "today.db")
    with SqliteStore(tmp_path / "today.db") as store:
        assert upgraded == make_fixture.snapshot(store)
    with SqliteStore(copy) as store:  # and it stays usable
        store.save(make_fixture.TEAM, "charter", "main", {"aim": "after upgrade"}, author="Ana")
