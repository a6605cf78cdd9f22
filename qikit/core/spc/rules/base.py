"""Return what every rule set shares: its registry entry, the registry, and a view of one part.

A rule set is a module of this package (``anhoej``, ``ihi``, ``mdc``) with a ``read`` function that
takes a chart's columns and its :class:`~qikit.core.spc.options.QicOptions` and returns a
:class:`Reading`; the module registers itself with :func:`register`. The registry lives here, below
the rule set modules, so that registering imports nothing that imports the rule sets back;
``qikit.core.spc.rules`` imports the modules and offers the registry and the look-up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from qikit.core.spc.limits import LINE_COLUMNS, PartLines
from qikit.core.spc.options import QicOptions, RunLengths
from qikit.core.spc.signals import Rule, RuleSet, Signal
from qikit.core.wording import explain

#: A chart's columns as qic() works them out (``qikit.core.spc.qic.DATA_COLUMNS``), as arrays.
Columns = Mapping[str, Any]


@dataclass(frozen=True)
class Reading:
    """What a rule set found on a chart: its signals and the columns it sets.

    ``columns`` replaces or adds result columns (IHI and MDC set ``runs_signal`` from their own
    rules; MDC adds ``point_type``). ``mdc`` is Making Data Count's point types and icons
    (:class:`qikit.core.spc.rules.mdc.MdcReading`), None for the other rule sets.
    """

    signals: list[Signal]
    columns: Mapping[str, np.ndarray] = field(default_factory=dict)
    mdc: Any = None


@dataclass(frozen=True)
class RuleSetEntry:
    """One registered rule set: its name for ``qic(method=...)`` and how it reads a chart."""

    name: str
    rule_set: RuleSet
    read: Callable[[Columns, QicOptions], Reading]
    #: The runs analysis limits behind the ``runs_signal`` column (qicharts2's ``method``).
    runs_method: str = "anhoej"
    #: The rule set's shift and trend lengths, when it has those rules.
    run_lengths: RunLengths | None = None


#: Every rule set by name, in the order the modules register them.
REGISTRY: dict[str, RuleSetEntry] = {}


def register(entry: RuleSetEntry) -> RuleSetEntry:
    """Return ``entry`` after adding it to the registry (a name is registered only once)."""
    if entry.name in REGISTRY:
        raise ValueError(f"rule set {entry.name!r} is registered twice")
    REGISTRY[entry.name] = entry
    return entry


@dataclass(frozen=True)
class PartView:
    """The included points of one part, as plain arrays."""

    part: int
    #: The chart's point numbers (from 1) of the included points.
    points: np.ndarray
    #: The values and lines at those points.
    lines: PartLines
    baseline: np.ndarray
    #: The part's runs analysis (the same on every row of the part) and its ``runs_signal``.
    first_row: dict[str, float]


_SUMMARY = ("n_useful", "longest_run", "longest_run_max", "n_crossings", "n_crossings_min")


def part_views(columns: Columns) -> Iterator[PartView]:
    """Yield a view of the included points of each part, in part order."""
    summary_columns = {name: columns[name] for name in _SUMMARY}
    runs_flag = columns["runs_signal"]
    parts = columns["part"]
    for number in range(1, int(parts[-1]) + 1):
        in_part = parts == number
        first = int(np.argmax(in_part))
        rows = in_part & columns["include"].astype(bool)
        first_row = {name: float(values[first]) for name, values in summary_columns.items()}
        first_row["runs_signal"] = float(bool(runs_flag[first]))
        yield PartView(
            part=number,
            points=columns["xx"][rows],
            lines=PartLines(**{name: columns[name][rows].astype(float) for name in LINE_COLUMNS}),
            baseline=columns["baseline"][rows].astype(bool),
            first_row=first_row,
        )


def signal_adder(
    signals: list[Signal], view: PartView, last_point: int, rule_set: RuleSet
) -> Callable[..., None]:
    """Return ``add(rule, at, **facts)``, which appends the worded signal of positions ``at``."""

    def add(rule: Rule, at: np.ndarray, **facts: object) -> None:
        chosen = tuple(int(p) for p in view.points[at])
        text = explain(rule, points=chosen, last_point=last_point, **facts)
        direction = facts.get("side") or facts.get("direction")
        signals.append(
            Signal(
                rule=rule,
                rule_set=rule_set,
                part=view.part,
                points=chosen,
                plain=text.plain,
                technical=text.technical,
                direction=None if direction is None else str(direction),
            )
        )

    return add


def runs_of_sides(sides: np.ndarray) -> Iterator[tuple[float, np.ndarray]]:
    """Yield (side, positions) for each run of useful points; points on the line are skipped."""
    useful = np.flatnonzero(~np.isnan(sides) & (sides != 0))
    if useful.size == 0:
        return
    values = sides[useful]
    change = np.flatnonzero(values[1:] != values[:-1]) + 1
    for start, stop in zip(np.r_[0, change], np.r_[change, useful.size], strict=True):
        yield float(values[start]), useful[start:stop]


def outside(y: np.ndarray, lcl: np.ndarray, ucl: np.ndarray) -> list[tuple[str, np.ndarray]]:
    """Return ("above" / "below", positions) for the points beyond the limits."""
    with np.errstate(invalid="ignore"):
        above = np.flatnonzero(y > ucl)
        below = np.flatnonzero(y < lcl)
    return [(side, at) for side, at in (("above", above), ("below", below)) if at.size]


def flagged_parts(signals: list[Signal], parts: np.ndarray) -> np.ndarray:
    """Per-row flag: did any rule other than a limit rule fire in the row's part?"""
    flagged = [s.part for s in signals if s.rule is not Rule.OUTSIDE_LIMITS]
    return np.isin(parts, flagged)
