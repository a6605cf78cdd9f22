"""Is what a participant reads plain, and does the chart-choice helper choose well?"""

from __future__ import annotations

import re

import pytest

from qikit import DataError, DataKind, qic, suggest_chart
from qikit.core.spc.signals import Rule
from qikit.core.wording import GLOSSARY, describe_points, explain

JARGON = re.compile(r"\b(sigma|UCL|LCL|Anh[øo]j|median|SPC)\b", re.IGNORECASE)


@pytest.mark.parametrize("rule", list(Rule))
def test_every_rule_has_a_plain_sentence_without_jargon(rule: Rule) -> None:
    facts = {
        "side": "above",
        "direction": "up",
        "longest_run": 9,
        "longest_run_max": 7,
        "crossings": 2,
        "crossings_min": 6,
        "runs": 3,
        "runs_min": 6,
        "runs_max": 16,
        "length": 6,
        "useful": 20,
    }
    text = explain(rule, points=[13, 14, 15, 16, 17, 18, 19, 20], last_point=20, **facts)
    assert JARGON.search(text.plain) is None, text.plain
    assert text.technical and text.technical != text.plain
    # short sentences: no sentence longer than 30 words
    assert all(len(s.split()) <= 30 for s in text.plain.split(". "))


@pytest.mark.parametrize(
    ("points", "last", "expected"),
    [
        ([20], 20, "Your latest point"),
        ([4], 20, "Point 4"),
        ([13, 14, 15, 16, 17, 18, 19, 20], 20, "Your last 8 points"),
        ([3, 4, 5], 20, "Points 3 to 5"),
        ([3, 5, 6], 20, "3 points from point 3 to point 6"),
    ],
)
def test_points_are_named_in_plain_words(points: list[int], last: int, expected: str) -> None:
    assert describe_points(points, last) == expected


def test_the_issue_example_sentence() -> None:
    y = [5, 6, 5, 7, 4, 6, 5, 6, 9, 9, 9, 10, 9, 10, 9, 9]
    result = qic(y)
    assert any(
        s.plain.startswith("Your last 8 points are all above the middle line. That is unlikely")
        for s in result.signals
    )


def test_glossary_explains_every_technical_word_used_on_charts() -> None:
    for word in ("median", "run", "shift", "trend", "sigma", "UCL", "LCL", "PDSA", "Anhøj rules"):
        assert word in GLOSSARY and len(GLOSSARY[word].split()) <= 30


@pytest.mark.parametrize(
    ("kind", "options", "chart"),
    [
        ("count", {}, "c"),
        ("count", {"same_size_each_time": False}, "u"),
        ("percentage", {}, "p"),
        ("measurement", {}, "i"),
        ("measurement", {"several_per_period": True}, "xbar"),
        ("days_between", {}, "t"),
        ("cases_between", {}, "g"),
    ],
)
def test_chart_choice(kind: str, options: dict, chart: str) -> None:
    suggestion = suggest_chart(kind, points=20, **options)
    assert suggestion.chart == chart
    assert suggestion.why and JARGON.search(suggestion.why) is None
    assert not suggestion.start_with_run_chart


def test_few_points_suggest_starting_with_a_run_chart() -> None:
    suggestion = suggest_chart(DataKind.PERCENTAGE, points=6)
    assert suggestion.start_with_run_chart and "run chart" in suggestion.why


def test_unknown_answer_is_refused_plainly() -> None:
    with pytest.raises(DataError, match="what you are measuring"):
        suggest_chart("temperature-ish")
