"""The trainers' teaching pages (a stand-in: helper PAGES owns this package and its frame).

Each notebook of ``workbooks/trainer/`` is a ``parameters`` cell and one call::

    show_teaching("fishbone-in-the-room", mode=mode, cohort=cohort)

Each page is one module with ``build(mode, **params)``; the room pages here:

- :mod:`~qikit.pages.teaching.fishbone_room`: the room's causes grow a fishbone, votes a Pareto;
- :mod:`~qikit.pages.teaching.pdsa_experiment`: time a task before and after a change.
"""

from __future__ import annotations

from qikit.pages.teaching.frame import TEACHING_PAGES, show_teaching, teaching_page, teaching_view

__all__ = ["TEACHING_PAGES", "show_teaching", "teaching_page", "teaching_view"]
