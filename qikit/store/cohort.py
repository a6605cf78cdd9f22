"""The mentors' cohort dashboard read from the store: one :class:`~qikit.core.progress.TeamRow`
per team.

The figures of a row are computed by :func:`qikit.core.progress.team_summary` from plain values;
this module gathers those values from the store: the team's project
(:func:`qikit.store.records.project_from_stored`), when the team last changed anything
(:func:`last_activity`, from the records' ``updated_at``) and the mentor's confirmed scores
(:mod:`qikit.store.scores`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from qikit.core.model import RecordKind
from qikit.core.progress import TeamRow, parse_moment, team_summary
from qikit.store.base import Store, StoredRecord
from qikit.store.records import project_from_stored
from qikit.store.scores import PROGRESS_KIND, confirmed_score, score_history

__all__ = ["cohort_rows", "last_activity"]


def last_activity(stored: Iterable[StoredRecord]) -> dt.datetime | None:
    """Return the latest change the *team* made, from the store's records (``updated_at``).

    A mentor's own work is not the team's activity: the confirmed score is left out, and so is
    a mentor's comment last changed by the mentor who wrote it (a team marking it as read does
    count).
    """
    times = []
    for record in stored:
        if record.kind == PROGRESS_KIND:
            continue
        data = record.data if isinstance(record.data, Mapping) else {}
        if (
            record.kind == RecordKind.FEEDBACK.value
            and data.get("from_mentor") is True
            and record.updated_by == data.get("author")
        ):
            continue
        moment = parse_moment(record.updated_at)
        if moment is not None:
            times.append(moment)
    return max(times, default=None)


def cohort_rows(store: Store, team_slugs: Iterable[str], today: dt.date) -> list[TeamRow]:
    """Return one dashboard row per team, in the order given, read from ``store``."""
    rows = []
    for slug in team_slugs:
        # One read, so the project and its last activity are the same moment's records.
        stored = store.list(slug)
        project = project_from_stored(stored)
        rows.append(
            team_summary(
                project,
                project.feedback,
                today,
                slug=slug,
                last_activity=last_activity(stored),
                confirmed=confirmed_score(store, slug),
                history=score_history(store, slug),
            )
        )
    return rows
