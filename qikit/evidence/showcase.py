"""The celebration showcase: each team's story on one A3 page, and a gallery for the event.

:func:`storyboard_page` lays one team's story out on an A3 landscape page (aim, team, the
problem and its most-voted causes, what they tried, the key chart with what the chart rules
found and its plain reading, what they learned, next steps), read from the same functions as the
team page's storyboard (:mod:`qikit.render.storyboard`); where the team wrote its own words
(:class:`~qikit.core.model.ShowcaseCaptions`) they take that part's place. :func:`write_showcase`
writes ``<cohort>/showcase/``: ``<team>.html`` and ``<team>.pdf`` for every team and
``index.html``, the gallery for a big screen.

Why the page fits on one sheet: each part is cut to a word budget sized for its box on the
poster (the full story stays on the team page, and the footer says so), and the printed page
box is fixed at the sheet's size with anything longer cut rather than carried to a second page.
Every piece of text a team typed is escaped. The chart is inline SVG from matplotlib; its lines
differ by marker and line style, so it reads in greyscale.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from qikit.core.model import Project
from qikit.core.progress import measure_signal
from qikit.core.wording import pages as page_words
from qikit.core.wording import showcase as words
from qikit.errors import EvidenceError, QikitError
from qikit.evidence.pdf import print_to_pdf
from qikit.layout import (
    COHORT_FILE,
    COHORT_SCOPE,
    SHOWCASE_FOLDER,
    STORE_FILE,
    TEAMS_FOLDER,
    inside_cohort,
    write_in_cohort,
)
from qikit.render.storyboard import (
    captions_of,
    has_story,
    key_measure,
    latest_next_steps,
    learned_lines,
    story_cycles,
    team_details,
    team_name,
    top_causes,
)
from qikit.render.style import GALLERY_CSS, SHOWCASE_CSS
from qikit.render.text import escape

if TYPE_CHECKING:
    from qikit.render.measures import MeasureChart

__all__ = [
    "GALLERY_FILE",
    "ShowcaseResult",
    "TeamShowcase",
    "gallery_page",
    "storyboard_page",
    "write_showcase",
]

#: The gallery's file name in ``<cohort>/showcase/``.
GALLERY_FILE = "index.html"

# Word budgets (characters) for each part of the A3 page, sized for its box at 15pt type: a
# side column holds about 33 characters a line and 25 lines under its headings; the middle one
# (the chart's) about 55 a line under the chart.
PROBLEM_CHARS = 300
CAUSE_CHARS = 80
CAUSES_SHOWN = 3
TRIED_CHARS = 200
CYCLES_SHOWN = 3
CYCLE_TITLE_CHARS = 40
READING_CHARS = 420
READINGS_SHOWN = 3
LEARNED_CHARS = 220
LEARNED_SHOWN = 2
NEXT_CHARS = 130
HEADLINE_CHARS = 100
AIM_CHARS = 240
TEAM_CHARS = 240


def _clip(text: str, limit: int) -> tuple[str, bool]:
    """Return ``text`` cut at a word to ``limit`` characters at most (ending "…"), and if it was."""
    text = text.strip()
    if len(text) <= limit:
        return text, False
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,.;:") + "…", True


@dataclass
class _Page:
    """One A3 page being put together: whether any part had to be cut to fit."""

    cut: bool = False

    def clipped(self, value: str, limit: int) -> str:
        clipped, was_cut = _clip(value, limit)
        self.cut = self.cut or was_cut
        return clipped

    def text(self, value: str, limit: int) -> str:
        return escape(self.clipped(value, limit))

    def paragraphs(self, value: str, limit: int, css: str = "qikit-text") -> str:
        clipped, was_cut = _clip(value, limit)
        self.cut = self.cut or was_cut
        lines = [line for line in clipped.split("\n") if line.strip()]
        return "".join(f'<p class="{css}">{escape(line)}</p>' for line in lines)

    def items(self, values: Sequence[str], limit: int, shown: int, *, ordered: bool = False) -> str:
        self.cut = self.cut or len(values) > shown
        tag = "ol" if ordered else "ul"
        body = "".join(f"<li>{self.text(v, limit)}</li>" for v in values[:shown])
        return f"<{tag}>{body}</{tag}>"


@dataclass(frozen=True)
class _Story:
    """What one team's page and gallery card are made of, drawn once."""

    slug: str
    name: str
    project: Project
    drawing: MeasureChart | None
    #: What the chart rules found, in a few words ("↓ change (better)"), or "".
    signal: str


