"""NHS England "Making Data Count" (MDC) reading of an XmR chart, matching NHSRplotthedots.

Why this module exists: NHS trusts read their SPC charts with the "plot the dots" rules as coded in
the NHS-R community package NHSRplotthedots (``ptd_spc()``). Participants compare our charts with
their trust's board reports, so at the defaults the point colours (``point_type``) and the
variation / assurance icons must be exactly the ones NHSRplotthedots gives. This is fresh Python
written from the published behaviour (files cited next to each fact), not a translation.

Two entry points share one implementation of the rules (:func:`classify_phase`) and one home for
the run lengths (:data:`MDC_LENGTHS`): :func:`mdc_analysis`, the XmR reading identical to
NHSRplotthedots, and the ``mdc`` rule set that this module registers for ``qic(method="mdc")``
(:func:`read`, the same rules on the chart's own lines).

The rules, per phase (a phase is the whole series, or the stretch after a rebase point):

* Centre line: the mean of the phase's baseline values; the baseline is the first
  ``fix_after_n_points`` points of the phase, or all of it. Missing values are left out.
* Moving ranges: ``|y[i] - y[i-1]|`` inside the baseline (none across a missing value). With
  ``screen_outliers`` a moving range that is not below 3.267 x their mean is dropped and the mean
  moving range is worked out again.
* Process limits: mean +/- 2.66 x mean moving range; "near" limits at 2/3 of that distance.
* A point is special cause when it is outside the limits; or is one of ``shift_length`` (7) or more
  points in a row on the same side of the mean (a point exactly on the mean breaks the run); or is
  one of ``trend_length`` (7) or more points each strictly higher (or lower) than the one before (an
  equal value breaks the trend); or is a point beyond a near limit (but inside the limits) in a
  run of three points on the same side of the mean of which at least two are beyond that near
  limit.
* Which rule colours a point, in this order: outside limits, trend, two-in-three, shift. A trend
  point is coloured by the trend's direction, the others by their side of the mean.

Rebasing follows NHSRplotthedots: a rebase entry names the point where a new phase starts (that
point is the first of the new phase; NHSRplotthedots gives dates, we give 1-based point numbers in
chart order, i.e. after sorting by ``x``). Missing values also follow NHSRplotthedots: they are kept
as points, left out of the mean and moving ranges, never flagged, and they break runs and trends. In
one case NHSRplotthedots stops with an error (a window of ``trend_length`` points holding a missing
value where every difference that can be worked out goes the same way); we raise ``DataError``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, cast

import numpy as np
import pandas as pd

from qikit.core.spc.options import (
    IMPROVEMENT_DIRECTIONS,
    QicOptions,
    RunLengths,
    check_improvement,
    check_target,
)
from qikit.core.spc.rmath import r_mean
from qikit.core.spc.rules.base import (
    Columns,
    Reading,
    RuleSetEntry,
    flagged_parts,
    part_views,
    register,
)
from qikit.core.spc.signals import Rule, RuleSet, Signal
from qikit.core.wording import MDC_WORDING, explain
from qikit.errors import DataError

# --- Published constants --------------------------------------------------------------------------
#: Process limits sit this many mean moving ranges from the mean (NHSRplotthedots
#: R/ptd_spc_standard.R: ``limit <- 2.66``).
LIMIT_MULTIPLIER: float = 2.66
#: "Near" limits (2 sigma) sit 2/3 of the way to the process limits (R/ptd_spc_standard.R:
#: ``limitclose <- 2 * (limit / 3)``). Same arithmetic as R so the doubles are identical.
NEAR_LIMIT_MULTIPLIER: float = 2 * (LIMIT_MULTIPLIER / 3)
#: Moving ranges not below this many mean moving ranges are screened out before the limits are
#: worked out (R/ptd_spc_standard.R: ``.data$mr < 3.267 * .data$amr``).
MR_SCREEN_MULTIPLIER: float = 3.267
#: Shift and trend lengths: "7 points" (R/ptd_calculate_point_type.R, ``ptd_seven_point_*``); a
#: user may pick 6 instead (qikit addition; 6 is the other common NHS convention). The one home of
#: the MDC lengths, for ``mdc_analysis()`` and ``qic(method="mdc")`` alike.
MDC_LENGTHS = RunLengths(
    shift=7,
    trend=7,
    allowed=(6, 7),
    expected="6 or 7",
    hint="Use 7 (the NHS Making Data Count rule) unless your team has agreed to use 6.",
)
#: ``fix_after_n_points`` must be at least 12 (R/ptd_spc_options.R).
MIN_FIX_AFTER_N_POINTS: int = 12
#: A phase with fewer points than this gets a "trial limits" warning
#: (R/ptd_add_short_group_warnings.R: ``getOption("ptd_spc.warning_threshold", 13)``).
SHORT_PHASE_WARNING_THRESHOLD: int = 13


class PointType(StrEnum):
    """Colour class of one point; values are NHSRplotthedots' ``point_type`` strings."""

    COMMON_CAUSE = "common_cause"
    SPECIAL_CAUSE_IMPROVEMENT = "special_cause_improvement"
    SPECIAL_CAUSE_CONCERN = "special_cause_concern"
    SPECIAL_CAUSE_NEUTRAL_HIGH = "special_cause_neutral_high"
    SPECIAL_CAUSE_NEUTRAL_LOW = "special_cause_neutral_low"


