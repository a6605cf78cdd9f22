"""A cause typed but not added survives a reload; a removed cause comes back from "Earlier
versions" — in a real Chromium against ``qikit serve`` (the fishbone of Catering, which the other
journeys leave alone)."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect
from test_journeys import PAGE_LOAD, TEAM_B, sign_in

pytestmark = pytest.mark.browser

CAUSE = "Trolleys left in the lift <b>lobby</b>"


def test_a_typed_cause_survives_a_reload_and_a_removed_one_can_be_put_back(
    new_context: Any, server: Any
) -> None:
    page = new_context().new_page()
    sign_in(page, server, TEAM_B)
    page.goto(server.page_url(TEAM_B, "03-understanding.ipynb"))
    add = page.get_by_role("button", name="Add this cause")
    expect(add).to_be_visible(timeout=PAGE_LOAD)
    fishbone = page.locator(".qikit-tool", has=add).last  # the innermost
    new_cause = fishbone.get_by_role("textbox", name="Cause", exact=True).first
    new_cause.press_sequentially(CAUSE)  # typed, never left: the box is not "changed" yet
    # The kernel handles messages in order: once it has answered this press, it has the typing.
    fishbone.get_by_role("button", name="Show earlier versions").click()
    expect(fishbone.get_by_role("button", name="Hide earlier versions")).to_be_visible()

    page.reload()  # leaving the page before pressing "Add this cause"
    add = page.get_by_role("button", name="Add this cause")
    expect(add).to_be_visible(timeout=PAGE_LOAD)
    fishbone = page.locator(".qikit-tool", has=add).last  # the innermost
    new_cause = fishbone.get_by_role("textbox", name="Cause", exact=True).first
    expect(new_cause).to_have_value(CAUSE)
    fishbone.get_by_label("Kind of cause", exact=True).first.select_option("Equipment")
    add.click()
    rows = fishbone.locator(".qikit-cause").get_by_role("textbox", name="Cause", exact=True)
    expect(rows).to_have_count(1)
    expect(new_cause).to_have_value("")

    fishbone.get_by_role("button", name="Delete this cause").click()
    expect(rows).to_have_count(0)
    fishbone.get_by_role("button", name="Show earlier versions").click()
    history = fishbone.locator(".qikit-history")
    removed = history.get_by_text(re.compile(rf"removed the cause “{re.escape(CAUSE)}”"))
    expect(removed).to_have_count(2)  # under "Removed — you can put these back", and in the list
    history.get_by_role("button", name=f"Put it back: the cause “{CAUSE}”").click()
    expect(rows).to_have_count(1)
    expect(rows.first).to_have_value(CAUSE)
    expect(
        history.get_by_text(re.compile(r"put back the cause .*which had been removed"))
    ).to_be_visible()
    expect(history.get_by_role("status")).to_have_text(f"Put back: the cause “{CAUSE}”.")
