"""Fishbone in the room: the room's causes grow a large fishbone, and their votes a Pareto chart.

The trainer types causes (or the room sends them from their phones); each goes on a bone of
the fish, drawn by :mod:`qikit.render.fishbone`, the same drawing a team's own fishbone uses.
Votes come three ways: the trainer presses "+1 vote" beside a cause, someone in the room sends
a cause that is already there (the same words, ignoring case and spaces), or, after "Ask the
room to vote", each phone sends the number of one cause. The votes give the Pareto chart.

What the room builds lives in the kernel only (:class:`FishboneBoard`): it is a classroom
exercise, not a team's record, so nothing is saved but the phones' answers in the room session.
:class:`FishboneBoard` holds every rule and draws the static HTML; :class:`FishboneRoomPage`
only adds the controls. ipywidgets is imported only for the live page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from qikit.core.model import DEFAULT_CATEGORIES, MAX_SHORT_TEXT, Cause, Fishbone
from qikit.core.wording import teaching_room as words
from qikit.errors import DataError, QikitError
from qikit.pages.frame import View
from qikit.pages.teaching import room_link
from qikit.pages.teaching.frame import teaching_page
from qikit.render.fishbone import outline_html, render_fishbone_svg, render_pareto_svg
from qikit.render.text import escape

if TYPE_CHECKING:
    import ipywidgets

__all__ = ["FishboneBoard", "FishboneRoomPage", "RoomCause", "build", "example_board"]

#: The SVG ids of the two drawings (one page shows each once).
DIAGRAM_ID = "qikit-room-fishbone"
PARETO_ID = "qikit-room-pareto"


def _key(text: str) -> str:
    """Return the words as compared for "the same cause": case and spaces ignored."""
    return " ".join(text.split()).casefold()


def _refused(sentence: str) -> DataError:
    """Return the error whose plain sentence the trainer sees."""
    return DataError(words.CAUSE_LABEL, "a cause the board can take", None, sentence)


def plain(error: QikitError) -> str:
    """Return the sentence to show for ``error``: what to do, else its whole message."""
    return getattr(error, "what_to_do", "") or str(error)


@dataclass
class RoomCause:
    """One cause on the room's fishbone: its number on screen, its bone, words and voters."""

    number: int
    category: str
    text: str
    voters: list[str] = field(default_factory=list)

    def record(self) -> Cause:
        """Return the cause as the model's record, for the fishbone and Pareto drawings."""
        # The drawing counts votes; who voted stays here (phones' ids are not names).
        votes = tuple(f"vote {n}" for n in range(1, len(self.voters) + 1))
        return Cause(
            record_id=f"cause-{self.number}", category=self.category, text=self.text, votes=votes
        )


