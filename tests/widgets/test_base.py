"""Does the ToolWidget base guard loading, save with the outcome shown, and hear other tools?"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import ipywidgets as widgets
import pytest

from qikit.core.model import MAIN, MAX_SHORT_TEXT, RecordKind
from qikit.store import open_store
from qikit.widgets.base import FieldMessage, Guard, ToolContext, ToolWidget, labelled_text


class _Tool(ToolWidget):
    """The smallest tool: one box saving the charter's ``aim_what``."""

    def __init__(self, context: ToolContext) -> None:
        super().__init__(context)
        self.box = labelled_text("What will improve?")
        self.message = FieldMessage()
        self.heard = 0
        self.on_edit(self.box, self._save_aim)
        self.listen((RecordKind.CHARTER,), self._hear)
        self.widget = self.frame("A tool", self.box, self.message.widget)
        self.reload()

    def _save_aim(self, value: str) -> None:
        self.save(RecordKind.CHARTER, MAIN, {"aim_what": value}, self.message)

    def _hear(self) -> None:
        self.heard += 1

    def reload(self) -> None:
        stored = self.context.get(RecordKind.CHARTER, MAIN)
        with self.loading():
            self.box.value = stored.data.get("aim_what", "") if stored is not None else ""


@pytest.fixture
def context(tmp_path: Path) -> Iterator[ToolContext]:
    with open_store(tmp_path / "cohort.db") as store:
        yield ToolContext(store, "ward-3", "Ann")


def test_is_a_guard_on_only_inside_its_blocks_even_nested() -> None:
    guard = Guard()
    assert not guard
    with guard:
        with guard:
            assert guard
        assert guard
    assert not guard


def test_does_an_edit_save_but_loading_not(context: ToolContext) -> None:
    tool = _Tool(context)
    tool.box.value = "fewer missed meals"
    assert context.get(RecordKind.CHARTER, MAIN).data["aim_what"] == "fewer missed meals"
    assert tool.status.widget.value.startswith("Saved ")
    with tool.loading():
        tool.box.value = "not an edit"
    assert context.get(RecordKind.CHARTER, MAIN).data["aim_what"] == "fewer missed meals"
    assert len(context.store.history("ward-3", "charter", MAIN)) == 1


def test_is_a_refused_entry_shown_beside_its_box(context: ToolContext) -> None:
    tool = _Tool(context)
    tool.box.value = "x" * (MAX_SHORT_TEXT + 1)
    assert str(MAX_SHORT_TEXT) in tool.message.message
    assert tool.status.last_error is not None
    assert context.get(RecordKind.CHARTER, MAIN) is None


def test_does_a_tool_hear_other_tools_saves_but_not_its_own(context: ToolContext) -> None:
    tool, other = _Tool(context), _Tool(context)
    tool.box.value = "fewer missed meals"
    assert (tool.heard, other.heard) == (0, 1)


def test_are_options_set_without_saving_and_a_gone_value_falls_back(context: ToolContext) -> None:
    tool = _Tool(context)
    picks: list[object] = []
    dropdown = widgets.Dropdown()
    tool.on_edit(dropdown, picks.append)
    tool.set_options(dropdown, [("A", "a"), ("B", "b")], "b")
    assert dropdown.value == "b"
    tool.set_options(dropdown, [("A", "a")], "b")
    assert dropdown.value == "a"
    assert picks == []
    dropdown.value = None
    assert picks == [None]


def test_is_the_frame_styled_with_the_status_last(context: ToolContext) -> None:
    tool = _Tool(context)
    assert "qikit-tool" in tool.widget._dom_classes
    assert tool.widget.children[-1] is tool.status.widget
    assert "<h2>A tool</h2>" in tool.widget.children[0].value
