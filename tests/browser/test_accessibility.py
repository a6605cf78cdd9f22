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
from qikit.core.wording.dashboard import (
    FILTER_NO_FEEDBACK,
    FILTER_QUIET,
    NEVER,
    NO_ROWS,
    NOT_CONFIRMED,
    NOTHING_YET,
    TABLE_LABEL,
)
from qikit.demo.samples import build_sample_project
from qikit.layout import MENTOR_WORKBOOK, MENTORS_FOLDER, TEAM_WORKBOOK, store_path
from qikit.pages.stages import STAGES, stage_heading_id
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

FILTER_QUIET = FILTER_QUIET.format(days=14)
FILTER_NO_FEEDBACK = FILTER_NO_FEEDBACK.format(days=14)
PHONE = {"width": 390, "height": 844}
DESKTOPS = ({"width": 1280, "height": 800}, {"width": 1920, "height": 1080})

expect.set_options(timeout=60_000)


def team_pages(server: Server, slug: str) -> list[tuple[str, str]]:
    """Return the team's pages to check, as (name, address): every stage, each with content.

    The one place that knows how the team's pages are laid out: every stage on the one team
    page, shown by the address after ``#``.
    """
    return [(stage, server.page_url(slug, f"{TEAM_WORKBOOK}#{stage}")) for stage in STAGES]


def show(page: Page, address: str) -> None:
    """Go to a stage of the team page (``…#stage``) and wait until that stage is drawn.

    Only the part after ``#`` changes, so the browser does not load the page again: the wait is
    for the stage's own heading, which the page draws when it has built the stage.
    """
    page.goto(address)
    wait_until_ready(page)
    stage = address.rsplit("#", 1)[1]
    expect(page.locator(f"#{stage_heading_id(stage)}")).to_be_visible(timeout=PAGE_LOAD)


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
    """Return what runs past its box on the page: the page itself, or any box or control in it.

    A box inside a box that scrolls sideways on its own (a wide table) may be wider than that
    box: that is what the scroll box is for. Nothing else may: lumino clips each widget at its
    edges, so a box wider than its box is cut off, not scrolled.
    """
    return page.evaluate(
        """() => {
          const found = [];
          const root = document.documentElement;
          if (root.scrollWidth > root.clientWidth + 1) {
            found.push(`the page: ${root.scrollWidth}px wide in ${root.clientWidth}px`);
          }
          const name = (el) => el.tagName.toLowerCase() + (typeof el.className === 'string'
            && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
          const inScrollBox = (el, page) => {
            for (let up = el.parentElement; up && up !== page; up = up.parentElement) {
              if (['auto', 'scroll'].includes(getComputedStyle(up).overflowX)) return true;
            }
            return false;
          };
          for (const page of document.querySelectorAll('.qikit-page')) {
            if (page.scrollWidth > page.clientWidth + 1) {
              found.push(`${name(page)}: ${page.scrollWidth}px in ${page.clientWidth}px`);
            }
            for (const box of page.querySelectorAll('*')) {
              if (box.closest('svg') || !box.getClientRects().length) continue;
              if (inScrollBox(box, page)) continue;
              const style = getComputedStyle(box);
              if (style.visibility === 'hidden' || style.position === 'absolute') continue;
              const own = box.getBoundingClientRect();
              const outer = box.parentElement.getBoundingClientRect();
              if (own.width === 0 || outer.width === 0) continue;
              const control = box.matches('input, textarea, select');
              if (!control && style.overflowX === 'visible'
                  && box.scrollWidth > box.clientWidth + 1 && box.clientWidth > 0) {
                found.push(`${name(box)}: ${box.scrollWidth}px of content in ${box.clientWidth}px`);
              } else if (own.right > outer.right + 1) {
                found.push(`${name(box)}: right edge at ${Math.round(own.right)}px, past its `
                           + `box's ${Math.round(outer.right)}px`);
              }
            }
          }
          return [...new Set(found)].slice(0, 40);
        }"""
    )


def laid_out(page: Page) -> None:
    """Wait until the browser has laid the page out again (after a change of window size)."""
    page.evaluate(
        "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
    )


def open_every_help_panel(page: Page, panel: int) -> bool:
    """Open the ``panel``-th part (from 1) of every help accordion, and every ``<details>``.

    An accordion shows one part at a time, so each part is checked in its own round. Return
    False when no accordion on the page has that many parts.
    """
    headers = page.locator(
        f".jupyter-widget-Accordion > .jupyter-widget-Collapse:nth-child({panel})"
        " > .jupyter-widget-Collapse-header"
    )
    shown = [headers.nth(i) for i in range(headers.count()) if headers.nth(i).is_visible()]
    for header in shown:
        header.click()
    page.locator("details").evaluate_all("all => all.forEach(d => { d.open = true; })")
    laid_out(page)
    return bool(shown)


