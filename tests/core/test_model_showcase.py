"""Do the showcase captions keep the team's words, refuse what cannot be saved, sit in a project?"""

from __future__ import annotations

import pytest

from qikit.core.model import (
    MAX_LONG_TEXT,
    MAX_SHORT_TEXT,
    FieldError,
    Project,
    RecordKind,
    ShowcaseCaptions,
    record_from_data,
)


def test_empty_captions_mean_use_the_records() -> None:
    captions = ShowcaseCaptions()
    assert captions.record_id == "main"
    assert all(captions.caption(key) == "" for key in ShowcaseCaptions.PARTS)


def test_a_caption_of_only_spaces_counts_as_empty_but_is_kept_as_typed() -> None:
    captions = ShowcaseCaptions(learned="   \n ")
    assert captions.caption("learned") == ""
    assert captions.learned == "   \n "


def test_captions_round_trip_through_stored_data_exactly() -> None:
    captions = ShowcaseCaptions(
        headline='<script>alert(1)</script> & "quotes"',
        tried="We tried a tablet.\nThen a radio.",
        next_steps="Roll it out 🎉",
    )
    again = record_from_data(RecordKind.SHOWCASE, "main", captions.to_data())
    assert again == captions
    assert captions.caption("headline") == '<script>alert(1)</script> & "quotes"'


def test_a_headline_longer_than_a_short_text_is_refused_with_its_label() -> None:
    with pytest.raises(FieldError) as caught:
        ShowcaseCaptions(headline="x" * (MAX_SHORT_TEXT + 1))
    assert caught.value.key == "headline"
    assert "Headline" in str(caught.value)


def test_a_long_caption_up_to_the_long_text_limit_is_kept_and_one_more_is_refused() -> None:
    assert ShowcaseCaptions(learned="x" * MAX_LONG_TEXT).learned == "x" * MAX_LONG_TEXT
    with pytest.raises(FieldError) as caught:
        ShowcaseCaptions(learned="x" * (MAX_LONG_TEXT + 1))
    assert caught.value.key == "learned"


def test_a_caption_that_is_not_text_is_refused() -> None:
    with pytest.raises(FieldError) as caught:
        ShowcaseCaptions(tried=3)  # type: ignore[arg-type]
    assert caught.value.key == "tried"


def test_the_captions_are_one_per_team() -> None:
    with pytest.raises(FieldError):
        ShowcaseCaptions(record_id="second")


def test_a_project_carries_its_captions_and_gives_them_back_as_records() -> None:
    captions = ShowcaseCaptions(headline="Faster porters")
    project = Project.of([captions])
    assert project.showcase == captions
    assert list(project.all_records()) == [captions]
    assert Project().showcase is None
