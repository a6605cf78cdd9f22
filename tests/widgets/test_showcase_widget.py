"""Does the captions tool save each caption, show it again, preview it escaped, refuse plainly?"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from qikit.core.model import MAX_SHORT_TEXT, ShowcaseCaptions
from qikit.store import open_store
from qikit.store.records import load_project
from qikit.widgets.base import ToolContext
from qikit.widgets.showcase import ShowcaseCaptionsWidget

PAYLOAD = '<script>alert(1)</script> & "quotes"'


@pytest.fixture
def context(tmp_path: Path) -> Iterator[ToolContext]:
    with open_store(tmp_path / "cohort.db") as store:
        yield ToolContext(store, "ward-3", "Ann")


def test_each_box_saves_its_own_field_and_the_project_carries_it(context: ToolContext) -> None:
    tool = ShowcaseCaptionsWidget(context)
    tool.boxes["headline"].value = "Porters arrive 15 minutes sooner"
    tool.boxes["learned"].value = "Small tests are quick.\nAsk the porters first."
    captions = load_project(context.store, "ward-3").showcase
    assert captions == ShowcaseCaptions(
        headline="Porters arrive 15 minutes sooner",
        learned="Small tests are quick.\nAsk the porters first.",
    )
    assert [h.changed for h in context.store.history("ward-3", "showcase", "main")] == [
        ("headline",),
        ("learned",),
    ]
    assert tool.status.widget.value.startswith("Saved ")


def test_reopening_shows_exactly_what_was_typed(context: ToolContext) -> None:
    ShowcaseCaptionsWidget(context).boxes["tried"].value = "  A tablet at the desk  "
    again = ShowcaseCaptionsWidget(context)
    assert again.boxes["tried"].value == "  A tablet at the desk  "
    assert again.boxes["headline"].value == ""


def test_the_preview_updates_and_shows_the_words_as_text_never_markup(
    context: ToolContext,
) -> None:
    heard: list[ShowcaseCaptions] = []
    tool = ShowcaseCaptionsWidget(context, on_change=heard.append)
    assert "the poster uses your records" in tool.preview.value
    tool.boxes["next_steps"].value = PAYLOAD
    assert "<script>" not in tool.preview.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;" in tool.preview.value
    assert heard == [ShowcaseCaptions(next_steps=PAYLOAD)]


def test_a_headline_that_is_too_long_is_refused_beside_its_box_and_kept_on_screen(
    context: ToolContext,
) -> None:
    tool = ShowcaseCaptionsWidget(context)
    too_long = "x" * (MAX_SHORT_TEXT + 1)
    tool.boxes["headline"].value = too_long
    assert "Headline" in tool.messages["headline"].message
    assert tool.boxes["headline"].value == too_long
    assert context.store.get("ward-3", "showcase", "main") is None
    assert "Not saved" in tool.status.widget.value


def test_emptying_a_box_goes_back_to_the_records_words(context: ToolContext) -> None:
    tool = ShowcaseCaptionsWidget(context)
    tool.boxes["problem"].value = "Beds wait for porters"
    tool.boxes["problem"].value = ""
    assert load_project(context.store, "ward-3").showcase == ShowcaseCaptions()
    assert "the poster uses your records" in tool.preview.value
