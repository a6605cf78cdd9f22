"""Drawing a team's process map as a flowchart in SVG (no graphviz, no other binaries).

The steps run down the page in order, one below the other, so the drawing stays readable on a
phone. Each type of step has its usual shape: a rounded box to start or end, a box for a task, a
diamond for a decision and a D shape (with the word "Wait") for a wait. Arrows join each step to
the next. A decision's answers that go somewhere other than the next step are routed round the
side — "Yes" on the right, "No" on the left — each in its own lane so they never lie on top of
each other. Problem steps get a thick dashed border *and* a label such as "⚠ Delay", so colour is
never the only signal. Every step carries its number.

:func:`render_process_svg` is the one drawing function: the live widget and the static page of
an executed notebook (:func:`render_static`) both show its output. All participant text is
escaped for XML, and characters XML cannot hold are replaced, so the SVG always parses.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from qikit.core.model import MAIN, ProcessMap, Project, Step, StepType
from qikit.core.wording import process_map as words
from qikit.render.text import escape

__all__ = ["example_project", "render_example", "render_process_svg", "render_static"]

# -- sizes (SVG user units; the drawing scales to the screen through its viewBox) ---------------

FONT = 16  # text in the shapes
SMALL = 14  # labels, numbers: the smallest text drawn
LINE = 21  # line height of the text in the shapes
PAD = 12  # space between a shape's edge and its text
COLUMN = 300  # width of every shape
GAP = 48  # vertical space between two shapes (room for an arrow and a "Yes" label)
TOP = 26  # space above the first shape (room for its number)
BOTTOM = 16
LABEL_ZONE = 56  # from a diamond's side corner to the first lane (room for a "Yes" label)
LANE = 14  # space between two side lanes
EDGE = 22  # outer margin when a side has no lanes (room for the step numbers)
MIN_BOX = 52  # smallest height of a box
MIN_DIAMOND = 96  # smallest height of a diamond
STADIUM = 26  # radius of the rounded ends of a start/end box
WAIT_CURVE = 36  # depth of the rounded side of a wait step
# Rough width of one character at FONT px in a sans-serif face; generous so text stays inside.
CHAR = 8.8

# -- colours: dark text on light fills (contrast well above WCAG AA's 4.5:1) ------------------

INK = "#1a1a1a"
PROBLEM_INK = "#a4000f"
FILLS = {
    StepType.START_END: "#dcefdc",
    StepType.TASK: "#eef4fb",
    StepType.DECISION: "#fff4cc",
    StepType.WAIT: "#f1e8f8",
}


def _units(text: str) -> float:
    """Return the rough drawn width of ``text`` in average characters."""
    total = 0.0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            total += 2.0
        elif ch.isupper():
            total += 1.25
        else:
            total += 1.0
    return total


def wrap_text(text: str, width: float) -> list[str]:
    """Return ``text`` broken into lines of at most ``width`` average characters.

    Lines break between words; a word longer than a line is cut. Runs of white space (newlines,
    tabs) count as one space. Empty text gives no lines.
    """
    lines: list[str] = []
    current, used = "", 0.0
    for word in text.split():
        size = _units(word)
        if current and used + 1 + size <= width:
            current, used = f"{current} {word}", used + 1 + size
            continue
        if current:
            lines.append(current)
            current, used = "", 0.0
        while size > width:  # a very long word: cut it where the line is full
            piece, piece_size = "", 0.0
            for ch in word:
                ch_size = _units(ch)
                if piece and piece_size + ch_size > width:
                    break
                piece, piece_size = piece + ch, piece_size + ch_size
            lines.append(piece)
            word = word[len(piece) :]
            size = _units(word)
        current, used = word, size
    if current:
        lines.append(current)
    return lines


# -- layout -----------------------------------------------------------------------------------


@dataclass
class _Box:
    """Where one step is drawn."""

    step: Step
    number: int
    tags: list[tuple[str, str]]  # (words, colour) drawn in bold above the text
    lines: list[str]
    top: float = 0.0
    height: float = 0.0

    @property
    def kind(self) -> StepType:
        return self.step.step_type

    @property
    def bottom(self) -> float:
        return self.top + self.height

    @property
    def middle(self) -> float:
        return self.top + self.height / 2


@dataclass
class _Link:
    """A decision's answer drawn round the side: from one step to another."""

    source: int  # index of the decision
    target: int  # index of the step it goes to
    label: str
    side: int  # +1 right ("Yes"), -1 left ("No")
    lane: int = 0
    y_from: float = 0.0
    y_to: float = 0.0


