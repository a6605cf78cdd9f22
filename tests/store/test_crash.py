"""A process killed (SIGKILL) in the middle of saving loses nothing the store acknowledged.

The worker (``store_worker.py crash``) saves in a loop and, after each save returns, appends
``record_id value version`` to its own acknowledgement file with flush + fsync. The test kills it
at seeded random moments, then checks the store opens, passes SQLite's integrity check and holds
every acknowledged save. A save that committed but was not yet acknowledged may be there too.
"""

from __future__ import annotations

import importlib.util
import random
import selectors
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from qikit.store.sqlite import SqliteStore

WORKER = Path(__file__).with_name("store_worker.py")


def _worker_constant(name: str) -> str:
    spec = importlib.util.spec_from_file_location("store_worker", WORKER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, name)


CRASH_TEXT = _worker_constant("CRASH_TEXT")

TEAM = "ward-3-porters"
SEED = 20260311
KILLS = 24
#: Each run starts its counter here × run, so values only grow from one run to the next.
RUN_STRIDE = 1_000_000


def _acknowledged(path: Path) -> list[tuple[str, int, int]]:
    """Return the complete lines of an acknowledgement file (a killed write leaves a part line)."""
    if not path.exists():
        return []
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")[:-1]  # the last piece has no newline: unfinished, not acknowledged
    return [(rid, int(value), int(version)) for rid, value, version in map(str.split, lines)]


def _start_and_kill(store: Path, acks: Path, start: int, delay: float) -> None:
    process = subprocess.Popen(
        [sys.executable, str(WORKER), "crash", str(store), TEAM, str(start), str(acks)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(process.stdout, selectors.EVENT_READ)
            ready = selector.select(60) and process.stdout.readline().strip() == "ready"
        if not ready:
            process.kill()
            pytest.fail(f"the worker did not start: {process.communicate()[1]}")
        try:  # the seeded random moment of the kill, not a synchronisation
            process.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            pass
        else:
            pytest.fail(f"the worker stopped by itself: {process.communicate()[1]}")
        process.send_signal(signal.SIGKILL)
        process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == -signal.SIGKILL


def _assert_every_acknowledged_save_is_there(store_path: Path, acks: list) -> None:
    with SqliteStore(store_path) as store:
        records = {r.record_id: r for r in store.list(TEAM)}
        histories: dict[str, dict[int, dict | None]] = {}
        for record_id, value, version in acks:
            kind = "cause" if record_id.startswith("c") else "point"
            record = records.get(record_id)
            assert record is not None, f"acknowledged {record_id} is missing"
            assert record.kind == kind
            # The record now holds that save or a later one from the same (only) worker.
            assert record.version >= version
            assert record.data["n"] >= value
            if record_id not in histories:
                histories[record_id] = {
                    e.version: e.data for e in store.history(TEAM, kind, record_id)
                }
            assert histories[record_id][version]["n"] == value, (record_id, version)
            if kind == "point":
                assert histories[record_id][version]["text"] == f"{CRASH_TEXT}{value}"
    connection = sqlite3.connect(store_path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        connection.close()


def test_killed_writer_loses_no_acknowledged_save(tmp_path: Path) -> None:
    """After each of 24 SIGKILLs at random moments, does the store open, pass the integrity
    check and hold every save the worker was told had been saved?"""
    rng = random.Random(SEED)
    store = tmp_path / "qikit.db"
    acknowledged: list[tuple[str, int, int]] = []
    for run in range(1, KILLS + 1):
        acks = tmp_path / f"acks-{run}.txt"
        _start_and_kill(store, acks, run * RUN_STRIDE, rng.uniform(0.05, 0.4))
        acknowledged += _acknowledged(acks)
        _assert_every_acknowledged_save_is_there(store, acknowledged)
    # The runs really did save: many acknowledged saves, spread over the runs.
    assert len(acknowledged) > KILLS * 10
    assert len({value // RUN_STRIDE for _, value, _ in acknowledged}) > KILLS // 2
