"""The phone pages of a room session: ``/room`` (type the code) and ``/room/<CODE>`` (answer).

People in a training room open ``/room`` on a phone (or scan the QR code on the trainer's
screen), type the session's short code and send a number or an idea. The trainer's page
(:class:`qikit.widgets.room.RoomPanel`, in a kernel) reads the answers back from the store.

Design:

- **No kernel per phone**: plain tornado handlers beside Voilà's, so forty phones cost forty
  small HTTP requests, not forty kernels of ~100 MB. The pages are the same plain style as the
  code page (:mod:`qikit.server.login_pages`) and work without JavaScript; a few lines of
  script send the form with ``fetch`` so the page stays put and the box is cleared.
- **The store does the checking**: :meth:`qikit.store.SqliteStore.add_room_entry` parses the
  answer against the session's current question inside its transaction and refuses duplicates,
  so the server only relays its plain message. Store calls run on one worker thread (with its
  own connection): a slow disk never stalls Voilà's event loop and every other page with it.
- **A phone is a random token in a signed cookie** (no name asked): a reload keeps the token, so
  "one answer each" still holds, and a sent form is answered with a redirect (post, then get),
  so reloading the thank-you page sends nothing twice.
- **Public, but rate-limited per address** like the code page: wrong room codes count as wrong
  tries; every answer counts towards a generous cap (a whole class behind one Wi-Fi address
  shares it).
"""

from __future__ import annotations

import asyncio
import json
import secrets
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

import tornado.web

from qikit.core.room import AnswerKind, is_session_code, normalise_code
from qikit.core.wording import room as words
from qikit.errors import DataError, StoreError
from qikit.layout import store_path
from qikit.render.text import escape
from qikit.server import login_pages
from qikit.server.policy import TriesLimiter, client_address
from qikit.store import RoomEntry, RoomSession, SqliteStore, open_store

__all__ = [
    "ROOM_PATH",
    "ROOM_ROUTES",
    "RoomDesk",
    "request_client",
    "room_answer_page",
    "room_join_page",
]

ROOM_PATH = "/room"
SENDER_COOKIE = "qikit-room-phone"
#: Wrong room codes one address may type in a minute (as many as wrong access codes).
WRONG_CODES_PER_MINUTE = 10
#: Answers one address may send in a minute: a room of 60 behind one Wi-Fi address, each
#: sending a few ideas, stays well inside it; a script flooding the trainer's screen does not.
ANSWERS_PER_MINUTE = 600
#: How often an open answer page asks whether the trainer has asked a new question: 40
#: phones make 13 tiny requests a second, and a new question shows within 3 seconds.
QUESTION_CHECK_SECONDS = 3

T = TypeVar("T")

# Bigger than the code page: a thumb on a 390 px phone, read at arm's length.
_PHONE_CSS = """
<style>
main { max-width: 28em; }
.prompt { font-size: 1.5em; font-weight: bold; margin: 0.4em 0 0.8em; }
input[type=text].answer { font-size: 1.6em; max-width: none; text-transform: none;
                          letter-spacing: normal; }
input[type=text].code { font-size: 2em; letter-spacing: 0.2em; }
form button { width: 100%; font-size: 1.4em; padding: 0.8em; }
.sent:not(:empty) { border-left: 6px solid #107c10; background: #fff; padding: 0.6em 1em; }
.problem:not(:empty) { border-left: 6px solid #a4262c; background: #fff; padding: 0.6em 1em; }
/* A mark beside the colour (colour never carries meaning alone), left out of what is read. */
.sent:not(:empty)::before { content: "\\2713  " / ""; font-weight: bold; }
.problem:not(:empty)::before { content: "!  " / ""; font-weight: bold; }
</style>
"""

