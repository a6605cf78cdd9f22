"""Tests for qikit.render: figures build, text stays literal, the description says it all.

The results here are small fakes shaped like ``QicResult`` (``.chart``, ``.data``, ``.signals``),
so these tests pin the drawing code without depending on the statistics.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Text

from qikit.core.spc.signals import Rule, RuleSet, Signal
from qikit.errors import DataError
from qikit.render import ChartFigure, plot_chart
from qikit.render.charts import COLOURS

REPO_ROOT = Path(__file__).resolve().parents[2]
NASTY_NOTE = "cost $5 <b>x</b> <script>alert(1)</script> & $6"
JARGON = ("sigma", "ucl", "lcl", "anhøj", "anhoej")


@dataclass
class FakeResult:
    """The three attributes plot_chart may use, and nothing else."""

    chart: str
    data: pd.DataFrame
    signals: list[Any] = field(default_factory=list)


def make_data(
    y: list[float],
    *,
    x: Any = None,
    chart: str = "run",
    parts: list[int] | None = None,
    excluded: tuple[int, ...] = (),
    freeze: int | None = None,
    half_width: float = 10.0,
) -> pd.DataFrame:
    """Build a qic-like data table: centre line per part, limits ±half_width for SPC charts."""
    n = len(y)
    values = np.asarray(y, dtype=float)
    part = np.asarray(parts if parts is not None else [1] * n)
    include = np.array([i + 1 not in excluded for i in range(n)])
    baseline = np.array([freeze is None or i < freeze for i in range(n)])
    cl = np.empty(n)
    for p in np.unique(part):
        rows = (part == p) & include & baseline
        centre = np.median(values[rows]) if chart == "run" else values[rows].mean()
        cl[part == p] = centre
    if chart == "run":
        lcl = ucl = np.full(n, np.nan)
    else:
        lcl, ucl = cl - half_width, cl + half_width
    return pd.DataFrame(
        {
            "x": x if x is not None else pd.date_range("2025-01-06", periods=n, freq="7D"),
            "y": values,
            "n": np.ones(n),
            "cl": cl,
            "lcl": lcl,
            "ucl": ucl,
            "part": part,
            "baseline": baseline,
            "include": include,
            "runs_signal": np.zeros(n, dtype=bool),
            "sigma_signal": np.zeros(n, dtype=bool),
        }
    )


def long_run_signal(points: range, part: int = 1) -> Signal:
    return Signal(
        Rule.LONG_RUN,
        RuleSet.ANHOEJ,
        part,
        tuple(points),
        plain=f"Points {points[0]} to {points[-1]} are all below the middle line. That is "
        "unlikely to be chance: something has changed.",
        technical="Unusually long run: longest run 12 > 8 (Anhøj, 24 useful observations).",
        direction="below",
    )


def outside_signal(points: tuple[int, ...], part: int = 1) -> Signal:
    return Signal(
        Rule.OUTSIDE_LIMITS,
        RuleSet.ANHOEJ,
        part,
        points,
        plain="Point 20 is below the bottom dashed line. That is very unlikely to be chance: "
        "look for what was different at that time.",
        technical="1 point(s) outside the 3-sigma control limits (below).",
        direction="below",
    )


BEFORE = [41.2, 37.5, 44.1, 39.0, 36.4, 42.3, 45.0, 38.2, 40.6, 35.1, 43.4, 39.8]
AFTER = [33.2, 30.1, 28.4, 31.0, 27.3, 29.5, 26.1, 30.2, 28.0, 25.4, 29.1, 27.2]


@pytest.fixture
def run_result() -> FakeResult:
    data = make_data(BEFORE + AFTER)
    data["runs_signal"] = True  # runs_signal is per part, repeated on each row
    return FakeResult("run", data, [long_run_signal(range(13, 25))])


@pytest.fixture
def spc_result() -> FakeResult:
    """An I chart in two parts, with an excluded point, a missing limit and a point outside."""
    y = BEFORE + AFTER
    y[19] = 5.0
    data = make_data(y, chart="i", parts=[1] * 12 + [2] * 12, excluded=(5,))
    data.loc[0, ["lcl", "ucl"]] = np.nan
    data.loc[19, "sigma_signal"] = True
    return FakeResult("i", data, [outside_signal((20,), part=2)])


def svg_texts(svg: str) -> list[str]:
    """The strings drawn as SVG <text> elements (not the <title>/<desc> we add)."""
    root = ET.fromstring(svg)
    return ["".join(el.itertext()) for el in root.iter("{http://www.w3.org/2000/svg}text")]


def all_texts(chart: ChartFigure) -> list[Text]:
    return list(chart.figure.findobj(Text))


def lines_with_marker(chart: ChartFigure, marker: str) -> list[Line2D]:
    return [
        line
        for line in chart.figure.axes[0].get_lines()
        if line.get_marker() == marker and line.get_linestyle() == "None"
    ]


# --- building figures ------------------------------------------------------------------------


def test_run_chart_builds_with_description(run_result: FakeResult) -> None:
    chart = plot_chart(run_result, title="Minutes to collect", y_label="Minutes")

    assert isinstance(chart, ChartFigure)
    assert isinstance(chart.figure, Figure)
    text = chart.description
    assert text.startswith("Run chart of “Minutes to collect”")
    assert "24 points" in text
    assert "from 6 Jan 2025 to 16 Jun 2025" in text
    assert "The middle line (median) is at 34.2." in text  # median of the 24 values is 34.15
    assert "Points 13 to 24 are all below the middle line." in text
    assert "dashed" not in text.split("What the chart shows")[0]  # no limits on a run chart
    # A run chart draws no dashed lines.
    assert not [ln for ln in chart.figure.axes[0].get_lines() if ln.get_linestyle() == "--"]


def test_run_signal_points_are_diamonds(run_result: FakeResult) -> None:
    chart = plot_chart(run_result)
    diamonds = lines_with_marker(chart, "D")
    assert len(diamonds) == 1
    assert list(diamonds[0].get_ydata()) == AFTER  # exactly the points the signal names
    assert diamonds[0].get_markerfacecolor().lower() == COLOURS["run"].lower()
    assert "Part of a long run: points 13 to 24, drawn as orange diamonds." in chart.description
    legend_words = [t.get_text() for t in chart.figure.legends[0].get_texts()]
    assert "Part of a long run" in legend_words


def test_spc_chart_with_parts_excluded_point_and_missing_limit(spc_result: FakeResult) -> None:
    chart = plot_chart(spc_result, phase_labels=["Before", "After"])
    text = chart.description

    assert text.startswith("Control chart of single values (I chart):")
    assert "The chart is in 2 parts" in text
    assert "Part 1 (Before), points 1 to 12" in text
    assert "Part 2 (After), points 13 to 24" in text
    assert "Point 5 was left out of the sums (drawn as a hollow circle)." in text
    assert "Point 20 is below the bottom dashed line." in text
    assert "Outside the dashed lines: point 20, drawn as a red-orange square." in text

    squares = lines_with_marker(chart, "s")
    assert len(squares) == 1 and list(squares[0].get_ydata()) == [5.0]
    hollow = [
        ln
        for ln in chart.figure.axes[0].get_lines()
        if ln.get_marker() == "o" and ln.get_markerfacecolor() == "white"
    ]
    assert len(hollow) == 1 and list(hollow[0].get_ydata()) == [BEFORE[4]]
    dashed = [ln for ln in chart.figure.axes[0].get_lines() if ln.get_linestyle() == "--"]
    assert len(dashed) == 4  # upper and lower, for each of the two parts
    shown = {t.get_text() for t in all_texts(chart)}
    assert {"Before", "After"} <= shown
    assert any(s.startswith("Upper limit ") for s in shown)
    assert chart.to_png_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_limits_worded_in_plain_numbers(spc_result: FakeResult) -> None:
    text = plot_chart(spc_result).description
    centre = np.mean([v for i, v in enumerate(BEFORE) if i != 4])
    assert f"middle line (average) at {centre:.1f}" in text
    assert f"the lower dashed line is at {centre - 10:.1f}" in text


def test_limits_that_move_with_group_size_are_described() -> None:
    data = make_data([0.5, 0.6, 0.55, 0.4, 0.45, 0.5, 0.52, 0.48], chart="p")
    data["lcl"] = [0.1, 0.2, 0.15, 0.1, 0.2, 0.25, 0.1, 0.2]
    data["ucl"] = 1 - data["lcl"]
    text = plot_chart(FakeResult("p", data)).description
    assert text.startswith("Percentage chart (P chart)")
    assert "between 0.1 and 0.25" in text
    assert "they move with the size of each group" in text


def test_freeze_is_explained() -> None:
    data = make_data(BEFORE + AFTER, chart="i", freeze=12)
    chart = plot_chart(FakeResult("i", data))
    assert "The lines were worked out from points 1 to 12 (the baseline" in chart.description
    assert any("Lines worked out from" in t.get_text() for t in all_texts(chart))


def test_no_signal_sentence_when_nothing_fires() -> None:
    chart = plot_chart(FakeResult("i", make_data(BEFORE, chart="i")))
    assert "There is no sign of a change yet." in chart.description


def test_description_has_no_unexplained_jargon(run_result: FakeResult, spc_result: FakeResult):
    for result in (run_result, spc_result):
        text = plot_chart(result, pdsa=[(13, "Trial")], target=30).description.lower()
        for word in JARGON:
            assert word not in text, word
        assert "pdsa means plan, do, study, act" in text


# --- literal text, notes and PDSA ------------------------------------------------------------


def test_two_changes_tested_are_lettered_and_listed_not_printed_over_each_other(
    run_result: FakeResult,
) -> None:
    """Do two cycles weeks apart get the letters A and B at their triangles, with their names
    listed under the chart (two long labels side by side would overlap)?"""
    names = ("A tablet on ward 3 for one week", "Tablets with chargers on wards 3 and 4")
    chart = plot_chart(run_result, pdsa=[(14, names[1]), (12, names[0])])
    plot, listing = chart.figure.axes[0], chart.figure.axes[1]
    assert {"A", "B"} <= {t.get_text().strip() for t in plot.texts}
    assert not any(name in t.get_text() for t in plot.texts for name in names)
    listed = " ".join(t.get_text() for t in listing.texts)
    assert f"A.  {names[0]}" in listed and f"B.  {names[1]}" in listed  # in date order


def test_one_change_tested_keeps_its_name_inside_the_chart(run_result: FakeResult) -> None:
    chart = plot_chart(run_result, pdsa=[(20, "Trial of a new rota")])
    plot = chart.figure.axes[0]
    label = next(t for t in plot.texts if "Trial of a new rota" in t.get_text())
    assert label.get_horizontalalignment() == "right"  # late in the series: reads leftwards
    assert len(chart.figure.axes) == 1


def test_free_text_is_drawn_literally(spc_result: FakeResult) -> None:
    chart = plot_chart(
        spc_result,
        title="Title $x$ <i>",
        notes={3: NASTY_NOTE},
        pdsa=[(13, "PDSA $1 & $2")],
        phase_labels=["$a$", "b"],
    )
    texts = all_texts(chart)
    mine = [t for t in texts if "$" in t.get_text()]
    assert mine, "free text should be on the figure"
    for text in mine:
        assert text.get_parse_math() is False, text.get_text()
    assert any(NASTY_NOTE in t.get_text() for t in texts)
    assert "Note 1, at point 3 (20 Jan 2025): " + NASTY_NOTE in chart.description
    assert "Change tested at point 13 (31 Mar 2025): PDSA $1 & $2" in chart.description
    # A numbered marker sits on the chart for the note.
    assert any(t.get_text() == "1" for t in chart.figure.axes[0].texts)
    assert chart.to_png_bytes().startswith(b"\x89PNG")  # mathtext would choke on "$a$ <i"


def test_svg_parses_and_escapes_text(spc_result: FakeResult) -> None:
    chart = plot_chart(spc_result, title="Porters", notes={3: NASTY_NOTE})
    svg = chart.to_svg()

    root = ET.fromstring(svg)  # well-formed XML
    assert root.tag.endswith("svg")
    assert "&lt;b&gt;x&lt;/b&gt;" in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "<script>" not in svg and "<b>" not in svg
    drawn = svg_texts(svg)
    assert "1.  " + NASTY_NOTE in drawn  # the note as typed, drawn as real text
    assert "Porters" in drawn
    # The escaped note is in the drawing itself, not only in the <desc> we add.
    body = svg.split("</desc>", 1)[1]
    assert "&lt;b&gt;x&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt; &amp; $6" in body
    title = root.find("{http://www.w3.org/2000/svg}title")
    desc = root.find("{http://www.w3.org/2000/svg}desc")
    assert title is not None and title.text.startswith("Control chart of single values")
    assert desc is not None and NASTY_NOTE in desc.text


def test_pdsa_by_date_and_by_point_number(run_result: FakeResult) -> None:
    chart = plot_chart(run_result, pdsa=[(pd.Timestamp("2025-03-31"), "New app"), (2, "Rota")])
    assert "Change tested at point 13 (31 Mar 2025): New app" in chart.description
    assert "Change tested at point 2 (13 Jan 2025): Rota" in chart.description
    triangles = [ln for ln in chart.figure.axes[0].get_lines() if ln.get_marker() == "^"]
    assert len(triangles) == 2


@pytest.mark.parametrize("bad", [0, 25, "five", 2.5])
def test_bad_note_point_is_a_plain_error(run_result: FakeResult, bad: Any) -> None:
    with pytest.raises(DataError, match="a point number from 1 to 24"):
        plot_chart(run_result, notes={bad: "oops"})


def test_target_line_is_labelled(run_result: FakeResult) -> None:
    chart = plot_chart(run_result, target=30)
    assert any(t.get_text().strip() == "Target 30" for t in all_texts(chart))
    assert "The target is 30 (dotted line)." in chart.description


# --- x axes ----------------------------------------------------------------------------------


def test_integer_x_axis() -> None:
    data = make_data([3, 5, 4, 6, 5, 7, 6, 8, 7, 9], x=list(range(1, 11)))
    chart = plot_chart(FakeResult("run", data))
    assert "from 1 to 10" in chart.description
    chart.to_png_bytes()  # draws the figure, so the ticks are final
    ticks = chart.figure.axes[0].get_xticks()
    assert np.allclose(ticks, np.round(ticks))


def test_text_x_axis_draws_dots_without_a_line() -> None:
    wards = ["Ward $A$", "Ward B", "Ward C", "Ward D", "Ward E"]
    chart = plot_chart(FakeResult("run", make_data([3, 5, 4, 6, 5], x=wards)))
    ax = chart.figure.axes[0]
    data_lines = [
        ln
        for ln in ax.get_lines()
        if ln.get_color() == COLOURS["data"] and ln.get_linestyle() not in ("None", "none")
    ]
    assert data_lines == []  # categories are not joined
    assert "from Ward $A$ to Ward E" in chart.description
    assert "Ward $A$" in svg_texts(chart.to_svg())  # not read as maths (which drops the $)


def test_empty_result_says_so() -> None:
    empty = make_data([1.0]).iloc[0:0]
    chart = plot_chart(FakeResult("run", empty), title="Nothing yet")
    assert "no points" in chart.description
    assert chart.to_png_bytes().startswith(b"\x89PNG")


def test_size_in_pixels(run_result: FakeResult) -> None:
    chart = plot_chart(run_result, width_px=600, height_px=300)
    from io import BytesIO

    from matplotlib.image import imread

    image = imread(BytesIO(chart.to_png_bytes()), format="png")
    assert image.shape[:2] == (300, 600)


# --- no pyplot -------------------------------------------------------------------------------


def test_plotting_never_imports_pyplot() -> None:
    """Drawing must not touch pyplot's global state (a fresh interpreter proves it)."""
    code = (
        "import sys\n"
        "import pandas as pd\n"
        "from qikit.render import plot_chart\n"
        "from types import SimpleNamespace\n"
        "data = pd.DataFrame({'x': [1, 2, 3], 'y': [1.0, 2.0, 3.0], 'cl': [2.0] * 3,\n"
        "                     'lcl': [0.0] * 3, 'ucl': [4.0] * 3, 'part': [1] * 3})\n"
        "chart = plot_chart(SimpleNamespace(chart='i', data=data, signals=[]))\n"
        "chart.to_png_bytes(); chart.to_svg()\n"
        "print('pyplot' if 'matplotlib.pyplot' in sys.modules else 'clean')\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    env.pop("MPLBACKEND", None)
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "clean"


def test_plotting_source_does_not_import_pyplot() -> None:
    pattern = re.compile(r"^\s*(import matplotlib\.pyplot|from matplotlib import pyplot)", re.M)
    sources = list((REPO_ROOT / "qikit" / "render").glob("*.py"))
    assert sources
    for path in sources:
        assert not pattern.search(path.read_text(encoding="utf-8")), path


def test_runs_flag_without_named_points_marks_the_part() -> None:
    """A part flagged by the runs rules, with no signal naming points, is marked whole."""
    data = make_data(BEFORE + AFTER, parts=[1] * 12 + [2] * 12, excluded=(3,))
    data.loc[12:, "runs_signal"] = True
    chart = plot_chart(FakeResult("run", data, []))
    diamonds = lines_with_marker(chart, "D")
    assert len(diamonds) == 1 and list(diamonds[0].get_ydata()) == AFTER
