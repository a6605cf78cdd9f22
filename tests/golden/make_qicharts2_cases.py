"""Regenerate ``qicharts2_cases.json``: qikit's differential test cases against R's qicharts2.

Every case's inputs are generated here, deterministically (numpy, fixed seeds). The expected
outputs come from running the inputs through a local qicharts2 oracle: an R script that runs
qicharts2's own computational code the way ``qic(..., return.data = TRUE)`` does. The oracle
lives OUTSIDE this repository (qicharts2 is GPL; only its numeric outputs are stored here).
Give its path in the environment variable ``QICHARTS2_ORACLE``::

    QICHARTS2_ORACLE=/tmp/qicharts2_oracle/oracle.R python tests/golden/make_qicharts2_cases.py

The oracle is called as ``Rscript $QICHARTS2_ORACLE input.json output.json``. It reads a list of
``{"name", "args"}`` and writes, for each case, the qicharts2 columns with every number as a
string ("%.17g", so doubles are exact; "NaN"/"Inf"/"-Inf"; R's NA as null).

In the written file, a missing value (R ``NA``) is ``null``, R ``NaN`` is the string "NaN" and
infinities "Inf"/"-Inf"; the tests treat all of them as missing. Columns are qicharts2's with
dots as underscores. ``args.x_type`` says how to read ``args.x``: "number", "string" (categorical
subgroups) or "date" (ISO strings; give them to qikit through ``pandas.to_datetime``); expected
dates are ISO strings (qicharts2 turns dates into UTC POSIXct).
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path
from typing import Any

import numpy as np

HERE = Path(__file__).resolve().parent
OUT = HERE / "qicharts2_cases.json"

COLUMNS = (
    "x", "y", "n", "cl", "lcl", "ucl", "lcl_95", "ucl_95", "part", "baseline", "include",
    "n_obs", "n_useful", "longest_run", "longest_run_max", "n_crossings", "n_crossings_min",
    "runs_signal", "sigma_signal",
)  # fmt: skip
INT_COLUMNS = frozenset(
    {"part", "n_obs", "n_useful", "longest_run", "longest_run_max", "n_crossings",
     "n_crossings_min"}
)  # fmt: skip

CASES: list[dict[str, Any]] = []


def rng(name: str) -> np.random.Generator:
    return np.random.default_rng(zlib.crc32(name.encode()))


def clean(values: Any) -> list[Any] | None:
    """Plain JSON list: floats (whole numbers as ints), None for missing."""
    if values is None:
        return None
    out = []
    for v in values:
        if v is None or (isinstance(v, float) and math.isnan(v)):
            out.append(None)
        elif isinstance(v, str):
            out.append(v)
        else:
            f = float(v)
            out.append(int(f) if f.is_integer() and abs(f) < 2**53 else f)
    return out


def add(
    name: str,
    chart: str,
    y: Any,
    x: Any = None,
    n: Any = None,
    *,
    x_type: str | None = None,
    freeze: int | None = None,
    part: Any = None,
    exclude: Any = None,
    multiply: float = 1,
    cl: float | None = None,
    agg_fun: str = "mean",
    method: str = "anhoej",
    screen_mr: bool = True,
    y_neg: bool | None = None,
) -> None:
    if any(c["name"] == name for c in CASES):
        raise ValueError(f"duplicate case name {name}")
    if x is not None and x_type is None:
        x_type = "string" if any(isinstance(v, str) for v in x) else "number"
    args: dict[str, Any] = {
        "y": clean(y),
        "x": clean(x),
        "x_type": x_type,
        "n": clean(n),
        "chart": chart,
        "freeze": freeze,
        "part": clean(part) if part is not None else None,
        "exclude": clean(exclude) if exclude is not None else None,
        "multiply": multiply,
        "cl": cl,
        "agg_fun": agg_fun,
        "method": method,
        "screen_mr": screen_mr,
    }
    if y_neg is not None:
        args["y_neg"] = y_neg
    CASES.append({"name": name, "args": args})


def with_nan(values: np.ndarray, at: list[int]) -> list[Any]:
    out: list[Any] = [float(v) for v in values]
    for i in at:
        out[i] = None
    return out


def dates(start: str, count: int, step_days: int = 7) -> list[str]:
    base = np.datetime64(start)
    return [str(base + np.timedelta64(i * step_days, "D")) for i in range(count)]


def normal(name: str, size: int, mean: float = 10, sd: float = 2, dec: int = 1) -> np.ndarray:
    return np.round(rng(name).normal(mean, sd, size), dec)


# --------------------------------------------------------------------------------------------
# Run charts
def run_cases() -> None:
    for size in (1, 2, 3, 4):
        add(f"run_len{size}", "run", normal(f"run_len{size}", size))
    for size in (10, 24, 30, 60):
        add(f"run_normal_{size}", "run", normal(f"run_normal_{size}", size))
    add("run_int_ties", "run", rng("run_int_ties").poisson(3, 25))
    add("run_all_equal", "run", [5.0] * 12)
    y = np.concatenate([normal("run_shift_a", 12, 10), normal("run_shift_b", 12, 13)])
    add("run_shift", "run", y)
    add("run_shift_freeze", "run", y, freeze=12)
    add("run_shift_part", "run", y, part=[12])
    add("run_shift_part_char", "run", y, part=["before"] * 12 + ["after"] * 12)
    add("run_shift_exclude", "run", y, exclude=[3, 15, 20])
    add("run_shift_multiply", "run", y / 100, multiply=100)
    add("run_missing_y", "run", with_nan(normal("run_missing_y", 20), [0, 7, 8, 19]))
    add("run_cl_fixed", "run", normal("run_cl_fixed", 20), cl=10.0)
    add("run_cl_on_points", "run", np.round(rng("run_cl_on_points").normal(10, 1, 21)), cl=10.0)
    x = list(range(1, 21))
    x[4] = None
    x[11] = None
    add("run_missing_x", "run", normal("run_missing_x", 20), x=x)
    add(
        "run_unsorted_x",
        "run",
        normal("run_unsorted_x", 15),
        x=list(rng("run_unsorted_x_perm").permutation(15) + 1),
    )
    add("run_dates", "run", normal("run_dates", 20), x=dates("2021-01-04", 20), x_type="date")
    # Repeated x: aggregation functions.
    r = rng("run_repeated")
    xr = list(np.repeat(np.arange(1, 16), r.integers(1, 5, 15)))
    yr = np.round(r.normal(20, 4, len(xr)), 1)
    for agg in ("mean", "median", "sum", "sd"):
        add(f"run_repeated_{agg}", "run", yr, x=xr, agg_fun=agg)
    yr_nan = with_nan(yr, [0, 5, 6])
    add("run_repeated_missing_median", "run", yr_nan, x=xr, agg_fun="median")
    add("run_repeated_missing_sum", "run", yr_nan, x=xr, agg_fun="sum")
    add("run_repeated_missing_sd", "run", yr_nan, x=xr, agg_fun="sd")
    # Runs analysis methods.
    for size in (8, 10, 20, 35, 50, 77, 100, 101):
        for method in ("bestbox", "cutbox"):
            nm = f"run_{method}_{size}"
            y = normal(nm, size)
            if size >= 20:
                y[size // 2 :] += 1.5  # a moderate shift
            add(nm, "run", y, method=method)
    for size in (13, 44):  # n where cutbox has no borderline bounds (cbord NA)
        y = normal(f"run_cutbox_nobord_{size}", size)
        y[: size // 3] -= 1
        add(f"run_cutbox_nobord_{size}", "run", y, method="cutbox")
    add(
        "run_long_shift_60",
        "run",
        np.concatenate([normal("rls_a", 30, 10), normal("rls_b", 30, 12)]),
    )
    add("run_few_crossings", "run", np.sin(np.arange(30) / 3.0) * 5 + 10)


# --------------------------------------------------------------------------------------------
# I and MR charts
def i_cases() -> None:
    for size in (1, 2, 3):
        add(f"i_len{size}", "i", normal(f"i_len{size}", size))
        add(f"mr_len{size}", "mr", normal(f"mr_len{size}", size))
    for size in (20, 30):
        add(f"i_normal_{size}", "i", normal(f"i_normal_{size}", size))
    y = normal("i_outliers", 30)
    y[[5, 17]] = [25.0, -4.0]
    add("i_outliers", "i", y)
    add("i_outliers_noscreen", "i", y, screen_mr=False)
    add("mr_outliers", "mr", y)
    add("mr_outliers_noscreen", "mr", y, screen_mr=False)
    add("i_centre_ties", "i", [1, 2, 3, 4, 5, 3, 3, 1, 5, 3, 2, 4])
    shift = np.concatenate([normal("i_shift_a", 15, 10), normal("i_shift_b", 15, 14)])
    add("i_shift", "i", shift)
    add("i_shift_part", "i", shift, part=[15])
    add("i_shift_part_char", "i", shift, part=["A"] * 15 + ["B"] * 15)
    add("i_shift_part_multi", "i", shift, part=[5, 15, 22])
    add("i_shift_freeze", "i", shift, freeze=15)
    add("i_shift_freeze_noscreen", "i", shift, freeze=15, screen_mr=False)
    add("i_shift_exclude", "i", shift, exclude=[2, 16, 30])
    add("i_shift_exclude_part", "i", shift, exclude=[2, 16, 30], part=[15])
    add("i_freeze_exclude", "i", shift, exclude=[1, 4], freeze=10)
    add("mr_shift_part", "mr", shift, part=[15])
    add("mr_shift_freeze", "mr", shift, freeze=15)
    add("mr_shift_exclude", "mr", shift, exclude=[3, 20])
    add("i_missing_y", "i", with_nan(normal("i_missing_y", 25), [0, 3, 4, 24]))
    add("mr_missing_y", "mr", with_nan(normal("mr_missing_y", 25), [0, 3, 4, 24]))
    add("i_missing_y_noscreen", "i", with_nan(y, [2, 10]), screen_mr=False)
    add("i_cl_fixed", "i", normal("i_cl_fixed", 24), cl=9.5)
    add("mr_cl_fixed", "mr", normal("mr_cl_fixed", 24), cl=2.0)
    add("i_multiply", "i", normal("i_multiply", 20, 0.3, 0.05, 3), multiply=100)
    add("mr_multiply", "mr", normal("mr_multiply", 20, 0.3, 0.05, 3), multiply=100)
    add("i_dates", "i", normal("i_dates", 24), x=dates("2020-01-01", 24, 30), x_type="date")
    xd = dates("2022-03-01", 20, 1)
    xd[3] = None
    add("i_dates_missing_x", "i", normal("i_dates_missing_x", 20), x=xd, x_type="date")
    add("i_negative_values", "i", normal("i_negative_values", 20, 0, 3))
    add("i_positive_yneg_false", "i", normal("i_positive_yneg_false", 20, 2, 1.5), y_neg=False)
    add(
        "i_positive_yneg_false_outlier",
        "i",
        [0.5, 0.4, 0.6, 5.0, 0.5, 0.3, 0.7, 0.4, 0.5, 0.6, 0.2, 0.5],
        y_neg=False,
    )
    r = rng("i_repeated")
    xr = list(np.repeat(np.arange(1, 21), r.integers(1, 4, 20)))
    yr = np.round(r.normal(50, 10, len(xr)), 0)
    for agg in ("mean", "median", "sum", "sd"):
        add(f"i_repeated_{agg}", "i", yr, x=xr, agg_fun=agg)
    add("i_repeated_sd_noscreen", "i", yr, x=xr, agg_fun="sd", screen_mr=False)
    add(
        "i_repeated_dates_median",
        "i",
        yr,
        x=[dates("2023-01-02", 20, 7)[int(v) - 1] for v in xr],
        x_type="date",
        agg_fun="median",
    )
    y = np.concatenate([normal("i_trend", 20, 10, 1) + np.arange(20) * 0.4])
    add("i_trend", "i", y)
    add("mr_normal_30", "mr", normal("mr_normal_30", 30))
    add("mr_repeated_mean", "mr", yr, x=xr)
    add("i_constant", "i", [4.0] * 10)
    add("i_two_values_part", "i", normal("i_two_values_part", 12), part=[10])
    add("i_part_out_of_range", "i", normal("i_part_out_of_range", 12), part=[0, 12, 20])
    add("i_exclude_all_but_one", "i", normal("i_exclude_all_but_one", 5), exclude=[1, 2, 3, 4])


# --------------------------------------------------------------------------------------------
# Xbar and S charts
def subgroup_data(
    name: str, sizes: list[int], mean: float = 100, sd: float = 5, dec: int = 1
) -> tuple[list[int], np.ndarray]:
    x = list(np.repeat(np.arange(1, len(sizes) + 1), sizes))
    y = np.round(rng(name).normal(mean, sd, len(x)), dec)
    return x, y


def xbar_s_cases() -> None:
    for chart in ("xbar", "s"):
        x, y = subgroup_data(f"{chart}_const5", [5] * 20)
        add(f"{chart}_const5", chart, y, x=x)
        add(f"{chart}_const5_part", chart, y, x=x, part=[10])
        add(f"{chart}_const5_freeze", chart, y, x=x, freeze=8)
        add(f"{chart}_const5_exclude", chart, y, x=x, exclude=[2, 11])
        sizes = list(rng(f"{chart}_var_sizes").integers(2, 9, 25))
        x, y = subgroup_data(f"{chart}_var", sizes)
        add(f"{chart}_var", chart, y, x=x)
        add(
            f"{chart}_var_part_char",
            chart,
            y,
            x=x,
            part=["first" if v <= 12 else "second" for v in x],
        )
        add(f"{chart}_var_freeze", chart, y, x=x, freeze=12)
        add(f"{chart}_var_cl_fixed", chart, y, x=x, cl=100.0 if chart == "xbar" else 5.0)
        add(f"{chart}_var_multiply", chart, y / 1000, x=x, multiply=100)
        sizes = [1, 4, 4, 1, 5, 3, 4, 4, 2, 4, 4, 4, 1, 4, 4]
        x, y = subgroup_data(f"{chart}_with_singletons", sizes)
        add(f"{chart}_with_singletons", chart, y, x=x)
        # One subgroup entirely missing, others with gaps.
        x, y = subgroup_data(f"{chart}_missing", [4] * 15)
        ym = with_nan(y, [8, 9, 10, 11, 20, 33])
        add(f"{chart}_missing_subgroup", chart, ym, x=x)
        x, y = subgroup_data(f"{chart}_missing_const", [5] * 12)
        add(f"{chart}_missing_values", chart, with_nan(y, [1, 17, 40]), x=x)
        # Shift and outlier.
        x, y = subgroup_data(f"{chart}_shift", [4] * 24)
        y[48:] += 4
        y[10] += 40
        add(f"{chart}_shift_outlier", chart, y, x=x)
        for count in (1, 2, 3):
            x, y = subgroup_data(f"{chart}_short{count}", [3] * count)
            add(f"{chart}_short{count}", chart, y, x=x)
        x, y = subgroup_data(f"{chart}_dates", [3, 5, 4, 5, 5, 2, 5, 5, 4, 5, 5, 5])
        xd = dates("2021-06-01", 12, 7)
        add(f"{chart}_dates", chart, y, x=[xd[v - 1] for v in x], x_type="date")
        x, y = subgroup_data(f"{chart}_unsorted", [4] * 12)
        perm = rng(f"{chart}_unsorted_perm").permutation(len(x))
        add(f"{chart}_unsorted", chart, y[perm], x=[x[i] for i in perm])
        x, y = subgroup_data(f"{chart}_ties", [5] * 15, 10, 1, 0)
        add(f"{chart}_ties", chart, y, x=x)
        add(f"{chart}_no_repeats", chart, normal(f"{chart}_no_repeats", 10))
        x = [1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4]
        add(
            f"{chart}_missing_x",
            chart,
            normal(f"{chart}_missing_x", 12),
            x=[None if i in (2, 6) else v for i, v in enumerate(x)],
        )


# --------------------------------------------------------------------------------------------
# T and G charts
def t_g_cases() -> None:
    for size in (1, 2, 3):
        add(f"t_len{size}", "t", np.round(rng(f"t_len{size}").exponential(10, size) + 0.1, 2))
        add(f"g_len{size}", "g", rng(f"g_len{size}").geometric(0.1, size) - 1)
    for size in (20, 35):
        add(f"t_exp_{size}", "t", np.round(rng(f"t_exp_{size}").exponential(20, size) + 0.1, 2))
        add(f"g_geom_{size}", "g", rng(f"g_geom_{size}").geometric(0.05, size) - 1)
    y = np.round(rng("t_weibull").weibull(1.2, 30) * 15 + 0.5, 1)
    add("t_weibull", "t", y)
    add("t_weibull_noscreen", "t", y, screen_mr=False)
    add("t_weibull_part", "t", y, part=[15])
    add("t_weibull_freeze", "t", y, freeze=18)
    add("t_weibull_exclude", "t", y, exclude=[4, 9])
    add("t_weibull_cl_fixed", "t", y, cl=12.0)
    add("t_missing", "t", with_nan(y, [0, 10, 29]))
    ys = y.copy()
    ys[20:] *= 6
    add("t_shift", "t", ys)
    add("t_small_values", "t", np.round(rng("t_small").exponential(0.5, 25) + 0.01, 3))
    add("t_dates", "t", y[:20], x=dates("2019-02-01", 20, 11), x_type="date")
    r = rng("t_repeated")
    xr = list(np.repeat(np.arange(1, 16), r.integers(1, 3, 15)))
    add("t_repeated_x", "t", np.round(r.exponential(8, len(xr)) + 0.5, 1), x=xr)
    g = rng("g_main").geometric(0.08, 30) - 1
    add("g_main", "g", g)
    add("g_zeros", "g", [0, 3, 0, 12, 5, 0, 0, 7, 22, 1, 0, 4, 9, 0, 2])
    add("g_part", "g", g, part=[12])
    add("g_freeze", "g", g, freeze=15)
    add("g_exclude", "g", g, exclude=[1, 2, 30])
    add("g_cl_fixed", "g", g, cl=10.0)
    add("g_missing", "g", with_nan(g.astype(float), [3, 4, 20]))
    gs = g.copy()
    gs[15:] *= 5
    gs[7] = 400
    add("g_shift_outlier", "g", gs)
    add("g_multiply", "g", g, multiply=100)
    add("g_even_median", "g", [2, 8, 4, 10, 6, 0, 12, 14])
    add("g_dates", "g", g[:18], x=dates("2020-05-05", 18, 9), x_type="date")


# --------------------------------------------------------------------------------------------
# P, P', U, U' and C charts
def binom(
    name: str,
    size: int,
    p: float = 0.2,
    lo: int = 20,
    hi: int = 200,
) -> tuple[np.ndarray, np.ndarray]:
    r = rng(name)
    n = r.integers(lo, hi, size)
    y = r.binomial(n, p)
    return y, n


def count_cases() -> None:
    for chart in ("p", "pp", "u", "up"):
        for size in (1, 2, 3):
            y, n = binom(f"{chart}_len{size}", size)
            add(f"{chart}_len{size}", chart, y, n=n)
        y, n = binom(f"{chart}_main", 30)
        add(f"{chart}_main", chart, y, n=n)
        if chart in ("pp", "up"):  # screening only matters for the Laney charts
            add(f"{chart}_main_noscreen", chart, y, n=n, screen_mr=False)
        add(f"{chart}_main_multiply", chart, y, n=n, multiply=100)
        add(f"{chart}_main_part", chart, y, n=n, part=[10, 20])
        if chart in ("p", "up"):
            add(f"{chart}_main_part_char", chart, y, n=n, part=["a"] * 10 + ["b"] * 20)
        add(f"{chart}_main_freeze", chart, y, n=n, freeze=20)
        add(f"{chart}_main_exclude", chart, y, n=n, exclude=[5, 6, 25])
        add(f"{chart}_main_cl_fixed", chart, y, n=n, cl=0.2)
        add(f"{chart}_missing_y", chart, with_nan(y, [2, 11]), n=n)
        add(f"{chart}_missing_n", chart, y, n=with_nan(n, [4, 29]))
        add(
            f"{chart}_missing_x",
            chart,
            y,
            n=n,
            x=[None if i in (0, 13) else i + 1 for i in range(30)],
        )
        ys, ns = binom(f"{chart}_shift_a", 15, 0.15)
        ys2, ns2 = binom(f"{chart}_shift_b", 15, 0.3)
        ysh = np.concatenate([ys, ys2])
        nsh = np.concatenate([ns, ns2])
        ysh[4] = min(nsh[4], ysh[4] + 40)
        add(f"{chart}_shift_outlier", chart, ysh, n=nsh)
        r = rng(f"{chart}_repeated")
        xr = list(np.repeat(np.arange(1, 16), r.integers(1, 4, 15)))
        nr = r.integers(5, 60, len(xr))
        yr = r.binomial(nr, 0.3)
        add(f"{chart}_repeated_x", chart, yr, n=nr, x=xr)
        add(f"{chart}_repeated_x_missing", chart, with_nan(yr, [0, 7]), n=with_nan(nr, [3]), x=xr)
        # Funnel plots: categorical subgroups.
        units = [f"Unit {c}" for c in "KBDAJCHEGFLI"]
        yc, nc = binom(f"{chart}_units", len(units), 0.25, 30, 400)
        add(f"{chart}_categorical", chart, yc, n=nc, x=units)
        yd, nd = binom(f"{chart}_dates", 24)
        add(f"{chart}_dates", chart, yd, n=nd, x=dates("2018-01-01", 24, 31), x_type="date")
    # Awkward values for proportions: y == 0 and y == n; tiny n.
    add("p_zero_and_full", "p", [0, 5, 3, 10, 0, 2, 8, 8, 1, 4], n=[5, 5, 10, 10, 4, 6, 8, 9, 3, 9])
    add(
        "pp_zero_and_full",
        "pp",
        [0, 5, 3, 10, 0, 2, 8, 8, 1, 4],
        n=[5, 5, 10, 10, 4, 6, 8, 9, 3, 9],
    )
    add("p_all_zero", "p", [0] * 8, n=[10, 12, 9, 10, 11, 10, 10, 13])
    add(
        "p_cl_on_points",
        "p",
        [5, 10, 2, 4, 20, 1, 6, 10, 3, 5],
        n=[10, 20, 4, 8, 40, 2, 12, 20, 6, 10],
    )
    add(
        "u_rate_days",
        "u",
        rng("u_rate_days").poisson(6, 24),
        n=np.round(rng("u_rate_days_n").uniform(800, 1500, 24), 1),
        multiply=1000,
    )
    add(
        "up_rate_days",
        "up",
        rng("up_rate_days").poisson(6, 24),
        n=np.round(rng("up_rate_days_n").uniform(800, 1500, 24), 1),
        multiply=1000,
    )
    yc, nc = binom("pp_categorical_missing", 10, 0.3, 50, 300)
    add("pp_categorical_missing", "pp", with_nan(yc, [3]), n=nc, x=[f"H{i:02d}" for i in range(10)])
    add("up_categorical_missing", "up", with_nan(yc, [3]), n=nc, x=[f"H{i:02d}" for i in range(10)])
    add(
        "p_categorical_repeated",
        "p",
        yc,
        n=nc,
        x=["A", "B", "C", "A", "B", "C", "D", "D", "E", "E"],
    )
    add(
        "p_categorical_mixed_case",
        "p",
        yc,
        n=nc,
        x=["beta", "Alpha", "gamma", "Delta", "epsilon", "Zeta", "eta", "Theta", "iota", "Kappa"],
    )
    # C charts.
    for size in (1, 2, 3):
        add(f"c_len{size}", "c", rng(f"c_len{size}").poisson(5, size))
    c = rng("c_main").poisson(8, 30)
    add("c_main", "c", c)
    add("c_part", "c", c, part=[12])
    add("c_part_char", "c", c, part=["x"] * 12 + ["y"] * 18)
    add("c_freeze", "c", c, freeze=12)
    add("c_exclude", "c", c, exclude=[1, 15])
    add("c_cl_fixed", "c", c, cl=8.0)
    add("c_multiply", "c", c, multiply=100)
    add("c_missing", "c", with_nan(c.astype(float), [0, 9, 10]))
    cs = c.copy()
    cs[18:] += 6
    cs[3] = 30
    add("c_shift_outlier", "c", cs)
    add("c_small_counts", "c", rng("c_small").poisson(0.8, 25))
    r = rng("c_repeated")
    xr = list(np.repeat(np.arange(1, 16), r.integers(1, 4, 15)))
    add("c_repeated_x", "c", r.poisson(3, len(xr)), x=xr)
    add("c_repeated_x_missing", "c", with_nan(r.poisson(3, len(xr)).astype(float), [0, 1, 5]), x=xr)
    add("c_dates", "c", c[:20], x=dates("2017-03-01", 20, 30), x_type="date")
    add("c_centre_ties", "c", [4, 4, 3, 5, 4, 6, 2, 4, 4, 4])


# --------------------------------------------------------------------------------------------
# Edge cases: floating-point ties with the centre line, empty baselines, odd part/x inputs.
def edge_cases() -> None:
    # The mean is exactly a data value when computed as R's mean() does (long-double sum with a
    # refinement pass); a plain double sum lands one ulp away, so the point would count as
    # "useful" (off the centre line).
    decimals = [
        7.6,
        9.9,
        7.8,
        10.7,
        11.2,
        6.5,
        11.8,
        12.1,
        5.4,
        9.7,
        10.8,
        10.5,
        9.6,
        8.5,
        9.4,
        9.8,
        10.1,
        11.7,
        13.7,
        11.2,
    ]
    add("i_mean_on_point_decimal", "i", decimals)
    add("i_mean_on_point_short", "i", [11.9, 9.5, 10.7])
    add(
        "run_agg_mean_on_median",
        "run",
        [11.9, 9.5, 10.7, 10.7, 9.0, 12.0, 11.5],
        x=[1, 1, 1, 2, 3, 4, 5],
    )
    add("xbar_single_subgroup_mean", "xbar", [23.5, 22.1, 22.3], x=[1, 1, 1])
    add(
        "i_part_char_unsorted_x",
        "i",
        [10.7, 9.5, 11.9, 9.0, 10.4, 12.0],
        x=[6, 5, 4, 3, 2, 1],
        part=["A", "A", "A", "B", "B", "B"],
    )
    # Baselines with no usable point: qicharts2 gives NaN centre lines (0 / 0), not an error.
    add("p_freeze_missing", "p", [None, 3, 4, 5], n=[10, 10, 10, 10], freeze=1)
    add("p_exclude_all_base", "p", [2, 3, 4, 5], n=[10, 10, 10, 10], freeze=2, exclude=[1, 2])
    add("u_exclude_all", "u", [2, 3, 4, 5], n=[10, 10, 10, 10], exclude=[1, 2, 3, 4])
    add("pp_part_missing", "pp", [None, 3, 4, 5, 6], n=[10, 10, 10, 10, 10], part=[1])
    add("up_missing_n_single", "up", [3], n=[None])
    add(
        "xbar_part_all_missing",
        "xbar",
        [None, None, 3, 4, 5, 6, 7, 8],
        x=[1, 1, 2, 2, 3, 3, 4, 4],
        part=[1],
    )
    add(
        "s_part_all_missing",
        "s",
        [None, None, 3, 4, 5, 6, 7, 8],
        x=[1, 1, 2, 2, 3, 3, 4, 4],
        part=[1],
    )
    add("xbar_base_sizes1_var", "xbar", [1, 2, 3, 4, 5, 6, 7], x=[1, 2, 3, 3, 4, 4, 4], freeze=2)
    add("i_part_missing", "i", [None, 3, 4, 5, 6], part=[1])
    add("run_freeze_missing", "run", [None, 3, 4, 5, 6], freeze=1)
    # Odd part / freeze / x inputs.
    y = normal("edge", 20)
    add("i_freeze_and_part", "i", y, freeze=5, part=[10])
    add("i_part_dup_unsorted", "i", y, part=[15, 5, 5])
    add("i_part_char_noncontiguous", "i", y[:12], part=["A"] * 4 + ["B"] * 4 + ["A"] * 4)
    add(
        "i_part_char_missing_x",
        "i",
        y[:6],
        x=[1, None, 3, 4, 5, 6],
        part=["A", "A", "A", "B", "B", "B"],
    )
    add(
        "xbar_part_char_repeated_x",
        "xbar",
        y[:8],
        x=[1, 1, 2, 2, 3, 3, 4, 4],
        part=["A", "A", "A", "B", "B", "B", "B", "B"],
    )
    add("i_x_fractional", "i", y[:6], x=[0.5, 1.5, 1.25, 3.75, 2.0, 10.1])
    add(
        "i_dates_unsorted",
        "i",
        y[:5],
        x=["2020-03-01", "2020-01-01", "2021-01-01", "2019-12-31", "2020-02-29"],
        x_type="date",
    )
    add(
        "pp_categorical_part_char",
        "pp",
        [3, 4, 5, 6, 7, 8, 5, 6],
        n=[20] * 8,
        x=["h", "g", "f", "e", "d", "c", "b", "a"],
        part=["A"] * 4 + ["B"] * 4,
    )
    add("run_sum_single_missing", "run", [None, 1, 2, 3, 4], agg_fun="sum")
    add("t_lcl_nan", "t", [0.01, 50, 0.02, 80, 0.01, 100, 0.05, 30])
    # Text subgroups are ordered by R's collation (ICU root in an ordinary UTF-8 locale):
    # punctuation before digits before letters, "_" before "-", "æ" between "a…" and "b".
    add(
        "p_categorical_collation_punct",
        "p",
        list(range(1, 14)),
        n=[20] * 13,
        x=[
            "Ward-2",
            "ward 1",
            "Ward_3",
            "ÅRHUS",
            "aarhus",
            "Zulu",
            "émile",
            "Eve",
            "10 East",
            "9 West",
            "(other)",
            "ward1",
            "Ward 1",
        ],
    )
    add(
        "p_categorical_collation_letters",
        "p",
        list(range(1, 14)),
        n=[20] * 13,
        x=["b", "B", "a", "A", "ab", "Ab", "aB", "a-b", "a b", "a_b", "æ", "ä", "z"],
    )


def main() -> int:
    oracle = os.environ.get("QICHARTS2_ORACLE")
    if not oracle:
        print("Set QICHARTS2_ORACLE to the path of the qicharts2 oracle R script.", file=sys.stderr)
        return 2
    run_cases()
    i_cases()
    xbar_s_cases()
    t_g_cases()
    count_cases()
    edge_cases()
    with tempfile.TemporaryDirectory() as tmp:
        inp = Path(tmp) / "in.json"
        out = Path(tmp) / "out.json"
        inp.write_text(json.dumps(CASES))
        subprocess.run(["Rscript", oracle, str(inp), str(out)], check=True)
        results = json.loads(out.read_text())
    written = []
    for case, result in zip(CASES, results, strict=True):
        assert case["name"] == result["name"]
        if "error" in result:
            print(f"skipped {case['name']}: qicharts2 error: {result['error']}", file=sys.stderr)
            continue
        expected = {}
        for col in COLUMNS:
            expected[col] = [
                convert(col, v, case["args"]["x_type"]) for v in result["columns"][col]
            ]
        written.append({"name": case["name"], "args": case["args"], "expected": expected})
    charts = sorted({c["args"]["chart"] for c in written})
    doc = {
        "_comment": (
            "Differential cases for qikit.qic() against R qicharts2 0.7.5 qic(return.data = "
            "TRUE), computed by a local oracle of qicharts2's own code. Regenerate with "
            "tests/golden/make_qicharts2_cases.py. null = R NA; 'NaN', 'Inf', '-Inf' as strings."
        ),
        "charts": charts,
        "cases": written,
    }
    lines = [
        "{",
        f'"_comment": {json.dumps(doc["_comment"])},',
        f'"charts": {json.dumps(charts)},',
        '"cases": [',
    ]
    lines.append(",\n".join(json.dumps(c, separators=(",", ":")) for c in written))
    lines.append("]}")
    OUT.write_text("\n".join(lines) + "\n")
    print(f"wrote {len(written)} cases ({len(CASES) - len(written)} skipped) to {OUT}")
    return 0


def convert(col: str, value: Any, x_type: str | None) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if col == "x" and x_type in ("string", "date"):
        return value
    if value in ("NaN", "Inf", "-Inf"):
        return value
    number = float(value)
    if col in INT_COLUMNS or (col == "x" and number.is_integer()):
        return int(number) if number.is_integer() else number
    return number


if __name__ == "__main__":
    sys.exit(main())
