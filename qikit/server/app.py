"""Voilà over a cohort folder, with access codes: the process started by ``qikit serve``.

Design. Voilà 0.5 runs its own tornado application on jupyter_server 2 classes. We subclass
its ``Voila`` app rather than put a proxy in front of it:

- :class:`QikitIdentityProvider` (jupyter_server 2's hook for "who is this?") reads our signed
  cookie and returns a user only when the cookie grants the area the requested address needs.
  Every Jupyter handler Voilà registers (the notebook page, the kernel API and websocket, the
  tree, the contents API) then redirects to the code page (pages) or answers 403 (the rest),
  because Voilà leaves ``allow_unauthenticated_access`` off.
- Every handler is also wrapped in :class:`_GateMixin`, which makes the same check in
  ``prepare()`` before anything else runs. This covers the handlers that are plain tornado ones
  (Voilà's file handler) and means no kernel starts for a visitor without the code.
- Kernels are tied to the notebook folder they were started for (:class:`QikitKernelManager`),
  so a team's cookie cannot reach another team's kernel even with its id.
- Our own pages (``/``, ``/qikit/login``, hubs) are added to the handler list, replacing
  Voilà's file tree at ``/``; the tree stays at ``/voila/tree`` for trainers.

A proxy would also have to relay websockets and double every request; this way costs one
cookie check per request and nothing else.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast
from urllib.parse import urlencode

import tornado.web
from jupyter_server.auth.identity import IdentityProvider, User
from jupyter_server.base.handlers import APIHandler
from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
from jupyter_server.utils import ApiPath, ensure_async
from traitlets import Bool, Integer, List, Unicode
from voila.app import Voila
from voila.shutdown_kernel_handler import VoilaShutdownKernelHandler

from qikit.cohort.access import (
    ACCESS_FILE,
    MENTORS,
    SURVEY,
    TEAM_PREFIX,
    TRAINERS,
    area_for_notebook_path,
    area_is_granted,
    load_access,
    read_cohort_listing,
    verify_entry,
    write_private_file,
)
from qikit.core.wording import access as access_words
from qikit.errors import DataError
from qikit.layout import SECRET_FILE, SURVEY_FOLDER, SURVEY_WORKBOOK, TEAMS_FOLDER
from qikit.server import login_pages as pages
from qikit.server import room
from qikit.server.policy import (
    LOGIN_PATH,
    LOGOUT_PATH,
    NOBODY,
    PUBLIC,
    VOILA_CSP,
    LoginLimiter,
    describe_area,
    is_page,
    pages_csp,
    parse_trusted_proxies,
    required_area,
    safe_next,
    security_headers,
)
from qikit.server.room import ROOM_ROUTES, request_client, room_settings

SESSION_MAX_AGE_DAYS = 0.5  # the server forgets a code after 12 hours even if the browser does not
COOKIE_PREFIX = "qikit-access-"
ASSETS_DIR = Path(__file__).resolve().parent / "assets"

# An idle kernel is one whose page sent nothing for this long. Kernels of open pages are kept
# (cull_connected False): stopping them would make the page stop saving without warning. Those
# of closed pages are stopped within CULL_IDLE_TIMEOUT + CULL_INTERVAL (under 2 minutes): each
# holds about 100 MB, and a room of 30 people moving around fills a machine with kernels of
# pages nobody has open any more. The team page is one page (one kernel) for every stage, so a
# person moving between stages keeps one connected kernel, never culled.
CULL_IDLE_TIMEOUT = 90
CULL_INTERVAL = 15

CELL_ERROR_INSTRUCTION = "Something went wrong on this page. Please tell your QI lead."


# --- grants: which areas this browser has opened --------------------------------------------


class _AccessBook:
    """The cohort's ``access.json``, read again only when the file changes."""

    def __init__(self, cohort_dir: Path) -> None:
        self.path = cohort_dir / ACCESS_FILE
        self._key: tuple[int, int] | None = None
        self._areas: dict[str, dict[str, Any]] = {}

    def areas(self) -> dict[str, dict[str, Any]]:
        try:
            status = self.path.stat()
            key = (status.st_mtime_ns, status.st_size)
        except FileNotFoundError:
            key = (0, 0)
        if key != self._key:
            try:
                self._areas = load_access(self.path.parent)
            except DataError:
                self._areas = {}
            self._key = key
        return self._areas

    def stamp(self, area: str) -> str | None:
        """Return a short value that changes whenever the area's code is re-issued."""
        entry = self.areas().get(area)
        return str(entry.get("salt", ""))[:16] if entry else None


