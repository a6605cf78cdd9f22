"""A small data table for typing and pasting rows of numbers: :class:`DataTable`, an anywidget.

Why our own: a participant types this week's number into a table and sees the chart change, on a
ward PC or a phone. ipysheet and qgrid are unmaintained; ipydatagrid draws on a canvas (no real
inputs for a screen reader or a phone keyboard). This is a real HTML ``<table>`` with one
``<input>`` per cell, its ES module and CSS as strings below (no build step, no network).

What it knows and what it does not:

- **Columns** are described from Python (:class:`Column`: key, visible label, the name used in
  each input's accessible name, and its kind: date, number or text). **Rows** are synced as a
  list of dicts of strings, each with a stable ``"id"``; per-cell **errors** as
  ``{row id: {column key: message}}``. The table never reads or checks a value itself: the
  Python side decides what a cell means, saves it and sends back the rows and errors.
- **Keyboard first**: Tab moves cell to cell, Enter (or ↓) to the same column of the next row,
  Shift+Enter (or ↑) back up. A cell is sent when it is left or Enter is pressed.
- **A new empty row is always at the end.** Its id is made in the browser (``"new-…"``), so the
  row keeps its place and focus while Python answers; Python decides what the id stands for.
- **Paste**: a block of cells (tab and newline separated, as Excel and Sheets copy) pasted into
  a cell is sent as one message; a single value is pasted by the browser as usual.
- **Errors in place**: a bad cell gets ``aria-invalid``, a red border and a plain message in a
  row under its row, linked by ``aria-describedby``; the text the person typed stays in the cell.
- Each message from the browser carries a number, and Python answers ``{"type": "done"}`` with
  it once the rows are updated, so a cell sent but not yet answered is never overwritten.

Messages from the browser (also what tests feed to :meth:`DataTable.receive`)::

    {"type": "edit", "row": id, "key": column, "value": text, "seq": n}
    {"type": "paste", "row": id, "key": column, "text": pasted text, "seq": n}
    {"type": "remove", "row": id, "seq": n}
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

import anywidget
import traitlets

__all__ = ["Column", "DataTable", "paste_grid"]

ColumnKind = Literal["date", "number", "text"]

#: Called with (row id, column key, text) when a cell is left changed or Enter is pressed.
EditHandler = Callable[[str, str, str], object]
#: Called with (row id, column key, cells) for a pasted block: a list of lines of cells.
PasteHandler = Callable[[str, str, list[list[str]]], object]
#: Called with the row id when its "Remove" button is pressed.
RemoveHandler = Callable[[str], object]


@dataclass(frozen=True)
class Column:
    """One column: its key in the rows, its header, its name for screen readers and its kind.

    ``name`` goes into each input's accessible name: "Point 3, number". ``width`` is an optional
    CSS width for wide screens (the table's own CSS sizes columns by kind otherwise).
    """

    key: str
    label: str
    name: str
    kind: ColumnKind = "text"
    width: str = ""


def paste_grid(text: str) -> list[list[str]]:
    """Return pasted text as lines of cells: tabs between cells, one line per row.

    Blank lines at the end are dropped (Excel ends a copy with a newline); blank lines inside
    are kept, so the rows under them still land where the person expects.
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    grid = []
    for line in lines:
        cells = [cell.strip() for cell in line.split("\t")]
        while len(cells) > 1 and not cells[-1]:
            cells.pop()  # a ragged selection ends with tabs
        grid.append(cells)
    return grid


_ESM = r"""
const FOCUSABLE = "input, button";

function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  return "new-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function render({ model, el }) {
  const uid = newKey();
  el.classList.add("qikit-table");
  const table = document.createElement("table");
  table.setAttribute("role", "table"); // explicit roles: a phone lays rows out as flex boxes
  const caption = table.createCaption();
  const colgroup = document.createElement("colgroup");
  table.append(colgroup);
  const thead = table.createTHead();
  const tbody = table.createTBody();
  thead.setAttribute("role", "rowgroup");
  tbody.setAttribute("role", "rowgroup");
  const live = document.createElement("div");
  live.className = "qikit-table-live";
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");
  el.append(table, live);

  const shown = new Map(); // row id -> {tr, th, inputs, button, errorRow}
  const pending = new Map(); // id of a new row sent to Python -> seq, until answered
  const inflight = new Map(); // "row\tcolumn" of a sent cell -> seq, until answered
  let blank = newKey();
  let order = [];
  let seq = 0;
  let heading = "";
  let focusAfter = null;

  const fill = (template, n) => template.replace("{n}", String(n));

  function send(message, row, key) {
    seq += 1;
    message.seq = seq;
    if (key !== undefined) inflight.set(row + "\t" + key, seq);
    if (row === blank) {
      pending.set(blank, seq);
      blank = newKey();
    }
    model.send(message);
    draw();
  }

  function commit(input) {
    if (input.value === input.baseline) return;
    input.baseline = input.value;
    const { row, key } = input.dataset;
    if (row === blank && !input.value.trim()) return;
    send({ type: "edit", row, key, value: input.value }, row, key);
  }

  function move(input, step) {
    const target = shown.get(order[order.indexOf(input.dataset.row) + step]);
    if (target) target.inputs.get(input.dataset.key).focus();
  }

  function onKey(event) {
    const up = event.key === "ArrowUp" || (event.key === "Enter" && event.shiftKey);
    if (!up && event.key !== "Enter" && event.key !== "ArrowDown") return;
    event.preventDefault();
    commit(event.target);
    move(event.target, up ? -1 : 1);
  }

  function onPaste(event) {
    const text = event.clipboardData ? event.clipboardData.getData("text/plain") : "";
    if (!/[\t\n\r]/.test(text.replace(/[\r\n]+$/, ""))) return; // one value: the browser pastes
    event.preventDefault();
    const { row, key } = event.target.dataset;
    send({ type: "paste", row, key, text }, row);
  }

  function remove(row) {
    focusAfter = { index: order.indexOf(row), seq: seq + 1 }; // once this removal is answered
    send({ type: "remove", row });
  }

  function drawHead(columns) {
    const signature = JSON.stringify(columns) + model.get("row_header");
    if (signature === heading) return;
    heading = signature;
    for (const row of shown.values()) row.errorRow?.remove();
    shown.clear();
    tbody.replaceChildren();
    const tr = document.createElement("tr");
    tr.setAttribute("role", "row");
    const cols = [["qikit-table-col-row", ""]];
    const corner = document.createElement("th");
    corner.scope = "col";
    corner.setAttribute("role", "columnheader");
    corner.className = "qikit-table-row";
    corner.textContent = model.get("row_header");
    tr.append(corner);
    for (const column of columns) {
      const th = document.createElement("th");
      th.scope = "col";
      th.setAttribute("role", "columnheader");
      th.className = "qikit-table-" + column.kind;
      th.textContent = column.label;
      tr.append(th);
      cols.push(["qikit-table-col-" + column.kind, column.width]);
    }
    const last = document.createElement("th");
    last.scope = "col";
    last.setAttribute("role", "columnheader");
    last.className = "qikit-table-remove";
    last.textContent = model.get("remove_header");
    tr.append(last);
    cols.push(["qikit-table-col-remove", ""]);
    thead.replaceChildren(tr);
    colgroup.replaceChildren(...cols.map(([name, width]) => {
      const col = document.createElement("col");
      col.className = name;
      if (width) col.style.width = width;
      return col;
    }));
  }

  function makeRow(id, columns) {
    const tr = document.createElement("tr");
    tr.setAttribute("role", "row");
    const th = document.createElement("th");
    th.scope = "row";
    th.setAttribute("role", "rowheader");
    th.className = "qikit-table-row";
    tr.append(th);
    const inputs = new Map();
    for (const column of columns) {
      const td = document.createElement("td");
      td.setAttribute("role", "cell");
      td.className = "qikit-table-" + column.kind;
      const input = document.createElement("input");
      input.type = "text";
      input.autocomplete = "off";
      input.spellcheck = column.kind === "text";
      if (column.kind === "number") input.inputMode = "decimal";
      input.dataset.row = id;
      input.dataset.key = column.key;
      input.baseline = "";
      input.addEventListener("keydown", onKey);
      input.addEventListener("change", () => commit(input));
      input.addEventListener("paste", onPaste);
      td.append(input);
      tr.append(td);
      inputs.set(column.key, input);
    }
    const td = document.createElement("td");
    td.setAttribute("role", "cell");
    td.className = "qikit-table-remove";
    const button = document.createElement("button");
    button.type = "button";
    button.addEventListener("click", () => remove(id));
    td.append(button);
    tr.append(td);
    const row = { tr, th, inputs, button, errorRow: null };
    shown.set(id, row);
    return row;
  }

  function update(id, row, data, errors, index, columns) {
    const isBlank = id === blank;
    const label = isBlank ? model.get("new_row_label") : fill(model.get("row_label"), index + 1);
    row.th.textContent = isBlank ? "+" : String(index + 1);
    row.button.hidden = isBlank;
    row.button.textContent = model.get("remove_text");
    row.button.setAttribute("aria-label", fill(model.get("remove_label"), index + 1));
    const hints = isBlank ? model.get("placeholders") : {};
    const messages = [];
    const describedBy = "qikit-table-" + uid + "-" + id;
    for (const column of columns) {
      const input = row.inputs.get(column.key);
      input.setAttribute("aria-label", label + ", " + column.name);
      input.placeholder = hints[column.key] || "";
      const typing = input.value !== input.baseline || inflight.has(id + "\t" + column.key);
      if (data && !typing) {
        input.value = input.baseline = data[column.key] ?? "";
      }
      const error = errors[column.key];
      if (error) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", describedBy);
        messages.push(column.label + ": " + error);
      } else {
        input.removeAttribute("aria-invalid");
        input.removeAttribute("aria-describedby");
      }
    }
    if (!messages.length) {
      row.errorRow?.remove();
      row.errorRow = null;
      return;
    }
    if (!row.errorRow) {
      row.errorRow = document.createElement("tr");
      row.errorRow.setAttribute("role", "row");
      row.errorRow.className = "qikit-table-error";
      const td = document.createElement("td");
      td.setAttribute("role", "cell");
      td.colSpan = columns.length + 2;
      const message = document.createElement("span");
      message.id = describedBy;
      message.setAttribute("role", "alert");
      td.append(message);
      row.errorRow.append(td);
    }
    const text = label + ": " + messages.join(" ");
    const message = row.errorRow.firstChild.firstChild;
    if (message.textContent !== text) message.textContent = text;
  }

  function draw() {
    const columns = model.get("columns");
    drawHead(columns);
    caption.textContent = model.get("caption");
    const rows = model.get("rows");
    const errors = model.get("errors");
    const data = new Map(rows.map((r) => [r.id, r]));
    const waiting = [...pending.keys()].filter((id) => !data.has(id));
    const ids = [...data.keys(), ...waiting, blank];
    const active = document.activeElement;
    for (const [id, row] of shown) {
      if (!ids.includes(id)) {
        row.tr.remove();
        row.errorRow?.remove();
        shown.delete(id);
      }
    }
    let cursor = tbody.firstChild;
    ids.forEach((id, index) => {
      const row = shown.get(id) || makeRow(id, columns);
      update(id, row, data.get(id), errors[id] || {}, index, columns);
      for (const part of [row.tr, row.errorRow]) {
        if (!part) continue;
        if (part === cursor) cursor = cursor.nextSibling;
        else tbody.insertBefore(part, cursor);
      }
    });
    order = ids;
    if (active && el.contains(active) && document.activeElement !== active) {
      active.focus({ preventScroll: true }); // a row that moved keeps the person's place
    }
  }

  function answered(message) {
    if (message.type !== "done") return;
    for (const [cell, n] of inflight) if (n <= message.seq) inflight.delete(cell);
    for (const [id, n] of pending) if (n <= message.seq) pending.delete(id);
    draw();
    if (focusAfter && focusAfter.seq <= message.seq) {
      const row = shown.get(order[Math.min(focusAfter.index, order.length - 1)]);
      focusAfter = null;
      row?.tr.querySelector(FOCUSABLE)?.focus();
    }
  }

  function announce() {
    live.textContent = model.get("announcement");
  }

  const redraw = () => draw();
  const watched = ["columns", "rows", "errors", "placeholders", "caption", "row_label"];
  for (const name of watched) model.on("change:" + name, redraw);
  model.on("change:announcement", announce);
  model.on("msg:custom", answered);
  draw();
  return () => {
    for (const name of watched) model.off("change:" + name, redraw);
    model.off("change:announcement", announce);
    model.off("msg:custom", answered);
  };
}

export default { render };
"""

_CSS = """
.qikit-table { width: 100%; max-width: 100%; box-sizing: border-box; }
.qikit-table table { width: 100%; table-layout: fixed; border-collapse: collapse;
  font-size: 16px; line-height: 1.25; color: #1a1a1a; }
.qikit-table caption, .qikit-table .qikit-table-live { position: absolute; width: 1px;
  height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.qikit-table th, .qikit-table td { padding: 0 3px; border-bottom: 1px solid #c9c9c9;
  text-align: left; vertical-align: middle; overflow: hidden; }
.qikit-table thead th { font-size: 15px; font-weight: 600; vertical-align: bottom;
  padding: 4px 3px; border-bottom: 2px solid #5c5c5c; white-space: normal;
  overflow-wrap: anywhere; }
.qikit-table th.qikit-table-row { font-weight: 400; color: #3d3d3d; text-align: right;
  padding-right: 6px; }
.qikit-table td input { box-sizing: border-box; width: 100% !important; margin: 0;
  height: 32px; min-height: 32px !important; padding: 2px 6px; font-size: 16px !important;
  font-family: inherit; color: #1a1a1a; background: #fff; border: 1px solid #767676;
  border-radius: 3px; }
.qikit-table td input:focus-visible { outline: 3px solid #0b5cad; outline-offset: -1px; }
.qikit-table td input[aria-invalid="true"] { border: 2px solid #a4000f; background: #fff3f3; }
.qikit-table td.qikit-table-number input { text-align: right; }
.qikit-table td.qikit-table-remove button { width: 100%; min-width: 0 !important;
  height: 32px; min-height: 32px !important; padding: 0 4px !important; font-size: 15px !important;
  color: #1a1a1a; background: #f0f0f0; border: 1px solid #767676; border-radius: 3px;
  cursor: pointer; }
.qikit-table tr.qikit-table-error td { color: #a4000f; font-weight: 600; font-size: 15px;
  padding: 2px 6px 6px; white-space: normal; overflow-wrap: anywhere; }
.qikit-table col.qikit-table-col-row { width: 3.2em; }
.qikit-table col.qikit-table-col-date { width: 8.4em; }
.qikit-table col.qikit-table-col-number { width: 5.6em; }
.qikit-table col.qikit-table-col-remove { width: 5.4em; }
/* A phone: each row wraps onto two lines (date and numbers, then note and Remove), in the
   same order as the keyboard goes; the explicit ARIA roles keep it a table for screen readers. */
@media (max-width: 699px) {
  .qikit-table table, .qikit-table thead, .qikit-table tbody { display: block; width: 100%; }
  .qikit-table colgroup { display: none; }
  .qikit-table tr { display: flex; flex-wrap: wrap; align-items: center; gap: 3px;
    padding: 3px 0; border-bottom: 1px solid #c9c9c9; }
  .qikit-table thead tr { border-bottom: 2px solid #5c5c5c; }
  .qikit-table th, .qikit-table td, .qikit-table thead th { display: block; padding: 0;
    border: 0; min-width: 0; }
  .qikit-table .qikit-table-row { flex: 0 0 2.8em; }
  .qikit-table .qikit-table-date { flex: 1 1 6.6em; }
  .qikit-table .qikit-table-number { flex: 1 1 3.4em; }
  .qikit-table .qikit-table-text { flex: 1 1 calc(100% - 8.3em); margin-left: calc(2.8em + 3px); }
  .qikit-table .qikit-table-remove { flex: 0 0 4.6em; }
  .qikit-table tr.qikit-table-error td { flex: 1 1 100%; padding: 0 4px 4px; }
  .qikit-table td input, .qikit-table td.qikit-table-remove button {
    height: 44px; min-height: 44px !important; }
  .qikit-table td input { padding: 2px 5px; }
}
"""


class DataTable(anywidget.AnyWidget):
    """A table of rows of text cells, edited in the browser and checked in Python.

    Parameters
    ----------
    columns
        The columns, left to right (a "Remove" button column follows them).
    on_edit, on_paste, on_remove
        Called for the person's edits (see the aliases above); each may update the table with
        :meth:`show` before it returns. The browser is answered after the handler returns.
    **traits
        Any of the synced words: ``caption``, ``row_header``, ``row_label`` ("Row {n}"),
        ``new_row_label``, ``remove_label`` ("Remove row {n}"), ``remove_text``, ...
    """

    _esm = _ESM
    _css = _CSS

    columns = traitlets.List(traitlets.Dict()).tag(sync=True)
    #: One dict per row: ``"id"`` and one string per column key.
    rows = traitlets.List(traitlets.Dict()).tag(sync=True)
    #: ``{row id: {column key: plain message}}`` for the cells to mark.
    errors = traitlets.Dict().tag(sync=True)
    #: Hints shown in the empty row at the end, by column key (for example the next date).
    placeholders = traitlets.Dict().tag(sync=True)
    #: The table's name for screen readers.
    caption = traitlets.Unicode("").tag(sync=True)
    row_header = traitlets.Unicode("Row").tag(sync=True)
    row_label = traitlets.Unicode("Row {n}").tag(sync=True)
    new_row_label = traitlets.Unicode("New row").tag(sync=True)
    remove_header = traitlets.Unicode("").tag(sync=True)
    remove_label = traitlets.Unicode("Remove row {n}").tag(sync=True)
    remove_text = traitlets.Unicode("Remove").tag(sync=True)
    #: A sentence read out politely by screen readers (kept in one live region).
    announcement = traitlets.Unicode("").tag(sync=True)

    def __init__(
        self,
        columns: Sequence[Column] = (),
        *,
        on_edit: EditHandler | None = None,
        on_paste: PasteHandler | None = None,
        on_remove: RemoveHandler | None = None,
        **traits: Any,
    ) -> None:
        super().__init__(**traits)
        self.set_columns(columns)
        self.on_edit = on_edit
        self.on_paste = on_paste
        self.on_remove = on_remove
        self.on_msg(lambda _widget, content, _buffers: self.receive(content))

    def set_columns(self, columns: Sequence[Column]) -> None:
        """Show these columns (the rows are drawn again)."""
        self.columns = [asdict(column) for column in columns]

    @property
    def column_keys(self) -> list[str]:
        """Return the column keys, left to right."""
        return [column["key"] for column in self.columns]

    def show(
        self,
        rows: Sequence[Mapping[str, str]],
        errors: Mapping[str, Mapping[str, str]] | None = None,
        placeholders: Mapping[str, str] | None = None,
    ) -> None:
        """Show these rows and cell errors (sent to the browser as one update)."""
        with self.hold_sync():
            self.rows = [dict(row) for row in rows]
            self.errors = {row: dict(cells) for row, cells in (errors or {}).items() if cells}
            if placeholders is not None:
                self.placeholders = dict(placeholders)

    def announce(self, sentence: str) -> None:
        """Have screen readers read ``sentence`` politely (once, when it changes)."""
        self.announcement = sentence

    def receive(self, message: Mapping[str, Any]) -> None:
        """Act on one message from the browser, then answer it (tests call this directly).

        A message that is not one of the three shapes, or names an unknown column, is ignored
        (still answered, so the browser does not wait for it).
        """
        try:
            self._dispatch(message)
        finally:
            seq = message.get("seq")
            if isinstance(seq, int):
                self.send({"type": "done", "seq": seq})

    def _dispatch(self, message: Mapping[str, Any]) -> None:
        kind, row, key = message.get("type"), message.get("row"), message.get("key")
        if not isinstance(row, str) or not row:
            return
        if kind == "remove":
            if self.on_remove is not None:
                self.on_remove(row)
            return
        if key not in self.column_keys:
            return
        if kind == "edit" and isinstance(message.get("value"), str):
            if self.on_edit is not None:
                self.on_edit(row, key, message["value"])
        elif kind == "paste" and isinstance(message.get("text"), str):
            grid = paste_grid(message["text"])
            if grid and self.on_paste is not None:
                self.on_paste(row, key, grid)
