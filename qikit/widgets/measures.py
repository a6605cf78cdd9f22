"""The measures tool: define a measure, type or paste its numbers, and read its run chart.

For the measure picked at the top:

1. **What you measure** (folded away once the measure has numbers, so a weekly visit lands on
   the table) — name, type (outcome, process, balancing), exactly how it is measured, the
   chart-choice question ("What are you measuring?") with the suggested chart and why, unit,
   target and which way is better. Each box saves when the person leaves it.
2. **Your numbers** — a :class:`~qikit.widgets.table.DataTable`: one compact row per point
   (date | number, or "how many" | "out of how many" | note), Tab and Enter move on, the empty
   row at the end adds a point, and a block pasted from Excel fills the table from the cell it
   is pasted into. Each cell is read with the core's paste readers
   (:func:`qikit.core.paste.parse_date`, :func:`~qikit.core.paste.parse_number`) and saved at
   once; a cell that cannot be used is marked in place with a plain message and keeps what was
   typed, and nothing else is lost.
3. **Your chart** — beside the table on a wide screen, under it on a phone; redrawn after every
   saved change by :func:`qikit.render.measures.draw_measure` (the same drawing as the mentor's
   static page), with the plain reading beside it, the full description for screen readers,
   phases ("A change started here") and the team's PDSA cycles. A new signal is announced to
   screen readers. ``chart_options`` above the chart holds the controls for how it is drawn.

A refused entry keeps what was typed and shows why; the store is unchanged.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
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
from qikit.core.paste import looks_like_date, parse_date, parse_number
from qikit.core.spc.chart_choice import DATA_KIND_QUESTIONS, DataKind
from qikit.core.wording import measures as words
from qikit.core.wording.dates import short_date_words
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
from qikit.widgets.rule_choice import RuleSetChoice
from qikit.widgets.table import Column, DataTable

#: Extra style for this tool: radio labels that wrap on a phone, and the table beside the chart
#: from 1,000 px wide (under it on a phone: the row you type in sits just above the chart).
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
.qikit-measures-tool .qikit-notice { font-weight: 600; }
.qikit-measures-tool .qikit-measures-workspace { display: flex; flex-direction: column;
  align-items: stretch; gap: 8px 32px; width: 100%; max-width: 100%; }
.qikit-measures-tool .qikit-measures-workspace > * { min-width: 0; max-width: 100%; }
.qikit-measures-tool .qikit-table-how { font-size: 16px; color: #3d3d3d; margin: 0 0 4px; }
@media (min-width: 1000px) {
  .qikit-measures-tool .qikit-measures-workspace { flex-direction: row; align-items: flex-start; }
  .qikit-measures-tool .qikit-measures-table-column { flex: 1 1 30rem; }
  .qikit-measures-tool .qikit-measures-chart-column { flex: 1 1 36rem; }
}
</style>
"""

#: The widest the tool gets: wide enough for the table and the chart side by side.
TOOL_MAX_WIDTH = "90rem"
_FIELD = {"width": "16rem", "max_width": "100%"}
_WHOLE_KINDS = frozenset({DataKind.COUNT, DataKind.RARE_EVENTS_DAYS, DataKind.RARE_EVENTS_CASES})
_FRACTION_KEYS = ("numerator", "denominator")
_DATA_KEYS = ("value", "numerator", "denominator", "note")


def _date_picker(label: str, value: dt.date | None = None) -> widgets.DatePicker:
    return widgets.DatePicker(
        value=value, description=label, layout=widgets.Layout(**_FIELD), style=ui.WIDE_LABEL
    )


def _number_text(value: float | int | None) -> str:
    if value is None:
        return ""
    return f"{value:g}" if isinstance(value, float) else str(value)


def table_columns(fraction: bool) -> list[Column]:
    """Return the table's columns: date, the number (or the two of a percentage), note."""

    def column(key: str, label: str, kind: Any) -> Column:
        return Column(key, label, words.COLUMN_NAMES[key], kind)

    numbers = (
        [
            column("numerator", words.NUMERATOR, "number"),
            column("denominator", words.DENOMINATOR, "number"),
        ]
        if fraction
        else [column("value", words.VALUE, "number")]
    )
    return [column("date", words.DATE, "date"), *numbers, column("note", words.NOTE, "text")]


def point_cells(point: Point) -> dict[str, str]:
    """Return a stored point as the table shows it: the date in one clear format ("6 Jan 2025")."""
    return {
        "date": short_date_words(point.date),
        "value": _number_text(point.value),
        "numerator": _number_text(point.numerator),
        "denominator": _number_text(point.denominator),
        "note": point.note,
    }


