"""Measures as charts and static HTML: one drawing shared by the live tool and the mentor's page.

:func:`draw_measure` turns one measure of a project into everything a reader needs: the chart
(run chart or the suggested control chart, with the phases, the team's PDSA cycles, notes on
points and the target line), the plain-English reading under it and the full text description
for screen readers. The live widget shows :func:`chart_html` and :func:`reading_html` of that
drawing; :func:`render_static` puts the same pieces on a page that needs no kernel.

The chart is read with the rules the team chose for the measure (``Measure.rule_set``): the
reading names them in one plain line, and with NHS Making Data Count it shows the variation and
assurance icons (qikit's own inline SVG, each with its text alternative and its words beside it)
and which way is better and the target.

No ipywidgets here. Every piece of text a team typed is escaped.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from qikit.core.model import (
    Measure,
    PdsaCycle,
    Point,
    Project,
)
from qikit.core.model.measures import AUTO_CHART as AUTO
from qikit.core.model.measures import RuleSet, phase_breaks, resolve_chart
from qikit.core.spc.chart_choice import DATA_KIND_QUESTIONS, DataKind
from qikit.core.spc.qic import QicResult, qic
from qikit.core.spc.rules.mdc import AssuranceIcon, VariationIcon
from qikit.core.wording import measures as words
from qikit.core.wording import rules as rule_words
from qikit.errors import QikitError
from qikit.render.charts import ChartFigure, assurance_icon_svg, plot_chart, variation_icon_svg
from qikit.render.text import date_words, escape, short_date_words

__all__ = [
    "AUTO",
    "RUN",
    "MeasureChart",
    "chart_choices",
    "chart_html",
    "date_words",
    "draw_measure",
    "example_html",
    "example_project",
    "measure_html",
    "measures_in_order",
    "pdsa_markers",
    "phase_breaks",
    "reading_html",
    "render_static",
    "resolve_chart",
    "rule_set_html",
]

#: The run chart (a qic chart name).
RUN = "run"
#: The width and height the chart is drawn at; the SVG then scales to the screen.
CHART_SIZE_PX = (900, 450)


def measures_in_order(project: Project) -> tuple[Measure, ...]:
    """Return the project's measures by name (case ignored), then by id."""
    return tuple(
        sorted(project.measures, key=lambda m: (" ".join(m.name.split()).casefold(), m.record_id))
    )


# --- which chart --------------------------------------------------------------------------------


def chart_choices(measure: Measure, n_points: int) -> list[tuple[str, str]]:
    """Return the ``(plain label, value)`` choices of chart for a measure with ``n_points``."""
    suggestion = measure.suggested_chart(n_points)
    choices = [
        (words.CHART_AUTO.format(name=suggestion.name), AUTO),
        (words.CHART_RUN, RUN),
    ]
    if suggestion.chart != RUN:
        choices.append((words.CHART_SUGGESTED.format(name=suggestion.name), suggestion.chart))
    return choices


# --- phases and PDSA markers -------------------------------------------------------------------


def pdsa_markers(
    project: Project, measure_id: str, points: Sequence[Point]
) -> tuple[list[tuple[int, str]], list[str]]:
    """Return the PDSA markers ``(point number, label)`` and sentences for cycles not shown.

    A cycle is placed at the first point on or after the day it started.
    """
    cycles = sorted(
        (c for c in project.pdsa_cycles if measure_id in c.measure_ids),
        key=lambda c: (c.started_on is None, c.started_on or dt.date.min, c.record_id),
    )
    markers: list[tuple[int, str]] = []
    left_out: list[str] = []
    for cycle in cycles:
        title = _cycle_title(cycle)
        if cycle.started_on is None:
            left_out.append(words.PDSA_NO_START.format(title=title))
            continue
        place = next((i for i, p in enumerate(points, start=1) if p.date >= cycle.started_on), None)
        if place is None:
            left_out.append(
                words.PDSA_NOT_ON_CHART.format(title=title, date=date_words(cycle.started_on))
            )
        else:
            markers.append((place, title))
    return markers, left_out


def _cycle_title(cycle: PdsaCycle) -> str:
    return " ".join(cycle.title.split()) or words.PDSA_UNTITLED


