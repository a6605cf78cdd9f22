"""Does a team's history read as plain sentences, newest first, with the right things to put back?

Entries are made by hand (the store's HistoryEntry has the same attributes): the pure layer
needs no store, and each case says exactly what happened.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pytest

from qikit.core.history import describe_history
from qikit.core.wording.history import when_words

TODAY = dt.date(2026, 12, 3)
AT = "2026-12-03T10:32:05.123456+00:00"


@dataclass(frozen=True)
class Entry:
    kind: str
    record_id: str
    version: int
    action: str
    changed: tuple[str, ...] = ()
    data: dict[str, Any] | None = field(default=None)
    at: str = AT
    author: str = "Amina"


def lines(*entries: Entry) -> list[str]:
    return [c.text for c in describe_history(entries, today=TODAY, tz=dt.UTC).changes]


def test_is_the_time_said_as_a_person_says_it_with_the_year_only_when_another() -> None:
    moment = dt.datetime(2026, 12, 3, 10, 32, tzinfo=dt.UTC)
    assert when_words(moment, TODAY) == "Thu 3 Dec, 10:32"
    assert when_words(moment.replace(year=2025), TODAY) == "Wed 3 Dec 2025, 10:32"


def test_is_the_time_shown_in_the_time_zone_asked() -> None:
    summer = "2026-07-01T09:05:00+00:00"
    change = describe_history(
        [Entry("charter", "main", 1, "create", ("aim_what",), {"aim_what": "x"}, at=summer)],
        today=TODAY,
        tz=dt.timezone(dt.timedelta(hours=1)),
    ).changes[0]
    assert change.when == "Wed 1 Jul, 10:05"


def test_do_creates_changes_and_emptied_fields_read_as_sentences_newest_first() -> None:
    assert lines(
        Entry("charter", "main", 1, "create", ("aim_what",), {"aim_what": "fewer waits"}),
        Entry(
            "charter",
            "main",
            2,
            "update",
            ("aim_by_when", "aim_what"),  # the store lists fields alphabetically
            {"aim_what": "shorter waits", "aim_by_when": "June"},
        ),
        Entry(
            "charter",
            "main",
            3,
            "update",
            ("aim_by_when", "aim_how_much", "problem"),
            {"aim_what": "x", "aim_by_when": "", "aim_how_much": "by half", "problem": "p"},
            author="Sam",
        ),
        Entry("charter", "main", 4, "update", ("aim_by_when",), {"aim_by_when": None}),
    ) == [
        "Amina emptied “By when” in the charter — Thu 3 Dec, 10:32",
        "Sam changed “The problem” and “By how much” and emptied “By when” in the charter — "
        "Thu 3 Dec, 10:32",
        "Amina changed “What will improve” and “By when” in the charter — Thu 3 Dec, 10:32",
        "Amina started the charter — Thu 3 Dec, 10:32",
    ]


def test_do_three_fields_read_as_a_list() -> None:
    changed = ("aim_by_when", "aim_for_whom", "aim_what")
    data = {"aim_what": "a", "aim_by_when": "b", "aim_for_whom": "c"}
    assert lines(Entry("charter", "main", 2, "update", changed, data))[0].startswith(
        "Amina changed “What will improve”, “By when” and “For whom” in the charter"
    )


def test_are_added_removed_and_put_back_records_named_by_their_words() -> None:
    text = {"text": "collect the bed", "position": 1.0, "step_type": "task"}
    assert lines(
        Entry("step", "s1", 1, "create", ("position", "step_type", "text"), text, author="Sam"),
        Entry("step", "s1", 2, "update", ("position",), {**text, "position": 2.0}),
        Entry("step", "s1", 3, "delete", author="Sam"),
        Entry("step", "s1", 4, "restore", ("position", "step_type", "text"), text),
    ) == [
        "Amina put back the step “collect the bed”, which had been removed — Thu 3 Dec, 10:32",
        "Sam removed the step “collect the bed” — Thu 3 Dec, 10:32",
        "Amina moved the step “collect the bed” — Thu 3 Dec, 10:32",
        "Sam added the step “collect the bed” — Thu 3 Dec, 10:32",
    ]


def test_is_free_text_returned_as_it_was_typed_for_the_renderer_to_escape() -> None:
    entry = Entry("cause", "c1", 1, "create", ("text",), {"text": "lifts <b>out</b> & “x”"})
    assert lines(entry) == ["Amina added the cause “lifts <b>out</b> & “x”” — Thu 3 Dec, 10:32"]


def test_are_long_and_missing_words_cut_or_replaced_and_a_blank_author_is_someone() -> None:
    long = "lift " * 40
    assert (
        lines(
            Entry("cause", "c1", 1, "create", ("text",), {"text": long}, author="  "),
            Entry("cause", "c2", 1, "create", ("category",), {"category": "People"}),
            Entry("cause", "c3", 1, "delete"),  # its earlier versions are not in the list
            Entry("pdsa", "p1", 1, "create", ("title",), {"title": "Trial\n a  rota"}),
        )
        == [
            "Amina added the PDSA cycle “Trial a rota” — Thu 3 Dec, 10:32",
            "Amina removed a cause — Thu 3 Dec, 10:32",
            "Amina added a cause — Thu 3 Dec, 10:32",
            f"Someone added the cause “{' '.join(long.split())[:59]}…” — Thu 3 Dec, 10:32",
        ]
    )


def test_is_a_field_of_an_unknown_kind_said_in_its_own_words() -> None:
    assert lines(Entry("progress_score", "main", 2, "update", ("score_note",), {"score_note": 1}))[
        0
    ].startswith("Amina changed “score note” in the progress score")


def test_does_every_earlier_version_offer_itself_back_but_not_the_one_in_use_now() -> None:
    history = describe_history(
        [
            Entry("charter", "main", 1, "create", ("aim_what",), {"aim_what": "first"}),
            Entry("charter", "main", 2, "update", ("aim_what",), {"aim_what": "second"}),
            Entry("charter", "main", 3, "restore", ("aim_what",), {"aim_what": "first"}),
        ],
        today=TODAY,
        tz=dt.UTC,
    )
    assert [c.restore_version for c in history.changes] == [None, 2, 1]
    assert history.changes[1].restore_data == {"aim_what": "second"}
    assert history.changes[2].restore_name == (
        "Put this version back: the charter as it was on Thu 3 Dec, 10:32"
    )
    assert history.changes[0].restore_name == ""
    assert history.removed == ()


def test_can_a_removed_record_be_put_back_from_its_removal_and_from_the_removed_list() -> None:
    history = describe_history(
        [
            Entry("cause", "c1", 1, "create", ("text",), {"text": "lifts"}),
            Entry("cause", "c1", 2, "update", ("text",), {"text": "lifts out of order"}),
            Entry("cause", "c1", 3, "delete", author="Sam"),
            Entry("cause", "c2", 1, "create", ("text",), {"text": "bed"}),
            Entry("cause", "c2", 2, "delete"),
            Entry("cause", "c2", 3, "restore", ("text",), {"text": "bed"}),  # back already
        ],
        today=TODAY,
        tz=dt.UTC,
    )
    removal = history.changes[3]
    assert removal.sentence == "Sam removed the cause “lifts out of order”"
    assert (
        history.changes[4].sentence == "Amina changed the words of the cause “lifts out of order”"
    )
    assert (removal.restore_version, removal.restore_data) == (2, {"text": "lifts out of order"})
    assert removal.restore_name == "Put it back: the cause “lifts out of order”"
    assert history.removed == (removal,)
    assert history.changes[1].restore_version is None  # c2's removal: it is back already
    assert history.changes[5].restore_version == 1  # an older version of a removed cause


@pytest.mark.parametrize("at", ["yesterday", "2026-12-03 10:32"])
def test_is_a_time_that_is_not_one_the_store_writes_shown_rather_than_lost(at: str) -> None:
    change = describe_history(
        [Entry("charter", "main", 1, "create", ("scope",), {"scope": "x"}, at=at)],
        today=TODAY,
        tz=dt.UTC,
    ).changes[0]
    assert change.when == ("yesterday" if at == "yesterday" else "Thu 3 Dec, 10:32")


def test_is_an_empty_history_empty() -> None:
    assert describe_history([], today=TODAY).changes == ()


def test_is_a_data_point_named_by_its_date_in_words() -> None:
    point = {"measure_id": "m1", "date": "2027-01-04", "value": 41}
    assert lines(Entry("point", "p1", 2, "update", ("value",), point))[0].startswith(
        "Amina changed “Value” in the data point “4 January 2027”"
    )
