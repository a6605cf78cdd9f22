"""The storyboard: the team's story so far on one printable page, in both modes the same.

Everything on it is read from records the team has already written (the storyboard asks for
nothing new), so it is static HTML in the live page too: there is nothing to edit. Measures
are drawn with matplotlib, imported only when this page is built.
"""

from __future__ import annotations

from qikit.core.model import Project
from qikit.core.wording import pages as words
from qikit.render.style import PAGE_CSS, STORYBOARD_CSS
from qikit.render.text import escape

__all__ = ["TOP_CAUSES", "storyboard_html"]

#: How many causes the storyboard lists (most votes first).
TOP_CAUSES = 5


def _paragraphs(value: str, empty: str) -> str:
    parts = [p for p in value.split("\n") if p.strip()]
    if not parts:
        return f'<p class="qikit-note">{escape(empty)}</p>'
    return "".join(f'<p class="qikit-text">{escape(p)}</p>' for p in parts)


def _story_team(project: Project) -> str:
    team = project.team
    name = team.name if team is not None else ""
    header = f"<header><h1>{escape(words.STORY_TITLE.format(team=name))}</h1>"
    if team is not None:
        details = [team.department] if team.department.strip() else []
        if team.members:
            members = ", ".join(m.display_name for m in team.members)
            details.append(words.STORY_TEAM.format(members=members).rstrip("."))
        if team.mentor.strip():
            details.append(words.STORY_MENTOR.format(mentor=team.mentor))
        if details:
            header += f'<p class="qikit-note">{escape(". ".join(details))}.</p>'
    return header + "</header>"


def _story_charter(project: Project) -> str:
    charter = project.charter
    sentence = charter.aim_sentence() if charter is not None else ""
    aim = (
        f'<p class="qikit-aim">{escape(sentence)}</p>'
        if sentence
        else f'<p class="qikit-note">{escape(words.STORY_NO_AIM)}</p>'
    )
    problem = charter.problem if charter is not None else ""
    why = charter.why_it_matters if charter is not None else ""
    return (
        f"<section><h2>{escape(words.STORY_AIM)}</h2>{aim}</section>"
        f"<section><h2>{escape(words.STORY_PROBLEM)}</h2>"
        f"{_paragraphs(problem, words.STORY_NOT_WRITTEN)}"
        + (
            f"<h3>{escape(words.STORY_WHY)}</h3>{_paragraphs(why, words.STORY_NOT_WRITTEN)}"
            if why
            else ""
        )
        + "</section>"
    )


def _story_causes(project: Project) -> str:
    if not project.causes:
        return f"<p>{escape(words.STORY_NO_CAUSES)}</p>"
    ranked = project.causes_by_votes()
    voted = [c for c in ranked if c.votes]
    chosen = (voted or list(ranked))[:TOP_CAUSES]
    items = []
    for cause in chosen:
        votes = len(cause.votes)
        count = words.STORY_ONE_VOTE if votes == 1 else words.STORY_VOTES.format(count=votes)
        extra = f" ({escape(cause.category)}, {count})" if voted else f" ({escape(cause.category)})"
        items.append(f"<li>{escape(cause.text)}{extra}</li>")
    intro = words.STORY_CAUSES_INTRO if voted else words.STORY_CAUSES_UNVOTED
    return f"<p>{escape(intro)}</p><ol>{''.join(items)}</ol>"


def _story_process(project: Project) -> str:
    items = []
    for number, step in enumerate(project.steps_in_order(), start=1):
        if step.problem is None:
            continue
        where = words.STORY_STEP.format(number=number, step=" ".join(step.text.split()))
        note = f" {escape(step.problem_note)}" if step.problem_note.strip() else ""
        items.append(
            f"<li><strong>{escape(where)}</strong>: "
            f"{escape(words.PROBLEM_WORDS[step.problem])}.{note}</li>"
        )
    if not items:
        return f"<p>{escape(words.STORY_NO_PROCESS_PROBLEMS)}</p>"
    return f"<ul>{''.join(items)}</ul>"


