"""Comments between a mentor and a team: the mentor writes, the team reads, marks and replies.

- :class:`MentorFeedbackWidget` (the mentors' dashboard): the conversation with one team
  (comments newest first, the team's replies under each, new replies said in words), a choice
  of what the comment is about (the whole project or one tool), a box and "Send this comment to
  the team". Saved as ``Feedback(from_mentor=True, author=<mentor>, at=<now>)``.
- :class:`TeamFeedbackWidget` (beside each tool on the team's pages): "Your mentor says…" with
  the comments on that tool, "Mark as read", and a reply box. A reply is
  ``Feedback(from_mentor=False, reply_to=<comment>, author=<participant>)`` about the same tool.

Both are handed a :class:`~qikit.widgets.base.ToolContext`: its store, and its ``author`` (the
mentor's or the participant's name, which may change while the page is open). The store keeps
every change's history; nothing here writes anywhere else.
"""

from __future__ import annotations

import datetime as dt
from abc import abstractmethod
from typing import Any

import ipywidgets as widgets

from qikit.core.model import Feedback, FeedbackTopic, RecordKind, new_record_id
from qikit.core.progress import FeedbackThread, feedback_threads
from qikit.core.wording import dashboard as words
from qikit.errors import QikitError, StoreFault
from qikit.render.dashboard import DASHBOARD_CSS, feedback_html, replies_html
from qikit.store.records import load_project, save_changes
from qikit.widgets import base as ui
from qikit.widgets.base import ToolContext, ToolWidget, text
from qikit.widgets.drafts import draft_text

__all__ = ["MentorFeedbackWidget", "TeamFeedbackWidget"]

#: Characters of a comment shown in the "Which comment?" list.
EXCERPT = 60


def _excerpt(item: Feedback) -> str:
    words_only = " ".join(item.text.split())
    short = words_only if len(words_only) <= EXCERPT else words_only[: EXCERPT - 1] + "…"
    return f"{item.at[:10]}: {short}"


def _new_comment(**values: Any) -> Feedback:
    # To the microsecond, so two comments sent within a second still list in the order sent.
    at = dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")
    return Feedback(record_id=new_record_id(), at=at, **values)


class _FeedbackWidget(ToolWidget):
    """What both sides share: the team, its comments, and saving and sending one comment.

    Comments are saved to ``team``, not through :meth:`ToolWidget.save`: a mentor's context
    names no team (one mentor writes to every team), so the team is said here.
    """

    def __init__(self, context: ToolContext, team: str) -> None:
        super().__init__(context)
        self.team = team

    def feedback(self) -> tuple[Feedback, ...]:
        """Return every comment and reply of the team, as stored now."""
        return load_project(self.context.store, self.team).feedback

    @abstractmethod
    def refresh(self) -> None:
        """Show the conversation as it is in the store."""

    def reload(self) -> None:
        """Show the conversation as it is in the store (the same as :meth:`refresh`)."""
        self.refresh()

    def _write(self, record_id: str, changes: dict[str, Any]) -> bool:
        """Save changed fields of one comment; return False when refused (the status says why)."""
        saved = self.attempt(
            lambda: save_changes(
                self.context.store,
                self.team,
                RecordKind.FEEDBACK,
                record_id,
                changes,
                author=self.context.author,
            )
        )
        return saved is not None

    def _say(self, message: str) -> None:
        self.status.widget.remove_class("qikit-status-error")
        self.status.widget.value = f'<span role="status">{text(message)}</span>'

    def _send(self, box: widgets.Textarea, sent: str, **values: Any) -> Feedback | None:
        """Save a new comment made of ``values``, empty ``box`` and say ``sent``; return it.

        Returns None when it was refused (the status line says why; the words stay in the box).
        """
        try:
            item = _new_comment(**values)
        except QikitError as error:
            self.status.failed(str(error), retry_helps=not isinstance(error, StoreFault))
            return None
        if not self._write(item.record_id, item.to_data()):
            return None
        box.value = ""
        self._say(sent)
        return item


