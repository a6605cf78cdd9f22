"""Return the Anhøj rule set's signals: the default reading, as qicharts2's.

An unusually long run or unusually few crossings (Anhøj & Olesen 2014; the limits are worked out in
``qikit.core.spc.runs``, which sets each part's ``runs_signal``), plus points outside the 3-sigma
limits on control charts. Registered three times, once per limits of the runs analysis:
``anhoej`` (the default), and qicharts2's experimental ``bestbox`` and ``cutbox``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from qikit.core.spc.options import QicOptions
from qikit.core.spc.rules.base import (
    Columns,
    PartView,
    Reading,
    RuleSetEntry,
    outside,
    part_views,
    register,
    runs_of_sides,
    signal_adder,
)
from qikit.core.spc.runs import RUNS_METHODS, run_sides
from qikit.core.spc.signals import Rule, RuleSet, Signal


def read(columns: Columns, options: QicOptions) -> Reading:
    """Return the Anhøj signals of a chart; its ``runs_signal`` column stays as computed."""
    last_point = len(columns["xx"])
    signals: list[Signal] = []
    for view in part_views(columns):
        add = signal_adder(signals, view, last_point, RuleSet.ANHOEJ)
        if options.time_ordered and view.first_row["runs_signal"]:
            _name_runs(view, add)
        for side, at in outside(view.lines.y, view.lines.lcl, view.lines.ucl):
            add(Rule.OUTSIDE_LIMITS, at, side=side)
    return Reading(signals)


def _name_runs(view: PartView, add: Callable[..., None]) -> None:
    """Name the runs that break the Anhøj limits (the part's runs signal is already set)."""
    first = view.first_row
    facts = {
        "useful": int(first["n_useful"]),
        "longest_run": int(first["longest_run"]),
        "longest_run_max": int(first["longest_run_max"]),
        "crossings": int(first["n_crossings"]),
        "crossings_min": int(first["n_crossings_min"]),
    }
    sides = run_sides(view.lines.y, view.lines.cl)
    runs = list(runs_of_sides(sides))
    long_runs = [(side, at) for side, at in runs if at.size > facts["longest_run_max"]]
    for side, at in long_runs:
        add(Rule.LONG_RUN, at, side="above" if side > 0 else "below", **facts)
    few = facts["crossings"] < facts["crossings_min"]
    if few:
        useful_at = np.flatnonzero(~np.isnan(sides) & (sides != 0))
        add(Rule.FEW_CROSSINGS, useful_at, **facts)
    if not long_runs and not few and runs:
        # Best-box / cut-box limits are tighter than Anhøj's: name the longest run.
        side, at = max(runs, key=lambda item: item[1].size)
        add(Rule.LONG_RUN, at, side="above" if side > 0 else "below", **facts)


for _method in RUNS_METHODS:
    register(RuleSetEntry(name=_method, rule_set=RuleSet.ANHOEJ, read=read, runs_method=_method))
