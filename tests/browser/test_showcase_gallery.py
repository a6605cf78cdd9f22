"""Is the showcase gallery usable on the event's big screen, by mouse and by keyboard?

The example cohort's showcase (HTML only) opened from disk in the run's Chromium at
1920×1080 and 1280×720: every card fits without sideways scrolling, the Tab key reaches each
team's link in order, and axe finds nothing serious.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe import serious_violations

from qikit.demo.cohort import prepare_demo
from qikit.evidence.showcase import write_showcase

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def gallery(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder, _ = prepare_demo(tmp_path_factory.mktemp("gallery") / "demo")
    return write_showcase(folder, pdf=False, progress=False).gallery


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)], ids=["1920x1080", "1280x720"])
def test_the_gallery_fits_the_screen_and_the_tab_key_reaches_every_team(
    chromium: Any, gallery: Path, size: tuple[int, int]
) -> None:
    width, height = size
    page = chromium.new_page(viewport={"width": width, "height": height})
    try:
        page.goto(gallery.as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        cards = page.locator(".g-card")
        assert cards.count() == 6
        # Three cards a row on both screens: big enough to read from across a room.
        tops = [cards.nth(i).bounding_box()["y"] for i in range(3)]
        assert len(set(tops)) == 1
        assert cards.nth(0).bounding_box()["width"] >= width / 4
        links = page.get_by_role("heading", level=2).get_by_role("link")
        names = [links.nth(i).inner_text() for i in range(links.count())]
        assert "Portering" in names and len(names) == 6
        reached = []
        for _ in range(6):
            page.keyboard.press("Tab")
            reached.append(page.evaluate("document.activeElement.textContent"))
        assert reached == names
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
        assert serious_violations(page) == []
    finally:
        page.close()


def test_a_storyboard_opens_from_its_card_and_leads_back_to_the_gallery(
    chromium: Any, gallery: Path
) -> None:
    page = chromium.new_page(viewport={"width": 1920, "height": 1080})
    try:
        page.goto(gallery.as_uri())
        page.get_by_role("link", name="Portering", exact=True).click()
        page.get_by_role("heading", name="Portering: our improvement story").wait_for()
        assert serious_violations(page) == []
        page.get_by_role("link", name="Back to all the teams").click()
        page.get_by_role("heading", level=1).filter(has_text="celebrating").wait_for()
    finally:
        page.close()
