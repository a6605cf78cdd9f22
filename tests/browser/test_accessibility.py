"""Accessibility and the whole screen, in a real Chromium against ``qikit serve``.

axe-core (see ``axe.py``) checks the code page, every team page that has real content and the
mentors' dashboard: no serious or critical problem may be left. The same pages are checked at a
phone's width (no sideways scrolling) and at two desktop widths (the page uses the width, and no
box or control runs past the box it sits in). One team of the example cohort is filled with the
sample project first, so every tool on every page has something in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from axe import serious_violations

from qikit.cohort.access import issue_codes
from qikit.demo.samples import build_sample_project
from qikit.layout import MENTOR_WORKBOOK, MENTORS_FOLDER, STAGE_WORKBOOKS, store_path
from qikit.store import open_store

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

Server = Any  # the ``server`` fixture of conftest.py: url, cohort, codes, page_url()

#: A team of the example template that no other browser test writes to; filled with the sample.
TEAM = "domestic-services"
TEAM_CODE_LABEL = "Type your team's code. You will find it on the card from your QI lead."
TEAM_OPEN = "Open my team's pages"
MENTOR_CODE_LABEL = "Type the mentors' code. You will find it on the card from your QI lead."
MENTOR_OPEN = "Open the mentors' pages"
PAGE_LOAD = 90_000  # ms: Voilà runs the notebook before the widgets show

PHONE = {"width": 390, "height": 844}
DESKTOPS = ({"width": 1280, "height": 800}, {"width": 1920, "height": 1080})

expect.set_options(timeout=60_000)


def team_pages(server: Server, slug: str) -> list[tuple[str, str]]:
    """Return the team's pages to check, as (name, address): every stage, each with content.

    The one place that knows how the team's pages are laid out (today one notebook per stage).
    """
    return [(stage, server.page_url(slug, notebook)) for stage, notebook in STAGE_WORKBOOKS.items()]


def mentor_page(server: Server) -> str:
    """Return the address of the mentors' dashboard."""
    return f"{server.url}/voila/render/{MENTORS_FOLDER}/{MENTOR_WORKBOOK}"


@dataclass
class Codes:
    team: str
    mentors: str


@pytest.fixture(scope="module")
def codes(server: Server) -> Iterator[Codes]:
    """Fill :data:`TEAM` with the sample project; return its code and a mentors' code."""
    with open_store(store_path(server.cohort)) as store:
        build_sample_project(store, TEAM)
    issued = issue_codes(server.cohort, [f"team:{TEAM}", "mentors"], reissue=True)
    yield Codes(issued[f"team:{TEAM}"], issued["mentors"])


def wait_until_ready(page: Page) -> None:
    """Wait until Voilà has run the page and its widgets are drawn."""
    expect(page.locator("#loading")).to_have_count(0, timeout=PAGE_LOAD)
    expect(page.locator(".qikit-page").first).to_be_visible(timeout=PAGE_LOAD)


def sign_in(page: Page, address: str, label: str, code: str, button: str) -> None:
    """Open ``address``, type the code on the code page, and wait for the page."""
    page.goto(address)
    page.get_by_label(label).fill(code)
    page.get_by_role("button", name=button).click()
    wait_until_ready(page)


def report(found: dict[str, list[str]]) -> str:
    """Return every problem found, page by page, for the assertion message."""
    return "\n".join(
        f"{where}: {len(lines)} problem(s)\n  " + "\n  ".join(lines)
        for where, lines in found.items()
        if lines
    )


def overflowing_boxes(page: Page) -> list[str]:
    """Return the boxes on the page whose content runs past their right edge (and the page's)."""
    return page.evaluate(
        """() => {
          const found = [];
          const root = document.documentElement;
          if (root.scrollWidth > root.clientWidth) {
            found.push(`the page: ${root.scrollWidth}px wide in ${root.clientWidth}px`);
          }
          // Every box qikit draws, and every control in it; the table's own scroll box may
          // scroll (that is what it is for), its parents may not.
          const boxes = document.querySelectorAll('.qikit-page, .qikit-tool, .qikit-tool *');
          for (const box of boxes) {
            const style = getComputedStyle(box);
            if (style.display === 'none' || style.visibility === 'hidden') continue;
            if (box.closest('.qikit-scroll')) continue;
            if (box.matches('svg, svg *, textarea, input, select')) continue;
            if (['auto', 'scroll'].includes(style.overflowX)) continue;
            const outer = box.parentElement && box.parentElement.getBoundingClientRect();
            const own = box.getBoundingClientRect();
            const name = box.tagName.toLowerCase() + (box.className && typeof box.className
              === 'string' ? '.' + box.className.trim().split(/\\s+/).join('.') : '');
            if (box.scrollWidth > box.clientWidth + 1 && style.overflowX === 'visible'
                && box.clientWidth > 0) {
              found.push(`${name}: content ${box.scrollWidth}px in ${box.clientWidth}px`);
            } else if (outer && own.right > outer.right + 1 && outer.width > 0
                       && !box.closest('.qikit-scroll')) {
              found.push(`${name}: right edge ${Math.round(own.right)}px past its box's `
                         + `${Math.round(outer.right)}px`);
            }
          }
          return [...new Set(found)].slice(0, 40);
        }"""
    )


