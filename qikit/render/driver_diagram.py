"""Drawing the driver diagram as SVG, and its static HTML twin for executed notebooks.

The diagram is four columns read left to right — Aim | Primary drivers | Secondary drivers |
Change ideas — joined by lines. It is laid out as a tree: each box is centred beside the block of
boxes that hang from it, so no lines cross. Things that are not linked (a secondary driver whose
primary driver was deleted, a change idea with no driver) are still drawn, under a dashed box that
says what is missing, so nothing a team wrote disappears from the picture.

The SVG scales to any width (``viewBox``, ``width="100%"``); on a phone it becomes small, so the
same content is also given as a nested list in words (:func:`render_driver_outline_html`).
Both the live widget and :func:`render_static` call these functions, so they always agree.
No ipywidgets here.

The small SVG helpers (:func:`wrap_lines`, :func:`svg_text_lines`) are shared
with :mod:`qikit.render.pdsa`.
"""

from __future__ import annotations

import unicodedata
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from qikit.core.model import (
    ChangeIdea,
    Charter,
    Driver,
    DriverLevel,
    PdsaCycle,
    Project,
    Record,
)
from qikit.core.wording import driver_diagram as words
from qikit.render.text import escape

__all__ = [
    "render_driver_outline_html",
    "render_driver_svg",
    "render_example",
    "render_static",
    "svg_text_lines",
    "wrap_lines",
]

#: Characters XML 1.0 cannot hold (control characters other than tab, newline, return).
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
TEXT_COLOUR = "#1a1a1a"
LINE_COLOUR = "#4c6272"  # 6.4:1 on white

# Layout of the diagram, in viewBox units (1 unit = 1 px when drawn at full size).
_MARGIN = 12
_COLUMN_WIDTH = 226
_COLUMN_GAP = 32
_WIDTH = 2 * _MARGIN + 4 * _COLUMN_WIDTH + 3 * _COLUMN_GAP
_FONT_SIZE = 16
_SMALL_SIZE = 14
_LINE_HEIGHT = 21
_PADDING = 10
_BOX_GAP = 12
_HEADING_HEIGHT = 44
# An average letter is about 0.55 em wide in a sans-serif font; wide (CJK) letters count twice.
_CHARS_PER_LINE = int((_COLUMN_WIDTH - 2 * _PADDING) / (_FONT_SIZE * 0.55))

# (fill, border, text colour, dashed) for each kind of box. Each column also has its heading
# word, so the colour never carries the meaning alone. Text contrast is at least 7:1.
_STYLES: dict[str, tuple[str, str, str, bool]] = {
    "aim": ("#005eb8", "#003d78", "#ffffff", False),  # white on NHS blue: 6.7:1
    "primary": ("#dbe8f6", "#005eb8", TEXT_COLOUR, False),
    "secondary": ("#e3f1e6", "#00703c", TEXT_COLOUR, False),
    "idea": ("#fff4d6", "#8a5a00", TEXT_COLOUR, False),
    "missing": ("#ffffff", LINE_COLOUR, TEXT_COLOUR, True),
}


# ---------------------------------------------------------------------------------------------
# Shared SVG helpers


