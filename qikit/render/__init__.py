"""Static views: matplotlib charts, and SVG/HTML drawings of the QI tools.

One job: turn results and records into figures, SVG and HTML (the static twin of each tool,
what a mentor reads). May import: errors, layout and core (never store, widgets or pages), plus
matplotlib and IPython. ``render.text`` is the one helper for escaping and dates.

Kept apart from :mod:`qikit.core` so the statistics can be used without matplotlib. Figures are
built with :class:`matplotlib.figure.Figure` directly (never pyplot), so drawing needs no display,
no backend and no global state. matplotlib is imported only when a chart is drawn: the SVG
diagrams (fishbone, process map, driver diagram, PDSA ramps) do not need it, and a page that
draws no chart should not pay the 0.7 s it takes to import.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ChartFigure", "plot_chart"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from qikit.render import charts

        return getattr(charts, name)
    raise AttributeError(f"module 'qikit.render' has no attribute {name!r}")
