"""Can a team see who changed what under each tool, and put an earlier version back?

No kernel: real tools on a real SqliteStore, driven through their controls and the panel's
buttons, checked against what the store holds.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import ipywidgets as widgets
import pytest

from qikit.core.wording import history as words
from qikit.store import SqliteStore, StoredRecord, open_store
from qikit.widgets.base import ToolContext, ToolWidget
from qikit.widgets.charter import CharterWidget
from qikit.widgets.driver_diagram import DriverDiagramWidget
from qikit.widgets.feedback import TeamFeedbackWidget
from qikit.widgets.fishbone import FishboneWidget
from qikit.widgets.history import PAGE, HistoryPanel
from qikit.widgets.pdsa import PdsaLogWidget
from qikit.widgets.process_map import ProcessMapWidget

TEAM = "ward-3"
NASTY = "<script>alert(1)</script> <b>lifts</b>"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    with open_store(tmp_path / "qikit.db") as opened:
        yield opened


@pytest.fixture
def context(store: SqliteStore) -> ToolContext:
    return ToolContext(store, TEAM, "Amina")


def panel_of(tool: ToolWidget) -> HistoryPanel:
    assert tool.history_panel is not None
    return tool.history_panel


def shown_text(panel: HistoryPanel) -> list[str]:
    """Return the lines of the open panel as a person reads them (tags gone, entities read)."""
    lines = []
    for box in (panel.body.removed_box, panel.body.changes_box):
        for row in box.children:
            parts = getattr(row, "children", (row,))
            for part in parts:
                if isinstance(part, widgets.HTML):
                    lines.append(html.unescape(re.sub(r"<[^>]+>", "", part.value)))
    return lines


def button(panel: HistoryPanel, starts: str, contains: str = "") -> widgets.Button:
    found = [
        b for b in panel.buttons() if b.description.startswith(starts) and contains in b.description
    ]
    assert found, [b.description for b in panel.buttons()]
    return found[-1]  # the oldest of several


def test_does_put_this_version_back_restore_the_first_aim_as_a_new_version(
    context: ToolContext, store: SqliteStore
) -> None:
    tool = CharterWidget(context)
    heard: list[StoredRecord] = []
    context.on_saved.append(heard.append)
    tool.boxes["aim_what"].value = "Fewer late discharges"
    tool.boxes["aim_what"].value = "No late discharges"
    panel = panel_of(tool)
    assert not panel.is_open and panel.body is None  # nothing built while closed
    assert panel.toggle.description == words.SHOW_BUTTON
    panel.toggle.value = True  # what pressing "Show earlier versions" does
    assert panel.toggle.description == words.HIDE_BUTTON
    assert panel.body is not None and panel.body.widget.layout.display is None
    lines = shown_text(panel)
    assert lines[0].startswith("Amina changed “What will improve” in the charter — ")
    assert lines[1].startswith("Amina started the charter — ")
    first = button(panel, words.PUT_BACK_VERSION)
    assert first.description.startswith("Put this version back: the charter as it was on ")
    assert len(panel.buttons()) == 1  # the newest version is how it is now: nothing to put back
    first.click()
    assert store.get(TEAM, "charter", "main").data["aim_what"] == "Fewer late discharges"
    history = store.history(TEAM, "charter", "main")
    assert [e.action for e in history] == ["create", "update", "restore"]
    assert tool.boxes["aim_what"].value == "Fewer late discharges"  # the tool reloaded
    assert heard[-1].version == 3  # other tools on the page hear it
    assert shown_text(panel)[0].startswith("Amina put back an earlier version of the charter")
    assert "Put back: the charter." in panel.body.message.value
    assert 'role="status"' in panel.body.message.value
    # The restore is history too, so it can be undone: put the second aim back.
    newest_first = panel.buttons()
    assert len(newest_first) == 2
    newest_first[0].click()
    assert store.get(TEAM, "charter", "main").data["aim_what"] == "No late discharges"
    assert len(store.history(TEAM, "charter", "main")) == 4


def test_does_the_open_list_show_a_new_edit_and_a_closed_one_wait_until_opened(
    context: ToolContext,
) -> None:
    tool = CharterWidget(context)
    panel = panel_of(tool)
    panel.open()
    assert shown_text(panel) == [words.NOTHING_YET]
    tool.boxes["problem"].value = "Beds wait for porters"
    assert shown_text(panel)[0].startswith("Amina started the charter")
    panel.toggle.value = False
    assert panel.body.widget.layout.display == "none"
    tool.boxes["scope"].value = "Ward 3 only"
    assert panel.stale
    assert len(shown_text(panel)) == 1  # not rebuilt while closed
    CharterWidget(context).boxes["aim_how_much"].value = "by half"  # another tool, same page
    panel.open()
    assert not panel.stale
    assert [line.split(" — ")[0] for line in shown_text(panel)] == [
        "Amina changed “By how much” in the charter",
        "Amina changed “Scope” in the charter",
        "Amina started the charter",
    ]


def test_can_a_deleted_cause_be_put_back_from_the_fishbone_panel(
    context: ToolContext, store: SqliteStore
) -> None:
    tool = FishboneWidget(context)
    tool.new_category.value = tool.new_category.options[0][1]
    tool.new_text.value = NASTY
    tool.add_button.click()
    (cause_id,) = tool.rows
    tool.rows[cause_id].delete.click()
    assert store.get(TEAM, "cause", cause_id) is None
    panel = panel_of(tool)
    panel.open()
    assert shown_text(panel)[0] == words.REMOVED_HEADING
    assert shown_text(panel)[1].startswith(f"Amina removed the cause “{NASTY}” — ")
    raw = "".join(
        part.value
        for row in panel.body.removed_box.children
        for part in getattr(row, "children", (row,))
        if isinstance(part, widgets.HTML)
    )
    assert "<script>" not in raw and "&lt;script&gt;" in raw  # escaped
    put_back = button(panel, words.PUT_BACK_REMOVED)
    assert put_back.description == f"Put it back: the cause “{NASTY}”"
    names = [b.description for b in panel.buttons()]
    assert names.count(put_back.description) == 1  # not again beside the removal in the list
    put_back.click()
    assert store.get(TEAM, "cause", cause_id).data["text"] == NASTY
    assert cause_id in tool.rows  # the tool shows it again
    assert panel.body.removed_box.children == ()
    assert shown_text(panel)[0].startswith(f"Amina put back the cause “{NASTY}”, which had been")


def test_does_a_long_history_show_the_newest_first_and_more_on_request(
    context: ToolContext,
) -> None:
    tool = CharterWidget(context)
    for number in range(PAGE + 5):
        tool.boxes["scope"].value = f"Ward {number}"
    panel = panel_of(tool)
    panel.open()
    assert len(panel.body.changes_box.children) == PAGE
    assert panel.body.more.layout.display is None
    panel.body.more.click()
    assert len(panel.body.changes_box.children) == PAGE + 5
    assert panel.body.more.layout.display == "none"
    assert shown_text(panel)[-1].startswith("Amina started the charter")


def test_is_a_version_the_model_refuses_now_not_put_back(
    context: ToolContext, store: SqliteStore
) -> None:
    store.save(TEAM, "cause", "c1", {"text": 5}, author="an old qikit")  # never valid
    context.save("cause", "c1", {"text": "lifts", "category": "Equipment"})
    tool = FishboneWidget(context)
    panel = panel_of(tool)
    panel.open()
    button(panel, words.PUT_BACK_VERSION).click()
    assert store.get(TEAM, "cause", "c1").data["text"] == "lifts"
    assert len(store.history(TEAM, "cause", "c1")) == 2
    assert "cannot be put back" in tool.status.widget.value


def test_is_a_restore_refused_plainly_on_a_store_opened_for_reading(
    context: ToolContext, store: SqliteStore
) -> None:
    CharterWidget(context).boxes["scope"].value = "one"
    CharterWidget(context).boxes["scope"].value = "two"
    with SqliteStore(store.path, read_only=True) as reading:
        tool = CharterWidget(ToolContext(reading, TEAM, "Sam"))
        panel = panel_of(tool)
        panel.open()
        button(panel, words.PUT_BACK_VERSION).click()
        assert "reading only" in tool.status.widget.value
    assert store.get(TEAM, "charter", "main").data["scope"] == "two"


@pytest.mark.parametrize(
    ("make", "kinds"),
    [
        (CharterWidget, ("charter",)),
        (FishboneWidget, ("cause", "fishbone")),
        (ProcessMapWidget, ("process_map", "step")),
        (DriverDiagramWidget, ("change_idea", "driver")),
        (PdsaLogWidget, ("pdsa",)),
    ],
)
def test_does_every_tool_put_its_earlier_versions_just_above_its_status_line(
    context: ToolContext, make: type[ToolWidget], kinds: tuple[str, ...]
) -> None:
    tool = make(context)  # type: ignore[call-arg]
    panel = panel_of(tool)
    assert panel.kinds == kinds
    assert tool.widget.children[-2] is panel.widget
    assert tool.widget.children[-1] is tool.status.widget
    assert panel.toggle.layout.min_height == "44px"


def test_has_a_tool_without_history_kinds_no_panel(context: ToolContext) -> None:
    tool = TeamFeedbackWidget(context, "charter")
    assert tool.history_panel is None
    assert not any(isinstance(c, widgets.ToggleButton) for c in tool.widget.children)