def _read_date(raw: str) -> tuple[dt.date | None, str]:
    """Return (date, "") for a typed date ("03/12/2026", "3 Dec 2026"), or (None, message)."""
    if not raw.strip():
        return None, words.TYPE_A_DATE
    day = parse_date(raw)
    if day is None:
        return None, words.NO_SUCH_DATE if looks_like_date(raw) else words.DATE_NOT_READ
    return day, ""


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


def _is_whole(raw: str) -> bool:
    value = parse_number(raw)
    return value is not None and value >= 0 and value.is_integer()


def _read_fraction(top_raw: str, bottom_raw: str) -> tuple[dict[str, Any] | None, str]:
    """Return the changes for "how many out of how many", or (None, message)."""
    if not top_raw.strip() and not bottom_raw.strip():
        return {"value": None, "numerator": None, "denominator": None}, ""
    if not top_raw.strip() or not bottom_raw.strip():
        return None, words.NEED_BOTH
    if not (_is_whole(top_raw) and _is_whole(bottom_raw)):
        return None, words.NOT_A_WHOLE_NUMBER
    top, bottom = int(parse_number(top_raw) or 0), int(parse_number(bottom_raw) or 0)
    if bottom == 0:
        return None, words.BOTTOM_ZERO
    if top > bottom:
        return None, words.TOP_TOO_BIG
    return {"value": None, "numerator": top, "denominator": bottom}, ""


def _fraction_blame(texts: Mapping[str, str], problem: str, edited: set[str]) -> list[str]:
    """Return which of the two boxes of a percentage a problem belongs beside."""
    if problem == words.NEED_BOTH:
        return [k for k in _FRACTION_KEYS if not texts.get(k, "").strip()]
    if problem == words.NOT_A_WHOLE_NUMBER:
        return [k for k in _FRACTION_KEYS if not _is_whole(texts.get(k, ""))]
    if problem == words.BOTTOM_ZERO:
        return ["denominator"]
    return [k for k in _FRACTION_KEYS if k in edited][:1] or ["numerator"]


def _is_heading(cells: list[str]) -> bool:
    """A pasted line of column headings: words, and no number or date anywhere."""
    return any(any(ch.isalpha() for ch in c) for c in cells) and not any(
        parse_number(c) is not None or looks_like_date(c) for c in cells
    )


