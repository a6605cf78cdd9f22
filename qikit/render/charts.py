"""Draw a run chart or control chart, with a plain-English description for screen readers.

The people reading these charts have never done Quality Improvement, so the drawing follows a few
rules: big text (11 pt and up), lines labelled on the chart rather than in a key, a colour-blind
safe palette (Okabe–Ito) and every signal shown by *shape* as well as colour. Any text a person
typed (titles, notes, PDSA labels) is drawn literally: it is never read as maths or markup.

Only ``result.chart``, ``result.data`` and ``result.signals`` are used (duck typing), so this
module works with any object shaped like a ``QicResult`` and never imports the statistics.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

import matplotlib
import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.text import Annotation
from matplotlib.ticker import FixedFormatter, FixedLocator, MaxNLocator
from matplotlib.transforms import blended_transform_factory

from qikit.core.wording import no_signal_text
from qikit.errors import DataError
from qikit.render.text import escape, short_date_words

#: Okabe–Ito colours (safe for the common kinds of colour blindness) and dark greys for text.
COLOURS: dict[str, str] = {
    "data": "#0072B2",  # blue
    "run": "#E69F00",  # orange
    "outside": "#D55E00",  # vermilion
    "pdsa": "#CC79A7",  # reddish purple
    "target": "#009E73",  # bluish green
    "line": "#3B3B3B",  # centre line and limits (11:1 on white)
    "separator": "#6B6B6B",  # phase separators (5.3:1 on white)
    "text": "#1A1A1A",  # all text (17:1 on white)
    "grid": "#E3E3E3",
}

#: Rules whose points are drawn as diamonds (a pattern in the run of points).
RUN_RULES = frozenset(
    {"long_run", "few_crossings", "shift", "trend", "too_few_runs", "too_many_runs", "two_of_three"}
)
#: Run rules about a whole part rather than a stretch of points.
WHOLE_PART_RULES = frozenset({"few_crossings", "too_few_runs", "too_many_runs"})
#: Rules whose points are drawn as squares (a point beyond a dashed line).
LIMIT_RULES = frozenset({"outside_limits", "astronomical"})

#: Plain names and one-line meanings of the chart types, for the description.
CHART_WORDS: dict[str, tuple[str, str]] = {
    "run": (
        "Run chart",
        "a chart of your points over time, with the median (the middle value: half the points "
        "are above it, half below) as the middle line",
    ),
    "i": (
        "Control chart of single values (I chart)",
        "each point is one value and the middle line is the average",
    ),
    "mr": (
        "Moving range chart (MR chart)",
        "each point is the difference between a value and the one before it",
    ),
    "xbar": (
        "Chart of averages (X-bar chart)",
        "each point is the average of a group of values",
    ),
    "s": (
        "Chart of spread (S chart)",
        "each point shows how spread out the values in a group are",
    ),
    "t": (
        "Time-between-events chart (T chart)",
        "each point is the time since the event before it",
    ),
    "p": (
        "Percentage chart (P chart)",
        "each point is the share of cases that met the condition",
    ),
    "pp": (
        "Adjusted percentage chart (P prime chart)",
        "a percentage chart whose dashed lines are widened for very large groups",
    ),
    "c": ("Count chart (C chart)", "each point is a count of events"),
    "u": (
        "Rate chart (U chart)",
        "each point is a count of events for each unit, for example per 1,000 bed days",
    ),
    "up": (
        "Adjusted rate chart (U prime chart)",
        "a rate chart whose dashed lines are widened for very large groups",
    ),
    "g": (
        "Cases-between-events chart (G chart)",
        "each point is the number of cases between two events and the middle line is the median "
        "(the middle value)",
    ),
}

_LIMITS_MEANING = (
    "the two dashed lines (control limits) show where nearly all points fall when nothing "
    "unusual is going on"
)
_PDSA_MEANING = "PDSA means Plan, Do, Study, Act: a small test of a change"

#: A white box behind a label drawn over the plot, so lines do not cross its words.
_LABEL_BOX = {"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1}

XKind = Literal["date", "number", "text"]


@dataclass(frozen=True)
class ChartFigure:
    """A drawn chart and the words that describe it to someone who cannot see it."""

    figure: Figure
    description: str

    def to_png_bytes(self, dpi: float | None = None) -> bytes:
        """Return the chart as PNG bytes (white background, for pasting into reports)."""
        buffer = io.BytesIO()
        self.figure.savefig(
            buffer,
            format="png",
            dpi=dpi or self.figure.dpi,
            facecolor="white",
            metadata={"Software": None},
        )
        return buffer.getvalue()

    def to_svg(self) -> str:
        """Return the chart as SVG text with real ``<text>`` elements and a ``<title>``/``<desc>``.

        Text is kept as text (not outlines) so screen readers and search can read it; the
        writer escapes it, so a note such as ``<b>`` can never become markup.
        """
        buffer = io.BytesIO()
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "qikit"}):
            self.figure.savefig(buffer, format="svg", facecolor="white", metadata={"Date": None})
        return _add_svg_title(buffer.getvalue().decode("utf-8"), self.description)


@dataclass(frozen=True)
class _XAxis:
    """Positions along the x axis, what kind of values they are and how to say each one."""

    pos: np.ndarray
    kind: XKind
    words: list[str]
    values: pd.Series


def plot_chart(
    result: Any,
    *,
    title: str | None = None,
    y_label: str = "Value",
    notes: Mapping[int, str] | None = None,
    pdsa: Sequence[tuple[Any, str]] | None = None,
    target: float | None = None,
    phase_labels: Sequence[str] | None = None,
    width_px: int = 900,
    height_px: int = 450,
) -> ChartFigure:
    """Draw ``result`` (anything with ``.chart``, ``.data`` and ``.signals``) as a chart.

    ``notes`` maps point numbers (counted from 1) to text, shown as numbered markers and listed
    under the chart. ``pdsa`` lists ``(point number or x value, label)`` for changes tested: an
    ``int`` is a point number; a date, text or decimal number is matched to the nearest x value.
    """
    chart = str(getattr(result, "chart", "run")).lower()
    data = pd.DataFrame(result.data).reset_index(drop=True)
    signals = list(getattr(result, "signals", None) or [])
    notes = dict(notes or {})
    pdsa = list(pdsa or [])
    n_points = len(data)

    dpi = 100
    # Margins are set by hand (_apply_layout): constrained layout tripled the drawing time.
    figure = Figure(figsize=(width_px / dpi, height_px / dpi), dpi=dpi)
    figure.set_facecolor("white")
    # Two or more changes tested: each triangle gets a letter and the changes are listed under
    # the chart with the notes, as long labels side by side would print over each other.
    lettered = len(pdsa) >= 2
    listed = len(notes) + (len(pdsa) + 1 if lettered else 0)
    if listed:
        grid = figure.add_gridspec(2, 1, height_ratios=[5, max(1, min(listed, 6)) * 0.45])
    else:
        grid = figure.add_gridspec(1, 1)
    ax = figure.add_subplot(grid[0])
    notes_ax = figure.add_subplot(grid[1]) if listed else None
    _style_axes(ax, y_label)

    if n_points == 0:
        if title:
            _title(ax, title)
        _words(
            ax,
            0.5,
            0.5,
            "No points to show yet.",
            transform=ax.transAxes,
            ha="center",
            va="center",
            size=14,
        )
        name, _ = CHART_WORDS.get(chart, (f"{chart} chart", ""))
        return ChartFigure(figure, f"{name}{_of(title)}. It has no points yet.")

    xaxis = _x_axis(data["x"] if "x" in data else pd.Series(range(1, n_points + 1)))
    pos = xaxis.pos
    y = _floats(data, "y")
    cl = _floats(data, "cl")
    lcl = _floats(data, "lcl")
    ucl = _floats(data, "ucl")
    include = _bools(data, "include", default=True)
    baseline = _bools(data, "baseline", default=True)
    parts = _part_slices(data)
    is_run = chart == "run"
    has_limits = not is_run and bool(np.isfinite(lcl).any() or np.isfinite(ucl).any())

    run_points, limit_points = _signal_points(signals, data, parts, include)
    note_index = {_check_point(p, n_points, "notes"): str(text) for p, text in notes.items()}
    pdsa_index = [(_pdsa_point(where, xaxis), str(label)) for where, label in pdsa]

    # The points, one line per part so the line does not join across a change.
    for _, start, stop in parts:
        sl = slice(start, stop)
        if xaxis.kind == "text":
            continue
        ax.plot(pos[sl], y[sl], color=COLOURS["data"], linewidth=2, zorder=3)
    marker_size = 7 if xaxis.kind == "text" else 5.5
    ax.plot(
        pos[include],
        y[include],
        linestyle="none",
        marker="o",
        markersize=marker_size,
        color=COLOURS["data"],
        zorder=4,
    )
    if (~include).any():
        ax.plot(
            pos[~include],
            y[~include],
            linestyle="none",
            marker="o",
            markersize=8,
            markerfacecolor="white",
            markeredgecolor=COLOURS["data"],
            markeredgewidth=1.8,
            zorder=4,
        )

    # Middle line and dashed limits, per part, each labelled with its value at the right end.
    spacing = _typical_spacing(pos)
    centre_word = "Median" if chart in ("run", "g") else "Average"
    last_part = len(parts) - 1
    for k, (_, start, stop) in enumerate(parts):
        sl = slice(start, stop)
        at_end = k == last_part
        _step_line(
            ax, pos[sl], cl[sl], spacing, color=COLOURS["line"], linewidth=1.8, linestyle="-"
        )
        _end_label(
            ax,
            pos[stop - 1],
            cl[stop - 1],
            f"{centre_word} {_fmt(cl[stop - 1])}",
            at_end,
            where="above",
        )
        if has_limits:
            for limit, word, where in (
                (ucl, "Upper limit", "above"),
                (lcl, "Lower limit", "below"),
            ):
                _step_line(
                    ax,
                    pos[sl],
                    limit[sl],
                    spacing,
                    color=COLOURS["line"],
                    linewidth=1.5,
                    linestyle=(0, (6, 4)),
                )
                _end_label(
                    ax,
                    pos[stop - 1],
                    limit[stop - 1],
                    f"{word} {_fmt(limit[stop - 1])}",
                    at_end,
                    where=where,
                )

    # Phases: a separator between parts and an optional label over each part.
    top = blended_transform_factory(ax.transData, ax.transAxes)
    for _, start, _stop in parts[1:]:
        ax.axvline(
            (pos[start - 1] + pos[start]) / 2, color=COLOURS["separator"], linewidth=1.5, zorder=1
        )
    labels = (
        list(phase_labels)
        if phase_labels
        else ([f"Part {k + 1}" for k in range(len(parts))] if len(parts) > 1 else [])
    )
    for (_, start, stop), label in zip(parts, labels, strict=False):
        _words(
            ax,
            (pos[start] + pos[stop - 1]) / 2,
            1.01,
            str(label),
            transform=top,
            ha="center",
            va="bottom",
            size=12,
            fontweight="bold",
        )

    # A freeze: the lines come from the baseline only; mark where the baseline ends.
    freeze_end = _freeze_end(baseline, parts)
    for end in freeze_end:
        ax.axvline(
            (pos[end] + pos[end + 1]) / 2,
            color=COLOURS["separator"],
            linewidth=1.2,
            linestyle=(0, (1, 2)),
            zorder=1,
        )
        _words(
            ax,
            (pos[end] + pos[end + 1]) / 2,
            0.98,
            "Lines worked out from the points on the left ",
            transform=top,
            ha="right",
            va="top",
            size=11,
            bbox=_LABEL_BOX,
        )

    if target is not None and math.isfinite(float(target)):
        ax.axhline(
            float(target), color=COLOURS["target"], linewidth=2, linestyle=(0, (1, 1.5)), zorder=2
        )
        _words(
            ax,
            0.005,
            float(target),
            f" Target {_fmt(float(target))}",
            transform=blended_transform_factory(ax.transAxes, ax.transData),
            ha="left",
            va="bottom",
            size=11,
        )

    # Signals: shape as well as colour (diamond for a run, square for outside the limits).
    _mark_points(ax, pos, y, run_points, marker="D", size=11, colour=COLOURS["run"], layer=5)
    _mark_points(ax, pos, y, limit_points, marker="s", size=10, colour=COLOURS["outside"], layer=6)

    _set_y_limits(
        ax,
        [y, cl, lcl if has_limits else None, ucl if has_limits else None],
        target,
        room_below=bool(pdsa_index),
    )

    # Notes: a numbered marker on the point, and the text listed under the chart.
    for number, (index, _text) in enumerate(sorted(note_index.items()), start=1):
        # A note on a week without a number sits at the middle of the others (or at 0 when no
        # week has a number yet: nanmean of nothing warns).
        finite = y[np.isfinite(y)]
        middle = float(finite.mean()) if finite.size else 0.0
        anchor_y = y[index] if math.isfinite(y[index]) else middle
        ax.annotate(
            str(number),
            xy=(pos[index], anchor_y),
            xytext=(0, 18),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=11,
            fontweight="bold",
            color=COLOURS["text"],
            parse_math=False,
            zorder=7,
            bbox={
                "boxstyle": "circle,pad=0.25",
                "facecolor": "white",
                "edgecolor": COLOURS["text"],
                "linewidth": 1,
            },
            arrowprops={"arrowstyle": "-", "color": COLOURS["text"], "linewidth": 1},
        )
    if notes_ax is not None:
        notes_ax.set_axis_off()
        lines = [
            f"{number}.  {text}"
            for number, (_i, text) in enumerate(sorted(note_index.items()), start=1)
        ]
        listing = "Notes\n" + "\n".join(lines) if lines else ""
        if lettered:
            ordered = enumerate(sorted(pdsa_index))
            changes = [f"{_letter(n)}.  {label}" for n, (_i, label) in ordered]
            listing += ("\n" if listing else "") + "Changes tested\n" + "\n".join(changes)
        _words(
            notes_ax,
            0.0,
            1.0,
            listing,
            transform=notes_ax.transAxes,
            ha="left",
            va="top",
            size=11,
            linespacing=1.4,
            wrap=True,
        )

    # PDSA cycles: a triangle at the bottom with its label (a letter when they are listed under
    # the chart). A label in the right half reads leftwards from its triangle, so it never runs
    # past the chart's edge.
    bottom = blended_transform_factory(ax.transData, ax.transAxes)
    span = max(float(pos[-1]) - float(pos[0]), 1e-9) if len(pos) else 1.0
    for number, (index, label) in enumerate(sorted(pdsa_index)):
        right_half = (float(pos[index]) - float(pos[0])) / span > 0.5 and not lettered
        ax.axvline(
            pos[index], ymax=0.9, color=COLOURS["pdsa"], linewidth=1, linestyle=":", zorder=1
        )
        ax.plot(
            [pos[index]],
            [0.03],
            transform=bottom,
            marker="^",
            markersize=13,
            color=COLOURS["pdsa"],
            markeredgecolor=COLOURS["text"],
            markeredgewidth=0.8,
            linestyle="none",
            clip_on=False,
            zorder=7,
        )
        shown = _letter(number) if lettered else label
        _words(
            ax,
            pos[index],
            0.075,
            f"{shown} " if right_half else f" {shown}",
            transform=bottom,
            ha="right" if right_half else "left",
            va="bottom",
            size=11,
            zorder=7,
            bbox=_LABEL_BOX,
        )

    if title:
        # Phase labels sit just above the plot, so the title goes above them.
        _title(ax, title, pad=30 if labels else 10)
    rotated = _format_x_axis(ax, xaxis, max_ticks=max(3, int(width_px // 100)))
    _add_legend(
        figure,
        ax,
        is_run=is_run,
        centre_word=centre_word,
        has_limits=has_limits,
        runs=bool(run_points),
        outside=bool(limit_points),
        excluded=bool((~include).any()),
        pdsa=bool(pdsa_index),
        signals=signals,
    )
    _apply_layout(
        figure,
        rotated_ticks=rotated,
        header_lines=(1 if title else 0) + (1 if labels else 0),
        has_notes=notes_ax is not None,
    )

    description = _describe(
        chart=chart,
        title=title,
        y_label=y_label,
        xaxis=xaxis,
        data=data,
        parts=parts,
        cl=cl,
        lcl=lcl,
        ucl=ucl,
        has_limits=has_limits,
        include=include,
        freeze_end=freeze_end,
        phase_labels=labels,
        signals=signals,
        run_points=run_points,
        limit_points=limit_points,
        target=target,
        note_index=note_index,
        pdsa_index=pdsa_index,
    )
    return ChartFigure(figure, description)


# --- drawing helpers -----------------------------------------------------------------------------


def _style_axes(ax: Axes, y_label: str) -> None:
    """Large, high-contrast axes with a light horizontal grid and no box."""
    ax.set_facecolor("white")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(COLOURS["line"])
    ax.tick_params(labelsize=11, colors=COLOURS["text"])
    ax.grid(axis="y", color=COLOURS["grid"], linewidth=1)
    ax.set_axisbelow(True)
    ax.set_ylabel(y_label, fontsize=12, color=COLOURS["text"], parse_math=False)


def _words(ax: Axes, x: float, y: float, text: str, *, size: float, **style: Any) -> None:
    """Write ``text`` at ``(x, y)`` in the chart's text colour, taken literally (no maths)."""
    ax.text(x, y, text, fontsize=size, color=COLOURS["text"], parse_math=False, **style)


