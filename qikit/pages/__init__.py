"""The participant workbooks: one page per stage of the programme, live or as a static copy.

Each notebook in ``workbooks/`` (``01-home.ipynb`` … ``06-storyboard.ipynb``) holds a
``parameters`` cell (``cohort``, ``team``, ``mode``) and one call::

    show_stage("charter", cohort=cohort, team=team, mode=mode)

Everything else lives here, so it can be tested without a kernel (:func:`stage_view` returns
what :func:`show_stage` displays).

Two modes:

- ``"app"`` — the page a participant uses in Voilà: live tools that save every change, under a
  "Your name" box whose value signs the history of every change made from this page. The name
  is remembered for this visit (in the kernel) and saved nowhere else; it starts as the
  operating-system user (:func:`qikit.store.default_author`).
- ``"review"`` — what papermill runs for a mentor: static HTML only, drawn by the tools'
  ``render_static`` functions, so the executed notebook (or its HTML export) reads anywhere
  without a kernel.

Why it is built this way:

- **A participant never sees a traceback.** Anything that goes wrong while a page is built —
  a missing store, a team that is not in it, a bug — is caught; the page says so plainly with a
  reference such as ``QK-7F3K9Q`` and the full traceback goes to ``<cohort>/logs/errors.log``
  under that reference, for the mentor or the QI lead.
- **Nothing heavy before it is needed.** ipywidgets is imported only for ``mode="app"`` and
  matplotlib only for pages with charts (measuring, storyboard), so a mentor's review of a
  charter page starts fast.
- **The store is opened, never created**, from a page: a wrong cohort path must not leave an
  empty ``qikit.db`` behind.
- **Links between pages are relative** (``02-charter.ipynb``), so they work wherever the team's
  folder is served (``/voila/render/teams/<slug>/…``) or copied.
"""

from __future__ import annotations

import datetime as dt
import secrets
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qikit.core.model import (
    MAX_SHORT_TEXT,
    Feedback,
    FeedbackTopic,
    Project,
    RecordKind,
    StepProblem,
)
from qikit.core.wording import dashboard as comment_words
from qikit.core.wording import process_map as process_map_words
from qikit.errors import PageError, QikitError
from qikit.layout import LOG_FILE, LOG_FOLDER, STORE_FILE
from qikit.render.text import date_words, escape

__all__ = [
    "MENTOR_NOTEBOOKS",
    "MODES",
    "NOTEBOOKS",
    "STAGES",
    "PageError",
    "StageProgress",
    "failure_html",
    "home_html",
    "mentor_dashboard_view",
    "mentor_feedback",
    "new_reference",
    "progress",
    "report_failure",
    "review_html",
    "show_mentor_dashboard",
    "show_stage",
    "stage_view",
    "storyboard_html",
]

#: The stages of the programme, in order; each has one workbook.
STAGES: tuple[str, ...] = (
    "home",
    "charter",
    "understanding",
    "measuring",
    "changing",
    "storyboard",
)
MODES: tuple[str, ...] = ("app", "review")
#: The workbook of each stage (the cohort build copies these into every team's folder).
NOTEBOOKS: dict[str, str] = {
    "home": "01-home.ipynb",
    "charter": "02-charter.ipynb",
    "understanding": "03-understanding.ipynb",
    "measuring": "04-measuring.ipynb",
    "changing": "05-changing.ipynb",
    "storyboard": "06-storyboard.ipynb",
}
#: The mentors' workbooks (copied into ``<cohort>/mentors/`` by the cohort build).
MENTOR_NOTEBOOKS: dict[str, str] = {"dashboard": "mentor_dashboard.ipynb"}
#: The tools whose comments ("Your mentor says…") are shown on each stage's page, in order.
STAGE_TOPICS: dict[str, tuple[FeedbackTopic, ...]] = {
    "charter": (FeedbackTopic.CHARTER,),
    "understanding": (FeedbackTopic.FISHBONE, FeedbackTopic.PROCESS_MAP),
    "measuring": (FeedbackTopic.MEASURES,),
    "changing": (FeedbackTopic.DRIVER_DIAGRAM, FeedbackTopic.PDSA),
}
#: How many comments from the mentor the team page shows (newest first).
FEEDBACK_SHOWN = 5
#: What "done" means for the progress list.
MIN_CAUSES = 3
MIN_STEPS = 1
#: How many causes the storyboard lists (most votes first).
TOP_CAUSES = 5
# Reference ids avoid letters and digits that are easy to confuse when read out (0/O, 1/I).
_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

# -- words on the screen ------------------------------------------------------------------------
# Kept together so they can be reviewed for reading level (and one day translated).

