"""Are the centre lines and limits right for each chart type?

Hand-worked numbers first (each a few lines of arithmetic in a comment), then textbook examples
from tests/golden/spc_cases.json. The full comparison with qicharts2 lives in
test_qicharts2_golden.py.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from qikit import qic
from qikit.core.spc.limits import c4

GOLDEN = Path(__file__).parents[1] / "golden"


def _first(result, column: str) -> float:  # type: ignore[no-untyped-def]
    return float(result.data[column].iloc[0])


def test_run_chart_centre_is_the_median() -> None:
    assert _first(qic([3, 1, 4, 1, 5, 9, 2]), "cl") == 3


def test_i_chart_uses_the_average_moving_range() -> None:
    # mean 4; moving ranges 2, 2, 2, 1 → 1.75; sigma 1.75 / 1.128; limits 4 ± 3 sigma
    result = qic([3, 5, 3, 5, 4], chart="i")
    sigma = 1.75 / 1.128
    assert _first(result, "cl") == pytest.approx(4)
    assert _first(result, "ucl") == pytest.approx(4 + 3 * sigma)
    assert _first(result, "lcl_95") == pytest.approx(4 - 2 * sigma)


def test_i_chart_screens_out_very_large_moving_ranges() -> None:
    y = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 40]
    # moving ranges: ten of 1 and one of 30; average 40/11 = 3.64; 30 >= 3.267 × 3.64, dropped
    screened = qic(y, chart="i")
    unscreened = qic(y, chart="i", screen_mr=False)
    cl = np.mean(y)
    assert _first(screened, "ucl") == pytest.approx(cl + 3 * 1 / 1.128)
    assert _first(unscreened, "ucl") == pytest.approx(cl + 3 * (40 / 11) / 1.128)


def test_mr_chart() -> None:
    result = qic([3, 5, 3, 5, 4], chart="mr")
    assert math.isnan(result.data["y"].iloc[0])
    assert result.data["y"].iloc[1:].tolist() == [2, 2, 2, 1]
    assert _first(result, "cl") == pytest.approx(7 / 4)
    assert _first(result, "ucl") == pytest.approx(3.267 * 7 / 4)
    assert _first(result, "lcl") == 0
    assert not result.data["runs_signal"].any()


def test_c_chart_clips_the_lower_limit_at_zero() -> None:
    result = qic([1, 2, 3, 2], chart="c")
    assert _first(result, "cl") == 2
    assert _first(result, "ucl") == pytest.approx(2 + 3 * math.sqrt(2))
    assert _first(result, "lcl") == 0


def test_p_chart_limits_vary_with_the_denominator_and_stay_within_0_and_1() -> None:
    result = qic([1, 9, 5], n=[2, 10, 10], chart="p")
    p = 15 / 22
    assert _first(result, "cl") == pytest.approx(p)
    ucl = (p + 3 * np.sqrt(p * (1 - p) / np.array([2, 10, 10]))).clip(max=1)
    np.testing.assert_allclose(result.data["ucl"], ucl)
    assert result.data["ucl"].iloc[0] == 1


def test_u_chart() -> None:
    result = qic([2, 4, 6], n=[10, 20, 30], chart="u")
    assert _first(result, "cl") == pytest.approx(0.2)
    np.testing.assert_allclose(result.data["ucl"], 0.2 + 3 * np.sqrt(0.2 / np.array([10, 20, 30])))


def test_xbar_and_s_charts_with_equal_subgroups() -> None:
    x = [1, 1, 1, 2, 2, 2, 3, 3, 3]
    y = [1, 2, 3, 2, 3, 4, 3, 4, 5]  # means 2, 3, 4; each sd 1
    xbar = qic(y, x=x, chart="xbar")
    a3 = 3 / (c4(np.array([3.0]))[0] * math.sqrt(3))
    assert xbar.data["y"].tolist() == [2, 3, 4]
    assert _first(xbar, "cl") == 3
    assert _first(xbar, "ucl") == pytest.approx(3 + a3 * 1)
    s = qic(y, x=x, chart="s")
    c = c4(np.array([3.0]))[0]
    b4 = 1 + 3 * math.sqrt(1 - c**2) / c
    assert s.data["y"].tolist() == [1, 1, 1]
    assert _first(s, "ucl") == pytest.approx(b4)
    assert _first(s, "lcl") == 0  # B3 is 0 for n < 6


def test_c4_matches_the_published_table() -> None:
    # Montgomery, Appendix VI: c4 for n = 2, 5, 10, 25
    np.testing.assert_allclose(
        c4(np.array([2, 5, 10, 25.0])), [0.7979, 0.9400, 0.9727, 0.9896], atol=1e-4
    )
    assert math.isnan(c4(np.array([1.0]))[0])


def test_g_chart_draws_the_median_but_sets_limits_from_the_mean() -> None:
    y = [10, 30, 20, 60]
    result = qic(y, chart="g")
    mean = 30
    assert _first(result, "cl") == 25  # the median
    assert _first(result, "ucl") == pytest.approx(mean + 3 * math.sqrt(mean * (mean + 1)))
    assert _first(result, "lcl") == 0


def test_t_chart_transforms_and_back() -> None:
    y = np.array([10.0, 20, 15, 30, 25, 12])
    result = qic(y, chart="t")
    z = y ** (1 / 3.6)
    cl = z.mean()
    assert _first(result, "cl") == pytest.approx(cl**3.6)
    np.testing.assert_allclose(result.data["y"], y)


def test_laney_p_prime_widens_limits_for_overdispersed_data() -> None:
    y = [50, 150, 60, 140, 55, 145, 50, 150]
    n = [1000] * 8
    plain = qic(y, n=n, chart="p")
    prime = qic(y, n=n, chart="pp")
    assert _first(prime, "cl") == _first(plain, "cl")
    assert _first(prime, "ucl") - _first(prime, "cl") > 3 * (
        _first(plain, "ucl") - _first(plain, "cl")
    )


def test_multiply_scales_values_and_lines_but_not_the_runs() -> None:
    once = qic([1, 9, 5], n=[2, 10, 10], chart="p")
    percent = qic([1, 9, 5], n=[2, 10, 10], chart="p", multiply=100)
    for column in ("y", "cl", "lcl", "ucl", "lcl_95", "ucl_95"):
        np.testing.assert_allclose(percent.data[column], once.data[column] * 100)
    assert percent.data["n_useful"].tolist() == once.data["n_useful"].tolist()


def test_fixed_centre_line_is_used_for_the_limits() -> None:
    result = qic([3, 5, 3, 5, 4], chart="i", cl=10)
    assert _first(result, "cl") == 10
    # moving ranges of deviations from 10 are those of y: average 7/4
    assert _first(result, "ucl") == pytest.approx(10 + 3 * (7 / 4) / 1.128)


def test_freeze_sets_the_lines_from_the_baseline_only() -> None:
    result = qic([1, 2, 3, 4, 100, 200], chart="run", freeze=4)
    assert result.data["cl"].tolist() == [2.5] * 6
    assert result.data["baseline"].tolist() == [True] * 4 + [False] * 2


def test_part_splits_and_recomputes() -> None:
    result = qic([1, 2, 3, 10, 20, 30], part=[3])
    assert result.data["part"].tolist() == [1, 1, 1, 2, 2, 2]
    assert result.data["cl"].tolist() == [2, 2, 2, 20, 20, 20]


def test_part_labels_split_where_the_label_changes() -> None:
    result = qic([1, 2, 3, 10, 20, 30], part=["before"] * 3 + ["after"] * 3)
    assert result.data["part"].tolist() == [1, 1, 1, 2, 2, 2]


def _textbook_cases() -> list[dict]:
    return json.loads((GOLDEN / "spc_cases.json").read_text())["cases"]


@pytest.mark.parametrize("case", _textbook_cases(), ids=lambda c: c["name"])
def test_textbook_examples(case: dict) -> None:
    inputs = case["inputs"]
    result = qic(inputs["y"], n=inputs.get("n"), chart=case["chart"])
    tolerance = max(case["tol"], 1e-3 if "ucl" in case.get("note", "") else 0)
    for column, expected in case["expected"].items():
        got = result.data[column].to_numpy(dtype=float)
        if case["chart"] == "p" and column in ("ucl", "lcl"):
            got = got[:1]  # published for the common subgroup size
        assert np.nanmean(got) == pytest.approx(expected, abs=tolerance), column
