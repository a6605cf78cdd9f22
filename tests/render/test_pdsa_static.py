"""The PDSA ramp SVG, the list of cycles and the static HTML of the PDSA log."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from qikit.core.model import ChangeIdea, Measure, PdsaCycle, Project
from qikit.core.wording import pdsa as words
from qikit.render.pdsa import (
    STEPS_PER_ROW,
    cycles_in_order,
    example_project,
    progress_marker,
    render_cycle_list_html,
    render_example,
    render_ramp_svg,
    render_static,
    stage_words,
)

SVG = "{http://www.w3.org/2000/svg}"
SCRIPT = "<script>alert(1)</script>"


def cycle(rid: str, **fields) -> PdsaCycle:  # type: ignore[no-untyped-def]
    if fields.get("status", "plan") != "plan":
        fields.setdefault("prediction", "It will work")
    return PdsaCycle(record_id=rid, **fields)


def svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg.*?</svg>", html, re.S)]


def drawn(root: ET.Element) -> list[str]:
    return [span.text or "" for span in root.iter(f"{SVG}tspan")]


@pytest.mark.parametrize(
    ("status", "marker", "stage"),
    [
        ("plan", "P● D○ S○ A○", "Plan: getting ready"),
        ("do", "P✓ D● S○ A○", "Do: trying it out"),
        ("study", "P✓ D✓ S● A○", "Study: looking at what happened"),
        ("act", "P✓ D✓ S✓ A●", "Act: deciding what next"),
        ("done", "P✓ D✓ S✓ A✓", "Finished"),
    ],
)
def test_is_the_stage_shown_in_letters_symbols_and_words(status, marker, stage):
    assert progress_marker(status) == marker
    assert stage_words(status) == stage


def test_is_the_ramp_a_labelled_scalable_svg_rising_left_to_right():
    cycles = [
        cycle("a", title="First", status="done", decision="adapt", started_on="2026-02-03"),
        cycle("b", title="Second", status="done", decision="adopt", started_on="2026-02-09"),
        cycle("c", title="Third", status="do", started_on="2026-02-23"),
    ]
    root = ET.fromstring(render_ramp_svg("Ready card", cycles))
    assert root.get("role") == "img" and root.get("width") == "100%"
    assert root.get("viewBox").startswith("0 0 ")
    assert root.find(f"{SVG}title").text == "Ramp for Ready card"
    desc = root.find(f"{SVG}desc").text
    assert desc.startswith("3 PDSA cycles test Ready card")
    assert "cycle 2, Second: Finished, ✓ Adopt" in desc
    assert all(int(t.get("font-size")) >= 14 for t in root.iter(f"{SVG}text"))
    text = drawn(root)
    for expected in ("Cycle 1", "First", "↻ Adapt", "✓ Adopt", words.NO_DECISION, "P✓ D● S○ A○"):
        assert expected in text
    steps = [r for r in root.iter(f"{SVG}rect")]
    xs = [float(r.get("x")) for r in steps]
    ys = [float(r.get("y")) for r in steps]
    assert xs == sorted(xs) and ys == sorted(ys, reverse=True)  # each step right and higher


def test_does_a_long_ramp_continue_on_a_new_row():
    cycles = [cycle(f"c{i:02}", title=f"Test {i}") for i in range(STEPS_PER_ROW * 2 + 1)]
    root = ET.fromstring(render_ramp_svg("Idea", cycles))
    text = drawn(root)
    assert f"Continued: cycles {STEPS_PER_ROW + 1} to {STEPS_PER_ROW * 2}" in text
    width = float(root.get("viewBox").split()[2])
    assert width < 1200  # rows keep it readable when scaled to a phone
    assert len(list(root.iter(f"{SVG}rect"))) == len(cycles)


def test_does_an_empty_ramp_say_so():
    root = ET.fromstring(render_ramp_svg("", []))
    assert words.NO_CYCLES in drawn(root)
    assert words.UNLINKED_IDEA in root.find(f"{SVG}title").text


def test_are_cycles_listed_in_the_order_they_started():
    cycles = [
        cycle("z", started_on="2026-01-01"),
        cycle("a"),
        cycle("m", started_on="2025-12-01"),
    ]
    assert [c.record_id for c in cycles_in_order(cycles)] == ["m", "z", "a"]


def test_does_the_static_html_hold_the_list_the_ramps_and_each_cycle():
    idea = ChangeIdea(record_id="card", text="Ready card")
    other = ChangeIdea(record_id="bay", text="Wheelchair bay")
    measure = Measure(record_id="wait", name="Minutes waiting")
    project = Project.of(
        [
            idea,
            other,
            measure,
            cycle("a", title="Two beds", change_idea_id="card", measure_ids=("wait",)),
            cycle("b", title="Bay test", change_idea_id="bay", status="study"),
            cycle("c", title="Loose test"),
        ]
    )
    html = render_static(project)
    assert "ipywidgets" not in html
    roots = svgs(html)
    # ramps in the order their first cycle started; cycles not linked to an idea last
    assert [r.find(f"{SVG}title").text for r in roots] == [
        "Ramp for Ready card",
        "Ramp for Wheelchair bay",
        f"Ramp for {words.UNLINKED_IDEA}",
    ]
    for title in ("Two beds", "Bay test", "Loose test"):
        assert f"<strong>{title}</strong>" in html and f"<summary>{title}</summary>" in html
    assert "Study: looking at what happened" in html and "Minutes waiting" in html
    assert render_static(Project()).count(words.NO_CYCLES) == 2


def test_is_free_text_escaped_in_every_part():
    project = Project.of(
        [
            ChangeIdea(record_id="i", text="<b>x</b>"),
            cycle(
                "a",
                title=SCRIPT,
                change_idea_id="i",
                status="act",
                prediction=SCRIPT,
                next_step="bell\x07",
                decision="abandon",
            ),
        ]
    )
    html = render_static(project)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    (root,) = svgs(html)
    assert SCRIPT in "".join(drawn(root)).replace(" ", "")
    assert "✗ Abandon" in drawn(root)
    assert "Decision: Abandon: stop, it did not work" in render_cycle_list_html(project)


def test_does_the_example_read_like_a_team_log():
    example = example_project()
    assert example.problems() == ()
    html = render_example()
    assert words.EXAMPLE_INTRO.split(".")[0] in html
    assert "Card on 2 beds, ward 3, one morning" in html
    (root,) = svgs(html)
    assert "↻ Adapt" in drawn(root) and "✓ Adopt" in drawn(root)
