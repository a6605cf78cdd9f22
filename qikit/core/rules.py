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

from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

from qikit.core import limits as spc
from qikit.core.ihi_table import ihi_runs_limits
from qikit.core.runs import analyse_runs, run_sides
from qikit.core.signals import Rule, RuleSet, Signal
from qikit.core.wording import explain
from qikit.errors import DataError

if TYPE_CHECKING:
    from qikit.core.qic import QicResult

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


def two_of_three(
    y: np.ndarray, cl: np.ndarray, lower: np.ndarray, upper: np.ndarray
) -> list[tuple[str, np.ndarray]]:
    """Return windows of 3 points in a row with at least 2 beyond the same 2-sigma line.

    Only the points beyond the line are flagged; overlapping windows are merged.
    """
    with np.errstate(invalid="ignore"):
        high = (y > upper) & (y > cl)
        low = (y < lower) & (y < cl)
    found: list[tuple[str, np.ndarray]] = []
    for side, beyond in (("above", high), ("below", low)):
        flagged: set[int] = set()
        for start in range(max(0, y.size - 2)):
            window = np.arange(start, start + 3)
            hits = window[beyond[window]]
            if hits.size >= 2:
                flagged.update(hits.tolist())
        for group in _contiguous_groups(sorted(flagged), gap=2):
            found.append((side, np.asarray(group)))
    return found


def _contiguous_groups(points: list[int], gap: int = 1) -> list[list[int]]:
    groups: list[list[int]] = []
    for p in points:
        if groups and p - groups[-1][-1] <= gap:
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


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


def detect_signals(result: QicResult, rule_set: RuleSet | None) -> list[Signal]:
    """Return the signals of ``rule_set`` (None: the Anhøj rules, as qicharts2) on a chart."""
    data = result.data
    categorical = bool(result.options.get("x_is_categorical"))
    last_point = int(data["xx"].max())
    signals: list[Signal] = []
    for part, frame in data.groupby("part", sort=True):
        rows = frame[frame["include"]]
        points = rows["xx"].to_numpy()
        y = rows["y"].to_numpy(dtype=float)
        cl = rows["cl"].to_numpy(dtype=float)
        lcl = rows["lcl"].to_numpy(dtype=float)
        ucl = rows["ucl"].to_numpy(dtype=float)

        def add(
            rule: Rule,
            at: np.ndarray,
            used: RuleSet,
            points: np.ndarray = points,
            part: int = int(part),
            **facts: object,
        ) -> None:
            chosen = tuple(int(p) for p in points[at])
            text = explain(rule, points=chosen, last_point=last_point, **facts)
            signals.append(
                Signal(
                    rule=rule,
                    rule_set=used,
                    part=int(part),
                    points=chosen,
                    plain=text.plain,
                    technical=text.technical,
                    direction=str(facts.get("side") or facts.get("direction") or "") or None,
                )
            )

        time_ordered = not categorical and result.chart != "mr"
        if rule_set is None:
            if time_ordered and bool(frame["runs_signal"].iloc[0]):
                _anhoej(frame, y, cl, result.method, add)
            for side, at in _outside(y, lcl, ucl):
                add(Rule.OUTSIDE_LIMITS, at, RuleSet.ANHOEJ, side=side)
        elif rule_set is RuleSet.IHI:
            _ihi(result, frame, y, cl, lcl, ucl, time_ordered, add)
        else:
            shift_length = _check_length(
                result.options.get("shift_length"), MDC_SHIFT_LENGTH, "shift_length", rule_set
            )
            trend_length = _check_length(
                result.options.get("trend_length"), MDC_TREND_LENGTH, "trend_length", rule_set
            )
            for side, at in _outside(y, lcl, ucl):
                add(Rule.OUTSIDE_LIMITS, at, RuleSet.MDC, side=side)
            if time_ordered:
                for side, at in shifts(y, cl, shift_length):
                    add(Rule.SHIFT, at, RuleSet.MDC, side=side, length=shift_length)
                for direction, at in trends(y, trend_length):
                    add(Rule.TREND, at, RuleSet.MDC, direction=direction, length=trend_length)
                lower = rows["lcl_95"].to_numpy(dtype=float)
                upper = rows["ucl_95"].to_numpy(dtype=float)
                for side, at in two_of_three(y, cl, lower, upper):
                    add(Rule.TWO_OF_THREE, at, RuleSet.MDC, side=side)
    return signals


