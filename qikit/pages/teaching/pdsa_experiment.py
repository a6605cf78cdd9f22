"""Test a change with PDSA: the room times a simple task before and after a change.

The classroom experiment: everyone times a simple task (fold a napkin into a bishop's hat),
the trainer changes one thing (show the folds on the screen) and everyone does it again. The
times, typed by the trainer or sent from phones, become a run chart with the change marked
(:func:`qikit.core.spc.qic.qic`, drawn by :func:`qikit.render.charts.plot_chart`), and the
PDSA cycle fills itself in as the times arrive, drawn by :mod:`qikit.render.pdsa` the way a
team's own cycle is drawn.

The times live in the kernel only (:class:`Experiment`): a classroom exercise, not a team's
record. Round 1 ("before") is the room session's first round; "Start round 2" asks the room a
new question, and a phone's late answer to round 1 still counts as "before". ipywidgets and
matplotlib are imported only when a page is drawn.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import statistics
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from qikit.core.model import (
    ChangeIdea,
    Measure,
    MeasureType,
    PdsaCycle,
    PdsaDecision,
    PdsaStatus,
    Project,
)
from qikit.core.spc.qic import QicResult, qic
from qikit.core.wording import pdsa as pdsa_words
from qikit.core.wording import teaching_room as words
from qikit.errors import DataError, QikitError
from qikit.pages.frame import View
from qikit.pages.teaching import room_link
from qikit.pages.teaching.frame import teaching_page
from qikit.render.text import escape

if TYPE_CHECKING:
    import ipywidgets

__all__ = [
    "Experiment",
    "PdsaExperimentPage",
    "build",
    "example_experiment",
    "parse_seconds",
]

BEFORE, AFTER = words.BEFORE, words.AFTER
PHASES = (BEFORE, AFTER)
#: The ids the drawn cycle links to (one change idea, one measure), fixed so drawings are stable.
IDEA_ID, MEASURE_ID, CYCLE_ID = "room-change", "room-seconds", "room-cycle"


def _refused(sentence: str) -> DataError:
    return DataError(words.TIME_LABEL, "a time in seconds", None, sentence)


def plain(error: QikitError) -> str:
    """Return the sentence to show for ``error``: what to do, else its whole message."""
    return getattr(error, "what_to_do", "") or str(error)


def parse_seconds(text: str) -> float:
    """Return the seconds typed ("45", "52.5", "52,5", "45 s"); DataError with a plain message."""
    cleaned = " ".join(str(text).split()).lower()
    for unit in ("seconds", "secs", "sec", "s"):
        if cleaned.endswith(unit):
            cleaned = cleaned[: -len(unit)].strip()
            break
    if not cleaned:
        raise _refused(words.EMPTY_TIME)
    try:
        seconds = float(cleaned.replace(",", "."))
    except ValueError:
        raise _refused(words.NOT_A_NUMBER) from None
    return check_seconds(seconds)


def check_seconds(seconds: float) -> float:
    """Return ``seconds`` if it is a sensible time for the task; DataError otherwise."""
    if not math.isfinite(seconds):
        raise _refused(words.NOT_A_NUMBER)
    if seconds <= 0:
        raise _refused(words.TOO_SMALL)
    if seconds > words.HIGHEST_SECONDS:
        raise _refused(words.TOO_BIG.format(high=f"{words.HIGHEST_SECONDS:g}"))
    return seconds


def _fmt(seconds: float) -> str:
    return f"{seconds:.1f}".removesuffix(".0")


def _people(count: int) -> str:
    return words.ONE_PERSON if count == 1 else words.PEOPLE.format(count=count)


def _count_words(count: int) -> str:
    return words.ONE_TIME if count == 1 else words.TIMES_COUNT.format(count=count)


class Experiment:
    """Return nothing; hold one classroom experiment: the plan, the two rounds of times, the act.

    ``today`` is the day the cycle is drawn with (None leaves the dates out, so a worked
    example reads the same every day).
    """

    def __init__(
        self,
        *,
        task: str = words.TASK,
        change: str = words.CHANGE,
        prediction: str = words.PREDICTION,
        today: dt.date | None = None,
    ) -> None:
        self.task = task
        self.change = change
        self.prediction = prediction
        self.today = today
        self.times: dict[str, list[float]] = {BEFORE: [], AFTER: []}
        self.phase = BEFORE
        self.decision: str | None = None
        self._before_round: int | None = None

    # --- collecting -----------------------------------------------------------------------------

    def add(self, seconds: float, phase: str | None = None) -> str:
        """Return the sentence for a time added to ``phase`` (default: the round collecting)."""
        phase = phase or self.phase
        if phase not in PHASES:
            raise DataError("Round", "“before” or “after”", phase)
        value = check_seconds(float(seconds))
        self.times[phase].append(value)
        return words.ADDED_TIME.format(seconds=_fmt(value), phase=words.PHASE_WORDS[phase])

    def add_typed(self, text: str) -> str:
        """Return the sentence for a time the trainer typed, added to the round collecting."""
        return self.add(parse_seconds(text))

    def start_after(self) -> None:
        """Collect round 2 ("after the change") from now on."""
        self.phase = AFTER

    def back_to_before(self) -> None:
        """Collect round 1 again (the trainer pressed "Start round 2" too soon)."""
        self.phase = BEFORE

    def phase_of(self, entry: object) -> str:
        """Return the round a phone's entry belongs to.

        While round 1 is collecting, everything is "before" (and its room round is noted); after
        "Start round 2", an answer to that same room round came late but is still "before".
        """
        room_round = getattr(entry, "round", None)
        if self.phase == BEFORE:
            if self._before_round is None and room_round is not None:
                self._before_round = int(room_round)
            return BEFORE
        if room_round is not None and self._before_round == int(room_round):
            return BEFORE
        return AFTER

    def take(self, entry: object) -> str:
        """Return the sentence for one phone's entry; never raises (a bad one gives its message)."""
        try:
            number = room_link.entry_number(entry)
            seconds = number if number is not None else parse_seconds(room_link.entry_text(entry))
            phase = self.phase_of(entry)
            self.add(seconds, phase)
        except DataError as error:
            return plain(error)
        return words.ROOM_TIME.format(seconds=_fmt(seconds), phase=words.PHASE_WORDS[phase])

    # --- reading ------------------------------------------------------------------------------

    def values(self) -> list[float]:
        """Return every time in chart order: round 1, then round 2."""
        return [*self.times[BEFORE], *self.times[AFTER]]

    def median(self, phase: str) -> float | None:
        """Return the median time of one round (None when it has no times)."""
        times = self.times[phase]
        return statistics.median(times) if times else None

    def result(self) -> QicResult | None:
        """Return the run chart of all the times (None before the first time)."""
        values = self.values()
        return qic(values, chart="run") if values else None

    def reading(self) -> str:
        """Return what the run chart says, in plain words ("" before the first time)."""
        result = self.result()
        return result.reading().plain if result is not None else ""

    def times_html(self) -> str:
        """Return how many times each round has and its median, in words."""
        items = []
        for phase in PHASES:
            median = self.median(phase)
            name = words.PHASE_WORDS[phase]
            line = (
                words.TIMES_NONE.format(phase=name)
                if median is None
                else words.TIMES_WORDS.format(
                    phase=name, count=_count_words(len(self.times[phase])), median=_fmt(median)
                )
            )
            items.append(f"<li>{escape(line)}</li>")
        return f"<h2>{escape(words.TIMES_HEADING)}</h2><ul>{''.join(items)}</ul>"

    def chart_html(self) -> str:
        """Return the run chart (inline SVG with its description) and how to read it."""
        result = self.result()
        heading = f"<h2>{escape(words.CHART_HEADING)}</h2>"
        if result is None:
            return heading + f"<p>{escape(words.CHART_EMPTY)}</p>"
        from qikit.render.charts import plot_chart
        from qikit.render.measures import inline_svg

        n_before = len(self.times[BEFORE])
        marks = [(n_before + 1, words.CHART_CHANGE)] if self.times[AFTER] else []
        drawing = plot_chart(result, title=words.CHART_TITLE, y_label=words.Y_LABEL, pdsa=marks)
        svg = inline_svg(drawing.to_svg())
        drawing.figure.clear()  # the figure is not kept: free its memory now
        return (
            heading
            + f"<p>{escape(words.CHART_EXPLAINED)}</p>"
            + f'<div class="qikit-figure qikit-room-figure">{svg}</div>'
            + f'<p role="status"><strong>{escape(self.reading())}</strong></p>'
        )

    def cycle(self) -> PdsaCycle:
        """Return the PDSA cycle as far as the experiment has got, filled in from the times."""
        before, after = self.median(BEFORE), self.median(AFTER)
        n_before, n_after = len(self.times[BEFORE]), len(self.times[AFTER])
        if not n_before and not n_after:
            status, happened = PdsaStatus.PLAN, ""
        else:
            status = PdsaStatus.DO
            happened = words.HAPPENED.format(
                n_before=_people(n_before),
                n_after=_people(n_after),
                before="–" if before is None else _fmt(before),
                after="–" if after is None else _fmt(after),
            )
        study = ""
        if before is not None and after is not None:
            status = PdsaStatus.STUDY
            diff = abs(before - after)
            template = words.FASTER if after < before else words.SLOWER
            study = (
                words.SAME.format(before=_fmt(before))
                if before == after
                else template.format(diff=_fmt(diff), before=_fmt(before), after=_fmt(after))
            )
            result = self.result()
            signals = result.signals if result is not None else []
            study += " " + (
                words.SIGNAL_SEEN.format(reading=self.reading())
                if signals
                else words.NO_SIGNAL_SEEN
            )
        next_step = ""
        if self.decision and status is PdsaStatus.STUDY:
            status, next_step = PdsaStatus.DONE, words.NEXT_STEPS[self.decision]
        return PdsaCycle(
            record_id=CYCLE_ID,
            title=words.CYCLE_TITLE,
            change_idea_id=IDEA_ID,
            measure_ids=(MEASURE_ID,),
            status=status,
            objective=words.OBJECTIVE,
            question=words.QUESTION,
            prediction=self.prediction or words.PREDICTION,
            who=words.WHO,
            what=self.task,
            when=words.WHEN,
            where=words.WHERE,
            data_to_collect=words.DATA_TO_COLLECT,
            what_happened=happened or words.HAPPENED_NOTHING,
            result_vs_prediction=study or words.STUDY_WAITING,
            decision=(
                PdsaDecision(self.decision) if status is PdsaStatus.DONE and self.decision else None
            ),
            next_step=next_step,
            started_on=self.today if status is not PdsaStatus.PLAN else None,
            finished_on=self.today if status is PdsaStatus.DONE else None,
        )

    def cycle_html(self) -> str:
        """Return the filled-in cycle: its step on a ramp and every part written out (open)."""
        from qikit.render.pdsa import render_cycle_details_html, render_ramp_svg

        cycle = self.cycle()
        project = Project.of(
            [
                ChangeIdea(record_id=IDEA_ID, text=self.change),
                Measure(
                    record_id=MEASURE_ID, name=words.CHART_TITLE, measure_type=MeasureType.OUTCOME
                ),
                cycle,
            ]
        )
        details = render_cycle_details_html(cycle, project).replace(
            "<details>", "<details open>", 1
        )
        if cycle.started_on is None:
            # A cycle without dates (the worked example) need not say "not set to not set".
            details = re.sub(r"<dt>Dates</dt><dd>[^<]*</dd>", "", details, count=1)
        return (
            f"<h2>{escape(words.CYCLE_HEADING)}</h2>"
            f'<div class="qikit-figure">{render_ramp_svg(self.change, [cycle])}</div>{details}'
        )

    def static_html(self) -> str:
        """Return the whole experiment as HTML: the plan, the times, the chart and the cycle."""
        plan = (
            f"<p><strong>{escape(words.TASK_LABEL)}</strong> {escape(self.task)}</p>"
            f"<p><strong>{escape(words.CHANGE_LABEL)}</strong> {escape(self.change)}</p>"
            f"<p><strong>{escape(words.PREDICTION_LABEL)}</strong> {escape(self.prediction)}</p>"
        )
        return plan + self.times_html() + self.chart_html() + self.cycle_html()


