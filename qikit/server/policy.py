"""Who may open which address: the access rules of ``qikit serve``, with no web framework.

Every request path maps to one of: the public (the landing page, the code page, Voilà's own
scripts and styles), an area (``team:<slug>``, ``mentors``, ``trainers``, ``survey`` — which
any code opens), or the kernel's area for kernel routes. Anything not listed here belongs to
the trainers, so a route added by a future Voilà is closed until someone opens it on purpose.
"""

from __future__ import annotations

import re
import time
from collections import deque
from collections.abc import Callable
from urllib.parse import unquote

from qikit.cohort.access import (
    MENTORS,
    SURVEY,
    TEAM_PREFIX,
    TRAINERS,
    area_for_notebook_path,
    team_area,
)

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
