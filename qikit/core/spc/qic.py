"""``qic()``: run charts and control charts the way qicharts2 makes them.

Analysts coming from R's qicharts2 recognise the arguments and the returned data (its
``qic(return.data = TRUE)`` columns, with dots as underscores). On top of that, a result carries
the signals of a named rule set, each with the points it covers and a plain-English sentence.

The steps, as in qicharts2: rows with a missing x are dropped; repeated x values are aggregated
into one subgroup each (sorted by x); the chart is split into parts; within each part the centre
line and limits come from the baseline points that are not excluded; the runs analysis uses every
included point of the part; finally values are multiplied by ``multiply``.

The order of the work: the options are checked once into a frozen ``QicOptions``; the columns are
worked out; the chosen rule set (a look-up in ``qikit.core.spc.rules``) reads them; then the one
frozen ``QicResult`` is built.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any, cast

import numpy as np
import pandas as pd

from qikit.core.spc import limits as spc
from qikit.core.spc.options import QicOptions, check_choice
from qikit.core.spc.rmath import grouped_r_median, grouped_r_stats, r_mean
from qikit.core.spc.rules import RULE_SETS, rule_set_named
from qikit.core.spc.rules.mdc import MdcReading
from qikit.core.spc.runs import analyse_runs
from qikit.core.spc.signals import Signal
from qikit.core.wording import Explanation, no_signal_text, too_few_points_text
from qikit.errors import DataError

CHART_TYPES = tuple(spc.CHART_LINES)
AGG_FUNCTIONS = ("mean", "median", "sum", "sd")
#: The names of the registered rule sets (``method=``).
METHODS = tuple(RULE_SETS)
#: Charts whose values are counts or proportions and so can never be negative.
_COUNT_CHARTS = frozenset({"p", "pp", "c", "u", "up", "g"})
_PROPORTION_CHARTS = frozenset({"p", "pp"})
_DENOMINATOR_CHARTS = frozenset({"p", "pp", "u", "up"})

DATA_COLUMNS = (
    "x", "y", "n", "cl", "lcl", "ucl", "lcl_95", "ucl_95", "part", "baseline", "include",
    "n_obs", "n_useful", "longest_run", "longest_run_max", "n_crossings", "n_crossings_min",
    "runs_signal", "sigma_signal", "y_sum", "y_length", "y_mean", "y_sd", "xx", "notes",
)  # fmt: skip
_RUNS_COLUMNS = (
    "n_obs", "n_useful", "longest_run", "longest_run_max", "n_crossings", "n_crossings_min",
)  # fmt: skip
SUMMARY_COLUMNS = (
    "part", "n_obs", "n_useful", "longest_run", "longest_run_max", "n_crossings",
    "n_crossings_min", "runs_signal", "sigma_signal", "alcl", "cl", "aucl",
)  # fmt: skip


@dataclass(frozen=True)
class QicResult:
    """A computed chart: the data, the options it was made with, and what the rules found.

    Built once by ``qic()``, when the columns and the signals are known; never changed after.
    """

    chart: str
    method: str
    #: The result's columns as arrays; ``data`` presents them as a DataFrame.
    columns: dict[str, Any]
    signals: list[Signal]
    options: QicOptions
    #: With ``method="mdc"``: Making Data Count's point types and icons; None otherwise.
    mdc: MdcReading | None = None

    @cached_property
    def data(self) -> pd.DataFrame:
        """One row per subgroup with qicharts2's columns (dots as underscores), and more."""
        return pd.DataFrame(self.columns, copy=False)

    @property
    def is_run_chart(self) -> bool:
        """True when there are no control limits to read."""
        return self.chart == "run"

    def summary(self) -> pd.DataFrame:
        """Return one row per part, like qicharts2's ``summary()`` of a qic object."""
        rows = []
        for part, rows_of_part in self.data.groupby("part", sort=True):
            first = rows_of_part.iloc[0]
            rows.append(
                {
                    "part": int(cast(int, part)),
                    "n_obs": int(first["n_obs"]),
                    "n_useful": int(first["n_useful"]),
                    "longest_run": first["longest_run"],
                    "longest_run_max": first["longest_run_max"],
                    "n_crossings": first["n_crossings"],
                    "n_crossings_min": first["n_crossings_min"],
                    "runs_signal": int(rows_of_part["runs_signal"].max()),
                    "sigma_signal": int(rows_of_part["sigma_signal"].sum()),
                    "alcl": _nanmean(rows_of_part["lcl"].to_numpy(dtype=float)),
                    "cl": _nanmean(rows_of_part["cl"].to_numpy(dtype=float)),
                    "aucl": _nanmean(rows_of_part["ucl"].to_numpy(dtype=float)),
                }
            )
        return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))

    def reading(self) -> Explanation:
        """Return the plain-English reading of the whole chart, and its technical twin."""
        useful = int(self.data.groupby("part")["n_useful"].first().sum())
        if self.signals:
            return Explanation(
                " ".join(s.plain for s in self.signals),
                " ".join(s.technical for s in self.signals),
            )
        if useful < 10:
            return too_few_points_text(useful)
        return no_signal_text(self.is_run_chart)


