"""The live run-chart rules lesson: "Next week", a rule firing, three rule sets, the frame."""

from __future__ import annotations

import ipywidgets as widgets

from qikit.core.spc.signals import Rule, RuleSet
from qikit.core.wording import teaching as words
from qikit.pages.teaching import frame, rules_live
from qikit.pages.teaching.rules_live import FIRST_WEEKS, RulesLesson
from qikit.render.text import escape


def _lesson() -> RulesLesson:
    return RulesLesson(frame.teaching_data())


def _press_until_fired(lesson: RulesLesson) -> int:
    while lesson.next_week():
        if lesson.just_fired:
            return lesson.shown
    raise AssertionError("no rule fired on the porters' weeks")


def test_the_lesson_starts_with_a_few_weeks_and_no_rule() -> None:
    """Does the lesson open on the first weeks, with no rule fired and a 'too few' note?"""
    lesson = _lesson()
    assert lesson.shown == FIRST_WEEKS and lesson.just_fired == ()
    html = lesson.reading_html()
    assert f"Weeks shown: {FIRST_WEEKS} of {lesson.total}." in html
    assert "the rules need about 10" in html
    assert "qikit-fired" not in html


def test_next_week_fires_the_shift_after_the_change_and_explains_it() -> None:
    """Is the long run named the moment it fires, after the change, with why it is not chance?"""
    lesson = _lesson()
    week = _press_until_fired(lesson)
    change_at = lesson.data.change_at
    assert week > change_at
    assert Rule.LONG_RUN in lesson.just_fired
    html = lesson.reading_html()
    assert f"A rule has just fired at week {week}: a shift" in html
    assert "almost never happens by chance" in html
    assert 'role="status"' in html
    # One more week: the rule is still seen, but it is no longer news.
    lesson.next_week()
    assert Rule.LONG_RUN not in lesson.just_fired
    assert f"fired at week {week}:" not in lesson.reading_html()


def test_the_rule_sets_fire_at_different_weeks_and_say_why() -> None:
    """Do IHI and Making Data Count see the change sooner than Anhøj, and say why they differ?"""
    fired = {}
    for rule_set in RuleSet:
        lesson = _lesson()
        lesson.choose(rule_set)
        fired[rule_set] = _press_until_fired(lesson)
        assert escape(words.RULE_SET_WHY[rule_set]) in lesson.reading_html()
    assert fired[RuleSet.IHI] < fired[RuleSet.ANHOEJ]
    assert fired[RuleSet.MDC] < fired[RuleSet.ANHOEJ]


def test_restart_and_show_all() -> None:
    """Does "Start again" go back to the first weeks and "Show every week" to the last?"""
    lesson = _lesson()
    lesson.show_all()
    assert lesson.shown == lesson.total and not lesson.next_week()
    assert lesson.result().signals and "<ul><li>" in lesson.reading_html()
    lesson.restart()
    assert lesson.shown == FIRST_WEEKS


def test_the_live_page_presses_next_week_and_switches_rules() -> None:
    """Do the page's buttons move the lesson, and does the rule switch change the words?"""
    page = rules_live.build("app")
    assert isinstance(page, widgets.VBox)
    boxes = [c for c in page.children if isinstance(c, widgets.HBox)]
    buttons = {b.description: b for b in boxes[0].children}
    chooser = next(c for c in page.children if isinstance(c, widgets.ToggleButtons))
    reading = next(c for c in page.children if "qikit-reading" in c._dom_classes)
    for _ in range(30):
        if "has just fired" in reading.value:
            break
        buttons[words.RULES_NEXT].click()
    assert "A rule has just fired at week" in reading.value
    anhoej = reading.value
    chooser.value = RuleSet.IHI.value
    assert reading.value != anhoej and escape(words.RULE_SET_WHY[RuleSet.IHI]) in reading.value
    assert buttons[words.RULES_NEXT].disabled is (
        f"Weeks shown: {len(frame.teaching_data().values)} of" in reading.value
    )


def test_the_review_copy_shows_every_rule_set_on_the_whole_series() -> None:
    """Is the review copy one HTML text with a chart and a reading for each rule set?"""
    html = rules_live.build("review")
    assert isinstance(html, str)
    assert html.count('class="qikit-teaching-chart"') == 3
    for rule_set in RuleSet:
        assert escape(words.RULE_SET_WHY[rule_set]) in html
    assert "<script" not in html