def _title(ax: Axes, title: str, **style: Any) -> None:
    """Write the chart's title in bold at the top left, taken literally (no maths)."""
    ax.set_title(
        title, loc="left", fontsize=15, fontweight="bold", color=COLOURS["text"], parse_math=False,
        **style,
    )  # fmt: skip


def _letter(number: int) -> str:
    """Return the letter of the ``number``-th change tested (0 → "A", 25 → "Z", 26 → "AA")."""
    letters = ""
    number += 1
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _step_line(ax: Axes, pos: np.ndarray, values: np.ndarray, spacing: float, **style: Any) -> None:
    """Draw a line that steps between points (limits that change with group size stay true)."""
    if not np.isfinite(values).any():
        return
    if len(pos) == 1:
        xs = np.array([pos[0] - spacing * 0.4, pos[0] + spacing * 0.4])
        ys = np.array([values[0], values[0]])
    else:
        edges = np.concatenate([[pos[0]], (pos[:-1] + pos[1:]) / 2, [pos[-1]]])
        xs = np.repeat(edges, 2)[1:-1]
        ys = np.repeat(values, 2)
    ax.plot(xs, ys, zorder=2, **style)


def _end_label(ax: Axes, x: float, value: float, text: str, at_end: bool, where: str) -> None:
    """Label a line with its value: right of the chart for the last part, above/below otherwise."""
    if not math.isfinite(value):
        return
    if at_end:
        ax.annotate(
            text,
            xy=(x, value),
            xytext=(12, 0),
            textcoords="offset points",
            ha="left",
            va="center",
            fontsize=11,
            color=COLOURS["text"],
            annotation_clip=False,
            parse_math=False,
        )
    else:
        ax.annotate(
            text,
            xy=(x, value),
            xytext=(0, 4 if where == "above" else -4),
            textcoords="offset points",
            ha="right",
            va="bottom" if where == "above" else "top",
            fontsize=11,
            color=COLOURS["text"],
            parse_math=False,
            zorder=2.5,
            bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.7, "pad": 0.5},
        )


