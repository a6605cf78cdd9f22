"""Tests for qikit.core.spc.rules.mdc: NHS Making Data Count rules as NHSRplotthedots applies them.

Golden data (tests/golden/mdc/) comes from NHSRplotthedots' own tests; the other vectors are
hand-checked, with the arithmetic in the comments.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qikit.core.spc.rules import mdc
from qikit.core.spc.rules.mdc import (
    AssuranceIcon,
    MdcResult,
    PointType,
    VariationIcon,
    mdc_analysis,
)
from qikit.core.spc.signals import Rule, RuleSet, Signal
from qikit.errors import DataError

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "mdc"

IMP = PointType.SPECIAL_CAUSE_IMPROVEMENT.value
CON = PointType.SPECIAL_CAUSE_CONCERN.value
COM = PointType.COMMON_CAUSE.value
HIGH = PointType.SPECIAL_CAUSE_NEUTRAL_HIGH.value
LOW = PointType.SPECIAL_CAUSE_NEUTRAL_LOW.value


def types(res: MdcResult) -> list[str]:
    return res.data["point_type"].tolist()


def flagged_in(data: pd.DataFrame, column: str) -> list[int]:
    """1-based point numbers where a boolean column is true (NA counts as no)."""
    return [i + 1 for i, v in enumerate(data[column].tolist()) if v is True or v == 1]


def flagged(res: MdcResult, column: str = "special_cause_flag") -> list[int]:
    return flagged_in(res.data, column)


# --------------------------------------------------------------------------------------------------
# Golden data from NHSRplotthedots
# --------------------------------------------------------------------------------------------------


def test_golden_ae_all_performance_fix_after_12_points_is_bit_exact() -> None:
    # Source: NHSRplotthedots tests/testthat/_snaps/integration_tests.md, "ae_all performance spc
    # returns expected values" = ptd_spc(ae_all(), performance, period, fix_after_n_points = 12).
    g = pd.read_csv(GOLDEN / "ae_all_performance_fix12.csv")
    res = mdc_analysis(g["y"].tolist(), x=g["x"].tolist(), fix_after_n_points=12)
    d = res.data
    # R's mean (long double with a correction pass) reproduced to the last bit
    assert (d["mean"] == g["mean"]).all()
    assert (d["lpl"] == g["lpl"]).all()
    assert (d["upl"] == g["upl"]).all()
    assert d["relative_to_mean"].tolist() == g["relative_to_mean"].astype(float).tolist()
    assert d["outside_limits"].astype(bool).tolist() == g["outside_limits"].tolist()
    assert d["close_to_limits"].astype(bool).tolist() == g["close_to_limits"].tolist()
    assert d["special_cause_flag"].tolist() == g["special_cause_flag"].tolist()
    assert types(res) == g["point_type"].tolist()
    # last point is special_cause_concern with improvement "increase" -> concern_low icon
    assert res.variation_icon is VariationIcon.CONCERN_LOW
    assert res.assurance_icon is None


@pytest.mark.parametrize(
    "case",
    json.loads((GOLDEN / "ptd_spc_standard_rnorm123.json").read_text())["cases"],
    ids=lambda c: c["name"],
)
def test_golden_spc_standard_rnorm_limits_and_outlier_screening(case: dict) -> None:
    # Source: NHSRplotthedots tests/testthat/test-ptd_spc_standard.R + _snaps/ptd_spc_standard.md
    y = list(json.loads((GOLDEN / "ptd_spc_standard_rnorm123.json").read_text())["y"])
    if case["set_point_15"] is not None:
        y[14] = case["set_point_15"]
    d = mdc_analysis(y, screen_outliers=case["screen_outliers"]).data
    assert d["mean"].iloc[0] == pytest.approx(case["mean"], abs=1e-6)
    assert d["lpl"].iloc[0] == pytest.approx(case["lpl"], abs=1e-5)
    assert d["upl"].iloc[0] == pytest.approx(case["upl"], abs=1e-5)
    start = case["relative_to_mean_start"]
    assert d["relative_to_mean"].tolist()[: len(start)] == start
    # the 10 put at point 15 is outside the limits with and without screening
    expected_outside = [] if case["set_point_15"] is None else [15]
    assert flagged_in(d, "outside_limits") == expected_outside


def _vectors(name: str) -> list[dict]:
    return json.loads((GOLDEN / "ptd_helper_vectors.json").read_text())[name]


@pytest.mark.parametrize("v", _vectors("seven_point_one_side_mean"))
def test_golden_seven_points_one_side(v: dict) -> None:
    # Source: test-ptd_calculate_point_type.R, ptd_seven_point_one_side_mean
    out = mdc._run_ends(np.array(v["input"], dtype=float), 7)
    assert out.tolist() == v["expected"]


@pytest.mark.parametrize("v", _vectors("part_of_seven"))
def test_golden_part_of_seven(v: dict) -> None:
    # Source: test-ptd_calculate_point_type.R, ptd_part_of_seven_trend
    out = mdc._part_of(np.array(v["input"], dtype=float), 7)
    assert out.tolist() == v["expected"]


@pytest.mark.parametrize("v", _vectors("seven_point_trend"))
def test_golden_seven_point_trend(v: dict) -> None:
    # Source: test-ptd_calculate_point_type.R, ptd_seven_point_trend (1:3, 3:6 -> no trend)
    out = mdc._trend_ends(np.array(v["input"], dtype=float), 7, 0)
    assert out.tolist() == v["expected"]


@pytest.mark.parametrize("v", _vectors("two_in_three"))
def test_golden_two_in_three(v: dict) -> None:
    # Source: test-ptd_calculate_point_type.R, ptd_two_in_three (incl. opposite sides of the mean)
    out, _ = mdc._two_in_three(np.array(v["close"], float), np.array(v["rtm"], float))
    assert out.tolist() == v["expected"]


@pytest.mark.parametrize("v", _vectors("part_of_two_in_three"))
def test_golden_part_of_two_in_three(v: dict) -> None:
    # Source: test-ptd_calculate_point_type.R, ptd_part_of_two_in_three: only the points beyond
    # the near limit are marked, not the third point of the window
    close = np.array(v["close"], float)
    flags, _ = mdc._two_in_three(close, np.array(v["rtm"], float))
    out = mdc._and(mdc._cmp(flags, 1.0, "=="), mdc._cmp(close, 1.0, "=="))
    assert out.tolist() == v["expected"]


def test_golden_two_near_points_on_opposite_sides_are_common_cause() -> None:
    # Source: test-ptd_spc_standard.R, "it only reports special cause for 2of3 points close to
    # limits when they are on the same side of the mean"
    y = [1.0, -1.0] * 8
    y[14], y[15] = 5.5, -5.5
    res = mdc_analysis(y)
    assert types(res)[-2:] == [COM, COM]


@pytest.mark.parametrize(
    ("lpl", "upl", "increase", "decrease"),
    [
        (1, 3, "consistent_fail", "consistent_pass"),
        (5, 7, "consistent_pass", "consistent_fail"),
        (1, 5, "inconsistent", "inconsistent"),
    ],
)
def test_golden_assurance_table(lpl: float, upl: float, increase: str, decrease: str) -> None:
    # Source: test-ptd_calculate_assurance_type.R (target 4 against three sets of limits)
    assert mdc.assurance_icon(4.0, "increase", lpl, upl) == increase
    assert mdc.assurance_icon(4.0, "decrease", lpl, upl) == decrease
    assert mdc.assurance_icon(4.0, "neutral", lpl, upl) is None
    assert mdc.assurance_icon(None, "increase", lpl, upl) is None


# --------------------------------------------------------------------------------------------------
# Shift: 7 (or 6) points on one side of the mean
# --------------------------------------------------------------------------------------------------

# mean = (40.5 + 29.5) / 14 = 5; moving ranges 0.5 x 12 and 2 -> 8/13; 2 < 3.267 * 8/13 is kept.
# near limits 5 -/+ 1.091, limits 5 -/+ 1.637: nothing close or outside, no trend.
SHIFT_7 = [6, 5.5, 6, 5.5, 6, 5.5, 6, 4, 4.5, 4, 4.5, 4, 4.5, 4]
# mean = (34.5 + 25.5) / 12 = 5; amr = 6.5 / 11; near limits 5 -/+ 1.048: nothing close.
SHIFT_6 = [6, 5.5, 6, 5.5, 6, 5.5, 4, 4.5, 4, 4.5, 4, 4.5]


def test_shift_of_exactly_seven_points_is_flagged_on_both_sides() -> None:
    res = mdc_analysis(SHIFT_7)
    assert res.data["mean"].iloc[0] == 5
    assert types(res) == [IMP] * 7 + [CON] * 7
    assert flagged(res, "shift") == list(range(1, 15))
    assert not res.data["trend"].any() and not res.data["two_in_three"].any()
    assert res.data["special_cause_type"].iloc[0] == "7 Points Above CL"
    assert res.variation_icon is VariationIcon.CONCERN_LOW
    shifts = [s for s in res.signals if s.rule is Rule.SHIFT]
    assert [(s.points, s.direction) for s in shifts] == [
        (tuple(range(1, 8)), "above"),
        (tuple(range(8, 15)), "below"),
    ]


def test_shift_of_six_points_is_not_flagged_by_default_but_is_with_length_6() -> None:
    assert types(mdc_analysis(SHIFT_6)) == [COM] * 12
    assert mdc_analysis(SHIFT_6).signals == []
    res6 = mdc_analysis(SHIFT_6, shift_length=6)
    assert types(res6) == [IMP] * 6 + [CON] * 6
    assert res6.data["special_cause_type"].iloc[0] == "6 Points Above CL"


def test_point_on_the_mean_breaks_a_run() -> None:
    # mean = 75 / 15 = 5 exactly; point 4 is on the mean so points 1-8 are runs of 3 and 4 only.
    y = [6, 5.5, 6, 5, 6, 5.5, 6, 5.5, 4, 4.5, 4, 4.5, 4, 4.5, 4]
    res = mdc_analysis(y)
    assert res.data["relative_to_mean"].iloc[3] == 0
    assert types(res) == [COM] * 8 + [CON] * 7
    # the same series with point 4 above the mean gives a run of 8 (mean 5.0667, still below 5.5)
    y[3] = 6
    assert types(mdc_analysis(y))[:8] == [IMP] * 8


def test_decrease_direction_swaps_improvement_and_concern() -> None:
    res = mdc_analysis(SHIFT_7, improvement="decrease")
    assert types(res) == [CON] * 7 + [IMP] * 7
    assert res.variation_icon is VariationIcon.IMPROVEMENT_LOW


def test_neutral_direction_uses_high_and_low() -> None:
    res = mdc_analysis(SHIFT_7, improvement="neutral", target=5)
    assert types(res) == [HIGH] * 7 + [LOW] * 7
    assert res.variation_icon is VariationIcon.NEUTRAL_LOW
    assert res.assurance_icon is None  # no assurance for a neutral measure, even with a target
    assert "neither good nor bad" in res.plain_summary()


# --------------------------------------------------------------------------------------------------
# Trend: 7 (or 6) points each strictly higher / lower than the one before
# --------------------------------------------------------------------------------------------------

# points 6-12 rise 9 -> 12 in steps of 0.5; mean 10.71875; amr 20/15; limits 7.14 / 14.27 and near
# limits 8.35 / 13.08, so nothing is close or outside and there is no 7-point shift.
TREND_7 = [10, 12, 10, 12, 10, 9, 9.5, 10, 10.5, 11, 11.5, 12, 10, 12, 10, 12]


def test_trend_of_seven_rising_points_is_improvement_when_increase_is_better() -> None:
    res = mdc_analysis(TREND_7)
    assert res.data["mean"].iloc[0] == 10.71875
    assert flagged(res) == list(range(6, 13))
    assert flagged(res, "trend") == list(range(6, 13))
    assert set(res.data["special_cause_type"].iloc[5:12]) == {"7 Point Trend (Increasing)"}
    assert types(res)[5:12] == [IMP] * 7
    [signal] = res.signals
    assert signal.rule is Rule.TREND and signal.direction == "up"
    assert signal.points == tuple(range(6, 13))
    assert "equal value breaks" in signal.technical


def test_equal_consecutive_values_break_a_trend() -> None:
    y = list(TREND_7)
    y[8] = 10  # 9, 9.5, 10, 10, 11, 11.5, 12: the repeated 10 stops the count
    res = mdc_analysis(y)
    assert not res.data["trend"].any()
    assert types(res) == [COM] * 16


def test_trend_of_six_points_needs_trend_length_6() -> None:
    y = [10, 12, 10, 12, 10, 9.5, 10, 10.5, 11, 11.5, 12, 10, 12, 10, 12]
    assert not mdc_analysis(y).data["trend"].any()
    res6 = mdc_analysis(y, trend_length=6)
    assert flagged(res6, "trend") == list(range(6, 12))
    assert res6.data["special_cause_type"].iloc[5] == "6 Point Trend (Increasing)"


def test_trend_is_coloured_by_its_direction_not_its_side_of_the_mean() -> None:
    # NHSRplotthedots 0.2.x (NEWS: issues #167, #171): a falling trend above the mean is a concern
    # when higher is better. mean 145.85/15 = 9.7233; the 3.5 jump is screened out, amr 9.4/13,
    # upl 11.647: points 9, 10 (12.5, 12) are outside; 11-15 are in the falling trend.
    y = [8, 9, 8, 9, 8, 9, 8, 9, 12.5, 12, 11.5, 11, 10.5, 10.25, 10.1]
    res = mdc_analysis(y)
    assert (res.data["relative_to_mean"].iloc[8:] == 1).all()
    assert types(res)[8:10] == [IMP, IMP]  # outside limits wins over the trend
    assert types(res)[10:] == [CON] * 5
    assert res.data["shift"].iloc[8:].all()  # also a shift above, but the trend takes priority
    assert res.variation_icon is VariationIcon.CONCERN_LOW


# --------------------------------------------------------------------------------------------------
# Two of three beyond the near (2-sigma) limit, outside limits, priorities
# --------------------------------------------------------------------------------------------------


def _two_of_three_series() -> list[float]:
    # 10/12 alternating for 30 points with points 21 and 23 raised to 16: mean 342/30 = 11.4,
    # amr 66/29 = 2.2759, near upper limit 15.436 < 16 < upper limit 17.454.
    y = [10.0, 12.0] * 15
    y[20] = y[22] = 16.0
    return y


def test_two_of_three_marks_only_the_points_beyond_the_near_limit() -> None:
    res = mdc_analysis(_two_of_three_series())
    assert flagged(res, "close_to_limits") == [21, 23]
    assert flagged(res) == [21, 23]  # point 22 (12, above the mean) is in the window but not marked
    assert res.data["special_cause_type"].iloc[20] == "2 in 3 Above CL"
    [signal] = res.signals
    assert (signal.rule, signal.points, signal.direction) == (Rule.TWO_OF_THREE, (21, 23), "above")


def test_two_of_three_needs_all_three_points_on_one_side() -> None:
    y = _two_of_three_series()
    y[21] = 11.0  # now below the mean (341/30 = 11.367): the window is not on one side
    res = mdc_analysis(y)
    assert flagged(res, "close_to_limits") == [21, 23]
    assert flagged(res) == []


def test_outside_limits_takes_priority_over_trend_and_rebase_splits_the_rules() -> None:
    # 1..14 rising. One phase: mean 7.5, amr 1, limits 4.84 / 10.16 -> 1-4 below, 11-14 above,
    # 5-10 in the trend.
    y = list(range(1, 15))
    res = mdc_analysis(y)
    assert res.data["special_cause_type"].tolist()[:5] == ["Below LCL"] * 4 + [
        "7 Point Trend (Increasing)"
    ]
    assert types(res) == [CON] * 4 + [IMP] * 10
    # Rebase at point 5: part 1 = 1..4 (mean 2.5, limits -0.16 / 5.16, too short for a trend);
    # part 2 = 5..14 (mean 9.5, limits 6.84 / 12.16 -> 5, 6 below; 13, 14 above; 7-12 trend).
    reb = mdc_analysis(y, rebase=[5])
    assert reb.data["part"].tolist() == [1] * 4 + [2] * 10
    assert reb.data["mean"].tolist() == [2.5] * 4 + [9.5] * 10
    assert types(reb) == [COM] * 4 + [CON] * 2 + [IMP] * 8
    assert {s.part for s in reb.signals} == {2}
    assert reb.variation_icon is VariationIcon.IMPROVEMENT_HIGH


def test_rebase_at_point_one_changes_nothing_and_neutral_trend_is_high() -> None:
    y = list(range(1, 15))
    assert mdc_analysis(y, rebase=[1]).data.equals(mdc_analysis(y).data)
    res = mdc_analysis(y, improvement="neutral")
    assert types(res) == [LOW] * 4 + [HIGH] * 10
    assert res.variation_icon is VariationIcon.NEUTRAL_HIGH
    assert mdc_analysis(y[::-1], improvement="neutral").variation_icon is VariationIcon.NEUTRAL_LOW


def test_rebase_gives_each_phase_its_own_lines() -> None:
    y = [10.0, 12.0] * 6 + [20.0, 22.0] * 6
    one = mdc_analysis(y)
    assert one.data["special_cause_flag"].any()
    two = mdc_analysis(y, rebase=[13])
    assert two.data["mean"].tolist() == [11.0] * 12 + [21.0] * 12
    assert two.data["upl"].tolist() == pytest.approx([11 + 2.66 * 2] * 12 + [21 + 2.66 * 2] * 12)
    assert not two.data["special_cause_flag"].any()
    assert two.variation_icon is VariationIcon.COMMON_CAUSE


def test_fixed_baseline_uses_only_the_first_points_of_each_phase() -> None:
    y = [10.0, 12.0] * 6 + [14.0, 16.0] * 3
    fixed = mdc_analysis(y, fix_after_n_points=12)
    # baseline mean 11 and amr 2: limits 5.68 / 16.32, so the later 16s are close to the limit
    assert fixed.data["mean"].tolist() == [11.0] * 18
    assert fixed.data["upl"].iloc[-1] == pytest.approx(16.32)
    assert fixed.data["near_upl"].iloc[-1] == pytest.approx(11 + 2 * 2.66 / 3 * 2)
    assert flagged(fixed, "close_to_limits") == [14, 16, 18]
    # points 12-18 are all above 11: a shift of 7; the 16s are also two-in-three, which wins
    assert flagged(fixed) == list(range(12, 19))
    assert fixed.data["special_cause_type"].tolist()[11:] == [
        "7 Points Above CL",
        "7 Points Above CL",
        "2 in 3 Above CL",
        "7 Points Above CL",
        "2 in 3 Above CL",
        "7 Points Above CL",
        "2 in 3 Above CL",
    ]
    loose = mdc_analysis(y)
    assert loose.data["mean"].iloc[0] == pytest.approx((132 + 90) / 18)


# --------------------------------------------------------------------------------------------------
# Assurance (target)
# --------------------------------------------------------------------------------------------------

ALTERNATING = [10.0, 12.0] * 6  # mean 11, amr 2, limits 5.68 / 16.32


@pytest.mark.parametrize(
    ("target", "improvement", "expected"),
    [
        (20, "increase", AssuranceIcon.CONSISTENT_FAIL),
        (20, "decrease", AssuranceIcon.CONSISTENT_PASS),
        (3, "increase", AssuranceIcon.CONSISTENT_PASS),
        (3, "decrease", AssuranceIcon.CONSISTENT_FAIL),
        (11, "increase", AssuranceIcon.INCONSISTENT),
        (16.3, "decrease", AssuranceIcon.INCONSISTENT),
        (None, "increase", None),
        (20, "neutral", None),
    ],
)
def test_assurance_from_target_and_limits(target, improvement, expected) -> None:
    assert mdc_analysis(ALTERNATING, improvement=improvement, target=target).assurance_icon == (
        expected
    )


def test_target_exactly_on_a_limit_is_inconsistent_and_last_phase_counts() -> None:
    upl = mdc_analysis(ALTERNATING).data["upl"].iloc[0]
    assert mdc_analysis(ALTERNATING, target=upl).assurance_icon is AssuranceIcon.INCONSISTENT
    y = ALTERNATING + [30.0, 32.0] * 6  # last phase limits 25.68 / 36.32
    assert mdc_analysis(y, target=20, rebase=[13]).assurance_icon is AssuranceIcon.CONSISTENT_PASS


# --------------------------------------------------------------------------------------------------
# Missing values, flat data, bad input
# --------------------------------------------------------------------------------------------------


def test_missing_value_is_kept_but_left_out_of_mean_and_moving_ranges() -> None:
    y: list[float | None] = [10.0, 12.0] * 7
    y[4] = None  # between two 12s: a moving range across the gap (0) would shrink the limits
    res = mdc_analysis(y)
    d = res.data
    assert len(d) == 14 and math.isnan(d["y"].iloc[4])
    assert d["mean"].iloc[0] == pytest.approx((60 + 84) / 13)
    assert d["upl"].iloc[0] - d["mean"].iloc[0] == pytest.approx(2.66 * 2)
    assert d["outside_limits"].isna().tolist()[4] and d["point_type"].iloc[4] == COM
    assert math.isnan(d["relative_to_mean"].iloc[4])


def test_missing_value_inside_a_one_way_window_is_refused_like_r() -> None:
    # NHSRplotthedots stops with "missing value where TRUE/FALSE needed" here
    with pytest.raises(DataError, match="missing value"):
        mdc_analysis([1, 2, 3, None, 5, 6, 7, 8, 2, 9])
    # fewer than 7 points: R never checks trends, so the gap is fine
    assert mdc_analysis([1, 2, None, 4, 5, 6]).data["point_type"].tolist() == [COM] * 6


def test_flat_data_has_no_limits_but_still_reads() -> None:
    # every moving range is 0, so screening drops them all and R's limits are NA
    res = mdc_analysis([5.0] * 12, target=4)
    assert res.data["upl"].isna().all()
    assert res.data["outside_limits"].isna().all()
    assert types(res) == [COM] * 12
    assert res.assurance_icon is AssuranceIcon.INCONSISTENT  # R's case_when reads NA as no
    assert "cannot be worked out" in res.plain_summary()
    unscreened = mdc_analysis([5.0] * 12, screen_outliers=False)
    assert unscreened.data["upl"].tolist() == [5.0] * 12


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"values": [1, 2, "three", 4]}, "values"),
        ({"values": "1,2,3"}, "values"),
        ({"values": [1, True, 3]}, "values"),
        ({"values": [1, 2, float("inf")]}, "values"),
        ({"values": []}, "values"),
        ({"values": [5]}, "values"),
        ({"values": [1, None, 3, None]}, "values"),
        ({"values": ALTERNATING, "shift_length": 8}, "shift_length"),
        ({"values": ALTERNATING, "trend_length": 5}, "trend_length"),
        ({"values": ALTERNATING, "shift_length": 6.0}, "shift_length"),
        ({"values": ALTERNATING, "improvement": "up"}, "improvement"),
        ({"values": ALTERNATING, "target": "high"}, "target"),
        ({"values": ALTERNATING, "target": float("nan")}, "target"),
        ({"values": ALTERNATING, "fix_after_n_points": 11}, "fix_after_n_points"),
        ({"values": ALTERNATING, "rebase": [13]}, "rebase"),
        ({"values": ALTERNATING, "rebase": [12]}, "values"),  # last part would have one point
        ({"values": ALTERNATING, "x": [1] * 12}, "x"),
        ({"values": ALTERNATING, "x": [1, 2]}, "x"),
        ({"values": ALTERNATING, "screen_outliers": "yes"}, "screen_outliers"),
    ],
)
def test_bad_input_raises_a_plain_data_error(kwargs: dict, field: str) -> None:
    with pytest.raises(DataError) as info:
        mdc_analysis(**kwargs)
    assert info.value.field == field
    assert info.value.what_to_do


def test_x_orders_the_points_like_ptd_spc() -> None:
    x = [3, 1, 2, *range(4, 13)]
    y = [12.0, 10.0, 11.0] + [10.0, 12.0] * 4 + [10.0]
    res = mdc_analysis(y, x=x)
    assert res.data["x"].tolist() == list(range(1, 13))
    assert res.data["y"].tolist()[:3] == [10.0, 11.0, 12.0]


# --------------------------------------------------------------------------------------------------
# Output shape, wording, properties
# --------------------------------------------------------------------------------------------------


def test_data_columns_and_signal_types() -> None:
    res = mdc_analysis(SHIFT_7, x=pd.date_range("2024-01-01", periods=14, freq="MS"))
    expected = [
        "x",
        "y",
        "mean",
        "lpl",
        "upl",
        "near_lpl",
        "near_upl",
        "outside_limits",
        "relative_to_mean",
        "close_to_limits",
        "shift",
        "trend",
        "two_in_three",
        "special_cause_flag",
        "point_type",
        "part",
    ]
    assert all(c in res.data.columns for c in expected)
    assert all(isinstance(s, Signal) and s.rule_set is RuleSet.MDC for s in res.signals)
    assert res.signals[-1].plain.startswith("Your last 7 points")


def test_plain_summary_has_no_jargon() -> None:
    for res in (
        mdc_analysis(TREND_7, target=20),
        mdc_analysis(list(range(1, 15))),
        mdc_analysis(_two_of_three_series(), improvement="decrease", target=3),
    ):
        text = res.plain_summary()
        assert mdc.MDC_WORDING[f"variation:{res.variation_icon.value}"] in text
        for word in ("sigma", "UCL", "LCL", "special cause", "common cause", "process limit"):
            assert word not in text
    short = mdc_analysis(ALTERNATING).plain_summary()
    assert "only 12 points" in short  # NHSRplotthedots' short-group warning (< 13 points)


def test_every_icon_has_plain_wording() -> None:
    for icon in VariationIcon:
        assert f"variation:{icon.value}" in mdc.MDC_WORDING
    for icon in AssuranceIcon:
        assert f"assurance:{icon.value}" in mdc.MDC_WORDING


def test_r_mean_matches_r_on_golden_data() -> None:
    g = pd.read_csv(GOLDEN / "ae_all_performance_fix12.csv")
    assert mdc.r_mean(g["y"].to_numpy()[:12]) == g["mean"].iloc[0]
    assert math.isnan(mdc.r_mean(np.array([np.nan])))


series = st.lists(st.integers(min_value=0, max_value=40).map(float), min_size=8, max_size=40)


@settings(max_examples=60, deadline=None)
@given(series)
def test_mirror_image_with_opposite_direction_gives_the_same_colours(y: list[float]) -> None:
    try:
        up = mdc_analysis(y)
    except DataError:
        return
    down = mdc_analysis([-v for v in y], improvement="decrease")
    assert types(up) == types(down)
    assert up.data["special_cause_flag"].tolist() == down.data["special_cause_flag"].tolist()


@settings(max_examples=60, deadline=None)
@given(series, st.randoms(use_true_random=False))
def test_shuffled_rows_with_x_give_the_same_chart(y: list[float], rnd) -> None:
    x = list(range(len(y)))
    pairs = list(zip(x, y, strict=True))
    rnd.shuffle(pairs)
    try:
        plain = mdc_analysis(y)
    except DataError:
        return
    shuffled = mdc_analysis([p[1] for p in pairs], x=[p[0] for p in pairs])
    assert types(plain) == types(shuffled)
    assert plain.variation_icon == shuffled.variation_icon


@settings(max_examples=60, deadline=None)
@given(series)
def test_flag_and_point_type_agree(y: list[float]) -> None:
    try:
        res = mdc_analysis(y)
    except DataError:
        return
    d = res.data
    assert ((d["point_type"] != COM) == d["special_cause_flag"]).all()
    covered = {p for s in res.signals for p in s.points}
    assert set(flagged(res)) <= covered
