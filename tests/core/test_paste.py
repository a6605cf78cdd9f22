"""Are columns pasted from Excel or Sheets read the way a UK participant means them?"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qikit.core.paste import (
    MAX_LINES,
    PastedPoint,
    looks_like_date,
    parse_date,
    parse_number,
    parse_pasted_points,
)

D = dt.date
MONDAY = D(2025, 1, 6)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("06/01/2025", D(2025, 1, 6)),  # UK: day first
        ("6/1/2025", D(2025, 1, 6)),
        ("06-01-2025", D(2025, 1, 6)),
        ("06.01.2025", D(2025, 1, 6)),
        ("06/01/25", D(2025, 1, 6)),
        ("2025-01-06", D(2025, 1, 6)),  # ISO
        ("2025/01/06", D(2025, 1, 6)),
        ("2025-01-06 00:00:00", D(2025, 1, 6)),  # what Sheets and pandas add
        ("06/01/2025 00:00", D(2025, 1, 6)),
        ("6 Jan 2025", D(2025, 1, 6)),
        ("6 January 2025", D(2025, 1, 6)),
        ("06-Jan-25", D(2025, 1, 6)),
        ("Mon 6 Jan 2025", D(2025, 1, 6)),
        ("6th Jan 2025", D(2025, 1, 6)),
        ("  06/01/2025  ", D(2025, 1, 6)),
        ('"06/01/2025"', D(2025, 1, 6)),
        ("29/02/2024", D(2024, 2, 29)),  # a leap day
        ("31/02/2025", None),  # looks like a date but does not exist
        ("01/13/2025", None),  # American month first: month 13 does not exist
        ("29/02/2025", None),
        ("6 Foo 2025", None),
        ("12", None),
        ("", None),
        ("Week 1", None),
    ],
)
def test_dates_are_read_day_first_or_iso(cell: str, expected: dt.date | None) -> None:
    assert parse_date(cell) == expected


@pytest.mark.parametrize(
    ("cell", "looks"),
    [("31/02/2025", True), ("01/13/2025", True), ("6 Jan 2025", True), ("12", False), ("", False)],
)
def test_a_date_that_does_not_exist_still_looks_like_a_date(cell: str, looks: bool) -> None:
    assert looks_like_date(cell) is looks


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("12", 12.0),
        ("4.5", 4.5),
        (".5", 0.5),
        ("-3", -3.0),
        ("+3", 3.0),
        ("\u22123", -3.0),  # a real minus sign
        ("1,234", 1234.0),  # thousands
        ("1,234,567.5", 1234567.5),
        ("85%", 85.0),
        (" 85 % ", 85.0),
        ('"14"', 14.0),
        ("4,5", None),  # a decimal comma is not read as 45 or 4.5
        ("1,23", None),
        ("nan", None),
        ("inf", None),
        ("1e3", None),
        ("abc", None),
        ("", None),
        ("12 minutes", None),
    ],
)
def test_numbers_use_a_decimal_point(cell: str, expected: float | None) -> None:
    assert parse_number(cell) == expected


def test_nothing_pasted_gives_nothing() -> None:
    result = parse_pasted_points("", False)
    assert result.points == () and result.problems == () and result.header is None
    assert parse_pasted_points("\n  \n\t\n", True).points == ()


@pytest.mark.parametrize("separator", ["\t", ",", ";", " "])
def test_date_and_number_columns_with_any_separator(separator: str) -> None:
    text = f"06/01/2025{separator}14\n13/01/2025{separator}12.5\n"
    result = parse_pasted_points(text, False)
    assert result.problems == ()
    assert result.points == (
        PastedPoint(1, D(2025, 1, 6), value=14.0),
        PastedPoint(2, D(2025, 1, 13), value=12.5),
    )


def test_excel_line_endings_trailing_tabs_and_blank_lines_are_ignored() -> None:
    text = "\ufeff06/01/2025\t14\t\r\n\r\n13/01/2025\t12\t\r\n\r\n"
    result = parse_pasted_points(text, False)
    assert [(p.line, p.date, p.value) for p in result.points] == [
        (1, D(2025, 1, 6), 14.0),
        (3, D(2025, 1, 13), 12.0),
    ]
    assert result.problems == ()


def test_a_single_column_of_numbers_gets_weekly_dates_from_the_first_date() -> None:
    result = parse_pasted_points("14\n12\n\n15", False, first_date=MONDAY)
    assert [(p.date, p.value) for p in result.points] == [
        (D(2025, 1, 6), 14.0),
        (D(2025, 1, 13), 12.0),
        (D(2025, 1, 20), 15.0),
    ]


def test_a_line_that_cannot_be_read_keeps_the_dates_of_the_others() -> None:
    """Fixing the bad line later must not move the weeks of the lines around it."""
    result = parse_pasted_points("14\nabc\n15", False, first_date=MONDAY)
    assert [(p.line, p.date) for p in result.points] == [(1, MONDAY), (3, D(2025, 1, 20))]
    assert [p.line for p in result.problems] == [2]


def test_numbers_without_dates_need_a_first_date() -> None:
    result = parse_pasted_points("14\n12", False)
    assert result.points == ()
    assert [p.line for p in result.problems] == [1, 2]
    assert "no date" in result.problems[0].message
    assert "choose the date of the first number" in result.problems[0].message


def test_percentage_measures_read_how_many_out_of_how_many() -> None:
    text = "06/01/2025\t17\t20\n13/01/2025\t18\t21"
    result = parse_pasted_points(text, True)
    assert result.problems == ()
    assert result.points == (
        PastedPoint(1, D(2025, 1, 6), numerator=17, denominator=20),
        PastedPoint(2, D(2025, 1, 13), numerator=18, denominator=21),
    )
    assert result.points[0].y == pytest.approx(0.85)


def test_percentage_columns_without_dates_use_the_first_date() -> None:
    result = parse_pasted_points("17\t20\n18\t20", True, first_date=MONDAY)
    assert [(p.date, p.numerator, p.denominator) for p in result.points] == [
        (MONDAY, 17, 20),
        (D(2025, 1, 13), 18, 20),
    ]


def test_a_heading_line_above_the_data_is_skipped() -> None:
    result = parse_pasted_points("Week\tBeds ready\n06/01/2025\t14", False)
    assert result.header == "Week\tBeds ready"
    assert [p.line for p in result.points] == [2]
    assert result.problems == ()


def test_a_lone_word_is_reported_not_taken_for_a_heading() -> None:
    result = parse_pasted_points("bad", False, first_date=MONDAY)
    assert result.header is None
    assert [p.line for p in result.problems] == [1]


@pytest.mark.parametrize(
    ("text", "fraction", "words"),
    [
        ("31/02/2025\t5", False, ["Line 1", "not a real date", "day/month/year"]),
        ("01/13/2025\t5", False, ["Line 1", "not a real date", "day/month/year"]),
        ("06/01/2025\tabc", False, ["Line 1", "“abc” is not a number"]),
        ("06/01/2025\t4,5", False, ["Line 1", "decimal point, not a comma"]),
        ("06/01/2025", False, ["Line 1", "no number"]),
        ("06/01/2025\t\t", False, ["Line 1", "no number"]),
        ("Week 1\t12", False, ["Line 1", "“Week 1” is not a date"]),
        ("06/01/2025\t1\t2", False, ["Line 1", "too many columns"]),
        ("06/01/2025\t17", True, ["Line 1", "needs two numbers"]),
        ("06/01/2025\t21\t20", True, ["Line 1", "cannot be bigger than the second"]),
        ("06/01/2025\t1.5\t20", True, ["Line 1", "whole numbers"]),
        ("06/01/2025\t5\t0", True, ["Line 1", "is 0"]),
        ("06/01/2025\t1\t2\t3", True, ["Line 1", "too many columns"]),
        ("06/01/2025\t2.5", False, []),  # fine for a measurement
    ],
)
def test_each_line_that_cannot_be_read_says_which_and_what_to_do(
    text: str, fraction: bool, words: list[str]
) -> None:
    result = parse_pasted_points(text, fraction)
    if not words:
        assert result.problems == () and len(result.points) == 1
        return
    assert result.points == ()
    (problem,) = result.problems
    assert problem.line == 1
    for word in words:
        assert word in problem.message, problem.message


@pytest.mark.parametrize(("value", "ok"), [("3", True), ("0", True), ("2.5", False), ("-1", False)])
def test_counts_must_be_whole_numbers_of_zero_or_more(value: str, ok: bool) -> None:
    result = parse_pasted_points(f"06/01/2025\t{value}", False, whole_numbers=True)
    assert bool(result.points) is ok
    assert bool(result.problems) is not ok


def test_a_date_given_twice_keeps_the_first_line() -> None:
    result = parse_pasted_points("06/01/2025\t14\n2025-01-06\t99\n13/01/2025\t12", False)
    assert [(p.line, p.value) for p in result.points] == [(1, 14.0), (3, 12.0)]
    (problem,) = result.problems
    assert problem.line == 2
    assert "same date as line 1" in problem.message
    assert "6 January 2025" in problem.message


def test_problems_keep_the_line_text_and_good_lines_are_still_read() -> None:
    text = "06/01/2025\t14\nrubbish here\n20/01/2025\t15"
    result = parse_pasted_points(text, False)
    assert [p.line for p in result.points] == [1, 3]
    assert [(p.line, p.text) for p in result.problems] == [(2, "rubbish here")]
    assert str(result.problems[0]) == result.problems[0].message


def test_a_very_long_paste_stops_with_a_message() -> None:
    text = "\n".join(f"{i}" for i in range(MAX_LINES + 5))
    result = parse_pasted_points(text, False, first_date=MONDAY, step=dt.timedelta(days=1))
    assert len(result.points) == MAX_LINES
    assert result.problems[-1].line == MAX_LINES + 1
    assert "up to" in result.problems[-1].message


@given(
    st.lists(
        st.tuples(
            st.dates(min_value=D(2000, 1, 1), max_value=D(2099, 12, 31)),
            st.integers(min_value=0, max_value=1_000_000),
            st.sampled_from(["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d %b %Y"]),
        ),
        max_size=30,
        unique_by=lambda t: t[0],
    )
)
def test_any_dated_column_pasted_from_a_spreadsheet_reads_back(
    rows: list[tuple[dt.date, int, str]],
) -> None:
    text = "\n".join(f"{day.strftime(fmt)}\t{value}" for day, value, fmt in rows)
    result = parse_pasted_points(text, False)
    assert result.problems == ()
    assert [(p.date, p.value) for p in result.points] == [(d, float(v)) for d, v, _ in rows]


@given(
    st.lists(
        st.tuples(st.integers(0, 500), st.integers(0, 500)).map(lambda t: (min(t), max(t) or 1)),
        max_size=30,
    )
)
def test_any_fraction_columns_read_back_with_weekly_dates(pairs: list[tuple[int, int]]) -> None:
    text = "\n".join(f"{top}\t{bottom}" for top, bottom in pairs)
    result = parse_pasted_points(text, True, first_date=MONDAY)
    assert result.problems == ()
    assert [(p.numerator, p.denominator) for p in result.points] == pairs
    assert [p.date for p in result.points] == [
        MONDAY + dt.timedelta(weeks=i) for i in range(len(pairs))
    ]
