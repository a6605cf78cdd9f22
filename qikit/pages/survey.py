"""The skills survey page: an anonymous code, the point of the survey, then the questions.

Served from ``<cohort>/survey/01-survey.ipynb`` to anyone with a code of the cohort (a team's,
the mentors', the trainers'): the survey is for everyone and knows no team. On a phone, top to
bottom:

1. **Make your survey code** from three memorable answers that are never a name
   (:func:`qikit.core.survey.participant_code`), with one line saying why: so answers can be
   matched over time without knowing who gave them. The code appears as it is typed.
2. **When** — before, halfway, at the end or months after the programme. The workbook's
   ``stage`` parameter fixes it when the programme lead sets it (then the page just says which);
   left empty, the person chooses. Why both: the lead runs the survey at set points and can fix
   the page for a session, but a person who missed the session fills it in later from their
   team's page, and a page that guesses the point wrongly would put the answers on the wrong
   sheet.
3. **The questions**, one long page in sections (a phone scrolls; no "next" buttons to lose
   answers behind): each scale question has five big choices with their words, text questions
   a box. **Each answer is saved the moment it is chosen** (text when the person leaves the
   box), so a closed tab loses nothing and the same code at the same point brings the answers
   back. "Send my answers" says they are in and that the same code changes them later.

One sheet per code and point (:func:`qikit.store.survey.save_survey_answers`): answering again
updates it, and the store's history keeps every earlier version. The sheet's author in the
history is :data:`AUTHOR`, never a name.

The mentor's or QI team's copy (``mode="review"``) lists the questions and counts the sheets
per point: no answers, no codes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from qikit.core.model import SurveyStage
from qikit.core.survey import ItemKind, SurveyItem, SurveyItems, participant_code
from qikit.core.wording import survey as words
from qikit.errors import DataError, QikitError, StoreFault
from qikit.layout import store_path, survey_items_default
from qikit.pages.failure import failure_html, message_html, report_failure
from qikit.pages.frame import View, live_page, show_view
from qikit.pages.stages import MODES
from qikit.render.style import PAGE_CSS, SURVEY_CSS
from qikit.render.text import escape

if TYPE_CHECKING:
    import ipywidgets

    from qikit.store.base import Store

__all__ = [
    "AUTHOR",
    "SURVEY_STAGE",
    "SurveyApp",
    "show_survey",
    "survey_review_html",
    "survey_view",
]

#: Who the store's history says wrote a sheet: the page, never a person's name.
AUTHOR = "skills survey page"
#: The stage name of the survey page in the error log.
SURVEY_STAGE = "survey"


def _stage_or_none(stage: object) -> SurveyStage | None:
    """Return the point the workbook fixes, or None when the person chooses ("")."""
    if stage in (None, ""):
        return None
    return SurveyStage(str(stage))


class SurveyApp:
    """The live survey page over an open store: code, point, questions, each answer saved.

    Parameters
    ----------
    store
        The cohort's store (kept open for the page's life; answers are saved through it).
    items
        The survey's questions (:func:`qikit.cohort.survey_items.cohort_survey_items`).
    stage
        The point of the survey the workbook fixes, or None to let the person choose.
    """

    def __init__(self, store: Store, items: SurveyItems, *, stage: SurveyStage | None) -> None:
        import ipywidgets as widgets

        from qikit.widgets import base as ui
        from qikit.widgets.base import FieldMessage, Guard, SaveStatus

        self.store = store
        self.items = items
        self.fixed_stage = stage
        #: The code and point of the sheet being answered (None until "Start the questions").
        self.code: str | None = None
        self.stage: SurveyStage | None = None
        self.answers: dict[str, int | str] = {}
        self._saved: dict[str, int | str] = {}
        self._loading = Guard()
        self.scale_widgets: dict[str, widgets.RadioButtons] = {}
        self.text_widgets: dict[str, widgets.Textarea] = {}

        self.month = ui.labelled_text(
            words.CODE_MONTH_LABEL, placeholder=words.CODE_MONTH_PLACEHOLDER
        )
        self.day = ui.labelled_text(words.CODE_DAY_LABEL, placeholder=words.CODE_DAY_PLACEHOLDER)
        self.street = ui.labelled_text(
            words.CODE_STREET_LABEL, placeholder=words.CODE_STREET_PLACEHOLDER
        )
        # The boxes sync when left (Tab, Enter or a tap elsewhere), not at each key: a key still
        # in flight could otherwise reach the kernel after "Start the questions" and open the
        # sheet of a different code ("1" for "14"). The code appears as each box is left.
        for box in (self.month, self.day, self.street):
            box.observe(lambda _change: self._show_code(), names="value")
        self.code_line = widgets.HTML(self._code_html(None))
        self.code_message = FieldMessage()
        if stage is None:
            self.stage_choice: widgets.RadioButtons | None = widgets.RadioButtons(
                options=[(name, value.value) for value, name in words.STAGE_NAMES.items()],
                value=None,
                description=words.STAGE_LABEL,
                layout=widgets.Layout(**ui.FULL_WIDTH),
                style=ui.WIDE_LABEL,
            )
            self.stage_choice.add_class("qikit-survey-choice")
            stage_part: ipywidgets.Widget = self.stage_choice
        else:
            self.stage_choice = None
            stage_part = widgets.HTML(
                f"<p>{escape(words.STAGE_FIXED.format(stage=words.STAGE_NAMES[stage]))}</p>"
            )
        self.start_button = ui.big_button(words.CODE_BUTTON, style="primary")
        self.start_button.on_click(lambda _button: self.start())
        self.code_step = widgets.VBox(
            [
                widgets.HTML(
                    f"<h2>{escape(words.CODE_HEADING)}</h2><p>{escape(words.CODE_INTRO)}</p>"
                    f'<p class="qikit-note">{escape(words.CODE_WHY)}</p>'
                ),
                self.month,
                self.day,
                self.street,
                self.code_line,
                stage_part,
                self.code_message.widget,
                self.start_button,
            ],
            layout=widgets.Layout(**ui.FULL_WIDTH),
        )
        self.greeting = widgets.HTML("")
        self.other_code = ui.big_button(words.DIFFERENT_CODE)
        self.other_code.on_click(lambda _button: self.change_code())
        self.questions = widgets.VBox([], layout=widgets.Layout(**ui.FULL_WIDTH))
        self.status = SaveStatus()
        self.send_button = ui.big_button(words.SEND_BUTTON, style="primary")
        self.send_button.on_click(lambda _button: self.send())
        self.answer_step = widgets.VBox(
            [
                widgets.HTML(f"<h2>{escape(words.QUESTIONS_HEADING)}</h2>"),
                self.greeting,
                self.questions,
                self.send_button,
                self.status.widget,
                self.other_code,  # after sending: the next person on the same phone
            ],
            layout=widgets.Layout(display="none", **ui.FULL_WIDTH),
        )
        top = widgets.HTML(
            f"{PAGE_CSS}{ui.QIKIT_CSS}{SURVEY_CSS}<h1>{escape(items.title)}</h1>"
            f"<p>{escape(words.INTRO)}</p>"
        )
        self.widget = live_page([top, self.code_step, self.answer_step])
        self.widget.add_class("qikit-survey")

    # -- step 1: the code and the point ----------------------------------------------------------

    def _typed_code(self) -> str:
        return participant_code(self.month.value, self.day.value, self.street.value)

    @staticmethod
    def _code_html(code: str | None) -> str:
        if code is None:
            return f'<p class="qikit-note">{escape(words.CODE_NOT_YET)}</p>'
        return f'<p class="qikit-survey-code">{escape(words.CODE_IS.format(code=code))}</p>'

    def _show_code(self) -> None:
        try:
            code: str | None = self._typed_code()
        except DataError:
            code = None
        self.code_line.value = self._code_html(code)
        if code is not None:
            self.code_message.clear()

    def start(self) -> None:
        """Open the sheet of the typed code at the chosen point (its saved answers filled in)."""
        try:
            code = self._typed_code()
        except DataError as error:
            self.code_message.show(error.what_to_do)
            return
        if self.fixed_stage is not None:
            stage = self.fixed_stage
        elif self.stage_choice is not None and self.stage_choice.value:
            stage = SurveyStage(self.stage_choice.value)
        else:
            self.code_message.show(words.STAGE_NEEDED)
            return
        from qikit.store.survey import load_survey_response

        self.code_message.clear()
        saved = load_survey_response(self.store, code, stage)
        self.code, self.stage = code, stage
        self._saved = dict(saved.answers) if saved is not None else {}
        self.answers = dict(self._saved)
        self._build_questions(stage)
        greeting = words.WELCOME_BACK if saved is not None else words.START_NEW
        self.greeting.value = f'<p role="status">{escape(greeting.format(code=code))}</p>'
        self.status.say("")
        self.code_step.layout.display = "none"
        self.answer_step.layout.display = None

    def change_code(self) -> None:
        """Go back to the code step (another person on the same phone, or a typing slip)."""
        self.code = None
        self.stage = None
        self.answers = {}
        self._saved = {}
        for box in (self.month, self.day, self.street):
            box.value = ""
        if self.stage_choice is not None:
            self.stage_choice.value = None
        self.answer_step.layout.display = "none"
        self.code_step.layout.display = None

    # -- step 2: the questions -------------------------------------------------------------------

    def _build_questions(self, stage: SurveyStage) -> None:
        import ipywidgets as widgets

        from qikit.widgets import base as ui

        self.scale_widgets = {}
        self.text_widgets = {}
        parts: list[ipywidgets.Widget] = [
            widgets.HTML(f'<p class="qikit-note">{escape(words.SCALE_NOTE)}</p>')
        ]
        section = None
        with self._loading:
            for item in self.items.for_stage(stage):
                if item.section != section:
                    section = item.section
                    parts.append(widgets.HTML(f"<h3>{escape(section)}</h3>"))
                parts.append(self._question(item, widgets, ui))
        self.questions.children = parts

    def _question(self, item: SurveyItem, widgets: Any, ui: Any) -> ipywidgets.Widget:
        saved = self.answers.get(item.item_id)
        if item.kind is ItemKind.SCALE:
            choice = widgets.RadioButtons(
                options=[(word, score) for score, word in enumerate(self.items.scale, start=1)],
                value=saved if isinstance(saved, int) else None,
                description=item.statement,
                layout=widgets.Layout(**ui.FULL_WIDTH),
                style=ui.WIDE_LABEL,
            )
            choice.add_class("qikit-survey-choice")
            choice.observe(
                lambda change, key=item.item_id: self.answer(key, change["new"]), names="value"
            )
            self.scale_widgets[item.item_id] = choice
            return choice
        box = ui.labelled_text(
            item.statement,
            saved if isinstance(saved, str) else "",
            long=True,
            placeholder=words.TEXT_PLACEHOLDER,
        )
        box.observe(lambda change, key=item.item_id: self.answer(key, change["new"]), names="value")
        self.text_widgets[item.item_id] = box
        return box

    def answer(self, item_id: str, value: object) -> None:
        """Take one answer (a score 1–5, some words, or None/"" for none) and save the sheet."""
        if self._loading or self.code is None or self.stage is None:
            return
        if isinstance(value, str):
            value = value.strip()
        if value in (None, ""):
            self.answers.pop(item_id, None)
        elif isinstance(value, (int, str)):
            self.answers[item_id] = value
        self._save()

    def _save(self) -> bool:
        """Save the sheet if it changed; return True if the store holds what is on screen."""
        if self.code is None or self.stage is None:
            return False
        if self.answers == self._saved:
            return True
        from qikit.store.survey import save_survey_answers

        try:
            save_survey_answers(self.store, self.code, self.stage, self.answers, author=AUTHOR)
        except StoreFault as fault:  # the disk or the store file: say which, keep the answers
            self.status.failed(str(fault), retry_helps=False)
            return False
        except QikitError:
            self.status.failed(words.NOT_SAVED)
            return False
        self._saved = dict(self.answers)
        self.status.saved()
        return True

    def send(self) -> None:
        """Save anything not saved yet and say the answers are in (and how to change them)."""
        if self._save():
            self.status.say(words.SENT)


# -- the review copy -------------------------------------------------------------------------------


def survey_review_html(items: SurveyItems, sheets: Mapping[SurveyStage, int], codes: int) -> str:
    """Return the static copy: the questions by section and the number of sheets per point."""
    parts = [
        f'<div class="qikit-page qikit-survey">{PAGE_CSS}{SURVEY_CSS}',
        f"<h1>{escape(items.title)}</h1><p>{escape(words.REVIEW_INTRO)}</p>",
        f"<h2>{escape(words.COUNT_HEADING)}</h2>",
    ]
    if codes:
        rows = "".join(
            f"<li>{escape(words.SHEETS_AT.format(stage=name, count=sheets.get(stage, 0)))}</li>"
            for stage, name in words.STAGE_NAMES.items()
        )
        parts.append(f"<ul>{rows}</ul><p>{escape(words.ALL_SHEETS.format(count=codes))}</p>")
    else:
        parts.append(f"<p>{escape(words.NO_SHEETS)}</p>")
    parts.append(f"<h2>{escape(words.QUESTIONS_HEADING_REVIEW)}</h2>")
    scale = " · ".join(f"{n} {word}" for n, word in enumerate(items.scale, start=1))
    parts.append(f'<p class="qikit-note">{escape(scale)}</p>')
    section = None
    for item in items.items:
        if item.section != section:
            if section is not None:
                parts.append("</ol>")
            section = item.section
            parts.append(f"<h3>{escape(section)}</h3><ol>")
        when = ", ".join(words.STAGE_NAMES[s] for s in item.stages)
        every = item.stages == tuple(SurveyStage)
        note = "" if every else f' <span class="qikit-note">({escape(when)})</span>'
        parts.append(f"<li>{escape(item.statement)}{note}</li>")
    if section is not None:
        parts.append("</ol>")
    parts.append("</div>")
    return "".join(parts)


# -- the entry points ------------------------------------------------------------------------------


def _open_store(cohort: Path) -> Store:
    from qikit.store import open_store

    return open_store(store_path(cohort), create=False)


def survey_view(*, cohort: str, mode: str = "app", stage: str = "") -> View:
    """Return the survey page of the cohort in folder ``cohort``: the live page (a widget), the
    review copy (HTML), or a plain message. Never raises."""
    try:
        if mode not in MODES or stage not in ("", *(s.value for s in SurveyStage)):
            return message_html(words.UNKNOWN_STAGE)
        from qikit.cohort.survey_items import cohort_survey_items, load_survey_items

        folder = Path(str(cohort or "")).expanduser()
        if not str(cohort or "").strip():
            if mode == "review":  # the questions alone, as qikit ships them
                return survey_review_html(load_survey_items(survey_items_default()), {}, 0)
            return message_html(words.NO_COHORT)
        items = cohort_survey_items(folder)
        store = _open_store(folder)
        if mode == "review":
            from qikit.store.survey import load_survey_responses

            try:
                responses = load_survey_responses(store)
            finally:
                store.close()
            counted = Counter(r.stage for r in responses)
            codes = len({r.participant_code for r in responses})
            return survey_review_html(items, counted, codes)
        try:
            return SurveyApp(store, items, stage=_stage_or_none(stage)).widget
        except BaseException:
            store.close()
            raise
    except Exception as error:
        reference, _ = report_failure(
            error, cohort=str(cohort), stage=SURVEY_STAGE, mode=str(mode), team=""
        )
        return failure_html(reference)


def show_survey(*, cohort: str, mode: str = "app", stage: str = "") -> None:
    """Display the survey page (see :func:`survey_view`). Never raises, never a traceback."""
    show_view(
        lambda: survey_view(cohort=cohort, mode=mode, stage=stage),
        cohort=cohort,
        stage=SURVEY_STAGE,
        mode=mode,
        team="",
    )