def _set_y_limits(
    ax: Axes, series: Iterable[np.ndarray | None], target: float | None, room_below: bool
) -> None:
    """Fit every point and line, with extra room at the bottom for PDSA markers."""
    values = [s[np.isfinite(s)] for s in series if s is not None]
    if target is not None and math.isfinite(float(target)):
        values.append(np.array([float(target)]))
    finite = np.concatenate(values) if values else np.array([])
    if finite.size == 0:
        return
    low, high = float(finite.min()), float(finite.max())
    span = high - low or max(abs(high), 1.0)
    ax.set_ylim(low - span * (0.3 if room_below else 0.08), high + span * 0.12)


def _format_x_axis(ax: Axes, xaxis: _XAxis, max_ticks: int = 12) -> bool:
    """Readable x ticks: concise dates, whole numbers, or (thinned) category labels.

    Returns whether the tick labels are slanted (they then need more room below the chart).
    """
    rotated = False
    if xaxis.kind == "date":
        locator = mdates.AutoDateLocator(minticks=3, maxticks=min(9, max_ticks))
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        ax.xaxis.get_offset_text().set_fontsize(11)
    elif xaxis.kind == "number":
        if np.allclose(xaxis.pos, np.round(xaxis.pos)):
            ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=max_ticks))
    else:
        step = max(1, math.ceil(len(xaxis.pos) / min(15, max_ticks)))
        ticks = xaxis.pos[::step]
        labels = [_literal(str(v)) for v in list(xaxis.values)[::step]]
        ax.xaxis.set_major_locator(FixedLocator(ticks.tolist()))
        ax.xaxis.set_major_formatter(FixedFormatter(labels))
        if max((len(label) for label in labels), default=0) > 6:
            rotated = True
            for label in ax.get_xticklabels():
                label.set_rotation(30)
                label.set_horizontalalignment("right")
    pad = _typical_spacing(xaxis.pos) * 0.6
    ax.set_xlim(float(xaxis.pos.min()) - pad, float(xaxis.pos.max()) + pad)
    return rotated


