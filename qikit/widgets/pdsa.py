"""The PDSA log: start small tests of change ideas and fill them in step by step.

One editor is shared by all cycles: pick a cycle (or start one) and its Plan, Do, Study and Act
appear. The Do, Study and Act parts stay locked until the prediction is written, because the model
refuses a cycle past Plan without one — the lock says why in words, and pressing "Move on to Do"
too early shows the model's own message beside the prediction box. Every box saves when the
person leaves it; a refused entry keeps its text on screen.

Above the editor: every cycle as a list (stage in words and a P-D-S-A marker made of letters
and symbols), and a ramp per change idea, drawn by :mod:`qikit.render.pdsa` — the same
functions the static notebook uses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import partial
from typing import Any

import ipywidgets as widgets

from qikit.core.model import (
    MAX_SHORT_TEXT,
    Measure,
    PdsaCycle,
    PdsaDecision,
    PdsaStatus,
    Project,
    RecordKind,
    new_record_id,
)
from qikit.core.wording import pdsa as words
from qikit.render.pdsa import (
    PLAN_KEYS,
    cycles_in_order,
    progress_marker,
    render_cycle_list_html,
    render_example,
    render_ramps_html,
    stage_words,
)
from qikit.render.text import date_words
from qikit.store.base import StoredRecord
from qikit.widgets import base as ui
from qikit.widgets.base import FieldMessage, ToolContext, ToolWidget, text
from qikit.widgets.drafts import draft_text

__all__ = ["PdsaLogWidget", "start_pdsa_cycle"]

_DO_KEYS = ("what_happened", "surprises")
_STUDY_KEYS = ("result_vs_prediction",)
#: Saving any of these changes the list, the ramps or the cycle picker.
_LISTED = {"title", "change_idea_id", "status", "decision", "started_on", "finished_on"}
_ORDER = list(PdsaStatus)


def _short(value: str, limit: int = 70) -> str:
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


def start_pdsa_cycle(
    context: ToolContext, change_idea_id: str | None, title: str = ""
) -> StoredRecord:
    """Create a new PDSA cycle at the Plan stage (started today), testing the given idea.

    Without a ``title`` the cycle is called "Testing: <the idea>" (or "Untitled cycle").
    Raises :class:`~qikit.errors.QikitError` when the store refuses it.
    """
    if not title.strip():
        idea = None
        if change_idea_id is not None:
            stored = context.get(RecordKind.CHANGE_IDEA, change_idea_id)
            idea = stored.data.get("text", "") if stored is not None else None
        title = (
            (words.TESTING_PREFIX + " ".join(idea.split()))[:MAX_SHORT_TEXT]
            if idea and idea.strip()
            else words.UNTITLED
        )
    changes: dict[str, Any] = {
        "title": title,
        "change_idea_id": change_idea_id,
        "status": PdsaStatus.PLAN.value,
        "started_on": dt.date.today().isoformat(),
    }
    return context.save(RecordKind.PDSA, new_record_id(), changes)


class PdsaLogWidget(ToolWidget):
    """The PDSA log of one team: start cycles, fill them in step by step, see the ramps.

    Main controls (public so tests can drive them): ``new_idea``, ``new_title``,
    ``start_button``; ``cycle_picker``; for the open cycle ``title``, ``idea``,
    ``measure_boxes`` (measure id → Checkbox), ``started_on``, ``finished_on``, ``fields``
    (stored field name → text box), ``messages`` (stored field name → FieldMessage),
    ``move_on_button``, ``back_button``, ``decision``, ``phase_buttons`` (measure id → Button),
    ``delete_button``; the drawings ``cycle_list`` and ``ramps``; ``status`` and ``notice``.
    """

    history_kinds = (RecordKind.PDSA,)

    def __init__(self, context: ToolContext) -> None:
        super().__init__(context)
        self.notice = widgets.HTML()
        self.notice.add_class("qikit-status")
        self.current_id: str | None = None
        self.cycle: PdsaCycle | None = None
        self._project = Project()

        # Starting a cycle
        self.new_idea = ui.labelled_dropdown(words.NEW_IDEA)
        self.new_title_message = FieldMessage()
        self.new_title = draft_text(
            context, "pdsa.title", words.NEW_TITLE, placeholder=words.NEW_TITLE_PLACEHOLDER,
            message=self.new_title_message,
        )  # fmt: skip
        self.start_button = ui.big_button(words.START, style="primary")
        self.start_button.on_click(self._on_start)

        # All cycles
        self.cycle_list = widgets.HTML()
        self.ramps = widgets.HTML()
        self.ramps.add_class("qikit-figure")
        self.cycle_picker = ui.labelled_dropdown(words.OPEN_CYCLE)
        self.on_edit(self.cycle_picker, self._on_pick)

        # The open cycle
        self.messages: dict[str, FieldMessage] = {}
        self.title = self._text_box("title", words.TITLE_LABEL, long=False)
        self.idea = ui.labelled_dropdown(words.IDEA_LABEL)
        self.messages["change_idea_id"] = FieldMessage()
        self.on_edit(self.idea, partial(self._save_field, "change_idea_id"))
        self.measure_boxes: dict[str, widgets.Checkbox] = {}
        self.measures_area = widgets.VBox(layout=widgets.Layout(**ui.FULL_WIDTH))
        self.messages["measure_ids"] = FieldMessage()
        self.started_on = widgets.DatePicker(description=words.STARTED_LABEL, style=ui.WIDE_LABEL)
        self.finished_on = widgets.DatePicker(description=words.FINISHED_LABEL, style=ui.WIDE_LABEL)
        for key, picker in (("started_on", self.started_on), ("finished_on", self.finished_on)):
            self.messages[key] = FieldMessage()
            self.on_edit(picker, partial(self._on_date, key))

        self.fields: dict[str, widgets.Textarea] = {}
        for key in (*PLAN_KEYS, *_DO_KEYS, *_STUDY_KEYS, "next_step"):
            self.fields[key] = self._text_box(key, words.FIELD_LABELS[key], long=True)

        self.stage = widgets.HTML()
        self.move_on_button = ui.big_button(words.MOVE_ON["plan"], style="primary")
        self.move_on_button.on_click(lambda _: self._move(+1))
        self.back_button = ui.big_button(words.GO_BACK)
        self.back_button.on_click(lambda _: self._move(-1))
        self.messages["status"] = FieldMessage()

        self.decision = widgets.RadioButtons(
            description=words.DECISION_LABEL,
            options=[(words.DECISION_WORDS[d.value], d.value) for d in PdsaDecision],
            value=None,
            style=ui.WIDE_LABEL,
            layout=widgets.Layout(**ui.FULL_WIDTH),
        )
        self.messages["decision"] = FieldMessage()
        self.on_edit(self.decision, partial(self._save_field, "decision"))
        self.prediction_beside = widgets.HTML(layout=widgets.Layout(flex="1 1 18rem"))
        self.lock_notes = {name: widgets.HTML() for name in ("do", "study", "act")}
        self.phase_buttons: dict[str, widgets.Button] = {}
        self.phase_area = widgets.VBox(layout=widgets.Layout(**ui.FULL_WIDTH))
        self.delete_button = ui.big_button(words.DELETE, style="danger")
        self.delete_button.on_click(self._on_delete)

        self.nothing_open = widgets.HTML(f"<p>{text(words.NOTHING_OPEN)}</p>")
        self.editor = widgets.VBox(self._editor_children(), layout=widgets.Layout(**ui.FULL_WIDTH))

        self.help = ui.help_panel(words.WHAT_IS_IT, words.HOW_TO, render_example())
        self.widget = self.frame(
            words.TITLE,
            self.help,
            ui.heading(words.START_HEADING),
            self.new_idea,
            self.new_title,
            self.new_title_message.widget,
            self.start_button,
            ui.heading(words.LIST_HEADING),
            self.cycle_list,
            self.cycle_picker,
            self.notice,
            self.nothing_open,
            self.editor,
            ui.heading(words.RAMP_HEADING),
            self.ramps,
        )
        # Another tool on this page saved: update the choices and drawings it affects.
        self.listen((RecordKind.CHANGE_IDEA, RecordKind.MEASURE, RecordKind.PDSA), self._refresh)
        self.reload()

    # -- building -------------------------------------------------------------------------------

    def _text_box(self, key: str, label: str, *, long: bool) -> widgets.Text | widgets.Textarea:
        box = ui.labelled_text(label, long=long)
        self.messages[key] = FieldMessage()
        self.on_edit(box, partial(self._save_field, key))
        return box

    def _with_message(self, key: str, control: widgets.Widget) -> list[widgets.Widget]:
        return [control, self.messages[key].widget]

    def _editor_children(self) -> list[widgets.Widget]:
        wrap = widgets.Layout(flex_flow="row wrap", width="100%")
        plan = [ui.heading(f"P — {words.PLAN_HEADING}", 4)]
        for key in PLAN_KEYS:
            plan += self._with_message(key, self.fields[key])
        do = [ui.heading(f"D — {words.DO_HEADING}", 4), self.lock_notes["do"]]
        for key in _DO_KEYS:
            do += self._with_message(key, self.fields[key])
        result = widgets.VBox(
            self._with_message("result_vs_prediction", self.fields["result_vs_prediction"]),
            layout=widgets.Layout(flex="1 1 18rem"),
        )
        study = [
            ui.heading(f"S — {words.STUDY_HEADING}", 4),
            self.lock_notes["study"],
            widgets.HBox([self.prediction_beside, result], layout=wrap),
        ]
        act = [
            ui.heading(f"A — {words.ACT_HEADING}", 4),
            self.lock_notes["act"],
            *self._with_message("decision", self.decision),
            *self._with_message("next_step", self.fields["next_step"]),
            self.phase_area,
        ]
        return [
            *self._with_message("title", self.title),
            *self._with_message("change_idea_id", self.idea),
            widgets.HTML(f"<strong>{text(words.MEASURES_LABEL)}</strong>"),
            self.measures_area,
            self.messages["measure_ids"].widget,
            widgets.HBox([self.started_on, self.finished_on], layout=wrap),
            self.messages["started_on"].widget,
            self.messages["finished_on"].widget,
            self.stage,
            *plan,
            widgets.HBox([self.move_on_button, self.back_button], layout=wrap),
            self.messages["status"].widget,
            *do,
            *study,
            *act,
            self.delete_button,
        ]

    # -- loading and drawing --------------------------------------------------------------------

    def reload(self) -> None:
        """Rebuild everything from the store (the open cycle stays open if it still exists)."""
        self._refresh()
        if self.current_id is not None and self._cycle_in_project(self.current_id) is None:
            self.current_id = None
        self.open_cycle(self.current_id)

    def _cycle_in_project(self, cycle_id: str) -> PdsaCycle | None:
        record = self._project.get(RecordKind.PDSA, cycle_id)
        return record if isinstance(record, PdsaCycle) else None

    def _idea_options(self, first: str) -> list[tuple[str, str | None]]:
        ideas = sorted(self._project.change_ideas, key=lambda i: (i.text.casefold(), i.record_id))
        return [(first, None)] + [(_short(i.text) or "(no words yet)", i.record_id) for i in ideas]

    def _refresh_choices(self) -> None:
        """Update the change idea and cycle lists and the measure tick boxes."""
        self.set_options(self.new_idea, self._idea_options(words.FROM_SCRATCH), self.new_idea.value)
        current_idea = self.cycle.change_idea_id if self.cycle is not None else None
        self.set_options(self.idea, self._idea_options(words.UNLINKED_IDEA), current_idea)
        cycles = cycles_in_order(self._project.pdsa_cycles)
        picks = [(f"— {words.OPEN_CYCLE} —", None)] + [
            (f"{_short(c.title) or words.UNTITLED} ({stage_words(c.status)})", c.record_id)
            for c in cycles
        ]
        self.set_options(self.cycle_picker, picks, self.current_id)
        measures = sorted(self._project.measures, key=lambda m: (m.name.casefold(), m.record_id))
        wanted = [(m.record_id, m.name) for m in measures]
        have = [(mid, box.description) for mid, box in self.measure_boxes.items()]
        if wanted != have:
            self.measure_boxes = {}
            for mid, name in wanted:
                box = widgets.Checkbox(
                    description=name, indent=False, layout=widgets.Layout(width="100%")
                )
                self.on_edit(box, self._on_measure)
                self.measure_boxes[mid] = box
            self.measures_area.children = list(self.measure_boxes.values()) or [
                widgets.HTML(f"<p>{text(words.NO_MEASURES)}</p>")
            ]
            self._show_measures()

    def _refresh(self) -> None:
        """Load the project again and update the choices and drawings that come from it."""
        self._project = self.context.project()
        self._refresh_choices()
        self._redraw()

    def _redraw(self) -> None:
        """Draw the list of cycles and the ramps from the last loaded project."""
        self.cycle_list.value = render_cycle_list_html(self._project)
        self.ramps.value = render_ramps_html(self._project)

    def open_cycle(self, cycle_id: str | None) -> None:
        """Show the cycle ``cycle_id`` in the editor (None: close the editor)."""
        self.current_id = cycle_id
        self.cycle = None
        if cycle_id is not None:
            record = self.context.record(RecordKind.PDSA, cycle_id)
            self.cycle = record if isinstance(record, PdsaCycle) else None
        if self.cycle is None:
            self.current_id = None
        for message in self.messages.values():
            message.clear()
        self.editor.layout.display = "none" if self.cycle is None else None
        self.nothing_open.layout.display = None if self.cycle is None else "none"
        self.set_options(self.cycle_picker, self.cycle_picker.options, self.current_id)
        if self.cycle is None:
            return
        cycle = self.cycle
        with self.loading():
            self.title.value = cycle.title
            for key, box in self.fields.items():
                box.value = getattr(cycle, key)
            self.started_on.value = cycle.started_on
            self.finished_on.value = cycle.finished_on
            self.decision.value = cycle.decision.value if cycle.decision else None
        self.set_options(self.idea, self.idea.options, cycle.change_idea_id)
        self._show_measures()
        self._show_stage()

    def _show_measures(self) -> None:
        linked = set(self.cycle.measure_ids) if self.cycle is not None else set()
        with self.loading():
            for mid, box in self.measure_boxes.items():
                box.value = mid in linked

    def _show_stage(self) -> None:
        """Show the stage, the locks, the prediction beside the result and the phase buttons."""
        cycle = self.cycle
        if cycle is None:
            return
        self.stage.value = (
            f"<p><strong>Stage:</strong> {text(stage_words(cycle.status))} "
            f'<span aria-hidden="true" style="font-family:monospace;border:1px solid #4c6272;'
            f'padding:0 4px">{text(progress_marker(cycle.status))}</span></p>'
        )
        if cycle.status is PdsaStatus.DONE:
            self.move_on_button.description = words.FINISHED_NOTE
            self.move_on_button.disabled = True
        else:
            self.move_on_button.description = words.MOVE_ON[cycle.status.value]
            self.move_on_button.disabled = False
        self.back_button.disabled = cycle.status is PdsaStatus.PLAN
        locked = not cycle.prediction.strip()
        for note in self.lock_notes.values():
            note.value = f'<p role="note">🔒 {text(words.LOCKED)}</p>' if locked else ""
        for key in (*_DO_KEYS, *_STUDY_KEYS, "next_step"):
            self.fields[key].disabled = locked
        self.decision.disabled = locked
        prediction = cycle.prediction if cycle.prediction.strip() else words.NO_PREDICTION
        self.prediction_beside.value = (
            f'<div style="border-left:4px solid #005eb8;padding:0 12px">'
            f"<strong>{text(words.PREDICTION_BESIDE)}</strong>"
            f'<p style="white-space:pre-wrap">{text(prediction)}</p></div>'
        )
        self._show_phase_buttons(locked)

    def _show_phase_buttons(self, locked: bool) -> None:
        cycle = self.cycle
        self.phase_buttons = {}
        if cycle is None or cycle.decision is not PdsaDecision.ADOPT:
            self.phase_area.children = []
            return
        measures = {m.record_id: m for m in self._project.measures}
        children: list[widgets.Widget] = []
        for mid in cycle.measure_ids:
            if mid not in measures:
                continue
            button = ui.big_button(words.PHASE_BUTTON.format(measure=_short(measures[mid].name)))
            button.disabled = locked
            button.on_click(lambda _, mid=mid: self.mark_phase(mid))
            self.phase_buttons[mid] = button
            children.append(button)
        if not children:
            children.append(widgets.HTML(f"<p>{text(words.PHASE_NONE)}</p>"))
        self.phase_area.children = children

    # -- saving ---------------------------------------------------------------------------------

    def _save(self, changes: Mapping[str, Any], message: FieldMessage) -> StoredRecord | None:
        if self.current_id is None:
            return None
        stored = self.save(RecordKind.PDSA, self.current_id, changes, message)
        if stored is None:
            return None
        self.cycle = PdsaCycle.from_data(self.current_id, stored.data)
        if _LISTED & set(changes):
            self._refresh()
        self._show_stage()
        return stored

    def _save_field(self, key: str, value: object) -> None:
        self._save({key: value}, self.messages[key])

    def _on_date(self, key: str, day: dt.date | None) -> None:
        self._save_field(key, day.isoformat() if day else None)

    def _on_measure(self, _ticked: bool) -> None:
        if self.cycle is None:
            return
        ticked = [mid for mid, box in self.measure_boxes.items() if box.value]
        # Keep links to measures not shown (deleted ones), so restoring a measure restores them.
        kept = [mid for mid in self.cycle.measure_ids if mid not in self.measure_boxes]
        self._save({"measure_ids": kept + ticked}, self.messages["measure_ids"])

    def _move(self, step: int) -> None:
        """Move the open cycle one stage on (``+1``) or back (``-1``)."""
        cycle = self.cycle
        if cycle is None:
            return
        index = _ORDER.index(cycle.status) + step
        if not 0 <= index < len(_ORDER):
            return
        target = _ORDER[index]
        changes: dict[str, Any] = {"status": target.value}
        message = self.messages["status"]
        if cycle.status is PdsaStatus.PLAN and step > 0:
            # The model refuses the Do without a prediction: say so beside the prediction box.
            message = self.messages["prediction"]
        if target is PdsaStatus.DONE and cycle.finished_on is None:
            changes["finished_on"] = dt.date.today().isoformat()
            message = self.messages["finished_on"]
        if self._save(changes, message) is not None and "finished_on" in changes:
            with self.loading():
                self.finished_on.value = self.cycle.finished_on if self.cycle else None

    # -- actions --------------------------------------------------------------------------------

    def start_cycle_for(self, change_idea_id: str | None, title: str = "") -> str | None:
        """Start a cycle testing ``change_idea_id`` and open it; return its id (None if refused).

        This is the hook to give the driver diagram (``on_start_cycle``), so its "Start a PDSA
        cycle" buttons open the new cycle here.
        """
        stored = self.attempt(lambda: start_pdsa_cycle(self.context, change_idea_id, title))
        if stored is None:
            return None
        self._refresh()
        self.open_cycle(stored.record_id)
        self.notice.value = f'<p role="status">{text(words.STARTED)}</p>'
        return stored.record_id

    def _on_start(self, _: object) -> None:
        title = self.new_title.value
        if len(title) > MAX_SHORT_TEXT:
            self.new_title_message.show(
                f"The name is {len(title):,} characters long; the most is {MAX_SHORT_TEXT}. "
                "Shorten it."
            )
            return
        self.new_title_message.clear()
        if self.start_cycle_for(self.new_idea.value, title) is not None:
            self.new_title.value = ""

    def _on_pick(self, cycle_id: str | None) -> None:
        self.notice.value = ""
        self.open_cycle(cycle_id)

    def _on_delete(self, _: object) -> None:
        if self.current_id is None:
            return
        if not self.delete(RecordKind.PDSA, self.current_id):
            return
        self.current_id = None
        self.reload()
        self.notice.value = f'<p role="status">{text(words.DELETED)}</p>'

    def mark_phase(self, measure_id: str) -> None:
        """Add the cycle's finish date (or today) to the measure's phase starts, and say so."""
        cycle = self.cycle
        if cycle is None:
            return
        record = self.context.record(RecordKind.MEASURE, measure_id)
        if not isinstance(record, Measure):
            return
        day = cycle.finished_on or dt.date.today()
        when = date_words(day)
        if day in record.phase_starts:
            self.notice.value = (
                f'<p role="status">'
                f"{text(words.PHASE_ALREADY.format(measure=record.name, day=when))}</p>"
            )
            return
        starts = [d.isoformat() for d in (*record.phase_starts, day)]
        if self.save(RecordKind.MEASURE, measure_id, {"phase_starts": starts}) is not None:
            self._project = self.context.project()
            self.notice.value = (
                f'<p role="status">{text(words.PHASE_DONE.format(measure=record.name, day=when))}'
                "</p>"
            )
