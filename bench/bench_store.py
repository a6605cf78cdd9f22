"""Benchmark: the SQLite store — one edit, loading a whole team project, ten writers at once.

The ten writers save in a tight loop, so they queue for the one write lock: their latencies show
how fairly the store hands out turns (p99 and max), and the throughput what one disk allows.

Prints markdown tables with the targets beside the figures. Run with ``make bench``. Not a test:
nothing asserts (timings depend on the disk and the machine's load). Everything is written to a
temporary folder that is removed afterwards.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from qikit.store.sqlite import SqliteStore

TEAM = "ward-3-porters"
SAVES = 300
LOADS = 50
WRITERS = 10
WRITER_SAVES = 100
WEEKS = 52
MEASURES = 5
PDSA_CYCLES = 20
CAUSES = 40
#: Targets printed beside the figures (milliseconds).
SAVE_P95_TARGET_MS = 20.0
LOAD_TARGET_MS = 20.0
#: Issue 13: ten writers at once, every save answered within this (99th percentile).
WRITERS_P99_TARGET_MS = 50.0


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:,.2f} ms"


def _times(work: Callable[[], object], repeats: int) -> list[float]:
    work()  # warm up: imports, caches, the first page reads
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return times


# -- a year of a team's project -------------------------------------------------------------------


def project_records() -> list[tuple[str, str, dict[str, Any]]]:
    """Return a team's project after a year: (kind, record_id, data) as the widgets save it."""
    start = dt.date(2025, 4, 7)
    records: list[tuple[str, str, dict[str, Any]]] = [
        ("team", "main", {"name": "Ward 3 porters", "slug": TEAM, "department": "Portering"}),
        (
            "charter",
            "main",
            {
                "problem": "Patients wait too long for a porter after discharge. " * 4,
                "why_it_matters": "Beds are blocked and patients miss transport. " * 3,
                "aim_what": "Porter waiting time",
                "aim_how_much": "from 40 to 15 minutes",
                "aim_by_when": "2026-03-31",
                "aim_for_whom": "patients going home from Ward 3",
            },
        ),
        ("fishbone", "main", {"effect": "Long waits for a porter"}),
        ("process_map", "main", {"title": "From discharge to the front door"}),
    ]
    categories = ["People", "Methods", "Equipment", "Environment"]
    for n in range(CAUSES):
        text = f"Cause {n}: bleeps not answered during the night shift handover 🚑"
        data = {"category": categories[n % 4], "text": text, "tally": n % 7}
        records.append(("cause", f"cause-{n:02d}", data))
    for m in range(MEASURES):
        records.append(
            (
                "measure",
                f"m{m}",
                {"name": f"Measure {m}", "unit": "minutes", "notes": "Collected every Monday."},
            )
        )
        for week in range(WEEKS):
            day = (start + dt.timedelta(weeks=week)).isoformat()
            value = 40.0 - week * 0.4 + (week * 7 % 5)
            data = {"measure_id": f"m{m}", "date": day, "value": value, "note": ""}
            records.append(("point", f"m{m}-w{week:02d}", data))
    for n in range(PDSA_CYCLES):
        records.append(
            (
                "pdsa",
                f"pdsa-{n:02d}",
                {
                    "title": f"Cycle {n}: a second bleep holder at handover",
                    "status": "plan",
                    "objective": "Test whether a second bleep holder cuts waits. " * 3,
                    "prediction": "Waits fall by 10 minutes on the days we try it.",
                    "what_happened": "We tried it on Monday and Tuesday nights. " * 5,
                    "measure_ids": ["m0", "m1"],
                },
            )
        )
    return records


def _load_project(store: SqliteStore) -> Callable[[], object] | None:
    """Return a function that builds the Project from the store, if the model exists."""
    try:
        from qikit.core.model import Project
    except ImportError:
        return None

    def build() -> object:
        return Project.from_records(
            [(r.kind, r.record_id, r.data) for r in store.list(TEAM)], strict=False
        )

    return build


# -- ten writers at once -------------------------------------------------------------------------


def _writer(path: str, worker: int, count: int, barrier: Any, results: Any) -> None:
    latencies: list[float] = []
    errors: list[str] = []
    try:
        with SqliteStore(path) as store:
            barrier.wait(timeout=60)
            for i in range(count):
                started = time.perf_counter()
                try:
                    store.save(TEAM, "charter", "main", {f"w{worker}": i}, author=f"w{worker}")
                except Exception as error:  # counted and printed, never hidden
                    errors.append(f"{type(error).__name__}: {error}")
                latencies.append(time.perf_counter() - started)
    except Exception as error:
        errors.append(f"{type(error).__name__}: {error}")
    results.put((worker, time.perf_counter(), latencies, errors))


