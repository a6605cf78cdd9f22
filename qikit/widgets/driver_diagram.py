"""The driver diagram tool: from the aim to primary and secondary drivers to change ideas.

The aim is read from the charter (it is written there, once). Below the drawing — the same SVG
and list in words as the static notebook, from :mod:`qikit.render.driver_diagram` — each
driver and change idea has its own row: a text box that saves when the person leaves it, a
choice of what it hangs from, and buttons that say what they do.

Rows are added and removed one at a time rather than rebuilt, so a box holding refused text
keeps it while the person adds or deletes something else. Deleting a driver does not touch what
hangs from it: those rows say their driver was deleted, and restoring the driver from history
(a mentor can) joins everything up again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ipywidgets as widgets

from qikit.core.model import (
    ChangeIdea,
    Driver,
    DriverLevel,
    Project,
    RecordKind,
    new_record_id,
)
from qikit.core.wording import driver_diagram as words
from qikit.render.driver_diagram import (
    render_driver_outline_html,
    render_driver_svg,
    render_example,
)
from qikit.widgets import base as ui
from qikit.widgets.base import FieldMessage, ToolContext, ToolWidget, text
from qikit.widgets.drafts import draft_text
from qikit.widgets.pdsa import start_pdsa_cycle

__all__ = ["DriverDiagramWidget", "DriverRow"]

_WRAP = widgets.Layout(flex_flow="row wrap", width="100%", align_items="center")


def _short(value: str, limit: int = 70) -> str:
    value = " ".join(value.split())
    if not value:
        return words.UNTITLED
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"


@dataclass
class DriverRow:
    """The controls of one driver or change idea."""

    kind: RecordKind
    record_id: str
    level: DriverLevel | None  # None for a change idea
    text: widgets.Text
    message: FieldMessage
    link: widgets.Dropdown | None  # the primary driver (secondary) or the driver (change idea)
    link_message: FieldMessage
    delete_button: widgets.Button
    start_cycle_button: widgets.Button | None = None
    cycle_count: widgets.HTML | None = None
    widget: widgets.VBox | None = None


class DriverDiagramWidget(ToolWidget):
    """The driver diagram of one team: edit it row by row, see it drawn and in words.

    Parameters
    ----------
    context
        Where to save.
    on_start_cycle
        Called with a change idea's id when "Start a PDSA cycle to test this idea" is pressed;
        returns the new cycle's id, or None when it was not started.
        By default the cycle is created in the store (:func:`qikit.widgets.pdsa.start_pdsa_cycle`);
        pass ``PdsaLogWidget.start_cycle_for`` to open it in the PDSA log as well.

    Main controls (public so tests can drive them): ``new_primary``, ``add_primary_button``,
    ``new_secondary``, ``new_secondary_parent``, ``add_secondary_button``, ``new_idea``,
    ``new_idea_driver``, ``add_idea_button``; ``rows`` (record id → :class:`DriverRow`); the
    drawings ``diagram`` (SVG) and ``outline`` (the list in words); ``aim``; ``status`` and
    ``notice``.
    """

    history_kinds = (RecordKind.DRIVER, RecordKind.CHANGE_IDEA)

    def __init__(
        self,
        context: ToolContext,
        on_start_cycle: Callable[[str], object] | None = None,
    ) -> None:
        super().__init__(context)
        self.on_start_cycle: Callable[[str], object] = on_start_cycle or self.start_cycle
        self.notice = widgets.HTML()
        self.notice.add_class("qikit-status")
        self.rows: dict[str, DriverRow] = {}
        self._project = Project()

        self.aim = widgets.HTML()
        self.diagram = widgets.HTML(layout=widgets.Layout(**ui.FULL_WIDTH))
        self.diagram.add_class("qikit-figure")
        self.outline = widgets.HTML(layout=widgets.Layout(**ui.FULL_WIDTH))

        self.new_primary_message = FieldMessage()
        self.new_primary = draft_text(
            context, "driver_diagram.primary", words.NEW_PRIMARY, message=self.new_primary_message
        )
        self.add_primary_button = ui.big_button(words.ADD_PRIMARY, style="primary")
        self.add_primary_button.on_click(lambda _: self._add_driver(DriverLevel.PRIMARY))

        self.new_secondary_message = FieldMessage()
        self.new_secondary = draft_text(
            context, "driver_diagram.secondary", words.NEW_SECONDARY,
            message=self.new_secondary_message,
        )  # fmt: skip
        self.new_secondary_parent = ui.labelled_dropdown(words.NEW_SECONDARY_PARENT)
        self.new_secondary_note = widgets.HTML()
        self.add_secondary_button = ui.big_button(words.ADD_SECONDARY, style="primary")
        self.add_secondary_button.on_click(lambda _: self._add_driver(DriverLevel.SECONDARY))

        self.new_idea_message = FieldMessage()
        self.new_idea = draft_text(
            context, "driver_diagram.idea", words.NEW_IDEA, message=self.new_idea_message
        )
        self.new_idea_driver = ui.labelled_dropdown(words.NEW_IDEA_DRIVER)
        self.add_idea_button = ui.big_button(words.ADD_IDEA, style="primary")
        self.add_idea_button.on_click(self._add_idea)

        self.primary_area = widgets.VBox(layout=widgets.Layout(**ui.FULL_WIDTH))
        self.secondary_area = widgets.VBox(layout=widgets.Layout(**ui.FULL_WIDTH))
        self.idea_area = widgets.VBox(layout=widgets.Layout(**ui.FULL_WIDTH))

        self.help = ui.help_panel(words.WHAT_IS_IT, words.HOW_TO, render_example())
        self.widget = self.frame(
            words.TITLE,
            self.help,
            ui.heading(words.AIM_HEADING),
            self.aim,
            self.diagram,
            self.outline,
            ui.heading(words.PRIMARY_HEADING),
            self.primary_area,
            self.new_primary,
            self.new_primary_message.widget,
            self.add_primary_button,
            ui.heading(words.SECONDARY_HEADING),
            self.secondary_area,
            self.new_secondary,
            self.new_secondary_message.widget,
            self.new_secondary_parent,
            self.new_secondary_note,
            self.add_secondary_button,
            ui.heading(words.IDEAS_HEADING),
            self.idea_area,
            self.new_idea,
            self.new_idea_message.widget,
            self.new_idea_driver,
            self.add_idea_button,
            self.notice,
        )
        # Another tool on this page saved: redraw if the aim, drivers, ideas or cycles changed.
        self.listen(
            (RecordKind.CHARTER, RecordKind.DRIVER, RecordKind.CHANGE_IDEA, RecordKind.PDSA),
            self._refresh,
        )
        self.reload()

    # -- loading and drawing --------------------------------------------------------------------

    def reload(self) -> None:
        """Rebuild every row and the drawing from the store."""
        self.rows = {}
        for area in (self.primary_area, self.secondary_area, self.idea_area):
            area.children = []
        self._refresh()

    def _refresh(self) -> None:
        """Load the project, add or drop rows that changed, and redraw."""
        self._project = self.context.project()
        self._sync_rows()
        self._redraw()

    def _aim_sentence(self) -> str:
        charter = self._project.charter
        return charter.aim_sentence() if charter is not None else ""

    def _redraw(self) -> None:
        project = self._project
        aim = self._aim_sentence()
        self.aim.value = (
            f"<p><strong>{text(aim)}</strong></p>" if aim else f"<p>{text(words.AIM_EMPTY)}</p>"
        )
        args = (aim, project.drivers, project.change_ideas, project.pdsa_cycles)
        self.diagram.value = render_driver_svg(*args)
        self.outline.value = render_driver_outline_html(*args)
        for row in self.rows.values():
            if row.cycle_count is not None:
                count = len(project.cycles_of(row.record_id))
                row.cycle_count.value = f"<span>{text(words.cycles_tested(count))}</span>"

    def _primary_options(self, first: str | None) -> list[tuple[str, str | None]]:
        options: list[tuple[str, str | None]] = [(first, None)] if first else []
        return options + [(_short(d.text), d.record_id) for d in self._project.primary_drivers()]

    def _driver_options(self) -> list[tuple[str, str | None]]:
        options: list[tuple[str, str | None]] = [(words.NOT_LINKED, None)]
        for primary in self._project.primary_drivers():
            options.append((f"{words.PRIMARY_LABEL}: {_short(primary.text)}", primary.record_id))
            options += [
                (f"{words.SECONDARY_LABEL}: {_short(s.text)}", s.record_id)
                for s in self._project.secondary_drivers(primary.record_id)
            ]
        shown = {v for _, v in options}
        options += [  # secondary drivers whose primary driver is missing
            (f"{words.SECONDARY_LABEL}: {_short(s.text)}", s.record_id)
            for s in self._project.secondary_drivers()
            if s.record_id not in shown
        ]
        return options

    def _ordered_records(self) -> list[Driver | ChangeIdea]:
        project = self._project
        records: list[Driver | ChangeIdea] = list(project.primary_drivers())
        for primary in project.primary_drivers():
            records += project.secondary_drivers(primary.record_id)
        records += [s for s in project.secondary_drivers() if s not in records]
        ideas = sorted(project.change_ideas, key=lambda i: (i.text.casefold(), i.record_id))
        return records + ideas

    def _sync_rows(self) -> None:
        records = self._ordered_records()
        present = {r.record_id for r in records}
        for record_id in [r for r in self.rows if r not in present]:
            del self.rows[record_id]
        for record in records:
            if record.record_id not in self.rows:
                self.rows[record.record_id] = self._make_row(record)
        areas: dict[widgets.VBox, list[widgets.Widget]] = {
            self.primary_area: [],
            self.secondary_area: [],
            self.idea_area: [],
        }
        counters = {self.primary_area: 0, self.secondary_area: 0, self.idea_area: 0}
        labels = {
            self.primary_area: words.PRIMARY_LABEL,
            self.secondary_area: words.SECONDARY_LABEL,
            self.idea_area: words.IDEA_LABEL,
        }
        by_id = {r.record_id: r for r in records}
        for row in self.rows.values():
            area = self._area(row)
            counters[area] += 1
            row.text.description = f"{labels[area]} {counters[area]}"
            areas[area].append(row.widget)
            self._refresh_link(row, by_id[row.record_id])
        for area, children in areas.items():
            if list(area.children) != children:
                area.children = children
        primaries = self._primary_options(None)
        self.set_options(self.new_secondary_parent, primaries, self.new_secondary_parent.value)
        self.add_secondary_button.disabled = not primaries
        self.new_secondary_note.value = "" if primaries else f"<p>{text(words.NO_PRIMARY_YET)}</p>"
        self.set_options(self.new_idea_driver, self._driver_options(), self.new_idea_driver.value)

    def _area(self, row: DriverRow) -> widgets.VBox:
        if row.level is DriverLevel.PRIMARY:
            return self.primary_area
        if row.level is DriverLevel.SECONDARY:
            return self.secondary_area
        return self.idea_area

    def _refresh_link(self, row: DriverRow, record: Driver | ChangeIdea) -> None:
        if row.link is None:
            return
        ids = {d.record_id for d in self._project.drivers}
        if isinstance(record, Driver):
            parent = record.parent_id
            primaries = {d.record_id for d in self._project.primary_drivers()}
            missing = parent not in primaries
            first = words.PICK_PRIMARY if missing else None
            self.set_options(row.link, self._primary_options(first), parent)
            note = words.PARENT_MISSING if missing and parent is not None else ""
        else:
            self.set_options(row.link, self._driver_options(), record.driver_id)
            note = words.DRIVER_MISSING if record.driver_id not in ids | {None} else ""
        if note:
            row.link_message.show(note)
        elif row.link_message.message in (words.PARENT_MISSING, words.DRIVER_MISSING):
            row.link_message.clear()

    def _make_row(self, record: Driver | ChangeIdea) -> DriverRow:
        is_driver = isinstance(record, Driver)
        kind = RecordKind.DRIVER if is_driver else RecordKind.CHANGE_IDEA
        level = record.level if isinstance(record, Driver) else None
        box = ui.labelled_text(words.IDEA_LABEL, record.text)
        link: widgets.Dropdown | None = None
        if level is not DriverLevel.PRIMARY:
            label = words.PARENT_LABEL if is_driver else words.DRIVER_LABEL
            link = ui.labelled_dropdown(label)
        delete = ui.big_button(words.DELETE_DRIVER if is_driver else words.DELETE_IDEA)
        row = DriverRow(
            kind=kind,
            record_id=record.record_id,
            level=level,
            text=box,
            message=FieldMessage(),
            link=link,
            link_message=FieldMessage(),
            delete_button=delete,
        )
        buttons: list[widgets.Widget] = []
        if not is_driver:
            row.cycle_count = widgets.HTML(layout=widgets.Layout(margin="0 16px 0 0"))
            row.start_cycle_button = ui.big_button(words.START_CYCLE, style="primary")
            row.start_cycle_button.on_click(lambda _: self._start(row))
            buttons += [row.cycle_count, row.start_cycle_button]
        buttons.append(delete)
        parts: list[widgets.Widget] = [box, row.message.widget]
        if link is not None:
            parts += [link, row.link_message.widget]
            self.on_edit(link, lambda value: self._on_link(row, value))
        parts.append(widgets.HBox(buttons, layout=_WRAP))
        row.widget = widgets.VBox(
            parts, layout=widgets.Layout(**ui.FULL_WIDTH, border_bottom="1px solid #aeb7bd")
        )
        self.on_edit(box, lambda value: self._on_text(row, value))
        delete.on_click(lambda _: self._delete(row))
        return row

    # -- saving ---------------------------------------------------------------------------------

    def _on_text(self, row: DriverRow, value: str) -> None:
        if self.save(row.kind, row.record_id, {"text": value}, row.message) is not None:
            self._refresh()

    def _on_link(self, row: DriverRow, value: str | None) -> None:
        key = "parent_id" if row.kind is RecordKind.DRIVER else "driver_id"
        if self.save(row.kind, row.record_id, {key: value}, row.link_message) is not None:
            self._refresh()

    def _add_driver(self, level: DriverLevel) -> None:
        primary = level is DriverLevel.PRIMARY
        box = self.new_primary if primary else self.new_secondary
        message = self.new_primary_message if primary else self.new_secondary_message
        if not box.value.strip():
            message.show(words.EMPTY_TEXT)
            return
        siblings = (
            self._project.primary_drivers()
            if primary
            else self._project.secondary_drivers(self.new_secondary_parent.value)
        )
        changes: dict[str, Any] = {
            "text": box.value,
            "level": level.value,
            "position": max((d.position for d in siblings), default=-1.0) + 1,
        }
        if not primary:
            changes["parent_id"] = self.new_secondary_parent.value
        if self.save(RecordKind.DRIVER, new_record_id(), changes, message) is not None:
            box.value = ""
            self._refresh()

    def _add_idea(self, _: object) -> None:
        if not self.new_idea.value.strip():
            self.new_idea_message.show(words.EMPTY_TEXT)
            return
        changes = {"text": self.new_idea.value, "driver_id": self.new_idea_driver.value}
        stored = self.save(RecordKind.CHANGE_IDEA, new_record_id(), changes, self.new_idea_message)
        if stored is not None:
            self.new_idea.value = ""
            self._refresh()

    def _delete(self, row: DriverRow) -> None:
        if not self.delete(row.kind, row.record_id):
            return
        self.notice.value = f'<p role="status">{text(words.DELETED)}</p>'
        self._refresh()

    def start_cycle(self, change_idea_id: str) -> str | None:
        """Create a PDSA cycle testing the idea (the default ``on_start_cycle``); return its id."""
        stored = self.attempt(lambda: start_pdsa_cycle(self.context, change_idea_id))
        return None if stored is None else stored.record_id

    def _start(self, row: DriverRow) -> None:
        if self.on_start_cycle(row.record_id) is None:
            return  # not started: the hook has said why in its status line
        idea = self._project.get(RecordKind.CHANGE_IDEA, row.record_id)
        name = _short(idea.text) if isinstance(idea, ChangeIdea) else ""
        self.notice.value = f'<p role="status">{text(words.CYCLE_STARTED.format(idea=name))}</p>'
        self._refresh()