def _add_legend(
    figure: Figure,
    ax: Axes,
    *,
    is_run: bool,
    centre_word: str,
    has_limits: bool,
    runs: bool,
    outside: bool,
    excluded: bool,
    pdsa: bool,
    signals: Sequence[object],
) -> None:
    """A small key, in plain words, for the lines and the signal shapes."""
    handles: list[Line2D] = [
        Line2D(
            [],
            [],
            color=COLOURS["data"],
            linewidth=2,
            marker="o",
            markersize=5.5,
            label="Your points",
        ),
        Line2D(
            [],
            [],
            color=COLOURS["line"],
            linewidth=1.8,
            label="Median: the middle value"
            if centre_word == "Median"
            else "Average: the middle line",
        ),
    ]
    if has_limits:
        handles.append(
            Line2D(
                [],
                [],
                color=COLOURS["line"],
                linewidth=1.5,
                linestyle=(0, (6, 4)),
                label="Dashed lines: nearly all points fall between",
            )
        )
    if runs:
        handles.append(
            _marker_handle("D", 10, COLOURS["run"], COLOURS["text"], _run_shape_words(signals))
        )
    if outside:
        handles.append(
            _marker_handle(
                "s", 9, COLOURS["outside"], COLOURS["text"], _limit_shape_words(has_limits)
            )
        )
    if excluded:
        handles.append(
            _marker_handle(
                "o",
                8,
                "white",
                COLOURS["data"],
                "Left out when working out the lines",
                edge_width=1.8,
            )
        )
    if pdsa:
        handles.append(_marker_handle("^", 11, COLOURS["pdsa"], COLOURS["text"], "Change tested"))
    _legend(figure, handles, min(len(handles), 3))
    del is_run, ax