def _cookie_name(handler: tornado.web.RequestHandler) -> str:
    # Browsers share cookies between ports of one host: keep two servers' sessions apart.
    port = handler.request.host.rsplit(":", 1)[-1] if ":" in handler.request.host else "80"
    return COOKIE_PREFIX + "".join(ch for ch in port if ch.isalnum())


def read_grants(handler: tornado.web.RequestHandler) -> dict[str, str]:
    """Return the areas this browser's cookie opens (with their stamps), still valid now."""
    raw = handler.get_secure_cookie(_cookie_name(handler), max_age_days=SESSION_MAX_AGE_DAYS)
    if not raw:
        return {}
    try:
        granted = json.loads(raw)
    except ValueError:
        return {}
    if not isinstance(granted, dict):
        return {}
    book: _AccessBook = handler.settings["qikit_access_book"]
    return {
        area: stamp
        for area, stamp in granted.items()
        if isinstance(stamp, str) and book.stamp(area) == stamp
    }


def write_grants(handler: tornado.web.RequestHandler, grants: dict[str, str]) -> None:
    """Set the signed session cookie (no expiry date: it ends when the browser closes)."""
    handler.set_secure_cookie(
        _cookie_name(handler),
        json.dumps(grants, sort_keys=True),
        expires_days=None,
        httponly=True,
        samesite="Strict",
        secure=handler.request.protocol == "https",
        path="/",
    )


def _kernel_area(handler: tornado.web.RequestHandler, kernel_id: str) -> str | None:
    manager = handler.settings.get("kernel_manager")
    finder = getattr(manager, "qikit_area_of", None)
    return finder(kernel_id) if finder is not None else None


def request_requirement(handler: tornado.web.RequestHandler) -> str:
    """Return what this request needs: ``PUBLIC``, ``NOBODY`` or an area name."""
    return required_area(handler.request.path, lambda kid: _kernel_area(handler, kid))


def request_allowed(handler: tornado.web.RequestHandler) -> bool:
    """Return True if the browser's cookie opens the address requested."""
    needed = request_requirement(handler)
    if needed == PUBLIC:
        return True
    if needed == NOBODY:
        return False
    return area_is_granted(needed, read_grants(handler))


# --- jupyter_server hooks ----------------------------------------------------------------------


@dataclass
class QikitUser(User):
    """A browser session, with the areas its codes opened."""

    areas: tuple[str, ...] = field(default_factory=tuple)


class QikitIdentityProvider(IdentityProvider):
    """Says who a request is from, and only if its cookie opens the address requested."""

    need_token = Bool(False)

    @property
    def auth_enabled(self) -> bool:
        return True

    @property
    def login_available(self) -> bool:
        return True

    def get_user(self, handler: tornado.web.RequestHandler) -> User | None:
        if not request_allowed(handler):
            return None
        areas = tuple(sorted(read_grants(handler)))
        name = "qikit-" + (areas[0].replace(":", "-") if areas else "visitor")
        return QikitUser(username=name, name=name, display_name=name, areas=areas)

    def get_handlers(self) -> list[tuple[str, object]]:
        return []  # our code page is registered with the other qikit pages


class QikitKernelManager(AsyncMappingKernelManager):
    """Remembers which cohort folder each kernel was started for, and culls idle kernels."""

    cull_idle_timeout = Integer(CULL_IDLE_TIMEOUT, config=True)
    cull_interval = Integer(CULL_INTERVAL, config=True)
    cull_connected = Bool(False, config=True)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._qikit_areas: dict[str, str] = {}

    async def start_kernel(  # type: ignore[override]
        self, *, kernel_id: str | None = None, path: ApiPath | None = None, **kwargs: Any
    ) -> str:
        started = await super().start_kernel(kernel_id=kernel_id, path=path, **kwargs)
        self._qikit_areas[started] = area_for_notebook_path(path or "")
        for old in [kid for kid in self._qikit_areas if kid not in self]:
            del self._qikit_areas[old]
        return started

    def qikit_area_of(self, kernel_id: str) -> str | None:
        """Return the area of the notebook a running kernel belongs to, or None."""
        if kernel_id not in self:
            return None
        return self._qikit_areas.get(kernel_id)


