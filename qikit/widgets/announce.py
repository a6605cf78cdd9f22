"""Words a screen reader says out loud when they change: :class:`Announcer`, an anywidget.

Why a widget of our own: an ipywidgets ``HTML`` widget replaces its content on every change, and
screen readers often say nothing about content that was swapped rather than changed. A *live
region* that stays in the page and only has its text changed is announced reliably. So the
Announcer draws two live regions once — ``role="status"`` (polite: said when the reader is
free) and ``role="alert"`` (assertive: said at once, for failures) — and only ever changes
their text. Each :meth:`Announcer.say` is said again even when the words are the same as last
time ("Saved 10:32" twice in one minute), because the browser side empties the region first.

It is also the visible status line of every tool (:class:`qikit.widgets.base.SaveStatus`), so
what sighted people read and what a screen reader says are the same words. Made with
``hidden=True`` it is seen by nobody and only heard (a chart's new signal, a table's new count).

``value`` is HTML, as in an ipywidgets ``HTML`` widget, so code that sets ``.value`` directly
keeps working; :meth:`say` takes plain text and escapes it. Urgent words are shown in the
failure style (dark red, bold) by the widget's own CSS: classes added to an anywidget after it
is drawn did not reach the page here. Nothing is fetched from the network.
"""

from __future__ import annotations

import html
from typing import Any

import anywidget
import traitlets

from qikit.render.text import escape

__all__ = ["Announcer"]

_ESM = """
function render({ model, el }) {
  el.classList.add("qikit-announcer");
  const polite = document.createElement("div");
  polite.className = "qikit-say qikit-say-polite";
  polite.setAttribute("role", "status");
  polite.setAttribute("aria-live", "polite");
  polite.setAttribute("aria-atomic", "true");
  const urgent = document.createElement("div");
  urgent.className = "qikit-say qikit-say-urgent";
  urgent.setAttribute("role", "alert");
  urgent.setAttribute("aria-live", "assertive");
  urgent.setAttribute("aria-atomic", "true");
  el.append(polite, urgent);

  let pending = 0;
  function show(announce) {
    const target = model.get("urgent") ? urgent : polite;
    const other = target === polite ? urgent : polite;
    other.innerHTML = "";
    window.clearTimeout(pending);
    if (!announce) {
      target.innerHTML = model.get("value");
      return;
    }
    // Empty first, then fill: a region whose text is set to the same words again is not
    // read again, one that goes from empty to words is.
    target.innerHTML = "";
    pending = window.setTimeout(() => { target.innerHTML = model.get("value"); }, 60);
  }
  show(false);  // what is there when the page opens is shown, not announced
  model.on("change:value", () => show(true));
  model.on("change:said", () => show(true));
  model.on("change:urgent", () => show(true));
  return () => window.clearTimeout(pending);
}
export default { render };
"""

_CSS = """
.qikit-announcer .qikit-say-urgent { color: #a4000f; font-weight: 600; }
.qikit-announcer.qikit-sr-only, .qikit-announcer.qikit-sr-only * {
  position: absolute !important; width: 1px !important; height: 1px !important;
  margin: -1px !important; padding: 0 !important; overflow: hidden !important;
  clip: rect(0 0 0 0) !important; clip-path: inset(50%) !important; white-space: nowrap !important;
  border: 0 !important; }
"""


class Announcer(anywidget.AnyWidget):
    """A line of text that screen readers say out loud each time :meth:`say` changes it.

    Parameters
    ----------
    hidden
        True: seen by nobody, only heard (for news that is already shown some other way).
    **kwargs
        Passed to the widget (``layout=`` for example).
    """

    _esm = _ESM
    _css = _CSS

    #: What is shown and said (HTML: :meth:`say` escapes plain text into it).
    value = traitlets.Unicode("").tag(sync=True)
    #: True: said at once, interrupting (``role="alert"``); False: said politely.
    urgent = traitlets.Bool(False).tag(sync=True)
    #: Counts the :meth:`say` calls, so the same words said twice are announced twice.
    said = traitlets.Int(0).tag(sync=True)

    def __init__(self, *, hidden: bool = False, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if hidden:
            self.add_class("qikit-sr-only")

    def say(self, text: str, urgent: bool = False) -> None:
        """Show ``text`` (plain text, escaped here) and have screen readers say it.

        ``urgent``: say it at once, interrupting (failures); otherwise when the reader is free.
        """
        with self.hold_sync():
            self.urgent = urgent
            self.value = escape(text)
            self.said += 1

    def clear(self) -> None:
        """Show nothing (nothing is said)."""
        with self.hold_sync():
            self.urgent = False
            self.value = ""

    @property
    def text(self) -> str:
        """The words shown now, as plain text (for tests and callers)."""
        return html.unescape(self.value)