def _nanmean(values: np.ndarray) -> float:
    return r_mean(values)


def _as_float_array(values: Any, name: str, allow_text_numbers: bool = True) -> np.ndarray:
    """Return ``values`` as floats (missing → NaN), or raise DataError naming the bad value."""
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__"):
        raise DataError(
            name,
            "a list of numbers",
            values,
            "Give one number for each point (leave a point empty if it is missing).",
        )
    if isinstance(values, np.ndarray) and values.dtype.kind in "fiu":
        return values.astype(float)
    if isinstance(values, pd.Series) and values.dtype.kind in "fiu":
        return values.to_numpy(dtype=float)
    out = np.empty(len(values), dtype=float)
    for index, value in enumerate(values):
        out[index] = _as_float(value, name, index, allow_text_numbers)
    return out


def _as_float(value: Any, name: str, index: int, allow_text_numbers: bool) -> float:
    if value is None or value is pd.NA or value is pd.NaT:
        return math.nan
    if isinstance(value, (bool, np.bool_)):
        raise DataError(
            f"{name}, point {index + 1}",
            "a number",
            value,
            "Type the number itself (for example 12 or 3.5).",
        )
    if isinstance(value, (int, float, np.integer, np.floating)):
        number = float(value)
    elif isinstance(value, str) and allow_text_numbers:
        text = value.strip()
        if text == "":
            return math.nan
        try:
            number = float(text)
        except ValueError:
            raise DataError(
                f"{name}, point {index + 1}",
                "a number",
                value,
                "Type the number only (for example 12 or 3.5), with no words or units, or leave "
                "it empty if the value is missing.",
            ) from None
    else:
        raise DataError(
            f"{name}, point {index + 1}",
            "a number",
            value,
            "Type the number only (for example 12 or 3.5).",
        )
    if math.isinf(number):
        raise DataError(
            f"{name}, point {index + 1}",
            "an ordinary number",
            value,
            "Infinity cannot be charted: check the value.",
        )
    return number


@dataclass
class _Subgroups:
    """Aggregated subgroups, one entry per unique x value, sorted by x."""

    x: Any
    notes: np.ndarray
    #: The aggregated columns by name (``limits.SUBGROUP_COLUMNS``): what a part is charted from.
    values: dict[str, np.ndarray]


