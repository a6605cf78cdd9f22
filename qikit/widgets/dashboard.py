"""The mentors' cohort dashboard: every team in one table, scores to confirm, comments to write.

:class:`DashboardWidget` shows the table of :func:`qikit.store.cohort.cohort_rows` (drawn by
:func:`qikit.render.dashboard.dashboard_table_html`, everything escaped), with:

- a sort order and two filters ("no activity for 14 days", "no mentor feedback for 14 days");
- a link that downloads the table as CSV for the programme lead (a ``data:`` URI, so it works
  in Voilà with no file on the server);
- for the team chosen in "Team": the suggested score and why, "Confirm score" (the IHI scale),
  a note, "Save score" (each save is a new version in the store's history, listed under it),
  and :class:`~qikit.widgets.feedback.MentorFeedbackWidget` to write to the team.

The widget is handed the store; it opens nothing itself.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable, Sequence

import ipywidgets as widgets

from qikit.core.model import FeedbackTopic
from qikit.core.progress import PROGRESS_SCALE, ConfirmedScore, TeamRow, rows_to_csv
from qikit.core.wording import dashboard as words
from qikit.errors import QikitError, StoreFault
from qikit.render.dashboard import (
    DASHBOARD_CSS,
    QUIET_DAYS,
    SORTS,
    dashboard_table_html,
    filter_rows,
    scale_key_html,
    sort_rows,
)
from qikit.render.text import stamp_words
from qikit.store.base import Store
from qikit.store.cohort import cohort_rows
from qikit.store.scores import save_confirmed_score, score_history
from qikit.widgets import base as ui
from qikit.widgets.announce import Announcer
from qikit.widgets.base import SaveStatus, ToolContext, text
from qikit.widgets.feedback import MentorFeedbackWidget

__all__ = ["DashboardWidget"]


def _filter_box(label: str) -> widgets.Checkbox:
    """Return a tick box whose words, beside it, are its label."""
    return widgets.Checkbox(
        value=False, description=label, indent=False, layout=widgets.Layout(width="auto")
    )


class DashboardWidget:
    """The cohort dashboard for a mentor.

    Parameters
    ----------
    store
        The cohort's store.
    team_slugs
        The teams to show, in order.
    mentor_name
        Signs confirmed scores and comments; may be set later (``mentor_name = "Sam"``).
    today
        The day "days since" counts to (default: today, when the table is refreshed).
    team_href
        Turns a team's code into a link to its pages (None: no links).
    """

    def __init__(
        self,
        store: Store,
        team_slugs: Sequence[str],
        mentor_name: str,
        *,
        today: dt.date | None = None,
        team_href: Callable[[str], str] | None = None,
    ) -> None:
        self.store = store
        self.team_slugs = list(team_slugs)
        self.today = today
        self.team_href = team_href
        self.context = ToolContext(store, "", " ".join((mentor_name or "").split()))
        self.rows: list[TeamRow] = []

        self.sort = ui.labelled_dropdown(
            words.SORT_LABEL, [(label, key) for key, label in SORTS.items()], "team"
        )
        # The words beside each box are its label (shown by the tools' CSS, which also makes
        # the whole line the box's 44px target) and its accessible name.
        self.quiet = _filter_box(words.FILTER_QUIET.format(days=QUIET_DAYS))
        self.no_feedback = _filter_box(words.FILTER_NO_FEEDBACK.format(days=QUIET_DAYS))
        self.table = widgets.HTML(layout=widgets.Layout(**ui.FULL_WIDTH))
        self.csv_link = widgets.HTML()
        # A change of sort or filter redraws the table out of sight of a screen reader's
        # cursor: the new count ("Showing 2 of 6 teams.") is said out loud.
        self.table_news = Announcer(hidden=True)
        for control in (self.sort, self.quiet, self.no_feedback):
            control.observe(lambda _: self._changed_view(), names="value")

        self.team = ui.labelled_dropdown(words.TEAM_LABEL)
        self.suggestion = widgets.HTML()
        self.score = ui.labelled_dropdown(
            words.SCORE_LABEL,
            [(f"{s:.1f}: {meaning}", s) for s, meaning in PROGRESS_SCALE.items()],
        )
        self.note = ui.labelled_text(words.SCORE_NOTE_LABEL, long=True)
        self.save_button = ui.big_button(words.SCORE_BUTTON, style="primary")
        self.save_button.on_click(lambda _: self.save_score())
        self.status = SaveStatus()
        self.history = widgets.HTML()
        self.feedback_box = widgets.VBox(layout=widgets.Layout(**ui.FULL_WIDTH))
        self.feedback: MentorFeedbackWidget | None = None
        self.team.observe(lambda _: self._show_team(), names="value")

        # On a wide screen the score and the comment for the chosen team sit side by side.
        score_part = widgets.VBox(
            [
                ui.heading(words.SCORE_HEADING),
                self.suggestion,
                self.score,
                self.note,
                self.save_button,
                self.status.widget,
                self.history,
            ],
            layout=widgets.Layout(**ui.FULL_WIDTH),
        )
        feedback_part = widgets.VBox(
            [ui.heading(words.FEEDBACK_HEADING), self.feedback_box],
            layout=widgets.Layout(**ui.FULL_WIDTH),
        )
        team_parts = widgets.Box(
            [score_part, feedback_part], layout=widgets.Layout(**ui.FULL_WIDTH)
        )
        team_parts.add_class(ui.COLUMNS_CLASS)

        # Not a ToolWidget frame: the status line belongs under "Save score", mid-page.
        self.widget = ui.tool_frame(
            words.TITLE,
            self.sort,
            widgets.HBox([self.quiet, self.no_feedback], layout=widgets.Layout(**ui.FULL_WIDTH)),
            self.table,
            self.table_news,
            self.csv_link,
            self.team,
            team_parts,
            widgets.HTML(f'<div class="qikit-dashboard">{scale_key_html()}</div>'),
            css=DASHBOARD_CSS,
            note=words.INTRO,
        )
        self.widget.add_class("qikit-dashboard")
        self.refresh()

    # -- the mentor's name --------------------------------------------------------------------

    @property
    def mentor_name(self) -> str:
        """The name that signs scores and comments ("" until typed)."""
        return self.context.author

    @mentor_name.setter
    def mentor_name(self, name: str) -> None:
        self.context.author = " ".join((name or "").split())

    # -- the table ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """Read every team again from the store and redraw."""
        today = self.today or dt.date.today()
        self.rows = cohort_rows(self.store, self.team_slugs, today)
        chosen = self.team.value
        self.team.options = [(row.name or row.slug, row.slug) for row in self.rows]
        slugs = [row.slug for row in self.rows]
        if chosen in slugs:
            self.team.value = chosen
        elif slugs:
            self.team.value = slugs[0]
        self.show()
        self._show_team()

    def shown_rows(self) -> list[TeamRow]:
        """Return the rows the table shows: filtered, then sorted as chosen."""
        rows = filter_rows(
            self.rows,
            quiet_days=QUIET_DAYS if self.quiet.value else None,
            no_feedback_days=QUIET_DAYS if self.no_feedback.value else None,
        )
        return sort_rows(rows, self.sort.value)

    def csv_text(self) -> str:
        """Return the table as shown, as CSV."""
        return rows_to_csv(self.shown_rows())

    def _changed_view(self) -> None:
        self.show()
        shown = len(self.shown_rows())
        self.table_news.say(words.SHOWING.format(shown=shown, total=len(self.rows)))

    def show(self) -> None:
        """Redraw the table and the CSV link from the rows already read."""
        rows = self.shown_rows()
        self.table.value = (
            f'<div class="qikit-dashboard">'
            f"{dashboard_table_html(rows, total=len(self.rows), team_href=self.team_href)}</div>"
        )
        payload = base64.b64encode(rows_to_csv(rows).encode("utf-8")).decode("ascii")
        self.csv_link.value = (
            f'<p><a download="{text(words.CSV_FILE)}" '
            f'href="data:text/csv;charset=utf-8;base64,{payload}">{text(words.CSV_LINK)}</a></p>'
        )

    # -- one team ------------------------------------------------------------------------------

    def row(self, slug: str) -> TeamRow | None:
        """Return the row of one team (None when it is not on the dashboard)."""
        return next((r for r in self.rows if r.slug == slug), None)

    def _show_team(self) -> None:
        slug = self.team.value
        row = self.row(slug) if slug else None
        if row is None:
            self.suggestion.value = ""
            self.history.value = ""
            self.feedback_box.children = ()
            self.feedback = None
            return
        evidence = "".join(f"<li>{text(line)}</li>" for line in row.suggested.evidence)
        suggested = words.SUGGESTED.format(
            score=f"{row.suggested.score:.1f}", meaning=row.suggested.meaning
        )
        self.suggestion.value = (
            f"<p><strong>{text(suggested)}</strong></p>"
            f"<ul>{evidence}</ul>"
            f'<p class="qikit-note">{text(words.NEXT.format(step=row.suggested.next_step))}</p>'
        )
        self.score.value = row.score if row.score is not None else row.suggested.score
        self.note.value = row.confirmed.note if row.confirmed is not None else ""
        self._show_history(slug)
        if self.feedback is None or self.feedback.team != slug:
            self.feedback = MentorFeedbackWidget(self.context, slug, FeedbackTopic.TEAM)
            self.feedback_box.children = (self.feedback.widget,)
        else:
            self.feedback.refresh()

    def _show_history(self, slug: str) -> None:
        lines = []
        for item in reversed(score_history(self.store, slug)):
            line = words.SCORE_HISTORY_LINE.format(
                score=f"{item.score:.1f}", date=stamp_words(item.at), who=item.confirmed_by
            )
            if item.note.strip():
                line = words.SCORE_HISTORY_NOTE.format(line=line, note=item.note)
            lines.append(f"<li>{text(line)}</li>")
        self.history.value = (
            f"<h4>{text(words.SCORE_HISTORY)}</h4><ul>{''.join(lines)}</ul>" if lines else ""
        )

    def save_score(self) -> ConfirmedScore | None:
        """Save the chosen score and note for the chosen team; return it (None when refused)."""
        slug = self.team.value
        if not self.mentor_name.strip():
            self.status.failed(words.NEED_NAME)
            return None
        if not slug:
            return None
        try:
            saved = save_confirmed_score(
                self.store, slug, self.score.value, self.note.value, self.mentor_name
            )
        except QikitError as error:
            self.status.failed(str(error), retry_helps=not isinstance(error, StoreFault))
            return None
        row = self.row(slug)
        self.refresh()
        self.status.say(
            words.SCORE_SAVED.format(team=row.name if row else slug, score=f"{saved.score:.1f}")
        )
        return saved

    def write_to(
        self, slug: str, about: FeedbackTopic | str = FeedbackTopic.TEAM
    ) -> MentorFeedbackWidget:
        """Choose ``slug`` in "Team" and return its comment widget with ``about`` chosen."""
        self.team.value = slug
        if self.feedback is None:  # pragma: no cover - a chosen team always has one
            raise ValueError(f"no team {slug!r} on the dashboard")
        self.feedback.about.value = FeedbackTopic(about).value
        return self.feedback
