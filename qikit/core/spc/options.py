"""Return the checked options of a chart: ``QicOptions``, made once by qic(), read by the rules.

Why a module of its own: ``qic()`` checks what it was asked for once, here, and both the chart
arithmetic (``qic``) and the rule sets (``rules``) read the same frozen value. It sits below both,
so the rules never need to know about ``qic`` or its result. The checks that several entry points
share (a choice from a list, the improvement direction, the target, a run length) live here too,
so each is worded once.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from qikit.errors import DataError

#: Which way is better, as NHSRplotthedots maps it (R/ptd_spc_options.R, R/ptd_spc.R: 1, 0, -1).
IMPROVEMENT_DIRECTIONS: dict[str, int] = {"increase": 1, "neutral": 0, "decrease": -1}
#: With no ``improvement`` given, higher is better (as NHSRplotthedots' default).
DEFAULT_IMPROVEMENT = "increase"


def check_choice(value: object, allowed: Sequence[str], name: str, what: str) -> str:
    """Return ``value`` in lower case, or raise DataError naming the allowed choices."""
    if not isinstance(value, str) or value.lower() not in allowed:
        raise DataError(
            name,
            f"one of {', '.join(repr(a) for a in allowed)}",
            value,
            f"Choose {what} from that list.",
        )
    return value.lower()


def check_improvement(value: object) -> str:
    """Return "increase", "decrease" or "neutral", or raise DataError."""
    if not isinstance(value, str) or value.strip().lower() not in IMPROVEMENT_DIRECTIONS:
        raise DataError(
            "improvement",
            "“increase”, “decrease” or “neutral”",
            value,
            "Say whether higher values are better (increase), lower values are better "
            "(decrease), or neither (neutral).",
        )
    return value.strip().lower()


def check_target(value: object) -> float | None:
    """Return the target as a float (None: no target), or raise DataError."""
    if value is None:
        return None
    if (
        isinstance(value, (bool, np.bool_))
        or not isinstance(value, numbers.Real)
        or not math.isfinite(float(value))
    ):
        raise DataError(
            "target",
            "a single number",
            value,
            "Type the target as a number, or leave it empty.",
        )
    return float(value)


@dataclass(frozen=True)
class RunLengths:
    """A rule set's shift and trend lengths: the defaults and the lengths a user may choose.

    Each rule set that has shift and trend rules names its lengths once, with this (``rules.ihi``,
    ``rules.mdc``); ``qic()`` and ``mdc_analysis()`` check a chosen length with :meth:`check`.
    """

    shift: int
    trend: int
    allowed: tuple[int, ...]
    #: How an error message names the allowed lengths ("6 or 7").
    expected: str
    #: What an error message advises.
    hint: str

    def check(self, name: str, value: object) -> int:
        """Return ``value`` as a length of this rule set, or raise DataError naming ``name``."""
        if (
            isinstance(value, (bool, np.bool_))
            or not isinstance(value, numbers.Integral)
            or int(value) not in self.allowed
        ):
            raise DataError(name, self.expected, value, self.hint)
        return int(value)

    def shift_length(self, value: object | None) -> int:
        """Return the chosen shift length (None: the default)."""
        return self.shift if value is None else self.check("shift_length", value)

    def trend_length(self, value: object | None) -> int:
        """Return the chosen trend length (None: the default)."""
        return self.trend if value is None else self.check("trend_length", value)


@dataclass(frozen=True)
class QicOptions:
    """What a chart was asked for, checked: the chart arithmetic and the rules read only this.

    ``method`` is the rule set's registered name; ``runs_method`` the runs analysis limits behind
    the ``runs_signal`` column ("anhoej", "bestbox" or "cutbox"). ``shift_length`` and
    ``trend_length`` are None for a rule set without shift and trend rules.
    """

    chart: str
    method: str
    runs_method: str
    agg_fun: str
    #: Only the first ``freeze`` subgroups set the lines (None: all; always None with parts).
    freeze: int | None
    #: Break points: a new part starts after each of these subgroups.
    breaks: tuple[int, ...]
    #: Subgroup numbers (from 1) left out of the calculations.
    exclude: tuple[int, ...]
    multiply: float
    screen_mr: bool
    y_neg: bool
    #: The x values are text labels (categories), not numbers or dates: no time order to read.
    x_is_categorical: bool
    improvement: str
    target: float | None
    shift_length: int | None
    trend_length: int | None

    @property
    def time_ordered(self) -> bool:
        """True when the points are in time order, so runs and trends mean something."""
        return not self.x_is_categorical and self.chart != "mr"

    @classmethod
    def checked(
        cls,
        *,
        chart: str,
        method: str,
        runs_method: str,
        run_lengths: RunLengths | None,
        agg_fun: str,
        freeze: int | None,
        breaks: Sequence[int],
        exclude: Sequence[int],
        multiply: float,
        screen_mr: bool,
        y_neg: bool,
        x_is_categorical: bool,
        improvement: object,
        target: object,
        shift_length: object,
        trend_length: object,
    ) -> QicOptions:
        """Return the options with the rule options checked (``chart`` etc. are checked already)."""
        return cls(
            chart=chart,
            method=method,
            runs_method=runs_method,
            agg_fun=agg_fun,
            freeze=freeze,
            breaks=tuple(breaks),
            exclude=tuple(exclude),
            multiply=multiply,
            screen_mr=bool(screen_mr),
            y_neg=bool(y_neg),
            x_is_categorical=x_is_categorical,
            improvement=check_improvement(improvement or DEFAULT_IMPROVEMENT),
            target=check_target(target),
            shift_length=None if run_lengths is None else run_lengths.shift_length(shift_length),
            trend_length=None if run_lengths is None else run_lengths.trend_length(trend_length),
        )