STAGE_NAMES: dict[str, str] = {
    "home": "Your team page",
    "charter": "Charter and aim",
    "understanding": "Understanding the problem",
    "measuring": "Measures and run charts",
    "changing": "Testing changes",
    "storyboard": "Storyboard",
}
STAGE_PURPOSES: dict[str, str] = {
    "home": "Your team, how far you have got, and comments from your mentor.",
    "charter": "Say what the problem is and what you want to achieve.",
    "understanding": "Find the causes (fishbone) and draw the steps of the work (process map).",
    "measuring": "Count or time what matters, week by week, and see it on a chart.",
    "changing": "Plan your changes (driver diagram) and test them in small steps (PDSA log).",
    "storyboard": "Your project so far on one page, ready to print or share.",
}
NO_TEAM = "This page belongs to a team. Open it from your cohort's home page."
UNKNOWN_STAGE = "This page is not set up properly, so it cannot be shown. Tell your mentor."
FAILURE = (
    "Something went wrong on this page. Your work is safe. Tell your mentor and give them this "
    "reference: {reference}"
)
BACK_HOME = "← Back to your team page"
REVIEW_NOTE = "{team}: {stage}. A read-only copy for your mentor."
NAME_LABEL = "Your name"
NAME_PLACEHOLDER = "Type your first name, for example Ana"
NAME_HELP = (
    "Your name is shown next to each change you make on this page, so your team can see who "
    "did what. It is not saved anywhere else."
)
TEAM_HEADING = "Your team"
NO_MEMBERS = "No team members are listed yet. Your mentor can add them."
MENTOR = "Your mentor: {mentor}"
NO_MENTOR = "Your mentor's name is not listed yet."
PROGRESS_HEADING = "How far you have got"
DONE = "Done"
NOT_YET = "Not yet"
MARK_DONE = "✓"
MARK_NOT_YET = "○"
PROGRESS_KEY = "✓ means done, ○ means not done yet."
FEEDBACK_HEADING = "Comments from your mentor"
NO_FEEDBACK = "No comments from your mentor yet."
UNREAD = comment_words.UNREAD
READ = comment_words.READ
FEEDBACK_FROM = "From {author}, {date}, about {topic}."
OLDER_FEEDBACK = "There are {count} older comments."
MARK_READ_BUTTON = "I have read these comments"
MARKED_READ = "Thank you. The comments are marked as read."
PAGES_HEADING = "Your pages"
# The same words as the mentor's comments and the process map use, from their one place.
TOPIC_WORDS: dict[FeedbackTopic, str] = {
    FeedbackTopic(topic): words for topic, words in comment_words.TOPIC_WORDS.items()
}
PROBLEM_WORDS: dict[StepProblem, str] = {
    problem: words.removeprefix("⚠ ")
    for problem, words in process_map_words.PROBLEM_CHOICES.items()
}
STORY_TITLE = "{team}: our improvement story"
STORY_TEAM = "Team: {members}."
STORY_MENTOR = "Mentor: {mentor}"
STORY_AIM = "Our aim"
STORY_NO_AIM = "We have not written our aim yet."
STORY_PROBLEM = "The problem"
STORY_WHY = "Why it matters"
STORY_NOT_WRITTEN = "Not written yet."
STORY_CAUSES = "What we think causes it"
STORY_CAUSES_INTRO = "The causes our team voted for most:"
STORY_CAUSES_UNVOTED = "Some of the causes we found (we have not voted yet):"
STORY_NO_CAUSES = "We have not written down any causes yet."
STORY_VOTES = "{count} votes"
STORY_ONE_VOTE = "1 vote"
STORY_PROCESS = "Where the work goes wrong"
STORY_NO_PROCESS_PROBLEMS = "We have not marked any problems on our process map yet."
STORY_STEP = "Step {number}, “{step}”"
STORY_MEASURES = "What we measured"
STORY_NO_MEASURES = "We have not added a measure yet."
STORY_CHANGES = "The changes we tested"
STORY_NO_CHANGES = "We have not tested a change yet."
STORY_IDEA = "Change idea: {idea}"
STORY_DECISION = "What we decided: {decision}"
STORY_NO_DECISION = "We have not decided yet what to do next."
STORY_NEXT = "Next: {next_step}"
STORY_LEARNED = "What we learned"
STORY_NOTHING_LEARNED = "We will write what we learn when we study our first test."
STORY_RESULT = "From “{title}”: {result}"
STORY_SURPRISE = "A surprise: {surprise}"

#: Styles for every page: big text, strong contrast, a visible focus; no colour carries meaning.
PAGE_CSS = """<style>
.qikit-page { font-size: 18px; line-height: 1.5; color: #1a1a1a; max-width: 60rem; }
.qikit-page h1 { font-size: 2rem; margin: 0.5rem 0; }
.qikit-page h2 { font-size: 1.5rem; margin: 1.25rem 0 0.5rem; }
.qikit-page h3 { font-size: 1.25rem; margin: 1rem 0 0.25rem; }
.qikit-page a { color: #0b5cad; text-decoration: underline; }
.qikit-page a:focus-visible { outline: 3px solid #0b5cad; outline-offset: 2px; }
.qikit-page .qikit-nav { list-style: none; padding: 0; }
.qikit-page .qikit-nav li { margin: 0.5rem 0; }
.qikit-page .qikit-nav a { font-size: 1.2rem; font-weight: 600; }
.qikit-page .qikit-progress { list-style: none; padding: 0; }
.qikit-page .qikit-progress li { margin: 0.4rem 0; }
.qikit-page .qikit-mark { display: inline-block; width: 1.5em; font-weight: 700; }
.qikit-page .qikit-feedback { border: 2px solid #4c6272; border-radius: 6px; padding: 0.5rem 1rem;
  margin: 0.5rem 0; }
.qikit-page .qikit-feedback-text { white-space: pre-wrap; }
.qikit-page .qikit-unread { font-weight: 700; }
.qikit-page .qikit-note { color: #3d3d3d; }
.qikit-page .qikit-message { font-size: 1.25rem; border: 3px solid #1a1a1a; border-radius: 6px;
  padding: 1rem; }
.qikit-page svg { max-width: 100%; height: auto; }
.qikit-page table { border-collapse: collapse; }
.qikit-page td, .qikit-page th { border: 1px solid #4c6272; padding: 0.25rem 0.5rem; }
</style>"""

