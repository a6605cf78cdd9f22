"""Does the charter tool save every change, show it again, and refuse bad entries plainly?"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from qikit.core.model import MAX_LONG_TEXT, MAX_SHORT_TEXT
from qikit.render.charter import render_static
from qikit.store import open_store
from qikit.store.records import load_project
from qikit.widgets.base import ToolContext
from qikit.widgets.charter import CharterWidget


@pytest.fixture
def context(tmp_path: Path):  # type: ignore[no-untyped-def]
    with open_store(tmp_path / "cohort.db") as store:
        yield ToolContext(store, "ward-3", "Ann")


def test_each_box_saves_its_field_and_the_aim_sentence_appears(context) -> None:  # type: ignore[no-untyped-def]
    tool = CharterWidget(context)
    tool.boxes["problem"].value = "Patients wait too long for a porter."
    tool.boxes["aim_what"].value = "reduce the time patients wait for a porter"
    stored = context.store.get("ward-3", "charter", "main")
    assert stored.data["problem"] == "Patients wait too long for a porter."
    assert "We will reduce the time patients wait for a porter." in tool.aim.value
    assert "By how much?" in tool.aim.value and "By when?" in tool.aim.value
    assert tool.status.widget.value.startswith("Saved ")
    assert [h.changed for h in context.store.history("ward-3", "charter", "main")] == [
        ("problem",),
        ("aim_what",),
    ]


def test_reopening_shows_exactly_what_was_there(context) -> None:  # type: ignore[no-untyped-def]
    first = CharterWidget(context)
    first.boxes["scope"].value = "Wards 3 and 4\nweekdays only  "
    first.boxes["aim_by_when"].value = "2027-03-31"
    again = CharterWidget(context)
    assert again.boxes["scope"].value == "Wards 3 and 4\nweekdays only  "
    assert "by 31 March 2027" in again.aim.value


def test_a_complete_aim_says_so(context) -> None:  # type: ignore[no-untyped-def]
    tool = CharterWidget(context)
    for key, value in {
        "aim_what": "reduce missed meals",
        "aim_how_much": "by half",
        "aim_for_whom": "patients on ward 7",
        "aim_by_when": "the end of June",
    }.items():
        tool.boxes[key].value = value
    assert "All four parts of your aim are there" in tool.aim.value
    assert "Still to answer" not in tool.aim.value


def test_too_long_text_is_refused_beside_the_box_and_nothing_is_lost(context) -> None:  # type: ignore[no-untyped-def]
    tool = CharterWidget(context)
    tool.boxes["problem"].value = "First version"
    too_long = "x" * (MAX_LONG_TEXT + 1)
    tool.boxes["problem"].value = too_long
    assert "10,000" in tool.messages["problem"].message
    assert tool.boxes["problem"].value == too_long  # still on screen
    assert "Not saved" in tool.status.widget.value
    assert context.store.get("ward-3", "charter", "main").data["problem"] == "First version"
    tool.boxes["aim_what"].value = "y" * (MAX_SHORT_TEXT + 1)
    assert "200" in tool.messages["aim_what"].message


def test_free_text_is_shown_as_text_everywhere(context) -> None:  # type: ignore[no-untyped-def]
    tool = CharterWidget(context)
    tool.boxes["aim_what"].value = "<script>alert(1)</script> <b>x</b>"
    assert "<script>" not in tool.aim.value and "&lt;script&gt;" in tool.aim.value
    tool.boxes["problem"].value = "<b>bold?</b>"
    page = render_static(load_project(context.store, "ward-3"))
    assert "<b>bold?</b>" not in page and "&lt;b&gt;bold?&lt;/b&gt;" in page
    ET.fromstring(f"<div>{page}</div>")  # well-formed


def test_every_box_has_a_visible_label_and_help_is_there(context) -> None:  # type: ignore[no-untyped-def]
    tool = CharterWidget(context)
    assert all(box.description for box in tool.boxes.values())
    titles = [tool.help.get_title(i) for i in range(3)]
    assert titles == ["What is this?", "How to do it", "See an example"]
    assert "X-ray" in tool.help.children[2].value  # the worked example