# Sends the form with fetch so the phone stays on the page; without script the form posts.
_SEND_SCRIPT = """
<script>
(function () {
  var NOT_SENT = %s;
  var CHECK_MS = %d;
  var form = document.getElementById("answer-form");
  var box = document.getElementById("answer");
  var sent = document.getElementById("sent");
  var problem = document.getElementById("problem");
  function say(ok, words) {
    // Two live regions that stay in the page: thanks is polite, a problem is said at once.
    (ok ? problem : sent).textContent = "";
    (ok ? sent : problem).textContent = words;
  }
  if (!form || !window.fetch) { return; }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var button = form.querySelector("button");
    button.disabled = true;
    fetch(form.action, {method: "POST", body: new URLSearchParams(new FormData(form)),
                        headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (response) { return response.json(); })
      .then(function (answer) {
        say(answer.ok, answer.message);
        if (answer.ok) { box.value = ""; }
      })
      .catch(function () { say(false, NOT_SENT); })
      .finally(function () { button.disabled = false; box.focus(); });
  });
  // A new question from the trainer (a new round) or a closed room: show it without asking
  // people to reload (an answer half typed for the old question goes with the old page).
  var round = form.getAttribute("data-round");
  window.setInterval(function () {
    fetch(form.action + "?state=1", {headers: {"Accept": "application/json"},
                                     credentials: "same-origin"})
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (String(state.round) !== round || state.closed) {
          window.location.replace(form.action);
        }
      })
      .catch(function () {});
  }, CHECK_MS);
})();
</script>
"""


_SEND_SCRIPT_HTML = _SEND_SCRIPT % (json.dumps(words.NOT_SENT), QUESTION_CHECK_SECONDS * 1000)


def _inside(block: str, tag: str) -> str:
    return block.split(f"<{tag}>", 1)[1].rsplit(f"</{tag}>", 1)[0]


#: The phone pages' inline style and script, exactly: the pages' Content-Security-Policy allows
#: these and no other (see ``qikit.server.app.PAGES_CSP``).
INLINE_STYLES = (_inside(_PHONE_CSS, "style"),)
INLINE_SCRIPTS = (_inside(_SEND_SCRIPT_HTML, "script"),)


def request_client(handler: tornado.web.RequestHandler) -> str:
    """Return the address a request counts as coming from, for every tries limit.

    The socket's peer; ``X-Forwarded-For`` only when the peer is a trusted proxy (the
    ``qikit_trusted_proxies`` setting, from ``qikit serve --trusted-proxy``).
    """
    return client_address(
        handler.request.remote_ip,
        handler.request.headers.get_list("X-Forwarded-For"),
        handler.settings.get("qikit_trusted_proxies", ()),
    )


def room_join_page(message: str = "", code: str = "") -> str:
    """Return the page at ``/room``: one big box for the room code."""
    note = f'<p class="message" role="alert">{escape(message)}</p>' if message else ""
    body = (
        f"{_PHONE_CSS}<h1>{escape(words.JOIN_HEADING)}</h1>{note}"
        f'<form method="get" action="{ROOM_PATH}">'
        f'<label for="code">{escape(words.CODE_LABEL)}</label>'
        f'<input type="text" class="code" id="code" name="code" value="{escape(code)}" '
        'autocomplete="off" autocapitalize="characters" autocorrect="off" spellcheck="false" '
        'maxlength="12" required aria-describedby="code-help">'
        f'<p class="note" id="code-help">{escape(words.CODE_HELP)}</p>'
        f'<div><button type="submit">{escape(words.JOIN_BUTTON)}</button></div></form>'
    )
    return login_pages._page(words.PHONE_TITLE, body)


