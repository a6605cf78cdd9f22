"""Benchmark: how quickly the QI tools respond (saving an edit, redrawing a diagram or chart).

Prints a table of p50/p95 over repeated runs. Targets from the widgets issue: save < 20 ms p95,
a 60-point chart redrawn < 150 ms, a fishbone with 60 causes redrawn < 50 ms. Not a test.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from qikit import qic
from qikit.core.model import Cause, Fishbone
from qikit.plotting.charts import plot_chart
from qikit.plotting.fishbone import render_fishbone_svg
from qikit.store import open_store
from qikit.widgets.base import ToolContext
from qikit.widgets.charter import CharterWidget


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
    minutes = np.round(rng.normal(38, 4, 60), 1)
    notes = {5: "New rota", 30: "Lift broken"}

    def redraw_chart(index: int) -> None:
        values = minutes.copy()
        values[-1] += index % 3
        result = qic(values, chart="i", part=[30])
        plot_chart(
            result, title="Minutes waiting", notes=notes, pdsa=[(20, "PDSA 1")]
        ).to_png_bytes()

    rows.append(
        ("60-point measure: new point → chart redrawn (PNG)", *_times(redraw_chart, 30), "< 150 ms")
    )

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