class VariationIcon(StrEnum):
    """MDC variation icon of the latest point; values are NHSRplotthedots' icon names
    (``inst/icons/variation/<name>.svg``, chosen in R/geom_ptd_icon.R)."""

    COMMON_CAUSE = "common_cause"
    IMPROVEMENT_HIGH = "improvement_high"
    IMPROVEMENT_LOW = "improvement_low"
    CONCERN_HIGH = "concern_high"
    CONCERN_LOW = "concern_low"
    NEUTRAL_HIGH = "neutral_high"
    NEUTRAL_LOW = "neutral_low"


class AssuranceIcon(StrEnum):
    """MDC assurance icon; values are NHSRplotthedots' ``assurance_type`` strings
    (R/ptd_calculate_assurance_type.R)."""

    CONSISTENT_PASS = "consistent_pass"
    CONSISTENT_FAIL = "consistent_fail"
    INCONSISTENT = "inconsistent"


# --- Three-valued logic (R's TRUE / FALSE / NA), as floats 1.0 / 0.0 / nan ------------------------
# NHSRplotthedots lets NA flow through its rule checks, and dplyr::case_when reads NA as "no".
# Keeping R's NA logic exactly is what makes missing values give the same answer.


def _cmp(a: np.ndarray, b: np.ndarray | float, op: str) -> np.ndarray:
    """Compare like R: NA when either side is NA."""
    a = np.asarray(a, dtype=float)
    b = np.broadcast_to(np.asarray(b, dtype=float), a.shape)
    with np.errstate(invalid="ignore"):
        res = {
            ">": np.greater,
            "<": np.less,
            "==": np.equal,
            "!=": np.not_equal,
            ">=": np.greater_equal,
        }[op](a, b).astype(float)
    res[np.isnan(a) | np.isnan(b)] = np.nan
    return res


