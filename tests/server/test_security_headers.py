"""Security extras of ``qikit serve`` over real HTTP: headers on every page, the tries limits.

The servers are ``python -m qikit serve`` over the small fake cohort of ``test_serve.py``. The
tests send ``X-Forwarded-For`` from 127.0.0.1: a server started without ``--trusted-proxy``
must ignore it, one started with ``--trusted-proxy 127.0.0.1`` must count each forwarded
address on its own.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_serve import ALPHA, BETA, Client, Reply, Server, _start, _stop, make_cohort

from qikit.core.room import AnswerKind, RoomQuestion
from qikit.store import open_store

WRONG = "AAAA-BBBB-CCCC"
TOO_MANY = "Too many wrong codes. Wait a minute and try again."
HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def _room_cohort(cohort: Path) -> dict[str, str]:
    codes = make_cohort(cohort)
    with open_store(cohort / "qikit.db") as store:
        question = RoomQuestion(AnswerKind.NUMBER, "How many minutes?", low=0, high=600)
        store.open_room("AAAAA", "Timing the task", question, author="Trainer")
    return codes


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with no trusted proxy (the default)."""
    base = tmp_path_factory.mktemp("headers")
    cohort = base / "cohort"
    running = _start(cohort, _room_cohort(cohort), base / "server.log")
    yield running
    _stop(running.process)


@pytest.fixture
def fresh_server(tmp_path: Path) -> Iterator[Server]:
    """A server of its own with no trusted proxy (its limits are used up by the test)."""
    cohort = tmp_path / "cohort"
    running = _start(cohort, _room_cohort(cohort), tmp_path / "server.log")
    yield running
    _stop(running.process)


@pytest.fixture
def proxied_server(tmp_path: Path) -> Iterator[Server]:
    """A server that trusts 127.0.0.1 as its reverse proxy."""
    cohort = tmp_path / "cohort"
    extra = ("--trusted-proxy", "127.0.0.1")
    running = _start(cohort, _room_cohort(cohort), tmp_path / "server.log", extra)
    yield running
    _stop(running.process)


def _csp(reply: Reply) -> dict[str, str]:
    policy = reply.headers["Content-Security-Policy"]
    return {
        part.strip().split(" ", 1)[0]: part.strip().partition(" ")[2]
        for part in policy.split(";")
        if part.strip()
    }


def _assert_secure(reply: Reply, what: str) -> dict[str, str]:
    for name, value in HEADERS.items():
        assert reply.headers.get(name) == value, (what, name, reply.headers)
    csp = _csp(reply)
    assert csp["frame-ancestors"] == "'none'", what
    assert "unsafe-eval" not in reply.headers["Content-Security-Policy"], what
    assert "default-src" in csp, what
    return csp


def _ours(reply: Reply, what: str) -> None:
    csp = _assert_secure(reply, what)
    assert "unsafe-inline" not in reply.headers["Content-Security-Policy"], what
    assert csp["default-src"] == "'none'", what


def test_our_pages_carry_a_strict_policy(server: Server) -> None:
    """Do the list of teams, the code page, hubs, the room's pages and error pages all carry
    the security headers and a CSP with no inline code but their own?"""
    client = Client(server)
    pages = {
        "/": 200,
        "/qikit/login?" + urllib.parse.urlencode({"next": ALPHA}): 200,
        "/room": 200,
        "/room/AAAAA": 200,
        "/room/ZZZZZ": 404,
        "/qikit/logout": 200,
        "/no/such/page": 404,
    }
    for path, status in pages.items():
        reply = client.request(path)
        assert reply.status == status, path
        _ours(reply, path)
    wrong = client.login(ALPHA, WRONG)
    assert wrong.status == 403
    _ours(wrong, "wrong code")
    assert client.login(ALPHA, server.codes["team:alpha"]).status == 302
    _ours(client.request("/qikit/teams/alpha"), "team hub")


def test_voila_pages_files_and_refusals_carry_the_headers(server: Server) -> None:
    """Do a team page, Voilà's static scripts, its API and its refusals carry them too?"""
    client = Client(server)
    refused = client.request(ALPHA, follow=False)
    assert refused.status == 302
    _assert_secure(refused, "team page without the code")
    api = client.request("/api/kernels/00000000-0000-4000-8000-000000000000")
    assert api.status == 403
    _assert_secure(api, "kernel API without the code")

    assert client.login(ALPHA, server.codes["team:alpha"]).status == 302
    page = client.request(ALPHA)
    assert page.status == 200 and "Hello from team alpha page" in page.body
    csp = _assert_secure(page, "team page")
    assert csp["connect-src"] == "'self'"
    assert "http:" not in page.headers["Content-Security-Policy"]

    scripts = re.findall(r'<script[^>]+src="([^"]+)"', page.body)
    static = [src for src in scripts if src.startswith("/voila/static/")]
    assert static, scripts
    for src in static[:3]:
        reply = client.request(src)
        assert reply.status == 200, src
        _assert_secure(reply, src)
    assert Client(server).request(static[0]).status == 200  # public, and still with headers