#: The storyboard's extra styles: sections that do not split across printed pages, no page
#: furniture (Voilà's prompts, links' colours) on paper.
STORYBOARD_CSS = """<style>
.qikit-storyboard section { margin-bottom: 1.25rem; }
.qikit-storyboard .qikit-aim { font-size: 1.35rem; font-weight: 600; }
.qikit-storyboard p.qikit-text { white-space: pre-wrap; }
@media print {
  @page { margin: 15mm; }
  body { background: #fff !important; }
  .qikit-storyboard { font-size: 12pt; max-width: none; color: #000; }
  .qikit-storyboard h1 { font-size: 20pt; }
  .qikit-storyboard h2 { font-size: 15pt; break-after: avoid; page-break-after: avoid; }
  .qikit-storyboard section, .qikit-storyboard .qikit-figure, .qikit-storyboard li {
    break-inside: avoid; page-break-inside: avoid; }
  .qikit-storyboard svg, .qikit-storyboard img { max-width: 100% !important; }
  .qikit-storyboard a { color: #000; text-decoration: none; }
  .qikit-noprint, .jp-InputArea, .jp-OutputPrompt, .jp-InputPrompt { display: none !important; }
}
</style>"""


def _paragraphs(value: str, empty: str) -> str:
    parts = [p for p in value.split("\n") if p.strip()]
    if not parts:
        return f'<p class="qikit-note">{escape(empty)}</p>'
    return "".join(f'<p class="qikit-text">{escape(p)}</p>' for p in parts)


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _link(stage: str, label: str | None = None) -> str:
    return f'<a href="{escape(NOTEBOOKS[stage])}">{escape(label or STAGE_NAMES[stage])}</a>'


# -- progress -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StageProgress:
    """One line of the progress list: which page, what to do, whether it is done, in words."""

    stage: str
    task: str
    done: bool
    words: str

    @property
    def mark(self) -> str:
        """Return ✓ when done and ○ when not (always shown beside the words, never alone)."""
        return MARK_DONE if self.done else MARK_NOT_YET


def progress(project: Project) -> tuple[StageProgress, ...]:
    """Return how far the team has got, one line per step of the programme, from its records."""
    charter = project.charter
    missing = charter.missing_aim_parts() if charter is not None else ()
    if charter is None or len(missing) == len(charter.AIM_QUESTIONS):
        aim = StageProgress("charter", "Write your aim", False, "Write your problem and aim.")
    elif missing:
        aim = StageProgress(
            "charter", "Write your aim", False, "Your aim still needs: " + " ".join(missing)
        )
    else:
        aim = StageProgress("charter", "Write your aim", True, "Your aim has all four parts.")

    causes = len(project.causes)
    cause_words = f"You have found {_plural(causes, 'possible cause', 'possible causes')}."
    if causes < MIN_CAUSES:
        cause_words += f" Find at least {MIN_CAUSES}."
    steps = len(project.steps)
    step_words = (
        f"Your process map has {_plural(steps, 'step', 'steps')}."
        if steps >= MIN_STEPS
        else "Draw the steps of your work."
    )

    measured = [m for m in project.measures if project.points_of(m.record_id)]
    if measured:
        first = measured[0]
        readings = _plural(len(project.points_of(first.record_id)), "reading", "readings")
        measure_words = f"“{first.name}” has {readings}."
    else:
        measure_words = "Add a measure and its first reading."

    cycles = len(project.pdsa_cycles)
    cycle_words = (
        f"You have started {_plural(cycles, 'small test', 'small tests')} (PDSA cycles)."
        if cycles
        else "Start your first small test (a PDSA cycle: Plan, Do, Study, Act)."
    )
    decided = any(c.decision is not None for c in project.pdsa_cycles)
    story_words = (
        "Your storyboard is ready to share."
        if decided
        else "Your storyboard fills in as you go. It is ready when a test has a decision."
    )
    return (
        aim,
        StageProgress("understanding", "Find the causes", causes >= MIN_CAUSES, cause_words),
        StageProgress("understanding", "Map the process", steps >= MIN_STEPS, step_words),
        StageProgress("measuring", "Measure it", bool(measured), measure_words),
        StageProgress("changing", "Test a change", cycles > 0, cycle_words),
        StageProgress("storyboard", "Tell your story", decided, story_words),
    )


# -- the team page ------------------------------------------------------------------------------


