"""The skills survey page without a kernel: make the code, choose the point, answer, come back.

:class:`qikit.pages.survey.SurveyApp` is made over a real store in ``tmp_path``; what a person
does on the page is setting the widgets' values and clicking its buttons, as the browser does.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from pathlib import Path

import ipywidgets
import pytest

from qikit import layout
from qikit.cohort.survey_items import cohort_survey_items
from qikit.core.model import SurveyStage
from qikit.core.wording import survey as words
from qikit.pages.survey import AUTHOR, SurveyApp, survey_review_html, survey_view
from qikit.store import SqliteStore, open_store
from qikit.store.survey import load_survey_response, save_survey_answers, survey_history

NASTY = "<script>alert('x')</script> & more"


@pytest.fixture
def cohort(tmp_path: Path) -> Path:
    folder = tmp_path / "cohort"
    folder.mkdir()
    with open_store(layout.store_path(folder)):
        pass
    return folder


@pytest.fixture
def store(cohort: Path) -> Iterator[SqliteStore]:
    with open_store(layout.store_path(cohort), create=False) as opened:
        yield opened


def _app(store: SqliteStore, cohort: Path, stage: SurveyStage | None = None) -> SurveyApp:
    return SurveyApp(store, cohort_survey_items(cohort), stage=stage)


def _sign_in(app: SurveyApp, month: str = "March", day: str = "4", street: str = "Elm") -> None:
    app.month.value, app.day.value, app.street.value = month, day, street


def _plain(markup: str) -> str:
    return html.unescape(markup)


def test_the_code_boxes_sync_when_left_not_at_each_key(store: SqliteStore, cohort: Path) -> None:
    """Is a box's value sent when it is left, so no key still in flight can change the code
    after "Start the questions" was pressed?"""
    app = _app(store, cohort)
    assert not any(box.continuous_update for box in (app.month, app.day, app.street))


def test_the_code_appears_as_the_boxes_are_filled(store: SqliteStore, cohort: Path) -> None:
    app = _app(store, cohort)
    assert words.CODE_NOT_YET in _plain(app.code_line.value)
    _sign_in(app, "march", " 04", "élm road")
    assert words.CODE_IS.format(code="MA04EL") in _plain(app.code_line.value)
    assert app.answer_step.layout.display == "none"  # the questions wait for the button


def test_the_page_says_why_there_is_a_code_and_never_asks_a_name(
    store: SqliteStore, cohort: Path
) -> None:
    app = _app(store, cohort)
    step = _plain(app.code_step.children[0].value)
    assert words.CODE_WHY in step
    labels = [app.month.description, app.day.description, app.street.description]
    assert all("name" not in label.lower() for label in labels)


def test_a_code_that_cannot_be_made_says_what_to_type(store: SqliteStore, cohort: Path) -> None:
    app = _app(store, cohort, SurveyStage.PRE)
    _sign_in(app, day="45")
    app.start_button.click()
    assert app.code_message.message == words.CODE_DAY_BAD
    assert app.code is None and app.answer_step.layout.display == "none"


def test_without_a_fixed_point_the_person_must_choose_one(store: SqliteStore, cohort: Path) -> None:
    app = _app(store, cohort)
    assert app.stage_choice is not None and app.stage_choice.value is None  # no guess
    _sign_in(app)
    app.start_button.click()
    assert app.code_message.message == words.STAGE_NEEDED and app.code is None
    app.stage_choice.value = "mid"
    app.start_button.click()
    assert (app.code, app.stage) == ("MA04EL", SurveyStage.MID)
    assert app.code_step.layout.display == "none" and app.answer_step.layout.display is None


def test_a_fixed_point_is_said_not_asked(store: SqliteStore, cohort: Path) -> None:
    app = _app(store, cohort, SurveyStage.POST)
    assert app.stage_choice is None
    shown = " ".join(_plain(w.value) for w in app.code_step.children if hasattr(w, "value"))
    assert words.STAGE_FIXED.format(stage=words.STAGE_NAMES[SurveyStage.POST]) in shown


def test_each_answer_is_saved_at_once_and_comes_back_with_the_same_code(
    store: SqliteStore, cohort: Path
) -> None:
    app = _app(store, cohort, SurveyStage.PRE)
    _sign_in(app)
    app.start_button.click()
    assert words.START_NEW.format(code="MA04EL") in _plain(app.greeting.value)
    app.scale_widgets["draw_fishbone"].value = 2
    assert load_survey_response(store, "MA04EL", "pre").answers == {"draw_fishbone": 2}
    app.text_widgets["hopes"].value = f"  {NASTY}  "
    assert load_survey_response(store, "MA04EL", "pre").answers == {
        "draw_fishbone": 2,
        "hopes": NASTY,
    }
    assert "Saved" in app.status.widget.value

    again = _app(store, cohort, SurveyStage.PRE)  # a reload: a new page, the same store
    _sign_in(again, "MAR", "04", "Elm Street")
    again.start_button.click()
    assert words.WELCOME_BACK.format(code="MA04EL") in _plain(again.greeting.value)
    assert again.scale_widgets["draw_fishbone"].value == 2
    assert again.text_widgets["hopes"].value == NASTY
    assert len(survey_history(store, "MA04EL", "pre")) == 2  # filling in saved nothing


def test_a_changed_answer_updates_the_sheet_and_history_keeps_the_old(
    store: SqliteStore, cohort: Path
) -> None:
    save_survey_answers(store, "MA04EL", "pre", {"draw_fishbone": 2}, author=AUTHOR)
    app = _app(store, cohort, SurveyStage.PRE)
    _sign_in(app)
    app.start_button.click()
    app.scale_widgets["draw_fishbone"].value = 4
    app.send_button.click()
    assert load_survey_response(store, "MA04EL", "pre").answers == {"draw_fishbone": 4}
    history = survey_history(store, "MA04EL", "pre")
    assert len(history) == 2  # "Send" with nothing new adds no version
    assert {entry.author for entry in history} == {AUTHOR}  # never a person's name
    assert words.SENT in _plain(app.status.widget.value)


def test_clearing_an_answer_takes_it_off_the_sheet(store: SqliteStore, cohort: Path) -> None:
    app = _app(store, cohort, SurveyStage.PRE)
    _sign_in(app)
    app.start_button.click()
    app.text_widgets["anything_else"].value = "More tea"
    app.text_widgets["anything_else"].value = "   "
    assert load_survey_response(store, "MA04EL", "pre").answers == {}


def test_each_point_asks_its_own_questions_on_its_own_sheet(
    store: SqliteStore, cohort: Path
) -> None:
    pre = _app(store, cohort, SurveyStage.PRE)
    _sign_in(pre)
    pre.start_button.click()
    assert "hopes" in pre.text_widgets and "still_involved" not in pre.scale_widgets
    pre.scale_widgets["plan_pdsa"].value = 1
    later = _app(store, cohort, SurveyStage.FOLLOW_UP)
    _sign_in(later)
    later.start_button.click()
    assert "still_involved" in later.scale_widgets and "hopes" not in later.text_widgets
    assert later.scale_widgets["plan_pdsa"].value is None  # a new sheet for a new point
    later.scale_widgets["plan_pdsa"].value = 5
    assert load_survey_response(store, "MA04EL", "pre").answers == {"plan_pdsa": 1}
    assert load_survey_response(store, "MA04EL", "follow-up").answers == {"plan_pdsa": 5}


def test_another_code_on_the_same_phone_is_another_sheet(store: SqliteStore, cohort: Path) -> None:
    app = _app(store, cohort, SurveyStage.PRE)
    _sign_in(app)
    app.start_button.click()
    app.scale_widgets["explain_qi"].value = 3
    app.other_code.click()
    assert app.month.value == "" and app.code_step.layout.display is None
    _sign_in(app, "July", "30", "Oak Lane")
    app.start_button.click()
    assert app.scale_widgets["explain_qi"].value is None  # nothing of the first person shows
    app.scale_widgets["explain_qi"].value = 5
    assert load_survey_response(store, "MA04EL", "pre").answers == {"explain_qi": 3}
    assert load_survey_response(store, "JU30OA", "pre").answers == {"explain_qi": 5}


def test_every_scale_question_offers_the_five_words(store: SqliteStore, cohort: Path) -> None:
    app = _app(store, cohort, SurveyStage.MID)
    _sign_in(app)
    app.start_button.click()
    items = cohort_survey_items(cohort)
    for choice in app.scale_widgets.values():
        assert isinstance(choice, ipywidgets.RadioButtons)
        assert [label for label, _ in choice.options] == list(items.scale)
        assert [score for _, score in choice.options] == [1, 2, 3, 4, 5]


def test_the_review_copy_lists_the_questions_and_counts_no_answers(
    store: SqliteStore, cohort: Path
) -> None:
    save_survey_answers(store, "MA04EL", "pre", {"hopes": NASTY}, author=AUTHOR)
    save_survey_answers(store, "MA04EL", "post", {"explain_qi": 4}, author=AUTHOR)
    save_survey_answers(store, "JU30OA", "pre", {"explain_qi": 2}, author=AUTHOR)
    page = survey_view(cohort=str(cohort), mode="review")
    assert isinstance(page, str)
    assert "I could draw a fishbone diagram with my team." in page
    assert words.SHEETS_AT.format(stage=words.STAGE_NAMES[SurveyStage.PRE], count=2) in page
    assert words.ALL_SHEETS.format(count=2) in page
    assert "MA04EL" not in page and "JU30OA" not in page and "alert" not in page


def test_questions_the_lead_wrote_are_escaped(cohort: Path) -> None:
    items = cohort_survey_items(cohort)
    from dataclasses import replace

    tricky = replace(items, title=NASTY, items=(replace(items.items[0], statement=NASTY),))
    page = survey_review_html(tricky, {}, 0)
    assert "<script>" not in page and "&lt;script&gt;" in page and "&amp; more" in page
    assert words.NO_SHEETS in page


def test_a_page_without_a_cohort_says_where_to_open_it(tmp_path: Path) -> None:
    assert words.NO_COHORT in _plain(str(survey_view(cohort="", mode="app")))
    review = survey_view(cohort="", mode="review")
    assert "I could draw a fishbone diagram with my team." in str(review)  # the default questions
    assert words.UNKNOWN_STAGE in _plain(str(survey_view(cohort="", stage="later")))


def test_a_missing_store_is_a_plain_failure_and_is_not_created(tmp_path: Path) -> None:
    page = survey_view(cohort=str(tmp_path), mode="app")
    assert isinstance(page, str) and "QK-" in page
    assert not layout.store_path(tmp_path).exists()
    assert "QK-" in layout.log_path(tmp_path).read_text(encoding="utf-8")


def test_a_broken_questions_file_is_a_plain_failure_with_the_line_in_the_log(
    cohort: Path,
) -> None:
    (cohort / layout.SURVEY_ITEMS_FILE).write_text("format: qikit-survey-items\nversion: 7\n")
    page = survey_view(cohort=str(cohort), mode="app")
    assert isinstance(page, str) and "QK-" in page and "version" not in page
    assert "line 2" in layout.log_path(cohort).read_text(encoding="utf-8")


def test_the_live_page_is_one_widget(cohort: Path) -> None:
    page = survey_view(cohort=str(cohort), mode="app", stage="pre")
    assert isinstance(page, ipywidgets.VBox)
    page.close()