# --- closing a page: its kernel stops once it has dealt with the page's last words -------------

#: A closed page's kernel is stopped no sooner than this after the page said goodbye: the last
#: words typed (a box left as the page closed, see ``footer_js`` in the page template) are in
#: flight on the websocket and must reach the kernel, and be saved, before it stops.
SHUTDOWN_GRACE_SECONDS = 2.0
#: ... and only once it has been idle this long (it is still saving otherwise) ...
SHUTDOWN_QUIET_SECONDS = 1.0
#: ... but never later than this: a kernel that stays busy is stopped anyway.
SHUTDOWN_LONGEST_SECONDS = 30.0


async def shutdown_when_quiet(
    manager: Any,
    kernel_id: str,
    *,
    grace: float = SHUTDOWN_GRACE_SECONDS,
    quiet: float = SHUTDOWN_QUIET_SECONDS,
    longest: float = SHUTDOWN_LONGEST_SECONDS,
    step: float = 0.2,
) -> None:
    """Stop a closed page's kernel once it has handled what the page sent last.

    Voilà stops the kernel the moment the page closes, while the page's last message (the
    words of a box the person was still in) may still be on its way to the kernel: on a busy
    machine the words were lost. Waiting for a short grace period and then for the kernel to
    be idle (jupyter_server tracks its state from its status messages) lets it save them.
    """
    started = time.monotonic()
    await asyncio.sleep(grace)
    while kernel_id in manager and time.monotonic() - started < longest:
        kernel = manager.get_kernel(kernel_id)
        last = getattr(kernel, "last_activity", None)
        idle = getattr(kernel, "execution_state", "idle") == "idle"
        if idle and (last is None or (datetime.now(UTC) - last).total_seconds() >= quiet):
            break
        await asyncio.sleep(step)
    if kernel_id in manager:
        await ensure_async(manager.shutdown_kernel(kernel_id))


#: The stops still waiting (a reference keeps each task alive until it is done).
_STOPPING: set[asyncio.Task[None]] = set()


class QuietShutdownHandler(APIHandler):
    """``/voila/api/shutdown/<kernel>``: answered at once; the kernel stops when it is quiet."""

    @tornado.web.authenticated
    async def post(self, kernel_id: str) -> None:
        task = asyncio.ensure_future(shutdown_when_quiet(self.kernel_manager, kernel_id))
        _STOPPING.add(task)
        task.add_done_callback(_STOPPING.discard)
        self.set_status(204)
        self.finish()


# --- our handlers ------------------------------------------------------------------------------

#: The Content-Security-Policy of qikit's own pages (the list of teams, the code page, hubs, the
#: room's phone pages): their own inline style and script, by hash, and nothing else.
PAGES_CSP = pages_csp(styles=(pages.PAGE_STYLE, *room.INLINE_STYLES), scripts=room.INLINE_SCRIPTS)


class _HeadersMixin:
    """Sets the security headers on every response (also errors): the one place they are set.

    ``qikit_csp`` is the page's Content-Security-Policy: Voilà's (:data:`VOILA_CSP`) unless the
    handler is one of ours (:data:`PAGES_CSP`).
    """

    qikit_csp: str = VOILA_CSP

    def set_default_headers(self) -> None:
        handler = cast(tornado.web.RequestHandler, self)
        super().set_default_headers()  # type: ignore[misc]
        for name, value in security_headers(self.qikit_csp).items():
            handler.set_header(name, value)


