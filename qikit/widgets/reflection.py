"""The reflection form: each team member chooses their name, then answers five short questions.

On the storyboard stage ("Looking back"), because a reflection looks back at the whole story.
The pattern of every tool: each box saves its own field when it changes (when the person leaves
the box), so nothing typed is lost on a reload; a refused entry keeps the typed words and says
why beside the box. The questions stay closed until a name is chosen, so nobody writes into
someone else's reflection by accident; the name typed in the page's "Your name" box is chosen
for them when it is one of the team's names.
"""

from __future__ import annotations

from functools import partial

import ipywidgets as widgets

from qikit.core.model import REFLECTION_QUESTIONS, Project, RecordKind, Reflection, now_iso
from qikit.core.model.fields import name_key
from qikit.core.wording import reflection as words
from qikit.widgets import base as ui
from qikit.widgets.base import FieldMessage, ToolContext, ToolWidget, text


class ReflectionWidget(ToolWidget):
    """One person's reflection: a list of the team's names, then five questions with hints."""

    history_kinds = (RecordKind.REFLECTION,)

    def __init__(self, context: ToolContext) -> None:
        super().__init__(context)
        self.who = ui.labelled_dropdown(words.WHO_LABEL, [(words.WHO_PROMPT, None)], None)
        self.on_edit(self.who, lambda _name: self._show_member())
        self.note = widgets.HTML()
        self.boxes: dict[str, widgets.Text | widgets.Textarea] = {}
        self.messages: dict[str, FieldMessage] = {}
        rows: list[widgets.Widget] = []
        for key in REFLECTION_QUESTIONS:
            box = ui.labelled_text(words.QUESTIONS[key], long=True)
            box.placeholder = words.HINTS[key]
            hint = widgets.HTML(f'<p class="qikit-note">{text(words.HINTS[key])}</p>')
            message = FieldMessage()
            self.on_edit(box, partial(self._save_answer, key))
            self.boxes[key] = box
            self.messages[key] = message
            rows.append(
                widgets.VBox([box, hint, message.widget], layout=widgets.Layout(**ui.FULL_WIDTH))
            )
        self.questions = widgets.VBox(rows, layout=widgets.Layout(**ui.FULL_WIDTH))
        help_panel = ui.help_panel(words.WHAT_IS_IT, words.HOW_TO, f"<p>{text(words.EXAMPLE)}</p>")
        intro = widgets.HTML(f"<p>{text(words.INTRO)}</p>")
        self.widget = self.frame(
            words.TITLE, intro, help_panel, self.who, self.note, self.questions
        )
        self._ids: dict[str, str] = {}
        self.reload()

    # -- who is writing -------------------------------------------------------------------------

    @property
    def member(self) -> str | None:
        """The name chosen in the list (None until one is chosen)."""
        chosen = self.who.value
        return chosen if isinstance(chosen, str) else None

    def choose(self, member: str) -> None:
        """Choose ``member`` in the list, as the person would (their answers are shown)."""
        self.who.value = member

    def reload(self) -> None:
        """Show what is stored: the team's names, and the chosen person's answers."""
        project = self.context.project()
        names = [m.display_name for m in project.team.members] if project.team else []
        self._ids = project.reflection_ids()
        chosen = self.member
        if chosen is None:
            # The name in the page's "Your name" box, when it is one of the team's.
            typed = name_key(self.context.author)
            chosen = next((n for n in names if name_key(n) == typed), None)
        self.set_options(self.who, [(words.WHO_PROMPT, None), *[(n, n) for n in names]], chosen)
        self.who.disabled = not names
        self._show_member(project)

    def _show_member(self, project: Project | None = None) -> None:
        member = self.member
        if member is None:
            names = len(self.who.options) > 1
            self.note.value = f"<p>{text(words.CHOOSE_FIRST if names else words.NO_MEMBERS)}</p>"
            self.questions.layout.display = "none"
            return
        project = project or self.context.project()
        reflection = project.reflection_of(member) or Reflection(
            record_id=self._ids.get(member, "new"), member=member
        )
        with self.loading():
            for key, box in self.boxes.items():
                box.value = getattr(reflection, key)
        for message in self.messages.values():
            message.clear()
        self.note.value = f"<p><strong>{text(words.WRITING_AS.format(member=member))}</strong></p>"
        self.questions.layout.display = ""

    # -- saving ---------------------------------------------------------------------------------

    def _save_answer(self, key: str, value: str) -> None:
        member = self.member
        if member is None:
            return
        record_id = self._ids.get(member)
        if record_id is None:  # a name added since the page was drawn
            self._ids = self.context.project().reflection_ids()
            record_id = self._ids.get(member, "")
        changes = {"member": member, key: value, "at": now_iso()}
        self.save(RecordKind.REFLECTION, record_id, changes, self.messages[key])
