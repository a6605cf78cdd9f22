"""A mentor's confirmed progress scores: saved beside a team's project, every version kept.

The score itself is the pure value :class:`qikit.core.progress.ConfirmedScore` (it checks
its own fields); this module is where it meets the store. It is saved through the generic
store under the team, kind :data:`PROGRESS_KIND` (``"progress_score"``), id
:data:`PROGRESS_ID` (``"main"``), as ``{"score", "note", "confirmed_by", "at"}``. The store
keeps every earlier version, so :func:`score_history` is that record's history.

The kind is not one of the project model's record kinds (those are closed), which is why
:func:`qikit.store.records.load_project` leaves it out when it reads a team's project.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from qikit.core.model import now_iso
from qikit.core.progress import ConfirmedScore, check_score
from qikit.errors import DataError
from qikit.store.base import Store

__all__ = [
    "PROGRESS_ID",
    "PROGRESS_KIND",
    "confirmed_score",
    "save_confirmed_score",
    "score_history",
]

#: The store key of a team's confirmed score (kind, id). Stored, so the values never change.
PROGRESS_KIND = "progress_score"
PROGRESS_ID = "main"


def _validate_score_data(data: Mapping[str, Any]) -> None:
    ConfirmedScore.from_data(data)


def save_confirmed_score(
    store: Store, team: str, score: object, note: str, confirmed_by: str
) -> ConfirmedScore:
    """Return the score saved as the team's confirmed score (checked; history kept).

    The author of the change is ``confirmed_by``. The time is saved too, so confirming the
    same score again is a new version in the history.
    """
    author = " ".join(str(confirmed_by or "").split())
    data = {
        "score": check_score(score),
        "note": note if isinstance(note, str) else "",
        "confirmed_by": author,
        "at": now_iso(),
    }
    _validate_score_data(data)
    stored = store.save(
        team,
        PROGRESS_KIND,
        PROGRESS_ID,
        data,
        author=author,
        validate=_validate_score_data,
    )
    return ConfirmedScore.from_data(stored.data, stored.version)


def confirmed_score(store: Store, team: str) -> ConfirmedScore | None:
    """Return the team's current confirmed score, or None (also when the record is damaged)."""
    stored = store.get(team, PROGRESS_KIND, PROGRESS_ID)
    if stored is None:
        return None
    try:
        return ConfirmedScore.from_data(stored.data, stored.version, stored.updated_at)
    except DataError:
        return None


def score_history(store: Store, team: str) -> list[ConfirmedScore]:
    """Return every confirmed score of the team, oldest first (deleted versions left out)."""
    found = []
    for entry in store.history(team, PROGRESS_KIND, PROGRESS_ID):
        if entry.data is None:
            continue
        try:
            found.append(ConfirmedScore.from_data(entry.data, entry.version, entry.at))
        except DataError:
            continue
    return found
