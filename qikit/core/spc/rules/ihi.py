"""Return the IHI rule set's signals (Provost & Murray 2011, ch. 3; Perla, Provost & Murray 2011).

A shift of 6 or more points on one side of the median, a trend of 5 or more points going up or
down, too few or too many runs (the published run table, ``qikit.core.spc.ihi_table``), and
astronomical points: beyond the limits; on a run chart, beyond the limits an individuals chart
would draw.
"""

from __future__ import annotations

import numpy as np

from qikit.core.spc import limits as spc
from qikit.core.spc.ihi_table import ihi_runs_limits
from qikit.core.spc.options import QicOptions, RunLengths
from qikit.core.spc.rules.base import (
    Columns,
    PartView,
    Reading,
    RuleSetEntry,
    flagged_parts,
    outside,
    part_views,
    register,
    runs_of_sides,
    signal_adder,
)
from qikit.core.spc.runs import analyse_runs, run_sides
from qikit.core.spc.signals import Rule, RuleSet, Signal

#: The IHI run chart rules' lengths (Provost & Murray 2011, ch. 3; Perla, Provost & Murray 2011),
#: and the lengths a QI lead may choose instead.
IHI_LENGTHS = RunLengths(
    shift=6,
    trend=5,
    allowed=tuple(range(3, 16)),
    expected="one of " + ", ".join(map(str, range(3, 16))),
    hint="Use the standard length unless your QI lead asked for another one.",
)


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


def read(columns: Columns, options: QicOptions) -> Reading:
    """Return the IHI signals of a chart, and its ``runs_signal`` column from them."""
    last_point = len(columns["xx"])
    # qic() resolves the lengths from IHI_LENGTHS, so they are set for this rule set.
    shift_length = int(options.shift_length or IHI_LENGTHS.shift)
    trend_length = int(options.trend_length or IHI_LENGTHS.trend)
    signals: list[Signal] = []
    for view in part_views(columns):
        add = signal_adder(signals, view, last_point, RuleSet.IHI)
        y, cl = view.lines.y, view.lines.cl
        if options.time_ordered:
            for side, at in shifts(y, cl, shift_length):
                add(Rule.SHIFT, at, side=side, length=shift_length)
            for direction, at in trends(y, trend_length):
                add(Rule.TREND, at, direction=direction, length=trend_length)
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
                    add(Rule.TOO_FEW_RUNS, useful_at, **facts)
                elif runs > bounds[1]:
                    add(Rule.TOO_MANY_RUNS, useful_at, **facts)
        if options.chart == "run":
            lcl, ucl = _individuals_limits(view, options.screen_mr)
            basis = "limits of an individuals chart around the mean"
        else:
            lcl, ucl = view.lines.lcl, view.lines.ucl
            basis = "control limits"
        for side, at in outside(y, lcl, ucl):
            add(Rule.ASTRONOMICAL, at, side=side, basis=basis)
    return Reading(signals, {"runs_signal": flagged_parts(signals, columns["part"])})


def _individuals_limits(view: PartView, screen_mr: bool) -> tuple[np.ndarray, np.ndarray]:
    """Limits an I chart would draw for this part, to judge 'astronomical' points objectively."""
    y = view.lines.y
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
        screen_mr=screen_mr,
    )
    lines = spc.i_lines(part)
    return lines.lcl, lines.ucl


register(
    RuleSetEntry(name=RuleSet.IHI.value, rule_set=RuleSet.IHI, read=read, run_lengths=IHI_LENGTHS)
)
