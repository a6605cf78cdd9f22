"""The fishbone (cause and effect) diagram and its Pareto chart, drawn as plain SVG.

Written by hand (no graphviz, no matplotlib) so a redraw after every keystroke costs a few
milliseconds and the same function serves the live widget and the static page a mentor reads.

Layout of the fishbone: the problem sits in a box at the head (right); a spine runs to it; the
categories are bones, alternately above and below the spine, from left to right. Causes are
stacked along their bone, each a labelled horizontal branch that joins the bone; sub-causes are
indented under their cause and joined to its branch by a short line. Bones on one side are all
the same length (the longest one decides), so the canvas grows with the causes and text never
shrinks. Votes are written as "★ 3" and tallies as "counted 12" — never colour alone.

The Pareto chart uses horizontal bars (longest at the top) so long cause names stay readable
on a phone: the chart grows downwards, not sideways.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from qikit.core.model import Cause, Fishbone, Project
from qikit.core.wording import fishbone as words
from qikit.errors import DataError
from qikit.render.text import NOT_XML, escape

__all__ = [
    "example_project",
    "render_example",
    "render_fishbone_html",
    "render_fishbone_svg",
    "render_pareto_svg",
    "render_static",
    "wrap_text",
]

ParetoBy = Literal["votes", "tally"]

#: Colours (contrast on white in brackets, WCAG AA needs 4.5:1 for text, 3:1 for lines).
INK = "#1a1a1a"  # all text (17:1)
BONE = "#3b3b3b"  # spine, bones, branches (11:1)
MUTED = "#595959"  # "(no causes yet)" (7:1)
CATEGORY_FILL = "#e8f1fb"  # category label boxes (INK on it: 15:1)
CATEGORY_EDGE = "#0b5cad"  # (6.4:1)
HEAD_FILL = "#fff4e0"  # the problem box (INK on it: 16:1)
HEAD_EDGE = "#8a4b00"  # (7:1)
STAR_INK = "#7a4d00"  # "★ 3" (7.6:1); the word/number carries the meaning, not the colour
BAR_FILL = "#0072B2"  # Okabe–Ito blue bars (5.2:1 against white)
LINE_INK = "#b03c00"  # running-total line and diamonds (5.6:1)
GRID = "#d9d9d9"

FONT_FAMILY = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
CAUSE_SIZE = 14  # px: the smallest text drawn
CAUSE_LINE = 19  # line height of cause text
CATEGORY_SIZE = 16
CATEGORY_LINE = 21
HEAD_SIZE = 17
HEAD_LINE = 23
#: Average advance of one character, as a fraction of the font size (sans-serif, bold a bit
#: wider). Only used to wrap text and size boxes; generous so text never overruns its bone.
CHAR_EM = 0.6
BOLD_EM = 0.68

MARGIN = 16
COLUMN = 330  # width of one column of bones (one above and one below the spine)
SLANT = 70  # how far a bone leans over its whole length
INDENT = 22  # indent of each level of sub-cause
GAP = 9  # space between two causes on a bone
HEAD_WIDTH = 240
MAX_HEAD_LINES = 14
MAX_CAUSE_LINES = 12  # 200 characters (the most a cause holds) fit even when indented
MAX_DEPTH_INDENT = 3  # deeper sub-causes are drawn at this indent (and say how deep they are)

# ---------------------------------------------------------------------------------------------
# Small helpers


def _units(text: str) -> float:
    """Return the width of ``text`` in "average characters" (wide East Asian / emoji count 2)."""
    total = 0.0
    for ch in text:
        if unicodedata.combining(ch) or ch in "\u200d\ufe0f":
            continue
        total += 2.0 if unicodedata.east_asian_width(ch) in "WF" else 1.0
    return total


def wrap_text(text: str, width: int, max_lines: int | None = None) -> list[str]:
    """Return ``text`` broken into lines of at most ``width`` average characters.

    Spaces and line breaks are collapsed; a word longer than a line is split; with
    ``max_lines`` the last kept line ends in "…". Empty text gives an empty list.
    """
    width = max(4, int(width))
    lines: list[str] = []
    current = ""
    for word in " ".join(NOT_XML.sub("\ufffd", text).split()).split(" "):
        if not word:
            continue
        candidate = f"{current} {word}" if current else word
        if _units(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        while _units(word) > width:
            cut = _fit(word, width)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    if max_lines is not None and len(lines) > max_lines:
        kept = lines[:max_lines]
        last = kept[-1]
        cut = len(last)
        while cut and _units(last[:cut]) + 1 > width:
            cut -= 1
        if cut < len(last) and last[cut] != " " and " " in last[:cut]:
            cut = last.rindex(" ", 0, cut)  # end at a whole word when there is one
        kept[-1] = last[:cut].rstrip() + "…"
        return kept
    return lines


def _fit(word: str, width: int) -> int:
    """Return how many leading characters of ``word`` fit in ``width`` (at least one)."""
    used = 0.0
    for index, ch in enumerate(word):
        used += _units(ch)
        if used > width:
            return max(1, index)
    return len(word)


def _chars(px: float, size: int, em: float = CHAR_EM) -> int:
    return max(4, int(px / (size * em)))


def _px(text: str, size: int, em: float = CHAR_EM) -> float:
    return _units(text) * size * em


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _text(x: float, y: float, content: str, *, size: int = CAUSE_SIZE, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}"{extra}>{content}</text>'


def _text_lines(
    x: float, top: float, lines: list[str], line_height: float, *, size: int, **attrs: str
) -> list[str]:
    """Return one ``<text>`` a line, escaped: line n (from 1) on ``top + n * line_height``."""
    return [
        _text(x, top + number * line_height, escape(line), size=size, **attrs)
        for number, line in enumerate(lines, start=1)
    ]


def _line(x1: float, y1: float, x2: float, y2: float, width: float = 2, colour: str = BONE) -> str:
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" '
        f'stroke="{colour}" stroke-width="{width}"/>'
    )


def _svg_open(svg_id: str, width: float, height: float, title: str, desc: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{escape(svg_id)}" role="img" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" width="100%" '
        f'preserveAspectRatio="xMinYMin meet" style="max-width:{width:.0f}px;height:auto" '
        f'aria-labelledby="{escape(svg_id)}-title {escape(svg_id)}-desc" '
        f'font-family="{FONT_FAMILY}" fill="{INK}">'
        f'<title id="{escape(svg_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(svg_id)}-desc">{escape(desc)}</desc>'
    )


def _meta(cause: Cause) -> str:
    """Return the "★ 3 · counted 12" line of a cause ("" when it has neither)."""
    parts = []
    if cause.votes:
        parts.append(f"{words.STAR} {len(cause.votes)}")
    if cause.tally:
        parts.append(f"counted {cause.tally:,}")
    return " · ".join(parts)


# ---------------------------------------------------------------------------------------------
# The tree of causes


@dataclass(frozen=True)
class _Entry:
    """One cause placed on a bone: how deep it hangs and the id of the cause it hangs from."""

    cause: Cause
    depth: int
    parent_id: str | None


@dataclass(frozen=True)
class _Bone:
    name: str
    on_fishbone: bool
    entries: tuple[_Entry, ...]


def _order(cause: Cause) -> tuple[str, str]:
    # Stored ids are random, so order by the words: stable, and easy to find a cause in.
    return (_name_key(cause.text), cause.record_id)


def cause_tree(fishbone: Fishbone | None, causes: Iterable[Cause]) -> list[_Bone]:
    """Return the bones in drawing order, each with its causes in outline order.

    Main causes go on the bone of their category (matched ignoring case and spaces); causes in
    a category the fishbone does not have get a bone of their own at the end, marked as such.
    Sub-causes follow their cause, indented. A sub-cause whose cause is gone, or that is part
    of a loop, is drawn as a main cause so nothing typed disappears from the picture.
    """
    fishbone = fishbone or Fishbone()
    all_causes = sorted(causes, key=_order)
    by_id = {c.record_id: c for c in all_causes}
    children: dict[str, list[Cause]] = {}
    roots: list[Cause] = []
    for cause in all_causes:
        if cause.parent_id is not None and cause.parent_id in by_id:
            children.setdefault(cause.parent_id, []).append(cause)
        else:
            roots.append(cause)
    names: dict[str, str] = {_name_key(c): c for c in fishbone.categories}
    groups: dict[str, list[Cause]] = {_name_key(c): [] for c in fishbone.categories}
    extra: dict[str, str] = {}

    def place(cause: Cause) -> None:
        key = _name_key(cause.category)
        if key not in names and key not in extra:
            extra[key] = cause.category
            groups[key] = []
        groups[key].append(cause)

    for cause in roots:
        place(cause)
    placed: set[str] = set()

    def walk(cause: Cause, depth: int, parent: str | None, out: list[_Entry]) -> None:
        placed.add(cause.record_id)
        out.append(_Entry(cause, depth, parent))
        for child in children.get(cause.record_id, ()):
            if child.record_id not in placed:
                walk(child, depth + 1, cause.record_id, out)

    entries: dict[str, list[_Entry]] = {}
    for key, items in groups.items():
        out: list[_Entry] = []
        for cause in items:
            walk(cause, 0, None, out)
        entries[key] = out
    # Causes only reachable through a loop (A under B under A): draw each as a main cause.
    for cause in all_causes:
        if cause.record_id not in placed:
            place(cause)
            key = _name_key(cause.category)
            walk(cause, 0, None, entries.setdefault(key, []))
    bones = [_Bone(names[k], True, tuple(entries[k])) for k in names]
    bones += [_Bone(extra[k], False, tuple(entries[k])) for k in extra]
    return bones


# ---------------------------------------------------------------------------------------------
# The fishbone


def _describe(fishbone: Fishbone, bones: Sequence[_Bone], causes: Sequence[Cause]) -> str:
    effect = _short(fishbone.effect, 120) if fishbone.effect.strip() else "not written yet"
    parts = [
        f"Fishbone diagram. The problem: {effect}.",
        f"{len(causes)} cause{'s' if len(causes) != 1 else ''} in {len(bones)} "
        f"categor{'ies' if len(bones) != 1 else 'y'}:",
    ]
    parts.append(
        "; ".join(
            f"{b.name} {len(b.entries)}" + ("" if b.on_fishbone else f" {words.NOT_ON_FISHBONE}")
            for b in bones
        )
        + "."
    )
    voted = [c for c in causes if c.votes]
    if voted:
        top = sorted(voted, key=lambda c: (-len(c.votes), _order(c)))[:3]
        parts.append(
            "Most votes: "
            + "; ".join(f"{_short(c.text, 60) or words.NO_WORDS_YET} ({len(c.votes)})" for c in top)
            + "."
        )
    return " ".join(parts)


@dataclass
class _Block:
    entry: _Entry
    lines: list[str]
    meta: str
    height: float


def _blocks(bone: _Bone) -> list[_Block]:
    blocks = []
    for entry in bone.entries:
        indent = min(entry.depth, MAX_DEPTH_INDENT)
        width_px = COLUMN - 10 - SLANT - 18 - INDENT * indent
        lines = wrap_text(entry.cause.text, _chars(width_px, CAUSE_SIZE), MAX_CAUSE_LINES)
        if entry.depth > MAX_DEPTH_INDENT and lines:
            lines[0] = "↳ " + lines[0]
        meta = _meta(entry.cause)
        count = max(1, len(lines)) + (1 if meta else 0)
        blocks.append(_Block(entry, lines, meta, count * CAUSE_LINE + GAP))
    return blocks


def render_fishbone_svg(
    fishbone: Fishbone | None, causes: Sequence[Cause], *, svg_id: str = "qikit-fishbone"
) -> str:
    """Return the fishbone diagram as a standalone SVG string (escaped, well-formed XML).

    ``svg_id`` names the SVG (and its title and description) so two diagrams can share a page.
    """
    fishbone = fishbone or Fishbone()
    causes = tuple(causes)
    bones = cause_tree(fishbone, causes)
    columns = max(1, math.ceil(len(bones) / 2))

    labels = [
        wrap_text(
            b.name + ("" if b.on_fishbone else f" {words.NOT_ON_FISHBONE}"),
            _chars(COLUMN - 40, CATEGORY_SIZE, BOLD_EM),
            3,
        )
        for b in bones
    ]
    blocks = [_blocks(b) for b in bones]
    label_heights = [len(lab) * CATEGORY_LINE + 14 for lab in labels]
    content = [sum(b.height for b in bl) if bl else CAUSE_LINE + GAP for bl in blocks]
    # bone length on each side: the longest list of causes on that side decides
    upper = max([content[i] for i in range(0, len(bones), 2)] or [0]) + 30
    lower = max([content[i] for i in range(1, len(bones), 2)] or [0]) + 30
    up_label = max([label_heights[i] for i in range(0, len(bones), 2)] or [0])
    low_label = max([label_heights[i] for i in range(1, len(bones), 2)] or [0])

    head_lines = wrap_text(
        fishbone.effect, _chars(HEAD_WIDTH - 24, HEAD_SIZE, BOLD_EM), MAX_HEAD_LINES
    ) or [words.NO_PROBLEM_YET]
    head_height = 24 + 10 + len(head_lines) * HEAD_LINE + 14

    spine_y = MARGIN + max(up_label + upper, head_height / 2 + 10)
    height = max(spine_y + lower + low_label, spine_y + head_height / 2 + 10) + MARGIN
    head_x = MARGIN + columns * COLUMN + 24
    width = head_x + HEAD_WIDTH + MARGIN

    out: list[str] = [
        _svg_open(
            svg_id,
            width,
            height,
            f"Fishbone diagram: {_short(fishbone.effect, 80) or 'problem not written yet'}",
            _describe(fishbone, bones, causes),
        ),
        f'<rect x="0" y="0" width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
    ]
    # spine and arrow head pointing at the problem
    out.append(_line(MARGIN, spine_y, head_x - 12, spine_y, 4))
    out.append(
        f'<polygon points="{head_x - 2:.1f},{spine_y:.1f} {head_x - 16:.1f},{spine_y - 8:.1f} '
        f'{head_x - 16:.1f},{spine_y + 8:.1f}" fill="{BONE}"/>'
    )
    # the head: the problem
    head_top = spine_y - head_height / 2
    out.append(
        f'<rect x="{head_x:.1f}" y="{head_top:.1f}" width="{HEAD_WIDTH}" '
        f'height="{head_height:.1f}" rx="10" fill="{HEAD_FILL}" stroke="{HEAD_EDGE}" '
        'stroke-width="3"/>'
    )
    out.append(_text(head_x + 12, head_top + 24, escape(words.PROBLEM_IN_BOX), font_weight="700"))
    out.extend(
        _text_lines(
            head_x + 12,
            head_top + 24 + 10 - 4,
            head_lines,
            HEAD_LINE,
            size=HEAD_SIZE,
            font_weight="700",
            font_style="italic" if not fishbone.effect.strip() else "normal",
        )
    )

    for index, bone in enumerate(bones):
        column = index // 2
        above = index % 2 == 0
        col_x = MARGIN + column * COLUMN
        join_x = col_x + COLUMN - 10  # where the bone meets the spine
        if above:
            end_y = spine_y - upper  # far end of the bone (under its label)
            label_top = end_y - label_heights[index]
        else:
            end_y = spine_y + lower
            label_top = end_y
        end_x = join_x - SLANT
        out.append(_line(end_x, end_y, join_x, spine_y, 3))
        out.append(_category_label(labels[index], end_x, label_top, col_x))

        def bone_x(y: float, end_y: float = end_y, join_x: float = join_x) -> float:
            return join_x - SLANT * abs(y - spine_y) / max(1.0, abs(end_y - spine_y))

        start = end_y + 10 if above else spine_y + 12
        text_x0 = col_x + 8
        if not bone.entries:
            out.append(
                _text(
                    text_x0,
                    start + CAUSE_LINE - 4,
                    escape(words.NO_CAUSES_ON_BONE),
                    fill=MUTED,
                    font_style="italic",
                )
            )
            continue
        lines_at: dict[str, float] = {}  # cause id -> y of its branch
        y = start
        for block in blocks[index]:
            entry = block.entry
            indent = min(entry.depth, MAX_DEPTH_INDENT)
            x = text_x0 + INDENT * indent
            row = y
            for line in block.lines or [words.NO_WORDS_YET]:
                row += CAUSE_LINE
                out.append(
                    _text(
                        x,
                        row - 5,
                        escape(line),
                        font_style="normal" if block.lines else "italic",
                    )
                )
            if block.meta:
                row += CAUSE_LINE
                out.append(_text(x, row - 5, escape(block.meta), font_weight="700", fill=STAR_INK))
            branch_y = row
            if entry.parent_id is None or entry.parent_id not in lines_at:
                out.append(_line(x - 4, branch_y, bone_x(branch_y), branch_y, 2))
            else:
                parent_y = lines_at[entry.parent_id]
                text_w = max(_px(ln, CAUSE_SIZE) for ln in block.lines or [words.NO_WORDS_YET])
                stem_x = x - 10
                out.append(_line(stem_x, parent_y, stem_x, branch_y, 1.5))
                out.append(_line(stem_x, branch_y, min(x + text_w, bone_x(branch_y) - 8),
                                 branch_y, 1.5))  # fmt: skip
            lines_at[entry.cause.record_id] = branch_y
            y += block.height
    out.append("</svg>")
    return "".join(out)


def _category_label(lines: list[str], centre_x: float, top: float, col_x: float) -> str:
    text_w = max((_px(ln, CATEGORY_SIZE, BOLD_EM) for ln in lines), default=40)
    box_w = min(COLUMN - 20, text_w + 24)
    left = min(max(col_x + 4, centre_x - box_w / 2), col_x + COLUMN - 10 - box_w)
    box_h = len(lines) * CATEGORY_LINE + 10
    parts = [
        f'<rect x="{left:.1f}" y="{top + 2:.1f}" width="{box_w:.1f}" height="{box_h:.1f}" '
        f'rx="6" fill="{CATEGORY_FILL}" stroke="{CATEGORY_EDGE}" stroke-width="2"/>'
    ]
    parts.extend(
        _text_lines(left + 12, top + 2, lines, CATEGORY_LINE, size=CATEGORY_SIZE, font_weight="700")
    )
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# The Pareto chart


def _value(cause: Cause, by: ParetoBy) -> int:
    return len(cause.votes) if by == "votes" else cause.tally


def _nice_step(top: int) -> int:
    """Return a tick step giving about 5 ticks from 0 to ``top`` (1, 2, 5, 10, 20, 50, …)."""
    raw = max(1.0, top / 5)
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return int(factor * power)
    return int(10 * power)  # pragma: no cover


def render_pareto_svg(
    causes: Sequence[Cause], by: ParetoBy = "votes", *, svg_id: str = "qikit-pareto"
) -> str:
    """Return the Pareto chart of the causes (by votes or tally) as a standalone SVG string.

    Bars are sorted biggest first (ties by words); each bar has its value written beside it,
    and a line of ◆ points shows the running total in percent, also written in a column on the
    right. Causes with no votes (or no tally) are left out.
    """
    if by not in ("votes", "tally"):
        raise DataError("Order of the Pareto chart", "“votes” or “tally”", by)
    what = "votes" if by == "votes" else "tally"
    chosen = sorted(
        (c for c in causes if _value(c, by) > 0), key=lambda c: (-_value(c, by), _order(c))
    )
    total = sum(_value(c, by) for c in chosen)
    axis_words = words.VOTES_AXIS if by == "votes" else words.TALLY_AXIS

    label_w, plot_x, plot_w, cum_w = 250, 270, 360, 96
    width = plot_x + plot_w + 16 + cum_w + MARGIN
    top_axis = MARGIN + 26 + 22 + 26  # legend, axis title, tick labels
    rows = [wrap_text(c.text, _chars(label_w - 8, CAUSE_SIZE), 3) or [words.NO_WORDS_YET]
            for c in chosen]  # fmt: skip
    heights = [max(38, len(r) * CAUSE_LINE + 12) for r in rows]
    plot_h = sum(heights) if chosen else 60
    height = top_axis + plot_h + 20 + 24 + 24 + MARGIN

    running, cumulative = 0, []
    for cause in chosen:
        running += _value(cause, by)
        cumulative.append(100 * running / total)
    if chosen:
        top_three = "; ".join(
            f"{_short(c.text, 50) or words.NO_WORDS_YET}: {_value(c, by)}" for c in chosen[:3]
        )
        reach = next(i for i, p in enumerate(cumulative) if p >= 80 - 1e-9) + 1
        desc = (
            f"Pareto chart of {len(chosen)} causes by {what}, biggest first. {top_three}. "
            f"The first {reach} cause{'s' if reach != 1 else ''} make up "
            f"{cumulative[reach - 1]:.0f} % of all {what}. " + words.LEFT_OUT.format(what=what)
        )
    else:
        desc = words.NO_VOTES_YET if by == "votes" else words.NO_TALLY_YET
    out = [
        _svg_open(svg_id, width, height, f"Pareto chart of the causes by {what}", desc),
        f'<rect x="0" y="0" width="{width:.0f}" height="{height:.0f}" fill="#ffffff"/>',
        _text(MARGIN, MARGIN + 18, escape(words.LEGEND.format(what=what))),
    ]
    if not chosen:
        out.append(_text(MARGIN, top_axis + 30, escape(desc), font_style="italic"))
        out.append("</svg>")
        return "".join(out)

    biggest = _value(chosen[0], by)
    step = _nice_step(biggest)
    axis_top = step * math.ceil(biggest / step)
    bottom = top_axis + plot_h

    def vx(value: float) -> float:
        return plot_x + plot_w * 0.88 * value / axis_top  # room for the value beside the bar

    def px(percent: float) -> float:
        return plot_x + plot_w * percent / 100

    # running-total axis along the top, value axis along the bottom
    out.append(_text(plot_x, MARGIN + 26 + 18, escape(words.CUMULATIVE_AXIS), font_weight="700"))
    for mark in (0, 20, 40, 60, 80, 100):
        x = px(mark)
        out.append(_line(x, top_axis - 6, x, bottom, 1, GRID if mark != 80 else LINE_INK))
        anchor = "end" if mark == 100 else "middle" if mark else "start"
        out.append(_text(x, top_axis - 10, f"{mark} %", text_anchor=anchor))
    out.append(
        f'<line x1="{px(80):.1f}" y1="{top_axis:.1f}" x2="{px(80):.1f}" y2="{bottom:.1f}" '
        f'stroke="{LINE_INK}" stroke-width="1.5" stroke-dasharray="6 4"/>'
    )
    out.append(_line(plot_x, bottom, plot_x + plot_w, bottom, 1.5))
    out.append(_line(plot_x, top_axis, plot_x, bottom, 1.5))
    tick = 0
    while tick <= axis_top:
        x = vx(tick)
        out.append(_line(x, bottom, x, bottom + 6, 1.5))
        out.append(_text(x, bottom + 22, f"{tick:,}", text_anchor="middle"))
        tick += step
    out.append(
        _text(plot_x + plot_w / 2, bottom + 46, escape(axis_words), text_anchor="middle",
              font_weight="700")
    )  # fmt: skip
    cum_x = plot_x + plot_w + 16
    out.append(_text(cum_x, top_axis - 10, escape(words.CUMULATIVE_COLUMN), font_weight="700"))

    points: list[tuple[float, float]] = []
    y: float = top_axis
    for cause, lines, row_h, percent in zip(chosen, rows, heights, cumulative, strict=True):
        value = _value(cause, by)
        mid = y + row_h / 2
        first = mid - (len(lines) - 1) * CAUSE_LINE / 2 + 5
        for index, line in enumerate(lines):
            out.append(
                _text(plot_x - 10, first + index * CAUSE_LINE, escape(line), text_anchor="end")
            )
        bar_h = min(26, row_h - 10)
        out.append(
            f'<rect x="{plot_x:.1f}" y="{mid - bar_h / 2:.1f}" '
            f'width="{max(2.0, vx(value) - plot_x):.1f}" height="{bar_h:.1f}" fill="{BAR_FILL}"/>'
        )
        out.append(
            _text(vx(value) + 6, mid + 5, f"{value:,}", font_weight="700", stroke="#ffffff",
                  stroke_width="4", paint_order="stroke")
        )  # fmt: skip
        out.append(_text(cum_x, mid + 5, f"{percent:.0f} %"))
        points.append((px(percent), mid))
        y += row_h
    out.append(
        '<polyline fill="none" stroke="{}" stroke-width="2.5" points="{}"/>'.format(
            LINE_INK, " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        )
    )
    for x, y in points:
        out.append(
            f'<polygon points="{x:.1f},{y - 7:.1f} {x + 7:.1f},{y:.1f} {x:.1f},{y + 7:.1f} '
            f'{x - 7:.1f},{y:.1f}" fill="{LINE_INK}" stroke="#ffffff" stroke-width="1.5"/>'
        )
    out.append("</svg>")
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# HTML: the diagram, the chart and the outline in words


def has_counts(causes: Iterable[Cause]) -> tuple[bool, bool]:
    """Return (any cause has a vote, any cause has a tally)."""
    causes = tuple(causes)
    return any(c.votes for c in causes), any(c.tally for c in causes)


def _nested_list(entries: Sequence[_Entry]) -> str:
    """Return the causes as a list whose sub-causes are lists inside their cause's item.

    A sub-list sits inside the ``<li>`` of the cause above it (never straight inside a list),
    so screen readers announce the levels properly.
    """
    parts = ["<ul>"]
    depth = 0
    item_open = False
    for entry in entries:
        target = max(entry.depth, 0)
        if item_open and target <= depth:
            parts.append("</li>")
            item_open = False
        while depth > target:
            parts.append("</ul></li>")
            depth -= 1
        while depth < target:
            if not item_open:
                parts.append("<li>")
            parts.append("<ul>")
            depth += 1
            item_open = False
        meta = _meta(entry.cause)
        parts.append(
            f"<li>{escape(entry.cause.text) or escape(words.NO_WORDS_YET)}"
            + (f" <strong>({escape(meta)})</strong>" if meta else "")
        )
        item_open = True
    if item_open:
        parts.append("</li>")
    parts.append("</ul></li>" * depth + "</ul>")
    return "".join(parts)


def outline_html(fishbone: Fishbone | None, causes: Sequence[Cause]) -> str:
    """Return the fishbone as a nested list in words (for phones and screen readers)."""
    parts = [f"<details><summary>{escape(words.IN_WORDS)}</summary><ul>"]
    for bone in cause_tree(fishbone, causes):
        name = bone.name + ("" if bone.on_fishbone else f" {words.NOT_ON_FISHBONE}")
        parts.append(f"<li><strong>{escape(name)}</strong>")
        if not bone.entries:
            parts.append(f" {escape(words.NO_CAUSES_ON_BONE)}</li>")
            continue
        parts.append(_nested_list(bone.entries) + "</li>")
    parts.append("</ul></details>")
    return "".join(parts)


def render_pareto_html(
    causes: Sequence[Cause], by: ParetoBy = "votes", *, svg_id: str = "qikit-pareto"
) -> str:
    """Return the Pareto chart with its heading and a one-line reading guide."""
    return (
        f"<h4>{escape(words.PARETO_HEADING)}</h4><p>{escape(words.PARETO_EXPLAINED)}</p>"
        f'<div class="qikit-figure">{render_pareto_svg(causes, by, svg_id=svg_id)}</div>'
    )


def render_fishbone_html(
    fishbone: Fishbone | None, causes: Sequence[Cause], *, svg_id: str = "qikit-fishbone"
) -> str:
    """Return the diagram (SVG) followed by the same fishbone in words."""
    return (
        f'<div class="qikit-figure">{render_fishbone_svg(fishbone, causes, svg_id=svg_id)}</div>'
        + outline_html(fishbone, causes)
    )


def render_static(project: Project, *, svg_id: str = "qikit-fishbone") -> str:
    """Return the team's fishbone (and Pareto charts, if there are votes or tallies) as HTML.

    Self-contained: inline SVG and escaped text only, for a mentor reading an executed notebook.
    """
    causes = project.causes
    voted, tallied = has_counts(causes)
    parts = [
        f'<section class="qikit-fishbone"><h3>{escape(words.TITLE)}</h3>',
        render_fishbone_html(project.fishbone, causes, svg_id=svg_id),
    ]
    if voted:
        parts.append(render_pareto_html(causes, "votes", svg_id=f"{svg_id}-pareto-votes"))
    if tallied:
        parts.append(render_pareto_html(causes, "tally", svg_id=f"{svg_id}-pareto-tally"))
    problems = [p for p in project.problems() if str(p.kind) == "cause"]
    if problems:
        items = "".join(f"<li>{escape(p.message)}</li>" for p in problems)
        parts.append(f"<p><strong>Things to check:</strong></p><ul>{items}</ul>")
    parts.append("</section>")
    return "".join(parts)


def example_project() -> Project:
    """Return the worked example (a domestic team's fishbone) as an in-memory project."""
    ids = {key: f"example-{key}" for key, *_ in words.EXAMPLE_CAUSES}
    causes = [
        Cause(
            record_id=ids[key],
            category=category,
            text=cause_text,
            parent_id=None if parent is None else ids[parent],
            votes=words.EXAMPLE_VOTERS[:votes],
            tally=tally,
        )
        for key, category, cause_text, parent, votes, tally in words.EXAMPLE_CAUSES
    ]
    return Project.of([Fishbone(effect=words.EXAMPLE_EFFECT), *causes])


def render_example() -> str:
    """Return the worked example drawn by the same renderer as the team's own fishbone."""
    return render_static(example_project(), svg_id="qikit-fishbone-example")
