"""What changed since the last review: each team's fingerprint, and the state file that keeps it.

A team's fingerprint is its place in the store's history (newest history id, number of history
rows: :meth:`qikit.store.SqliteStore.team_histories`), the sha256 of its workbooks and qikit's
version. The store is opened read-only (``mode=ro``): the review never creates, upgrades or
changes a store, and never waits for or holds its write lock.

``review/.state.json`` keeps, per team, the fingerprint of its last good review and where that
review is. A team whose fingerprint is unchanged, and whose review folder is still there, is
skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from qikit.core.model import MAIN, RecordKind, Team
from qikit.errors import DataError, ReviewError
from qikit.layout import store_path, write_in_cohort
from qikit.store import Store, TeamHistory, open_store
from qikit.store.records import load_record

__all__ = [
    "STATE_FORMAT",
    "STATE_NAME",
    "STATE_VERSION",
    "fingerprint",
    "history_fingerprints",
    "read_state",
    "team_names",
    "write_state",
]

STATE_NAME = ".state.json"
STATE_FORMAT = "qikit-review-state"
STATE_VERSION = 1


def history_fingerprints(cohort_dir: str | os.PathLike[str]) -> dict[str, TeamHistory]:
    """Return ``{team: (newest history id, number of history rows)}`` from the cohort's store.

    Every save that changes a record, every delete and every restore adds a history row, so the
    pair changes whenever a team's work does. Teams with no history are missing from the answer.
    """
    with open_store(store_path(Path(cohort_dir)), read_only=True) as store:
        return store.team_histories()


def team_names(store: Store, slugs: Iterable[str]) -> dict[str, str]:
    """Return ``{slug: team name}`` from the Team records (a slug without one is left out)."""
    names = {}
    for slug in slugs:
        try:
            team = load_record(store, slug, RecordKind.TEAM, MAIN)
        except DataError:  # a folder name that is no team code, or a record the model refuses
            continue
        if isinstance(team, Team) and team.name.strip():
            names[slug] = team.name
    return names


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fingerprint(history: TeamHistory | None, notebooks: Iterable[Path]) -> dict[str, Any]:
    """Return a team's fingerprint as the state file keeps it (plain JSON values)."""
    from qikit._version import __version__

    return {
        "history": list(history) if history is not None else [0, 0],
        "workbooks": {p.name: _sha256(p) for p in notebooks},
        "qikit": __version__,
    }


def read_state(path: Path) -> dict[str, dict[str, Any]]:
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


def write_state(path: Path, teams: Mapping[str, Mapping[str, Any]]) -> None:
    """Write ``{team: entry}`` to ``.state.json`` (whole or not at all: via a temporary file)."""
    document = {
        "format": STATE_FORMAT,
        "version": STATE_VERSION,
        "teams": dict(sorted(teams.items())),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(document, indent=1, sort_keys=True) + "\n"
    write_in_cohort(path.parent, path, text.encode("utf-8"), error=ReviewError)
