"""The room's phone pages over real HTTP: a served cohort, phones as cookie-keeping clients.

The server is ``python -m qikit serve`` over the small fake cohort of ``test_serve.py``; the
trainer's side is played by opening sessions in the cohort's store directly, as the
trainer's RoomPanel does from its kernel.
"""

from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_serve import Client, Reply, Server, _start, _stop, make_cohort

from qikit.core.room import AnswerKind, RoomQuestion
from qikit.store import open_store

MINUTES = RoomQuestion(AnswerKind.NUMBER, "How many minutes did it take?", unit="minutes",
                       low=0, high=600)  # fmt: skip
IDEA = RoomQuestion(AnswerKind.IDEA, "What makes the <b>porter</b> late?", one_each=False)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    base = tmp_path_factory.mktemp("room")
    cohort = base / "cohort"
    codes = make_cohort(cohort)
    with open_store(cohort / "qikit.db") as store:
        store.open_room("AAAAA", "Timing the task", MINUTES, author="Trainer")
        store.open_room("BBBBB", "Fishbone <script>", IDEA, author="Trainer")
        store.open_room("CCCCC", "Closed one", MINUTES, author="Trainer")
        store.close_room("CCCCC")
    running = _start(cohort, codes, base / "server.log")
    yield running
    _stop(running.process)


def _store_path(server: Server) -> Path:
    return server.cohort / "qikit.db"


def _xsrf(reply: Reply) -> str:
    found = re.search(r'name="_xsrf" value="([^"]+)"', reply.body)
    assert found, reply.body
    return found[1]


def _send(phone: Client, code: str, answer: str, *, follow: bool = True) -> Reply:
    page = phone.request(f"/room/{code}")
    assert page.status == 200, page.body
    return phone.request(f"/room/{code}", {"_xsrf": _xsrf(page), "answer": answer}, follow=follow)


def _send_json(phone: Client, code: str, answer: str) -> tuple[int, dict[str, object]]:
    page = phone.request(f"/room/{code}")
    body = urllib.parse.urlencode({"_xsrf": _xsrf(page), "answer": answer}).encode()
    request = urllib.request.Request(
        phone.base + f"/room/{code}", data=body, headers={"Accept": "application/json"}
    )
    try:
        response = phone.follow.open(request, timeout=30)
    except urllib.error.HTTPError as error:
        response = error
    with response:
        return response.status, json.loads(response.read())


def _numbers(server: Server, code: str) -> list[float | None]:
    with open_store(_store_path(server), read_only=True) as store:
        return [entry.number for entry in store.room_entries(code)]


def test_the_join_page_needs_no_code_and_finds_the_room(server: Server) -> None:
    """Does /room open without an access code, and does typing the code (small letters and a
    space) go to the room's page, while a wrong code gets a plain message?"""
    phone = Client(server)
    page = phone.request("/room")
    assert page.status == 200 and "Type the room code from the screen" in page.body
    assert 'name="viewport" content="width=device-width' in page.body
    found = phone.request("/room?code=aaa%20aa")
    assert found.status == 200 and found.url.endswith("/room/AAAAA")
    assert "How many minutes did it take?" in found.body and "Send" in found.body
    missing = phone.request("/room?code=ZZZZZ")
    assert missing.status == 404 and "There is no room with that code" in missing.body
    closed = phone.request("/room/CCCCC")
    assert closed.status == 404 and "This room has closed" in closed.body


def test_a_phone_sends_a_number_and_a_reload_keeps_it_without_a_second(server: Server) -> None:
    """Is a sent number kept once: the reply thanks the phone, a reload of the thank-you page
    sends nothing again, and the same phone (same cookie) cannot send a second answer?"""
    phone = Client(server)
    before = len(_numbers(server, "AAAAA"))
    sent = _send(phone, "AAAAA", "12", follow=False)
    assert sent.status == 303 and "/room/AAAAA?sent=1" in sent.headers["Location"]
    thanks = phone.request("/room/AAAAA?sent=1")
    assert "Thank you. Your answer is on the trainer" in thanks.body
    again = phone.request("/room/AAAAA?sent=1")  # a reload: a GET, nothing sent
    assert again.status == 200
    assert _numbers(server, "AAAAA")[before:] == [12.0]
    later = phone.request("/room/AAAAA")  # the phone is recognised by its cookie
    assert "You have already sent an answer" in later.body
    second = _send(phone, "AAAAA", "13")
    assert second.status == 409 and "You have already sent an answer" in second.body
    assert _numbers(server, "AAAAA")[before:] == [12.0]


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ("twelve", "Type a number, like 12 or 4.5."),
        ("6000", "That is more than 600 minutes — check it and send it again."),
        ("-3", "That is less than 0 minutes — check it and send it again."),
    ],
)
def test_wrong_numbers_get_a_plain_message_and_keep_the_typing(
    server: Server, answer: str, message: str
) -> None:
    """Is text in a number box, or an absurd value, answered with a plain message (form and
    fetch alike), the typed text left in the box, and nothing kept?"""
    before = _numbers(server, "AAAAA")
    reply = _send(Client(server), "AAAAA", answer)
    assert reply.status == 409
    assert message.replace("—", "&mdash;") in reply.body or message in reply.body
    assert f'value="{answer}"' in reply.body
    status, answered = _send_json(Client(server), "AAAAA", answer)
    assert status == 409 and answered == {"ok": False, "message": message}
    assert _numbers(server, "AAAAA") == before


