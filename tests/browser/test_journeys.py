"""Participants' journeys in a real Chromium against ``qikit serve`` over the example cohort.

Each test is one person at one computer: a fresh browser context, the team's code typed on the
code page, then the pages used the way a participant uses them (labels, buttons, Tab to leave a
box). What is checked is what a person sees: visible text, the boxes' values, the chart.
Everything written is checked again after a reload, i.e. read back from the store by a new
kernel.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

Server = Any  # the ``server`` fixture of conftest.py: url, codes (slug -> code), page_url()

#: The two teams whose codes conftest.py issues, and what the template says about them: the
#: name (which the code page may show) and the members (which only the team's code may show).
TEAM_A = "portering"
TEAM_B = "catering"
TEAMS: dict[str, dict[str, Any]] = {
    TEAM_A: {"name": "Portering", "members": ("Ana Silva", "Mark Hughes", "Jo Bennett")},
    TEAM_B: {"name": "Catering", "members": ("Dev Patel", "Sue Carter")},
}

CODE_LABEL = "Type your team's code. You will find it on the card from your QI lead."
OPEN_BUTTON = "Open my team's pages"
WRONG_CODE = "That code did not work. Check the card and try again."
SAVED = re.compile(r"^Saved \d\d:\d\d$")
PAGE_LOAD = 90_000  # ms: Voilà runs the notebook before the widgets show
#: Every stage of a team's project is on this one page; ``#stage`` says which is shown.
TEAM_PAGE = "01-team.ipynb"

expect.set_options(timeout=60_000)


def sign_in(page: Page, server: Server, slug: str, code: str | None = None) -> None:
    """Open the team's home page, type the code on the code page, and wait for the team page."""
    page.goto(server.page_url(slug, TEAM_PAGE))
    expect(page.get_by_text(f"Team: {TEAMS[slug]['name']}")).to_be_visible()
    page.get_by_label(CODE_LABEL).fill(code or server.codes[slug])
    page.get_by_role("button", name=OPEN_BUTTON).click()
    expect(page.get_by_role("heading", name=TEAMS[slug]["name"], exact=True)).to_be_visible(
        timeout=PAGE_LOAD
    )


def go_to(page: Page, stage: str) -> None:
    """Follow the stage's link in the row of links at the top of the team page."""
    nav = page.get_by_role("navigation", name="Parts of your project")
    nav.get_by_role("link", name=stage, exact=True).click()


def write_aim(page: Page, parts: dict[str, str]) -> None:
    """Type each aim answer and leave the box with Tab, as a person does (that saves it)."""
    for label, value in parts.items():
        box = page.get_by_label(label, exact=True)
        box.fill(value)
        box.press("Tab")


def fits_the_screen(page: Page, width: int = 390) -> None:
    """No sideways scrolling: the page is no wider than the screen."""
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"{page.url} is {scroll_width}px wide on a {width}px screen"


def check_charter_journey(
    page: Page, server: Server, slug: str, parts: dict[str, str], phone: bool = False
) -> None:
    """Code → home → charter → write the aim → "Saved" → reload → the aim is still there."""
    sign_in(page, server, slug)
    if phone:
        fits_the_screen(page)
    page.get_by_role("link", name="Charter and aim").first.click()
    what = page.get_by_label("What will improve?", exact=True)
    expect(what).to_be_visible(timeout=PAGE_LOAD)
    expect(page).to_have_url(server.page_url(slug, f"{TEAM_PAGE}#charter"))

    first_label, first_value = next(iter(parts.items()))
    write_aim(page, {first_label: first_value})
    expect(page.get_by_text(SAVED)).to_be_visible()
    write_aim(page, dict(list(parts.items())[1:]))
    sentence = aim_sentence(parts)
    expect(page.get_by_text(sentence, exact=True)).to_be_visible()
    # The sentence is drawn from the stored record, so all four answers are saved by now.
    expect(page.get_by_text("✔ All four parts of your aim are there.")).to_be_visible()

    page.reload()
    what = page.get_by_label("What will improve?", exact=True)
    expect(what).to_be_visible(timeout=PAGE_LOAD)
    for label, value in parts.items():
        expect(page.get_by_label(label, exact=True)).to_have_value(value)
    expect(page.get_by_text(sentence, exact=True)).to_be_visible()
    if phone:
        fits_the_screen(page)


