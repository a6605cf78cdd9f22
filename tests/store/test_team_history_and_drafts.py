"""A team's history across records (for "Earlier versions") and drafts of "Add a …" boxes.

Drafts live beside the records, not among them: they must never add history, change the team's
place in history (the mentor review would run again on every keystroke) or reach the project.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from unittest import mock

import pytest

import qikit.store.sqlite as sqlite_module
from qikit.errors import DataError
from qikit.store.sqlite import MAX_DRAFT_CHARS, SCHEMA_VERSION, SqliteStore, StoreError

TEAM = "ward-3-porters"
OTHER = "catering-2"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "qikit.db"


@pytest.fixture
def store(path: Path):
    with SqliteStore(path) as opened:
        yield opened


def test_does_team_history_hold_every_change_of_the_kinds_asked_deleted_records_included(
    store: SqliteStore,
) -> None:
    store.save(TEAM, "cause", "c1", {"text": "lifts"}, author="Sam")
    store.save(TEAM, "fishbone", "main", {"effect": "late"}, author="Amina")
    store.save(TEAM, "cause", "c2", {"text": "bed"}, author="Sam")
    store.save(TEAM, "cause", "c1", {"text": "lifts out of order"}, author="Amina")
    store.delete(TEAM, "cause", "c2", author="Sam")
    store.save(TEAM, "charter", "main", {"aim_what": "x"}, author="Amina")  # another kind
    store.save(OTHER, "cause", "c9", {"text": "not ours"}, author="Cy")  # another team
    entries = store.team_history(TEAM, ("cause", "fishbone"))
    assert [(e.kind, e.record_id, e.version, e.action) for e in entries] == [
        ("cause", "c1", 1, "create"),
        ("fishbone", "main", 1, "create"),
        ("cause", "c2", 1, "create"),
        ("cause", "c1", 2, "update"),
        ("cause", "c2", 2, "delete"),
    ]
    assert entries[3].changed == ("text",)
    assert entries[3].data == {"text": "lifts out of order"}
    assert entries[4].data is None
    assert store.team_history(TEAM, ["cause"]) == [e for e in entries if e.kind == "cause"]
    assert store.team_history(TEAM, ()) == []
    assert store.team_history("no-such-team", ("cause",)) == []


def test_is_a_restore_in_team_history_as_a_change_of_its_own(store: SqliteStore) -> None:
    store.save(TEAM, "charter", "main", {"aim_what": "first"}, author="Amina")
    store.save(TEAM, "charter", "main", {"aim_what": "second"}, author="Amina")
    store.restore(TEAM, "charter", "main", 1, author="Sam")
    entries = store.team_history(TEAM, ("charter",))
    assert [(e.version, e.action, e.author) for e in entries] == [
        (1, "create", "Amina"),
        (2, "update", "Amina"),
        (3, "restore", "Sam"),
    ]
    assert entries[-1].data == {"aim_what": "first"}


@pytest.mark.parametrize("kind", ["Cause", "cause'; DROP TABLE history; --", "", "c" * 40])
def test_is_a_kind_that_cannot_be_stored_refused_in_team_history(
    store: SqliteStore, kind: str
) -> None:
    with pytest.raises(DataError, match="kind"):
        store.team_history(TEAM, ("cause", kind))


def test_does_a_wildcard_kind_match_only_itself(store: SqliteStore) -> None:
    store.save(TEAM, "cause", "c1", {"text": "lifts"}, author="Sam")
    assert store.team_history(TEAM, ("c_use",)) == []


def test_is_a_draft_kept_replaced_and_forgotten_without_touching_history(
    store: SqliteStore,
) -> None:
    store.save(TEAM, "cause", "c1", {"text": "lifts"}, author="Sam")
    before = store.team_histories()
    assert store.draft(TEAM, "fishbone.cause") is None
    store.save_draft(TEAM, "fishbone.cause", "lifts out <b>of</b> order 🚑", author="Sam")
    kept = store.draft(TEAM, "fishbone.cause")
    assert kept is not None
    assert (kept.team, kept.key, kept.text, kept.author) == (
        TEAM,
        "fishbone.cause",
        "lifts out <b>of</b> order 🚑",
        "Sam",
    )
    assert kept.at
    store.save_draft(TEAM, "fishbone.cause", "lifts", author="Amina")
    assert store.draft(TEAM, "fishbone.cause").text == "lifts"
    assert store.draft(TEAM, "fishbone.cause").author == "Amina"
    assert store.draft(OTHER, "fishbone.cause") is None  # a draft is the team's own
    assert store.draft(TEAM, "process_map.step") is None
    assert store.team_histories() == before  # no history, so the review does not run again
    assert [r.kind for r in store.list(TEAM)] == ["cause"]  # and not a record
    store.save_draft(TEAM, "fishbone.cause", "", author="Amina")
    assert store.draft(TEAM, "fishbone.cause") is None
    store.save_draft(TEAM, "fishbone.cause", "", author="Amina")  # forgetting twice is fine


def test_does_a_draft_outlive_the_connection(path: Path) -> None:
    with SqliteStore(path) as store:
        store.save_draft(TEAM, "driver_diagram.idea", "a second porter at 8", author="Sam")
    with SqliteStore(path, create=False) as store:
        assert store.draft(TEAM, "driver_diagram.idea").text == "a second porter at 8"
    with SqliteStore(path, read_only=True) as store:
        assert store.draft(TEAM, "driver_diagram.idea").text == "a second porter at 8"
        with pytest.raises(StoreError, match="reading only"):
            store.save_draft(TEAM, "driver_diagram.idea", "more", author="Sam")


def test_is_a_draft_longer_than_the_longest_free_text_refused(store: SqliteStore) -> None:
    store.save_draft(TEAM, "pdsa.title", "x" * MAX_DRAFT_CHARS, author="Sam")
    with pytest.raises(DataError, match=f"at most {MAX_DRAFT_CHARS:,} characters"):
        store.save_draft(TEAM, "pdsa.title", "x" * (MAX_DRAFT_CHARS + 1), author="Sam")
    assert len(store.draft(TEAM, "pdsa.title").text) == MAX_DRAFT_CHARS


@pytest.mark.parametrize(
    ("team", "key", "text", "author", "field"),
    [
        (TEAM, "Fishbone.cause", "x", "Sam", "draft key"),
        (TEAM, "", "x", "Sam", "draft key"),
        (TEAM, "a" * 65, "x", "Sam", "draft key"),
        (TEAM, "fishbone cause", "x", "Sam", "draft key"),
        ("Ward 3", "fishbone.cause", "x", "Sam", "team"),
        (TEAM, "fishbone.cause", "half \ud83d", "Sam", "draft"),
        (TEAM, "fishbone.cause", "x", " ", "author"),
    ],
)
def test_is_a_draft_that_cannot_be_stored_refused_naming_the_field(
    store: SqliteStore, team: str, key: str, text: str, author: str, field: str
) -> None:
    with pytest.raises(DataError) as raised:
        store.save_draft(team, key, text, author=author)
    assert raised.value.field == field


def test_is_a_schema_1_store_made_by_this_code_upgraded_with_its_data_intact(path: Path) -> None:
    with mock.patch.object(sqlite_module, "SCHEMA_VERSION", 1), SqliteStore(path) as old:
        old.save(TEAM, "charter", "main", {"aim_what": "first"}, author="Amina")
        old.save(TEAM, "charter", "main", {"aim_what": "second"}, author="Sam")
        old.delete(TEAM, "charter", "main", author="Sam")
        assert old.schema_version() == 1
    connection = sqlite3.connect(path)
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
    connection.close()
    assert "drafts" not in tables
    with SqliteStore(path, create=False) as store:
        assert store.schema_version() == SCHEMA_VERSION  # every step up, drafts (2) included
        entries = store.team_history(TEAM, ("charter",))
        assert [(e.version, e.action, e.author) for e in entries] == [
            (1, "create", "Amina"),
            (2, "update", "Sam"),
            (3, "delete", "Sam"),
        ]
        store.save_draft(TEAM, "fishbone.cause", "kept", author="Sam")
        assert store.draft(TEAM, "fishbone.cause").text == "kept"
        assert store.restore(TEAM, "charter", "main", 1, author="Amina").data == {
            "aim_what": "first"
        }


def test_is_a_store_from_a_newer_qikit_still_refused(path: Path) -> None:
    with SqliteStore(path) as store:
        store.save_draft(TEAM, "fishbone.cause", "kept", author="Sam")
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    with pytest.raises(StoreError, match=f"store format {SCHEMA_VERSION + 1}"):
        SqliteStore(path)
