"""What every QI tool widget shares: the :class:`ToolWidget` base, saving, the status, help, style.

The rules every tool follows (so a participant learns them once):

- **No Save button to forget.** Each control saves when it changes (text boxes when the person
  leaves the box or presses Enter) through :meth:`ToolWidget.save`, which writes only the changed
  fields of one record, checked by the project model inside the store's transaction.
- **A quiet status** under the tool says "Saved 10:32", or, if saving failed, says so plainly —
  and the person's text stays on the screen so nothing typed is lost.
- **A message beside the field** when an entry is not valid, saying what to change.
- **Help one tap away**: "What is this?", "How to do it" and a worked example from a
  support-services team (the IHI toolkit's pattern).
- **Earlier versions under each tool** (:mod:`qikit.widgets.history`, added by
  :meth:`ToolWidget.frame` for the tool's ``history_kinds``): who changed what and when, and
  "Put this version back".
- **Add-boxes keep their words** (:func:`qikit.widgets.drafts.draft_text`): leave the page
  before pressing "Add" and the words are still there next time.
- **Big, labelled controls**: every control has a visible label (also its accessible name),
  touch targets of at least 44 px and text of 18 px; widths are 100 % so a phone needs no
  sideways scrolling.

Every tool is a :class:`ToolWidget`: it holds the :class:`ToolContext`, the status line and the
one loading guard (:meth:`ToolWidget.loading`: controls the tool sets itself are not taken as the
person's edits), saves and deletes with the outcome shown, and frames its parts in one styled box.
A tool keeps only what is its own: its controls, how it draws, and :meth:`ToolWidget.reload`.

The shared vocabulary is imported once per tool: the classes a tool names in its own
definitions (and :func:`text`, used in nearly every line of HTML) by name, and the control
makers and layouts through the module, so each call says where it comes from::

    from qikit.widgets import base as ui
    from qikit.widgets.base import FieldMessage, ToolContext, ToolWidget, text

    ui.labelled_text(...), ui.big_button(...), ui.heading(...), widgets.Layout(**ui.FULL_WIDTH)

Widgets never open files or databases themselves: they are handed a :class:`ToolContext`.
"""

from __future__ import annotations

import html
from abc import ABC, abstractmethod
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

import ipywidgets as widgets

from qikit.core.history import Change
from qikit.core.model import Project, Record, RecordKind, record_from_data
from qikit.core.wording import history as history_words
from qikit.core.wording import store as store_words
from qikit.errors import DataError, QikitError, StoreFault
from qikit.render.text import escape
from qikit.store.base import Store, StoredRecord
from qikit.store.records import load_project, load_record, save_changes
from qikit.widgets.announce import Announcer
from qikit.widgets.history import HistoryPanel