def example_experiment() -> Experiment:
    """Return the worked example: the times one room sent, and its decision (adopt)."""
    experiment = Experiment()
    for seconds in words.EXAMPLE_BEFORE:
        experiment.add(seconds, BEFORE)
    for seconds in words.EXAMPLE_AFTER:
        experiment.add(seconds, AFTER)
    experiment.start_after()
    experiment.decision = words.EXAMPLE_DECISION
    return experiment


class PdsaExperimentPage:
    """The live page: the plan, "Add this time", round 1 then round 2, the chart and the cycle.

    ``room`` (anything with ``on_entries`` and ``ask``) brings the phones' times; without one
    the trainer types every time. ``question`` builds the room's questions.
    """

    def __init__(
        self,
        experiment: Experiment | None = None,
        *,
        room: room_link.Room | None = None,
        question: Callable[..., Any] = room_link.room_question,
    ) -> None:
        import ipywidgets as widgets

        from qikit.widgets import base as ui

        self.experiment = experiment or Experiment(today=dt.date.today())
        self.room = room
        self._question = question
        full = widgets.Layout(**ui.FULL_WIDTH)
        self.task = ui.labelled_text(words.TASK_LABEL, self.experiment.task)
        self.change = ui.labelled_text(words.CHANGE_LABEL, self.experiment.change)
        self.prediction = ui.labelled_text(
            words.PREDICTION_LABEL, self.experiment.prediction, long=True
        )
        self.phase_line = widgets.HTML(layout=full)
        # Sent at each keystroke so the button always reads the number on the screen.
        self.time = widgets.Text(
            description=words.TIME_LABEL,
            placeholder=words.TIME_PLACEHOLDER,
            continuous_update=True,
            layout=full,
            style=ui.WIDE_LABEL,
        )
        self.add_button = ui.big_button(words.ADD_TIME_BUTTON, style="primary")
        self.after_button = ui.big_button(words.START_AFTER_BUTTON)
        self.back_button = ui.big_button(words.BACK_TO_BEFORE_BUTTON)
        self.message = widgets.HTML(layout=full)
        self.times = widgets.HTML(layout=full)
        self.chart = widgets.HTML(layout=full)
        self.decision = ui.labelled_dropdown(
            words.DECISION_LABEL,
            [(words.NO_DECISION_YET, ""), *((v, k) for k, v in pdsa_words.DECISION_WORDS.items())],
            value=self.experiment.decision or "",
        )
        self.cycle = widgets.HTML(layout=full)

        self.add_button.on_click(lambda _button: self.add_typed())
        self.after_button.on_click(lambda _button: self.start_after())
        self.back_button.on_click(lambda _button: self.back_to_before())
        for box, name in ((self.task, "task"), (self.change, "change")):
            box.observe(lambda change, name=name: self._plan_changed(name, change), names="value")
        self.prediction.observe(lambda c: self._plan_changed("prediction", c), names="value")
        self.decision.observe(self._decided, names="value")

        room_part: list[widgets.Widget] = [
            widgets.HTML(room_link.ROOM_CSS),
            ui.heading(words.ROOM_HEADING, 2),
        ]
        if room is None:
            room_part.append(widgets.HTML(f"<p>{escape(words.NO_ROOM_PDSA)}</p>"))
        else:
            room_part.append(widgets.HTML(f"<p>{escape(words.ROOM_HELP_PDSA)}</p>"))
            shown = room_link.room_widget(room)
            if shown is not None:
                room_part.append(shown)
            room.on_entries(self.take_entries)

        self.children: list[widgets.Widget] = [
            self.task,
            self.change,
            self.prediction,
            *room_part,
            self.phase_line,
            self.time,
            widgets.HBox([self.add_button, self.after_button, self.back_button]),
            self.message,
            self.times,
            self.chart,
            self.decision,
            self.cycle,
        ]
        self.redraw()

    # --- what the trainer does ---------------------------------------------------------------

    def say(self, sentence: str) -> None:
        """Show ``sentence`` under the buttons (read out by screen readers)."""
        self.message.value = f'<p role="status" aria-live="polite">{escape(sentence)}</p>'

    def add_typed(self) -> None:
        """Add the time typed in the box to the round collecting, and clear the box."""
        try:
            self.say(self.experiment.add_typed(self.time.value))
        except DataError as error:
            self.say(plain(error))
            return
        self.time.value = ""
        self.redraw()

    def start_after(self) -> None:
        """Make the change: collect round 2 from now on, and ask the room again."""
        self.experiment.start_after()
        self.redraw()
        if self.room is not None:
            try:
                self.room.ask(self._time_question(AFTER))
            except QikitError as error:
                # The page still collects round 2 typed in; the trainer reads why phones cannot.
                self.say(plain(error))

    def back_to_before(self) -> None:
        """Collect round 1 again."""
        self.experiment.back_to_before()
        self.redraw()

    def take_entries(self, entries: list[Any]) -> None:
        """Add the phones' new times and redraw once."""
        sentences = [self.experiment.take(e) for e in entries]
        if sentences:
            self.say(" ".join(sentences[-3:]))
            self.redraw()

    def _time_question(self, phase: str) -> Any:
        prompt = words.TIME_PROMPT_BEFORE if phase == BEFORE else words.TIME_PROMPT_AFTER
        return self._question(
            "number", prompt, unit=words.TIME_UNIT, low=0, high=words.HIGHEST_SECONDS
        )

    def _plan_changed(self, name: str, change: dict[str, Any]) -> None:
        setattr(self.experiment, name, str(change["new"]))
        self.redraw()

    def _decided(self, change: dict[str, Any]) -> None:
        self.experiment.decision = str(change["new"]) or None
        self.cycle.value = self.experiment.cycle_html()

    # --- drawing ------------------------------------------------------------------------------

    def redraw(self) -> None:
        """Draw which round is collecting, the times, the run chart and the cycle."""
        phase = self.experiment.phase
        self.phase_line.value = (
            f"<h2>{escape(words.NOW_COLLECTING.format(phase=words.PHASE_WORDS[phase]))}</h2>"
        )
        self.after_button.layout.display = "none" if phase == AFTER else None
        self.back_button.layout.display = None if phase == AFTER else "none"
        self.times.value = self.experiment.times_html()
        self.chart.value = self.experiment.chart_html()
        self.cycle.value = self.experiment.cycle_html()

    @property
    def widget(self) -> ipywidgets.Widget:
        """The page: the frame with the plan, the room, the times, the chart and the cycle."""
        return teaching_page(words.PDSA_TITLE, words.PDSA_INTRO, self.children, mode="app")


