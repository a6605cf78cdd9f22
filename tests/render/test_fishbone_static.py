"""Is the fishbone drawn clearly, safely and readably, and does its Pareto chart add up?"""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qikit.core.model import DEFAULT_CATEGORIES, Cause, Fishbone, Project
from qikit.core.wording import fishbone as words
from qikit.errors import DataError
from qikit.render.fishbone import (
    CHAR_EM,
    example_project,
    outline_html,
    render_example,
    render_fishbone_svg,
    render_pareto_svg,
    render_static,
    wrap_text,
)

SVG = "{http://www.w3.org/2000/svg}"
NASTY = "<script>alert(1)</script> <b>x</b> & “quotes” 'too'"


def cause(
    record_id: str,
    category: str,
    text: str,
    parent: str | None = None,
    votes: int = 0,
    tally: int = 0,
) -> Cause:
    return Cause(
        record_id=record_id,
        category=category,
        text=text,
        parent_id=parent,
        votes=tuple(f"Person {i}" for i in range(votes)),
        tally=tally,
    )


def texts(root: ET.Element) -> list[ET.Element]:
    return list(root.iter(f"{SVG}text"))


def all_words(root: ET.Element) -> str:
    return " ".join((t.text or "") for t in texts(root))


def spine_y(root: ET.Element) -> float:
    arrow = next(root.iter(f"{SVG}polygon"))
    return float(arrow.get("points", "").split()[0].split(",")[1])


def sixty_causes() -> list[Cause]:
    rng = random.Random(7)
    vocabulary = ["porter", "trolley", "wheelchair", "bleep", "ward", "linen", "laundry", "rota"]
    causes: list[Cause] = []
    for i in range(60):
        parent = None
        category = DEFAULT_CATEGORIES[i % 6]
        if i % 4 == 3:
            parent = causes[i - 1].parent_id or causes[i - 1].record_id
            category = causes[i - 1].category
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(2, 30)))[:200]
        causes.append(cause(f"c{i:02d}", category, text, parent, rng.randint(0, 4), i))
    return causes


def test_the_svg_is_well_formed_scalable_and_labelled() -> None:
    """Does the diagram carry a viewBox, 100 % width, role, title and description?"""
    project = example_project()
    root = ET.fromstring(render_fishbone_svg(project.fishbone, project.causes))
    assert root.get("role") == "img"
    assert root.get("width") == "100%"
    assert re.fullmatch(r"0 0 \d+ \d+", root.get("viewBox", ""))
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and "Side rooms wait" in (title.text or "")
    assert desc is not None and "12 causes in 6 categories" in (desc.text or "")
    assert "Most votes: Only one domestic on the late shift" in (desc.text or "")


def test_no_text_is_smaller_than_14px() -> None:
    project = example_project()
    for svg in (
        render_fishbone_svg(project.fishbone, project.causes),
        render_pareto_svg(project.causes, "votes"),
        render_pareto_svg(project.causes, "tally"),
    ):
        sizes = [float(t.get("font-size", "0")) for t in texts(ET.fromstring(svg))]
        assert sizes and min(sizes) >= 14


def test_effect_is_at_the_head_and_bones_alternate_above_and_below() -> None:
    """Is the problem on the right, with the 1st, 3rd, 5th kinds above the spine?"""
    project = example_project()
    root = ET.fromstring(render_fishbone_svg(project.fishbone, project.causes))
    middle = spine_y(root)
    positions = {t.text: (float(t.get("x", 0)), float(t.get("y", 0))) for t in texts(root)}
    head_x = positions[words.PROBLEM_IN_BOX][0]
    for index, name in enumerate(DEFAULT_CATEGORIES):
        x, y = positions[name]
        assert x < head_x
        assert (y < middle) == (index % 2 == 0), name
    # bones go left to right in the fishbone's order
    assert positions["People"][0] < positions["Equipment"][0] < positions["Communication"][0]


def test_votes_and_tallies_are_written_not_just_coloured() -> None:
    causes = [cause("a", "People", "Short staffed at night", votes=3, tally=12)]
    root = ET.fromstring(render_fishbone_svg(Fishbone(effect="Late meals"), causes))
    assert "★ 3 · counted 12" in all_words(root)


def test_sub_causes_are_indented_under_their_cause() -> None:
    causes = [
        cause("main", "Methods", "Jobs phoned in"),
        cause("sub", "Methods", "Nobody knows the number", parent="main"),
        cause("subsub", "Methods", "Number changed", parent="sub"),
    ]
    root = ET.fromstring(render_fishbone_svg(None, causes))
    place = {t.text: (float(t.get("x", 0)), float(t.get("y", 0))) for t in texts(root)}
    main, sub, subsub = (
        place["Jobs phoned in"],
        place["Nobody knows the number"],
        place["Number changed"],
    )
    assert main[0] < sub[0] < subsub[0]  # indented
    assert main[1] < sub[1] < subsub[1]  # under their cause


