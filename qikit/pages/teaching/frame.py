"""The frame of every teaching page (a minimal stand-in for the one helper PAGES builds).

Only what the room pages need, with PAGES' names: :func:`teaching_page`, the registry
:data:`TEACHING_PAGES` (name -> module with ``build(mode, **params)``), :func:`teaching_view`
and :func:`show_teaching`. PAGES' version (with presenter mode) replaces this file; it needs the
two room pages in its registry and ``cohort`` passed on to their ``build``.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

from qikit.errors import DataError
from qikit.pages.frame import View, show_view
from qikit.render.style import PAGE_CSS
from qikit.render.text import escape

__all__ = ["MODES", "TEACHING_PAGES", "show_teaching", "teaching_page", "teaching_view"]

MODES = ("app", "review")
#: Each teaching page's name (as a notebook calls it) and the module that builds it.
TEACHING_PAGES: dict[str, str] = {
    "fishbone-in-the-room": "qikit.pages.teaching.fishbone_room",
    "test-a-change": "qikit.pages.teaching.pdsa_experiment",
}
#: The pages that keep the room's answers in the cohort's store (they take ``cohort``).
ROOM_PAGES = frozenset({"fishbone-in-the-room", "test-a-change"})


def teaching_page(title: str, intro: str, children: Sequence[Any], *, mode: str) -> View:
    """Return a teaching page: a widget box (``mode="app"``) or static HTML (``"review"``).

    In review mode ``children`` are HTML strings (already escaped); in app mode widgets.
    """
    head = f"<h1>{escape(title)}</h1><p>{escape(intro)}</p>"
    if mode == "review":
        body = "".join(str(child) for child in children)
        return f'{PAGE_CSS}<div class="qikit-page qikit-teaching">{head}{body}</div>'
    import ipywidgets as widgets

    from qikit.pages.frame import live_page
    from qikit.widgets.base import QIKIT_CSS

    page = live_page([widgets.HTML(PAGE_CSS + QIKIT_CSS + head), *children])
    page.add_class("qikit-teaching")
    return page


def teaching_view(
    name: str, *, mode: str = "app", cohort: str | None = None, **params: Any
) -> View:
    """Return the teaching page ``name``: a widget (``mode="app"``) or HTML text ("review")."""
    if mode not in MODES:
        raise DataError("mode", '"app" or "review"', mode)
    if name not in TEACHING_PAGES:
        raise DataError("page", "the name of a teaching page", name)
    build = importlib.import_module(TEACHING_PAGES[name]).build
    if name in ROOM_PAGES:
        params["cohort"] = cohort
    return build(mode, **params)  # type: ignore[no-any-return]


def show_teaching(
    name: str, *, mode: str = "app", cohort: str | None = None, **params: Any
) -> None:
    """Display the teaching page ``name``; never raises, never shows a traceback."""
    show_view(
        lambda: teaching_view(name, mode=mode, cohort=cohort, **params),
        cohort=str(cohort or ""),
        stage=f"teaching:{name}",
        mode=mode,
        team="",
    )
