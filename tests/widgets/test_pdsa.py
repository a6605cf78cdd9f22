"""The PDSA log widget, driven without a kernel: set values, click, check the store."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest

from qikit.core.model import MAX_LONG_TEXT, PdsaStatus, RecordKind
from qikit.core.wording import pdsa as words
from qikit.store import SqliteStore, open_store
from qikit.store.records import load_record
from qikit.widgets.base import ToolContext
from qikit.widgets.pdsa import PdsaLogWidget

SCRIPT = "<script>alert(1)</script>"
SVG = "{http://www.w3.org/2000/svg}"
TODAY = dt.date.today()


@pytest.fixture
def store(tmp_path) -> Iterator[SqliteStore]:
    with open_store(tmp_path / "cohort.db") as opened:
        yield opened


@pytest.fixture
def context(store: SqliteStore) -> ToolContext:
    context = ToolContext(store, "ward-3", "Ann")
    context.save(RecordKind.CHANGE_IDEA, "card", {"text": "A ready card on the bed table"})
    context.save(RecordKind.MEASURE, "wait", {"name": "Minutes waiting at the bed"})
    context.save(RecordKind.MEASURE, "chairs", {"name": "Wheelchairs back at base"})
    return context


def stored(store: SqliteStore, cycle_id: str):  # type: ignore[no-untyped-def]
    return load_record(store, "ward-3", RecordKind.PDSA, cycle_id)


def started(widget: PdsaLogWidget, idea: str | None = "card", title: str = "") -> str:
    widget.new_idea.value = idea
    widget.new_title.value = title
    widget.start_button.click()
    assert widget.current_id is not None
    return widget.current_id


def do_and_study_act_controls(widget: PdsaLogWidget) -> list:  # type: ignore[type-arg]
    keys = ("what_happened", "surprises", "result_vs_prediction", "next_step")
    return [widget.fields[k] for k in keys] + [widget.decision]


def test_does_starting_from_an_idea_save_a_linked_cycle(context, store):
    widget = PdsaLogWidget(context)
    cycle_id = started(widget)

    cycle = stored(store, cycle_id)
    assert cycle.change_idea_id == "card"
    assert cycle.title == "Testing: A ready card on the bed table"
    assert cycle.status is PdsaStatus.PLAN and cycle.started_on == TODAY
    assert widget.cycle_picker.value == cycle_id and widget.idea.value == "card"
    assert widget.title.value == cycle.title
    assert words.STARTED in widget.notice.value
    assert widget.editor.layout.display is None
    assert widget.new_title.value == ""


def test_can_a_cycle_start_from_scratch_with_a_name(context, store):
    widget = PdsaLogWidget(context)
    assert widget.editor.layout.display == "none"  # nothing open yet
    cycle_id = started(widget, None, "Try it on ward 3")
    cycle = stored(store, cycle_id)
    assert cycle.change_idea_id is None and cycle.title == "Try it on ward 3"
    assert words.UNLINKED_IDEA in widget.cycle_list.value


def test_are_do_study_act_locked_until_the_prediction_is_written(context, store):
    widget = PdsaLogWidget(context)
    cycle_id = started(widget)
    assert all(c.disabled for c in do_and_study_act_controls(widget))
    assert all(words.LOCKED in note.value for note in widget.lock_notes.values())

    widget.move_on_button.click()  # too early: the model refuses the Do without a prediction

    assert "prediction before the Do step" in widget.messages["prediction"].message
    assert stored(store, cycle_id).status is PdsaStatus.PLAN
    assert widget.move_on_button.description == words.MOVE_ON["plan"]

    widget.fields["prediction"].value = "Both patients will be ready."
    assert widget.messages["prediction"].message == ""
    assert not any(c.disabled for c in do_and_study_act_controls(widget))
    assert all(note.value == "" for note in widget.lock_notes.values())
    assert "Both patients will be ready." in widget.prediction_beside.value


def test_does_a_cycle_move_on_step_by_step(context, store):
    widget = PdsaLogWidget(context)
    cycle_id = started(widget)
    for key in ("objective", "question", "prediction", "who", "what", "when", "where"):
        widget.fields[key].value = f"{key} words"
    widget.fields["data_to_collect"].value = "Minutes waiting"
    seen = []
    for _ in range(4):
        seen.append(widget.move_on_button.description)
        widget.move_on_button.click()
    assert seen == [words.MOVE_ON[s] for s in ("plan", "do", "study", "act")]
    cycle = stored(store, cycle_id)
    assert cycle.status is PdsaStatus.DONE and cycle.finished_on == TODAY
    assert widget.finished_on.value == TODAY
    assert widget.move_on_button.disabled
    assert cycle.objective == "objective words" and cycle.data_to_collect == "Minutes waiting"
    assert "P✓ D✓ S✓ A✓" in widget.stage.value and "Finished" in widget.stage.value

    widget.back_button.click()
    assert stored(store, cycle_id).status is PdsaStatus.ACT
    assert "P✓ D✓ S✓ A●" in widget.cycle_list.value


def test_does_a_new_widget_show_what_was_saved(context, store):
    first = PdsaLogWidget(context)
    cycle_id = started(first)
    first.fields["prediction"].value = "Ready in time"
    first.move_on_button.click()
    first.fields["what_happened"].value = "One of two was ready"
    first.measure_boxes["wait"].value = True
    first.started_on.value = dt.date(2026, 2, 3)

    again = PdsaLogWidget(ToolContext(store, "ward-3", "Bea"))
    assert again.current_id is None
    again.cycle_picker.value = cycle_id
    assert again.fields["prediction"].value == "Ready in time"
    assert again.fields["what_happened"].value == "One of two was ready"
    assert again.measure_boxes["wait"].value and not again.measure_boxes["chairs"].value
    assert again.started_on.value == dt.date(2026, 2, 3)
    assert "Do: trying it out" in again.stage.value
    assert again.cycle_list.value == first.cycle_list.value
    assert again.ramps.value == first.ramps.value


def test_are_measures_ticked_by_name(context, store):
    widget = PdsaLogWidget(context)
    cycle_id = started(widget)
    assert [b.description for b in widget.measure_boxes.values()] == [
        "Minutes waiting at the bed",
        "Wheelchairs back at base",
    ]
    widget.measure_boxes["chairs"].value = True
    widget.measure_boxes["wait"].value = True
    assert set(stored(store, cycle_id).measure_ids) == {"chairs", "wait"}
    widget.measure_boxes["chairs"].value = False
    assert stored(store, cycle_id).measure_ids == ("wait",)


def test_does_adopting_offer_a_new_phase_on_the_chart(context, store):
    widget = PdsaLogWidget(context)
    started(widget)
    widget.fields["prediction"].value = "Waits will halve"
    widget.measure_boxes["wait"].value = True
    widget.started_on.value = dt.date(2026, 2, 23)
    widget.finished_on.value = dt.date(2026, 3, 2)
    assert widget.phase_buttons == {}

    widget.decision.value = "adopt"

    button = widget.phase_buttons["wait"]
    assert button.description == "Mark a new phase on the chart of Minutes waiting at the bed"
    button.click()
    measure = load_record(store, "ward-3", RecordKind.MEASURE, "wait")
    assert measure.phase_starts == (dt.date(2026, 3, 2),)
    assert "now starts a new phase on 2 March 2026" in widget.notice.value
    button.click()  # twice: nothing changes, and it says so
    assert load_record(store, "ward-3", RecordKind.MEASURE, "wait").phase_starts == (
        dt.date(2026, 3, 2),
    )
    assert "already starts a new phase" in widget.notice.value

    widget.decision.value = "adapt"
    assert widget.phase_buttons == {}


def test_does_adopting_without_a_measure_say_what_to_do(context):
    widget = PdsaLogWidget(context)
    started(widget)
    widget.fields["prediction"].value = "Waits will halve"
    widget.decision.value = "adopt"
    assert words.PHASE_NONE in widget.phase_area.children[0].value


def test_is_a_finish_before_the_start_refused_beside_the_date(context, store):
    widget = PdsaLogWidget(context)
    cycle_id = started(widget)
    before = store.get("ward-3", "pdsa", cycle_id)
    widget.finished_on.value = TODAY - dt.timedelta(days=3)
    assert "on or after the start date" in widget.messages["finished_on"].message
    assert store.get("ward-3", "pdsa", cycle_id) == before
    assert widget.finished_on.value == TODAY - dt.timedelta(days=3)


def test_is_clearing_the_prediction_after_plan_refused_and_kept(context, store):
    widget = PdsaLogWidget(context)
    cycle_id = started(widget)
    widget.fields["prediction"].value = "Ready in time"
    widget.move_on_button.click()
    before = store.get("ward-3", "pdsa", cycle_id)

    widget.fields["prediction"].value = ""

    assert "prediction before the Do step" in widget.messages["prediction"].message
    assert store.get("ward-3", "pdsa", cycle_id) == before
    assert widget.fields["prediction"].value == ""
    assert widget.status.last_error is not None


def test_is_too_much_text_refused_beside_its_box(context, store):
    widget = PdsaLogWidget(context)
    cycle_id = started(widget)
    widget.fields["objective"].value = "x" * (MAX_LONG_TEXT + 1)
    assert "the most is 10,000" in widget.messages["objective"].message
    assert stored(store, cycle_id).objective == ""
    assert widget.fields["objective"].value == "x" * (MAX_LONG_TEXT + 1)


def test_does_deleting_remove_the_cycle(context, store):
    widget = PdsaLogWidget(context)
    cycle_id = started(widget)
    widget.delete_button.click()
    assert store.get("ward-3", "pdsa", cycle_id) is None
    assert widget.current_id is None and widget.editor.layout.display == "none"
    assert words.DELETED in widget.notice.value
    assert words.NO_CYCLES in widget.cycle_list.value


def test_are_new_ideas_and_measures_offered_without_reloading(context):
    widget = PdsaLogWidget(context)
    context.save(RecordKind.CHANGE_IDEA, "bay", {"text": "A wheelchair bay"})
    context.save(RecordKind.MEASURE, "late", {"name": "Late jobs"})
    assert "bay" in [v for _, v in widget.new_idea.options]
    assert "late" in widget.measure_boxes


def test_is_participant_text_escaped_everywhere(context):
    widget = PdsaLogWidget(context)
    context.save(RecordKind.CHANGE_IDEA, "card", {"text": "<b>x</b>"})
    started(widget, "card", SCRIPT)
    widget.fields["prediction"].value = SCRIPT
    for html in (widget.cycle_list.value, widget.ramps.value, widget.prediction_beside.value):
        assert "<script>" not in html and "<b>" not in html
        assert "&lt;" in html
    root = ET.fromstring(widget.ramps.value.split(">", 1)[1].rsplit("</div>", 1)[0])
    drawn = "".join(span.text or "" for span in root.iter(f"{SVG}tspan"))
    assert SCRIPT in drawn


def test_is_every_control_labelled(context):
    widget = PdsaLogWidget(context)
    started(widget)
    controls = [widget.new_idea, widget.new_title, widget.cycle_picker, widget.title, widget.idea]
    controls += [widget.started_on, widget.finished_on, widget.decision, *widget.fields.values()]
    for control in controls:
        assert control.description
        assert control.style.description_width == "initial"
    assert all(box.description for box in widget.measure_boxes.values())