# --- the drawing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureChart:
    """One measure drawn: the chart (if any), its plain reading and its full description."""

    measure: Measure
    points: tuple[Point, ...]
    #: The qic chart drawn ("run", "p", …), or "" when nothing could be drawn.
    chart: str = ""
    result: QicResult | None = None
    figure: ChartFigure | None = None
    #: Plain sentences to show under the chart.
    reading: tuple[str, ...] = ()
    #: Why the chart is missing or is a run chart instead of the one chosen ("" when fine).
    message: str = ""
    #: PDSA cycles for this measure that are not on the chart, in words.
    pdsa_left_out: tuple[str, ...] = ()
    pdsa: tuple[tuple[int, str], ...] = field(default_factory=tuple)
    #: The rules the chart was read with: the measure's, unless the chart had to fall back.
    rule_set: RuleSet = RuleSet.ANHOEJ
    #: Plain notes about how the rules were applied (Making Data Count drawing a control chart).
    rule_notes: tuple[str, ...] = ()

    @property
    def variation_icon(self) -> str | None:
        """Return Making Data Count's variation icon (its stored value), or None without one."""
        mdc = None if self.result is None else self.result.mdc
        icon = None if mdc is None else mdc.variation_icon
        return None if icon is None else str(icon.value)

    @property
    def assurance_icon(self) -> str | None:
        """Return Making Data Count's assurance icon, or None (no target, no direction, or no
        usual range yet: a single point has no dashed lines to compare the target with)."""
        mdc = None if self.result is None else self.result.mdc
        icon = None if mdc is None else mdc.assurance_icon
        if icon is None or self.result is None:
            return None
        data = self.result.data
        if not (
            math.isfinite(float(data["lcl"].iloc[-1])) or math.isfinite(float(data["ucl"].iloc[-1]))
        ):
            return None
        return str(icon.value)

    @property
    def description(self) -> str:
        """Return the chart's full text description ("" without a chart)."""
        return self.figure.description if self.figure is not None else ""

    def svg(self) -> str:
        """Return the chart as SVG ready to put inside HTML (scales to the screen width)."""
        return "" if self.figure is None else inline_svg(self.figure.to_svg())

    def png_bytes(self) -> bytes:
        """Return the chart as PNG bytes (empty without a chart)."""
        return b"" if self.figure is None else self.figure.to_png_bytes()


def draw_measure(project: Project, measure: Measure, choice: str = AUTO) -> MeasureChart:
    """Return ``measure`` drawn as the chart ``choice`` ("auto", "run" or the suggested chart).

    When the chosen control chart cannot be made from the numbers (say "how many" is bigger
    than "out of how many"), a run chart is drawn instead and ``message`` says why.
    """
    rules = RuleSet(measure.rule_set)
    points = project.points_of(measure.record_id)
    if not points:
        return MeasureChart(measure, points, message=words.NO_CHART_YET, rule_set=rules)
    chart = resolve_chart(measure, len(points), choice)
    notes_on_rules: list[str] = []
    if rules is RuleSet.MDC and chart != resolve_chart(_anhoej(measure), len(points), choice):
        notes_on_rules.append(rule_words.MDC_DRAWS_CONTROL_CHART)
    markers, left_out = pdsa_markers(project, measure.record_id, points)
    message = ""
    try:
        result = _compute(measure, points, chart, rules)
    except QikitError as error:
        if chart == RUN:
            return MeasureChart(
                measure,
                points,
                message=words.CHART_FAILED.format(message=error),
                pdsa_left_out=tuple(left_out),
                rule_set=rules,
            )
        suggestion = measure.suggested_chart(len(points))
        name = suggestion.name if chart == suggestion.chart else rule_words.MDC_CHART_NAME
        message = words.CHART_FALLBACK.format(name=name, message=error)
        chart = RUN
        # Making Data Count has nothing to read on a run chart: the run chart rules read it.
        rules = RuleSet.ANHOEJ if rules is RuleSet.MDC else rules
        notes_on_rules = []
        try:
            result = _compute(measure, points, chart, rules)
        except QikitError as second:
            return MeasureChart(
                measure,
                points,
                message=words.CHART_FAILED.format(message=second),
                pdsa_left_out=tuple(left_out),
                rule_set=rules,
            )
    breaks = phase_breaks(points, measure.phase_starts)
    labels = (
        [words.PHASE_FIRST_PART]
        + [words.PHASE_LATER_PART.format(date=short_date_words(start)) for _, start in breaks]
        if breaks
        else None
    )
    notes = {i: p.note for i, p in enumerate(points, start=1) if p.note.strip()}
    width, height = CHART_SIZE_PX
    figure = plot_chart(
        result,
        title=measure.name,
        y_label=_y_label(measure),
        notes=notes,
        pdsa=markers,
        target=measure.target,
        phase_labels=labels,
        width_px=width,
        height_px=height,
    )
    return MeasureChart(
        measure,
        points,
        chart=chart,
        result=result,
        figure=figure,
        reading=_reading(measure, result, rules),
        message=message,
        pdsa_left_out=tuple(left_out),
        pdsa=tuple(markers),
        rule_set=rules,
        rule_notes=tuple(notes_on_rules),
    )