def _text_width(kind: StepType) -> float:
    """Return how many average characters fit on one line inside a shape of this type."""
    if kind is StepType.DECISION:
        return COLUMN * 0.56 / CHAR
    if kind is StepType.START_END:
        return (COLUMN - 2 * STADIUM) / CHAR
    if kind is StepType.WAIT:
        return (COLUMN - 2 * PAD - WAIT_CURVE) / CHAR
    return (COLUMN - 2 * PAD) / CHAR


def _boxes(steps: Sequence[Step]) -> list[_Box]:
    boxes = []
    for number, step in enumerate(steps, start=1):
        tags: list[tuple[str, str]] = []
        if step.problem is not None:
            tags.append((words.PROBLEM_TAGS[step.problem], PROBLEM_INK))
        if step.step_type is StepType.WAIT:
            tags.append((words.WAIT_TAG, INK))
        lines = wrap_text(step.text, _text_width(step.step_type))
        boxes.append(_Box(step, number, tags, lines))
    top = TOP
    for box in boxes:
        text_height = (len(box.tags) + max(1, len(box.lines))) * LINE
        if box.kind is StepType.DECISION:
            box.height = max(MIN_DIAMOND, round(2.3 * text_height + 16))
        else:
            box.height = max(MIN_BOX, text_height + 2 * PAD)
        box.top = top
        top += box.height + GAP
    return boxes


def _answers(index: int, boxes: Sequence[_Box], ids: dict[str, int]) -> list[tuple[str, int]]:
    """Return (label, target index) for each answer of the decision at ``index``.

    An answer with no step picked (or whose step was deleted) goes on to the next step down; on
    the last step it has nowhere to go and is left out.
    """
    step = boxes[index].step
    result = []
    for label, target_id in ((words.YES, step.yes_next), (words.NO, step.no_next)):
        target = ids.get(target_id) if target_id is not None else None
        if target is None and index + 1 < len(boxes):
            target = index + 1
        if target is not None:
            result.append((label, target))
    return result


def _links(boxes: Sequence[_Box]) -> tuple[list[str | None], list[_Link]]:
    """Return the label of each downward arrow (None: no arrow) and the side links.

    The arrow from step i to step i+1 is drawn unless step i is an end (a start/end step that is
    not the first) or a decision whose answers both go elsewhere. A decision's answers that go
    to the next step label that arrow; the others become side links.
    """
    ids = {box.step.record_id: i for i, box in enumerate(boxes)}
    down: list[str | None] = []
    links: list[_Link] = []
    for i, box in enumerate(boxes):
        last = i + 1 == len(boxes)
        if box.kind is StepType.DECISION:
            answers = _answers(i, boxes, ids)
            below = [label for label, target in answers if target == i + 1]
            if len(below) == 2:
                down.append(words.YES_OR_NO)
            elif below:
                down.append(below[0])
            else:
                down.append(None)
            for label, target in answers:
                if target != i + 1:
                    side = 1 if label == words.YES else -1
                    links.append(_Link(i, target, label, side))
        elif last or (box.kind is StepType.START_END and i > 0):
            down.append(None)
        else:
            down.append("")  # a plain arrow, no label
    return down, links


def _entry(box: _Box, side: int, left: float) -> tuple[float, float]:
    """Return where a side link arriving from ``side`` meets the shape of ``box``."""
    cx = left + COLUMN / 2
    if box.kind is StepType.DECISION:
        # The upper slope, so it never meets the decision's own answers leaving its corners.
        return cx + side * COLUMN / 4, box.top + box.height / 4
    return cx + side * COLUMN / 2, box.middle


def _assign_lanes(links: list[_Link], boxes: Sequence[_Box], left: float) -> dict[int, int]:
    """Give each side link a lane (shortest links nearest the shapes); return lanes per side."""
    for link in links:
        link.y_from = boxes[link.source].middle
        link.y_to = _entry(boxes[link.target], link.side, left)[1]
    used: dict[int, list[tuple[float, float, int]]] = {1: [], -1: []}
    for link in sorted(links, key=lambda k: (abs(k.y_to - k.y_from), k.source, k.side)):
        low, high = sorted((link.y_from, link.y_to))
        lane = 0
        while any(
            lane == other and low <= o_high + 2 and o_low - 2 <= high
            for o_low, o_high, other in used[link.side]
        ):
            lane += 1
        link.lane = lane
        used[link.side].append((low, high, lane))
    return {side: 1 + max((lane for *_, lane in spans), default=-1) for side, spans in used.items()}