def _and(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    out = np.where((a == 0) | (b == 0), 0.0, np.where(np.isnan(a) | np.isnan(b), np.nan, 1.0))
    return out


def _or(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.where((a == 1) | (b == 1), 1.0, np.where(np.isnan(a) | np.isnan(b), np.nan, 0.0))


def _not(a: np.ndarray) -> np.ndarray:
    return np.where(np.isnan(a), np.nan, 1.0 - a)


def _all(values: np.ndarray) -> float:
    if np.any(values == 0):
        return 0.0
    return math.nan if np.any(np.isnan(values)) else 1.0


def _any(values: np.ndarray) -> float:
    if np.any(values == 1):
        return 1.0
    return math.nan if np.any(np.isnan(values)) else 0.0


def _is_true(a: np.ndarray) -> np.ndarray:
    """How ``dplyr::case_when`` reads a condition: only TRUE counts (NA is "no")."""
    return np.asarray(a) == 1


# --- The rule checks, one phase at a time ---------------------------------------------------------


def _run_ends(rtm: np.ndarray, length: int) -> np.ndarray:
    """1 where point i ends ``length`` points on one side of the mean, 0 if not, nan if unknown.

    NHSRplotthedots (R/ptd_calculate_point_type.R, ``ptd_seven_point_one_side_mean``) pads the
    start with zeros and asks whether the point equals each of the previous ``length - 1`` values
    and is not zero.
    """
    n = rtm.size
    padded = np.concatenate([np.zeros(length - 1), rtm])
    out = np.zeros(n)
    for i in range(n):
        j = i + length - 1
        same = _cmp(padded[j - length + 1 : j], padded[j], "==")
        out[i] = _and(np.array([_all(same)]), _cmp(np.array([padded[j]]), 0.0, "!="))[0]
    return out


def _part_of(ends: np.ndarray, length: int) -> np.ndarray:
    """1 where a point is one of the ``length`` points of a flagged window (window ends flagged).

    R/ptd_calculate_point_type.R ``ptd_part_of_seven_trend``: a point is part of a run when it or
    one of the next ``length - 1`` points ends one.
    """
    n = ends.size
    padded = np.concatenate([ends, np.zeros(length - 1)])
    return np.array([_any(_cmp(np.abs(padded[i : i + length]), 1.0, "==")) for i in range(n)])


def _trend_ends(y: np.ndarray, length: int, offset: int) -> np.ndarray:
    """+1 / -1 where point i ends ``length`` points each strictly above / below the one before.

    Follows ``ptd_seven_point_trend``: fewer than ``length`` points give no trend; an equal value
    gives a zero difference and breaks the trend. When a window holds a missing value and every
    difference that can be worked out goes the same way, R cannot decide and stops with an error
    ("missing value where TRUE/FALSE needed"); we raise a ``DataError`` instead.
    """
    n = y.size
    out = np.zeros(n)
    if n < length:
        return out
    for i in range(length - 1, n):
        d = np.sign(np.diff(y[i - length + 1 : i + 1]))
        for target, value in ((1.0, 1.0), (-1.0, -1.0)):
            verdict = _all(_cmp(d, target, "=="))
            if math.isnan(verdict):
                first, last = offset + i - length + 2, offset + i + 1
                raise DataError(
                    "values",
                    "numbers without gaps where a rising or falling run is being checked",
                    f"a missing value among points {first} to {last}",
                    "Fill in the missing value, or leave that point out of the data, and try again "
                    "(NHSRplotthedots stops with an error on this data too).",
                )
            if verdict == 1:
                out[i] = value
                break
    return out


def _two_in_three(close: np.ndarray, rtm: np.ndarray) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Per point: is it in a window of 3 on one side of the mean with at least 2 beyond a near
    limit? Also returns the qualifying windows (start, side) for the signal list.

    R/ptd_calculate_point_type.R ``ptd_two_in_three``: the three windows containing the point are
    checked with zero padding at both ends, ``sum(close) >= 2 & abs(sum(rtm)) == 3``.
    """
    n = close.size
    cp = np.concatenate([[0.0, 0.0], close, [0.0, 0.0]])
    rp = np.concatenate([[0.0, 0.0], rtm, [0.0, 0.0]])

    def window(start: int) -> float:  # start is an index into the padded arrays
        c, r = cp[start : start + 3], rp[start : start + 3]
        c_sum = math.nan if np.any(np.isnan(c)) else float(c.sum())
        r_sum = math.nan if np.any(np.isnan(r)) else float(r.sum())
        enough = np.array([math.nan if math.isnan(c_sum) else float(c_sum >= 2)])
        one_side = np.array([math.nan if math.isnan(r_sum) else float(abs(r_sum) == 3)])
        return float(_and(enough, one_side)[0])

    flags = np.array([window(s) for s in range(n + 2)])  # padded start s covers points s-2..s
    out = np.zeros(n)
    for i in range(n):
        acc = np.array([0.0])
        for s in (i, i + 1, i + 2):
            acc = _or(acc, np.array([flags[s]]))
        out[i] = acc[0]
    windows = [(s - 2, int(np.sign(rp[s]))) for s in range(n + 2) if flags[s] == 1]
    return out, windows


@dataclass(frozen=True)
class _Phase:
    """Everything worked out for one phase (indices are positions in the phase)."""

    start: int
    y: np.ndarray
    mean: float | np.ndarray
    lpl: float | np.ndarray
    upl: float | np.ndarray
    near_lpl: float | np.ndarray
    near_upl: float | np.ndarray
    outside: np.ndarray
    rtm: np.ndarray
    close: np.ndarray
    shift_ends: np.ndarray
    shift_part: np.ndarray
    trend_ends: np.ndarray
    trend_part: np.ndarray
    two_part: np.ndarray
    two_windows: list[tuple[int, int]]
    direction: np.ndarray  # +1 / -1 / 0 per special-cause point, 0 otherwise
    rule_label: list[str]


def _analyse_phase(
    y: np.ndarray,
    start: int,
    fix_after_n_points: float | None,
    screen_outliers: bool,
    shift_length: int,
    trend_length: int,
) -> _Phase:
    """Limits and rule checks for one phase (R/ptd_spc_standard.R, R/ptd_calculate_point_type.R)."""
    n = y.size
    rows = np.arange(1, n + 1)
    fix_y = np.where(
        rows <= (math.inf if fix_after_n_points is None else fix_after_n_points), y, np.nan
    )
    mean = r_mean(fix_y)
    mr = np.concatenate([[np.nan], np.abs(np.diff(fix_y))])
    amr = r_mean(mr)
    if screen_outliers:
        keep = _is_true(_cmp(mr, MR_SCREEN_MULTIPLIER * amr, "<"))
        mr = np.where(keep, mr, np.nan)
        amr = r_mean(mr)
    lpl = mean - (LIMIT_MULTIPLIER * amr)
    upl = mean + (LIMIT_MULTIPLIER * amr)
    near_lpl = mean - (NEAR_LIMIT_MULTIPLIER * amr)
    near_upl = mean + (NEAR_LIMIT_MULTIPLIER * amr)
    return classify_phase(y, start, mean, lpl, upl, near_lpl, near_upl, shift_length, trend_length)


def classify_phase(
    y: np.ndarray,
    start: int,
    mean: float | np.ndarray,
    lpl: float | np.ndarray,
    upl: float | np.ndarray,
    near_lpl: float | np.ndarray,
    near_upl: float | np.ndarray,
    shift_length: int,
    trend_length: int,
) -> _Phase:
    """Apply the MDC rules to one phase whose centre line and limits are known.

    ``mdc_analysis`` passes NHSRplotthedots' XmR lines; ``qic(..., method="mdc")`` passes the
    chart's own lines (any chart type), so the two share one implementation of the rules.
    """
    n = y.size
    outside = _or(_cmp(y, upl, ">"), _cmp(y, lpl, "<"))
    rtm = np.sign(y - mean)
    close = _and(_not(outside), _or(_cmp(y, near_lpl, "<"), _cmp(y, near_upl, ">")))

    shift_ends = _run_ends(rtm, shift_length)
    shift_part = _part_of(shift_ends, shift_length)
    trend_ends = _trend_ends(y, trend_length, start)
    trend_part = _part_of(trend_ends, trend_length)
    two_flags, two_windows = _two_in_three(close, rtm)
    two_part = _and(_cmp(two_flags, 1.0, "=="), _cmp(np.abs(close), 1.0, "=="))

    # direction of a trend point: use the step to its right when the next point is also in a
    # trend, else the step from its left (R/ptd_calculate_point_type.R, ``sdy``).
    steps = np.sign(np.diff(y))
    direction = np.zeros(n)
    labels = ["Common Cause"] * n
    for i in range(n):
        side = "Above" if rtm[i] > 0 else ("Below" if rtm[i] < 0 else "NA")
        side_dir = 1.0 if rtm[i] > 0 else (0.0 if np.isnan(rtm[i]) else -1.0)
        if _is_true(outside[i]):
            labels[i] = "Above UCL" if rtm[i] == 1 else "Below LCL"
            direction[i] = 1.0 if rtm[i] == 1 else -1.0
        elif trend_part[i] != 0:
            nxt = trend_part[i + 1] if i + 1 < n else 0.0
            if nxt and trend_part[i]:
                step = steps[i] if i < n - 1 else steps[-1]
            else:
                step = steps[i - 1] if i > 0 else 0.0
            if np.isnan(step):  # unreachable in practice; R then matches neither word
                labels[i], direction[i] = f"{trend_length} Point Trend (NAcreasing)", 0.0
            else:
                up = step == 1
                labels[i] = f"{trend_length} Point Trend ({'In' if up else 'De'}creasing)"
                direction[i] = 1.0 if up else -1.0
        elif _is_true(two_part[i]):
            labels[i] = f"2 in 3 {side} CL"
            direction[i] = side_dir
        elif _is_true(shift_part[i]):
            labels[i] = f"{shift_length} Points {side} CL"
            direction[i] = side_dir
    return _Phase(
        start,
        y,
        mean,
        lpl,
        upl,
        near_lpl,
        near_upl,
        outside,
        rtm,
        close,
        shift_ends,
        shift_part,
        trend_ends,
        trend_part,
        two_part,
        two_windows,
        direction,
        labels,
    )


def point_type(label: str, direction: float, improvement: int) -> PointType:
    """R/ptd_calculate_point_type.R ``ptd_point_type``: side of the rule, oriented to the goal."""
    if label == "Common Cause" or direction == 0:
        return PointType.COMMON_CAUSE
    if improvement == 0:
        return (
            PointType.SPECIAL_CAUSE_NEUTRAL_HIGH
            if direction > 0
            else PointType.SPECIAL_CAUSE_NEUTRAL_LOW
        )
    if direction * improvement > 0:
        return PointType.SPECIAL_CAUSE_IMPROVEMENT
    return PointType.SPECIAL_CAUSE_CONCERN


# --- Input checks ---------------------------------------------------------------------------------


def _as_values(values: object) -> np.ndarray:
    """Turn ``values`` into floats (nan = missing), refusing text and yes/no values."""
    if isinstance(values, (str, bytes)) or not isinstance(values, Iterable):
        raise DataError(
            "values",
            "a list of numbers",
            values,
            "Give one number per point, for example a column of counts or percentages.",
        )
    items = list(values.tolist() if isinstance(values, (pd.Series, np.ndarray)) else values)
    out = np.empty(len(items))
    for i, item in enumerate(items):
        if item is None or item is pd.NA or item is pd.NaT:
            out[i] = np.nan
        elif isinstance(item, (bool, np.bool_)) or not isinstance(item, numbers.Real):
            raise DataError(
                "values",
                "numbers only",
                item,
                f"Point {i + 1} is not a number. Correct it, or leave the cell empty if the value "
                "is missing.",
            )
        else:
            out[i] = float(item)
            if math.isinf(out[i]):
                raise DataError(
                    "values",
                    "ordinary numbers",
                    item,
                    f"Point {i + 1} is infinite, which usually means a division by zero. "
                    "Check how it was worked out.",
                )
    if out.size == 0:
        raise DataError(
            "values", "at least two numbers", "no values", "Add your measurements, one per point."
        )
    return out


def _order(x: object, n: int) -> tuple[np.ndarray, list[object]]:
    """Chart order: NHSRplotthedots sorts by the date column and refuses duplicate dates."""
    if x is None:
        return np.arange(n), list(range(1, n + 1))
    listed = x.tolist() if isinstance(x, (pd.Series, np.ndarray, pd.Index)) else x
    xs: list[Any] = list(cast(Iterable[Any], listed))  # sortable labels of any type
    if len(xs) != n:
        raise DataError(
            "x",
            f"one label per value ({n})",
            f"{len(xs)} labels",
            "Make the dates (or labels) column as long as the values column.",
        )
    if any(v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NaT for v in xs):
        raise DataError(
            "x", "a date or label for every point", "a missing one", "Fill in the missing date."
        )
    if len(set(xs)) != n:
        dup = pd.Series(xs)[pd.Series(xs).duplicated()].iloc[0]
        raise DataError(
            "x",
            "each date only once",
            dup,
            "Combine the rows that share a date, or correct the date.",
        )
    try:
        order = np.array(sorted(range(n), key=lambda i: xs[i]))
    except TypeError as exc:
        raise DataError(
            "x",
            "dates or numbers that can be put in order",
            "a mix of kinds",
            "Use one kind of label for every point, for example all dates.",
        ) from exc
    return order, [xs[i] for i in order]


# --- Result ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MdcResult:
    """An MDC reading: per-point table, icons, signals and notes.

    ``data`` has one row per point in chart order (sorted by ``x``). ``warnings`` holds plain notes
    such as NHSRplotthedots' short-phase ("trial limits") warning.
    """

    data: pd.DataFrame
    variation_icon: VariationIcon
    assurance_icon: AssuranceIcon | None
    signals: list[Signal]
    improvement: str
    target: float | None
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def plain_summary(self) -> str:
        """Plain-English reading for a participant: what the latest points say, the target check,
        what stands out and any notes. No chart jargon."""
        parts = [MDC_WORDING[f"variation:{self.variation_icon.value}"]]
        if self.assurance_icon is not None:
            parts.append(MDC_WORDING[f"assurance:{self.assurance_icon.value}"])
        elif self.target is not None and self.improvement == "neutral":
            parts.append(MDC_WORDING["assurance:none_neutral"])
        if self.signals:
            parts.append(MDC_WORDING["note:signals"])
            parts.extend(f"- {s.plain}" for s in self.signals)
        parts.extend(self.warnings)
        return "\n".join(parts)


def variation_icon(latest: PointType, improvement: str) -> VariationIcon:
    """R/geom_ptd_icon.R ``variation_icon_file``: icon of the latest point."""
    increase = improvement == "increase"
    return {
        PointType.COMMON_CAUSE: VariationIcon.COMMON_CAUSE,
        PointType.SPECIAL_CAUSE_NEUTRAL_HIGH: VariationIcon.NEUTRAL_HIGH,
        PointType.SPECIAL_CAUSE_NEUTRAL_LOW: VariationIcon.NEUTRAL_LOW,
        PointType.SPECIAL_CAUSE_CONCERN: (
            VariationIcon.CONCERN_LOW if increase else VariationIcon.CONCERN_HIGH
        ),
        PointType.SPECIAL_CAUSE_IMPROVEMENT: (
            VariationIcon.IMPROVEMENT_HIGH if increase else VariationIcon.IMPROVEMENT_LOW
        ),
    }[latest]


def assurance_icon(
    target: float | None, improvement: str, lpl: float, upl: float
) -> AssuranceIcon | None:
    """R/ptd_calculate_assurance_type.R: compare the target with the latest point's limits."""
    if target is None or improvement == "neutral":
        return None
    increasing = improvement == "increase"
    if target > upl:  # False when the limits are missing, as case_when reads NA
        return AssuranceIcon.CONSISTENT_FAIL if increasing else AssuranceIcon.CONSISTENT_PASS
    if target < lpl:
        return AssuranceIcon.CONSISTENT_PASS if increasing else AssuranceIcon.CONSISTENT_FAIL
    return AssuranceIcon.INCONSISTENT


def _merge(spans: Sequence[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Join overlapping (first, last, key) spans that share a key, keeping order."""
    merged: list[tuple[int, int, str]] = []
    for first, last, key in sorted(spans, key=lambda s: (s[0], s[1])):
        for k, (f0, l0, k0) in enumerate(merged):
            if k0 == key and first <= l0:
                merged[k] = (f0, max(l0, last), k0)
                break
        else:
            merged.append((first, last, key))
    return merged


def phase_signals(
    phase: _Phase,
    part: int,
    n_total: int,
    shift_length: int,
    trend_length: int,
    numbers: np.ndarray | None = None,
) -> list[Signal]:
    """One Signal per stretch found by each rule (points are 1-based chart positions).

    ``numbers`` gives the chart's point number of each position when the phase skips points
    (qic's excluded points); by default positions follow on from ``phase.start``.
    """
    found: list[tuple[Rule, tuple[int, ...], dict[str, object]]] = []
    n = phase.y.size
    # outside the limits: consecutive points on the same side
    spans = [
        (i, i, "above" if phase.rtm[i] > 0 else "below")
        for i in range(n)
        if _is_true(phase.outside[i])
    ]
    joined: list[tuple[int, int, str]] = []
    for first, last, side in spans:
        if joined and joined[-1][2] == side and joined[-1][1] == first - 1:
            joined[-1] = (joined[-1][0], last, side)
        else:
            joined.append((first, last, side))
    for first, last, side in joined:
        found.append((Rule.OUTSIDE_LIMITS, tuple(range(first, last + 1)), {"side": side}))
    # shift
    spans = [
        (i - shift_length + 1, i, "above" if phase.rtm[i] > 0 else "below")
        for i in range(n)
        if _is_true(phase.shift_ends[i])
    ]
    for first, last, side in _merge(spans):
        found.append(
            (Rule.SHIFT, tuple(range(first, last + 1)), {"side": side, "length": shift_length})
        )
    # trend
    spans = [
        (i - trend_length + 1, i, "up" if phase.trend_ends[i] > 0 else "down")
        for i in range(n)
        if phase.trend_ends[i] != 0
    ]
    for first, last, way in _merge(spans):
        found.append(
            (Rule.TREND, tuple(range(first, last + 1)), {"direction": way, "length": trend_length})
        )
    # two of three beyond a near limit: the near-limit points of the qualifying windows
    spans = [(s, s + 2, "above" if side > 0 else "below") for s, side in phase.two_windows]
    for first, last, side in _merge(spans):
        pts = tuple(i for i in range(first, last + 1) if _is_true(phase.close[i]))
        found.append((Rule.TWO_OF_THREE, pts, {"side": side}))

    signals = []
    for rule, idx, facts in sorted(found, key=lambda f: (f[1][0], f[0].value)):
        points = (
            tuple(int(numbers[i]) for i in idx)
            if numbers is not None
            else tuple(phase.start + i + 1 for i in idx)
        )
        text = explain(rule, points=points, last_point=n_total, **facts)
        technical = text.technical
        if rule is Rule.TREND:
            way = "higher" if facts["direction"] == "up" else "lower"
            technical = MDC_WORDING["technical:trend"].format(
                count=len(points), way=way, length=trend_length
            )
        direction = facts.get("side") or facts.get("direction")
        signals.append(
            Signal(
                rule,
                RuleSet.MDC,
                part,
                points,
                text.plain,
                technical,
                None if direction is None else str(direction),
            )
        )
    return signals


def mdc_analysis(
    values: Sequence[float] | np.ndarray | pd.Series,
    x: Sequence[object] | np.ndarray | pd.Series | None = None,
    improvement: str = "increase",
    target: float | None = None,
    rebase: Sequence[int] | None = None,
    fix_after_n_points: float | None = None,
    screen_outliers: bool = True,
    shift_length: int = MDC_LENGTHS.shift,
    trend_length: int = MDC_LENGTHS.trend,
) -> MdcResult:
    """Read a series with the NHS Making Data Count rules, exactly as NHSRplotthedots does.

    Parameters
    ----------
    values
        One number per point; ``None``/NaN marks a missing value (kept as a point, as in R).
    x
        Dates or labels; the points are put in ``x`` order. Default: 1, 2, 3, ...
    improvement
        "increase", "decrease" or "neutral" (which way is better).
    target
        A single number, or ``None`` (no assurance icon).
    rebase
        1-based point numbers (chart order) where a new phase starts; that point is the first of
        the new phase. Point 1 changes nothing.
    fix_after_n_points
        Work the lines out from the first this-many points of each phase (at least 12).
    screen_outliers
        Drop large moving ranges before working out the limits (default, as NHSRplotthedots).
    shift_length, trend_length
        7 (default, MDC) or 6.

    Returns
    -------
    MdcResult
    """
    y_raw = _as_values(values)
    n = y_raw.size
    improvement = check_improvement(improvement)
    direction = IMPROVEMENT_DIRECTIONS[improvement]
    target = check_target(target)
    if fix_after_n_points is not None:
        ok = not isinstance(fix_after_n_points, (bool, np.bool_)) and isinstance(
            fix_after_n_points, numbers.Real
        )
        if not ok or not float(fix_after_n_points) >= MIN_FIX_AFTER_N_POINTS:
            raise DataError(
                "fix_after_n_points",
                f"a number of at least {MIN_FIX_AFTER_N_POINTS}",
                fix_after_n_points,
                f"Fix the lines after {MIN_FIX_AFTER_N_POINTS} or more points, or leave it "
                "empty to use every point.",
            )
        fix_after_n_points = float(fix_after_n_points)
    if not isinstance(screen_outliers, (bool, np.bool_)):
        raise DataError(
            "screen_outliers",
            "yes (True) or no (False)",
            screen_outliers,
            "Leave it as True unless a mentor has asked otherwise.",
        )
    shift_length = MDC_LENGTHS.check("shift_length", shift_length)
    trend_length = MDC_LENGTHS.check("trend_length", trend_length)

    order, xs = _order(x, n)
    y = y_raw[order]

    starts = {0}
    for p in rebase or ():
        if (
            isinstance(p, (bool, np.bool_))
            or not isinstance(p, numbers.Integral)
            or not (1 <= int(p) <= n)
        ):
            raise DataError(
                "rebase",
                f"point numbers from 1 to {n}",
                p,
                "Give the number of the first point after the change (counting from 1).",
            )
        starts.add(int(p) - 1)
    bounds = [*sorted(starts), n]

    phases: list[_Phase] = []
    for k in range(len(bounds) - 1):
        seg = y[bounds[k] : bounds[k + 1]]
        base = seg if fix_after_n_points is None else seg[: int(fix_after_n_points)]
        if not np.any(~np.isnan(base[1:]) & ~np.isnan(base[:-1])):
            raise DataError(
                "values",
                "at least two points in a row with a value in each part of the chart",
                f"{int(np.sum(~np.isnan(seg)))} usable value(s) in part {k + 1} "
                f"(points {bounds[k] + 1} to {bounds[k + 1]})",
                "Add more points, or move or remove the rebase point.",
            )
        phases.append(
            _analyse_phase(
                seg,
                bounds[k],
                fix_after_n_points,
                bool(screen_outliers),
                shift_length,
                trend_length,
            )
        )

    rows = []
    signals: list[Signal] = []
    notes: list[str] = []
    for part, ph in enumerate(phases, start=1):
        m = ph.y.size
        for i in range(m):
            label = ph.rule_label[i]
            rows.append(
                {
                    "x": xs[ph.start + i],
                    "y": ph.y[i],
                    "mean": ph.mean,
                    "lpl": ph.lpl,
                    "upl": ph.upl,
                    "near_lpl": ph.near_lpl,
                    "near_upl": ph.near_upl,
                    "outside_limits": pd.NA if np.isnan(ph.outside[i]) else bool(ph.outside[i]),
                    "relative_to_mean": ph.rtm[i],
                    "close_to_limits": pd.NA if np.isnan(ph.close[i]) else bool(ph.close[i]),
                    "shift": bool(_is_true(ph.shift_part[i])),
                    "trend": bool(ph.trend_part[i] != 0),
                    "two_in_three": bool(_is_true(ph.two_part[i])),
                    "special_cause_flag": label != "Common Cause",
                    "special_cause_type": label,
                    "point_type": point_type(label, ph.direction[i], direction).value,
                    "part": part,
                }
            )
        signals.extend(phase_signals(ph, part, n, shift_length, trend_length))
        if m < SHORT_PHASE_WARNING_THRESHOLD:
            notes.append(MDC_WORDING["note:short_phase"].format(part=part, n=m))
        if np.isnan(ph.upl):
            notes.append(MDC_WORDING["note:no_spread"].format(part=part))

    data = pd.DataFrame(rows)
    for col in ("outside_limits", "close_to_limits"):
        data[col] = data[col].astype("boolean")
    last = data.iloc[-1]
    variation = variation_icon(PointType(last["point_type"]), improvement)
    assurance = assurance_icon(target, improvement, float(last["lpl"]), float(last["upl"]))
    return MdcResult(data, variation, assurance, signals, improvement, target, tuple(notes))


# --- The MDC rule set of qic(method="mdc"): the same rules on the chart's own lines ---------------


@dataclass(frozen=True)
class MdcReading:
    """Making Data Count's reading of a chart: a point type per point and the two icons."""

    point_type: list[str]
    variation_icon: VariationIcon | None
    assurance_icon: AssuranceIcon | None


def read(columns: Columns, options: QicOptions) -> Reading:
    """Return the MDC signals of a chart, its ``runs_signal`` and ``point_type`` columns and icons.

    Each part is classified once with :func:`classify_phase` on the chart's own lines (any chart
    type); the signals, the point types and the icons all come from that one classification.
    """
    # qic() resolves the lengths from MDC_LENGTHS, so they are set for this rule set.
    shift_length = int(options.shift_length or MDC_LENGTHS.shift)
    trend_length = int(options.trend_length or MDC_LENGTHS.trend)
    sign = IMPROVEMENT_DIRECTIONS[options.improvement]
    last_point = len(columns["xx"])
    types = [PointType.COMMON_CAUSE.value] * last_point
    signals: list[Signal] = []
    latest: PointType | None = None
    lcl = ucl = math.nan
    for view in part_views(columns):
        lines = view.lines
        if lines.y.size == 0:
            continue
        phase = classify_phase(
            lines.y,
            0,
            lines.cl,
            lines.lcl,
            lines.ucl,
            lines.lcl_95,
            lines.ucl_95,
            shift_length,
            trend_length,
        )
        signals.extend(
            phase_signals(
                phase, view.part, last_point, shift_length, trend_length, numbers=view.points
            )
        )
        for i, number in enumerate(view.points):
            latest = point_type(phase.rule_label[i], phase.direction[i], sign)
            types[int(number) - 1] = latest.value
        lcl, ucl = float(lines.lcl[-1]), float(lines.ucl[-1])
    mdc = MdcReading(
        point_type=types,
        variation_icon=None if latest is None else variation_icon(latest, options.improvement),
        assurance_icon=assurance_icon(options.target, options.improvement, lcl, ucl),
    )
    added = {
        "runs_signal": flagged_parts(signals, columns["part"]),
        "point_type": np.array(types, dtype=object),
    }
    return Reading(signals, added, mdc)


register(
    RuleSetEntry(name=RuleSet.MDC.value, rule_set=RuleSet.MDC, read=read, run_lengths=MDC_LENGTHS)
)


__all__ = [
    "MDC_LENGTHS",
    "MDC_WORDING",
    "AssuranceIcon",
    "MdcReading",
    "MdcResult",
    "PointType",
    "VariationIcon",
    "mdc_analysis",
    "r_mean",
]
