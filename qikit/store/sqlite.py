"""The embedded store: one SQLite file per cohort, every save one transaction, full history.

Why it is built this way:

- **WAL and FULL sync**: readers never block the writer, and a save that has returned is on disk,
  so a process killed at any moment (SIGKILL) leaves a store that opens with every returned save.
- **BEGIN IMMEDIATE + merge inside the transaction**: a save reads the current record, merges only
  the changed fields and writes it back while holding the write lock, so two kernels (two browser
  tabs) saving different fields of the same record both keep their change; for the same field
  the later save wins and the earlier value stays in history.
- **Waiting is the store's job**: writers take turns through a lock file beside the store
  (``<store>-lock``, see ``_WriterTurn``), woken the moment it is free, with SQLite's busy timeout
  and a retry loop behind it, so a participant never sees "database is locked" and no save waits
  seconds behind others; only a lock held for minutes becomes an error.
- **Never overwrite what is not ours**: a file that is not a qikit store (or is damaged) is
  refused with a message that says what the file is and what to do; a store written by a newer
  qikit is refused too; older stores are upgraded step by step on open.
- **Drafts are not records**: text typed into an "Add a …" box and not added yet lives in its
  own ``drafts`` table (schema 2), so it has no history, never reaches the project or the
  progress score, and typing does not change a team's place in history (the mentor review).
- **Room sessions** (schema 3): the answers a training room sends from phones live in their
  own tables (``room_sessions``, ``room_entries``), under the session's code, so two sessions
  never mix; each answer is checked against the session's current question inside the
  transaction that keeps it, so a duplicate is refused even when two phones race.
- **A disk that refuses a write** (full, or the file or folder made read-only) is a plain
  ``StoreError`` (``_write_fault``, words in ``qikit.core.wording.store``), never SQLite's own
  text; the failed transaction is rolled back whole, so every earlier save stays readable and
  the next save works once the disk takes writes again.
- **Reading without writing**: ``open_store(path, read_only=True)`` (the mentor review) opens
  the file with SQLite's ``mode=ro``: no write lock, no WAL switch, no upgrade, no file made.
"""

from __future__ import annotations

import builtins  # the method list() hides the builtin list inside the class body
import errno
import getpass
import json
import os
import random
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from qikit.core.room import (
    AnswerKind,
    RoomQuestion,
    is_session_code,
    normalise_code,
    parse_answer,
    same_idea_key,
)
from qikit.core.wording import room as room_words
from qikit.core.wording import store as store_words
from qikit.errors import DataError, FieldError, StoreError, StoreFault
from qikit.layout import COHORT_SCOPE, is_slug
from qikit.store.base import (
    Draft,
    HistoryEntry,
    RecordData,
    RoomEntry,
    RoomSession,
    StoredRecord,
    TeamHistory,
)

#: The schema this qikit writes. Bump it only together with a new step in ``UPGRADES``.
SCHEMA_VERSION = 3
#: Written into every store so another SQLite file is never mistaken for one.
APPLICATION_ID = 0x51494B54  # "QIKT"
#: The largest record, as JSON, the store accepts (a record is one cause, one cycle, …).
MAX_RECORD_BYTES = 1_000_000
#: The longest draft kept, in characters: the model's longest free text (``MAX_LONG_TEXT``).
MAX_DRAFT_CHARS = 10_000
#: How long a save may wait for another writer before it gives up with a plain message.
LOCK_WAIT_SECONDS = 120.0

_KIND = re.compile(r"^[a-z][a-z_]{0,31}$")
_RECORD_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_DRAFT_KEY = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")
#: A phone's sender id: the random token the server keeps in the phone's cookie.
_SENDER = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
#: The longest title a trainer gives a room session.
MAX_ROOM_TITLE_CHARS = 200
_SQLITE_HEADER = b"SQLite format 3\x00"

_SCHEMA_V1 = """
CREATE TABLE qikit_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE records (
    team TEXT NOT NULL,
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    data TEXT,
    deleted INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (team, kind, record_id)
);
CREATE TABLE history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    team TEXT NOT NULL,
    kind TEXT NOT NULL,
    record_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    action TEXT NOT NULL,
    changed TEXT NOT NULL,
    data TEXT,
    at TEXT NOT NULL,
    author TEXT NOT NULL
);
CREATE INDEX history_record ON history (team, kind, record_id, version);
CREATE INDEX records_team ON records (team, kind);
"""


def _add_drafts(connection: sqlite3.Connection) -> None:
    """Schema 1 → 2: the drafts table, kept apart from records so drafts have no history."""
    connection.execute(
        "CREATE TABLE drafts (team TEXT NOT NULL, key TEXT NOT NULL, text TEXT NOT NULL, "
        "at TEXT NOT NULL, author TEXT NOT NULL, PRIMARY KEY (team, key))"
    )


def _add_rooms(connection: sqlite3.Connection) -> None:
    """Schema 2 → 3: room sessions and the answers phones send, apart from the teams' records.

    ``idea_key`` is the idea folded for comparison (case and spaces ignored), or NULL for a
    number; the duplicate checks use it and ``sender`` within one code and round.
    """
    connection.execute(
        "CREATE TABLE room_sessions (code TEXT PRIMARY KEY, title TEXT NOT NULL, "
        "question TEXT NOT NULL, round INTEGER NOT NULL, opened_at TEXT NOT NULL, "
        "opened_by TEXT NOT NULL, closed_at TEXT)"
    )
    connection.execute(
        "CREATE TABLE room_entries (id INTEGER PRIMARY KEY AUTOINCREMENT, "
        "code TEXT NOT NULL REFERENCES room_sessions (code), round INTEGER NOT NULL, "
        "sender TEXT NOT NULL, number REAL, text TEXT NOT NULL, idea_key TEXT, "
        "at TEXT NOT NULL)"
    )
    connection.execute("CREATE INDEX room_entries_code ON room_entries (code, round, id)")