# --- axe-core ----------------------------------------------------------------------------------


def test_code_page_has_no_serious_problems(new_context: Any, server: Server) -> None:
    """Does the code page (and the list of teams) pass axe with nothing serious or critical?"""
    page = new_context().new_page()
    found: dict[str, list[str]] = {}
    page.goto(server.url + "/")
    expect(page.get_by_role("heading", name="Teams", exact=True)).to_be_visible()
    found["the list of teams"] = serious_violations(page)
    page.goto(server.page_url(TEAM, STAGE_WORKBOOKS["home"]))
    expect(page.get_by_label(TEAM_CODE_LABEL)).to_be_visible()
    found["the code page"] = serious_violations(page)
    # With a message (a wrong code): the message must be as readable as the rest.
    page.get_by_label(TEAM_CODE_LABEL).fill("AAAA-BBBB-CCCC")
    page.get_by_role("button", name=TEAM_OPEN).click()
    expect(page.get_by_role("alert")).to_be_visible()
    found["the code page, wrong code"] = serious_violations(page)
    assert not any(found.values()), report(found)


def test_every_team_page_has_no_serious_problems(
    new_context: Any, server: Server, codes: Codes
) -> None:
    """Does each team page with real content pass axe with nothing serious or critical?"""
    page = new_context().new_page()
    pages = team_pages(server, TEAM)
    sign_in(page, pages[0][1], TEAM_CODE_LABEL, codes.team, TEAM_OPEN)
    found: dict[str, list[str]] = {}
    for name, address in pages:
        if page.url != address:
            page.goto(address)
            wait_until_ready(page)
        found[name] = serious_violations(page)
    assert len(found) == len(pages)
    assert not any(found.values()), report(found)


def test_mentor_dashboard_has_no_serious_problems(
    new_context: Any, server: Server, codes: Codes
) -> None:
    """Does the mentors' dashboard pass axe with nothing serious or critical?"""
    page = new_context().new_page()
    sign_in(page, mentor_page(server), MENTOR_CODE_LABEL, codes.mentors, MENTOR_OPEN)
    expect(page.get_by_text("Your teams at a glance", exact=True)).to_be_visible()
    assert not (found := serious_violations(page)), report({"the mentors' dashboard": found})


# --- the mentors' dashboard --------------------------------------------------------------------


def test_mentor_dashboard_filters_are_labelled_and_table_scrolls_in_its_box(
    new_context: Any, server: Server, codes: Codes
) -> None:
    """Are the filters labelled, the table inside its own scroll box, and no words glued?"""
    page = new_context(viewport=DESKTOPS[0]).new_page()
    sign_in(page, mentor_page(server), MENTOR_CODE_LABEL, codes.mentors, MENTOR_OPEN)
    for label in (
        "Only teams with no activity for 14 days",
        "Only teams with no mentor feedback for 14 days",
    ):
        box = page.get_by_role("checkbox", name=label, exact=True)
        expect(box).to_be_visible()
        expect(page.get_by_text(label, exact=True)).to_be_visible()
    table = page.get_by_role("region", name=re.compile("teams"))
    expect(table.get_by_role("table")).to_be_visible()
    expect(table).to_have_attribute("tabindex", "0")
    assert overflowing_boxes(page) == []
    cells = page.get_by_role("cell").all_inner_texts()
    glued = [cell for cell in cells if re.search(r"\d[a-z]", cell)]
    assert glued == [], glued


# --- the whole screen --------------------------------------------------------------------------


def test_pages_fit_a_phone_and_use_a_desktop(
    new_context: Any, server: Server, codes: Codes
) -> None:
    """On a phone nothing scrolls sideways; on desktops the page is wide and nothing overflows."""
    found: dict[str, list[str]] = {}
    widths: dict[str, int] = {}
    for screen in (PHONE, *DESKTOPS):
        page = new_context(viewport=screen).new_page()
        pages = team_pages(server, TEAM)
        sign_in(page, pages[0][1], TEAM_CODE_LABEL, codes.team, TEAM_OPEN)
        for name, address in pages:
            if page.url != address:
                page.goto(address)
                wait_until_ready(page)
            where = f"{name} at {screen['width']}px"
            found[where] = overflowing_boxes(page)
            widths[where] = page.evaluate(
                "() => document.querySelector('.qikit-page').getBoundingClientRect().width"
            )
            if screen is PHONE:
                small = page.evaluate(
                    """() => [...document.querySelectorAll(
                         '.qikit-tool button, .qikit-tool input, .qikit-tool select')]
                       .filter(e => e.offsetParent !== null && e.type !== 'checkbox'
                                    && e.getBoundingClientRect().height < 43.5)
                       .map(e => e.tagName + ' ' + (e.textContent || e.name || '').trim())"""
                )
                found[where] += [f"{control}: under 44px high" for control in small]
        page.context.close()
    assert not any(found.values()), report(found)
    narrow = {where: w for where, w in widths.items() if "1280px" in where and w < 1000}
    assert narrow == {}, f"desktop pages narrower than 1000px: {narrow}"
