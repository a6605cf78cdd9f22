"""Reviewing a cohort: each team's workbooks executed in review mode, kept as notebooks and HTML.

``qikit review DIR`` (and :func:`review_cohort`) writes, for every team whose work changed::

    <cohort folder>/review/
      .state.json              per team: the fingerprint of its last good review, and where it is
      <date>/kernels.log       what the kernels printed (kept out of the mentor's terminal)
      <date>/<team>/
        01-home.ipynb …        the workbooks executed by papermill with mode="review"
        01-home.html …         the same pages as HTML: no code, no prompts, charts embedded
        index.html             the team's pages, linked, with any page that failed named

Why it works this way:

- **One Python process, a pool of workers.** Starting the ``papermill`` command costs ~4 s per
  call, so the teams are handed to a :class:`~concurrent.futures.ProcessPoolExecutor` ("spawn":
  no fork of a process that holds a SQLite connection or threads) and each worker executes one
  team's notebooks in turn with :func:`papermill.execute_notebook`. ``--jobs`` bounds the pool.
- **Kernel starts are retried, errors are not.** About 1 in 120 concurrent kernel starts dies
  (ZMQ "Address already in use", then "Kernel died before replying to kernel_info": papermill
  #511). Such a notebook is run again, up to :data:`TRIES` times with a short back-off. A cell
  that raises (:class:`~papermill.exceptions.PapermillExecutionError`) is a real error: it is
  reported for that team at once, and the team's other pages and the other teams still run.
- **A page that says it failed has failed.** ``show_stage`` never raises: it shows a reference
  such as ``QK-7F3K9Q`` instead of the page. Review looks for that message in the outputs and
  reports the page as failed, pointing to the cohort's error log.
- **Only what changed is run again.** A team's fingerprint is the newest history id and the
  number of history rows of the team in the store (every save, delete and restore adds one; a
  save that changes nothing adds none), the sha256 of its workbooks and qikit's version. It is
  read with one ``GROUP BY`` query on a read-only SQLite connection (:func:`history_fingerprints`)
  rather than through :mod:`qikit.store`, whose history API is per record and which opens the
  store for writing. A team whose fingerprint equals the one stored with its last good review,
  and whose review folder is still there, is skipped (``force=True`` / ``--all`` runs it anyway).
- **A failed review never passes for a good one.** Only teams whose every page succeeded are
  written into ``.state.json``; a team that failed is forgotten there, so the next run tries it
  again. A team's pages are written into a hidden folder first, then moved into place.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import hashlib
import json
import multiprocessing
import os
import re
import shutil
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from qikit.errors import DataError, ReviewError
from qikit.layout import (
    REVIEW_FOLDER,
    STORE_FILE,
    TEAMS_FOLDER,
    WORKBOOK_NAME,
    log_path,
    store_path,
)
from qikit.render.text import escape

__all__ = [
    "BACKOFF_SECONDS",
    "TRIES",
    "PageReview",
    "ReviewError",
    "ReviewResult",
    "ReviewStatus",
    "TeamReview",
    "TeamTask",
    "add_review_parser",
    "execute_with_retry",
    "format_table",
    "history_fingerprints",
    "is_kernel_start_error",
    "notebook_html",
    "review_cohort",
    "review_team",
    "run_review",
]

#: How many times a notebook is run when its kernel fails to start (papermill#511).
TRIES = 3
#: The wait before the second try; doubled before each later one.
BACKOFF_SECONDS = 0.5
#: A cell that runs longer than this is an error (a hung kernel must not hang the review).
CELL_TIMEOUT_SECONDS = 600
STATE_NAME = ".state.json"
STATE_FORMAT = "qikit-review-state"
STATE_VERSION = 1
INDEX_NAME = "index.html"
KERNEL_LOG = "kernels.log"
#: The team workbooks that are reviewed (as ``qikit cohort build`` names them).
#: Words in an error that mean the kernel never started (the ZMQ port race, papermill#511).
KERNEL_START_MARKERS = (
    "Address already in use",
    "Kernel died before replying",
    "kernel_info",
    "Kernel didn't respond",
)

# -- words on the mentor's screen -----------------------------------------------------------------
INDEX_TITLE = "{team}: review of {date}"
INDEX_INTRO = "A read-only copy of the team's pages, made on {date}. Open a page to read it."
INDEX_FAILED = "This page could not be made: {error}"
PAGE_REPORTED_FAILURE = "the page shows an error (reference {reference}); the details are in {log}"
KERNEL_NEVER_STARTED = "the notebook's kernel did not start after {tries} tries ({error})"
SKIPPED = "skipped (no changes)"

T = TypeVar("T")


class ReviewStatus(StrEnum):
    """What a review did with one team."""

    OK = "ok"
    FAILED = "failed"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class PageReview:
    """One executed workbook: the notebook and HTML written, or the error that stopped it."""

    name: str
    notebook: Path | None
    html: Path | None
    error: str | None = None
    attempts: int = 1
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """Return True when the page was executed and shows no error."""
        return self.error is None


@dataclass(frozen=True)
class TeamReview:
    """One team's review: its status, its folder (the previous one when skipped), its pages."""

    slug: str
    name: str
    status: ReviewStatus
    folder: Path | None
    notebooks: int
    pages: tuple[PageReview, ...] = ()
    seconds: float = 0.0
    error: str | None = None

    @property
    def index(self) -> Path | None:
        """Return the team's ``index.html`` (None when no review was written)."""
        return self.folder / INDEX_NAME if self.folder is not None else None

    @property
    def status_words(self) -> str:
        """Return the status as the table shows it: ok, failed: <first error>, skipped (...)."""
        if self.status is ReviewStatus.FAILED:
            return f"failed: {self.error}"
        if self.status is ReviewStatus.SKIPPED:
            return SKIPPED
        return str(self.status)