def _anhoej(measure: Measure) -> Measure:
    """Return ``measure`` as if read with the run chart rules (to see which chart was chosen)."""
    return dataclasses.replace(measure, rule_set=RuleSet.ANHOEJ)


def _compute(measure: Measure, points: Sequence[Point], chart: str, rules: RuleSet) -> QicResult:
    """Run qic over the points: percentages as how many out of how many, times 100.

    The measure's direction and target go with it: Making Data Count's icons are worked out
    from them (the other rule sets do not use them).
    """
    breaks = [after for after, _ in phase_breaks(points, measure.phase_starts)]
    read = functools.partial(
        qic,
        x=[p.date for p in points],
        chart=chart,
        part=breaks or None,
        method=rules.value,
        improvement=measure.improvement.value,
        target=measure.target,
    )
    if measure.is_fraction:
        y = [math.nan if p.numerator is None else float(p.numerator) for p in points]
        n = [math.nan if p.denominator is None else float(p.denominator) for p in points]
        return read(y, n=n, multiply=100)
    return read([math.nan if p.value is None else p.value for p in points])


def _reading(measure: Measure, result: QicResult, rules: RuleSet) -> tuple[str, ...]:
    sentences = [s.plain for s in result.signals] or [result.reading().plain]
    # Making Data Count says which way is better beside its icons instead.
    direction = "" if rules is RuleSet.MDC else words.DIRECTION_WORDS.get(measure.improvement, "")
    if direction:
        sentences.append(direction)
    return tuple(sentences)


def _y_label(measure: Measure) -> str:
    unit = " ".join(measure.unit.split())
    if measure.is_fraction:
        return unit or "Percentage (%)"
    return unit or "Number"


_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_SIZE = re.compile(r'\s(width|height)="[^"]*"')


def inline_svg(svg: str) -> str:
    """Return matplotlib's SVG ready for HTML: no XML prolog, width 100 %, height from viewBox."""
    svg = _PROLOG.sub("", svg, count=1)
    match = re.search(r"<svg\b[^>]*>", svg)
    if not match:
        return svg
    opening = _SIZE.sub("", match.group(0))
    opening = opening.replace("<svg", '<svg width="100%"', 1)
    return svg[: match.start()] + opening + svg[match.end() :]


# --- HTML pieces shared by the widget and the static page ---------------------------------------


def chart_html(drawing: MeasureChart, *, image: Literal["svg", "png"] = "svg") -> str:
    """Return the chart as an HTML figure (inline SVG, or a PNG with the description as alt)."""
    parts = []
    if drawing.message:
        parts.append(f'<p class="qikit-chart-message" role="status">{escape(drawing.message)}</p>')
    if drawing.figure is not None:
        if image == "png":
            data = base64.b64encode(drawing.png_bytes()).decode("ascii")
            body = (
                f'<img src="data:image/png;base64,{data}" alt="{escape(drawing.description)}" '
                'style="max-width:100%;height:auto">'
            )
        else:
            body = drawing.svg()
        parts.append(f'<div class="qikit-figure">{body}</div>')
    return "".join(parts)


def rule_set_html(rule_set: RuleSet | str) -> str:
    """Return the line naming the rules a chart is read with and what they look for."""
    name, explanation = rule_words.RULE_SET_CHOICES[RuleSet(rule_set)]
    line = rule_words.READ_WITH.format(name=name, explanation=explanation)
    return f'<p class="qikit-rule-set">{escape(line)}</p>'