class _GateMixin:
    """Refuses a request before its handler runs unless the cookie opens the address."""

    async def prepare(self) -> None:
        # A mixin: by the time prepare() runs, self is always a tornado RequestHandler.
        handler = cast(tornado.web.RequestHandler, self)
        if not request_allowed(handler):
            if handler.request.method in ("GET", "HEAD") and is_page(handler.request.path):
                handler.redirect(LOGIN_PATH + "?" + urlencode({"next": handler.request.uri}))
                return
            raise tornado.web.HTTPError(403)
        # prepare() comes from the handler class after this mixin in the MRO (see _gate).
        result = super().prepare()  # type: ignore[misc]
        if result is not None:
            await result


class _QikitPage(tornado.web.RequestHandler):
    """Base of our own pages: never cached, plain errors (headers: :class:`_HeadersMixin`)."""

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")

    @property
    def cohort_dir(self) -> Path:
        return self.settings["qikit_cohort_dir"]

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        if status_code == 403:
            text = "You cannot open this page with the codes you have typed."
        elif status_code == 404:
            text = "There is no page at this address."
        else:
            text = "Something went wrong. Please try again, or tell your QI lead."
        self.finish(pages.message_page("Sorry", text))


def _page_title(file_name: str) -> str:
    stem = Path(file_name).stem
    words = stem.split("-", 1)[1] if stem[:2].isdigit() and "-" in stem else stem
    return words.replace("-", " ").replace("_", " ").strip().capitalize() or stem


def _notebooks(folder: Path, relative_to: Path) -> list[tuple[str, str]]:
    if not folder.is_dir():
        return []
    found = sorted(p for p in folder.glob("*.ipynb") if not p.name.startswith("."))
    return [
        (pages.notebook_url(p.relative_to(relative_to).as_posix()), _page_title(p.name))
        for p in found
    ]


def _home_url(cohort_dir: Path, slug: str) -> str:
    team_pages = _notebooks(cohort_dir / TEAMS_FOLDER / slug, cohort_dir)
    return team_pages[0][0] if team_pages else f"/qikit/teams/{slug}"


class LandingHandler(_QikitPage):
    """``/``: the cohort's name and its teams."""

    def get(self) -> None:
        listing = read_cohort_listing(self.cohort_dir)
        teams = [(_home_url(self.cohort_dir, slug), name) for slug, name in listing.teams]
        survey = self.cohort_dir / SURVEY_FOLDER / SURVEY_WORKBOOK
        survey_href: str | None = f"/voila/render/{SURVEY_FOLDER}/{SURVEY_WORKBOOK}"
        if not survey.is_file():
            survey_href = None
        self.finish(pages.landing_page(listing.name, teams, survey_href=survey_href))


class LoginHandler(_QikitPage):
    """``/qikit/login``: asks for the code of the area the next address needs."""

    def _area_for(self, next_url: str) -> str | None:
        path = next_url.split("?", 1)[0]
        needed = required_area(path, lambda kid: _kernel_area(self, kid))
        return None if needed in (PUBLIC, NOBODY) else needed

    def _heading(self, area: str) -> str:
        if area == MENTORS:
            return "Mentors' pages"
        if area == TRAINERS:
            return "Trainers' pages"
        if area == SURVEY:
            return "Skills survey"
        slug = area[len(TEAM_PREFIX) :]
        names = dict(read_cohort_listing(self.cohort_dir).teams)
        if slug not in names:
            return "Team pages"
        return f"Team: {names[slug]}"

    def _show(self, next_url: str, area: str, message: str = "", status: int = 200) -> None:
        self.set_status(status)
        self.finish(
            pages.login_page(
                heading=self._heading(area),
                kind=describe_area(area),
                next_url=next_url,
                xsrf_html=self.xsrf_form_html(),
                message=message,
            )
        )

    def get(self) -> None:
        next_url = safe_next(self.get_argument("next", "/"))
        area = self._area_for(next_url)
        if area is None:
            self.redirect("/")
            return
        if area_is_granted(area, read_grants(self)):
            self.redirect(next_url)
            return
        self._show(next_url, area)

    def post(self) -> None:
        self.check_xsrf_cookie()
        next_url = safe_next(self.get_argument("next", "/"))
        area = self._area_for(next_url)
        if area is None:
            self.redirect("/")
            return
        limiter: LoginLimiter = self.settings["qikit_limiter"]
        client = request_client(self)
        if limiter.blocked(client, area):
            self.set_status(429)
            self.finish(
                pages.message_page(access_words.TOO_MANY_TITLE, access_words.TOO_MANY_WRONG_CODES)
            )
            return
        typed = self.get_argument("code", "")
        book: _AccessBook = self.settings["qikit_access_book"]
        # The team's own code, or a mentors' or trainers' code typed on a team's page; for the
        # survey, any code of the cohort (it is checked against each area's hash in turn).
        candidates = [area] + [a for a in (MENTORS, TRAINERS) if area_is_granted(area, [a])]
        if area == SURVEY:
            candidates = sorted(book.areas())
        opened = next(
            (a for a in dict.fromkeys(candidates) if verify_entry(book.areas().get(a), typed)),
            None,
        )
        if opened is None:
            limiter.record_failure(client, area)
            self._show(next_url, area, "That code did not work. Check the card and try again.", 403)
            return
        grants = read_grants(self)
        grants[opened] = book.stamp(opened) or ""
        write_grants(self, grants)
        self.redirect(next_url)