def aim_sentence(parts: dict[str, str]) -> str:
    """The aim sentence the charter shows for the answers below (see Charter.aim_sentence)."""
    what, how_much, for_whom, _by_when = parts.values()
    return f"We will {what} {how_much} for {for_whom} by 31 March 2027."


AIM_A = {
    "What will improve?": "cut the wait for a porter to take patients to X-ray",
    "By how much?": "from 40 to 25 minutes",
    "For whom?": "patients on wards 3 and 4",
    "By when? (a date, or words like “the end of March”)": "2027-03-31",
}
AIM_B = {
    "What will improve?": "protect mealtimes so fewer meals are missed",
    "By how much?": "from 12 to 4 missed meals a week",
    "For whom?": "patients on Ward 7",
    "By when? (a date, or words like “the end of March”)": "2027-03-31",
}


# --- 1. the charter --------------------------------------------------------------------------


def test_code_then_charter_aim_survives_a_reload(new_context: Any, server: Server) -> None:
    """Type the code, open the charter from the team page, write the aim, reload: still there."""
    page = new_context().new_page()
    check_charter_journey(page, server, TEAM_A, AIM_A)


# --- 2. the fishbone -------------------------------------------------------------------------

#: (kind of cause, cause), in the order the kinds are on the default fishbone, which is the order
#: of the rows under "Your causes".
CAUSES = (("Methods", "Jobs phoned to the wrong desk"), ("Equipment", "Radio handsets flat"))


def test_fishbone_causes_are_added_and_kept(new_context: Any, server: Server) -> None:
    """Add two causes under chosen kinds: each has its row and is on the diagram, after reload."""
    page = new_context().new_page()
    sign_in(page, server, TEAM_A)
    go_to(page, "Understanding the problem")
    add = page.get_by_role("button", name="Add this cause")
    expect(add).to_be_visible(timeout=PAGE_LOAD)

    for added, (category, cause) in enumerate(CAUSES, start=1):
        # The first "Kind of cause" and "Cause" are the "Add a cause" ones; rows come after.
        page.get_by_label("Kind of cause", exact=True).first.select_option(category)
        new_cause = page.get_by_role("textbox", name="Cause", exact=True).first
        new_cause.fill(cause)
        add.click()
        expect_causes_shown(page, CAUSES[:added])
        expect(new_cause).to_have_value("")  # the box is cleared for the next cause

    page.reload()  # the address says #understanding: the new page opens at that stage
    expect(page.get_by_role("button", name="Add this cause")).to_be_visible(timeout=PAGE_LOAD)
    expect_causes_shown(page, CAUSES)


def expect_causes_shown(page: Page, causes: tuple[tuple[str, str], ...]) -> None:
    """Each cause has its own row under its kind's heading, and its words are on the diagram."""
    rows = page.locator(".qikit-cause").get_by_role("textbox", name="Cause", exact=True)
    expect(rows).to_have_count(len(causes))
    diagram = page.locator("svg#qikit-fishbone-live")
    expect(diagram).to_be_visible()
    for index, (category, cause) in enumerate(causes):
        expect(rows.nth(index)).to_have_value(cause)
        expect(page.get_by_role("heading", name=category, exact=True)).to_be_visible()
        # The diagram may wrap a cause over several <text> lines (no space between them).
        expect(diagram).to_contain_text(re.compile(r"\s*".join(map(re.escape, cause.split()))))


# --- 3. measures and the run chart -------------------------------------------------------------

MEASURE = "Minutes waiting for a porter"
#: Twenty weekly numbers with a clear shift down after ten weeks.
WAITS = (41, 39, 42, 38, 40, 43, 37, 41, 39, 40, 28, 27, 29, 26, 28, 30, 27, 28, 29, 26)
FIRST_MONDAY = date(2027, 1, 4)


#: A paste as the browser delivers it from Excel: a ClipboardEvent carrying the cells as text.
PASTE = """([text]) => {
  const data = new DataTransfer();
  data.setData("text/plain", text);
  document.activeElement.dispatchEvent(new ClipboardEvent("paste",
    {clipboardData: data, bubbles: true, cancelable: true}));
}"""