@dataclass(frozen=True)
class ReviewResult:
    """What a review did: the cohort, the date folder written, each team's review."""

    cohort: Path
    date: str
    folder: Path
    teams: tuple[TeamReview, ...]
    seconds: float = 0.0

    def team(self, slug: str) -> TeamReview:
        """Return the review of the team ``slug`` (KeyError when it was not reviewed)."""
        for team in self.teams:
            if team.slug == slug:
                return team
        raise KeyError(slug)

    def with_status(self, status: ReviewStatus) -> tuple[TeamReview, ...]:
        """Return the teams whose review has ``status``."""
        return tuple(t for t in self.teams if t.status is status)

    @property
    def ok(self) -> bool:
        """Return True when no team failed."""
        return not self.with_status(ReviewStatus.FAILED)

    @property
    def exit_code(self) -> int:
        """Return the command's exit code: 0 when every team succeeded (or was skipped), else 1."""
        return 0 if self.ok else 1


@dataclass(frozen=True)
class TeamTask:
    """What a worker needs to review one team (plain values: it crosses a process boundary)."""

    cohort: Path
    slug: str
    name: str
    notebooks: tuple[Path, ...]
    folder: Path
    date: str
    tries: int = TRIES
    backoff: float = BACKOFF_SECONDS


# ---------------------------------------------------------------------------------------------
# Fingerprints: has a team's work changed since its last review?


def _connect_read_only(store: Path) -> sqlite3.Connection:
    try:
        connection = sqlite3.connect(f"{store.resolve().as_uri()}?mode=ro", uri=True, timeout=30)
        version = connection.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error as error:
        raise ReviewError(
            f"{store} could not be read as a qikit store ({error}). Check the cohort folder."
        ) from None
    from qikit.store import SCHEMA_VERSION

    if version > SCHEMA_VERSION:
        connection.close()
        raise ReviewError(
            f"The store {store} was made by a newer qikit (schema {version}). Update qikit."
        )
    return connection


def history_fingerprints(cohort_dir: str | os.PathLike[str]) -> dict[str, tuple[int, int]]:
    """Return ``{team: (newest history id, number of history rows)}`` from the cohort's store.

    Every save that changes a record, every delete and every restore adds a history row, so the
    pair changes whenever a team's work does. One ``GROUP BY`` query over the history table's
    index, on a read-only connection: ~1 ms for a cohort of 30 teams. Teams with no history are
    missing from the answer.
    """
    connection = _connect_read_only(Path(cohort_dir) / STORE_FILE)
    try:
        rows = connection.execute(
            "SELECT team, max(id), count(*) FROM history GROUP BY team"
        ).fetchall()
    except sqlite3.Error as error:
        raise ReviewError(f"The store in {cohort_dir} could not be read ({error}).") from None
    finally:
        connection.close()
    return {str(team): (int(newest), int(count)) for team, newest, count in rows}