def _anhoej(frame, y, cl, method, add) -> None:  # type: ignore[no-untyped-def]
    """Name the runs that break the Anhøj limits (the part's runs signal is already set)."""
    first = frame.iloc[0]
    useful = int(first["n_useful"])
    longest_max = first["longest_run_max"]
    facts = {
        "useful": useful,
        "longest_run": int(first["longest_run"]),
        "longest_run_max": int(longest_max),
        "crossings": int(first["n_crossings"]),
        "crossings_min": int(first["n_crossings_min"]),
    }
    long_runs = [
        (side, at) for side, at in runs_of_sides(run_sides(y, cl)) if at.size > longest_max
    ]
    for side, at in long_runs:
        add(Rule.LONG_RUN, at, RuleSet.ANHOEJ, side="above" if side > 0 else "below", **facts)
    few = facts["crossings"] < facts["crossings_min"]
    if few:
        useful_at = np.flatnonzero(~np.isnan(run_sides(y, cl)) & (run_sides(y, cl) != 0))
        add(Rule.FEW_CROSSINGS, useful_at, RuleSet.ANHOEJ, **facts)
    if not long_runs and not few:
        # Best-box / cut-box limits are tighter than Anhøj's: name the longest run.
        runs = list(runs_of_sides(run_sides(y, cl)))
        side, at = max(runs, key=lambda item: item[1].size)
        add(Rule.LONG_RUN, at, RuleSet.ANHOEJ, side="above" if side > 0 else "below", **facts)


def _ihi(result, frame, y, cl, lcl, ucl, time_ordered, add) -> None:  # type: ignore[no-untyped-def]
    """The IHI run chart rules on one part."""
    options = result.options
    shift_length = _check_length(
        options.get("shift_length"), IHI_SHIFT_LENGTH, "shift_length", RuleSet.IHI
    )
    trend_length = _check_length(
        options.get("trend_length"), IHI_TREND_LENGTH, "trend_length", RuleSet.IHI
    )
    if time_ordered:
        for side, at in shifts(y, cl, shift_length):
            add(Rule.SHIFT, at, RuleSet.IHI, side=side, length=shift_length)
        for direction, at in trends(y, trend_length):
            add(Rule.TREND, at, RuleSet.IHI, direction=direction, length=trend_length)
        analysis, useful_at = analyse_runs(y, cl)
        bounds = ihi_runs_limits(analysis.n_useful)
        if bounds is not None and analysis.n_crossings is not None:
            runs = analysis.n_crossings + 1
            facts = {"runs": runs, "runs_min": bounds[0], "runs_max": bounds[1]}
            facts["useful"] = analysis.n_useful
            if runs < bounds[0]:
                add(Rule.TOO_FEW_RUNS, useful_at, RuleSet.IHI, **facts)
            elif runs > bounds[1]:
                add(Rule.TOO_MANY_RUNS, useful_at, RuleSet.IHI, **facts)
    if result.chart == "run":
        lcl, ucl = _individuals_limits(frame, result)
        basis = "limits of an individuals chart around the mean"
    else:
        basis = "control limits"
    for side, at in _outside(y, lcl, ucl):
        add(Rule.ASTRONOMICAL, at, RuleSet.IHI, side=side, basis=basis)


def _individuals_limits(frame, result) -> tuple[np.ndarray, np.ndarray]:  # type: ignore[no-untyped-def]
    """Limits an I chart would draw for this part, to judge 'astronomical' points objectively."""
    rows = frame[frame["include"]]
    y = rows["y"].to_numpy(dtype=float)
    base = rows["baseline"].to_numpy(dtype=bool)
    part = spc.PartInput(
        x_is_categorical=False,
        y=y,
        y_sum=y,
        y_length=np.ones_like(y),
        y_mean=y,
        y_sd=np.full_like(y, np.nan),
        n=np.full_like(y, np.nan),
        cl=np.full_like(y, np.nan),
        base=base,
        screen_mr=bool(result.options.get("screen_mr", True)),
    )
    lines = spc.i_lines(part)
    return lines.lcl, lines.ucl
