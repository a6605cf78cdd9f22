"""The trainers' teaching pages: live demos for a room, each on one frame with presenter mode.

Each notebook of ``workbooks/trainer/`` is a ``parameters`` cell and one call::

    show_teaching("run-chart-rules", mode=mode, cohort=cohort)

The frame (:mod:`~qikit.pages.teaching.frame`) gives every page its heading, its intro line and
the "Presenter mode" switch; each page is one module with a
``build(mode, *, cohort=None, **params)``:

- :mod:`~qikit.pages.teaching.model_for_improvement`: the three questions, for the porters;
- :mod:`~qikit.pages.teaching.variation`: made-up weeks, a real change, and "Show me chance";
- :mod:`~qikit.pages.teaching.rules_live`: "Next week", the rules firing, three rule sets;
- :mod:`~qikit.pages.teaching.chart_choice`: the chart-choice helper on the teaching data sets;
- :mod:`~qikit.pages.teaching.fishbone_room`: causes typed or sent by the room, votes, Pareto;
- :mod:`~qikit.pages.teaching.pdsa_experiment`: a classroom before/after experiment as a PDSA.

The room joins from phones through :mod:`~qikit.pages.teaching.room_link` (a
:class:`qikit.widgets.room.RoomPanel` on the cohort's store).

Their words are in :mod:`qikit.core.wording.teaching`; the data sets come from
:mod:`qikit.core.teaching_data` (pure data, in the core so every layer can use it).
"""

from __future__ import annotations

from qikit.pages.teaching.frame import TEACHING_PAGES, show_teaching, teaching_page, teaching_view

__all__ = ["TEACHING_PAGES", "show_teaching", "teaching_page", "teaching_view"]