def _legend(figure: Figure, handles: list[Any], columns: int, **extra: Any) -> Legend:
    """Return the key drawn under the chart in ``columns`` columns, its words taken literally."""
    legend = figure.legend(
        handles=handles,
        loc="lower center",
        bbox_to_anchor=(0.5, 0.005),
        ncols=columns,
        fontsize=11,
        frameon=False,
        labelcolor=COLOURS["text"],
        handlelength=2.2,
        **extra,
    )
    for text in legend.get_texts():
        text.set_parse_math(False)
    return legend


def _apply_layout(
    figure: Figure,
    *,
    rotated_ticks: bool,
    header_lines: int,
    has_notes: bool,
) -> None:
    """Place the chart, its notes and its key by measuring the texts around them.

    Constrained layout did this too, but tripled the time to draw a chart; measuring the few
    texts that sit outside the plot is enough.
    """
    canvas = FigureCanvasAgg(figure)
    renderer = canvas.get_renderer()
    width_px, height_px = canvas.get_width_height()
    ax = figure.axes[0]
    notes_ax = figure.axes[1] if has_notes else None
    pixel = 1 / 72 * figure.dpi  # one point, in pixels

    legend = _fit_legend(figure, renderer, width_px)
    legend_h = legend.get_window_extent(renderer).height + 6 if legend is not None else 0
    notes_h = 0.0
    if notes_ax is not None:
        notes_h = max(t.get_window_extent(renderer).height for t in notes_ax.texts) + 8
    right_labels = [
        t.get_window_extent(renderer).width + 12 * pixel
        for t in ax.texts
        if isinstance(t, Annotation)
        and t.get_horizontalalignment() == "left"
        and t.get_annotation_clip() is False
    ]
    right = max(right_labels, default=0) + 10
    # Slanted category labels reach left of the first tick.
    left = (1.5 if rotated_ticks else 0.9) * figure.dpi
    has_title = bool(ax.get_title(loc="left"))
    phase_row = header_lines > (1 if has_title else 0)
    # The title is 15 pt with its pad (30 pt above phase labels, else 10 pt); labels are 12 pt.
    header = 8 + (15 * 1.35 + (30 if phase_row else 10)) * pixel if has_title else 8
    if phase_row and not has_title:
        header += 22 * pixel
    ticks = (0.62 if not rotated_ticks else 1.05) * figure.dpi
    plot_bottom = legend_h + notes_h + ticks
    plot_height = max(height_px - plot_bottom - header, 0.3 * height_px)
    plot_width = max(width_px - left - right, 0.4 * width_px)
    ax.set_position(
        (left / width_px, plot_bottom / height_px, plot_width / width_px, plot_height / height_px)
    )
    if notes_ax is not None:
        notes_ax.set_position(
            (left / width_px, legend_h / height_px, plot_width / width_px, notes_h / height_px)
        )


def _fit_legend(figure: Figure, renderer: RendererBase, width_px: float) -> Legend | None:
    """Narrow the key (fewer columns) until it fits the width of the figure."""
    if not figure.legends:
        return None
    legend = figure.legends[0]
    handles = list(legend.legend_handles)
    labels = [t.get_text() for t in legend.get_texts()]
    columns = min(len(handles), 3)  # as _add_legend makes it
    while legend.get_window_extent(renderer).width > width_px - 8 and columns > 1:
        columns -= 1
        legend.remove()
        legend = _legend(figure, handles, columns, labels=labels)
    return legend


def _run_shape_words(signals: Sequence[object]) -> str:
    """Name what the diamonds mean, in the words of the rules that fired."""
    rules = {_rule(s) for s in signals} & RUN_RULES
    if rules and rules <= {"long_run", "shift", "few_crossings", "too_few_runs"}:
        return "Part of a long run"
    if rules == {"trend"}:
        return "Part of a trend"
    return "Part of a long run or pattern"


def _limit_shape_words(has_limits: bool) -> str:
    """Name what the squares mean: on a run chart (no dashed lines) IHI's astronomical points."""
    return "Outside the dashed lines" if has_limits else "Far from all the other points"


# --- data helpers --------------------------------------------------------------------------------


def _floats(data: pd.DataFrame, column: str) -> np.ndarray:
    if column not in data:
        return np.full(len(data), np.nan)
    return pd.to_numeric(data[column], errors="coerce").to_numpy(dtype=float, na_value=np.nan)


def _bools(data: pd.DataFrame, column: str, default: bool) -> np.ndarray:
    if column not in data:
        return np.full(len(data), default)
    return data[column].fillna(default).astype(bool).to_numpy()


def _part_slices(data: pd.DataFrame) -> list[tuple[Any, int, int]]:
    """Return ``(part, start, stop)`` for each run of rows with the same ``part``."""
    if "part" not in data or len(data) == 0:
        return [(1, 0, len(data))]
    values = list(data["part"])
    slices: list[tuple[Any, int, int]] = []
    start = 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            slices.append((values[start], start, i))
            start = i
    return slices


def _freeze_end(baseline: np.ndarray, parts: list[tuple[Any, int, int]]) -> list[int]:
    """Index of the last baseline point in each part that is frozen (has later non-baseline)."""
    ends = []
    for _, start, stop in parts:
        part = baseline[start:stop]
        if part.any() and not part.all():
            last = start + int(np.flatnonzero(part).max())
            if last < stop - 1:
                ends.append(last)
    return ends


