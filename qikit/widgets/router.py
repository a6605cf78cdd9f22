"""The team page's address bar link: which stage is shown, kept in ``location.hash``.

One Voilà page holds every stage of a team's project (one kernel per open tab). The stage
shown is the part of the address after ``#`` (``…/01-team.ipynb#measuring``), so:

- the links between stages are plain ``<a href="#charter">`` links (they work with a keyboard,
  a screen reader and "open in new tab", and need no widget of their own);
- the browser's back and forward buttons move between the stages visited;
- a bookmark (or a link in an email) opens that stage.

:class:`StageRouter` is an invisible anywidget whose ``stage`` traitlet mirrors the hash both
ways: the page sets ``stage`` and the address follows (a new history entry), the person follows
a link or presses back and ``stage`` follows. When a stage has been drawn the page calls
:meth:`StageRouter.focus` so that keyboard and screen-reader users land on its heading. When the
browser has drawn the page the router says so (:meth:`StageRouter.on_ready`), so the page can do
its background work without holding the first stage back.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

import anywidget
import traitlets

__all__ = ["StageRouter"]

_ESM = """
function stageFromHash(known) {
  const name = decodeURIComponent(window.location.hash.replace(/^#/, ""));
  // No "#…" at all is the page's own address: its first stage (Back from "#charter" to it).
  if (name === "") return known[0];
  return known.includes(name) ? name : "";
}

function render({ model, el }) {
  el.hidden = true;
  const known = model.get("stages");
  const follow = () => {
    const wanted = stageFromHash(known);
    if (wanted && wanted !== model.get("stage")) {
      model.set("stage", wanted);
      model.save_changes();
    }
  };
  const lead = () => {
    const stage = model.get("stage");
    if (stageFromHash(known) !== stage) {
      // Assigning the hash adds a history entry, so "Back" returns to the previous stage.
      window.location.hash = stage;
    }
  };
  const focusHeading = (message) => {
    if (!message || message.focus === undefined) return;
    const id = "qikit-stage-" + message.focus;
    let tries = 0;
    const attempt = () => {
      const heading = document.getElementById(id);
      if (heading) {
        heading.focus({ preventScroll: false });
        return;
      }
      if (++tries < 60) window.requestAnimationFrame(attempt);
    };
    attempt();
  };
  // The page is on the screen: the kernel may now build the other stages (see TeamApp).
  model.send({ ready: true });
  window.addEventListener("hashchange", follow);
  model.on("change:stage", lead);
  model.on("msg:custom", focusHeading);
  if (window.location.hash === "") {
    // The address shows the stage from the start (so it can be bookmarked), without adding a
    // history entry: Back still leaves the page.
    const url = new URL(window.location.href);
    url.hash = model.get("stage");
    window.history.replaceState(window.history.state, "", url);
  } else {
    follow();  // a bookmarked or typed #stage wins over the page's first stage
  }
  return () => {
    window.removeEventListener("hashchange", follow);
    model.off("change:stage", lead);
    model.off("msg:custom", focusHeading);
  };
}

export default { render };
"""


class StageRouter(anywidget.AnyWidget):
    """Mirrors the stage shown on a page in the address after ``#`` (both ways); draws nothing."""

    _esm = _ESM
    #: The stage shown now (one of ``stages``).
    stage = traitlets.Unicode("").tag(sync=True)
    #: The names the address may carry; anything else after ``#`` is ignored.
    stages = traitlets.List(traitlets.Unicode()).tag(sync=True)

    def __init__(self, stages: Collection[str], stage: str) -> None:
        known = list(stages)
        if stage not in known:
            raise ValueError(f"unknown stage {stage!r}; expected one of {known}")
        super().__init__(stages=known, stage=stage)

    @traitlets.validate("stage")
    def _known_stage(self, proposal: traitlets.Bunch) -> str:
        # A hand-edited address (#nonsense) never reaches the page: the stage stays as it was.
        value = str(proposal["value"])
        return value if value in self.stages else self.stage

    def on_ready(self, action: Callable[[], None]) -> None:
        """Call ``action`` when the browser has drawn the page (the router reports in)."""

        def heard(_widget: object, content: object, _buffers: object) -> None:
            if isinstance(content, dict) and content.get("ready") is True:
                action()

        self.on_msg(heard)

    def focus(self, stage: str) -> None:
        """Ask the browser to move the keyboard focus to the heading of ``stage``."""
        self.send({"focus": stage})
