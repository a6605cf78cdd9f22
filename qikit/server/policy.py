"""Who may open which address: the access rules of ``qikit serve``, with no web framework.

Every request path maps to one of: the public (the landing page, the code page, Voilà's own
scripts and styles), an area (``team:<slug>``, ``mentors``, ``trainers``, ``survey`` — which
any code opens), or the kernel's area for kernel routes. Anything not listed here belongs to
the trainers, so a route added by a future Voilà is closed until someone opens it on purpose.
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import re
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from urllib.parse import unquote

from qikit.cohort.access import (
    MENTORS,
    SURVEY,
    TEAM_PREFIX,
    TRAINERS,
    area_for_notebook_path,
    team_area,
)
from qikit.errors import DataError

PUBLIC = "public"
"""The requirement of addresses anyone may open."""

NOBODY = "nobody"
"""The requirement of addresses nobody may open (a kernel that is not known)."""

LOGIN_PATH = "/qikit/login"
LOGOUT_PATH = "/qikit/logout"

_PUBLIC_EXACT = frozenset({"/", LOGIN_PATH, LOGOUT_PATH, "/favicon.ico"})
_PUBLIC_PREFIXES = (
    "/voila/static/",
    "/voila/templates/",
    "/voila/labextensions/",
    "/voila/api/themes/",
)
_KERNEL_ROUTE = re.compile(
    r"^/(?:api/kernels|voila/api/shutdown|voila/query|voila/execution)/(?P<kernel>[^/]+)"
)
_NOTEBOOK_ROUTE = re.compile(r"^/voila/(?:render|files)/(?P<path>.*)$")
_TEAM_HUB = re.compile(r"^/qikit/teams/(?P<slug>[^/]+)/?$")
#: The room's phone pages (``/room``, ``/room/<CODE>``): anyone in the training room may open them.
_ROOM_ROUTE = re.compile(r"^/room(?:/[A-Za-z0-9-]{1,12})?/?$")
_PAGE_ROUTES = re.compile(r"^/(?:voila/render/|voila/tree|qikit/(?:teams/|mentors|trainers))")


def required_area(path: str, kernel_area: Callable[[str], str | None]) -> str:
    """Return what opening ``path`` needs: ``PUBLIC``, ``NOBODY`` or an area name.

    Parameters
    ----------
    path
        The request path as sent (percent-encoded), without the query.
    kernel_area
        Returns the area of the notebook a kernel was started for, or None if the kernel is
        not known.
    """
    path = unquote(path)
    if path in _PUBLIC_EXACT or path.startswith(_PUBLIC_PREFIXES):
        return PUBLIC
    if _ROOM_ROUTE.match(path) is not None:
        return PUBLIC
    if (match := _KERNEL_ROUTE.match(path)) is not None:
        return kernel_area(match["kernel"]) or NOBODY
    if (match := _NOTEBOOK_ROUTE.match(path)) is not None:
        return area_for_notebook_path(match["path"])
    if (match := _TEAM_HUB.match(path)) is not None:
        try:
            return team_area(match["slug"])
        except ValueError:
            return NOBODY
    if path.rstrip("/") == "/qikit/mentors":
        return MENTORS
    return TRAINERS


def is_page(path: str) -> bool:
    """Return True for addresses a person opens (send them to the code page, not an error)."""
    return _PAGE_ROUTES.match(unquote(path)) is not None


def safe_next(target: str | None) -> str:
    """Return ``target`` if it is an address on this server, else ``/``."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    if any(ord(ch) < 32 for ch in target):
        return "/"
    return target


def describe_area(area: str) -> str:
    """Return the kind of area, for wording: ``team``, ``mentors``, ``trainers`` or ``survey``."""
    if area.startswith(TEAM_PREFIX):
        return "team"
    if area == SURVEY:
        return SURVEY
    return MENTORS if area == MENTORS else TRAINERS