def test_ideas_are_escaped_and_the_same_idea_is_refused(server: Server) -> None:
    """Is the question's markup shown as text, the same idea (other capitals) refused for a
    second phone, and a different idea from the same phone kept?"""
    phone, other = Client(server), Client(server)
    page = phone.request("/room/BBBBB")
    assert "&lt;b&gt;porter&lt;/b&gt;" in page.body and "<b>porter" not in page.body
    assert "Fishbone &lt;script&gt;" in page.body
    assert _send_json(phone, "BBBBB", "Lifts <i>out</i> of order") == (
        200,
        {"ok": True, "message": "Thank you. Your answer is on the trainer's screen."},
    )
    assert _send_json(other, "BBBBB", "lifts <I>OUT</I>  of order")[1]["message"] == (
        "That idea is already on the screen. Try a different one."
    )
    assert _send_json(phone, "BBBBB", "No bleep")[0] == 200
    with open_store(_store_path(server), read_only=True) as store:
        assert [e.text for e in store.room_entries("BBBBB")] == [
            "Lifts <i>out</i> of order",
            "No bleep",
        ]


def test_two_sessions_never_mix(server: Server) -> None:
    """Does an answer sent to one room's address reach only that room?"""
    before_a, before_b = len(_numbers(server, "AAAAA")), len(_numbers(server, "BBBBB"))
    assert _send_json(Client(server), "AAAAA", "42")[0] == 200
    assert _send_json(Client(server), "BBBBB", "Trolley broken")[0] == 200
    assert _numbers(server, "AAAAA")[before_a:] == [42.0]
    with open_store(_store_path(server), read_only=True) as store:
        assert [e.text for e in store.room_entries("BBBBB")][before_b:] == ["Trolley broken"]


def test_an_open_page_can_ask_for_a_new_question(server: Server) -> None:
    """Does ?state=1 tell an open phone page the round and whether the room has closed?"""
    phone = Client(server)
    assert json.loads(phone.request("/room/CCCCC?state=1").body) == {"round": 1, "closed": True}
    assert json.loads(phone.request("/room/ZZZZZ?state=1").body) == {"round": 0, "closed": True}
    with open_store(_store_path(server)) as store:
        before = store.room("BBBBB").round  # type: ignore[union-attr]
        store.ask_room("BBBBB", IDEA, author="Trainer")
    state = json.loads(phone.request("/room/BBBBB?state=1").body)
    assert state == {"round": before + 1, "closed": False}
    assert f'data-round="{before + 1}"' in phone.request("/room/BBBBB").body


def test_a_post_without_the_xsrf_token_is_refused(server: Server) -> None:
    """Is an answer posted without the page's XSRF token refused and not kept?"""
    before = _numbers(server, "AAAAA")
    phone = Client(server)
    phone.request("/room/AAAAA")
    reply = phone.request("/room/AAAAA", {"answer": "5"})
    assert reply.status == 403
    assert _numbers(server, "AAAAA") == before


def test_wrong_room_codes_are_limited_per_address(own_server: Server) -> None:
    """After 10 wrong room codes in a minute, is the next try from that address refused,
    even with a right code?"""
    with open_store(own_server.cohort / "qikit.db") as store:
        store.open_room("AAAAA", "Timing", MINUTES, author="Trainer")
    phone = Client(own_server)
    for _ in range(10):
        assert phone.request("/room?code=ZZZZZ").status == 404
    blocked = phone.request("/room?code=AAAAA")
    assert blocked.status == 429 and "Too many tries, wait a minute." in blocked.body


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[Server]:
    cohort = tmp_path / "cohort"
    codes = make_cohort(cohort)
    running = _start(cohort, codes, tmp_path / "server.log")
    yield running
    _stop(running.process)


@pytest.mark.parametrize(
    ("path", "public"),
    [("/room", True), ("/room/", True), ("/room/K7W2Q", True), ("/roomy", False),
     ("/room/K7W2Q/../../voila/tree", False), ("/room/a/b", False)],
)  # fmt: skip
def test_only_the_room_pages_are_public(path: str, public: bool) -> None:
    """Are /room and /room/<CODE> open to anyone, and nothing else that starts with /room?"""
    from qikit.server.policy import PUBLIC, required_area

    assert (required_area(path, lambda kernel: None) == PUBLIC) is public
