"""The pages package after the split: one home for each thing, the same public surface."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import qikit.pages as pages
from qikit import layout
from qikit.core import progress as core_progress
from qikit.core.wording import dashboard as comment_words
from qikit.core.wording import pages as page_words
from qikit.pages import failure, participant, stages
from qikit.render import style


def test_the_workbooks_public_calls_are_still_in_qikit_pages() -> None:
    """Do the calls the workbooks make, and the old public names, still import from pages?"""
    assert pages.show_team is participant.show_team
    assert pages.team_view is participant.team_view
    assert pages.show_stage is participant.show_stage  # cohorts built with a page per stage
    assert pages.stage_view is participant.stage_view
    assert callable(pages.show_mentor_dashboard)
    for name in pages.__all__:
        assert hasattr(pages, name), name


def test_the_team_workbook_name_comes_from_the_layout() -> None:
    """Is the team page's file name the cohort folder's (qikit.layout), one a build copies?"""
    assert pages.TEAM_NOTEBOOK == stages.TEAM_NOTEBOOK == layout.TEAM_WORKBOOK
    assert layout.WORKBOOK_NAME.fullmatch(stages.TEAM_NOTEBOOK)
    assert set(stages.MENTOR_NOTEBOOKS.values()) == {layout.MENTOR_WORKBOOK}
    assert not layout.WORKBOOK_NAME.fullmatch(layout.MENTOR_WORKBOOK)  # not copied to teams
    assert not hasattr(stages, "NOTEBOOKS") and not hasattr(layout, "STAGE_WORKBOOKS")


def test_a_stage_link_is_a_part_of_the_same_page() -> None:
    """Is a link to a stage ``#stage`` (the router follows it live; an anchor in a copy)?"""
    assert (
        stages.stage_link("charter")
        == f'<a href="#charter">{page_words.STAGE_NAMES["charter"]}</a>'
    )
    assert stages.stage_link("home", "<Back>") == '<a href="#home">&lt;Back&gt;</a>'
    heading = stages.stage_heading("measuring")
    assert f'id="{stages.stage_heading_id("measuring")}"' in heading and 'tabindex="-1"' in heading
    nav = stages.stages_nav_html("understanding")
    assert f'aria-label="{page_words.STAGES_NAV}"' in nav
    assert nav.count('aria-current="page"') == 1
    assert '<a href="#understanding" aria-current="page">' in nav
    assert "aria-current" not in stages.stages_nav_html()


def test_every_stage_has_a_name_and_a_purpose() -> None:
    assert set(page_words.STAGE_NAMES) == set(stages.STAGES)
    assert set(page_words.STAGE_PURPOSES) == set(stages.STAGES)


def test_shared_words_are_taken_from_their_one_place() -> None:
    """Do the team page and the storyboard say the comments' and votes' words as the dashboard?"""
    assert page_words.UNREAD is comment_words.UNREAD
    assert page_words.FEEDBACK_FROM is comment_words.FROM
    assert page_words.STORY_VOTES is comment_words.VOTES
    assert page_words.STORY_ONE_VOTE is comment_words.ONE_VOTE


def test_progress_rules_live_in_the_core() -> None:
    assert pages.progress is core_progress.progress
    assert pages.StageProgress is core_progress.StageProgress
    assert pages.mentor_feedback is core_progress.mentor_feedback


def test_the_failure_page_and_the_review_share_one_style() -> None:
    """Is the failure message styled with render.style's PAGE_CSS, the review's style too?"""
    page = failure.failure_html("QK-ABCDEF")
    assert style.PAGE_CSS in page and 'role="alert"' in page
    assert page_words.FAILURE.format(reference="QK-ABCDEF") in page


def test_a_failure_is_logged_in_the_cohorts_log(tmp_path: Path) -> None:
    """Does a failure's traceback go to <cohort>/logs/errors.log under its reference?"""
    cohort = tmp_path
    reference, path = failure.report_failure(
        ValueError("boom"), cohort=str(cohort), stage="charter", mode="app", team="x-y"
    )
    assert path == layout.log_path(cohort)
    assert reference in path.read_text(encoding="utf-8")


def test_importing_the_pages_loads_no_widgets_and_no_matplotlib() -> None:
    """Does ``import qikit.pages`` stay light (a mentor's static copy must start fast)?"""
    script = (
        "import sys, qikit.pages\n"
        "print(sorted(m for m in ('ipywidgets', 'matplotlib') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.strip() == "[]"
