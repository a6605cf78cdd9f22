"""The storyboard stage of the team page: the team's story so far on one printable page.

The HTML is built in :mod:`qikit.render.storyboard`, the one source the celebration's A3
storyboard (:mod:`qikit.evidence.showcase`) reads too; this module only names it for the pages.
Everything on it is read from records the team has already written; the team's own words for
the poster are edited under it (:mod:`qikit.widgets.showcase`).
"""

from __future__ import annotations

from qikit.render.storyboard import TOP_CAUSES, storyboard_html

__all__ = ["TOP_CAUSES", "storyboard_html"]