def mentor_feedback(project: Project) -> tuple[Feedback, ...]:
    """Return the comments from the mentor, newest first."""
    chosen = [f for f in project.feedback if f.from_mentor]
    return tuple(sorted(chosen, key=lambda f: (f.at, f.record_id), reverse=True))


def _feedback_date(item: Feedback) -> str:
    try:
        moment = dt.datetime.fromisoformat(item.at.replace("Z", "+00:00"))
    except ValueError:
        return item.at
    return date_words(moment.date())


def _replied_words(count: int) -> str:
    from qikit.core.wording import dashboard as words

    return words.REPLY_COUNT_ONE if count == 1 else words.REPLY_COUNT_MANY.format(count=count)


def _feedback_html(project: Project) -> str:
    items = mentor_feedback(project)
    if not items:
        return f"<p>{escape(NO_FEEDBACK)}</p>"
    parts = []
    for item in items[:FEEDBACK_SHOWN]:
        state = (
            f'<p class="qikit-unread">{escape(UNREAD)}</p>'
            if not item.read
            else f'<p class="qikit-note">{escape(READ)}</p>'
        )
        about = FEEDBACK_FROM.format(
            author=item.author, date=_feedback_date(item), topic=TOPIC_WORDS[item.about]
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
        older = OLDER_FEEDBACK.format(count=len(items) - FEEDBACK_SHOWN)
        parts.append(f'<p class="qikit-note">{escape(older)}</p>')
    return "".join(parts)


def home_html(project: Project) -> str:
    """Return the team page as escaped HTML: team, progress, mentor's comments, links."""
    team = project.team
    name = team.name if team is not None else ""
    parts = [f"<h1>{escape(name)}</h1>"]
    if team is not None and team.department.strip():
        parts.append(f'<p class="qikit-note">{escape(team.department)}</p>')
    parts.append(f"<h2>{escape(TEAM_HEADING)}</h2>")
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
        parts.append(f"<p>{escape(NO_MEMBERS)}</p>")
    mentor = team.mentor.strip() if team is not None else ""
    parts.append(f"<p>{escape(MENTOR.format(mentor=mentor) if mentor else NO_MENTOR)}</p>")

    parts.append(f"<h2>{escape(PROGRESS_HEADING)}</h2>")
    lines = "".join(
        f'<li><span class="qikit-mark" aria-hidden="true">{p.mark}</span> '
        f"<strong>{escape(DONE if p.done else NOT_YET)}:</strong> {_link(p.stage, p.task)}. "
        f"{escape(p.words)}</li>"
        for p in progress(project)
    )
    parts.append(f'<ul class="qikit-progress">{lines}</ul>')
    parts.append(f'<p class="qikit-note">{escape(PROGRESS_KEY)}</p>')

    parts.append(f"<h2>{escape(FEEDBACK_HEADING)}</h2>{_feedback_html(project)}")

    links = "".join(
        f"<li>{_link(stage)}<br>{escape(STAGE_PURPOSES[stage])}</li>"
        for stage in STAGES
        if stage != "home"
    )
    parts.append(f'<h2>{escape(PAGES_HEADING)}</h2><ul class="qikit-nav">{links}</ul>')
    return "".join(parts)


# -- the storyboard -----------------------------------------------------------------------------


def _story_causes(project: Project) -> str:
    if not project.causes:
        return f"<p>{escape(STORY_NO_CAUSES)}</p>"
    ranked = project.causes_by_votes()
    voted = [c for c in ranked if c.votes]
    chosen = (voted or list(ranked))[:TOP_CAUSES]
    items = []
    for cause in chosen:
        votes = len(cause.votes)
        count = STORY_ONE_VOTE if votes == 1 else STORY_VOTES.format(count=votes)
        extra = f" ({escape(cause.category)}, {count})" if voted else f" ({escape(cause.category)})"
        items.append(f"<li>{escape(cause.text)}{extra}</li>")
    intro = STORY_CAUSES_INTRO if voted else STORY_CAUSES_UNVOTED
    return f"<p>{escape(intro)}</p><ol>{''.join(items)}</ol>"


def _story_process(project: Project) -> str:
    steps = project.steps_in_order()
    items = []
    for number, step in enumerate(steps, start=1):
        if step.problem is None:
            continue
        where = STORY_STEP.format(number=number, step=" ".join(step.text.split()))
        note = f" {escape(step.problem_note)}" if step.problem_note.strip() else ""
        items.append(
            f"<li><strong>{escape(where)}</strong>: "
            f"{escape(PROBLEM_WORDS[step.problem])}.{note}</li>"
        )
    if not items:
        return f"<p>{escape(STORY_NO_PROCESS_PROBLEMS)}</p>"
    return f"<ul>{''.join(items)}</ul>"


def _story_measures(project: Project) -> str:
    # Imported here: it draws with matplotlib, which only the pages with charts should load.
    from qikit.render.measures import chart_html, draw_measure, measures_in_order, reading_html

    measures = measures_in_order(project)
    if not measures:
        return f"<p>{escape(STORY_NO_MEASURES)}</p>"
    parts = []
    for measure in measures:
        drawing = draw_measure(project, measure, measure.chart)
        parts.append(
            f"<h3>{escape(measure.name)}</h3>{chart_html(drawing, image='svg')}"
            f"{reading_html(drawing)}"
        )
    return "".join(parts)


def _story_changes(project: Project) -> tuple[str, str]:
    from qikit.core.wording import pdsa as pdsa_words
    from qikit.render.pdsa import cycles_in_order

    cycles = cycles_in_order(project.pdsa_cycles)
    if not cycles:
        return f"<p>{escape(STORY_NO_CHANGES)}</p>", f"<p>{escape(STORY_NOTHING_LEARNED)}</p>"
    ideas = {i.record_id: i.text for i in project.change_ideas}
    changes = []
    learned = []
    for cycle in cycles:
        title = " ".join(cycle.title.split()) or pdsa_words.UNTITLED
        lines = [f"<strong>{escape(title)}</strong>"]
        idea = ideas.get(cycle.change_idea_id or "")
        if idea:
            lines.append(escape(STORY_IDEA.format(idea=idea)))
        if cycle.decision is not None:
            decision = pdsa_words.DECISION_WORDS[cycle.decision.value]
            lines.append(escape(STORY_DECISION.format(decision=decision)))
        else:
            lines.append(escape(STORY_NO_DECISION))
        if cycle.next_step.strip():
            lines.append(escape(STORY_NEXT.format(next_step=cycle.next_step)))
        changes.append("<li>" + "<br>".join(lines) + "</li>")
        if cycle.result_vs_prediction.strip():
            result = STORY_RESULT.format(title=title, result=cycle.result_vs_prediction)
            learned.append(f'<li class="qikit-text">{escape(result)}</li>')
        if cycle.surprises.strip():
            surprise = STORY_SURPRISE.format(surprise=cycle.surprises)
            learned.append(f'<li class="qikit-text">{escape(surprise)}</li>')
    learned_html = (
        f"<ul>{''.join(learned)}</ul>" if learned else f"<p>{escape(STORY_NOTHING_LEARNED)}</p>"
    )
    return f"<ol>{''.join(changes)}</ol>", learned_html


def storyboard_html(project: Project) -> str:
    """Return the team's story so far on one printable page (escaped HTML with print styles).

    Team, aim, problem, the most-voted causes, the problems on the process map, each measure's
    chart and reading, the PDSA cycles and their decisions, and what the team learned — all
    read from records the team has already written (the storyboard asks for nothing new).
    """
    team = project.team
    charter = project.charter
    name = team.name if team is not None else ""
    parts = [STORYBOARD_CSS, f"<header><h1>{escape(STORY_TITLE.format(team=name))}</h1>"]
    if team is not None:
        details = [team.department] if team.department.strip() else []
        if team.members:
            members = ", ".join(m.display_name for m in team.members)
            details.append(STORY_TEAM.format(members=members).rstrip("."))
        if team.mentor.strip():
            details.append(STORY_MENTOR.format(mentor=team.mentor))
        if details:
            parts.append(f'<p class="qikit-note">{escape(". ".join(details))}.</p>')
    parts.append("</header>")

    sentence = charter.aim_sentence() if charter is not None else ""
    aim = (
        f'<p class="qikit-aim">{escape(sentence)}</p>'
        if sentence
        else f'<p class="qikit-note">{escape(STORY_NO_AIM)}</p>'
    )
    parts.append(f"<section><h2>{escape(STORY_AIM)}</h2>{aim}</section>")
    problem = charter.problem if charter is not None else ""
    why = charter.why_it_matters if charter is not None else ""
    parts.append(
        f"<section><h2>{escape(STORY_PROBLEM)}</h2>{_paragraphs(problem, STORY_NOT_WRITTEN)}"
        + (f"<h3>{escape(STORY_WHY)}</h3>{_paragraphs(why, STORY_NOT_WRITTEN)}" if why else "")
        + "</section>"
    )
    parts.append(f"<section><h2>{escape(STORY_CAUSES)}</h2>{_story_causes(project)}</section>")
    parts.append(f"<section><h2>{escape(STORY_PROCESS)}</h2>{_story_process(project)}</section>")
    parts.append(
        f'<section class="qikit-story-measures"><h2>{escape(STORY_MEASURES)}</h2>'
        f"{_story_measures(project)}</section>"
    )
    changes, learned = _story_changes(project)
    parts.append(f"<section><h2>{escape(STORY_CHANGES)}</h2>{changes}</section>")
    parts.append(f"<section><h2>{escape(STORY_LEARNED)}</h2>{learned}</section>")
    return f'<div class="qikit-page qikit-storyboard">{PAGE_CSS}{"".join(parts)}</div>'


# -- the mentor's static copy -------------------------------------------------------------------


def _static_parts(stage: str, project: Project) -> list[str]:
    # Each renderer is imported only for its own page (the measures page loads matplotlib).
    if stage == "home":
        return [home_html(project)]
    if stage == "charter":
        from qikit.render import charter

        return [charter.render_static(project)]
    if stage == "understanding":
        from qikit.render import fishbone, process_map

        return [fishbone.render_static(project), process_map.render_static(project)]
    if stage == "measuring":
        from qikit.render import measures

        return [measures.render_static(project)]
    if stage == "changing":
        from qikit.render import driver_diagram, pdsa

        return [driver_diagram.render_static(project), pdsa.render_static(project)]
    raise ValueError(f"unknown stage {stage!r}")  # pragma: no cover - checked by the caller


def _static_feedback(stage: str, project: Project) -> str:
    """Return "Your mentor says…" with the comments on the stage's tools ("" when none)."""
    from qikit.core.progress import feedback_threads
    from qikit.core.wording import dashboard as words
    from qikit.render.dashboard import DASHBOARD_CSS, feedback_html

    shown = "".join(
        feedback_html(feedback_threads(project.feedback, topic))
        for topic in STAGE_TOPICS.get(stage, ())
    )
    return f"{DASHBOARD_CSS}<h2>{escape(words.MENTOR_SAYS)}</h2>{shown}" if shown else ""


def review_html(stage: str, project: Project) -> str:
    """Return the static page of ``stage`` for a mentor: readable with no kernel, no widgets."""
    if stage == "storyboard":
        return storyboard_html(project)
    name = project.team.name if project.team is not None else ""
    note = REVIEW_NOTE.format(team=name, stage=STAGE_NAMES[stage])
    header = f'<p class="qikit-note">{escape(note)}</p>'
    if stage != "home":
        header += f"<p>{_link('home', BACK_HOME)}</p>"
    body = _static_feedback(stage, project) + "".join(_static_parts(stage, project))
    return f'<div class="qikit-page">{PAGE_CSS}{header}{body}</div>'


# -- failures -----------------------------------------------------------------------------------


def new_reference() -> str:
    """Return a new reference for a failure, such as ``QK-7F3K9Q`` (easy to read out)."""
    return "QK-" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(6))