def _x_values(x: Any, length: int) -> tuple[pd.Index | np.ndarray, bool]:
    """Return the x values and whether they are categories (text) rather than numbers or dates."""
    if x is None:
        return np.arange(1, length + 1, dtype=float), False
    if isinstance(x, (str, bytes)) or not hasattr(x, "__len__"):
        raise DataError("x", "a list with one label, number or date per point", x)
    if len(x) != length:
        raise DataError(
            "x",
            f"one value for each of the {length} points",
            f"{len(x)} values",
            "Make the dates (or labels) list as long as the values list.",
        )
    series = x if isinstance(x, pd.Series) else pd.Series(list(x) if not hasattr(x, "dtype") else x)
    if isinstance(series.dtype, pd.CategoricalDtype):
        return pd.Index(series), True
    if series.dtype.kind in "iuf":
        return series.to_numpy(dtype=float), False
    if series.dtype.kind == "M" or isinstance(series.dtype, pd.DatetimeTZDtype):
        return pd.DatetimeIndex(series), False
    non_missing = series.dropna()
    if len(non_missing) and all(
        isinstance(v, (int, float, np.number)) and not isinstance(v, bool) for v in non_missing
    ):
        return pd.to_numeric(series).to_numpy(dtype=float), False
    if len(non_missing) and all(
        isinstance(v, (pd.Timestamp, np.datetime64)) or hasattr(v, "isoformat") for v in non_missing
    ):
        return pd.DatetimeIndex(pd.to_datetime(series)), False
    return pd.Index(series.astype(object)), True


def _aggregate(
    x: Any,
    x_is_categorical: bool,
    y: np.ndarray,
    n: np.ndarray | None,
    cl: np.ndarray,
    notes: Sequence[str | None] | None,
    agg_fun: str,
) -> _Subgroups:
    """Aggregate repeated x values into subgroups, as qicharts2 does before charting."""
    missing_x = pd.isna(x) if not isinstance(x, np.ndarray) else np.isnan(x)
    missing_x = np.asarray(missing_x, dtype=bool)
    keep = ~missing_x
    if not keep.all():
        x = x[keep]
        y, cl = y[keep], cl[keep]
        n = None if n is None else n[keep]
        notes = None if notes is None else [t for t, k in zip(notes, keep, strict=True) if k]
    if isinstance(x, pd.CategoricalIndex):
        codes = np.asarray(x.codes)
        used = np.unique(codes)
        remap = np.full(len(x.categories), -1)
        remap[used] = np.arange(used.size)
        codes = remap[codes]
        uniques: pd.Index | np.ndarray = x.categories[used]
    elif isinstance(x, np.ndarray) and (x.size < 2 or bool(np.all(x[1:] > x[:-1]))):
        # Already one point per x, in order (the usual case): nothing to group.
        codes, uniques = np.arange(x.size), x
    elif x_is_categorical:
        codes, uniques = pd.factorize(x, sort=False)
        order = sorted(range(len(uniques)), key=lambda i: _collation_key(uniques[i]))
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        codes, uniques = rank[np.asarray(codes)], uniques[order]
    else:
        codes, uniques = pd.factorize(x, sort=True)
        codes = np.asarray(codes)
    groups = len(uniques)
    got_n = n is not None
    valid = ~np.isnan(y)
    if groups == len(y) and np.all(codes == np.arange(groups)):
        y_length = valid.astype(float)
        y_sum_rm = np.where(valid, y, 0.0)
        y_sum = y.copy()
        y_mean = y.copy()
        y_sd = np.full(groups, np.nan)
        n_sum = np.where(np.isnan(n), 0.0, n) if n is not None else np.full(groups, np.nan)
        cl_first = cl.copy()
        median = y.copy()
    else:
        size = np.bincount(codes, minlength=groups)
        y_length, y_sum_rm, y_mean, y_sd = grouped_r_stats(y, codes, groups)
        # qicharts2 keeps a lone missing value missing, but sums larger subgroups ignoring gaps.
        y_sum = np.where((size == 1) & (y_length == 0), np.nan, y_sum_rm)
        n_sum = grouped_r_stats(n, codes, groups)[1] if n is not None else np.full(groups, np.nan)
        by_code = np.argsort(codes, kind="stable")
        cl_first = cl[by_code][np.searchsorted(codes[by_code], np.arange(groups))]
        median = grouped_r_median(y, codes, groups) if agg_fun == "median" else y_mean
    if got_n:
        with np.errstate(invalid="ignore", divide="ignore"):
            y_value = y_sum_rm / n_sum
    elif agg_fun == "mean":
        y_value = y_mean
    elif agg_fun == "median":
        y_value = median
    elif agg_fun == "sum":
        y_value = y_sum_rm
    else:
        y_value = y_sd.copy()
    grouped_notes = _group_notes(notes, codes, groups)
    values = {
        "y": y_value,
        "y_sum": y_sum,
        "y_length": y_length,
        "y_mean": y_mean,
        "y_sd": y_sd,
        "n": n_sum,
        "cl": cl_first,
    }
    return _Subgroups(uniques, grouped_notes, values)