#: Styles for every tool: large text and touch targets, high contrast, visible focus, and the
#: whole screen: a page up to 80rem wide (centred), lines of text and boxes to type in up to
#: 45rem (longer lines are hard to read), two columns on wide screens where a tool asks for them
#: (:data:`COLUMNS_CLASS`), and no box wider than the box it sits in (ipywidgets gives every
#: control a 2px side margin, which pushed 100%-wide boxes past the edge of their tool, where
#: they were cut off).
QIKIT_CSS = """
<style>
.qikit-tool { --qikit-text-width: 45rem; font-size: 18px; line-height: 1.5; color: #1a1a1a;
  max-width: 80rem; min-width: 0; box-sizing: border-box; }
.qikit-tool.qikit-page { margin-left: auto; margin-right: auto; }
.qikit-tool p, .qikit-tool li { max-width: var(--qikit-text-width); }
.qikit-tool .widget-label, .qikit-tool label { font-size: 18px !important; color: #1a1a1a;
  font-weight: 600; }
.qikit-tool input, .qikit-tool textarea, .qikit-tool select, .qikit-tool button {
  font-size: 18px !important; min-height: 44px; box-sizing: border-box; }
.qikit-tool textarea { font-family: inherit !important; }
.qikit-tool button { min-width: 44px; max-width: 100%; padding: 0 16px; white-space: normal;
  line-height: 1.3; }
.qikit-tool :focus-visible { outline: 3px solid #0b5cad; outline-offset: 2px; }
/* Labels above their boxes: readable on a phone, and the box gets the width. */
.qikit-tool .widget-text, .qikit-tool .widget-textarea, .qikit-tool .widget-dropdown,
.qikit-tool .widget-datepicker, .qikit-tool .widget-select-multiple {
  flex-direction: column !important; align-items: stretch !important;
  width: 100% !important; max-width: min(100%, var(--qikit-text-width)) !important;
  height: auto !important; }
.qikit-tool .widget-text, .qikit-tool .widget-textarea, .qikit-tool .widget-dropdown,
.qikit-tool .widget-datepicker, .qikit-tool .widget-select-multiple, .qikit-tool .widget-html,
.qikit-tool .widget-accordion, .qikit-tool .widget-box {
  margin-left: 0 !important; margin-right: 0 !important; min-width: 0; }
.qikit-tool .widget-text > .widget-label, .qikit-tool .widget-textarea > .widget-label,
.qikit-tool .widget-dropdown > .widget-label, .qikit-tool .widget-datepicker > .widget-label,
.qikit-tool .widget-select-multiple > .widget-label {
  width: auto !important; max-width: 100% !important; text-align: left !important;
  white-space: normal !important; height: auto !important; overflow: visible !important;
  line-height: 1.35 !important; margin-bottom: 4px; }
.qikit-tool .widget-text > *, .qikit-tool .widget-textarea > *, .qikit-tool .widget-dropdown > *,
.qikit-tool .widget-datepicker > *, .qikit-tool .widget-select-multiple > * {
  flex: 0 0 auto !important; }
.qikit-tool .widget-text input, .qikit-tool .widget-textarea textarea,
.qikit-tool .widget-dropdown select { width: 100% !important; max-width: 100% !important;
  margin-left: 0 !important; }
.qikit-tool .widget-textarea textarea { min-height: 6em; }
/* A tick box: its words beside it, wrapping, the whole line a 44px target. (ipywidgets clips
   the words to one 28px line, which the 44px box pushed out of sight.) */
.qikit-tool .widget-checkbox { width: auto !important; max-width: 100%; height: auto !important;
  min-height: 44px; }
.qikit-tool .widget-checkbox .widget-label-basic { display: flex !important; align-items: center;
  gap: 10px; min-height: 44px; white-space: normal !important; overflow: visible !important;
  line-height: 1.35 !important; cursor: pointer; }
.qikit-tool .widget-checkbox input[type="checkbox"] { flex: 0 0 auto !important; width: 24px;
  height: 24px; min-height: 24px; margin: 0 !important; }
.qikit-tool .widget-vbox, .qikit-tool .widget-hbox { max-width: 100%; }
.qikit-tool .widget-hbox { flex-wrap: wrap; gap: 8px; }
.qikit-tool .widget-html { max-width: 100%; }
.qikit-tool .widget-html-content { font-size: 18px; line-height: 1.5; min-width: 0;
  max-width: 100%; overflow-wrap: break-word; }
.qikit-tool .qikit-aim { font-size: 20px; }
.qikit-tool .jupyter-widget-Collapse-header, .qikit-tool .p-Collapse-header,
.qikit-tool .lm-Collapse-header { color: #1a1a1a !important; font-size: 18px; }
.qikit-tool .qikit-field-error { color: #a4000f; font-weight: 600; }
.qikit-tool .qikit-status { color: #3d3d3d; font-size: 16px; }
.qikit-tool .qikit-status-error { color: #a4000f; font-weight: 600; }
.qikit-tool svg { max-width: 100%; height: auto; }
/* A box that scrolls sideways inside its own edges (a wide table), never the page. */
.qikit-tool .qikit-scroll { overflow-x: auto; max-width: 100%; }
/* Two columns on a wide screen; one on a phone or a narrow window. */
@media (min-width: 1000px) {
  .qikit-tool .qikit-columns { display: grid !important; align-items: start;
    grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0 2rem; }
  .qikit-tool .qikit-columns > * { width: auto !important; max-width: 100% !important; }
}
</style>
"""

#: The class of a box whose parts sit in two columns on a wide screen (one on a phone).
COLUMNS_CLASS = "qikit-columns"

#: Layout for controls as wide as the box they are in (the CSS sets how wide a box may get).
FULL_WIDTH = {"width": "100%"}

#: Labels as wide as their words (the CSS puts them above their boxes).
WIDE_LABEL = {"description_width": "initial"}


def text(value: object) -> str:
    """Return free text escaped for an HTML widget: participants' text is always shown as text."""
    return escape(value)