def room_answer_page(
    session: RoomSession, *, xsrf_html: str, message: str = "", sent: bool = False, typed: str = ""
) -> str:
    """Return the answer page of one session: its question, one box and "Send".

    ``message`` is a plain reply shown above the box (a refusal, or with ``sent`` the thanks).
    """
    question = session.question
    is_number = question.kind is AnswerKind.NUMBER
    label = words.NUMBER_LABEL if is_number else words.IDEA_LABEL
    if is_number and question.unit:
        label += f" ({question.unit})"
    thanks, problem = (message, "") if sent else ("", message)
    reply = (
        f'<p id="sent" class="sent" role="status">{escape(thanks)}</p>'
        f'<p id="problem" class="problem" role="alert">{escape(problem)}</p>'
    )
    box = (
        'inputmode="decimal" autocomplete="off"'
        if is_number
        else 'autocomplete="off" maxlength="400"'
    )
    action = f"{ROOM_PATH}/{session.code}"
    body = (
        f"{_PHONE_CSS}<h1>{escape(session.title)}</h1>"
        f'<p class="prompt" id="prompt">{escape(question.prompt)}</p>'
        f'<form method="post" action="{action}" id="answer-form" data-round="{session.round}">'
        f"{xsrf_html}"
        f'<label for="answer">{escape(label)}</label>'
        f'<input type="text" class="answer" id="answer" name="answer" value="{escape(typed)}" '
        f'{box} required aria-describedby="prompt">'
        f"{reply}"
        f'<div><button type="submit">{escape(words.SEND_BUTTON)}</button></div></form>'
        f'<p class="note">{escape(words.ROOM_CODE_NOTE.format(code=session.code))} '
        f'<a href="{action}">{escape(words.CHECK_AGAIN)}</a></p>'
        f"{_SEND_SCRIPT_HTML}"
    )
    return login_pages._page(session.title, body)


class RoomDesk:
    """The server's one way into the store for room sessions: one worker thread, one connection.

    The connection is opened in the worker thread the first time it is needed (SQLite
    connections stay in the thread that made them) and never makes a store that is not there:
    a cohort without a store simply has no room sessions.
    """

    def __init__(self, cohort_dir: Path) -> None:
        self.path = store_path(cohort_dir)
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qikit-room")
        self._store: SqliteStore | None = None

    def _open(self) -> SqliteStore | None:
        if self._store is None and self.path.is_file():
            self._store = open_store(self.path, create=False)
        return self._store

    async def run(self, work: Callable[[SqliteStore], T], default: T) -> T:
        """Return ``work(store)`` run on the worker thread, or ``default`` with no store."""

        def call() -> T:
            store = self._open()
            return default if store is None else work(store)

        return await asyncio.get_running_loop().run_in_executor(self._worker, call)


class _RoomPage(tornado.web.RequestHandler):
    """Base of the phone pages: never cached; the desk and limits from settings.

    The security headers are set for every handler in one place (``qikit.server.app``).
    """

    def set_default_headers(self) -> None:
        self.set_header("Cache-Control", "no-store")

    @property
    def desk(self) -> RoomDesk:
        desk: RoomDesk = self.settings["qikit_room_desk"]
        return desk

    @property
    def client(self) -> str:
        return request_client(self)

    def _limiter(self, name: str) -> TriesLimiter:
        limiter: TriesLimiter = self.settings[name]
        return limiter

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        text = words.PAGE_TOO_OLD if status_code == 403 else words.WENT_WRONG
        self.finish(login_pages.message_page("Sorry", text))


class RoomJoinHandler(_RoomPage):
    """``/room``: type the room code; ``/room?code=K7W2Q`` goes to that room's page."""

    async def get(self) -> None:
        typed = self.get_argument("code", "")
        if not typed:
            self.finish(room_join_page())
            return
        wrong = self._limiter("qikit_room_code_limiter")
        if wrong.blocked(self.client):
            self.set_status(429)
            self.finish(room_join_page(words.TOO_MANY_TRIES))
            return
        code = normalise_code(typed)
        session = await self.desk.run(lambda s: s.room(code), None)
        if session is None:
            wrong.record_failure(self.client)
            self.set_status(404)
            message = words.NO_ROOM if is_session_code(code) else words.NOT_A_CODE
            self.finish(room_join_page(message, typed[:12]))
            return
        self.redirect(f"{ROOM_PATH}/{quote(session.code)}")


