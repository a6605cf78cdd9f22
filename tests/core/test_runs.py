"""Are the Anhøj runs rules right, edge cases included?"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import numpy as np
import pytest

from qikit import qic
from qikit.core.spc.runs import (
    _crossings_min_large,
    analyse_runs,
    crossings_min,
    longest_run_max,
    runs_signal,
)

GOLDEN = Path(__file__).parents[1] / "golden"


def _anhoej_rows() -> list[dict[str, int]]:
    with open(GOLDEN / "anhoej_critical_values.csv", newline="") as handle:
        return [{k: int(v) for k, v in row.items()} for row in csv.DictReader(handle)]


@pytest.mark.parametrize("row", _anhoej_rows(), ids=lambda r: f"n={r['n_useful']}")
def test_critical_values_match_the_published_anhoej_table(row: dict[str, int]) -> None:
    assert longest_run_max(row["n_useful"]) == row["longest_run_max"]
    assert crossings_min(row["n_useful"]) == row["n_crossings_min"]


@pytest.mark.parametrize("trials", [200, 999, 2000, 2999])
def test_the_large_sample_quantile_agrees_with_the_exact_one(trials: int) -> None:
    assert _crossings_min_large(trials) == crossings_min(trials + 1)


def test_crossings_for_a_million_points_is_near_the_normal_approximation() -> None:
    trials = 999_999
    normal = trials / 2 - 1.6448536 * math.sqrt(trials) / 2
    assert abs(crossings_min(trials + 1) - normal) < 2


# name, y, cl, (n_useful, longest_run, n_crossings, signal)
RUNS_CASES = [
    ("rising line: one crossing", list(range(1, 11)), 5.5, (10, 5, 1, True)),
    ("points on the centre line are skipped", [1, 3, 2, 2, 3, 1, 2], 2, (4, 2, 2, False)),
    ("missing values are skipped", [1, math.nan, 3, math.nan, 1], 2, (3, 1, 2, False)),
    ("run of 6 among 10 is allowed", [1] * 6 + [-1, 1, -1, 1], 0, (10, 6, 4, False)),
    ("run of 7 among 10 is a signal", [1] * 7 + [-1, 1, -1], 0, (10, 7, 3, True)),
    ("alternating: many crossings", [1, -1] * 10, 0, (20, 1, 19, False)),
    ("two useful points", [1, -1], 0, (2, 1, 1, False)),
    ("one useful point", [5], 0, (1, 1, 0, False)),
]


@pytest.mark.parametrize(
    ("name", "y", "cl", "expected"), RUNS_CASES, ids=[c[0] for c in RUNS_CASES]
)
def test_runs_analysis_table(name: str, y: list[float], cl: float, expected: tuple) -> None:
    values = np.asarray(y, dtype=float)
    analysis, _ = analyse_runs(values, np.full(values.shape, float(cl)))
    got = (analysis.n_useful, analysis.longest_run, analysis.n_crossings, analysis.runs_signal)
    assert got == expected


def test_all_points_on_the_centre_line_give_no_useful_points_and_no_signal() -> None:
    analysis, useful = analyse_runs(np.array([2.0, 2.0, 2.0]), np.array([2.0, 2.0, 2.0]))
    assert analysis.n_useful == 0 and analysis.n_obs == 3
    assert analysis.longest_run is None and analysis.n_crossings is None
    assert analysis.runs_signal is False and useful.size == 0


def test_one_point_has_limits_as_qicharts2_gives_them() -> None:
    # round(log2(1)) + 3 = 3; qbinom(0.05, 0, 0.5) = 0
    assert longest_run_max(1) == 3 and crossings_min(1) == 0


def test_too_few_crossings_alone_is_a_signal() -> None:
    # 12 useful points: longest run limit 7, crossings limit 3. Runs 5,2,5 → crossings 2 < 3.
    assert runs_signal(12, crossings=2, longest=5) is True
    assert runs_signal(12, crossings=3, longest=5) is False


def test_best_box_is_stricter_than_anhoej_inside_its_range() -> None:
    # n = 24: Anhøj allows crossings >= 8 and longest <= 8; the best box (crossings >= 6,
    # longest <= 7; Anhøj & Wentzel-Larsen 2020) trades a shorter run for fewer crossings.
    assert runs_signal(24, crossings=8, longest=8, method="anhoej") is False
    assert runs_signal(24, crossings=8, longest=8, method="bestbox") is True
    assert runs_signal(24, crossings=6, longest=7, method="anhoej") is True
    assert runs_signal(24, crossings=6, longest=7, method="bestbox") is False
    # outside 10..100 the box methods fall back to Anhøj, as in qicharts2
    assert runs_signal(8, 1, 3, "bestbox") == runs_signal(8, 1, 3, "anhoej")


def test_qic_reports_the_runs_analysis_on_every_row_of_the_part() -> None:
    result = qic(list(range(1, 11)))
    data = result.data
    assert data["n_useful"].tolist() == [10] * 10
    assert data["longest_run"].tolist() == [5.0] * 10
    assert data["longest_run_max"].tolist() == [6.0] * 10
    assert data["n_crossings_min"].tolist() == [2.0] * 10
    assert data["runs_signal"].all()


def test_excluded_points_are_left_out_of_the_runs_analysis() -> None:
    result = qic([1, 9, 1, 9, 1, 9], exclude=[2])
    # median of 1,1,9,1,9 = 1: only the 9s at points 4 and 6 are useful
    assert result.data["cl"][0] == 1
    assert result.data["n_obs"][0] == 5
    assert result.data["n_useful"][0] == 2