def _wrong_codes(client: Client, count: int, next_path: str, forwarded: list[str]) -> None:
    for n in range(count):
        reply = client.login(next_path, WRONG, {"X-Forwarded-For": forwarded[n % len(forwarded)]})
        assert reply.status == 403, (n, reply.body[:500])


def test_forwarded_for_is_ignored_without_a_trusted_proxy(fresh_server: Server) -> None:
    """Without --trusted-proxy, do ten wrong codes sent with ten different X-Forwarded-For
    addresses still count as one address, so that address is told to wait?"""
    client = Client(fresh_server)
    forged = [f"198.51.100.{n}" for n in range(10)]
    _wrong_codes(client, 10, ALPHA, forged)
    for code, headers in (
        (fresh_server.codes["team:alpha"], {"X-Forwarded-For": "203.0.113.50"}),
        (fresh_server.codes["team:beta"], {}),  # another team: the address is what counts
    ):
        reply = client.login(BETA if "beta" in str(headers) else ALPHA, code, headers)
        assert reply.status == 429
        assert TOO_MANY in reply.body
        assert "Traceback" not in reply.body


def test_behind_a_trusted_proxy_each_forwarded_address_has_its_own_limit(
    proxied_server: Server,
) -> None:
    """With --trusted-proxy 127.0.0.1, is only the address that typed ten wrong codes told
    to wait, while a colleague behind the same proxy still gets in?"""
    first = Client(proxied_server)
    _wrong_codes(first, 10, BETA, ["192.0.2.10"])
    blocked = first.login(
        BETA, proxied_server.codes["team:beta"], {"X-Forwarded-For": "192.0.2.10"}
    )
    assert blocked.status == 429 and TOO_MANY in blocked.body
    colleague = Client(proxied_server)
    opened = colleague.login(
        BETA, proxied_server.codes["team:beta"], {"X-Forwarded-For": "192.0.2.11"}
    )
    assert opened.status == 302


def test_a_spread_of_addresses_cannot_keep_guessing_one_team_code(proxied_server: Server) -> None:
    """Do thirty wrong codes for one team from thirty addresses (one each) make that team's
    code page wait a minute for everyone, even with the right code, while other teams open?"""
    guesser = Client(proxied_server)
    _wrong_codes(guesser, 30, ALPHA, [f"198.51.100.{n}" for n in range(30)])
    team = Client(proxied_server)
    right = team.login(ALPHA, proxied_server.codes["team:alpha"], {"X-Forwarded-For": "192.0.2.99"})
    assert right.status == 429
    assert TOO_MANY in right.body
    assert "Hello from team" not in right.body
    other = team.login(BETA, proxied_server.codes["team:beta"], {"X-Forwarded-For": "192.0.2.99"})
    assert other.status == 302


def _room_code(client: Client, code: str, forwarded: str | None) -> Reply:
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return client.request("/room?code=" + code, headers=headers, follow=False)


def test_room_pages_use_the_same_address_rule(fresh_server: Server, tmp_path: Path) -> None:
    """Without a trusted proxy, do wrong room codes with forged X-Forwarded-For still count
    as one address?"""
    phone = Client(fresh_server)
    for n in range(10):
        assert _room_code(phone, "QQQQQ", f"198.51.100.{n}").status == 404
    reply = _room_code(phone, "AAAAA", "203.0.113.7")
    assert reply.status == 429


def test_room_pages_behind_a_trusted_proxy_count_each_phone(proxied_server: Server) -> None:
    """Behind the trusted proxy, is only the phone that typed ten wrong room codes refused?"""
    phone = Client(proxied_server)
    for _ in range(10):
        assert _room_code(phone, "QQQQQ", "192.0.2.20").status == 404
    assert _room_code(phone, "AAAAA", "192.0.2.20").status == 429
    other: Any = _room_code(Client(proxied_server), "AAAAA", "192.0.2.21")
    assert other.status == 302