#: Upgrade steps: UPGRADES[n] turns a store of schema n into schema n + 1, in one transaction.
#: A new store is made at schema 1 and brought up through the same steps.
UPGRADES: dict[int, Callable[[sqlite3.Connection], None]] = {1: _add_drafts, 2: _add_rooms}
#: Older versions a reader (``read_only=True``: the mentor review, the dashboard) can use as
#: they are, because their upgrades only add tables a reader never needs (version 1 lacks the
#: drafts, version 2 the room sessions). The review of a cohort must not wait for somebody to
#: open a page first.
READABLE_AS_IS: frozenset[int] = frozenset({1, 2})

T = TypeVar("T")

try:
    import fcntl
except ImportError:  # not on this system (Windows): writers wait in SQLite's busy handler only
    fcntl = None  # type: ignore[assignment]


class _WriterTurn:
    """Writers of one store take turns through a lock file beside it (``<store>-lock``).

    Why: SQLite's busy handler polls its write lock, sleeping longer and longer between tries
    (up to 100 ms), and the lock goes to whichever writer asks at the right moment, so with ten
    writers some saves waited seconds while others went ahead. A writer waiting here sleeps in
    the kernel (``flock``) and wakes as soon as the turn is free: a save waits about as long as
    the saves before it take. The turn only orders qikit's writers; SQLite's own locks still
    guard the file, so a writer without a turn (another tool, a folder where the lock file
    cannot be made) is safe, only slower.
    """

    def __init__(self, store: Path) -> None:
        self._path = Path(f"{store}-lock")
        self._fd: int | None = None
        self._pid = 0

    def _file(self) -> int | None:
        """Return the open lock file (opened again in a forked child), or None without one."""
        if fcntl is None:
            return None
        if self._fd is not None and self._pid == os.getpid():
            return self._fd
        try:
            self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError:  # a read-only folder or a stray folder of that name: SQLite alone
            self._fd = None
        self._pid = os.getpid()
        return self._fd

    @contextmanager
    def held(self, timeout: float) -> Iterator[None]:
        """Wait (at most ``timeout`` seconds) for this writer's turn, and hold it meanwhile."""
        fd = self._file()
        if fd is None:
            yield
            return
        if not self._take(fd, timeout):
            raise StoreError(
                "The store has been busy for two minutes, so this change was not saved. "
                "Your text is still on the screen: try again in a moment."
            )
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)

    def _take(self, fd: int, timeout: float) -> bool:
        """Return whether the turn was taken within ``timeout`` seconds."""
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            pass
        # flock() cannot time out, so a helper thread waits and this one waits for it; if the
        # wait is given up, the helper lets the turn go the moment it gets it.
        taken = threading.Event()
        guard = threading.Lock()
        abandoned = False

        def wait() -> None:
            fcntl.flock(fd, fcntl.LOCK_EX)
            with guard:
                if abandoned:
                    fcntl.flock(fd, fcntl.LOCK_UN)
                    os.close(fd)
                    return
                taken.set()

        threading.Thread(target=wait, name="qikit-store-turn", daemon=True).start()
        if taken.wait(timeout):
            return True
        with guard:
            if taken.is_set():
                return True
            abandoned = True
            self._fd = None  # the helper closes this file; the next save opens another
        return False

    def close(self) -> None:
        """Close the lock file (the lock file itself stays: it holds nothing)."""
        if self._fd is not None and self._pid == os.getpid():
            os.close(self._fd)
        self._fd = None


#: SQLite's primary result codes for a write the disk or the file system refused.
_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = 3, 8, 10, 13, 14
#: The operating system's codes for the same: no space (or the file-size limit), not writable.
_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG})
_READ_ONLY_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def _write_fault(error: BaseException) -> str | None:
    """Return which write fault ``error`` is ("full", "read-only", "write"), or None.

    SQLite says "database or disk is full" (SQLITE_FULL) when the disk has no room, "attempt
    to write a readonly database" (SQLITE_READONLY) when its file cannot be written, "unable to
    open database file" (SQLITE_CANTOPEN) when the journal beside it cannot be made (a
    read-only folder: the folder was checked to exist before opening) and "disk I/O error"
    (SQLITE_IOERR) when a write failed for another reason (the file-size limit among them).
    """
    if isinstance(error, sqlite3.Error):
        code = getattr(error, "sqlite_errorcode", None)
        primary = code & 0xFF if isinstance(code, int) else None
        text = str(error).lower()
        if primary == _SQLITE_FULL or "disk is full" in text:
            return "full"
        if primary in (_SQLITE_READONLY, _SQLITE_PERM, _SQLITE_CANTOPEN) or "readonly" in text:
            return "read-only"
        if primary == _SQLITE_IOERR or "disk i/o error" in text:
            return "write"
    elif isinstance(error, OSError):
        if error.errno in _FULL_ERRNOS:
            return "full"
        if error.errno in _READ_ONLY_ERRNOS:
            return "read-only"
    return None


