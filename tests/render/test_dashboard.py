"""Does the dashboard's table read properly: its own scroll box, and each cell's words apart?"""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser
from pathlib import Path

from qikit.core.model import Team
from qikit.core.progress import TeamRow
from qikit.core.wording import dashboard as words
from qikit.demo.samples import build_sample_project
from qikit.render.dashboard import DASHBOARD_CSS, dashboard_table_html, render_dashboard_html
from qikit.store import open_store
from qikit.store.cohort import cohort_rows
from qikit.store.records import save_record

TODAY = dt.date(2026, 4, 10)
#: Elements after which a browser starts a new line (the rest run into the words beside them).
_BLOCKS = {"p", "ul", "ol", "li", "br", "div", "table", "tr", "td", "th", "caption"}


class _Cells(HTMLParser):
    """The words of each table cell as a browser puts them together (tags add no spaces)."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("td", "th"):
            self._open = []
        elif tag in _BLOCKS and self._open is not None:
            self._open.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._open is not None:
            self.cells.append(" ".join("".join(self._open).split()))
            self._open = None
        elif tag in _BLOCKS and self._open is not None:
            self._open.append("\n")

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)


def _rows(tmp_path: Path) -> list[TeamRow]:
    with open_store(tmp_path / "qikit.db") as store:
        build_sample_project(store, "porters")
        save_record(store, "cleaners", Team(name="Cleaners", slug="cleaners"), author="b")
        return cohort_rows(store, ["porters", "cleaners"], TODAY)


def test_no_number_is_glued_to_the_words_beside_it(tmp_path: Path) -> None:
    """A team with no causes says "nothing yet" (not "0nothing yet"); others count theirs."""
    parser = _Cells()
    parser.feed(dashboard_table_html(_rows(tmp_path)))
    empty_words = (words.NOTHING_YET, words.NEVER, words.NOT_CONFIRMED)
    glued = re.compile(r"\d(" + "|".join(map(re.escape, empty_words)) + ")")
    assert [cell for cell in parser.cells if glued.search(cell)] == []
    porters, cleaners = parser.cells[11:22], parser.cells[22:33]  # 11 columns, heading row first
    assert cleaners[2] == words.NOTHING_YET
    assert porters[2].startswith(words.CAUSES.format(count=5) + " ")


def test_the_table_scrolls_inside_its_own_named_box(tmp_path: Path) -> None:
    """Is the table in a focusable, named region that scrolls sideways, in the app and review?"""
    table = dashboard_table_html(_rows(tmp_path))
    assert table.startswith(
        f'<div class="qikit-scroll" role="region" tabindex="0" aria-label="{words.TABLE_LABEL}">'
    )
    assert table.endswith("</table></div>")
    assert ".qikit-dashboard .qikit-scroll { overflow-x: auto;" in DASHBOARD_CSS
    assert 'role="region"' in render_dashboard_html(_rows(tmp_path))