# -- drawing ----------------------------------------------------------------------------------


def _arrowhead(x: float, y: float, dx: int, dy: int) -> str:
    """Return a filled triangle with its tip at (x, y) pointing along (dx, dy)."""
    back, half = 11, 6
    bx, by = x - dx * back, y - dy * back
    px, py = -dy * half, dx * half
    return (
        f'<polygon points="{x:g},{y:g} {bx + px:g},{by + py:g} {bx - px:g},{by - py:g}" '
        f'fill="{INK}"/>'
    )


def _pill(cx: float, cy: float, label: str) -> str:
    """Return a label on a white background (readable even where it crosses a line)."""
    width = max(34, 10 + 8.6 * _units(label))
    return (
        f'<rect x="{cx - width / 2:g}" y="{cy - 12:g}" width="{width:g}" height="24" rx="6" '
        f'fill="#ffffff" stroke="{INK}" stroke-width="1.5"/>'
        f'<text x="{cx:g}" y="{cy + 5:g}" text-anchor="middle" font-size="{SMALL}" '
        f'font-weight="bold" fill="{INK}">{escape(label)}</text>'
    )


def _shape(box: _Box, left: float) -> str:
    """Return the outline of a step in its type's shape."""
    x, y, w, h = left, box.top, COLUMN, box.height
    if box.step.problem is not None:
        stroke = f'stroke="{PROBLEM_INK}" stroke-width="4" stroke-dasharray="10 6"'
    else:
        stroke = f'stroke="{INK}" stroke-width="2"'
    fill = f'fill="{FILLS[box.kind]}"'
    if box.kind is StepType.DECISION:
        cx, cy = x + w / 2, y + h / 2
        points = f"{cx:g},{y:g} {x + w:g},{cy:g} {cx:g},{y + h:g} {x:g},{cy:g}"
        return f'<polygon points="{points}" {fill} {stroke}/>'
    if box.kind is StepType.WAIT:
        curve = WAIT_CURVE
        return (
            f'<path d="M{x:g},{y:g} H{x + w - curve:g} A{curve},{h / 2:g} 0 0 1 '
            f'{x + w - curve:g},{y + h:g} H{x:g} Z" {fill} {stroke}/>'
        )
    radius = min(STADIUM, h / 2) if box.kind is StepType.START_END else 4
    return (
        f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" rx="{radius:g}" {fill} {stroke}/>'
    )


def _words(box: _Box, left: float) -> str:
    """Return the tags and wrapped text of a step, centred in its shape."""
    cx = left + COLUMN / 2
    if box.kind is StepType.WAIT:
        cx -= WAIT_CURVE / 2
    rows: list[tuple[str, str, bool, bool]] = [(t, colour, True, False) for t, colour in box.tags]
    if box.lines:
        rows += [(line, INK, False, False) for line in box.lines]
    else:
        rows.append((words.NO_WORDS, "#4a4a4a", False, True))
    first = box.middle - (len(rows) - 1) * LINE / 2 + FONT * 0.35
    parts = [f'<text x="{cx:g}" y="{first:g}" text-anchor="middle" font-size="{FONT}">']
    for n, (line, colour, bold, italic) in enumerate(rows):
        style = (' font-weight="bold"' if bold else "") + (' font-style="italic"' if italic else "")
        dy = "0" if n == 0 else str(LINE)
        parts.append(f'<tspan x="{cx:g}" dy="{dy}" fill="{colour}"{style}>{escape(line)}</tspan>')
    parts.append("</text>")
    if box.kind is StepType.WAIT:
        # An hourglass beside the word "Wait": the shape is not the only sign of a wait.
        row = [t for t, _ in box.tags].index(words.WAIT_TAG)
        x = cx - _units(words.WAIT_TAG) * CHAR / 2 - 14
        y = first + row * LINE - FONT * 0.35
        parts.append(
            f'<path d="M{x - 6:g},{y - 8:g} H{x + 6:g} L{x - 6:g},{y + 8:g} H{x + 6:g} Z" '
            f'fill="none" stroke="{INK}" stroke-width="2" stroke-linejoin="round"/>'
        )
    return "".join(parts)


def _number(box: _Box, left: float) -> str:
    """Return the step's number in a dark circle at the top left corner of its shape."""
    return (
        f'<circle cx="{left:g}" cy="{box.top:g}" r="15" fill="{INK}"/>'
        f'<text x="{left:g}" y="{box.top + 5:g}" text-anchor="middle" font-size="{SMALL}" '
        f'font-weight="bold" fill="#ffffff">{box.number}</text>'
    )


