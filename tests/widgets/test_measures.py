"""Does the measures tool save every change, keep refused entries on screen, and draw the chart?"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import ipywidgets as widgets
import pytest

from qikit.core.model import PdsaCycle, RecordKind
from qikit.core.wording import measures as words
from qikit.render.measures import render_static
from qikit.store import open_store
from qikit.store.base import Store
from qikit.store.records import load_project, save_record
from qikit.widgets.base import ToolContext
from qikit.widgets.measures import MeasuresWidget

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


def add_weeks(tool: MeasuresWidget, values: list[str]) -> None:
    for i, value in enumerate(values):
        tool.add_date.value = week(i)
        tool.add_value.value = value
        tool.add_button.click()


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
    assert tool.rows == []
    tool.measure_picker.value = first
    assert tool.name_box.value == "B measure" and len(tool.rows) == 2
    tool.delete_measure_button.click()
    assert store.get(TEAM, "measure", first) is None
    assert stored_points(store) == []
    assert len(store.history(TEAM, "measure", first)) == 2  # kept: a mentor can restore it
    assert tool.measure is not None and tool.measure.record_id == second
    assert "B measure" in tool.notice.value and "2 points" in tool.notice.value


# --- points --------------------------------------------------------------------------------------


def test_adding_a_week_saves_a_point_and_moves_on_a_week(
    context: ToolContext, store: Store
) -> None:
    tool = with_measure(context)
    tool.add_date.value = MONDAY
    tool.add_value.value = "12.5"
    tool.add_note.value = "New porter started"
    tool.add_button.click()
    (point,) = stored_points(store)
    assert point == {
        "measure_id": tool.measure.record_id,  # type: ignore[union-attr]
        "date": "2025-01-06",
        "value": 12.5,
        "note": "New porter started",
    }
    assert tool.add_date.value == week(1)
    assert tool.add_value.value == "" and tool.add_note.value == ""
    assert len(tool.rows) == 1 and tool.rows[0].value_box.value == "12.5"
    assert "6 January 2025" in tool.notice.value


@pytest.mark.parametrize(
    ("kind", "typed", "message"),
    [
        ("measurement", "abc", words.NOT_A_NUMBER),
        ("measurement", "4,5", words.NOT_A_NUMBER),
        ("measurement", "", words.NEED_A_NUMBER),
        ("count", "2.5", words.NOT_A_COUNT),
        ("count", "-1", words.NOT_A_COUNT),
    ],
)
def test_a_week_that_cannot_be_added_says_why(
    context: ToolContext, store: Store, kind: str, typed: str, message: str
) -> None:
    tool = with_measure(context)
    tool.kind_picker.value = kind
    tool.add_date.value = MONDAY
    tool.add_value.value = typed
    tool.add_button.click()
    assert tool.add_message.message == message
    assert stored_points(store) == []
    assert tool.add_value.value == typed


def test_a_week_without_a_number_is_kept_when_the_note_says_why(
    context: ToolContext, store: Store
) -> None:
    tool = with_measure(context)
    tool.add_date.value = MONDAY
    tool.add_note.value = "Bank holiday: nobody counted"
    tool.add_button.click()
    (point,) = stored_points(store)
    assert "value" not in point and point["note"] == "Bank holiday: nobody counted"


def test_a_date_already_used_is_refused(context: ToolContext, store: Store) -> None:
    tool = with_measure(context)
    add_weeks(tool, ["10", "11"])
    tool.add_date.value = MONDAY
    tool.add_value.value = "99"
    tool.add_button.click()
    assert tool.add_message.message == words.DATE_TAKEN.format(date="6 January 2025")
    assert [p["value"] for p in stored_points(store)] == [10.0, 11.0]


def test_percentage_measures_take_how_many_out_of_how_many(
    context: ToolContext, store: Store
) -> None:
    tool = with_measure(context, "Beds ready within 1 hour")
    tool.kind_picker.value = "percentage"
    assert tool.add_value.layout.display == "none"
    assert tool.add_numerator.layout.display is None
    tool.add_date.value = MONDAY
    tool.add_numerator.value = "21"
    tool.add_denominator.value = "20"
    tool.add_button.click()
    assert tool.add_message.message == words.TOP_TOO_BIG
    tool.add_numerator.value = "17"
    tool.add_denominator.value = ""
    tool.add_button.click()
    assert tool.add_message.message == words.NEED_BOTH
    assert stored_points(store) == []
    tool.add_denominator.value = "20"
    tool.add_button.click()
    (point,) = stored_points(store)
    assert (point["numerator"], point["denominator"]) == (17, 20)
    row = tool.rows[0]
    assert (row.numerator_box.value, row.denominator_box.value) == ("17", "20")
    row.denominator_box.value = "0"
    assert row.message.message == words.BOTTOM_ZERO
    assert stored_points(store)[0]["denominator"] == 20
    row.denominator_box.value = "25"
    assert stored_points(store)[0]["denominator"] == 25


def test_each_row_edits_and_deletes_its_point(context: ToolContext, store: Store) -> None:
    tool = with_measure(context)
    add_weeks(tool, ["10", "11", "12"])
    row = tool.rows[1]
    row.value_box.value = "14"
    row.note_box.value = EVIL
    assert stored_points(store)[1]["value"] == 14.0
    assert stored_points(store)[1]["note"] == EVIL
    row.value_box.value = "fourteen"
    assert row.message.message == words.NOT_A_NUMBER
    assert stored_points(store)[1]["value"] == 14.0
    assert row.value_box.value == "fourteen"
    # a date that another point has is refused; a free one saves and re-sorts the table
    tool.rows[0].date_picker.value = week(2)
    assert tool.rows[0].message.message == words.DATE_TAKEN.format(date="20 January 2025")
    assert stored_points(store)[0]["date"] == "2025-01-06"
    tool.rows[0].date_picker.value = week(5)
    assert [p["date"] for p in stored_points(store)] == ["2025-01-13", "2025-01-20", "2025-02-10"]
    assert [r.point.date for r in tool.rows] == [week(1), week(2), week(5)]
    # delete: gone from the store, kept in history
    doomed = tool.rows[0].point.record_id
    tool.rows[0].delete_button.click()
    assert store.get(TEAM, "point", doomed) is None
    assert store.history(TEAM, "point", doomed)[-1].action == "delete"
    assert len(tool.rows) == 2
    again = new_tool(context)
    assert [(r.point.date, r.value_box.value, r.note_box.value) for r in again.rows] == [
        (week(2), "12", ""),
        (week(5), "10", ""),
    ]


# --- paste from Excel ----------------------------------------------------------------------------


def test_pasted_columns_are_previewed_then_added(context: ToolContext, store: Store) -> None:
    tool = with_measure(context)
    add_weeks(tool, ["10"])
    tool.paste_box.value = (
        "Week\tMinutes\n06/01/2025\t9\n13/01/2025\t14\n\n2025-01-20\t15\n27/01/2025\tabc\n"
        "31/02/2025\t5\n"
    )
    preview = tool.paste_preview.value
    assert "These 3 points will be added" in preview
    assert words.PASTE_WILL_UPDATE in preview  # 6 January is already there
    assert "Line 6" in preview and "“abc” is not a number" in preview
    assert "Line 7" in preview and "not a real date" in preview
    assert "column headings" in preview
    assert not tool.paste_button.disabled
    assert [p["value"] for p in stored_points(store)] == [10.0]  # nothing saved yet
    tool.paste_button.click()
    assert [(p["date"], p["value"]) for p in stored_points(store)] == [
        ("2025-01-06", 9.0),
        ("2025-01-13", 14.0),
        ("2025-01-20", 15.0),
    ]
    assert tool.paste_box.value == "27/01/2025\tabc\n31/02/2025\t5"  # only the bad lines stay
    assert "Added 2 points and changed 1 point you already had" in tool.notice.value
    assert len(tool.rows) == 3
    assert tool.paste_button.disabled


def test_a_column_of_numbers_starts_a_week_after_the_last_point(
    context: ToolContext, store: Store
) -> None:
    tool = with_measure(context)
    add_weeks(tool, ["10", "11"])
    assert tool.paste_first_date.value == week(2)
    tool.paste_box.value = "12\n13"
    tool.paste_button.click()
    assert [p["date"] for p in stored_points(store)][-2:] == ["2025-01-20", "2025-01-27"]


def test_pasted_percentages_update_existing_weeks(context: ToolContext, store: Store) -> None:
    tool = with_measure(context)
    tool.kind_picker.value = "percentage"
    tool.paste_box.value = "06/01/2025\t17\t20\n13/01/2025\t18\t20"
    tool.paste_button.click()
    tool.paste_box.value = "13/01/2025\t19\t21"
    tool.paste_button.click()
    points = stored_points(store)
    assert [(p["numerator"], p["denominator"]) for p in points] == [(17, 20), (19, 21)]
    assert tool.paste_box.value == ""


def test_one_pasted_point_is_named_in_the_singular(context: ToolContext) -> None:
    tool = with_measure(context)
    tool.paste_box.value = "06/01/2025\t9"
    assert "This point will be added:" in tool.paste_preview.value
    tool.paste_button.click()
    assert "Added 1 point and changed 0 points" in tool.notice.value


def test_an_empty_paste_adds_nothing(context: ToolContext, store: Store) -> None:
    tool = with_measure(context)
    tool.paste_box.value = "rubbish"
    assert tool.paste_button.disabled
    assert tool.add_pasted() == (0, 0)
    assert stored_points(store) == []


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
    add = ["23", "24", "25", "21", "22"]
    tool.paste_first_date.value = week(11)
    tool.paste_box.value = "\n".join(add)
    tool.paste_button.click()
    assert tool.drawing.chart == "i"  # 16 points: the suggested chart
    reading = tool.reading.value
    assert "something has changed" in reading or "Something has probably changed" in reading
    assert words.DIRECTION_WORDS[tool.measure.improvement] in reading  # type: ignore[union-attr]
    tool.chart_choice.value = "run"
    assert tool.drawing.chart == "run"
    assert "Your last 8 points are all above the middle line" in tool.reading.value


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
    assert len(tool.rows) == 1 and tool.rows[0].numerator_box.value == ""


# --- safety --------------------------------------------------------------------------------------


def test_typed_markup_is_shown_as_text_everywhere(context: ToolContext, store: Store) -> None:
    tool = with_measure(context, EVIL)
    tool.unit_box.value = BOLD
    tool.add_date.value = MONDAY
    tool.add_value.value = "3"
    tool.add_note.value = BOLD
    tool.add_button.click()
    for i in (1, 2):
        tool.add_date.value = week(i)
        tool.add_value.value = str(i)
        tool.add_button.click()
    assert len(tool.rows) == 3
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
    tool.paste_box.value = f"{EVIL}\t3\n06/01/2025\t{BOLD}"
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
    assert [r.point for r in other.rows] == [r.point for r in tool.rows]
    assert other.reading.value == tool.reading.value
    assert other.description.value == tool.description.value
    # Bob adds a week; Ann's tool shows it after reload
    other.add_date.value = week(3)
    other.add_value.value = "13"
    other.add_button.click()
    tool.reload()
    assert len(tool.rows) == 4
    assert store.history(TEAM, RecordKind.POINT.value, tool.rows[3].point.record_id)[0].author == (
        "Bob"
    )


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
