"""Drawing PDSA cycles: the list of cycles, the ramp per change idea (SVG) and the static twin.

A *ramp* shows the cycles that test one change idea as steps rising left to right: each test
builds on the one before. Each step carries its number, its title, a four-part P-D-S-A marker
(letters and symbols, never colour alone) and the team's decision (a symbol and a word). Long
ramps continue on a new row of at most :data:`STEPS_PER_ROW` steps, so the drawing stays
readable when it is scaled down to a phone.

The live widget and :func:`render_static` both call these functions. No ipywidgets here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from qikit.core.model import (
    ChangeIdea,
    Measure,
    MeasureType,
    PdsaCycle,
    PdsaDecision,
    PdsaStatus,
    Project,
)
from qikit.core.wording import pdsa as words
from qikit.render.driver_diagram import (
    LINE_COLOUR,
    TEXT_COLOUR,
    svg_open,
    svg_text_lines,
    wrap_lines,
)
from qikit.render.text import date_words, escape

__all__ = [
    "STEPS_PER_ROW",
    "cycles_in_order",
    "progress_marker",
    "render_cycle_details_html",
    "render_cycle_list_html",
    "render_example",
    "render_ramp_svg",
    "render_ramps_html",
    "render_static",
    "stage_words",
]

#: The most steps drawn on one row of a ramp before it continues below.
STEPS_PER_ROW = 5

_MARGIN = 12
_STEP_WIDTH = 184
_STEP_GAP = 36  # room for the arrow between steps
_RISE = 36
_PADDING = 10
_LINE = 21
_TITLE_LINES = 4
_CHARS = int((_STEP_WIDTH - 2 * _PADDING) / (16 * 0.55))

# Border colour of a step by decision; the decision is also written as a symbol and a word.
_DECISION_COLOURS = {
    PdsaDecision.ADOPT: "#00703c",
    PdsaDecision.ADAPT: "#8a5a00",
    PdsaDecision.ABANDON: "#a4000f",
    None: LINE_COLOUR,
}
#: The Plan's fields, in the order a team fills them in.
PLAN_KEYS = PdsaCycle.STAGE_FIELDS[PdsaStatus.PLAN]
_STAGES = (PdsaStatus.PLAN, PdsaStatus.DO, PdsaStatus.STUDY, PdsaStatus.ACT)


def stage_words(status: PdsaStatus | str) -> str:
    """Return the stage of a cycle in words ("Do: trying it out")."""
    return words.STAGE_WORDS[PdsaStatus(status).value]


def progress_marker(status: PdsaStatus | str) -> str:
    """Return the four-part P-D-S-A marker as text: "P✓ D● S○ A○" (✓ done, ● now, ○ not yet)."""
    status = PdsaStatus(status)
    order = list(PdsaStatus)
    parts = []
    for letter, stage in zip(words.MARKER_LETTERS, _STAGES, strict=True):
        if order.index(status) > order.index(stage):
            mark = words.MARKER_DONE
        elif status is stage:
            mark = words.MARKER_NOW
        else:
            mark = words.MARKER_NOT_YET
        parts.append(f"{letter}{mark}")
    return " ".join(parts)


def decision_words(cycle: PdsaCycle) -> str:
    """Return the decision drawn on a ramp step ("✓ Adopt"), or "No decision yet"."""
    if cycle.decision is None:
        return words.NO_DECISION
    return words.DECISION_SHORT[cycle.decision.value]


def cycles_in_order(cycles: Iterable[PdsaCycle]) -> list[PdsaCycle]:
    """Return cycles in the order they started (not yet started last, then by id)."""
    return sorted(
        cycles,
        key=lambda c: (c.started_on is None, c.started_on or dt.date.min, c.record_id),
    )


def _title(cycle: PdsaCycle) -> str:
    return cycle.title if cycle.title.strip() else words.UNTITLED


# ---------------------------------------------------------------------------------------------
# The ramp


def render_ramp_svg(idea_text: str, cycles: Sequence[PdsaCycle]) -> str:
    """Return the ramp of one change idea as a scalable SVG: its cycles as rising steps.

    Parameters
    ----------
    idea_text
        The change idea the cycles test ("" for cycles not linked to an idea).
    cycles
        The cycles, in the order they are drawn (see :func:`cycles_in_order`).
    """
    name = idea_text.strip() or words.UNLINKED_IDEA
    per_row = max(1, min(STEPS_PER_ROW, len(cycles)))
    width = 2 * _MARGIN + per_row * _STEP_WIDTH + (per_row - 1) * _STEP_GAP
    heading = wrap_lines(f"Ramp for: {name}", int((width - 2 * _MARGIN) / (18 * 0.58)))
    title_lines = [wrap_lines(_title(c), _CHARS, _TITLE_LINES) for c in cycles]
    step_height = 2 * _PADDING + _LINE * (3 + max((len(t) for t in title_lines), default=1))
    rows = [list(range(i, min(i + per_row, len(cycles)))) for i in range(0, len(cycles), per_row)]

    parts: list[str] = []
    y = _MARGIN + 18
    parts.append(svg_text_lines(heading, _MARGIN, y, size=18, weight="bold"))
    y += len(heading) * 24
    if not cycles:
        parts.append(svg_text_lines([words.NO_CYCLES], _MARGIN, y + 16, style="italic"))
        y += 30
    for row_number, row in enumerate(rows):
        if row_number:
            first, last = row[0] + 1, row[-1] + 1
            parts.append(
                svg_text_lines(
                    [f"Continued: cycles {first} to {last}"], _MARGIN, y + 16, style="italic"
                )
            )
            y += 28
        rise = _RISE * (len(row) - 1)
        bottom = y + rise + step_height
        # The ramp itself: grey stairs under the steps, rising to the right.
        stairs = [f"{_MARGIN},{bottom + 14}"]
        for slot in range(len(row)):
            x = _MARGIN + slot * (_STEP_WIDTH + _STEP_GAP) - (_STEP_GAP / 2 if slot else 0)
            end: float = _MARGIN + slot * (_STEP_WIDTH + _STEP_GAP) + _STEP_WIDTH
            end += _STEP_GAP / 2 if slot < len(row) - 1 else 0
            level = bottom + 4 - slot * _RISE
            stairs += [f"{x:.0f},{level}", f"{end:.0f},{level}"]
        stairs.append(f"{end:.0f},{bottom + 14}")
        parts.append(
            f'<polygon points="{" ".join(stairs)}" fill="#e8edee" stroke="{LINE_COLOUR}" '
            'stroke-width="1"/>'
        )
        for slot, index in enumerate(row):
            cycle = cycles[index]
            x = _MARGIN + slot * (_STEP_WIDTH + _STEP_GAP)
            top = y + rise - slot * _RISE
            parts.append(_step(cycle, index + 1, title_lines[index], x, top, step_height))
            if slot:
                # The arrow from the previous step to this one.
                x1, y1 = x - _STEP_GAP + 2, top + _RISE + step_height / 2
                x2, y2 = x - 4, top + step_height / 2
                parts.append(
                    f'<path d="M{x1},{y1:.1f} L{x2 - 6},{y2:.1f}" stroke="{TEXT_COLOUR}" '
                    'stroke-width="2" fill="none"/>'
                    f'<polygon points="{x2},{y2:.1f} {x2 - 10},{y2 - 6:.1f} '
                    f'{x2 - 8},{y2 + 5:.1f}" fill="{TEXT_COLOUR}"/>'
                )
        y = bottom + 34
    height = y + _MARGIN
    desc = _ramp_description(name, cycles)
    return (
        svg_open(width, height, f"Ramp for {name}", desc, "qikit-ramp")
        + "".join(parts)
        + ("</svg>")
    )


def _step(cycle: PdsaCycle, number: int, title: list[str], x: float, top: float, h: float) -> str:
    colour = _DECISION_COLOURS[cycle.decision]
    dash = "" if cycle.status is PdsaStatus.DONE else ' stroke-dasharray="7 4"'
    text_x = x + _PADDING
    first = top + _PADDING + 16
    lines_after = first + _LINE * (1 + len(title))
    return (
        f"<g><title>{escape(f'Cycle {number}: {_title(cycle)}')}</title>"
        f'<rect x="{x}" y="{top:.1f}" width="{_STEP_WIDTH}" height="{h:.1f}" rx="6" '
        f'fill="#ffffff" stroke="{colour}" stroke-width="3"{dash}/>'
        + svg_text_lines([f"Cycle {number}"], text_x, first, size=15, weight="bold")
        + svg_text_lines(title, text_x, first + _LINE)
        + svg_text_lines([progress_marker(cycle.status)], text_x, lines_after, size=16)
        + svg_text_lines(
            [decision_words(cycle)],
            text_x,
            lines_after + _LINE,
            weight="bold" if cycle.decision else "normal",
            colour=colour if cycle.decision else TEXT_COLOUR,
        )
        + "</g>"
    )


def _ramp_description(name: str, cycles: Sequence[PdsaCycle]) -> str:
    if not cycles:
        return f"No PDSA cycles test {name} yet."
    steps = "; ".join(
        f"cycle {n}, {_title(c)}: {stage_words(c.status)}, {decision_words(c)}"
        for n, c in enumerate(cycles, start=1)
    )
    many = "cycle" if len(cycles) == 1 else "cycles"
    return f"{len(cycles)} PDSA {many} test {name}, one after another: {steps}."


# ---------------------------------------------------------------------------------------------
# Lists and details in HTML


def _groups(project: Project) -> list[tuple[str, list[PdsaCycle]]]:
    """Return (change idea text, its cycles in order) for each idea with cycles; unlinked last."""
    ideas = {i.record_id: i for i in project.change_ideas}
    by_idea: dict[str | None, list[PdsaCycle]] = {}
    for cycle in cycles_in_order(project.pdsa_cycles):
        key = cycle.change_idea_id if cycle.change_idea_id in ideas else None
        by_idea.setdefault(key, []).append(cycle)
    groups = [(ideas[k].text, v) for k, v in by_idea.items() if k is not None]
    if None in by_idea:
        groups.append(("", by_idea[None]))
    return groups


def _idea_name(cycle: PdsaCycle, ideas: dict[str, ChangeIdea]) -> str:
    idea = ideas.get(cycle.change_idea_id or "")
    if idea is None:
        return words.UNLINKED_IDEA
    return idea.text if idea.text.strip() else "(no words yet)"


def render_cycle_list_html(project: Project) -> str:
    """Return every cycle as a list: title, change idea, stage in words, marker and decision."""
    cycles = cycles_in_order(project.pdsa_cycles)
    if not cycles:
        return f'<p class="qikit-pdsa-list">{escape(words.NO_CYCLES)}</p>'
    ideas = {i.record_id: i for i in project.change_ideas}
    items = []
    for cycle in cycles:
        decision = (
            f"<br>Decision: {escape(words.DECISION_WORDS[cycle.decision.value])}"
            if cycle.decision
            else ""
        )
        items.append(
            f"<li><strong>{escape(_title(cycle))}</strong>"
            f"<br>Change idea: {escape(_idea_name(cycle, ideas))}"
            f"<br>Stage: {escape(stage_words(cycle.status))} "
            f'<span class="qikit-pdsa-marker" aria-hidden="true" '
            f'style="font-family:monospace;border:1px solid #4c6272;padding:0 4px">'
            f"{escape(progress_marker(cycle.status))}</span>{decision}</li>"
        )
    return (
        f'<ol class="qikit-pdsa-list">{"".join(items)}</ol>'
        f'<p class="qikit-pdsa-key" aria-hidden="true">Key: {escape(words.MARKER_KEY)}</p>'
    )


def render_ramps_html(project: Project) -> str:
    """Return one ramp SVG per change idea that has cycles (and one for unlinked cycles)."""
    groups = _groups(project)
    if not groups:
        return f"<p>{escape(words.NO_CYCLES)}</p>"
    return "".join(
        f'<div class="qikit-figure">{render_ramp_svg(name, cycles)}</div>'
        for name, cycles in groups
    )


def _date_words(day: dt.date | None) -> str:
    return date_words(day) if day else "not set"


def render_cycle_details_html(cycle: PdsaCycle, project: Project) -> str:
    """Return one cycle's filled-in parts as HTML (for mentors reading the static notebook)."""
    ideas = {i.record_id: i for i in project.change_ideas}
    measures = {m.record_id: m for m in project.measures}
    linked = [measures[m].name for m in cycle.measure_ids if m in measures]
    rows = [
        ("Change idea", _idea_name(cycle, ideas)),
        ("Stage", stage_words(cycle.status)),
        ("Measures", ", ".join(linked) or "none ticked"),
        ("Dates", f"{_date_words(cycle.started_on)} to {_date_words(cycle.finished_on)}"),
    ]
    sections = [
        (words.PLAN_HEADING, PLAN_KEYS),
        (words.DO_HEADING, ("what_happened", "surprises")),
        (words.STUDY_HEADING, ("result_vs_prediction",)),
    ]
    body = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in rows)
    for heading, keys in sections:
        filled = [(words.FIELD_LABELS[k], getattr(cycle, k)) for k in keys if getattr(cycle, k)]
        body += f"<dt><strong>{escape(heading)}</strong></dt>"
        body += (
            "".join(
                f"<dd>{escape(label)} <span style='white-space:pre-wrap'>{escape(value)}"
                "</span></dd>"
                for label, value in filled
            )
            or "<dd>Nothing written yet.</dd>"
        )
    act = words.DECISION_WORDS[cycle.decision.value] if cycle.decision else words.NO_DECISION
    body += f"<dt><strong>{escape(words.ACT_HEADING)}</strong></dt><dd>{escape(act)}</dd>"
    if cycle.next_step:
        body += (
            f"<dd>{escape(words.FIELD_LABELS['next_step'])} "
            f"<span style='white-space:pre-wrap'>{escape(cycle.next_step)}</span></dd>"
        )
    return f"<details><summary>{escape(_title(cycle))}</summary><dl>{body}</dl></details>"


