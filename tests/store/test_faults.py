"""A full disk and a read-only store: a plain refusal, and a store that stays whole.

The faults are made for real, not mocked:

- **A full disk** two ways: ``PRAGMA max_page_count`` makes SQLite's own pager refuse to grow
  the file (the SQLITE_FULL a full disk gives), and ``RLIMIT_FSIZE`` in a child process makes
  the kernel refuse writes past a size (a short write, then EFBIG), which is what SQLite meets
  when the disk runs out in the middle of writing its journal.
- **A read-only store**: the tests run as root, and root ignores file modes, so the file (and
  its folder) are made immutable with ``chattr +i``: the kernel then refuses root too (EPERM),
  and SQLite meets exactly what a ``chmod a-w`` gives an ordinary user: its file opens for
  reading only, and nothing can be made beside it. One test also runs as ``nobody`` with the
  file and folder really ``chmod``-ed read-only.
"""

from __future__ import annotations

import hashlib
import json
import os
import pwd
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from qikit.core.wording import store as words
from qikit.store import StoreError, open_store
from qikit.store.sqlite import SqliteStore

TEAM = "ward-3-porters"
ROOT = Path(__file__).resolve().parents[2]
#: The system's Python (3.11 on Debian 12): the store needs only the standard library.
SYSTEM_PYTHON = "/usr/bin/python3"


def fill(store: SqliteStore) -> dict[tuple[str, str], list[dict[str, str]]]:
    """Save a few records (one of them three times); return each record's saved versions."""
    saved: dict[tuple[str, str], list[dict[str, str]]] = {}
    for kind, record_id, texts in (
        ("charter", "main", ["fewer waits", "far fewer waits", "no waits over 10 minutes"]),
        ("cause", "c1", ["no chairs"]),
        ("cause", "c2", ["the list is late"]),
    ):
        for value in texts:
            store.save(TEAM, kind, record_id, {"text": value}, author="Ana")
            saved.setdefault((kind, record_id), []).append({"text": value})
    return saved


def assert_whole(path: Path, saved: dict[tuple[str, str], list[dict[str, str]]]) -> None:
    """Check that the store opens, passes SQLite's integrity check and holds every save."""
    with open_store(path) as store:
        for (kind, record_id), versions in saved.items():
            stored = store.get(TEAM, kind, record_id)
            assert stored is not None and stored.data == versions[-1]
            history = store.history(TEAM, kind, record_id)
            assert [entry.data for entry in history] == versions
            assert [entry.version for entry in history] == list(range(1, len(versions) + 1))
    with sqlite3.connect(path) as check:
        assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


# -- a full disk ---------------------------------------------------------------------------------


def test_a_save_on_a_full_disk_is_a_plain_refusal_and_the_store_stays_whole(
    tmp_path: Path,
) -> None:
    """Does SQLITE_FULL become "the disk is full, tell your QI lead", with nothing half-saved?"""
    path = tmp_path / "qikit.db"
    with open_store(path) as store:
        saved = fill(store)
        pages = store._connection.execute("PRAGMA page_count").fetchone()[0]
        store._connection.execute(f"PRAGMA max_page_count = {pages}")  # not one page more
        big = "a long story " * 2_000  # ~26 kB: needs new pages in records and history
        with pytest.raises(StoreError) as refused:
            store.save(TEAM, "cause", "c3", {"text": big}, author="Ana")
        assert str(refused.value) == words.DISK_FULL
        with pytest.raises(StoreError, match="disk is full"):
            store.save(TEAM, "charter", "main", {"text": big}, author="Ana")  # an update too
        assert not store._connection.in_transaction  # the failed save was rolled back whole
        assert store.get(TEAM, "cause", "c3") is None
        assert store.history(TEAM, "cause", "c3") == []
        # Space is back: the very same open store saves again (no transaction left hanging).
        store._connection.execute("PRAGMA max_page_count = 1073741823")
        store.save(TEAM, "cause", "c3", {"text": big}, author="Ana")
        saved[("cause", "c3")] = [{"text": big}]
    assert_whole(path, saved)


