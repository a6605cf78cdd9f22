"""Does the reflection form save each person's answers as their own, and show them again?"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from qikit.core.model import MAX_LONG_TEXT, Member, Reflection, Team
from qikit.store import open_store
from qikit.store.records import load_project, save_record
from qikit.widgets.base import ToolContext
from qikit.widgets.reflection import ReflectionWidget

TEAM = "ward-3"


def _team(*names: str) -> Team:
    return Team(name="Ward 3 porters", slug=TEAM, members=tuple(Member(n, "Porter") for n in names))


@pytest.fixture
def context(tmp_path: Path) -> Iterator[ToolContext]:
    with open_store(tmp_path / "cohort.db") as store:
        save_record(store, TEAM, _team("Ana Silva", "Mark Hughes"), author="setup")
        yield ToolContext(store, TEAM, "Someone")


def test_the_questions_stay_closed_until_a_name_is_chosen(context: ToolContext) -> None:
    tool = ReflectionWidget(context)
    assert tool.member is None
    assert tool.questions.layout.display == "none"
    assert "Choose your name" in tool.note.value
    assert [label for label, _ in tool.who.options] == [
        "Choose your name",
        "Ana Silva",
        "Mark Hughes",
    ]


def test_each_answer_is_saved_under_the_chosen_persons_slug(context: ToolContext) -> None:
    tool = ReflectionWidget(context)
    tool.choose("Mark Hughes")
    assert tool.questions.layout.display == ""
    tool.boxes["learned"].value = "Small tests show quickly\nwhether an idea works."
    tool.boxes["next"].value = "Test one change a month."
    stored = context.store.get(TEAM, "reflection", "mark-hughes")
    assert stored is not None
    assert stored.data["member"] == "Mark Hughes"
    assert stored.data["learned"] == "Small tests show quickly\nwhether an idea works."
    assert stored.data["at"]
    assert tool.status.widget.value.startswith("Saved ")
    assert context.store.get(TEAM, "reflection", "ana-silva") is None


def test_reopening_shows_each_persons_own_answers(context: ToolContext) -> None:
    first = ReflectionWidget(context)
    first.choose("Ana Silva")
    first.boxes["role"].value = "I timed the jobs on the early shift."
    first.choose("Mark Hughes")
    assert first.boxes["role"].value == ""
    again = ReflectionWidget(context)
    again.choose("Ana Silva")
    assert again.boxes["role"].value == "I timed the jobs on the early shift."


def test_the_name_typed_for_the_page_is_chosen_when_it_is_a_team_members(
    context: ToolContext,
) -> None:
    context.author = "ana  silva"
    tool = ReflectionWidget(context)
    assert tool.member == "Ana Silva"
    assert "You are writing as Ana Silva." in tool.note.value


def test_a_team_with_no_names_says_who_can_add_them(tmp_path: Path) -> None:
    with open_store(tmp_path / "cohort.db") as store:
        tool = ReflectionWidget(ToolContext(store, TEAM, "Ann"))
    assert tool.who.disabled
    assert "Ask your mentor to add them" in tool.note.value


def test_two_names_with_one_slug_get_two_reflections(tmp_path: Path) -> None:
    with open_store(tmp_path / "cohort.db") as store:
        save_record(store, TEAM, _team("Amy-Jo Lee", "Amy Jo Lee"), author="setup")
        tool = ReflectionWidget(ToolContext(store, TEAM, "Ann"))
        tool.choose("Amy-Jo Lee")
        tool.boxes["role"].value = "First"
        tool.choose("Amy Jo Lee")
        tool.boxes["role"].value = "Second"
        project = load_project(store, TEAM)
    assert {r.record_id: r.member for r in project.reflections} == {
        "amy-jo-lee": "Amy-Jo Lee",
        "amy-jo-lee-2": "Amy Jo Lee",
    }


def test_a_too_long_answer_is_refused_beside_its_box_and_kept_on_screen(
    context: ToolContext,
) -> None:
    tool = ReflectionWidget(context)
    tool.choose("Ana Silva")
    tool.boxes["skills"].value = "Run charts"
    tool.boxes["skills"].value = "x" * (MAX_LONG_TEXT + 1)
    assert "10,000" in tool.messages["skills"].message
    assert tool.boxes["skills"].value == "x" * (MAX_LONG_TEXT + 1)
    assert context.store.get(TEAM, "reflection", "ana-silva").data["skills"] == "Run charts"  # type: ignore[union-attr]


def test_a_script_in_a_name_is_shown_as_text(tmp_path: Path) -> None:
    with open_store(tmp_path / "cohort.db") as store:
        save_record(store, TEAM, _team("<script>alert(1)</script> & Co"), author="setup")
        tool = ReflectionWidget(ToolContext(store, TEAM, "Ann"))
        tool.choose("<script>alert(1)</script> & Co")
    assert "<script>" not in tool.note.value
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co" in tool.note.value


def test_a_reflection_keeps_its_writer_when_the_list_is_reordered(tmp_path: Path) -> None:
    with open_store(tmp_path / "cohort.db") as store:
        save_record(store, TEAM, _team("Amy-Jo Lee", "Amy Jo Lee"), author="setup")
        save_record(
            store,
            TEAM,
            Reflection(record_id="amy-jo-lee-2", member="Amy Jo Lee", role="Mine"),
            author="setup",
        )
        save_record(store, TEAM, _team("Amy Jo Lee", "Amy-Jo Lee"), author="setup")
        tool = ReflectionWidget(ToolContext(store, TEAM, "Ann"))
        tool.choose("Amy Jo Lee")
        assert tool.boxes["role"].value == "Mine"
        tool.choose("Amy-Jo Lee")
        tool.boxes["role"].value = "Also mine"
        assert store.get(TEAM, "reflection", "amy-jo-lee").data["member"] == "Amy-Jo Lee"  # type: ignore[union-attr]