#: ASCII whitespace and punctuation in the order of the Unicode collation algorithm's root
#: collation (CLDR/ICU root, "non-ignorable"): they sort before digits, and digits before letters.
_UCA_PUNCTUATION = "\t\n\x0b\x0c\r _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$"
#: Letters that the root collation treats as letters of their own, placed after a base letter.
_UCA_OWN_LETTERS = {"æ": "a", "ø": "o", "đ": "d", "ł": "l", "ð": "d", "þ": "z"}
_UCA_EXPANSIONS = {"ß": "ss", "œ": "oe"}


def _collation_key(label: object) -> tuple[tuple, tuple, tuple]:
    """Sort text the way R does in an ordinary (ICU) locale, as qicharts2's subgroups are sorted.

    A simplified Unicode collation: first by letters and digits ignoring case and accents, with
    punctuation and spaces before digits and digits before letters ("ward 1" < "Ward_3" <
    "Ward-2" < "ward1"); then by accents; then lower case before upper case.
    """
    primary: list[tuple[int, float]] = []
    secondary: list[str] = []
    tertiary: list[int] = []
    for char in str(label):
        for part in _UCA_EXPANSIONS.get(char.lower(), char):
            decomposed = unicodedata.normalize("NFD", part)
            base, accents = decomposed[0], decomposed[1:]
            lower = base.lower()
            if base in _UCA_PUNCTUATION:
                primary.append((0, _UCA_PUNCTUATION.index(base)))
            elif "0" <= base <= "9":
                primary.append((1, ord(base)))
            elif lower in _UCA_OWN_LETTERS:
                primary.append((2, ord(_UCA_OWN_LETTERS[lower]) + 0.5))
            elif "a" <= lower <= "z":
                primary.append((2, ord(lower)))
            else:
                primary.append((3, ord(lower)))
            secondary.append(accents)
            tertiary.append(0 if base == lower else 1)
    return tuple(primary), tuple(secondary), tuple(tertiary)


def _group_notes(notes: Sequence[str | None] | None, codes: np.ndarray, groups: int) -> np.ndarray:
    """Join the distinct notes of each subgroup with " | " (missing where there are none)."""
    if notes is None:
        return np.full(groups, None, dtype=object)
    out: list[list[str]] = [[] for _ in range(groups)]
    if notes is not None:
        for code, note in zip(codes.tolist(), notes, strict=True):
            if note is not None and not (isinstance(note, float) and math.isnan(note)):
                text = str(note)
                if text and text not in out[code]:
                    out[code].append(text)
    return np.array([" | ".join(items) if items else None for items in out], dtype=object)


def _parts_from_breaks(breaks: Sequence[int], groups: int) -> np.ndarray:
    """Return part numbers 1, 2, … for each subgroup, splitting after each break point."""
    cuts = sorted({0, *[int(b) for b in breaks]})
    cuts = [c for c in cuts if 0 <= c < groups]
    part = np.empty(groups, dtype=int)
    bounds = [*cuts, groups]
    for number, (start, stop) in enumerate(itertools.pairwise(bounds), start=1):
        part[start:stop] = number
    return part