def _team_names(cohort_dir: Path) -> dict[str, str]:
    """Return ``{slug: team name}`` from the Team records (slugs without one are missing)."""
    from qikit.core.model import MAIN, RecordKind

    connection = _connect_read_only(cohort_dir / STORE_FILE)
    try:
        rows = connection.execute(
            "SELECT team, data FROM records WHERE kind = ? AND record_id = ? AND deleted = 0",
            (RecordKind.TEAM.value, MAIN),
        ).fetchall()
    except sqlite3.Error:
        return {}
    finally:
        connection.close()
    names = {}
    for slug, data in rows:
        try:
            name = json.loads(data).get("name")
        except (TypeError, ValueError, AttributeError):
            continue
        if isinstance(name, str) and name.strip():
            names[str(slug)] = name
    return names


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fingerprint(history: tuple[int, int] | None, notebooks: Iterable[Path]) -> dict[str, Any]:
    from qikit._version import __version__

    return {
        "history": list(history) if history is not None else [0, 0],
        "workbooks": {p.name: _sha256(p) for p in notebooks},
        "qikit": __version__,
    }


# ---------------------------------------------------------------------------------------------
# The state file


def _read_state(path: Path) -> dict[str, dict[str, Any]]:
    """Return ``{team: entry}`` from ``.state.json`` ({} when missing or unusable: run all)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != STATE_FORMAT:
        return {}
    if not isinstance(data.get("version"), int) or data["version"] > STATE_VERSION:
        return {}  # written by a newer qikit: review everything rather than guess
    teams = data.get("teams")
    if not isinstance(teams, dict):
        return {}
    return {str(k): v for k, v in teams.items() if isinstance(v, dict)}


def _write_state(path: Path, teams: Mapping[str, Mapping[str, Any]]) -> None:
    document = {
        "format": STATE_FORMAT,
        "version": STATE_VERSION,
        "teams": dict(sorted(teams.items())),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.part")
    temporary.write_text(json.dumps(document, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    temporary.replace(path)


# ---------------------------------------------------------------------------------------------
# Running one notebook, retrying kernel starts


def is_kernel_start_error(error: BaseException) -> bool:
    """Return True when ``error`` means the kernel did not start or died, not that a cell raised.

    True for ZMQ errors, nbclient's ``DeadKernelError``, the kernel manager's ``RuntimeError``
    ("Kernel died before replying to kernel_info", "Kernel didn't respond in 60 seconds") and
    anything whose message or cause names them; False for papermill's
    ``PapermillExecutionError`` (a cell raised: running it again gives the same error).
    """
    from papermill.exceptions import PapermillExecutionError

    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, PapermillExecutionError):
            return False
        if _is_kernel_error_type(current):
            return True
        if any(marker in str(current) for marker in KERNEL_START_MARKERS):
            return True
        current = current.__cause__ or current.__context__
    return False


def _is_kernel_error_type(error: BaseException) -> bool:
    try:
        from nbclient.exceptions import DeadKernelError
        from zmq import ZMQError
    except ImportError:  # pragma: no cover - both come with papermill
        return False
    if isinstance(error, (ZMQError, DeadKernelError)):
        return True
    # What jupyter_client raises when a kernel dies or times out while starting. Its subclasses
    # NotImplementedError and RecursionError are bugs, not start failures.
    return isinstance(error, RuntimeError) and not isinstance(
        error, (NotImplementedError, RecursionError)
    )


def execute_with_retry(
    run: Callable[[], T],
    *,
    tries: int = TRIES,
    backoff: float = BACKOFF_SECONDS,
    sleep: Callable[[float], object] = time.sleep,
) -> tuple[T, int]:
    """Return what ``run()`` returned and how many tries it took.

    ``run`` is called again (after ``backoff`` seconds, doubled each time) when it fails with a
    kernel-start error (:func:`is_kernel_start_error`), at most ``tries`` times in all; the last
    such error is raised. Any other error is raised at once.
    """
    if tries < 1:
        raise ValueError(f"tries must be at least 1, not {tries}")
    for attempt in range(1, tries + 1):
        try:
            return run(), attempt
        except Exception as error:
            if attempt == tries or not is_kernel_start_error(error):
                raise
        sleep(backoff * 2 ** (attempt - 1))
    raise AssertionError("unreachable")  # pragma: no cover


def _first_line(error: BaseException) -> str:
    from papermill.exceptions import PapermillExecutionError

    if isinstance(error, PapermillExecutionError):
        text = f"{error.ename}: {error.evalue}"
    else:
        text = f"{type(error).__name__}: {error}"
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__


# ---------------------------------------------------------------------------------------------
# HTML


_EXPORTER: Any = None
# Relative links between pages (``02-charter.ipynb``, maybe with ``#part``): the HTML copies sit
# beside each other, so the links must point at them. Absolute addresses are left alone.
_NOTEBOOK_HREF = re.compile(r'(href=")(?![a-zA-Z][a-zA-Z0-9+.-]*:|/)([^"#?]*?)\.ipynb(?=["#?])')
# nbconvert's template loads require.js and MathJax from a CDN. The review pages need neither
# (no widgets, no maths): without them the pages are fully offline and make no outside requests.
_REMOTE_SCRIPT = re.compile(r'<script[^>]*\ssrc="https?://[^"]*"[^>]*>\s*</script>\s*')


def _exporter() -> Any:
    global _EXPORTER
    if _EXPORTER is None:  # building the exporter loads its templates: once per worker
        from nbconvert import HTMLExporter

        _EXPORTER = HTMLExporter(
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            embed_images=True,
        )
    return _EXPORTER


def notebook_html(notebook: Any) -> str:
    """Return the HTML of an executed notebook: outputs only, links to pages as ``.html``."""
    body, _ = _exporter().from_notebook_node(notebook)
    body = _NOTEBOOK_HREF.sub(r"\1\2.html", body)
    return _REMOTE_SCRIPT.sub("", body)


def _page_title(path: Path, notebook: Any | None) -> str:
    from qikit.core.wording.pages import STAGE_NAMES
    from qikit.layout import STAGE_WORKBOOKS as NOTEBOOKS

    stage = {v: k for k, v in NOTEBOOKS.items()}.get(path.name)
    if stage is not None:
        return STAGE_NAMES[stage]
    title = notebook.metadata.get("title") if notebook is not None else None
    return str(title) if title else path.stem


_FAILURE_REFERENCE: re.Pattern[str] | None = None


def _reported_failure(notebook: Any, cohort: Path) -> str | None:
    """Return why the page failed when its output is qikit's failure message, else None."""
    global _FAILURE_REFERENCE
    from qikit.core.wording.pages import FAILURE

    if _FAILURE_REFERENCE is None:
        before, _, after = escape(FAILURE).partition("{reference}")
        _FAILURE_REFERENCE = re.compile(re.escape(before) + r"(QK-[A-Z0-9]+)" + re.escape(after))
    for cell in notebook.cells:
        for output in cell.get("outputs", ()):
            text = output.get("data", {}).get("text/html", "")
            text = "".join(text) if isinstance(text, list) else str(text)
            found = _FAILURE_REFERENCE.search(text)
            if found:
                log = log_path(cohort)
                return PAGE_REPORTED_FAILURE.format(reference=found.group(1), log=log)
    return None


