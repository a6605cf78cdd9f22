"""Reviewing a cohort: which teams are due, run them, keep the state, write the dashboard.

- **Only what changed is run again** (:mod:`qikit.review.fingerprints`). A team whose
  fingerprint equals the one stored with its last good review, and whose review folder is still
  there, is skipped (``force=True`` / ``--all`` runs it anyway).
- **A failed review never passes for a good one.** Only teams whose every page succeeded are
  written into ``.state.json``; a team that failed is forgotten there, so the next run tries it
  again. The state is written after each team, so a review stopped half-way keeps what it did.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from qikit.errors import DataError, ReviewError
from qikit.layout import (
    REVIEW_FOLDER,
    STORE_FILE,
    TEAMS_FOLDER,
    WORKBOOK_NAME,
    inside_cohort,
    store_path,
)
from qikit.review.execute import run_pool
from qikit.review.fingerprints import STATE_NAME, fingerprint, read_state, team_names, write_state
from qikit.review.report import DASHBOARD_PAGE, write_dashboard_page
from qikit.review.results import INDEX_NAME, ReviewResult, ReviewStatus, TeamReview, TeamTask
from qikit.store import open_store

__all__ = ["KERNEL_LOG", "review_cohort"]

#: In each day's folder: what the kernels printed (kept out of the mentor's terminal).
KERNEL_LOG = "kernels.log"


def _review_date(date: str | dt.date | None) -> str:
    if date is None:
        return dt.date.today().isoformat()
    if isinstance(date, dt.date):
        return date.isoformat()
    try:
        return dt.date.fromisoformat(str(date).strip()).isoformat()
    except ValueError:
        raise DataError(
            "--date", "a date written as YYYY-MM-DD, for example 2027-03-08", str(date)
        ) from None


def _team_folders(cohort: Path) -> dict[str, tuple[Path, ...]]:
    """Return ``{slug: its workbooks}`` for each team folder that has workbooks, by slug."""
    found = {}
    for folder in sorted((cohort / TEAMS_FOLDER).iterdir()):
        if not folder.is_dir() or folder.name.startswith("."):
            continue
        notebooks = tuple(
            sorted(p for p in folder.iterdir() if p.is_file() and WORKBOOK_NAME.fullmatch(p.name))
        )
        if notebooks:
            found[folder.name] = notebooks
    return found


def _check_cohort(cohort_dir: str | os.PathLike[str]) -> Path:
    cohort = Path(cohort_dir).expanduser().resolve()
    if not cohort.is_dir():
        raise ReviewError(f"There is no folder {cohort}. Give the cohort folder.")
    if not (cohort / STORE_FILE).is_file() or not (cohort / TEAMS_FOLDER).is_dir():
        raise ReviewError(
            f"{cohort} is not a cohort folder: it needs {STORE_FILE} and a {TEAMS_FOLDER} folder. "
            "Give the folder made by qikit cohort build."
        )
    return cohort


def review_cohort(
    cohort_dir: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    teams: Iterable[str] | None = None,
    force: bool = False,
    date: str | dt.date | None = None,
    progress: bool = False,
) -> ReviewResult:
    """Return the review of a cohort: each team's pages executed in review mode, as HTML too.

    Parameters
    ----------
    cohort_dir
        The cohort folder made by ``qikit cohort build`` (``qikit.db``, ``teams/<slug>/``).
    jobs
        How many teams are reviewed at once (worker processes); default ``os.cpu_count()``.
    teams
        The slugs of the teams to review; default every team folder.
    force
        Review teams even when nothing changed since their last review.
    date
        The review's date (``YYYY-MM-DD``): its folder is ``review/<date>``; default today.
    progress
        Show a progress bar (on stderr).

    Raises
    ------
    ReviewError, DataError
        Before anything runs: not a cohort folder, an unknown team, a bad date or ``jobs``.
    """
    started = time.perf_counter()
    cohort = _check_cohort(cohort_dir)
    day = _review_date(date)
    if jobs is None:
        jobs = os.cpu_count() or 1
    if jobs < 1:
        raise DataError("--jobs", "a whole number of at least 1", jobs)
    available = _team_folders(cohort)
    chosen = list(dict.fromkeys(teams)) if teams is not None else list(available)
    unknown = [slug for slug in chosen if slug not in available]
    if unknown:
        raise ReviewError(
            f"There is no team {', '.join(unknown)} in {cohort / TEAMS_FOLDER} (teams: "
            f"{', '.join(available) or 'none'}). Check --team."
        )
    # Read-only: the review never creates, upgrades or changes a store, nor holds its lock.
    with open_store(store_path(cohort), read_only=True) as store:
        history = store.team_histories()
        names = team_names(store, chosen)
    review_root = cohort / REVIEW_FOLDER
    day_folder = review_root / day
    state_path = review_root / STATE_NAME
    state = read_state(state_path)

    results: dict[str, TeamReview] = {}
    fingerprints: dict[str, dict[str, Any]] = {}
    due: list[TeamTask] = []
    for slug in chosen:
        notebooks = available[slug]
        fingerprints[slug] = fingerprint(history.get(slug), notebooks)
        previous = state.get(slug, {})
        previous_folder = cohort / str(previous.get("folder", ""))
        if (
            not force
            and previous.get("fingerprint") == fingerprints[slug]
            and previous.get("folder")
            and (previous_folder / INDEX_NAME).is_file()
        ):
            results[slug] = TeamReview(
                slug=slug,
                name=names.get(slug, slug),
                status=ReviewStatus.SKIPPED,
                folder=previous_folder,
                notebooks=len(notebooks),
            )
            continue
        due.append(
            TeamTask(
                cohort=cohort,
                slug=slug,
                name=names.get(slug, slug),
                notebooks=notebooks,
                folder=day_folder / slug,
                date=day,
            )
        )

    _check_links(cohort, day_folder, due)

    def record(review: TeamReview) -> None:
        results[review.slug] = review
        if review.status is ReviewStatus.OK and review.folder is not None:
            state[review.slug] = {
                "fingerprint": fingerprints[review.slug],
                "folder": review.folder.relative_to(cohort).as_posix(),
                "date": day,
            }
        else:
            state.pop(review.slug, None)  # try again next time
        # After each team, so a review stopped half-way keeps what it finished.
        write_state(state_path, state)

    if due:
        day_folder.mkdir(parents=True, exist_ok=True)
        run_pool(due, min(jobs, len(due)), day_folder / KERNEL_LOG, record, progress)
        # Nothing reviewed, nothing new to show: the last dashboard page stands.
        write_dashboard_page(cohort, day_folder, sorted(available))
    return ReviewResult(
        cohort=cohort,
        date=day,
        folder=day_folder,
        teams=tuple(results[slug] for slug in chosen),
        seconds=time.perf_counter() - started,
    )


def _check_links(cohort: Path, day_folder: Path, due: Iterable[TeamTask]) -> None:
    """Refuse, before anything runs, a link that would make the review write elsewhere."""
    review_root = cohort / REVIEW_FOLDER
    wanted = [
        review_root / STATE_NAME,
        review_root / f"{STATE_NAME}.part",
        day_folder / KERNEL_LOG,
        day_folder / DASHBOARD_PAGE,
        day_folder / f"{DASHBOARD_PAGE}.part",
    ]
    for task in due:
        wanted += [task.folder, task.folder.with_name(f".{task.folder.name}.partial")]
    for path in wanted:
        inside_cohort(cohort, path, error=ReviewError)