def cell(page: Page, name: str) -> Any:
    """A cell of the measures table, by its accessible name ("Point 3, number")."""
    return page.get_by_role("textbox", name=name, exact=True)


def test_measure_with_pasted_weeks_shows_chart_and_signal(new_context: Any, server: Server) -> None:
    """Add a measure, paste 20 weeks from Excel into the table: the chart beside it, a signal in
    plain English; then read it with Making Data Count: the icons, kept after a reload."""
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, server, TEAM_A)
    go_to(page, "Measures and run charts")
    name = page.get_by_label("Name of a new measure", exact=True)
    expect(name).to_be_visible(timeout=PAGE_LOAD)
    name.fill(MEASURE)
    page.get_by_role("button", name="Add a measure", exact=True).click()
    expect(page.get_by_label("Measure name", exact=True)).to_have_value(MEASURE)
    page.get_by_role("radio", name="Lower is better", exact=True).check()
    expect(page.get_by_text(SAVED)).to_be_visible()

    lines = [
        f"{FIRST_MONDAY + timedelta(weeks=week):%d/%m/%Y}\t{value}"
        for week, value in enumerate(WAITS)
    ]
    cell(page, "New point, date").focus()
    page.evaluate(PASTE, ["\n".join(lines)])
    expect(cell(page, f"Point {len(WAITS)}, number")).to_have_value(str(WAITS[-1]))
    expect(page.get_by_text(f"Added {len(WAITS)} points and changed 0 points")).to_be_visible()

    # The team's chart (the help's worked example has one too, of another measure).
    chart = page.get_by_role("img", name=re.compile(re.escape(MEASURE)))
    expect(chart).to_be_visible()
    expect(chart).to_have_count(1)
    reading = page.locator(".qikit-reading:visible")  # not the hidden example
    expect(reading.get_by_role("heading", name="What the chart shows")).to_be_visible()
    # The shift in plain English (qikit.core.wording.explain: the long run and few crossings).
    expect(reading).to_contain_text(
        "Your last 10 points are all below the middle line. That is unlikely to be chance"
    )
    expect(reading).to_contain_text("Read with: Run chart rules (Anhøj).")
    # On a wide screen the chart sits beside the table, not under it.
    table = page.get_by_role("table", name=re.compile("^Your numbers"))
    table_box, chart_box = table.bounding_box(), chart.bounding_box()
    assert table_box is not None and chart_box is not None
    assert chart_box["x"] >= table_box["x"] + table_box["width"] - 1, (table_box, chart_box)

    rules = page.get_by_role("combobox", name="How to read your chart", exact=True)
    rules.select_option(label="NHS Making Data Count")
    expect(reading).to_contain_text("Read with: NHS Making Data Count.")
    expect(page.get_by_role("img", name="Getting better, lower", exact=True)).to_be_visible()
    expect(reading).to_contain_text("Better is: lower.")

    page.reload()  # the points and the choice were saved: a new kernel draws the same chart
    expect(page).to_have_url(re.compile(r"#measuring$"))
    expect(page.get_by_label("Measure name", exact=True)).to_have_value(MEASURE, timeout=PAGE_LOAD)
    expect(cell(page, f"Point {len(WAITS)}, number")).to_have_value(str(WAITS[-1]))
    expect(page.get_by_role("img", name=re.compile(re.escape(MEASURE)))).to_be_visible()
    expect(rules).to_have_value("NHS Making Data Count")  # ipywidgets: option values are labels
    expect(page.get_by_role("img", name="Getting better, lower", exact=True)).to_be_visible()


# --- 4. codes keep teams apart -----------------------------------------------------------------


