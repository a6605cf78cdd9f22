"""Benchmark: how quickly the QI tools respond (saving an edit, redrawing a diagram or chart).

Prints a table of p50/p95 over repeated runs. Targets from the widgets issue: save < 20 ms p95,
a 60-point chart redrawn < 150 ms, a fishbone with 60 causes redrawn < 50 ms. Not a test.
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from qikit.core.model import Cause, Fishbone
from qikit.render.fishbone import render_fishbone_svg
from qikit.store import open_store
from qikit.widgets.base import ToolContext
from qikit.widgets.charter import CharterWidget
from qikit.widgets.measures import MeasuresWidget


def _times(work: Callable[[int], object], runs: int) -> tuple[float, float]:
    work(-1)  # warm up
    samples = []
    for index in range(runs):
        started = time.perf_counter()
        work(index)
        samples.append(time.perf_counter() - started)
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:7.2f} ms"


def main() -> None:
    rows = []
    with tempfile.TemporaryDirectory(prefix="qikit-bench-") as folder:
        store = open_store(Path(folder) / "cohort.db")
        charter = CharterWidget(ToolContext(store, "ward-3", "Ann"))
        box = charter.boxes["problem"]
        rows.append(
            (
                "one edit in the charter → saved",
                *_times(lambda i: setattr(box, "value", f"v{i}"), 200),
                "p95 < 20 ms",
            )
        )
        store.close()

    rng = np.random.default_rng(4)
    minutes = np.round(rng.normal(38, 4, 200), 1)
    with tempfile.TemporaryDirectory(prefix="qikit-bench-") as folder:
        store = open_store(Path(folder) / "cohort.db")
        context = ToolContext(store, "ward-3", "Ann")
        measure_id = "m1"
        context.save("measure", measure_id, {"name": "Minutes waiting", "data_kind": "measurement"})
        start = dt.date(2025, 1, 6)
        for week in range(59):
            day = (start + dt.timedelta(weeks=week)).isoformat()
            context.save(
                "point",
                f"p{week}",
                {"measure_id": measure_id, "date": day, "value": float(minutes[week])},
            )
        tool = MeasuresWidget(context)
        next_week = iter(range(59, 200))

        def add_point(_index: int) -> None:
            # What the table sends when a number is typed in its empty row and Enter pressed.
            week = next(next_week)
            row = f"new-{week}"
            tool.table.receive(
                {"type": "edit", "row": row, "key": "value", "value": str(minutes[week])}
            )

        rows.append(
            (
                "measure with 60 points: add a point → saved + redrawn",
                *_times(add_point, 30),
                "< 150 ms",
            )
        )
        store.close()

    categories = Fishbone().categories
    causes = [
        Cause(
            record_id=f"c{i}",
            category=categories[i % len(categories)],
            text=f"Cause number {i}: porters are called by phone and the desk is busy",
            votes=tuple(f"voter {v}" for v in range(i % 4)),
        )
        for i in range(60)
    ]
    fishbone = Fishbone(effect="Patients wait too long for a porter")
    rows.append(
        (
            "fishbone with 60 causes redrawn (SVG)",
            *_times(lambda i: render_fishbone_svg(fishbone, causes), 50),
            "< 50 ms",
        )
    )

    print("QI tools — how quickly they respond (p50 / p95)")
    print()
    print(f"| {'what':<51} | {'p50':<10} | {'p95':<10} | {'target':<11} |")
    print(f"|{'-' * 53}|{'-' * 12}|{'-' * 12}|{'-' * 13}|")
    for what, p50, p95, target in rows:
        print(f"| {what:<51} | {_ms(p50):>10} | {_ms(p95):>10} | {target:<11} |")


if __name__ == "__main__":
    main()
