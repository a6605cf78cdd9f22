"""Do the named rule sets find what they should, and only that?"""

from __future__ import annotations

import numpy as np
import pytest

from qikit import DataError, Rule, RuleSet, qic
from qikit.core.spc.ihi_table import ihi_runs_limits
from qikit.core.spc.rules import shifts, trends


def _rules(result) -> list[Rule]:  # type: ignore[no-untyped-def]
    return [s.rule for s in result.signals]


# name, y, length, expected (direction, positions)
TREND_CASES = [
    ("five rising", [1, 2, 3, 4, 5], 5, [("up", [0, 1, 2, 3, 4])]),
    ("four rising is not enough", [1, 2, 3, 4, 3], 5, []),
    ("a repeat neither counts nor breaks", [1, 2, 2, 3, 4, 5], 5, [("up", [0, 1, 2, 3, 4, 5])]),
    ("a repeat does not count", [1, 2, 2, 3, 4], 5, []),
    ("falling", [9, 8, 7, 6, 5, 6], 5, [("down", [0, 1, 2, 3, 4])]),
    (
        "turning point shared",
        [1, 2, 3, 4, 5, 4, 3, 2, 1],
        5,
        [("up", [0, 1, 2, 3, 4]), ("down", [4, 5, 6, 7, 8])],
    ),
    ("missing values are skipped", [1, 2, np.nan, 3, 4, 5], 5, [("up", [0, 1, 3, 4, 5])]),
    ("flat", [3, 3, 3, 3, 3, 3], 5, []),
]


@pytest.mark.parametrize(
    ("name", "y", "length", "expected"), TREND_CASES, ids=[c[0] for c in TREND_CASES]
)
def test_trends(name: str, y: list[float], length: int, expected: list) -> None:
    found = [(d, p.tolist()) for d, p in trends(np.asarray(y, dtype=float), length)]
    assert found == expected


def test_a_shift_with_points_on_the_line_is_worded_truthfully() -> None:
    result = qic([4, 5, 4, 4, 5, 4, 4, 4, 6, 4, 6], method="ihi", cl=5)
    shift = next(s for s in result.signals if s.rule is Rule.SHIFT)
    assert shift.points == (1, 3, 4, 6, 7, 8)
    assert shift.plain.startswith("6 points from point 1 to point 8 are all below")


def test_shift_skips_points_on_the_line() -> None:
    y = np.array([6, 7, 5, 8, 9, 7, 6, 1.0])
    found = shifts(y, np.full(8, 5.0), 6)
    assert [(side, p.tolist()) for side, p in found] == [("above", [0, 1, 3, 4, 5, 6])]
    assert shifts(y, np.full(8, 5.0), 7) == []


def test_ihi_run_table_matches_the_published_rows() -> None:
    published = {
        10: (3, 9),
        11: (3, 10),
        12: (3, 11),
        13: (4, 11),
        14: (4, 12),
        15: (5, 12),
        24: (8, 18),
    }
    for n, limits in published.items():
        assert ihi_runs_limits(n) == limits
    assert ihi_runs_limits(9) is None and ihi_runs_limits(61) is None


def test_ihi_shift_of_six_on_a_run_chart() -> None:
    y = [4, 6, 4, 6, 4, 6, 4, 6, 7, 8, 7, 8, 7, 8]
    result = qic(y, method="ihi", cl=5)
    shift = [s for s in result.signals if s.rule is Rule.SHIFT]
    assert len(shift) == 1
    assert shift[0].points == (8, 9, 10, 11, 12, 13, 14)
    assert shift[0].rule_set is RuleSet.IHI
    assert "last 7 points are all above the middle line" in shift[0].plain
    assert bool(result.data["runs_signal"].iloc[0])


def test_ihi_trend_and_astronomical_point() -> None:
    y = [10, 12, 11, 13, 12, 11, 10, 12, 11, 60, 11, 12, 13, 14, 15, 16]
    result = qic(y, method="ihi")
    rules = _rules(result)
    assert Rule.ASTRONOMICAL in rules
    astro = next(s for s in result.signals if s.rule is Rule.ASTRONOMICAL)
    assert astro.points == (10,)
    trend = next(s for s in result.signals if s.rule is Rule.TREND)
    assert trend.points[-1] == 16 and trend.direction == "up"


def test_ihi_too_many_runs() -> None:
    result = qic([1, 9] * 10, method="ihi")
    assert Rule.TOO_MANY_RUNS in _rules(result)


def test_mdc_rules_on_an_i_chart() -> None:
    y = [50, 52, 49, 51, 50, 48, 52, 49, 51, 50, 55, 56, 55, 57, 56, 55, 56]
    result = qic(y, chart="i", method="mdc", freeze=10)
    assert Rule.SHIFT in _rules(result)
    shift = next(s for s in result.signals if s.rule is Rule.SHIFT)
    assert shift.points == (11, 12, 13, 14, 15, 16, 17)
    six = qic(y[:16], chart="i", method="mdc", freeze=10, shift_length=6)
    assert Rule.SHIFT in _rules(six)
    assert Rule.SHIFT not in _rules(qic(y[:16], chart="i", method="mdc", freeze=10))


def test_mdc_reading_gives_point_types_and_icons() -> None:
    y = [50, 52, 49, 51, 50, 48, 52, 49, 51, 50, 55, 56, 55, 57, 56, 55, 56]
    up = qic(y, chart="i", method="mdc", freeze=10, improvement="increase", target=40)
    assert up.data["point_type"].iloc[-1] == "special_cause_improvement"
    assert up.data["point_type"].iloc[0] == "common_cause"
    assert up.mdc.variation_icon == "improvement_high"
    assert up.mdc.assurance_icon == "consistent_pass"  # the target is below the lower limit
    down = qic(y, chart="i", method="mdc", freeze=10, improvement="decrease", target=40)
    assert down.mdc.variation_icon == "concern_high"
    assert down.mdc.assurance_icon == "consistent_fail"


def test_mdc_lengths_are_limited_to_six_or_seven() -> None:
    with pytest.raises(DataError, match="shift_length"):
        qic([1, 2, 3, 4, 5], chart="i", method="mdc", shift_length=5)


def test_anhoej_signal_names_the_long_run_and_its_points() -> None:
    y = [3, 5, 4, 6, 3, 5, 4, 6, 9, 9, 9, 9, 9, 9, 9, 9]
    result = qic(y)
    # median 7.5: the first eight points are a long run below, the last eight one above
    below, above = (s for s in result.signals if s.rule is Rule.LONG_RUN)
    assert below.points == tuple(range(1, 9)) and below.direction == "below"
    run = above
    assert run.points == tuple(range(9, 17))
    assert run.plain.startswith("Your last 8 points are all above the middle line.")
    assert "8 > 7" in run.technical


def test_points_outside_limits_are_named_for_control_charts() -> None:
    result = qic([5, 7, 4, 6, 5, 7, 4, 6, 5, 30], chart="i")
    outside = [s for s in result.signals if s.rule is Rule.OUTSIDE_LIMITS]
    assert len(outside) == 1 and outside[0].points == (10,)
    assert "above the top dashed line" in outside[0].plain


def test_a_quiet_chart_reads_as_no_change() -> None:
    reading = qic([5, 6, 5, 7, 4, 6, 5, 6, 4, 7, 5, 6]).reading()
    assert "no sign of a change" in reading.plain


def test_few_points_say_so() -> None:
    assert "Add at least" in qic([5, 6, 5]).reading().plain
