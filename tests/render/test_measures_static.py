"""Does the static measures page show each measure, its chart and its reading, safely?"""

from __future__ import annotations

import datetime as dt
import html
import re
import xml.etree.ElementTree as ET

import pytest

from qikit.core.model import Measure, PdsaCycle, Point, Project
from qikit.core.spc.chart_choice import DataKind
from qikit.core.wording import measures as words
from qikit.render.measures import (
    AUTO,
    RUN,
    chart_choices,
    draw_measure,
    example_html,
    example_project,
    inline_svg,
    pdsa_markers,
    phase_breaks,
    render_static,
    resolve_chart,
)

MONDAY = dt.date(2025, 1, 6)
EVIL = "<script>alert(1)</script>"
BOLD = "<b>x</b>"


def week(i: int) -> dt.date:
    return MONDAY + dt.timedelta(weeks=i)


def make_project(
    values: list[float | None],
    *,
    kind: DataKind = DataKind.MEASUREMENT,
    name: str = "Minutes to collect a patient",
    cycles: tuple[PdsaCycle, ...] = (),
    **measure: object,
) -> Project:
    m = Measure(record_id="m1", name=name, data_kind=kind, **measure)  # type: ignore[arg-type]
    points = [
        Point(record_id=f"p{i:03d}", measure_id="m1", date=week(i), value=v)
        for i, v in enumerate(values)
    ]
    return Project.of([m, *points, *cycles])


def parse_xml(fragment: str) -> ET.Element:
    return ET.fromstring(f"<div>{fragment}</div>")


