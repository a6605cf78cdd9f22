"""Does the fishbone tool save every change, redraw at once, and never lose what was typed?"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from qikit.core.model import DEFAULT_CATEGORIES, MAX_COUNT, MAX_SHORT_TEXT
from qikit.core.wording import fishbone as words
from qikit.render.fishbone import render_static
from qikit.store import open_store
from qikit.store.records import load_project
from qikit.widgets.base import ToolContext
from qikit.widgets.fishbone import FishboneWidget

TEAM = "ward-3"
NASTY = "<script>alert(1)</script> <b>x</b>"


@pytest.fixture
def context(tmp_path: Path):  # type: ignore[no-untyped-def]
    with open_store(tmp_path / "cohort.db") as store:
        yield ToolContext(store, TEAM, "Ann")


def add(tool: FishboneWidget, category: str, text: str, parent: str = "") -> str:
    """Add a cause through the controls; return its id."""
    tool.new_category.value = category
    tool.new_parent.value = parent
    tool.new_text.value = text
    before = set(tool.rows)
    tool.add_button.click()
    (new,) = set(tool.rows) - before
    return new


def stored(context: ToolContext, cause_id: str) -> dict:  # type: ignore[type-arg]
    record = context.store.get(TEAM, "cause", cause_id)
    assert record is not None
    return record.data


def svg_of(html_value: str) -> ET.Element:
    match = re.search(r"<svg.*?</svg>", html_value, re.S)
    assert match is not None
    return ET.fromstring(match.group(0))


def test_the_problem_saves_and_appears_at_the_head(context) -> None:  # type: ignore[no-untyped-def]
    tool = FishboneWidget(context)
    assert "qikit-tool" in tool.widget._dom_classes
    tool.effect.value = "Side rooms wait too long for a deep clean"
    assert context.store.get(TEAM, "fishbone", "main").data["effect"] == (
        "Side rooms wait too long for a deep clean"
    )
    assert "Side rooms wait too long" in tool.diagram.value
    assert tool.status.widget.value.startswith("Saved ")
    assert FishboneWidget(context).effect.value == "Side rooms wait too long for a deep clean"


def test_the_six_support_services_categories_are_offered(context) -> None:  # type: ignore[no-untyped-def]
    tool = FishboneWidget(context)
    assert [v for _, v in tool.new_category.options] == list(DEFAULT_CATEGORIES)
    assert [b.value for b in tool.category_boxes] == list(DEFAULT_CATEGORIES)
    root = svg_of(tool.diagram.value)
    drawn = " ".join(root.itertext())
    for name in DEFAULT_CATEGORIES:
        assert name in drawn


def test_adding_a_cause_saves_it_draws_it_and_clears_the_box(context) -> None:  # type: ignore[no-untyped-def]
    tool = FishboneWidget(context)
    cause_id = add(tool, "Equipment", "Only one steam cleaner")
    assert stored(context, cause_id) == {
        "category": "Equipment",
        "text": "Only one steam cleaner",
        "parent_id": None,
    }
    assert tool.new_text.value == ""
    assert tool.new_category.value == "Equipment"  # ready for the next cause of this kind
    assert "Only one steam cleaner" in " ".join(svg_of(tool.diagram.value).itertext())
    again = FishboneWidget(context)
    assert again.rows[cause_id].text.value == "Only one steam cleaner"
    assert again.rows[cause_id].category.value == "Equipment"


def test_an_empty_or_too_long_cause_is_refused_beside_the_box(context) -> None:  # type: ignore[no-untyped-def]
    tool = FishboneWidget(context)
    tool.new_text.value = "   "
    tool.add_button.click()
    assert tool.new_message.message == words.EMPTY_CAUSE
    assert context.store.list(TEAM, "cause") == []
    too_long = "y" * (MAX_SHORT_TEXT + 1)
    tool.new_text.value = too_long
    tool.add_button.click()
    assert "200" in tool.new_message.message
    assert "Not saved" in tool.status.widget.value
    assert tool.new_text.value == too_long  # still there to shorten
    assert context.store.list(TEAM, "cause") == []
    tool.new_text.value = "y" * MAX_SHORT_TEXT
    tool.add_button.click()
    assert tool.new_message.message == ""
    assert len(context.store.list(TEAM, "cause")) == 1


def test_sub_causes_hang_from_a_cause_of_the_same_kind(context) -> None:  # type: ignore[no-untyped-def]
    tool = FishboneWidget(context)
    main = add(tool, "Methods", "Not told when empty")
    other = add(tool, "People", "Only one domestic on lates")
    tool.new_category.value = "Methods"
    choices = [v for _, v in tool.new_parent.options]
    assert choices == ["", main]  # only causes of this kind, and "main cause"
    sub = add(tool, "Methods", "Nobody rings us", parent=main)
    assert stored(context, sub)["parent_id"] == main
    assert other not in [v for _, v in tool.rows[sub].parent.options]
    # a cause cannot be put under itself or under its own sub-cause
    assert [v for _, v in tool.rows[main].parent.options] == [""]
    root = svg_of(tool.diagram.value)
    place = {t.text: float(t.get("x", 0)) for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert place["Nobody rings us"] > place["Not told when empty"]
    assert "part of “Not told when empty”" in tool.rows[sub].heading.value
    assert FishboneWidget(context).rows[sub].parent.value == main


def test_editing_a_cause_saves_and_a_refused_edit_keeps_the_typing(context) -> None:  # type: ignore[no-untyped-def]
    tool = FishboneWidget(context)
    cause_id = add(tool, "People", "Short staffed")
    other = add(tool, "People", "Agency staff")
    tool.rows[cause_id].text.value = "Short staffed on lates"
    assert stored(context, cause_id)["text"] == "Short staffed on lates"
    assert "Short staffed on lates" in tool.diagram.value
    too_long = "z" * (MAX_SHORT_TEXT + 1)
    tool.rows[cause_id].text.value = too_long
    assert "200" in tool.rows[cause_id].text_message.message
    assert stored(context, cause_id)["text"] == "Short staffed on lates"
    # another change elsewhere redraws everything, but the typed text stays on screen
    tool.rows[other].text.value = "Agency staff not shown round"
    assert tool.rows[cause_id].text.value == too_long
    tool.rows[cause_id].text.value = "Short"
    assert tool.rows[cause_id].text_message.message == ""
    assert stored(context, cause_id)["text"] == "Short"


def test_moving_a_cause_takes_its_sub_causes_with_it(context) -> None:  # type: ignore[no-untyped-def]
    tool = FishboneWidget(context)
    main = add(tool, "Methods", "Steam cleaner shared")
    sub = add(tool, "Methods", "Booked by two wards", parent=main)
    tool.rows[main].category.value = "Equipment"
    assert stored(context, main)["category"] == "Equipment"
    assert stored(context, sub)["category"] == "Equipment"
    assert stored(context, sub)["parent_id"] == main
    # a sub-cause moved on its own becomes a main cause of its new kind
    tool.rows[sub].category.value = "People"
    assert stored(context, sub) | {} == {**stored(context, sub), "parent_id": None}
    assert stored(context, sub)["category"] == "People"
    assert load_project(context.store, TEAM).problems() == ()


def test_making_a_sub_cause_a_main_cause_again(context) -> None:  # type: ignore[no-untyped-def]
    tool = FishboneWidget(context)
    main = add(tool, "Methods", "A")
    sub = add(tool, "Methods", "B", parent=main)
    tool.rows[sub].parent.value = ""
    assert stored(context, sub)["parent_id"] is None


def test_deleting_a_cause_keeps_its_sub_causes_and_its_history(context) -> None:  # type: ignore[no-untyped-def]
    tool = FishboneWidget(context)
    main = add(tool, "Methods", "Jobs phoned in")
    sub = add(tool, "Methods", "Number unknown", parent=main)
    tool.rows[main].delete.click()
    assert context.store.get(TEAM, "cause", main) is None
    assert [h.action for h in context.store.history(TEAM, "cause", main)][-1] == "delete"
    assert stored(context, sub)["parent_id"] is None  # moved up, not lost
    assert main not in tool.rows and sub in tool.rows
    assert "Jobs phoned in" not in tool.diagram.value


def test_votes_belong_to_the_person_at_the_keyboard(context) -> None:  # type: ignore[no-untyped-def]
    ann = FishboneWidget(context)
    cause_id = add(ann, "Communication", "Bleeps go to the supervisor")
    assert ann.pareto_box.layout.display == "none"  # no votes, no tally: no Pareto chart
    ann.rows[cause_id].vote.value = True
    assert stored(context, cause_id)["votes"] == ["Ann"]
    assert ann.rows[cause_id].vote.description == words.VOTED_BUTTON
    bob = FishboneWidget(ToolContext(context.store, TEAM, "Bob"))
    assert bob.rows[cause_id].vote.value is False
    bob.rows[cause_id].vote.value = True
    assert stored(context, cause_id)["votes"] == ["Ann", "Bob"]
    # Ann's page is out of date, but taking her vote back keeps Bob's
    ann.rows[cause_id].vote.value = False
    assert stored(context, cause_id)["votes"] == ["Bob"]
    assert "★ 1" in ann.diagram.value
    assert "★ 1 vote</strong> (Bob)" in ann.rows[cause_id].heading.value
    assert ann.pareto_box.layout.display is None
    assert words.VOTES_AXIS in ann.pareto.value
    assert FishboneWidget(ToolContext(context.store, TEAM, "bob")).rows[cause_id].vote.value


def test_tallies_save_and_bad_numbers_are_refused_beside_the_box(context) -> None:  # type: ignore[no-untyped-def]
    tool = FishboneWidget(context)
    cause_id = add(tool, "Materials and supplies", "Chlorine tablets run out")
    tool.rows[cause_id].tally.value = 12
    assert stored(context, cause_id)["tally"] == 12
    assert "counted 12" in tool.diagram.value
    assert tool.pareto_by.value == "tally"  # the only counts there are
    assert words.TALLY_AXIS in tool.pareto.value
    tool.rows[cause_id].tally.value = -3
    assert "0 to" in tool.rows[cause_id].tally_message.message
    assert stored(context, cause_id)["tally"] == 12
    assert tool.rows[cause_id].tally.value == -3
    tool.rows[cause_id].tally.value = MAX_COUNT + 1
    assert stored(context, cause_id)["tally"] == 12
    assert FishboneWidget(context).rows[cause_id].tally.value == 12


def test_pareto_can_be_ordered_by_votes_or_tally(context) -> None:  # type: ignore[no-untyped-def]
    tool = FishboneWidget(context)
    a = add(tool, "People", "Alpha cause")
    b = add(tool, "People", "Beta cause")
    tool.rows[a].vote.value = True
    tool.rows[b].tally.value = 9
    assert tool.pareto_by.value == "votes"
    assert "Alpha cause" in tool.pareto.value and "Beta cause" not in tool.pareto.value
    tool.pareto_by.value = "tally"
    assert "Beta cause" in tool.pareto.value and "Alpha cause" not in tool.pareto.value
    svg_of(tool.pareto.value)


def test_renaming_a_category_moves_its_causes(context) -> None:  # type: ignore[no-untyped-def]
    tool = FishboneWidget(context)
    cause_id = add(tool, "Materials and supplies", "Curtains not back from laundry")
    tool.category_boxes[4].value = "Supplies and laundry"
    fishbone = context.store.get(TEAM, "fishbone", "main").data
    assert fishbone["categories"][4] == "Supplies and laundry"
    assert stored(context, cause_id)["category"] == "Supplies and laundry"
    assert tool.rows[cause_id].category.value == "Supplies and laundry"
    assert "Supplies and laundry" in tool.diagram.value
    assert load_project(context.store, TEAM).problems() == ()
    # the same name twice, or no name, is refused beside the box; nothing changes
    tool.category_boxes[0].value = "supplies and LAUNDRY"
    assert "the same" in tool.category_messages[0].message
    tool.category_boxes[1].value = "  "
    assert "cannot be empty" in tool.category_messages[1].message
    assert tool.category_boxes[1].value == "  "
    assert context.store.get(TEAM, "fishbone", "main").data["categories"][:2] == [
        "People",
        "Methods",
    ]
    again = FishboneWidget(context)
    assert again.category_boxes[4].value == "Supplies and laundry"


def test_adding_and_removing_categories(context) -> None:  # type: ignore[no-untyped-def]
    tool = FishboneWidget(context)
    tool.add_category_button.click()
    assert tool.new_category_message.message == words.EMPTY_CATEGORY_NAME
    tool.new_category_name.value = "Night shift"
    tool.add_category_button.click()
    assert context.store.get(TEAM, "fishbone", "main").data["categories"][-1] == "Night shift"
    assert len(tool.category_boxes) == 7
    cause_id = add(tool, "Night shift", "Nobody on the desk")
    tool.remove_category_buttons[6].click()
    assert tool.category_messages[6].message == words.CATEGORY_NOT_EMPTY
    tool.rows[cause_id].delete.click()
    tool.remove_category_buttons[6].click()
    assert "Night shift" not in context.store.get(TEAM, "fishbone", "main").data["categories"]
    assert len(tool.category_boxes) == 6


def test_a_cause_deleted_elsewhere_is_not_brought_back_by_an_edit(context) -> None:  # type: ignore[no-untyped-def]
    tool = FishboneWidget(context)
    cause_id = add(tool, "People", "Gone soon")
    context.delete("cause", cause_id)  # someone else, on another computer
    tool.rows[cause_id].text.value = "Edited on a stale page"
    assert context.store.get(TEAM, "cause", cause_id) is None
    assert "deleted" in tool.status.widget.value
    assert cause_id not in tool.rows


def test_participant_text_is_escaped_everywhere(context) -> None:  # type: ignore[no-untyped-def]
    tool = FishboneWidget(ToolContext(context.store, TEAM, NASTY))
    tool.effect.value = NASTY
    cause_id = add(tool, "People", NASTY)
    tool.rows[cause_id].vote.value = True
    tool.category_boxes[0].value = NASTY + " people"
    for value in (tool.diagram.value, tool.pareto.value, tool.rows[cause_id].heading.value):
        assert "<script>" not in value and "<b>x</b>" not in value
        assert "&lt;script&gt;" in value
    svg_of(tool.diagram.value)
    svg_of(tool.pareto.value)
    page = render_static(load_project(context.store, TEAM))
    assert "<script>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page
    assert "<script>" not in "".join(h.value for h in tool._bone_headings.values())


def test_help_shows_the_worked_example(context) -> None:  # type: ignore[no-untyped-def]
    tool = FishboneWidget(context)
    example = tool.help.children[2].value
    assert "Chlorine tablets run out on Fridays" in example
    assert [tool.help.get_title(i) for i in range(3)] == [
        "What is this?",
        "How to do it",
        "See an example",
    ]


def test_every_control_has_a_visible_label(context) -> None:  # type: ignore[no-untyped-def]
    tool = FishboneWidget(context)
    cause_id = add(tool, "People", "A cause")
    row = tool.rows[cause_id]
    for control in (
        tool.effect,
        tool.new_category,
        tool.new_parent,
        tool.new_text,
        tool.add_button,
        tool.pareto_by,
        row.text,
        row.vote,
        row.tally,
        row.category,
        row.parent,
        row.delete,
        *tool.category_boxes,
    ):
        assert control.description.strip()
