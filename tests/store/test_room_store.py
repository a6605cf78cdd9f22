"""Room sessions in the store (schema 3): answers kept under their code, checked on the way in."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from qikit.core.room import AnswerKind, RoomQuestion
from qikit.errors import DataError
from qikit.store import SqliteStore, open_store
from qikit.store.sqlite import SCHEMA_VERSION

MINUTES = RoomQuestion(AnswerKind.NUMBER, "How many minutes?", unit="minutes", low=0, high=600)
IDEA = RoomQuestion(AnswerKind.IDEA, "What makes the porter late?", one_each=False)


@pytest.fixture
def store(tmp_path: Path) -> SqliteStore:
    opened = open_store(tmp_path / "qikit.db")
    yield opened
    opened.close()


def test_a_session_opens_and_reads_back(store: SqliteStore) -> None:
    """Does an opened session read back with its question, round 1 and no closing time?"""
    opened = store.open_room("K7W2Q", "Porters, week 1", MINUTES, author="Trainer")
    assert opened.round == 1 and opened.closed_at is None
    assert store.room("k7w2q") == opened
    assert store.room("ABCDE") is None
    assert store.room("not a code") is None


def test_a_code_is_used_once(store: SqliteStore) -> None:
    """Is a second session with the same code refused?"""
    store.open_room("K7W2Q", "One", MINUTES, author="Trainer")
    with pytest.raises(DataError, match="code"):
        store.open_room("K7W2Q", "Two", MINUTES, author="Trainer")


def test_two_sessions_never_mix(store: SqliteStore) -> None:
    """Do answers sent to one code stay out of the other's list, with ids in order?"""
    store.open_room("AAAAA", "Room A", MINUTES, author="T")
    store.open_room("BBBBB", "Room B", MINUTES, author="T")
    a1 = store.add_room_entry("AAAAA", "phone-1", "12")
    store.add_room_entry("BBBBB", "phone-1", "30")  # the same phone may be in both rooms
    a2 = store.add_room_entry("aaaaa", "phone-2", "4.5")
    assert [e.number for e in store.room_entries("AAAAA")] == [12.0, 4.5]
    assert [e.number for e in store.room_entries("BBBBB")] == [30.0]
    assert [e.id for e in store.room_entries("AAAAA", after=a1.id)] == [a2.id]
    assert a2.text == "4.5" and a2.round == 1 and a2.code == "AAAAA"


def test_one_answer_each_and_no_idea_twice(store: SqliteStore) -> None:
    """Is a second answer from one phone refused for a one-each question, and the same idea
    (capitals and spaces aside) refused from any phone?"""
    store.open_room("AAAAA", "Room", MINUTES, author="T")
    store.add_room_entry("AAAAA", "phone-1", "12")
    with pytest.raises(DataError) as caught:
        store.add_room_entry("AAAAA", "phone-1", "13")
    assert str(caught.value) == "You have already sent an answer to this question. Thank you!"
    store.ask_room("AAAAA", IDEA, author="T")
    store.add_room_entry("AAAAA", "phone-1", "Lifts out of order")
    store.add_room_entry("AAAAA", "phone-1", "No bleep")  # several ideas from one phone
    with pytest.raises(DataError) as caught:
        store.add_room_entry("AAAAA", "phone-2", "  lifts OUT of   order")
    assert str(caught.value) == "That idea is already on the screen. Try a different one."
    assert len(store.room_entries("AAAAA", round=2)) == 2


def test_a_new_question_starts_a_new_round(store: SqliteStore) -> None:
    """Does ask_room raise the round, keep the earlier answers, and let a phone answer again?"""
    store.open_room("AAAAA", "Room", MINUTES, author="T")
    store.add_room_entry("AAAAA", "phone-1", "12")
    asked = store.ask_room("AAAAA", MINUTES, author="T")
    assert asked.round == 2 and store.room("AAAAA").round == 2  # type: ignore[union-attr]
    store.add_room_entry("AAAAA", "phone-1", "9")
    assert [e.number for e in store.room_entries("AAAAA", round=1)] == [12.0]
    assert [e.number for e in store.room_entries("AAAAA", round=2)] == [9.0]
    assert len(store.room_entries("AAAAA")) == 2


def test_wrong_answers_and_codes_get_plain_messages(store: SqliteStore) -> None:
    """Are text in a number box, an absurd value, an unknown and a closed code refused plainly?"""
    store.open_room("AAAAA", "Room", MINUTES, author="T")
    for text, message in [
        ("twelve", "Type a number, like 12 or 4.5."),
        ("6000", "That is more than 600 minutes — check it and send it again."),
    ]:
        with pytest.raises(DataError) as caught:
            store.add_room_entry("AAAAA", "phone-1", text)
        assert str(caught.value) == message
    with pytest.raises(DataError, match="There is no room with that code"):
        store.add_room_entry("BBBBB", "phone-1", "12")
    with pytest.raises(DataError, match="not a room code"):
        store.add_room_entry("B0B", "phone-1", "12")
    store.close_room("AAAAA")
    with pytest.raises(DataError, match="This room has closed"):
        store.add_room_entry("AAAAA", "phone-1", "12")
    with pytest.raises(DataError, match="closed"):
        store.ask_room("AAAAA", MINUTES, author="T")
    assert store.room("AAAAA").closed_at is not None  # type: ignore[union-attr]
    assert store.room_entries("AAAAA") == []  # nothing refused was kept


def test_phones_racing_with_the_same_idea_keep_one(tmp_path: Path) -> None:
    """Do 8 phones (8 connections, 8 threads) sending the same idea at once keep exactly one?"""
    path = tmp_path / "qikit.db"
    with open_store(path) as store:
        store.open_room("AAAAA", "Room", IDEA, author="T")
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def phone(number: int) -> None:
        with open_store(path) as own:
            barrier.wait()
            try:
                own.add_room_entry("AAAAA", f"phone-{number}", "Lifts out of order")
                outcomes.append("kept")
            except DataError:
                outcomes.append("refused")

    threads = [threading.Thread(target=phone, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["kept"] + ["refused"] * 7
    with open_store(path) as store:
        assert len(store.room_entries("AAAAA")) == 1


def test_a_reader_of_a_schema_2_store_sees_no_rooms(tmp_path: Path) -> None:
    """Does a read-only open of a schema 2 store (not upgraded yet) answer "no room"?"""
    path = tmp_path / "qikit.db"
    with open_store(path) as store:
        store.save("ward-3", "charter", "main", {"aim": "x"}, author="Ana")
    connection = sqlite3.connect(path)  # make it look as a schema 2 store looks
    connection.execute("DROP TABLE room_entries")
    connection.execute("DROP TABLE room_sessions")
    connection.execute("PRAGMA user_version = 2")
    connection.commit()
    connection.close()
    with open_store(path, read_only=True) as reader:
        assert reader.schema_version() == 2
        assert reader.room("AAAAA") is None and reader.room_entries("AAAAA") == []
    with open_store(path) as writer:  # opened for writing, it is upgraded
        assert writer.schema_version() == SCHEMA_VERSION == 3
        writer.open_room("AAAAA", "Room", MINUTES, author="T")
