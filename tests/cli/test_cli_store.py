"""``qikit export`` and ``qikit import``: exit codes, messages and a round trip through files.

The round trip runs the real command (``python -m qikit``) in a separate process; the table of
bad files calls :func:`qikit.cli.main` in this process, which returns the same exit code.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from cli_runner import qikit

from qikit.cli import main
from qikit.store.portable import FORMAT, FORMAT_VERSION
from qikit.store.sqlite import SqliteStore

TEAM = "ward-3-porters"


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "qikit.db"
    with SqliteStore(path) as store:
        store.save(
            TEAM, "charter", "main", {"problem": "Waits 🚑 <b>", "aim_what": "Waits"}, author="Ana"
        )
        store.save(TEAM, "cause", "c1", {"category": "People", "text": "نقص"}, author="Ana")
        store.save(TEAM, "cause", "c1", {"text": "Bleeps\nunanswered"}, author="Bilal")
        store.save(
            TEAM, "note", "n1", {"text": "'); DROP TABLE records;--", "ok": True}, author="A"
        )
    return path


def without_volatile(document: dict) -> dict:
    document = {k: v for k, v in document.items() if k not in ("exported_at", "team")}
    document["records"] = [
        {k: v for k, v in r.items() if k != "version"} for r in document["records"]
    ]
    return document


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_round_trip_through_files(store_path: Path, tmp_path: Path) -> None:
    """Does export → import into another team → export give the same project, with exit code 0
    and a plain confirmation each time?"""
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    done = qikit("export", store_path, TEAM, "-o", first)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == f"Exported {TEAM} to {first}\n"
    assert not first.with_name("first.json.part").exists()

    copy_store = tmp_path / "other.db"  # a store that does not exist yet: import creates it
    done = qikit("import", copy_store, first, "--team", "porters-copy", "--author", "Chen")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == "Imported 3 records into porters-copy\n"

    done = qikit("export", copy_store, "porters-copy", "-o", second)
    assert done.returncode == 0, done.stderr
    one = json.loads(first.read_text(encoding="utf-8"))
    two = json.loads(second.read_text(encoding="utf-8"))
    assert (one["team"], two["team"]) == (TEAM, "porters-copy")
    assert without_volatile(one) == without_volatile(two)
    assert "🚑" in second.read_text(encoding="utf-8")  # written as UTF-8 text, not escapes
    with SqliteStore(copy_store) as store:
        history = store.history("porters-copy", "cause", "c1")
        assert [(e.action, e.author) for e in history] == [("create", "Chen")]


def test_export_to_the_screen(store_path: Path) -> None:
    """Without -o, is the export printed as the JSON document and nothing else?"""
    done = qikit("export", store_path, TEAM)
    assert (done.returncode, done.stderr) == (0, "")
    document = json.loads(done.stdout)
    assert (document["format"], document["format_version"]) == (FORMAT, FORMAT_VERSION)
    assert [r["id"] for r in document["records"]] == ["c1", "main", "n1"]


def test_import_refuses_a_team_with_work_unless_replace(store_path: Path, tmp_path: Path) -> None:
    """Is importing over existing work exit code 2 with advice, changing nothing; and does
    --replace then overwrite it while keeping its history?"""
    export = tmp_path / "export.json"
    assert qikit("export", store_path, TEAM, "-o", export).returncode == 0
    document = json.loads(export.read_text(encoding="utf-8"))
    document["records"][0]["data"]["text"] = "changed in the file"
    export.write_text(json.dumps(document), encoding="utf-8")
    before = qikit("export", store_path, TEAM).stdout

    done = qikit("import", store_path, export)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("qikit import: team: expected a team with no saved work yet")
    assert "use --replace" in done.stderr and "Traceback" not in done.stderr
    assert without_volatile(json.loads(qikit("export", store_path, TEAM).stdout)) == (
        without_volatile(json.loads(before))
    )

    done = qikit("import", store_path, export, "--replace", "--author", "Chen")
    assert (done.returncode, done.stderr) == (0, "")
    with SqliteStore(store_path) as store:
        assert store.get(TEAM, "cause", "c1").data["text"] == "changed in the file"
        history = store.history(TEAM, "cause", "c1")
    assert [e.author for e in history] == ["Ana", "Bilal", "Chen"]
    assert history[1].data["text"] == "Bleeps\nunanswered"  # the overwritten text is kept


def test_a_bad_file_is_exit_code_2_in_a_real_process(tmp_path: Path) -> None:
    """Does the real command exit with 2 and one plain line on stderr for a file that is not
    JSON, creating no store?"""
    bad = tmp_path / "notes.txt"
    bad.write_text("not an export", encoding="utf-8")
    done = qikit("import", tmp_path / "qikit.db", bad)
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("qikit import: export file: expected a qikit export (JSON)")
    assert done.stderr.count("\n") == 1
    assert not (tmp_path / "qikit.db").exists()


GOOD = {
    "format": FORMAT,
    "format_version": FORMAT_VERSION,
    "team": TEAM,
    "records": [{"kind": "note", "id": "n1", "version": 1, "data": {"text": "x"}}],
}
BAD_IMPORT_FILES = {
    "not JSON": ("Ward 3 porters", "text that is not JSON"),
    "other JSON": ('{"rows": [1, 2]}', "another kind of JSON file"),
    "newer format": (
        json.dumps({**GOOD, "format_version": FORMAT_VERSION + 1}),
        "The file was written by a newer qikit: update qikit",
    ),
    "record missing keys": (
        json.dumps({**GOOD, "records": [{"kind": "note", "data": {}}]}),
        "record 1: expected an object with kind, id and data",
    ),
    "record the store refuses": (
        json.dumps({**GOOD, "records": [{"kind": "note", "id": "../x", "data": {}}]}),
        "record 1 (note ../x)",
    ),
    "not UTF-8": (b"\xff\xfe\x00bad", "It could not be read"),
}


@pytest.mark.parametrize(
    ("content", "says"), BAD_IMPORT_FILES.values(), ids=BAD_IMPORT_FILES.keys()
)
def test_import_of_a_bad_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | bytes, says: str
) -> None:
    """Is each bad file exit code 2 with a plain message, leaving no store behind?"""
    bad = tmp_path / "export.json"
    if isinstance(content, bytes):
        bad.write_bytes(content)
    else:
        bad.write_text(content, encoding="utf-8")
    store = tmp_path / "qikit.db"
    assert main(["import", str(store), str(bad)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("qikit import: ")
    assert says in err
    assert "Traceback" not in err
    if says.startswith("record 1 ("):  # checked after the store was opened: nothing in it
        with SqliteStore(store) as opened:
            assert opened.teams() == []
    else:
        assert not store.exists()


def test_import_of_a_missing_file_or_folder(tmp_path: Path, capsys) -> None:
    """Is a missing file, or a folder, exit code 2 naming it?"""
    for target in (tmp_path / "missing.json", tmp_path):
        assert main(["import", str(tmp_path / "qikit.db"), str(target)]) == 2
        err = capsys.readouterr().err
        assert err.startswith("qikit import: file: expected a readable qikit export")
        assert str(target) in err


def test_export_refusals(store_path: Path, tmp_path: Path, capsys) -> None:
    """Are a missing store, a file that is not a store, an unknown team and a folder as output
    each exit code 2 with a plain message, changing nothing?"""
    notes = tmp_path / "notes.txt"
    notes.write_text("Monday huddle\n", encoding="utf-8")
    before = digest(notes)
    folder = tmp_path / "out"
    folder.mkdir()
    cases = [
        (["export", str(tmp_path / "missing.db"), TEAM], "There is no store"),
        (["export", str(notes), TEAM], "is not a qikit store: it looks like a text file"),
        (["export", str(store_path), "nobody"], "team: expected a team that has saved some work"),
        (["export", str(store_path), "Ward 3"], "team: expected a team code"),
        (["export", str(store_path), TEAM, "-o", str(folder)], "Give a file name, not a folder"),
    ]
    for argv, says in cases:
        assert main(argv) == 2, argv
        out, err = capsys.readouterr()
        assert out == ""
        assert err.startswith("qikit export: ")
        assert says in err
    assert not (tmp_path / "missing.db").exists()
    assert digest(notes) == before
    assert list(folder.iterdir()) == []


def test_a_deeply_nested_export_is_exit_code_2_naming_the_file(tmp_path: Path) -> None:
    """Are 50,000 nested lists a plain refusal naming the file (no RecursionError), no store?"""
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 50_000 + "]" * 50_000, encoding="utf-8")
    done = qikit("import", tmp_path / "qikit.db", deep)
    assert done.returncode == 2, done.stderr
    assert "RecursionError" not in done.stderr
    assert str(deep) in done.stderr
    assert "nested" in done.stderr
    assert not (tmp_path / "qikit.db").exists()