def icons_html(drawing: MeasureChart) -> str:
    """Return Making Data Count's icons with their words, and the direction and target line.

    Empty unless the chart was read with Making Data Count. An icon that cannot be worked out
    (no direction, no target, or too few points) is left out and the line says what to set.
    """
    if drawing.rule_set is not RuleSet.MDC or drawing.result is None:
        return ""
    figures = []
    variation = drawing.variation_icon
    if variation is not None:
        title, sentence = rule_words.VARIATION_WORDS[VariationIcon(variation)]
        figures.append(_icon_figure(variation_icon_svg(variation, title), sentence))
    assurance = drawing.assurance_icon
    if assurance is not None:
        title, sentence = rule_words.ASSURANCE_WORDS[AssuranceIcon(assurance)]
        figures.append(_icon_figure(assurance_icon_svg(assurance, title), sentence))
    measure = drawing.measure
    line = rule_words.direction_and_target(measure.improvement.value, measure.target, measure.unit)
    if (
        assurance is None
        and measure.target is not None
        and measure.improvement.value in rule_words.BETTER_IS
    ):
        line += " " + rule_words.TARGET_NEEDS_POINTS
    return (
        f'<div class="qikit-mdc"><h5>{escape(rule_words.ICONS_HEADING)}</h5>'
        f'{"".join(figures)}<p class="qikit-mdc-direction">{escape(line)}</p></div>'
    )


def _icon_figure(svg: str, sentence: str) -> str:
    return (
        '<div class="qikit-mdc-icon" style="display:flex;gap:12px;align-items:center;'
        f'margin:6px 0"><span style="flex:none;line-height:0">{svg}</span>'
        f'<p style="margin:0">{escape(sentence)}</p></div>'
    )


def reading_html(drawing: MeasureChart) -> str:
    """Return the plain reading under the chart and the PDSA cycles that are not on it.

    The reading starts with the rules it was read with (their name and one plain line); with
    Making Data Count the icons, which way is better and the target follow.
    """
    if not drawing.reading and not drawing.pdsa_left_out:
        return ""
    parts = []
    if drawing.reading:
        items = "".join(f"<li>{escape(s)}</li>" for s in drawing.reading)
        notes = "".join(f"<p>{escape(note)}</p>" for note in drawing.rule_notes)
        parts.append(
            f'<div class="qikit-reading" aria-live="polite"><h4>{escape(words.WHAT_IT_SHOWS)}'
            f"</h4>{rule_set_html(drawing.rule_set)}{notes}{icons_html(drawing)}"
            f"<ul>{items}</ul></div>"
        )
    if drawing.pdsa_left_out:
        items = "".join(f"<li>{escape(s)}</li>" for s in drawing.pdsa_left_out)
        parts.append(f"<p>{escape(words.PDSA_LIST)}</p><ul>{items}</ul>")
    return "".join(parts)


def description_html(drawing: MeasureChart) -> str:
    """Return the full text description as paragraphs ("" without a chart)."""
    return "".join(f"<p>{escape(line)}</p>" for line in drawing.description.split("\n") if line)


def _value_words(measure: Measure, point: Point) -> str:
    if point.numerator is not None and point.denominator:
        share = 100 * point.numerator / point.denominator
        return f"{point.numerator} out of {point.denominator} ({share:.0f}%)"
    if point.value is not None:
        return f"{point.value:g}"
    return "no number"


def _numbers_table(measure: Measure, points: Sequence[Point]) -> str:
    rows = "".join(
        f"<tr><td>{escape(date_words(p.date))}</td><td>{escape(_value_words(measure, p))}</td>"
        f"<td>{escape(p.note)}</td></tr>"
        for p in points
    )
    value_heading = "How many out of how many" if measure.is_fraction else words.VALUE
    return (
        f"<details><summary>{escape(words.STATIC_NUMBERS.format(points=words.points_words(len(points))))}</summary>"
        f'<table class="qikit-points"><thead><tr><th scope="col">{escape(words.DATE)}</th>'
        f'<th scope="col">{escape(value_heading)}</th><th scope="col">Note</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></details>"
    )