def test_wrong_code_shows_nothing_of_the_team(new_context: Any, server: Server) -> None:
    """A wrong code gets a plain message and none of the team; A's code does not open B."""
    # What only team A's code may show (checked first, so that its absence below means something).
    own = new_context().new_page()
    sign_in(own, server, TEAM_A)
    for member in TEAMS[TEAM_A]["members"]:
        expect(own.get_by_text(member, exact=False)).to_be_visible()

    page = new_context().new_page()
    page.goto(server.page_url(TEAM_A, TEAM_PAGE))
    page.get_by_label(CODE_LABEL).fill("AAAA-BBBB-CCCC")
    page.get_by_role("button", name=OPEN_BUTTON).click()
    expect(page.get_by_text(WRONG_CODE)).to_be_visible()
    expect(page.get_by_label(CODE_LABEL)).to_be_visible()
    assert "/qikit/login" in page.url
    shown = page.content()
    for secret in (*TEAMS[TEAM_A]["members"], AIM_A["What will improve?"], "Your mentor"):
        assert secret not in shown, secret

    # With team A's code, team B's page asks for B's code and shows nothing of B.
    sign_in(page, server, TEAM_A)
    page.goto(server.page_url(TEAM_B, TEAM_PAGE))
    expect(page.get_by_text(f"Team: {TEAMS[TEAM_B]['name']}")).to_be_visible()
    expect(page.get_by_label(CODE_LABEL)).to_be_visible()
    assert "/qikit/login" in page.url
    shown = page.content()
    for secret in (*TEAMS[TEAM_B]["members"], AIM_B["What will improve?"], "Your mentor"):
        assert secret not in shown, secret
    page.goto(server.page_url(TEAM_B, f"{TEAM_PAGE}#charter"))
    expect(page.get_by_label(CODE_LABEL)).to_be_visible()
    assert "What will improve?" not in page.content()


# --- 5. on a phone -----------------------------------------------------------------------------


def test_charter_journey_on_a_phone(new_context: Any, server: Server) -> None:
    """The key journey at 390 × 844, with no sideways scrolling on the pages it uses."""
    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    check_charter_journey(page, server, TEAM_B, AIM_B, phone=True)


# --- 6. one page: the stage links, the back button, a bookmark ----------------------------------


def test_stage_links_follow_the_back_button_and_a_bookmark(
    new_context: Any, server: Server
) -> None:
    """Move between stages on the one page; Back returns; a bookmarked #stage opens there."""
    context = new_context()
    page = context.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    sign_in(page, server, TEAM_A)
    nav = page.get_by_role("navigation", name="Parts of your project")
    expect(nav.get_by_role("link", name="Your team page")).to_have_attribute("aria-current", "page")

    go_to(page, "Charter and aim")
    expect(page.get_by_label("What will improve?", exact=True)).to_be_visible(timeout=PAGE_LOAD)
    # The keyboard lands on the stage's heading, so the next Tab goes through its tools.
    expect(page.get_by_role("heading", name="Charter and aim", level=2, exact=True)).to_be_focused()
    expect(nav.get_by_role("link", name="Charter and aim")).to_have_attribute(
        "aria-current", "page"
    )
    expect(nav.get_by_role("link", name="Your team page")).not_to_have_attribute(
        "aria-current", "page"
    )
    go_to(page, "Testing changes")
    expect(page.get_by_role("heading", name="Testing changes", level=2, exact=True)).to_be_visible()
    expect(page.get_by_label("What will improve?", exact=True)).to_have_count(0)

    page.go_back()
    expect(page).to_have_url(server.page_url(TEAM_A, f"{TEAM_PAGE}#charter"))
    expect(page.get_by_label("What will improve?", exact=True)).to_be_visible()
    page.go_back()
    expect(page.get_by_role("heading", name="Your team page", level=2, exact=True)).to_be_visible()
    for member in TEAMS[TEAM_A]["members"]:
        expect(page.get_by_text(member, exact=False)).to_be_visible()
    # Nothing was asked of the internet (a trust network may block it, slowly): only the server.
    outside = [url for url in asked if not url.startswith((server.url, "data:", "blob:"))]
    assert outside == []

    # A bookmark of the storyboard, opened in a new tab of the same browser (already signed in).
    bookmark = context.new_page()
    bookmark.goto(server.page_url(TEAM_A, f"{TEAM_PAGE}#storyboard"))
    expect(bookmark.get_by_role("heading", name="Storyboard", level=2, exact=True)).to_be_visible(
        timeout=PAGE_LOAD
    )
    expect(
        bookmark.get_by_role("navigation", name="Parts of your project").get_by_role(
            "link", name="Storyboard"
        )
    ).to_have_attribute("aria-current", "page")


# --- 7. keyboard only: charter → measures table → PDSA -------------------------------------------

