"""The pages still work in Chromium under ``qikit serve``'s Content-Security-Policy.

Chromium reports every script, style, font or connection a page's policy refuses with a
``securitypolicyviolation`` event; a listener added before any page script runs collects them.
The team page (Voilà's front end, its widget manager and the kernel's websocket) must draw its
widgets with no refusal at all, and so must qikit's own pages (their inline style and script are
allowed by hash: a changed style with a stale hash is refused here).
"""

from __future__ import annotations

from typing import Any

import pytest

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

Server = Any

_COLLECT = """
window.__refused = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__refused.push(event.violatedDirective + " " + (event.blockedURI || "inline") +
                        " " + (event.sourceFile || "") + ":" + event.lineNumber);
});
"""


def test_team_page_works_under_the_policy_with_nothing_refused(
    new_context: Any, server: Server
) -> None:
    """Code page, team page with its widgets, a stage's boxes, the room page: does each work
    with its policy and nothing refused (no eval needed, nothing from elsewhere)?"""
    context = new_context()
    context.add_init_script(_COLLECT)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    refused: list[str] = []

    def collect() -> None:
        refused.extend(f"{page.url}: {item}" for item in page.evaluate("window.__refused"))

    page.goto(server.url + "/")
    expect(page.get_by_role("link", name="Portering")).to_be_visible()
    collect()
    page.get_by_role("link", name="Portering").click()
    label = "Type your team's code. You will find it on the card from your QI lead."
    page.get_by_label(label).fill(server.codes["portering"])
    # The code page's own style applies (a refused style would leave the button unstyled).
    button = page.get_by_role("button", name="Open my team's pages")
    assert button.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(11, 79, 138)"
    collect()
    button.click()
    expect(page.get_by_role("heading", name="Portering", exact=True)).to_be_visible(timeout=90_000)
    page.get_by_role("link", name="Charter and aim").first.click()
    expect(page.get_by_label("What will improve?", exact=True)).to_be_visible(timeout=90_000)
    collect()

    page.goto(server.url + "/room")
    expect(page.get_by_role("button", name="Join")).to_be_visible()
    collect()
    assert refused == [], refused
    assert not [text for text in console if "Content Security Policy" in text], console