def _index_html(task: TeamTask, pages: Sequence[PageReview], titles: Mapping[str, str]) -> str:
    from qikit.render.style import PAGE_CSS

    items = []
    for page in pages:
        title = escape(titles.get(page.name, page.name))
        line = f'<a href="{escape(page.html.name)}">{title}</a>' if page.html is not None else title
        if page.error is not None:
            line += f'<p role="alert">{escape(INDEX_FAILED.format(error=page.error))}</p>'
        items.append(f"<li>{line}</li>")
    heading = escape(INDEX_TITLE.format(team=task.name, date=task.date))
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{heading}</title>\n{PAGE_CSS}\n</head>\n<body>\n"
        f'<main class="qikit-page">\n<h1>{heading}</h1>\n'
        f'<p class="qikit-note">{escape(INDEX_INTRO.format(date=task.date))}</p>\n'
        f'<ul class="qikit-nav">\n{chr(10).join(items)}\n</ul>\n</main>\n</body>\n</html>\n'
    )


# ---------------------------------------------------------------------------------------------
# One team (runs in a worker process)


def review_team(
    task: TeamTask,
    *,
    execute: Callable[..., Any] | None = None,
    sleep: Callable[[float], object] = time.sleep,
) -> TeamReview:
    """Return the review of one team: its notebooks executed in order, each as HTML too.

    ``execute`` is :func:`papermill.execute_notebook` unless given (tests pass a fake that needs
    no kernel): it is called as ``execute(input, output, parameters=..., ...)`` and returns the
    executed notebook. A page that fails does not stop the team's other pages. Never raises for
    a failed page; the team's status is ``failed`` with the first page's error.
    """
    import nbformat

    started = time.perf_counter()
    if execute is None:
        import papermill

        execute = papermill.execute_notebook
    # Written beside the final folder, then moved: a review stopped half-way leaves no folder
    # that looks finished.
    work = task.folder.with_name(f".{task.folder.name}.partial")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    parameters = {"cohort": str(task.cohort), "team": task.slug, "mode": "review"}
    pages: list[PageReview] = []
    titles: dict[str, str] = {}
    for source in task.notebooks:
        page_started = time.perf_counter()
        target = work / source.name
        calls = 0

        def run(source: Path = source, target: Path = target) -> Any:
            nonlocal calls
            calls += 1
            return execute(
                str(source),
                str(target),
                parameters=parameters,
                progress_bar=False,
                request_save_on_cell_execute=False,  # one write at the end, not one per cell
                execution_timeout=CELL_TIMEOUT_SECONDS,
                cwd=str(source.parent),
            )

        executed: Any = None
        error: str | None = None
        try:
            executed, _ = execute_with_retry(
                run, tries=task.tries, backoff=task.backoff, sleep=sleep
            )
            error = _reported_failure(executed, task.cohort)
        except Exception as failure:
            error = _first_line(failure)
            if is_kernel_start_error(failure):
                error = KERNEL_NEVER_STARTED.format(tries=calls, error=error)
        if executed is None and target.is_file():
            # papermill saves the notebook up to the failing cell: worth an HTML page too.
            try:
                executed = nbformat.read(target, as_version=4)
            except Exception:
                executed = None
        written_html: Path | None = None
        if executed is not None:
            if not target.is_file():
                nbformat.write(executed, target)
            written_html = target.with_suffix(".html")
            try:
                written_html.write_text(notebook_html(executed), encoding="utf-8")
            except Exception as failure:
                written_html = None
                error = error or f"the HTML could not be made ({_first_line(failure)})"
        titles[source.name] = _page_title(source, executed)
        final = task.folder / source.name
        pages.append(
            PageReview(
                name=source.name,
                notebook=final if target.is_file() else None,
                html=final.with_suffix(".html") if written_html is not None else None,
                error=error,
                attempts=calls,
                seconds=time.perf_counter() - page_started,
            )
        )
    (work / INDEX_NAME).write_text(_index_html(task, pages, titles), encoding="utf-8")
    if task.folder.exists():
        shutil.rmtree(task.folder)  # the same day's earlier review of this team
    work.rename(task.folder)
    failed = [p for p in pages if not p.ok]
    return TeamReview(
        slug=task.slug,
        name=task.name,
        status=ReviewStatus.FAILED if failed else ReviewStatus.OK,
        folder=task.folder,
        notebooks=len(task.notebooks),
        pages=tuple(pages),
        seconds=time.perf_counter() - started,
        error=f"{failed[0].name}: {failed[0].error}" if failed else None,
    )