def render_static(project: Project) -> str:
    """Return the team's PDSA log as self-contained HTML: the list, the ramps and each cycle."""
    cycles = cycles_in_order(project.pdsa_cycles)
    details = "".join(render_cycle_details_html(c, project) for c in cycles)
    return (
        '<section class="qikit-static qikit-pdsa">'
        "<style>.qikit-pdsa svg{max-width:100%;height:auto}</style>"
        f"<h2>{escape(words.TITLE)}</h2>"
        f"<h3>{escape(words.LIST_HEADING)}</h3>{render_cycle_list_html(project)}"
        f"<h3>{escape(words.RAMP_HEADING)}</h3>{render_ramps_html(project)}"
        f"{'<h3>Each cycle in full</h3>' + details if details else ''}</section>"
    )


def example_project() -> Project:
    """Return the worked example (the porters' "Ready for porter" card) as a small project."""
    idea = ChangeIdea(record_id="ready-card", text=words.EXAMPLE_IDEA)
    measure = Measure(
        record_id="wait", name=words.EXAMPLE_MEASURE, measure_type=MeasureType.OUTCOME
    )
    cycles = [
        PdsaCycle(
            record_id=f"cycle-{n}",
            change_idea_id=idea.record_id,
            measure_ids=(measure.record_id,),
            # The example is kept as plain text (its status, decision and dates as words); the
            # model turns those into its enums and dates when the cycle is made.
            **fields,  # type: ignore[arg-type]
        )
        for n, fields in enumerate(words.EXAMPLE_CYCLES, start=1)
    ]
    return Project.of([idea, measure, *cycles])


def render_example() -> str:
    """Return the worked example as HTML (for the help panel), drawn like the team's own."""
    project = example_project()
    first = cycles_in_order(project.pdsa_cycles)[0]
    return (
        f"<p>{escape(words.EXAMPLE_INTRO)}</p>{render_cycle_list_html(project)}"
        f"{render_ramps_html(project)}{render_cycle_details_html(first, project)}"
    )
