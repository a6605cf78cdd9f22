"""The tries limits and the client-address rule of ``qikit serve``, without a server."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from qikit.core.room import AnswerKind, RoomQuestion
from qikit.errors import DataError
from qikit.server import login_pages
from qikit.server.app import PAGES_CSP
from qikit.server.policy import (
    VOILA_CSP,
    LoginLimiter,
    client_address,
    csp_hash,
    parse_trusted_proxies,
)
from qikit.server.room import room_answer_page, room_join_page
from qikit.store import RoomSession

PROXY = parse_trusted_proxies(["10.0.0.5"])
PROXIES = parse_trusted_proxies(["10.0.0.0/24"])


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("peer", "forwarded", "trusted", "expected"),
    [
        # By default the header is ignored: anyone can write any address there.
        ("192.0.2.7", ["203.0.113.9"], (), "192.0.2.7"),
        ("192.0.2.7", ["203.0.113.9"], PROXY, "192.0.2.7"),
        # From the trusted proxy: the address it saw (the last one it appended).
        ("10.0.0.5", ["203.0.113.9"], PROXY, "203.0.113.9"),
        ("10.0.0.5", ["1.1.1.1, 203.0.113.9"], PROXY, "203.0.113.9"),
        ("10.0.0.5", ["1.1.1.1", "203.0.113.9"], PROXY, "203.0.113.9"),
        # A chain of trusted proxies is walked back to the first address that is not one.
        ("10.0.0.5", ["203.0.113.9, 10.0.0.7"], PROXIES, "203.0.113.9"),
        # No header, or a value no proxy wrote: counted as the proxy itself.
        ("10.0.0.5", [], PROXY, "10.0.0.5"),
        ("10.0.0.5", ["not-an-address"], PROXY, "10.0.0.5"),
        ("10.0.0.5", ["203.0.113.9, <script>"], PROXY, "10.0.0.5"),
        # IPv6, and an IPv4 peer written as IPv6.
        ("::ffff:10.0.0.5", ["2001:db8::1"], PROXY, "2001:db8::1"),
        (None, [], (), "unknown"),
    ],
)  # fmt: skip
def test_client_address_believes_forwarded_for_only_from_a_trusted_proxy(
    peer: str | None, forwarded: list[str], trusted: tuple, expected: str
) -> None:
    """Is X-Forwarded-For used only when the socket's peer is a trusted proxy?"""
    assert client_address(peer, forwarded, trusted) == expected


@pytest.mark.parametrize("bad", ["proxy.example", "10.0.0.300", "", "10.0.0.0/33"])
def test_a_trusted_proxy_that_is_not_an_address_is_refused_plainly(bad: str) -> None:
    """Is a --trusted-proxy that is not an IP address refused, saying what to type?"""
    with pytest.raises(DataError, match=r"--trusted-proxy.*like 10\.0\.0\.5"):
        parse_trusted_proxies([bad])


def test_login_limit_per_address_leaves_other_addresses_free() -> None:
    """After ten wrong codes from one address, is that address refused and another not?"""
    clock = Clock()
    limiter = LoginLimiter(per_client=10, per_area=30, clock=clock)
    for _ in range(9):
        limiter.record_failure("192.0.2.1", "team:alpha")
    assert not limiter.blocked("192.0.2.1", "team:alpha")
    limiter.record_failure("192.0.2.1", "team:alpha")
    assert limiter.blocked("192.0.2.1", "team:alpha")
    assert limiter.blocked("192.0.2.1", "team:beta")  # the address, whatever it tries
    assert not limiter.blocked("192.0.2.2", "team:alpha")
    clock.now += 60
    assert not limiter.blocked("192.0.2.1", "team:alpha")


def test_login_limit_per_area_stops_a_spread_of_addresses() -> None:
    """Do wrong codes for one team from many addresses (one each) close that team's code
    page for a minute, for every address, while other teams stay open?"""
    clock = Clock()
    limiter = LoginLimiter(per_client=10, per_area=30, clock=clock)
    for n in range(29):
        limiter.record_failure(f"198.51.100.{n}", "team:alpha")
    assert not limiter.blocked("203.0.113.1", "team:alpha")
    limiter.record_failure("198.51.100.200", "team:alpha")
    assert limiter.blocked("203.0.113.1", "team:alpha")
    assert not limiter.blocked("203.0.113.1", "team:beta")
    clock.now += 59.9
    assert limiter.blocked("203.0.113.1", "team:alpha")
    clock.now += 0.1
    assert not limiter.blocked("203.0.113.1", "team:alpha")


class _InlineBlocks(HTMLParser):
    """Collects the text of every inline <script> and <style>, and every script's src."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self.sources: list[str] = []
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._open = tag
            (self.scripts if tag == "script" else self.styles).append("")
            self.sources += [value or "" for name, value in attrs if name == "src"]

    def handle_endtag(self, tag: str) -> None:
        self._open = None if tag == self._open else self._open

    def handle_data(self, data: str) -> None:
        if self._open == "script":
            self.scripts[-1] += data
        elif self._open == "style":
            self.styles[-1] += data


def _session() -> RoomSession:
    question = RoomQuestion(AnswerKind.IDEA, "What makes the <b>porter</b> late?")
    return RoomSession(
        code="K7W2Q",
        title="Fishbone <script>",
        question=question,
        round=1,
        opened_at="2027-01-01T10:00:00",
        closed_at=None,
    )


@pytest.mark.parametrize(
    "html",
    [
        login_pages.landing_page("Cohort <2027>", [("/x", "Team & <b>co</b>")]),
        login_pages.login_page(heading="Team", kind="team", next_url="/", xsrf_html=""),
        login_pages.message_page("Sorry", "Too many wrong codes."),
        login_pages.hub_page("Team", "Pages", [("Pages", [("/a", "A")])]),
        room_join_page("No room <script>"),
        room_answer_page(_session(), xsrf_html="", message="Thanks"),
    ],
    ids=["landing", "login", "message", "hub", "room-join", "room-answer"],
)
def test_every_inline_script_and_style_of_our_pages_is_allowed_by_the_strict_csp(
    html: str,
) -> None:
    """Does the pages' CSP allow exactly their inline blocks (by hash), and nothing inline
    or external besides?"""
    found = _InlineBlocks()
    found.feed(html)
    assert found.styles, "each page has its style"
    for block in found.styles:
        assert csp_hash(block) in PAGES_CSP.split("style-src", 1)[1].split(";", 1)[0]
    for block in found.scripts:
        assert csp_hash(block) in PAGES_CSP.split("script-src", 1)[1].split(";", 1)[0]
    assert found.sources == []
    assert csp_hash("alert(1)") not in PAGES_CSP


def test_no_policy_allows_eval_or_framing() -> None:
    """Is eval refused everywhere, inline code refused on our pages, and framing refused?"""
    for policy in (PAGES_CSP, VOILA_CSP):
        assert "unsafe-eval" not in policy
        assert "frame-ancestors 'none'" in policy
        assert re.search(r"(^|; )default-src ", policy)
    assert "unsafe-inline" not in PAGES_CSP
