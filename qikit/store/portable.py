"""A whole team project as one JSON document: for backups, portfolios and moving cohorts.

The document is versioned and human-readable (indented, UTF-8, keys sorted)::

    {"format": "qikit-team-project", "format_version": 1, "qikit_version": "0.1.0",
     "exported_at": "...", "team": "ward-3-porters",
     "records": [{"kind": "charter", "id": "main", "version": 4, "data": {...}}, ...]}

Importing it into an empty team gives back exactly the same records (same kinds, ids and data),
so export → import → export gives the same document apart from ``exported_at`` and the versions.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from qikit._version import __version__
from qikit.errors import DataError
from qikit.store.base import Store

FORMAT = "qikit-team-project"
FORMAT_VERSION = 1


def export_team(store: Store, team: str) -> dict[str, Any]:
    """Return the team's whole project as a JSON-compatible document."""
    records = store.list(team)
    if not records:
        raise DataError(
            "team", "a team that has saved some work", team, "Check the team code with your mentor."
        )
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "qikit_version": __version__,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "team": team,
        "records": [
            {"kind": r.kind, "id": r.record_id, "version": r.version, "data": r.data}
            for r in records
        ],
    }


def dumps_document(document: Mapping[str, Any]) -> str:
    """Return the document as readable JSON text (UTF-8, indented, keys sorted)."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


#: The deepest an export's lists and objects may nest: an export needs about 6 levels. Far
#: deeper is a broken or hostile file (``json`` and the checks after it are recursive).
MAX_DEPTH = 64


def loads_document(text: str, source: str = "the file") -> dict[str, Any]:
    """Parse and check an exported document; DataError says what is wrong with it.

    ``source`` names the file in the message about nesting (the path given to ``qikit import``).
    """
    too_deep = False
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise DataError(
            "export file",
            "a qikit export (JSON)",
            f"text that is not JSON (line {error.lineno}, column {error.colno})",
            "Choose the .json file that qikit export wrote.",
        ) from None
    except RecursionError:
        too_deep = True
    if too_deep or _depth(document) > MAX_DEPTH:
        raise DataError(
            "export file",
            f"a qikit export (JSON nested at most {MAX_DEPTH} levels deep)",
            "lists or objects nested far deeper",
            f"{source} is damaged or not a qikit export. Choose the .json file that qikit "
            "export wrote.",
        )
    _check_document(document)
    return document


def _depth(document: Any) -> int:
    """Return how deeply ``document``'s lists and objects nest (without recursion)."""
    deepest = 0
    waiting = [(document, 1)]
    while waiting:
        value, level = waiting.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, level)
            if level <= MAX_DEPTH:
                items = value.values() if isinstance(value, dict) else value
                waiting.extend((item, level + 1) for item in items)
    return deepest


def _check_document(document: Any) -> None:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise DataError(
            "export file",
            f"a qikit team export (format {FORMAT!r})",
            "another kind of JSON file",
            "Choose the .json file that qikit export wrote.",
        )
    version = document.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise DataError("format_version", "a whole number from 1", version)
    if version > FORMAT_VERSION:
        raise DataError(
            "format_version",
            f"at most {FORMAT_VERSION} (what this qikit reads)",
            version,
            "The file was written by a newer qikit: update qikit, then import it again.",
        )
    records = document.get("records")
    if not isinstance(records, list):
        raise DataError("records", "a list of records", type(records).__name__)
    for index, record in enumerate(records, start=1):
        if (
            not isinstance(record, dict)
            or not isinstance(record.get("kind"), str)
            or not isinstance(record.get("id"), str)
            or not isinstance(record.get("data"), dict)
        ):
            raise DataError(
                f"record {index}",
                "an object with kind, id and data",
                record if not isinstance(record, dict) else sorted(record),
            )


def import_team(
    store: Store,
    document: Mapping[str, Any],
    *,
    author: str,
    team: str | None = None,
    replace: bool = False,
) -> int:
    """Save every record of an exported project into ``team`` (default: the exported team).

    Refuses a team that already has work unless ``replace`` is given; even then nothing is lost:
    every record it overwrites keeps its history. Records are validated against the project
    model before anything is written. Returns the number of records imported.
    """
    _check_document(document)
    target = team or document.get("team")
    if not isinstance(target, str):
        raise DataError("team", "a team code", target, "Give the team code to import into.")
    records = document["records"]
    _validate_records(records)
    _check_savable(target, records)
    existing = store.list(target)
    if existing and not replace:
        raise DataError(
            "team",
            "a team with no saved work yet",
            f"{target} (it already has {len(existing)} records)",
            "Import into a new team code, or use --replace to overwrite (its history is kept).",
        )
    wanted = {(r["kind"], r["id"]) for r in records}
    for record in records:
        current = store.get(target, record["kind"], record["id"])
        if current is not None and set(current.data) - set(record["data"]):
            # The stored record has fields the export lacks: start it afresh (history is kept).
            store.delete(target, record["kind"], record["id"], author=author)
        store.save(target, record["kind"], record["id"], record["data"], author=author)
    if replace:
        for old in existing:
            if (old.kind, old.record_id) not in wanted:
                store.delete(target, old.kind, old.record_id, author=author)
    return len(records)


def _check_each(records: list[dict[str, Any]], check: Callable[[dict[str, Any]], object]) -> None:
    """Run ``check`` on every record; a DataError names the record it is about."""
    for index, record in enumerate(records, start=1):
        try:
            check(record)
        except DataError as error:
            raise DataError(
                f"record {index} ({record['kind']} {record['id']})",
                error.expected,
                error.received,
                f"{error.field}: {error.what_to_do or 'correct the export file.'}",
            ) from None


def _check_savable(team: str, records: list[dict[str, Any]]) -> None:
    """Check every key and value the store would refuse, so an import is all or nothing."""
    from qikit.store.sqlite import _check_key, _dumps

    _check_key(team, "any", "x")

    def savable(record: dict[str, Any]) -> None:
        _check_key(team, record["kind"], record["id"])
        _dumps(record["data"])

    _check_each(records, savable)


def _validate_records(records: list[dict[str, Any]]) -> None:
    """Check each record against the project model when its kind is known to it."""
    from qikit.core import model

    known = {str(kind) for kind in model.RECORD_TYPES}
    _check_each(
        records,
        lambda r: r["kind"] in known and model.record_from_data(r["kind"], r["id"], r["data"]),
    )