class LogoutHandler(_QikitPage):
    """``/qikit/logout``: forgets every code typed in this browser."""

    def get(self) -> None:
        self.clear_cookie(_cookie_name(self), path="/")
        self.finish(
            pages.message_page(
                "Signed out", "This browser has forgotten your codes. You can close it."
            )
        )


class NotFoundHandler(_QikitPage):
    """Any address that matches no page: the plain "no page here"."""

    def prepare(self) -> None:
        raise tornado.web.HTTPError(404)


class TeamHubHandler(_GateMixin, _QikitPage):
    """``/qikit/teams/<slug>``: a team's pages."""

    def get(self, slug: str) -> None:
        names = dict(read_cohort_listing(self.cohort_dir).teams)
        if slug not in names:
            raise tornado.web.HTTPError(404)
        items = _notebooks(self.cohort_dir / TEAMS_FOLDER / slug, self.cohort_dir)
        self.finish(pages.hub_page(names[slug], "Your team's pages.", [("Pages", items)]))


class AreaHubHandler(_GateMixin, _QikitPage):
    """``/qikit/mentors`` and ``/qikit/trainers``: the area's pages and every team's."""

    def initialize(self, area: str) -> None:
        self.area = area

    def get(self) -> None:
        listing = read_cohort_listing(self.cohort_dir)
        own = _notebooks(self.cohort_dir / self.area, self.cohort_dir)
        teams = [(f"/qikit/teams/{slug}", name) for slug, name in listing.teams]
        sections: list[tuple[str, Sequence[tuple[str, str]]]] = [
            ("Your pages", own),
            ("Teams", teams),
        ]
        if self.area == TRAINERS:
            sections.append(("All files", [("/voila/tree", "Every notebook in the cohort folder")]))
        title = "Mentors' pages" if self.area == MENTORS else "Trainers' pages"
        self.finish(pages.hub_page(title, listing.name, sections))


# --- the Voilà application -----------------------------------------------------------------------


def load_or_create_secret(cohort_dir: Path) -> bytes:
    """Return the cohort's cookie secret from ``.qikit-secret``, creating it (0600) if missing."""
    path = cohort_dir / SECRET_FILE
    try:
        text = path.read_text(encoding="ascii").strip()
        if len(text) >= 64:
            return bytes.fromhex(text)
    except (FileNotFoundError, ValueError):
        pass
    write_private_file(path, secrets.token_hex(32) + "\n")
    return bytes.fromhex(path.read_text(encoding="ascii").strip())