@dataclass
class ToolContext:
    """Where a tool saves: the store, the team and the person at the keyboard."""

    store: Store
    team: str
    author: str
    #: Called after every successful save (e.g. to redraw a diagram elsewhere on the page).
    on_saved: list[Callable[[StoredRecord], None]] = field(default_factory=list)
    #: Called with (kind, record_id) after a record is deleted, for the same reason.
    on_deleted: list[Callable[[str, str], None]] = field(default_factory=list)

    def save(
        self, kind: RecordKind | str, record_id: str, changes: Mapping[str, Any]
    ) -> StoredRecord:
        """Save changed fields of one record (model-checked inside the store's transaction)."""
        stored = save_changes(self.store, self.team, kind, record_id, changes, author=self.author)
        for listener in self.on_saved:
            listener(stored)
        return stored

    def delete(self, kind: RecordKind | str, record_id: str) -> None:
        """Delete a record (its history is kept, so a mentor can restore it)."""
        self.store.delete(self.team, str(kind), record_id, author=self.author)
        for listener in self.on_deleted:
            listener(str(kind), record_id)

    def restore(self, kind: RecordKind | str, record_id: str, version: int) -> StoredRecord:
        """Put an earlier version of a record back (a new version: the restore is in history)."""
        stored = self.store.restore(self.team, str(kind), record_id, version, author=self.author)
        for listener in self.on_saved:
            listener(stored)
        return stored

    def get(self, kind: RecordKind | str, record_id: str) -> StoredRecord | None:
        """Return one of the team's records as stored now (None if there is none)."""
        return self.store.get(self.team, str(kind), record_id)

    def records(self, kind: RecordKind | str) -> list[StoredRecord]:
        """Return the team's stored records of one kind, in the store's stable order."""
        return self.store.list(self.team, str(kind))

    def record(self, kind: RecordKind | str, record_id: str) -> Record | None:
        """Return one of the team's records as a model object (None if there is none)."""
        return load_record(self.store, self.team, kind, record_id)

    def project(self) -> Project:
        """Return the team's whole project as model objects."""
        return load_project(self.store, self.team)


class SaveStatus:
    """The quiet line under a tool: "Saved 10:32", or a plain message when saving failed.

    The line is an :class:`~qikit.widgets.announce.Announcer`, so screen readers say it too:
    "Saved 10:32" politely, a failure at once. ``widget.value`` is its HTML, as before.
    """

    def __init__(self) -> None:
        self.widget = Announcer(layout=widgets.Layout(min_height="1.5em"))
        self.widget.add_class("qikit-status")
        self.last_error: str | None = None

    def saved(self, when: datetime | None = None) -> None:
        """Show the time of the last save (said politely by screen readers)."""
        moment = when or datetime.now()
        self.say(f"Saved {moment:%H:%M}")

    def say(self, message: str) -> None:
        """Show a plain message that is not a failure ("Your reply is saved."), said politely."""
        self.last_error = None
        self.widget.remove_class("qikit-status-error")
        self.widget.say(message)

    def failed(self, message: str, *, retry_helps: bool = True) -> None:
        """Say plainly that the last change was not saved (the text stays in its box).

        ``retry_helps=False`` for a fault of the disk or the store file (a
        :class:`~qikit.errors.StoreFault`): trying again will not help, so the person is told
        to keep the words. Screen readers say it at once, interrupting.
        """
        self.last_error = message
        self.widget.add_class("qikit-status-error")
        if not retry_helps:
            after = store_words.KEPT_ON_SCREEN
        else:
            after = (
                "Your writing is still in the box — try again, or tell your mentor if this "
                "keeps happening."
            )
        self.widget.say(f"Not saved: {message} {after}", urgent=True)


class FieldMessage:
    """A message shown beside one field when its entry is not valid (empty when fine)."""

    def __init__(self) -> None:
        self.widget = widgets.HTML(value="")
        self.widget.add_class("qikit-field-error")

    def show(self, message: str) -> None:
        """Show ``message`` beside the field (read out by screen readers at once)."""
        self.widget.value = f'<span role="alert">{text(message)}</span>'

    def clear(self) -> None:
        """Take the message away (the entry is fine now)."""
        self.widget.value = ""

    @property
    def message(self) -> str:
        """The plain text currently shown (for tests)."""
        return html.unescape(
            self.widget.value.replace('<span role="alert">', "").replace("</span>", "")
        )


def plain_message(error: QikitError) -> str:
    """Return the participant-facing message of an error."""
    return str(error)


