"""A cause typed but not added survives a reload; a removed cause comes back from "Earlier
versions" — in a real Chromium against ``qikit serve`` (the fishbone of Catering, which the other
journeys leave alone)."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect
from test_journeys import PAGE_LOAD, SAVED, TEAM_B, go_to, sign_in

pytestmark = pytest.mark.browser

CAUSE = "Trolleys left in the lift <b>lobby</b>"


def test_a_typed_cause_survives_a_reload_and_a_removed_one_can_be_put_back(
    new_context: Any, server: Any
) -> None:
    page = new_context().new_page()
    sign_in(page, server, TEAM_B)
    go_to(page, "Understanding the problem")
    add = page.get_by_role("button", name="Add this cause")
    expect(add).to_be_visible(timeout=PAGE_LOAD)
    fishbone = page.locator(".qikit-tool", has=add).last  # the innermost
    new_cause = fishbone.get_by_role("textbox", name="Cause", exact=True).first
    new_cause.press_sequentially(CAUSE)  # typed, never left: the box is not "changed" yet
    page.reload()  # leaving the page before pressing "Add this cause", the focus still in the box
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


def test_an_earlier_aim_is_put_back_and_kept(new_context: Any, server: Any) -> None:
    """Write the aim, change it, put the first one back from "Earlier versions": kept on reload."""
    page = new_context().new_page()
    sign_in(page, server, TEAM_B)
    go_to(page, "Charter and aim")
    what = page.get_by_label("What will improve?", exact=True)
    expect(what).to_be_visible(timeout=PAGE_LOAD)
    first, second = "fewer missed meals on Ward 7", "no missed meals at all"
    what.fill(first)
    what.press("Tab")
    expect(page.get_by_text(SAVED)).to_be_visible()
    what.fill(second)
    what.press("Tab")
    charter = page.locator(".qikit-tool", has=what).last
    charter.get_by_role("button", name="Show earlier versions").click()
    history = charter.locator(".qikit-history")
    expect(history.get_by_text(re.compile(r"changed “What will improve”"))).to_have_count(1)
    # Newest first: the version in use has no button; the first button is the version before it.
    history.get_by_role("button", name=re.compile(r"^Put this version back")).first.click()
    expect(what).to_have_value(first)

    page.reload()
    what = page.get_by_label("What will improve?", exact=True)
    expect(what).to_have_value(first, timeout=PAGE_LOAD)