def build(
    mode: str = "app",
    *,
    cohort: str | None = None,
    room: room_link.Room | None = None,
    example: bool | None = None,
    times_before: Sequence[float] = (),
    times_after: Sequence[float] = (),
) -> View:
    """Return the page: live (``mode="app"``, a widget) or the worked example as HTML (review).

    Live, the room joins through a room panel on the cohort's store when ``cohort`` is given
    (or the ``room`` passed). ``example=True`` starts with the worked example's times;
    ``times_before`` and ``times_after`` start it with times of your own.
    """
    if mode == "review":
        experiment = example_experiment()
        if times_before or times_after:
            experiment = Experiment()
            for seconds in times_before:
                experiment.add(seconds, BEFORE)
            for seconds in times_after:
                experiment.add(seconds, AFTER)
        note = f'<p class="qikit-note">{escape(words.PDSA_EXAMPLE_NOTE)}</p>'
        return teaching_page(
            words.PDSA_TITLE, words.PDSA_INTRO, [note, experiment.static_html()], mode=mode
        )
    experiment = example_experiment() if example else Experiment(today=dt.date.today())
    for seconds in times_before:
        experiment.add(seconds, BEFORE)
    for seconds in times_after:
        experiment.add(seconds, AFTER)
    if times_after:
        experiment.start_after()
    if room is None:
        room = room_link.open_room(
            cohort,
            title=words.PDSA_TITLE,
            question=lambda: room_link.room_question(
                "number",
                words.TIME_PROMPT_BEFORE,
                unit=words.TIME_UNIT,
                low=0,
                high=words.HIGHEST_SECONDS,
            ),
        )
    return PdsaExperimentPage(experiment, room=room).widget
