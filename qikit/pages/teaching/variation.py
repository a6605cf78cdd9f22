"""Variation: made-up porter weeks, a real change of a chosen size, and "Show me chance".

The weeks are drawn like the porters' own ones before their change (the same average and
spread). The trainer adds a change at a chosen week and size, or presses "Show me chance" for
fresh weeks with no change at all, and the page keeps count of how often the rules saw a
pattern in pure chance (rarely) — while the eye sees one nearly every time.

Made with the standard library's :class:`random.Random` from a numbered seed, so draw 3 is the
same draw every time the page is shown.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from qikit.core.spc.qic import QicResult, qic
from qikit.core.wording import teaching as words
from qikit.pages.frame import View
from qikit.pages.teaching.frame import chart_html, teaching_data, teaching_page
from qikit.render.text import escape

__all__ = ["ChanceTally", "build", "made_up_weeks", "reading_html"]

#: How many weeks each made-up chart has (as the porters' own).
WEEKS = 24
#: "Show me chance" draw number n uses seed n + CHANCE_SEED_OFFSET: seed 1 happens to be one of
#: the rare chance series the rules flag, a confusing first example (draw 23 is such a one).
CHANCE_SEED_OFFSET = 1
#: Draws with a change use seeds from here (the first one, 1001, shows the change clearly).
CHANGE_SEEDS = 1000


def made_up_weeks(
    seed: int,
    *,
    mean: float,
    spread: float,
    weeks: int = WEEKS,
    change_at: int | None = None,
    size: float = 0.0,
) -> tuple[float, ...]:
    """Return ``weeks`` made-up weekly values: chance, plus ``size`` from week ``change_at`` on.

    ``change_at`` is the first week (from 1) with the change; values are rounded to 0.1 and
    never below 0 (a wait cannot be negative).
    """
    draw = random.Random(seed)
    values = []
    for week in range(1, weeks + 1):
        value = draw.gauss(mean, spread)
        if change_at is not None and week >= change_at:
            value += size
        values.append(round(max(0.0, value), 1))
    return tuple(values)


def _chart(values: Sequence[float], dates: Sequence[Any]) -> QicResult:
    return qic(list(values), x=list(dates)[: len(values)], chart="run")


def reading_html(result: QicResult) -> str:
    """Return what the rules say of a made-up chart, after asking the room what it sees."""
    sentences = [s.plain for s in result.signals]
    body = (
        "<ul>" + "".join(f"<li>{escape(s)}</li>" for s in sentences) + "</ul>"
        if sentences
        else f"<p>{escape(words.VAR_RULES_QUIET)}</p>"
    )
    return f"<p><strong>{escape(words.VAR_ASK)}</strong></p>{body}"


@dataclass
class ChanceTally:
    """How many chance-only charts were drawn and how many the rules flagged."""

    draws: int = 0
    flagged: int = 0
    seeds: list[int] = field(default_factory=list)

    def add(self, seed: int, result: QicResult) -> None:
        """Count one chance-only chart."""
        self.draws += 1
        self.flagged += bool(result.signals)
        self.seeds.append(seed)

    def html(self) -> str:
        """Return the running count as a sentence."""
        return (
            f"<p>{escape(words.VAR_TALLY.format(draws=self.draws, flagged=self.flagged))}</p>"
            if self.draws
            else ""
        )


def _baseline(data: Any) -> tuple[float, float]:
    before = list(data.values[: (data.change_at or len(data.values) + 1) - 1])
    return statistics.fmean(before), statistics.stdev(before)


def build(mode: str, *, cohort: str | None = None) -> View:
    """Return the page: live controls, or a chart with a change and three of chance ("review")."""
    data = teaching_data()
    mean, spread = _baseline(data)
    # Weekly dates from the porters' first week, however long their own series is.
    dates = [data.dates[0] + dt.timedelta(weeks=i) for i in range(WEEKS)]
    title = words.VAR_CHART_TITLE

    def one(seed: int, change_at: int | None, size: float) -> tuple[str, QicResult]:
        values = made_up_weeks(seed, mean=mean, spread=spread, change_at=change_at, size=size)
        result = _chart(values, dates)
        pdsa = [(change_at, words.VAR_WITH_CHANGE.format(size=f"{size:g}", week=change_at))]
        shown = chart_html(
            result, title=title, y_label=data.y_label, pdsa=pdsa if change_at and size else None
        )
        return shown, result

    if mode == "review":
        parts = []
        picture, result = one(CHANGE_SEEDS + 1, 13, -8.0)
        heading = words.VAR_WITH_CHANGE.format(size=-8, week=13)
        parts.append(
            f'<section class="qikit-card"><h2>{escape(heading)}</h2>{picture}'
            f"{reading_html(result)}</section>"
        )
        tally = ChanceTally()
        for draw in (1, 2, 3):
            picture, result = one(draw + CHANCE_SEED_OFFSET, None, 0.0)
            tally.add(draw, result)
            parts.append(
                f'<section class="qikit-card"><h2>{escape(words.VAR_NO_CHANGE.format(draw=draw))}'
                f"</h2>{picture}{reading_html(result)}</section>"
            )
        parts.append(tally.html())
        return teaching_page(words.VAR_TITLE, words.VAR_INTRO, parts, mode="review")

    import ipywidgets as widgets

    from qikit.widgets.base import big_button

    week = widgets.IntSlider(
        value=13,
        min=4,
        max=WEEKS,
        description=words.VAR_CHANGE_WEEK,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="100%", max_width="45rem"),
    )
    size = widgets.FloatSlider(
        value=-8.0,
        min=-20.0,
        max=20.0,
        step=1.0,
        readout_format=".0f",
        description=words.VAR_CHANGE_SIZE,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="100%", max_width="45rem"),
    )
    draw = big_button(words.VAR_DRAW, style="primary")
    chance = big_button(words.VAR_CHANCE, tooltip=words.VAR_CHANCE_HELP)
    heading = widgets.HTML()
    chart = widgets.HTML()
    reading = widgets.HTML()
    reading.add_class("qikit-reading")
    tally_box = widgets.HTML()
    tally = ChanceTally()
    seeds = {"change": 0, "chance": 0}

    def show_change(_: object = None) -> None:
        seeds["change"] += 1
        picture, result = one(CHANGE_SEEDS + seeds["change"], int(week.value), float(size.value))
        said = words.VAR_WITH_CHANGE.format(size=f"{size.value:g}", week=week.value)
        heading.value = f"<h2>{escape(said)}</h2>"
        chart.value = picture
        reading.value = reading_html(result)

    def show_chance(_: object = None) -> None:
        seeds["chance"] += 1
        seed = seeds["chance"]
        picture, result = one(seed + CHANCE_SEED_OFFSET, None, 0.0)
        tally.add(seed, result)
        heading.value = f"<h2>{escape(words.VAR_NO_CHANGE.format(draw=seed))}</h2>"
        chart.value = picture
        reading.value = reading_html(result)
        tally_box.value = tally.html()

    draw.on_click(show_change)
    chance.on_click(show_chance)
    show_change()
    return teaching_page(
        words.VAR_TITLE,
        words.VAR_INTRO,
        [week, size, widgets.HBox([draw, chance]), heading, chart, reading, tally_box],
        mode="app",
    )
