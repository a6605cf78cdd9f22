"""Room sessions, the pure part: codes, questions and the check of each answer from a phone."""

from __future__ import annotations

import pytest

from qikit.core.room import (
    CODE_ALPHABET,
    AnswerKind,
    RoomQuestion,
    is_session_code,
    make_session_code,
    parse_answer,
    same_idea_key,
)
from qikit.errors import DataError

MINUTES = RoomQuestion(AnswerKind.NUMBER, "How many minutes?", unit="minutes", low=0, high=600)
IDEA = RoomQuestion("idea", "What makes the porter late?", one_each=False)


def test_codes_use_only_symbols_that_cannot_be_misread() -> None:
    """Are made codes 5 symbols long, never 0, O, 1, I or L, and recognised as codes?"""
    codes = {make_session_code() for _ in range(300)}
    assert len(codes) > 290  # random: collisions among 300 of 28 million are very rare
    for code in codes:
        assert len(code) == 5 and is_session_code(code)
        assert not set(code) & set("0O1IL")
    assert not set("0O1IL") & set(CODE_ALPHABET)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("K7W2Q", True),
        ("k7w2q", True),  # small letters work
        (" K7W-2Q ", True),  # spaces and a dash are ignored
        ("K7W2", False),  # too short
        ("K7W2QQ", False),  # too long
        ("K7W0Q", False),  # 0 is not in the alphabet
        ("", False),
    ],
)
def test_is_session_code(text: str, expected: bool) -> None:
    """Is a typed code recognised with capitals or small letters, and a wrong one refused?"""
    assert is_session_code(text) is expected


@pytest.mark.parametrize(
    ("text", "value"),
    [("12", 12.0), ("4.5", 4.5), (" 7 ", 7.0), ("1,200", None), ("12 minutes", 12.0), ("0", 0.0)],
)
def test_numbers_are_read_as_people_type_them(text: str, value: float | None) -> None:
    """Is "12", "4.5", "12 minutes" a number, and 1,200 refused here because it is over 600?"""
    if value is None:
        with pytest.raises(DataError, match="more than 600 minutes"):
            parse_answer(MINUTES, text)
    else:
        assert parse_answer(MINUTES, text) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("twelve", "Type a number, like 12 or 4.5."),
        ("nan", "Type a number, like 12 or 4.5."),
        ("inf", "Type a number, like 12 or 4.5."),
        ("601", "That is more than 600 minutes — check it and send it again."),
        ("-1", "That is less than 0 minutes — check it and send it again."),
        ("   ", "Type your answer first, then press Send."),
    ],
)
def test_wrong_numbers_get_a_plain_message(text: str, message: str) -> None:
    """Is text in a number box, or an absurd value, refused with the exact plain message?"""
    with pytest.raises(DataError) as caught:
        parse_answer(MINUTES, text)
    assert str(caught.value) == message


def test_exactly_at_the_limits_is_allowed() -> None:
    """Are 0 and 600 (exactly at the limits) accepted?"""
    assert parse_answer(MINUTES, "600") == 600.0
    assert parse_answer(MINUTES, "0") == 0.0


def test_ideas_are_tidied_and_limited() -> None:
    """Is an idea kept with its spaces tidied, and a very long one refused?"""
    assert parse_answer(IDEA, "  Lifts   out of order ") == "Lifts out of order"
    with pytest.raises(DataError, match="200 letters or fewer"):
        parse_answer(IDEA, "x" * 201)
    assert same_idea_key("Lifts  OUT of order") == same_idea_key("lifts out of order ")


def test_questions_check_themselves() -> None:
    """Are a bad kind, an empty prompt and low above high refused; does JSON round-trip?"""
    with pytest.raises(DataError):
        RoomQuestion("colour", "Pick one")  # type: ignore[arg-type]
    with pytest.raises(DataError):
        RoomQuestion(AnswerKind.IDEA, "  ")
    with pytest.raises(DataError):
        RoomQuestion(AnswerKind.NUMBER, "How many?", low=10, high=5)
    assert RoomQuestion.from_json(MINUTES.to_json()) == MINUTES
    assert RoomQuestion.from_json(IDEA.to_json()) == IDEA