#: Where the keyboard focus is: the accessible name of the focused control (or its text).
FOCUSED = """() => {
  const el = document.activeElement;
  if (!el) return "";
  const labelled = el.labels && el.labels[0] ? el.labels[0].innerText : "";
  const label = el.getAttribute("aria-label") || labelled;
  return (label || el.innerText || el.value || "").trim();
}"""


def tab_to(page: Page, name: str, limit: int = 60) -> None:
    """Press Tab until the control called ``name`` has the focus (fail after ``limit`` presses)."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        now = page.evaluate(FOCUSED)
        if now == name:
            return
        seen.append(now)
    pytest.fail(f"Tab never reached {name!r}; it went through: {seen}")


def follow_link_by_keyboard(page: Page, stage: str) -> None:
    """Tab from the top of the page to the stage's link and press Enter."""
    page.locator("body").focus()
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    tab_to(page, stage)
    page.keyboard.press("Enter")
    # The stage's own heading (a tool on it may have a heading of the same words).
    heading = page.locator("h2[id^='qikit-stage-']", has_text=stage)
    expect(heading).to_be_focused(timeout=PAGE_LOAD)


def test_keyboard_only_charter_measures_table_and_pdsa(new_context: Any, server: Server) -> None:
    """With Tab, Enter and typing only: write the aim, enter two weeks, start a PDSA cycle."""
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    sign_in(page, server, TEAM_B)

    follow_link_by_keyboard(page, "Charter and aim")
    tab_to(page, "What will improve?")
    page.keyboard.type("fewer cold meals on Ward 7")
    page.keyboard.press("Tab")
    expect(page.get_by_text(SAVED)).to_be_visible()
    # "Saved" is in a live region: a screen reader says it without moving the focus.
    expect(page.get_by_role("status").filter(has_text=SAVED).first).to_be_attached()

    follow_link_by_keyboard(page, "Measures and run charts")
    tab_to(page, "Name of a new measure")
    page.keyboard.type("Cold meals a week")
    tab_to(page, "Add a measure")
    page.keyboard.press("Enter")
    expect(page.get_by_label("Measure name", exact=True)).to_have_value("Cold meals a week")
    tab_to(page, "New point, date", limit=120)
    page.keyboard.type("04/01/2027")
    page.keyboard.press("Tab")
    for week, value in enumerate((14, 12), start=1):
        page.keyboard.type(str(value))
        page.keyboard.press("Enter")
        expect(cell(page, f"Point {week}, number")).to_have_value(str(value))
    expect(cell(page, "Point 2, date")).to_have_value("11 Jan 2027")

    follow_link_by_keyboard(page, "Testing changes")
    tab_to(page, "Name this test", limit=120)
    page.keyboard.type("Hot trolley on Ward 7 at lunch")
    tab_to(page, "Start a new PDSA cycle")
    page.keyboard.press("Enter")
    expect(page.get_by_text("New cycle started: fill in the Plan below.")).to_be_visible()
    expect(page.get_by_label("Name of this test", exact=True)).to_have_value(
        "Hot trolley on Ward 7 at lunch"
    )


# --- 8. one kernel per open tab, stopped when the tab closes -------------------------------------


def kernel_processes(server: Server) -> set[Any]:
    """The kernels the server has started and that are still running (their processes)."""
    import psutil

    children = psutil.Process(server.process.pid).children(recursive=True)
    return {p for p in children if "ipykernel" in " ".join(p.cmdline())}


def test_one_kernel_for_the_whole_page_stopped_when_it_closes(
    new_context: Any, server: Server
) -> None:
    """Moving through every stage uses the page's one kernel; closing the page stops it."""
    import psutil

    before = kernel_processes(server)
    page = new_context().new_page()
    sign_in(page, server, TEAM_B)
    for stage in ("Charter and aim", "Measures and run charts", "Testing changes", "Storyboard"):
        go_to(page, stage)
        expect(page.locator("h2[id^='qikit-stage-']", has_text=stage)).to_be_visible(
            timeout=PAGE_LOAD
        )
    mine = kernel_processes(server) - before
    assert len(mine) == 1, mine
    page.close(run_before_unload=True)
    # The page asks the server to stop its kernel as it closes: no waiting for the cull.
    _gone, alive = psutil.wait_procs(list(mine), timeout=30)
    assert alive == []
