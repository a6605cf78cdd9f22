"""The driver diagram's SVG and static HTML: well-formed, scalable, labelled, escaped, complete."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from unicodedata import east_asian_width

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qikit.core.model import ChangeIdea, Charter, Driver, DriverLevel, PdsaCycle, Project
from qikit.core.wording import driver_diagram as words
from qikit.render.driver_diagram import (
    example_project,
    render_driver_outline_html,
    render_driver_svg,
    render_example,
    render_static,
    wrap_lines,
)
from qikit.render.text import escape as xml_text

SVG = "{http://www.w3.org/2000/svg}"
SCRIPT = "<script>alert(1)</script>"


def project(*records) -> Project:  # type: ignore[no-untyped-def]
    return Project.of(records)


def primary(rid: str, text: str, position: float = 0) -> Driver:
    return Driver(record_id=rid, text=text, position=position)


def secondary(rid: str, text: str, parent: str | None) -> Driver:
    return Driver(record_id=rid, text=text, level=DriverLevel.SECONDARY, parent_id=parent)


def drawn_svg(html: str) -> ET.Element:
    match = re.search(r"<svg.*?</svg>", html, re.S)
    assert match, "no SVG in the HTML"
    return ET.fromstring(match.group(0))


def lines(root: ET.Element) -> list[str]:
    return [span.text or "" for span in root.iter(f"{SVG}tspan")]


def boxes(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}rect"))


SAMPLE = project(
    Charter(aim_what="cut waits for a porter", aim_by_when="2027-03-31"),
    primary("p1", "Porters hear about jobs", 1),
    primary("p0", "Patients are ready", 0),
    secondary("s1", "Ward staff know a porter is coming", "p0"),
    ChangeIdea(record_id="i1", text="Ready card", driver_id="s1"),
    ChangeIdea(record_id="i2", text="Handsets", driver_id="p1"),
    PdsaCycle(record_id="c1", change_idea_id="i1"),
    PdsaCycle(record_id="c2", change_idea_id="i1"),
)


def test_is_the_static_html_a_labelled_scalable_svg_and_a_list():
    html = render_static(SAMPLE)
    root = drawn_svg(html)
    assert root.get("role") == "img" and root.get("width") == "100%"
    width = float(root.get("viewBox").split()[2])
    assert width > 0 and f"max-width:{width:.0f}px" in root.get("style")
    assert root.find(f"{SVG}title").text == "Driver diagram"
    desc = root.find(f"{SVG}desc").text
    assert "2 primary drivers, 1 secondary driver, 2 change ideas" in desc
    assert "We will cut waits for a porter by 31 March 2027." in desc
    assert all(int(t.get("font-size")) >= 14 for t in root.iter(f"{SVG}text"))
    assert "ipywidgets" not in html
    assert "<ul>" in html and "Primary driver: Patients are ready" in html


def test_are_the_columns_read_left_to_right_in_order():
    root = drawn_svg(render_static(SAMPLE))
    found = lines(root)
    assert found[:4] == list(words.COLUMN_HEADINGS)
    rects = {(float(r.get("x")), float(r.get("y"))) for r in boxes(root)}
    xs = sorted({x for x, _ in rects})
    assert len(xs) == 4  # aim, primary, secondary, change ideas
    # primary drivers in position order: "Patients are ready" above "Porters hear about jobs"
    assert found.index("Patients are ready") < found.index("Porters hear about jobs")
    # each change idea says how many cycles test it
    assert "Tested in 2 PDSA cycles" in found and "Not tested yet" in found
    # one line per link: aim→2 primaries, p0→s1, s1→i1, p1→i2
    assert len(list(root.iter(f"{SVG}path"))) == 5


def test_is_everything_drawn_even_when_not_linked():
    sample = project(
        secondary("s1", "Orphan driver", "gone"),
        ChangeIdea(record_id="i1", text="Loose idea"),
        ChangeIdea(record_id="i2", text="Idea of a deleted driver", driver_id="deleted"),
    )
    found = " ".join(lines(drawn_svg(render_static(sample))))
    for text in (
        "Orphan driver",
        "Loose idea",
        "deleted driver",
        words.NO_PARENT_ON_DIAGRAM,
        words.NO_DRIVER_ON_DIAGRAM,
        words.NO_AIM_ON_DIAGRAM.split(":")[0],
    ):
        assert text in found
    outline = render_driver_outline_html("", sample.drivers, sample.change_ideas)
    assert words.AIM_EMPTY in outline and "Change idea: Loose idea" in outline


def test_does_an_empty_project_draw_a_hint():
    root = drawn_svg(render_static(Project()))
    found = " ".join(lines(root))
    assert words.NO_PRIMARY_ON_DIAGRAM in found
    assert words.NO_PRIMARY_ON_DIAGRAM in render_static(Project())


@pytest.mark.parametrize(
    "nasty",
    [SCRIPT, "<b>x</b>", "a \"quote\" & 'apostrophe'", "bell\x07 and \x0b tab", "שלום 👩‍⚕️ 中文"],
)
def test_is_free_text_escaped_and_the_svg_still_parses(nasty):
    sample = project(
        Charter(aim_what=nasty),
        primary("p0", nasty),
        ChangeIdea(record_id="i0", text=nasty, driver_id="p0"),
    )
    html = render_static(sample)
    assert "<script>" not in html and "<b>" not in html
    root = drawn_svg(html)
    drawn = "".join(lines(root))
    # control characters XML cannot hold show as "�"; wrapping treats \x0b as a space
    expected = "".join(nasty.replace("\x07", "\ufffd").split())
    assert expected in drawn.replace(" ", "")


def test_does_long_text_wrap_inside_its_box():
    long_text = " ".join(["porters"] * 25)  # 199 characters
    sample = project(primary("p0", long_text), ChangeIdea(record_id="i", text="w" * 200))
    root = drawn_svg(render_static(sample))
    found = lines(root)
    assert all(len(line) <= 23 for line in found[4:])
    rect = next(r for r in boxes(root) if float(r.get("height")) > 150)
    assert float(rect.get("height")) >= 9 * 21  # the box grew to hold every line


def test_does_the_example_draw_like_a_team_project():
    example = example_project()
    assert example.problems() == ()
    html = render_example()
    assert words.EXAMPLE_INTRO.split(".")[0] in html
    root = drawn_svg(html)
    assert "Tested in 3 PDSA cycles" in lines(root)


def test_is_the_drawing_the_same_each_time():
    args = ("Aim", SAMPLE.drivers, SAMPLE.change_ideas, SAMPLE.pdsa_cycles)
    assert render_driver_svg(*args) == render_driver_svg(*args)


@given(st.text(max_size=300), st.integers(min_value=4, max_value=40))
def test_does_wrapping_keep_every_letter_and_respect_the_width(words_, width):
    wrapped = wrap_lines(words_, width)
    assert "".join(wrapped).replace(" ", "") == "".join(words_.split())
    assert all(
        sum(2 if east_asian_width(c) in "WF" else 1 for c in line) <= width for line in wrapped
    )


@given(st.text(max_size=300), st.integers(min_value=4, max_value=40), st.integers(1, 5))
def test_does_cutting_wrapped_text_end_with_an_ellipsis(words_, width, most):
    wrapped = wrap_lines(words_, width, most)
    assert len(wrapped) <= most
    if len(wrap_lines(words_, width)) > most:
        assert wrapped[-1].endswith("…")


def test_does_xml_text_escape_markup_and_drop_control_characters():
    assert xml_text("<a href='x'>&\x00") == "&lt;a href=&#x27;x&#x27;&gt;&amp;\ufffd"
    assert xml_text(None) == ""
