"""Do the mentor's review and the evidence pack show reflections as text, each under its writer?"""

from __future__ import annotations

from qikit.core.model import Member, Project, Reflection, Team
from qikit.pages.static import team_review_html
from qikit.render.reflection import reflection_html, reflections_in_order, render_static

AT = "2026-05-29T15:00:00+00:00"


def _project(*reflections: Reflection) -> Project:
    team = Team(
        name="Porters",
        slug="porters",
        members=(Member("Ana Silva"), Member("Mark Hughes")),
    )
    return Project.of([team, *reflections])


def test_a_reflection_shows_every_question_and_says_which_are_unanswered() -> None:
    shown = reflection_html(
        Reflection(
            record_id="ana-silva", member="Ana Silva", role="Timed jobs\nDrew the chart", at=AT
        )
    )
    assert "<h3>Ana Silva&#x27;s reflection</h3>" in shown
    assert "Last written on 29 May 2026." in shown
    assert '<p class="qikit-text">Timed jobs</p><p class="qikit-text">Drew the chart</p>' in shown
    assert shown.count("(not answered yet)") == 4
    assert "<h4>What would you do differently next time?</h4>" in shown


def test_markup_in_a_name_or_an_answer_is_shown_as_text() -> None:
    shown = reflection_html(
        Reflection(record_id="x", member="<b>Bo</b>", learned="<script>alert(1)</script> & more")
    )
    assert "<script>" not in shown and "<b>" not in shown
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in shown
    assert "&lt;b&gt;Bo&lt;/b&gt;" in shown


def test_reflections_come_in_the_teams_order_then_those_of_people_who_left() -> None:
    mark = Reflection(record_id="mark-hughes", member="Mark Hughes", role="Tablets")
    ana = Reflection(record_id="ana-silva", member="Ana Silva", role="Timing")
    gone = Reflection(record_id="amy-clarke", member="Amy Clarke", role="Led the team")
    assert reflections_in_order(_project(mark, gone, ana)) == [ana, mark, gone]


def test_the_review_shows_the_written_reflections_on_the_storyboard_stage() -> None:
    ana = Reflection(record_id="ana-silva", member="Ana Silva", role="Timing the jobs")
    empty = Reflection(record_id="mark-hughes", member="Mark Hughes")
    review = team_review_html(_project(ana, empty))
    storyboard = review[review.index('<section id="storyboard"') :]
    assert "Timing the jobs" in storyboard
    assert "Mark Hughes&#x27;s reflection" not in storyboard
    assert "Nobody in the team has written a reflection yet." in render_static(_project(empty))
