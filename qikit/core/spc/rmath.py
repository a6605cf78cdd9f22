"""Sums, means, medians and standard deviations rounded exactly as R rounds them.

Whether a point sits *on* the centre line (and so is not "useful" in a runs analysis) can turn on
the last bit of a mean: numpy gives 10.699999999999998 for the mean of 11.9, 9.5 and 10.7 where R
gives 10.7. R adds up in long double (80-bit on x86-64, numpy's ``longdouble`` there), one value
after another, and its ``mean()`` adds back the mean of the residuals (R's summary.c and cov.c).
Doing the same here gives the same doubles as R, so runs analyses agree with qicharts2 exactly.
On platforms whose long double is a plain double the results can differ in the last bit, as R's
own do there.

Missing values (NaN) are left out, as R's ``na.rm = TRUE`` does.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

LONG = np.longdouble


def _kept(values: np.ndarray) -> np.ndarray:
    values = np.asarray(values, dtype=float)
    return values[~np.isnan(values)]


def r_sum(values: np.ndarray) -> float:
    """Return ``sum(values, na.rm = TRUE)`` as R computes it (0 when nothing is left)."""
    kept = _kept(values)
    if kept.size == 0:
        return 0.0
    return float(np.cumsum(kept.astype(LONG))[-1])


def r_mean(values: np.ndarray) -> float:
    """Return ``mean(values, na.rm = TRUE)`` as R computes it (NaN when nothing is left)."""
    kept = _kept(values)
    count = kept.size
    if count == 0:
        return math.nan
    long_values = kept.astype(LONG)
    mean = np.cumsum(long_values)[-1] / LONG(count)
    if math.isfinite(float(mean)):
        mean = mean + np.cumsum(long_values - mean)[-1] / LONG(count)
    return float(mean)


def r_median(values: np.ndarray) -> float:
    """Return ``median(values, na.rm = TRUE)``: an even count averages the middle two as R does."""
    kept = np.sort(_kept(values))
    count = kept.size
    if count == 0:
        return math.nan
    half = count // 2
    if count % 2:
        return float(kept[half])
    return r_mean(kept[half - 1 : half + 1])


def r_sd(values: np.ndarray) -> float:
    """Return ``sd(values, na.rm = TRUE)`` as R computes it (NaN for fewer than two values)."""
    kept = _kept(values)
    count = kept.size
    if count < 2:
        return math.nan
    mean = r_mean(kept)
    squares = np.cumsum(((kept - mean) ** 2).astype(LONG))[-1]
    return math.sqrt(float(squares / LONG(count - 1)))


def grouped_r_stats(
    y: np.ndarray, codes: np.ndarray, groups: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Return per-group (count of values, R sum, R mean, R sd), ignoring missing values.

    ``codes`` numbers each value's group from 0 to ``groups`` − 1; every group has at least one
    row. Values are summed in their original order within a group, as R does.
    """
    order = np.argsort(codes, kind="stable")
    ordered = y[order]
    starts = np.searchsorted(codes[order], np.arange(groups))
    valid = ~np.isnan(ordered)
    count = np.add.reduceat(valid.astype(np.int64), starts).astype(float)
    long_values = np.where(valid, ordered, 0.0).astype(LONG)
    sums = np.add.reduceat(long_values, starts)
    with np.errstate(invalid="ignore", divide="ignore"):
        means = sums / count.astype(LONG)
        member_mean = np.repeat(means, np.diff(np.append(starts, ordered.size)))
        residuals = np.where(valid, long_values - member_mean, LONG(0))
        means = means + np.add.reduceat(residuals, starts) / count.astype(LONG)
        mean_double = means.astype(float)
        member_double = np.repeat(mean_double, np.diff(np.append(starts, ordered.size)))
        squares = np.where(valid, (ordered - member_double) ** 2, 0.0).astype(LONG)
        variance = (np.add.reduceat(squares, starts) / (count - 1).astype(LONG)).astype(float)
        sd = np.where(count > 1, np.sqrt(variance), np.nan)
    return count, sums.astype(float), np.where(count > 0, mean_double, np.nan), sd


def grouped_r_median(y: np.ndarray, codes: np.ndarray, groups: int) -> np.ndarray:
    """Return the R median of each group (NaN where a group has no values)."""
    order = np.argsort(codes, kind="stable")
    bounds = np.append(np.searchsorted(codes[order], np.arange(groups)), order.size)
    ordered = y[order]
    return np.array([r_median(ordered[start:stop]) for start, stop in itertools.pairwise(bounds)])
