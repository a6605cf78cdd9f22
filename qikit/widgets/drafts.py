"""Add-boxes that keep what is typed: leave the page before pressing "Add", and it is still there.

An "Add a cause" box holds words that are not a cause yet, so nothing saved them: closing the
tab, moving to another stage or a phone locking lost them. :func:`draft_text` keeps what the box
holds in the store's drafts (:meth:`Store.save_draft`) each time it reaches the kernel, which are
not records — no history, no version, nothing the progress score or the mentor review sees. The
next time the tool is opened the words are back in the box. When the tool adds the item it empties
the box, and an empty box forgets its draft.

The words reach the kernel when the box loses focus or Enter is pressed — and the page's own
script (``qikit/server/assets/voila/index.html.j2``) takes the focus off the box when the page is
hidden or closed, so a locked phone or a closed tab keeps them too. Not at every keystroke: the
browser sends a box's typing one message at a time and holds the rest back while the kernel is
busy, but a button's click is sent at once, so an "Add" pressed straight after typing could reach
the kernel before the last words did and add a cut name (seen under load in CI).

Drafts are the **team's**, one per box, like everything else the team makes: on a shared ward
PC the name at the keyboard is whoever typed it last, so a draft kept per person would be
hidden from the colleague who sits down next and finishes the job.

Writes are cheap: only when the text differs from what was kept (a few ms each), and at most
the model's limit for the box (a longer text is cut, and the box says so).
"""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from qikit.core.model import MAX_LONG_TEXT, MAX_SHORT_TEXT
from qikit.core.wording import history as words
from qikit.errors import QikitError
from qikit.widgets import base as ui
from qikit.widgets.base import FieldMessage, ToolContext


class DraftKeeper:
    """Keeps one box's text as the team's draft ``key``; the box is ``self.box``."""

    def __init__(
        self,
        context: ToolContext,
        key: str,
        box: widgets.Text | widgets.Textarea,
        limit: int,
        message: FieldMessage | None = None,
    ) -> None:
        self.context = context
        self.key = key
        self.box = box
        self.limit = limit
        self.message = message
        self._showing = False  # whether the "cut" note beside the box is ours
        self.kept = ""
        try:
            draft = context.store.draft(context.team, key)
        except QikitError:  # an unreadable store: the box works, without a draft
            draft = None
        if draft is not None:
            self.kept = draft.text
            box.value = draft.text
        box.observe(self._typed, names="value")

    def _typed(self, change: dict[str, Any]) -> None:
        self.keep(str(change["new"] or ""))

    def keep(self, text: str) -> None:
        """Keep ``text`` (cut to the limit) as the draft, unless it is what is kept already."""
        too_long = len(text) > self.limit
        if self.message is not None:
            if too_long:
                self.message.show(words.DRAFT_CUT.format(limit=self.limit))
                self._showing = True
            elif self._showing:
                self.message.clear()
                self._showing = False
        text = text[: self.limit]
        if text == self.kept:
            return
        author = self.context.author if self.context.author.strip() else words.SOMEONE
        try:
            self.context.store.save_draft(self.context.team, self.key, text, author=author)
        except QikitError:
            return  # a read-only or busy store: the words stay on the screen all the same
        self.kept = text


def draft_text(
    context: ToolContext,
    key: str,
    label: str,
    *,
    long: bool = False,
    placeholder: str = "",
    message: FieldMessage | None = None,
) -> widgets.Text | widgets.Textarea:
    """Return a labelled add-box whose words are kept as the team's draft ``key``.

    ``key`` names the box for good (it is stored), e.g. ``"fishbone.cause"``. The limit is the
    model's for short text, or for free text when ``long``; ``message`` is the note beside the
    box, where "longer than the box takes" is said.
    """
    box = ui.labelled_text(label, long=long, placeholder=placeholder)
    limit = MAX_LONG_TEXT if long else MAX_SHORT_TEXT
    DraftKeeper(context, key, box, limit, message)  # kept alive by its observer on the box
    return box