def _quiet_worker(log: str) -> None:
    """Send what this worker and its kernels print (ipykernel's warnings…) to ``log``."""
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)


# ---------------------------------------------------------------------------------------------
# The cohort


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
    history = history_fingerprints(cohort)
    names = _team_names(cohort)
    review_root = cohort / REVIEW_FOLDER
    day_folder = review_root / day
    state_path = review_root / STATE_NAME
    state = _read_state(state_path)

    results: dict[str, TeamReview] = {}
    fingerprints: dict[str, dict[str, Any]] = {}
    due: list[TeamTask] = []
    for slug in chosen:
        notebooks = available[slug]
        fingerprints[slug] = _fingerprint(history.get(slug), notebooks)
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
        _write_state(state_path, state)

    if due:
        day_folder.mkdir(parents=True, exist_ok=True)
        _run_pool(due, min(jobs, len(due)), day_folder / KERNEL_LOG, record, progress)
        # Nothing reviewed, nothing new to show: the last dashboard page stands.
        write_dashboard_page(cohort, day_folder, sorted(available))
    return ReviewResult(
        cohort=cohort,
        date=day,
        folder=day_folder,
        teams=tuple(results[slug] for slug in chosen),
        seconds=time.perf_counter() - started,
    )


DASHBOARD_PAGE = "dashboard.html"


def write_dashboard_page(cohort: Path, day_folder: Path, team_slugs: Sequence[str]) -> Path:
    """Write the cohort dashboard as one static page beside the teams' reviews (for mentors
    and the programme lead, readable offline). Each team links to its review index."""
    from qikit.render.dashboard import render_dashboard_html
    from qikit.store import open_store
    from qikit.store.cohort import cohort_rows

    with open_store(store_path(cohort), create=False) as store:
        rows = cohort_rows(store, team_slugs, dt.date.fromisoformat(day_folder.name))
    body = render_dashboard_html(rows, team_href=lambda slug: f"{slug}/index.html")
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Cohort dashboard</title></head><body>{body}</body></html>"
    )
    day_folder.mkdir(parents=True, exist_ok=True)
    target = day_folder / DASHBOARD_PAGE
    temporary = target.with_name(target.name + ".partial")
    temporary.write_text(page, encoding="utf-8")
    temporary.replace(target)
    return target


