"""Does a trainer's "Run chart rules, live" page work in a real Chromium, presenter mode too?

The page alone in a notebook served by plain Voilà (the ``voila_notebook`` fixture): the
trainer presses "Next week" until a rule fires and its explanation appears, switches the rule
set and sees the explanation change, and turns presenter mode on. Screenshots of presenter mode
at 1920×1080 (a projector) and 1280×720 (a screen share) go to ``/tmp/presenter-*.png`` for a
person to look at.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nbformat
import pytest

from qikit.core.spc.signals import RuleSet
from qikit.core.wording import teaching as words
from qikit.core.wording.rules import RULE_SET_CHOICES

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

PAGE_LOAD = 120_000  # ms: Voilà starts a kernel and runs the notebook before the widgets show
expect.set_options(timeout=60_000)
SCREENS = {"1920x1080": (1920, 1080), "1280x720": (1280, 720)}

PAGE = """
from qikit.pages.teaching import show_teaching

show_teaching("run-chart-rules", mode="app")
"""


def _notebook(folder: Path) -> Path:
    path = folder / "rules.ipynb"
    cells = [nbformat.v4.new_code_cell(PAGE)]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    return path


def test_next_week_until_a_rule_fires_then_switch_rules_and_present(
    browser: Any, voila_notebook: Any, tmp_path: Path
) -> None:
    url = voila_notebook(_notebook(tmp_path))
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(60_000)
    page = context.new_page()
    try:
        page.goto(url)
        next_week = page.get_by_role("button", name=words.RULES_NEXT, exact=True)
        expect(next_week).to_be_visible(timeout=PAGE_LOAD)
        expect(page.get_by_role("heading", name=words.RULES_TITLE)).to_be_visible()
        expect(page.get_by_text("the rules need about 10")).to_be_visible()
        total = int(re.search(r"of (\d+)\.", page.get_by_text("Weeks shown:").inner_text())[1])

        # -- "Next week" until a rule fires: each press shows exactly one more week ------------
        fired = page.get_by_role("status").filter(has_text="A rule has just fired")
        week = None
        for shown in range(7, total + 1):
            next_week.click()
            expect(page.get_by_text(f"Weeks shown: {shown} of {total}.")).to_be_visible()
            if fired.count():
                week = shown
                break
        assert week is not None, "no rule fired on the porters' weeks"
        expect(fired).to_contain_text(f"A rule has just fired at week {week}: a shift")
        expect(fired).to_contain_text("almost never happens by chance")
        anhoej_why = words.RULE_SET_WHY[RuleSet.ANHOEJ]
        expect(page.get_by_text(anhoej_why)).to_be_visible()

        # -- the same weeks read with the IHI rules: the explanation changes --------------------
        page.get_by_role("button", name=RULE_SET_CHOICES[RuleSet.IHI][0], exact=True).click()
        expect(page.get_by_text(words.RULE_SET_WHY[RuleSet.IHI])).to_be_visible()
        expect(page.get_by_text(anhoej_why)).to_have_count(0)
        expect(page.get_by_text(f"Weeks shown: {week} of {total}.")).to_be_visible()
        expect(page.get_by_text("a trend (points going up or down").first).to_be_visible()

        # -- presenter mode: big type, said in words on the switch ------------------------------
        page.get_by_role("button", name=words.PRESENTER_OFF).click()
        expect(page.get_by_role("button", name=words.PRESENTER_ON)).to_be_visible()
        presenter = page.locator(".qikit-presenter")
        expect(presenter).to_have_count(1)
        for name, (width, height) in SCREENS.items():
            page.set_viewport_size({"width": width, "height": height})
            # The widgets lay themselves out again after a resize: wait until the page fits.
            page.wait_for_function(
                """() => { const root = document.querySelector('.qikit-presenter');
                  return root.scrollWidth <= document.documentElement.clientWidth + 1; }"""
            )
            sizes = page.evaluate(
                """() => {
                  const size = (el) => parseFloat(getComputedStyle(el).fontSize);
                  const root = document.querySelector('.qikit-presenter');
                  return {h1: size(root.querySelector('h1')),
                          text: size(root.querySelector('.qikit-reading p')),
                          button: size(root.querySelector('button'))};
                }"""
            )
            assert sizes["h1"] >= 44 and sizes["text"] >= 26 and sizes["button"] >= 24, sizes
            page.get_by_role("button", name=words.PRESENTER_ON).scroll_into_view_if_needed()
            page.screenshot(path=f"/tmp/presenter-{name}.png")
            page.get_by_text(words.RULES_NOW_HEADING).scroll_into_view_if_needed()
            page.screenshot(path=f"/tmp/presenter-{name}-reading.png")
        page.get_by_role("button", name=words.PRESENTER_ON).click()
        expect(presenter).to_have_count(0)
    finally:
        context.close()


def _page_notebook(folder: Path, name: str) -> Path:
    path = folder / f"{name}.ipynb"
    code = f'from qikit.pages.teaching import show_teaching\n\nshow_teaching("{name}", mode="app")'
    cells = [nbformat.v4.new_code_cell(code)]
    nbformat.write(nbformat.v4.new_notebook(cells=cells), path)
    return path


#: Each other page: its heading, the button pressed, and what appears after it (hidden before).
OTHER_PAGES: dict[str, tuple[str, str, Callable[[Page], Locator]]] = {
    "model-for-improvement": (
        words.MFI_TITLE,
        words.MFI_NEXT,
        lambda page: page.get_by_role("heading", name=words.MFI_QUESTIONS[1][0]),
    ),
    "variation": (
        words.VAR_TITLE,
        words.VAR_CHANCE,
        lambda page: page.get_by_text("Chance only, so far: 1 charts drawn"),
    ),
    "choosing-the-right-chart": (
        words.CHOICE_TITLE,
        words.CHOICE_SHOW,
        lambda page: page.get_by_role("img", name=re.compile(r"^Run chart")),
    ),
}


@pytest.mark.parametrize("name", sorted(OTHER_PAGES))
def test_each_other_page_answers_its_button_and_presents(
    name: str, browser: Any, voila_notebook: Any, tmp_path: Path
) -> None:
    """Does the page's main button work, and presenter mode fit both screens (screenshots)?"""
    title, button, appears = OTHER_PAGES[name]
    url = voila_notebook(_page_notebook(tmp_path, name))
    context = browser.new_context(viewport={"width": 1920, "height": 1080})
    context.set_default_timeout(60_000)
    page = context.new_page()
    try:
        page.goto(url)
        expect(page.get_by_role("heading", name=title)).to_be_visible(timeout=PAGE_LOAD)
        expect(appears(page)).to_be_hidden()
        page.get_by_role("button", name=button, exact=True).click()
        expect(appears(page)).to_be_visible()
        page.get_by_role("button", name=words.PRESENTER_OFF).click()
        expect(page.get_by_role("button", name=words.PRESENTER_ON)).to_be_visible()
        for size, (width, height) in SCREENS.items():
            page.set_viewport_size({"width": width, "height": height})
            page.wait_for_function(
                """() => { const root = document.querySelector('.qikit-presenter');
                  return root.scrollWidth <= document.documentElement.clientWidth + 1; }"""
            )
            h1 = page.evaluate(
                "() => parseFloat(getComputedStyle("
                "document.querySelector('.qikit-presenter h1')).fontSize)"
            )
            assert h1 >= 44
            page.get_by_role("button", name=words.PRESENTER_ON).scroll_into_view_if_needed()
            page.screenshot(path=f"/tmp/presenter-{name}-{size}.png")
            # Voilà scrolls inside its own box, so a whole-page shot shows no more: scroll to
            # the page's main button (below its questions and controls) for a second one.
            page.get_by_role("button", name=button, exact=True).scroll_into_view_if_needed()
            page.screenshot(path=f"/tmp/presenter-{name}-{size}-controls.png")
    finally:
        context.close()
