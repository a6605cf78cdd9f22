"""The team's story read from its records: one source for the team page's storyboard and the A3.

The team page's storyboard (:func:`storyboard_html`, shown by :mod:`qikit.pages.storyboard`) and
the celebration's A3 storyboard (:mod:`qikit.evidence.showcase`) tell the same story from the
same functions here: the team and its aim, the most-voted causes, the problems on the process
map, the key measure, each PDSA cycle and what was learned, the next steps. The team's own
words (:class:`~qikit.core.model.ShowcaseCaptions`) sit above a part on the team page and take
its place on the A3, where space is short.

The pieces are plain values (strings the caller escapes) so each page lays them out its own way;
:func:`storyboard_html` escapes every piece. Measures are drawn with matplotlib, imported only
when a chart is drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

from qikit.core.model import Measure, MeasureType, Project, ShowcaseCaptions
from qikit.core.wording import pages as words
from qikit.core.wording import pdsa as pdsa_words
from qikit.core.wording import showcase as showcase_words
from qikit.render.style import PAGE_CSS, STORYBOARD_CSS
from qikit.render.text import escape

__all__ = [
    "TOP_CAUSES",
    "StoryCause",
    "StoryCycle",
    "captions_of",
    "has_story",
    "key_measure",
    "latest_next_steps",
    "learned_lines",
    "process_problems",
    "story_cycles",
    "storyboard_html",
    "team_details",
    "team_name",
    "top_causes",
]

#: How many causes the storyboard lists (most votes first).
TOP_CAUSES = 5


# --- the story as plain values -------------------------------------------------------------------


@dataclass(frozen=True)
class StoryCause:
    """One cause on the storyboard: its words, its category and its votes (plain text)."""

    text: str
    category: str
    votes: int
    #: False when the team has not voted yet (the causes are then listed as found).
    voted: bool

    def extra(self) -> str:
        """Return "(People, 3 votes)" — or "(People)" before the team has voted."""
        if not self.voted:
            return f"({self.category})"
        one = self.votes == 1
        count = words.STORY_ONE_VOTE if one else words.STORY_VOTES.format(count=self.votes)
        return f"({self.category}, {count})"


@dataclass(frozen=True)
class StoryCycle:
    """One PDSA cycle as the storyboard tells it (plain text; "" where the team wrote nothing)."""

    title: str
    idea: str
    #: The decision in words ("Adopt: keep doing it"), or "" before the team has decided.
    decision: str
    next_step: str
    result: str
    surprise: str


def team_name(project: Project) -> str:
    """Return the team's name ("" before the team record exists)."""
    return project.team.name if project.team is not None else ""


def team_details(project: Project) -> str:
    """Return the department, members and mentor as one plain sentence ("" when none is known)."""
    team = project.team
    if team is None:
        return ""
    details = [team.department] if team.department.strip() else []
    if team.members:
        members = ", ".join(m.display_name for m in team.members)
        details.append(words.STORY_TEAM.format(members=members).rstrip("."))
    if team.mentor.strip():
        details.append(words.STORY_MENTOR.format(mentor=team.mentor))
    return f"{'. '.join(details)}." if details else ""


def captions_of(project: Project) -> ShowcaseCaptions:
    """Return the team's showcase captions (all empty until the team writes one)."""
    return project.showcase or ShowcaseCaptions()


def top_causes(project: Project, limit: int = TOP_CAUSES) -> tuple[str, tuple[StoryCause, ...]]:
    """Return the sentence that introduces the causes and up to ``limit`` causes, most votes first.

    Before any vote the first causes found are listed (and the sentence says so); without any
    cause the sentence says there are none and the tuple is empty.
    """
    if not project.causes:
        return words.STORY_NO_CAUSES, ()
    ranked = project.causes_by_votes()
    voted = [c for c in ranked if c.votes]
    chosen = (voted or list(ranked))[:limit]
    causes = tuple(StoryCause(c.text, c.category, len(c.votes), voted=bool(voted)) for c in chosen)
    return (words.STORY_CAUSES_INTRO if voted else words.STORY_CAUSES_UNVOTED), causes