def _breaks_from_labels(labels: Sequence[Any], x: Any) -> list[int]:
    """Turn a label per point ("before", "after", …) into break points, as qicharts2 does."""
    first_of_x = ~pd.Series(list(x) if x is not None else range(len(labels))).duplicated()
    kept = [label for label, first in zip(labels, first_of_x, strict=True) if first]
    seen: list[Any] = []
    for label in kept:
        if label not in seen:
            seen.append(label)
    return [kept.index(label) for label in seen[1:]]


def _point_numbers(values: Any, name: str) -> list[int]:
    if values is None:
        return []
    if isinstance(values, (int, np.integer)):
        values = [values]
    try:
        numbers = [int(v) for v in values]
    except (TypeError, ValueError):
        raise DataError(
            name, "point numbers such as 3 or [3, 4]", values, "Use whole numbers."
        ) from None
    return numbers


def _check_lengths(y: np.ndarray, n: np.ndarray) -> None:
    if len(n) != len(y):
        raise DataError(
            "n (the total)",
            f"one total for each of the {len(y)} values",
            f"{len(n)} totals",
            "Make the two lists the same length.",
        )


def _refuse_first(
    wrong: np.ndarray, field: str, expected: str, got: Callable[[int], object], hint: str
) -> None:
    """Raise DataError about the first point where ``wrong`` holds (``{point}`` in ``field``)."""
    positions = np.flatnonzero(wrong)
    if positions.size:
        at = int(positions[0])
        raise DataError(field.format(point=at + 1), expected, got(at), hint)


def _check_values(chart: str, y: np.ndarray, n: np.ndarray | None) -> None:
    """Refuse values that cannot be right for the chart, with the point that is wrong."""
    if chart in _COUNT_CHARTS:
        _refuse_first(
            y < 0,
            "value, point {point}",
            "a count of 0 or more",
            lambda at: float(y[at]),
            "Counts cannot be negative: check this value.",
        )
    if n is None:
        if chart in _DENOMINATOR_CHARTS:
            raise DataError(
                "n (the total)",
                f"a total for each point: a {chart.upper()} chart needs “how many out of how many”",
                None,
                "Give the total (denominator) for each point, or choose a chart that does not "
                "need one (a C chart for plain counts, an I chart for measurements).",
            )
        return
    _check_lengths(y, n)
    _refuse_first(
        n <= 0,
        "total (denominator), point {point}",
        "a number greater than 0",
        lambda at: float(n[at]),
        "A total of 0 means there was nothing to count: leave the point empty instead.",
    )
    if chart in _PROPORTION_CHARTS:
        with np.errstate(invalid="ignore"):
            over = y > n
        _refuse_first(
            over,
            "point {point}",
            "a count no bigger than its total",
            lambda at: f"{y[at]:g} out of {n[at]:g}",
            "The number counted cannot be more than the total: check the two values.",
        )


