"""The skills survey on a phone, in a real Chromium against ``qikit serve`` over the example cohort.

One person signs in with their team's code, makes their survey code from the recipe, answers
and sends; reloads, makes the same code (typed differently) and finds their answers; changes
one and sends again. The store is read after each step: one sheet per code and point, the old
answers in history, a second person on a sheet of their own, and one person's before and after
sheets paired by their code.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from axe import serious_violations

from qikit.core.wording import survey as words
from qikit.layout import SURVEY_FOLDER, SURVEY_WORKBOOK, store_path
from qikit.store import open_store
from qikit.store.survey import load_survey_response, load_survey_responses, survey_history

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import Locator, Page, expect

pytestmark = pytest.mark.browser

Server = Any  # the ``server`` fixture of conftest.py

PAGE_LOAD = 90_000  # ms: Voilà runs the notebook before the widgets show
SAVED = re.compile(r"^Saved \d\d:\d\d$")
SURVEY_ASK = "Type your team's code (any code from your QI lead works for the survey)."
FISHBONE = "I could draw a fishbone diagram with my team."
EXPLAIN = "I could explain to a colleague what quality improvement is."
SCREENSHOT = "/tmp/survey-phone-390.png"

expect.set_options(timeout=60_000)


def open_survey(page: Page, server: Server, slug: str) -> None:
    """Open the survey's address, type the team's code on the code page, wait for the survey."""
    page.goto(f"{server.url}/voila/render/{SURVEY_FOLDER}/{SURVEY_WORKBOOK}")
    expect(page.get_by_role("heading", name="Skills survey")).to_be_visible()
    page.get_by_label(SURVEY_ASK).fill(server.codes[slug])
    page.get_by_role("button", name="Open the survey").click()
    expect(page.get_by_role("heading", name="Your QI skills survey")).to_be_visible(
        timeout=PAGE_LOAD
    )


def make_code(page: Page, month: str, day: str, street: str, code: str, stage: str) -> None:
    """Fill in the recipe (moving on from each box, as a person does), see the code, choose
    the point, start."""
    for label, value in (
        (words.CODE_MONTH_LABEL, month),
        (words.CODE_DAY_LABEL, day),
        (words.CODE_STREET_LABEL, street),
    ):
        box = page.get_by_label(label, exact=True)
        box.fill(value)
        box.press("Tab")
    expect(page.get_by_text(words.CODE_IS.format(code=code), exact=True)).to_be_visible()
    page.get_by_role("radio", name=words.STAGE_NAMES[stage], exact=True).check()
    page.get_by_role("button", name=words.CODE_BUTTON).click()


def question(page: Page, statement: str) -> Locator:
    """The five choices of one scale question."""
    return page.locator(".widget-radio", has_text=statement)


def answer(page: Page, statement: str, word: str) -> None:
    """Choose ``word`` for the question and wait until the page says it is saved."""
    question(page, statement).get_by_role("radio", name=word, exact=True).check()
    expect(page.get_by_text(SAVED)).to_be_visible()


def send(page: Page) -> None:
    page.get_by_role("button", name=words.SEND_BUTTON).click()
    expect(page.get_by_text(words.SENT)).to_be_visible()


def fits_the_screen(page: Page, width: int = 390) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= width, f"the survey is {scroll_width}px wide on a {width}px screen"


def test_survey_round_trip_on_a_phone(new_context: Any, server: Server) -> None:
    """Submit, reload, resubmit updates (history kept), a second person, pre and post paired."""
    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    open_survey(page, server, "portering")
    expect(page.get_by_text(words.CODE_WHY)).to_be_visible()
    fits_the_screen(page)
    assert not serious_violations(page)  # the code step
    make_code(page, "March", "14", "Eton Road", "MA14ET", "pre")
    expect(page.get_by_text(words.START_NEW.format(code="MA14ET"))).to_be_visible()
    answer(page, FISHBONE, "A little")
    send(page)
    with open_store(store_path(server.cohort), create=False) as store:
        assert load_survey_response(store, "MA14ET", "pre").answers == {"draw_fishbone": 2}
    assert not serious_violations(page)  # the questions
    fits_the_screen(page)
    page.get_by_role("heading", name="Your QI skills survey").scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOT)

    page.reload()  # a new kernel: everything shown next is read back from the store
    expect(page.get_by_role("heading", name="Your QI skills survey")).to_be_visible(
        timeout=PAGE_LOAD
    )
    make_code(page, " mar", "14th", "eton rd", "MA14ET", "pre")
    expect(page.get_by_text(words.WELCOME_BACK.format(code="MA14ET"))).to_be_visible()
    expect(question(page, FISHBONE).get_by_role("radio", name="A little")).to_be_checked()
    answer(page, FISHBONE, "Mostly")
    send(page)
    with open_store(store_path(server.cohort), create=False) as store:
        assert load_survey_response(store, "MA14ET", "pre").answers == {"draw_fishbone": 4}
        assert len(survey_history(store, "MA14ET", "pre")) == 2

    # Someone else on the same phone: a sheet of their own, nothing of the first shows.
    page.get_by_role("button", name=words.DIFFERENT_CODE).click()
    make_code(page, "July", "30", "Oak Lane", "JU30OA", "pre")
    expect(page.get_by_text(words.START_NEW.format(code="JU30OA"))).to_be_visible()
    expect(question(page, FISHBONE).get_by_role("radio", name="Mostly")).not_to_be_checked()
    answer(page, EXPLAIN, "Somewhat")

    # The first person again, at the end of the programme.
    page.get_by_role("button", name=words.DIFFERENT_CODE).click()
    make_code(page, "March", "14", "Eton Road", "MA14ET", "post")
    expect(page.get_by_text(words.START_NEW.format(code="MA14ET"))).to_be_visible()
    answer(page, FISHBONE, "Completely")
    send(page)
    with open_store(store_path(server.cohort), create=False) as store:
        responses = load_survey_responses(store)
        assert load_survey_response(store, "JU30OA", "pre").answers == {"explain_qi": 3}
    paired = [(r.stage.value, dict(r.answers)) for r in responses if r.participant_code == "MA14ET"]
    assert paired == [("pre", {"draw_fishbone": 4}), ("post", {"draw_fishbone": 5})]
    assert not serious_violations(page)