def process_problems(project: Project) -> tuple[tuple[str, str], ...]:
    """Return ``(where, what)`` for each step marked with a problem on the process map.

    ``where`` is "Step 2, “collect the bed”"; ``what`` is the problem and the team's note.
    """
    found = []
    for number, step in enumerate(project.steps_in_order(), start=1):
        if step.problem is None:
            continue
        where = words.STORY_STEP.format(number=number, step=" ".join(step.text.split()))
        what = f"{words.PROBLEM_WORDS[step.problem]}."
        if step.problem_note.strip():
            what += f" {step.problem_note}"
        found.append((where, what))
    return tuple(found)


def story_cycles(project: Project) -> tuple[StoryCycle, ...]:
    """Return the team's PDSA cycles in the order they started, as the storyboard tells them."""
    from qikit.render.pdsa import cycles_in_order

    ideas = {i.record_id: i.text for i in project.change_ideas}
    cycles = []
    for cycle in cycles_in_order(project.pdsa_cycles):
        decision = cycle.decision
        cycles.append(
            StoryCycle(
                title=" ".join(cycle.title.split()) or pdsa_words.UNTITLED,
                idea=ideas.get(cycle.change_idea_id or "", ""),
                decision="" if decision is None else pdsa_words.DECISION_WORDS[decision.value],
                next_step=cycle.next_step if cycle.next_step.strip() else "",
                result=cycle.result_vs_prediction if cycle.result_vs_prediction.strip() else "",
                surprise=cycle.surprises if cycle.surprises.strip() else "",
            )
        )
    return tuple(cycles)


def learned_lines(cycles: tuple[StoryCycle, ...]) -> tuple[str, ...]:
    """Return what the team learned from its cycles: each result and surprise, as sentences."""
    lines = []
    for cycle in cycles:
        if cycle.result:
            lines.append(words.STORY_RESULT.format(title=cycle.title, result=cycle.result))
        if cycle.surprise:
            lines.append(words.STORY_SURPRISE.format(surprise=cycle.surprise))
    return tuple(lines)


def latest_next_steps(cycles: tuple[StoryCycle, ...], limit: int = 2) -> tuple[str, ...]:
    """Return the next steps of the latest cycles that have one: latest first, ``limit`` at most."""
    return tuple(c.next_step for c in reversed(cycles) if c.next_step)[:limit]


def key_measure(project: Project) -> Measure | None:
    """Return the team's main measure: its first outcome measure, else its first measure, or None.

    "First" is the order the team page lists measures in (by name).
    """
    from qikit.render.measures import measures_in_order

    measures = measures_in_order(project)
    outcome = next((m for m in measures if m.measure_type is MeasureType.OUTCOME), None)
    return outcome or (measures[0] if measures else None)


def has_story(project: Project) -> bool:
    """Return True once the team has something to show: an aim, cause, reading, test or caption."""
    charter = project.charter
    captions = captions_of(project)
    return bool(
        (charter is not None and (charter.aim_sentence() or charter.problem.strip()))
        or project.causes
        or project.points
        or project.pdsa_cycles
        or any(captions.caption(key) for key in ShowcaseCaptions.PARTS)
    )


# --- the team page's storyboard (HTML) -----------------------------------------------------------


def _paragraphs(value: str, empty: str) -> str:
    parts = [p for p in value.split("\n") if p.strip()]
    if not parts:
        return f'<p class="qikit-note">{escape(empty)}</p>'
    return "".join(f'<p class="qikit-text">{escape(p)}</p>' for p in parts)


def _text_list(lines: tuple[str, ...]) -> str:
    items = "".join(f'<li class="qikit-text">{escape(line)}</li>' for line in lines)
    return f"<ul>{items}</ul>"


def _in_our_words(caption: str) -> str:
    """Return the team's own words for a part, above the part ("" when there are none)."""
    if not caption:
        return ""
    return (
        f'<div class="qikit-caption"><p class="qikit-caption-label">'
        f"{escape(showcase_words.IN_OUR_WORDS)}</p>"
        f"{_paragraphs(caption, '')}</div>"
    )