def _x_axis(x: pd.Series) -> _XAxis:
    """Turn the x column into positions: dates, numbers, or 1, 2, 3… for text labels."""
    x = pd.Series(x).reset_index(drop=True)
    if (
        not pd.api.types.is_datetime64_any_dtype(x)
        and x.dtype == object
        and len(x)
        and all(isinstance(v, (date, datetime, pd.Timestamp)) for v in x)
    ):
        x = pd.to_datetime(x)
    if pd.api.types.is_datetime64_any_dtype(x):
        stamps = pd.to_datetime(x)
        if getattr(stamps.dt, "tz", None) is not None:
            stamps = stamps.dt.tz_localize(None)
        pos = np.asarray(mdates.date2num(stamps.to_numpy()), dtype=float)
        with_time = bool((stamps.dt.normalize() != stamps).any())
        return _XAxis(pos, "date", [_date_words(t, with_time) for t in stamps], stamps)
    if pd.api.types.is_numeric_dtype(x) and not pd.api.types.is_bool_dtype(x):
        pos = x.to_numpy(dtype=float)
        return _XAxis(pos, "number", [_fmt(v) for v in pos], x)
    pos = np.arange(1, len(x) + 1, dtype=float)
    return _XAxis(pos, "text", [str(v) for v in x], x.astype(str))


def _typical_spacing(pos: np.ndarray) -> float:
    if len(pos) < 2:
        return 1.0
    gaps = np.diff(np.sort(pos))
    gaps = gaps[gaps > 0]
    return float(np.median(gaps)) if gaps.size else 1.0


def _rule(signal: object) -> str:
    rule = getattr(signal, "rule", "")
    return str(getattr(rule, "value", rule))


def _marker_handle(
    marker: str, size: float, face: str, edge: str, label: str, edge_width: float = 1.0
) -> Line2D:
    """Return a legend entry for a marker shape (no line)."""
    return Line2D(
        [],
        [],
        linestyle="none",
        marker=marker,
        markersize=size,
        markerfacecolor=face,
        markeredgecolor=edge,
        markeredgewidth=edge_width,
        label=label,
    )


def _mark_points(
    ax: Axes,
    pos: np.ndarray,
    y: np.ndarray,
    points: set[int],
    *,
    marker: str,
    size: float,
    colour: str,
    layer: int,
) -> None:
    """Draw larger markers of one shape over the given point numbers (counted from 1)."""
    if not points:
        return
    idx = np.array(sorted(points)) - 1
    ax.plot(
        pos[idx],
        y[idx],
        linestyle="none",
        marker=marker,
        markersize=size,
        markerfacecolor=colour,
        markeredgecolor=COLOURS["text"],
        markeredgewidth=0.8,
        zorder=layer,
    )


def _signal_points(
    signals: Sequence[object],
    data: pd.DataFrame,
    parts: list[tuple[Any, int, int]],
    include: np.ndarray,
) -> tuple[set[int], set[int]]:
    """Return the point numbers (from 1) to draw as diamonds and as squares."""
    n = len(data)
    run_points: set[int] = set()
    limit_points: set[int] = set()
    whole_part: list[tuple[Any, set[int]]] = []
    parts_with_named_runs: set[Any] = set()
    for signal in signals:
        points = {int(p) for p in getattr(signal, "points", ()) if 1 <= int(p) <= n}
        if _rule(signal) in WHOLE_PART_RULES:
            # "Too few crossings" covers every point: diamonds everywhere would hide the runs
            # that explain it, so the part's named runs are marked instead when there are any.
            whole_part.append((getattr(signal, "part", None), points))
        elif _rule(signal) in RUN_RULES:
            run_points |= points
            parts_with_named_runs.add(getattr(signal, "part", None))
        elif _rule(signal) in LIMIT_RULES:
            limit_points |= points
    for part, points in whole_part:
        if part not in parts_with_named_runs:
            run_points |= points
    if "sigma_signal" in data:
        flags = _bools(data, "sigma_signal", default=False)
        limit_points |= {int(i) + 1 for i in np.flatnonzero(flags)}
    if "runs_signal" in data:
        # A part flagged by the runs rules but with no points named: mark the whole part.
        flags = _bools(data, "runs_signal", default=False)
        for _, start, stop in parts:
            if flags[start:stop].any() and not any(start < p <= stop for p in run_points):
                run_points |= {i + 1 for i in range(start, stop) if include[i]}
    return run_points, limit_points


def _check_point(point: Any, n_points: int, field: str) -> int:
    """Return the 0-based index for a point number, or explain what is wrong."""
    if (
        isinstance(point, bool)
        or not isinstance(point, (int, np.integer))
        or not (1 <= int(point) <= n_points)
    ):
        raise DataError(
            field,
            f"a point number from 1 to {n_points}",
            point,
            "Count the points from the left of the chart, starting at 1.",
        )
    return int(point) - 1


def _pdsa_point(where: Any, xaxis: _XAxis) -> int:
    """Find the point a PDSA marker belongs to: an int is a point number, else an x value."""
    n_points = len(xaxis.pos)
    if isinstance(where, (int, np.integer)) and not isinstance(where, bool):
        return _check_point(where, n_points, "pdsa")
    try:
        if xaxis.kind == "date":
            stamp = pd.Timestamp(where)
            if stamp.tzinfo is not None:
                stamp = stamp.tz_localize(None)
            value = float(mdates.date2num(stamp.to_datetime64()))
        elif xaxis.kind == "number":
            value = float(where)
        else:
            matches = [i for i, v in enumerate(xaxis.values) if str(v) == str(where)]
            if matches:
                return matches[0]
            raise ValueError(where)
    except (TypeError, ValueError) as error:
        raise DataError(
            "pdsa",
            "a point number or one of the chart's x values",
            where,
            "Use the point number (counting from 1) or a date or label shown on the chart.",
        ) from error
    return int(np.argmin(np.abs(xaxis.pos - value)))


