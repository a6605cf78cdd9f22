"""The room joins the real teaching pages: phones send a time and a cause, and the trainer's
chart and fishbone show them — the pages a cohort build puts in ``trainers/``, served by
``qikit serve`` and opened with the trainers' code, in Chromium."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import Browser, Page, expect

from qikit.cohort.access import TRAINERS, issue_codes

pytestmark = pytest.mark.browser

PAGE_LOAD = 90_000  # ms: Voilà runs the notebook before the widgets show
PHONE = {"width": 390, "height": 844}
expect.set_options(timeout=60_000)


def open_teaching_page(new_context: Any, server: Any, notebook: str) -> tuple[Page, str]:
    """Open a teaching page with the trainers' code, let the room join; return it and the code."""
    code = issue_codes(server.cohort, [TRAINERS], reissue=True)[TRAINERS]
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{server.url}/voila/render/trainers/{notebook}")
    page.get_by_label("Type the trainers' code.").fill(code)
    page.get_by_role("button", name="Open the trainers' pages").click()
    join = page.get_by_role("button", name="Let the room join")
    expect(join).to_be_visible(timeout=PAGE_LOAD)
    join.click()
    shown = page.locator(".qikit-room-code")
    expect(shown).to_have_text(re.compile(r"^[A-Z0-9]{5}$"))
    return page, shown.inner_text().strip()


def send(browser: Browser, server: Any, code: str, label: str, answer: str) -> Page:
    """On a 390 px phone: open /room, type the code, send ``answer`` in the box ``label``."""
    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True).new_page()
    phone.goto(f"{server.url}/room")
    phone.get_by_label("Type the room code from the screen").fill(code)
    phone.get_by_role("button", name="Join the room").click()
    phone.get_by_label(label).fill(answer)
    phone.get_by_role("button", name="Send").click()
    expect(phone.get_by_role("status")).to_contain_text("Thank you")
    return phone


def test_a_time_sent_from_a_phone_goes_on_the_experiments_run_chart(
    browser: Browser, new_context: Any, server: Any
) -> None:
    trainer, code = open_teaching_page(new_context, server, "05-test-a-change.ipynb")
    expect(trainer.get_by_text("No times yet.", exact=False)).to_be_visible()
    phone = send(browser, server, code, "Your number (seconds)", "45")
    expect(
        trainer.get_by_text("Round 1: before the change: 1 time, median 45 seconds")
    ).to_be_visible()
    chart = trainer.locator(".qikit-room-figure svg")
    expect(chart).to_have_count(1)  # the run chart is drawn from the phone's time
    expect(trainer.get_by_text("No times yet.", exact=False)).to_have_count(0)
    phone.context.close()


def test_a_cause_sent_from_a_phone_grows_the_fishbone(
    browser: Browser, new_context: Any, server: Any
) -> None:
    trainer, code = open_teaching_page(new_context, server, "04-fishbone-in-the-room.ipynb")
    cause = "Equipment: the <b>bleep</b> does not work in the basement"
    phone = send(browser, server, code, "Your idea", cause)
    # On the Equipment bone, shown as the words typed (never as markup), and in the numbered list.
    expect(
        trainer.get_by_text(
            re.compile(r"the <b>bleep</b> does not work in the basement \(Equipment\)")
        )
    ).to_be_visible()
    board = trainer.locator(".qikit-room-figure svg").first
    expect(board).to_contain_text("<b>bleep</b>")
    assert trainer.locator(".qikit-room-figure b").count() == 0
    phone.context.close()