def _log_paths(cohort: str) -> list[Path]:
    paths = []
    folder = Path(cohort).expanduser() if cohort else None
    if folder is not None and folder.is_dir():
        paths.append(folder / LOG_FOLDER / LOG_FILE)
    # When the cohort folder itself is missing, do not create it: log beside the temp files.
    import tempfile

    paths.append(Path(tempfile.gettempdir()) / "qikit-logs" / LOG_FILE)
    return paths


def report_failure(
    error: BaseException, *, cohort: str, stage: str, mode: str, team: str
) -> tuple[str, Path | None]:
    """Return a new reference and the log file where the traceback of ``error`` was written.

    The log is ``<cohort>/logs/errors.log`` (the folder is created), or a ``qikit-logs`` folder
    in the temporary directory when the cohort folder does not exist. Never raises: when no log
    can be written the path is None and the page still shows the reference.
    """
    reference = new_reference()
    when = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    entry = (
        f"=== {when} {reference} stage={stage!r} mode={mode!r} team={team!r} "
        f"cohort={cohort!r}\n{details}\n"
    )
    for path in _log_paths(cohort):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # One write of the whole entry: kernels of several pages may append at once.
            with path.open("a", encoding="utf-8") as log:
                log.write(entry)
        except Exception:  # a log we cannot write must not break the page: try the next
            continue
        return reference, path
    return reference, None


