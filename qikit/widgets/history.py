""" "Earlier versions" under a tool: who changed what and when, and "Put this version back".

Every :class:`~qikit.widgets.base.ToolWidget` whose ``history_kinds`` is not empty gets one from
its ``frame()``. The panel is closed at first and costs nothing until it is opened: only then is
the team's history read (one query, :meth:`Store.team_history`) and turned into sentences
(:func:`qikit.core.history.describe_history`). A save or delete of one of its kinds, from this
tool or another on the page, only marks it out of date — it is read again when next opened (at
once if it is open). The newest :data:`PAGE` changes are shown, "Show more" adds as many again.

Putting a version back goes through the tool (``restore``: the tool checks it, the store writes
it as a new version — so a restore is itself in history and can be undone — and the tool shows
it again). Everything shown is escaped: a cause may contain ``<b>``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Protocol

import ipywidgets as widgets

from qikit.core.history import Change, History, describe_history
from qikit.core.wording import history as words
from qikit.errors import QikitError
from qikit.render.text import escape
from qikit.store.base import Store, StoredRecord

#: Changes shown at first, and added by each "Show more".
PAGE = 20

#: Long button names wrap (ipywidgets cuts them with "…" otherwise, hiding what they restore).
HISTORY_CSS = """<style>
.qikit-history button { white-space: normal !important; height: auto !important;
  text-align: left; line-height: 1.35; padding: 8px 16px; }
