"""The trainer's RoomPanel, without a kernel: open, code, QR code, count, callbacks, rounds."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from qikit.core.room import AnswerKind, RoomQuestion, is_session_code
from qikit.store import RoomEntry, SqliteStore, open_store
from qikit.widgets.room import RoomPanel, default_room_url, is_local_url

MINUTES = RoomQuestion(AnswerKind.NUMBER, "How many minutes?", unit="minutes", low=0, high=600)
IDEA = RoomQuestion(AnswerKind.IDEA, "Why <b>late</b>?", one_each=False)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    opened = open_store(tmp_path / "qikit.db")
    yield opened
    opened.close()


def _panel(store: SqliteStore, **options: object) -> RoomPanel:
    return RoomPanel(store, title="Timing", question=MINUTES, **options)  # type: ignore[arg-type]


def test_before_joining_there_is_only_the_button(store: SqliteStore) -> None:
    """Does a new panel offer "Let the room join" and open no session yet?"""
    panel = _panel(store, room_url="http://10.0.0.5:8866")
    assert panel.open_button.description == "Let the room join"
    assert panel.code is None and panel.poll() == []
    assert panel.code_view.value == ""


def test_joining_opens_a_session_and_shows_its_code_and_qr(store: SqliteStore) -> None:
    """Does the button open a session in the store, and the panel show the code, a QR code of
    the phone page's address and no "cannot reach" warning for a network address?"""
    panel = _panel(store, room_url="http://10.0.0.5:8866/")
    panel.open_button.click()
    code = panel.code
    assert code is not None and is_session_code(code)
    assert store.room(code) is not None and store.room(code).title == "Timing"  # type: ignore[union-attr]
    shown = panel.code_view.value
    assert f'class="qikit-room-code">{code}<' in shown
    assert '<svg viewBox="0 0 ' in shown  # scales with the CSS size (presenter mode: big)
    assert "<svg" in shown and f"QR code of the address http://10.0.0.5:8866/room/{code}" in shown
    assert "open http://10.0.0.5:8866/room and type the room code" in shown
    assert "Phones cannot reach" not in shown
    assert panel.open_button.layout.display == "none"
    assert "0 answers so far" in panel.count_view.value
    assert panel.open() is panel.session  # a second open keeps the same session


def test_a_local_address_is_explained(store: SqliteStore) -> None:
    """Is a 127.0.0.1 address shown with plain words on what to do, and the code still shown?"""
    panel = _panel(store, room_url="http://127.0.0.1:8866")
    panel.open()
    shown = panel.code_view.value
    assert "Phones cannot reach this page" in shown and "qikit serve COHORT --ip 0.0.0.0" in shown
    assert f">{panel.code}<" in shown


