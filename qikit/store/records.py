"""Saving and loading the project model's records through any store.

The store is generic (JSON objects by key); this module is where the project model's rules meet
it: every save is checked against the record's model *after* merging, inside the store's
transaction, so a record in the store is always one the model accepts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from qikit.core.model import Project, Record, RecordKind, record_from_data
from qikit.errors import DataError
from qikit.store.base import Store, StoredRecord


def _kind(kind: RecordKind | str) -> RecordKind:
    try:
        return RecordKind(kind)
    except ValueError:
        raise DataError("kind", "one of " + ", ".join(k.value for k in RecordKind), kind) from None


def save_changes(
    store: Store,
    team: str,
    kind: RecordKind | str,
    record_id: str,
    changes: Mapping[str, Any],
    *,
    author: str,
) -> StoredRecord:
    """Save the changed fields of one record; the merged record must be valid for the model."""
    checked = _kind(kind)
    return store.save(
        team,
        checked.value,
        record_id,
        changes,
        author=author,
        validate=lambda data: record_from_data(checked, record_id, data),
    )


def save_record(store: Store, team: str, record: Record, *, author: str) -> StoredRecord:
    """Save a whole record (only the fields that differ from the stored copy are written)."""
    return save_changes(store, team, record.KIND, record.record_id, record.to_data(), author=author)


def load_record(store: Store, team: str, kind: RecordKind | str, record_id: str) -> Record | None:
    """Return the stored record as a model object, or None if there is none."""
    checked = _kind(kind)
    stored = store.get(team, checked.value, record_id)
    return None if stored is None else record_from_data(checked, record_id, stored.data)


def project_from_stored(stored: Iterable[StoredRecord], *, strict: bool = False) -> Project:
    """Return the project made of a team's stored records. Unreadable records are listed in
    ``problems()``.

    Records of kinds the project model does not know (such as a mentor's confirmed progress
    score, kept beside the project) are not part of the project and are left out.
    """
    known = {kind.value for kind in RecordKind}
    return Project.from_records(
        ((r.kind, r.record_id, r.data) for r in stored if r.kind in known), strict=strict
    )


def load_project(store: Store, team: str, *, strict: bool = False) -> Project:
    """Return the team's whole project (see :func:`project_from_stored`)."""
    return project_from_stored(store.list(team), strict=strict)