def qic(
    y: Any,
    x: Any = None,
    n: Any = None,
    chart: str = "run",
    freeze: int | None = None,
    part: Any = None,
    exclude: Any = None,
    multiply: float = 1,
    cl: Any = None,
    agg_fun: str = "mean",
    method: str = "anhoej",
    screen_mr: bool = True,
    y_neg: bool = True,
    notes: Sequence[str | None] | None = None,
    improvement: str | None = None,
    target: float | None = None,
    shift_length: int | None = None,
    trend_length: int | None = None,
) -> QicResult:
    """Return a run chart or control chart computed as R's qicharts2 ``qic()`` computes it.

    Parameters
    ----------
    y, x, n
        The values (numerators), optional subgroups (numbers, dates or text) and optional
        denominators. Repeated x values are aggregated into one subgroup.
    chart
        One of "run", "i", "mr", "xbar", "s", "t", "p", "pp", "c", "u", "up", "g".
    freeze
        The baseline: only the first ``freeze`` subgroups set the lines (ignored with ``part``).
    part
        Break points (split after these subgroup numbers), or one label per value.
    exclude
        Subgroup numbers, counted from 1, left out of the calculations (still drawn).
    multiply, cl, agg_fun, screen_mr, y_neg
        As in qicharts2 (``screen_mr`` is its ``qic.screenedmr`` option, on by default).
    method
        The rules that read the chart: "anhoej" (default; also "bestbox", "cutbox"), "ihi" or
        "mdc". ``runs_signal`` and ``sigma_signal`` equal qicharts2's for the Anhøj methods.
    notes, improvement, target, shift_length, trend_length
        Annotations and rule options: ``improvement`` ("increase", "decrease" or "neutral") and
        ``target`` feed the Making Data Count classification.
    """
    chart = check_choice(chart, CHART_TYPES, "chart", "a chart type")
    agg_fun = check_choice(agg_fun, AGG_FUNCTIONS, "agg_fun", "how to combine repeated values")
    rule_set = rule_set_named(method)
    y_values = _as_float_array(y, "value")
    length = len(y_values)
    if length == 0:
        raise DataError("values", "at least one value", "none", "Add some data points first.")
    n_values = None if n is None else _as_float_array(n, "total")
    if n_values is not None:
        _check_lengths(y_values, n_values)
        # A point is only usable with both its count and its total (qicharts2: complete cases).
        incomplete = np.isnan(y_values) | np.isnan(n_values)
        y_values = np.where(incomplete, np.nan, y_values)
        n_values = np.where(incomplete, np.nan, n_values)
    _check_values(chart, y_values, n_values)
    try:
        multiply = float(multiply)
    except (TypeError, ValueError):
        raise DataError("multiply", "a number such as 100", multiply) from None
    x_values, x_is_categorical = _x_values(x, length)
    cl_values = _centre_line_values(cl, length)
    if notes is not None and len(notes) != length:
        raise DataError(
            "notes", f"one note (or nothing) for each of the {length} points", len(notes)
        )
    groups = _aggregate(x_values, x_is_categorical, y_values, n_values, cl_values, notes, agg_fun)
    count = len(groups.x)
    if count == 0:
        raise DataError(
            "x",
            "at least one date or label",
            "only empty ones",
            "Every point needs a date (or label) to be placed on the chart: fill them in.",
        )
    if part is not None and len(part) and isinstance(next(iter(part)), str):
        if len(part) != length:
            raise DataError("part", f"one label for each of the {length} points", len(part))
        breaks = _breaks_from_labels(list(part), x)
    else:
        breaks = _point_numbers(part, "part")
    part_numbers = _parts_from_breaks(breaks, count)
    frozen = None if (freeze is None or part is not None) else int(freeze)
    excluded = _point_numbers(exclude, "exclude")
    options = QicOptions.checked(
        chart=chart,
        method=rule_set.name,
        runs_method=rule_set.runs_method,
        run_lengths=rule_set.run_lengths,
        agg_fun=agg_fun,
        freeze=frozen,
        breaks=breaks,
        exclude=excluded,
        multiply=multiply,
        screen_mr=screen_mr,
        y_neg=y_neg,
        x_is_categorical=x_is_categorical,
        improvement=improvement,
        target=target,
        shift_length=shift_length,
        trend_length=trend_length,
    )
    columns = _columns(groups, part_numbers, options)
    reading = rule_set.read(columns, options)
    return QicResult(
        chart=chart,
        method=options.method,
        columns={**columns, **reading.columns},
        signals=reading.signals,
        options=options,
        mdc=reading.mdc,
    )