class MentorFeedbackWidget(_FeedbackWidget):
    """A mentor's comments to one team, and the team's replies.

    Parameters
    ----------
    context
        The store and the mentor's name (``context.author``); ``context.team`` is not used.
    team
        The team's code (slug).
    about
        What a new comment is about at first (the mentor can choose another).
    """

    def __init__(
        self, context: ToolContext, team: str, about: FeedbackTopic | str = FeedbackTopic.TEAM
    ) -> None:
        super().__init__(context, team)
        self.thread = widgets.HTML()
        self.about = ui.labelled_dropdown(
            words.ABOUT_LABEL,
            [(label, key) for key, label in words.TOPIC_CHOICES.items()],
            FeedbackTopic(about).value,
        )
        self.comment = ui.labelled_text(
            words.COMMENT_LABEL, long=True, placeholder=words.COMMENT_PLACEHOLDER
        )
        self.send_button = ui.big_button(words.COMMENT_BUTTON, style="primary")
        self.send_button.on_click(lambda _: self.send())
        self.read_button = ui.big_button(words.MARK_REPLIES_READ)
        self.read_button.on_click(lambda _: self.mark_replies_read())
        self.widget = self.frame(
            words.MENTOR_THREAD_HEADING,
            self.thread,
            self.read_button,
            self.about,
            self.comment,
            self.send_button,
            css=DASHBOARD_CSS,
            level=3,
        )
        self.refresh()

    def threads(self) -> tuple[FeedbackThread, ...]:
        """Return the mentor's comments to this team (every topic), newest first."""
        return feedback_threads(self.feedback())

    def refresh(self) -> None:
        """Show the conversation as it is in the store."""
        threads = self.threads()
        shown = feedback_html(threads, for_mentor=True)
        self.thread.value = shown or f'<p class="qikit-note">{text(words.NO_COMMENTS)}</p>'
        has_new = any(t.new_replies for t in threads)
        self.read_button.layout.display = "" if has_new else "none"

    def send(self) -> Feedback | None:
        """Save the comment in the box for the team; return it (None when refused)."""
        if not self.context.author.strip():
            self.status.failed(words.NEED_NAME)
            return None
        if not self.comment.value.strip():
            self.status.failed(words.COMMENT_EMPTY)
            return None
        item = self._send(
            self.comment,
            words.COMMENT_SENT,
            about=self.about.value,
            author=self.context.author,
            text=self.comment.value,
            from_mentor=True,
        )
        if item is not None:
            self.refresh()
        return item

    def mark_replies_read(self) -> None:
        """Mark the team's replies the mentor has not read yet as read."""
        for thread in self.threads():
            for reply in thread.new_replies:
                if not self._write(reply.record_id, {"read": True}):
                    return
        self._say(words.REPLIES_MARKED)
        self.refresh()


class TeamFeedbackWidget(_FeedbackWidget):
    """ "Your mentor says…" beside a tool: the comments on it, "Mark as read" and a reply box.

    Parameters
    ----------
    context
        The store, the team (``context.team``) and the participant's name (``context.author``).
    about
        The tool whose comments are shown; None shows every comment.
    compact
        Leave out the comments and "Mark as read" (for the team page, which lists the comments
        already): only the team's replies and the reply box.

    The whole widget is hidden while the mentor has written nothing on this tool.
    """

    def __init__(
        self,
        context: ToolContext,
        about: FeedbackTopic | str | None,
        *,
        compact: bool = False,
    ) -> None:
        super().__init__(context, context.team)
        self.about = None if about is None else FeedbackTopic(about)
        self.compact = compact
        self.comments = widgets.HTML()
        self.replies = widgets.HTML()
        self.read_button = ui.big_button(words.MARK_READ, style="primary")
        self.read_button.on_click(lambda _: self.mark_read())
        self.reply_to = ui.labelled_dropdown(words.REPLY_TO_LABEL)
        topic = "all" if self.about is None else self.about.value
        self.reply = draft_text(
            context, f"feedback.reply.{topic}", words.REPLY_LABEL, long=True,
            placeholder=words.REPLY_PLACEHOLDER,
        )  # fmt: skip
        self.reply_button = ui.big_button(words.REPLY_BUTTON)
        self.reply_button.on_click(lambda _: self.send_reply())
        shown = [self.replies] if compact else [self.comments, self.read_button]
        self.widget = self.frame(
            words.REPLIES_HEADING if compact else words.MENTOR_SAYS,
            *shown,
            self.reply_to,
            self.reply,
            self.reply_button,
            level=3,
        )
        self.widget.add_class("qikit-mentor-says")
        self.refresh()

    def threads(self) -> tuple[FeedbackThread, ...]:
        """Return the mentor's comments on this tool (newest first) with their replies."""
        return feedback_threads(self.feedback(), self.about)

    def refresh(self) -> None:
        """Show the comments and replies as they are in the store."""
        threads = self.threads()
        self.comments.value = DASHBOARD_CSS + feedback_html(threads)
        replies = sorted(
            (r for t in threads for r in t.replies), key=lambda r: (r.at, r.record_id), reverse=True
        )
        self.replies.value = DASHBOARD_CSS + replies_html(replies)
        unread = any(not t.comment.read for t in threads)
        self.read_button.layout.display = "" if unread else "none"
        chosen = self.reply_to.value
        self.reply_to.options = [(_excerpt(t.comment), t.comment.record_id) for t in threads]
        ids = [t.comment.record_id for t in threads]
        self.reply_to.value = chosen if chosen in ids else (ids[0] if ids else None)
        self.widget.layout.display = "" if threads else "none"

    def mark_read(self) -> None:
        """Mark the comments on this tool as read (signed with the participant's name)."""
        for thread in self.threads():
            if not thread.comment.read and not self._write(
                thread.comment.record_id, {"read": True}
            ):
                return
        self._say(words.MARKED_READ)
        self.refresh()

    def send_reply(self) -> Feedback | None:
        """Save the reply in the box to the chosen comment; return it (None when refused)."""
        threads = {t.comment.record_id: t.comment for t in self.threads()}
        comment = threads.get(self.reply_to.value or "")
        if comment is None or not self.reply.value.strip():
            self.status.failed(words.REPLY_EMPTY)
            return None
        item = self._send(
            self.reply,
            words.REPLY_SENT,
            about=comment.about,
            about_id=comment.about_id,
            author=self.context.author,
            text=self.reply.value,
            reply_to=comment.record_id,
            from_mentor=False,
        )
        if item is not None:
            self.refresh()
        return item
