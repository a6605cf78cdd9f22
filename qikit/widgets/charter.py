"""The charter and aim tool: the problem in the team's words and a SMART aim, built as they type.

The pattern every tool follows: each box saves its own field when it changes; the aim sentence
and its "still to answer" list are redrawn from the saved record; a refused entry keeps the typed
text and shows why beside the box.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from qikit.core.model import MAIN, Charter, RecordKind, record_from_data
from qikit.core.wording import charter as words
from qikit.render.charter import example_charter, render_charter_html
from qikit.widgets.base import (
    FieldMessage,
    SaveStatus,
    ToolContext,
    help_panel,
    labelled_text,
    text,
    tool_frame,
    try_save,
)

_LONG_FIELDS = ("problem", "why_it_matters", "scope")
_AIM_FIELDS = ("aim_what", "aim_how_much", "aim_for_whom", "aim_by_when")


class CharterWidget:
    """Charter boxes and the guided SMART aim, saved on every change."""

    def __init__(self, context: ToolContext) -> None:
        self.context = context
        self.status = SaveStatus()
        self.boxes: dict[str, widgets.Text | widgets.Textarea] = {}
        self.messages: dict[str, FieldMessage] = {}
        rows: list[widgets.Widget] = []
        for key in (*_LONG_FIELDS, *_AIM_FIELDS):
            box = labelled_text(
                words.LABELS[key],
                long=key in _LONG_FIELDS,
                placeholder=words.PLACEHOLDERS.get(key, ""),
            )
            message = FieldMessage()
            box.observe(self._saver(key), names="value")
            self.boxes[key] = box
            self.messages[key] = message
            rows += [box, message.widget]
        self.aim = widgets.HTML()
        example = render_charter_html(example_charter())
        self.help = help_panel(words.WHAT_IS_IT, words.HOW_TO, example)
        self._loading = False
        self.reload()
        self.widget = tool_frame(
            words.TITLE,
            self.help,
            *rows[: 2 * len(_LONG_FIELDS)],
            widgets.HTML(f"<h3>{text(words.AIM_HEADING)}</h3>"),
            *rows[2 * len(_LONG_FIELDS) :],
            self.aim,
            self.status.widget,
        )

    def _saver(self, key: str):  # type: ignore[no-untyped-def]
        def save(change: dict[str, Any]) -> None:
            if self._loading:
                return
            stored = try_save(
                self.context,
                self.status,
                RecordKind.CHARTER,
                MAIN,
                {key: change["new"]},
                self.messages[key],
            )
            if stored is not None:
                self._show_aim(record_from_data(RecordKind.CHARTER, MAIN, stored.data))

        return save

    def reload(self) -> None:
        """Show what is stored (a new page visit, or after a mentor restored a version)."""
        stored = self.context.store.get(self.context.team, RecordKind.CHARTER.value, MAIN)
        charter = (
            Charter() if stored is None else record_from_data(RecordKind.CHARTER, MAIN, stored.data)
        )
        self._loading = True
        try:
            for key, box in self.boxes.items():
                box.value = getattr(charter, key)
        finally:
            self._loading = False
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
