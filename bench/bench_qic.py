"""Benchmark: qikit.qic() against pyqicharts' qic_table on the same data, in the same run.

Prints a table of median wall times (several repeats; absolute times vary with machine load, so
compare the ratios measured in one run). Run with ``make bench``. Not a test: nothing asserts.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import numpy as np
import pandas as pd

from qikit import qic

SIZES = (100, 1_000, 1_000_000)
PYQICHARTS_SIZES = (100, 1_000)
CHARTS = ("run", "i")


def _median_seconds(work: Callable[[], object], budget: float = 1.0, most: int = 200) -> float:
    """Median time of repeated calls, within about ``budget`` seconds (at least 3 calls)."""
    work()  # warm up: imports, caches
    times: list[float] = []
    started = time.perf_counter()
    while len(times) < 3 or (time.perf_counter() - started < budget and len(times) < most):
        t0 = time.perf_counter()
        work()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _format(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 1e-3:
        return f"{seconds * 1e6:,.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:,.2f} ms"
    return f"{seconds:,.2f} s"


def main() -> None:
    try:
        from pyqicharts import qic_table
    except ImportError:  # pragma: no cover - the bench extra installs it
        qic_table = None
    rng = np.random.default_rng(2026)
    rows = []
    for size in SIZES:
        y = np.round(rng.normal(50, 5, size), 1)
        frame = pd.DataFrame({"x": np.arange(1, size + 1), "y": y})
        for chart in CHARTS:
            core = _median_seconds(lambda y=y, chart=chart: qic(y, chart=chart))
            ours = _median_seconds(lambda y=y, chart=chart: qic(y, chart=chart).data)
            theirs = None
            if qic_table is not None and size in PYQICHARTS_SIZES:
                theirs = _median_seconds(
                    lambda frame=frame, chart=chart: qic_table(frame, "x", "y", chart=chart),
                    budget=3.0,
                    most=30,
                )
            rows.append((chart, size, core, ours, theirs))
    print("Median time per call. qic(): lines, runs analysis and signals; qic().data also builds")
    print("the pandas table, which pyqicharts' qic_table returns (the like-for-like comparison).")
    print()
    print("| chart | points    | qic()      | qic().data | pyqicharts | speed-up (.data) |")
    print("|-------|-----------|------------|------------|------------|------------------|")
    for chart, size, core, ours, theirs in rows:
        ratio = f"{theirs / ours:,.0f}×" if theirs else "—"
        print(
            f"| {chart:<5} | {size:>9,} | {_format(core):>10} | {_format(ours):>10} "
            f"| {_format(theirs):>10} | {ratio:>16} |"
        )


if __name__ == "__main__":
    main()
