"""The frame of every teaching page, the presenter-mode switch, charts as pictures, the entry point.

A teaching page is shown by a trainer to a room: a big heading, one plain line saying what the
page is for, and a "Presenter mode" switch that makes everything large and high-contrast for a
projector or a shared screen. No code and no file paths ever reach the screen.

Two modes, as the participant pages have (:mod:`qikit.pages.participant`):

- ``"app"``: live widgets for Voilà or JupyterLab (:func:`teaching_page` gets widgets);
- ``"review"``: one static HTML text, for papermill and nbval (:func:`teaching_page` gets HTML).

ipywidgets and IPython are imported inside the functions that need them, so a review copy and
the unit tests of the HTML need no widget stack.
"""

from __future__ import annotations

import base64
import importlib
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from qikit.core.wording import teaching as words
from qikit.errors import DataError
from qikit.pages.failure import message_html
from qikit.pages.frame import View, show_view
from qikit.render.style import PAGE_CSS, PRESENTER_CSS, TEACHING_CSS
from qikit.render.text import escape

if TYPE_CHECKING:
    import ipywidgets

__all__ = [
    "MODES",
    "PRESENTER_CLASS",
    "TEACHING_PAGES",
    "chart_html",
    "check_mode",
    "show_teaching",
    "teaching_page",
    "teaching_view",
]

MODES = ("app", "review")
#: The class that turns presenter mode on (its styles are :data:`PRESENTER_CSS`).
PRESENTER_CLASS = "qikit-presenter"
#: Each teaching page's name (as a notebook calls it) and the module that builds it. Each module
#: has ``build(mode: str, *, cohort: str | None = None, **params) -> View`` (``cohort``: the
#: cohort folder, whose store the room's answers go through; the pages without a room ignore
#: it); imported only when its page is shown.
TEACHING_PAGES: dict[str, str] = {
    "model-for-improvement": "qikit.pages.teaching.model_for_improvement",
    "variation": "qikit.pages.teaching.variation",
    "run-chart-rules": "qikit.pages.teaching.rules_live",
    "choosing-the-right-chart": "qikit.pages.teaching.chart_choice",
    "fishbone-in-the-room": "qikit.pages.teaching.fishbone_room",
    "test-a-change": "qikit.pages.teaching.pdsa_experiment",
}


def check_mode(mode: object) -> str:
    """Return ``mode`` if it is "app" or "review", else raise DataError with a plain message."""
    if mode not in MODES:
        raise DataError("mode", '"app" or "review"', mode, words.UNKNOWN_MODE.format(mode=mode))
    return str(mode)


def _header_html(title: str, intro: str) -> str:
    return (
        f'<h1>{escape(title)}</h1><p class="qikit-intro">{escape(intro)}</p>'
        if intro
        else f"<h1>{escape(title)}</h1>"
    )


def teaching_page(
    title: str,
    intro: str,
    children: Sequence[ipywidgets.Widget] | Sequence[str],
    *,
    mode: str,
) -> View:
    """Return a teaching page: heading, intro line, presenter switch, then ``children``.

    ``mode="app"``: ``children`` are widgets and a VBox comes back, with a "Presenter mode"
    toggle that adds :data:`PRESENTER_CLASS` to the page. ``mode="review"``: ``children`` are
    HTML texts (already escaped) and one HTML text comes back, without the switch.
    """
    mode = check_mode(mode)
    if mode == "review":
        body = "".join(str(child) for child in children)
        return (
            f'{PAGE_CSS}{TEACHING_CSS}<div class="qikit-page qikit-teaching">'
            f"{_header_html(title, intro)}{body}</div>"
        )
    import ipywidgets as widgets

    from qikit.pages.frame import live_page
    from qikit.widgets.base import QIKIT_CSS

    switch = widgets.ToggleButton(
        value=False,
        description=words.PRESENTER_OFF,
        tooltip=words.PRESENTER_HELP,
        layout=widgets.Layout(width="auto", min_height="44px"),
    )
    switch.add_class("qikit-presenter-switch")
    top = widgets.HTML(QIKIT_CSS + PAGE_CSS + TEACHING_CSS + PRESENTER_CSS)
    heading = widgets.HTML(_header_html(title, intro))
    page = live_page([top, switch, heading, *children])
    page.add_class("qikit-teaching")

    def toggle(change: dict[str, Any]) -> None:
        if change["new"]:
            page.add_class(PRESENTER_CLASS)
            switch.description = words.PRESENTER_ON
        else:
            page.remove_class(PRESENTER_CLASS)
            switch.description = words.PRESENTER_OFF

    switch.observe(toggle, names="value")
    return page


def chart_html(
    result: object,
    *,
    title: str,
    y_label: str,
    pdsa: Sequence[tuple[Any, str]] | None = None,
) -> str:
    """Return the chart of ``result`` as an inline PNG whose text alternative describes it all.

    A PNG rather than SVG: a projector laptop draws it the same in every browser, and the
    description (the chart's every fact in words) is the image's ``alt`` text.
    """
    from qikit.render import plot_chart

    figure = plot_chart(result, title=title, y_label=y_label, pdsa=pdsa, width_px=1100)
    # Drawn at 1.5 times its size, so presenter mode can show it large and still sharp.
    png = base64.b64encode(figure.to_png_bytes(dpi=150)).decode("ascii")
    return (
        f'<img class="qikit-teaching-chart" src="data:image/png;base64,{png}" '
        f'alt="{escape(figure.description)}">'
    )


def _builder(name: str) -> Callable[..., View]:
    if name not in TEACHING_PAGES:
        raise DataError(
            "page",
            "the name of a teaching page",
            name,
            words.UNKNOWN_PAGE.format(name=name, names=", ".join(TEACHING_PAGES)),
        )
    return importlib.import_module(TEACHING_PAGES[name]).build


def teaching_view(
    name: str, *, mode: str = "app", cohort: str | None = None, **params: Any
) -> View:
    """Return the teaching page ``name``: a widget (``mode="app"``) or HTML text ("review").

    ``cohort`` is the cohort folder the page was copied into (the room's answers go through its
    store; None in JupyterLab without a cohort: the trainer types). ``params`` go to the page's
    builder. Raises DataError for an unknown page or mode; :func:`show_teaching` turns that into
    a plain message.
    """
    mode = check_mode(mode)
    return _builder(name)(mode, cohort=cohort, **params)


def show_teaching(
    name: str, *, mode: str = "app", cohort: str | None = None, **params: Any
) -> None:
    """Display the teaching page ``name`` in the notebook; never raises, never a traceback.

    An unknown page or mode is said plainly; anything else that fails shows the failure page
    with a reference, the traceback going to the cohort's error log.
    """
    from IPython.display import HTML, display

    try:
        check_mode(mode)
        _builder(name)
    except DataError as error:
        display(HTML(message_html(error.what_to_do or str(error), alert=True)))
        return
    show_view(
        lambda: teaching_view(name, mode=mode, cohort=cohort, **params),
        cohort=str(cohort or ""),
        stage=f"teaching:{name}",
        mode=mode,
        team="",
    )


#: The one story through every demo.
STORY = "porter-response"


def teaching_data(name: str = STORY) -> Any:
    """Return the teaching data set ``name`` (by default the porters' story) from the registry."""
    from qikit.core.teaching_data import load_teaching_data

    return load_teaching_data(name)