def _story_team(project: Project) -> str:
    header = f"<header><h1>{escape(words.STORY_TITLE.format(team=team_name(project)))}</h1>"
    headline = captions_of(project).caption("headline")
    if headline:
        header += f'<p class="qikit-headline">{escape(headline)}</p>'
    details = team_details(project)
    if details:
        header += f'<p class="qikit-note">{escape(details)}</p>'
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
        f"{_in_our_words(captions_of(project).caption('problem'))}"
        f"{_paragraphs(problem, words.STORY_NOT_WRITTEN)}"
        + (
            f"<h3>{escape(words.STORY_WHY)}</h3>{_paragraphs(why, words.STORY_NOT_WRITTEN)}"
            if why
            else ""
        )
        + "</section>"
    )


def _story_causes(project: Project) -> str:
    intro, causes = top_causes(project)
    if not causes:
        return f"<p>{escape(intro)}</p>"
    items = "".join(f"<li>{escape(c.text)} {escape(c.extra())}</li>" for c in causes)
    return f"<p>{escape(intro)}</p><ol>{items}</ol>"


def _story_process(project: Project) -> str:
    items = [
        f"<li><strong>{escape(where)}</strong>: {escape(what)}</li>"
        for where, what in process_problems(project)
    ]
    if not items:
        return f"<p>{escape(words.STORY_NO_PROCESS_PROBLEMS)}</p>"
    return f"<ul>{''.join(items)}</ul>"


def _story_measures(project: Project) -> str:
    # Imported here: it draws with matplotlib, which only the pages with charts should load.
    from qikit.render.measures import chart_html, draw_measure, measures_in_order, reading_html

    reading = _in_our_words(captions_of(project).caption("chart_reading"))
    measures = measures_in_order(project)
    if not measures:
        return f"{reading}<p>{escape(words.STORY_NO_MEASURES)}</p>"
    parts = [reading]
    for measure in measures:
        drawing = draw_measure(project, measure, measure.chart)
        parts.append(
            f"<h3>{escape(measure.name)}</h3>{chart_html(drawing, image='svg')}"
            f"{reading_html(drawing)}"
        )
    return "".join(parts)


def _story_changes(project: Project) -> tuple[str, str, str]:
    """Return the changes tested, what was learned and the next steps (HTML)."""
    captions = captions_of(project)
    cycles = story_cycles(project)
    tried = _in_our_words(captions.caption("tried"))
    learned = _in_our_words(captions.caption("learned"))
    steps = latest_next_steps(cycles)
    next_caption = captions.caption("next_steps")
    next_html = _in_our_words(next_caption) + (
        _text_list(steps)
        if steps
        else ("" if next_caption else f"<p>{escape(showcase_words.NO_NEXT_STEPS)}</p>")
    )
    if not cycles:
        return (
            f"{tried}<p>{escape(words.STORY_NO_CHANGES)}</p>",
            f"{learned}<p>{escape(words.STORY_NOTHING_LEARNED)}</p>",
            next_html,
        )
    changes = []
    for cycle in cycles:
        lines = [f"<strong>{escape(cycle.title)}</strong>"]
        if cycle.idea:
            lines.append(escape(words.STORY_IDEA.format(idea=cycle.idea)))
        if cycle.decision:
            lines.append(escape(words.STORY_DECISION.format(decision=cycle.decision)))
        else:
            lines.append(escape(words.STORY_NO_DECISION))
        if cycle.next_step:
            lines.append(escape(words.STORY_NEXT.format(next_step=cycle.next_step)))
        changes.append("<li>" + "<br>".join(lines) + "</li>")
    lines_learned = learned_lines(cycles)
    learned_list = (
        _text_list(lines_learned)
        if lines_learned
        else f"<p>{escape(words.STORY_NOTHING_LEARNED)}</p>"
    )
    return f"{tried}<ol>{''.join(changes)}</ol>", learned + learned_list, next_html


def storyboard_html(project: Project) -> str:
    """Return the team's story so far on one printable page (escaped HTML with print styles).

    Team, aim, problem, the most-voted causes, the problems on the process map, each measure's
    chart and reading, the PDSA cycles and their decisions, what the team learned and its next
    steps — all read from records the team has already written, with the team's own words for
    the showcase (its captions) above the part they are about.
    """
    changes, learned, next_steps = _story_changes(project)
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
        f"<section><h2>{escape(showcase_words.HEADING_NEXT)}</h2>{next_steps}</section>",
    ]
    return f'<div class="qikit-page qikit-storyboard">{PAGE_CSS}{"".join(parts)}</div>'
