"""Benchmark: ``qikit review`` of a 30-team cohort with two workers, and a review with no changes.

Builds a cohort of 30 teams, each with the sample project, and reviews it with
``review_cohort(jobs=2, force=True)``: 180 notebooks executed by papermill, each kept as HTML.
In the same run it measures the floor, one papermill execution of one review notebook (a kernel
start plus the page: the mean over one team's six pages of each page's fastest of two runs), and
prints the target ``1.5 × floor × notebooks ÷ 2``. Then a second review with nothing changed,
whose target is under 5 s.

Prints markdown tables with the targets beside the figures. Run with ``make bench`` (a few
minutes). Not a test: nothing asserts (timings depend on the machine's load). Everything is
written to a temporary folder that is removed afterwards.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import papermill

from qikit.cohort.build import build_cohort
from qikit.demo.samples import build_sample_project
from qikit.review import ReviewStatus, review_cohort
from qikit.store import open_store

TEAMS = 30
JOBS = 2
#: The pool's wall time may be this many times the ideal (floor × notebooks ÷ jobs).
OVERHEAD = 1.5
NO_CHANGE_TARGET_S = 5.0
#: Each page of the floor is run this many times; its fastest run counts.
ROUNDS = 2


def build(folder: Path) -> Path:
    """Return a cohort folder of TEAMS teams, each with the sample project."""
    lines = ["cohort: Review bench", "start_date: 2027-01-11", "teams:"]
    lines += [f"  - name: Team {n:02d}" for n in range(1, TEAMS + 1)]
    template = folder / "bench.yaml"
    template.write_text("\n".join(lines) + "\n", encoding="utf-8")
    cohort = folder / "cohort"
    result = build_cohort(template, cohort)
    with open_store(cohort / "qikit.db") as store:
        for team in result.teams:
            build_sample_project(store, team.slug)
    return cohort


def floor(cohort: Path, out: Path) -> list[float]:
    """Return, for each review notebook of the first team, its fastest of ROUNDS papermill runs.

    The fastest, not the mean: on a shared machine a slow run measures the neighbours' load.
    """
    team = sorted((cohort / "teams").iterdir())[0]
    notebooks = sorted(team.glob("[0-9][0-9]*.ipynb"))
    parameters = {"cohort": str(cohort), "team": team.name, "mode": "review"}

    def run(notebook: Path) -> float:
        started = time.perf_counter()
        papermill.execute_notebook(
            str(notebook),
            str(out / notebook.name),
            parameters=parameters,
            progress_bar=False,
            request_save_on_cell_execute=False,
        )
        return time.perf_counter() - started

    run(notebooks[0])  # warm up: papermill's and nbclient's first-use costs
    return [min(run(notebook) for _ in range(ROUNDS)) for notebook in notebooks]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="qikit-bench-review-") as temporary:
        folder = Path(temporary)
        started = time.perf_counter()
        cohort = build(folder)
        built = time.perf_counter() - started
        (folder / "floor").mkdir()
        floors = floor(cohort, folder / "floor")

        full = review_cohort(cohort, jobs=JOBS, force=True)
        again = review_cohort(cohort, jobs=JOBS)

    notebooks = sum(t.notebooks for t in full.teams)
    pages = [p for t in full.teams for p in t.pages]
    retries = sum(p.attempts - 1 for p in pages)
    failed = full.with_status(ReviewStatus.FAILED)
    mean_floor = statistics.mean(floors)
    target = OVERHEAD * mean_floor * notebooks / JOBS
    skipped = len(again.with_status(ReviewStatus.SKIPPED))

    print(
        f"qikit review: {TEAMS} teams × 6 workbooks = {notebooks} notebooks, {JOBS} workers "
        f"(cohort built with sample projects in {built:.1f} s)."
    )
    print()
    print("| what                                          | time       | target             |")
    print("|-----------------------------------------------|------------|--------------------|")
    print(
        f"| floor: one papermill run of one review page   | {mean_floor:>8.2f} s "
        f"| (pages {min(floors):.2f}–{max(floors):.2f} s) |"
    )
    print(
        f"| review_cohort(jobs={JOBS}, force=True)             | {full.seconds:>8.1f} s "
        f"| < {target:>6.1f} s         |"
    )
    print(
        f"| per notebook (wall ÷ notebooks)               | {full.seconds / notebooks:>8.2f} s "
        f"| < {target / notebooks:>6.2f} s         |"
    )
    print(
        f"| second review, nothing changed                | {again.seconds:>8.2f} s "
        f"| < {NO_CHANGE_TARGET_S:>6.1f} s         |"
    )
    print()
    print(
        f"Target = {OVERHEAD} × floor × notebooks ÷ {JOBS} = {OVERHEAD} × {mean_floor:.2f} × "
        f"{notebooks} ÷ {JOBS}. Speed-up over running the notebooks one after another at the "
        f"floor: {mean_floor * notebooks / full.seconds:.2f}×."
    )
    print(
        f"Teams: {len(full.with_status(ReviewStatus.OK))} ok, {len(failed)} failed; kernel "
        f"starts retried: {retries}. Second review: {skipped} of {TEAMS} teams skipped."
    )
    for team in failed[:5]:
        print(f"  failed: {team.slug}: {team.error}")


if __name__ == "__main__":
    main()