def test_sixty_causes_fit_without_overlap_or_running_off_the_canvas() -> None:
    """With 60 causes is every word drawn, inside the canvas, with no two lines on top?"""
    causes = sixty_causes()
    svg = render_fishbone_svg(Fishbone(effect="Patients wait for porters " * 6), causes)
    root = ET.fromstring(svg)
    _, _, width, height = (float(v) for v in root.get("viewBox", "").split())
    drawn = all_words(root).split()
    for item in causes:  # every word of every cause is on the diagram (wrapping drops none)
        for word in item.text.split():
            assert word in drawn
    boxes = []
    for t in texts(root):
        x, y, size = float(t.get("x", 0)), float(t.get("y", 0)), float(t.get("font-size", 0))
        assert t.get("text-anchor") is None  # left-aligned text only on the fishbone
        em = 0.68 if t.get("font-weight") == "700" else CHAR_EM
        w = len(t.text or "") * size * em
        assert x >= 0, t.text
        assert x + w <= width + 1, t.text
        assert size <= y <= height
        boxes.append((x, y - size, x + w, y + 3, t.text))
    boxes.sort(key=lambda b: b[1])
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if b[1] >= a[3]:
                break
            overlap = a[0] < b[2] and b[0] < a[2]
            assert not overlap, (a[4], b[4])


def test_the_canvas_grows_with_the_causes() -> None:
    few = ET.fromstring(render_fishbone_svg(None, sixty_causes()[:6]))
    many = ET.fromstring(render_fishbone_svg(None, sixty_causes()))
    assert float(many.get("viewBox", "").split()[3]) > 2 * float(few.get("viewBox", "").split()[3])


def test_free_text_is_drawn_literally_never_as_markup() -> None:
    fishbone = Fishbone(effect=NASTY, categories=(NASTY, "People"))
    causes = [cause("a", NASTY, NASTY, votes=1, tally=2), cause("b", "Gone", NASTY)]
    for svg in (
        render_fishbone_svg(fishbone, causes),
        render_pareto_svg(causes, "votes"),
        render_pareto_svg(causes, "tally"),
    ):
        root = ET.fromstring(svg)
        assert not list(root.iter("script")) and not list(root.iter(f"{SVG}script"))
        assert "<script>" not in svg and "&lt;script&gt;" in svg
        assert "<script>alert(1)</script>" in " ".join(root.itertext()).replace("\n", " ")
    page = render_static(Project.of([fishbone, *causes]))
    assert "<script>" not in page and "<b>x</b>" not in page
    assert "&lt;b&gt;x&lt;/b&gt;" in page


@given(
    effect=st.text(max_size=300),
    category=st.text(min_size=1, max_size=60).filter(str.strip),
    cause_text=st.text(max_size=200),
)
def test_any_text_gives_well_formed_svg(effect: str, category: str, cause_text: str) -> None:
    """Even control characters, emoji and right-to-left text keep the SVG parseable."""
    effect = "".join(ch for ch in effect if not 0xD800 <= ord(ch) <= 0xDFFF)
    category = "".join(ch for ch in category if not 0xD800 <= ord(ch) <= 0xDFFF) or "x"
    cause_text = "".join(ch for ch in cause_text if not 0xD800 <= ord(ch) <= 0xDFFF)
    if not category.strip():
        category = "x"
    fishbone = Fishbone(effect=effect, categories=(category,))
    causes = [cause("a", category, cause_text, votes=1, tally=1)]
    ET.fromstring(render_fishbone_svg(fishbone, causes))
    ET.fromstring(render_pareto_svg(causes))
    ET.fromstring(f"<div>{render_static(Project.of([fishbone, *causes]))}</div>")


def test_causes_in_a_missing_category_or_loop_are_still_drawn() -> None:
    causes = [
        cause("lost", "Night shift", "Nobody on the desk"),
        cause("a", "People", "Loop one", parent="b"),
        cause("b", "People", "Loop two", parent="a"),
        cause("orphan", "People", "Main cause deleted", parent="deleted"),
    ]
    root = ET.fromstring(render_fishbone_svg(None, causes))
    words_drawn = all_words(root)
    for expected in ("Nobody on the desk", "Loop one", "Loop two", "Main cause deleted"):
        assert expected in words_drawn
    assert f"Night shift {words.NOT_ON_FISHBONE}" in words_drawn


def test_an_empty_fishbone_invites_the_team_in() -> None:
    root = ET.fromstring(render_fishbone_svg(None, []))
    drawn = all_words(root)
    assert words.NO_PROBLEM_YET in drawn
    assert drawn.count(words.NO_CAUSES_ON_BONE) == 6


@pytest.mark.parametrize(
    ("text", "width", "max_lines", "expected"),
    [
        ("", 10, None, []),
        ("   ", 10, None, []),
        ("one two three", 7, None, ["one two", "three"]),
        ("one\ntwo", 20, None, ["one two"]),
        ("abcdefghijkl", 5, None, ["abcde", "fghij", "kl"]),
        ("one two three four", 7, 1, ["one…"]),
        ("exactly7", 8, None, ["exactly7"]),
        ("abcdefghij klm", 6, 1, ["abcde…"]),
    ],
)
def test_wrap_text(text: str, width: int, max_lines: int | None, expected: list[str]) -> None:
    assert wrap_text(text, width, max_lines) == expected