class QikitVoila(Voila):
    """Voilà serving one cohort folder, with access codes and qikit's own pages."""

    name = "qikit-serve"

    trusted_proxies = List(
        Unicode(),
        default_value=[],
        config=True,
        help="Addresses (or networks) of the reverse proxy in front of the server: only a "
        "request from one of them has its X-Forwarded-For believed (for the tries limits).",
    )

    def initialize(self, argv: list[str] | None = None) -> None:
        super().initialize(argv)
        if self.notebook_path or not self.root_dir:
            raise DataError("cohort folder", "a folder, not a notebook", self.notebook_path)
        cohort_dir = Path(self.root_dir).resolve()
        # Settled here, after every config file and flag, so no file can loosen them.
        self.identity_provider_class = QikitIdentityProvider
        self.cookie_secret = load_or_create_secret(cohort_dir)
        config = self.voila_configuration
        config.multi_kernel_manager_class = QikitKernelManager
        config.strip_sources = True
        config.show_tracebacks = False
        config.preheat_kernel = False
        config.prelaunch_hook = None
        config.file_allowlist = [r".*\.(png|jpg|jpeg|gif|svg)"]
        config.file_denylist = [r".*\.(ipynb|py|db|json|yaml|yml|html)", r"(^|.*/)\..*"]
        self.config.VoilaExecutor.cell_error_instruction = CELL_ERROR_INSTRUCTION
        self.tornado_settings: dict[str, Any] = {
            **self.tornado_settings,
            "login_url": LOGIN_PATH,
            # Readable by the page's own script (not HttpOnly): Voilà's page sends it back when
            # it closes, asking the server to stop its kernel at once (a double-submit token is
            # no secret from the page it protects; SameSite=Strict keeps other sites out).
            # HttpOnly here meant every closed page's kernel lived until culled.
            "xsrf_cookie_kwargs": {"httponly": False, "samesite": "Strict"},
            "qikit_cohort_dir": cohort_dir,
            "qikit_access_book": _AccessBook(cohort_dir),
            "qikit_limiter": LoginLimiter(),
            "qikit_trusted_proxies": parse_trusted_proxies(self.trusted_proxies),
            # Every address that matches no route: a plain 404 with the security headers.
            "default_handler_class": _with_headers(NotFoundHandler, PAGES_CSP),
            **room_settings(cohort_dir),
        }

    def setup_template_dirs(self) -> None:
        super().setup_template_dirs()
        # Our loading message comes first in the search path (see qikit/server/assets/voila/).
        self.template_paths: list[str] = [str(ASSETS_DIR / "voila"), *self.template_paths]

    def init_handlers(self) -> list[Any]:
        handlers = [
            spec
            for spec in super().init_handlers()
            if not (isinstance(spec, tuple) and spec[0] in (self.server_url, "/"))
        ]
        handlers = [
            (spec[0], QuietShutdownHandler, *spec[2:])
            if isinstance(spec, tuple) and len(spec) >= 2 and spec[1] is VoilaShutdownKernelHandler
            else spec
            for spec in handlers
        ]
        gated = [_with_headers(_gate(spec), VOILA_CSP) for spec in handlers]
        ours = [
            (r"/", LandingHandler),
            (LOGIN_PATH, LoginHandler),
            (LOGOUT_PATH, LogoutHandler),
            (r"/qikit/teams/([a-z0-9][a-z0-9_-]*)/?", TeamHubHandler),
            (r"/qikit/mentors/?", AreaHubHandler, {"area": MENTORS}),
            (r"/qikit/trainers/?", AreaHubHandler, {"area": TRAINERS}),
            # The room's phone pages: public, no kernel (see qikit.server.room).
            *ROOM_ROUTES,
        ]
        return [_with_headers(spec, PAGES_CSP) for spec in ours] + gated


def _gate(spec: Any) -> Any:
    """Return the handler spec with its class wrapped in :class:`_GateMixin`."""
    if not isinstance(spec, tuple) or len(spec) < 2:
        return spec
    handler_class = spec[1]
    gated = type(f"Gated{handler_class.__name__}", (_GateMixin, handler_class), {})
    return (spec[0], gated, *spec[2:])


def _with_headers(spec: Any, csp: str) -> Any:
    """Return the handler (or handler spec) with :class:`_HeadersMixin` and this ``csp``."""
    if isinstance(spec, type):
        return type(spec.__name__, (_HeadersMixin, spec), {"qikit_csp": csp})
    if not isinstance(spec, tuple) or len(spec) < 2:
        return spec
    return (spec[0], _with_headers(spec[1], csp), *spec[2:])


def main(argv: Sequence[str] | None = None) -> None:
    """Run the server (``python -m qikit.server COHORT_DIR [Voilà flags]``)."""
    QikitVoila.launch_instance(argv=list(sys.argv[1:] if argv is None else argv))


if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