class RoomAnswerHandler(_RoomPage):
    """``/room/<CODE>``: the question and a box (GET); an answer sent (POST, XSRF-checked)."""

    def _sender(self) -> str:
        """Return this phone's token, made and kept in a signed cookie on its first visit."""
        raw = self.get_secure_cookie(SENDER_COOKIE, max_age_days=2)
        token = raw.decode("ascii", "replace") if raw else ""
        if not token or len(token) > 64 or not token.replace("-", "").replace("_", "").isalnum():
            token = secrets.token_urlsafe(16)
            self.set_secure_cookie(
                SENDER_COOKIE,
                token,
                expires_days=1,
                httponly=True,
                samesite="Lax",  # the QR code is a link from outside: the cookie must come along
                secure=self.request.protocol == "https",
                path=ROOM_PATH,
            )
        return token

    async def _session(self, code: str) -> RoomSession | None:
        return await self.desk.run(lambda s: s.room(code), None)

    async def get(self, code: str) -> None:
        code = normalise_code(code)
        session = await self._session(code) if is_session_code(code) else None
        if self.get_argument("state", ""):  # the open page asking: a new question yet?
            self.set_header("Content-Type", "application/json; charset=utf-8")
            self.finish(
                json.dumps(
                    {
                        "round": 0 if session is None else session.round,
                        "closed": session is None or session.closed_at is not None,
                    }
                )
            )
            return
        if session is None or session.closed_at is not None:
            self.set_status(404)
            self.finish(room_join_page(words.NO_ROOM if session is None else words.CLOSED_ROOM))
            return
        sender = self._sender()
        message, sent = "", False
        if self.get_argument("sent", "") == str(session.round):
            message, sent = words.SENT, True
        elif session.question.one_each:
            none: list[RoomEntry] = []
            entries = await self.desk.run(lambda s: s.room_entries(code, round=session.round), none)
            if any(entry.sender == sender for entry in entries):
                message, sent = words.ALREADY_SENT, True
        self.finish(
            room_answer_page(session, xsrf_html=self.xsrf_form_html(), message=message, sent=sent)
        )

    def _wants_json(self) -> bool:
        return "application/json" in self.request.headers.get("Accept", "")

    def _reply(self, status: int, message: str, session: RoomSession | None, typed: str) -> None:
        self.set_status(status)
        if self._wants_json():
            self.set_header("Content-Type", "application/json; charset=utf-8")
            self.finish(json.dumps({"ok": status < 400, "message": message}))
        elif session is None:
            self.finish(room_join_page(message))
        else:
            self.finish(
                room_answer_page(
                    session, xsrf_html=self.xsrf_form_html(), message=message, typed=typed
                )
            )

    async def post(self, code: str) -> None:
        self.check_xsrf_cookie()
        code = normalise_code(code)
        typed = self.get_argument("answer", "")
        answers = self._limiter("qikit_room_answer_limiter")
        wrong = self._limiter("qikit_room_code_limiter")
        if answers.blocked(self.client) or wrong.blocked(self.client):
            self._reply(429, words.TOO_MANY_TRIES, None, typed)
            return
        answers.record_failure(self.client)  # every answer counts towards the cap
        sender = self._sender()
        try:
            entry = await self.desk.run(lambda s: s.add_room_entry(code, sender, typed), None)
        except DataError as error:
            session = await self._session(code) if is_session_code(code) else None
            if session is None:
                wrong.record_failure(self.client)
            self._reply(409 if session is not None else 404, str(error), session, typed[:400])
            return
        except StoreError:
            self._reply(503, words.BUSY, None, typed)
            return
        if entry is None:  # the cohort has no store: so no room either
            wrong.record_failure(self.client)
            self._reply(404, words.NO_ROOM, None, typed)
            return
        if self._wants_json():
            self._reply(200, words.SENT, None, "")
            return
        self.redirect(f"{ROOM_PATH}/{quote(entry.code)}?sent={entry.round}", status=303)


#: The routes :class:`qikit.server.app.QikitVoila` adds (public: see ``policy.required_area``).
ROOM_ROUTES: list[tuple[str, type[tornado.web.RequestHandler]]] = [
    (r"/room/?", RoomJoinHandler),
    (r"/room/([A-Za-z0-9-]{1,12})/?", RoomAnswerHandler),
]


def room_settings(cohort_dir: Path) -> dict[str, object]:
    """Return the tornado settings the room pages need (the store desk and the two limits)."""
    return {
        "qikit_room_desk": RoomDesk(cohort_dir),
        "qikit_room_code_limiter": TriesLimiter(limit=WRONG_CODES_PER_MINUTE),
        "qikit_room_answer_limiter": TriesLimiter(limit=ANSWERS_PER_MINUTE),
    }
