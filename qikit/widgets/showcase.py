"""The showcase captions: the team's own words for its celebration poster, under the storyboard.

One box per part of the A3 storyboard (headline, problem, what was tried, what the chart shows,
what was learned, next steps). Each box saves its own field when it changes, like every tool;
an empty box means "use what our records say". The preview under the boxes shows the words the
poster will carry, and ``on_change`` lets the page redraw its storyboard after each save.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import cast

import ipywidgets as widgets

from qikit.core.model import MAIN, RecordKind, ShowcaseCaptions, record_from_data
from qikit.core.wording import showcase as words
from qikit.widgets import base as ui
from qikit.widgets.base import FieldMessage, ToolContext, ToolWidget, text


class ShowcaseCaptionsWidget(ToolWidget):
    """The caption boxes for the team's A3 storyboard, saved on every change, with a preview.

    Parameters
    ----------
    context
        Where to save: the store, the team and the person at the keyboard.
    on_change
        Called with the saved captions after each save (the page redraws its storyboard).
    """

    history_kinds = (RecordKind.SHOWCASE,)

    def __init__(
        self,
        context: ToolContext,
        *,
        on_change: Callable[[ShowcaseCaptions], None] | None = None,
    ) -> None:
        super().__init__(context)
        self.on_change = on_change
        self.boxes: dict[str, widgets.Text | widgets.Textarea] = {}
        self.messages: dict[str, FieldMessage] = {}
        rows: list[widgets.Widget] = []
        for key in ShowcaseCaptions.PARTS:
            box = ui.labelled_text(
                words.CAPTION_LABELS[key],
                long=key != "headline",
                placeholder=words.CAPTION_PLACEHOLDERS[key],
            )
            message = FieldMessage()
            self.on_edit(box, partial(self._save_field, key))
            self.boxes[key] = box
            self.messages[key] = message
            rows.append(widgets.VBox([box, message.widget], layout=widgets.Layout(**ui.FULL_WIDTH)))
        self.preview = widgets.HTML()
        intro = widgets.HTML(f"<p>{text(words.CAPTIONS_INTRO)}</p>")
        self.widget = self.frame(words.CAPTIONS_TITLE, intro, *rows, self.preview)
        self.captions = ShowcaseCaptions()
        self.reload()

    def _save_field(self, key: str, value: str) -> None:
        stored = self.save(RecordKind.SHOWCASE, MAIN, {key: value}, self.messages[key])
        if stored is not None:
            self._show(_captions(stored.data))
            if self.on_change is not None:
                self.on_change(self.captions)

    def reload(self) -> None:
        """Show what is stored (a new page visit, or after a version was put back)."""
        stored = self.context.get(RecordKind.SHOWCASE, MAIN)
        captions = ShowcaseCaptions() if stored is None else _captions(stored.data)
        with self.loading():
            for key, box in self.boxes.items():
                box.value = getattr(captions, key)
        self._show(captions)

    def _show(self, captions: ShowcaseCaptions) -> None:
        self.captions = captions
        self.preview.value = captions_html(captions)


def captions_html(captions: ShowcaseCaptions) -> str:
    """Return the team's captions as a list of escaped text (what the poster will say)."""
    items = [
        f"<dt>{text(words.CAPTION_LABELS[key])}</dt>"
        f'<dd class="qikit-text" style="white-space:pre-wrap">{text(captions.caption(key))}</dd>'
        for key in ShowcaseCaptions.PARTS
        if captions.caption(key)
    ]
    if not items:
        return f'<p class="qikit-note">{text(words.CAPTIONS_NONE)}</p>'
    return f"<h3>{text(words.CAPTIONS_SHOWN)}</h3><dl>{''.join(items)}</dl>"


def _captions(data: Mapping[str, object]) -> ShowcaseCaptions:
    """Return the captions stored as ``data`` (the showcase kind always reads back as them)."""
    return cast(ShowcaseCaptions, record_from_data(RecordKind.SHOWCASE, MAIN, data))
