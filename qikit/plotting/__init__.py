"""Drawing qikit charts with matplotlib.

Kept apart from :mod:`qikit.core` so the statistics can be used without matplotlib. Figures are
built with :class:`matplotlib.figure.Figure` directly (never pyplot), so drawing needs no display,
no backend and no global state: it works the same in a test, a notebook, Voilà or a web server.
"""

from __future__ import annotations

from qikit.plotting.charts import ChartFigure, plot_chart

__all__ = ["ChartFigure", "plot_chart"]