def _description(boxes: Sequence[_Box], down: Sequence[str | None]) -> str:
    """Return the whole map in words, for a screen reader (the SVG's <desc>)."""
    if not boxes:
        return words.DESC_EMPTY
    ids = {box.step.record_id: i for i, box in enumerate(boxes)}
    parts = [words.DESC_INTRO.format(count=len(boxes))]
    for i, box in enumerate(boxes):
        parts.append(_step_sentence(box))
        if box.kind is StepType.DECISION:
            parts += _answer_sentences(i, boxes, ids)
        elif down[i] is None:
            parts.append(words.DESC_ENDS)
    return " ".join(parts)


def _step_sentence(box: _Box) -> str:
    step = box.step
    sentence = words.DESC_STEP.format(
        number=box.number,
        kind=words.STEP_TYPE_NAMES[step.step_type].lower(),
        text=" ".join(step.text.split()) or words.NO_WORDS,
    )
    if step.problem is not None:
        tag = words.PROBLEM_TAGS[step.problem].lstrip("⚠ ").lower()
        sentence += " " + words.DESC_PROBLEM.format(problem=tag)
    return sentence


def _answer_sentences(i: int, boxes: Sequence[_Box], ids: dict[str, int]) -> list[str]:
    answers = dict(_answers(i, boxes, ids))
    sentences = []
    for label in (words.YES, words.NO):
        if label in answers:
            number = boxes[answers[label]].number
            sentences.append(words.DESC_ANSWER.format(answer=label.lower(), number=number))
        else:
            sentences.append(words.DESC_ANSWER_ENDS.format(answer=label.lower()))
    return sentences


def _ordered(steps: Iterable[Step]) -> list[Step]:
    return sorted(steps, key=lambda s: (s.position, s.record_id))


def render_process_svg(process_map: ProcessMap | None, steps: Iterable[Step]) -> str:
    """Return the process map as a self-contained SVG flowchart (a string).

    Parameters
    ----------
    process_map
        The map's title record (None: not saved yet, shown as "Process map").
    steps
        The steps, in any order: they are drawn by ``position`` (then id), top to bottom.
    """
    boxes = _boxes(_ordered(steps))
    down, links = _links(boxes)
    title = (process_map.title if process_map is not None else "").strip() or words.UNTITLED

    # Lanes first: they decide how wide the drawing is and where the column sits.
    lanes = _assign_lanes(links, boxes, 0.0)
    left_margin = LABEL_ZONE + LANE * (lanes[-1] - 1) + 16 if lanes[-1] else EDGE
    right_margin = LABEL_ZONE + LANE * (lanes[1] - 1) + 16 if lanes[1] else EDGE
    left = float(left_margin)
    width = left_margin + COLUMN + right_margin
    height = (boxes[-1].bottom + BOTTOM) if boxes else 140

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width:g} {height:g}" '
        f'width="100%" preserveAspectRatio="xMidYMin meet" '
        f'style="max-width:{round(width * 1.3)}px;height:auto" '
        f'font-family="Arial, Helvetica, sans-serif" class="qikit-process-map-svg">',
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(_description(boxes, down))}</desc>",
    ]
    if not boxes:
        cx = width / 2
        out.append(
            f'<rect x="4" y="4" width="{width - 8:g}" height="{height - 8:g}" rx="8" '
            f'fill="#ffffff" stroke="{INK}" stroke-width="2" stroke-dasharray="6 6"/>'
            f'<text x="{cx:g}" y="60" text-anchor="middle" font-size="{FONT + 2}" '
            f'font-weight="bold" fill="{INK}">{escape(words.EMPTY_DRAWING)}</text>'
            f'<text x="{cx:g}" y="92" text-anchor="middle" font-size="{FONT}" '
            f'fill="{INK}">{escape(words.EMPTY_DRAWING_HINT)}</text></svg>'
        )
        return "".join(out)

    cx = left + COLUMN / 2
    # Arrows go under the shapes and labels, so draw them first.
    for i, label in enumerate(down):
        if label is None:
            continue
        y0, y1 = boxes[i].bottom, boxes[i + 1].top
        out.append(
            f'<line x1="{cx:g}" y1="{y0:g}" x2="{cx:g}" y2="{y1 - 10:g}" stroke="{INK}" '
            f'stroke-width="2"/>{_arrowhead(cx, y1, 0, 1)}'
        )
    for link in links:
        corner = cx + link.side * COLUMN / 2
        lane_x = corner + link.side * (LABEL_ZONE + LANE * link.lane)
        end_x, end_y = _entry(boxes[link.target], link.side, left)
        tip = end_x + link.side * 10
        out.append(
            f'<polyline points="{corner:g},{link.y_from:g} {lane_x:g},{link.y_from:g} '
            f'{lane_x:g},{end_y:g} {tip:g},{end_y:g}" fill="none" stroke="{INK}" '
            f'stroke-width="2" stroke-linejoin="round"/>{_arrowhead(end_x, end_y, -link.side, 0)}'
        )
    for box in boxes:
        out.append(_shape(box, left))
        out.append(_words(box, left))
        out.append(_number(box, left))
    # Labels last, on top of every line they might cross.
    for i, label in enumerate(down):
        if label:
            middle = (boxes[i].bottom + boxes[i + 1].top) / 2
            out.append(_pill(cx + 34, middle, label))
    for link in links:
        corner = cx + link.side * COLUMN / 2
        out.append(_pill(corner + link.side * LABEL_ZONE / 2, link.y_from, link.label))
    out.append("</svg>")
    return "".join(out)