def _columns(groups: _Subgroups, part_numbers: np.ndarray, options: QicOptions) -> dict[str, Any]:
    """Return the chart's columns: lines and runs analysis part by part, as qicharts2's data."""
    chart = options.chart
    multiply = options.multiply
    subgroups = groups.values
    count = len(groups.x)
    point = np.arange(1, count + 1)
    baseline = point <= (math.inf if options.freeze is None else options.freeze)
    include = ~np.isin(point, options.exclude)

    lines_out = {name: np.empty(count) for name in spc.LINE_COLUMNS}
    runs_out = {name: np.empty(count) for name in _RUNS_COLUMNS}
    runs_flag = np.zeros(count, dtype=bool)
    runs_method = options.runs_method
    single_part = part_numbers[-1] == 1
    for number in range(1, int(part_numbers[-1]) + 1):
        rows = slice(None) if single_part else np.flatnonzero(part_numbers == number)
        part_input = spc.PartInput(
            x_is_categorical=options.x_is_categorical,
            base=baseline[rows] & include[rows],
            screen_mr=options.screen_mr,
            **{name: subgroups[name][rows] for name in spc.SUBGROUP_COLUMNS},
        )
        lines = spc.CHART_LINES[chart](part_input)
        included = include[rows]
        analysis, _ = analyse_runs(lines.y[included], lines.cl[included], runs_method)
        for name in lines_out:
            lines_out[name][rows] = getattr(lines, name) * multiply
        runs_out["n_obs"][rows] = analysis.n_obs
        runs_out["n_useful"][rows] = analysis.n_useful
        runs_out["longest_run"][rows] = _or_nan(analysis.longest_run)
        runs_out["longest_run_max"][rows] = _or_nan(analysis.longest_run_max)
        runs_out["n_crossings"][rows] = _or_nan(analysis.n_crossings)
        runs_out["n_crossings_min"][rows] = _or_nan(analysis.n_crossings_min)
        runs_flag[rows] = analysis.runs_signal
    for name in ("lcl", "ucl", "lcl_95", "ucl_95"):
        values = lines_out[name]
        values[~np.isfinite(values)] = np.nan
    yv = lines_out["y"]
    with np.errstate(invalid="ignore"):
        sigma = (yv > lines_out["ucl"]) | (yv < lines_out["lcl"])
    if not options.time_ordered:
        runs_flag[:] = False
    if not options.y_neg and np.nanmin(yv, initial=np.inf) >= 0:
        for name in ("lcl", "lcl_95"):
            values = lines_out[name]
            values[values < 0] = 0.0
    return {
        "x": _x_column(groups.x),
        "y": yv,
        "n": subgroups["n"],
        "cl": lines_out["cl"],
        "lcl": lines_out["lcl"],
        "ucl": lines_out["ucl"],
        "lcl_95": lines_out["lcl_95"],
        "ucl_95": lines_out["ucl_95"],
        "part": part_numbers,
        "baseline": baseline,
        "include": include,
        "n_obs": runs_out["n_obs"].astype(np.int64),
        "n_useful": runs_out["n_useful"].astype(np.int64),
        "longest_run": runs_out["longest_run"],
        "longest_run_max": runs_out["longest_run_max"],
        "n_crossings": runs_out["n_crossings"],
        "n_crossings_min": runs_out["n_crossings_min"],
        "runs_signal": runs_flag,
        "sigma_signal": sigma,
        "y_sum": subgroups["y_sum"],
        "y_length": subgroups["y_length"].astype(np.int64),
        "y_mean": subgroups["y_mean"],
        "y_sd": subgroups["y_sd"],
        "xx": point,
        "notes": groups.notes,
    }


def _or_nan(value: int | None) -> float:
    return math.nan if value is None else float(value)


def _x_column(x: Any) -> Any:
    if isinstance(x, pd.DatetimeIndex):
        return x
    if isinstance(x, pd.Index):
        return x.to_numpy(dtype=object) if not isinstance(x.dtype, pd.CategoricalDtype) else x
    x = np.asarray(x, dtype=float)
    whole = np.all(np.isfinite(x)) and np.all(x == np.round(x))
    return x.astype(np.int64) if whole else x


def _centre_line_values(cl: Any, length: int) -> np.ndarray:
    if cl is None:
        return np.full(length, np.nan)
    if np.isscalar(cl):
        value = _as_float(cl, "centre line", 0, True)
        return np.full(length, value)
    values = _as_float_array(cl, "centre line")
    if len(values) != length:
        raise DataError(
            "cl (centre line)",
            f"one number, or one for each of the {length} points",
            f"{len(values)} numbers",
        )
    return values