.qikit-history .qikit-history-entry { border-top: 1px solid #b0b0b0; padding: 4px 0; }
.qikit-history .qikit-history-entry p { margin: 4px 0; }
</style>"""

#: ``restore(change)`` puts ``change.restore_version`` back; returns whether it did.
Restore = Callable[[Change], bool]


class HistoryContext(Protocol):
    """What the panel needs of a tool's context (a ToolContext; not imported: it imports us)."""

    store: Store
    team: str
    on_saved: list[Callable[[StoredRecord], None]]
    on_deleted: list[Callable[[str, str], None]]


class _Body:
    """The open part of the panel: what it is, a status line, removed items, changes, more."""

    def __init__(self, show_more: Callable[[], None]) -> None:
        self.intro = widgets.HTML(f"{HISTORY_CSS}<p>{escape(words.INTRO)}</p>")
        self.message = widgets.HTML()
        self.removed_box = widgets.VBox()
        self.changes_box = widgets.VBox()
        self.more = widgets.Button(
            description=words.SHOW_MORE,
            tooltip=words.SHOW_MORE,
            layout=widgets.Layout(min_height="44px", width="auto"),
        )
        self.more.on_click(lambda _: show_more())
        self.widget = widgets.VBox(
            [self.intro, self.message, self.removed_box, self.changes_box, self.more],
            layout=widgets.Layout(width="100%"),
        )


class HistoryPanel:
    """The "Earlier versions" of a tool's records: a toggle, and the list built when opened.

    Parameters
    ----------
    context
        The tool's :class:`~qikit.widgets.base.ToolContext` (its store, team and listeners).
    kinds
        The record kinds the tool edits (e.g. fishbone and cause).
    restore
        Puts one change's version back (the tool's own ``restore``).
    """

    def __init__(self, context: HistoryContext, kinds: Collection[str], restore: Restore) -> None:
        self.context = context
        self.kinds = tuple(sorted({str(k) for k in kinds}))
        self._restore = restore
        self.stale = True
        self.shown = PAGE
        self.history = History((), ())
        self.toggle = widgets.ToggleButton(
            value=False,
            description=words.SHOW_BUTTON,
            tooltip=words.SHOW_BUTTON,
            icon="history",
            layout=widgets.Layout(min_height="44px", width="auto"),
        )
        # The list itself is made on first opening: a page with five tools makes no list at all.
        self.body: _Body | None = None
        self.widget = widgets.VBox(
            [widgets.HTML(f"<h3>{escape(words.HEADING)}</h3>"), self.toggle],
            layout=widgets.Layout(width="100%", margin="16px 0 0 0"),
        )
        self.widget.add_class("qikit-history")
        self.toggle.observe(lambda change: self._opened(bool(change["new"])), names="value")
        context.on_saved.append(lambda stored: self._heard(stored.kind))
        context.on_deleted.append(lambda kind, _record_id: self._heard(kind))

    # -- opening and listening ------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        """Whether the list is showing."""
        return bool(self.toggle.value)

    def open(self) -> None:
        """Show the list (as pressing "Show earlier versions" does)."""
        self.toggle.value = True

    def _opened(self, opened: bool) -> None:
        label = words.HIDE_BUTTON if opened else words.SHOW_BUTTON
        self.toggle.description = label
        self.toggle.tooltip = label
        if opened:
            self._open_body().widget.layout.display = None
            if self.stale:
                self.refresh()
        elif self.body is not None:
            self.body.widget.layout.display = "none"

    def _open_body(self) -> _Body:
        if self.body is None:
            self.body = _Body(self.show_more)
            self.widget.children = (*self.widget.children, self.body.widget)
        return self.body

    def _heard(self, kind: str) -> None:
        if kind not in self.kinds:
            return
        self.stale = True
        if self.is_open:
            self.refresh()

    # -- building -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the team's history again and show it."""
        try:
            entries = self.context.store.team_history(self.context.team, self.kinds)
        except QikitError as error:
            self._say(str(error))
            return
        self.history = describe_history(entries)
        self.stale = False
        self._show()

    def show_more(self) -> None:
        """Show :data:`PAGE` more of the older changes."""
        self.shown += PAGE
        self._show()

    def _show(self) -> None:
        body = self._open_body()
        for box in (body.removed_box, body.changes_box):
            for row in box.children:
                for child in getattr(row, "children", ()):
                    child.close()
                row.close()
        removed: list[widgets.Widget] = []
        if self.history.removed:
            removed.append(widgets.HTML(f"<h4>{escape(words.REMOVED_HEADING)}</h4>"))
            removed += [self._row(c) for c in self.history.removed]
        body.removed_box.children = removed
        changes = self.history.changes
        # A removal whose "Put it back" is in the list above gets no second button of that name.
        above = {id(c) for c in self.history.removed}
        rows = [self._row(c, offer=id(c) not in above) for c in changes[: self.shown]]
        if not rows:
            rows = [widgets.HTML(f"<p>{escape(words.NOTHING_YET)}</p>")]
        body.changes_box.children = rows
        body.more.layout.display = None if len(changes) > self.shown else "none"

    def _row(self, change: Change, *, offer: bool = True) -> widgets.Widget:
        parts: list[widgets.Widget] = [widgets.HTML(f"<p>{escape(change.text)}</p>")]
        if offer and change.restore_version is not None:
            button = widgets.Button(
                description=change.restore_name,
                tooltip=change.restore_name,
                layout=widgets.Layout(min_height="44px", width="auto", max_width="100%"),
            )
            button.on_click(lambda _: self.put_back(change))
            parts.append(button)
        row = widgets.VBox(parts, layout=widgets.Layout(width="100%"))
        row.add_class("qikit-history-entry")
        return row

    def put_back(self, change: Change) -> bool:
        """Put ``change``'s version back through the tool; say so; return whether it was."""
        if change.restore_version is None:
            return False
        if not self._restore(change):
            return False
        self.refresh()  # the restore is in history now
        self._say(words.RESTORED.format(thing=change.thing))
        return True

    def _say(self, message: str) -> None:
        self._open_body().message.value = f'<p role="status">{escape(message)}</p>'

    def buttons(self) -> list[widgets.Button]:
        """Return the "Put … back" buttons shown now, removed items first (for tests)."""
        found: list[widgets.Button] = []
        if self.body is None:
            return found
        for box in (self.body.removed_box, self.body.changes_box):
            for row in box.children:
                found += [c for c in getattr(row, "children", ()) if isinstance(c, widgets.Button)]
        return found
