"""Each team member's evidence pack for the OCN accreditation: a zip of HTML pages and PDFs.

``write_portfolios(cohort, team)`` writes ``<cohort>/portfolio/<team>/<member>.zip`` for every
person on the team's list (``<member>`` is their reflection's id, :meth:`Project.reflection_ids`:
the slug of their name, ``-2`` when two names share one). Each zip holds, as ``.html`` and
``.pdf``:

- ``index``: the cover (who, which team, what is in the pack) and the checklist of the evidence
  an OCN Quality Improvement unit usually asks for, each item with where it is in the pack or
  "Not yet" and what is missing;
- ``charter``, ``tools`` (fishbone, process map, driver diagram, measures with their charts),
  ``pdsa-log`` and ``feedback`` (the mentor's comments and the team's replies): the team's
  shared work, the same in every member's pack, so each is printed once per team;
- ``reflections``: this person's own reflection.

The pages are the static views the mentors already read (:mod:`qikit.render`), on A4 portrait
(``@page``), with closed "details" opened so paper shows everything. Every free text is escaped
by those views or here. A pack is written to a temporary name beside its final one and moved
into place, so a pack is never half written. Without a browser to print with, the HTML is still
packed and :attr:`PortfolioResult.pdf_problem` says how to get the PDFs.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sys
import tempfile
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from tqdm import tqdm

from qikit.cohort.access import read_cohort_listing
from qikit.core.model import Member, Project, Reflection
from qikit.core.progress import feedback_threads
from qikit.core.wording import portfolio as words
from qikit.core.wording import reflection as reflection_words
from qikit.errors import EvidenceError
from qikit.evidence.pdf import find_chromium, pdf_page_count, print_to_pdf
from qikit.layout import PORTFOLIO_FOLDER, STORE_FILE, TEAMS_FOLDER, inside_cohort, store_path
from qikit.render.style import PAGE_CSS
from qikit.render.text import date_words, escape
from qikit.store import open_store
from qikit.store.records import load_project

__all__ = [
    "INDEX",
    "PARTS",
    "ChecklistEntry",
    "PortfolioPack",
    "PortfolioResult",
    "checklist",
    "index_html",
    "part_html",
    "write_portfolios",
]

#: The cover and checklist's file stem.
INDEX = "index"
#: The parts of every pack (file stems), in the order the cover lists them.
PARTS: tuple[str, ...] = tuple(words.PART_TITLES)
#: The parts that are the team's shared work: the same in every member's pack.
TEAM_PARTS: tuple[str, ...] = ("charter", "tools", "pdsa-log", "feedback")

#: A4 portrait and print sizes; the screen keeps the pages' own large text (PAGE_CSS).
PACK_CSS = """<style>
@page { size: A4 portrait; margin: 16mm 15mm; }
.qikit-pack .qikit-pack-header { color: #3d3d3d; border-bottom: 1px solid #4c6272;
  padding-bottom: 0.25rem; }
.qikit-pack .qikit-text { white-space: pre-wrap; }
.qikit-pack .qikit-checklist { width: 100%; }
.qikit-pack .qikit-checklist th { text-align: left; vertical-align: top; }
.qikit-pack .qikit-checklist td { vertical-align: top; }
.qikit-pack .qikit-done { font-weight: 700; white-space: nowrap; width: 4.5em; }
.qikit-pack .qikit-checklist th[scope="row"] { width: 30%; }
.qikit-pack { font-family: Arial, "Liberation Sans", "DejaVu Sans", sans-serif; }
.qikit-pack dt { font-weight: 600; }
.qikit-pack dl.qikit-facts { display: grid; grid-template-columns: max-content 1fr;
  gap: 0.1rem 1rem; }
