"""Does the process map tool save every change at once, and show what is stored?"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import ipywidgets as widgets
import pytest

from qikit.core.model import MAX_SHORT_TEXT
from qikit.core.wording import process_map as words
from qikit.store import open_store
from qikit.store.base import Store
from qikit.widgets.base import ToolContext
from qikit.widgets.process_map import ProcessMapWidget, StepRow

TEAM = "ward-3"
NASTY = "<script>alert(1)</script>"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(tmp_path / "cohort.db")


@pytest.fixture
def context(store: Store) -> ToolContext:
    return ToolContext(store, TEAM, "Ann")


def make(context: ToolContext) -> ProcessMapWidget:
    return ProcessMapWidget(context)


def add(tool: ProcessMapWidget, text: str, kind: str = "task", after: str = "") -> str:
    tool.new_type.value = kind
    tool.new_text.value = text
    tool.new_where.value = after
    before = {row.step_id for row in tool.rows}
    tool.add_button.click()
    (added,) = {row.step_id for row in tool.rows} - before
    return added


def stored_step(store: Store, step_id: str) -> dict:
    record = store.get(TEAM, "step", step_id)
    assert record is not None
    return record.data


def shown_texts(tool: ProcessMapWidget) -> list[str]:
    return [row.text.value for row in tool.rows]


def svg_of(tool: ProcessMapWidget) -> ET.Element:
    value = tool.diagram.value
    start, end = value.index("<svg"), value.index("</svg>") + len("</svg>")
    return ET.fromstring(value[start:end])


def versions(store: Store) -> dict[str, int]:
    return {r.record_id: r.version for r in store.list(TEAM, "step")}


def test_the_tool_is_a_framed_page_with_help(context: ToolContext) -> None:
    tool = make(context)
    assert "qikit-tool" in tool.widget._dom_classes
    assert isinstance(tool.widget, widgets.VBox)
    assert words.NO_STEPS in tool.no_steps.value
    assert tool.no_steps.layout.display is None
    help_html = tool.widget.children[1].children[2].value
    assert words.EXAMPLE_TITLE in help_html
    assert "<svg" in help_html


def test_the_title_saves_and_comes_back(store: Store, context: ToolContext) -> None:
    tool = make(context)
    tool.title.value = "Taking a patient to X-ray"
    assert store.get(TEAM, "process_map", "main").data == {"title": "Taking a patient to X-ray"}
    assert tool.status.widget.value.startswith("Saved ")
    assert svg_of(tool).findtext("{http://www.w3.org/2000/svg}title") == (
        "Taking a patient to X-ray"
    )
    assert make(context).title.value == "Taking a patient to X-ray"


def test_a_title_too_long_is_refused_beside_the_box(store: Store, context: ToolContext) -> None:
    tool = make(context)
    tool.title.value = "Linen"
    too_long = "x" * (MAX_SHORT_TEXT + 1)
    tool.title.value = too_long
    assert "the most is 200" in tool.title_message.message
    assert tool.title.value == too_long  # the typing stays on screen
    assert store.get(TEAM, "process_map", "main").data == {"title": "Linen"}
    assert tool.status.last_error


def test_adding_steps_saves_them_in_order(store: Store, context: ToolContext) -> None:
    tool = make(context)
    first = add(tool, "Ward rings the desk", "start_end")
    second = add(tool, "Porter is free?", "decision")
    assert stored_step(store, first) == {
        "position": 1.0,
        "step_type": "start_end",
        "text": "Ward rings the desk",
    }
    assert stored_step(store, second)["position"] == 2.0
    assert shown_texts(tool) == ["Ward rings the desk", "Porter is free?"]
    assert tool.new_text.value == ""  # ready for the next step
    assert tool.no_steps.layout.display == "none"
    assert [row.text.description for row in tool.rows] == ["Step 1", "Step 2"]
    assert "Step 2 · Decision" in tool.rows[1].heading.value
    assert tool.rows[1].answers.layout.display is None  # a decision shows its answers
    assert tool.rows[0].answers.layout.display == "none"


def test_a_step_can_be_put_after_another(store: Store, context: ToolContext) -> None:
    tool = make(context)
    a = add(tool, "A")
    add(tool, "C")
    b = add(tool, "B", after=a)
    assert shown_texts(tool) == ["A", "B", "C"]
    assert stored_step(store, b)["position"] == 1.5
    # The next step typed goes after the one just added, so steps can be typed in order.
    assert tool.new_where.value == b
    add(tool, "B2", after=tool.new_where.value)
    assert shown_texts(tool) == ["A", "B", "B2", "C"]


def test_an_empty_new_step_is_not_added(store: Store, context: ToolContext) -> None:
    tool = make(context)
    tool.new_text.value = "   "
    tool.add_button.click()
    assert store.list(TEAM, "step") == []
    assert tool.new_message.message == words.NEW_TEXT_EMPTY


def test_a_new_step_too_long_is_refused_and_kept(store: Store, context: ToolContext) -> None:
    tool = make(context)
    too_long = "y" * (MAX_SHORT_TEXT + 1)
    tool.new_text.value = too_long
    tool.add_button.click()
    assert store.list(TEAM, "step") == []
    assert "the most is 200" in tool.new_message.message
    assert tool.new_text.value == too_long


def test_editing_a_step_saves_only_that_field(store: Store, context: ToolContext) -> None:
    tool = make(context)
    step_id = add(tool, "Porter colects chair")
    tool.row(step_id).text.value = "Porter collects a chair"
    assert stored_step(store, step_id)["text"] == "Porter collects a chair"
    assert store.history(TEAM, "step", step_id)[-1].changed == ("text",)
    assert "Porter collects a chair" in tool.diagram.value
    assert make(context).rows[0].text.value == "Porter collects a chair"


def test_a_step_text_too_long_is_refused_beside_it(store: Store, context: ToolContext) -> None:
    tool = make(context)
    step_id = add(tool, "Short")
    other = add(tool, "Other")
    row = tool.row(step_id)
    too_long = "z" * (MAX_SHORT_TEXT + 1)
    row.text.value = too_long
    assert "the most is 200" in row.text_message.message
    assert stored_step(store, step_id)["text"] == "Short"
    assert row.text.value == too_long
    # Other changes leave the typing on the screen, so it can still be fixed.
    tool.row(other).move_up.click()
    assert tool.row(step_id).text.value == too_long
    row.text.value = "Fixed"
    assert row.text_message.message == ""
    assert stored_step(store, step_id)["text"] == "Fixed"


def test_a_decision_s_answers_go_to_the_steps_picked(store: Store, context: ToolContext) -> None:
    tool = make(context)
    chair = add(tool, "Find a chair")
    question = add(tool, "Is the chair clean?", "decision")
    add(tool, "Clean the chair")
    go = add(tool, "Take the patient")
    row = tool.row(question)
    labels = [label for label, _value in row.yes_next.options]
    assert labels[0] == words.NEXT_STEP_DOWN
    assert "Step 4: Take the patient" in labels
    assert "Step 2: Is the chair clean?" not in labels  # not to itself
    row.yes_next.value = go
    row.no_next.value = chair
    data = stored_step(store, question)
    assert (data["yes_next"], data["no_next"]) == (go, chair)
    root = svg_of(tool)
    assert len(list(root.iter("{http://www.w3.org/2000/svg}polyline"))) == 2
    again = make(context).row(question)
    assert (again.yes_next.value, again.no_next.value) == (go, chair)
    row.yes_next.value = ""
    assert stored_step(store, question)["yes_next"] is None


def test_a_decision_made_a_task_drops_its_answers(store: Store, context: ToolContext) -> None:
    tool = make(context)
    question = add(tool, "Ready?", "decision")
    target = add(tool, "Go")
    add(tool, "Later")
    tool.row(question).no_next.value = target
    tool.row(question).step_type.value = "task"
    data = stored_step(store, question)
    assert data["step_type"] == "task"
    assert data["yes_next"] is None and data["no_next"] is None
    assert tool.row(question).answers.layout.display == "none"
    assert tool.status.last_error is None


def test_moving_saves_only_the_moved_step(store: Store, context: ToolContext) -> None:
    tool = make(context)
    a, b, c = add(tool, "A"), add(tool, "B"), add(tool, "C")
    assert tool.row(a).move_up.disabled and tool.row(c).move_down.disabled
    before = versions(store)
    tool.row(c).move_up.click()
    assert shown_texts(tool) == ["A", "C", "B"]
    after = versions(store)
    assert {k for k in after if after[k] != before[k]} == {c}
    assert stored_step(store, c)["position"] == 1.5
    tool.row(a).move_down.click()
    assert shown_texts(tool) == ["C", "A", "B"]
    tool.row(b).move_up.click()
    tool.row(b).move_up.click()
    assert shown_texts(tool) == ["B", "C", "A"]
    assert [row.text.description for row in tool.rows] == ["Step 1", "Step 2", "Step 3"]
    assert tool.row(b).move_up.disabled
    assert shown_texts(make(context)) == ["B", "C", "A"]
    # The drawing follows: B is drawn above C above A.
    texts = [" ".join(t.itertext()) for t in svg_of(tool).iter("{http://www.w3.org/2000/svg}text")]
    order = [t for t in texts if t in ("A", "B", "C")]
    assert order == ["B", "C", "A"]


def test_moving_between_two_equal_positions_renumbers(store: Store, context: ToolContext) -> None:
    """When two steps share a position there is no room between them: number them afresh."""
    for step_id, position in (("a", 1.0), ("b", 2.0), ("c", 2.0), ("d", 3.0)):
        context.save("step", step_id, {"position": position, "text": step_id.upper()})
    tool = make(context)
    assert shown_texts(tool) == ["A", "B", "C", "D"]
    tool.row("d").move_up.click()
    assert shown_texts(tool) == ["A", "B", "D", "C"]
    assert [stored_step(store, i)["position"] for i in "abdc"] == [1.0, 2.0, 3.0, 4.0]


def test_many_moves_keep_the_order_right(store: Store, context: ToolContext) -> None:
    """Does halving the gap again and again (until floats run out) still give the right order?"""
    tool = make(context)
    for name in "ABC":
        add(tool, name)
    expected = ["A", "B", "C"]
    for _ in range(70):
        # The third step moves between the first two, halving the gap there each time.
        tool.rows[2].move_up.click()
        expected[1], expected[2] = expected[2], expected[1]
        assert shown_texts(tool) == expected
        stored = sorted(store.list(TEAM, "step"), key=lambda r: (r.data["position"], r.record_id))
        assert [r.data["text"] for r in stored] == expected
    assert shown_texts(make(context)) == expected


def test_deleting_a_step_removes_it_and_its_links(store: Store, context: ToolContext) -> None:
    tool = make(context)
    question = add(tool, "Ready?", "decision")
    add(tool, "Wait", "wait")
    doomed = add(tool, "Go")
    tool.row(question).yes_next.value = doomed
    tool.row(doomed).delete.click()
    assert store.get(TEAM, "step", doomed) is None
    assert store.history(TEAM, "step", doomed)[-1].action == "delete"  # a mentor can restore it
    assert stored_step(store, question)["yes_next"] is None
    assert shown_texts(tool) == ["Ready?", "Wait"]
    assert tool.row(question).yes_next.value == ""
    assert all(value != doomed for _label, value in tool.new_where.options)
    assert "Go" not in tool.diagram.value
    assert tool.status.widget.value.startswith("Saved ")


def test_an_answer_to_a_step_deleted_elsewhere_says_so(store: Store, context: ToolContext) -> None:
    tool = make(context)
    question = add(tool, "Ready?", "decision")
    target = add(tool, "Go")
    tool.row(question).no_next.value = target
    context.delete("step", target)  # someone else deletes it
    tool.reload()
    assert tool.row(question).no_message.message == words.DELETED_TARGET
    assert tool.row(question).no_next.value == ""


def test_marking_a_problem_draws_it_and_keeps_the_note(store: Store, context: ToolContext) -> None:
    tool = make(context)
    step_id = add(tool, "Job waits in the queue", "wait")
    row = tool.row(step_id)
    assert row.note.layout.display == "none"
    row.problem.value = "delay"
    assert row.note.layout.display is None
    row.problem_note.value = "Jobs wait 25 minutes at 10 am."
    data = stored_step(store, step_id)
    assert (data["problem"], data["problem_note"]) == ("delay", "Jobs wait 25 minutes at 10 am.")
    assert "⚠ Delay" in tool.diagram.value
    assert 'stroke-dasharray="10 6"' in tool.diagram.value
    assert "⚠ Delay" in row.heading.value  # a word in the list too, not only a colour
    again = make(context).row(step_id)
    assert again.problem.value == "delay"
    assert again.problem_note.value == "Jobs wait 25 minutes at 10 am."
    row.problem.value = ""
    data = stored_step(store, step_id)
    assert data["problem"] is None
    assert data["problem_note"] == "Jobs wait 25 minutes at 10 am."  # kept, in case
    assert "⚠ Delay" not in tool.diagram.value


def test_participant_text_is_escaped_in_the_widget(store: Store, context: ToolContext) -> None:
    tool = make(context)
    tool.title.value = NASTY
    step_id = add(tool, NASTY, "decision")
    tool.row(step_id).problem.value = "waste"
    tool.row(step_id).problem_note.value = NASTY
    html = tool.diagram.value
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    svg_of(tool)  # still well-formed
    assert "<script>" not in tool.rows[0].heading.value
    assert stored_step(store, step_id)["text"] == NASTY  # stored exactly as typed


def test_every_control_has_a_visible_label(context: ToolContext) -> None:
    tool = make(context)
    add(tool, "Ready?", "decision")
    row: StepRow = tool.rows[0]
    controls = [tool.title, tool.new_text, tool.new_type, tool.new_where]
    controls += [row.text, row.step_type, row.yes_next, row.no_next, row.problem, row.problem_note]
    for control in controls:
        assert control.description.strip()
        assert control.style.description_width == "initial"
        assert control.layout.width == "100%"
    for button in (tool.add_button, row.move_up, row.move_down, row.delete):
        assert button.description in (
            words.ADD_BUTTON,
            words.MOVE_UP,
            words.MOVE_DOWN,
            words.DELETE,
        )
        assert button.layout.min_height == "44px"


def test_reload_shows_changes_made_by_someone_else(store: Store, context: ToolContext) -> None:
    tool = make(context)
    step_id = add(tool, "Mine")
    other = ToolContext(store, TEAM, "Bob")
    other.save("step", "theirs", {"position": 0.5, "text": "Theirs"})
    other.save("step", step_id, {"text": "Mine, edited by Bob"})
    tool.reload()
    assert shown_texts(tool) == ["Theirs", "Mine, edited by Bob"]


def test_showing_and_redrawing_never_saves_anything(store: Store, context: ToolContext) -> None:
    """Do list updates (new options, numbers) leave other steps' stored records alone?"""
    tool = make(context)
    question = add(tool, "Ready?", "decision")
    target = add(tool, "Go")
    tool.row(question).yes_next.value = target
    history = len(store.history(TEAM, "step", question))
    add(tool, "Another step", after=question)  # every "go to" list changes
    tool.row(target).text.value = "Go now"  # and its label changes
    make(context)
    tool.reload()
    assert len(store.history(TEAM, "step", question)) == history
    assert stored_step(store, question)["yes_next"] == target


def test_typing_into_a_step_deleted_elsewhere_keeps_it(store: Store, context: ToolContext) -> None:
    """Is a change to a step someone else just deleted saved whole, not as a stray field?"""
    tool = make(context)
    add(tool, "First")
    step_id = add(tool, "Second", "wait")
    ToolContext(store, TEAM, "Bob").delete("step", step_id)
    tool.row(step_id).text.value = "Second, with more detail"
    data = stored_step(store, step_id)
    assert data["text"] == "Second, with more detail"
    assert (data["position"], data["step_type"]) == (2.0, "wait")
    assert shown_texts(tool) == ["First", "Second, with more detail"]
