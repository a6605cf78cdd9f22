"""The measures tool: define a measure, enter its numbers, and read its run chart.

Three parts, top to bottom, for the measure picked at the top:

1. **What you measure** — name, type (outcome, process, balancing), exactly how it is measured,
   the chart-choice question ("What are you measuring?") with the suggested chart and why, unit,
   target and which way is better. Each box saves when the person leaves it.
2. **Your numbers** — one row per point (date, number or "how many out of how many", note,
   "Delete this point"); each box saves on change. An "Add a week" row below, and "Paste from
   Excel": the pasted lines are read by :func:`qikit.core.paste.parse_pasted_points`, previewed
   with a plain message for each line that cannot be read, and saved with "Add these points" (a
   date that is already there is updated).
3. **Your chart** — redrawn after every change by :func:`qikit.render.measures.draw_measure`
   (the same drawing as the mentor's static page), with the plain reading under it, the full
   description for screen readers, phases ("A change started here") and the team's PDSA cycles.

A refused entry keeps what was typed and shows why beside the box; the store is unchanged.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

import ipywidgets as widgets

from qikit.core.model import (
    Measure,
    Point,
    Project,
    RecordKind,
    new_record_id,
)
from qikit.core.paste import PastedPoint, PasteResult, parse_number, parse_pasted_points
from qikit.core.spc.chart_choice import DATA_KIND_QUESTIONS, DataKind
from qikit.core.wording import measures as words
from qikit.errors import QikitError
from qikit.render.measures import (
    AUTO,
    MeasureChart,
    chart_choices,
    chart_html,
    date_words,
    description_html,
    draw_measure,
    example_html,
    measures_in_order,
    reading_html,
)
from qikit.widgets import base as ui
from qikit.widgets.base import FieldMessage, ToolContext, ToolWidget, text

#: Extra style for this tool: radio labels and rows that wrap on a phone.
MEASURES_CSS = """
<style>
.qikit-measures-tool .widget-radio-box label { white-space: normal; line-height: 1.4;
  height: auto !important; min-height: 44px; display: flex; align-items: center; gap: 8px; }
.qikit-measures-tool .widget-radio-box input { order: -1; flex: none; width: 22px;
  height: 22px; min-height: 22px; }
.qikit-measures-tool .widget-radio-box { flex-wrap: wrap; }
.qikit-measures-tool .widget-inline-hbox { flex-wrap: wrap; max-width: 100%;
  height: auto !important; }
.qikit-measures-tool .widget-inline-hbox > .widget-label { max-width: 100%; white-space: normal;
  text-align: left; overflow: visible; height: auto; }
