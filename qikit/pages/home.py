"""The team page as static HTML: the team, how far it has got, the mentor's comments, links.

The same HTML is the mentor's copy (``mode="review"``) and the top of the live page, where
the team can also mark the comments read and reply (:mod:`qikit.pages.participant`). Drawn
from the project alone; here, not in :mod:`qikit.render`, because it is made of the stage
list and the links between the workbooks, which are the pages' own.
"""

from __future__ import annotations

from qikit.core.model import Project
from qikit.core.progress import mentor_feedback, progress
from qikit.core.wording import dashboard as comment_words
from qikit.core.wording import pages as words
from qikit.layout import SURVEY_FOLDER, SURVEY_WORKBOOK
from qikit.pages.stages import STAGES, stage_link
from qikit.render.text import escape, stamp_words

__all__ = ["FEEDBACK_SHOWN", "SURVEY_FROM_TEAM_PAGE", "home_html"]

#: The survey page, from a team page (``teams/<slug>/01-team.ipynb``) on the same server.
SURVEY_FROM_TEAM_PAGE = f"../../{SURVEY_FOLDER}/{SURVEY_WORKBOOK}"

#: How many comments from the mentor the team page shows (newest first).
FEEDBACK_SHOWN = 5


def _replied_words(count: int) -> str:
    if count == 1:
        return comment_words.REPLY_COUNT_ONE
    return comment_words.REPLY_COUNT_MANY.format(count=count)


def _feedback_html(project: Project) -> str:
    items = mentor_feedback(project)
    if not items:
        return f"<p>{escape(words.NO_FEEDBACK)}</p>"
    parts = []
    for item in items[:FEEDBACK_SHOWN]:
        state = (
            f'<p class="qikit-unread">{escape(words.UNREAD)}</p>'
            if not item.read
            else f'<p class="qikit-note">{escape(words.READ)}</p>'
        )
        about = words.FEEDBACK_FROM.format(
            author=item.author, date=stamp_words(item.at), topic=words.TOPIC_WORDS[item.about]
        )
        replies = sum(1 for f in project.feedback if f.reply_to == item.record_id)
        replied = (
            "" if not replies else f'<p class="qikit-note">{escape(_replied_words(replies))}</p>'
        )
        parts.append(
            f'<article class="qikit-feedback">{state}<p class="qikit-note">{escape(about)}</p>'
            f'<p class="qikit-feedback-text">{escape(item.text)}</p>{replied}</article>'
        )
    if len(items) > FEEDBACK_SHOWN:
        older = words.OLDER_FEEDBACK.format(count=len(items) - FEEDBACK_SHOWN)
        parts.append(f'<p class="qikit-note">{escape(older)}</p>')
    return "".join(parts)


def _team_html(project: Project, title: bool) -> list[str]:
    team = project.team
    name = team.name if team is not None else ""
    parts = [f"<h1>{escape(name)}</h1>"] if title else []
    if team is not None and team.department.strip():
        parts.append(f'<p class="qikit-note">{escape(team.department)}</p>')
    parts.append(f"<h2>{escape(words.TEAM_HEADING)}</h2>")
    members = team.members if team is not None else ()
    if members:
        items = "".join(
            f"<li><strong>{escape(m.display_name)}</strong>"
            + (f", {escape(m.role)}" if m.role.strip() else "")
            + "</li>"
            for m in members
        )
        parts.append(f"<ul>{items}</ul>")
    else:
        parts.append(f"<p>{escape(words.NO_MEMBERS)}</p>")
    mentor = team.mentor.strip() if team is not None else ""
    said = words.MENTOR.format(mentor=mentor) if mentor else words.NO_MENTOR
    parts.append(f"<p>{escape(said)}</p>")
    return parts


def home_html(project: Project, *, title: bool = True, survey_link: bool = False) -> str:
    """Return the team page as escaped HTML: team, progress, mentor's comments, links.

    ``title=False`` leaves out the team's name as a heading (the page around it shows it).
    ``survey_link`` adds the link to the cohort's skills survey (the live page only: the
    mentor's static copy has no server to open it on).
    """
    parts = _team_html(project, title)
    parts.append(f"<h2>{escape(words.PROGRESS_HEADING)}</h2>")
    lines = "".join(
        f'<li><span class="qikit-mark" aria-hidden="true">{p.mark}</span> '
        f"<strong>{escape(words.DONE if p.done else words.NOT_YET)}:</strong> "
        f"{stage_link(p.stage, p.task)}. {escape(p.words)}</li>"
        for p in progress(project)
    )
    parts.append(f'<ul class="qikit-progress">{lines}</ul>')
    parts.append(f'<p class="qikit-note">{escape(words.PROGRESS_KEY)}</p>')

    parts.append(f"<h2>{escape(words.FEEDBACK_HEADING)}</h2>{_feedback_html(project)}")

    links = "".join(
        f"<li>{stage_link(stage)}<br>{escape(words.STAGE_PURPOSES[stage])}</li>"
        for stage in STAGES
        if stage != "home"
    )
    parts.append(f'<h2>{escape(words.PAGES_HEADING)}</h2><ul class="qikit-nav">{links}</ul>')
    if survey_link:
        parts.append(
            f"<h2>{escape(words.SURVEY_HEADING)}</h2>"
            f'<p><a href="{SURVEY_FROM_TEAM_PAGE}">{escape(words.SURVEY_LINK)}</a><br>'
            f"{escape(words.SURVEY_PURPOSE)}</p>"
        )
    return "".join(parts)