def _story(project: Project, slug: str = "") -> _Story:
    measure = key_measure(project)
    if measure is None:
        return _Story(slug, team_name(project) or slug, project, None, "")
    # Imported here: drawing needs matplotlib, which only a page with a chart should load.
    from qikit.render.measures import draw_measure

    drawing = draw_measure(project, measure, measure.chart)
    signal = measure_signal(project, measure).icon if drawing.points else ""
    return _Story(slug, team_name(project) or slug, project, drawing, signal)


# --- the A3 page ---------------------------------------------------------------------------------


def _document(title: str, css: str, body: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>{css}</head><body>{body}</body></html>\n"
    )


def _section(heading: str, body: str) -> str:
    return f"<section><h2>{escape(heading)}</h2>{body}</section>"


def _problem_column(page: _Page, project: Project) -> str:
    caption = captions_of(project).caption("problem")
    charter = project.charter
    problem = caption or (charter.problem if charter is not None else "")
    problem_html = (
        f'<div class="a3-caption">{page.paragraphs(caption, PROBLEM_CHARS)}</div>'
        if caption
        else page.paragraphs(problem, PROBLEM_CHARS)
        if problem.strip()
        else f'<p class="a3-note">{escape(words.NO_PROBLEM)}</p>'
    )
    intro, causes = top_causes(project, CAUSES_SHOWN)
    page.cut = page.cut or len(project.causes_by_votes()) > CAUSES_SHOWN
    causes_html = f"<p>{escape(intro)}</p>"
    if causes:
        lines = [f"{c.text} {c.extra()}" for c in causes]
        causes_html += page.items(lines, CAUSE_CHARS, CAUSES_SHOWN, ordered=True)
    return _section(words.HEADING_PROBLEM, problem_html) + _section(
        words.HEADING_CAUSES, causes_html
    )