# --- words ---------------------------------------------------------------------------------------


def _fmt(value: float) -> str:
    """A number as people write it: 39.9, 4.35, 1,250 — never 39.916666."""
    value = float(value)
    if not math.isfinite(value):
        return "not available"
    size = abs(value)
    decimals = 0 if size >= 1000 else 1 if size >= 10 else 2 if size >= 1 else 3
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _date_words(stamp: pd.Timestamp, with_time: bool) -> str:
    text = short_date_words(stamp.date())
    return f"{text} {stamp:%H:%M}" if with_time else text


def _literal(text: str) -> str:
    """Stop matplotlib reading ``$...$`` as maths where ``parse_math=False`` cannot be set."""
    return text.replace("$", r"\$")


def _of(title: str | None) -> str:
    return f" of “{title}”" if title else ""


def _point_list(points: Iterable[int]) -> str:
    """'point 4', 'points 3 and 7', 'points 1 to 5, 9 and 12'."""
    numbers = sorted(set(points))
    groups: list[str] = []
    start = prev = None
    for p in [*numbers, None]:
        if p is not None and prev is not None and p == prev + 1:
            prev = p
            continue
        if start is not None:
            groups.append(
                str(start)
                if start == prev
                else f"{start} and {prev}"
                if prev == start + 1
                else f"{start} to {prev}"
            )
        start = prev = p
    if not groups:
        return "no points"
    word = "point" if len(numbers) == 1 else "points"
    if len(groups) == 1:
        return f"{word} {groups[0]}"
    return f"{word} {', '.join(groups[:-1])} and {groups[-1]}"


def _limit_words(lcl: np.ndarray, ucl: np.ndarray) -> str:
    """Say where the dashed lines are, whether they are flat or move with group size."""
    low, high = lcl[np.isfinite(lcl)], ucl[np.isfinite(ucl)]
    if low.size == 0 and high.size == 0:
        return "there are no dashed lines"

    def one(values: np.ndarray) -> str:
        lo, hi = float(values.min()), float(values.max())
        return _fmt(lo) if _fmt(lo) == _fmt(hi) else f"between {_fmt(lo)} and {_fmt(hi)}"

    if low.size and high.size:
        moving = _fmt(low.min()) != _fmt(low.max()) or _fmt(high.min()) != _fmt(high.max())
        text = f"the lower dashed line is at {one(low)} and the upper one at {one(high)}"
        if moving:
            text += " (they move with the size of each group)"
        return text
    if high.size:
        return f"there is only an upper dashed line, at {one(high)}"
    return f"there is only a lower dashed line, at {one(low)}"


def _describe(
    *,
    chart: str,
    title: str | None,
    y_label: str,
    xaxis: _XAxis,
    data: pd.DataFrame,
    parts: list[tuple[Any, int, int]],
    cl: np.ndarray,
    lcl: np.ndarray,
    ucl: np.ndarray,
    has_limits: bool,
    include: np.ndarray,
    freeze_end: list[int],
    phase_labels: list[str],
    signals: Sequence[object],
    run_points: set[int],
    limit_points: set[int],
    target: float | None,
    note_index: dict[int, str],
    pdsa_index: list[tuple[int, str]],
) -> str:
    """Write the chart out in plain sentences, one idea per line, for screen readers."""
    name, meaning = CHART_WORDS.get(chart, (f"Chart ({chart})", "a chart of your points"))
    if chart != "run":
        meaning += f"; {_LIMITS_MEANING}"
    n_points = len(data)
    lines = [f"{name}{_of(title)}: {meaning}."]
    span = f"from {xaxis.words[0]} to {xaxis.words[-1]}" if n_points > 1 else f"at {xaxis.words[0]}"
    lines.append(f"It shows {y_label} for {n_points} point{'s' if n_points != 1 else ''}, {span}.")

    centre = "median" if chart in ("run", "g") else "average"
    if len(parts) == 1:
        sentence = f"The middle line ({centre}) is at {_fmt(_last_finite(cl))}"
        if has_limits:
            sentence += f"; {_limit_words(lcl, ucl)}"
        lines.append(sentence + ".")
    else:
        lines.append(
            f"The chart is in {len(parts)} parts (phases): each part after a change "
            "has its own middle line."
        )
        for k, (_, start, stop) in enumerate(parts):
            label = f" ({phase_labels[k]})" if k < len(phase_labels) else ""
            sentence = (
                f"Part {k + 1}{label}, {_point_list(range(start + 1, stop + 1))} "
                f"from {xaxis.words[start]} to {xaxis.words[stop - 1]}: middle line "
                f"({centre}) at {_fmt(_last_finite(cl[start:stop]))}"
            )
            if has_limits:
                sentence += f"; {_limit_words(lcl[start:stop], ucl[start:stop])}"
            lines.append(sentence + ".")
    for end in freeze_end:
        start = next(s for _, s, stop in parts if s <= end < stop)
        lines.append(
            f"The lines were worked out from {_point_list(range(start + 1, end + 2))} "
            "(the baseline, before the change) and carried on to the right, to see "
            "whether later points differ."
        )
    excluded = [int(i) + 1 for i in np.flatnonzero(~include)]
    if excluded:
        verb = "was" if len(excluded) == 1 else "were"
        lines.append(
            f"{_point_list(excluded).capitalize()} {verb} left out of the sums (drawn "
            f"as {_shape(len(excluded), 'a hollow circle', 'hollow circles')})."
        )
    if target is not None and math.isfinite(float(target)):
        lines.append(f"The target is {_fmt(float(target))} (dotted line).")

    plain = [str(getattr(s, "plain", "")).strip() for s in signals]
    plain = [p for p in plain if p]
    if plain:
        lines.append("What the chart shows: " + " ".join(plain))
    else:
        lines.append("What the chart shows: " + no_signal_text(chart == "run").plain)
    if run_points:
        lines.append(
            f"{_run_shape_words(signals)}: {_point_list(run_points)}, drawn as "
            f"{_shape(len(run_points), 'an orange diamond', 'orange diamonds')}."
        )
    if limit_points:
        lines.append(
            f"{_limit_shape_words(has_limits)}: {_point_list(limit_points)}, drawn as "
            f"{_shape(len(limit_points), 'a red-orange square', 'red-orange squares')}."
        )
    for number, (index, text) in enumerate(sorted(note_index.items()), start=1):
        lines.append(f"Note {number}, at point {index + 1} ({xaxis.words[index]}): {text}")
    for index, label in sorted(pdsa_index):
        lines.append(f"Change tested at point {index + 1} ({xaxis.words[index]}): {label}")
    if pdsa_index:
        lines.append(f"({_PDSA_MEANING}.)")
    return "\n".join(lines)


