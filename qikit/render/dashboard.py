"""The cohort dashboard and the comment threads as static HTML (no widgets, no matplotlib).

:func:`render_dashboard_html` is the mentors' dashboard as one page that needs no kernel (for
``qikit review`` and the dashboard notebook in review mode); :func:`dashboard_table_html` is its
table, which the live :class:`qikit.widgets.dashboard.DashboardWidget` shows too, in the order
and with the filters the mentor chose (:func:`sort_rows`, :func:`filter_rows`).
:func:`feedback_html` draws a mentor's comments with the team's replies, for the team's pages
(review mode, and inside the live feedback widgets).

Every piece of text a team or a mentor typed is escaped. Nothing is carried by colour alone:
unread comments and new replies say so in words.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

from qikit.core.model import Feedback
from qikit.core.progress import PROGRESS_SCALE, FeedbackThread, TeamRow, row_values
from qikit.core.wording import dashboard as words
from qikit.errors import DataError
from qikit.render.text import escape, stamp_words

__all__ = [
    "DASHBOARD_CSS",
    "QUIET_DAYS",
    "SORTS",
    "dashboard_table_html",
    "feedback_html",
    "filter_rows",
    "render_dashboard_html",
    "replies_html",
    "scale_key_html",
    "sort_rows",
]

#: "No activity" and "no feedback" filters: two weeks, the usual coaching rhythm.
QUIET_DAYS = 14
#: The sort orders the dashboard offers (key → label).
SORTS: dict[str, str] = dict(words.SORTS)

#: Styles of the table: readable at 16 px, strong borders, a caption for screen readers. The
#: table is wider than a laptop screen: it scrolls sideways inside its own box (which takes the
#: keyboard focus, so it also scrolls with the arrow keys), the team's name staying in view.
DASHBOARD_CSS = """<style>
.qikit-dashboard { font-size: 16px; line-height: 1.4; color: #1a1a1a; }
.qikit-dashboard .qikit-scroll { overflow-x: auto; max-width: 100%; }
.qikit-dashboard .qikit-scroll:focus-visible { outline: 3px solid #0b5cad; outline-offset: 2px; }
.qikit-dashboard table { border-collapse: separate; border-spacing: 0; width: 100%; }
.qikit-dashboard caption { text-align: left; caption-side: top; padding: 0 0 0.3rem; }
.qikit-dashboard th, .qikit-dashboard td { border: 1px solid #4c6272; padding: 0.3rem 0.5rem;
  vertical-align: top; text-align: left; }
.qikit-dashboard th { background: #e8edee; }
.qikit-dashboard tbody th { min-width: 8rem; }
@media (min-width: 600px) {
  .qikit-dashboard tbody th { position: sticky; left: 0; z-index: 1; }
}
.qikit-dashboard td { background: #fff; min-width: 7rem; }
.qikit-dashboard td p { margin: 0 0 0.25rem; }
.qikit-dashboard .qikit-wide { min-width: 16rem; }
.qikit-dashboard ul { margin: 0; padding-left: 1.1rem; }
.qikit-dashboard .qikit-note { color: #3d3d3d; }
.qikit-feedback { border: 2px solid #4c6272; border-radius: 6px; padding: 0.5rem 1rem;
  margin: 0.5rem 0; }
.qikit-feedback-text { white-space: pre-wrap; }
.qikit-reply { border-left: 4px solid #4c6272; margin: 0.5rem 0 0.5rem 1rem;
  padding-left: 0.75rem; }
.qikit-unread { font-weight: 700; }
</style>"""


def sort_rows(rows: Iterable[TeamRow], by: str = "team") -> list[TeamRow]:
    """Return the rows sorted ``by`` one of :data:`SORTS`.

    "team": by name (A to Z); "last_activity": the quietest first (never active first);
    "days_since_feedback": longest without a mentor's comment first (never first);
    "score": lowest first (the confirmed score, else the suggested one). Ties: by name.
    """
    if by not in SORTS:
        raise DataError("sort", "one of " + ", ".join(SORTS), by)
    never = math.inf

    def name(row: TeamRow) -> tuple[str, str]:
        return (" ".join(row.name.split()).casefold(), row.slug)

    keys: dict[str, Callable[[TeamRow], tuple[float | str, ...]]] = {
        "team": lambda r: name(r),
        "last_activity": lambda r: (
            -(never if r.days_since_activity is None else r.days_since_activity),
            *name(r),
        ),
        "days_since_feedback": lambda r: (
            -(never if r.days_since_feedback is None else r.days_since_feedback),
            *name(r),
        ),
        "score": lambda r: (r.score if r.score is not None else r.suggested.score, *name(r)),
    }
    return sorted(rows, key=keys[by])


def filter_rows(
    rows: Iterable[TeamRow],
    *,
    quiet_days: int | None = None,
    no_feedback_days: int | None = None,
) -> list[TeamRow]:
    """Return the rows with no activity for ``quiet_days`` or more (never active counts), and/or
    no mentor feedback for ``no_feedback_days`` or more (never counts). None: no filter."""
    chosen = []
    for row in rows:
        if quiet_days is not None and not (
            row.days_since_activity is None or row.days_since_activity >= quiet_days
        ):
            continue
        if no_feedback_days is not None and not (
            row.days_since_feedback is None or row.days_since_feedback >= no_feedback_days
        ):
            continue
        chosen.append(row)
    return chosen


def _score(value: float | None) -> str:
    return words.NOT_CONFIRMED if value is None else f"{value:.1f}"


def _count(count: int, one: str, many: str) -> str:
    return one if count == 1 else many.format(count=count)


def _list(items: Sequence[str], empty: str) -> str:
    if not items:
        return f'<span class="qikit-note">{escape(empty)}</span>'
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


def _row_html(row: TeamRow, team_href: Callable[[str], str] | None) -> str:
    values = row_values(row)
    name = escape(row.name or row.slug)
    if team_href is not None:
        name = f'<a href="{escape(team_href(row.slug))}">{name}</a>'
    aim = f"{escape(words.YES if row.charter_complete else words.NO)}" + (
        f"<br>{escape(row.aim)}" if row.aim else ""
    )
    # The number of causes and the top ones are two things: each gets its own line, and a team
    # with none says so once (a bare "0" beside "nothing yet" read as "0nothing yet").
    top = _list(
        [
            f"{text} ({words.ONE_VOTE if votes == 1 else words.VOTES.format(count=votes)})"
            for text, votes in row.top_causes
        ],
        words.NOTHING_YET,
    )
    causes = (
        top
        if row.causes == 0
        else f"<p>{escape(_count(row.causes, words.ONE_CAUSE, words.CAUSES))}</p>"
        + (top if row.top_causes else "")
    )
    measures = _list(
        [f"{m.summary}. {m.reading}" for m in row.measures],
        words.NOTHING_YET,
    )
    activity = (
        words.NEVER
        if row.last_activity is None
        else words.DAYS_AGO.format(date=values["last_activity"], days=row.days_since_activity)
    )
    feedback = words.NEVER if row.days_since_feedback is None else f"{row.days_since_feedback}"
    confirmed = _score(row.score)
    if row.confirmed is not None:
        confirmed += f" ({escape(row.confirmed.confirmed_by)})"
        if row.confirmed.note.strip():
            confirmed += f'<br><span class="qikit-note">{escape(row.confirmed.note)}</span>'
    suggested = (
        f"<strong>{_score(row.suggested.score)}</strong> {escape(row.suggested.meaning)}"
        f'<br><span class="qikit-note">{escape(words.NEXT.format(step=row.suggested.next_step))}'
        "</span>"
    )
    cells = [
        f'<th scope="row">{name}</th>',
        f'<td class="qikit-wide">{aim}</td>',
        f'<td class="qikit-wide">{causes}</td>',
        f"<td>{escape(words.STEPS_CELL.format(steps=row.steps, problems=row.step_problems))}</td>",
        f'<td class="qikit-wide">{measures}</td>',
        f"<td>{escape(values['pdsa'])}</td>",
        f"<td>{escape(activity)}</td>",
        f"<td>{escape(feedback)}</td>",
        f"<td>{row.new_replies}</td>",
        f'<td class="qikit-wide">{suggested}</td>',
        f"<td>{confirmed}</td>",
    ]
    return "<tr>" + "".join(cells) + "</tr>"


_HEADINGS = (
    "team",
    "aim_complete",
    "top_causes",
    "steps",
    "measures",
    "pdsa",
    "last_activity",
    "days_since_feedback",
    "new_replies",
    "suggested_score",
    "confirmed_score",
)


def dashboard_table_html(
    rows: Sequence[TeamRow],
    *,
    total: int | None = None,
    team_href: Callable[[str], str] | None = None,
) -> str:
    """Return the dashboard table (escaped HTML), one row per team, with a count caption.

    ``total`` is the number of teams before filtering (default: ``len(rows)``); ``team_href``
    turns a team's code into a link to its pages.
    """
    total = len(rows) if total is None else total
    if total == 0:
        return f"<p>{escape(words.NO_TEAMS)}</p>"
    caption = words.SHOWING.format(shown=len(rows), total=total)
    if not rows:
        return f'<p class="qikit-note">{escape(caption)}</p><p>{escape(words.NO_ROWS)}</p>'
    head = "".join(f'<th scope="col">{escape(words.COLUMNS[k])}</th>' for k in _HEADINGS)
    body = "".join(_row_html(row, team_href) for row in rows)
    return (
        f'<div class="qikit-scroll" role="region" tabindex="0" '
        f'aria-label="{escape(words.TABLE_LABEL)}">'
        f'<table><caption class="qikit-note">{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def scale_key_html() -> str:
    """Return the progress scale, one line per score, as an escaped HTML list."""
    items = "".join(
        f"<li><strong>{score:.1f}</strong> {escape(meaning)}</li>"
        for score, meaning in PROGRESS_SCALE.items()
    )
    return f"<h3>{escape(words.SCORE_KEY_HEADING)}</h3><ul>{items}</ul>"


def render_dashboard_html(
    rows: Sequence[TeamRow],
    *,
    title: str = words.TITLE,
    team_href: Callable[[str], str] | None = None,
) -> str:
    """Return the whole dashboard as one static page: heading, table and the scale's key."""
    return (
        f'<div class="qikit-dashboard">{DASHBOARD_CSS}<h1>{escape(title)}</h1>'
        f'<p class="qikit-note">{escape(words.INTRO)}</p>'
        f"{dashboard_table_html(rows, team_href=team_href)}{scale_key_html()}</div>"
    )


def _reply_html(reply: Feedback, *, for_mentor: bool) -> str:
    new = (
        f'<p class="qikit-unread">{escape(words.NEW_REPLY)}</p>'
        if for_mentor and not reply.read
        else ""
    )
    who = words.REPLY_FROM.format(author=reply.author, date=stamp_words(reply.at))
    return (
        f'<div class="qikit-reply">{new}<p class="qikit-note">{escape(who)}</p>'
        f'<p class="qikit-feedback-text">{escape(reply.text)}</p></div>'
    )


def replies_html(replies: Sequence[Feedback], *, for_mentor: bool = False) -> str:
    """Return the team's replies as escaped HTML, in the order given ("New reply" for the
    mentor on those not read yet)."""
    return "".join(_reply_html(r, for_mentor=for_mentor) for r in replies)


def feedback_html(threads: Sequence[FeedbackThread], *, for_mentor: bool = False) -> str:
    """Return the comments (newest first) with their replies as escaped HTML.

    For the team, an unread comment says "New: not read yet"; for the mentor, a reply not yet
    read says "New reply". Empty when there are no comments.
    """
    parts = []
    for thread in threads:
        comment = thread.comment
        state = ""
        if not for_mentor:
            state = (
                f'<p class="qikit-unread">{escape(words.UNREAD)}</p>'
                if not comment.read
                else f'<p class="qikit-note">{escape(words.READ)}</p>'
            )
        about = words.FROM.format(
            author=comment.author,
            date=stamp_words(comment.at),
            topic=words.TOPIC_WORDS[comment.about.value],
        )
        replies = replies_html(thread.replies, for_mentor=for_mentor)
        parts.append(
            f'<article class="qikit-feedback">{state}<p class="qikit-note">{escape(about)}</p>'
            f'<p class="qikit-feedback-text">{escape(comment.text)}</p>{replies}</article>'
        )
    return "".join(parts)
