"""Does the measures tool save every change, keep refused entries on screen, and draw the chart?"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import ipywidgets as widgets
import pytest

from qikit.core.model import MAX_LONG_TEXT, PdsaCycle, RecordKind
from qikit.core.wording import measures as words
from qikit.render.measures import render_static
from qikit.store import open_store
from qikit.store.base import Store
from qikit.store.records import load_project, save_record
from qikit.widgets.base import ToolContext
from qikit.widgets.measures import MeasuresWidget
from qikit.widgets.table import DataTable

TEAM = "ward-3"
MONDAY = dt.date(2025, 1, 6)
EVIL = "<script>alert(1)</script>"
BOLD = "<b>x</b>"


def week(i: int) -> dt.date:
    return MONDAY + dt.timedelta(weeks=i)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "cohort.db")
    yield opened
    opened.close()


@pytest.fixture
def context(store: Store) -> ToolContext:
    return ToolContext(store, TEAM, "Ann")


def new_tool(context: ToolContext) -> MeasuresWidget:
    return MeasuresWidget(context)


def with_measure(
    context: ToolContext, name: str = "Minutes to collect a patient"
) -> MeasuresWidget:
    tool = new_tool(context)
    tool.new_measure_name.value = name
    tool.add_measure_button.click()
    assert tool.measure is not None
    return tool


def stored_measure(store: Store, tool: MeasuresWidget) -> dict:
    assert tool.measure is not None
    record = store.get(TEAM, "measure", tool.measure.record_id)
    assert record is not None
    return record.data


def stored_points(store: Store) -> list[dict]:
    return sorted((r.data for r in store.list(TEAM, "point")), key=lambda d: d["date"])


def all_html(widget: widgets.Widget) -> str:
    """Every HTML value shown anywhere in the tool, joined."""
    found: list[str] = []

    def walk(w: widgets.Widget) -> None:
        if isinstance(w, widgets.HTML):
            found.append(w.value)
        for child in getattr(w, "children", ()):
            walk(child)

    walk(widget)
    return "\n".join(found)


class Browser:
    """Sends the tool's table the messages its JavaScript sends, numbered the same way."""

    def __init__(self, tool: MeasuresWidget) -> None:
        self.tool = tool
        self.seq = 0
        self.answers: list[dict] = []
        tool.table.send = self.answers.append  # type: ignore[method-assign]

    def send(self, **message: object) -> None:
        self.seq += 1
        self.tool.table.receive({**message, "seq": self.seq})
        assert self.answers[-1] == {"type": "done", "seq": self.seq}

    def type(self, row: str, key: str, value: str) -> None:
        """Type ``value`` into a cell and leave it (Tab, Enter or a click elsewhere)."""
        self.send(type="edit", row=row, key=key, value=value)

    def paste(self, row: str, key: str, pasted: str) -> None:
        self.send(type="paste", row=row, key=key, text=pasted)

    def remove(self, row: str) -> None:
        self.send(type="remove", row=row)


def empty_row() -> str:
    """Return the id the browser gives the empty row at the end of the table."""
    return f"new-{secrets.token_hex(6)}"


