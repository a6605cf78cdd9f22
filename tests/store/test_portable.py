"""Team export and import: the same project comes back, and bad files change nothing."""

from __future__ import annotations

import copy
import itertools
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import records as project_records  # tests/strategies.py

from qikit.errors import DataError
from qikit.store.portable import (
    FORMAT,
    FORMAT_VERSION,
    dumps_document,
    export_team,
    import_team,
    loads_document,
)
from qikit.store.sqlite import SqliteStore

TEAM = "ward-3-porters"
OTHER = "ward-3-porters-copy"

#: A small project, as stored: (kind, id, data). "note" is a kind the model does not know.
PROJECT: list[tuple[str, str, dict[str, Any]]] = [
    ("charter", "main", {"problem": "Porters wait <b>40</b> minutes 🚑", "aim_what": "Waits"}),
    ("cause", "c1", {"category": "People", "text": "Bleeps not answered"}),
    ("cause", "c2", {"category": "Equipment", "text": "نقص الكراسي المتحركة", "tally": 3}),
    ("point", "p1", {"measure_id": "m1", "date": "2026-01-05", "value": 41.5}),
    ("point", "p2", {"measure_id": "m1", "date": "2026-01-12", "value": None, "note": "Bank\n"}),
    ("note", "n1", {"text": "Robert'); DROP TABLE records;--", "pinned": True, "n": [1, 1.0]}),
]


def save_project(store: SqliteStore, team: str = TEAM) -> None:
    for kind, record_id, data in PROJECT:
        store.save(team, kind, record_id, data, author="Ana")
    # Some history: edits and a deleted record, which an export leaves out.
    store.save(team, "cause", "c1", {"text": "Bleeps not answered at night"}, author="Bilal")
    store.save(team, "cause", "gone", {"category": "People", "text": "deleted"}, author="Ana")
    store.delete(team, "cause", "gone", author="Ana")


def comparable(document: dict[str, Any]) -> dict[str, Any]:
    """Return the document without what differs between two exports of the same project."""
    document = copy.deepcopy(document)
    for key in ("exported_at", "team"):
        document.pop(key)
    for record in document["records"]:
        record.pop("version")
    return document


@pytest.fixture
def store(tmp_path: Path):
    with SqliteStore(tmp_path / "qikit.db") as opened:
        yield opened


def test_export_import_export_gives_the_same_document(store: SqliteStore) -> None:
    """Does a project exported, imported into another team and exported again come back the
    same, apart from exported_at, the team and the versions?"""
    save_project(store)
    first = export_team(store, TEAM)
    assert first["format"] == FORMAT and first["format_version"] == FORMAT_VERSION
    assert first["team"] == TEAM
    assert [(r["kind"], r["id"]) for r in first["records"]] == sorted(
        (kind, record_id) for kind, record_id, _ in PROJECT
    )
    assert next(r for r in first["records"] if r["id"] == "c1")["version"] == 2

    text = dumps_document(first)
    assert "🚑" in text and "نقص" in text  # readable, not \u-escaped
    assert import_team(store, loads_document(text), author="Chen", team=OTHER) == len(PROJECT)
    second = export_team(store, OTHER)
    assert second["team"] == OTHER
    assert comparable(second) == comparable(first)
    assert json.dumps(comparable(second), sort_keys=True) == json.dumps(
        comparable(first), sort_keys=True
    )  # types too: true stays true, 1.0 stays 1.0
    assert comparable(export_team(store, TEAM)) == comparable(first)  # the source is untouched
    for record in store.list(OTHER):
        history = store.history(OTHER, record.kind, record.record_id)
        assert [(e.version, e.action, e.author) for e in history] == [(1, "create", "Chen")]


def test_import_uses_the_exported_team_by_default(store: SqliteStore, tmp_path: Path) -> None:
    """Without a team code, does the project go back under the team it was exported from?"""
    save_project(store)
    document = export_team(store, TEAM)
    with SqliteStore(tmp_path / "new.db") as new:
        import_team(new, document, author="Chen")
        assert comparable(export_team(new, TEAM)) == comparable(document)


_unique_records = st.lists(
    project_records(), min_size=1, max_size=6, unique_by=lambda r: (str(r.KIND), r.record_id)
)
_teams = (f"team-{n}" for n in itertools.count())


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=50)
@given(records=_unique_records)
def test_any_valid_project_survives_export_and_import(store: SqliteStore, records: list) -> None:
    """Whatever valid records a team saves, does export → import → export give them back?"""
    source, target = next(_teams), next(_teams)
    for record in records:
        store.save(source, str(record.KIND), record.record_id, record.to_data(), author="Ana")
    first = export_team(store, source)
    import_team(store, loads_document(dumps_document(first)), author="Bilal", team=target)
    second = export_team(store, target)
    assert json.dumps(comparable(first), sort_keys=True) == json.dumps(
        comparable(second), sort_keys=True
    )


def test_exporting_a_team_with_no_work_is_refused(store: SqliteStore) -> None:
    """Is exporting an unknown (or emptied) team a DataError saying to check the code?"""
    with pytest.raises(DataError, match="Check the team code"):
        export_team(store, "nobody")
    store.save(TEAM, "cause", "c1", {"category": "People"}, author="Ana")
    store.delete(TEAM, "cause", "c1", author="Ana")
    with pytest.raises(DataError, match="team"):
        export_team(store, TEAM)


