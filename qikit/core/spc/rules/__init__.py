"""Rule sets that read a chart: Anhøj (qicharts2), IHI and NHS Making Data Count.

Each rule is a small function over the points of one part that returns the stretches of points
it flags; ``detect_signals`` turns those into :class:`Signal` objects with their wording.

- ``anhoej`` — unusually long run or unusually few crossings (Anhøj & Olesen 2014), plus points
  outside the 3-sigma limits on control charts. The default, as in qicharts2.
- ``ihi`` — Provost & Murray (2011) / Perla et al. (2011): a shift of 6 or more points on one
  side of the median, a trend of 5 or more points going up or down, too few or too many runs
  (the published run table), and astronomical points (beyond the limits; on a run chart, beyond
  the limits an individuals chart would draw).
- ``mdc`` — NHS England, *Making Data Count* (2019): a point beyond a limit, 7 (or 6) points in a
  row on one side of the mean, 7 (or 6) points in a row going up or down, and 2 of 3 points in a
  row beyond 2 sigma on the same side.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from qikit.core.spc import limits as spc
from qikit.core.spc.ihi_table import ihi_runs_limits
from qikit.core.spc.rules import mdc
from qikit.core.spc.runs import analyse_runs, run_sides
from qikit.core.spc.signals import Rule, RuleSet, Signal
from qikit.core.wording import explain
from qikit.errors import DataError

if TYPE_CHECKING:
    from qikit.core.spc.qic import QicResult

#: IHI run chart rules (Provost & Murray 2011, ch. 3; Perla, Provost & Murray 2011).
IHI_SHIFT_LENGTH = 6
IHI_TREND_LENGTH = 5
#: NHS England Making Data Count (2019): default lengths, 6 allowed as an option.
MDC_SHIFT_LENGTH = 7
MDC_TREND_LENGTH = 7
ALLOWED_MDC_LENGTHS = (6, 7)

Stretch = tuple[int, ...]


def runs_of_sides(sides: np.ndarray) -> Iterator[tuple[float, np.ndarray]]:
    """Yield (side, positions) for each run of useful points; points on the line are skipped."""
    useful = np.flatnonzero(~np.isnan(sides) & (sides != 0))
    if useful.size == 0:
        return
    values = sides[useful]
    change = np.flatnonzero(values[1:] != values[:-1]) + 1
    for start, stop in zip(np.r_[0, change], np.r_[change, useful.size], strict=True):
        yield float(values[start]), useful[start:stop]


def shifts(y: np.ndarray, cl: np.ndarray, length: int) -> list[tuple[str, np.ndarray]]:
    """Return runs of ``length`` or more points on one side of the centre line."""
    return [
        ("above" if side > 0 else "below", positions)
        for side, positions in runs_of_sides(run_sides(y, cl))
        if positions.size >= length
    ]


def trends(y: np.ndarray, length: int) -> list[tuple[str, np.ndarray]]:
    """Return stretches of ``length`` or more points each higher (or lower) than the last.

    Missing values are skipped; a repeated value neither counts nor breaks the trend (IHI), so
    the stretch covers the repeats but only distinct steps are counted.
    """
    known = np.flatnonzero(~np.isnan(y))
    found: list[tuple[str, np.ndarray]] = []
    if known.size < 2:
        return found
    steps = np.sign(np.diff(y[known]))
    direction = 0.0
    start = 0  # index into known where the current trend starts
    counted = 1
    for i, step in enumerate(steps, start=1):
        if step == 0:
            continue
        if step == direction:
            counted += 1
        else:
            if counted >= length:
                found.append(_trend(direction, known[start:i]))
            # The new trend starts at the last point before this step (ignoring repeats of it).
            start = i - 1
            while start > 0 and y[known[start - 1]] == y[known[start]]:
                start -= 1
            direction = step
            counted = 2
    if counted >= length and direction != 0:
        found.append(_trend(direction, known[start:]))
    return found


def _trend(direction: float, positions: np.ndarray) -> tuple[str, np.ndarray]:
    return ("up" if direction > 0 else "down"), positions


def _outside(y: np.ndarray, lcl: np.ndarray, ucl: np.ndarray) -> list[tuple[str, np.ndarray]]:
    with np.errstate(invalid="ignore"):
        above = np.flatnonzero(y > ucl)
        below = np.flatnonzero(y < lcl)
    return [(side, at) for side, at in (("above", above), ("below", below)) if at.size]


def _check_length(value: int | None, default: int, name: str, rule_set: RuleSet) -> int:
    if value is None:
        return default
    allowed = ALLOWED_MDC_LENGTHS if rule_set is RuleSet.MDC else tuple(range(3, 16))
    if value not in allowed:
        raise DataError(
            name,
            f"one of {', '.join(map(str, allowed))}",
            value,
            "Use the standard length unless your QI lead asked for another one.",
        )
    return int(value)


@dataclass
class _PartView:
    """The included points of one part, as plain arrays."""

    part: int
    points: np.ndarray
    y: np.ndarray
    cl: np.ndarray
    lcl: np.ndarray
    ucl: np.ndarray
    lcl_95: np.ndarray
    ucl_95: np.ndarray
    baseline: np.ndarray
    first_row: dict[str, float]


def _part_views(columns: dict[str, np.ndarray]) -> Iterator[_PartView]:
    summary = ("n_useful", "longest_run", "longest_run_max", "n_crossings", "n_crossings_min")
    summary_columns = {name: columns[name] for name in summary}
    runs_flag = columns["runs_signal"]
    parts = columns["part"]
    for number in range(1, int(parts[-1]) + 1):
        in_part = parts == number
        first = int(np.argmax(in_part))
        rows = in_part & columns["include"].astype(bool)
        first_row = {name: float(values[first]) for name, values in summary_columns.items()}
        first_row["runs_signal"] = float(bool(runs_flag[first]))
        yield _PartView(
            part=number,
            points=columns["xx"][rows],
            y=columns["y"][rows].astype(float),
            cl=columns["cl"][rows].astype(float),
            lcl=columns["lcl"][rows].astype(float),
            ucl=columns["ucl"][rows].astype(float),
            lcl_95=columns["lcl_95"][rows].astype(float),
            ucl_95=columns["ucl_95"][rows].astype(float),
            baseline=columns["baseline"][rows].astype(bool),
            first_row=first_row,
        )


@dataclass
class MdcReading:
    """Making Data Count's reading of a chart: a point type per point and the two icons."""

    point_type: list[str]
    variation_icon: mdc.VariationIcon | None
    assurance_icon: mdc.AssuranceIcon | None