def _message_html(message: str, *, alert: bool = False) -> str:
    role = ' role="alert"' if alert else ""
    return (
        f'<div class="qikit-page">{PAGE_CSS}<p class="qikit-message"{role}>{escape(message)}</p>'
        "</div>"
    )


def failure_html(reference: str) -> str:
    """Return the plain message shown instead of a page that failed."""
    return _message_html(FAILURE.format(reference=reference), alert=True)


# -- building a page ----------------------------------------------------------------------------

# The name typed in the "Your name" box, kept for the rest of this visit (this kernel) only.
_visit_author: str | None = None


def _open_project(cohort: str, team: str) -> tuple[Any, Project]:
    from qikit.store import open_store
    from qikit.store.records import load_project

    path = Path(cohort).expanduser() / STORE_FILE
    store = open_store(path, create=False)
    try:
        project = load_project(store, team)
        if project.team is None:
            raise PageError(f"The store {path} has no team “{team}”.")
    except BaseException:
        store.close()
        raise
    return store, project


def stage_view(
    stage: str,
    *,
    cohort: str,
    team: str,
    mode: str = "app",
    author: str | None = None,
) -> Any:
    """Return what the page of ``stage`` shows: HTML text, or a widget in ``mode="app"``.

    A plain message (HTML) replaces the page when it has no team (``cohort`` or ``team`` empty),
    when ``stage`` or ``mode`` is unknown, and when anything fails — then with a reference whose
    traceback is in the cohort's error log. Never raises.
    """
    try:
        if stage not in STAGES or mode not in MODES:
            return _message_html(UNKNOWN_STAGE)
        if not str(cohort or "").strip() or not str(team or "").strip():
            return _message_html(NO_TEAM)
        store, project = _open_project(str(cohort), str(team))
        if mode == "review" or stage == "storyboard":
            # The storyboard is the same static page in both modes: there is nothing to edit.
            try:
                return review_html(stage, project) if mode == "review" else _storyboard_app(project)
            finally:
                store.close()
        try:
            return _app_view(stage, store, project, author)
        except BaseException:
            store.close()  # the live tools keep the store open; a failed page must not
            raise
    except Exception as error:
        reference, _ = report_failure(
            error, cohort=str(cohort), stage=str(stage), mode=str(mode), team=str(team)
        )
        return failure_html(reference)


