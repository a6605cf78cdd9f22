"""The driver diagram widget, driven without a kernel: set values, click, check the store."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest

from qikit.core.model import MAX_SHORT_TEXT, DriverLevel, RecordKind
from qikit.core.wording import driver_diagram as words
from qikit.store import SqliteStore, open_store
from qikit.store.records import load_project
from qikit.widgets.base import ToolContext
from qikit.widgets.driver_diagram import DriverDiagramWidget, DriverRow
from qikit.widgets.pdsa import PdsaLogWidget

SCRIPT = "<script>alert(1)</script>"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def store(tmp_path) -> Iterator[SqliteStore]:
    with open_store(tmp_path / "cohort.db") as opened:
        yield opened


@pytest.fixture
def context(store: SqliteStore) -> ToolContext:
    return ToolContext(store, "ward-3", "Ann")


def rows_of(widget: DriverDiagramWidget, level: DriverLevel | None) -> list[DriverRow]:
    return [r for r in widget.rows.values() if r.level is level]


def build(widget: DriverDiagramWidget) -> tuple[DriverRow, DriverRow, DriverRow]:
    """Add one primary driver, a secondary under it and a change idea on the secondary."""
    widget.new_primary.value = "Porters hear about a job straight away"
    widget.add_primary_button.click()
    widget.new_secondary.value = "Job requests reach a free porter"
    widget.add_secondary_button.click()
    secondary = rows_of(widget, DriverLevel.SECONDARY)[0]
    widget.new_idea.value = "Send jobs to the handsets"
    widget.new_idea_driver.value = secondary.record_id
    widget.add_idea_button.click()
    return rows_of(widget, DriverLevel.PRIMARY)[0], secondary, rows_of(widget, None)[0]


def svg_root(widget: DriverDiagramWidget) -> ET.Element:
    return ET.fromstring(widget.diagram.value)


def svg_words(widget: DriverDiagramWidget) -> str:
    """Return the words drawn on the diagram, wrapped lines joined by spaces."""
    return " ".join(span.text or "" for span in svg_root(widget).iter(f"{SVG}tspan"))


def test_does_adding_each_level_save_linked_records(context, store):
    widget = DriverDiagramWidget(context)
    primary, secondary, idea = build(widget)

    project = load_project(store, "ward-3")
    (p,) = project.primary_drivers()
    (s,) = project.secondary_drivers(p.record_id)
    (i,) = project.change_ideas
    assert p.text == "Porters hear about a job straight away" and p.parent_id is None
    assert s.level is DriverLevel.SECONDARY and s.parent_id == p.record_id
    assert i.driver_id == s.record_id and i.text == "Send jobs to the handsets"
    assert (primary.record_id, secondary.record_id, idea.record_id) == (
        p.record_id,
        s.record_id,
        i.record_id,
    )
    assert widget.status.widget.value.startswith("Saved")
    # the boxes for new entries are emptied, ready for the next one
    assert widget.new_primary.value == widget.new_secondary.value == widget.new_idea.value == ""
    # drawn: every text is in the SVG and in the list in words
    drawn = svg_words(widget)
    for words_ in (p.text, "Job requests reach a", "Send jobs to the"):
        assert words_ in drawn
    assert "Secondary driver: Job requests reach a free porter" in widget.outline.value
    assert "Change idea: Send jobs to the handsets (Not tested yet)" in widget.outline.value


def test_does_a_new_widget_show_what_was_saved(context, store):
    first = DriverDiagramWidget(context)
    primary, secondary, idea = build(first)

    again = DriverDiagramWidget(ToolContext(store, "ward-3", "Bea"))
    assert set(again.rows) == set(first.rows)
    assert again.rows[primary.record_id].text.value == "Porters hear about a job straight away"
    assert again.rows[secondary.record_id].link.value == primary.record_id
    assert again.rows[idea.record_id].link.value == secondary.record_id
    assert again.diagram.value == first.diagram.value
    assert again.outline.value == first.outline.value


def test_is_the_aim_read_from_the_charter(context, store):
    widget = DriverDiagramWidget(context)
    assert words.AIM_EMPTY in widget.aim.value
    assert words.NO_AIM_ON_DIAGRAM in svg_words(widget)

    # the charter tool saves through the same context: the aim updates by itself
    context.save(RecordKind.CHARTER, "main", {"aim_what": "cut waits for a porter"})
    assert "We will cut waits for a porter." in widget.aim.value
    assert "We will cut waits for a porter." in svg_words(widget)
    assert DriverDiagramWidget(context).aim.value == widget.aim.value


def test_does_editing_a_row_save_its_text(context, store):
    widget = DriverDiagramWidget(context)
    primary, _, _ = build(widget)
    primary.text.value = "Porters hear about jobs at once"
    assert store.get("ward-3", "driver", primary.record_id).data["text"] == (
        "Porters hear about jobs at once"
    )
    assert "Porters hear about jobs" in svg_words(widget)


def test_is_a_refused_entry_shown_beside_its_box_and_kept(context, store):
    widget = DriverDiagramWidget(context)
    primary, _, _ = build(widget)
    before = store.get("ward-3", "driver", primary.record_id)
    too_long = "x" * (MAX_SHORT_TEXT + 1)

    primary.text.value = too_long

    assert "the most is 200" in primary.message.message
    assert primary.text.value == too_long  # the typed text stays on screen
    assert store.get("ward-3", "driver", primary.record_id) == before
    assert widget.status.last_error is not None
    # adding something else does not wipe the refused text
    widget.new_primary.value = "Patients are ready"
    widget.add_primary_button.click()
    assert primary.text.value == too_long
    # a good entry clears the message
    primary.text.value = "Short again"
    assert primary.message.message == ""


def test_is_an_empty_or_too_long_new_entry_refused(context, store):
    widget = DriverDiagramWidget(context)
    widget.new_primary.value = "   "
    widget.add_primary_button.click()
    assert widget.new_primary_message.message == words.EMPTY_TEXT
    widget.new_idea.value = "y" * (MAX_SHORT_TEXT + 1)
    widget.add_idea_button.click()
    assert "the most is 200" in widget.new_idea_message.message
    assert widget.new_idea.value == "y" * (MAX_SHORT_TEXT + 1)
    assert store.list("ward-3") == []


def test_must_a_secondary_driver_hang_from_a_primary(context):
    widget = DriverDiagramWidget(context)
    assert widget.add_secondary_button.disabled
    assert words.NO_PRIMARY_YET in widget.new_secondary_note.value
    widget.new_primary.value = "Porters hear about a job"
    widget.add_primary_button.click()
    assert not widget.add_secondary_button.disabled
    assert widget.new_secondary_note.value == ""


def test_does_changing_a_link_save_it(context, store):
    widget = DriverDiagramWidget(context)
    primary, _, idea = build(widget)
    idea.link.value = primary.record_id  # an idea may push a primary driver directly
    assert store.get("ward-3", "change_idea", idea.record_id).data["driver_id"] == (
        primary.record_id
    )
    idea.link.value = None
    assert store.get("ward-3", "change_idea", idea.record_id).data["driver_id"] is None
    assert words.NO_DRIVER_ON_DIAGRAM in svg_words(widget)


def test_can_a_deleted_driver_be_brought_back(context, store):
    widget = DriverDiagramWidget(context)
    primary, secondary, _ = build(widget)

    primary.delete_button.click()

    assert store.get("ward-3", "driver", primary.record_id) is None
    assert primary.record_id not in widget.rows
    assert words.DELETED in widget.notice.value
    # what hung from it is kept and says what happened
    assert secondary.link_message.message == words.PARENT_MISSING
    assert words.NO_PARENT_ON_DIAGRAM in svg_words(widget)

    version = store.history("ward-3", "driver", primary.record_id)[-2].version
    store.restore("ward-3", "driver", primary.record_id, version, author="Mentor")
    widget.reload()
    assert widget.rows[secondary.record_id].link.value == primary.record_id
    assert widget.rows[secondary.record_id].link_message.message == ""


def test_does_the_start_button_create_a_linked_cycle(context, store):
    widget = DriverDiagramWidget(context)
    _, _, idea = build(widget)

    idea.start_cycle_button.click()

    (cycle,) = load_project(store, "ward-3").pdsa_cycles
    assert cycle.change_idea_id == idea.record_id
    assert cycle.title == "Testing: Send jobs to the handsets"
    assert idea.start_cycle_button.description == words.START_CYCLE
    assert "Tested in 1 PDSA cycle" in idea.cycle_count.value
    assert "Tested in 1 PDSA cycle" in svg_words(widget)
    assert "Send jobs to the handsets" in widget.notice.value


def test_can_the_start_button_call_another_tool(context, store):
    called: list[str] = []
    widget = DriverDiagramWidget(context, on_start_cycle=lambda idea_id: called.append(idea_id))
    _, _, idea = build(widget)
    idea.start_cycle_button.click()
    assert called == [idea.record_id]
    assert load_project(store, "ward-3").pdsa_cycles == ()


def test_does_the_pdsa_log_open_a_cycle_started_here(context, store):
    log = PdsaLogWidget(context)
    widget = DriverDiagramWidget(context, on_start_cycle=log.start_cycle_for)
    _, _, idea = build(widget)
    idea.start_cycle_button.click()
    (cycle,) = load_project(store, "ward-3").pdsa_cycles
    assert log.current_id == cycle.record_id
    assert log.idea.value == idea.record_id
    assert log.cycle_picker.value == cycle.record_id
    assert "Tested in 1 PDSA cycle" in idea.cycle_count.value


def test_is_participant_text_escaped_everywhere(context):
    widget = DriverDiagramWidget(context)
    widget.new_primary.value = SCRIPT
    widget.add_primary_button.click()
    widget.new_idea.value = "<b>x</b> & \x0b"
    widget.add_idea_button.click()
    for html in (widget.diagram.value, widget.outline.value):
        assert "<script>" not in html and "<b>" not in html
        assert "&lt;script&gt;" in html
    # the SVG parses and reads back literally (a long word may be split over two lines)
    assert SCRIPT in svg_words(widget).replace(" ", "")
    assert "<b>x</b> &" in svg_words(widget)


def test_is_the_diagram_an_accessible_scalable_svg(context):
    widget = DriverDiagramWidget(context)
    build(widget)
    root = svg_root(widget)
    assert root.get("role") == "img" and root.get("width") == "100%"
    assert root.get("viewBox", "").startswith("0 0 ")
    assert root.find(f"{SVG}title") is not None and root.find(f"{SVG}desc") is not None
    assert all(int(t.get("font-size")) >= 14 for t in root.iter(f"{SVG}text"))
    for control in (widget.new_primary, widget.new_secondary_parent, widget.new_idea_driver):
        assert control.description and control.style.description_width == "initial"