def _units(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_lines(text: str, width: int, max_lines: int = 0) -> list[str]:
    """Return ``text`` wrapped into lines of at most ``width`` letters (wide letters count 2).

    Runs of spaces and line breaks become one space; a word longer than a line is split. With
    ``max_lines`` the text is cut after that many lines and the last line ends with "…".
    """
    lines: list[str] = []
    current = ""
    for word in text.split():
        while _units(word) > width:  # split a very long word (a web address, "aaaa…")
            room = width - _units(current) - (1 if current else 0)
            if room < 4:
                lines.append(current)
                current, room = "", width
            cut = 0
            while cut < len(word) and _units(word[: cut + 1]) <= room:
                cut += 1
            piece, word = word[:cut], word[cut:]
            current = f"{current} {piece}" if current else piece
            lines.append(current)
            current = ""
        if not word:
            continue
        if current and _units(current) + 1 + _units(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current or not lines:
        lines.append(current)
    if max_lines and len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and _units(last) + 1 > width:
            last = last[:-1]
        lines[-1] = last.rstrip() + "…"
    return lines


def svg_text_lines(
    lines: Sequence[str],
    x: float,
    y: float,
    *,
    size: int = _FONT_SIZE,
    line_height: int = _LINE_HEIGHT,
    colour: str = TEXT_COLOUR,
    weight: str = "normal",
    style: str = "normal",
    anchor: str = "start",
) -> str:
    """Return one ``<text>`` element with a ``<tspan>`` per line; ``y`` is the first baseline."""
    spans = "".join(
        f'<tspan x="{x:.1f}" y="{y + i * line_height:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<text font-size="{size}" fill="{colour}" font-weight="{weight}" font-style="{style}" '
        f'text-anchor="{anchor}">{spans}</text>'
    )


def svg_open(width: float, height: float, title: str, desc: str, prefix: str) -> str:
    """Return the opening of a scalable, labelled SVG (``role="img"``, title and description)."""
    # A stable id (same drawing, same id) so executed notebooks do not change between runs.
    ident = f"{prefix}-{zlib.crc32(f'{title}|{desc}|{width}|{height}'.encode()):08x}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.0f} {height:.0f}" '
        f'width="100%" style="max-width:{width:.0f}px;height:auto" '
        'preserveAspectRatio="xMinYMin meet" role="img" '
        f'aria-labelledby="{ident}-t {ident}-d" font-family="{FONT}">'
        f'<title id="{ident}-t">{escape(title)}</title>'
        f'<desc id="{ident}-d">{escape(desc)}</desc>'
    )


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


# ---------------------------------------------------------------------------------------------
# The tree of boxes


@dataclass
class _Node:
    column: int
    kind: str  # a key of _STYLES
    text: str
    note: str = ""  # a second, smaller line (the PDSA count of a change idea)
    children: list[_Node] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    height: float = 0.0
    block: float = 0.0  # the height of this box and everything hanging from it
    top: float = 0.0

    def measure(self) -> float:
        width = _CHARS_PER_LINE - (3 if self.kind == "aim" else 0)  # bold letters are wider
        self.lines = wrap_lines(self.text, width) if self.text.strip() else [words.UNTITLED]
        note_height = _LINE_HEIGHT if self.note else 0
        self.height = 2 * _PADDING + len(self.lines) * _LINE_HEIGHT + note_height
        below = sum(child.measure() for child in self.children)
        below += _BOX_GAP * max(0, len(self.children) - 1)
        self.block = max(self.height, below)
        return self.block

    def place(self, top: float) -> None:
        self.top = top + (self.block - self.height) / 2
        below = sum(c.block for c in self.children) + _BOX_GAP * max(0, len(self.children) - 1)
        y = top + (self.block - below) / 2
        for child in self.children:
            child.place(y)
            y += child.block + _BOX_GAP

    @property
    def middle(self) -> float:
        return self.top + self.height / 2

    def walk(self) -> Iterable[_Node]:
        yield self
        for child in self.children:
            yield from child.walk()


def _sorted_drivers(drivers: Iterable[Driver]) -> list[Driver]:
    return sorted(drivers, key=lambda d: (d.position, d.record_id))


def _sorted_ideas(ideas: Iterable[ChangeIdea]) -> list[ChangeIdea]:
    # Ideas have no position: alphabetical order is one a participant can predict.
    return sorted(ideas, key=lambda i: (" ".join(i.text.split()).casefold(), i.record_id))


@dataclass
class _Diagram:
    """The diagram's content grouped for drawing and for the outline in words."""

    aim: str
    primaries: list[tuple[Driver, list[tuple[Driver, list[ChangeIdea]]], list[ChangeIdea]]]
    orphans: list[tuple[Driver, list[ChangeIdea]]]  # secondary drivers with no primary
    unlinked: list[ChangeIdea]  # change ideas with no (existing) driver
    counts: dict[str, int]

    @classmethod
    def of(
        cls,
        aim_sentence: str,
        drivers: Sequence[Driver],
        change_ideas: Sequence[ChangeIdea],
        cycles: Sequence[PdsaCycle],
    ) -> _Diagram:
        by_id = {d.record_id: d for d in drivers}
        primaries = _sorted_drivers(d for d in drivers if d.level is DriverLevel.PRIMARY)
        secondaries = _sorted_drivers(d for d in drivers if d.level is DriverLevel.SECONDARY)
        ideas = _sorted_ideas(change_ideas)

        def ideas_of(driver_id: str) -> list[ChangeIdea]:
            return [i for i in ideas if i.driver_id == driver_id]

        def has_primary(driver: Driver) -> bool:
            parent = by_id.get(driver.parent_id or "")
            return parent is not None and parent.level is DriverLevel.PRIMARY

        grouped = [
            (
                primary,
                [
                    (s, ideas_of(s.record_id))
                    for s in secondaries
                    if s.parent_id == primary.record_id
                ],
                ideas_of(primary.record_id),
            )
            for primary in primaries
        ]
        orphans = [(s, ideas_of(s.record_id)) for s in secondaries if not has_primary(s)]
        unlinked = [i for i in ideas if i.driver_id is None or i.driver_id not in by_id]
        counts: dict[str, int] = {}
        for cycle in cycles:
            if cycle.change_idea_id is not None:
                counts[cycle.change_idea_id] = counts.get(cycle.change_idea_id, 0) + 1
        return cls(aim_sentence.strip(), grouped, orphans, unlinked, counts)

    def idea_node(self, idea: ChangeIdea) -> _Node:
        note = words.cycles_tested(self.counts.get(idea.record_id, 0))
        return _Node(3, "idea", idea.text, note=note)

    def tree(self) -> _Node:
        root = _Node(0, "aim" if self.aim else "missing", self.aim or words.NO_AIM_ON_DIAGRAM)
        for primary, seconds, direct in self.primaries:
            node = _Node(1, "primary", primary.text)
            for secondary, ideas in seconds:
                child = _Node(2, "secondary", secondary.text)
                child.children = [self.idea_node(i) for i in ideas]
                node.children.append(child)
            node.children += [self.idea_node(i) for i in direct]
            root.children.append(node)
        if self.orphans:
            holder = _Node(1, "missing", words.NO_PARENT_ON_DIAGRAM)
            for secondary, ideas in self.orphans:
                child = _Node(2, "secondary", secondary.text)
                child.children = [self.idea_node(i) for i in ideas]
                holder.children.append(child)
            root.children.append(holder)
        if self.unlinked:
            holder = _Node(2, "missing", words.NO_DRIVER_ON_DIAGRAM)
            holder.children = [self.idea_node(i) for i in self.unlinked]
            root.children.append(holder)
        if not root.children:
            root.children.append(_Node(1, "missing", words.NO_PRIMARY_ON_DIAGRAM))
        return root

    def summary(self) -> str:
        seconds = sum(len(s) for _, s, _ in self.primaries) + len(self.orphans)
        ideas = sum(len(i) for _, s, d in self.primaries for _, i in s) + sum(
            len(d) for _, _, d in self.primaries
        )
        ideas += sum(len(i) for _, i in self.orphans) + len(self.unlinked)
        aim = f"Aim: {self.aim}" if self.aim else "No aim yet."
        return (
            f"Driver diagram. {aim} "
            f"{_plural(len(self.primaries), 'primary driver', 'primary drivers')}, "
            f"{_plural(seconds, 'secondary driver', 'secondary drivers')}, "
            f"{_plural(ideas, 'change idea', 'change ideas')}. "
            "The list in words under the diagram gives the same."
        )


def _column_x(column: int) -> float:
    return _MARGIN + column * (_COLUMN_WIDTH + _COLUMN_GAP)


def _box(node: _Node) -> str:
    fill, border, colour, dashed = _STYLES[node.kind]
    x = _column_x(node.column)
    dash = ' stroke-dasharray="6 4"' if dashed else ""
    parts = [
        "<g>",
        f'<rect x="{x:.1f}" y="{node.top:.1f}" width="{_COLUMN_WIDTH}" height="{node.height:.1f}" '
        f'rx="8" fill="{fill}" stroke="{border}" stroke-width="2"{dash}/>',
        svg_text_lines(
            node.lines,
            x + _PADDING,
            node.top + _PADDING + _FONT_SIZE,
            colour=colour,
            weight="bold" if node.kind == "aim" else "normal",
            style="italic" if node.kind == "missing" else "normal",
        ),
    ]
    if node.note:
        parts.append(
            svg_text_lines(
                [node.note],
                x + _PADDING,
                node.top + _PADDING + _FONT_SIZE + len(node.lines) * _LINE_HEIGHT,
                size=_SMALL_SIZE,
                colour="#3d3d3d",  # 10:1 on the idea fill
                style="italic",
            )
        )
    parts.append("</g>")
    return "".join(parts)


def _link(parent: _Node, child: _Node) -> str:
    x1 = _column_x(parent.column) + _COLUMN_WIDTH
    x2 = _column_x(child.column)
    y1, y2 = parent.middle, child.middle
    bend = (x2 - x1) / 2
    return (
        f'<path d="M{x1:.1f},{y1:.1f} C{x1 + bend:.1f},{y1:.1f} {x2 - bend:.1f},{y2:.1f} '
        f'{x2:.1f},{y2:.1f}" fill="none" stroke="{LINE_COLOUR}" stroke-width="2"/>'
    )


def render_driver_svg(
    aim_sentence: str,
    drivers: Sequence[Driver],
    change_ideas: Sequence[ChangeIdea],
    cycles: Sequence[PdsaCycle] = (),
) -> str:
    """Return the driver diagram as a self-contained, scalable SVG string.

    Parameters
    ----------
    aim_sentence
        The charter's aim as one sentence (``Charter.aim_sentence()``); "" draws a hint instead.
    drivers, change_ideas
        The team's drivers and change ideas, in any order.
    cycles
        The team's PDSA cycles: each change idea says how many cycles test it.
    """
    diagram = _Diagram.of(aim_sentence, drivers, change_ideas, cycles)
    root = diagram.tree()
    root.measure()
    root.place(_HEADING_HEIGHT)
    height = _HEADING_HEIGHT + root.block + _MARGIN
    nodes = list(root.walk())
    parts = [svg_open(_WIDTH, height, "Driver diagram", diagram.summary(), "qikit-driver")]
    for column, heading in enumerate(words.COLUMN_HEADINGS):
        parts.append(
            svg_text_lines(
                [heading], _column_x(column), 28, size=18, weight="bold", colour=TEXT_COLOUR
            )
        )
    parts += [_link(n, c) for n in nodes for c in n.children]
    parts += [_box(n) for n in nodes]
    parts.append("</svg>")
    return "".join(parts)


def render_driver_outline_html(
    aim_sentence: str,
    drivers: Sequence[Driver],
    change_ideas: Sequence[ChangeIdea],
    cycles: Sequence[PdsaCycle] = (),
) -> str:
    """Return the driver diagram as a nested list in words (for phones and screen readers)."""
    diagram = _Diagram.of(aim_sentence, drivers, change_ideas, cycles)

    def label(text: str) -> str:
        return escape(text) if text.strip() else escape(words.UNTITLED)

    def idea_items(ideas: Sequence[ChangeIdea]) -> str:
        if not ideas:
            return ""
        items = "".join(
            f"<li>Change idea: {label(i.text)} "
            f"({escape(words.cycles_tested(diagram.counts.get(i.record_id, 0)))})</li>"
            for i in ideas
        )
        return f"<ul>{items}</ul>"

    def secondary_items(seconds: Sequence[tuple[Driver, list[ChangeIdea]]]) -> str:
        if not seconds:
            return ""
        items = "".join(
            f"<li>Secondary driver: {label(s.text)}{idea_items(ideas)}</li>" for s, ideas in seconds
        )
        return f"<ul>{items}</ul>"

    aim = escape(diagram.aim) if diagram.aim else escape(words.AIM_EMPTY)
    top = [
        f"<li>Primary driver: {label(p.text)}{secondary_items(s)}{idea_items(d)}</li>"
        for p, s, d in diagram.primaries
    ]
    if diagram.orphans:
        top.append(
            f"<li>{escape(words.NO_PARENT_ON_DIAGRAM)}:{secondary_items(diagram.orphans)}</li>"
        )
    if diagram.unlinked:
        top.append(f"<li>{escape(words.NO_DRIVER_ON_DIAGRAM)}:{idea_items(diagram.unlinked)}</li>")
    body = f"<ul>{''.join(top)}</ul>" if top else f"<p>{escape(words.NO_PRIMARY_ON_DIAGRAM)}.</p>"
    return (
        f'<div class="qikit-driver-outline"><h3>{escape(words.OUTLINE_HEADING)}</h3>'
        f"<p><strong>Aim:</strong> {aim}</p>{body}</div>"
    )


def _aim_of(project: Project) -> str:
    return project.charter.aim_sentence() if project.charter is not None else ""


def render_static(project: Project) -> str:
    """Return the team's driver diagram as self-contained HTML: the SVG and the list in words."""
    args = (_aim_of(project), project.drivers, project.change_ideas, project.pdsa_cycles)
    return (
        '<section class="qikit-static qikit-driver-diagram">'
        "<style>.qikit-driver-diagram svg{max-width:100%;height:auto}</style>"
        f"<h2>{escape(words.TITLE)}</h2>"
        f'<div class="qikit-figure">{render_driver_svg(*args)}</div>'
        f"{render_driver_outline_html(*args)}</section>"
    )


def example_project() -> Project:
    """Return the worked example (a porters' team) as a small in-memory project."""
    records: list[Record] = []
    charter = Charter(
        aim_what="cut the time patients wait for a porter to take them to X-ray",
        aim_how_much="from 40 to 20 minutes",
        aim_for_whom="patients on wards 3 and 4",
        aim_by_when="2027-03-31",
    )
    records.append(charter)
    n = 0
    for p_index, (primary, seconds) in enumerate(words.EXAMPLE_DRIVERS):
        pid = f"p{p_index}"
        records.append(Driver(record_id=pid, text=primary, position=p_index))
        for s_index, (secondary, ideas) in enumerate(seconds):
            sid = f"{pid}s{s_index}"
            records.append(
                Driver(
                    record_id=sid,
                    text=secondary,
                    level=DriverLevel.SECONDARY,
                    parent_id=pid,
                    position=s_index,
                )
            )
            for idea_text, cycle_count in ideas:
                iid = f"{sid}i{n}"
                n += 1
                records.append(ChangeIdea(record_id=iid, text=idea_text, driver_id=sid))
                records += [
                    PdsaCycle(record_id=f"{iid}c{c}", change_idea_id=iid)
                    for c in range(cycle_count)
                ]
    return Project.of(records)


def render_example() -> str:
    """Return the worked example as HTML (for the help panel), drawn like the team's own."""
    project = example_project()
    args = (_aim_of(project), project.drivers, project.change_ideas, project.pdsa_cycles)
    return (
        f"<p>{escape(words.EXAMPLE_INTRO)}</p>"
        f'<div class="qikit-figure">{render_driver_svg(*args)}</div>'
        f"{render_driver_outline_html(*args)}"
    )