_SAVE_FAULTS = {
    "full": store_words.DISK_FULL,
    "read-only": store_words.READ_ONLY,
    "write": store_words.WRITE_FAILED,
}
_OPEN_FAULTS = {
    "full": store_words.OPEN_DISK_FULL,
    "read-only": store_words.OPEN_READ_ONLY,
    "write": store_words.OPEN_WRITE_FAILED,
}


def default_author() -> str:
    """Return the operating-system user name, used when a participant gave no name."""
    try:
        return getpass.getuser() or "unknown"
    except Exception:  # getpass raises several kinds of error on odd systems
        return "unknown"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _check_key(team: str, kind: str, record_id: str) -> None:
    if team != COHORT_SCOPE and not is_slug(team):
        raise DataError(
            "team",
            "a team code of lowercase letters, digits and dashes (for example ward-3-porters)",
            team,
        )
    if not isinstance(kind, str) or not _KIND.match(kind):
        raise DataError("kind", "a record kind such as charter or cause", kind)
    if not isinstance(record_id, str) or not _RECORD_ID.match(record_id):
        raise DataError("record id", "up to 64 letters, digits, dashes or underscores", record_id)


def _check_draft_key(team: str, key: str) -> None:
    _check_key(team, "draft", "x")
    if not isinstance(key, str) or not _DRAFT_KEY.match(key):
        raise DataError("draft key", "a name such as fishbone.cause", key)


def _check_author(author: str) -> str:
    if not isinstance(author, str) or not author.strip():
        raise DataError("author", "the name of the person saving", author, "Give your name.")
    if not _is_whole_text(author):
        raise DataError("author", "a name made of whole characters", "a broken character")
    if len(author) > 200:
        raise DataError("author", "a name of at most 200 characters", f"{len(author)} characters")
    return author


def _is_whole_text(text: str) -> bool:
    # A lone surrogate (half of a UTF-16 pair, e.g. from a cut-off emoji) cannot be stored.
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _same(a: Any, b: Any) -> bool:
    """Return whether two JSON values are the same, type included (1, 1.0 and true differ)."""
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def _dumps(data: Mapping[str, Any]) -> str:
    try:
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise DataError(
            "record",
            "text, numbers, true/false, lists and groups of those",
            "a number that is not an ordinary number (NaN or infinity)"
            if "float" in str(error)
            else "a value of another kind",
            "This value cannot be saved as it is; report this to your mentor.",
        ) from None
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        raise DataError(
            "record",
            "text made of whole characters",
            "a broken character (half of an emoji or symbol)",
            "Type or paste that text again: part of a character was lost on the way.",
        ) from None
    if size > MAX_RECORD_BYTES:
        raise DataError(
            "record",
            f"at most {MAX_RECORD_BYTES:,} bytes",
            f"{size:,} bytes",
            "This entry is far too long to save: shorten it or split it into several.",
        )
    return text


def describe_file(path: Path) -> str:
    """Return a short plain description of what a file seems to be (for error messages)."""
    try:
        head = path.read_bytes()[:512]
    except OSError as error:
        return f"a file that cannot be read ({error.strerror})"
    if head.startswith(_SQLITE_HEADER):
        return "an SQLite database"
    signatures = {
        b"PK\x03\x04": "a ZIP archive (or an Excel/Word file)",
        b"%PDF": "a PDF document",
        b"\x89PNG": "a PNG picture",
        b"\xff\xd8\xff": "a JPEG picture",
    }
    for magic, what in signatures.items():
        if head.startswith(magic):
            return what
    stripped = head.lstrip()
    if stripped.startswith((b"{", b"[")):
        return "a JSON or text file"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return "a binary file of unknown kind"
    return "a text file"