class FishboneBoard:
    """Return nothing; hold the room's fishbone: the problem, the bones, the causes and votes.

    Every method that changes the board returns the plain sentence to show the trainer, and
    raises :class:`~qikit.errors.DataError` (with a plain message) when it cannot change it.
    """

    def __init__(
        self, effect: str = words.FISHBONE_EFFECT, categories: Sequence[str] = DEFAULT_CATEGORIES
    ) -> None:
        self.effect = effect
        self.categories = tuple(categories)
        self.causes: list[RoomCause] = []
        self._trainer_votes = 0

    def find(self, text: str) -> RoomCause | None:
        """Return the cause with these words (ignoring case and spaces), or None."""
        key = _key(text)
        return next((c for c in self.causes if _key(c.text) == key), None)

    def split_kind(self, text: str, default: str) -> tuple[str, str]:
        """Return (kind of cause, words) of "Equipment: no wheelchair"; ``default`` if no kind.

        Only a kind the fishbone has counts, so "Note: ..." stays a cause's own words.
        """
        head, colon, rest = text.partition(":")
        if colon and rest.strip():
            kind = next((c for c in self.categories if _key(c) == _key(head)), None)
            if kind is not None:
                return kind, rest.strip()
        return default, text.strip()

    def add(self, text: str, category: str, *, sender: str | None = None) -> str:
        """Return what happened when a cause was added: a new cause, or a vote for a same one.

        ``sender`` identifies a phone: its second copy of a cause is refused, and the first
        copy of someone else's cause is a vote. The trainer (no sender) adding the same words
        again adds a vote too.
        """
        words_typed = " ".join(text.split())
        if not words_typed:
            raise _refused(words.EMPTY_CAUSE)
        if len(words_typed) > MAX_SHORT_TEXT:
            raise _refused(words.TOO_LONG.format(limit=MAX_SHORT_TEXT))
        same = self.find(words_typed)
        if same is not None:
            self.vote(same.number, voter=sender)
            return words.SAME_AGAIN.format(text=same.text, number=same.number)
        kind = category if category in self.categories else self.categories[0]
        cause = RoomCause(len(self.causes) + 1, kind, words_typed)
        if sender is not None:
            cause.voters.append(sender)  # who sends a cause thinks it matters: their vote
        self.causes.append(cause)
        return words.ADDED.format(number=cause.number, text=cause.text)

    def vote(self, number: int, *, voter: str | None = None) -> str:
        """Return the sentence for one more vote for cause ``number``.

        ``voter`` is a phone's id (one vote per cause each); None is the trainer's "+1", which
        may be pressed as often as the room calls out.
        """
        if not 1 <= number <= len(self.causes):
            raise _refused(words.NO_SUCH_CAUSE.format(number=number, count=len(self.causes)))
        cause = self.causes[number - 1]
        if voter is None:
            self._trainer_votes += 1
            voter = f"trainer-{self._trainer_votes}"
        elif voter in cause.voters:
            raise _refused(words.ALREADY_VOTED.format(number=number))
        cause.voters.append(voter)
        return words.VOTED.format(number=number, text=cause.text)

    def take(self, entry: object, *, default_category: str) -> str:
        """Return the sentence for one entry from the room: a number is a vote, words a cause.

        Never raises: an entry the board cannot take gives its plain message instead.
        """
        sender = str(getattr(entry, "sender", "") or "room")
        try:
            number = room_link.entry_number(entry)
            if number is not None:
                if number != int(number):
                    raise _refused(
                        words.NO_SUCH_CAUSE.format(number=number, count=len(self.causes))
                    )
                self.vote(int(number), voter=sender)
                return words.ROOM_VOTE.format(number=int(number))
            kind, text = self.split_kind(room_link.entry_text(entry), default_category)
            return words.ROOM_CAUSE.format(text=self.add(text, kind, sender=sender))
        except DataError as error:
            return plain(error)

    def records(self) -> list[Cause]:
        """Return the causes as model records, in the order they were added."""
        return [c.record() for c in self.causes]

    def diagram_html(self) -> str:
        """Return the fishbone (SVG) and the same fishbone in words."""
        fishbone = Fishbone(effect=self.effect, categories=self.categories)
        causes = self.records()
        return (
            f"<h2>{escape(words.DIAGRAM_HEADING)}</h2>"
            f'<div class="qikit-figure qikit-room-figure">'
            f"{render_fishbone_svg(fishbone, causes, svg_id=DIAGRAM_ID)}</div>"
            + outline_html(fishbone, causes)
        )

    def list_html(self) -> str:
        """Return the numbered causes with their votes, in words (the numbers phones send)."""
        if not self.causes:
            return f"<p>{escape(words.NO_CAUSES_YET)}</p>"
        items = "".join(
            f"<li><strong>{c.number}.</strong> {escape(c.text)} ({escape(c.category)}) — "
            f"{escape(vote_words(len(c.voters)))}</li>"
            for c in self.causes
        )
        return f'<ul class="qikit-room-causes" style="list-style:none;padding:0">{items}</ul>'

    def pareto_html(self) -> str:
        """Return the Pareto chart of the votes with its heading and how to read it."""
        body = (
            render_pareto_svg(self.records(), "votes", svg_id=PARETO_ID)
            if any(c.voters for c in self.causes)
            else f"<p>{escape(words.NO_VOTES_YET)}</p>"
        )
        return (
            f"<h2>{escape(words.PARETO_HEADING)}</h2><p>{escape(words.PARETO_EXPLAINED)}</p>"
            f'<div class="qikit-figure qikit-room-figure">{body}</div>'
        )

    def static_html(self) -> str:
        """Return the whole board as HTML: fishbone, numbered causes, Pareto chart."""
        return (
            self.diagram_html()
            + f"<h2>{escape(words.CAUSES_HEADING)}</h2>"
            + self.list_html()
            + self.pareto_html()
        )


