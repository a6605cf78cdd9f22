"""A store opened read-only (the mentor review) and the per-team history summary.

The promise under test: reading a store for a review never creates, upgrades or changes it,
and takes no write lock, so a participant saving at the same moment is never held up.
"""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from qikit.store import TeamHistory, open_store
from qikit.store.sqlite import SCHEMA_VERSION, SqliteStore, StoreError

TEAM, OTHER = "ward-3-porters", "night-domestics"


@pytest.fixture
def path(tmp_path: Path) -> Path:
    """A store with two records for TEAM (one saved twice) and one deleted record for OTHER."""
    store_file = tmp_path / "qikit.db"
    with open_store(store_file) as store:
        store.save(TEAM, "charter", "main", {"aim": "fewer waits"}, author="Ana")
        store.save(TEAM, "charter", "main", {"aim": "far fewer waits"}, author="Ana")
        store.save(TEAM, "cause", "c1", {"text": "no chairs"}, author="Ben")
        store.save(OTHER, "cause", "c1", {"text": "no list"}, author="Chen")
        store.delete(OTHER, "cause", "c1", author="Chen")
    return store_file


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_team_histories_give_the_newest_id_and_the_count_per_team(path: Path) -> None:
    """Does each team get its newest history id and its number of history rows?"""
    with open_store(path) as store:
        histories = store.team_histories()
    assert histories == {TEAM: TeamHistory(3, 3), OTHER: TeamHistory(5, 2)}
    assert histories[TEAM].newest == 3 and histories[TEAM].rows == 3


def test_team_histories_change_with_a_save_and_not_with_a_save_of_nothing(path: Path) -> None:
    """Does a real change move a team's history, while saving the same value leaves it?"""
    with open_store(path) as store:
        before = store.team_histories()
        store.save(TEAM, "cause", "c1", {"text": "no chairs"}, author="Ben")  # nothing new
        assert store.team_histories() == before
        store.save(TEAM, "cause", "c1", {"text": "no chairs at night"}, author="Ben")
        after = store.team_histories()
    assert after[OTHER] == before[OTHER]
    assert after[TEAM] == TeamHistory(before[TEAM].newest + 3, before[TEAM].rows + 1)


def test_a_new_store_has_no_team_histories(tmp_path: Path) -> None:
    """Is the summary of a store with no saves empty?"""
    with open_store(tmp_path / "qikit.db") as store:
        assert store.team_histories() == {}


def test_a_read_only_store_reads_what_was_saved(path: Path) -> None:
    """Does a read-only store see the records, the teams and the history summary?"""
    with open_store(path, read_only=True) as store:
        assert store.read_only
        assert store.get(TEAM, "charter", "main").data == {"aim": "far fewer waits"}
        assert store.teams() == [TEAM]
        assert set(store.team_histories()) == {TEAM, OTHER}


def test_a_read_only_store_refuses_every_write_and_changes_nothing(path: Path) -> None:
    """Are save, delete and restore refused with a StoreError, leaving the file's bytes as
    they were?"""
    before = digest(path)
    with open_store(path, read_only=True) as store:
        with pytest.raises(StoreError, match="reading only"):
            store.save(TEAM, "cause", "c2", {"text": "x"}, author="Ana")
        with pytest.raises(StoreError, match="reading only"):
            store.delete(TEAM, "cause", "c1", author="Ana")
        with pytest.raises(StoreError, match="reading only"):
            store.restore(TEAM, "charter", "main", 1, author="Ana")
        assert store.get(TEAM, "cause", "c2") is None
    assert digest(path) == before


def test_a_read_only_open_takes_no_write_lock(path: Path) -> None:
    """Can a store be opened read-only while another connection holds the write lock?"""
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        with open_store(path, read_only=True) as store:
            assert store.team_histories()[TEAM].rows == 3
        writer.execute("ROLLBACK")
    finally:
        writer.close()


def test_a_missing_store_is_not_created_when_read_only(tmp_path: Path) -> None:
    """Is a missing store refused, even when create=True, and no file made?"""
    missing = tmp_path / "qikit.db"
    with pytest.raises(StoreError, match="There is no store"):
        open_store(missing, create=True, read_only=True)
    assert list(tmp_path.iterdir()) == []


def test_an_empty_or_blank_database_is_refused_when_read_only(tmp_path: Path) -> None:
    """Are an empty file and an SQLite database with nothing in it refused, left as they are?"""
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(StoreError, match="empty file"):
        open_store(empty, read_only=True)
    assert empty.read_bytes() == b""
    blank = tmp_path / "blank.db"
    sqlite3.connect(blank).execute("VACUUM").connection.close()
    before = digest(blank)
    with pytest.raises(StoreError, match="not a qikit store yet"):
        open_store(blank, read_only=True)
    assert digest(blank) == before


@pytest.mark.parametrize(
    ("version", "words"),
    [(SCHEMA_VERSION + 1, "newer version of qikit"), (0, "older store format")],
    ids=["newer", "older"],
)
def test_another_schema_is_refused_unchanged_when_read_only(
    path: Path, version: int, words: str
) -> None:
    """Is a store of another schema refused (a newer one, or an older one that would need an
    upgrade, which is a write) and left untouched?"""
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {version}")
    connection.close()
    before = digest(path)
    with pytest.raises(StoreError, match=words):
        SqliteStore(path, read_only=True)
    assert digest(path) == before


def test_a_version_1_store_is_read_as_it_is_when_read_only(tmp_path: Path) -> None:
    """Can the mentor review read a store that no page has upgraded yet (version 1 lacks only the
    drafts table), without writing to it?"""
    import shutil

    path = tmp_path / "old.db"
    shutil.copy(Path(__file__).with_name("fixtures") / "schema_v1.db", path)
    before = digest(path)
    store = SqliteStore(path, read_only=True)
    try:
        assert store.schema_version() == 1
        charter = store.get("ward-3-porters", "charter", "main")
        assert charter is not None and charter.data["aim"] == "Cut porter waits to 12 minutes"
        assert store.draft("ward-3-porters", "fishbone.cause") is None
    finally:
        store.close()
    assert digest(path) == before
