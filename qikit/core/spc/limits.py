"""Centre lines and control limits for the twelve qicharts2 chart types.

Each function works on one part (phase) of a chart, after repeated x values have been aggregated
into subgroups. The formulas follow Montgomery, *Introduction to Statistical Quality Control*
(6th ed.), Provost & Murray, *The Health Care Data Guide* (2011), and Laney (2002) for the prime
charts; where qicharts2 (Anhøj) makes a documented choice — moving-range screening, the G chart's
median centre line, clipping of limits — the same choice is made here, so results agree.

The inputs mirror qicharts2's aggregated columns: ``y`` (the plotted value), ``y_sum``,
``y_length`` (number of non-missing values), ``y_mean``, ``y_sd``, ``n`` (the denominator) and
``cl`` (a fixed centre line, NaN where none was given). ``base`` marks points that are both in the
baseline (not after a freeze) and not excluded: only those feed the centre line and limits.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, fields

import numpy as np

from qikit.core.spc.rmath import r_mean, r_median, r_sd, r_sum
from qikit.errors import DataError

#: d2 for moving ranges of two observations (Montgomery, Appendix Table VI).
D2_MR = 1.128
#: D4 for moving ranges of two observations: the upper limit of a moving-range chart and the
#: screening limit for unusually large moving ranges (Nelson 1982; Montgomery Appendix VI).
D4_MR = 3.267
#: Exponent of Nelson's transformation of exponential times between events (Montgomery, 7.3.5;
#: Nelson 1994): y ** (1 / 3.6) is close to normal.
T_CHART_EXPONENT = 3.6
#: Ratio of the median to the mean of a geometric distribution, used for a G chart whose centre
#: line was given (Provost & Murray 2011, p. 228).
G_MEDIAN_RATIO = 0.693


@dataclass
class PartInput:
    """The aggregated subgroups of one part of a chart."""

    x_is_categorical: bool
    y: np.ndarray
    y_sum: np.ndarray
    y_length: np.ndarray
    y_mean: np.ndarray
    y_sd: np.ndarray
    n: np.ndarray
    cl: np.ndarray
    base: np.ndarray
    screen_mr: bool


@dataclass
class PartLines:
    """What a chart function returns: the plotted values and the lines around them."""

    y: np.ndarray
    cl: np.ndarray
    lcl: np.ndarray
    ucl: np.ndarray
    lcl_95: np.ndarray
    ucl_95: np.ndarray


#: The aggregated columns a part is charted from (``PartInput``'s arrays other than ``base``).
SUBGROUP_COLUMNS = ("y", "y_sum", "y_length", "y_mean", "y_sd", "n", "cl")
#: The columns a chart function returns (``PartLines``' fields), in order.
LINE_COLUMNS = tuple(f.name for f in fields(PartLines))


def _mean(values: np.ndarray) -> float:
    """Mean ignoring missing values; NaN when nothing is left (R's mean(na.rm = TRUE))."""
    return r_mean(values)


def _median(values: np.ndarray) -> float:
    return r_median(values)


def _nansum(values: np.ndarray) -> np.float64:
    """Sum ignoring missing values, as a numpy float so that x / 0 gives inf or NaN as in R."""
    return np.float64(r_sum(values))


def _centre(part: PartInput, compute: Callable[[], float]) -> np.ndarray:
    """Use the given centre line unless any of it is missing in this part (qicharts2's rule)."""
    if np.isnan(part.cl).any():
        return np.full(part.y.shape, compute(), dtype=float)
    return part.cl.astype(float)


def _symmetric(y: np.ndarray, cl: np.ndarray, stdev: np.ndarray | float) -> PartLines:
    with np.errstate(invalid="ignore"):
        return PartLines(
            y=y,
            cl=cl,
            lcl=cl - 3 * stdev,
            ucl=cl + 3 * stdev,
            lcl_95=cl - 2 * stdev,
            ucl_95=cl + 2 * stdev,
        )


def _clip_below_zero(lines: PartLines) -> PartLines:
    for name in ("lcl", "lcl_95"):
        values = getattr(lines, name)
        setattr(lines, name, np.where(np.isfinite(values) & (values < 0), 0.0, values))
    return lines


def _clip_above_one(lines: PartLines) -> PartLines:
    for name in ("ucl", "ucl_95"):
        values = getattr(lines, name)
        setattr(lines, name, np.where(np.isfinite(values) & (values > 1), 1.0, values))
    return lines


def average_moving_range(deviations: np.ndarray, screen: bool) -> float:
    """Return the average moving range of consecutive values, optionally screened.

    Missing values break the chain (their two moving ranges are missing); with ``screen`` moving
    ranges at or above 3.267 × the first average are dropped before averaging again (Nelson 1982).
    """
    moving_ranges = np.abs(np.diff(deviations))
    average = _mean(moving_ranges)
    if screen:
        with np.errstate(invalid="ignore"):
            keep = ~(moving_ranges >= D4_MR * average)
        average = _mean(moving_ranges[keep])
    return average


def run_lines(part: PartInput) -> PartLines:
    """Run chart: the median of the baseline; no limits."""
    cl = _centre(part, lambda: _median(part.y[part.base]))
    empty = np.full(part.y.shape, np.nan)
    return PartLines(part.y, cl, empty, empty.copy(), empty.copy(), empty.copy())


def i_lines(part: PartInput) -> PartLines:
    """I chart (individuals): mean ± 3 × average moving range / d2 (Montgomery 6.33)."""
    cl = _centre(part, lambda: _mean(part.y[part.base]))
    amr = average_moving_range(part.y[part.base] - cl[part.base], part.screen_mr)
    return _symmetric(part.y, cl, amr / D2_MR)


def mr_lines(part: PartInput) -> PartLines:
    """Moving-range chart: the mean moving range, upper limit D4 × mean, lower limit 0."""
    y = np.concatenate(([np.nan], np.abs(np.diff(part.y))))
    cl = _centre(part, lambda: _mean(y[part.base]))
    zeros = np.zeros(y.shape)
    return PartLines(y, cl, zeros, D4_MR * cl, zeros.copy(), (D4_MR / 3) * 2 * cl)


def c4(n: np.ndarray) -> np.ndarray:
    """Return the bias correction c4 for a standard deviation from n values (NaN for n ≤ 1)."""
    n = np.asarray(n, dtype=float)
    out = np.full(n.shape, np.nan)
    ok = n > 1
    lgamma = np.vectorize(math.lgamma, otypes=[float])
    if ok.any():
        m = n[ok]
        out[ok] = np.sqrt(2 / (m - 1)) * np.exp(lgamma(m / 2) - lgamma((m - 1) / 2))
    return out


def _a3(n: np.ndarray, k: float) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return k / (c4(n) * np.sqrt(np.where(n > 1, n, np.nan)))


def _c5_over_c4(n: np.ndarray) -> np.ndarray:
    c = c4(n)
    return np.sqrt(1 - c**2) / c


def _pooled_sd(part: PartInput) -> float:
    """sqrt(Σ(nᵢ − 1)sᵢ² / Σ(nᵢ − 1)) over the baseline subgroups (Montgomery 6.31)."""
    size = part.y_length[part.base]
    sd = part.y_sd[part.base]
    with np.errstate(invalid="ignore", divide="ignore"):
        return float(np.sqrt(_nansum((size - 1) * sd**2) / _nansum(size - 1)))


def _variable_sizes(part: PartInput) -> bool:
    return np.unique(part.y_length).size > 1


def xbar_lines(part: PartInput) -> PartLines:
    """X-bar chart: weighted grand mean ± A3 × s (Montgomery 6.29–6.31)."""

    def grand_mean() -> float:
        size = part.y_length[part.base]
        with np.errstate(invalid="ignore", divide="ignore"):
            return float(_nansum(size * part.y_mean[part.base]) / _nansum(size))

    cl = _centre(part, grand_mean)
    stdev = _pooled_sd(part) if _variable_sizes(part) else _mean(part.y_sd[part.base])
    with np.errstate(invalid="ignore"):
        return PartLines(
            y=part.y,
            cl=cl,
            lcl=cl - _a3(part.y_length, 3) * stdev,
            ucl=cl + _a3(part.y_length, 3) * stdev,
            lcl_95=cl - _a3(part.y_length, 2) * stdev,
            ucl_95=cl + _a3(part.y_length, 2) * stdev,
        )


def s_lines(part: PartInput) -> PartLines:
    """S chart: pooled (or mean) standard deviation with B3/B4 limits (Montgomery 6.29, 6.31)."""
    if _variable_sizes(part):
        cl = _centre(part, lambda: _pooled_sd(part))
    else:
        cl = _centre(part, lambda: _mean(part.y_sd[part.base]))
    ratio = _c5_over_c4(part.y_length)
    with np.errstate(invalid="ignore"):
        return PartLines(
            y=part.y_sd.copy(),
            cl=cl,
            lcl=_b3(ratio, 3) * cl,
            ucl=(1 + 3 * ratio) * cl,
            lcl_95=_b3(ratio, 2) * cl,
            ucl_95=(1 + 2 * ratio) * cl,
        )


def _b3(ratio: np.ndarray, k: float) -> np.ndarray:
    """B3 = max(0, 1 − k·c5/c4), missing where c4 is missing (R's pmax keeps NA)."""
    with np.errstate(invalid="ignore"):
        value = 1 - k * ratio
    return np.where(np.isnan(value), np.nan, np.maximum(0.0, value))


def t_lines(part: PartInput) -> PartLines:
    """T chart (time between rare events): an I chart on y^(1/3.6), transformed back."""
    observed = part.y[~np.isnan(part.y)]
    if observed.size and observed.min() <= 0:
        raise DataError(
            "time between events",
            "every value greater than zero",
            float(observed.min()),
            "A T chart counts the time (for example days) between events, so each value must "
            "be more than 0. Check for blanks typed as 0.",
        )
    transformed = PartInput(**{**part.__dict__, "y": part.y ** (1 / T_CHART_EXPONENT)})
    lines = i_lines(transformed)
    with np.errstate(invalid="ignore"):
        back = PartLines(
            y=lines.y**T_CHART_EXPONENT,
            cl=lines.cl**T_CHART_EXPONENT,
            lcl=lines.lcl**T_CHART_EXPONENT,
            ucl=lines.ucl**T_CHART_EXPONENT,
            lcl_95=lines.lcl_95**T_CHART_EXPONENT,
            ucl_95=lines.ucl_95**T_CHART_EXPONENT,
        )
    # A negative transformed limit has no real power: qicharts2 puts the lower limit at 0 and
    # leaves the 2-sigma one missing.
    back.lcl = np.where(np.isnan(back.lcl) | (back.lcl < 0), 0.0, back.lcl)
    return back


def _pooled_rate(part: PartInput) -> float:
    with np.errstate(invalid="ignore", divide="ignore"):
        return float(_nansum(part.y_sum[part.base]) / _nansum(part.n[part.base]))


def p_lines(part: PartInput) -> PartLines:
    """P chart: p̄ ± 3√(p̄(1 − p̄)/n), clipped to [0, 1] (Montgomery 7.7)."""
    cl = _centre(part, lambda: _pooled_rate(part))
    with np.errstate(invalid="ignore", divide="ignore"):
        stdev = np.sqrt(cl * (1 - cl) / part.n)
    return _clip_above_one(_clip_below_zero(_symmetric(part.y, cl, stdev)))


def _laney_sigma_z(part: PartInput, cl: np.ndarray, stdev: np.ndarray) -> float:
    """Between-subgroup spread of the z-scores for the prime charts (Laney 2002)."""
    with np.errstate(invalid="ignore", divide="ignore"):
        z = (part.y[part.base] - cl[part.base]) / stdev[part.base]
    if part.x_is_categorical:
        # Funnel plots: no time order, so the plain standard deviation (NA if any is missing).
        if z.size < 2 or np.isnan(z).any():
            return math.nan
        return r_sd(z)
    return average_moving_range(z, part.screen_mr) / D2_MR


def pp_lines(part: PartInput) -> PartLines:
    """Laney P′ chart: the P chart's sigma scaled by the between-subgroup variation."""
    cl = _centre(part, lambda: _pooled_rate(part))
    with np.errstate(invalid="ignore", divide="ignore"):
        stdev = np.sqrt(cl * (1 - cl) / part.n)
    stdev = stdev * _laney_sigma_z(part, cl, stdev)
    return _clip_above_one(_clip_below_zero(_symmetric(part.y, cl, stdev)))


def c_lines(part: PartInput) -> PartLines:
    """C chart (counts): c̄ ± 3√c̄, lower limit not below 0 (Montgomery 7.17)."""
    y = part.y_sum.copy()
    cl = _centre(part, lambda: _mean(y[part.base]))
    with np.errstate(invalid="ignore"):
        stdev = np.sqrt(cl)
    return _clip_below_zero(_symmetric(y, cl, stdev))


def u_lines(part: PartInput) -> PartLines:
    """U chart (rates): ū ± 3√(ū/n), lower limit not below 0 (Montgomery 7.19)."""
    cl = _centre(part, lambda: _pooled_rate(part))
    with np.errstate(invalid="ignore", divide="ignore"):
        stdev = np.sqrt(cl / part.n)
    return _clip_below_zero(_symmetric(part.y, cl, stdev))


def up_lines(part: PartInput) -> PartLines:
    """Laney U′ chart: the U chart's sigma scaled by the between-subgroup variation."""
    cl = _centre(part, lambda: _pooled_rate(part))
    with np.errstate(invalid="ignore", divide="ignore"):
        stdev = np.sqrt(cl / part.n)
    stdev = stdev * _laney_sigma_z(part, cl, stdev)
    return _clip_below_zero(_symmetric(part.y, cl, stdev))


def g_lines(part: PartInput) -> PartLines:
    """G chart (opportunities between rare events): geometric limits around the mean.

    Limits use the mean ḡ: ḡ ± 3√(ḡ(ḡ + 1)) (Montgomery p. 319); the line drawn is the median of
    the baseline, or 0.693 × a given centre line (Provost & Murray 2011, p. 228).
    """
    given = not np.isnan(part.cl).any()
    mean_line = _centre(part, lambda: _mean(part.y[part.base]))
    with np.errstate(invalid="ignore"):
        stdev = np.sqrt(mean_line * (mean_line + 1))
    lines = _symmetric(part.y, mean_line, stdev)
    lines.lcl = np.where(lines.lcl < 0, 0.0, lines.lcl)
    lines.lcl_95 = np.where(lines.lcl_95 < 0, 0.0, lines.lcl_95)
    if given:
        lines.cl = G_MEDIAN_RATIO * mean_line
    else:
        lines.cl = np.full(part.y.shape, _median(part.y[part.base]))
    return lines


#: The chart functions by qicharts2 chart name.
CHART_LINES = {
    "run": run_lines,
    "i": i_lines,
    "mr": mr_lines,
    "xbar": xbar_lines,
    "s": s_lines,
    "t": t_lines,
    "p": p_lines,
    "pp": pp_lines,
    "c": c_lines,
    "u": u_lines,
    "up": up_lines,
    "g": g_lines,
}
