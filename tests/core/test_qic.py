"""Does qic() aggregate, split and refuse bad input the way it should?"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from qikit import DataError, qic
from qikit.core.spc.qic import DATA_COLUMNS, SUMMARY_COLUMNS


def test_the_data_has_every_qicharts2_column_and_one_row_per_subgroup() -> None:
    result = qic([4, 5, 6, 5, 4, 6, 5], chart="i")
    assert list(result.data.columns) == list(DATA_COLUMNS)
    assert len(result.data) == 7
    assert list(result.summary().columns) == list(SUMMARY_COLUMNS)


def test_repeated_x_values_are_aggregated_with_the_mean_by_default() -> None:
    result = qic([1, 3, 10, 20, 5], x=[1, 1, 2, 2, 3])
    assert result.data["x"].tolist() == [1, 2, 3]
    assert result.data["y"].tolist() == [2, 15, 5]
    assert result.data["y_length"].tolist() == [2, 2, 1]


@pytest.mark.parametrize(
    ("agg_fun", "expected"),
    [
        ("mean", [2.0, 15.0]),
        ("median", [2.0, 15.0]),
        ("sum", [4.0, 30.0]),
        ("sd", [math.sqrt(2), math.sqrt(50)]),
    ],
)
def test_other_aggregate_functions(agg_fun: str, expected: list[float]) -> None:
    result = qic([1, 3, 10, 20], x=[1, 1, 2, 2], agg_fun=agg_fun)
    np.testing.assert_allclose(result.data["y"], expected)


def test_subgroups_are_sorted_by_x_and_rows_without_x_are_dropped() -> None:
    result = qic([5, 1, 3, 9], x=[3, 1, None, 2])
    assert result.data["x"].tolist() == [1, 2, 3]
    assert result.data["y"].tolist() == [1, 9, 5]


def test_dates_as_x() -> None:
    dates = pd.date_range("2026-01-05", periods=4, freq="W-MON")
    result = qic([3, 4, 5, 6], x=dates)
    assert pd.api.types.is_datetime64_any_dtype(result.data["x"])
    assert result.data["x"].iloc[0] == pd.Timestamp("2026-01-05")


def test_text_x_means_no_runs_analysis() -> None:
    result = qic([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], x=list("abcdefghijkl"))
    assert not result.data["runs_signal"].any()


def test_a_missing_value_stays_missing_and_limits_are_still_drawn() -> None:
    result = qic([5, 6, None, 5, 7, 6], chart="i")
    assert math.isnan(result.data["y"].iloc[2])
    assert not result.data["sigma_signal"].iloc[2]
    assert result.data["n_obs"].iloc[0] == 6
    assert result.data["n_useful"].iloc[0] <= 5


def test_missing_denominator_makes_the_point_missing() -> None:
    result = qic([1, 2, 3], n=[10, None, 10], chart="p")
    assert math.isnan(result.data["y"].iloc[1])
    assert result.data["cl"].iloc[0] == pytest.approx(4 / 20)


def test_text_numbers_from_a_paste_are_accepted() -> None:
    assert qic(["1", " 2 ", "", "4"]).data["y"].iloc[1] == 2


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"y": [1, "lots", 3]}, ["point 2", "lots", "number"]),
        ({"y": [1, 2, 3], "chart": "pie"}, ["chart", "pie", "'run'"]),
        ({"y": [1, 2, 3], "n": [5, 0, 5], "chart": "p"}, ["point 2", "greater than 0"]),
        ({"y": [1, 7, 3], "n": [5, 5, 5], "chart": "p"}, ["point 2", "7 out of 5"]),
        ({"y": [1, -2, 3], "chart": "c"}, ["point 2", "0 or more"]),
        ({"y": [1, 2, 3], "n": [5, 5], "chart": "u"}, ["3 values", "2 totals"]),
        ({"y": [1, 2, 3], "x": [1, 2]}, ["x", "3 points"]),
        ({"y": [1, 2], "x": [None, None]}, ["x", "fill them in"]),
        ({"y": [1, 2, 3], "chart": "p"}, ["total"]),
        ({"y": [0, 2, 3], "chart": "t"}, ["greater than zero"]),
        ({"y": []}, ["at least one value"]),
        ({"y": "123"}, ["list of numbers"]),
        ({"y": [1, True, 3]}, ["point 2"]),
        ({"y": [1, 2, 3], "agg_fun": "max"}, ["agg_fun"]),
        ({"y": [1, 2, 3], "method": "nelson"}, ["method", "'ihi'"]),
    ],
)
def test_bad_input_raises_a_data_error_that_says_what_and_where(
    kwargs: dict, words: list[str]
) -> None:
    with pytest.raises(DataError) as caught:
        qic(**kwargs)
    message = str(caught.value)
    for word in words:
        assert word in message
    assert isinstance(caught.value, ValueError)


def test_data_errors_carry_their_parts_for_a_widget() -> None:
    with pytest.raises(DataError) as caught:
        qic([1, "x"])
    error = caught.value
    assert error.field == "value, point 2"
    assert error.expected == "a number"
    assert error.received == "x"
    assert error.what_to_do


def test_summary_has_one_row_per_part() -> None:
    result = qic([1, 2, 3, 4, 10, 11, 12, 13], chart="i", part=[4])
    summary = result.summary()
    assert summary["part"].tolist() == [1, 2]
    assert summary["cl"].tolist() == [2.5, 11.5]
    assert summary["sigma_signal"].tolist() == [0, 0]


def test_text_subgroups_sort_as_r_does_in_an_ordinary_locale() -> None:
    labels = ["Ward-2", "ward 1", "Ward_3", "ÅRHUS", "aarhus", "Zulu", "émile", "Eve", "10 East"]
    result = qic(list(range(1, 10)), x=labels, n=[20] * 9, chart="p")
    expected = ["10 East", "aarhus", "ÅRHUS", "émile", "Eve", "ward 1", "Ward_3", "Ward-2", "Zulu"]
    assert result.data["x"].tolist() == expected


def test_means_are_rounded_as_r_rounds_them() -> None:
    # numpy's mean of these is 10.699999999999998; R's (and so qicharts2's) is exactly 10.7,
    # which puts the third point on the centre line.
    result = qic([11.9, 9.5, 10.7], chart="i")
    assert result.data["cl"].iloc[0] == 10.7
    assert result.data["n_useful"].iloc[0] == 2


def test_inputs_may_be_numpy_or_pandas() -> None:
    values = [3.0, 4.0, 2.0, 5.0]
    expected = qic(values, chart="i").data["ucl"].iloc[0]
    assert qic(np.array(values), chart="i").data["ucl"].iloc[0] == expected
    assert qic(pd.Series(values), chart="i").data["ucl"].iloc[0] == expected
