"""A dead server must not look alive: a page whose ``qikit serve`` dies, and comes back.

One person at one computer writes the aim on the charter and sees "Saved". Then the server dies
at once (SIGKILL to it, Voilà and the kernels). The page must say within a few seconds that it
is not connected and that new words are not saved, stop showing "Saved …", and keep what is
typed now in the browser. When the server is started again (same port, same cohort) the page's
kernel is gone: the page asks for a reload, and after it offers the kept words back, box by box.
What showed "Saved" before the server died is still in the store.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from qikit.core.wording.pages import CONNECTION_WORDS

pytest.importorskip("playwright.sync_api")
from axe import serious_violations
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

Server = Any  # the ``restartable_server`` fixture of conftest.py

TEMPLATE_FILE = Path(__file__).resolve().parents[2] / "qikit/server/assets/voila/index.html.j2"
CODE_LABEL = "Type your team's code. You will find it on the card from your QI lead."
OPEN_BUTTON = "Open my team's pages"
SAVED = re.compile(r"^Saved \d\d:\d\d$")
PAGE_LOAD = 90_000  # ms: Voilà runs the notebook before the widgets show
#: "Within a few seconds": the banner must be up this soon after the server dies.
NOTICE = 10_000  # ms
TEAM = "portering"
TEAM_PAGE = "01-team.ipynb"
WHAT = "What will improve?"
HOW_MUCH = "By how much?"
FOR_WHOM = "For whom?"
SAVED_AIM = "cut the wait for a porter to take patients to X-ray"
TYPED_OFFLINE = "from 40 to 25 minutes"
#: Typed while offline too: it must come back as these very characters, and never run.
PAYLOAD = "<script>window.qikitPwned = 1</script> & <b>ward 3</b>"

expect.set_options(timeout=60_000)


def open_charter(page: Page, server: Server) -> None:
    """Type the team's code, then open the charter from the team page."""
    page.goto(server.page_url(TEAM, TEAM_PAGE))
    page.get_by_label(CODE_LABEL).fill(server.codes[TEAM])
    page.get_by_role("button", name=OPEN_BUTTON).click()
    expect(page.get_by_role("heading", name="Portering", exact=True)).to_be_visible(
        timeout=PAGE_LOAD
    )
    page.get_by_role("link", name="Charter and aim").first.click()
    expect(page.get_by_label(WHAT, exact=True)).to_be_visible(timeout=PAGE_LOAD)


def kept_words(page: Page) -> dict[str, Any]:
    """Return what the page keeps in this browser's localStorage for its own address."""
    kept = page.evaluate("localStorage.getItem('qikit-kept:' + location.pathname)")
    return json.loads(kept) if kept else {}


def test_the_page_carries_the_wording_modules_words() -> None:
    """Are the banner's words in the template the ones in qikit.core.wording.pages?"""
    text = TEMPLATE_FILE.read_text(encoding="utf-8")
    block = re.search(
        r'<script type="application/json" id="qikit-connection-words">(.*?)</script>', text, re.S
    )
    assert block is not None
    assert json.loads(block.group(1)) == CONNECTION_WORDS


def test_a_dead_server_is_said_and_kept_words_come_back_after_a_restart(
    new_restartable_context: Any, restartable_server: Server
) -> None:
    """Saved → server killed → banner, words kept → server back → reload → words offered back."""
    server = restartable_server
    page = new_restartable_context().new_page()
    open_charter(page, server)
    what = page.get_by_label(WHAT, exact=True)
    what.fill(SAVED_AIM)
    what.press("Tab")
    expect(page.get_by_text(SAVED)).to_be_visible()
    banner = page.locator("#qikit-connection")
    expect(banner).to_be_hidden()

    # Far down the page, where the person is when the server dies: the banner is still seen.
    page.get_by_label(FOR_WHOM, exact=True).scroll_into_view_if_needed()
    page.evaluate("document.scrollingElement.scrollTo(0, document.scrollingElement.scrollHeight)")
    server.kill()
    expect(page.get_by_role("alert").filter(has_text=CONNECTION_WORDS["offline"])).to_be_visible(
        timeout=NOTICE
    )
    expect(banner).to_be_in_viewport()
    expect(page.get_by_text(SAVED)).to_be_hidden()  # "Saved 20:12" is no longer true
    assert serious_violations(page) == []

    how_much = page.get_by_label(HOW_MUCH, exact=True)
    how_much.fill(TYPED_OFFLINE)
    how_much.press("Tab")
    page.get_by_label(FOR_WHOM, exact=True).fill(PAYLOAD)  # still in the box, not left
    kept = {entry["label"]: entry["text"] for entry in kept_words(page).values()}
    assert kept[HOW_MUCH] == TYPED_OFFLINE
    assert kept[FOR_WHOM] == PAYLOAD

    server.start()
    expect(banner).to_contain_text(CONNECTION_WORDS["reload"], timeout=NOTICE)
    assert serious_violations(page) == []
    banner.get_by_role("button", name=CONNECTION_WORDS["reload_button"]).click()

    expect(page.get_by_label(WHAT, exact=True)).to_have_value(SAVED_AIM, timeout=PAGE_LOAD)
    offered = page.get_by_role("region", name=CONNECTION_WORDS["kept_heading"])
    expect(offered).to_be_visible()
    offered_box = offered.get_by_label(
        CONNECTION_WORDS["kept_box"].format(label=FOR_WHOM), exact=True
    )
    expect(offered_box).to_have_value(PAYLOAD)
    # What was saved is not offered again: the box shows the same words.
    expect(offered.get_by_text(WHAT)).to_have_count(0)
    assert page.evaluate("window.qikitPwned") is None
    assert serious_violations(page) == []

    offered.get_by_role(
        "button", name=CONNECTION_WORDS["put_back"].format(label=HOW_MUCH), exact=True
    ).click()
    expect(page.get_by_label(HOW_MUCH, exact=True)).to_have_value(TYPED_OFFLINE)
    expect(page.get_by_text(SAVED)).to_be_visible()
    expect(offered.get_by_text(CONNECTION_WORDS["put_back_done"])).to_be_visible()

    page.reload()
    expect(page.get_by_label(WHAT, exact=True)).to_have_value(SAVED_AIM, timeout=PAGE_LOAD)
    expect(page.get_by_label(HOW_MUCH, exact=True)).to_have_value(TYPED_OFFLINE)
    # Put back and saved, so no longer kept; the payload still is, until put back or cleared.
    kept = {entry["label"]: entry["text"] for entry in kept_words(page).values()}
    assert HOW_MUCH not in kept
    assert kept[FOR_WHOM] == PAYLOAD