class SqliteStore:
    """A qikit store in one SQLite file. Safe to use from several processes at once."""

    def __init__(
        self, path: str | os.PathLike[str], *, create: bool = True, read_only: bool = False
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._turn = _WriterTurn(self.path)
        self._refuse_foreign_file(create and not read_only)
        try:
            self._connection = sqlite3.connect(
                # mode=ro: SQLite itself refuses every write, so reading can never change a store.
                f"{self.path.resolve().as_uri()}?mode=ro" if read_only else self.path,
                timeout=LOCK_WAIT_SECONDS,
                isolation_level=None,
                uri=read_only,
            )
        except sqlite3.Error as error:
            raise StoreError(
                f"Cannot open the store {self.path}: {error}. Check that the folder exists and "
                "that you may write to it."
            ) from None
        try:
            self._refuse_foreign_database()
            if read_only:
                self._check_schema_read_only()
            else:
                self._configure()
                self._open_schema()
        except (sqlite3.DatabaseError, OSError) as error:
            self.close()
            fault = _write_fault(error)
            if fault is not None:
                raise StoreFault(_OPEN_FAULTS[fault].format(path=self.path)) from error
            if isinstance(error, OSError):
                raise
            raise StoreError(
                f"{self.path} could not be read as a qikit store ({error}). It may be damaged. "
                "Nothing was changed: restore it from a backup or an export, or ask your QI lead."
            ) from None
        except BaseException:
            self.close()
            raise

    # -- opening -------------------------------------------------------------------------------

    def _refuse_foreign_file(self, create: bool) -> None:
        if self.path.is_dir():
            raise StoreError(f"{self.path} is a folder, not a store file. Give a file name.")
        if not self.path.exists():
            if not create:
                raise StoreError(f"There is no store at {self.path}. Check the path.")
            if not self.path.parent.is_dir():
                raise StoreError(
                    f"The folder {self.path.parent} does not exist. Create it first or choose "
                    "another place for the store."
                )
            return
        if self.path.stat().st_size == 0:
            # An empty file holds nothing to lose (and is what a store killed while being
            # created leaves behind), so it may become a store, but only when creating is allowed.
            if not create:
                raise StoreError(
                    f"{self.path} is an empty file, not a qikit store. It was left as it is. "
                    "Check the path."
                )
            return
        what = describe_file(self.path)
        if what != "an SQLite database":
            raise StoreError(
                f"{self.path} is not a qikit store: it looks like {what}. It was left as it is. "
                "Choose a different file name for the store."
            )

    def _header(self) -> tuple[int, int, set[str]]:
        """Return (application id, schema version, table names), read as one snapshot.

        The three are read in one read transaction: read one by one, another process could
        create the store between them, and a half-read new store (tables there, id not yet
        seen) would look like somebody else's database.
        """
        connection = self._connection

        def read() -> tuple[int, int, set[str]]:
            connection.execute("BEGIN DEFERRED")
            try:
                app_id = connection.execute("PRAGMA application_id").fetchone()[0]
                version = connection.execute("PRAGMA user_version").fetchone()[0]
                tables = {
                    row[0]
                    for row in connection.execute(
                        "SELECT name FROM sqlite_master WHERE type = 'table'"
                    )
                }
            finally:
                connection.execute("COMMIT")
            return int(app_id), int(version), tables

        return self._retry(read)

    def _refuse_foreign_database(self) -> None:
        """Check, before changing anything, that an existing database is a qikit store."""
        app_id, version, tables = self._header()
        blank = not tables and app_id == 0 and version == 0
        ours = app_id == APPLICATION_ID and "qikit_meta" in tables
        # Checked here, before _configure() switches the file to WAL (which writes to it).
        if not (blank or ours):
            holds = f"the tables {', '.join(sorted(tables))}" if tables else "no tables"
            raise StoreError(
                f"{self.path} is an SQLite database but not a qikit store (it holds {holds}). "
                "It was left as it is: choose a different file name for the store."
            )

    def _configure(self) -> None:
        run = self._connection.execute
        run(f"PRAGMA busy_timeout = {int(LOCK_WAIT_SECONDS * 1000)}")
        mode = self._retry(lambda: run("PRAGMA journal_mode = WAL").fetchone()[0])
        if str(mode).lower() != "wal":
            raise StoreError(
                f"The store {self.path} could not switch to safe-saving (WAL) mode; it may be on "
                "a network drive. Keep the cohort folder on a local disk."
            )
        run("PRAGMA synchronous = FULL")
        run("PRAGMA foreign_keys = ON")

    def _open_schema(self) -> None:
        def check_or_create(connection: sqlite3.Connection) -> int:
            app_id = connection.execute("PRAGMA application_id").fetchone()[0]
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            tables = {
                row[0]
                for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if not tables and app_id == 0 and version == 0:
                # One statement at a time: executescript() would commit the transaction.
                for statement in _SCHEMA_V1.split(";"):
                    if statement.strip():
                        connection.execute(statement)
                self._stamp(connection, 1)
                return 1
            if app_id != APPLICATION_ID or "qikit_meta" not in tables:
                raise StoreError(
                    f"{self.path} is an SQLite database but not a qikit store "
                    f"(it holds the tables {', '.join(sorted(tables)) or 'none'}). It was "
                    "left as it is: choose a different file name for the store."
                )
            return int(version)

        version = self._transaction(check_or_create)
        if version > SCHEMA_VERSION:
            raise self._newer_schema(version)
        while version < SCHEMA_VERSION:
            step = UPGRADES.get(version)
            if step is None:
                raise StoreError(
                    f"{self.path} uses store format {version}, which this qikit cannot upgrade. "
                    "Export it with the qikit that made it, then import the export."
                )

            def upgrade(
                connection: sqlite3.Connection,
                step: Callable[[sqlite3.Connection], None] = step,
                at: int = version,
            ) -> None:
                current = connection.execute("PRAGMA user_version").fetchone()[0]
                if current != at:  # another process upgraded it meanwhile
                    return
                step(connection)
                self._stamp(connection, at + 1)

            self._transaction(upgrade)
            version += 1

    def _newer_schema(self, version: int) -> StoreError:
        return StoreError(
            f"{self.path} was written by a newer version of qikit (store format {version}; "
            f"this qikit reads up to {SCHEMA_VERSION}). Nothing was changed: update qikit "
            "(make demo or pip install -U qikit) and try again."
        )

    def _check_schema_read_only(self) -> None:
        """Check, writing nothing, that the store holds the schema this qikit reads."""
        self._connection.execute(f"PRAGMA busy_timeout = {int(LOCK_WAIT_SECONDS * 1000)}")
        app_id, version, _ = self._header()
        if app_id != APPLICATION_ID:  # a blank database: nothing has made it a store yet
            raise StoreError(
                f"{self.path} is an empty database, not a qikit store yet. It was left as it is. "
                "Check the path."
            )
        if version > SCHEMA_VERSION:
            raise self._newer_schema(version)
        if version < SCHEMA_VERSION and version not in READABLE_AS_IS:
            raise StoreError(
                f"{self.path} uses the older store format {version}, which is upgraded only when "
                "it is opened for writing. Nothing was changed: open it once with qikit serve "
                "(or any qikit command that saves), then try again."
            )

    @staticmethod
    def _stamp(connection: sqlite3.Connection, version: int) -> None:
        connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.execute(f"PRAGMA user_version = {int(version)}")
        connection.execute(
            "INSERT INTO qikit_meta (key, value) VALUES ('schema_version', ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (str(version),),
        )
        connection.execute(
            "INSERT OR IGNORE INTO qikit_meta (key, value) VALUES ('created_at', ?)", (_now(),)
        )

    # -- transactions --------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, holding the write lock from the start (BEGIN IMMEDIATE)."""
        if self.read_only:
            raise StoreError(
                f"The store {self.path} was opened for reading only: nothing was saved."
            )
        connection = self._connection
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield connection
            connection.execute("COMMIT")
        except BaseException:
            # SQLite rolls some failures back itself (a full disk, an I/O error): then there is
            # no transaction left, and a second ROLLBACK would hide the real error.
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise

    def _retry(self, work: Callable[[], T]) -> T:
        """Run ``work``, waiting and retrying while another process holds the lock."""
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        delay = 0.005
        while True:
            try:
                return work()
            except sqlite3.OperationalError as error:
                message = str(error).lower()
                if "locked" not in message and "busy" not in message:
                    raise
                if time.monotonic() > deadline:
                    raise StoreError(
                        "The store has been busy for two minutes, so this change was not saved. "
                        "Your text is still on the screen: try again in a moment."
                    ) from None
                time.sleep(delay * (0.5 + random.random()))
                delay = min(delay * 2, 0.5)

    def _transaction(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Return what ``work`` returns, run in one write transaction, retried while locked."""

        def attempt() -> T:
            with self._write() as connection:
                return work(connection)

        try:
            with self._turn.held(LOCK_WAIT_SECONDS):
                return self._retry(attempt)
        except (sqlite3.Error, OSError) as error:
            fault = _write_fault(error)
            if fault is None:
                raise
            raise StoreFault(_SAVE_FAULTS[fault]) from error

    @staticmethod
    def _current(
        connection: sqlite3.Connection, team: str, kind: str, record_id: str
    ) -> tuple[Any, ...] | None:
        """Return the record's row (version, data, deleted, created_at), deleted or not."""
        row: tuple[Any, ...] | None = connection.execute(
            "SELECT version, data, deleted, created_at FROM records "
            "WHERE team = ? AND kind = ? AND record_id = ?",
            (team, kind, record_id),
        ).fetchone()
        return row

    # -- reading -------------------------------------------------------------------------------

    def _read(self, query: str, parameters: tuple[Any, ...] = ()) -> builtins.list[Any]:
        """Return the rows ``query`` selects, waiting while another process holds the lock."""
        return self._retry(lambda: self._connection.execute(query, parameters).fetchall())

    def get(self, team: str, kind: str, record_id: str) -> StoredRecord | None:
        """Return the current record, or None if it does not exist (or was deleted)."""
        _check_key(team, kind, record_id)
        rows = self._read(
            "SELECT team, kind, record_id, version, data, updated_at, updated_by "
            "FROM records WHERE team = ? AND kind = ? AND record_id = ? AND deleted = 0",
            (team, kind, record_id),
        )
        return _record(rows[0]) if rows else None  # the key is unique: one row at most

    def list(self, team: str, kind: str | None = None) -> builtins.list[StoredRecord]:
        """Return the team's current records (of one kind, or all), ordered by kind and id."""
        _check_key(team, kind or "any", "x")
        query = (
            "SELECT team, kind, record_id, version, data, updated_at, updated_by FROM records "
            "WHERE team = ? AND deleted = 0"
        )
        parameters: tuple[str, ...] = (team,)
        if kind is not None:
            query += " AND kind = ?"
            parameters += (kind,)
        query += " ORDER BY kind, record_id"
        return [_record(row) for row in self._read(query, parameters)]

    def teams(self) -> builtins.list[str]:
        """Return the slugs of every team with at least one current record."""
        rows = self._read("SELECT DISTINCT team FROM records WHERE deleted = 0 ORDER BY team")
        return [row[0] for row in rows if row[0] != COHORT_SCOPE]

    def team_histories(self) -> dict[str, TeamHistory]:
        """Return ``{team: TeamHistory(newest id, number of rows)}`` for every team with history.

        One ``GROUP BY`` over the history table (~1 ms for a cohort of 30 teams): the mentor
        review compares it with what it saw last time to find the teams whose work changed.
        """
        rows = self._retry(
            lambda: self._connection.execute(
                "SELECT team, max(id), count(*) FROM history GROUP BY team ORDER BY team"
            ).fetchall()
        )
        return {
            str(team): TeamHistory(int(newest), int(count))
            for team, newest, count in rows
            if team != COHORT_SCOPE
        }

    def history(self, team: str, kind: str, record_id: str) -> builtins.list[HistoryEntry]:
        """Return every change to the record, oldest first."""
        _check_key(team, kind, record_id)
        rows = self._read(
            "SELECT team, kind, record_id, version, action, changed, data, at, author "
            "FROM history WHERE team = ? AND kind = ? AND record_id = ? ORDER BY version, id",
            (team, kind, record_id),
        )
        return [_entry(row) for row in rows]

    def team_history(self, team: str, kinds: Collection[str]) -> builtins.list[HistoryEntry]:
        """Return every change to the team's records of ``kinds``, deleted records included,
        in the order the changes were made."""
        wanted = sorted(set(kinds))
        for kind in wanted:
            _check_key(team, kind, "x")
        if not wanted:
            return []
        marks = ", ".join("?" for _ in wanted)
        rows = self._read(
            "SELECT team, kind, record_id, version, action, changed, data, at, author "
            f"FROM history WHERE team = ? AND kind IN ({marks}) ORDER BY id",
            (team, *wanted),
        )
        return [_entry(row) for row in rows]

    def draft(self, team: str, key: str) -> Draft | None:
        """Return the text left in the team's "Add a …" box named ``key``, or None."""
        _check_draft_key(team, key)
        if self.read_only and self.schema_version() < 2:  # read as it is: no drafts table yet
            return None
        rows = self._read(
            "SELECT team, key, text, at, author FROM drafts WHERE team = ? AND key = ?",
            (team, key),
        )
        return Draft(*rows[0]) if rows else None

    def save_draft(self, team: str, key: str, text: str, *, author: str) -> None:
        """Keep ``text`` as the team's draft for the box ``key`` ("" forgets it).

        A draft is not a record: no history, no version, nothing the progress score or the
        mentor review sees. It is saved like everything else (one transaction, on disk when
        this returns), because leaving the page is exactly when it is needed.
        """
        _check_draft_key(team, key)
        author = _check_author(author)
        if not isinstance(text, str) or not _is_whole_text(text):
            raise DataError("draft", "text made of whole characters", "a broken character")
        if len(text) > MAX_DRAFT_CHARS:
            raise DataError(
                "draft", f"at most {MAX_DRAFT_CHARS:,} characters", f"{len(text):,} characters"
            )

        def work(connection: sqlite3.Connection) -> None:
            if not text:
                connection.execute("DELETE FROM drafts WHERE team = ? AND key = ?", (team, key))
                return
            connection.execute(
                "INSERT INTO drafts (team, key, text, at, author) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (team, key) DO UPDATE SET text = excluded.text, at = excluded.at, "
                "author = excluded.author",
                (team, key, text, _now(), author),
            )

        self._transaction(work)

    # -- writing -------------------------------------------------------------------------------

    def save(
        self,
        team: str,
        kind: str,
        record_id: str,
        changes: Mapping[str, Any],
        *,
        author: str,
        validate: Callable[[RecordData], object] | None = None,
    ) -> StoredRecord:
        """Create the record or merge ``changes`` (top-level fields) into it; return the result.

        A field set to the value it already has is not a change: saving nothing new writes
        nothing and adds no history. ``validate`` is called with the merged record inside the
        transaction — two people's valid edits can combine into an invalid record — and a
        DataError it raises cancels the save.
        """
        _check_key(team, kind, record_id)
        author = _check_author(author)
        if not isinstance(changes, Mapping) or not all(isinstance(k, str) for k in changes):
            raise DataError("changes", "field names with their new values", type(changes).__name__)
        _dumps(changes)  # refuse unsaveable values before taking the lock

        def work(connection: sqlite3.Connection) -> StoredRecord:
            row = self._current(connection, team, kind, record_id)
            now = _now()
            if row is None or row[2]:
                merged = dict(changes)
                version = 1 if row is None else row[0] + 1
                action, changed = "create", sorted(merged)
                created_at = now if row is None else row[3]
            else:
                current = json.loads(row[1])
                changed = sorted(
                    k for k, v in changes.items() if k not in current or not _same(current[k], v)
                )
                if not changed:
                    return StoredRecord(team, kind, record_id, row[0], current, "", "")
                merged = {**current, **changes}
                version, action, created_at = row[0] + 1, "update", row[3]
            if validate is not None:
                validate(merged)
            text = _dumps(merged)
            connection.execute(
                "INSERT INTO records (team, kind, record_id, version, data, deleted, "
                "created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?) "
                "ON CONFLICT (team, kind, record_id) DO UPDATE SET version = excluded.version, "
                "data = excluded.data, deleted = 0, updated_at = excluded.updated_at, "
                "updated_by = excluded.updated_by",
                (team, kind, record_id, version, text, created_at, now, author),
            )
            self._log(
                connection, team, kind, record_id, version, action, changed, text, now, author
            )
            return StoredRecord(team, kind, record_id, version, merged, now, author)

        result = self._transaction(work)
        if not result.updated_at:  # nothing changed: report the stored record as it is
            return self.get(team, kind, record_id) or result
        return result

    def delete(self, team: str, kind: str, record_id: str, *, author: str) -> None:
        """Delete the record; its history is kept, so it can be restored."""
        _check_key(team, kind, record_id)
        author = _check_author(author)

        def work(connection: sqlite3.Connection) -> None:
            row = self._current(connection, team, kind, record_id)
            if row is None or row[2]:  # no such record, or already deleted
                return
            now = _now()
            version = row[0] + 1
            connection.execute(
                "UPDATE records SET deleted = 1, version = ?, updated_at = ?, updated_by = ? "
                "WHERE team = ? AND kind = ? AND record_id = ?",
                (version, now, author, team, kind, record_id),
            )
            self._log(connection, team, kind, record_id, version, "delete", [], None, now, author)

        self._transaction(work)

    def restore(
        self, team: str, kind: str, record_id: str, version: int, *, author: str
    ) -> StoredRecord:
        """Make an earlier version current again (recorded as a new version)."""
        _check_key(team, kind, record_id)
        author = _check_author(author)

        def work(connection: sqlite3.Connection) -> StoredRecord:
            old = connection.execute(
                "SELECT data FROM history WHERE team = ? AND kind = ? AND record_id = ? "
                "AND version = ? AND data IS NOT NULL",
                (team, kind, record_id, int(version)),
            ).fetchone()
            if old is None:
                raise DataError(
                    "version",
                    "a version of this record that held data",
                    version,
                    "Pick a version from the record's history.",
                )
            row = self._current(connection, team, kind, record_id)
            current = {} if row is None or row[2] else json.loads(row[1])
            restored = json.loads(old[0])
            changed = sorted(
                k
                for k in set(current) | set(restored)
                if k not in current or k not in restored or not _same(current[k], restored[k])
            )
            now = _now()
            assert row is not None  # a version in the history means the record's row exists
            new_version = row[0] + 1
            connection.execute(
                "UPDATE records SET version = ?, data = ?, deleted = 0, updated_at = ?, "
                "updated_by = ? WHERE team = ? AND kind = ? AND record_id = ?",
                (new_version, old[0], now, author, team, kind, record_id),
            )
            self._log(
                connection, team, kind, record_id, new_version, "restore", changed, old[0],
                now, author,
            )  # fmt: skip
            return StoredRecord(team, kind, record_id, new_version, restored, now, author)

        return self._transaction(work)

    @staticmethod
    def _log(
        connection: sqlite3.Connection,
        team: str,
        kind: str,
        record_id: str,
        version: int,
        action: str,
        changed: builtins.list[str],
        data: str | None,
        at: str,
        author: str,
    ) -> None:
        connection.execute(
            "INSERT INTO history (team, kind, record_id, version, action, changed, data, at, "
            "author) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (team, kind, record_id, version, action, json.dumps(changed), data, at, author),
        )

    # -- room sessions -------------------------------------------------------------------------

    def _has_rooms(self) -> bool:
        # A reader of an older store (read as it is) has no room tables: no sessions there.
        return not (self.read_only and self.schema_version() < 3)

    @staticmethod
    def _room_row(connection: sqlite3.Connection, code: str) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = connection.execute(
            "SELECT code, title, question, round, opened_at, closed_at FROM room_sessions "
            "WHERE code = ?",
            (code,),
        ).fetchone()
        return row

    def open_room(
        self, code: str, title: str, question: RoomQuestion, *, author: str
    ) -> RoomSession:
        """Start a room session under ``code`` (round 1 of ``question``); return it.

        Raises
        ------
        DataError
            The code is not a room code, the title is empty or too long, or a session with
            this code already exists (make another code).
        """
        code = _check_room_code(code)
        author = _check_author(author)
        if not isinstance(question, RoomQuestion):
            raise DataError("question", "a RoomQuestion", type(question).__name__)
        if not isinstance(title, str) or not title.strip() or not _is_whole_text(title):
            raise DataError("room title", "a few words naming the session", title)
        if len(title) > MAX_ROOM_TITLE_CHARS:
            raise DataError(
                "room title", f"at most {MAX_ROOM_TITLE_CHARS} characters", f"{len(title)}"
            )
        asked = json.dumps(question.to_json(), ensure_ascii=False, sort_keys=True)

        def work(connection: sqlite3.Connection) -> RoomSession:
            if self._room_row(connection, code) is not None:
                raise DataError("room code", "a code no other session uses", code)
            now = _now()
            connection.execute(
                "INSERT INTO room_sessions (code, title, question, round, opened_at, opened_by, "
                "closed_at) VALUES (?, ?, ?, 1, ?, ?, NULL)",
                (code, title, asked, now, author),
            )
            return RoomSession(code, title, question, 1, now, None)

        return self._transaction(work)

    def room(self, code: str) -> RoomSession | None:
        """Return the room session with this code (open or closed), or None."""
        if not is_session_code(code) or not self._has_rooms():
            return None
        rows = self._read(
            "SELECT code, title, question, round, opened_at, closed_at FROM room_sessions "
            "WHERE code = ?",
            (normalise_code(code),),
        )
        return _session(rows[0]) if rows else None

    def ask_room(self, code: str, question: RoomQuestion, *, author: str) -> RoomSession:
        """Ask the room a new question: the round goes up by one, earlier answers are kept."""
        code = _check_room_code(code)
        _check_author(author)
        if not isinstance(question, RoomQuestion):
            raise DataError("question", "a RoomQuestion", type(question).__name__)
        asked = json.dumps(question.to_json(), ensure_ascii=False, sort_keys=True)

        def work(connection: sqlite3.Connection) -> RoomSession:
            row = self._open_room_row(connection, code)
            connection.execute(
                "UPDATE room_sessions SET question = ?, round = round + 1 WHERE code = ?",
                (asked, code),
            )
            return RoomSession(code, row[1], question, row[3] + 1, row[4], None)

        return self._transaction(work)

    def _open_room_row(self, connection: sqlite3.Connection, code: str) -> tuple[Any, ...]:
        row = self._room_row(connection, code)
        if row is None:
            raise _refused(room_words.NO_ROOM, "code")
        if row[5] is not None:
            raise _refused(room_words.CLOSED_ROOM, "code")
        return row

    def add_room_entry(self, code: str, sender: str, text: str) -> RoomEntry:
        """Check ``text`` against the session's current question and keep it; return it.

        The check runs inside the transaction that keeps the answer, so the question cannot
        change between them and two phones sending the same idea at once cannot both get in.

        Raises
        ------
        DataError
            With a plain message a phone shows as it is: no such room, a closed room, a second
            answer from the same phone to a one-each question, an idea already sent (capitals
            and spaces ignored), text in a number box, or a number out of range.
        """
        if not is_session_code(code):
            raise _refused(room_words.NOT_A_CODE, "code")
        code = normalise_code(code)
        if not isinstance(sender, str) or not _SENDER.match(sender):
            raise DataError("sender", "the phone's token of letters, digits and dashes", sender)
        if not isinstance(text, str):
            raise DataError("answer", "text", type(text).__name__)

        def work(connection: sqlite3.Connection) -> RoomEntry:
            row = self._open_room_row(connection, code)
            question = RoomQuestion.from_json(json.loads(row[2]))
            current_round = int(row[3])
            answer = parse_answer(question, text)
            if (
                question.one_each
                and connection.execute(
                    "SELECT 1 FROM room_entries WHERE code = ? AND round = ? AND sender = ?",
                    (code, current_round, sender),
                ).fetchone()
            ):
                raise _refused(room_words.ALREADY_SENT)
            key = None
            if question.kind is AnswerKind.IDEA:
                key = same_idea_key(str(answer))
                if connection.execute(
                    "SELECT 1 FROM room_entries WHERE code = ? AND round = ? AND idea_key = ?",
                    (code, current_round, key),
                ).fetchone():
                    raise _refused(room_words.SAME_IDEA)
            number = float(answer) if isinstance(answer, float) else None
            shown = text.strip() if number is not None else str(answer)
            now = _now()
            cursor = connection.execute(
                "INSERT INTO room_entries (code, round, sender, number, text, idea_key, at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (code, current_round, sender, number, shown, key, now),
            )
            entry_id = cursor.lastrowid
            assert entry_id is not None  # an INSERT into a rowid table always gives one
            return RoomEntry(entry_id, code, current_round, sender, number, shown, now)

        return self._transaction(work)

    def room_entries(
        self, code: str, *, after: int = 0, round: int | None = None
    ) -> builtins.list[RoomEntry]:
        """Return the session's answers with an id above ``after`` (of one round), by id.

        The trainer's panel asks every half second with the last id it has seen, so each
        poll reads only what is new (one indexed query).
        """
        if not is_session_code(code) or not self._has_rooms():
            return []
        query = (
            "SELECT id, code, round, sender, number, text, at FROM room_entries "
            "WHERE code = ? AND id > ?"
        )
        parameters: tuple[Any, ...] = (normalise_code(code), int(after))
        if round is not None:
            query += " AND round = ?"
            parameters += (int(round),)
        rows = self._read(query + " ORDER BY id", parameters)
        return [RoomEntry(*row) for row in rows]

    def close_room(self, code: str) -> None:
        """Close the session: it takes no more answers (the answers are kept)."""
        code = _check_room_code(code)

        def work(connection: sqlite3.Connection) -> None:
            connection.execute(
                "UPDATE room_sessions SET closed_at = ? WHERE code = ? AND closed_at IS NULL",
                (_now(), code),
            )

        self._transaction(work)

    def schema_version(self) -> int:
        """Return the store's schema version."""
        return int(self._connection.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        """Release the connection (the file stays consistent whether or not this is called)."""
        self._connection.close()
        self._turn.close()

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _refused(message: str, key: str = "answer") -> FieldError:
    # The phone shows the message as it is: it is the whole reply, not a field report.
    return FieldError(key, key, "another " + key, message=message)


def _check_room_code(code: str) -> str:
    if not is_session_code(code):
        raise _refused(room_words.NOT_A_CODE, "code")
    return normalise_code(code)


def _session(row: tuple[Any, ...]) -> RoomSession:
    question = RoomQuestion.from_json(json.loads(row[2]))
    return RoomSession(row[0], row[1], question, int(row[3]), row[4], row[5])


def _entry(row: tuple[Any, ...]) -> HistoryEntry:
    return HistoryEntry(
        team=row[0],
        kind=row[1],
        record_id=row[2],
        version=row[3],
        action=row[4],
        changed=tuple(json.loads(row[5])),
        data=None if row[6] is None else json.loads(row[6]),
        at=row[7],
        author=row[8],
    )


def _record(row: tuple[Any, ...]) -> StoredRecord:
    return StoredRecord(
        team=row[0],
        kind=row[1],
        record_id=row[2],
        version=row[3],
        data=json.loads(row[4]),
        updated_at=row[5],
        updated_by=row[6],
    )


def open_store(
    path: str | os.PathLike[str], *, create: bool = True, read_only: bool = False
) -> SqliteStore:
    """Return the store at ``path``, opened (or created when ``create``).

    ``read_only=True`` never creates, upgrades or changes the file, and takes no write lock:
    every save, delete and restore through it raises :class:`StoreError`.
    """
    return SqliteStore(path, create=create, read_only=read_only)


__all__ = [
    "MAX_DRAFT_CHARS",
    "SCHEMA_VERSION",
    "UPGRADES",
    "RecordData",
    "SqliteStore",
    "StoreError",
    "default_author",
    "open_store",
]
