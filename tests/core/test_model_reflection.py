"""Is a reflection one person's own record, with an id made from their name and kept?"""

from __future__ import annotations

import pytest

from qikit.core.model import (
    MAX_LONG_TEXT,
    FieldError,
    Member,
    Project,
    Reflection,
    Team,
    record_from_data,
)

AT = "2026-06-01T10:00:00+00:00"


def _project(names: tuple[str, ...], *reflections: Reflection) -> Project:
    team = Team(name="Porters", slug="porters", members=tuple(Member(n) for n in names))
    return Project.of([team, *reflections])


def test_a_reflection_needs_the_name_of_its_writer() -> None:
    with pytest.raises(FieldError) as caught:
        Reflection(record_id="ana", member="  ")
    assert caught.value.key == "member"
    assert "Your name cannot be empty" in str(caught.value)


@pytest.mark.parametrize(
    ("arguments", "key", "words"),
    [
        ({"learned": "x" * (MAX_LONG_TEXT + 1)}, "learned", "10,000"),
        ({"next": 3}, "next", "some text"),
        ({"at": "yesterday"}, "at", "a date and time"),
    ],
)
def test_a_bad_answer_is_refused_naming_its_question(
    arguments: dict[str, object], key: str, words: str
) -> None:
    with pytest.raises(FieldError) as caught:
        Reflection(record_id="ana", member="Ana", **arguments)  # type: ignore[arg-type]
    assert caught.value.key == key
    assert words in str(caught.value)


def test_a_stored_reflection_reads_back_the_same_and_says_what_is_unanswered() -> None:
    mine = Reflection(record_id="ana-silva", member="Ana Silva", role="Timed jobs", at=AT)
    again = record_from_data("reflection", "ana-silva", mine.to_data())
    assert again == mine
    assert mine.answered() == ("role",)
    assert mine.unanswered() == ("learned", "skills", "differently", "next")


def test_each_member_gets_the_slug_of_their_name() -> None:
    project = _project(("Ana Silva", "Zoë O'Neil", "J"))
    assert project.reflection_ids() == {
        "Ana Silva": "ana-silva",
        "Zoë O'Neil": "zoe-o-neil",
        "J": "team-j",
    }


def test_two_names_with_one_slug_are_told_apart_in_the_teams_order() -> None:
    project = _project(("Amy-Jo Lee", "Amy Jo Lee", "amy jo-lee!"))
    assert list(project.reflection_ids().values()) == ["amy-jo-lee", "amy-jo-lee-2", "amy-jo-lee-3"]


def test_a_saved_reflection_keeps_its_id_whatever_the_order() -> None:
    saved = Reflection(record_id="amy-jo-lee-2", member="Amy Jo Lee")
    project = _project(("Amy Jo Lee", "Amy-Jo Lee"), saved)
    assert project.reflection_ids() == {"Amy Jo Lee": "amy-jo-lee-2", "Amy-Jo Lee": "amy-jo-lee"}


def test_an_id_taken_by_someone_who_left_is_not_given_to_a_newcomer() -> None:
    gone = Reflection(record_id="ana-silva", member="Ana  SILVA (left)")
    project = _project(("Ana Silva",), gone)
    assert project.reflection_ids() == {"Ana Silva": "ana-silva-2"}


def test_a_reflection_is_found_by_its_writers_name_ignoring_case_and_spaces() -> None:
    saved = Reflection(record_id="ana-silva", member="Ana Silva", role="Timed jobs")
    project = _project(("Ana Silva",), saved)
    assert project.reflection_of("ana  silva") == saved
    assert project.reflection_of("Mark Hughes") is None
