"""Does a mentor's comment reach the team, get marked as read and answered, and the answer reach
the mentor — all through one store, without a kernel?"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from qikit import pages as workbook
from qikit.core.model import FeedbackTopic
from qikit.core.wording import dashboard as words
from qikit.demo.samples import build_sample_project, sample_team
from qikit.store import SqliteStore, open_store
from qikit.store.records import load_project, save_record
from qikit.widgets.base import ToolContext
from qikit.widgets.feedback import MentorFeedbackWidget, TeamFeedbackWidget

TEAM = "ward-3"
NASTY = "Try <script>alert('x')</script> & see"


def _readable(markup: str) -> str:
    markup = re.sub(r"<style\b.*?</style>", " ", markup, flags=re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    with open_store(tmp_path / "qikit.db") as opened:
        yield opened


@pytest.fixture
def mentor(store: SqliteStore) -> MentorFeedbackWidget:
    return MentorFeedbackWidget(ToolContext(store, "", "Sam Patel"), TEAM, "measures")


def _team(store: SqliteStore, about: str | None = "measures", **kw: bool) -> TeamFeedbackWidget:
    return TeamFeedbackWidget(ToolContext(store, TEAM, "Amy Clarke"), about, **kw)


def test_round_trip_mentor_to_team_and_back(
    store: SqliteStore, mentor: MentorFeedbackWidget
) -> None:
    """Mentor writes → the team sees it under "Your mentor says…", marks it read, replies →
    the mentor sees the reply as new, and marks it read."""
    team_before = _team(store)
    assert team_before.widget.layout.display == "none"  # nothing to show yet

    mentor.comment.value = NASTY
    mentor.send_button.click()
    saved = load_project(store, TEAM).feedback
    assert len(saved) == 1
    comment = saved[0]
    assert comment.from_mentor and comment.author == "Sam Patel"
    assert comment.about is FeedbackTopic.MEASURES and comment.text == NASTY and not comment.read
    assert store.history(TEAM, "feedback", comment.record_id)[-1].author == "Sam Patel"
    assert mentor.comment.value == "" and words.COMMENT_SENT in mentor.status.widget.value

    team = _team(store)
    assert team.widget.layout.display == ""
    shown = _readable(team.widget.children[0].value + team.comments.value)
    assert words.MENTOR_SAYS in shown and NASTY in shown and words.UNREAD in shown
    assert "<script>" not in team.comments.value  # escaped, never markup
    assert team.read_button.layout.display == ""

    team.read_button.click()
    assert load_project(store, TEAM).feedback[0].read
    assert store.history(TEAM, "feedback", comment.record_id)[-1].author == "Amy Clarke"
    assert words.UNREAD not in _readable(team.comments.value)
    assert team.read_button.layout.display == "none"

    assert team.reply_to.value == comment.record_id
    team.reply.value = "Thanks <b>Sam</b>, we will."
    team.reply_button.click()
    replies = [f for f in load_project(store, TEAM).feedback if not f.from_mentor]
    assert len(replies) == 1
    reply = replies[0]
    assert reply.reply_to == comment.record_id and reply.author == "Amy Clarke"
    assert reply.about is FeedbackTopic.MEASURES and not reply.read
    assert "Thanks <b>Sam</b>, we will." in _readable(team.comments.value)
    assert "<b>Sam</b>" not in team.comments.value

    mentor.refresh()
    seen = _readable(mentor.thread.value)
    assert "Thanks <b>Sam</b>, we will." in seen and words.NEW_REPLY in seen
    assert mentor.read_button.layout.display == ""
    mentor.read_button.click()
    assert all(f.read for f in load_project(store, TEAM).feedback)
    assert words.NEW_REPLY not in _readable(mentor.thread.value)
    assert mentor.read_button.layout.display == "none"


def test_the_team_sees_only_the_comments_on_its_tool(
    store: SqliteStore, mentor: MentorFeedbackWidget
) -> None:
    mentor.about.value = "charter"
    mentor.comment.value = "About the charter"
    mentor.send()
    mentor.about.value = "measures"
    mentor.comment.value = "About the chart"
    mentor.send()
    assert "About the chart" in _team(store, "measures").comments.value
    assert "About the charter" not in _team(store, "measures").comments.value
    assert _team(store, "pdsa").widget.layout.display == "none"
    everything = _team(store, None).comments.value
    # Newest first.
    assert everything.index("About the chart<") < everything.index("About the charter")


def test_an_empty_comment_or_reply_is_refused_and_nothing_saved(
    store: SqliteStore, mentor: MentorFeedbackWidget
) -> None:
    mentor.comment.value = "   "
    assert mentor.send() is None
    assert words.COMMENT_EMPTY in mentor.status.widget.value
    assert load_project(store, TEAM).feedback == ()
    mentor.comment.value = "Well done"
    mentor.send()
    team = _team(store)
    team.reply.value = "  "
    assert team.send_reply() is None
    assert words.REPLY_EMPTY in team.status.widget.value
    assert len(load_project(store, TEAM).feedback) == 1


def test_a_mentor_without_a_name_is_asked_for_it(store: SqliteStore) -> None:
    nameless = MentorFeedbackWidget(ToolContext(store, "", ""), TEAM)
    nameless.comment.value = "Hello"
    assert nameless.send() is None
    assert html.escape(words.NEED_NAME, quote=True) in nameless.status.widget.value
    assert nameless.comment.value == "Hello"  # what was typed stays


def test_a_too_long_reply_is_refused_plainly_and_kept_in_the_box(
    store: SqliteStore, mentor: MentorFeedbackWidget
) -> None:
    mentor.comment.value = "Hello"
    mentor.send()
    team = _team(store)
    team.reply.value = "x" * 10_001
    assert team.send_reply() is None
    assert "Not saved" in team.status.widget.value
    assert team.reply.value == "x" * 10_001


def test_the_compact_team_widget_lists_replies_and_the_reply_box_only(
    store: SqliteStore, mentor: MentorFeedbackWidget
) -> None:
    mentor.comment.value = "First"
    mentor.send()
    compact = _team(store, None, compact=True)
    assert compact.comments not in compact.widget.children
    assert compact.read_button not in compact.widget.children
    compact.reply.value = "Our reply"
    compact.send_reply()
    assert "Our reply" in _readable(compact.replies.value)
    assert words.REPLIES_HEADING in compact.widget.children[0].value


# -- beside each tool on the team's pages -------------------------------------------------------

SAMPLE_TEAM = "x-ray-porters"
MEASURES_COMMENT = "Your run chart shows a real change since the tablets."
CHARTER_COMMENT = "Your aim is clear and has all four parts."
REPLY = "Thanks Sam, we will start counting missed jobs on Monday."


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    folder = tmp_path / "cohort"
    folder.mkdir()
    with open_store(folder / "qikit.db") as opened:
        save_record(opened, SAMPLE_TEAM, sample_team(SAMPLE_TEAM), author="setup")
        build_sample_project(opened, SAMPLE_TEAM, author="setup")
    return folder


def _walk(widget: Any) -> Iterator[Any]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _texts(page: Any) -> str:
    return _readable(" ".join(str(getattr(w, "value", "")) for w in _walk(page)))


def _stage_box(page: Any) -> Any:
    """Return the part of the live team page that is shown (one stage)."""
    (box,) = [w for w in _walk(page) if "qikit-stage" in getattr(w, "_dom_classes", ())]
    return box


def _review_part(page: str, stage: str) -> str:
    """Return the part of the team page's static copy from ``<section id=stage>`` to the next."""
    start = page.index(f'<section id="{stage}"')
    later = [page.find(f'<section id="{s}"', start + 1) for s in workbook.STAGES]
    return page[start : min([i for i in later if i > start], default=len(page))]