def vote_words(count: int) -> str:
    """Return "1 vote" or "3 votes"."""
    return (words.VOTES_WORDS if count == 1 else words.VOTES_WORDS_MANY).format(count=count)


def example_board() -> FishboneBoard:
    """Return the worked example: the causes and votes a room of porters might send."""
    board = FishboneBoard()
    for kind, text, votes in words.FISHBONE_EXAMPLE:
        number = len(board.causes) + 1
        board.add(text, kind)
        for _ in range(votes):
            board.vote(number)
    return board


class FishboneRoomPage:
    """The live page: add causes, "+1 vote" them, and watch the fishbone and Pareto chart grow.

    ``room`` (anything with ``on_entries`` and ``ask``) brings the phones' causes and votes;
    without one the trainer types everything. ``question`` builds the room's questions
    (:func:`room_link.room_question`; a test may pass its own).
    """

    def __init__(
        self,
        board: FishboneBoard | None = None,
        *,
        room: room_link.Room | None = None,
        question: Callable[..., Any] = room_link.room_question,
    ) -> None:
        import ipywidgets as widgets

        from qikit.widgets import base as ui

        self.board = board or FishboneBoard()
        self.room = room
        self._question = question
        self.effect = ui.labelled_text(words.EFFECT_LABEL, self.board.effect)
        self.category = ui.labelled_dropdown(
            words.CATEGORY_LABEL, [(c, c) for c in self.board.categories]
        )
        # Sent at each keystroke so the button always reads the words on the screen.
        self.cause = widgets.Text(
            description=words.CAUSE_LABEL,
            placeholder=words.CAUSE_PLACEHOLDER,
            continuous_update=True,
            layout=widgets.Layout(**ui.FULL_WIDTH),
            style=ui.WIDE_LABEL,
        )
        self.add_button = ui.big_button(words.ADD_BUTTON, style="primary")
        self.message = widgets.HTML(layout=widgets.Layout(**ui.FULL_WIDTH))
        self.diagram = widgets.HTML(layout=widgets.Layout(**ui.FULL_WIDTH))
        self.vote_buttons: list[widgets.Button] = []
        # The "+1" buttons side by side, wrapping: one row each would push the chart off screen.
        self.causes_box = widgets.Box(layout=widgets.Layout(**ui.FULL_WIDTH, flex_flow="row wrap"))
        self.causes_list = widgets.HTML(layout=widgets.Layout(**ui.FULL_WIDTH))
        self.pareto = widgets.HTML(layout=widgets.Layout(**ui.FULL_WIDTH))
        self.add_button.on_click(lambda _button: self.add_typed())
        self.effect.observe(self._effect_changed, names="value")

        room_part: list[widgets.Widget] = [
            widgets.HTML(room_link.ROOM_CSS),
            ui.heading(words.ROOM_HEADING, 2),
        ]
        shown = room_link.room_widget(room) if room is not None else None
        if room is None:
            room_part.append(widgets.HTML(f"<p>{escape(words.NO_ROOM)}</p>"))
        else:
            room_part.append(widgets.HTML(f"<p>{escape(words.ROOM_HELP)}</p>"))
            if shown is not None:
                room_part.append(shown)
            self.ask_causes = ui.big_button(words.ASK_CAUSES_BUTTON)
            self.ask_votes = ui.big_button(words.ASK_VOTES_BUTTON)
            self.ask_causes.on_click(lambda _button: self.ask_for_causes())
            self.ask_votes.on_click(lambda _button: self.ask_for_votes())
            room_part.append(widgets.HBox([self.ask_causes, self.ask_votes]))
            room.on_entries(self.take_entries)

        self.children: list[widgets.Widget] = [
            *room_part,
            ui.heading(words.ADD_HEADING, 2),
            self.effect,
            self.category,
            self.cause,
            widgets.HBox([self.add_button]),  # in a row: as wide as its words, not the page
            self.message,
            self.diagram,
            ui.heading(words.CAUSES_HEADING, 2),
            self.causes_list,
            self.causes_box,
            self.pareto,
        ]
        self.redraw()

    # --- what the trainer does ---------------------------------------------------------------

    def say(self, sentence: str) -> None:
        """Show ``sentence`` under the "Add" button (read out by screen readers)."""
        self.message.value = f'<p role="status" aria-live="polite">{escape(sentence)}</p>'

    def add_typed(self) -> None:
        """Add the cause typed in the box (or a vote for the same one) and clear the box."""
        try:
            kind, text = self.board.split_kind(self.cause.value, self.category.value)
            self.say(self.board.add(text, kind))
        except DataError as error:
            self.say(plain(error))
            return
        self.cause.value = ""
        self.redraw()

    def vote(self, number: int) -> None:
        """Give cause ``number`` one more vote (the trainer's "+1")."""
        try:
            self.say(self.board.vote(number))
        except DataError as error:
            self.say(plain(error))
            return
        self.redraw()

    def take_entries(self, entries: list[Any]) -> None:
        """Put new entries from the room on the board and redraw once."""
        sentences = [self.board.take(e, default_category=self.category.value) for e in entries]
        if sentences:
            self.say(sentences[-1] if len(sentences) == 1 else " ".join(sentences[-3:]))
            self.redraw()

    def ask_for_causes(self) -> None:
        """Start a new round in which each phone may send causes."""
        if self.room is None:
            return
        if self._ask(self._question("idea", words.CAUSES_PROMPT, one_each=False)):
            self.say(words.ASKED_CAUSES)

    def ask_for_votes(self) -> None:
        """Start a round in which each phone sends the number of one cause."""
        if self.room is None:
            return
        if not self.board.causes:
            self.say(words.NEED_CAUSES_TO_VOTE)
            return
        count = len(self.board.causes)
        if self._ask(self._question("number", words.VOTES_PROMPT, low=1, high=count)):
            self.say(words.ASKED_VOTES)

    def _ask(self, question: Any) -> bool:
        """Ask the room ``question``; True if it was asked, else its plain message is shown."""
        if self.room is None:
            return False
        try:
            self.room.ask(question)
        except QikitError as error:
            self.say(plain(error))
            return False
        return True

    # --- drawing ------------------------------------------------------------------------------

    def _effect_changed(self, change: dict[str, Any]) -> None:
        self.board.effect = str(change["new"])
        self.redraw()

    def redraw(self) -> None:
        """Draw the fishbone, the numbered causes with a "+1" each, and the Pareto chart."""
        from qikit.widgets import base as ui

        self.diagram.value = self.board.diagram_html()
        self.causes_list.value = self.board.list_html()
        while len(self.vote_buttons) < len(self.board.causes):
            number = len(self.vote_buttons) + 1
            button = ui.big_button(words.VOTE_BUTTON.format(number=number))
            button.layout.margin = "0 8px 8px 0"
            button.on_click(lambda _button, number=number: self.vote(number))
            self.vote_buttons.append(button)
        if len(self.causes_box.children) != len(self.vote_buttons):
            self.causes_box.children = tuple(self.vote_buttons)
        self.pareto.value = self.board.pareto_html()

    @property
    def widget(self) -> ipywidgets.Widget:
        """The page: the frame with the room, the add form and the drawings."""
        return teaching_page(words.FISHBONE_TITLE, words.FISHBONE_INTRO, self.children, mode="app")


def build(
    mode: str = "app",
    *,
    cohort: str | None = None,
    room: room_link.Room | None = None,
    example: bool | None = None,
) -> View:
    """Return the page: live (``mode="app"``, a widget) or the worked example as HTML (review).

    Live, the room joins through a room panel on the cohort's store when ``cohort`` is given
    (or the ``room`` passed); ``example=True`` starts the live board with the worked example.
    """
    if mode == "review":
        board = example_board()
        note = f'<p class="qikit-note">{escape(words.EXAMPLE_NOTE)}</p>'
        return teaching_page(
            words.FISHBONE_TITLE, words.FISHBONE_INTRO, [note, board.static_html()], mode=mode
        )
    if room is None:
        room = room_link.open_room(
            cohort,
            title=words.FISHBONE_TITLE,
            question=lambda: room_link.room_question("idea", words.CAUSES_PROMPT, one_each=False),
        )
    board = example_board() if example else FishboneBoard()
    return FishboneRoomPage(board, room=room).widget