class MeasuresWidget(ToolWidget):
    """Measures, their numbers in a table and their charts, saved on every change."""

    history_kinds = (RecordKind.MEASURE, RecordKind.POINT)

    def __init__(self, context: ToolContext) -> None:
        super().__init__(context)
        self.measure: Measure | None = None
        self.project = Project()
        self.drawing: MeasureChart | None = None
        #: Per row of the table: texts typed that are not stored (refused, or a row not saved
        #: yet), the message beside each refused cell, and the rows not saved yet in order.
        self.typed: dict[str, dict[str, str]] = {}
        self.cell_errors: dict[str, dict[str, str]] = {}
        self.draft_rows: list[str] = []
        #: A row made in the browser ("new-…") -> the record id of the point it became.
        self.row_records: dict[str, str] = {}
        self._signals: tuple[str, ...] = ()

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
        self.table = DataTable(
            table_columns(fraction=False),
            on_edit=self.edit_cell,
            on_paste=self.paste_cells,
            on_remove=self.remove_row,
            caption=words.TABLE_CAPTION,
            row_header=words.ROW_HEADER,
            row_label=words.ROW_LABEL,
            new_row_label=words.NEW_ROW_LABEL,
            remove_header=words.REMOVE_HEADER,
            remove_label=words.REMOVE_ROW,
            remove_text=words.REMOVE_TEXT,
            layout=widgets.Layout(width="100%"),
        )
        self.no_points = widgets.HTML(f"<p>{text(words.NO_POINTS_YET)}</p>")
        self.problems = widgets.HTML("")

        # -- 3. your chart ------------------------------------------------------------------------
        self.chart_choice = widgets.RadioButtons(
            options=[(words.CHART_AUTO.format(name=words.CHART_RUN), AUTO)],
            description=words.CHART_CHOICE,
            layout=widgets.Layout(**ui.FULL_WIDTH),
            style=ui.WIDE_LABEL,
        )
        self.on_edit(self.chart_choice, self._chart_picked)
        #: How the chart is drawn: the chart choice, and room for more (a rule-set choice).
        # How the chart is read (Anhøj / IHI / Making Data Count): it saves the measure itself,
        # and the tool hears that save (listen, below) and redraws.
        self.rule_choice = RuleSetChoice(context)
        self.chart_options = widgets.VBox(
            [self.chart_choice, self.rule_choice.widget], layout=widgets.Layout(width="100%")
        )
        self.chart_options.add_class("qikit-chart-options")
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
        self.define_panel = widgets.Accordion(
            children=[
                widgets.VBox(
                    [
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
                        self.delete_measure_button,
                    ],
                    layout=widgets.Layout(**ui.FULL_WIDTH),
                )
            ],
            layout=widgets.Layout(**ui.FULL_WIDTH),
        )
        self.define_panel.set_title(0, words.SECTION_DEFINE)
        self.table_column = widgets.VBox(
            [
                ui.heading(words.SECTION_DATA),
                widgets.HTML(f'<p class="qikit-table-how">{text(words.TABLE_HOW)}</p>'),
                self.problems,
                self.no_points,
                self.table,
            ],
            layout=widgets.Layout(width="100%"),
        )
        self.table_column.add_class("qikit-measures-table-column")
        self.chart_column = widgets.VBox(
            [
                ui.heading(words.SECTION_CHART),
                self.chart_options,
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
            layout=widgets.Layout(width="100%"),
        )
        self.chart_column.add_class("qikit-measures-chart-column")
        self.workspace = widgets.Box(
            [self.table_column, self.chart_column], layout=widgets.Layout(width="100%")
        )
        self.workspace.add_class("qikit-measures-workspace")
        self.measure_area = widgets.VBox(
            [self.define_panel, self.workspace], layout=widgets.Layout(width="100%")
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
        self.widget.layout.max_width = TOOL_MAX_WIDTH
        self.widget.add_class("qikit-measures-tool")
        # Another control on the page that saves the measure (such as a rule-set choice placed
        # in chart_options): draw the chart again with what it saved.
        self.listen({RecordKind.MEASURE}, self.refresh_chart)
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
        self._forget_typing()
        self.rule_choice.show(self.measure)
        if self.measure is None:
            self.table.show([], {})
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
        for message in self.messages.values():
            message.clear()
        # A new measure opens its definition; one with numbers lands on the table and chart.
        self.define_panel.selected_index = None if self._points() else 0
        self.table.set_columns(table_columns(m.is_fraction))
        self._show_table()
        self.redraw(announce=False)

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
            self._forget_typing()
            self.table.set_columns(table_columns(measure.is_fraction))
            self._show_table()
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

    # -- 2. the points: the table ----------------------------------------------------------------

    def _points(self) -> tuple[Point, ...]:
        if self.measure is None:
            return ()
        return self.project.points_of(self.measure.record_id)

    def _forget_typing(self) -> None:
        """Drop what was typed but not stored (another measure, or its columns changed)."""
        self.typed, self.cell_errors, self.draft_rows, self.row_records = {}, {}, [], {}

    def point_of(self, row: str) -> Point | None:
        """Return the stored point a row of the table shows (None for a row not saved yet)."""
        record_id = self.row_records.get(row, row)
        return next((p for p in self._points() if p.record_id == record_id), None)

    def _row_of(self, point: Point) -> str:
        made_here = {record: row for row, record in self.row_records.items()}
        return made_here.get(point.record_id, point.record_id)

    def _show_table(self) -> None:
        """Show the points in date order, with the rows not saved yet among them by their date
        (those without a readable date last) and any refused text over the stored values."""
        keys = self.table.column_keys
        dated: list[tuple[dt.date, int, dict[str, str]]] = []
        for point in self._points():
            row = self._row_of(point)
            cells = point_cells(point) | self.typed.get(row, {})
            dated.append((point.date, len(dated), {"id": row, **cells}))
        for row in self.draft_rows:
            day = parse_date(self.typed[row].get("date", "")) or dt.date.max
            dated.append((day, len(dated), {"id": row, **self.typed[row]}))
        rows = [
            {"id": cells["id"], **{k: cells.get(k, "") for k in keys}}
            for _day, _n, cells in sorted(dated, key=lambda d: d[:2])
        ]
        shown = {r["id"] for r in rows}
        errors = {r: e for r, e in self.cell_errors.items() if r in shown and e}
        self.table.show(rows, errors, {"date": short_date_words(self.next_date())})
        self.no_points.layout.display = "none" if rows else None

    def next_date(self) -> dt.date:
        """Return the date a new row gets when none is typed: a week after the last, or today."""
        days = [p.date for p in self._points()]
        for row in self.draft_rows:
            day = parse_date(self.typed[row].get("date", ""))
            if day is not None:
                days.append(day)
        return max(days) + dt.timedelta(days=7) if days else dt.date.today()

    def date_taken(self, day: dt.date, besides: str | None = None) -> bool:
        """Return True if another point of this measure has the date ``day``."""
        return any(p.date == day and p.record_id != besides for p in self._points())

    def edit_cell(self, row: str, key: str, typed: str) -> bool:
        """Read one cell typed into the table and save it, or mark it; return True if saved.

        ``row`` is a stored point's row, a row not saved yet, or the empty row at the end (a
        new id made in the browser): typing there starts a new point, dated a week after the
        last one unless a date is typed.
        """
        if self.measure is None:
            return False
        outcome = self._apply(row, {key: typed})
        self._show_table()
        if outcome:
            self.redraw()
        return bool(outcome)

    def paste_cells(self, row: str, key: str, grid: list[list[str]]) -> tuple[int, int, int]:
        """Fill the table from a pasted block, from the cell it was pasted into; return
        (points added, points changed, cells that could not be read).

        Each pasted line fills one row (the rows below, then new rows); its cells fill the
        columns from ``key`` rightwards. A first line of headings is left out; a column of
        numbers pasted into the date column goes into the number column (new rows a week
        apart). A pasted new row whose date the measure already has changes that point.
        """
        if self.measure is None:
            return 0, 0, 0
        keys = self.table.column_keys
        lines = [line for line in grid if any(cell.strip() for cell in line)]
        start = keys.index(key)
        if key != "note" and len(lines) > 1 and _is_heading(lines[0]):
            lines = lines[1:]
        first = lines[0][0] if lines and lines[0] else ""
        if key == "date" and not looks_like_date(first) and parse_number(first) is not None:
            start += 1
        order = [r["id"] for r in self.table.rows]
        below = order[order.index(row) :] if row in order else []
        added = changed = bad = 0
        pasted_days: set[dt.date] = set()
        for index, line in enumerate(lines):
            cells = {keys[start + j]: cell for j, cell in enumerate(line) if start + j < len(keys)}
            if index < len(below):
                target = below[index]
            elif index == len(below) and row not in order:
                target = row  # the empty row it was pasted into
            else:
                target = f"new-{secrets.token_hex(6)}"
            if self.point_of(target) is None and target not in self.draft_rows:
                target = self._pasted_new_row(target, cells, pasted_days)
            outcome = self._apply(target, cells)
            added += outcome == "added"
            changed += outcome == "changed"
            extra = len(line) - (len(keys) - start)
            if extra > 0:
                self.cell_errors.setdefault(target, {})[keys[-1]] = words.PASTE_TOO_WIDE.format(
                    extra=extra
                )
            bad += len(self.cell_errors.get(target, {}))
            day = parse_date(cells.get("date", ""))
            if day is not None:
                pasted_days.add(day)
        self.notice.value = text(words.paste_done(added, changed, bad))
        if bad:
            self.status.failed(words.CELL_NEEDS_CHANGING)
        self._show_table()
        if added or changed:
            self.redraw()
        return added, changed, bad

    def _pasted_new_row(self, target: str, cells: dict[str, str], pasted: set[dt.date]) -> str:
        """Return the row a pasted line for a new row goes to, giving it a date if it has none.

        A date the measure already has (and not from earlier in this paste) changes that
        point, as pasting a whole spreadsheet again should.
        """
        if "date" not in cells:
            cells["date"] = short_date_words(self.next_date())
            return target
        day = parse_date(cells["date"])
        existing = next((p for p in self._points() if p.date == day), None)
        if existing is not None and day not in pasted:
            return self._row_of(existing)
        return target

    def _read(
        self, texts: Mapping[str, str], keys: set[str], point: Point | None
    ) -> tuple[dict[str, Any], dict[str, str], set[str]]:
        """Read the cells ``keys`` of one row; return (changes, problems, cells read)."""
        changes: dict[str, Any] = {}
        problems: dict[str, str] = {}
        if "date" in keys:
            day, problem = _read_date(texts["date"])
            besides = point.record_id if point else None
            if day is not None and self.date_taken(day, besides=besides):
                problem = words.DATE_TAKEN.format(date=date_words(day))
            if problem or day is None:
                problems["date"] = problem
            else:
                changes["date"] = day.isoformat()
        if "value" in keys:
            value, problem = _read_value(texts["value"], self.measure_kind)
            if problem:
                problems["value"] = problem
            else:
                changes.update(value=value, numerator=None, denominator=None)
        if keys & set(_FRACTION_KEYS):
            stored = point_cells(point) if point else {}
            both = {k: texts.get(k, stored.get(k, "")) for k in _FRACTION_KEYS}
            numbers, problem = _read_fraction(both["numerator"], both["denominator"])
            if numbers is None:
                problems.update(dict.fromkeys(_fraction_blame(both, problem, keys), problem))
            else:
                changes.update(numbers)
                keys = keys | set(_FRACTION_KEYS)
        if "note" in keys:
            changes["note"] = texts["note"]
        return changes, problems, keys - set(problems)

    def _apply(self, row: str, cells: Mapping[str, str]) -> str:
        """Apply typed or pasted cells to one row: save what reads, keep and mark the rest.

        Returns "added" (a new point), "changed" (a stored point) or "" (nothing saved).
        """
        assert self.measure is not None
        point = self.point_of(row)
        texts = {**self.typed.get(row, {}), **cells}
        errors = {k: v for k, v in self.cell_errors.get(row, {}).items() if k not in cells}
        if point is None:
            return self._apply_new(row, texts)
        changes, problems, read = self._read(texts, set(cells), point)
        kept = {k: v for k, v in texts.items() if k not in read}
        errors = {k: v for k, v in errors.items() if k not in read} | problems
        outcome = ""
        if changes:
            if self.save(RecordKind.POINT, point.record_id, changes) is None:
                kept = texts
                errors |= dict.fromkeys(changes.keys() & set(texts), self._not_saved())
            else:
                outcome = "changed"
                self.project = self.context.project()
        if problems:
            self.status.failed(words.CELL_NEEDS_CHANGING)
        self.typed[row], self.cell_errors[row] = kept, errors
        return outcome

    def _apply_new(self, row: str, texts: dict[str, str]) -> str:
        """Save a row that is not a point yet, once every cell reads and it has a number or note."""
        assert self.measure is not None
        if not texts.get("date", "").strip():
            texts["date"] = short_date_words(self.next_date())
        changes, problems, _read = self._read(texts, set(texts), None)
        has_data = any(texts.get(k, "").strip() for k in _DATA_KEYS)
        if problems or not has_data:
            self._keep_draft(row, texts, problems)
            if problems:
                self.status.failed(words.CELL_NEEDS_CHANGING)
            return ""
        record_id = new_record_id()
        changes = {
            "measure_id": self.measure.record_id,
            **{k: v for k, v in changes.items() if v is not None},
        }
        if self.save(RecordKind.POINT, record_id, changes) is None:
            self._keep_draft(row, texts, dict.fromkeys(texts, self._not_saved()))
            return ""
        self.row_records[row] = record_id
        if row in self.draft_rows:
            self.draft_rows.remove(row)
        self.typed.pop(row, None)
        self.cell_errors.pop(row, None)
        self.project = self.context.project()
        return "added"

    def _keep_draft(self, row: str, texts: dict[str, str], problems: dict[str, str]) -> None:
        self.typed[row], self.cell_errors[row] = texts, problems
        if row not in self.draft_rows:
            self.draft_rows.append(row)

    def _not_saved(self) -> str:
        return words.NOT_SAVED.format(message=self.status.last_error or "")

    def remove_row(self, row: str) -> bool:
        """Delete the point a row shows (kept in history), or drop a row not saved yet."""
        if self.measure is None:
            return False
        point = self.point_of(row)
        self.typed.pop(row, None)
        self.cell_errors.pop(row, None)
        if point is None:
            dropped = row in self.draft_rows
            if dropped:
                self.draft_rows.remove(row)
            self._show_table()
            return dropped
        if not self.delete(RecordKind.POINT, point.record_id):
            self._show_table()
            return False
        self.status.saved()
        self.notice.value = text(words.POINT_DELETED.format(date=date_words(point.date)))
        self.row_records.pop(row, None)
        self.project = self.context.project()
        self._show_table()
        self.redraw()
        return True

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

    def redraw(self, *, announce: bool = True) -> None:
        """Draw the chart, its reading and everything that depends on the saved numbers.

        With ``announce``, a signal the chart did not have before is read out to screen
        readers (the reading is shown beside the chart for everyone).
        """
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
        signals = tuple(s.plain for s in drawing.result.signals) if drawing.result else ()
        if announce and set(signals) - set(self._signals):
            self.announce(words.NEW_SIGNAL.format(reading=" ".join(drawing.reading)))
        self._signals = signals
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

    def refresh_chart(self) -> None:
        """Read the shown measure again and redraw its chart (another control changed it)."""
        if self.measure is None:
            return
        self.project = self.context.project()
        measure = self.project.get(RecordKind.MEASURE, self.measure.record_id)
        if not isinstance(measure, Measure):
            self.reload()
            return
        self.measure = measure
        self.redraw()

    def announce(self, sentence: str) -> None:
        """Have screen readers read ``sentence`` politely (the table's one live region)."""
        self.table.announce(sentence)
