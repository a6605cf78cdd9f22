"""Can a person type and paste a measure's numbers into the table in a real Chromium?

The measures tool alone in a notebook served by plain Voilà (the ``voila_notebook`` fixture of
conftest.py) over a store in tmp_path with one team and one measure. Twenty weeks are typed
with the keyboard only (Tab and Enter), twenty more are pasted as Excel copies them; then the
chart, its plain reading and the screen-reader announcement are checked, a bad cell is marked
and corrected, a row is removed, and the layout is checked at a desktop width (compact rows,
chart beside the table) and a phone width (stacked, no sideways scroll, 44 px boxes).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest

from qikit.core.wording import measures as words

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

MEASURE = "Minutes waiting for a porter"
FIRST_MONDAY = dt.date(2025, 1, 6)
TYPED = [38, 41, 36, 44, 40, 39, 42, 37, 43, 40, 38, 41, 39, 42, 40, 37, 41, 39, 43, 40]
PASTED = [30, 29, 31, 28, 30, 27, 29, 31, 28, 30, 29, 27, 30, 28, 31, 29, 28, 30, 27, 29]
PAGE_LOAD = 120_000  # ms: Voilà starts a kernel and runs the notebook before the widgets show

expect.set_options(timeout=60_000)

NOTEBOOK = f"""
from pathlib import Path
from qikit.store import open_store
from qikit.widgets.base import ToolContext
from qikit.widgets.measures import MeasuresWidget

store = open_store(Path("cohort.db"))
context = ToolContext(store, "ward-3", "Ann")
context.save("measure", "m1", {{"name": {MEASURE!r}}})
MeasuresWidget(context).widget
"""

#: A paste as the browser delivers it: a ClipboardEvent carrying the text in a DataTransfer.
PASTE = """([text]) => {
  const data = new DataTransfer();
  data.setData("text/plain", text);
  const event = new ClipboardEvent("paste", {clipboardData: data, bubbles: true,
                                             cancelable: true});
  document.activeElement.dispatchEvent(event);
}"""


def notebook(folder: Path) -> Path:
    path = folder / "measures.ipynb"
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(NOTEBOOK)]), path)
    return path


def cell(page: Page, name: str) -> Any:
    return page.get_by_role("textbox", name=name, exact=True)


def test_typing_and_pasting_weeks_into_the_table(
    browser: Any, voila_notebook: Any, tmp_path: Path
) -> None:
    url = voila_notebook(notebook(tmp_path))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(60_000)
    page = context.new_page()
    try:
        page.goto(url)
        table = page.get_by_role("table", name=words.TABLE_CAPTION)
        expect(table).to_be_visible(timeout=PAGE_LOAD)

        # -- twenty weeks typed: a date once, then number and Enter, week after week ------------
        cell(page, "New point, date").focus()
        page.keyboard.type("06/01/2025")
        page.keyboard.press("Tab")
        # The row typed in became point 1 (a new empty row is under it); Tab moved along it.
        expect(cell(page, "Point 1, number")).to_be_focused()
        for week, value in enumerate(TYPED, start=1):
            page.keyboard.type(str(value))
            page.keyboard.press("Enter")
            # Enter moved to the same column of the new empty row at the end.
            expect(cell(page, "New point, number")).to_be_focused()
            expect(cell(page, f"Point {week}, number")).to_have_value(str(value))
        expect(cell(page, "Point 1, date")).to_have_value("6 Jan 2025")
        expect(cell(page, "Point 20, date")).to_have_value("19 May 2025")  # a week apart
        expect(page.get_by_text(re.compile(r"^Saved \d\d:\d\d$"))).to_be_visible()

        # -- twenty weeks pasted into the empty row's date, as Excel copies them -----------------
        start = FIRST_MONDAY + dt.timedelta(weeks=20)
        lines = [
            f"{start + dt.timedelta(weeks=i):%d/%m/%Y}\t{value}" for i, value in enumerate(PASTED)
        ]
        cell(page, "New point, date").focus()
        page.evaluate(PASTE, ["\n".join(lines) + "\n"])
        expect(cell(page, "Point 40, number")).to_have_value(str(PASTED[-1]))
        expect(cell(page, "Point 21, date")).to_have_value("26 May 2025")
        expect(page.get_by_text("Added 20 points and changed 0 points")).to_be_visible()
        expect(table.get_by_role("row")).to_have_count(1 + 40 + 1)  # heading, points, empty

        # -- the chart, its plain reading, and the new signal read out -------------------------
        chart = page.get_by_role("img", name=re.compile(re.escape(MEASURE)))
        expect(chart).to_be_visible()
        reading = page.get_by_role("listitem").filter(
            has_text="Your last 20 points are all below the middle line."
        )
        expect(reading).to_be_visible()
        expect(page.locator(".qikit-table").get_by_role("status")).to_have_text(
            re.compile(r"^Your chart has changed\. .*below the middle line")
        )

        # -- a bad cell is marked in place, its text kept, and can be corrected --------------
        number = cell(page, "Point 3, number")
        number.fill("lots")
        number.press("Tab")
        expect(number).to_have_attribute("aria-invalid", "true")
        message = page.get_by_role("alert").filter(has_text="Point 3: Number: Type a number")
        expect(message).to_be_visible()
        expect(number).to_have_value("lots")
        number.fill("36")
        number.press("Enter")
        expect(number).not_to_have_attribute("aria-invalid", "true")

        # -- a row removed with its own button, from the keyboard ----------------------------
        page.get_by_role("button", name="Remove point 40", exact=True).focus()
        page.keyboard.press("Enter")
        expect(table.get_by_role("row")).to_have_count(1 + 39 + 1)
        expect(page.get_by_text("Deleted the point for 6 October 2025.")).to_be_visible()
        expect(cell(page, "New point, date")).to_be_focused()  # the row that took its place

        # -- desktop: compact rows, the chart beside the table --------------------------------
        row_box = cell(page, "Point 1, number").bounding_box()
        assert row_box is not None and 28 <= row_box["height"] <= 36
        table_box, chart_box = table.bounding_box(), chart.bounding_box()
        assert table_box is not None and chart_box is not None
        assert chart_box["x"] >= table_box["x"] + table_box["width"]
        assert chart_box["y"] < table_box["y"] + 900  # side by side, not underneath

        # -- phone: stacked (table, then chart), no sideways scroll, 44 px boxes ----------------
        page.set_viewport_size({"width": 390, "height": 844})
        expect(cell(page, "Point 1, number")).to_have_css("height", "44px")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        table_box, chart_box = table.bounding_box(), chart.bounding_box()
        assert table_box is not None and chart_box is not None
        assert chart_box["y"] >= table_box["y"] + table_box["height"]
        note_box = cell(page, "Point 1, note").bounding_box()
        assert note_box is not None and note_box["width"] >= 200  # its own line under the numbers
        remove = page.get_by_role("button", name="Remove point 39", exact=True)
        remove_box = remove.bounding_box()
        assert remove_box is not None and remove_box["height"] >= 44
    finally:
        context.close()