def svgs(page: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", page, flags=re.DOTALL)


def test_a_team_without_measures_is_told_so() -> None:
    page = render_static(Project())
    assert words.STATIC_NONE in page
    parse_xml(page)


def test_each_measure_shows_its_definition_chart_and_plain_reading() -> None:
    project = example_project()
    page = render_static(project)
    root = parse_xml(page)  # the whole page is well-formed
    assert words.EXAMPLE_MEASURE_NAME in page
    assert html.escape(words.EXAMPLE_DEFINITION) in page
    assert "Outcome measure" in page and "Higher is better" in page
    (svg,) = svgs(page)
    chart = ET.fromstring(svg)
    assert chart.get("role") == "img"
    assert chart.get("width") == "100%" and chart.get("height") is None
    assert chart.get("viewBox")
    ns = "{http://www.w3.org/2000/svg}"
    assert chart.find(f"{ns}title") is not None and chart.find(f"{ns}desc") is not None
    # the reading sits under the chart, in plain words
    readings = [el for el in root.iter("div") if el.get("class") == "qikit-reading"]
    assert readings and "something has changed" in ET.tostring(readings[0], "unicode")
    # the full description and the numbers are one tap away
    assert words.FULL_DESCRIPTION in page
    assert words.STATIC_NUMBERS.format(points=f"{len(words.EXAMPLE_WEEKS)} points") in page
    assert "21 out of 34 (62%)" in page


def test_the_worked_example_is_a_run_chart_with_a_shift_after_its_pdsa_cycle() -> None:
    project = example_project()
    drawing = draw_measure(project, project.measures[0], RUN)
    assert drawing.chart == "run"
    assert drawing.pdsa == ((words.EXAMPLE_CHANGE_WEEK, words.EXAMPLE_PDSA_TITLE),)
    assert any("all above the middle line" in s for s in drawing.reading)
    example = example_html()
    assert html.escape(words.EXAMPLE_INTRO) in example
    assert len(svgs(example)) == 1


def test_participant_text_is_escaped_everywhere() -> None:
    cycle = PdsaCycle(record_id="c1", title=EVIL, measure_ids=("m1",), started_on=week(3))
    late = PdsaCycle(record_id="c2", title=BOLD, measure_ids=("m1",), started_on=week(50))
    m = Measure(
        record_id="m1",
        name=EVIL,
        operational_definition=BOLD,
        unit=BOLD,
        target=12,
    )
    points = [
        Point(record_id=f"p{i}", measure_id="m1", date=week(i), value=10 + i % 3, note=EVIL)
        for i in range(6)
    ]
    page = render_static(Project.of([m, *points, cycle, late]))
    assert EVIL not in page and BOLD not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page
    root = parse_xml(page)
    assert root.find(".//script") is None and root.find(".//b") is None
    (svg,) = svgs(page)
    chart = ET.fromstring(svg)
    texts = "".join(chart.itertext())
    assert EVIL in texts  # drawn literally, as text
    assert chart.find(".//{http://www.w3.org/2000/svg}script") is None


def test_png_charts_carry_the_description_as_alt_text() -> None:
    page = render_static(example_project(), image="png")
    assert 'src="data:image/png;base64,' in page
    assert svgs(page) == []
    assert 'alt="Percentage chart' in page or 'alt="Run chart' in page


@pytest.mark.parametrize(
    ("starts", "expected"),
    [
        ([], []),
        ([week(3)], [(3, week(3))]),
        ([week(3) - dt.timedelta(days=2)], [(3, week(3) - dt.timedelta(days=2))]),
        ([week(0)], []),  # before the first point: splits nothing
        ([week(0) - dt.timedelta(days=30)], []),
        ([week(9) + dt.timedelta(days=1)], []),  # after the last point
        ([week(9)], [(9, week(9))]),  # the last point starts a part of its own
        ([week(3), week(6)], [(3, week(3)), (6, week(6))]),
        # two starts with no point between them give one break, named by the later date
        ([week(3) - dt.timedelta(days=3), week(3)], [(3, week(3))]),
    ],
)
def test_phase_starts_become_break_points(
    starts: list[dt.date], expected: list[tuple[int, dt.date]]
) -> None:
    project = make_project([float(i) for i in range(10)])
    assert phase_breaks(project.points_of("m1"), starts) == expected


def test_phases_split_the_chart_into_parts_with_their_own_labels() -> None:
    values = [10.0, 12, 11, 13, 12, 20, 21, 22, 21, 23]
    project = make_project(values, phase_starts=(week(5),))
    drawing = draw_measure(project, project.measures[0])
    assert drawing.result is not None
    assert list(drawing.result.data["part"]) == [1] * 5 + [2] * 5
    assert "Part 2 (From 10 Feb 2025)" in drawing.description


def test_pdsa_cycles_sit_at_the_first_point_on_or_after_their_start() -> None:
    cycles = (
        PdsaCycle(record_id="a", title="On a point", measure_ids=("m1",), started_on=week(2)),
        PdsaCycle(
            record_id="b",
            title="Between points",
            measure_ids=("m1",),
            started_on=week(4) + dt.timedelta(days=1),
        ),
        PdsaCycle(record_id="c", title="", measure_ids=("m1",), started_on=week(0)),
        PdsaCycle(record_id="d", title="Too late", measure_ids=("m1",), started_on=week(20)),
        PdsaCycle(record_id="e", title="No start", measure_ids=("m1",)),
        PdsaCycle(record_id="f", title="Other measure", measure_ids=("m2",), started_on=week(1)),
    )
    project = make_project([float(v) for v in range(8)], cycles=cycles)
    markers, left_out = pdsa_markers(project, "m1", project.points_of("m1"))
    assert markers == [(1, words.PDSA_UNTITLED), (3, "On a point"), (6, "Between points")]
    assert left_out == [
        words.PDSA_NOT_ON_CHART.format(title="Too late", date="26 May 2025"),
        words.PDSA_NO_START.format(title="No start"),
    ]
    drawing = draw_measure(project, project.measures[0])
    assert drawing.pdsa == tuple(markers)
    assert "Too late" in render_static(project)


@pytest.mark.parametrize(
    ("kind", "points", "choice", "expected"),
    [
        (DataKind.MEASUREMENT, 11, AUTO, "run"),
        (DataKind.MEASUREMENT, 12, AUTO, "i"),
        (DataKind.COUNT, 12, AUTO, "c"),
        (DataKind.PERCENTAGE, 30, AUTO, "p"),
        (DataKind.RARE_EVENTS_DAYS, 3, AUTO, "t"),
        (DataKind.MEASUREMENT, 30, RUN, "run"),
        (DataKind.MEASUREMENT, 3, "i", "i"),
        (DataKind.MEASUREMENT, 30, "p", "run"),  # a choice that no longer fits
    ],
)
def test_the_chart_follows_the_choice_and_the_suggestion(
    kind: DataKind, points: int, choice: str, expected: str
) -> None:
    measure = Measure(record_id="m", name="M", data_kind=kind)
    assert resolve_chart(measure, points, choice) == expected


def test_the_choices_name_the_suggested_chart_in_plain_words() -> None:
    measure = Measure(record_id="m", name="M", data_kind=DataKind.PERCENTAGE)
    choices = chart_choices(measure, 5)
    assert [value for _, value in choices] == [AUTO, RUN, "p"]
    assert "P chart (a percentage chart)" in choices[2][0]
    assert "12 points" in choices[0][0]


def test_percentages_are_drawn_as_how_many_out_of_how_many_times_100() -> None:
    m = Measure(record_id="m1", name="Beds", data_kind=DataKind.PERCENTAGE)
    points = [
        Point(record_id="a", measure_id="m1", date=week(0), numerator=17, denominator=20),
        Point(record_id="b", measure_id="m1", date=week(1), numerator=9, denominator=10),
        Point(record_id="c", measure_id="m1", date=week(2)),  # a week without data
    ]
    drawing = draw_measure(Project.of([m, *points]), m, RUN)
    assert drawing.result is not None
    y = list(drawing.result.data["y"])
    assert y[:2] == pytest.approx([85.0, 90.0]) and y[2] != y[2]  # NaN


def test_a_control_chart_that_cannot_be_drawn_falls_back_to_a_run_chart() -> None:
    m = Measure(record_id="m1", name="Beds", data_kind=DataKind.PERCENTAGE)
    points = [
        Point(record_id=f"p{i}", measure_id="m1", date=week(i), numerator=n, denominator=10)
        for i, n in enumerate([5, 6, 12, 7])  # 12 out of 10 cannot be a percentage
    ]
    drawing = draw_measure(Project.of([m, *points]), m, "p")
    assert drawing.chart == "run"
    assert drawing.figure is not None
    assert drawing.message.startswith("The P chart (a percentage chart) cannot be drawn")


def test_no_points_means_no_chart_but_a_plain_message() -> None:
    project = make_project([])
    drawing = draw_measure(project, project.measures[0])
    assert drawing.figure is None and drawing.svg() == "" and drawing.png_bytes() == b""
    assert drawing.message == words.NO_CHART_YET
    assert words.NO_CHART_YET in render_static(project)


def test_the_direction_and_target_are_part_of_the_reading() -> None:
    project = make_project(
        [10.0, 12, 11, 13, 12, 11, 10, 12, 13, 11, 12],
        improvement="decrease",
        target=8,
    )
    drawing = draw_measure(project, project.measures[0])
    assert drawing.reading[-1] == words.DIRECTION_WORDS[project.measures[0].improvement]
    assert "The target is 8" in drawing.description


def test_inline_svg_drops_the_xml_prolog_and_fixed_size() -> None:
    raw = (
        '<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "x" "y">\n'
        '<svg xmlns="http://www.w3.org/2000/svg" width="648pt" height="324pt" '
        'viewBox="0 0 648 324"><g/></svg>'
    )
    out = inline_svg(raw)
    assert out.startswith("<svg")
    root = ET.fromstring(out)
    assert root.get("width") == "100%" and root.get("height") is None
    assert root.get("viewBox") == "0 0 648 324"
