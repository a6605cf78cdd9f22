"""The trainer's side of a room session: :class:`RoomPanel`, the code, the QR code and the count.

The trainer presses "Let the room join": a session is opened in the cohort's store under a new
short code, shown large with a QR code of the phone page's address (drawn by segno as SVG, no
network). Phones send answers to the server (:mod:`qikit.server.room`), which keeps them in
the store; the panel reads what is new every ``poll_seconds`` and hands it to the page's
callbacks (:meth:`RoomPanel.on_entries`) — a chart gets a point, a fishbone a cause.

Why polling, and why on the kernel's event loop: the server and this kernel are separate
processes that share only the store, and reading "answers after id N" is one indexed query
(well under a millisecond), so a half-second poll costs nothing and shows an answer within a
second. The poll is a ``call_later`` on the kernel's own asyncio loop, never a thread: widgets
must only be changed from the loop that talks to the browser.

The widget opens no files or databases: it is handed a store.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import ipywidgets as widgets
import segno

from qikit.core.room import RoomQuestion, make_session_code
from qikit.core.wording import room as words
from qikit.errors import DataError, QikitError
from qikit.render.text import escape
from qikit.store.base import RoomEntry, RoomSession, Store
from qikit.widgets.base import big_button, plain_message

__all__ = ["RoomPanel", "default_room_url", "is_local_url", "qr_svg"]

#: The most answers the panel lists itself (the newest first); the page shows them all.
SHOWN_ANSWERS = 10
#: Codes tried before giving up when a new code happens to be in use already (28 million
#: codes: a second try is already very rare).
CODE_TRIES = 20
_LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "0.0.0.0", ""})

_CSS = """
<style>
.qikit-room-code { font-size: 4.5em; font-weight: bold; letter-spacing: 0.15em;
                   font-family: "DejaVu Sans Mono", Consolas, monospace; margin: 0.1em 0; }
