"""Reflections as static HTML: the mentor's review of the storyboard stage and the evidence pack."""

from __future__ import annotations

from qikit.core.model import REFLECTION_QUESTIONS, Project, Reflection
from qikit.core.wording import reflection as words
from qikit.render.text import escape, stamp_words

__all__ = ["reflection_html", "reflections_in_order", "render_static"]


def _answer(text: str) -> str:
    parts = [p for p in text.split("\n") if p.strip()]
    if not parts:
        return f'<p class="qikit-note">{escape(words.NOT_ANSWERED)}</p>'
    return "".join(f'<p class="qikit-text">{escape(p)}</p>' for p in parts)


def reflection_html(reflection: Reflection, *, level: int = 3) -> str:
    """Return one person's reflection as escaped HTML: a heading, then each question answered.

    ``level`` is the heading's level (the questions are one below it).
    """
    heading = words.STATIC_BY.format(member=reflection.member)
    written = ""
    if reflection.at:
        when = words.STATIC_WRITTEN.format(date=stamp_words(reflection.at))
        written = f'<p class="qikit-note">{escape(when)}</p>'

    answers = "".join(
        f"<h{level + 1}>{escape(words.QUESTIONS[key])}</h{level + 1}>"
        f"{_answer(getattr(reflection, key))}"
        for key in REFLECTION_QUESTIONS
    )
    return (
        f'<section class="qikit-reflection"><h{level}>{escape(heading)}</h{level}>'
        f"{written}{answers}</section>"
    )


def reflections_in_order(project: Project) -> list[Reflection]:
    """Return the team's reflections: the members' in the team's order, then any others by id.

    "Others" are reflections by someone no longer on the team's list: kept, never hidden.
    """
    names = [m.display_name for m in project.team.members] if project.team is not None else []
    chosen: list[Reflection] = []
    for name in names:
        mine = project.reflection_of(name)
        if mine is not None and mine not in chosen:
            chosen.append(mine)
    others = sorted((r for r in project.reflections if r not in chosen), key=lambda r: r.record_id)
    return chosen + others


def render_static(project: Project) -> str:
    """Return every reflection of the team for a mentor's review (a note when there are none)."""
    shown = [r for r in reflections_in_order(project) if r.answered()]
    body = (
        "".join(reflection_html(r, level=3) for r in shown)
        if shown
        else f'<p class="qikit-note">{escape(words.STATIC_NONE)}</p>'
    )
    return f"<h2>{escape(words.STATIC_HEADING)}</h2>{body}"