class TriesLimiter:
    """Counts wrong codes per client and says when to stop listening for a while.

    At most ``limit`` wrong tries in any ``window`` seconds; then every try from that client is
    refused until the oldest wrong try is ``window`` seconds old.
    """

    def __init__(
        self,
        limit: int = 10,
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._tries: dict[str, deque[float]] = {}

    def _recent(self, client: str) -> deque[float]:
        now = self._clock()
        tries = self._tries.get(client)
        if tries is None:
            return deque()
        while tries and now - tries[0] >= self.window:
            tries.popleft()
        if not tries:
            del self._tries[client]
        return tries

    def blocked(self, client: str) -> bool:
        """Return True if ``client`` has used up its wrong tries for now."""
        return len(self._recent(client)) >= self.limit

    def record_failure(self, client: str) -> None:
        """Note one wrong try by ``client``."""
        self._recent(client)
        self._tries.setdefault(client, deque()).append(self._clock())
        if len(self._tries) > 10_000:  # a flood of addresses must not grow memory forever
            for key in list(self._tries)[:5_000]:
                self._recent(key)


#: Wrong codes one address may type in a minute, whichever area it tries.
WRONG_CODES_PER_CLIENT = 10
#: Wrong codes typed for one area (one team's code) in a minute, from every address together:
#: a spread of addresses cannot try one team's code faster than this. A team of a dozen people
#: mistyping on their phones stays well inside it.
WRONG_CODES_PER_AREA = 30


class LoginLimiter:
    """Counts wrong codes per client address and per area, and says when to stop listening.

    A try is refused while the address has used up its wrong tries, or while the area has had
    too many wrong tries from everyone together (then even the right code waits, or the limit
    would tell a guesser when they had found it).
    """

    def __init__(
        self,
        per_client: int = WRONG_CODES_PER_CLIENT,
        per_area: int = WRONG_CODES_PER_AREA,
        window: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.clients = TriesLimiter(limit=per_client, window=window, clock=clock)
        self.areas = TriesLimiter(limit=per_area, window=window, clock=clock)

    def blocked(self, client: str, area: str) -> bool:
        """Return True if ``client`` may not try a code for ``area`` now."""
        return self.clients.blocked(client) or self.areas.blocked(area)

    def record_failure(self, client: str, area: str) -> None:
        """Note one wrong code typed by ``client`` for ``area``."""
        self.clients.record_failure(client)
        self.areas.record_failure(area)


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_trusted_proxies(values: Iterable[str]) -> tuple[Network, ...]:
    """Return the proxies whose ``X-Forwarded-For`` is believed (addresses or networks).

    Raises
    ------
    DataError
        A value is not an IP address (``10.0.0.5``) or a network (``10.0.0.0/24``).
    """
    found: list[Network] = []
    for value in values:
        text = value.strip()
        try:
            found.append(ipaddress.ip_network(text, strict=False))
        except ValueError:
            raise DataError(
                "--trusted-proxy",
                "the IP address of the reverse proxy in front of qikit serve (like 10.0.0.5), "
                "or a network (like 10.0.0.0/24)",
                value,
            ) from None
    return tuple(found)


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        found = ipaddress.ip_address(text.strip().strip("[]"))
    except ValueError:
        return None
    if isinstance(found, ipaddress.IPv6Address) and found.ipv4_mapped is not None:
        return found.ipv4_mapped
    return found


def _is_trusted(address: str, trusted: Sequence[Network]) -> bool:
    found = _address(address)
    return found is not None and any(found in network for network in trusted)


def client_address(
    peer: str | None, forwarded_for: Sequence[str], trusted: Sequence[Network]
) -> str:
    """Return the address a request counts as coming from, for the tries limits.

    The socket's peer, unless the peer is one of the ``trusted`` proxies: then the last
    address in ``X-Forwarded-For`` (every header of that name, in order) that is not itself
    a trusted proxy, as the proxies each append the address they saw. Anyone else's
    ``X-Forwarded-For`` is ignored: a client could write any address there.
    """
    client = peer or "unknown"
    if not _is_trusted(client, trusted):
        return client
    hops = [hop.strip() for header in forwarded_for for hop in header.split(",")]
    for hop in reversed(hops):
        if _address(hop) is None:
            break  # a value the proxy did not write: count the request as the proxy's own
        client = str(_address(hop))
        if not _is_trusted(client, trusted):
            break
    return client


# --- security headers ----------------------------------------------------------------------------


def csp_hash(text: str) -> str:
    """Return the CSP source (``'sha256-…'``) that allows one inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def pages_csp(styles: Iterable[str], scripts: Iterable[str]) -> str:
    """Return the Content-Security-Policy of qikit's own pages: only their own inline code.

    ``styles`` and ``scripts`` are the exact texts of the inline ``<style>`` and ``<script>``
    blocks the pages carry; nothing else runs, loads or frames the page.
    """
    style_src = " ".join(dict.fromkeys(csp_hash(text) for text in styles)) or "'none'"
    script_src = " ".join(dict.fromkeys(csp_hash(text) for text in scripts)) or "'none'"
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {script_src}",
            f"style-src {style_src}",
            "img-src 'self' data:",
            "connect-src 'self'",
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ]
    )


#: The Content-Security-Policy of Voilà's pages and files. Voilà 0.5's page carries inline
#: scripts (its configuration and start-up) and widgets set inline styles, so both stay
#: allowed inline; anywidget's views (qikit's widgets) are ES modules it imports from ``blob:``
#: addresses it makes in the page. Nothing needs ``eval`` (tried in Chromium:
#: ``tests/browser/test_content_security_policy.py``). Scripts, styles, fonts and connections
#: come from this server only (the kernel's websocket is ``'self'``); nothing frames the page.
VOILA_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline' blob:",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "form-action 'self'",
        "base-uri 'self'",
        "frame-ancestors 'none'",
    ]
)


def security_headers(csp: str) -> dict[str, str]:
    """Return the headers every response of ``qikit serve`` carries, with its ``csp``."""
    return {
        "Content-Security-Policy": csp,
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "same-origin",
    }