def _chart_column(page: _Page, story: _Story) -> str:
    caption = captions_of(story.project).caption("chart_reading")
    drawing = story.drawing
    if drawing is None:
        return _section(words.HEADING_CHART, f'<p class="a3-note">{escape(words.NO_CHART)}</p>')
    # The chart carries the measure's name as its title.
    parts = [] if drawing.figure is not None else [f"<h3>{escape(drawing.measure.name)}</h3>"]
    if drawing.figure is not None:
        parts.append(f'<figure class="a3-figure">{drawing.svg()}</figure>')
    elif drawing.message:
        parts.append(f'<p class="a3-note">{page.text(drawing.message, READING_CHARS)}</p>')
    if story.signal:
        line = words.SIGNAL_LINE.format(icon=story.signal)
        parts.append(f'<p class="a3-signal">{escape(line)}</p>')
    if caption:
        parts.append(f'<div class="a3-caption">{page.paragraphs(caption, READING_CHARS)}</div>')
    elif drawing.reading:
        parts.append(page.items(drawing.reading, READING_CHARS // 2, READINGS_SHOWN))
    return _section(words.HEADING_CHART, "".join(parts))


def _story_column(page: _Page, project: Project) -> str:
    captions = captions_of(project)
    cycles = story_cycles(project)
    tried = captions.caption("tried")
    if tried:
        tried_html = f'<div class="a3-caption">{page.paragraphs(tried, TRIED_CHARS)}</div>'
    elif cycles:
        # The title is cut to fit, never the decision: that is the point of the line.
        titles = [page.clipped(c.title, CYCLE_TITLE_CHARS) for c in cycles]
        lines = [
            words.CYCLE_LINE.format(title=title, decision=c.decision)
            if c.decision
            else words.CYCLE_NO_DECISION.format(title=title)
            for title, c in zip(titles, cycles, strict=True)
        ]
        tried_html = page.items(lines, 2 * CYCLE_TITLE_CHARS, CYCLES_SHOWN, ordered=True)
    else:
        tried_html = f'<p class="a3-note">{escape(page_words.STORY_NO_CHANGES)}</p>'
    learned = captions.caption("learned")
    found = learned_lines(cycles)
    if learned:
        learned_html = f'<div class="a3-caption">{page.paragraphs(learned, LEARNED_CHARS)}</div>'
    elif found:
        learned_html = page.items(found, LEARNED_CHARS // LEARNED_SHOWN, LEARNED_SHOWN)
    else:
        learned_html = f'<p class="a3-note">{escape(page_words.STORY_NOTHING_LEARNED)}</p>'
    next_caption = captions.caption("next_steps")
    steps = latest_next_steps(cycles)
    if next_caption:
        next_html = f'<div class="a3-caption">{page.paragraphs(next_caption, NEXT_CHARS)}</div>'
    elif steps:
        next_html = page.items(steps, NEXT_CHARS // len(steps), len(steps))
    else:
        next_html = f'<p class="a3-note">{escape(words.NO_NEXT_STEPS)}</p>'
    return (
        _section(words.HEADING_TRIED, tried_html)
        + _section(words.HEADING_LEARNED, learned_html)
        + _section(words.HEADING_NEXT, next_html)
    )


def _header(page: _Page, project: Project, name: str) -> str:
    headline = captions_of(project).caption("headline")
    details = team_details(project)
    return (
        f"<header><h1>{escape(words.PAGE_TITLE.format(team=name))}</h1>"
        + (f'<p class="a3-headline">{page.text(headline, HEADLINE_CHARS)}</p>' if headline else "")
        + (f'<p class="a3-team">{page.text(details, TEAM_CHARS)}</p>' if details else "")
        + "</header>"
    )


def _storyboard(story: _Story, cohort: str, *, gallery: bool = False) -> str:
    project = story.project
    page = _Page()
    header = _header(page, project, story.name)
    if gallery:
        back = escape(words.BACK_TO_GALLERY)
        header = f'<p class="a3-back"><a href="{GALLERY_FILE}">{back}</a></p>{header}'
    if not has_story(project):
        body = (
            f'{header}<p class="a3-gathering">{escape(words.STILL_GATHERING)}</p>'
            f"<p>{escape(words.STILL_GATHERING_MORE)}</p>"
        )
    else:
        charter = project.charter
        sentence = charter.aim_sentence() if charter is not None else ""
        aim = page.text(sentence, AIM_CHARS) if sentence else escape(page_words.STORY_NO_AIM)
        columns = (
            f'<div class="a3-col">{_problem_column(page, project)}</div>'
            f'<div class="a3-col">{_chart_column(page, story)}</div>'
            f'<div class="a3-col">{_story_column(page, project)}</div>'
        )
        body = (
            f'{header}<section class="a3-aim"><h2>{escape(words.HEADING_AIM)}</h2>'
            f'<p>{aim}</p></section><div class="a3-grid">{columns}</div>'
        )
    footer_words = [cohort] if cohort else []
    if page.cut:
        footer_words.append(words.MORE_ON_TEAM_PAGE)
    footer = f"<footer>{escape(' · '.join(footer_words))}</footer>" if footer_words else ""
    title = words.PAGE_TITLE.format(team=story.name)
    return _document(title, SHOWCASE_CSS, f'<main class="qikit-a3">{body}{footer}</main>')


def storyboard_page(project: Project, *, cohort: str = "") -> str:
    """Return one team's A3 storyboard as a self-contained HTML page (chart as inline SVG).

    Parameters
    ----------
    project
        The team's project, as the store holds it.
    cohort
        The cohort's name, for the footer ("" leaves it out).
    """
    return _storyboard(_story(project), cohort)


# --- the gallery ---------------------------------------------------------------------------------


def _card(story: _Story, pdf: bool) -> str:
    slug = escape(story.slug)
    name = escape(story.name)
    project = story.project
    charter = project.charter
    aim, _ = _clip(charter.aim_sentence() if charter is not None else "", AIM_CHARS)
    parts = [
        f'<h2><a href="{slug}.html">{name}</a></h2>',
        f'<p class="g-aim">{escape(aim or words.GALLERY_NO_AIM)}</p>',
    ]
    if not has_story(project):
        parts[1] = f'<p class="g-gathering">{escape(words.STILL_GATHERING)}</p>'
    drawing = story.drawing
    if drawing is not None and drawing.figure is not None:
        png = base64.b64encode(drawing.png_bytes()).decode("ascii")
        alt = words.GALLERY_CHART_ALT.format(
            measure=drawing.measure.name, icon=story.signal or words.NO_CHART
        )
        parts.append(f'<img class="g-chart" src="data:image/png;base64,{png}" alt="{escape(alt)}">')
    if pdf:
        label = escape(words.GALLERY_PDF.format(team=story.name))
        parts.append(
            f'<p class="g-pdf"><a href="{slug}.pdf" aria-label="{label}">'
            f"{escape(words.GALLERY_PDF_SHORT)}</a></p>"
        )
    return f'<li class="g-card">{"".join(parts)}</li>'


def _gallery(stories: Sequence[_Story], cohort: str, pdf: bool) -> str:
    title = words.GALLERY_TITLE.format(cohort=cohort) if cohort else words.GALLERY_TITLE_PLAIN
    cards = "".join(_card(s, pdf) for s in stories)
    body = (
        f'<ul class="g-cards">{cards}</ul>'
        if stories
        else f"<p>{escape(words.GALLERY_NO_TEAMS)}</p>"
    )
    main = (
        f'<main class="qikit-gallery"><h1>{escape(title)}</h1>'
        f'<p class="g-intro">{escape(words.GALLERY_INTRO)}</p>{body}</main>'
    )
    return _document(title, GALLERY_CSS, main)


def gallery_page(
    projects: Sequence[tuple[str, Project]], *, cohort: str = "", pdf: bool = True
) -> str:
    """Return the event's gallery: a card for each ``(slug, project)`` linking ``<slug>.html``.

    Each card has the team's name (the link), its aim sentence and its key chart (a picture
    with words for screen readers), and a link to ``<slug>.pdf`` when ``pdf`` is true. The
    teams with a story come first (in the order given), so the event's big screen opens on
    work to celebrate; those still gathering theirs follow.
    """
    ordered = sorted(projects, key=lambda pair: not has_story(pair[1]))
    return _gallery([_story(p, slug) for slug, p in ordered], cohort, pdf)


# --- writing the showcase ------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamShowcase:
    """What was written for one team: its HTML page, its PDF (or why there is none)."""

    slug: str
    name: str
    html: Path
    pdf: Path | None = None
    #: Why the PDF could not be made ("" when it was, or when PDFs were not asked for).
    pdf_error: str = ""
    #: True when the team has little work yet (its page says it is still gathering its story).
    gathering: bool = False


@dataclass(frozen=True)
class ShowcaseResult:
    """What :func:`write_showcase` wrote: the folder, the gallery and each team's pages."""

    folder: Path
    gallery: Path
    teams: tuple[TeamShowcase, ...]
    #: Whether PDFs were asked for.
    pdf: bool

    @property
    def pdf_failures(self) -> tuple[TeamShowcase, ...]:
        """Return the teams whose PDF could not be made (their HTML is there)."""
        return tuple(t for t in self.teams if self.pdf and t.pdf is None)

    def lines(self) -> list[str]:
        """Return what was written, one plain line each (what ``qikit showcase`` prints)."""
        count = len(self.teams)
        teams = "1 team" if count == 1 else f"{count} teams"
        lines = [
            words.WROTE.format(teams=teams, folder=self.folder),
            words.WROTE_GALLERY.format(file=self.gallery.name),
        ]
        for team in self.teams:
            files = [team.html.name] + ([team.pdf.name] if team.pdf is not None else [])
            lines.append(words.WROTE_TEAM.format(team=team.name, files=", ".join(files)))
            if team.pdf_error:
                lines.append(words.PDF_FAILED.format(team=team.name, reason=team.pdf_error))
        if not self.pdf:
            lines.append(words.PDF_SKIPPED)
        return lines


def _check_cohort(cohort_dir: str | os.PathLike[str]) -> Path:
    cohort = Path(cohort_dir).expanduser().resolve()
    if not cohort.is_dir():
        raise EvidenceError(f"There is no folder {cohort}. Give the cohort folder.")
    if not (cohort / STORE_FILE).is_file():
        raise EvidenceError(
            f"{cohort} is not a cohort folder: it has no {STORE_FILE}. Give the folder made by "
            "qikit cohort build."
        )
    return cohort


def _cohort_name(cohort: Path) -> str:
    from qikit.cohort.template import load_template

    try:
        return load_template(cohort / COHORT_FILE).name
    except (QikitError, OSError):
        return cohort.name


def _team_slugs(cohort: Path, store_teams: Sequence[str]) -> list[str]:
    folders = cohort / TEAMS_FOLDER
    found = {p.name for p in folders.iterdir() if p.is_dir()} if folders.is_dir() else set()
    found |= set(store_teams)
    return sorted(s for s in found if s != COHORT_SCOPE and not s.startswith((".", "_")))


def _write(path: Path, text: str) -> None:
    """Write ``text`` beside ``path`` and move it into place: never half a page."""
    write_in_cohort(path.parent, path, text.encode("utf-8"), error=EvidenceError)


def write_showcase(
    cohort_dir: str | os.PathLike[str], *, pdf: bool = True, progress: bool = True
) -> ShowcaseResult:
    """Write every team's A3 storyboard (HTML and PDF) and the gallery into ``<cohort>/showcase/``.

    Parameters
    ----------
    cohort_dir
        The cohort folder made by ``qikit cohort build`` (its ``qikit.db`` and ``teams/``).
    pdf
        Also print each storyboard to ``<team>.pdf`` with headless Chromium.
    progress
        Show a progress bar on stderr.

    Returns
    -------
    ShowcaseResult
        What was written. A PDF that cannot be made is reported for its team (its HTML page is
        written first, so it can still be printed from a browser).

    Raises
    ------
    EvidenceError
        Before anything is written, when ``cohort_dir`` is not a cohort folder.
    """
    from tqdm import tqdm

    from qikit.store import open_store
    from qikit.store.records import load_project

    cohort = _check_cohort(cohort_dir)
    name = _cohort_name(cohort)
    with open_store(cohort / STORE_FILE, create=False, read_only=True) as store:
        slugs = _team_slugs(cohort, store.teams())
        projects = [(slug, load_project(store, slug)) for slug in slugs]
    # Teams with a story first (the gallery opens on work to celebrate), then by name.
    projects.sort(
        key=lambda item: (
            not has_story(item[1]),
            (team_name(item[1]) or item[0]).casefold(),
            item[0],
        )
    )
    folder = inside_cohort(cohort, SHOWCASE_FOLDER, error=EvidenceError)
    for slug, _ in projects:  # refused before anything is written
        for written_file in (f"{slug}.html", f"{slug}.html.part", f"{slug}.pdf"):
            inside_cohort(cohort, folder, written_file, error=EvidenceError)
    folder.mkdir(exist_ok=True)
    stories: list[_Story] = []
    written: list[TeamShowcase] = []
    for slug, project in tqdm(
        projects, desc="Showcase", unit="team", disable=not progress, leave=False
    ):
        story = _story(project, slug)
        stories.append(story)
        html_file = folder / f"{slug}.html"
        _write(html_file, _storyboard(story, name, gallery=True))
        pdf_file: Path | None = None
        error = ""
        if pdf:
            try:
                pdf_file = print_to_pdf(html_file, folder / f"{slug}.pdf")
            except EvidenceError as failure:
                error = str(failure)
        written.append(
            TeamShowcase(slug, story.name, html_file, pdf_file, error, not has_story(project))
        )
    gallery = folder / GALLERY_FILE
    _write(gallery, _gallery(stories, name, pdf))
    return ShowcaseResult(folder, gallery, tuple(written), pdf)
