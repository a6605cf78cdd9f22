"""The process map tool: a team lists the steps of a job and sees them drawn as a flowchart.

The map's title is the ``process_map`` record "main"; each step is its own ``step`` record, so
two people can edit different steps at once. Steps are ordered by ``position``: "Move up" and
"Move down" give the moved step a position between its new neighbours, so a move saves that one
step only (the steps are numbered afresh only when two positions leave no room between them).

Every change saves at once and redraws the flowchart, which comes from
:func:`qikit.render.process_map.render_process_svg` — the same drawing as the static page.
Text typed into a box is never replaced while the tool is open (only :meth:`reload` does that),
so a refused entry stays on the screen for the person to fix.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from qikit.core.model import MAIN, ProcessMap, RecordKind, Step, StepType
from qikit.core.model import new_record_id as _new_record_id
from qikit.core.wording import process_map as words
from qikit.errors import DataError
from qikit.render.process_map import render_example, render_process_svg
from qikit.widgets import base as ui
from qikit.widgets.base import FieldMessage, ToolContext, ToolWidget, text
from qikit.widgets.drafts import draft_text

__all__ = ["ProcessMapWidget", "StepRow"]

#: How much of a step's words the "go to" and "put it after" lists show.
_SHORT = 40
#: The value of "no step picked" in a drop-down list (ipywidgets treats None as "no selection").
_NONE = ""


def _short(value: str) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= _SHORT else flat[: _SHORT - 1].rstrip() + "…"


def _show(widget: widgets.Widget, visible: bool) -> None:
    widget.layout.display = None if visible else "none"


class StepRow:
    """The controls of one step: its words, type, answers, problem and the buttons."""

    def __init__(self, owner: ProcessMapWidget, step: Step) -> None:
        self.owner = owner
        self.step_id = step.record_id
        self.heading = widgets.HTML()
        self.text = ui.labelled_text(words.STEP_TEXT_LABEL.format(number=""), step.text)
        self.text_message = FieldMessage()
        self.step_type = ui.labelled_dropdown(
            words.STEP_TYPE_LABEL,
            [(label, kind.value) for kind, label in words.STEP_TYPE_CHOICES.items()],
            step.step_type.value,
        )
        self.yes_next = ui.labelled_dropdown(
            words.YES_LABEL, [(words.NEXT_STEP_DOWN, _NONE)], _NONE
        )
        self.yes_message = FieldMessage()
        self.no_next = ui.labelled_dropdown(words.NO_LABEL, [(words.NEXT_STEP_DOWN, _NONE)], _NONE)
        self.no_message = FieldMessage()
        self.answers = widgets.VBox(
            [self.yes_next, self.yes_message.widget, self.no_next, self.no_message.widget],
            layout=widgets.Layout(**ui.FULL_WIDTH),
        )
        self.problem = ui.labelled_dropdown(
            words.PROBLEM_LABEL,
            [(words.NO_PROBLEM, _NONE)]
            + [(label, kind.value) for kind, label in words.PROBLEM_CHOICES.items()],
            step.problem.value if step.problem is not None else _NONE,
        )
        self.problem_note = ui.labelled_text(
            words.PROBLEM_NOTE_LABEL,
            step.problem_note,
            long=True,
            placeholder=words.PROBLEM_NOTE_PLACEHOLDER,
        )
        self.note_message = FieldMessage()
        self.note = widgets.VBox(
            [self.problem_note, self.note_message.widget], layout=widgets.Layout(**ui.FULL_WIDTH)
        )
        self.move_up = ui.big_button(words.MOVE_UP)
        self.move_down = ui.big_button(words.MOVE_DOWN)
        self.delete = ui.big_button(words.DELETE, style="danger")
        buttons = widgets.HBox(
            [self.move_up, self.move_down, self.delete],
            layout=widgets.Layout(flex_flow="row wrap", width="100%", grid_gap="8px"),
        )
        self.widget = widgets.VBox(
            [
                self.heading,
                self.text,
                self.text_message.widget,
                self.step_type,
                self.answers,
                self.problem,
                self.note,
                buttons,
            ],
            layout=widgets.Layout(
                **ui.FULL_WIDTH, border="2px solid #767676", padding="8px", margin="0 0 12px 0"
            ),
        )
        self.widget.add_class("qikit-step")
        self._children = (
            self.heading,
            self.text,
            self.step_type,
            self.yes_next,
            self.yes_message.widget,
            self.no_next,
            self.no_message.widget,
            self.answers,
            self.problem,
            self.problem_note,
            self.note_message.widget,
            self.note,
            self.move_up,
            self.move_down,
            self.delete,
            buttons,
            self.text_message.widget,
            self.widget,
        )

        owner.on_edit(self.text, self._on_text)
        owner.on_edit(self.step_type, self._on_type)
        owner.on_edit(self.yes_next, self._on_yes)
        owner.on_edit(self.no_next, self._on_no)
        owner.on_edit(self.problem, self._on_problem)
        owner.on_edit(self.problem_note, self._on_note)
        self.move_up.on_click(lambda _button: owner.move(self.step_id, -1))
        self.move_down.on_click(lambda _button: owner.move(self.step_id, +1))
        self.delete.on_click(lambda _button: owner.delete_step(self.step_id))

    # -- showing ------------------------------------------------------------------------------

    def show(self, number: int, count: int, step: Step, targets: list[tuple[str, str]]) -> None:
        """Show the step as number ``number`` of ``count`` (never touching the text boxes)."""
        kind = words.STEP_TYPE_NAMES[step.step_type]
        heading = words.STEP_HEADING.format(number=number, kind=kind)
        if step.problem is not None:
            heading += f" · {words.PROBLEM_TAGS[step.problem]}"
        self.heading.value = f"<h4 style='margin:0.25em 0'>{text(heading)}</h4>"
        self.text.description = words.STEP_TEXT_LABEL.format(number=number)
        self.move_up.tooltip = words.MOVE_UP_TIP.format(number=number)
        self.move_down.tooltip = words.MOVE_DOWN_TIP.format(number=number)
        self.delete.tooltip = words.DELETE_TIP.format(number=number)
        self.move_up.disabled = number == 1
        self.move_down.disabled = number == count
        is_decision = step.step_type is StepType.DECISION
        _show(self.answers, is_decision)
        _show(self.note, step.problem is not None)
        if self.step_type.value != step.step_type.value:
            self.step_type.value = step.step_type.value
        choices = [(words.NEXT_STEP_DOWN, _NONE)] + [
            (label, target) for target, label in targets if target != self.step_id
        ]
        known = {value for _label, value in choices}
        for box, message, stored in (
            (self.yes_next, self.yes_message, step.yes_next),
            (self.no_next, self.no_message, step.no_next),
        ):
            self.owner.set_options(box, choices, stored)
            if is_decision and stored is not None and stored not in known:
                message.show(words.DELETED_TARGET)
            else:
                message.clear()

    def close(self) -> None:
        """Close every control of the row (it has been deleted)."""
        for child in self._children:
            child.close()

    # -- saving -------------------------------------------------------------------------------

    def _on_text(self, value: str) -> None:
        self.owner.save_step(self, {"text": value}, self.text_message)

    def _on_type(self, value: str) -> None:
        changes: dict[str, Any] = {"step_type": value}
        if value != StepType.DECISION.value:
            # Only a decision has a yes and a no: drop its links in the same save.
            changes.update(yes_next=None, no_next=None)
        self.owner.save_step(self, changes, None)

    def _on_yes(self, value: str) -> None:
        self.owner.save_step(self, {"yes_next": value or None}, self.yes_message)

    def _on_no(self, value: str) -> None:
        self.owner.save_step(self, {"no_next": value or None}, self.no_message)

    def _on_problem(self, value: str) -> None:
        # The note is kept when the problem is taken off, in case it goes back on.
        self.owner.save_step(self, {"problem": value or None}, None)

    def _on_note(self, value: str) -> None:
        self.owner.save_step(self, {"problem_note": value}, self.note_message)


class ProcessMapWidget(ToolWidget):
    """The process map: a title, the steps (add, change, move, delete, mark a problem) and the
    flowchart drawn from them after every change.

    Parameters
    ----------
    context
        Where to save: the store, the team and the person at the keyboard.
    """

    history_kinds = (RecordKind.PROCESS_MAP, RecordKind.STEP)

    def __init__(self, context: ToolContext) -> None:
        super().__init__(context)
        self._steps: dict[str, Step] = {}
        self._order: list[str] = []
        self._process_map: ProcessMap | None = None
        self.rows: list[StepRow] = []
        self._rows: dict[str, StepRow] = {}

        self.title = ui.labelled_text(words.TITLE_LABEL, placeholder=words.TITLE_PLACEHOLDER)
        self.title_message = FieldMessage()
        self.diagram = widgets.HTML(layout=widgets.Layout(**ui.FULL_WIDTH))
        self.diagram.add_class("qikit-figure")

        self.new_type = ui.labelled_dropdown(
            words.NEW_TYPE_LABEL,
            [(label, kind.value) for kind, label in words.STEP_TYPE_CHOICES.items()],
            StepType.TASK.value,
        )
        self.new_message = FieldMessage()
        self.new_text = draft_text(
            context, "process_map.step", words.NEW_TEXT_LABEL,
            placeholder=words.NEW_TEXT_PLACEHOLDER, message=self.new_message,
        )  # fmt: skip
        self.new_where = ui.labelled_dropdown(
            words.NEW_WHERE_LABEL, [(words.AT_THE_END, _NONE)], _NONE
        )
        self.add_button = ui.big_button(words.ADD_BUTTON, style="primary")
        self.steps_box = widgets.VBox(layout=widgets.Layout(**ui.FULL_WIDTH))
        self.no_steps = widgets.HTML(f"<p>{text(words.NO_STEPS)}</p>")

        self.on_edit(self.title, self._on_title)
        self.add_button.on_click(lambda _button: self.add_step())

        adding = widgets.VBox(
            [
                ui.heading(words.ADD_HEADING),
                self.new_text,
                self.new_message.widget,
                self.new_type,
                self.new_where,
                self.add_button,
            ],
            layout=widgets.Layout(**ui.FULL_WIDTH),
        )
        self.help = ui.help_panel(words.WHAT_IS_IT, words.HOW_TO, render_example())
        self.widget = self.frame(
            words.TOOL_TITLE,
            self.help,
            self.title,
            self.title_message.widget,
            self.diagram,
            adding,
            ui.heading(words.STEPS_HEADING),
            self.no_steps,
            self.steps_box,
        )
        self.reload()

    # -- reading ------------------------------------------------------------------------------

    def _read(self) -> None:
        stored_map = self.context.get(RecordKind.PROCESS_MAP, MAIN)
        self._process_map = (
            ProcessMap.from_data(MAIN, stored_map.data) if stored_map is not None else None
        )
        steps = []
        for stored in self.context.records(RecordKind.STEP):
            try:
                steps.append(Step.from_data(stored.record_id, stored.data))
            except DataError:
                continue  # a damaged step is left out here; Project.problems() names it
        steps.sort(key=lambda s: (s.position, s.record_id))
        self._steps = {s.record_id: s for s in steps}
        self._order = [s.record_id for s in steps]

    def reload(self) -> None:
        """Rebuild everything from the store (text boxes included)."""
        self._read()
        with self.loading():
            self.title.value = self._process_map.title if self._process_map else ""
            self.title_message.clear()
            for row in self._rows.values():
                row.close()
            self._rows = {}
        self._show()

    def refresh(self) -> None:
        """Read the steps again and update the list and the drawing, keeping typed text."""
        self._read()
        self._show()

    def _show(self) -> None:
        with self.loading():
            for step_id in list(self._rows):
                if step_id not in self._steps:
                    self._rows.pop(step_id).close()
            for step_id in self._order:
                if step_id not in self._rows:
                    self._rows[step_id] = StepRow(self, self._steps[step_id])
            self.rows = [self._rows[step_id] for step_id in self._order]
            children = tuple(row.widget for row in self.rows)
            if self.steps_box.children != children:
                self.steps_box.children = children
            _show(self.no_steps, not self.rows)
            targets = [
                (step_id, words.GO_TO_STEP.format(number=n, text=_short(self._steps[step_id].text)))
                for n, step_id in enumerate(self._order, start=1)
            ]
            for n, row in enumerate(self.rows, start=1):
                row.show(n, len(self.rows), self._steps[row.step_id], targets)
            where = [(words.AT_THE_END, _NONE)] + [
                (words.AFTER_STEP.format(number=n, text=label.split(": ", 1)[1]), step_id)
                for n, (step_id, label) in enumerate(targets, start=1)
            ]
            self.set_options(self.new_where, where, self.new_where.value)
        self.redraw()

    def redraw(self) -> None:
        """Draw the flowchart again from the steps last read."""
        svg = render_process_svg(self._process_map, [self._steps[i] for i in self._order])
        self.diagram.value = f'<div class="qikit-figure">{svg}</div>'

    def row(self, step_id: str) -> StepRow:
        """Return the controls of the step ``step_id``."""
        return self._rows[step_id]

    # -- saving -------------------------------------------------------------------------------

    def _on_title(self, title: str) -> None:
        saved = self.save(RecordKind.PROCESS_MAP, MAIN, {"title": title}, self.title_message)
        if saved is not None:
            self._process_map = ProcessMap.from_data(MAIN, saved.data)
            self.redraw()

    def save_step(
        self, row: StepRow, changes: dict[str, Any], message: FieldMessage | None
    ) -> bool:
        """Save changed fields of one step, then update the list and drawing; return success."""
        known = self._steps.get(row.step_id)
        if known is None:
            return False
        if self.context.get(RecordKind.STEP, row.step_id) is None:
            # Someone else deleted the step while this person was typing in it: save it whole
            # again with their change rather than lose what they typed (or keep a stray field).
            changes = {**known.to_data(), **changes}
        saved = self.save(RecordKind.STEP, row.step_id, changes, message)
        if saved is None:
            return False
        self.refresh()
        return True

    def _position_after(self, step_id: str) -> float:
        """Return a position just after ``step_id`` ("" : after the last step)."""
        positions = [self._steps[i].position for i in self._order]
        if not positions:
            return 1.0
        if step_id not in self._steps:
            return positions[-1] + 1.0
        index = self._order.index(step_id)
        if index + 1 == len(positions):
            return positions[-1] + 1.0
        return (positions[index] + positions[index + 1]) / 2

    def add_step(self) -> str | None:
        """Add the step typed in "Add a step"; return its id (None if nothing was added)."""
        if not self.new_text.value.strip():
            self.new_message.show(words.NEW_TEXT_EMPTY)
            return None
        self._read()  # someone else may have added steps since
        after = self.new_where.value
        position = self._position_after(after)
        neighbours = self._order.index(after) if after in self._steps else None
        step_id = _new_record_id()
        saved = self.save(
            RecordKind.STEP,
            step_id,
            {"position": position, "step_type": self.new_type.value, "text": self.new_text.value},
            self.new_message,
        )
        if saved is None:
            return None
        if neighbours is not None and neighbours + 1 < len(self._order):
            next_position = self._steps[self._order[neighbours + 1]].position
            here = self._steps[after].position
            if not here < position < next_position:  # no room left between them
                self._read()
                order = [i for i in self._order if i != step_id]
                order.insert(order.index(after) + 1, step_id)
                self._renumber(order)
        with self.loading():
            self.new_text.value = ""
        self.refresh()
        # Added in the middle: the next step typed goes after this one, keeping the order.
        with self.loading():
            self.new_where.value = step_id if after in self._steps else _NONE
        return step_id

    def move(self, step_id: str, direction: int) -> None:
        """Move a step one place up (``-1``) or down (``+1``), saving only the moved step."""
        self._read()
        if step_id not in self._steps:
            self._show()
            return
        order = self._order
        index = order.index(step_id)
        goal = index + direction
        if not 0 <= goal < len(order):
            return
        others = [i for i in order if i != step_id]
        # After the move the step sits at ``goal``: between others[goal - 1] and others[goal].
        before = self._steps[others[goal - 1]].position if goal > 0 else None
        after = self._steps[others[goal]].position if goal < len(others) else None
        if before is None:
            position = after - 1.0  # type: ignore[operator]
        elif after is None:
            position = before + 1.0
        else:
            position = (before + after) / 2
        if (before is None or before < position) and (after is None or position < after):
            if self.save(RecordKind.STEP, step_id, {"position": position}) is None:
                return
        else:
            others.insert(goal, step_id)
            self._renumber(others)
        self.refresh()

    def _renumber(self, order: list[str]) -> None:
        """Give the steps positions 1, 2, 3… in ``order`` (when two are too close to split)."""
        for number, step_id in enumerate(order, start=1):
            moved = self._steps[step_id].position != float(number)
            if moved and self.save(RecordKind.STEP, step_id, {"position": float(number)}) is None:
                return

    def delete_step(self, step_id: str) -> None:
        """Delete a step, and point decisions that went to it back at "the next step down"."""
        if not self.delete(RecordKind.STEP, step_id):
            return
        self._read()
        for other in self._steps.values():
            changes = {
                key: None for key in ("yes_next", "no_next") if getattr(other, key) == step_id
            }
            if changes:
                self.save(RecordKind.STEP, other.record_id, changes)
        self.status.saved()
        self.refresh()
