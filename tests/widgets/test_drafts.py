"""Are words typed into an "Add a …" box still there after leaving the page, and gone once added?

"Coming back to the page" is a new tool built on the same store: exactly what a new page visit
does. Drafts must not become records, history or a change the mentor review sees.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from qikit.core.model import MAX_LONG_TEXT, MAX_SHORT_TEXT
from qikit.core.wording import history as words
from qikit.store import SqliteStore, open_store
from qikit.widgets.base import FieldMessage, ToolContext
from qikit.widgets.drafts import draft_text
from qikit.widgets.driver_diagram import DriverDiagramWidget
from qikit.widgets.feedback import TeamFeedbackWidget
from qikit.widgets.fishbone import FishboneWidget
from qikit.widgets.pdsa import PdsaLogWidget
from qikit.widgets.process_map import ProcessMapWidget

TEAM = "ward-3"
NASTY = "lifts <b>out</b> of order 🚑"


class CountingStore(SqliteStore):
    """A real store that counts draft writes (to see that unchanged text writes nothing)."""

    draft_writes = 0

    def save_draft(self, team: str, key: str, text: str, *, author: str) -> None:
        self.draft_writes += 1
        super().save_draft(team, key, text, author=author)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    with open_store(tmp_path / "qikit.db") as opened:
        yield opened


@pytest.fixture
def context(store: SqliteStore) -> ToolContext:
    return ToolContext(store, TEAM, "Sam")


def test_does_a_typed_cause_survive_leaving_the_page_and_go_once_added(
    context: ToolContext, store: SqliteStore
) -> None:
    tool = FishboneWidget(context)
    # Sent on leaving the box, never per keystroke: a click must not overtake the last words.
    assert not tool.new_text.continuous_update
    before = store.team_histories()
    tool.new_text.value = "lifts"
    tool.new_text.value = NASTY
    assert store.draft(TEAM, "fishbone.cause").text == NASTY
    assert store.team_histories() == before  # not a change to the project
    assert store.list(TEAM) == []
    again = FishboneWidget(ToolContext(store, TEAM, "Amina"))  # back on the page, anyone
    assert again.new_text.value == NASTY
    assert FishboneWidget(ToolContext(store, "ward-4", "Sam")).new_text.value == ""
    again.new_category.value = again.new_category.options[0][1]
    again.add_button.click()
    assert [r.data["text"] for r in store.list(TEAM, "cause")] == [NASTY]
    assert again.new_text.value == ""
    assert store.draft(TEAM, "fishbone.cause") is None
    assert FishboneWidget(context).new_text.value == ""


def test_is_a_refused_add_kept_as_a_draft(context: ToolContext, store: SqliteStore) -> None:
    tool = FishboneWidget(context)
    tool.new_text.value = "   "
    tool.add_button.click()  # refused: no words
    assert tool.new_message.message
    tool.new_text.value = "bleeps not answered"
    assert store.draft(TEAM, "fishbone.cause").text == "bleeps not answered"


def fishbone_category(context: ToolContext) -> tuple[Any, Any, Callable[[Any], None]]:
    tool = FishboneWidget(context)
    return tool, tool.new_category_name, lambda t: t.add_category_button.click()


def process_step(context: ToolContext) -> tuple[Any, Any, Callable[[Any], None]]:
    tool = ProcessMapWidget(context)
    return tool, tool.new_text, lambda t: t.add_button.click()


def primary_driver(context: ToolContext) -> tuple[Any, Any, Callable[[Any], None]]:
    tool = DriverDiagramWidget(context)
    return tool, tool.new_primary, lambda t: t.add_primary_button.click()


def pdsa_title(context: ToolContext) -> tuple[Any, Any, Callable[[Any], None]]:
    tool = PdsaLogWidget(context)
    return tool, tool.new_title, lambda t: t.start_button.click()


@pytest.mark.parametrize(
    ("make", "key"),
    [
        (fishbone_category, "fishbone.category"),
        (process_step, "process_map.step"),
        (primary_driver, "driver_diagram.primary"),
        (pdsa_title, "pdsa.title"),
    ],
)
def test_does_every_add_box_keep_its_words_until_added(
    context: ToolContext,
    store: SqliteStore,
    make: Callable[[ToolContext], tuple[Any, Any, Callable[[Any], None]]],
    key: str,
) -> None:
    _, box, _ = make(context)
    assert not box.continuous_update
    box.value = "Collect the bed"
    assert store.draft(TEAM, key).text == "Collect the bed"
    tool, box, add = make(context)
    assert box.value == "Collect the bed"
    add(tool)
    assert box.value == ""
    assert store.draft(TEAM, key) is None


def test_are_the_other_driver_diagram_boxes_kept_apart(
    context: ToolContext, store: SqliteStore
) -> None:
    tool = DriverDiagramWidget(context)
    tool.new_secondary.value = "Bleeps"
    tool.new_idea.value = "A second porter at 8"
    again = DriverDiagramWidget(context)
    assert (again.new_primary.value, again.new_secondary.value, again.new_idea.value) == (
        "",
        "Bleeps",
        "A second porter at 8",
    )


def test_is_the_reply_box_kept_per_tool(store: SqliteStore) -> None:
    context = ToolContext(store, TEAM, "Sam")
    TeamFeedbackWidget(context, "charter").reply.value = "We will ask the ward manager"
    assert TeamFeedbackWidget(context, "charter").reply.value == "We will ask the ward manager"
    assert TeamFeedbackWidget(context, "fishbone").reply.value == ""
    assert store.draft(TEAM, "feedback.reply.charter") is not None


def test_is_unchanged_text_not_written_again(tmp_path: Path) -> None:
    with CountingStore(tmp_path / "qikit.db") as store:
        context = ToolContext(store, TEAM, "Sam")
        box = draft_text(context, "fishbone.cause", "Cause")
        box.value = "lifts"
        box.value = "lifts"
        assert store.draft_writes == 1
        again = draft_text(context, "fishbone.cause", "Cause")  # loading writes nothing
        assert again.value == "lifts"
        assert store.draft_writes == 1
        again.value = ""
        assert store.draft_writes == 2
        assert store.draft(TEAM, "fishbone.cause") is None


@pytest.mark.parametrize(("long", "limit"), [(False, MAX_SHORT_TEXT), (True, MAX_LONG_TEXT)])
def test_is_a_draft_past_the_limit_cut_and_said_beside_the_box(
    context: ToolContext, store: SqliteStore, long: bool, limit: int
) -> None:
    message = FieldMessage()
    box = draft_text(context, "fishbone.cause", "Cause", long=long, message=message)
    box.value = "x" * (limit + 7)
    assert box.value == "x" * (limit + 7)  # what was typed stays on the screen
    assert store.draft(TEAM, "fishbone.cause").text == "x" * limit
    assert message.message == words.DRAFT_CUT.format(limit=limit)
    box.value = "x" * 3
    assert message.message == ""
    assert store.draft(TEAM, "fishbone.cause").text == "xxx"


def test_does_a_box_on_a_store_opened_for_reading_still_work(
    context: ToolContext, store: SqliteStore
) -> None:
    store.save_draft(TEAM, "fishbone.cause", "kept", author="Sam")
    with SqliteStore(store.path, read_only=True) as reading:
        box = draft_text(ToolContext(reading, TEAM, "Sam"), "fishbone.cause", "Cause")
        assert box.value == "kept"
        box.value = "more words"  # cannot be kept; nothing breaks, the words stay on screen
        assert box.value == "more words"
    assert store.draft(TEAM, "fishbone.cause").text == "kept"


def test_is_a_draft_kept_when_no_name_was_given(store: SqliteStore) -> None:
    box = draft_text(ToolContext(store, TEAM, "  "), "pdsa.title", "Name")
    box.value = "Trial a rota"
    kept = store.draft(TEAM, "pdsa.title")
    assert kept is not None and kept.author == words.SOMEONE
