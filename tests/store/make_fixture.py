"""Write the store fixture for the current schema: ``fixtures/schema_v<SCHEMA_VERSION>.db``.

Run it once, and commit the file, whenever ``SCHEMA_VERSION`` is bumped (before the bump, for the
version being left behind, if it is not there yet)::

    .venv/bin/python tests/store/make_fixture.py

``test_each_earlier_schema_version_upgrades`` opens a copy of every ``schema_v*.db`` with the
current qikit and checks it holds what :func:`populate` gives a new store today (records and
history, timestamps aside). An existing fixture is never overwritten: an old store must stay as
the old qikit wrote it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from qikit.store.sqlite import SCHEMA_VERSION, SqliteStore

FIXTURES = Path(__file__).with_name("fixtures")
TEAM = "ward-3-porters"
OTHER_TEAM = "catering-2"


def populate(store: SqliteStore) -> None:
    """Save the same small project every fixture holds: creates, updates, a delete, a restore."""
    store.save(
        TEAM,
        "charter",
        "main",
        {"aim": "Cut porter waits to 15 minutes by June 🚑", "team": ["Ana", "Bilal"]},
        author="Ana",
    )
    store.save(TEAM, "charter", "main", {"aim": "Cut porter waits to 12 minutes"}, author="Bilal")
    store.save(TEAM, "cause", "c1", {"text": "Bleeps not answered", "bone": "people"}, author="A")
    store.save(TEAM, "cause", "c2", {"text": "نقص الكراسي <b>", "bone": "equipment"}, author="A")
    store.delete(TEAM, "cause", "c2", author="Bilal")
    store.restore(TEAM, "cause", "c2", 1, author="Ana")
    store.save(TEAM, "cause", "c3", {"text": "gone"}, author="Ana")
    store.delete(TEAM, "cause", "c3", author="Ana")
    for week in range(1, 4):
        store.save(TEAM, "point", f"wait-{week}", {"x": week, "y": 20.5 - week}, author="Ana")
    store.save(OTHER_TEAM, "charter", "main", {"aim": "Fewer cold meals", "ok": True}, author="C")


def snapshot(store: SqliteStore) -> dict[str, Any]:
    """Return what the store holds, without timestamps: every team's records and histories."""
    result: dict[str, Any] = {}
    for team in store.teams():
        for record in store.list(team):
            history = store.history(team, record.kind, record.record_id)
            result[f"{team}/{record.kind}/{record.record_id}"] = {
                "version": record.version,
                "data": record.data,
                "by": record.updated_by,
                "history": [
                    [e.version, e.action, list(e.changed), e.data, e.author] for e in history
                ],
            }
    deleted = store.history(TEAM, "cause", "c3")
    result[f"{TEAM}/cause/c3 (deleted)"] = [[e.version, e.action, e.data] for e in deleted]
    return result


def write(path: Path) -> None:
    """Write a fixture store to ``path`` (which must not exist)."""
    with SqliteStore(path) as store:
        populate(store)
    # Closing the last connection folds the WAL into the file: one self-contained file.
    for suffix in ("-wal", "-shm"):
        assert not Path(f"{path}{suffix}").exists(), f"{path}{suffix} was left behind"


def main() -> int:
    target = FIXTURES / f"schema_v{SCHEMA_VERSION}.db"
    if target.exists():
        print(f"{target} exists; an old fixture is never rewritten.", file=sys.stderr)
        return 1
    FIXTURES.mkdir(exist_ok=True)
    write(target)
    with SqliteStore(target, create=False) as store:
        held = snapshot(store)
    print(f"Wrote {target} (schema {SCHEMA_VERSION}, {len(held)} records with their history)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