def test_each_tool_stage_shows_your_mentor_says_for_its_own_tool(cohort: Path) -> None:
    page = workbook.team_view(
        cohort=str(cohort), team=SAMPLE_TEAM, mode="app", start="measuring", author="Amy"
    )
    measuring = _stage_box(page)
    shown = _texts(measuring)
    assert words.MENTOR_SAYS in shown and MEASURES_COMMENT in shown and REPLY in shown
    assert CHARTER_COMMENT not in shown
    # Above the tool: the feedback comes after the stage's heading, before the measures tool.
    classes = [w._dom_classes for w in measuring.children]
    assert classes.index(("qikit-tool", "qikit-mentor-says")) == 1 < len(classes) - 1
    # Replying from the page is signed with the name typed on it.
    reply_box = [w for w in _walk(measuring) if getattr(w, "description", "") == words.REPLY_LABEL]
    assert len(reply_box) == 1
    reply_box[0].value = "We counted 3 missed jobs."
    button = next(
        w for w in _walk(measuring) if getattr(w, "description", "") == words.REPLY_BUTTON
    )
    button.click()
    with open_store(cohort / "qikit.db", create=False) as opened:
        replies = [f for f in load_project(opened, SAMPLE_TEAM).feedback if f.author == "Amy"]
    assert [r.reply_to for r in replies] == ["sample-feedback-2"]


def test_a_tool_without_comments_shows_no_feedback_box(cohort: Path) -> None:
    page = workbook.team_view(cohort=str(cohort), team=SAMPLE_TEAM, mode="app", start="changing")
    changing = _stage_box(page)
    boxes = [w for w in _walk(changing) if "qikit-mentor-says" in getattr(w, "_dom_classes", ())]
    assert len(boxes) == 2 and all(b.layout.display == "none" for b in boxes)


def test_review_pages_list_the_comments_on_their_tools(cohort: Path) -> None:
    page = workbook.team_view(cohort=str(cohort), team=SAMPLE_TEAM, mode="review")
    assert isinstance(page, str)
    shown = _readable(_review_part(page, "measuring"))
    assert words.MENTOR_SAYS in shown and MEASURES_COMMENT in shown and REPLY in shown
    charter = _readable(_review_part(page, "charter"))
    assert CHARTER_COMMENT in charter and MEASURES_COMMENT not in charter
    assert words.MENTOR_SAYS not in _readable(_review_part(page, "storyboard"))
    # A stage's workbook of an older cohort draws the same comments.
    alone = workbook.stage_view("measuring", cohort=str(cohort), team=SAMPLE_TEAM, mode="review")
    assert MEASURES_COMMENT in _readable(alone) and CHARTER_COMMENT not in _readable(alone)


def test_the_home_page_counts_replies_and_offers_a_reply_box(cohort: Path) -> None:
    review = workbook.team_view(cohort=str(cohort), team=SAMPLE_TEAM, mode="review")
    assert isinstance(review, str)
    assert words.REPLY_COUNT_ONE in _readable(_review_part(review, "home"))
    home = _stage_box(workbook.team_view(cohort=str(cohort), team=SAMPLE_TEAM, mode="app"))
    shown = _texts(home)
    assert words.REPLIES_HEADING in shown and REPLY in shown
    assert [w for w in _walk(home) if getattr(w, "description", "") == words.REPLY_BUTTON]
