"""The choice of how a measure's chart is read: run chart rules (Anhøj), IHI rules or NHS Making
Data Count, saved with the measure.

A small part of the measures tool, not a tool of its own: the tool places
:attr:`RuleSetChoice.widget` beside its chart (inside the tool's frame, whose style gives the
list its 44 px height and 18 px text), calls :meth:`RuleSetChoice.show` whenever it shows a
measure, and redraws the chart when ``on_changed`` is called. The choice saves the moment a
person changes it (as every control does) and says so in its own quiet status line; under the
list, one plain line says what the chosen rules look for. Setting the list to a measure's saved
choice never saves.
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as widgets

from qikit.core.model import Measure, RecordKind
from qikit.core.model.measures import RuleSet
from qikit.core.wording import rules as words
from qikit.widgets import base as ui
from qikit.widgets.base import ToolContext, ToolWidget, text

__all__ = ["RuleSetChoice"]


class RuleSetChoice(ToolWidget):
    """A labelled list of the three rule sets, its explanation and status; saves on change.

    Parameters
    ----------
    context
        Where to save: the store, the team and the person at the keyboard.
    on_changed
        Called after a person's choice is saved (the measures tool redraws its chart then).
    """

    def __init__(self, context: ToolContext, on_changed: Callable[[], None] | None = None) -> None:
        super().__init__(context)
        self.on_changed = on_changed
        #: The measure whose choice is shown (None: no measure yet, the list is disabled).
        self.measure_id: str | None = None
        self.picker = ui.labelled_dropdown(
            words.RULE_SET_LABEL,
            [(name, rules.value) for rules, (name, _) in words.RULE_SET_CHOICES.items()],
            RuleSet.ANHOEJ.value,
        )
        self.explanation = widgets.HTML()
        self.explanation.add_class("qikit-rule-explanation")
        self.on_edit(self.picker, self._chosen)
        self.widget = widgets.VBox(
            [self.picker, self.explanation, self.status.widget],
            layout=widgets.Layout(**ui.FULL_WIDTH),
        )
        self.widget.add_class("qikit-rule-choice")
        self.show(None)

    @property
    def value(self) -> RuleSet:
        """The rule set shown in the list."""
        return RuleSet(self.picker.value)

    def show(self, measure: Measure | None) -> None:
        """Show ``measure``'s saved choice (nothing is saved); None disables the list."""
        self.measure_id = None if measure is None else measure.record_id
        chosen = RuleSet.ANHOEJ if measure is None else RuleSet(measure.rule_set)
        with self.loading():
            self.picker.value = chosen.value
            self.picker.disabled = measure is None
        self._explain(chosen, waiting=measure is None)

    def reload(self) -> None:
        """Show the shown measure's choice as stored now (after a restore, say)."""
        record = (
            None
            if self.measure_id is None
            else self.context.record(RecordKind.MEASURE, self.measure_id)
        )
        self.show(record if isinstance(record, Measure) else None)

    def _explain(self, rules: RuleSet, *, waiting: bool = False) -> None:
        if waiting:
            self.explanation.value = f"<p>{text(words.PICK_A_MEASURE_FIRST)}</p>"
            return
        _, explanation = words.RULE_SET_CHOICES[rules]
        self.explanation.value = f"<p>{text(explanation)}</p>"

    def _chosen(self, value: str) -> None:
        rules = RuleSet(value)
        self._explain(rules)
        if self.measure_id is None:  # the list is disabled then; nothing to save to
            return
        stored = self.save(RecordKind.MEASURE, self.measure_id, {"rule_set": rules.value})
        if stored is not None and self.on_changed is not None:
            self.on_changed()
