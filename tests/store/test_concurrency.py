"""Several real processes saving into one team of one store file at the same time.

Each worker is a separate Python process (``store_worker.py``) with its own connection, as two
browser tabs or two kernels would be. Workers start together: each prints ``ready`` and waits
for ``go`` on stdin, so no sleep is used to line them up.
"""

from __future__ import annotations

import itertools
import json
import selectors
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from qikit.store.sqlite import APPLICATION_ID, SCHEMA_VERSION, SqliteStore

WORKER = Path(__file__).with_name("store_worker.py")
TEAM = "ward-3-porters"
#: Seconds a worker may take to start, and to finish its saves, before the test fails.
START_TIMEOUT = 60.0
RUN_TIMEOUT = 120.0


def _read_line(process: subprocess.Popen[str], timeout: float) -> str:
    """Return the next line the process prints, failing the test if none comes in time."""
    assert process.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(process.stdout, selectors.EVENT_READ)
        if not selector.select(timeout):
            process.kill()
            pytest.fail(f"worker printed nothing within {timeout} s")
    return process.stdout.readline()


def _run_workers(mode: str, store: Path, workers: int, count: int, tmp_path: Path) -> list[dict]:
    """Start the workers together, wait for them all and return each one's result file."""
    results = [tmp_path / f"{mode}-{worker}.json" for worker in range(workers)]
    processes = [
        subprocess.Popen(
            [sys.executable, str(WORKER), mode, str(store), TEAM, str(w), str(count), str(r)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w, r in enumerate(results)
    ]
    try:
        for process in processes:
            line = _read_line(process, START_TIMEOUT)
            if line.strip() != "ready":
                _, err = process.communicate(timeout=RUN_TIMEOUT)
                pytest.fail(f"a worker failed to start: {line!r}\n{err}")
        for process in processes:  # every worker is ready: let them all go at once
            assert process.stdin is not None
            process.stdin.write("go\n")
            process.stdin.flush()
        outcomes = [process.communicate(timeout=RUN_TIMEOUT) for process in processes]
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
    for process, (_, err) in zip(processes, outcomes, strict=True):
        assert process.returncode == 0, err
        assert err == "", err  # nothing printed: no "database is locked", no warning
    return [json.loads(r.read_text(encoding="utf-8")) for r in results]


def _assert_history_is_a_chain(history) -> None:
    """Does each version follow from the one before, changing only the fields it names?"""
    assert [entry.version for entry in history] == list(range(1, len(history) + 1))
    previous: dict = {}
    for entry in history:
        assert entry.data is not None
        assert set(entry.changed) == {
            key for key in entry.data if previous.get(key, object()) != entry.data[key]
        }
        kept = {key: value for key, value in previous.items() if key not in entry.changed}
        assert {key: entry.data[key] for key in kept} == kept  # nobody's field was dropped
        previous = entry.data


def test_workers_editing_their_own_fields_of_one_record_lose_nothing(tmp_path: Path) -> None:
    """With 6 processes each saving its own field 60 times, is every update kept?"""
    workers, count = 6, 60
    path = tmp_path / "qikit.db"
    SqliteStore(path).close()  # an existing store; the next test starts from no file
    results = _run_workers("fields", path, workers, count, tmp_path)

    for worker, result in enumerate(results):
        assert result["errors"] == []
        versions = [version for _, _, version, _ in result["saves"]]
        assert len(versions) == count
        assert versions == sorted(set(versions))  # each of its saves made a newer version
        assert all(value == returned for _, value, _, returned in result["saves"]), worker

    with SqliteStore(path) as store:
        record = store.get(TEAM, "charter", "main")
        assert record is not None
        assert record.data == {f"w{w}": f"{w}-{count - 1}" for w in range(workers)}
        history = store.history(TEAM, "charter", "main")
        assert len(history) == workers * count
        assert record.version == workers * count
        _assert_history_is_a_chain(history)
        for worker in range(workers):
            values = [e.data[f"w{worker}"] for e in history if f"w{worker}" in e.changed]
            assert values == [f"{worker}-{i}" for i in range(count)]
        # Each worker's own records: all there, each created once.
        causes = store.list(TEAM, "cause")
        assert sorted(r.record_id for r in causes) == sorted(
            f"w{w}-{i}" for w in range(workers) for i in range(count)
        )
        assert all(r.data == {"text": r.record_id[1:]} and r.version == 1 for r in causes)


def test_history_of_ten_writers_counting_in_their_own_fields_never_steps_back(
    tmp_path: Path,
) -> None:
    """With 10 processes each counting up in its own field of one record, is history a true
    sequence: versions 1..n with no gap, and no writer's count ever lower than the version
    before?"""
    workers, count = 10, 40
    path = tmp_path / "qikit.db"
    SqliteStore(path).close()
    results = _run_workers("counter", path, workers, count, tmp_path)
    assert [result["errors"] for result in results] == [[]] * workers

    with SqliteStore(path) as store:
        history = store.history(TEAM, "charter", "main")
        record = store.get(TEAM, "charter", "main")
    assert record is not None
    assert record.data == {f"w{w}": count - 1 for w in range(workers)}
    assert [entry.version for entry in history] == list(range(1, workers * count + 1))
    _assert_history_is_a_chain(history)
    steps_back = [
        (entry.version, key)
        for before, entry in itertools.pairwise(history)
        for key, value in before.data.items()
        if entry.data.get(key, -1) < value
    ]
    assert steps_back == []
    for worker in range(workers):  # each of its saves is one version, in the order it made them
        field = f"w{worker}"
        assert [e.data[field] for e in history if field in e.changed] == list(range(count))


def test_workers_saving_the_same_field_keep_every_save_in_history(tmp_path: Path) -> None:
    """With 4 processes saving one field (into a store none of them has created yet), does the
    last save win and does history hold every save, with versions in order?"""
    workers, count = 4, 40
    path = tmp_path / "fresh.db"
    results = _run_workers("same", path, workers, count, tmp_path)

    saved_at: dict[int, str] = {}
    for result in results:
        assert result["errors"] == []
        versions = [version for _, _, version, _ in result["saves"]]
        assert versions == sorted(set(versions))
        for _, value, version, returned in result["saves"]:
            assert returned == value
            assert version not in saved_at
            saved_at[version] = value

    with SqliteStore(path) as store:
        record = store.get(TEAM, "charter", "main")
        history = store.history(TEAM, "charter", "main")
    assert record is not None
    assert record.data["text"] in {f"{w}-{count - 1}" for w in range(workers)}
    assert record.data["text"] == saved_at[max(saved_at)]
    assert record.version == workers * count
    assert {entry.version: entry.data["text"] for entry in history} == saved_at
    assert [entry.version for entry in history] == list(range(1, workers * count + 1))
    assert [entry.action for entry in history] == ["create"] + ["update"] * (workers * count - 1)
    assert {entry.author for entry in history} == {f"worker-{w}" for w in range(workers)}


def _schema(path: Path) -> tuple[int, int, list[str], list[tuple[str, str]]]:
    """Return (application id, user version, every table, the meta rows), read straight."""
    connection = sqlite3.connect(path)
    try:
        app_id = connection.execute("PRAGMA application_id").fetchone()[0]
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        meta = connection.execute("SELECT key, value FROM qikit_meta ORDER BY key").fetchall()
    finally:
        connection.close()
    return app_id, version, tables, meta


def test_processes_creating_one_new_store_at_once_all_open_it(tmp_path: Path) -> None:
    """When 10 processes open the same new path at the same moment (60 new paths in turn), does
    every one of them open it, and is the store made once, with one schema?"""
    openers, stores = 10, 60
    processes = [
        subprocess.Popen(
            [sys.executable, str(WORKER), "open"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(openers)
    ]
    paths = [tmp_path / f"new-{n}.db" for n in range(stores)]
    replies: list[list[str]] = []
    try:
        for process in processes:
            assert _read_line(process, START_TIMEOUT).strip() == "ready"
        for path in paths:
            for process in processes:  # the same new path to every opener at once
                assert process.stdin is not None
                process.stdin.write(f"{path}\n")
                process.stdin.flush()
            replies.append([_read_line(p, RUN_TIMEOUT).strip() for p in processes])
        # communicate() closes stdin: each opener reads no more paths and ends.
        outcomes = [process.communicate(timeout=RUN_TIMEOUT) for process in processes]
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
    for process, (_, err) in zip(processes, outcomes, strict=True):
        assert process.returncode == 0, err
        assert err == "", err
    replied = zip(paths, replies, strict=True)
    refused = [(path.name, reply) for path, row in replied for reply in row if reply != "ok"]
    assert refused == []
    first = _schema(paths[0])
    assert first[:2] == (APPLICATION_ID, SCHEMA_VERSION)
    assert dict(first[3])["schema_version"] == str(SCHEMA_VERSION)
    for path in paths:
        app_id, version, tables, meta = _schema(path)
        assert (app_id, version, tables) == first[:3]
        assert [key for key, _ in meta] == ["created_at", "schema_version"]