def uk(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def rows(tool: MeasuresWidget) -> list[dict[str, str]]:
    """The table's rows as shown, without their ids."""
    return [{k: v for k, v in row.items() if k != "id"} for row in tool.table.rows]


def column(tool: MeasuresWidget, key: str) -> list[str]:
    return [row[key] for row in tool.table.rows]


def row_id(tool: MeasuresWidget, number: int) -> str:
    """The id of the row "Point ``number``" (counted from 1, as on the screen)."""
    return tool.table.rows[number - 1]["id"]


def error(tool: MeasuresWidget, number: int, key: str) -> str:
    return tool.table.errors.get(row_id(tool, number), {}).get(key, "")


def add_week(tool: MeasuresWidget, day: dt.date, value: str, note: str = "") -> str:
    """Type a date, a number (and a note) into the empty row, as a person does; its row id."""
    browser = Browser(tool)
    row = empty_row()
    browser.type(row, "date", uk(day))
    browser.type(row, "value", value)
    if note:
        browser.type(row, "note", note)
    return row


def add_weeks(tool: MeasuresWidget, values: list[str]) -> None:
    """Add a week per value, a week apart, after the rows already there."""
    start = len(tool.table.rows)
    for i, value in enumerate(values):
        add_week(tool, week(start + i), value)


# --- measures ------------------------------------------------------------------------------------


def test_a_new_team_sees_how_to_start_and_no_measure_boxes(context: ToolContext) -> None:
    tool = new_tool(context)
    assert "qikit-tool" in tool.widget._dom_classes
    assert tool.measure is None
    assert tool.measure_area.layout.display == "none"
    assert tool.no_measures.layout.display is None
    assert tool.measure_picker.options == ()


def test_adding_a_measure_needs_a_name(context: ToolContext, store: Store) -> None:
    tool = new_tool(context)
    tool.new_measure_name.value = "   "
    tool.add_measure_button.click()
    assert tool.new_measure_message.message == words.NEED_A_NAME
    assert store.list(TEAM) == []


def test_adding_a_measure_saves_it_and_picks_it(context: ToolContext, store: Store) -> None:
    tool = with_measure(context, "Beds ready within 1 hour")
    assert stored_measure(store, tool)["name"] == "Beds ready within 1 hour"
    assert tool.measure_picker.value == tool.measure.record_id  # type: ignore[union-attr]
    assert tool.measure_area.layout.display is None
    assert tool.new_measure_name.value == ""
    assert tool.status.widget.value.startswith("Saved ")
    assert tool.name_box.value == "Beds ready within 1 hour"


def test_every_field_of_the_definition_saves_and_comes_back(
    context: ToolContext, store: Store
) -> None:
    tool = with_measure(context)
    tool.name_box.value = "Minutes from request to collection"
    tool.type_picker.value = "process"
    tool.definition_box.value = "Porter logs the bleep time and the pick-up time."
    tool.kind_picker.value = "count"
    tool.unit_box.value = "minutes"
    tool.target_box.value = "20"
    tool.direction_picker.value = "decrease"
    data = stored_measure(store, tool)
    assert data == {
        "name": "Minutes from request to collection",
        "measure_type": "process",
        "operational_definition": "Porter logs the bleep time and the pick-up time.",
        "data_kind": "count",
        "unit": "minutes",
        "target": 20.0,
        "improvement": "decrease",
    }
    again = new_tool(context)
    assert again.name_box.value == "Minutes from request to collection"
    assert again.type_picker.value == "process"
    assert again.definition_box.value == "Porter logs the bleep time and the pick-up time."
    assert again.kind_picker.value == "count"
    assert again.unit_box.value == "minutes"
    assert again.target_box.value == "20"
    assert again.direction_picker.value == "decrease"
    assert [label for label, _ in again.measure_picker.options] == [
        "Minutes from request to collection"
    ]


def test_the_chart_helper_suggests_a_chart_and_says_why(context: ToolContext) -> None:
    tool = with_measure(context)
    tool.kind_picker.value = "percentage"
    assert "P chart (a percentage chart)" in tool.suggestion.value
    assert "how many out of how many" in tool.suggestion.value
    tool.kind_picker.value = "days_between"
    assert "T chart" in tool.suggestion.value
    assert "rare" in tool.suggestion.value


def test_an_empty_name_is_refused_beside_the_box(context: ToolContext, store: Store) -> None:
    tool = with_measure(context, "Meals missed")
    before = stored_measure(store, tool)
    tool.name_box.value = "  "
    assert "cannot be empty" in tool.messages["name"].message
    assert stored_measure(store, tool) == before
    assert tool.name_box.value == "  "  # what was typed stays on screen
    assert tool.status.last_error
    tool.name_box.value = "Meals missed at lunch"
    assert tool.messages["name"].message == ""
    assert stored_measure(store, tool)["name"] == "Meals missed at lunch"


@pytest.mark.parametrize("typed", ["abc", "4,5", "90%%", "nan"])
def test_a_target_that_is_not_a_number_is_refused(
    context: ToolContext, store: Store, typed: str
) -> None:
    tool = with_measure(context)
    tool.target_box.value = "15"
    tool.target_box.value = typed
    assert tool.messages["target"].message == words.TARGET_NOT_A_NUMBER
    assert stored_measure(store, tool)["target"] == 15.0
    assert tool.target_box.value == typed
    tool.target_box.value = ""
    assert stored_measure(store, tool)["target"] is None
    assert tool.messages["target"].message == ""


def test_measures_can_be_switched_and_deleted(context: ToolContext, store: Store) -> None:
    tool = with_measure(context, "B measure")
    first = tool.measure.record_id  # type: ignore[union-attr]
    add_weeks(tool, ["3", "4"])
    tool.new_measure_name.value = "A measure"
    tool.add_measure_button.click()
    second = tool.measure.record_id  # type: ignore[union-attr]
    assert [label for label, _ in tool.measure_picker.options] == ["A measure", "B measure"]
    assert tool.table.rows == []
    tool.measure_picker.value = first
    assert tool.name_box.value == "B measure" and len(tool.table.rows) == 2
    tool.delete_measure_button.click()
    assert store.get(TEAM, "measure", first) is None
    assert stored_points(store) == []
    assert len(store.history(TEAM, "measure", first)) == 2  # kept: a mentor can restore it
    assert tool.measure is not None and tool.measure.record_id == second
    assert "B measure" in tool.notice.value and "2 points" in tool.notice.value


# --- the table of points -------------------------------------------------------------------------


def test_the_table_has_a_column_for_each_part_of_a_point(context: ToolContext) -> None:
    tool = with_measure(context)
    assert isinstance(tool.table, DataTable)
    assert [(c["key"], c["label"], c["kind"]) for c in tool.table.columns] == [
        ("date", "Date", "date"),
        ("value", "Number", "number"),
        ("note", "Note", "text"),
    ]
    assert tool.table.row_label == "Point {n}" and tool.table.remove_label == "Remove point {n}"
    assert tool.table.rows == [] and tool.no_points.layout.display is None
    assert tool.table.placeholders == {"date": f"{dt.date.today():%-d %b %Y}"}
    # The chart column has a place for more chart controls, above the chart.
    assert tool.chart_options.children == (tool.chart_choice, tool.rule_choice.widget)
    assert tool.workspace.children == (tool.table_column, tool.chart_column)
    assert tool.chart_column.children.index(tool.chart_options) < (
        tool.chart_column.children.index(tool.chart)
    )


def test_typing_a_row_saves_a_point_and_moves_on_a_week(context: ToolContext, store: Store) -> None:
    tool = with_measure(context)
    browser = Browser(tool)
    row = empty_row()
    browser.type(row, "date", "6/1/25")
    assert stored_points(store) == []  # a date alone is not a point yet: it waits for a number
    assert rows(tool) == [{"date": "6/1/25", "value": "", "note": ""}]
    browser.type(row, "value", "12.5")
    browser.type(row, "note", "New porter started")
    (point,) = stored_points(store)
    assert point == {
        "measure_id": tool.measure.record_id,  # type: ignore[union-attr]
        "date": "2025-01-06",
        "value": 12.5,
        "note": "New porter started",
    }
    # The row keeps the browser's id; its date is shown back in one clear way.
    assert tool.table.rows == [
        {"id": row, "date": "6 Jan 2025", "value": "12.5", "note": "New porter started"}
    ]
    assert tool.table.errors == {}
    assert tool.table.placeholders == {"date": "13 Jan 2025"}
    assert tool.status.widget.value.startswith("Saved ")
    assert tool.no_points.layout.display == "none"
    assert "<svg" in tool.chart.value


@pytest.mark.parametrize("typed", ["03/12/2026", "3/12/26", "2026-12-03", "3 Dec 2026"])
def test_dates_are_read_the_british_way_and_shown_one_way(
    context: ToolContext, store: Store, typed: str
) -> None:
    tool = with_measure(context)
    add_week(tool, dt.date(2026, 11, 1), "4")
    Browser(tool).type(row_id(tool, 1), "date", typed)
    assert stored_points(store)[0]["date"] == "2026-12-03"
    assert column(tool, "date") == ["3 Dec 2026"]


def test_enter_in_the_empty_row_adds_the_next_week(context: ToolContext, store: Store) -> None:
    tool = with_measure(context)
    add_weeks(tool, ["10", "11"])
    # Enter after a number in the empty row: no date typed, so a week after the last.
    browser = Browser(tool)
    browser.type(empty_row(), "value", "12")
    browser.type(empty_row(), "value", "13")
    assert [(p["date"], p["value"]) for p in stored_points(store)] == [
        ("2025-01-06", 10.0),
        ("2025-01-13", 11.0),
        ("2025-01-20", 12.0),
        ("2025-01-27", 13.0),
    ]
    assert column(tool, "value") == ["10", "11", "12", "13"]


@pytest.mark.parametrize(
    ("kind", "key", "typed", "message"),
    [
        ("measurement", "value", "abc", words.NOT_A_NUMBER),
        ("measurement", "value", "4,5", words.NOT_A_NUMBER),
        ("count", "value", "2.5", words.NOT_A_COUNT),
        ("count", "value", "-1", words.NOT_A_COUNT),
        ("measurement", "date", "next monday", words.DATE_NOT_READ),
        ("measurement", "date", "31/02/2025", words.NO_SUCH_DATE),
    ],
)
def test_a_cell_that_cannot_be_used_is_marked_and_keeps_its_text(
    context: ToolContext, store: Store, kind: str, key: str, typed: str, message: str
) -> None:
    tool = with_measure(context)
    tool.kind_picker.value = kind
    browser = Browser(tool)
    row = empty_row()
    browser.type(row, "date", uk(MONDAY))
    browser.type(row, "value", "3")
    browser.type(row, key, typed)
    assert tool.table.errors == {row: {key: message}}
    assert rows(tool)[0][key] == typed  # what was typed stays in the cell
    assert stored_points(store)[0]["value"] == 3.0 and stored_points(store)[0]["date"] == (
        "2025-01-06"
    )
    assert tool.status.last_error
    # A new row with the same problem is kept, unsaved, with the message beside it.
    other = empty_row()
    browser.type(other, key, typed)
    assert tool.table.errors[other] == {key: message}
    assert len(stored_points(store)) == 1
    # Fixing the cell saves it and takes the mark away.
    browser.type(row, key, "7" if key == "value" else uk(week(1)))
    assert row not in tool.table.errors


def test_a_week_without_a_number_is_kept_when_the_note_says_why(
    context: ToolContext, store: Store
) -> None:
    tool = with_measure(context)
    browser = Browser(tool)
    row = empty_row()
    browser.type(row, "date", uk(MONDAY))
    browser.type(row, "note", "Bank holiday: nobody counted")
    (point,) = stored_points(store)
    assert "value" not in point and point["note"] == "Bank holiday: nobody counted"


def test_a_date_already_used_is_refused(context: ToolContext, store: Store) -> None:
    tool = with_measure(context)
    add_weeks(tool, ["10", "11"])
    browser = Browser(tool)
    row = empty_row()
    browser.type(row, "date", uk(MONDAY))
    browser.type(row, "value", "99")
    taken = words.DATE_TAKEN.format(date="6 January 2025")
    assert tool.table.errors == {row: {"date": taken}}
    assert [p["value"] for p in stored_points(store)] == [10.0, 11.0]
    shown = {r["id"]: r for r in tool.table.rows}
    assert shown[row] == {"id": row, "date": uk(MONDAY), "value": "99", "note": ""}
    # An existing row moved onto another's date is refused too, and keeps its own.
    second = next(r for r in shown if r != row and shown[r]["date"] == "13 Jan 2025")
    browser.type(second, "date", "6 Jan 2025")
    assert tool.table.errors[second] == {"date": taken}
    assert [p["date"] for p in stored_points(store)] == ["2025-01-06", "2025-01-13"]
    # The unsaved row gets a free date: it is saved.
    browser.type(row, "date", uk(week(5)))
    assert [p["value"] for p in stored_points(store)] == [10.0, 11.0, 99.0]


def test_percentage_measures_have_a_total_column(context: ToolContext, store: Store) -> None:
    tool = with_measure(context, "Beds ready within 1 hour")
    tool.kind_picker.value = "percentage"
    assert tool.table.column_keys == ["date", "numerator", "denominator", "note"]
    assert [c["label"] for c in tool.table.columns] == [
        "Date",
        "How many",
        "Out of how many",
        "Note",
    ]
    browser = Browser(tool)
    row = empty_row()
    browser.type(row, "date", uk(MONDAY))
    browser.type(row, "numerator", "21")
    assert tool.table.errors == {row: {"denominator": words.NEED_BOTH}}
    browser.type(row, "denominator", "20")
    assert tool.table.errors == {row: {"numerator": words.TOP_TOO_BIG}}
    assert stored_points(store) == []
    browser.type(row, "numerator", "17")
    (point,) = stored_points(store)
    assert (point["numerator"], point["denominator"]) == (17, 20)
    assert tool.table.errors == {}
    assert rows(tool) == [
        {"date": "6 Jan 2025", "numerator": "17", "denominator": "20", "note": ""}
    ]
    browser.type(row, "denominator", "0")
    assert tool.table.errors == {row: {"denominator": words.BOTTOM_ZERO}}
    assert stored_points(store)[0]["denominator"] == 20
    assert rows(tool)[0]["denominator"] == "0"
    browser.type(row, "denominator", "2.5")
    assert tool.table.errors == {row: {"denominator": words.NOT_A_WHOLE_NUMBER}}
    browser.type(row, "denominator", "25")
    assert stored_points(store)[0]["denominator"] == 25
    assert tool.table.errors == {}
    assert "P chart" in tool.suggestion.value


def test_each_row_edits_and_removes_its_point(context: ToolContext, store: Store) -> None:
    tool = with_measure(context)
    add_weeks(tool, ["10", "11", "12"])
    browser = Browser(tool)
    second = row_id(tool, 2)
    browser.type(second, "value", "14")
    browser.type(second, "note", EVIL)
    assert stored_points(store)[1]["value"] == 14.0
    assert stored_points(store)[1]["note"] == EVIL
    browser.type(second, "value", "fourteen")
    assert error(tool, 2, "value") == words.NOT_A_NUMBER
    assert stored_points(store)[1]["value"] == 14.0
    assert rows(tool)[1] == {"date": "13 Jan 2025", "value": "fourteen", "note": EVIL}
    browser.type(second, "value", "")  # emptied: a week without a number
    assert "value" not in stored_points(store)[1] or stored_points(store)[1]["value"] is None
    # A free date saves and the table is in date order again.
    browser.type(row_id(tool, 1), "date", uk(week(5)))
    assert [p["date"] for p in stored_points(store)] == ["2025-01-13", "2025-01-20", "2025-02-10"]
    assert column(tool, "date") == ["13 Jan 2025", "20 Jan 2025", "10 Feb 2025"]
    # Remove: gone from the store, kept in history.
    doomed = tool.point_of(row_id(tool, 1))
    assert doomed is not None
    browser.remove(row_id(tool, 1))
    assert store.get(TEAM, "point", doomed.record_id) is None
    assert store.history(TEAM, "point", doomed.record_id)[-1].action == "delete"
    assert len(tool.table.rows) == 2
    assert "13 January 2025" in tool.notice.value
    again = new_tool(context)
    assert rows(again) == [
        {"date": "20 Jan 2025", "value": "12", "note": ""},
        {"date": "10 Feb 2025", "value": "10", "note": ""},
    ]


def test_a_row_not_saved_yet_can_be_removed(context: ToolContext, store: Store) -> None:
    tool = with_measure(context)
    browser = Browser(tool)
    row = empty_row()
    browser.type(row, "value", "lots")
    assert [r["id"] for r in tool.table.rows] == [row]
    browser.remove(row)
    assert tool.table.rows == [] and tool.table.errors == {}
    assert store.list(TEAM, "point") == []


def test_a_save_that_fails_keeps_the_text_and_says_why(context: ToolContext, store: Store) -> None:
    tool = with_measure(context)
    add_weeks(tool, ["10"])
    too_long = "x" * (MAX_LONG_TEXT + 1)
    Browser(tool).type(row_id(tool, 1), "note", too_long)
    assert stored_points(store)[0].get("note", "") == ""
    assert rows(tool)[0]["note"] == too_long
    assert error(tool, 1, "note").startswith("Not saved: ")
    assert str(MAX_LONG_TEXT)[:2] in error(tool, 1, "note")
    assert tool.status.last_error


def test_unknown_rows_and_columns_change_nothing(context: ToolContext, store: Store) -> None:
    tool = with_measure(context)
    add_weeks(tool, ["10"])
    browser = Browser(tool)
    browser.type(row_id(tool, 1), "measure_id", "elsewhere")  # not a column of the table
    browser.send(type="edit", row=row_id(tool, 1), key="value")  # no value
    browser.remove("no-such-row")
    assert [p["value"] for p in stored_points(store)] == [10.0]
    assert stored_points(store)[0]["measure_id"] == tool.measure.record_id  # type: ignore[union-attr]


# --- paste from Excel into the table -------------------------------------------------------------


def test_twenty_pasted_rows_with_one_bad_cell_save_nineteen(
    context: ToolContext, store: Store
) -> None:
    tool = with_measure(context)
    lines = [f"{uk(week(i))}\t{20 + i}" for i in range(20)]
    lines[7] = f"{uk(week(7))}\t2x7"
    browser = Browser(tool)
    row = empty_row()
    browser.paste(row, "date", "\r\n".join(lines) + "\r\n")  # as Excel copies on Windows
    points = stored_points(store)
    assert len(points) == 19
    assert [p["value"] for p in points] == [20.0 + i for i in range(20) if i != 7]
    assert len(tool.table.rows) == 20
    assert rows(tool)[7] == {"date": uk(week(7)), "value": "2x7", "note": ""}
    assert error(tool, 8, "value") == words.NOT_A_NUMBER
    assert list(tool.table.errors) == [row_id(tool, 8)]
    assert tool.table.rows[0]["id"] == row  # the row pasted into became the first point
    assert "Added 19 points" in tool.notice.value and "1 box could not be read" in tool.notice.value
    assert tool.status.last_error
    # Correcting the cell saves the twentieth point.
    browser.type(row_id(tool, 8), "value", "27")
    assert len(stored_points(store)) == 20 and tool.table.errors == {}
    assert "<svg" in tool.chart.value


def test_pasted_columns_fill_the_table_from_the_cell(context: ToolContext, store: Store) -> None:
    tool = with_measure(context)
    add_weeks(tool, ["10"])
    browser = Browser(tool)
    browser.paste(
        empty_row(),
        "date",
        "Week\tMinutes\n06/01/2025\t9\n13/01/2025\t14\n\n2025-01-20\t15\t\t\n27/01/2025\tabc\n"
        "31/02/2025\t5\n03/02/2025\t6\tcold week\textra\n",
    )
    # The headings are left out; 6 January was there already, so it is changed.
    assert [(p["date"], p["value"]) for p in stored_points(store)] == [
        ("2025-01-06", 9.0),
        ("2025-01-13", 14.0),
        ("2025-01-20", 15.0),
        ("2025-02-03", 6.0),
    ]
    assert stored_points(store)[-1]["note"] == "cold week"
    assert "Added 3 points and changed 1 point you already had." in tool.notice.value
    assert "3 boxes could not be read" in tool.notice.value
    by_date = {r["date"]: r for r in tool.table.rows}
    assert tool.table.errors[by_date["27/01/2025"]["id"]] == {"value": words.NOT_A_NUMBER}
    assert tool.table.errors[by_date["31/02/2025"]["id"]] == {"date": words.NO_SUCH_DATE}
    assert tool.table.errors[by_date["3 Feb 2025"]["id"]] == {
        "note": words.PASTE_TOO_WIDE.format(extra=1)
    }


def test_a_column_of_numbers_fills_down_and_adds_weeks(context: ToolContext, store: Store) -> None:
    tool = with_measure(context)
    add_weeks(tool, ["10", "11"])
    browser = Browser(tool)
    # Into the second row's number: it and the rows below, then new rows a week apart.
    browser.paste(row_id(tool, 2), "value", "21\n22\n23")
    assert [(p["date"], p["value"]) for p in stored_points(store)] == [
        ("2025-01-06", 10.0),
        ("2025-01-13", 21.0),
        ("2025-01-20", 22.0),
        ("2025-01-27", 23.0),
    ]
    # Numbers pasted into the empty row's date go into the number column.
    browser.paste(empty_row(), "date", "30\n31\n")
    assert [p["date"] for p in stored_points(store)][-2:] == ["2025-02-03", "2025-02-10"]
    assert column(tool, "value")[-2:] == ["30", "31"]
    # Notes pasted down the note column (the first line is not taken as headings).
    browser.paste(row_id(tool, 1), "note", "Snow\nFire alarm")
    assert [p.get("note", "") for p in stored_points(store)][:3] == ["Snow", "Fire alarm", ""]


def test_pasted_percentages_update_existing_weeks(context: ToolContext, store: Store) -> None:
    tool = with_measure(context)
    tool.kind_picker.value = "percentage"
    browser = Browser(tool)
    browser.paste(empty_row(), "date", "06/01/2025\t17\t20\n13/01/2025\t18\t20")
    browser.paste(empty_row(), "date", "13/01/2025\t19\t21\n20/01/2025\t22\t21")
    points = stored_points(store)
    assert [(p["numerator"], p["denominator"]) for p in points] == [(17, 20), (19, 21)]
    assert "Added 0 points and changed 1 point" in tool.notice.value
    (bad,) = tool.table.errors.values()
    assert bad == {"numerator": words.TOP_TOO_BIG}


def test_one_pasted_point_is_named_in_the_singular(context: ToolContext) -> None:
    tool = with_measure(context)
    Browser(tool).paste(empty_row(), "date", "06/01/2025\t9\n")
    assert "Added 1 point and changed 0 points" in tool.notice.value


def test_a_paste_that_reads_nothing_saves_nothing(context: ToolContext, store: Store) -> None:
    tool = with_measure(context)
    browser = Browser(tool)
    browser.paste(empty_row(), "date", "rubbish\nmore rubbish\n")
    browser.paste(empty_row(), "value", "\n\n")
    assert stored_points(store) == []
    assert "Added 0 points" in tool.notice.value
    (bad,) = tool.table.errors.values()
    assert bad == {"date": words.DATE_NOT_READ}
    assert [r["date"] for r in tool.table.rows] == ["more rubbish"]


def test_the_table_comes_back_after_a_reload(context: ToolContext, store: Store) -> None:
    tool = with_measure(context, "Beds ready")
    tool.kind_picker.value = "percentage"
    browser = Browser(tool)
    browser.paste(empty_row(), "date", "06/01/2025\t17\t20\tnew bleep\n13/01/2025\t18\t20")
    shown = rows(tool)
    again = new_tool(context)
    assert again.table.column_keys == ["date", "numerator", "denominator", "note"]
    assert rows(again) == shown
    assert [r["id"] for r in again.table.rows] == [p.record_id for p in again._points()]
    assert again.define_panel.selected_index is None  # a measure with numbers opens on the table
    assert tool.reading.value == again.reading.value


# --- the chart -----------------------------------------------------------------------------------


def test_the_chart_is_redrawn_after_every_change(context: ToolContext) -> None:
    tool = with_measure(context)
    assert words.NO_CHART_YET in tool.chart.value
    add_weeks(tool, ["10"])
    first = tool.chart.value
    assert "<svg" in first
    add_weeks(tool, ["10", "12"])
    assert tool.chart.value != first
    svg = re.search(r"<svg\b.*</svg>", tool.chart.value, flags=re.DOTALL)
    assert svg is not None
    root = ET.fromstring(svg.group(0))
    assert root.get("role") == "img" and root.get("width") == "100%"
    assert "You have" in tool.reading.value  # too few points to read yet
    assert "Run chart" in tool.description.value


def test_a_shift_is_read_out_in_plain_words(context: ToolContext) -> None:
    tool = with_measure(context)
    tool.direction_picker.value = "increase"
    add_weeks(tool, ["10", "12", "11", "13", "9", "12", "10", "11", "20", "21", "22"])
    Browser(tool).paste(empty_row(), "value", "23\n24\n25\n21\n22\n")
    assert stored_points(tool.context.store)[-1]["date"] == week(15).isoformat()
    assert tool.drawing.chart == "i"  # 16 points: the suggested chart
    reading = tool.reading.value
    assert "something has changed" in reading or "Something has probably changed" in reading
    assert words.DIRECTION_WORDS[tool.measure.improvement] in reading  # type: ignore[union-attr]
    tool.chart_choice.value = "run"
    assert tool.drawing.chart == "run"
    assert "Your last 8 points are all above the middle line" in tool.reading.value


def test_a_new_signal_is_announced_to_screen_readers(context: ToolContext) -> None:
    tool = with_measure(context)
    add_weeks(tool, ["10", "12", "11", "13", "9", "12", "10", "11", "20", "21"])
    assert tool.table.announcement == ""  # no signal yet: nothing to announce
    add_weeks(tool, ["22", "23", "24", "25", "21", "22"])
    announced = tool.table.announcement
    assert announced.startswith("Your chart has changed. ")
    assert tool.drawing is not None and tool.drawing.reading[0] in announced
    # The same signals again (another point like them) are not announced again.
    tool.table.announcement = ""
    Browser(tool).type(row_id(tool, 16), "note", "Quiet week")
    assert tool.table.announcement == ""
    # Opening the measure again (a new visit) announces nothing.
    assert new_tool(context).table.announcement == ""


def test_the_participant_can_choose_the_run_chart_or_the_suggested_one(
    context: ToolContext,
) -> None:
    tool = with_measure(context)
    tool.kind_picker.value = "count"
    add_weeks(tool, ["3", "4", "2"])
    assert [value for _, value in tool.chart_choice.options] == ["auto", "run", "c"]
    assert tool.drawing.chart == "run"  # fewer than 12 points
    tool.chart_choice.value = "c"
    assert tool.drawing.chart == "c"
    assert "Count chart" in tool.description.value
    tool.kind_picker.value = "measurement"  # the choice no longer fits: back to auto
    assert tool.chart_choice.value == "auto"
    assert tool.drawing.chart == "run"


def test_a_change_marked_on_the_chart_starts_a_new_part(context: ToolContext, store: Store) -> None:
    tool = with_measure(context)
    add_weeks(tool, ["10", "12", "11", "20", "21", "22"])
    tool.phase_date.value = week(3)
    tool.add_phase_button.click()
    assert stored_measure(store, tool)["phase_starts"] == ["2025-01-27"]
    assert list(tool.drawing.result.data["part"]) == [1, 1, 1, 2, 2, 2]
    assert "27 January 2025" in tool.phase_list.value
    tool.add_phase_button.click()
    assert tool.messages["phase_starts"].message == words.PHASE_TAKEN.format(date="27 January 2025")
    assert new_tool(context).measure.phase_starts == (week(3),)  # type: ignore[union-attr]
    tool.phase_remove_picker.value = "2025-01-27"
    tool.remove_phase_button.click()
    assert stored_measure(store, tool)["phase_starts"] == []
    assert set(tool.drawing.result.data["part"]) == {1}
    assert tool.remove_phase_button.layout.display == "none"


def test_the_teams_pdsa_cycles_are_marked_on_the_chart(context: ToolContext, store: Store) -> None:
    tool = with_measure(context)
    measure_id = tool.measure.record_id  # type: ignore[union-attr]
    save_record(
        store,
        TEAM,
        PdsaCycle(
            record_id="cycle1",
            title="Bleep the porter at discharge",
            measure_ids=(measure_id,),
            started_on=week(2) - dt.timedelta(days=2),
        ),
        author="Ann",
    )
    save_record(
        store,
        TEAM,
        PdsaCycle(record_id="cycle2", title="Not started", measure_ids=(measure_id,)),
        author="Ann",
    )
    add_weeks(tool, ["10", "12", "11", "13"])
    assert tool.drawing.pdsa == ((3, "Bleep the porter at discharge"),)
    assert "Change tested at point 3" in tool.description.value
    assert "Not started has no start date yet" in tool.reading.value


def test_problems_between_records_are_shown_with_the_numbers(context: ToolContext) -> None:
    tool = with_measure(context)
    add_weeks(tool, ["10"])
    tool.kind_picker.value = "percentage"  # the saved point has one number, not two
    assert "needs “how many” out of “how many”" in tool.problems.value
    assert rows(tool) == [{"date": "6 Jan 2025", "numerator": "", "denominator": "", "note": ""}]


# --- safety --------------------------------------------------------------------------------------


def test_typed_markup_is_shown_as_text_everywhere(context: ToolContext, store: Store) -> None:
    tool = with_measure(context, EVIL)
    tool.unit_box.value = BOLD
    add_week(tool, MONDAY, "3", note=BOLD)
    add_weeks(tool, ["1", "2"])
    assert len(tool.table.rows) == 3
    save_record(
        store,
        TEAM,
        PdsaCycle(
            record_id="c1",
            title=EVIL,
            measure_ids=(tool.measure.record_id,),  # type: ignore[union-attr]
            started_on=week(20),
        ),
        author="Ann",
    )
    tool.reload()  # the cycle was saved by another tool
    Browser(tool).paste(empty_row(), "date", f"{EVIL}\t3\n27/01/2025\t{BOLD}")
    assert {r["date"] for r in tool.table.rows} >= {EVIL, "27/01/2025"}  # kept as typed, as text
    assert "&lt;script&gt;" in tool.reading.value  # the cycle not on the chart yet
    shown = all_html(tool.widget)
    assert EVIL not in shown and BOLD not in shown
    assert "&lt;script&gt;" in shown
    svg = re.search(r"<svg\b.*</svg>", tool.chart.value, flags=re.DOTALL)
    assert svg is not None
    root = ET.fromstring(svg.group(0))
    assert EVIL in "".join(root.itertext())  # drawn as literal text
    assert load_project(store, TEAM).measures[0].name == EVIL  # stored exactly as typed


def test_a_second_person_sees_the_same_points_and_chart(context: ToolContext, store: Store) -> None:
    tool = with_measure(context)
    add_weeks(tool, ["10", "12", "11"])
    other = new_tool(ToolContext(store, TEAM, "Bob"))
    assert other.measure == tool.measure
    assert rows(other) == rows(tool)
    assert other.reading.value == tool.reading.value
    assert other.description.value == tool.description.value
    # Bob adds a week; Ann's tool shows it after reload
    add_week(other, week(3), "13")
    tool.reload()
    assert len(tool.table.rows) == 4
    bobs = tool.point_of(row_id(tool, 4))
    assert bobs is not None
    assert store.history(TEAM, RecordKind.POINT.value, bobs.record_id)[0].author == "Bob"


def test_a_measure_saved_by_another_control_redraws_the_chart(
    context: ToolContext, store: Store
) -> None:
    tool = with_measure(context)
    add_weeks(tool, ["10", "12", "11"])
    measure_id = tool.measure.record_id  # type: ignore[union-attr]
    # What a control placed in chart_options does: save the measure through the same context.
    context.save(RecordKind.MEASURE, measure_id, {"target": 20.0})
    assert tool.drawing is not None and tool.drawing.measure.target == 20.0
    assert tool.measure is not None and tool.measure.target == 20.0
    context.delete(RecordKind.MEASURE, measure_id)
    context.save(RecordKind.MEASURE, "other", {"name": "Other measure"})
    assert tool.measure is not None and tool.measure.record_id == "other"


def test_the_chart_a_team_picks_is_kept_and_shown_to_the_mentor(
    context: ToolContext, store: Store
) -> None:
    tool = with_measure(context)
    add_weeks(tool, [str(30 + (i % 5)) for i in range(14)])
    # With 14 measurements the tool would choose an I chart; the team picks the run chart.
    assert "i" in [value for _label, value in tool.chart_choice.options]
    tool.chart_choice.value = "run"
    assert stored_measure(store, tool)["chart"] == "run"
    again = new_tool(context)
    assert again.chart_choice.value == "run"
    page = render_static(load_project(store, TEAM))
    assert "Median" in page and "Upper limit" not in page
    tool.chart_choice.value = "i"
    assert "Upper limit" in render_static(load_project(store, TEAM))


def test_the_rule_set_picked_beside_the_chart_is_saved_and_read_by_the_chart(
    context: ToolContext, store: Store
) -> None:
    tool = with_measure(context)
    add_weeks(tool, [str(30 + (i % 5)) for i in range(14)])
    assert tool.rule_choice.value == "anhoej"
    assert tool.drawing is not None
    before = tool.reading.value
    tool.rule_choice.picker.value = "mdc"
    assert stored_measure(store, tool)["rule_set"] == "mdc"
    # The chart was drawn again, read with the new rules (the reading names them).
    assert "NHS Making Data Count" in tool.reading.value
    assert tool.reading.value != before
    again = new_tool(context)
    assert again.rule_choice.value == "mdc"
    assert "NHS Making Data Count" in again.reading.value