def detect_signals(result: QicResult, rule_set: RuleSet | None) -> list[Signal]:
    """Return the signals of ``rule_set`` (None: the Anhøj rules, as qicharts2) on a chart."""
    categorical = bool(result.options.get("x_is_categorical"))
    last_point = len(result.columns["xx"])
    time_ordered = not categorical and result.chart != "mr"
    signals: list[Signal] = []
    for view in _part_views(result.columns):

        def add(
            rule: Rule, at: np.ndarray, used: RuleSet, view: _PartView = view, **facts: object
        ) -> None:
            chosen = tuple(int(p) for p in view.points[at])
            text = explain(rule, points=chosen, last_point=last_point, **facts)
            direction = facts.get("side") or facts.get("direction")
            signals.append(
                Signal(
                    rule=rule,
                    rule_set=used,
                    part=view.part,
                    points=chosen,
                    plain=text.plain,
                    technical=text.technical,
                    direction=None if direction is None else str(direction),
                )
            )

        if rule_set is None:
            if time_ordered and view.first_row["runs_signal"]:
                _anhoej(view, add)
            for side, at in _outside(view.y, view.lcl, view.ucl):
                add(Rule.OUTSIDE_LIMITS, at, RuleSet.ANHOEJ, side=side)
        elif rule_set is RuleSet.IHI:
            _ihi(result, view, time_ordered, add)
        else:
            signals.extend(_mdc_part(result, view, last_point))
    return signals


def _mdc_lengths(result: QicResult) -> tuple[int, int]:
    options = result.options
    return (
        _check_length(options.get("shift_length"), MDC_SHIFT_LENGTH, "shift_length", RuleSet.MDC),
        _check_length(options.get("trend_length"), MDC_TREND_LENGTH, "trend_length", RuleSet.MDC),
    )


def _mdc_phase(result: QicResult, view: _PartView) -> mdc._Phase:
    shift_length, trend_length = _mdc_lengths(result)
    return mdc.classify_phase(
        view.y, 0, view.cl, view.lcl, view.ucl, view.lcl_95, view.ucl_95, shift_length, trend_length
    )


def _mdc_part(result: QicResult, view: _PartView, last_point: int) -> list[Signal]:
    """The MDC rules (NHSRplotthedots' implementation) on this chart's own lines."""
    if view.y.size == 0:
        return []
    shift_length, trend_length = _mdc_lengths(result)
    phase = _mdc_phase(result, view)
    return mdc.phase_signals(
        phase, view.part, last_point, shift_length, trend_length, numbers=view.points
    )


