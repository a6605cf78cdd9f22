"""What every page shares: the frame of a live page, the typed name, showing without raising.

ipywidgets and IPython are imported inside the functions that need them: a mentor's static
copy of a page must not pay for loading them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeAlias

from qikit.core.model import MAX_SHORT_TEXT
from qikit.pages.failure import failure_html, report_failure

if TYPE_CHECKING:
    import ipywidgets

__all__ = ["View", "clean_name", "live_page", "show_view"]

#: What a page shows: HTML text (static pages, messages) or a widget (live pages).
View: TypeAlias = "str | ipywidgets.Widget"


def clean_name(name: object) -> str | None:
    """Return the name typed in a "Your name" box, spaces tidied and cut to a short text.

    None when nothing usable was typed (not text, only spaces, or text that cannot be saved).
    """
    if not isinstance(name, str):
        return None
    cleaned = " ".join(name.split())[:MAX_SHORT_TEXT]
    try:
        cleaned.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return cleaned or None


def live_page(children: Sequence[ipywidgets.Widget]) -> ipywidgets.VBox:
    """Return the box that holds a live page: full width, with the tools' and pages' styles."""
    import ipywidgets as widgets

    from qikit.widgets.base import FULL_WIDTH

    page = widgets.VBox(list(children), layout=widgets.Layout(**FULL_WIDTH))
    page.add_class("qikit-tool")
    page.add_class("qikit-page")
    return page


def show_view(build: Callable[[], View], *, cohort: str, stage: str, mode: str, team: str) -> None:
    """Display what ``build`` returns; if anything fails, the failure page instead.

    ``cohort``, ``stage``, ``mode`` and ``team`` go to the error log with the traceback.
    Never raises and never shows a traceback.
    """
    from IPython.display import HTML, display

    try:
        view = build()
        display(HTML(view) if isinstance(view, str) else view)
    except Exception as error:
        reference, _ = report_failure(
            error, cohort=str(cohort), stage=str(stage), mode=str(mode), team=str(team)
        )
        display(HTML(failure_html(reference)))
