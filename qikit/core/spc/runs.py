"""Runs analysis: how the points sit around the centre line.

The Anhøj rules (Anhøj & Olesen 2014, PLoS ONE 9(11): e113825) flag non-random variation when the
longest run of points on one side of the centre line is longer than round(log2(n)) + 3 (Schilling
2012) or the line crosses the centre line fewer times than the 5th percentile of a
Binomial(n − 1, 0.5) (Chen 2010), where n counts the useful points — those not on the centre line.
The experimental "best box" and "cut box" variants (Anhøj & Wentzel-Larsen 2020, PLoS ONE 15(6):
e0233920) use that paper's published limits for 10–100 useful points.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

import numpy as np

#: Probability below which the number of crossings is unusually small (Anhøj & Olesen 2014).
CROSSINGS_QUANTILE = Fraction(5, 100)

#: Anhøj & Wentzel-Larsen (2020), Table 2 and supplement: limits for n = 10…100 useful points.
#: cb / lb: the best-box lower limit for crossings and upper limit for the longest run;
#: cbord / lbord: the borders of the cut box (None where the paper gives none).
_BOX_FIRST_N = 10
_BEST_BOX_CROSSINGS = (
    2, 3, 3, 3, 3, 4, 5, 5, 5, 5, 6, 7, 6, 6, 6, 6, 9, 9, 9, 10, 11, 11, 11, 11, 11, 12,
    13, 14, 13, 15, 15, 15, 14, 14, 17, 17, 17, 17, 19, 19, 19, 19, 19, 21, 21, 21, 21, 23, 23,
    23, 23, 23, 25, 25, 26, 26, 27, 27, 27, 28, 29, 29, 29, 30, 30, 31, 31, 31, 32, 33, 33, 33,
    34, 33, 35, 35, 35, 35, 37, 37, 38, 37, 39, 39, 39, 39, 39, 41, 41, 42, 41,
)  # fmt: skip
_BEST_BOX_LONGEST = (
    6, 7, 6, 6, 6, 7, 8, 7, 7, 7, 7, 8, 7, 7, 7, 7, 9, 8, 8, 8, 10, 9, 8, 8, 8, 8, 9, 10, 8,
    11, 9, 9, 8, 8, 10, 9, 9, 9, 12, 10, 9, 9, 9, 11, 10, 9, 9, 12, 10, 10, 9, 9, 11, 10, 11,
    10, 12, 10, 10, 11, 14, 11, 10, 11, 10, 12, 11, 10, 11, 13, 11, 10, 11, 10, 11, 11, 10, 10,
    12, 11, 12, 10, 13, 11, 11, 10, 10, 12, 11, 12, 10,
)  # fmt: skip
_CUT_BOX_CROSSINGS = (
    3, 4, None, None, None, 6, 6, None, 6, 6, None, None, 7, 7, 7, None, 10, 10, 11, None, 12,
    14, None, 12, 13, None, 15, None, None, None, None, 17, None, None, None, None, 19, 20, 20,
    21, None, 21, 21, 23, 23, None, 23, 25, 24, 26, None, 24, 27, 27, 27, 27, 29, None, 29, 29,
    30, 31, 30, 31, None, 32, 34, 33, 33, 37, 35, None, 36, 36, None, 38, 36, 38, 38, 39, None,
    39, 41, 40, 42, None, 41, 42, 44, 43, 42,
)  # fmt: skip
_CUT_BOX_LONGEST = (
    5, 6, None, None, None, 6, 7, None, 6, 5, None, None, 6, 6, 6, None, 7, 7, 7, None, 9, 8,
    None, 7, 7, None, 8, None, None, None, None, 8, None, None, None, None, 8, 7, 11, 9, None,
    8, 7, 9, 8, None, 8, 11, 9, 8, None, 8, 9, 9, 10, 9, 10, None, 8, 8, 13, 9, 9, 10, None, 9,
    8, 9, 8, 11, 9, None, 10, 7, None, 8, 9, 8, 10, 9, None, 9, 12, 10, 8, None, 8, 9, 9, 10, 9,
)  # fmt: skip

RUNS_METHODS = ("anhoej", "bestbox", "cutbox")


def longest_run_max(n_useful: int) -> int:
    """Return the longest run expected by chance among ``n_useful`` points (Schilling 2012)."""
    return round(math.log2(n_useful)) + 3


@lru_cache(maxsize=4096)
def crossings_min(n_useful: int) -> int:
    """Return the fewest crossings expected by chance: qbinom(0.05, n_useful − 1, 0.5)."""
    trials = max(n_useful - 1, 0)
    if trials <= 3000:
        # Exact: the smallest c with P(X ≤ c) ≥ 0.05, in integers (2^trials is the denominator).
        target = CROSSINGS_QUANTILE * 2**trials
        total = 0
        term = 1
        for c in range(trials + 1):
            total += term
            if total >= target:
                return c
            term = term * (trials - c) // (c + 1)
        return trials  # pragma: no cover - the loop always returns
    return _crossings_min_large(trials)


def _crossings_min_large(trials: int) -> int:
    """Binomial(trials, ½) 5 % quantile by summing the left tail in log space (large n)."""
    sd = math.sqrt(trials) / 2
    start = max(0, int(trials / 2 - 40 * sd))
    stop = int(trials / 2) + 1
    counts = np.arange(start, stop, dtype=float)
    log_first = (
        math.lgamma(trials + 1)
        - math.lgamma(start + 1)
        - math.lgamma(trials - start + 1)
        - trials * math.log(2)
    )
    ratios = np.log((trials - counts[:-1]) / (counts[:-1] + 1))
    log_pmf = np.concatenate(([log_first], log_first + np.cumsum(ratios)))
    cdf = np.cumsum(np.exp(log_pmf))
    index = int(np.searchsorted(cdf, float(CROSSINGS_QUANTILE) * (1 - 64 * 2.0**-52)))
    return start + index


@dataclass(frozen=True)
class RunsAnalysis:
    """The runs analysis of one part of a chart."""

    n_obs: int
    n_useful: int
    longest_run: int | None
    longest_run_max: int | None
    n_crossings: int | None
    n_crossings_min: int | None
    runs_signal: bool


def run_sides(y: np.ndarray, cl: np.ndarray) -> np.ndarray:
    """Return +1/−1 for points above/below the centre line, 0 on it, NaN where unknown."""
    with np.errstate(invalid="ignore"):
        return np.sign(y - cl)


def analyse_runs(
    y: np.ndarray, cl: np.ndarray, method: str = "anhoej"
) -> tuple[RunsAnalysis, np.ndarray]:
    """Return the runs analysis of the included points of a part and their useful positions.

    Points on the centre line and missing points are not useful: they neither break nor extend
    a run. The second value holds the positions (into ``y``) of the useful points.
    """
    sides = run_sides(y, cl)
    useful_at = np.flatnonzero(~np.isnan(sides) & (sides != 0))
    useful = sides[useful_at]
    n_useful = int(useful.size)
    if n_useful == 0:
        return RunsAnalysis(int(y.size), 0, None, None, None, None, False), useful_at
    change = np.flatnonzero(useful[1:] != useful[:-1]) + 1
    lengths = np.diff(np.concatenate(([0], change, [n_useful])))
    longest = int(lengths.max())
    crossings = int(lengths.size - 1)
    limit_run = longest_run_max(n_useful)
    limit_cross = crossings_min(n_useful)
    signal = runs_signal(n_useful, crossings, longest, method)
    analysis = RunsAnalysis(
        int(y.size), n_useful, longest, limit_run, crossings, limit_cross, signal
    )
    return analysis, useful_at


def runs_signal(n_useful: int, crossings: int, longest: int, method: str = "anhoej") -> bool:
    """Return True when the runs are unlikely to be random under ``method``.

    "bestbox" and "cutbox" are defined for 10–100 useful points; outside that range the Anhøj
    rules are used, as in qicharts2.
    """
    if method != "anhoej" and not _BOX_FIRST_N <= n_useful <= _BOX_FIRST_N + 90:
        method = "anhoej"
    if method == "anhoej":
        return not (crossings >= crossings_min(n_useful) and longest <= longest_run_max(n_useful))
    at = n_useful - _BOX_FIRST_N
    cb, lb = _BEST_BOX_CROSSINGS[at], _BEST_BOX_LONGEST[at]
    inside_best = crossings >= cb and longest <= lb
    if method == "bestbox":
        return not inside_best
    cbord, lbord = _CUT_BOX_CROSSINGS[at], _CUT_BOX_LONGEST[at]
    if cbord is None or lbord is None:
        return not inside_best
    # The cut box: the best box less its corner, with a border on each side of the corner.
    if crossings >= cb + 1 and longest <= lb - 1:
        return False
    if crossings == cb and longest <= lbord:
        return False
    return not (crossings >= cbord and longest <= lb)