def test_import_refuses_a_team_with_work_and_changes_nothing(store: SqliteStore) -> None:
    """Is importing into a team that has records refused (without replace), leaving it as it was?"""
    save_project(store)
    document = export_team(store, TEAM)
    store.save(OTHER, "cause", "c1", {"category": "Mine", "text": "keep me"}, author="Dee")
    before = export_team(store, OTHER)
    history = store.history(OTHER, "cause", "c1")
    with pytest.raises(DataError) as raised:
        import_team(store, document, author="Chen", team=OTHER)
    assert "--replace" in str(raised.value)
    assert "already has 1 records" in str(raised.value)
    assert comparable(export_team(store, OTHER)) == comparable(before)
    assert store.history(OTHER, "cause", "c1") == history


def test_replace_overwrites_the_team_but_keeps_its_history(store: SqliteStore) -> None:
    """With replace, does the team end up exactly as the file, with every old version kept?"""
    save_project(store)
    document = export_team(store, TEAM)
    store.save(OTHER, "cause", "c1", {"category": "Mine", "text": "old", "extra": 1}, author="D")
    store.save(OTHER, "cause", "only-here", {"category": "Mine"}, author="Dee")
    store.save(OTHER, "note", "n1", {"text": "Robert'); DROP TABLE records;--"}, author="Dee")
    import_team(store, document, author="Chen", team=OTHER, replace=True)

    assert comparable(export_team(store, OTHER)) == comparable(document)
    assert store.get(OTHER, "cause", "only-here") is None
    c1 = store.history(OTHER, "cause", "c1")
    assert [e.action for e in c1] == ["create", "delete", "create"]
    assert c1[0].data == {"category": "Mine", "text": "old", "extra": 1}  # still there
    assert store.restore(OTHER, "cause", "only-here", 1, author="Dee").data == {"category": "Mine"}
    n1 = store.history(OTHER, "note", "n1")
    assert [e.action for e in n1] == ["create", "update"]  # fields merged, none left over
    assert n1[-1].author == "Chen"


# -- bad files ------------------------------------------------------------------------------------

GOOD = {
    "format": FORMAT,
    "format_version": FORMAT_VERSION,
    "team": TEAM,
    "records": [{"kind": "note", "id": "n1", "version": 1, "data": {"text": "x"}}],
}

BAD_TEXTS = {
    "not JSON": ("Ward 3 porters\nweek 1: 40", "text that is not JSON (line 1, column 1)"),
    "cut short": (json.dumps(GOOD)[:-5], "text that is not JSON"),
    "empty": ("", "text that is not JSON"),
    "a JSON list": ("[1, 2, 3]", "another kind of JSON file"),
    "other JSON": ('{"name": "Ward 3", "rows": []}', "another kind of JSON file"),
    "another format": (json.dumps({**GOOD, "format": "qikit-cohort"}), "another kind of JSON"),
    "newer format": (json.dumps({**GOOD, "format_version": FORMAT_VERSION + 1}), "newer qikit"),
    "format version as text": (json.dumps({**GOOD, "format_version": "1"}), "format_version"),
    "format version 0": (json.dumps({**GOOD, "format_version": 0}), "a whole number from 1"),
    "no records": (json.dumps({k: v for k, v in GOOD.items() if k != "records"}), "records"),
    "records not a list": (json.dumps({**GOOD, "records": {"n1": {}}}), "a list of records"),
    "record without kind": (
        json.dumps({**GOOD, "records": [{"id": "n1", "data": {}}]}),
        "record 1: expected an object with kind, id and data",
    ),
    "record without data": (
        json.dumps({**GOOD, "records": [*GOOD["records"], {"kind": "note", "id": "n2"}]}),
        "record 2: expected an object with kind, id and data",
    ),
    "data not an object": (
        json.dumps({**GOOD, "records": [{"kind": "note", "id": "n1", "data": [1]}]}),
        "record 1",
    ),
    "record not an object": (json.dumps({**GOOD, "records": ["note n1"]}), "record 1"),
}


@pytest.mark.parametrize(("text", "says"), BAD_TEXTS.values(), ids=BAD_TEXTS.keys())
def test_a_bad_export_file_is_refused_plainly(text: str, says: str) -> None:
    """Is a file that is not a usable export a DataError that says what is wrong?"""
    with pytest.raises(DataError) as raised:
        loads_document(text)
    assert says in str(raised.value)
    assert "Traceback" not in str(raised.value)


BAD_RECORDS = {
    "kind with a space": ({"kind": "DROP TABLE", "id": "n2", "data": {}}, "kind"),
    "id with a slash": ({"kind": "note", "id": "a/b", "data": {}}, "record id"),
    "not a number": ({"kind": "note", "id": "n2", "data": {"x": float("nan")}}, "NaN"),
    "invalid for the model": ({"kind": "cause", "id": "c9", "data": {"category": ""}}, "cannot"),
    "model type wrong": ({"kind": "point", "id": "p9", "data": {"date": 5}}, "record 2"),
}


@pytest.mark.parametrize(("bad", "says"), BAD_RECORDS.values(), ids=BAD_RECORDS.keys())
def test_an_import_with_one_bad_record_writes_nothing(
    store: SqliteStore, bad: dict, says: str
) -> None:
    """Is an export holding one record the store or the model refuses imported not at all?"""
    document = copy.deepcopy(GOOD)
    document["records"].append(bad)
    with pytest.raises(DataError) as raised:
        import_team(store, document, author="Chen")
    message = str(raised.value)
    assert message.startswith("record 2 (")
    assert says in message
    assert store.list(TEAM) == []
    assert store.teams() == []


def test_import_into_a_bad_team_code_is_refused(store: SqliteStore) -> None:
    """Is a team code that is not a slug refused before anything is written?"""
    for team in ("Ward 3", "../x"):
        with pytest.raises(DataError, match="team"):
            import_team(store, GOOD, author="Chen", team=team)
    assert store.teams() == []
