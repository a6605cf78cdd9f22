"""The demo that ``make demo`` opens: a porter-waiting-time measure as a run chart and an I chart.

The notebook ``workbooks/demo_run_chart.ipynb`` only wires things together; the logic lives here
so it can be tested. Two ways to show the charts:

* ``app`` — an ipywidgets page for Voilà: a "Which chart?" list and the chart with its reading.
* ``review`` — plain static output (PNG + HTML) that papermill can run and a reviewer can read.

ipywidgets and IPython are imported inside the functions that need them, so importing this module
(for example to test :func:`render_chart_html`) does not need a widget stack or a kernel.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from qikit.core.teaching_data import MEASURE_TITLE, load_teaching_data
from qikit.core.wording import no_signal_text
from qikit.errors import DataError
from qikit.render import ChartFigure, plot_chart
from qikit.render.text import escape

MODES = ("app", "review")

HEADING = "How long do patients wait for a porter?"
INTRO = (
    "Each point is one week: the average number of minutes from a ward asking for a porter to "
    "the patient being collected. After week 12 the team tried a change: requests now go to the "
    "nearest free porter. The charts below show whether the wait really changed, or whether it "
    "is just the normal ups and downs."
)
READING_HEADING = "What this chart tells you"

#: The porters' teaching data set: the demo marks its change and labels its axis from it.
_PORTERS = load_teaching_data("porter-response")

#: Larger text for the whole page; scoped to the demo so it does not restyle anything else.
_CSS = """
<style>
.qikit-demo { font-size: 1.25rem; line-height: 1.5; max-width: 62rem; color: #1a1a1a; }
.qikit-demo .widget-html-content, .qikit-demo p, .qikit-demo li {
  font-size: 1.25rem !important; line-height: 1.5 !important;
}
.qikit-demo h1 { font-size: 2rem; margin: 0.5rem 0; }
.qikit-demo h2 { font-size: 1.6rem; margin: 1rem 0 0.5rem; }
.qikit-demo h3 { font-size: 1.35rem; margin: 1rem 0 0.25rem; }
.qikit-demo .widget-label, .qikit-demo label, .qikit-demo select {
  font-size: 1.25rem !important; line-height: 1.6 !important; height: auto !important;
}
.qikit-demo .widget-dropdown { height: auto !important; }
.qikit-demo select { padding: 0.3rem; border: 2px solid #1a1a1a; }
</style>
"""


@dataclass
class DemoChart:
    """One choice in the demo: its plain label, the computed chart and how to draw it."""

    label: str
    result: Any
    title: str = MEASURE_TITLE
    y_label: str = _PORTERS.y_label
    pdsa: list[tuple[Any, str]] = field(
        default_factory=lambda: [(_PORTERS.change_at, _PORTERS.change_label)]
    )
    phase_labels: list[str] | None = None

    @cached_property
    def chart_figure(self) -> ChartFigure:
        """The drawn chart (drawn once, then reused when the choice is shown again)."""
        return plot_chart(
            self.result,
            title=self.title,
            y_label=self.y_label,
            pdsa=self.pdsa,
            phase_labels=self.phase_labels,
        )


def reading_sentences(result: object) -> list[str]:
    """Return the plain sentences that read the chart: one per signal, or the no-signal one."""
    sentences = [str(getattr(s, "plain", "")).strip() for s in getattr(result, "signals", [])]
    sentences = [s for s in sentences if s]
    if sentences:
        return sentences
    reading = getattr(result, "reading", None)
    if callable(reading):
        return [str(reading().plain)]
    return [no_signal_text(str(getattr(result, "chart", "run")) == "run").plain]


def render_chart_html(
    result: object, chart_figure: ChartFigure, *, heading: str | None = None
) -> str:
    """Return the chart (inline PNG) and its reading as HTML, with every piece of text escaped.

    The image's alt text is the chart's full description, so a screen reader hears the whole
    chart; the same description sits in a "Full description" section for everyone else.
    """
    png = base64.b64encode(chart_figure.to_png_bytes()).decode("ascii")
    alt = escape(chart_figure.description)
    items = "".join(f"<li>{escape(s)}</li>" for s in reading_sentences(result))
    description = "".join(
        f"<p>{escape(line)}</p>" for line in chart_figure.description.splitlines()
    )
    parts = ['<section class="qikit-chart" style="font-size:1.25rem;line-height:1.5">']
    if heading:
        parts.append(f"<h2>{escape(heading)}</h2>")
    parts.append(
        f'<img src="data:image/png;base64,{png}" alt="{alt}" '
        'style="width:100%;max-width:900px;height:auto">'
    )
    parts.append(f"<h3>{escape(READING_HEADING)}</h3><ul>{items}</ul>")
    parts.append(
        "<details><summary>Full description of the chart (for screen readers and printing)"
        f"</summary>{description}</details></section>"
    )
    return "".join(parts)


def intro_html() -> str:
    """Return the page heading and the introduction, escaped."""
    return f"<h1>{escape(HEADING)}</h1><p>{escape(INTRO)}</p>"


def build_demo_app(charts: Sequence[DemoChart]) -> Any:
    """Return the ipywidgets page: a "Which chart?" list and the chosen chart with its reading."""
    import ipywidgets as widgets
    from IPython.display import HTML, display

    if not charts:
        raise DataError("charts", "at least one chart to show", list(charts))
    pages = [render_chart_html(c.result, c.chart_figure, heading=c.label) for c in charts]
    chooser = widgets.Dropdown(
        options=[(c.label, index) for index, c in enumerate(charts)],
        value=0,
        description="Which chart?",
        style={"description_width": "initial"},
        layout=widgets.Layout(width="auto", max_width="60rem"),
    )
    output = widgets.Output()

    def show(index: int) -> None:
        output.clear_output(wait=True)
        with output:
            display(HTML(pages[index]))

    chooser.observe(lambda change: show(int(change["new"])), names="value")
    show(0)
    app = widgets.VBox([widgets.HTML(_CSS + intro_html()), chooser, output])
    app.add_class("qikit-demo")
    return app


def show_static(charts: Sequence[DemoChart]) -> None:
    """Display each chart as a PNG and its reading as escaped HTML (for papermill and review)."""
    from IPython.display import HTML, Image, display

    display(HTML(f'<div class="qikit-demo">{intro_html()}</div>'))
    for chart in charts:
        figure = chart.chart_figure
        display(HTML(f"<h2>{escape(chart.label)}</h2>"))
        display(Image(data=figure.to_png_bytes(), format="png"))
        items = "".join(f"<li>{escape(s)}</li>" for s in reading_sentences(chart.result))
        display(HTML(f"<h3>{escape(READING_HEADING)}</h3><ul>{items}</ul>"))


def show_demo(charts: Sequence[DemoChart], mode: str = "app") -> None:
    """Show the demo the way ``mode`` asks: ``"app"`` for Voilà, ``"review"`` for papermill."""
    if mode not in MODES:
        raise DataError("mode", '"app" or "review"', mode, 'Use mode = "app" or "review".')
    if mode == "app":
        from IPython.display import display

        display(build_demo_app(charts))
    else:
        show_static(charts)