def test_wrap_text_counts_wide_characters_twice() -> None:
    assert wrap_text("病院病院病院", 6) == ["病院病", "院病院"]


# -- Pareto ---------------------------------------------------------------------------------------


def bar_values(root: ET.Element) -> list[int]:
    return [int(t.text.replace(",", "")) for t in texts(root) if t.get("paint-order") == "stroke"]


def percents(root: ET.Element) -> list[str]:
    column = [t for t in texts(root) if (t.text or "").endswith(" %")]
    return [t.text or "" for t in column if float(t.get("x", 0)) > 640]


def test_pareto_sorts_biggest_first_and_adds_up_to_100_percent() -> None:
    causes = [
        cause("a", "People", "Small", votes=1, tally=50),
        cause("b", "People", "Big", votes=4, tally=1),
        cause("c", "People", "Middle", votes=2),
        cause("d", "People", "No votes", tally=3),
    ]
    root = ET.fromstring(render_pareto_svg(causes, "votes"))
    assert bar_values(root) == [4, 2, 1]  # "No votes" is left out
    assert percents(root) == ["57 %", "86 %", "100 %"]
    drawn = all_words(root)
    assert drawn.index("Big") < drawn.index("Middle") < drawn.index("Small")
    assert "No votes" not in drawn
    assert words.VOTES_AXIS in drawn and words.CUMULATIVE_AXIS in drawn
    tally = ET.fromstring(render_pareto_svg(causes, "tally"))
    assert bar_values(tally) == [50, 3, 1]
    assert words.TALLY_AXIS in all_words(tally)
    assert "first 1 cause make up 93 % of all tally" in (tally.find(f"{SVG}desc").text or "")


def test_pareto_ties_are_ordered_by_words() -> None:
    causes = [cause("z", "People", "Beta", votes=2), cause("a", "People", "Alpha", votes=2)]
    drawn = all_words(ET.fromstring(render_pareto_svg(causes)))
    assert drawn.index("Alpha") < drawn.index("Beta")


def test_pareto_with_nothing_to_show_says_so() -> None:
    root = ET.fromstring(render_pareto_svg([cause("a", "People", "x")], "tally"))
    assert words.NO_TALLY_YET in all_words(root)


def test_pareto_refuses_an_unknown_order() -> None:
    with pytest.raises(DataError, match="votes"):
        render_pareto_svg([], "likes")  # type: ignore[arg-type]


# -- the static page ------------------------------------------------------------------------------


def test_static_page_shows_pareto_only_when_there_are_votes_or_tallies() -> None:
    plain = Project.of([Fishbone(effect="Cold toast"), cause("a", "People", "Slow toaster")])
    page = render_static(plain)
    assert page.count("<svg") == 1 and words.PARETO_HEADING not in page
    assert "Slow toaster" in page and words.IN_WORDS in page
    voted = Project.of([cause("a", "People", "Slow toaster", votes=2)])
    assert render_static(voted).count("<svg") == 2
    both = Project.of([cause("a", "People", "Slow toaster", votes=2, tally=5)])
    assert render_static(both).count("<svg") == 3


def test_static_page_lists_causes_to_check() -> None:
    page = render_static(Project.of([cause("a", "Night shift", "Nobody on the desk")]))
    assert "Things to check" in page and "not on the fishbone" in page


def test_the_worked_example_renders_as_valid_xml_with_unique_ids() -> None:
    page = render_example()
    root = ET.fromstring(f"<div>{page}</div>")
    ids = [e.get("id") for e in root.iter() if e.get("id")]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("qikit-fishbone-example") for i in ids)
    assert "Chlorine tablets run out on Fridays" in page


def test_the_outline_nests_sub_causes_inside_their_causes_item() -> None:
    """Is every list straight inside a list item (never a <ul> straight in a <ul>), at any depth?"""
    causes = [
        cause("a", "People", "Short staffed"),
        cause("b", "People", "Sickness", parent="a"),
        cause("c", "People", "No cover", parent="b"),
        cause("d", "People", "Late rota"),
        cause("e", "Methods", "Paper lists"),
    ]
    outline = outline_html(Fishbone(), causes)
    assert "<ul><ul>" not in outline and "</li><ul>" not in outline
    assert "<li>Short staffed<ul><li>Sickness<ul><li>No cover</li></ul></li></ul></li>" in outline
    assert "<li>Late rota</li>" in outline
    tree = ET.fromstring(outline)  # well formed: every tag closed where it opened
    assert all(child.tag == "li" for ul in tree.iter("ul") for child in ul)
    shown = sorted(li.text for li in tree.iter("li") if li.text)
    assert shown == sorted(c.text for c in causes)