# -- the static page --------------------------------------------------------------------------


def _step_item(number: int, step: Step, numbers: dict[str, int], count: int) -> str:
    kind = words.STEP_TYPE_NAMES[step.step_type]
    text = " ".join(step.text.split()) or words.NO_WORDS
    parts = [f"<strong>Step {number}</strong> ({escape(kind)}): {escape(text)}"]
    if step.step_type is StepType.DECISION:
        for label, target in ((words.YES, step.yes_next), (words.NO, step.no_next)):
            goes = numbers.get(target) if target is not None else None
            if goes is None and number < count:
                goes = number + 1
            if goes is None:
                parts.append(escape(words.DESC_ANSWER_ENDS.format(answer=label.lower())))
            else:
                parts.append(escape(words.DESC_ANSWER.format(answer=label.lower(), number=goes)))
    if step.problem is not None:
        parts.append(f"<strong>{escape(words.PROBLEM_TAGS[step.problem])}</strong>")
        if step.problem_note.strip():
            parts.append(escape(words.STATIC_NOTE.format(note=step.problem_note.strip())))
    return "<li>" + " ".join(parts) + "</li>"


def render_static(project: Project) -> str:
    """Return the team's process map as self-contained HTML: the flowchart and its steps in words.

    For executed notebooks read without a kernel; imports no widget code.
    """
    steps = _ordered(project.steps)
    title = (project.process_map.title if project.process_map else "").strip()
    svg = render_process_svg(project.process_map, steps)
    heading = words.TOOL_TITLE + (f": {title}" if title else "")
    html_parts = [
        '<section class="qikit-static qikit-process-map">',
        f"<h3>{escape(heading)}</h3>",
        f'<div class="qikit-figure" style="max-width:100%">{svg}</div>',
        f"<h4>{escape(words.STATIC_STEPS_HEADING)}</h4>",
    ]
    if steps:
        numbers = {s.record_id: n for n, s in enumerate(steps, start=1)}
        items = "".join(_step_item(n, s, numbers, len(steps)) for n, s in enumerate(steps, 1))
        html_parts.append(f"<ol>{items}</ol>")
        problems = sum(1 for s in steps if s.problem is not None)
        html_parts.append(f"<p>{escape(words.STATIC_PROBLEMS.format(count=problems))}</p>")
    else:
        html_parts.append(f"<p>{escape(words.STATIC_NO_STEPS)}</p>")
    html_parts.append("</section>")
    return "".join(html_parts)


def example_project() -> Project:
    """Return the worked example (a porters' team) as a small in-memory project."""
    steps = [
        Step(
            record_id=key,
            position=float(n),
            step_type=kind,
            text=text,
            yes_next=yes,
            no_next=no,
            problem=problem,
            problem_note=note,
        )
        for n, (key, kind, text, yes, no, problem, note) in enumerate(words.EXAMPLE_STEPS, 1)
    ]
    return Project.of([ProcessMap(record_id=MAIN, title=words.EXAMPLE_TITLE), *steps])


def render_example() -> str:
    """Return the worked example as HTML (its introduction, then the same static rendering)."""
    return f"<p>{escape(words.EXAMPLE_INTRO)}</p>" + render_static(example_project())
