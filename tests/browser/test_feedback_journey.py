"""A mentor's comment and the team's reply, in two browsers against ``qikit serve``.

Two people at two computers: the mentor opens the mentors' dashboard with the mentors' code and
writes to Portering about its charter; a member of Portering signs in with the team's code,
finds the comment on the team page and beside the charter, marks it as read and replies; the
mentor reloads the dashboard and reads the reply. What is checked is what each person sees.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from qikit.cohort.access import issue_codes

pytest.importorskip("playwright.sync_api")
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

Server = Any  # the ``server`` fixture of conftest.py: url, cohort, codes, page_url()

TEAM = "portering"
TEAM_NAME = "Portering"
MENTOR_NAME = "Priya Shah"
MEMBER_NAME = "Ana"  # a first name, as the box asks (the full name is on the team page)

MENTOR_PAGE = "/voila/render/mentors/mentor_dashboard.ipynb"
MENTOR_CODE_LABEL = "Type the mentors' code. You will find it on the card from your QI lead."
MENTOR_OPEN = "Open the mentors' pages"
TEAM_CODE_LABEL = "Type your team's code. You will find it on the card from your QI lead."
TEAM_OPEN = "Open my team's pages"

COMMENT = "Your aim is clear. Could you say which wards the 25 minutes applies to?"
REPLY = "Thanks, we will add wards 3 and 4 to the aim this week."
PAGE_LOAD = 90_000  # ms: Voilà runs the notebook before the widgets show

expect.set_options(timeout=60_000)


def open_dashboard(page: Page) -> None:
    """Wait for the mentors' dashboard, type the mentor's name and choose Portering."""
    name = page.get_by_label("Your name (signs your scores and comments)", exact=True)
    expect(name).to_be_visible(timeout=PAGE_LOAD)
    expect(page.get_by_text("Your teams at a glance", exact=True)).to_be_visible()
    name.fill(MENTOR_NAME)
    name.press("Tab")  # the box saves the name when it is left
    # The comment box belongs to the team chosen under "Team", which is the first team of the
    # cohort (Portering) when the page opens. Choosing another team replaces the comment box, so
    # a comment typed at once could go to the box of the team chosen before.
    team = page.get_by_role("combobox", name="Team", exact=True)
    expect(team).to_have_value(TEAM_NAME)
    team.select_option(label=TEAM_NAME)
    expect(page.get_by_role("heading", name="Write to a team", exact=True)).to_be_visible()
    expect(page.get_by_label("Your comment for the team", exact=True)).to_be_visible()


def test_mentor_comment_is_read_and_answered_by_the_team(new_context: Any, server: Server) -> None:
    """Mentor writes about the charter → team sees, marks as read, replies → mentor reads it."""
    mentor_code = issue_codes(server.cohort, ["mentors"], reissue=True)["mentors"]

    # -- the mentor writes to Portering about its charter -------------------------------------
    mentor = new_context().new_page()
    mentor.goto(server.url + MENTOR_PAGE)
    mentor.get_by_label(MENTOR_CODE_LABEL).fill(mentor_code)
    mentor.get_by_role("button", name=MENTOR_OPEN).click()
    open_dashboard(mentor)
    mentor.get_by_role("combobox", name="About", exact=True).select_option(label="Charter and aim")
    mentor.get_by_label("Your comment for the team", exact=True).fill(COMMENT)
    mentor.get_by_role("button", name="Send this comment to the team").click()
    expect(
        mentor.get_by_text("Your comment is saved. The team will see it on their pages.")
    ).to_be_visible()
    expect(mentor.get_by_text(COMMENT, exact=True)).to_be_visible()
    expect(
        mentor.get_by_text(re.compile(rf"^From {MENTOR_NAME}, .+, about your charter\.$"))
    ).to_be_visible()

    # -- a member of Portering, at another computer, reads it and replies ----------------------
    team = new_context().new_page()
    team.goto(server.page_url(TEAM, "01-team.ipynb"))
    team.get_by_label(TEAM_CODE_LABEL).fill(server.codes[TEAM])
    team.get_by_role("button", name=TEAM_OPEN).click()
    expect(team.get_by_role("heading", name=TEAM_NAME, exact=True)).to_be_visible(timeout=PAGE_LOAD)
    # The team page lists the mentor's comments, the new one marked as not read yet.
    expect(team.get_by_role("heading", name="Comments from your mentor")).to_be_visible()
    expect(team.get_by_text(COMMENT, exact=True)).to_be_visible()
    expect(team.get_by_text("New: not read yet", exact=True)).to_be_visible()

    # Beside the charter: "Your mentor says…" with the comment, "Mark as read" and a reply box.
    team.get_by_role("link", name="Charter and aim").first.click()
    expect(team.get_by_role("heading", name="Your mentor says…")).to_be_visible(timeout=PAGE_LOAD)
    expect(team.get_by_text(COMMENT, exact=True)).to_be_visible()
    expect(team.get_by_text("New: not read yet", exact=True)).to_be_visible()
    name = team.get_by_label("Your name", exact=True)
    name.fill(MEMBER_NAME)
    name.press("Tab")  # the box saves the name when it is left
    team.get_by_role("button", name="Mark as read", exact=True).click()
    expect(team.get_by_text("Thank you. These comments are marked as read.")).to_be_visible()
    expect(team.get_by_text("Read", exact=True)).to_be_visible()
    expect(team.get_by_text("New: not read yet", exact=True)).to_have_count(0)

    expect(team.get_by_role("combobox", name="Which comment are you replying to?")).to_contain_text(
        "Your aim is clear."
    )
    team.get_by_label("Your reply", exact=True).fill(REPLY)
    team.get_by_role("button", name="Send your reply", exact=True).click()
    expect(team.get_by_text("Your reply is saved. Your mentor will see it.")).to_be_visible()
    expect(team.get_by_text(REPLY, exact=True)).to_be_visible()

    # -- back at the mentor's computer: a reload shows the reply, marked new ---------------------
    mentor.reload()
    open_dashboard(mentor)
    expect(mentor.get_by_text(COMMENT, exact=True)).to_be_visible()
    expect(mentor.get_by_text(REPLY, exact=True)).to_be_visible()
    expect(mentor.get_by_text(re.compile(rf"^Reply from {MEMBER_NAME}, "))).to_be_visible()
    expect(mentor.get_by_text("New reply", exact=True)).to_be_visible()
