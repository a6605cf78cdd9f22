"""The fishbone (cause and effect) tool: the problem, its causes, votes, tallies and a Pareto chart.

Every change saves at once and the diagram is redrawn from the saved records, by the same
function that draws the static page (:mod:`qikit.render.fishbone`). Rows of controls are kept
per cause and only updated on a reload, so a refused entry keeps its typed text on screen and
a big fishbone does not rebuild hundreds of controls after each keystroke.

A vote is the name of the person at the keyboard (``context.author``) in ``Cause.votes``; the
toggle reads the stored votes just before saving, so two people voting on two computers at the
same time both keep their votes.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import ipywidgets as widgets

from qikit.core.model import MAIN, Cause, Fishbone, Project, RecordKind, new_record_id
from qikit.core.wording import fishbone as words
from qikit.render.fishbone import (
    cause_tree,
    has_counts,
    render_example,
    render_fishbone_html,
    render_pareto_html,
)
from qikit.widgets import base as ui
from qikit.widgets.base import FieldMessage, ToolContext, ToolWidget, text
from qikit.widgets.drafts import draft_text


def _key(name: str) -> str:
    """Return the form used to compare names (case and repeated spaces ignored), as the model."""
    return " ".join(name.split()).casefold()


def _dropdown(label: str) -> widgets.Dropdown:
    return ui.labelled_dropdown(label, min_height="44px")


def _short(value: str, limit: int = 70) -> str:
    value = " ".join(value.split())
    if not value:
        return words.NO_WORDS_YET
    return value if len(value) <= limit else value[: limit - 1] + "…"


class CauseRow:
    """The controls of one cause: its words, vote, tally, kind of cause, main cause, delete."""

    def __init__(self, cause_id: str) -> None:
        self.cause_id = cause_id
        self.heading = widgets.HTML()
        self.text = ui.labelled_text(words.CAUSE_LABEL)
        self.text_message = FieldMessage()
        self.vote = widgets.ToggleButton(
            description=words.VOTE_BUTTON,
            tooltip=words.VOTE_BUTTON,
            layout=widgets.Layout(width="auto", min_height="44px"),
        )
        self.tally = widgets.IntText(
            description=words.TALLY_LABEL,
            continuous_update=False,
            style=ui.WIDE_LABEL,
            layout=widgets.Layout(width="100%", max_width="30rem", min_height="44px"),
        )
        self.tally_message = FieldMessage()
        self.category = _dropdown(words.MOVE_LABEL)
        self.parent = _dropdown(words.PARENT_LABEL)
        self.message = FieldMessage()  # about the kind of cause, the main cause or deleting
        self.delete = ui.big_button(words.DELETE_BUTTON)
        self.widget = widgets.VBox(
            [
                self.heading,
                self.text,
                self.text_message.widget,
                self.vote,
                self.tally,
                self.tally_message.widget,
                self.category,
                self.parent,
                self.message.widget,
                self.delete,
            ],
            layout=widgets.Layout(
                border="1px solid #6b6b6b", padding="8px", margin="0 0 12px 0", width="auto"
            ),
        )
        self.widget.add_class("qikit-cause")
        self.depth = 0

    def close(self) -> None:
        """Close the row's controls (the cause was deleted)."""
        for child in self.widget.children:
            child.close()
        self.widget.close()