def show_stage(
    stage: str,
    *,
    cohort: str,
    team: str,
    mode: str = "app",
    author: str | None = None,
) -> None:
    """Display the page of ``stage`` for ``team`` of the cohort in folder ``cohort``.

    ``mode="app"``: live tools for Voilà; ``mode="review"``: static HTML for a mentor.
    ``author`` is the first value of the "Your name" box (default: the name typed earlier in
    this visit, else the operating-system user). Never raises and never shows a traceback.
    """
    from IPython.display import HTML, display

    try:
        view = stage_view(stage, cohort=cohort, team=team, mode=mode, author=author)
        display(HTML(view) if isinstance(view, str) else view)
    except Exception as error:
        reference, _ = report_failure(
            error, cohort=str(cohort), stage=str(stage), mode=str(mode), team=str(team)
        )
        display(HTML(failure_html(reference)))


def _storyboard_app(project: Project) -> str:
    return storyboard_html(project) + (f'<p class="qikit-noprint">{_link("home", BACK_HOME)}</p>')


def _clean_author(name: object) -> str | None:
    if not isinstance(name, str):
        return None
    cleaned = " ".join(name.split())[:MAX_SHORT_TEXT]
    try:
        cleaned.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return cleaned or None


def _app_view(stage: str, store: Any, project: Project, author: str | None) -> Any:
    """Return the live page: heading, "Your name" box, then the stage's tools."""
    import ipywidgets as widgets

    from qikit.store import default_author
    from qikit.widgets.base import FULL_WIDTH, QIKIT_CSS, ToolContext, labelled_text

    global _visit_author
    typed = _clean_author(author) or _visit_author
    # Until a name is typed, changes are signed with the computer's user name (issue 3), but the
    # box stays empty: on a served page that name is the server's, not the participant's.
    context = ToolContext(
        store, project.team.slug if project.team else "", typed or default_author()
    )

    name_box = labelled_text(NAME_LABEL, typed or "", placeholder=NAME_PLACEHOLDER)
    name_help = widgets.HTML(f'<p class="qikit-note">{escape(NAME_HELP)}</p>')

    def name_changed(change: dict[str, Any]) -> None:
        global _visit_author
        chosen = _clean_author(change["new"])
        if chosen is None:
            context.author = default_author()
            return
        context.author = chosen
        _visit_author = chosen

    name_box.observe(name_changed, names="value")
    header = QIKIT_CSS + PAGE_CSS
    if stage != "home":
        header += f'<div class="qikit-page"><p>{_link("home", BACK_HOME)}</p></div>'
    children: list[Any] = [widgets.HTML(header), name_box, name_help]
    children += list(_STAGE_TOOLS[stage](context, project))
    page = widgets.VBox(children, layout=widgets.Layout(**FULL_WIDTH))
    page.add_class("qikit-tool")
    page.add_class("qikit-page")
    return page


def _home_tools(context: Any, project: Project) -> list[Any]:
    import ipywidgets as widgets

    from qikit.widgets.base import big_button

    body = widgets.HTML(f'<div class="qikit-page">{home_html(project)}</div>')
    status = widgets.HTML()
    unread = [f for f in mentor_feedback(project) if not f.read]
    button = big_button(MARK_READ_BUTTON, style="primary")
    button.layout.display = "" if unread else "none"

    def mark_read(_: object) -> None:
        try:
            for item in unread:
                context.save(RecordKind.FEEDBACK, item.record_id, {"read": True})
            fresh = context.project()
        except QikitError as error:
            status.value = f'<p role="alert">{escape(error)}</p>'
            return
        body.value = f'<div class="qikit-page">{home_html(fresh)}</div>'
        button.layout.display = "none"
        status.value = f'<p role="status">{escape(MARKED_READ)}</p>'

    button.on_click(mark_read)
    from qikit.widgets.feedback import TeamFeedbackWidget

    # The comments are listed above; below them the team can reply (and see its replies).
    replies = TeamFeedbackWidget(context, None, compact=True)
    return [body, button, status, replies.widget]


def _mentor_says(context: Any, topic: FeedbackTopic) -> Any:
    """Return "Your mentor says…" for one tool (hidden while there is no comment on it)."""
    from qikit.widgets.feedback import TeamFeedbackWidget

    return TeamFeedbackWidget(context, topic).widget


def _charter_tools(context: Any, project: Project) -> list[Any]:
    from qikit.widgets.charter import CharterWidget

    return [_mentor_says(context, FeedbackTopic.CHARTER), CharterWidget(context).widget]


