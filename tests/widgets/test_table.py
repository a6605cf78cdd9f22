"""Does the data table pass each message from the browser to the right handler and answer it?"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from qikit.widgets.table import _ESM, Column, DataTable, paste_grid

COLUMNS = [
    Column("date", "Date", "date", "date"),
    Column("value", "Number", "number", "number", width="6em"),
    Column("note", "Note", "note"),
]


class Handlers:
    """Records what the table's handlers were called with."""

    def __init__(self) -> None:
        self.calls: list[tuple] = []

    def table(self, **traits: object) -> DataTable:
        table = DataTable(
            COLUMNS,
            on_edit=lambda *args: self.calls.append(("edit", *args)),
            on_paste=lambda *args: self.calls.append(("paste", *args)),
            on_remove=lambda *args: self.calls.append(("remove", *args)),
            **traits,
        )
        self.answers: list[dict] = []
        table.send = self.answers.append  # type: ignore[method-assign]
        return table


def test_columns_are_described_from_python() -> None:
    table = DataTable(COLUMNS, row_label="Week {n}")
    assert table.columns[1] == {
        "key": "value",
        "label": "Number",
        "name": "number",
        "kind": "number",
        "width": "6em",
    }
    assert table.column_keys == ["date", "value", "note"]
    assert table.row_label == "Week {n}"
    assert table.rows == [] and table.errors == {}


def test_each_message_reaches_its_handler_and_is_answered() -> None:
    handlers = Handlers()
    table = handlers.table()
    table.receive({"type": "edit", "row": "r1", "key": "value", "value": "12", "seq": 1})
    table.receive({"type": "paste", "row": "r1", "key": "date", "text": "a\tb\nc", "seq": 2})
    table.receive({"type": "remove", "row": "r1", "seq": 3})
    assert handlers.calls == [
        ("edit", "r1", "value", "12"),
        ("paste", "r1", "date", [["a", "b"], ["c"]]),
        ("remove", "r1"),
    ]
    assert handlers.answers == [{"type": "done", "seq": n} for n in (1, 2, 3)]


@pytest.mark.parametrize(
    "message",
    [
        {"type": "edit", "row": "r1", "key": "measure_id", "value": "x"},  # not a column
        {"type": "edit", "row": "r1", "key": "value"},  # no value
        {"type": "edit", "row": "", "key": "value", "value": "1"},  # no row
        {"type": "edit", "row": 3, "key": "value", "value": "1"},
        {"type": "paste", "row": "r1", "key": "value", "text": "\n\n"},  # nothing pasted
        {"type": "drop table", "row": "r1", "key": "value"},
    ],
)
def test_a_message_of_another_shape_is_ignored_but_answered(message: dict) -> None:
    handlers = Handlers()
    handlers.table().receive({**message, "seq": 7})
    assert handlers.calls == []
    assert handlers.answers == [{"type": "done", "seq": 7}]


def test_the_browser_is_answered_even_when_a_handler_fails() -> None:
    def broken(*_args: object) -> None:
        raise RuntimeError("kernel trouble")

    table = DataTable(COLUMNS, on_edit=broken)
    answers: list[dict] = []
    table.send = answers.append  # type: ignore[method-assign]
    with pytest.raises(RuntimeError):
        table.receive({"type": "edit", "row": "r1", "key": "value", "value": "1", "seq": 4})
    assert answers == [{"type": "done", "seq": 4}]  # the browser stops waiting for the cell


def test_show_sends_rows_errors_and_hints_together() -> None:
    table = DataTable(COLUMNS)
    table.show(
        [{"id": "r1", "date": "6 Jan 2025", "value": "abc", "note": ""}],
        {"r1": {"value": "Type a number"}, "r2": {}},
        {"date": "13 Jan 2025"},
    )
    assert table.rows == [{"id": "r1", "date": "6 Jan 2025", "value": "abc", "note": ""}]
    assert table.errors == {"r1": {"value": "Type a number"}}  # rows without errors left out
    assert table.placeholders == {"date": "13 Jan 2025"}
    table.announce("Your chart has changed.")
    assert table.announcement == "Your chart has changed."


@pytest.mark.parametrize(
    ("pasted", "grid"),
    [
        ("12\n13\n", [["12"], ["13"]]),
        ("06/01/2025\t12\r\n13/01/2025\t14\r\n", [["06/01/2025", "12"], ["13/01/2025", "14"]]),
        ("1\t2\t\t\n3", [["1", "2"], ["3"]]),  # a ragged selection ends with tabs
        ("1\n\n3", [["1"], [""], ["3"]]),  # a blank line inside keeps the rows under it in place
        (" 4 \t x ", [["4", "x"]]),
        ("\n\n", []),
    ],
)
def test_pasted_text_becomes_lines_of_cells(pasted: str, grid: list[list[str]]) -> None:
    assert paste_grid(pasted) == grid


def test_the_javascript_is_small_fetches_nothing_and_names_each_cell() -> None:
    assert len(_ESM.splitlines()) < 320
    assert not re.search(r"\bfetch\(|XMLHttpRequest|WebSocket|https?:|\bimport\b", _ESM)
    assert 'input.setAttribute("aria-label", label + ", " + column.name)' in _ESM
    assert '"aria-invalid"' in _ESM and "aria-describedby" in _ESM
    assert 'th.scope = "col"' in _ESM and 'th.scope = "row"' in _ESM


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to check the syntax")
def test_the_javascript_is_a_valid_module(tmp_path: Path) -> None:
    module = tmp_path / "table.mjs"
    module.write_text(_ESM, encoding="utf-8")
    checked = subprocess.run(
        ["node", "--check", str(module)], capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stderr
