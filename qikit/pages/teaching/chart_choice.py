"""Choosing the right chart: the chart-choice helper walked through with the teaching data sets.

The trainer picks a data set; its story is shown; the room answers "What is being measured?"
(the helper's own questions, :mod:`qikit.core.spc.chart_choice`); the page says which chart the
answers lead to and whether it is the one the data set is taught with, then draws that chart.
"""

from __future__ import annotations

from typing import Any

from qikit.core.spc.chart_choice import DATA_KIND_QUESTIONS, DataKind, suggest_chart
from qikit.core.spc.qic import qic
from qikit.core.wording import teaching as words
from qikit.pages.frame import View
from qikit.pages.teaching.frame import chart_html, teaching_data, teaching_page
from qikit.render.charts import CHART_WORDS
from qikit.render.text import escape

__all__ = ["answers_for", "build", "data_set_chart_html", "data_set_names", "suggestion_html"]

#: The answers to the helper's questions that lead to each chart type: (kind, same size).
_ANSWERS: dict[str, tuple[DataKind, bool]] = {
    "run": (DataKind.MEASUREMENT, True),
    "i": (DataKind.MEASUREMENT, True),
    "xbar": (DataKind.MEASUREMENT, True),
    "c": (DataKind.COUNT, True),
    "u": (DataKind.COUNT, False),
    "p": (DataKind.PERCENTAGE, True),
    "g": (DataKind.RARE_EVENTS_CASES, True),
    "t": (DataKind.RARE_EVENTS_DAYS, True),
}


def data_set_names() -> tuple[str, ...]:
    """Return the names of the teaching data sets, in the registry's order."""
    from qikit.core.teaching_data import teaching_data_names

    return tuple(teaching_data_names())


#: The two charts for rare events: either one suits days, or cases, between events.
_RARE_EVENT_CHARTS = frozenset({"g", "t"})


def answers_for(data: Any) -> tuple[DataKind, bool]:
    """Return the answers (what is measured, same chance each time) for a data set.

    The data set's own answer to "What is being measured?" (``data_kind``) when it has one,
    else the answer that leads to its chart; "same chance each time" follows from its chart.
    """
    kind, same = _ANSWERS.get(str(data.chart), (DataKind.MEASUREMENT, True))
    own = getattr(data, "data_kind", None)
    return (DataKind(own) if own else kind), same


def _chart_name(chart: str) -> str:
    return CHART_WORDS.get(chart, (f"{chart} chart", ""))[0]


def suggestion_html(data: Any, kind: DataKind | str, same_size: bool) -> str:
    """Return the chart the answers lead to, why, and whether it is the data set's own chart."""
    points = len(data.values)
    suggestion = suggest_chart(kind, points=points, same_size_each_time=same_size)
    taught = str(data.chart)
    own = getattr(data, "data_kind", None)
    matches = (
        suggestion.chart == taught
        # The room's answer is the data set's own: a run chart taught on such data is the safe
        # start, whatever control chart the helper names for later.
        or (own is not None and DataKind(own) is DataKind(kind))
        or (own is None and taught == "run" and suggestion.chart in ("i", "xbar"))
        or {taught, suggestion.chart} <= _RARE_EVENT_CHARTS
    )
    verdict = words.CHOICE_MATCH if matches else words.CHOICE_NO_MATCH
    return (
        f"<p><strong>{escape(words.CHOICE_SUGGESTED.format(name=suggestion.name))}</strong></p>"
        f"<p>{escape(suggestion.why)}</p>"
        f"<p>{escape(words.CHOICE_TAUGHT_WITH.format(name=_chart_name(taught)))} "
        f"{escape(verdict)}</p>"
    )


def data_set_chart_html(data: Any) -> str:
    """Return the data set's own chart, its story and what the rules read on it."""
    result = qic(
        list(data.values),
        x=list(data.dates),
        n=None if data.totals is None else list(data.totals),
        chart=str(data.chart),
        multiply=float(data.multiply),
    )
    pdsa = [(int(data.change_at), str(data.change_label))] if data.change_at else None
    return (
        f"{chart_html(result, title=data.title, y_label=data.y_label, pdsa=pdsa)}"
        f"<p>{escape(result.reading().plain)}</p>"
    )


def _story_html(data: Any) -> str:
    return (
        f"<h2>{escape(data.title)}</h2><h3>{escape(words.CHOICE_STORY_HEADING)}</h3>"
        f"<p>{escape(data.story)}</p>"
    )


def build(mode: str, *, cohort: str | None = None) -> View:
    """Return the page: a data set chooser and the helper's questions, or every set ("review")."""
    names = data_set_names()
    if mode == "review":
        parts = []
        for name in names:
            data = teaching_data(name)
            kind, same = answers_for(data)
            parts.append(
                f'<section class="qikit-card">{_story_html(data)}'
                f"{suggestion_html(data, kind, same)}{data_set_chart_html(data)}</section>"
            )
        return teaching_page(words.CHOICE_TITLE, words.CHOICE_INTRO, parts, mode="review")

    import ipywidgets as widgets

    from qikit.widgets.base import big_button

    sets = {name: teaching_data(name) for name in names}
    chooser = widgets.Dropdown(
        options=[(data.title, name) for name, data in sets.items()],
        value=names[0],
        description=words.CHOICE_DATA_LABEL,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="100%", max_width="45rem"),
    )
    kind = widgets.RadioButtons(
        options=[(text, k.value) for k, text in DATA_KIND_QUESTIONS.items()],
        value=None,
        description=words.CHOICE_KIND_LABEL,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="100%"),
    )
    same = widgets.Checkbox(value=True, description=words.CHOICE_SAME_SIZE, indent=False)
    show = big_button(words.CHOICE_SHOW, style="primary")
    story = widgets.HTML()
    suggestion = widgets.HTML()
    suggestion.add_class("qikit-reading")
    chart = widgets.HTML()

    def on_data(_: object = None) -> None:
        data = sets[chooser.value]
        story.value = _story_html(data)
        # A new data set: the room answers again, from no answer.
        kind.value = None
        chart.value = ""
        on_answer()

    def on_answer(_: object = None) -> None:
        if kind.value is None:
            suggestion.value = f"<p>{escape(words.CHOICE_ANSWER_FIRST)}</p>"
            return
        suggestion.value = suggestion_html(sets[chooser.value], str(kind.value), bool(same.value))

    def on_show(_: object) -> None:
        chart.value = data_set_chart_html(sets[chooser.value])

    chooser.observe(on_data, names="value")
    kind.observe(on_answer, names="value")
    same.observe(on_answer, names="value")
    show.on_click(on_show)
    on_data()
    return teaching_page(
        words.CHOICE_TITLE,
        words.CHOICE_INTRO,
        [chooser, story, kind, same, suggestion, show, chart],
        mode="app",
    )
