"""Differential test: qikit.qic() against R qicharts2 ``qic(..., return.data = TRUE)``.

The cases (inputs and qicharts2's outputs) are in ``tests/golden/qicharts2_cases.json``,
made by ``tests/golden/make_qicharts2_cases.py`` from a local qicharts2 oracle.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from qikit import qic

CASES_FILE = Path(__file__).resolve().parents[1] / "golden" / "qicharts2_cases.json"
CASES = json.loads(CASES_FILE.read_text())["cases"]

FLOAT_COLUMNS = ("y", "n", "cl", "lcl", "ucl", "lcl_95", "ucl_95")
INT_COLUMNS = (
    "part", "n_obs", "n_useful", "longest_run", "longest_run_max", "n_crossings",
    "n_crossings_min",
)  # fmt: skip
BOOL_COLUMNS = ("baseline", "include", "runs_signal", "sigma_signal")


def _number(value: Any) -> float:
    """A golden value as a float: null (R NA), "NaN", "Inf" and "-Inf" are all missing."""
    if value is None or value in ("NaN", "Inf", "-Inf"):
        return math.nan
    return float(value)


def _numbers(values: list[Any]) -> np.ndarray:
    return np.array([_number(v) for v in values], dtype=float)


def _x_argument(args: dict[str, Any]) -> Any:
    x = args["x"]
    if x is None:
        return None
    if args.get("x_type") == "date":
        return pd.to_datetime(pd.Series(x, dtype=object))
    if args.get("x_type") == "string":
        return list(x)
    return [math.nan if v is None else v for v in x]


def _run(args: dict[str, Any]) -> pd.DataFrame:
    kwargs: dict[str, Any] = {
        "y": args["y"],
        "x": _x_argument(args),
        "n": args["n"],
        "chart": args["chart"],
        "freeze": args["freeze"],
        "part": args["part"],
        "exclude": args["exclude"],
        "multiply": args["multiply"],
        "cl": args["cl"],
        "agg_fun": args["agg_fun"],
        "method": args["method"],
        "screen_mr": args["screen_mr"],
    }
    if "y_neg" in args:
        kwargs["y_neg"] = args["y_neg"]
    return qic(**kwargs).data


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_matches_qicharts2(case: dict[str, Any]) -> None:
    args, expected = case["args"], case["expected"]
    data = _run(args)
    assert len(data) == len(expected["y"]), "number of subgroups"
    failures = []

    def check(column: str, compare: Any) -> None:
        try:
            compare()
        except AssertionError as error:
            failures.append(f"{column}: {error}")

    # x: numbers, labels or dates.
    x_type = args.get("x_type")
    got_x = data["x"]
    if x_type == "date":
        got = (
            pd.DatetimeIndex(got_x).tz_localize(None)
            if getattr(pd.DatetimeIndex(got_x), "tz", None) is not None
            else pd.DatetimeIndex(got_x)
        )
        want = pd.DatetimeIndex(pd.to_datetime(expected["x"]))
        check("x", lambda: np.testing.assert_array_equal(got.to_numpy(), want.to_numpy()))
    elif x_type == "string":
        check("x", lambda: np.testing.assert_array_equal([str(v) for v in got_x], expected["x"]))
    else:
        check(
            "x",
            lambda: np.testing.assert_allclose(
                np.asarray(got_x, dtype=float), _numbers(expected["x"]), rtol=1e-9, atol=1e-12
            ),
        )

    for column in FLOAT_COLUMNS:
        check(
            column,
            lambda c=column: np.testing.assert_allclose(
                data[c].to_numpy(dtype=float),
                _numbers(expected[c]),
                rtol=1e-9,
                atol=1e-12,
                equal_nan=True,
                err_msg=c,
            ),
        )
    for column in INT_COLUMNS:
        check(
            column,
            lambda c=column: np.testing.assert_array_equal(
                data[c].to_numpy(dtype=float), _numbers(expected[c]), err_msg=c
            ),
        )
    for column in BOOL_COLUMNS:
        check(
            column,
            lambda c=column: np.testing.assert_array_equal(
                data[c].to_numpy(dtype=bool), np.array(expected[c], dtype=bool), err_msg=c
            ),
        )
    assert not failures, "\n".join(failures)
