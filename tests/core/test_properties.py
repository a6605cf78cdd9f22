"""Properties that must hold for any data (Hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import assume, given
from hypothesis import strategies as st

from qikit import qic

values = st.lists(
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False).map(lambda v: round(v, 3)),
    min_size=2,
    max_size=60,
)
positive = st.lists(st.integers(min_value=1, max_value=500), min_size=2, max_size=60)


def _ordered(result) -> None:  # type: ignore[no-untyped-def]
    data = result.data
    lcl, cl, ucl = (data[c].to_numpy(dtype=float) for c in ("lcl", "cl", "ucl"))
    known = ~np.isnan(lcl) & ~np.isnan(ucl)
    tolerance = 1e-9 * (1 + np.abs(cl[known]))
    assert np.all(lcl[known] <= cl[known] + tolerance)
    assert np.all(cl[known] <= ucl[known] + tolerance)


@given(values)
def test_i_chart_limits_are_ordered(y: list[float]) -> None:
    _ordered(qic(y, chart="i"))


@given(positive)
def test_count_charts_limits_are_ordered(y: list[int]) -> None:
    for chart in ("c", "g", "t", "mr"):
        _ordered(qic(y, chart=chart))


@given(st.lists(st.tuples(st.integers(0, 50), st.integers(1, 80)), min_size=2, max_size=40))
def test_proportion_and_rate_limits_are_ordered_and_within_bounds(pairs: list) -> None:
    y = [min(a, b) for a, b in pairs]
    n = [b for _, b in pairs]
    for chart in ("p", "pp", "u", "up"):
        result = qic(y, n=n, chart=chart)
        _ordered(result)
        assert (result.data["lcl"].dropna() >= 0).all()
        if chart in ("p", "pp"):
            assert (result.data["ucl"].dropna() <= 1).all()


@given(values)
def test_reversing_keeps_longest_run_and_crossings(y: list[float]) -> None:
    forward = qic(y).data.iloc[0]
    backward = qic(y[::-1]).data.iloc[0]
    for column in ("n_useful", "longest_run", "n_crossings"):
        assert forward[column] == backward[column] or (
            np.isnan(forward[column]) and np.isnan(backward[column])
        )


@given(values)
def test_crossings_are_fewer_than_useful_points(y: list[float]) -> None:
    row = qic(y).data.iloc[0]
    assume(row["n_useful"] > 0)
    assert row["n_crossings"] <= row["n_useful"] - 1
    assert row["longest_run"] <= row["n_useful"]


@given(
    values,
    st.floats(min_value=0.01, max_value=100).map(lambda v: round(v, 2)),
    st.floats(min_value=-1e3, max_value=1e3).map(lambda v: round(v, 2)),
)
def test_shifting_and_scaling_moves_the_lines_the_same_way(
    y: list[float], scale: float, shift: float
) -> None:
    base = qic(y, chart="i").data
    moved = qic([v * scale + shift for v in y], chart="i").data
    for column in ("cl", "lcl", "ucl"):
        expected = base[column].to_numpy(dtype=float) * scale + shift
        np.testing.assert_allclose(moved[column], expected, rtol=1e-7, atol=1e-6 * scale)