# --- axe-core ----------------------------------------------------------------------------------


def test_code_page_has_no_serious_problems(new_context: Any, server: Server) -> None:
    """Does the code page (and the list of teams) pass axe with nothing serious or critical?"""
    page = new_context().new_page()
    found: dict[str, list[str]] = {}
    page.goto(server.url + "/")
    expect(page.get_by_role("heading", name="Teams", exact=True)).to_be_visible()
    found["the list of teams"] = serious_violations(page)
    page.goto(server.page_url(TEAM, TEAM_WORKBOOK))
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
        show(page, address)
        # One <main> landmark holding the page (qikit's Voilà template), so a screen reader can
        # jump to it: axe only calls content outside landmarks "moderate".
        expect(page.get_by_role("main")).to_have_count(1)
        expect(page.get_by_role("main").locator(".qikit-page").first).to_be_visible()
        found[name] = serious_violations(page)
        # What the help panels hold (the worked examples) is on the page too.
        panel = 1
        while open_every_help_panel(page, panel):
            found[f"{name}, help part {panel} open"] = serious_violations(page)
            panel += 1
    assert [name for name, _ in pages] == [where for where in found if "help" not in where]
    assert not any(found.values()), report(found)


def test_mentor_dashboard_has_no_serious_problems(
    new_context: Any, server: Server, codes: Codes
) -> None:
    """Does the mentors' dashboard pass axe with nothing serious or critical?"""
    page = new_context().new_page()
    sign_in(page, mentor_page(server), MENTOR_CODE_LABEL, codes.mentors, MENTOR_OPEN)
    expect(page.get_by_text("Your teams at a glance", exact=True)).to_be_visible()
    expect(page.get_by_role("main").get_by_role("table")).to_be_visible()
    assert not (found := serious_violations(page)), report({"the mentors' dashboard": found})


# --- the mentors' dashboard --------------------------------------------------------------------


def test_mentor_dashboard_filters_are_labelled_and_table_scrolls_in_its_box(
    new_context: Any, server: Server, codes: Codes
) -> None:
    """Are the filters labelled, the table inside its own scroll box, and no words glued?"""
    page = new_context(viewport=DESKTOPS[0]).new_page()
    sign_in(page, mentor_page(server), MENTOR_CODE_LABEL, codes.mentors, MENTOR_OPEN)
    for label in (FILTER_QUIET, FILTER_NO_FEEDBACK):
        expect(page.get_by_role("checkbox", name=label, exact=True)).to_be_visible()
        words = page.get_by_text(label, exact=True)
        words.scroll_into_view_if_needed()
        # Seen, not only present: the words are what is drawn at their own place (ipywidgets
        # used to clip them out of sight).
        assert words.evaluate(
            """el => { const r = el.getBoundingClientRect();
                       const hit = document.elementFromPoint(r.left + 8, r.top + r.height / 2);
                       return hit !== null && el.contains(hit); }"""
        ), f"the words {label!r} are hidden"
    table = page.get_by_role("region", name=TABLE_LABEL, exact=True)
    expect(table.get_by_role("table")).to_be_visible()
    expect(table).to_have_attribute("tabindex", "0")
    assert table.evaluate("box => box.scrollWidth > box.clientWidth"), "the table fits: no scroll"
    assert overflowing_boxes(page) == []
    cells = table.get_by_role("cell").all_inner_texts()
    glued = re.compile(r"\d(" + "|".join(map(re.escape, (NOTHING_YET, NEVER, NOT_CONFIRMED))) + ")")
    assert [cell for cell in cells if glued.search(cell)] == []
    assert NOTHING_YET in cells  # a team with no causes says so, once

    # The words of a tick box tick it; the new count is said out loud.
    page.get_by_text(FILTER_QUIET, exact=True).click()
    expect(page.get_by_role("checkbox", name=FILTER_QUIET, exact=True)).to_be_checked()
    expect(page.get_by_text(NO_ROWS, exact=True)).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Showing 0 of 6 teams.")).to_have_count(1)


# --- the whole screen --------------------------------------------------------------------------