def _story_measures(project: Project) -> str:
    # Imported here: it draws with matplotlib, which only the pages with charts should load.
    from qikit.render.measures import chart_html, draw_measure, measures_in_order, reading_html

    measures = measures_in_order(project)
    if not measures:
        return f"<p>{escape(words.STORY_NO_MEASURES)}</p>"
    parts = []
    for measure in measures:
        drawing = draw_measure(project, measure, measure.chart)
        parts.append(
            f"<h3>{escape(measure.name)}</h3>{chart_html(drawing, image='svg')}"
            f"{reading_html(drawing)}"
        )
    return "".join(parts)


def _story_changes(project: Project) -> tuple[str, str]:
    """Return the list of the changes tested and the list of what was learned (HTML)."""
    from qikit.core.wording import pdsa as pdsa_words
    from qikit.render.pdsa import cycles_in_order

    nothing_learned = f"<p>{escape(words.STORY_NOTHING_LEARNED)}</p>"
    cycles = cycles_in_order(project.pdsa_cycles)
    if not cycles:
        return f"<p>{escape(words.STORY_NO_CHANGES)}</p>", nothing_learned
    ideas = {i.record_id: i.text for i in project.change_ideas}
    changes = []
    learned = []
    for cycle in cycles:
        title = " ".join(cycle.title.split()) or pdsa_words.UNTITLED
        lines = [f"<strong>{escape(title)}</strong>"]
        idea = ideas.get(cycle.change_idea_id or "")
        if idea:
            lines.append(escape(words.STORY_IDEA.format(idea=idea)))
        if cycle.decision is not None:
            decision = pdsa_words.DECISION_WORDS[cycle.decision.value]
            lines.append(escape(words.STORY_DECISION.format(decision=decision)))
        else:
            lines.append(escape(words.STORY_NO_DECISION))
        if cycle.next_step.strip():
            lines.append(escape(words.STORY_NEXT.format(next_step=cycle.next_step)))
        changes.append("<li>" + "<br>".join(lines) + "</li>")
        if cycle.result_vs_prediction.strip():
            result = words.STORY_RESULT.format(title=title, result=cycle.result_vs_prediction)
            learned.append(f'<li class="qikit-text">{escape(result)}</li>')
        if cycle.surprises.strip():
            surprise = words.STORY_SURPRISE.format(surprise=cycle.surprises)
            learned.append(f'<li class="qikit-text">{escape(surprise)}</li>')
    learned_html = f"<ul>{''.join(learned)}</ul>" if learned else nothing_learned
    return f"<ol>{''.join(changes)}</ol>", learned_html


def storyboard_html(project: Project) -> str:
    """Return the team's story so far on one printable page (escaped HTML with print styles).

    Team, aim, problem, the most-voted causes, the problems on the process map, each measure's
    chart and reading, the PDSA cycles and their decisions, and what the team learned — all
    read from records the team has already written (the storyboard asks for nothing new).
    """
    changes, learned = _story_changes(project)
    parts = [
        STORYBOARD_CSS,
        _story_team(project),
        _story_charter(project),
        f"<section><h2>{escape(words.STORY_CAUSES)}</h2>{_story_causes(project)}</section>",
        f"<section><h2>{escape(words.STORY_PROCESS)}</h2>{_story_process(project)}</section>",
        f'<section class="qikit-story-measures"><h2>{escape(words.STORY_MEASURES)}</h2>'
        f"{_story_measures(project)}</section>",
        f"<section><h2>{escape(words.STORY_CHANGES)}</h2>{changes}</section>",
        f"<section><h2>{escape(words.STORY_LEARNED)}</h2>{learned}</section>",
    ]
    return f'<div class="qikit-page qikit-storyboard">{PAGE_CSS}{"".join(parts)}</div>'