def _shape(count: int, one: str, many: str) -> str:
    return one if count == 1 else many


def _last_finite(values: np.ndarray) -> float:
    finite = values[np.isfinite(values)]
    return float(finite[-1]) if finite.size else float("nan")


def _add_svg_title(svg: str, description: str) -> str:
    """Give the SVG a ``<title>`` and ``<desc>`` so screen readers can announce it."""
    first_line = description.split("\n", 1)[0]
    match = re.search(r"<svg\b[^>]*>", svg)
    if not match:
        return svg
    opening = match.group(0).replace("<svg", '<svg role="img"', 1)
    extra = f"\n <title>{escape(first_line)}</title>\n <desc>{escape(description)}</desc>"
    return svg[: match.start()] + opening + extra + svg[match.end() :]


# --- Making Data Count icons ---------------------------------------------------------------------
# qikit's own simple drawings (not the NHS artwork): a circle whose mark says what it means, so the
# icon reads in greyscale. Colour only repeats what the shape says: an arrow for higher or lower,
# a tick for better and "!" for worse, a wave for the usual ups and downs; a letter for the target
# check (P pass, F fail, ? hit and miss). The words beside the icon say it all again.

#: Fill of each kind of icon (white marks on these are at least 3:1, as WCAG asks of graphics).
ICON_COLOURS: dict[str, str] = {
    "better": "#005A8E",  # dark blue (7.0:1 with white)
    "worse": "#B34700",  # dark vermilion (5.2:1 with white)
    "neutral": "#5C5C5C",  # dark grey (6.7:1 with white)
}
#: The icons' side in CSS pixels.
ICON_SIZE_PX = 64

_ARROW = {
    "up": "M32 14 L44 28 L36 28 L36 48 L28 48 L28 28 L20 28 Z",
    "down": "M32 50 L44 36 L36 36 L36 16 L28 16 L28 36 L20 36 Z",
}
_TICK = '<path d="M40 48 L45 53 L54 42" fill="none" stroke="white" stroke-width="4"/>'
_BANG = (
    '<rect x="44" y="34" width="7" height="13" fill="white"/>'
    '<rect x="44" y="50" width="7" height="6" fill="white"/>'
)
_WAVE = (
    '<path d="M14 32 C20 20 26 20 32 32 S44 44 50 32" fill="none" stroke="white" '
    'stroke-width="5" stroke-linecap="round"/>'
)
#: Variation icon value -> (fill, arrow or "", extra mark).
_VARIATION_SHAPES: dict[str, tuple[str, str, str]] = {
    "common_cause": ("neutral", "", _WAVE),
    "improvement_high": ("better", "up", _TICK),
    "improvement_low": ("better", "down", _TICK),
    "concern_high": ("worse", "up", _BANG),
    "concern_low": ("worse", "down", _BANG),
    "neutral_high": ("neutral", "up", ""),
    "neutral_low": ("neutral", "down", ""),
}
#: Assurance icon value -> (fill, letter).
_ASSURANCE_SHAPES: dict[str, tuple[str, str]] = {
    "consistent_pass": ("better", "P"),
    "consistent_fail": ("worse", "F"),
    "inconsistent": ("neutral", "?"),
}


def _icon(kind: str, title: str, body: str, fill: str) -> str:
    """Return one icon as inline SVG: an image with ``title`` as its text alternative."""
    label = escape(title)
    return (
        f'<svg class="qikit-icon qikit-icon-{escape(kind)}" role="img" aria-label="{label}" '
        f'width="{ICON_SIZE_PX}" height="{ICON_SIZE_PX}" viewBox="0 0 64 64" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{label}</title>'
        f'<circle cx="32" cy="32" r="29" fill="{ICON_COLOURS[fill]}" stroke="#1A1A1A" '
        f'stroke-width="2"/>{body}</svg>'
    )


def variation_icon_svg(icon: str, title: str) -> str:
    """Return the Making Data Count variation icon ``icon`` (its stored value) as inline SVG.

    ``title`` is its text alternative (the plain words, from ``qikit.core.wording.rules``).
    """
    fill, arrow, mark = _VARIATION_SHAPES[str(icon)]
    shift = ' transform="translate(-5 0)"' if mark else ""  # room for the mark on the right
    body = f'<path d="{_ARROW[arrow]}" fill="white"{shift}/>' if arrow else ""
    return _icon(f"variation-{icon}", title, body + mark, fill)


def assurance_icon_svg(icon: str, title: str) -> str:
    """Return the Making Data Count assurance icon ``icon`` (its stored value) as inline SVG."""
    fill, letter = _ASSURANCE_SHAPES[str(icon)]
    body = (
        '<text x="32" y="43" text-anchor="middle" font-family="sans-serif" font-size="32" '
        f'font-weight="bold" fill="white">{escape(letter)}</text>'
    )
    return _icon(f"assurance-{icon}", title, body, fill)
