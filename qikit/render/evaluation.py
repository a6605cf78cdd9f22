"""The evaluation report's charts for a board: response counts, change per question, engagement.

Drawn to be read on paper in greyscale: big text, plain titles, black and grey only, shapes
(an open circle before, a filled one after) rather than colours, the numbers written on the
bars. A hidden small group is never drawn: its place says so in words instead. The charts take
plain values (the evidence layer turns its results into them), so render needs no statistics.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from qikit.core.wording.evaluation import SUPPRESSED
from qikit.render.charts import ChartFigure
from qikit.render.text import short_date_words

__all__ = ["change_chart", "engagement_chart", "response_chart"]

_TEXT = "#1A1A1A"
_BAR = "#4D4D4D"
_GRID = "#D9D9D9"
_FONT = 13


def _figure(width: float, height: float) -> Figure:
    return Figure(figsize=(width, height), dpi=100, layout="constrained")


def _tidy(axes: Axes) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=_FONT, colors=_TEXT)


def response_chart(labels: Sequence[str], counts: Sequence[int | None]) -> ChartFigure:
    """Return a bar chart of how many answered at each survey point (hidden ones in words)."""
    figure = _figure(8, 3.6)
    axes = figure.add_subplot()
    top = max((c for c in counts if c is not None), default=0) or 1
    for x, count in enumerate(counts):
        if count is None:
            axes.text(
                x,
                top * 0.05,
                "\n".join(textwrap.wrap(SUPPRESSED, 14)),
                ha="center",
                va="bottom",
                fontsize=_FONT - 2,
                color=_TEXT,
                style="italic",
            )
            continue
        axes.bar(x, count, color=_BAR, width=0.6)
        axes.text(
            x,
            count,
            str(count),
            ha="center",
            va="bottom",
            fontsize=_FONT + 1,
            color=_TEXT,
            fontweight="bold",
        )
    axes.set_xticks(range(len(labels)), ["\n".join(textwrap.wrap(w, 16)) for w in labels])
    axes.set_ylim(0, top * 1.2)
    axes.set_ylabel("People who answered", fontsize=_FONT, color=_TEXT)
    axes.set_title(
        "How many people answered the survey", fontsize=_FONT + 3, color=_TEXT, loc="left"
    )
    _tidy(axes)
    said = ", ".join(
        f"{label}: {SUPPRESSED if count is None else count}"
        for label, count in zip(labels, counts, strict=True)
    )
    return ChartFigure(figure, f"Bar chart of how many people answered the survey. {said}.")


def change_chart(
    labels: Sequence[str],
    before: Sequence[float],
    after: Sequence[float],
    scale: Sequence[str],
    *,
    title: str,
) -> ChartFigure:
    """Return each question's middle answer before (open circle) and after (filled circle)."""
    rows = len(labels)
    figure = _figure(10, 1.2 + 0.62 * max(rows, 1))
    axes = figure.add_subplot()
    for y, (b, a) in enumerate(zip(before, after, strict=True)):
        axes.plot([b, a], [y, y], color=_BAR, linewidth=2.5, zorder=1)
        axes.scatter([b], [y], s=140, facecolor="white", edgecolor=_TEXT, linewidth=2, zorder=2)
        axes.scatter([a], [y], s=140, color=_TEXT, zorder=3)
    axes.set_yticks(
        range(rows), ["\n".join(textwrap.wrap(t, 44)) for t in labels], fontsize=_FONT - 1
    )
    axes.invert_yaxis()
    axes.set_xticks(range(1, 6), ["\n".join(textwrap.wrap(w, 10)) for w in scale])
    axes.set_xlim(0.7, 5.3)
    axes.set_ylim(rows - 0.5, -0.9)
    axes.grid(axis="x", color=_GRID)
    # The key is in the title: a legend box would cover a row or the title on a long list.
    # The plot starts right of the long question labels: wrap the title to the plot's width.
    heading = "\n".join(textwrap.wrap(title, 34))
    axes.set_title(f"{heading}\n○ before   ● after", fontsize=_FONT + 3, color=_TEXT, loc="left")
    _tidy(axes)
    said = "; ".join(
        f"{label}: {b:g} before, {a:g} after"
        for label, b, a in zip(labels, before, after, strict=True)
    )
    return ChartFigure(
        figure, f"{title}. The middle answer on a scale of 1 to 5 for each question: {said}."
    )


def engagement_chart(weeks: Sequence[dt.date], totals: Sequence[int]) -> ChartFigure:
    """Return a bar chart of the changes all teams saved, week by week."""
    figure = _figure(10, 3.6)
    axes = figure.add_subplot()
    axes.bar(range(len(weeks)), totals, color=_BAR, width=0.8)
    step = max(1, len(weeks) // 8)
    ticks = list(range(0, len(weeks), step))
    axes.set_xticks(ticks, [short_date_words(weeks[i]) for i in ticks])
    axes.set_ylabel("Changes saved", fontsize=_FONT, color=_TEXT)
    axes.set_xlabel("Week starting", fontsize=_FONT, color=_TEXT)
    axes.set_title(
        "How much the teams worked on their projects, week by week",
        fontsize=_FONT + 3,
        color=_TEXT,
        loc="left",
    )
    axes.grid(axis="y", color=_GRID)
    axes.set_axisbelow(True)
    _tidy(axes)
    busiest = max(range(len(totals)), key=lambda i: totals[i], default=None)
    said = (
        f"{len(weeks)} weeks, {sum(totals)} changes in all; the busiest week began "
        f"{short_date_words(weeks[busiest])} with {totals[busiest]}."
        if busiest is not None
        else "No changes saved yet."
    )
    return ChartFigure(figure, f"Bar chart of the changes teams saved each week. {said}")