.qikit-pack dl.qikit-facts dd { margin: 0; }
.qikit-pack details > summary { font-weight: 600; }
/* "New reply" is for the mentor's screen, not for a portfolio. */
.qikit-pack .qikit-unread { display: none; }
@media print {
  body { margin: 0; background: #fff; }
  .qikit-pack { font-size: 11pt; line-height: 1.4; max-width: none; color: #000; }
  .qikit-pack p, .qikit-pack li { max-width: none; }
  .qikit-pack h1 { font-size: 18pt; margin: 0.2rem 0 0.4rem; }
  .qikit-pack h2 { font-size: 14pt; }
  .qikit-pack h3 { font-size: 12.5pt; }
  .qikit-pack h4, .qikit-pack h5 { font-size: 11.5pt; }
  .qikit-pack h1, .qikit-pack h2, .qikit-pack h3, .qikit-pack h4, .qikit-pack h5 {
    break-after: avoid; page-break-after: avoid; }
  /* A tall drawing (a long process map) shrinks to one page instead of running over three. */
  .qikit-pack svg, .qikit-pack img { max-width: 100% !important; max-height: 225mm;
    height: auto; }
  .qikit-pack .qikit-scroll { overflow: visible; }
  .qikit-pack table { font-size: 10pt; }
  .qikit-pack .qikit-checklist { font-size: 9.5pt; line-height: 1.3; }
  .qikit-pack .qikit-checklist td, .qikit-pack .qikit-checklist th { padding: 0.15rem 0.35rem; }
  .qikit-pack tr, .qikit-pack figure, .qikit-pack svg, .qikit-pack dl,
  .qikit-pack .qikit-feedback { break-inside: avoid; page-break-inside: avoid; }
  .qikit-pack .qikit-pack-tool + .qikit-pack-tool { break-before: page; page-break-before: always; }
  .qikit-pack a { color: #000; text-decoration: none; }
}
</style>"""

#: Why there are no PDFs when no browser was found (the HTML pages are packed all the same).
NO_BROWSER = (
    "No Chromium, Chrome or Edge was found to print the PDFs, so the packs hold the web pages "
    "only. Install Chromium (on Debian: apt-get install chromium) or set QIKIT_CHROMIUM to the "
    "browser's path, then run qikit portfolio again."
)

# The static views close long parts (a PDSA cycle's plan, a chart's numbers) under "details":
# paper cannot open them, so the pack opens them. The tag is the views' own markup (free text
# is escaped, so "<details>" never comes from what someone typed).
_CLOSED = re.compile(r"<details>")


@dataclass(frozen=True)
class ChecklistEntry:
    """One piece of evidence the unit asks for: is it there, and where (or what is missing)."""

    item_id: str
    asks: str
    done: bool
    #: Where it is in the pack (done), or what is still missing (not done): plain text.
    where: str
    #: The parts of the pack it is in (file stems), for links.
    parts: tuple[str, ...] = ()


@dataclass(frozen=True)
class PortfolioPack:
    """One person's evidence pack as written."""

    member: str
    slug: str
    path: Path
    #: The file names inside the zip, in order.
    files: tuple[str, ...]
    #: How many pages each PDF has, by file stem (empty when no PDFs were made).
    pdf_pages: Mapping[str, int]
    checklist: tuple[ChecklistEntry, ...]


@dataclass(frozen=True)
class PortfolioResult:
    """The evidence packs of one team, and why the PDFs are missing if they are."""

    team: str
    team_name: str
    folder: Path
    packs: tuple[PortfolioPack, ...]
    pdf: bool
    #: Why the PDFs were not made although they were asked for (None when they were, or were
    #: not asked for).
    pdf_problem: str | None = None

    @property
    def exit_code(self) -> int:
        """0 when every pack is complete, 1 when the PDFs were asked for but not made."""
        return 1 if self.pdf_problem else 0


# -- the checklist ------------------------------------------------------------------------------


def _quoted(texts: Sequence[str], limit: int = 3) -> str:
    shown = [f"“{' '.join(t.split())}”" for t in texts[:limit]]
    more = len(texts) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def checklist(project: Project, member: str, *, pdf: bool = True) -> tuple[ChecklistEntry, ...]:
    """Return the OCN checklist for ``member``: each item with where it is, or what is missing.

    ``pdf`` says whether the pack's parts are PDFs too (the entries name ``charter.pdf``) or
    web pages only (``charter.html``).
    """
    ext = ".pdf" if pdf else ".html"
    file = {part: f"{part}{ext}" for part in PARTS}
    charter = project.charter
    reflection = project.reflection_of(member)
    asks = dict(words.CHECKLIST)
    found: dict[str, tuple[bool, str, tuple[str, ...]]] = {}

    missing = []
    if charter is None or not charter.problem.strip():
        missing.append(words.MISSING["problem_text"])
    if not project.causes:
        missing.append(words.MISSING["causes"])
    causes = words.count_words(len(project.causes), "cause", "causes")
    found["problem"] = (
        not missing,
        "; ".join(missing)
        or words.WHERE["problem"].format(
            charter=file["charter"], causes=causes, tools=file["tools"]
        ),
        ("charter", "tools"),
    )

    sentence = charter.aim_sentence() if charter is not None else ""
    gaps = charter.missing_aim_parts() if charter is not None else ()
    if sentence and not gaps:
        found["aim"] = (
            True,
            words.WHERE["aim"].format(charter=file["charter"], aim=sentence),
            ("charter",),
        )
    else:
        parts = " ".join(gaps) if gaps else "What will improve? By how much? For whom? By when?"
        found["aim"] = (False, words.MISSING["aim"].format(parts=parts), ("charter",))

    which = []
    if project.steps:
        which.append(
            f"{words.PROCESS_MAP} ({words.count_words(len(project.steps), 'step', 'steps')})"
        )
    if project.drivers:
        ideas = words.count_words(len(project.change_ideas), "change idea", "change ideas")
        drivers = words.count_words(len(project.drivers), "driver", "drivers")
        which.append(f"{words.DRIVER_DIAGRAM} ({drivers}, {ideas})")
    found["tools"] = (
        bool(which),
        words.WHERE["tools"].format(tools=file["tools"], which=f" {words.AND} ".join(which))
        if which
        else words.MISSING["tools"],
        ("tools",),
    )

    with_data = [m.name for m in project.measures if project.points_of(m.record_id)]
    found["measure"] = (
        bool(with_data),
        words.WHERE["measure"].format(tools=file["tools"], measures=_quoted(with_data))
        if with_data
        else words.MISSING["measure"],
        ("tools",),
    )

    tested = [c.title or "PDSA cycle" for c in project.pdsa_cycles if c.stage_reached("do")]
    count = words.count_words(len(tested), "PDSA cycle carried out", "PDSA cycles carried out")
    found["test"] = (
        bool(tested),
        words.WHERE["test"].format(pdsa=file["pdsa-log"], tested=f"{count}: {_quoted(tested)}")
        if tested
        else words.MISSING["test"],
        ("pdsa-log",),
    )

    if reflection is None or not reflection.answered():
        found["reflect"] = (
            False,
            words.MISSING["reflect_none"].format(member=member),
            ("reflections",),
        )
    elif reflection.unanswered():
        questions = " ".join(reflection_words.QUESTIONS[k] for k in reflection.unanswered())
        found["reflect"] = (
            False,
            words.MISSING["reflect"].format(member=member, questions=questions),
            ("reflections",),
        )
    else:
        found["reflect"] = (
            True,
            words.WHERE["reflect"].format(reflections=file["reflections"]),
            ("reflections",),
        )

    did = reflection is not None and bool(reflection.role.strip())
    found["team"] = (
        did,
        words.WHERE["team"].format(reflections=file["reflections"])
        if did
        else words.MISSING["team"].format(member=member),
        ("reflections", INDEX),
    )

    threads = feedback_threads(project.feedback)
    replies = sum(len(t.replies) for t in threads)
    if not threads:
        found["feedback"] = (False, words.MISSING["feedback"], ("feedback",))
    elif not replies:
        found["feedback"] = (False, words.MISSING["replies"], ("feedback",))
    else:
        found["feedback"] = (
            True,
            words.WHERE["feedback"].format(
                feedback=file["feedback"],
                comments=words.count_words(len(threads), "comment", "comments"),
                replies=words.count_words(replies, "reply", "replies"),
            ),
            ("feedback",),
        )
    return tuple(
        ChecklistEntry(item_id, asks[item_id], *found[item_id]) for item_id, _ in words.CHECKLIST
    )


# -- the pages ----------------------------------------------------------------------------------


def _document(title: str, header: str, body: str) -> str:
    return (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>{PAGE_CSS}{PACK_CSS}</head><body>"
        f'<main class="qikit-page qikit-pack"><p class="qikit-pack-header">{escape(header)}</p>'
        f"{body}</main></body></html>"
    )


def _team_name(project: Project, slug: str) -> str:
    return project.team.name if project.team is not None else slug


def _member(project: Project, name: str) -> Member:
    members = project.team.members if project.team is not None else ()
    return next((m for m in members if m.display_name == name), Member(name))


def _tools_body(project: Project) -> str:
    from qikit.render import driver_diagram, fishbone, measures, process_map

    views = (
        fishbone.render_static(project),
        process_map.render_static(project),
        driver_diagram.render_static(project),
        measures.render_static(project),
    )
    return "".join(f'<section class="qikit-pack-tool">{view}</section>' for view in views)


def _feedback_body(project: Project) -> str:
    from qikit.render.dashboard import feedback_html

    threads = feedback_threads(project.feedback)
    if not threads:
        return f'<p class="qikit-note">{escape(words.NO_FEEDBACK)}</p>'
    return feedback_html(threads, for_mentor=True)


def _reflection_body(project: Project, member: str) -> str:
    from qikit.render.reflection import reflection_html

    reflection: Reflection | None = project.reflection_of(member)
    if reflection is None:
        return f'<p class="qikit-note">{escape(words.NO_REFLECTION.format(member=member))}</p>'
    return reflection_html(reflection, level=2)


def _charter_body(project: Project) -> str:
    from qikit.render import charter

    team = project.team
    rows = []
    if team is not None:
        members = ", ".join(
            f"{m.display_name} ({m.role})" if m.role.strip() else m.display_name
            for m in team.members
        )
        for label, value in (
            (words.DETAIL_TEAM, team.name),
            (words.DETAIL_DEPARTMENT, team.department),
            ("Members", members),
            (words.DETAIL_MENTOR, team.mentor),
        ):
            if value.strip():
                rows.append(f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>")
    details = f'<dl class="qikit-facts">{"".join(rows)}</dl>' if rows else ""
    return details + charter.render_static(project)


def part_html(part: str, project: Project, member: str, *, team: str = "") -> str:
    """Return one part of ``member``'s pack as a whole HTML page (A4 when printed).

    ``part`` is one of :data:`PARTS`; ``team`` is the team's slug (its name when it has none).
    The team's shared parts (:data:`TEAM_PARTS`) do not name ``member``: they are the same
    page in every member's pack.
    """
    bodies: dict[str, Callable[[], str]] = {
        "charter": lambda: _charter_body(project),
        "tools": lambda: _tools_body(project),
        "pdsa-log": lambda: _pdsa_body(project),
        "reflections": lambda: _reflection_body(project, member),
        "feedback": lambda: _feedback_body(project),
    }
    if part not in bodies:
        raise EvidenceError(
            f"There is no part {part!r} in an evidence pack (parts: {', '.join(PARTS)})."
        )
    title = words.PART_TITLES[part]
    name = _team_name(project, team)
    if part in TEAM_PARTS:
        header, page_title = words.TEAM_PART_HEADER.format(team=name), f"{title} — {name}"
    else:
        header, page_title = (
            words.PART_HEADER.format(member=member, team=name),
            f"{title} — {member}",
        )
    body = _CLOSED.sub("<details open>", bodies[part]())
    return _document(page_title, header, f"<h1>{escape(title)}</h1>{body}")


def _pdsa_body(project: Project) -> str:
    from qikit.render import pdsa

    return pdsa.render_static(project)


def index_html(
    project: Project,
    member: str,
    entries: Sequence[ChecklistEntry],
    *,
    team: str = "",
    cohort: str = "",
    pdf: bool = True,
    links: bool = True,
    today: dt.date | None = None,
) -> str:
    """Return the pack's cover and checklist as a whole HTML page.

    ``links`` makes each part's name a link to its page (off for the PDF, where a link to a
    file in the zip cannot work).
    """
    name = _team_name(project, team)
    person = _member(project, member)
    day = today or dt.date.today()

    def part_name(part: str) -> str:
        label = words.INDEX_TITLE if part == INDEX else words.PART_TITLES[part]
        if not links or part == INDEX:
            return escape(label)
        return f'<a href="{escape(part)}.html">{escape(label)}</a>'

    details = []
    for label, value in (
        (words.DETAIL_ROLE, person.role),
        (words.DETAIL_TEAM, name),
        (words.DETAIL_DEPARTMENT, project.team.department if project.team else ""),
        (words.DETAIL_MENTOR, project.team.mentor if project.team else ""),
        (words.DETAIL_COHORT, cohort),
    ):
        if value.strip():
            details.append(f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>")
    contents = "".join(
        f'<li>{part_name(part)} <span class="qikit-note">({escape(part)}.html'
        + (f", {escape(part)}.pdf" if pdf else "")
        + ")</span></li>"
        for part in PARTS
    )
    rows = "".join(
        f'<tr><th scope="row">{escape(e.asks)}</th>'
        f'<td class="qikit-done">{escape(words.YES if e.done else words.NOT_YET)}</td>'
        f"<td>{escape(e.where if e.done else words.NOT_YET + ': ' + e.where)}"
        + (
            f'<br><span class="qikit-note">{" · ".join(part_name(p) for p in e.parts)}</span>'
            if links
            else ""
        )
        + "</td></tr>"
        for e in entries
    )
    intro = words.COVER_INTRO.format(member=member, team=name)
    files = words.COVER_FILES if pdf else words.COVER_NO_PDF
    body = (
        f"<h1>{escape(words.COVER_TITLE.format(member=member))}</h1>"
        f'<dl class="qikit-facts">{"".join(details)}</dl>'
        f"<p>{escape(intro)}</p><p>{escape(files)}</p>"
        f"<h2>{escape(words.CONTENTS_HEADING)}</h2><ul>{contents}</ul>"
        f"<h2>{escape(words.CHECKLIST_HEADING)}</h2>"
        f'<p class="qikit-note">{escape(words.CHECKLIST_NOTE)}</p>'
        f'<table class="qikit-checklist"><thead><tr>'
        f'<th scope="col">{escape(words.COLUMN_ASKS)}</th>'
        f'<th scope="col">{escape(words.COLUMN_DONE)}</th>'
        f'<th scope="col">{escape(words.COLUMN_WHERE)}</th>'
        f"</tr></thead><tbody>{rows}</tbody></table>"
        f'<p class="qikit-note">{escape(words.MADE_ON.format(date=date_words(day)))}</p>'
    )
    header = words.PART_HEADER.format(member=member, team=name)
    return _document(f"{words.INDEX_TITLE} — {member}", header, body)


# -- writing ------------------------------------------------------------------------------------


def _check_cohort(cohort_dir: str | os.PathLike[str]) -> Path:
    cohort = Path(cohort_dir).expanduser().resolve()
    if not cohort.is_dir():
        raise EvidenceError(f"There is no folder {cohort}. Give the cohort folder.")
    if not (cohort / STORE_FILE).is_file() or not (cohort / TEAMS_FOLDER).is_dir():
        raise EvidenceError(
            f"{cohort} is not a cohort folder: it needs {STORE_FILE} and a {TEAMS_FOLDER} "
            "folder. Give the folder made by qikit cohort build."
        )
    return cohort


def _zip(path: Path, files: Mapping[str, Path]) -> None:
    """Write ``files`` (name in the zip → file) to ``path`` through a temporary name."""
    partial = inside_cohort(path.parent, f".{path.name}.partial", error=EvidenceError)
    partial.unlink(missing_ok=True)
    try:
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, source in files.items():
                archive.write(source, name)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _page(where: Path, stem: str, screen: str, paper: str) -> tuple[Path, Path]:
    """Write a page for the screen (and its paper copy when it differs); return both files."""
    where.mkdir(parents=True, exist_ok=True)
    page = where / f"{stem}.html"
    page.write_text(screen, encoding="utf-8")
    if paper == screen:
        return page, page
    printed = where / f".{stem}-print.html"
    printed.write_text(paper, encoding="utf-8")
    return page, printed


def _print(page: tuple[Path, Path], printing: bool, browser: Path | None, bar: tqdm) -> Path | None:
    """Print a page's paper copy beside it (when printing); return the PDF, or None."""
    if not printing:
        return None
    screen, paper = page
    done = print_to_pdf(paper, screen.with_suffix(".pdf"), browser=browser)
    bar.update(1)
    return done


def write_portfolios(
    cohort_dir: str | os.PathLike[str],
    team: str,
    *,
    pdf: bool = True,
    progress: bool = True,
    today: dt.date | None = None,
    browser: Path | None = None,
) -> PortfolioResult:
    """Write every member of ``team`` their evidence pack; return what was written.

    Parameters
    ----------
    cohort_dir
        The cohort folder made by ``qikit cohort build``.
    team
        The team's slug (its folder name under ``teams/``).
    pdf
        Print each page to PDF too (headless Chromium, :mod:`qikit.evidence.pdf`).
    progress
        Show a progress bar (on stderr).
    today
        The date on the covers (default today).
    browser
        The Chromium to print with (default: the one :func:`~qikit.evidence.pdf.find_chromium`
        finds).

    Raises
    ------
    EvidenceError
        Not a cohort folder, an unknown team (the message names the known ones), or a team
        with nobody on its list.
    """
    cohort = _check_cohort(cohort_dir)
    listing = read_cohort_listing(cohort)
    known = [slug for slug, _ in listing.teams]
    if team not in known:
        raise EvidenceError(
            f"There is no team {team!r} in {cohort / TEAMS_FOLDER} (teams: "
            f"{', '.join(known) or 'none'}). Check --team."
        )
    with open_store(store_path(cohort), read_only=True) as store:
        project = load_project(store, team)
    ids = project.reflection_ids()
    if not ids:
        raise EvidenceError(
            f"The team {team} has nobody on its list of members, so there is nobody to make an "
            "evidence pack for. Add the team's names to cohort.yaml and run qikit cohort build."
        )
    folder = inside_cohort(cohort, PORTFOLIO_FOLDER, team, error=EvidenceError)
    problem: str | None = None
    if pdf and browser is None and find_chromium() is None:
        problem = NO_BROWSER
    printing = pdf and problem is None
    name = _team_name(project, team)
    pages: dict[str, str] = {part: part_html(part, project, "", team=team) for part in TEAM_PARTS}
    own_pages: dict[str, dict[str, tuple[str, str]]] = {}
    entries: dict[str, tuple[ChecklistEntry, ...]] = {}
    for member, slug in ids.items():
        entries[slug] = checklist(project, member, pdf=printing)
        cover = partial(
            index_html, project, member, entries[slug], team=team, cohort=listing.name,
            pdf=printing, today=today,
        )  # fmt: skip
        mine = part_html("reflections", project, member, team=team)
        own_pages[slug] = {
            INDEX: (cover(links=True), cover(links=False)),
            "reflections": (mine, mine),
        }
    steps = len(ids) + (len(TEAM_PARTS) + 2 * len(ids) if printing else 0)
    bar = tqdm(
        total=steps,
        desc=f"Evidence packs of {name}",
        unit="step",
        disable=not progress,
        file=sys.stderr,
    )
    packs: list[PortfolioPack] = []
    with tempfile.TemporaryDirectory(prefix="qikit-portfolio-") as scratch, bar:
        # First every page, written and printed; then the zips, so a failed print leaves no
        # pack changed.
        shared = Path(scratch) / "_team"
        shared_pages = {part: _page(shared, part, html, html) for part, html in pages.items()}
        shared_pdfs = {
            part: _print(page, printing, browser, bar) for part, page in shared_pages.items()
        }
        packed: list[tuple[str, str, dict[str, Path], dict[str, int]]] = []
        for member, slug in ids.items():
            files: dict[str, Path] = {}
            counts: dict[str, int] = {}
            for stem in (INDEX, *PARTS):
                if stem in TEAM_PARTS:
                    page, printed = shared_pages[stem], shared_pdfs[stem]
                else:
                    screen, paper = own_pages[slug][stem]
                    page = _page(Path(scratch) / slug, stem, screen, paper)
                    printed = _print(page, printing, browser, bar)
                files[f"{stem}.html"] = page[0]
                if printed is not None:
                    files[f"{stem}.pdf"] = printed
                    counts[stem] = pdf_page_count(printed)
            packed.append((member, slug, files, counts))
        folder.mkdir(parents=True, exist_ok=True)
        for member, slug, files, counts in packed:
            path = inside_cohort(cohort, folder, f"{slug}.zip", error=EvidenceError)
            _zip(path, files)
            packs.append(
                PortfolioPack(
                    member=member,
                    slug=slug,
                    path=path,
                    files=tuple(files),
                    pdf_pages=counts,
                    checklist=entries[slug],
                )
            )
            bar.update(1)
    return PortfolioResult(
        team=team,
        team_name=_team_name(project, team),
        folder=folder,
        packs=tuple(packs),
        pdf=printing,
        pdf_problem=problem,
    )