def labelled_text(
    label: str, value: str = "", *, long: bool = False, placeholder: str = ""
) -> widgets.Text | widgets.Textarea:
    """Return a full-width text box whose visible label is also its accessible name."""
    kind = widgets.Textarea if long else widgets.Text
    return kind(
        value=value or "",
        description=label,
        placeholder=placeholder,
        continuous_update=False,
        layout=widgets.Layout(**FULL_WIDTH),
        style=WIDE_LABEL,
    )


def labelled_dropdown(
    label: str, options: Sequence[tuple[str, Any]] = (), value: Any = None, **layout: str
) -> widgets.Dropdown:
    """Return a full-width drop-down list whose visible label is also its accessible name.

    Without a ``value`` the first choice is picked; ``layout`` adds to the full-width layout.
    """
    chosen = {} if value is None else {"value": value}
    return widgets.Dropdown(
        options=list(options),
        description=label,
        style=WIDE_LABEL,
        layout=widgets.Layout(**FULL_WIDTH, **layout),
        **chosen,
    )


def big_button(label: str, *, tooltip: str = "", style: str = "") -> widgets.Button:
    """Return a button that says what it does, at least 44 px high."""
    return widgets.Button(
        description=label,
        tooltip=tooltip or label,
        button_style=style,
        layout=widgets.Layout(min_height="44px", width="auto"),
    )


def heading(title: str, level: int = 3) -> widgets.HTML:
    """Return a heading over one part of a tool (``level`` 3 by default; the tool's own is 2)."""
    return widgets.HTML(f"<h{level}>{text(title)}</h{level}>")


def help_panel(what_is_it: str, how_to: str, example_html: str) -> widgets.Accordion:
    """Return the help: "What is this?", "How to do it", "See an example" (closed at first).

    ``what_is_it`` and ``how_to`` are plain text (escaped here; blank lines start paragraphs);
    ``example_html`` is HTML that the caller has already escaped.
    """

    def paragraphs(words: str) -> widgets.HTML:
        parts = [f"<p>{text(p.strip())}</p>" for p in words.split("\n\n") if p.strip()]
        return widgets.HTML("".join(parts))

    panel = widgets.Accordion(
        children=[paragraphs(what_is_it), paragraphs(how_to), widgets.HTML(example_html)],
        layout=widgets.Layout(**FULL_WIDTH),
    )
    for index, title in enumerate(("What is this?", "How to do it", "See an example")):
        panel.set_title(index, title)
    panel.selected_index = None
    return panel


def tool_frame(
    title: str, *children: widgets.Widget, css: str = "", level: int = 2, note: str = ""
) -> widgets.VBox:
    """Return the page section of one tool: style (``css`` added to the shared), heading, parts.

    The heading is ``<h2>`` (``level`` 3 for a part that sits beside a tool, such as the
    mentor's comments); ``note``, plain text, is a quiet sentence under it.
    """
    intro = f'<p class="qikit-note">{text(note)}</p>' if note else ""
    top = widgets.HTML(f"{QIKIT_CSS}{css}<h{level}>{text(title)}</h{level}>{intro}")
    frame = widgets.VBox([top, *children], layout=widgets.Layout(**FULL_WIDTH))
    frame.add_class("qikit-tool")
    return frame


class Guard:
    """A switch that is on inside ``with guard:`` blocks (which may nest); true while on."""

    def __init__(self) -> None:
        self._depth = 0

    def __enter__(self) -> None:
        self._depth += 1

    def __exit__(self, *_exc: object) -> None:
        self._depth -= 1

    def __bool__(self) -> bool:
        return self._depth > 0


