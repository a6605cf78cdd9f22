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
from typing import Any

import ipywidgets as widgets

from qikit.core.model import Feedback, FeedbackTopic, RecordKind, new_record_id
from qikit.core.progress import FeedbackThread, feedback_threads
from qikit.core.wording import dashboard as words
from qikit.errors import QikitError
from qikit.render.dashboard import DASHBOARD_CSS, feedback_html, replies_html
from qikit.store.records import load_project, save_changes
from qikit.widgets.base import FULL_WIDTH, QIKIT_CSS, SaveStatus, ToolContext, big_button, text

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


class _Conversation:
    """What both sides share: the store, the team, the status line and saving one comment."""

    def __init__(self, context: ToolContext, team: str) -> None:
        self.context = context
        self.team = team
        self.status = SaveStatus()

    def feedback(self) -> tuple[Feedback, ...]:
        return load_project(self.context.store, self.team).feedback

    def save(self, record_id: str, changes: dict[str, Any]) -> bool:
        try:
            save_changes(
                self.context.store,
                self.team,
                RecordKind.FEEDBACK,
                record_id,
                changes,
                author=self.context.author,
            )
        except QikitError as error:
            self.status.failed(str(error))
            return False
        return True

    def say(self, message: str) -> None:
        self.status.widget.remove_class("qikit-status-error")
        self.status.widget.value = f'<span role="status">{text(message)}</span>'

    def send(self, box: widgets.Textarea, sent: str, **values: Any) -> Feedback | None:
        """Save a new comment made of ``values``, empty ``box`` and say ``sent``; return it.

        Returns None when it was refused (the status line says why; the words stay in the box).
        """
        try:
            item = _new_comment(**values)
        except QikitError as error:
            self.status.failed(str(error))
            return None
        if not self.save(item.record_id, item.to_data()):
            return None
        box.value = ""
        self.say(sent)
        return item


class MentorFeedbackWidget:
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
        self._talk = _Conversation(context, team)
        self.context = context
        self.team = team
        self.status = self._talk.status
        self.thread = widgets.HTML()
        self.about = widgets.Dropdown(
            options=[(label, key) for key, label in words.TOPIC_CHOICES.items()],
            value=FeedbackTopic(about).value,
            description=words.ABOUT_LABEL,
            style={"description_width": "initial"},
            layout=widgets.Layout(**FULL_WIDTH),
        )
        self.comment = widgets.Textarea(
            description=words.COMMENT_LABEL,
            placeholder=words.COMMENT_PLACEHOLDER,
            style={"description_width": "initial"},
            layout=widgets.Layout(**FULL_WIDTH),
        )
        self.send_button = big_button(words.COMMENT_BUTTON, style="primary")
        self.send_button.on_click(lambda _: self.send())
        self.read_button = big_button(words.MARK_REPLIES_READ)
        self.read_button.on_click(lambda _: self.mark_replies_read())
        self.widget = widgets.VBox(
            [
                widgets.HTML(
                    f"{QIKIT_CSS}{DASHBOARD_CSS}<h3>{text(words.MENTOR_THREAD_HEADING)}</h3>"
                ),
                self.thread,
                self.read_button,
                self.about,
                self.comment,
                self.send_button,
                self.status.widget,
            ],
            layout=widgets.Layout(**FULL_WIDTH),
        )
        self.widget.add_class("qikit-tool")
        self.refresh()

    def threads(self) -> tuple[FeedbackThread, ...]:
        """Return the mentor's comments to this team (every topic), newest first."""
        return feedback_threads(self._talk.feedback())

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
        item = self._talk.send(
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
                if not self._talk.save(reply.record_id, {"read": True}):
                    return
        self._talk.say(words.REPLIES_MARKED)
        self.refresh()


class TeamFeedbackWidget:
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
        self._talk = _Conversation(context, context.team)
        self.context = context
        self.about = None if about is None else FeedbackTopic(about)
        self.compact = compact
        self.status = self._talk.status
        self.comments = widgets.HTML()
        self.replies = widgets.HTML()
        self.read_button = big_button(words.MARK_READ, style="primary")
        self.read_button.on_click(lambda _: self.mark_read())
        self.reply_to = widgets.Dropdown(
            description=words.REPLY_TO_LABEL,
            style={"description_width": "initial"},
            layout=widgets.Layout(**FULL_WIDTH),
        )
        self.reply = widgets.Textarea(
            description=words.REPLY_LABEL,
            placeholder=words.REPLY_PLACEHOLDER,
            style={"description_width": "initial"},
            layout=widgets.Layout(**FULL_WIDTH),
        )
        self.reply_button = big_button(words.REPLY_BUTTON)
        self.reply_button.on_click(lambda _: self.send_reply())
        heading = words.REPLIES_HEADING if compact else words.MENTOR_SAYS
        parts: list[widgets.Widget] = [widgets.HTML(f"{QIKIT_CSS}<h3>{text(heading)}</h3>")]
        if compact:
            parts.append(self.replies)
        else:
            parts += [self.comments, self.read_button]
        parts += [self.reply_to, self.reply, self.reply_button, self.status.widget]
        self.widget = widgets.VBox(parts, layout=widgets.Layout(**FULL_WIDTH))
        self.widget.add_class("qikit-tool")
        self.widget.add_class("qikit-mentor-says")
        self.refresh()

    def threads(self) -> tuple[FeedbackThread, ...]:
        """Return the mentor's comments on this tool (newest first) with their replies."""
        return feedback_threads(self._talk.feedback(), self.about)

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
            if not thread.comment.read and not self._talk.save(
                thread.comment.record_id, {"read": True}
            ):
                return
        self._talk.say(words.MARKED_READ)
        self.refresh()

    def send_reply(self) -> Feedback | None:
        """Save the reply in the box to the chosen comment; return it (None when refused)."""
        threads = {t.comment.record_id: t.comment for t in self.threads()}
        comment = threads.get(self.reply_to.value or "")
        if comment is None or not self.reply.value.strip():
            self.status.failed(words.REPLY_EMPTY)
            return None
        item = self._talk.send(
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