.qikit-measures-tool .widget-textarea textarea { min-height: 6em; }
.qikit-measures-tool .widget-inline-hbox > input,
.qikit-measures-tool .widget-inline-hbox > textarea,
.qikit-measures-tool .widget-inline-hbox > select { flex: 1 1 14rem; min-width: 0; }
.qikit-measures-tool .qikit-row { flex-wrap: wrap; gap: 4px 12px; align-items: flex-end;
  border-bottom: 1px solid #8a8a8a; padding: 6px 0; }
.qikit-measures-tool .qikit-row-title { font-weight: 600; }
.qikit-measures-tool .qikit-notice { font-weight: 600; }
.qikit-measures-tool table.qikit-paste { border-collapse: collapse; }
.qikit-measures-tool table.qikit-paste td, .qikit-measures-tool table.qikit-paste th {
  border: 1px solid #8a8a8a; padding: 2px 8px; text-align: left; }
</style>
"""

_FIELD = {"width": "16rem", "max_width": "100%"}
_WHOLE_KINDS = frozenset({DataKind.COUNT, DataKind.RARE_EVENTS_DAYS, DataKind.RARE_EVENTS_CASES})


def _small_text(label: str, value: str = "", placeholder: str = "") -> widgets.Text:
    """Return a labelled text box for a number: saves when the person leaves it."""
    return widgets.Text(
        value=value,
        description=label,
        placeholder=placeholder,
        continuous_update=False,
        layout=widgets.Layout(**_FIELD),
        style=ui.WIDE_LABEL,
    )


def _date_picker(label: str, value: dt.date | None = None) -> widgets.DatePicker:
    return widgets.DatePicker(
        value=value, description=label, layout=widgets.Layout(**_FIELD), style=ui.WIDE_LABEL
    )


def _number_text(value: float | int | None) -> str:
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def _read_value(raw: str, kind: DataKind) -> tuple[float | None, str]:
    """Return (value, "") for a typed value, or (None, message) when it cannot be used."""
    if not raw.strip():
        return None, ""
    value = parse_number(raw)
    if value is None:
        return None, words.NOT_A_NUMBER
    if kind in _WHOLE_KINDS and (value < 0 or not value.is_integer()):
        return None, words.NOT_A_COUNT
    return value, ""


def _read_fraction(top_raw: str, bottom_raw: str) -> tuple[dict[str, Any] | None, str]:
    """Return the changes for "how many out of how many", or (None, message)."""
    if not top_raw.strip() and not bottom_raw.strip():
        return {"value": None, "numerator": None, "denominator": None}, ""
    if not top_raw.strip() or not bottom_raw.strip():
        return None, words.NEED_BOTH
    top, bottom = parse_number(top_raw), parse_number(bottom_raw)
    if top is None or bottom is None or top < 0 or bottom < 0:
        return None, words.NOT_A_WHOLE_NUMBER
    if not (top.is_integer() and bottom.is_integer()):
        return None, words.NOT_A_WHOLE_NUMBER
    if bottom == 0:
        return None, words.BOTTOM_ZERO
    if top > bottom:
        return None, words.TOP_TOO_BIG
    return {"value": None, "numerator": int(top), "denominator": int(bottom)}, ""


class PointRow:
    """One point in the table: date, number(s), note and "Delete this point", each saving."""

    def __init__(self, owner: MeasuresWidget, point: Point, number: int, fraction: bool) -> None:
        self.owner = owner
        self.point = point
        self.fraction = fraction
        self.message = FieldMessage()
        self.title = widgets.HTML(f'<span class="qikit-row-title">Point {number}</span>')
        self.date_picker = _date_picker(words.DATE, point.date)
        self.value_box = _small_text(words.VALUE, _number_text(point.value))
        self.numerator_box = _small_text(words.NUMERATOR, _number_text(point.numerator))
        self.denominator_box = _small_text(words.DENOMINATOR, _number_text(point.denominator))
        self.note_box = ui.labelled_text(words.NOTE, point.note)
        self.delete_button = ui.big_button(words.DELETE_POINT)
        numbers = [self.numerator_box, self.denominator_box] if fraction else [self.value_box]
        row = widgets.HBox(
            [self.title, self.date_picker, *numbers, self.note_box, self.delete_button],
            layout=widgets.Layout(**ui.FULL_WIDTH),
        )
        row.add_class("qikit-row")
        self.widget = widgets.VBox(
            [row, self.message.widget], layout=widgets.Layout(**ui.FULL_WIDTH)
        )
        owner.on_edit(self.date_picker, self._date_changed)
        owner.on_edit(self.value_box, self._value_changed)
        owner.on_edit(self.numerator_box, self._fraction_changed)
        owner.on_edit(self.denominator_box, self._fraction_changed)
        owner.on_edit(self.note_box, self._note_changed)
        self.delete_button.on_click(lambda _button: owner.delete_point(self))

    def _date_changed(self, new: dt.date | None) -> None:
        if new is None:
            self.message.show(words.NEED_A_DATE)
            return
        if self.owner.date_taken(new, besides=self.point.record_id):
            self.message.show(words.DATE_TAKEN.format(date=date_words(new)))
            return
        self.owner.save_point(self, {"date": new.isoformat()}, reorder=True)

    def _value_changed(self, raw: str) -> None:
        value, problem = _read_value(raw, self.owner.measure_kind)
        if problem:
            self.message.show(problem)
            return
        self.owner.save_point(self, {"value": value, "numerator": None, "denominator": None})

    def _fraction_changed(self, _value: str) -> None:
        changes, problem = _read_fraction(self.numerator_box.value, self.denominator_box.value)
        if changes is None:
            self.message.show(problem)
            return
        self.owner.save_point(self, changes)

    def _note_changed(self, note: str) -> None:
        self.owner.save_point(self, {"note": note})


class MeasuresWidget(ToolWidget):
    """Measures, their numbers and their charts, saved on every change."""

    def __init__(self, context: ToolContext) -> None:
        super().__init__(context)
        self.measure: Measure | None = None
        self.project = Project()
        self.rows: list[PointRow] = []
        self.drawing: MeasureChart | None = None
        self.paste_result = PasteResult((), ())

        # -- picking and adding a measure ---------------------------------------------------------
        self.measure_picker = ui.labelled_dropdown(words.PICK_MEASURE)
        self.on_edit(self.measure_picker, self._picked)
        self.no_measures = widgets.HTML(f"<p>{text(words.NO_MEASURES_YET)}</p>")
        self.new_measure_name = ui.labelled_text(
            words.NEW_MEASURE_NAME, placeholder=words.NEW_MEASURE_PLACEHOLDER
        )
        self.new_measure_message = FieldMessage()
        self.add_measure_button = ui.big_button(words.ADD_MEASURE, style="primary")
        self.add_measure_button.on_click(lambda _b: self.add_measure())
        self.delete_measure_button = ui.big_button(words.DELETE_MEASURE)
        self.delete_measure_button.on_click(lambda _b: self.delete_measure())
        self.notice = widgets.HTML("")
        self.notice.add_class("qikit-notice")

        # -- 1. what you measure ------------------------------------------------------------------
        self.messages: dict[str, FieldMessage] = {
            key: FieldMessage()
            for key in (
                "name",
                "measure_type",
                "operational_definition",
                "data_kind",
                "unit",
                "target",
                "improvement",
                "phase_starts",
            )
        }
        self.name_box = ui.labelled_text(words.NAME)
        self.type_picker = widgets.RadioButtons(
            options=[(label, t.value) for t, (label, _) in words.MEASURE_TYPE_CHOICES.items()],
            description=words.MEASURE_TYPE,
            layout=widgets.Layout(**ui.FULL_WIDTH),
            style=ui.WIDE_LABEL,
        )
        self.type_help = widgets.HTML(
            "<ul>"
            + "".join(
                f"<li><strong>{text(label)}</strong>: {text(meaning)}</li>"
                for label, meaning in words.MEASURE_TYPE_CHOICES.values()
            )
            + "</ul>"
        )
        self.definition_box = ui.labelled_text(
            words.DEFINITION, long=True, placeholder=words.DEFINITION_PLACEHOLDER
        )
        self.kind_picker = ui.labelled_dropdown(
            words.DATA_KIND,
            [(question, kind.value) for kind, question in DATA_KIND_QUESTIONS.items()],
        )
        self.suggestion = widgets.HTML("")
        self.unit_box = ui.labelled_text(words.UNIT)
        self.target_box = ui.labelled_text(words.TARGET, placeholder=words.TARGET_PLACEHOLDER)
        self.direction_picker = widgets.RadioButtons(
            options=[(label, d.value) for d, label in words.IMPROVEMENT_CHOICES.items()],
            description=words.IMPROVEMENT,
            layout=widgets.Layout(**ui.FULL_WIDTH),
            style=ui.WIDE_LABEL,
        )
        for key, control in (
            ("name", self.name_box),
            ("measure_type", self.type_picker),
            ("operational_definition", self.definition_box),
            ("data_kind", self.kind_picker),
            ("unit", self.unit_box),
            ("improvement", self.direction_picker),
        ):
            self.on_edit(control, partial(self._save_field, key))
        self.on_edit(self.target_box, self._target_changed)

        # -- 2. your numbers ----------------------------------------------------------------------
        self.table = widgets.VBox(layout=widgets.Layout(**ui.FULL_WIDTH))
        self.add_date = _date_picker(words.DATE)
        self.add_value = _small_text(words.VALUE)
        self.add_numerator = _small_text(words.NUMERATOR)
        self.add_denominator = _small_text(words.DENOMINATOR)
        self.add_note = ui.labelled_text(words.NOTE)
        self.add_button = ui.big_button(words.ADD_WEEK, style="primary")
        self.add_button.on_click(lambda _b: self.add_week())
        self.add_message = FieldMessage()
        add_row = widgets.HBox(
            [self.add_date, self.add_value, self.add_numerator, self.add_denominator],
            layout=widgets.Layout(**ui.FULL_WIDTH),
        )
        add_row.add_class("qikit-row")

        self.paste_box = widgets.Textarea(
            description=words.PASTE_BOX,
            placeholder=words.PASTE_PLACEHOLDER,
            layout=widgets.Layout(**ui.FULL_WIDTH, height="10em"),
            style=ui.WIDE_LABEL,
        )
        self.paste_first_date = _date_picker(words.PASTE_FIRST_DATE)
        self.paste_preview = widgets.HTML("")
        self.paste_button = ui.big_button(words.PASTE_ADD, style="primary")
        self.paste_button.on_click(lambda _b: self.add_pasted())
        self.paste_box.observe(lambda _c: self._preview_paste(), names="value")
        self.paste_first_date.observe(lambda _c: self._preview_paste(), names="value")
        self.paste_panel = widgets.Accordion(
            children=[
                widgets.VBox(
                    [
                        widgets.HTML(f"<p>{text(words.PASTE_HOW)}</p>"),
                        self.paste_box,
                        self.paste_first_date,
                        self.paste_preview,
                        self.paste_button,
                    ],
                    layout=widgets.Layout(**ui.FULL_WIDTH),
                )
            ],
            layout=widgets.Layout(**ui.FULL_WIDTH),
        )
        self.paste_panel.set_title(0, words.PASTE_TITLE)
        self.paste_panel.selected_index = None
        self.problems = widgets.HTML("")

        # -- 3. your chart ------------------------------------------------------------------------
        self.chart_choice = widgets.RadioButtons(
            options=[(words.CHART_AUTO.format(name=words.CHART_RUN), AUTO)],
            description=words.CHART_CHOICE,
            layout=widgets.Layout(**ui.FULL_WIDTH),
            style=ui.WIDE_LABEL,
        )
        self.on_edit(self.chart_choice, self._chart_picked)
        self.chart = widgets.HTML("")
        self.reading = widgets.HTML("")
        self.description = widgets.HTML("")
        self.description_panel = widgets.Accordion(
            children=[self.description], layout=widgets.Layout(**ui.FULL_WIDTH)
        )
        self.description_panel.set_title(0, words.FULL_DESCRIPTION)
        self.description_panel.selected_index = None
        self.phase_date = _date_picker(words.PHASE_DATE)
        self.add_phase_button = ui.big_button(words.ADD_PHASE)
        self.add_phase_button.on_click(lambda _b: self.add_phase())
        self.phase_list = widgets.HTML("")
        self.phase_remove_picker = widgets.Dropdown(
            options=[],
            description=words.REMOVE_PHASE_PICK,
            layout=widgets.Layout(**_FIELD),
            style=ui.WIDE_LABEL,
        )
        self.remove_phase_button = ui.big_button(words.REMOVE_PHASE)
        self.remove_phase_button.on_click(lambda _b: self.remove_phase())

        self.help = ui.help_panel(words.WHAT_IS_IT, words.HOW_TO, example_html())
        m = self.messages
        self.measure_area = widgets.VBox(
            [
                self.delete_measure_button,
                ui.heading(words.SECTION_DEFINE),
                self.name_box,
                m["name"].widget,
                self.type_picker,
                self.type_help,
                m["measure_type"].widget,
                self.definition_box,
                m["operational_definition"].widget,
                self.kind_picker,
                m["data_kind"].widget,
                self.suggestion,
                self.unit_box,
                m["unit"].widget,
                self.target_box,
                m["target"].widget,
                self.direction_picker,
                m["improvement"].widget,
                ui.heading(words.SECTION_DATA),
                self.problems,
                self.table,
                ui.heading(words.ADD_WEEK_HEADING, 4),
                add_row,
                self.add_note,
                self.add_message.widget,
                self.add_button,
                self.paste_panel,
                ui.heading(words.SECTION_CHART),
                self.chart_choice,
                self.chart,
                self.reading,
                self.description_panel,
                widgets.HTML(f"<h4>{text(words.PHASE_TITLE)}</h4><p>{text(words.PHASE_HOW)}</p>"),
                self.phase_date,
                self.add_phase_button,
                m["phase_starts"].widget,
                self.phase_list,
                self.phase_remove_picker,
                self.remove_phase_button,
            ],
            layout=widgets.Layout(**ui.FULL_WIDTH),
        )
        self.widget = self.frame(
            words.TITLE,
            self.help,
            self.measure_picker,
            self.no_measures,
            self.new_measure_name,
            self.new_measure_message.widget,
            self.add_measure_button,
            self.notice,
            self.measure_area,
            css=MEASURES_CSS,
        )
        self.widget.add_class("qikit-measures-tool")
        self.reload()

    # -- loading ---------------------------------------------------------------------------------

    def reload(self) -> None:
        """Show what is stored (a new page visit, or after a mentor restored a version)."""
        self.project = self.context.project()
        keep = self.measure.record_id if self.measure is not None else None
        measures = measures_in_order(self.project)
        ids = [m.record_id for m in measures]
        chosen = keep if keep in ids else (ids[0] if ids else None)
        self._set_picker(measures, chosen)
        self._show_measure(chosen)

    def _set_picker(self, measures: tuple[Measure, ...], chosen: str | None) -> None:
        self.set_options(self.measure_picker, [(m.name, m.record_id) for m in measures], chosen)
        self.no_measures.layout.display = "none" if measures else None

    def _picked(self, measure_id: str | None) -> None:
        self.project = self.context.project()
        self._show_measure(measure_id)

    def _show_measure(self, measure_id: str | None) -> None:
        """Fill every box with the stored measure (or hide the tool's parts if there is none)."""
        measure = self.project.get(RecordKind.MEASURE, measure_id) if measure_id else None
        self.measure = measure if isinstance(measure, Measure) else None
        self.measure_area.layout.display = None if self.measure is not None else "none"
        if self.measure is None:
            self.rows = []
            self.table.children = ()
            return
        m = self.measure
        with self.loading():
            self.name_box.value = m.name
            self.type_picker.value = m.measure_type.value
            self.definition_box.value = m.operational_definition
            self.kind_picker.value = DataKind(m.data_kind).value
            self.unit_box.value = m.unit
            self.target_box.value = "" if m.target is None else f"{m.target:g}"
            self.direction_picker.value = m.improvement.value
            self.chart_choice.value = (
                m.chart
                if m.chart in [value for _label, value in self.chart_choice.options]
                else AUTO
            )
            self.paste_box.value = ""
            self.add_value.value = self.add_numerator.value = self.add_denominator.value = ""
            self.add_note.value = ""
        for message in (*self.messages.values(), self.add_message):
            message.clear()
        self._rebuild_rows()
        self.redraw()

    # -- 1. the measure's own fields ---------------------------------------------------------------

    def _save_field(self, key: str, value: object) -> None:
        self.save_measure({key: value}, self.messages[key])

    def _target_changed(self, raw: str) -> None:
        target = parse_number(raw) if raw.strip() else None
        if raw.strip() and target is None:
            self.messages["target"].show(words.TARGET_NOT_A_NUMBER)
            self.status.failed("the entry beside the red message needs changing.")
            return
        self.save_measure({"target": target}, self.messages["target"])

    def save_measure(self, changes: dict[str, Any], message: FieldMessage | None = None) -> bool:
        """Save fields of the current measure, then redraw; return True if it was saved."""
        if self.measure is None:
            return False
        was_fraction = self.measure.is_fraction
        stored = self.save(RecordKind.MEASURE, self.measure.record_id, changes, message)
        if stored is None:
            return False
        self.project = self.context.project()
        measure = self.project.get(RecordKind.MEASURE, self.measure.record_id)
        assert isinstance(measure, Measure)
        self.measure = measure
        if "name" in changes:
            self._set_picker(measures_in_order(self.project), measure.record_id)
        if measure.is_fraction != was_fraction:
            self._rebuild_rows()
        elif "data_kind" in changes:
            self._preview_paste()
        if set(changes) - {"operational_definition"}:
            self.redraw()
        return True

    @property
    def measure_kind(self) -> DataKind:
        """Return what the current measure measures (a plain measurement if there is none)."""
        return DataKind.MEASUREMENT if self.measure is None else DataKind(self.measure.data_kind)

    # -- adding and deleting measures -------------------------------------------------------------

    def add_measure(self) -> str | None:
        """Add a measure named in the "Name of a new measure" box; return its id."""
        name = self.new_measure_name.value
        if not name.strip():
            self.new_measure_message.show(words.NEED_A_NAME)
            return None
        record_id = new_record_id()
        stored = self.save(RecordKind.MEASURE, record_id, {"name": name}, self.new_measure_message)
        if stored is None:
            return None
        self.new_measure_name.value = ""
        self.notice.value = ""
        self.project = self.context.project()
        self._set_picker(measures_in_order(self.project), record_id)
        self._show_measure(record_id)
        return record_id

    def delete_measure(self) -> None:
        """Delete the current measure and its points (kept in history, so a mentor can restore)."""
        if self.measure is None:
            return
        measure = self.measure
        points = self.project.points_of(measure.record_id)
        for kind, record_id in [
            *((RecordKind.POINT, point.record_id) for point in points),
            (RecordKind.MEASURE, measure.record_id),
        ]:
            if not self.delete(kind, record_id):
                return
        self.status.saved()
        self.notice.value = text(
            words.DELETED_MEASURE.format(name=measure.name, points=words.points_words(len(points)))
        )
        self.measure = None
        self.reload()

    # -- 2. the points ---------------------------------------------------------------------------

    def _points(self) -> tuple[Point, ...]:
        if self.measure is None:
            return ()
        return self.project.points_of(self.measure.record_id)

    def _rebuild_rows(self) -> None:
        points = self._points()
        fraction = self.measure is not None and self.measure.is_fraction
        self.rows = [
            PointRow(self, point, number, fraction) for number, point in enumerate(points, 1)
        ]
        self.table.children = (
            tuple(row.widget for row in self.rows)
            if self.rows
            else (widgets.HTML(f"<p>{text(words.NO_POINTS_YET)}</p>"),)
        )
        self.add_value.layout.display = "none" if fraction else None
        self.add_numerator.layout.display = None if fraction else "none"
        self.add_denominator.layout.display = None if fraction else "none"
        last = points[-1].date if points else None
        with self.loading():
            self.add_date.value = last + dt.timedelta(days=7) if last else dt.date.today()
            self.paste_first_date.value = (
                last + dt.timedelta(days=7) if last else self.paste_first_date.value
            )
        self._preview_paste()

    def date_taken(self, day: dt.date, besides: str | None = None) -> bool:
        """Return True if another point of this measure has the date ``day``."""
        return any(p.date == day and p.record_id != besides for p in self._points())

    def save_point(self, row: PointRow, changes: dict[str, Any], reorder: bool = False) -> bool:
        """Save fields of one point from its row, then redraw; return True if it was saved."""
        stored = self.save(RecordKind.POINT, row.point.record_id, changes, row.message)
        if stored is None:
            return False
        self.project = self.context.project()
        point = self.project.get(RecordKind.POINT, row.point.record_id)
        if isinstance(point, Point):
            row.point = point
        if reorder and [r.point.date for r in self.rows] != sorted(r.point.date for r in self.rows):
            self._rebuild_rows()
        self.redraw()
        return True

    def delete_point(self, row: PointRow) -> None:
        """Delete one point (kept in history) and take its row off the table."""
        if not self.delete(RecordKind.POINT, row.point.record_id):
            return
        self.status.saved()
        self.notice.value = text(words.POINT_DELETED.format(date=date_words(row.point.date)))
        self.project = self.context.project()
        self._rebuild_rows()
        self.redraw()

    def add_week(self) -> str | None:
        """Add the point typed in the "Add a week" row; return its id (None if refused)."""
        if self.measure is None:
            return None
        day = self.add_date.value
        if day is None:
            self.add_message.show(words.NEED_A_DATE)
            return None
        if self.date_taken(day):
            self.add_message.show(words.DATE_TAKEN.format(date=date_words(day)))
            return None
        changes: dict[str, Any]
        if self.measure.is_fraction:
            numbers, problem = _read_fraction(self.add_numerator.value, self.add_denominator.value)
            if numbers is None:
                self.add_message.show(problem)
                return None
            changes = {"numerator": numbers["numerator"], "denominator": numbers["denominator"]}
            empty = numbers["numerator"] is None
        else:
            value, problem = _read_value(self.add_value.value, self.measure_kind)
            if problem:
                self.add_message.show(problem)
                return None
            changes = {"value": value}
            empty = value is None
        if empty and not self.add_note.value.strip():
            self.add_message.show(words.NEED_A_NUMBER)
            return None
        record_id = new_record_id()
        changes = {
            "measure_id": self.measure.record_id,
            "date": day.isoformat(),
            "note": self.add_note.value,
            **{k: v for k, v in changes.items() if v is not None},
        }
        stored = self.save(RecordKind.POINT, record_id, changes, self.add_message)
        if stored is None:
            return None
        self.notice.value = text(words.POINT_ADDED.format(date=date_words(day)))
        with self.loading():
            self.add_value.value = self.add_numerator.value = self.add_denominator.value = ""
            self.add_note.value = ""
        self.project = self.context.project()
        points = self._points()
        if self.rows and points and points[-1].record_id == record_id:
            # The usual case, a new latest week: add one row instead of rebuilding them all.
            self._append_row(points[-1], len(points))
        else:
            self._rebuild_rows()
        self.redraw()
        return record_id

    def _append_row(self, point: Point, number: int) -> None:
        fraction = self.measure is not None and self.measure.is_fraction
        row = PointRow(self, point, number, fraction)
        self.rows.append(row)
        self.table.children = (*self.table.children, row.widget)
        with self.loading():
            self.add_date.value = point.date + dt.timedelta(days=7)
            self.paste_first_date.value = point.date + dt.timedelta(days=7)
        self._preview_paste()

    # -- paste from Excel ------------------------------------------------------------------------

    def _preview_paste(self) -> None:
        if self.measure is None:
            self.paste_result = PasteResult((), ())
            self.paste_preview.value = ""
            return
        self.paste_result = parse_pasted_points(
            self.paste_box.value,
            self.measure.is_fraction,
            first_date=self.paste_first_date.value,
            whole_numbers=self.measure_kind in _WHOLE_KINDS,
        )
        result = self.paste_result
        existing = {p.date for p in self._points()}
        parts: list[str] = []
        if result.header is not None:
            parts.append(f"<p>{text(words.PASTE_HEADER_SKIPPED.format(line=result.header))}</p>")
        if result.points:
            rows = "".join(
                f"<tr><td>{text(date_words(p.date))}</td><td>{text(self._pasted_words(p))}"
                + (f" {text(words.PASTE_WILL_UPDATE)}" if p.date in existing else "")
                + "</td></tr>"
                for p in result.points
            )
            parts.append(
                f"<p>{text(words.paste_will_add(len(result.points)))}</p>"
                f'<table class="qikit-paste"><thead><tr><th scope="col">{text(words.DATE)}</th>'
                f'<th scope="col">{text(words.VALUE)}</th></tr></thead><tbody>{rows}</tbody>'
                "</table>"
            )
        if result.problems:
            items = "".join(f"<li>{text(p.message)}</li>" for p in result.problems)
            parts.append(
                f'<div class="qikit-field-error" role="alert"><p>{text(words.PASTE_PROBLEMS)}'
                f"</p><ul>{items}</ul></div>"
            )
        if not parts and not self.paste_box.value.strip():
            parts.append(f"<p>{text(words.PASTE_NOTHING)}</p>")
        self.paste_preview.value = "".join(parts)
        self.paste_button.disabled = not result.points

    @staticmethod
    def _pasted_words(point: PastedPoint) -> str:
        if point.numerator is not None:
            return f"{point.numerator} out of {point.denominator}"
        return f"{point.value:g}"

    def add_pasted(self) -> tuple[int, int]:
        """Save every point read from the paste box; return (added, updated).

        A date the measure already has updates that point. The lines that could not be read
        stay in the box to be corrected.
        """
        if self.measure is None:
            return 0, 0
        self._preview_paste()
        result = self.paste_result
        if not result.points:
            self.paste_preview.value = f"<p>{text(words.PASTE_NOTHING)}</p>" + (
                self.paste_preview.value
            )
            return 0, 0
        by_date = {p.date: p for p in self._points()}
        added = updated = 0
        failed: list[str] = []
        saved_lines: set[int] = set()
        for pasted in result.points:
            numbers: dict[str, object] = (
                {"value": None, "numerator": pasted.numerator, "denominator": pasted.denominator}
                if self.measure.is_fraction
                else {"value": pasted.value, "numerator": None, "denominator": None}
            )
            existing = by_date.get(pasted.date)
            if existing is None:
                record_id = new_record_id()
                changes: dict[str, object] = {
                    "measure_id": self.measure.record_id,
                    "date": pasted.date.isoformat(),
                    **{k: v for k, v in numbers.items() if v is not None},
                }
            else:
                record_id, changes = existing.record_id, numbers
            try:
                self.context.save(RecordKind.POINT, record_id, changes)
            except QikitError as error:
                failed.append(f"Line {pasted.line}: {error}")
                continue
            saved_lines.add(pasted.line)
            if existing is None:
                added += 1
            else:
                updated += 1
        if added or updated:
            self.status.saved()
        if failed:
            self.status.failed(" ".join(failed))
        lines = self.paste_box.value.splitlines()
        keep = [
            line
            for number, line in enumerate(lines, start=1)
            if number not in saved_lines and line.strip() and line.strip() != result.header
        ]
        notice = words.paste_done(added, updated)
        if keep:
            notice += " " + words.PASTE_LEFT_IN_BOX
        self.project = self.context.project()
        self.paste_box.value = "\n".join(keep)
        self.notice.value = text(notice)
        self._rebuild_rows()
        self.redraw()
        return added, updated

    # -- phases ----------------------------------------------------------------------------------

    def add_phase(self) -> bool:
        """Mark "A change started here" on the date picked; return True if it was saved."""
        if self.measure is None:
            return False
        message = self.messages["phase_starts"]
        day = self.phase_date.value
        if day is None:
            message.show(words.NEED_A_DATE)
            return False
        if day in self.measure.phase_starts:
            message.show(words.PHASE_TAKEN.format(date=date_words(day)))
            return False
        starts = sorted({*self.measure.phase_starts, day})
        return self.save_measure({"phase_starts": [d.isoformat() for d in starts]}, message)

    def remove_phase(self) -> bool:
        """Remove the change mark picked in "Change to remove"; return True if it was saved."""
        if self.measure is None or self.phase_remove_picker.value is None:
            return False
        day = dt.date.fromisoformat(self.phase_remove_picker.value)
        starts = [d.isoformat() for d in self.measure.phase_starts if d != day]
        return self.save_measure({"phase_starts": starts}, self.messages["phase_starts"])

    # -- 3. the chart ----------------------------------------------------------------------------

    def _chart_picked(self, chart: str | None) -> None:
        """Keep the team's choice of chart, so the mentor's review shows the same chart."""
        if self.measure is None:
            return
        if chart == self.measure.chart or not self.save_measure({"chart": chart or AUTO}):
            self.redraw()

    def redraw(self) -> None:
        """Draw the chart, its reading and everything that depends on the saved numbers."""
        if self.measure is None:
            return
        measure = self.measure
        points = self._points()
        suggestion = measure.suggested_chart(len(points))
        self.suggestion.value = (
            f"<p><strong>{text(words.SUGGESTED_CHART.format(name=suggestion.name))}</strong> "
            f"{text(suggestion.why)}</p>"
        )
        # The first choice is "auto": a chart left over from another kind of measure falls back.
        self.set_options(self.chart_choice, chart_choices(measure, len(points)), measure.chart)
        drawing = draw_measure(self.project, measure, self.chart_choice.value or AUTO)
        self.drawing = drawing
        self.chart.value = chart_html(drawing)
        self.reading.value = reading_html(drawing)
        self.description.value = description_html(drawing)
        self.description_panel.layout.display = None if drawing.figure is not None else "none"
        self._show_phases(measure)
        self._show_problems(measure, points)

    def _show_phases(self, measure: Measure) -> None:
        if measure.phase_starts:
            items = "".join(f"<li>{text(date_words(d))}</li>" for d in measure.phase_starts)
            self.phase_list.value = f"<p>{text(words.PHASE_LIST)}</p><ul>{items}</ul>"
        else:
            self.phase_list.value = f"<p>{text(words.NO_PHASES)}</p>"
        options = [(date_words(d), d.isoformat()) for d in measure.phase_starts]
        if list(self.phase_remove_picker.options) != options:
            self.phase_remove_picker.options = options
        shown = "none" if not options else None
        self.phase_remove_picker.layout.display = shown
        self.remove_phase_button.layout.display = shown

    def _show_problems(self, measure: Measure, points: tuple[Point, ...]) -> None:
        ids = {p.record_id for p in points} | {measure.record_id}
        found = [p.message for p in self.project.problems() if p.record_id in ids]
        if found:
            items = "".join(f"<li>{text(message)}</li>" for message in found)
            self.problems.value = (
                f'<div class="qikit-field-error" role="alert"><p>{text(words.PROBLEMS_TITLE)}'
                f"</p><ul>{items}</ul></div>"
            )
        else:
            self.problems.value = ""