class ToolWidget(ABC):
    """The base of every QI tool: its context, status line, loading guard, saving and frame.

    A tool builds its controls, sets ``self.widget`` with :meth:`frame` and calls
    :meth:`reload`. It wires each control with :meth:`on_edit`, sets its own controls inside
    :meth:`loading`, and saves with :meth:`save` (one record's changed fields, the outcome in the
    status line or beside the field).

    Parameters
    ----------
    context
        Where to save: the store, the team and the person at the keyboard.
    """

    #: The tool's whole section of the page (set by :meth:`frame`).
    widget: widgets.VBox
    #: The kinds of record the tool edits: :meth:`frame` puts their "Earlier versions" under
    #: the tool when there are any (a tool sets this in its class body).
    history_kinds: ClassVar[tuple[RecordKind, ...]] = ()
    #: The "Earlier versions" panel (None for a tool without ``history_kinds``).
    history_panel: HistoryPanel | None = None

    def __init__(self, context: ToolContext) -> None:
        self.context = context
        self.status = SaveStatus()
        self._loading = Guard()  # on while the tool sets its own controls
        self._saving = Guard()  # on while the tool saves: its listener ignores its own saves

    # -- the loading guard ----------------------------------------------------------------------

    def loading(self) -> Guard:
        """Return the guard to set controls in (``with self.loading():``) without saving them."""
        return self._loading

    def on_edit(self, control: widgets.Widget, action: Callable[[Any], object]) -> None:
        """Call ``action(new value)`` when the person changes ``control`` (not while loading)."""

        def edited(change: dict[str, Any]) -> None:
            if not self._loading:
                action(change["new"])

        control.observe(edited, names="value")

    def set_options(
        self, control: widgets.Dropdown, options: Sequence[tuple[str, Any]], value: Any
    ) -> None:
        """Show ``options`` in a list (only if they changed: it is slow) and pick ``value``.

        A value no longer offered falls back to the first choice; nothing is saved.
        """
        with self.loading():
            if tuple(control.options) != tuple(options):
                control.options = tuple(options)
            values = [v for _, v in options]
            wanted = value if value in values else (values[0] if values else None)
            if control.value != wanted:
                control.value = wanted

    # -- saving ---------------------------------------------------------------------------------

    def save(
        self,
        kind: RecordKind | str,
        record_id: str,
        changes: Mapping[str, Any],
        message: FieldMessage | None = None,
    ) -> StoredRecord | None:
        """Save changed fields of one record, showing the outcome; return it (None if refused).

        A refused entry shows its message beside the field (or in the status line) and changes
        nothing already saved; the tool keeps what the person typed.
        """
        try:
            with self._saving:
                stored = self.context.save(kind, record_id, changes)
        except QikitError as error:
            if message is not None and isinstance(error, DataError):
                message.show(plain_message(error))
                self.status.failed("the entry beside the red message needs changing.")
            else:
                self.status.failed(
                    plain_message(error), retry_helps=not isinstance(error, StoreFault)
                )
            return None
        if message is not None:
            message.clear()
        self.status.saved()
        return stored

    def attempt(self, action: Callable[[], StoredRecord]) -> StoredRecord | None:
        """Run a save that is more than changed fields (e.g. start a cycle), showing the outcome.

        Returns the stored record, or None when it was refused (the status line says why).
        """
        try:
            with self._saving:
                stored = action()
        except QikitError as error:
            self.status.failed(plain_message(error), retry_helps=not isinstance(error, StoreFault))
            return None
        self.status.saved()
        return stored

    def delete(self, kind: RecordKind | str, record_id: str) -> bool:
        """Delete one record (kept in history); return True, or False with the reason shown."""
        try:
            self.context.delete(kind, record_id)
        except QikitError as error:
            self.status.failed(plain_message(error), retry_helps=not isinstance(error, StoreFault))
            return False
        return True

    def listen(self, kinds: Collection[RecordKind], action: Callable[[], None]) -> None:
        """Call ``action`` after another tool on the page saves a record of one of ``kinds``."""
        wanted = {kind.value for kind in kinds}

        def heard(stored: StoredRecord) -> None:
            if not self._saving and stored.kind in wanted:
                action()

        self.context.on_saved.append(heard)

    # -- showing --------------------------------------------------------------------------------

    def frame(
        self, title: str, *children: widgets.Widget, css: str = "", level: int = 2
    ) -> widgets.VBox:
        """Return the tool's section of the page (see :func:`tool_frame`): its parts, its
        "Earlier versions" (when it has ``history_kinds``), then its status line."""
        parts = list(children)
        if self.history_kinds:
            kinds = [kind.value for kind in self.history_kinds]
            self.history_panel = HistoryPanel(self.context, kinds, self.restore)
            parts.append(self.history_panel.widget)
        return tool_frame(title, *parts, self.status.widget, css=css, level=level)

    def restore(self, change: Change) -> bool:
        """Put back the version ``change`` offers (checked by the model first), show it; return
        whether it was put back (the reason is in the status line when not)."""
        version = change.restore_version
        if version is None:
            return False
        if change.restore_data is not None:
            try:
                record_from_data(RecordKind(change.kind), change.record_id, change.restore_data)
            except (QikitError, ValueError) as error:
                self.status.failed(history_words.CANNOT_RESTORE.format(reason=error))
                return False
        stored = self.attempt(lambda: self.context.restore(change.kind, change.record_id, version))
        if stored is None:
            return False
        self.reload()
        return True

    @abstractmethod
    def reload(self) -> None:
        """Show what is stored (a new page visit, or after a mentor restored a version)."""