def mdc_reading(result: QicResult) -> MdcReading:
    """Return the MDC point types and icons of a chart (improvement: "increase" by default)."""
    improvement = result.options.get("improvement") or "increase"
    if improvement not in mdc.IMPROVEMENT_DIRECTIONS:
        raise DataError(
            "improvement",
            "one of " + ", ".join(repr(k) for k in mdc.IMPROVEMENT_DIRECTIONS),
            improvement,
            "Say whether higher values are better (increase) or lower ones (decrease).",
        )
    sign = mdc.IMPROVEMENT_DIRECTIONS[improvement]
    types = ["common_cause"] * len(result.columns["xx"])
    latest: mdc.PointType | None = None
    lcl = ucl = float("nan")
    for view in _part_views(result.columns):
        if view.y.size == 0:
            continue
        phase = _mdc_phase(result, view)
        for i, number in enumerate(view.points):
            kind = mdc.point_type(phase.rule_label[i], phase.direction[i], sign)
            types[int(number) - 1] = kind.value
            latest = kind
        lcl, ucl = float(view.lcl[-1]), float(view.ucl[-1])
    target = result.options.get("target")
    return MdcReading(
        point_type=types,
        variation_icon=None if latest is None else mdc.variation_icon(latest, improvement),
        assurance_icon=mdc.assurance_icon(target, improvement, lcl, ucl),
    )


def _anhoej(view: _PartView, add: Callable[..., None]) -> None:
    """Name the runs that break the Anhøj limits (the part's runs signal is already set)."""
    first = view.first_row
    facts = {
        "useful": int(first["n_useful"]),
        "longest_run": int(first["longest_run"]),
        "longest_run_max": int(first["longest_run_max"]),
        "crossings": int(first["n_crossings"]),
        "crossings_min": int(first["n_crossings_min"]),
    }
    sides = run_sides(view.y, view.cl)
    runs = list(runs_of_sides(sides))
    long_runs = [(side, at) for side, at in runs if at.size > facts["longest_run_max"]]
    for side, at in long_runs:
        add(Rule.LONG_RUN, at, RuleSet.ANHOEJ, side="above" if side > 0 else "below", **facts)
    few = facts["crossings"] < facts["crossings_min"]
    if few:
        useful_at = np.flatnonzero(~np.isnan(sides) & (sides != 0))
        add(Rule.FEW_CROSSINGS, useful_at, RuleSet.ANHOEJ, **facts)
    if not long_runs and not few and runs:
        # Best-box / cut-box limits are tighter than Anhøj's: name the longest run.
        side, at = max(runs, key=lambda item: item[1].size)
        add(Rule.LONG_RUN, at, RuleSet.ANHOEJ, side="above" if side > 0 else "below", **facts)


def _ihi(result: QicResult, view: _PartView, time_ordered: bool, add: Callable[..., None]) -> None:
    """The IHI run chart rules on one part."""
    options = result.options
    shift_length = _check_length(
        options.get("shift_length"), IHI_SHIFT_LENGTH, "shift_length", RuleSet.IHI
    )
    trend_length = _check_length(
        options.get("trend_length"), IHI_TREND_LENGTH, "trend_length", RuleSet.IHI
    )
    y, cl = view.y, view.cl
    if time_ordered:
        for side, at in shifts(y, cl, shift_length):
            add(Rule.SHIFT, at, RuleSet.IHI, side=side, length=shift_length)
        for direction, at in trends(y, trend_length):
            add(Rule.TREND, at, RuleSet.IHI, direction=direction, length=trend_length)
        analysis, useful_at = analyse_runs(y, cl)
        bounds = ihi_runs_limits(analysis.n_useful)
        if bounds is not None and analysis.n_crossings is not None:
            runs = analysis.n_crossings + 1
            facts = {
                "runs": runs,
                "runs_min": bounds[0],
                "runs_max": bounds[1],
                "useful": analysis.n_useful,
            }
            if runs < bounds[0]:
                add(Rule.TOO_FEW_RUNS, useful_at, RuleSet.IHI, **facts)
            elif runs > bounds[1]:
                add(Rule.TOO_MANY_RUNS, useful_at, RuleSet.IHI, **facts)
    if result.chart == "run":
        lcl, ucl = _individuals_limits(view, result)
        basis = "limits of an individuals chart around the mean"
    else:
        lcl, ucl = view.lcl, view.ucl
        basis = "control limits"
    for side, at in _outside(y, lcl, ucl):
        add(Rule.ASTRONOMICAL, at, RuleSet.IHI, side=side, basis=basis)


def _individuals_limits(view: _PartView, result: QicResult) -> tuple[np.ndarray, np.ndarray]:
    """Limits an I chart would draw for this part, to judge 'astronomical' points objectively."""
    y = view.y
    part = spc.PartInput(
        x_is_categorical=False,
        y=y,
        y_sum=y,
        y_length=np.ones_like(y),
        y_mean=y,
        y_sd=np.full_like(y, np.nan),
        n=np.full_like(y, np.nan),
        cl=np.full_like(y, np.nan),
        base=view.baseline,
        screen_mr=bool(result.options.get("screen_mr", True)),
    )
    lines = spc.i_lines(part)
    return lines.lcl, lines.ucl
