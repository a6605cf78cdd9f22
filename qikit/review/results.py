"""The values a review returns: one page, one team, the whole cohort, and a worker's task.

Plain frozen dataclasses of paths, strings and numbers: a :class:`TeamTask` crosses a process
boundary (the spawn pool) and a :class:`TeamReview` comes back across it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

__all__ = [
    "BACKOFF_SECONDS",
    "INDEX_NAME",
    "TRIES",
    "PageReview",
    "ReviewResult",
    "ReviewStatus",
    "TeamReview",
    "TeamTask",
]

#: How many times a notebook is run when its kernel fails to start (papermill#511).
TRIES = 3
#: The wait before the second try; doubled before each later one.
BACKOFF_SECONDS = 0.5
#: Each team's page of links, in its review folder.
INDEX_NAME = "index.html"
#: What the table says of a team whose work has not changed since its last review.
SKIPPED = "skipped (no changes)"


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