def test_pages_fit_a_phone_and_use_a_desktop(
    new_context: Any, server: Server, codes: Codes
) -> None:
    """Phone: no sideways scroll, 44px controls. Desktop: wide but readable, nothing cut off."""
    page = new_context(viewport=PHONE).new_page()
    pages = team_pages(server, TEAM)
    sign_in(page, pages[0][1], TEAM_CODE_LABEL, codes.team, TEAM_OPEN)
    found: dict[str, list[str]] = {}
    widths: dict[str, float] = {}
    for name, address in pages:
        page.set_viewport_size(PHONE)
        show(page, address)
        for screen in (PHONE, *DESKTOPS):
            page.set_viewport_size(screen)
            laid_out(page)
            where = f"{name} at {screen['width']}px"
            found[where] = overflowing_boxes(page)
            widths[where] = page.evaluate(
                "() => document.querySelector('.qikit-page').getBoundingClientRect().width"
            )
            if screen is PHONE:
                found[where] += [f"{control}: under 44px high" for control in small_controls(page)]
    assert not any(found.values()), report(found)
    # Desktop: the page uses the width of a laptop, and stops at a readable width on a wide one.
    narrow = {where: w for where, w in widths.items() if "1280px" in where and w < 1000}
    assert narrow == {}, f"desktop pages narrower than 1000px: {narrow}"
    wide = {where: w for where, w in widths.items() if "1920px" in where and w > 1300}
    assert wide == {}, f"pages wider than a readable 80rem on a wide screen: {wide}"


def small_controls(page: Page) -> list[str]:
    """Return the visible buttons, boxes and lists under 44px high (tick boxes: their label)."""
    return page.evaluate(
        """() => [...document.querySelectorAll(
               '.qikit-page button, .qikit-page input, .qikit-page select, .qikit-page textarea')]
             .filter(e => e.getClientRects().length && !['checkbox', 'radio', 'hidden']
                          .includes(e.type) && e.getBoundingClientRect().height < 43.5)
             .map(e => `${e.tagName.toLowerCase()} "${(e.textContent || e.getAttribute('aria-label')
                        || e.placeholder || '').trim().slice(0, 40)}"`)"""
    )


def test_charter_fields_sit_side_by_side_on_a_desktop(
    new_context: Any, server: Server, codes: Codes
) -> None:
    """Two columns where they help: the charter's boxes pair up at 1280px, stack on a phone."""
    page = new_context(viewport=DESKTOPS[0]).new_page()
    address = dict(team_pages(server, TEAM))["charter"]
    sign_in(page, address, TEAM_CODE_LABEL, codes.team, TEAM_OPEN)
    show(page, address)  # signing in lands on the team page's first stage
    first = page.get_by_label("What is the problem?", exact=True)
    second = page.get_by_label("Why does it matter? (to patients, to staff, to the hospital)")
    expect(first).to_be_visible()

    def places() -> tuple[dict[str, float], dict[str, float]]:
        laid_out(page)
        return first.bounding_box() or {}, second.bounding_box() or {}

    left, right = places()
    assert abs(left["y"] - right["y"]) < 2 and right["x"] >= left["x"] + left["width"]
    page.set_viewport_size(PHONE)
    top, below = places()
    assert below["y"] >= top["y"] + top["height"] and abs(top["x"] - below["x"]) < 2


# --- announcements -----------------------------------------------------------------------------


def test_saved_is_announced_politely_and_a_failure_at_once(
    new_context: Any, server: Server, codes: Codes
) -> None:
    """Is "Saved 10:32" in a polite live region that stays put, and "Not saved" in an alert?"""
    page = new_context().new_page()
    charter = dict(team_pages(server, TEAM))["charter"]
    sign_in(page, charter, TEAM_CODE_LABEL, codes.team, TEAM_OPEN)
    show(page, charter)
    box = page.get_by_label("For whom?", exact=True)
    box.fill("patients on wards 3 and 4, and their visitors")
    box.press("Tab")
    status = page.get_by_role("status").filter(has_text=re.compile(r"^Saved \d\d:\d\d$"))
    expect(status).to_be_visible()
    expect(status).to_have_attribute("aria-live", "polite")
    # The same element says the next save: a live region that stays in the page is announced
    # reliably, one that is swapped for a new element often is not.
    status.evaluate("region => { region.dataset.kept = 'yes'; }")
    box.fill("patients on wards 3 and 4")
    box.press("Tab")
    expect(page.locator("[data-kept='yes']")).to_have_text(re.compile(r"^Saved \d\d:\d\d$"))
    expect(page.locator("[data-kept='yes']")).to_have_attribute("role", "status")

    box.fill("x" * 250)  # longer than a short answer may be: refused
    box.press("Tab")
    alert = page.get_by_role("alert").filter(has_text="Not saved")
    expect(alert).to_be_visible()
    expect(alert).to_have_attribute("aria-live", "assertive")
    expect(page.locator("[data-kept='yes']")).to_have_text("")