class FishboneWidget(ToolWidget):
    """The fishbone: problem, kinds of cause, causes with votes and tallies, diagram and Pareto."""

    history_kinds = (RecordKind.FISHBONE, RecordKind.CAUSE)

    def __init__(self, context: ToolContext) -> None:
        super().__init__(context)
        self.project = Project()
        self._tree: list[Any] = []

        self.effect = ui.labelled_text(
            words.EFFECT_LABEL, long=True, placeholder=words.EFFECT_PLACEHOLDER
        )
        self.effect_message = FieldMessage()
        self.on_edit(self.effect, self._save_effect)

        # adding a cause
        self.new_category = _dropdown(words.CATEGORY_LABEL)
        self.new_parent = _dropdown(words.PARENT_LABEL)
        self.new_message = FieldMessage()
        self.new_text = draft_text(
            context, "fishbone.cause", words.CAUSE_LABEL, placeholder=words.CAUSE_PLACEHOLDER,
            message=self.new_message,
        )  # fmt: skip
        self.add_button = ui.big_button(words.ADD_CAUSE_BUTTON, style="primary")
        # not a save: the "part of" choices follow the kind of cause, while loading too
        self.new_category.observe(lambda _: self._show_new_parents(), names="value")
        self.add_button.on_click(lambda _: self.add_cause())

        # the live diagram, the rows of causes and the Pareto chart
        self.diagram = widgets.HTML(layout=widgets.Layout(**ui.FULL_WIDTH))
        self.rows: dict[str, CauseRow] = {}
        self._bone_headings: dict[str, widgets.HTML] = {}
        self.causes_box = widgets.VBox(layout=widgets.Layout(**ui.FULL_WIDTH))
        self.pareto_by = widgets.ToggleButtons(
            options=[(words.PARETO_BY_VOTES, "votes"), (words.PARETO_BY_TALLY, "tally")],
            value="votes",
            description=words.PARETO_BY_LABEL,
            style=ui.WIDE_LABEL,
            layout=widgets.Layout(width="auto"),
        )
        self.on_edit(self.pareto_by, lambda _: self._draw())
        self.pareto = widgets.HTML(layout=widgets.Layout(**ui.FULL_WIDTH))
        self.pareto_box = widgets.VBox(
            [self.pareto_by, self.pareto], layout=widgets.Layout(**ui.FULL_WIDTH)
        )

        # renaming, adding and removing kinds of cause
        self.category_boxes: list[widgets.Text] = []
        self.category_messages: list[FieldMessage] = []
        self.remove_category_buttons: list[widgets.Button] = []
        self._shown_categories: tuple[str, ...] | None = None
        self.categories_box = widgets.VBox(layout=widgets.Layout(**ui.FULL_WIDTH))
        self.new_category_message = FieldMessage()
        self.new_category_name = draft_text(
            context, "fishbone.category", words.NEW_CATEGORY_LABEL,
            message=self.new_category_message,
        )  # fmt: skip
        self.add_category_button = ui.big_button(words.ADD_CATEGORY_BUTTON)
        self.add_category_button.on_click(lambda _: self.add_category())
        self.categories_panel = widgets.Accordion(
            children=[
                widgets.VBox(
                    [
                        self.categories_box,
                        self.new_category_name,
                        self.new_category_message.widget,
                        self.add_category_button,
                    ]
                )
            ],
            layout=widgets.Layout(**ui.FULL_WIDTH),
        )
        self.categories_panel.set_title(0, words.CATEGORIES_HEADING)
        self.categories_panel.selected_index = None

        self.help = ui.help_panel(words.WHAT_IS_IT, words.HOW_TO, render_example())
        self.widget = self.frame(
            words.TITLE,
            self.help,
            self.effect,
            self.effect_message.widget,
            ui.heading(words.ADD_HEADING),
            self.new_category,
            self.new_parent,
            self.new_text,
            self.new_message.widget,
            self.add_button,
            ui.heading(words.DIAGRAM_HEADING),
            self.diagram,
            self.pareto_box,
            ui.heading(words.CAUSES_HEADING),
            self.causes_box,
            self.categories_panel,
        )
        self.reload()

    # -- loading and drawing ------------------------------------------------------------------

    def _load(self) -> Project:
        items: list[tuple[str, str, Any]] = []
        fishbone = self.context.get(RecordKind.FISHBONE, MAIN)
        if fishbone is not None:
            items.append((RecordKind.FISHBONE.value, MAIN, fishbone.data))
        items += [
            (RecordKind.CAUSE.value, r.record_id, r.data)
            for r in self.context.records(RecordKind.CAUSE)
        ]
        return Project.from_records(items, strict=False)

    @property
    def fishbone(self) -> Fishbone:
        """The saved fishbone (the default categories until the team saves its own)."""
        return self.project.fishbone or Fishbone()

    def reload(self) -> None:
        """Show what is stored (a new page visit, after each change, or after a restore).

        Boxes showing a "not saved" message keep the person's typed text.
        """
        self.project = self._load()
        self._tree = cause_tree(self.project.fishbone, self.project.causes)
        with self.loading():
            if not self.effect_message.widget.value:
                self.effect.value = self.fishbone.effect
            self._show_categories()
            self._show_new_choices()
            self._show_rows()
        self._draw()

    def _draw(self) -> None:
        causes = self.project.causes
        self.diagram.value = render_fishbone_html(
            self.project.fishbone, causes, svg_id="qikit-fishbone-live"
        )
        voted, tallied = has_counts(causes)
        if not (voted or tallied):
            self.pareto.value = ""
            self.pareto_box.layout.display = "none"
            return
        self.pareto_box.layout.display = None
        wanted = self.pareto_by.value
        if (wanted == "votes" and not voted) or (wanted == "tally" and not tallied):
            with self.loading():
                self.pareto_by.value = "tally" if wanted == "votes" else "votes"
        self.pareto.value = render_pareto_html(
            causes, self.pareto_by.value, svg_id="qikit-pareto-live"
        )

    def _category_options(self, extra: str | None = None) -> tuple[tuple[str, str], ...]:
        options = tuple((name, name) for name in self.fishbone.categories)
        if extra is not None and self.fishbone.category_named(extra) is None:
            options += ((f"{extra} {words.NOT_ON_FISHBONE}", extra),)
        return options

    def _parent_options(
        self, category: str, exclude: str | None = None
    ) -> tuple[tuple[str, str], ...]:
        """Return "part of" choices: the causes of ``category`` (not ``exclude`` or under it)."""
        options: list[tuple[str, str]] = [(words.NO_PARENT, "")]
        banned = self._descendants(exclude) | {exclude} if exclude else set()
        for bone in self._tree:
            if _key(bone.name) != _key(category):
                continue
            for entry in bone.entries:
                if entry.cause.record_id not in banned:
                    indent = "– " * min(entry.depth, 3)
                    options.append((indent + _short(entry.cause.text), entry.cause.record_id))
        return tuple(options)

    def _descendants(self, cause_id: str) -> set[str]:
        found: set[str] = set()
        todo = [cause_id]
        while todo:
            current = todo.pop()
            for child in self.project.sub_causes(current):
                if child.record_id not in found and child.record_id != cause_id:
                    found.add(child.record_id)
                    todo.append(child.record_id)
        return found

    def _show_new_choices(self) -> None:
        current = self.new_category.value
        options = self._category_options()
        self.set_options(self.new_category, options, current)
        self._show_new_parents()

    def _show_new_parents(self) -> None:
        category = self.new_category.value or ""
        self.set_options(self.new_parent, self._parent_options(category), self.new_parent.value)

    def _show_rows(self) -> None:
        children: list[widgets.Widget] = []
        seen: set[str] = set()
        headings: dict[str, widgets.HTML] = {}
        for bone in self._tree:
            if not bone.entries:
                continue
            label = bone.name + ("" if bone.on_fishbone else f" {words.NOT_ON_FISHBONE}")
            heading = self._bone_headings.pop(label, None) or widgets.HTML(
                f"<h4>{text(label)}</h4>"
            )
            headings[label] = heading
            children.append(heading)
            for entry in bone.entries:
                cause_id = entry.cause.record_id
                row = self.rows.get(cause_id) or self._new_row(cause_id)
                self._show_row(row, entry.cause, entry.depth)
                seen.add(cause_id)
                children.append(row.widget)
        for old in self._bone_headings.values():
            old.close()
        self._bone_headings = headings
        for cause_id in [c for c in self.rows if c not in seen]:
            self.rows.pop(cause_id).close()
        if not children:
            children = [self._empty_note()]
        self.causes_box.children = children

    def _empty_note(self) -> widgets.HTML:
        if not hasattr(self, "_empty"):
            self._empty = widgets.HTML(f"<p>{text(words.CAUSES_EMPTY)}</p>")
        return self._empty

    def _new_row(self, cause_id: str) -> CauseRow:
        row = CauseRow(cause_id)
        self.on_edit(row.text, partial(self.change_text, cause_id))
        self.on_edit(row.vote, partial(self.set_vote, cause_id))
        self.on_edit(row.tally, partial(self.change_tally, cause_id))
        self.on_edit(row.category, partial(self.move_cause, cause_id))
        self.on_edit(row.parent, partial(self.change_parent, cause_id))
        row.delete.on_click(lambda _: self.delete_cause(cause_id))
        self.rows[cause_id] = row
        return row

    def _show_row(self, row: CauseRow, cause: Cause, depth: int) -> None:
        votes = len(cause.votes)
        who = ", ".join(cause.votes)
        parts = [f"<strong>{words.STAR} {votes} vote{'s' if votes != 1 else ''}</strong>"]
        if votes:
            parts.append(f"({text(who)})")
        if cause.tally:
            parts.append(f"· counted {cause.tally:,}")
        if depth:
            parent = self.project.get(RecordKind.CAUSE, cause.parent_id or "")
            if isinstance(parent, Cause):
                parts.append(f"· part of “{text(_short(parent.text, 50))}”")
        row.heading.value = " ".join(parts)
        if not row.text_message.widget.value:
            row.text.value = cause.text
        mine = any(_key(v) == _key(self.context.author) for v in cause.votes)
        row.vote.value = mine
        row.vote.description = words.VOTED_BUTTON if mine else words.VOTE_BUTTON
        row.vote.tooltip = row.vote.description
        row.vote.button_style = "info" if mine else ""
        if not row.tally_message.widget.value:
            row.tally.value = cause.tally
        category = self.fishbone.category_named(cause.category) or cause.category
        self.set_options(row.category, self._category_options(cause.category), category)
        self.set_options(
            row.parent, self._parent_options(cause.category, cause.record_id), cause.parent_id or ""
        )
        if depth != row.depth:
            row.widget.layout.margin = f"0 0 12px {1.5 * min(depth, 3)}em"
            row.depth = depth

    def _show_categories(self) -> None:
        categories = self.fishbone.categories
        if self._shown_categories is not None and len(categories) == len(self._shown_categories):
            for box, message, name in zip(
                self.category_boxes, self.category_messages, categories, strict=True
            ):
                if not message.widget.value:
                    box.value = name
            self._shown_categories = categories
            return
        for box, button in zip(self.category_boxes, self.remove_category_buttons, strict=True):
            box.close()
            button.close()
        for message in self.category_messages:
            message.widget.close()
        self.category_boxes, self.category_messages, self.remove_category_buttons = [], [], []
        children: list[widgets.Widget] = []
        for index, name in enumerate(categories):
            box = ui.labelled_text(words.CATEGORY_NAME_LABEL.format(number=index + 1), name)
            message = FieldMessage()
            remove = ui.big_button(words.REMOVE_CATEGORY_BUTTON)
            self.on_edit(box, partial(self.rename_category, index))
            remove.on_click(lambda _, i=index: self.remove_category(i))
            self.category_boxes.append(box)
            self.category_messages.append(message)
            self.remove_category_buttons.append(remove)
            children += [box, message.widget, remove]
        self.categories_box.children = children
        self._shown_categories = categories

    # -- saving ---------------------------------------------------------------------------------

    def _save_effect(self, effect: str) -> None:
        if (
            self.save(RecordKind.FISHBONE, MAIN, {"effect": effect}, self.effect_message)
            is not None
        ):
            self.reload()

    def _stored_cause(self, cause_id: str) -> Cause | None:
        """Return the cause as stored now; if it has gone, say so and show what is stored."""
        stored = self.context.get(RecordKind.CAUSE, cause_id)
        if stored is None:
            self.status.failed("this cause has been deleted (perhaps on another computer).")
            self.reload()
            return None
        return Cause.from_data(cause_id, stored.data)

    def _save_cause(
        self, cause_id: str, changes: dict[str, Any], message: FieldMessage | None
    ) -> bool:
        if self._stored_cause(cause_id) is None:
            return False
        return self.save(RecordKind.CAUSE, cause_id, changes, message) is not None

    def change_text(self, cause_id: str, value: str) -> None:
        """Save new words for a cause."""
        row = self.rows[cause_id]
        if self._save_cause(cause_id, {"text": value}, row.text_message):
            self.reload()

    def change_tally(self, cause_id: str, value: int) -> None:
        """Save the count from the check sheet for a cause."""
        row = self.rows[cause_id]
        if self._save_cause(cause_id, {"tally": value}, row.tally_message):
            self.reload()

    def set_vote(self, cause_id: str, wanted: bool) -> None:
        """Add or take back the vote of the person at the keyboard."""
        cause = self._stored_cause(cause_id)
        if cause is None:
            return
        me = _key(self.context.author)
        others = [v for v in cause.votes if _key(v) != me]
        votes = [*others, self.context.author] if wanted else others
        if votes != list(cause.votes):
            self.save(RecordKind.CAUSE, cause_id, {"votes": votes}, self.rows[cause_id].message)
        self.reload()  # also puts the toggle back if the vote was refused

    def move_cause(self, cause_id: str, category: str) -> None:
        """Move a cause (and everything under it) to another kind of cause."""
        cause = self._stored_cause(cause_id)
        if cause is None or not category or _key(category) == _key(cause.category):
            self.reload()
            return
        changes: dict[str, Any] = {"category": category}
        if cause.parent_id is not None:
            changes["parent_id"] = None  # its main cause stays behind: it becomes a main cause
        if self._save_cause(cause_id, changes, self.rows[cause_id].message):
            for other in sorted(self._descendants(cause_id)):
                self._save_cause(other, {"category": category}, None)
        self.reload()

    def change_parent(self, cause_id: str, parent_id: str) -> None:
        """Hang a cause under another cause of its kind ("This is part of…"), or make it main."""
        changes: dict[str, Any] = {"parent_id": parent_id or None}
        parent = self.project.get(RecordKind.CAUSE, parent_id) if parent_id else None
        if isinstance(parent, Cause):
            changes["category"] = parent.category
        self._save_cause(cause_id, changes, self.rows[cause_id].message)
        self.reload()

    def delete_cause(self, cause_id: str) -> None:
        """Delete a cause; its sub-causes move up to take its place (nothing else is lost)."""
        cause = self._stored_cause(cause_id)
        if cause is None:
            return
        for child in self.project.sub_causes(cause_id):
            if not self._save_cause(child.record_id, {"parent_id": cause.parent_id}, None):
                self.reload()
                return
        if self.delete(RecordKind.CAUSE, cause_id):
            self.status.saved()
        self.reload()

    def add_cause(self) -> Cause | None:
        """Add the cause typed in the box under the chosen kind (and main cause); return it."""
        words_typed = self.new_text.value
        category = self.new_category.value
        if not category:
            self.new_message.show(words.NO_CATEGORIES)
            return None
        if not words_typed.strip():
            self.new_message.show(words.EMPTY_CAUSE)
            return None
        cause_id = new_record_id()
        parent_id = self.new_parent.value or None
        stored = self.save(
            RecordKind.CAUSE,
            cause_id,
            {"category": category, "text": words_typed, "parent_id": parent_id},
            self.new_message,
        )
        if stored is None:
            return None
        self.new_text.value = ""
        self.reload()
        return Cause.from_data(cause_id, stored.data)

    def rename_category(self, index: int, name: str) -> None:
        """Rename a kind of cause; its causes move with it."""
        categories = self._stored_categories(index)
        if categories is None:
            return
        old = categories[index]
        if name == old:
            self.category_messages[index].clear()
            return
        categories[index] = name
        if not self._save_categories(categories, self.category_messages[index]):
            return
        for cause in self._load().causes:
            if _key(cause.category) == _key(old) and cause.category != name:
                self._save_cause(cause.record_id, {"category": name}, None)
        self.reload()

    def add_category(self) -> None:
        """Add the kind of cause typed in the box."""
        name = self.new_category_name.value
        if not name.strip():
            self.new_category_message.show(words.EMPTY_CATEGORY_NAME)
            return
        categories = [*self._stored_fishbone().categories, name]
        if self._save_categories(categories, self.new_category_message):
            self.new_category_name.value = ""
            self.reload()

    def remove_category(self, index: int) -> None:
        """Remove a kind of cause that has no causes (causes are never removed with it)."""
        categories = self._stored_categories(index)
        if categories is None:
            return
        name = categories[index]
        if any(_key(c.category) == _key(name) for c in self._load().causes):
            self.category_messages[index].show(words.CATEGORY_NOT_EMPTY)
            return
        del categories[index]
        if self._save_categories(categories, self.category_messages[index]):
            self.reload()

    def _stored_categories(self, index: int) -> list[str] | None:
        """Return the stored kinds of cause, or None (and show them) if ``index`` has gone."""
        categories = list(self._stored_fishbone().categories)
        if index >= len(categories):
            self.reload()
            return None
        return categories

    def _save_categories(self, categories: list[str], message: FieldMessage) -> bool:
        stored = self.save(RecordKind.FISHBONE, MAIN, {"categories": categories}, message)
        return stored is not None

    def _stored_fishbone(self) -> Fishbone:
        stored = self.context.get(RecordKind.FISHBONE, MAIN)
        return Fishbone() if stored is None else Fishbone.from_data(MAIN, stored.data)