def measure_html(
    project: Project,
    measure: Measure,
    choice: str | None = None,
    *,
    image: Literal["svg", "png"] = "svg",
    heading_level: int = 4,
) -> str:
    """Return one measure for reading: its definition, chart, reading and numbers.

    The chart is the one the team picked (``measure.chart``) unless ``choice`` says otherwise.
    """
    drawing = draw_measure(project, measure, choice or measure.chart)
    type_name, type_meaning = words.MEASURE_TYPE_CHOICES[measure.measure_type]
    definition = (
        "".join(
            f"<p>{escape(line)}</p>" for line in measure.operational_definition.split("\n") if line
        )
        or f"<p>{escape(words.STATIC_NO_DEFINITION)}</p>"
    )
    target = words.STATIC_NO_TARGET if measure.target is None else f"{measure.target:g}"
    facts = [
        (words.STATIC_TYPE, f"{type_name}: {type_meaning}"),
        (words.STATIC_DATA_KIND, DATA_KIND_QUESTIONS.get(DataKind(measure.data_kind), "")),
        (words.STATIC_UNIT, measure.unit or "—"),
        (words.STATIC_TARGET, target),
        (words.STATIC_IMPROVEMENT, words.IMPROVEMENT_CHOICES[measure.improvement]),
        (rule_words.STATIC_RULE_SET, rule_words.RULE_SET_CHOICES[RuleSet(measure.rule_set)][0]),
    ]
    facts_html = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in facts)
    h = max(2, min(heading_level, 6))
    parts = [
        f'<section class="qikit-measure"><h{h}>{escape(measure.name)}</h{h}>',
        f"<dl>{facts_html}</dl>",
        f"<p><strong>{escape(words.STATIC_DEFINITION)}</strong></p>{definition}",
        chart_html(drawing, image=image),
        reading_html(drawing),
    ]
    if drawing.figure is not None:
        parts.append(
            f"<details><summary>{escape(words.FULL_DESCRIPTION)}</summary>"
            f"{description_html(drawing)}</details>"
        )
    if drawing.points:
        parts.append(_numbers_table(measure, drawing.points))
    parts.append("</section>")
    return "".join(parts)


def render_static(project: Project, *, image: Literal["svg", "png"] = "svg") -> str:
    """Return every measure of the team, with its chart and reading, as self-contained HTML."""
    measures = measures_in_order(project)
    body = (
        "".join(measure_html(project, m, image=image) for m in measures)
        if measures
        else f"<p>{escape(words.STATIC_NONE)}</p>"
    )
    return f'<div class="qikit-measures"><h3>{escape(words.STATIC_TITLE)}</h3>{body}</div>'


# --- the worked example ------------------------------------------------------------------------


def example_project() -> Project:
    """Return the worked example: a domestic team's percentage measure with a PDSA cycle."""
    start = dt.date.fromisoformat(words.EXAMPLE_START)
    change = start + dt.timedelta(weeks=words.EXAMPLE_CHANGE_WEEK - 1)
    measure = Measure(
        record_id="example-measure",
        name=words.EXAMPLE_MEASURE_NAME,
        measure_type=words.EXAMPLE_MEASURE_TYPE,
        operational_definition=words.EXAMPLE_DEFINITION,
        data_kind=words.EXAMPLE_DATA_KIND,
        unit=words.EXAMPLE_UNIT,
        target=words.EXAMPLE_TARGET,
        improvement=words.EXAMPLE_IMPROVEMENT,
    )
    points = [
        Point(
            record_id=f"example-point-{week:02d}",
            measure_id=measure.record_id,
            date=start + dt.timedelta(weeks=week - 1),
            numerator=ready,
            denominator=total,
            note=words.EXAMPLE_NOTES.get(week, ""),
        )
        for week, (ready, total) in enumerate(words.EXAMPLE_WEEKS, start=1)
    ]
    cycle = PdsaCycle(
        record_id="example-pdsa",
        title=words.EXAMPLE_PDSA_TITLE,
        measure_ids=(measure.record_id,),
        started_on=change,
    )
    return Project.of([measure, *points, cycle])


@functools.lru_cache(maxsize=1)
def example_html() -> str:
    """Return the worked example as HTML for the help panel (drawn once: it never changes)."""
    project = example_project()
    return f"<p>{escape(words.EXAMPLE_INTRO)}</p>" + measure_html(project, project.measures[0], RUN)