_FSIZE_WORKER = """
import json, resource, signal, sys
from qikit.store import StoreError, open_store

path, limit = sys.argv[1], int(sys.argv[2])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # so write() fails with EFBIG instead of killing us
store = open_store(path)
_, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
acknowledged, refusal = [], None
for number in range(200):
    try:
        store.save("ward-3-porters", "cause", f"x{number}", {"text": f"{number} " * 3_000},
                   author="Ana")
    except StoreError as error:
        refusal = str(error)
        break
    acknowledged.append(f"x{number}")
resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))  # the disk has room again
store.save("ward-3-porters", "cause", "after", {"text": "saved once there was room"},
           author="Ana")
store.close()
print(json.dumps({"acknowledged": acknowledged, "refusal": refusal}))
"""


def test_a_file_size_limit_met_mid_save_loses_no_acknowledged_save(tmp_path: Path) -> None:
    """With the kernel refusing writes past a size, is each returned save kept, and only those?"""
    path = tmp_path / "qikit.db"
    with open_store(path) as store:
        saved = fill(store)
    limit = path.stat().st_size + 64 * 1024  # the journal beside it fills up after a few saves
    result = subprocess.run(
        [sys.executable, "-c", _FSIZE_WORKER, str(path), str(limit)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["refusal"] in (words.DISK_FULL, words.WRITE_FAILED)
    assert 0 < len(report["acknowledged"]) < 200
    for number, record_id in enumerate(report["acknowledged"]):
        saved[("cause", record_id)] = [{"text": f"{number} " * 3_000}]
    saved[("cause", "after")] = [{"text": "saved once there was room"}]
    assert_whole(path, saved)
    with open_store(path) as store:
        kept = {r.record_id for r in store.list(TEAM, "cause")}
    refused = f"x{len(report['acknowledged'])}"
    assert refused not in kept  # the save that was refused left nothing behind


# -- a read-only store ---------------------------------------------------------------------------


def _chattr(flag: str, *paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["chattr", flag, *map(str, paths)], capture_output=True, text=True, check=False
    )


@pytest.fixture
def immutable() -> Iterator[list[Path]]:
    """Paths put in the list are made immutable (``chattr +i``) by ``freeze``; undone after."""
    frozen: list[Path] = []
    if shutil.which("chattr") is None or os.geteuid() != 0:
        pytest.skip("needs root and chattr to make a file read-only for root")
    yield frozen
    if frozen:
        _chattr("-i", *frozen)


def freeze(frozen: list[Path], *paths: Path) -> None:
    """Make ``paths`` immutable for real (skip where the file system has no such flag)."""
    done = _chattr("+i", *paths)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not supported here: {done.stderr.strip()}")
    frozen.extend(paths)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_opening_a_read_only_store_and_folder_is_a_plain_refusal(
    tmp_path: Path, immutable: list[Path]
) -> None:
    """Is a store whose file and folder were made read-only refused in plain words, unchanged?"""
    folder = tmp_path / "cohort"
    folder.mkdir()
    path = folder / "qikit.db"
    with open_store(path) as store:
        saved = fill(store)
    before = digest(path)
    freeze(immutable, path, folder)
    for read_only in (False, True):
        with pytest.raises(StoreError) as refused:
            open_store(path, read_only=read_only)
        assert str(refused.value) == words.OPEN_READ_ONLY.format(path=path)
        assert "damaged" not in str(refused.value)  # it is not: it only cannot be written
    assert digest(path) == before
    _chattr("-i", path, folder)
    assert_whole(path, saved)


def test_a_save_to_a_store_file_made_read_only_is_a_plain_refusal(
    tmp_path: Path, immutable: list[Path]
) -> None:
    """With the file read-only while another page has it open, is a save refused plainly?"""
    path = tmp_path / "qikit.db"
    with open_store(path) as other_page:  # keeps the journal files beside the store
        saved = fill(other_page)
        freeze(immutable, path)
        with open_store(path) as store:
            for attempt in range(2):
                with pytest.raises(StoreError) as refused:
                    store.save(TEAM, "cause", "c3", {"text": f"try {attempt}"}, author="Ana")
                assert str(refused.value) == words.READ_ONLY
                assert not store._connection.in_transaction
            assert store.get(TEAM, "charter", "main") is not None  # reading still works
        _chattr("-i", path)
    assert_whole(path, saved)
    with open_store(path) as store:  # writable again: the next page saves
        store.save(TEAM, "cause", "c3", {"text": "now it saves"}, author="Ana")
        saved[("cause", "c3")] = [{"text": "now it saves"}]
    assert_whole(path, saved)


def test_a_lock_file_that_cannot_be_made_does_not_stop_a_save(
    tmp_path: Path, immutable: list[Path]
) -> None:
    """With the folder read-only and no writer lock file, does SQLite alone still keep the save?"""
    folder = tmp_path / "cohort"
    folder.mkdir()
    path = folder / "qikit.db"
    with open_store(path) as other_page:  # keeps the journal files beside the store
        saved = fill(other_page)
        Path(f"{path}-lock").unlink()
        freeze(immutable, folder)
        with open_store(path) as store:
            store.save(TEAM, "cause", "c3", {"text": "saved without a lock file"}, author="Ana")
        assert not Path(f"{path}-lock").exists()
        saved[("cause", "c3")] = [{"text": "saved without a lock file"}]
        _chattr("-i", folder)
    assert_whole(path, saved)


_NOBODY_WORKER = """
import sys
from qikit.store import StoreError, open_store

for read_only in (False, True):
    try:
        open_store(sys.argv[1], read_only=read_only).close()
    except StoreError as error:
        print(error)
    else:
        print("opened")
"""


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder the user ``nobody`` can reach (pytest's own folders are root's alone)."""
    if os.geteuid() != 0:
        pytest.skip("needs root to run a child process as nobody")
    try:
        pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("no user nobody on this system")
    if not Path(SYSTEM_PYTHON).exists():  # the venv's Python sits in root's home: not nobody's
        pytest.skip(f"needs {SYSTEM_PYTHON}, a Python that nobody may run")
    folder = Path(tempfile.mkdtemp(prefix="qikit-faults-"))
    folder.chmod(0o755)
    yield folder
    for inside in folder.rglob("*"):
        inside.chmod(0o755 if inside.is_dir() else 0o644)
    shutil.rmtree(folder)


def test_a_store_chmod_read_only_is_refused_plainly_for_an_ordinary_user(
    shared_folder: Path,
) -> None:
    """Run as nobody, with the file and its folder chmod-ed read-only: a plain refusal?"""
    folder = shared_folder / "cohort"
    folder.mkdir()
    path = folder / "qikit.db"
    with open_store(path) as store:
        saved = fill(store)
    path.chmod(0o444)
    Path(f"{path}-lock").chmod(0o444)
    folder.chmod(0o555)
    # nobody may not reach the checkout (a clone in a 0700 temporary folder, as CI makes):
    # give it its own copy of the package, in the folder it can reach.
    source = shared_folder / "src"
    shutil.copytree(ROOT / "qikit", source / "qikit", ignore=shutil.ignore_patterns("__pycache__"))
    for inside in (source, *source.rglob("*")):
        inside.chmod(0o755 if inside.is_dir() else 0o644)
    result = subprocess.run(
        [SYSTEM_PYTHON, "-c", _NOBODY_WORKER, str(path)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(source), "HOME": "/tmp"},
        user="nobody",
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    message = words.OPEN_READ_ONLY.format(path=path)
    assert result.stdout.splitlines() == [message, message]
    folder.chmod(0o755)
    path.chmod(0o644)
    assert_whole(path, saved)
