"""The anonymous participant code: three memorable answers, never a name, the same each time."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qikit.core.model import SurveyResponse, SurveyStage
from qikit.core.survey import code_day, code_letters, code_month, code_street, participant_code
from qikit.core.wording import survey as words
from qikit.errors import DataError


@pytest.mark.parametrize(
    ("month", "day", "street", "code"),
    [
        ("March", "14", "Eton Road", "MA14ET"),
        ("march", "4", "elm", "MA04EL"),
        ("  Mar ", " 04 ", "12 Elm Road", "MA04EL"),  # spaces, digits before the street
        ("MÄRZ", "4th", "Élm Rd.", "MA04EL"),  # accents, "th", dots
        ("3", "4", "Elm", "MA04EL"),  # the month as a number
        ("12", "31", "St John's", "DE31ST"),
        ("1", "1", "Oak", "JA01OA"),
        ("Ju", "01", "ab", "JU01AB"),  # exactly two letters is enough
    ],
)
def test_the_code_is_the_same_however_it_is_typed(
    month: str, day: str, street: str, code: str
) -> None:
    assert participant_code(month, day, street) == code


@pytest.mark.parametrize(
    ("month", "day", "street", "field", "advice"),
    [
        ("M", "4", "Elm", "month", words.CODE_MONTH_BAD),
        ("", "4", "Elm", "month", words.CODE_MONTH_BAD),
        ("13", "4", "Elm", "month", words.CODE_MONTH_BAD),  # no 13th month, and no letters
        ("March", "0", "Elm", "day", words.CODE_DAY_BAD),
        ("March", "32", "Elm", "day", words.CODE_DAY_BAD),
        ("March", "104", "Elm", "day", words.CODE_DAY_BAD),
        ("March", "fourth", "Elm", "day", words.CODE_DAY_BAD),
        ("March", "4", "9", "street", words.CODE_STREET_BAD),
        ("March", "4", "E", "street", words.CODE_STREET_BAD),
    ],
)
def test_an_answer_that_cannot_be_used_is_named_with_what_to_type(
    month: str, day: str, street: str, field: str, advice: str
) -> None:
    with pytest.raises(DataError) as caught:
        participant_code(month, day, street)
    assert caught.value.field == field
    assert caught.value.what_to_do == advice


def test_the_parts_are_checked_one_by_one() -> None:
    assert code_month("may") == "MA"
    assert code_day("9") == "09"
    assert code_street("ø-Oak") == "OA"  # letters with no A-Z form are dropped
    assert code_street("ßtraße") == "SS"  # as capitals: ß is SS
    assert code_letters(None) == ""


@given(
    month=st.text(min_size=2, max_size=15),
    day=st.integers(min_value=1, max_value=31),
    street=st.text(min_size=2, max_size=30),
)
def test_every_code_made_is_one_a_survey_sheet_accepts(month: str, day: int, street: str) -> None:
    """Is any code the recipe makes a valid participant code (4-12 capitals or digits)?"""
    try:
        code = participant_code(month, str(day), street)
    except DataError:
        return  # not enough letters in the typed text: refused with a message, never a bad code
    assert len(code) == 6
    SurveyResponse(
        record_id=f"{code}-pre",
        participant_code=code,
        stage=SurveyStage.PRE,
        at="2027-01-11T09:00:00+00:00",
    )