.qikit-room-qr svg { width: 16em; height: 16em; max-width: 100%; }
.qikit-room-count { font-size: 1.6em; font-weight: bold; }
.qikit-room-note { border-left: 6px solid #a4262c; padding: 0.4em 0.8em; background: #fff; }
.qikit-room-answers { font-size: 1.2em; }
</style>
"""


def is_local_url(url: str) -> bool:
    """Return True when the address can only be opened on this computer (127.0.0.1, localhost)."""
    host = urlsplit(url).hostname or ""
    return host in _LOCAL_HOSTS or host.startswith("127.")


def default_room_url(environ: dict[str, str] | None = None) -> str | None:
    """Return the server's address as Voilà told this kernel (``SERVER_NAME``, …), or None.

    Voilà puts the request's host and port in the kernel's environment; outside Voilà (a
    JupyterLab kernel, a test) there is none and the panel shows the code without a QR code.
    """
    env = os.environ if environ is None else environ
    host = env.get("SERVER_NAME", "").strip()
    if not host:
        return None
    port = env.get("SERVER_PORT", "").strip()
    scheme = "https" if env.get("VOILA_REQUEST_URL", "").startswith("https:") else "http"
    base = env.get("VOILA_BASE_URL", "/").strip() or "/"
    shown_host = f"[{host}]" if ":" in host else host
    default_port = {"http": "80", "https": "443"}[scheme]
    netloc = shown_host if not port or port == default_port else f"{shown_host}:{port}"
    return f"{scheme}://{netloc}{base.rstrip('/')}"


def qr_svg(address: str, *, label: str) -> str:
    """Return an SVG QR code of ``address`` (dark on white, with a title for screen readers)."""
    code = segno.make(address, error="m")
    # light= paints the quiet zone white, so the code scans from a dark-themed projector too.
    # A viewBox and no fixed size: the page's CSS sizes it (16em here, far bigger in presenter
    # mode) and the squares grow with it, never a small code in a big white box.
    svg = code.svg_inline(scale=6, border=4, dark="#000", light="#fff", title=label, omitsize=True)
    return str(svg)


class RoomPanel:
    """The room's way in to a teaching page: a button, then a big code, a QR code and a count.

    Parameters
    ----------
    store
        The cohort's store (the server keeps the phones' answers there).
    title
        What the phones show at the top ("Fishbone: why do porters wait?").
    question
        The first question the room answers.
    author
        Written in the store as the person who opened the session.
    room_url
        The server's address as phones reach it (``http://10.0.0.5:8866``); by default from
        Voilà's request environment (:func:`default_room_url`).
    poll_seconds
        How often new answers are read from the store.
    """

    def __init__(
        self,
        store: Store,
        *,
        title: str,
        question: RoomQuestion,
        author: str = "Trainer",
        room_url: str | None = None,
        poll_seconds: float = 0.5,
    ) -> None:
        if not isinstance(question, RoomQuestion):
            raise DataError("question", "a RoomQuestion", type(question).__name__)
        self.store = store
        self.title = title
        self.question = question
        self.author = author
        self.room_url = (room_url if room_url is not None else default_room_url()) or None
        if self.room_url is not None:
            self.room_url = self.room_url.rstrip("/")
        self.poll_seconds = float(poll_seconds)
        self.session: RoomSession | None = None
        self.entries: list[RoomEntry] = []
        self._last_id = 0
        self._callbacks: list[Callable[[list[RoomEntry]], None]] = []
        self._timer: asyncio.TimerHandle | None = None
        self._stopped = False

        self.open_button = big_button(words.OPEN_BUTTON, style="primary")
        self.open_button.on_click(lambda _button: self._open_clicked())
        self.again_button = big_button(words.ASK_BUTTON)
        self.again_button.on_click(lambda _button: self.ask(self.question))
        self.again_button.layout.display = "none"
        self.intro = widgets.HTML(f"{_CSS}<p>{escape(words.PANEL_INTRO)}</p>")
        self.code_view = widgets.HTML("")
        self.count_view = widgets.HTML("")
        self.answers_view = widgets.HTML("")
        self.message = widgets.HTML("")
        self.widget = widgets.VBox(
            [
                self.intro,
                self.open_button,
                self.message,
                self.code_view,
                self.count_view,
                self.answers_view,
                self.again_button,
            ]
        )
        self.widget.add_class("qikit-room-panel")

    # -- the session ----------------------------------------------------------------------------

    @property
    def code(self) -> str | None:
        """Return the session's code, or None before "Let the room join"."""
        return None if self.session is None else self.session.code

    def open(self) -> RoomSession:
        """Open a session under a new code (once; again it returns the open one) and show it."""
        if self.session is not None:
            return self.session
        for _ in range(CODE_TRIES):
            code = make_session_code()
            if self.store.room(code) is None:
                break
        try:
            self.session = self.store.open_room(code, self.title, self.question, author=self.author)
        except QikitError as error:
            self.message.value = (
                f'<p class="qikit-room-note" role="alert">{escape(plain_message(error))}</p>'
            )
            raise
        self.message.value = ""
        self.open_button.layout.display = "none"
        self.again_button.layout.display = None
        self._show_code()
        self._show_answers()
        self._stopped = False
        self._schedule()
        return self.session

    def _open_clicked(self) -> None:
        # The message is already on the screen (open() put it there); nothing more to raise.
        try:
            self.open()
        except QikitError:
            return

    def _say_problem(self, error: QikitError) -> None:
        self.message.value = (
            f'<p class="qikit-room-note" role="alert">{escape(plain_message(error))}</p>'
        )

    def ask(self, question: RoomQuestion) -> RoomSession:
        """Ask the room ``question``: a new round (opening the session first if need be)."""
        self.question = question
        if self.session is None:
            return self.open()
        self.session = self.store.ask_room(self.session.code, question, author=self.author)
        self._show_code()
        self._show_answers()
        return self.session

    def close(self) -> None:
        """Close the session (phones can send no more) and stop reading answers."""
        self.stop()
        if self.session is not None:
            self.store.close_room(self.session.code)

    def stop(self) -> None:
        """Stop reading answers (the session stays open)."""
        self._stopped = True
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    # -- answers ----------------------------------------------------------------------------------

    def on_entries(self, callback: Callable[[list[RoomEntry]], None]) -> None:
        """Call ``callback`` with each batch of new answers, oldest first, in the kernel's loop."""
        self._callbacks.append(callback)

    def poll(self) -> list[RoomEntry]:
        """Read the answers sent since the last poll; show them and pass them on. Return them."""
        if self.session is None:
            return []
        new = self.store.room_entries(self.session.code, after=self._last_id)
        if not new:
            return []
        self._last_id = new[-1].id
        self.entries.extend(new)
        self._show_answers()
        for callback in list(self._callbacks):
            callback(new)
        return new

    def current_entries(self) -> list[RoomEntry]:
        """Return the answers to the question asked now (this round)."""
        if self.session is None:
            return []
        return [entry for entry in self.entries if entry.round == self.session.round]

    def _schedule(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # no event loop (a test, a script): poll() is called by hand
            return
        self._timer = loop.call_later(self.poll_seconds, self._tick)

    def _tick(self) -> None:
        self._timer = None
        if self._stopped:
            return
        try:
            self.poll()
        except QikitError as error:  # a busy store: say so, and keep trying
            self.message.value = (
                f'<p class="qikit-room-note" role="alert">{escape(plain_message(error))}</p>'
            )
        finally:
            if not self._stopped:
                self._schedule()

    # -- drawing ----------------------------------------------------------------------------------

    def _show_code(self) -> None:
        assert self.session is not None
        code = self.session.code
        parts = [
            f"<p>{escape(self.session.question.prompt)}</p>",
            f"<p>{escape(words.CODE_HEADING)}</p>",
            f'<p class="qikit-room-code">{escape(code)}</p>',
        ]
        if self.room_url is None:
            parts.append(f'<p class="qikit-room-note">{escape(words.NO_ADDRESS)}</p>')
        else:
            address = f"{self.room_url}/room/{code}"
            label = words.QR_LABEL.format(address=address)
            parts.append(
                # The SVG's own <title> names it for screen readers: one image, not two.
                f'<div class="qikit-room-qr">{qr_svg(address, label=label)}</div>'
            )
            parts.append(f"<p>{escape(words.scan_words(self.room_url + '/room'))}</p>")
            if is_local_url(self.room_url):
                host = urlsplit(self.room_url).hostname or self.room_url
                parts.append(
                    f'<p class="qikit-room-note" role="note">'
                    f"{escape(words.LOCAL_ONLY.format(host=host))}</p>"
                )
        self.code_view.value = "".join(parts)

    def _show_answers(self) -> None:
        current = self.current_entries()
        self.count_view.value = (
            f'<p class="qikit-room-count" role="status" aria-live="polite">'
            f"{escape(words.answers_so_far(len(current)))}</p>"
        )
        newest = list(reversed(current))[:SHOWN_ANSWERS]
        items = "".join(f"<li>{escape(entry.text)}</li>" for entry in newest)
        self.answers_view.value = (
            f'<ul class="qikit-room-answers" aria-label="Latest answers">{items}</ul>'
            if items
            else ""
        )

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        # display(panel) shows the panel's widget, like any ipywidget.
        return self.widget._repr_mimebundle_(**kwargs)
