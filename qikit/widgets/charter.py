"""The charter and aim tool: the problem in the team's words and a SMART aim, built as they type.

The pattern every tool follows: each box saves its own field when it changes; the aim sentence
and its "still to answer" list are redrawn from the saved record; a refused entry keeps the typed
text and shows why beside the box.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import cast

import ipywidgets as widgets

from qikit.core.model import MAIN, Charter, RecordKind, record_from_data
from qikit.core.wording import charter as words
from qikit.render.charter import example_charter, render_charter_html
from qikit.widgets import base as ui
from qikit.widgets.base import FieldMessage, ToolContext, ToolWidget, text

_LONG_FIELDS = ("problem", "why_it_matters", "scope")
_AIM_FIELDS = ("aim_what", "aim_how_much", "aim_for_whom", "aim_by_when")


class CharterWidget(ToolWidget):
    """Charter boxes and the guided SMART aim, saved on every change."""

    history_kinds = (RecordKind.CHARTER,)

    def __init__(self, context: ToolContext) -> None:
        super().__init__(context)
        self.boxes: dict[str, widgets.Text | widgets.Textarea] = {}
        self.messages: dict[str, FieldMessage] = {}
        rows: list[widgets.Widget] = []
        for key in (*_LONG_FIELDS, *_AIM_FIELDS):
            box = ui.labelled_text(
                words.LABELS[key],
                long=key in _LONG_FIELDS,
                placeholder=words.PLACEHOLDERS.get(key, ""),
            )
            message = FieldMessage()
            self.on_edit(box, partial(self._save_field, key))
            self.boxes[key] = box
            self.messages[key] = message
            rows.append(widgets.VBox([box, message.widget], layout=widgets.Layout(**ui.FULL_WIDTH)))
        self.aim = widgets.HTML()
        example = render_charter_html(example_charter())
        self.help = ui.help_panel(words.WHAT_IS_IT, words.HOW_TO, example)
        self.widget = self.frame(
            words.TITLE,
            self.help,
            _columns(rows[: len(_LONG_FIELDS)]),
            ui.heading(words.AIM_HEADING),
            _columns(rows[len(_LONG_FIELDS) :]),
            self.aim,
        )
        self.reload()

    def _save_field(self, key: str, value: str) -> None:
        stored = self.save(RecordKind.CHARTER, MAIN, {key: value}, self.messages[key])
        if stored is not None:
            self._show_aim(_charter(stored.data))

    def reload(self) -> None:
        """Show what is stored (a new page visit, or after a mentor restored a version)."""
        stored = self.context.get(RecordKind.CHARTER, MAIN)
        charter = Charter() if stored is None else _charter(stored.data)
        with self.loading():
            for key, box in self.boxes.items():
                box.value = getattr(charter, key)
        self._show_aim(charter)

    def _show_aim(self, charter: Charter) -> None:
        sentence = charter.aim_sentence()
        missing = charter.missing_aim_parts()
        parts = [
            f'<p class="qikit-aim"><strong>{text(sentence)}</strong></p>'
            if sentence
            else f"<p>{text(words.AIM_EMPTY)}</p>"
        ]
        if missing:
            items = "".join(f"<li>{text(q)}</li>" for q in missing)
            parts.append(f"<p>{text(words.AIM_MISSING)}</p><ul>{items}</ul>")
        elif sentence:
            parts.append(f"<p>✔ {text(words.AIM_COMPLETE)}</p>")
        self.aim.value = "".join(parts)
        self.charter = charter


def _columns(fields: list[widgets.Widget]) -> widgets.Box:
    """Return the fields in one box: two columns on a wide screen, one on a phone."""
    box = widgets.Box(fields, layout=widgets.Layout(**ui.FULL_WIDTH, flex_flow="column"))
    box.add_class(ui.COLUMNS_CLASS)
    return box


def _charter(data: Mapping[str, object]) -> Charter:
    """Return the charter stored as ``data`` (the charter kind always reads back as one)."""
    return cast(Charter, record_from_data(RecordKind.CHARTER, MAIN, data))