def _understanding_tools(context: Any, project: Project) -> list[Any]:
    from qikit.widgets.fishbone import FishboneWidget
    from qikit.widgets.process_map import ProcessMapWidget

    return [
        _mentor_says(context, FeedbackTopic.FISHBONE),
        FishboneWidget(context).widget,
        _mentor_says(context, FeedbackTopic.PROCESS_MAP),
        ProcessMapWidget(context).widget,
    ]


def _measuring_tools(context: Any, project: Project) -> list[Any]:
    from qikit.widgets.measures import MeasuresWidget

    return [_mentor_says(context, FeedbackTopic.MEASURES), MeasuresWidget(context).widget]


def _changing_tools(context: Any, project: Project) -> list[Any]:
    from qikit.widgets.driver_diagram import DriverDiagramWidget
    from qikit.widgets.pdsa import PdsaLogWidget

    log = PdsaLogWidget(context)
    # "Start a PDSA cycle to test this idea" on the diagram opens the new cycle in the log below.
    diagram = DriverDiagramWidget(context, on_start_cycle=log.start_cycle_for)
    return [
        _mentor_says(context, FeedbackTopic.DRIVER_DIAGRAM),
        diagram.widget,
        _mentor_says(context, FeedbackTopic.PDSA),
        log.widget,
    ]


_STAGE_TOOLS: dict[str, Callable[[Any, Project], Sequence[Any]]] = {
    "home": _home_tools,
    "charter": _charter_tools,
    "understanding": _understanding_tools,
    "measuring": _measuring_tools,
    "changing": _changing_tools,
}


# -- the mentors' dashboard ---------------------------------------------------------------------

#: The stage name of the mentors' dashboard in the error log.
MENTOR_STAGE = "mentor"
NO_COHORT = "This page belongs to a cohort. Open it from the mentors' pages."


def _team_href(slug: str) -> str:
    # The dashboard is served from <cohort>/mentors/, each team's pages from <cohort>/teams/.
    return f"../teams/{slug}/{NOTEBOOKS['home']}"


def _cohort_teams(cohort: Path, store: Any) -> list[str]:
    """Return the cohort's teams: its team folders in cohort.yaml order, else the store's."""
    from qikit.cohort.access import read_cohort_listing

    slugs = [slug for slug, _ in read_cohort_listing(cohort).teams]
    return slugs or list(store.teams())


def mentor_dashboard_view(
    *,
    cohort: str,
    mode: str = "app",
    mentor: str | None = None,
    today: dt.date | None = None,
) -> Any:
    """Return the mentors' dashboard of the cohort in folder ``cohort``: a widget in
    ``mode="app"``, static HTML in ``mode="review"``, or a plain message. Never raises."""
    try:
        if mode not in MODES:
            return _message_html(UNKNOWN_STAGE)
        if not str(cohort or "").strip():
            return _message_html(NO_COHORT)
        from qikit.store import open_store

        folder = Path(str(cohort)).expanduser()
        store = open_store(folder / STORE_FILE, create=False)
        try:
            slugs = _cohort_teams(folder, store)
            if mode == "review":
                from qikit.render.dashboard import render_dashboard_html
                from qikit.store.cohort import cohort_rows

                rows = cohort_rows(store, slugs, today or dt.date.today())
                store.close()
                return f'<div class="qikit-page">{PAGE_CSS}{render_dashboard_html(rows)}</div>'
            return _mentor_app(store, slugs, mentor, today)
        except BaseException:
            store.close()
            raise
    except Exception as error:
        reference, _ = report_failure(
            error, cohort=str(cohort), stage=MENTOR_STAGE, mode=str(mode), team=""
        )
        return failure_html(reference)


def _mentor_app(store: Any, slugs: list[str], mentor: str | None, today: dt.date | None) -> Any:
    import ipywidgets as widgets

    from qikit.core.wording import dashboard as words
    from qikit.widgets.base import FULL_WIDTH, labelled_text
    from qikit.widgets.dashboard import DashboardWidget

    typed = _clean_author(mentor) or ""
    dashboard = DashboardWidget(store, slugs, typed, today=today, team_href=_team_href)
    name_box = labelled_text(words.NAME_LABEL, typed, placeholder=words.NAME_PLACEHOLDER)

    def name_changed(change: dict[str, Any]) -> None:
        dashboard.mentor_name = _clean_author(change["new"]) or ""

    name_box.observe(name_changed, names="value")
    page = widgets.VBox([name_box, dashboard.widget], layout=widgets.Layout(**FULL_WIDTH))
    page.add_class("qikit-tool")
    page.add_class("qikit-page")
    return page


def show_mentor_dashboard(*, cohort: str, mode: str = "app", mentor: str | None = None) -> None:
    """Display the mentors' dashboard of the cohort in folder ``cohort`` (see
    :func:`mentor_dashboard_view`). Never raises and never shows a traceback."""
    from IPython.display import HTML, display

    try:
        view = mentor_dashboard_view(cohort=cohort, mode=mode, mentor=mentor)
        display(HTML(view) if isinstance(view, str) else view)
    except Exception as error:
        reference, _ = report_failure(
            error, cohort=str(cohort), stage=MENTOR_STAGE, mode=str(mode), team=""
        )
        display(HTML(failure_html(reference)))
