"""Running the teams' notebooks: papermill in a pool of spawned workers, kernel starts retried.

- **One Python process, a pool of workers.** Starting the ``papermill`` command costs ~4 s per
  call, so the teams are handed to a :class:`~concurrent.futures.ProcessPoolExecutor` ("spawn":
  no fork of a process that holds a SQLite connection or threads) and each worker executes one
  team's notebooks in turn with :func:`papermill.execute_notebook` (:func:`review_team`).
- **Kernel starts are retried, errors are not.** About 1 in 120 concurrent kernel starts dies
  (ZMQ "Address already in use", then "Kernel died before replying to kernel_info": papermill
  #511). Such a notebook is run again, up to :data:`~qikit.review.results.TRIES` times with a
  short back-off. A cell that raises (:class:`~papermill.exceptions.PapermillExecutionError`) is
  a real error: it is reported for that team at once, and the team's other pages still run.
- **A team's pages are written into a hidden folder first, then moved into place**, so a review
  stopped half-way leaves no folder that looks finished.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import os
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from qikit.errors import ReviewError
from qikit.layout import inside_cohort
from qikit.review.report import index_html, notebook_html, page_title, reported_failure
from qikit.review.results import (
    BACKOFF_SECONDS,
    INDEX_NAME,
    TRIES,
    PageReview,
    ReviewStatus,
    TeamReview,
    TeamTask,
)

__all__ = [
    "CELL_TIMEOUT_SECONDS",
    "KERNEL_START_MARKERS",
    "execute_with_retry",
    "is_kernel_start_error",
    "review_team",
    "run_pool",
]

#: A cell that runs longer than this is an error (a hung kernel must not hang the review).
CELL_TIMEOUT_SECONDS = 600
#: Words in an error that mean the kernel never started (the ZMQ port race, papermill#511).
KERNEL_START_MARKERS = (
    "Address already in use",
    "Kernel died before replying",
    "kernel_info",
    "Kernel didn't respond",
)
#: The errors, by (top package, class name), that mean the kernel died: ZMQ's and nbclient's.
#: Matched by name so that review needs neither package itself (papermill brings both).
KERNEL_ERROR_TYPES = frozenset({("zmq", "ZMQError"), ("nbclient", "DeadKernelError")})
KERNEL_NEVER_STARTED = "the notebook's kernel did not start after {tries} tries ({error})"

T = TypeVar("T")


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
    if any(
        (kind.__module__.partition(".")[0], kind.__name__) in KERNEL_ERROR_TYPES
        for kind in type(error).__mro__
    ):
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
    """Return the first line of what ``error`` says (a cell's error as ``Name: value``)."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(error, PapermillExecutionError):
        text = f"{error.ename}: {error.evalue}"
    else:
        text = f"{type(error).__name__}: {error}"
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[0] if lines else type(error).__name__


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
    inside_cohort(task.cohort, task.folder, error=ReviewError)
    inside_cohort(task.cohort, work, error=ReviewError)
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
            error = reported_failure(executed, task.cohort)
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
        titles[source.name] = page_title(source, executed)
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
    (work / INDEX_NAME).write_text(index_html(task, pages, titles), encoding="utf-8")
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


def run_pool(
    due: Sequence[TeamTask],
    workers: int,
    log: Path,
    record: Callable[[TeamReview], None],
    progress: bool,
) -> None:
    """Review the teams ``due`` with ``workers`` spawned processes, calling ``record`` as each
    team finishes (a worker that dies is a failed team, not a failed review)."""
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
