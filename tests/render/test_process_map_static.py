"""Does the process map drawing show every step, in order, readably and safely?"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qikit.core.model import MAIN, ProcessMap, Project, Step, StepProblem, StepType
from qikit.core.wording import process_map as words
from qikit.render import process_map as pm
from qikit.render.process_map import (
    example_project,
    render_example,
    render_process_svg,
    render_static,
    wrap_text,
)

SVG = "{http://www.w3.org/2000/svg}"
NASTY = "<script>alert(1)</script>"
BOLD = "<b>x</b>"


def step(record_id: str, position: float, kind: str = "task", text: str = "", **more) -> Step:
    return Step(record_id=record_id, position=position, step_type=kind, text=text, **more)


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    """Return the words of every <text> (its tspans joined by spaces)."""
    return [" ".join(t for t in el.itertext()).strip() for el in root.iter(f"{SVG}text")]


def step_words(root: ET.Element) -> list[str]:
    """Return the words drawn inside each step, in drawing order."""
    return [
        " ".join(el.itertext()).strip()
        for el in root.iter(f"{SVG}text")
        if el.find(f"{SVG}tspan") is not None
    ]


def numbers(root: ET.Element) -> list[str]:
    """Return the step numbers (white on a dark circle), top to bottom."""
    return [el.text or "" for el in root.iter(f"{SVG}text") if el.get("fill") == "#ffffff"]


def all_words(root: ET.Element) -> str:
    return " ".join(texts(root))


def shapes(root: ET.Element) -> list[ET.Element]:
    """Return the outlines of the steps (the elements filled with a step colour)."""
    fills = set(pm.FILLS.values())
    return [el for el in root.iter() if el.get("fill") in fills]


def down_arrows(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}line"))


def side_links(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}polyline"))


def pills(root: ET.Element) -> list[str]:
    """Return the bold labels drawn on white (Yes, No, …)."""
    return [
        el.text or ""
        for el in root.iter(f"{SVG}text")
        if el.get("font-weight") == "bold" and el.get("fill") == pm.INK
    ]


# -- wrapping ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("", 10, []),
        ("   ", 10, []),
        ("Porter", 10, ["Porter"]),
        ("a b c", 5, ["a b c"]),
        ("a b c", 4, ["a b", "c"]),  # exactly full, then one over
        ("one  two\nthree\tfour", 30, ["one two three four"]),  # white space collapses
        ("abcdefghij", 4, ["abcd", "efgh", "ij"]),  # a long word is cut
        ("ab abcdefghij", 4, ["ab", "abcd", "efgh", "ij"]),
        ("日本語テキスト", 4, ["日本", "語テ", "キス", "ト"]),  # wide characters count double
    ],
)
def test_wrap_text_breaks_lines_as_expected(text: str, width: float, expected: list[str]) -> None:
    assert wrap_text(text, width) == expected


@given(st.text(max_size=300), st.integers(min_value=2, max_value=40))
def test_wrapped_lines_fit_and_keep_every_word(text: str, width: int) -> None:
    """Does wrapping keep every visible character, with no line wider than asked?"""
    lines = wrap_text(text, width)
    assert "".join("".join(lines).split()) == "".join(text.split())
    for line in lines:
        # One character may be wider than a tiny line; otherwise every line fits.
        assert pm._units(line) <= width or len(line) == 1


# -- the drawing ------------------------------------------------------------------------------


def test_an_empty_map_still_draws_a_readable_svg() -> None:
    root = parse(render_process_svg(None, []))
    assert root.get("role") == "img"
    assert root.findtext(f"{SVG}title") == words.UNTITLED
    assert root.findtext(f"{SVG}desc") == words.DESC_EMPTY
    assert words.EMPTY_DRAWING in all_words(root)


def test_the_svg_scales_to_a_phone_and_has_a_title_and_description() -> None:
    svg = render_process_svg(ProcessMap(title="Linen round"), [step("a", 1, text="Collect")])
    root = parse(svg)
    assert root.get("width") == "100%"
    assert root.get("height") is None
    assert re.fullmatch(r"0 0 [0-9.]+ [0-9.]+", root.get("viewBox") or "")
    assert root.findtext(f"{SVG}title") == "Linen round"
    assert "Step 1, task: Collect." in (root.findtext(f"{SVG}desc") or "")


def test_every_text_is_at_least_14_px() -> None:
    root = parse(render_static_svg(example_project()))
    sizes = [float(el.get("font-size", "0")) for el in root.iter(f"{SVG}text")]
    assert sizes
    assert min(sizes) >= 14


def render_static_svg(project: Project) -> str:
    return render_process_svg(project.process_map, project.steps)


def test_each_type_of_step_has_its_own_shape() -> None:
    root = parse(
        render_process_svg(
            None,
            [
                step("a", 1, "start_end", "Start"),
                step("b", 2, "task", "Do"),
                step("c", 3, "decision", "Ok?"),
                step("d", 4, "wait", "Hold"),
            ],
        )
    )
    outlines = shapes(root)
    tags = [el.tag.removeprefix(SVG) for el in outlines]
    assert tags == ["rect", "rect", "polygon", "path"]
    start, task = outlines[0], outlines[1]
    assert float(start.get("rx", 0)) > float(task.get("rx", 0))  # the rounded box
    assert len((outlines[2].get("points") or "").split()) == 4  # the diamond
    assert " A" in (outlines[3].get("d") or "")  # the D shape's curved side
    assert words.WAIT_TAG in step_words(root)[3]  # and the word "Wait", not the shape alone


def test_steps_are_drawn_top_to_bottom_by_position_with_numbers() -> None:
    steps = [step("z", 0.5, text="First"), step("a", 2, text="Third"), step("m", 1, text="Second")]
    root = parse(render_process_svg(None, steps))
    tops = [float(el.get("y", 0)) for el in shapes(root)]
    assert tops == sorted(tops)
    lines = texts(root)
    assert [line for line in lines if line in ("First", "Second", "Third")] == [
        "First",
        "Second",
        "Third",
    ]
    assert numbers(root) == ["1", "2", "3"]
    assert len(down_arrows(root)) == 2


def test_problem_steps_have_a_dashed_border_and_a_word() -> None:
    root = parse(
        render_process_svg(
            None,
            [
                step("a", 1, text="Fine"),
                step("b", 2, text="Stuck", problem="delay"),
                step("c", 3, "decision", "Clean?", problem="rework"),
            ],
        )
    )
    outlines = shapes(root)
    assert outlines[0].get("stroke-dasharray") is None
    assert outlines[1].get("stroke-dasharray")
    assert float(outlines[1].get("stroke-width", 0)) >= 4
    assert outlines[2].get("stroke-dasharray")
    words_drawn = step_words(root)
    assert "⚠ Delay" in words_drawn[1]
    assert "⚠ Rework" in words_drawn[2]
    assert "Marked as a problem: delay." in (root.findtext(f"{SVG}desc") or "")


def test_a_decision_sends_yes_and_no_round_the_sides_to_their_steps() -> None:
    steps = [
        step("a", 1, "start_end", "Call comes in"),
        step("b", 2, "task", "Find chair"),
        step("c", 3, "decision", "Chair clean?", yes_next="e", no_next="b"),
        step("d", 4, "task", "Clean chair"),
        step("e", 5, "task", "Take patient"),
    ]
    root = parse(render_process_svg(None, steps))
    labels = pills(root)
    assert labels.count(words.YES) == 1
    assert labels.count(words.NO) == 1
    links = side_links(root)
    assert len(links) == 2
    # Both answers leave the decision, so no arrow goes straight down from it: a→b, b→c, d→e.
    assert len(down_arrows(root)) == 3
    desc = root.findtext(f"{SVG}desc") or ""
    assert "If yes, go to step 5." in desc
    assert "If no, go to step 2." in desc
    # "Yes" goes round the right, "No" round the left, each ending at its step.
    xs = {}
    for link in links:
        points = [tuple(map(float, p.split(","))) for p in (link.get("points") or "").split()]
        xs[points[0][0] < points[1][0]] = points
    right, left = xs[True], xs[False]
    assert right[-1][1] > right[0][1]  # yes goes down to step 5
    assert left[-1][1] < left[0][1]  # no goes back up to step 2


def test_an_answer_to_the_next_step_labels_the_arrow_below() -> None:
    steps = [
        step("c", 1, "decision", "Patient ready?", yes_next="e"),
        step("d", 2, "wait", "Wait for nurse"),
        step("e", 3, "task", "Go"),
    ]
    root = parse(render_process_svg(None, steps))
    assert sorted(pills(root)) == [words.NO, words.YES]
    assert len(side_links(root)) == 1
    assert len(down_arrows(root)) == 2


def test_a_decision_with_no_answers_picked_simply_carries_on() -> None:
    root = parse(render_process_svg(None, [step("c", 1, "decision", "Ok?"), step("d", 2)]))
    assert pills(root) == [words.YES_OR_NO]
    assert side_links(root) == []


def test_an_answer_to_a_deleted_step_carries_on_down() -> None:
    root = parse(
        render_process_svg(
            None, [step("c", 1, "decision", "Ok?", yes_next="gone"), step("d", 2, text="Next")]
        )
    )
    assert side_links(root) == []
    assert "If yes, go to step 2." in (root.findtext(f"{SVG}desc") or "")


def test_an_end_step_has_no_arrow_out() -> None:
    steps = [
        step("a", 1, "start_end", "Start"),
        step("b", 2, "start_end", "Finish"),
        step("c", 3, "task", "Orphan"),
    ]
    root = parse(render_process_svg(None, steps))
    assert len(down_arrows(root)) == 1
    assert "The map ends here." in (root.findtext(f"{SVG}desc") or "")


def test_overlapping_side_links_get_their_own_lanes() -> None:
    """Do two "Yes" links that run past each other stay apart?"""
    steps = [
        step("a", 1, "decision", "One?", yes_next="e"),
        step("b", 2, "decision", "Two?", yes_next="d"),
        step("c", 3, "task", "C"),
        step("d", 4, "task", "D"),
        step("e", 5, "task", "E"),
    ]
    root = parse(render_process_svg(None, steps))
    lanes = set()
    for link in side_links(root):
        points = (link.get("points") or "").split()
        lanes.add(points[1].split(",")[0])
    assert len(lanes) == 2
    # The shorter link is nearer the shapes (so they cross as little as possible).
    width = float((root.get("viewBox") or "").split()[2])
    assert width > 2 * pm.EDGE + pm.COLUMN


def test_thirty_long_steps_stay_readable() -> None:
    long = "The porter checks the wheelchair, wipes it down and signs the sheet " * 3
    kinds = ["start_end"] + ["task", "decision", "wait"] * 9 + ["task", "start_end"]
    steps = [
        step(f"s{i:02d}", i, kind, long[:200], problem="waste" if i % 5 == 0 else None)
        for i, kind in enumerate(kinds)
    ]
    root = parse(render_process_svg(ProcessMap(title="Thirty"), steps))
    outlines = shapes(root)
    assert len(outlines) == 30
    assert numbers(root) == [str(n) for n in range(1, 31)]
    # Shapes never overlap, and the canvas grows to hold them all.
    boxes = []
    for el in outlines:
        ys = [float(v) for v in re.findall(r"[-0-9.]+", _outline_ys(el))]
        boxes.append((min(ys), max(ys)))
    for (_, bottom), (top, _) in pairwise(boxes):
        assert top > bottom
    height = float((root.get("viewBox") or "").split()[3])
    assert height >= boxes[-1][1]
    # Every line of text fits inside its shape (wrapped, never cut off).
    for el in root.iter(f"{SVG}tspan"):
        assert pm._units(el.text or "") <= pm.COLUMN / pm.CHAR


def _outline_ys(el: ET.Element) -> str:
    tag = el.tag.removeprefix(SVG)
    if tag == "rect":
        y, h = float(el.get("y", 0)), float(el.get("height", 0))
        return f"{y} {y + h}"
    if tag == "polygon":
        return " ".join(p.split(",")[1] for p in (el.get("points") or "").split())
    numbers = re.findall(r"[-0-9.]+", el.get("d") or "")  # M x,top H … A … x,bottom H x Z
    return f"{numbers[1]} {numbers[-2]}"


def test_participant_text_is_escaped_everywhere() -> None:
    project = Project.of(
        [
            ProcessMap(record_id=MAIN, title=NASTY),
            step("a", 1, "decision", BOLD, problem="delay", problem_note=NASTY, no_next="b"),
            step("b", 2, "task", NASTY),
        ]
    )
    svg = render_process_svg(project.process_map, project.steps)
    root = parse(svg)
    assert root.findtext(f"{SVG}title") == NASTY
    assert NASTY in all_words(root)
    assert BOLD in all_words(root)
    assert not list(root.iter("script")) and not list(root.iter(f"{SVG}script"))
    page = render_static(project)
    assert "<script>" not in page
    assert "<b>x</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page


def test_characters_xml_cannot_hold_do_not_break_the_svg() -> None:
    parse(render_process_svg(ProcessMap(title="a\x01b"), [step("a", 1, text="bell\x07 \x0b")]))


def test_contrast_of_every_colour_pair_meets_wcag_aa() -> None:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    def contrast(a: str, b: str) -> float:
        high, low = sorted((luminance(a), luminance(b)), reverse=True)
        return (high + 0.05) / (low + 0.05)

    for fill in pm.FILLS.values():
        assert contrast(pm.INK, fill) >= 4.5
        assert contrast(pm.PROBLEM_INK, fill) >= 4.5
        assert contrast("#4a4a4a", fill) >= 4.5  # "(no words yet)"
    assert contrast("#ffffff", pm.INK) >= 4.5  # step numbers


@given(
    st.lists(
        st.tuples(
            st.sampled_from(list(StepType)),
            st.text(max_size=60),
            st.integers(min_value=0, max_value=12),
            st.integers(min_value=0, max_value=12),
            st.one_of(st.none(), st.sampled_from(list(StepProblem))),
        ),
        max_size=12,
    )
)
def test_any_map_draws_a_well_formed_svg_with_every_step(items) -> None:
    steps = []
    for n, (kind, text, yes, no, problem) in enumerate(items):
        links = {}
        if kind is StepType.DECISION:
            links = {"yes_next": f"s{yes}", "no_next": f"s{no}"}
        steps.append(step(f"s{n}", n, kind.value, text, problem=problem, **links))
    root = parse(render_process_svg(None, steps))
    assert numbers(root) == [str(n) for n in range(1, len(steps) + 1)]
    assert len(shapes(root)) == len(steps)


# -- the static page --------------------------------------------------------------------------


def test_the_static_page_lists_the_steps_in_words() -> None:
    page = render_static(example_project())
    assert f"<h3>Process map: {words.EXAMPLE_TITLE}</h3>" in page
    assert page.count("<li>") == len(words.EXAMPLE_STEPS)
    assert "Step 5</strong> (Decision): Is the wheelchair clean and working?" in page
    assert "If no, go to step 4." in page
    assert "⚠ Hand-off" in page
    assert "Nobody told the nurse the porter was coming." in page
    assert "Steps marked as a problem: 3." in page
    ET.fromstring(page)  # the whole page is well-formed too


def test_the_static_page_of_an_empty_project_says_so() -> None:
    page = render_static(Project())
    assert words.STATIC_NO_STEPS in page
    assert "<svg" in page


def test_the_example_is_introduced_and_drawn() -> None:
    page = render_example()
    assert page.startswith(f"<p>{words.EXAMPLE_INTRO}</p>")
    assert "<svg" in page


def test_the_static_renderer_imports_no_widget_code() -> None:
    import subprocess
    import sys

    code = (
        "import sys, qikit.render.process_map as m; "
        "m.render_static(m.example_project()); "
        "print('ipywidgets' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