def test_without_an_address_the_code_is_shown_without_qr(
    store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Outside Voilà (no SERVER_NAME), is the code shown with no QR code and a plain note?"""
    monkeypatch.delenv("SERVER_NAME", raising=False)
    panel = _panel(store)
    panel.open()
    assert "<svg" not in panel.code_view.value
    assert "does not know its own web address" in panel.code_view.value


def test_new_answers_reach_the_callbacks_once_in_order(store: SqliteStore) -> None:
    """Does each poll hand the callbacks only what is new, count "N answers so far" and list
    the answers as escaped text?"""
    panel = RoomPanel(store, title="Fishbone", question=IDEA, room_url="http://10.0.0.5")
    seen: list[list[RoomEntry]] = []
    panel.on_entries(seen.append)
    panel.open()
    store.add_room_entry(panel.code, "phone-1", "Lifts <script>")  # type: ignore[arg-type]
    store.add_room_entry(panel.code, "phone-2", "No bleep")  # type: ignore[arg-type]
    assert [e.text for e in panel.poll()] == ["Lifts <script>", "No bleep"]
    assert panel.poll() == []
    store.add_room_entry(panel.code, "phone-1", "Trolley")  # type: ignore[arg-type]
    panel.poll()
    assert [[e.text for e in batch] for batch in seen] == [
        ["Lifts <script>", "No bleep"],
        ["Trolley"],
    ]
    assert "3 answers so far" in panel.count_view.value
    assert "Lifts &lt;script&gt;" in panel.answers_view.value
    assert "<script>" not in panel.answers_view.value
    assert "Why &lt;b&gt;late&lt;/b&gt;?" in panel.code_view.value


def test_a_new_question_starts_the_count_again(store: SqliteStore) -> None:
    """After ask(), is the round new in the store, the count back to 0, and the earlier
    answers kept?"""
    panel = _panel(store, room_url="http://10.0.0.5")
    panel.open()
    store.add_room_entry(panel.code, "phone-1", "12")  # type: ignore[arg-type]
    panel.poll()
    assert "1 answer so far" in panel.count_view.value
    session = panel.ask(IDEA)
    assert session.round == 2 and store.room(panel.code).round == 2  # type: ignore[arg-type, union-attr]
    assert "0 answers so far" in panel.count_view.value
    store.add_room_entry(panel.code, "phone-1", "Lifts")  # type: ignore[arg-type]
    assert [e.round for e in panel.poll()] == [2]
    assert len(panel.entries) == 2 and [e.text for e in panel.current_entries()] == ["Lifts"]


def test_the_new_round_button_asks_the_same_question_again(store: SqliteStore) -> None:
    """Does "Start a new round of answers" start round 2 of the same question?"""
    panel = _panel(store, room_url="http://10.0.0.5")
    assert panel.again_button.layout.display == "none"  # nothing to start before joining
    panel.open()
    assert panel.again_button.description == "Start a new round of answers"
    panel.again_button.click()
    session = store.room(panel.code)  # type: ignore[arg-type]
    assert session is not None and session.round == 2 and session.question == MINUTES


def test_ask_before_joining_opens_the_session(store: SqliteStore) -> None:
    """Does asking a question before "Let the room join" open the session with it?"""
    panel = _panel(store, room_url="http://10.0.0.5")
    session = panel.ask(IDEA)
    assert session.round == 1 and session.question == IDEA


def test_closing_stops_answers(store: SqliteStore) -> None:
    """Does close() close the session in the store, so a phone's answer is refused?"""
    panel = _panel(store, room_url="http://10.0.0.5")
    panel.open()
    panel.close()
    with pytest.raises(ValueError, match="This room has closed"):
        store.add_room_entry(panel.code, "phone-1", "12")  # type: ignore[arg-type]


def test_on_the_event_loop_answers_arrive_by_themselves(store: SqliteStore) -> None:
    """In a running asyncio loop (as in a kernel), does the panel poll by itself and call back
    within a few polls of an answer being kept?"""

    path = store.path

    async def scenario() -> list[str]:
        own = open_store(path)  # SQLite connections stay in the thread that made them
        panel = _panel(own, room_url="http://10.0.0.5", poll_seconds=0.05)
        arrived = asyncio.Event()
        texts: list[str] = []

        def got(batch: list[RoomEntry]) -> None:
            texts.extend(e.text for e in batch)
            arrived.set()

        panel.on_entries(got)
        panel.open()
        own.add_room_entry(panel.code, "phone-1", "7")  # type: ignore[arg-type]
        await asyncio.wait_for(arrived.wait(), timeout=10)
        panel.stop()
        own.close()
        return texts

    # A thread of its own: Playwright's sync API (other tests in the run) may have an event
    # loop running in the main thread, where asyncio.run() refuses to start another.
    result: list[list[str]] = []
    runner = threading.Thread(target=lambda: result.append(asyncio.run(scenario())))
    runner.start()
    runner.join()
    assert result == [["7"]]


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, None),
        ({"SERVER_NAME": "10.0.0.5", "SERVER_PORT": "8866", "VOILA_BASE_URL": "/"},
         "http://10.0.0.5:8866"),
        ({"SERVER_NAME": "qi.trust.nhs.uk", "SERVER_PORT": "443",
          "VOILA_REQUEST_URL": "https://qi.trust.nhs.uk/voila/render/x.ipynb",
          "VOILA_BASE_URL": "/qi/"}, "https://qi.trust.nhs.uk/qi"),
    ],
)  # fmt: skip
def test_the_address_comes_from_voilas_environment(
    environ: dict[str, str], expected: str | None
) -> None:
    """Is the server's address built from the variables Voilà gives the kernel?"""
    assert default_room_url(environ) == expected


def test_local_addresses_are_recognised() -> None:
    """Are 127.0.0.1 and localhost local, and a network address not?"""
    assert is_local_url("http://127.0.0.1:8866") and is_local_url("http://localhost")
    assert not is_local_url("http://10.0.0.5:8866")