def _concurrent_writers(folder: Path) -> tuple[float, list[float], list[str], int]:
    """Return (saves per second, every save's latency, errors, versions in history)."""
    path = folder / "writers.db"
    SqliteStore(path).close()
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(WRITERS + 1)
    results = context.Queue()
    processes = [
        context.Process(target=_writer, args=(str(path), w, WRITER_SAVES, barrier, results))
        for w in range(WRITERS)
    ]
    for process in processes:
        process.start()
    barrier.wait(timeout=120)
    started = time.perf_counter()
    outcomes = [results.get(timeout=300) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    finished = max(end for _, end, _, _ in outcomes)
    latencies = [t for _, _, times, _ in outcomes for t in times]
    errors = [e for _, _, _, errs in outcomes for e in errs]
    errors += [f"writer exit code {p.exitcode}" for p in processes if p.exitcode != 0]
    with SqliteStore(path) as store:
        versions = len(store.history(TEAM, "charter", "main"))
    return WRITERS * WRITER_SAVES / (finished - started), latencies, errors, versions


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="qikit-bench-") as temporary:
        folder = Path(temporary)
        with SqliteStore(folder / "edits.db") as store:
            store.save(TEAM, "charter", "main", {"aim_what": "draft"}, author="bench")
            counter = iter(range(10**9))
            saves = _times(
                lambda: store.save(
                    TEAM, "charter", "main", {"aim_what": f"draft {next(counter)}"}, author="A"
                ),
                SAVES,
            )

        records = project_records()
        with SqliteStore(folder / "project.db") as store:
            for kind, record_id, data in records:
                store.save(TEAM, kind, record_id, data, author="bench")
            loads = _times(lambda: store.list(TEAM), LOADS)
            build = _load_project(store)
            projects = _times(build, LOADS) if build else None
            unreadable = len(build().unreadable) if build else 0  # type: ignore[attr-defined]

        rate, latencies, errors, versions = _concurrent_writers(folder)

    print(f"Store speed (SQLite, WAL, synchronous=FULL; files in {tempfile.gettempdir()}).")
    print()
    print("| what                                        | p50       | p95       | target      |")
    print("|---------------------------------------------|-----------|-----------|-------------|")
    rows = [
        (f"save one field of a charter ({SAVES} saves)", saves, f"p95 < {SAVE_P95_TARGET_MS:g} ms"),
        (f"store.list(team): {len(records)} records ({LOADS}×)", loads, f"< {LOAD_TARGET_MS:g} ms"),
    ]
    if projects is not None:
        rows.append((f"Project.from_records(list(team)) ({LOADS}×)", projects, "< 20 ms"))
    for label, times, target in rows:
        print(
            f"| {label:<43} | {_ms(statistics.median(times)):>9} "
            f"| {_ms(_percentile(times, 0.95)):>9} | {target:<11} |"
        )
    if projects is None:
        print(
            "| Project.from_records                        | —         | —         | (no model)  |"
        )
    print()
    print(
        f"The project: {WEEKS} weeks × {MEASURES} measures = {WEEKS * MEASURES} points, "
        f"{PDSA_CYCLES} PDSA cycles, {CAUSES} causes, team, charter, fishbone, process map"
        + (f" ({unreadable} records the model could not read)." if unreadable else ".")
    )
    print()
    total = WRITERS * WRITER_SAVES
    print(f"{WRITERS} writer processes, {WRITER_SAVES} saves each, all on one record of one team:")
    print()
    print(
        "| saves | throughput | p50      | p95      | p99      | max      | errors "
        "| in history | target                 |"
    )
    print(
        "|-------|------------|----------|----------|----------|----------|--------"
        "|------------|------------------------|"
    )
    print(
        f"| {total:>5} | {rate:>6,.0f} /s  | {_ms(statistics.median(latencies)):>8} "
        f"| {_ms(_percentile(latencies, 0.95)):>8} | {_ms(_percentile(latencies, 0.99)):>8} "
        f"| {_ms(max(latencies)):>8} | {len(errors):>6} | {versions:>10} "
        f"| p99 < {WRITERS_P99_TARGET_MS:g} ms, 0 errors |"
    )
    print()
    print(f"(load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    for error in errors[:5]:
        print(f"  error: {error}")


if __name__ == "__main__":
    main()
