"""The Model for Improvement, Variation and Choosing the right chart pages."""

from __future__ import annotations

import ipywidgets as widgets

from qikit.core.spc.chart_choice import DataKind
from qikit.core.wording import teaching as words
from qikit.pages.teaching import chart_choice, frame, model_for_improvement, variation
from qikit.pages.teaching.variation import ChanceTally, made_up_weeks
from qikit.render.text import escape


def _buttons(page: widgets.VBox) -> dict[str, widgets.Button]:
    found: dict[str, widgets.Button] = {}
    for child in page.children:
        if isinstance(child, widgets.HBox):
            found.update({b.description: b for b in child.children})
    return found


def _html(page: widgets.VBox) -> list[widgets.HTML]:
    return [c for c in page.children if isinstance(c, widgets.HTML)]


# -- Model for Improvement ----------------------------------------------------------------------


def test_the_questions_are_revealed_one_at_a_time() -> None:
    """Does "Show the next question" reveal the next question, and the chart after the third?"""
    page = model_for_improvement.build("app")
    cards = [c for c in _html(page) if c.value.startswith('<section class="qikit-card"')]
    assert len(cards) == 3
    shown = [c.layout.display != "none" for c in cards]
    assert shown == [True, False, False]
    buttons = _buttons(page)
    buttons[words.MFI_NEXT].click()
    assert [c.layout.display != "none" for c in cards] == [True, True, False]
    buttons[words.MFI_NEXT].click()
    assert all(c.layout.display != "none" for c in cards)
    assert buttons[words.MFI_NEXT].disabled
    rest = next(c for c in _html(page) if '<img class="qikit-teaching-chart"' in c.value)
    assert rest.layout.display != "none"
    buttons[words.MFI_START].click()
    assert [c.layout.display != "none" for c in cards] == [True, False, False]
    assert rest.layout.display == "none"


def test_the_review_copy_answers_the_three_questions_for_the_porters() -> None:
    """Does the copy hold all three questions with the porters' answers, PDSA and the chart?"""
    html = model_for_improvement.build("review")
    assert isinstance(html, str)
    for question, answer in words.MFI_QUESTIONS:
        assert escape(question) in html and escape(answer) in html
    assert "porter" in html and escape(words.MFI_PDSA_HEADING) in html
    assert html.count('<img class="qikit-teaching-chart"') == 1


# -- Variation ----------------------------------------------------------------------------------


def test_made_up_weeks_are_the_same_for_the_same_seed_and_move_with_the_change() -> None:
    """Is a draw repeatable, and does a change add its size from its week on?"""
    plain = made_up_weeks(4, mean=40, spread=3)
    assert plain == made_up_weeks(4, mean=40, spread=3)
    assert plain != made_up_weeks(5, mean=40, spread=3)
    changed = made_up_weeks(4, mean=40, spread=3, change_at=13, size=-10)
    assert changed[:12] == plain[:12]
    pairs = zip(changed[12:], plain[12:], strict=True)
    assert all(abs(c - (p - 10)) < 0.11 or c == 0 for c, p in pairs)
    assert min(made_up_weeks(1, mean=1, spread=5)) >= 0


def test_a_big_change_is_usually_seen_and_chance_rarely() -> None:
    """Do the rules see a -8 minute change most times, and pure chance rarely (fixed seeds)?"""
    data = frame.teaching_data()
    mean, spread = variation._baseline(data)
    dates = list(data.dates)
    changes = [
        variation._chart(made_up_weeks(s, mean=mean, spread=spread, change_at=13, size=-8), dates)
        for s in range(20)
    ]
    chance = [
        variation._chart(made_up_weeks(s, mean=mean, spread=spread), dates) for s in range(20)
    ]
    assert sum(bool(r.signals) for r in changes) >= 14
    assert sum(bool(r.signals) for r in chance) <= 4


def test_the_first_draws_show_a_clear_change_and_quiet_chance() -> None:
    """Does the first change draw show the change, and the first chance draws no signal?

    The seeds are chosen for the porters' numbers; if those change, choose them again.
    """
    data = frame.teaching_data()
    mean, spread = variation._baseline(data)
    dates = list(data.dates)
    weeks = made_up_weeks(
        variation.CHANGE_SEEDS + 1, mean=mean, spread=spread, change_at=13, size=-8
    )
    assert variation._chart(weeks, dates).signals
    for draw in (1, 2, 3, 4, 5):
        seed = draw + variation.CHANCE_SEED_OFFSET
        assert not variation._chart(made_up_weeks(seed, mean=mean, spread=spread), dates).signals


def test_show_me_chance_draws_new_weeks_and_keeps_count() -> None:
    """Does "Show me chance" draw a new chart each time and count how often the rules fired?"""
    page = variation.build("app")
    buttons = _buttons(page)
    chart = next(c for c in _html(page) if c.value.startswith('<img class="qikit-teaching-chart"'))
    first = chart.value
    buttons[words.VAR_CHANCE].click()
    second = chart.value
    buttons[words.VAR_CHANCE].click()
    assert len({first, second, chart.value}) == 3
    texts = " ".join(c.value for c in _html(page))
    assert "Chance only, so far: 2 charts drawn, and the rules saw a sign of change on 0" in texts
    assert "no change at all (chance only, draw number 2)" in texts
    buttons[words.VAR_DRAW].click()
    assert "Made-up weeks with a change of -8 minutes from week 13." in " ".join(
        c.value for c in _html(page)
    )


def test_the_tally_counts_flagged_draws() -> None:
    """Does the tally say how many chance charts the rules flagged?"""
    tally = ChanceTally()
    assert tally.html() == ""
    data = frame.teaching_data()
    result = variation._chart(list(data.values), list(data.dates))
    tally.add(1, result)
    assert "1 charts drawn, and the rules saw a sign of change on 1 of them" in tally.html()


# -- Choosing the right chart -------------------------------------------------------------------


def test_each_data_set_s_own_answers_lead_to_its_chart() -> None:
    """Do the answers made for each data set's chart lead back to that chart?"""
    for name in chart_choice.data_set_names():
        data = frame.teaching_data(name)
        kind, same = chart_choice.answers_for(data)
        assert escape(words.CHOICE_MATCH) in chart_choice.suggestion_html(data, kind, same), name


def test_a_wrong_answer_says_so() -> None:
    """Does answering "a count" for the porters' minutes say it leads to a different chart?"""
    data = frame.teaching_data()
    html = chart_choice.suggestion_html(data, DataKind.COUNT, True)
    assert "C chart" in html and escape(words.CHOICE_NO_MATCH) in html


def test_the_live_page_follows_the_data_set_and_the_answers() -> None:
    """Does picking a data set show its story, and "Show the chart" its chart?"""
    page = chart_choice.build("app")
    chooser = next(c for c in page.children if isinstance(c, widgets.Dropdown))
    kind = next(c for c in page.children if isinstance(c, widgets.RadioButtons))
    reading = next(c for c in page.children if "qikit-reading" in c._dom_classes)
    names = chart_choice.data_set_names()
    chooser.value = names[1]
    data = frame.teaching_data(names[1])
    assert any(escape(data.story) in c.value for c in _html(page))
    assert kind.value is None and escape(words.CHOICE_ANSWER_FIRST) in reading.value
    kind.value = DataKind.PERCENTAGE.value
    assert "P chart" in reading.value
    show = next(c for c in page.children if isinstance(c, widgets.Button))
    show.click()
    assert any(c.value.startswith('<img class="qikit-teaching-chart"') for c in _html(page))