def _run_pool(
    due: Sequence[TeamTask],
    workers: int,
    log: Path,
    record: Callable[[TeamReview], None],
    progress: bool,
) -> None:
    from tqdm import tqdm

    bar = tqdm(
        total=len(due),
        desc="Reviewing teams",
        unit="team",
        disable=not progress,
        file=sys.stderr,
        leave=False,
    )
    executor = concurrent.futures.ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_quiet_worker,
        initargs=(str(log),),
    )
    try:
        futures = {executor.submit(review_team, task): task for task in due}
        for future in concurrent.futures.as_completed(futures):
            task = futures[future]
            try:
                review = future.result()
            except Exception as error:  # the worker itself died (killed, out of memory…)
                review = TeamReview(
                    slug=task.slug,
                    name=task.name,
                    status=ReviewStatus.FAILED,
                    folder=None,
                    notebooks=len(task.notebooks),
                    error=f"the review stopped ({type(error).__name__}: {error})",
                )
            record(review)
            bar.set_postfix_str(task.slug, refresh=False)
            bar.update()
    except BaseException:
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    finally:
        bar.close()
    executor.shutdown(wait=True)


# ---------------------------------------------------------------------------------------------
# The command


def format_table(result: ReviewResult) -> str:
    """Return the review as a plain table: team, notebooks, status, time (s), review folder."""
    header = ("team", "notebooks", "status", "time (s)", "review")
    rows = [header]
    for team in result.teams:
        folder = ""
        if team.folder is not None:
            try:
                folder = team.folder.relative_to(result.cohort).as_posix()
            except ValueError:
                folder = str(team.folder)
        seconds = "" if team.status is ReviewStatus.SKIPPED else f"{team.seconds:.1f}"
        rows.append((team.slug, str(team.notebooks), team.status_words, seconds, folder))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(width) if i in (1, 3) else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _summary(result: ReviewResult) -> str:
    counts = {s: len(result.with_status(s)) for s in ReviewStatus}
    words = (
        f"{counts[ReviewStatus.OK]} reviewed, {counts[ReviewStatus.FAILED]} failed, "
        f"{counts[ReviewStatus.SKIPPED]} skipped (no changes) in {result.seconds:.1f} s."
    )
    if counts[ReviewStatus.OK] or counts[ReviewStatus.FAILED]:
        words += f" New reviews are in {result.folder}: open each team's {INDEX_NAME}."
    return words


def add_review_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``qikit review`` to the ``qikit`` command's subcommands; return its parser."""
    review = commands.add_parser(
        "review",
        help="run every team's pages for the mentors: read-only notebooks and HTML",
        description="Run each team's workbooks in review mode and keep them as notebooks and as "
        "HTML pages without code, in DIR/review/<date>/<team>/. Teams whose work has not "
        "changed since their last review are skipped. Exit codes: 0 done, 1 some team failed "
        "(the table says which), 2 refused (not a cohort folder, unknown team).",
    )
    review.add_argument(
        "folder", metavar="DIR", help="the cohort folder made by qikit cohort build"
    )
    review.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        metavar="N",
        help="teams reviewed at once (default: the number of processors)",
    )
    review.add_argument(
        "--team",
        action="append",
        default=None,
        metavar="SLUG",
        help="review only this team (can be repeated)",
    )
    review.add_argument(
        "--all", action="store_true", help="review teams even when nothing has changed"
    )
    review.add_argument(
        "--date", metavar="YYYY-MM-DD", help="the review's date and folder name (default: today)"
    )
    review.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    review.set_defaults(run=run_review)
    return review


def run_review(args: argparse.Namespace) -> int:
    """Run ``qikit review`` from parsed arguments, print the table; return the exit code."""
    try:
        result = review_cohort(
            args.folder,
            jobs=args.jobs,
            teams=args.team,
            force=args.all,
            date=args.date,
            progress=not args.quiet and sys.stderr.isatty(),
        )
    except OSError as error:  # exit code 1: not a refusal, the disk said no
        where = f" {error.filename}" if error.filename else ""
        print(f"qikit review: could not write{where}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(format_table(result))
    print(_summary(result))
    return result.exit_code
