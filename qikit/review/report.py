"""What a review shows: each page as offline HTML, the team's index, the dashboard, the table.

The HTML copies have no code, no prompts and no remote scripts; links between workbooks point
at their HTML copies. A page whose output is qikit's failure message (``show_team`` never
raises: it shows a reference such as ``QK-7F3K9Q`` instead) is reported as failed, pointing to
the cohort's error log.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from qikit.core.wording.pages import FAILURE
from qikit.errors import ReviewError
from qikit.layout import log_path, store_path, write_in_cohort
from qikit.render.text import escape
from qikit.review.results import INDEX_NAME, PageReview, ReviewResult, ReviewStatus, TeamTask
from qikit.store import open_store

__all__ = [
    "DASHBOARD_PAGE",
    "format_table",
    "index_html",
    "notebook_html",
    "page_title",
    "reported_failure",
    "summary",
    "write_dashboard_page",
]

DASHBOARD_PAGE = "dashboard.html"

# -- words on the mentor's screen -----------------------------------------------------------------
INDEX_TITLE = "{team}: review of {date}"
INDEX_INTRO = "A read-only copy of the team's pages, made on {date}. Open a page to read it."
INDEX_FAILED = "This page could not be made: {error}"
PAGE_REPORTED_FAILURE = "the page shows an error (reference {reference}); the details are in {log}"


_EXPORTER: Any = None
# Relative links between pages (``02-charter.ipynb``, maybe with ``#part``): the HTML copies sit
# beside each other, so the links must point at them. Absolute addresses are left alone.
_NOTEBOOK_HREF = re.compile(r'(href=")(?![a-zA-Z][a-zA-Z0-9+.-]*:|/)([^"#?]*?)\.ipynb(?=["#?])')
# nbconvert's template loads require.js and MathJax from a CDN. The review pages need neither
# (no widgets, no maths): without them the pages are fully offline and make no outside requests.
# Any quoting, and protocol-relative (``//cdn…``) addresses too; tests/review/test_offline_pages.py
# parses every page written for the example cohort for anything loaded from outside.
_REMOTE_SCRIPT = re.compile(
    r"""<script[^>]*\ssrc\s*=\s*["']?(?:https?:)?//[^>]*>\s*</script>\s*""", re.IGNORECASE
)


def _exporter() -> Any:
    global _EXPORTER
    if _EXPORTER is None:  # building the exporter loads its templates: once per worker
        from nbconvert import HTMLExporter

        _EXPORTER = HTMLExporter(
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
            embed_images=True,
        )
    return _EXPORTER


def notebook_html(notebook: Any) -> str:
    """Return the HTML of an executed notebook: outputs only, links to pages as ``.html``."""
    body, _ = _exporter().from_notebook_node(notebook)
    body = _NOTEBOOK_HREF.sub(r"\1\2.html", body)
    return _REMOTE_SCRIPT.sub("", body)


def page_title(path: Path, notebook: Any | None) -> str:
    """Return the title of the workbook at ``path``: its ``title`` metadata, else its name.

    The executed notebook's metadata is read first; when it never ran, the workbook's own.
    """
    import nbformat

    title = notebook.metadata.get("title") if notebook is not None else None
    if not title:
        try:
            title = nbformat.read(path, as_version=4).metadata.get("title")
        except Exception:  # an unreadable workbook still gets a line in the index
            title = None
    return str(title) if title else path.stem


_FAILURE_REFERENCE: re.Pattern[str] | None = None


def reported_failure(notebook: Any, cohort: Path) -> str | None:
    """Return why the page failed when its output is qikit's failure message, else None."""
    global _FAILURE_REFERENCE
    if _FAILURE_REFERENCE is None:
        before, _, after = escape(FAILURE).partition("{reference}")
        _FAILURE_REFERENCE = re.compile(re.escape(before) + r"(QK-[A-Z0-9]+)" + re.escape(after))
    for cell in notebook.cells:
        for output in cell.get("outputs", ()):
            text = output.get("data", {}).get("text/html", "")
            text = "".join(text) if isinstance(text, list) else str(text)
            found = _FAILURE_REFERENCE.search(text)
            if found:
                log = log_path(cohort)
                return PAGE_REPORTED_FAILURE.format(reference=found.group(1), log=log)
    return None


def index_html(task: TeamTask, pages: Sequence[PageReview], titles: Mapping[str, str]) -> str:
    """Return the team's index page: a link to each page's HTML, each failure named."""
    from qikit.render.style import PAGE_CSS

    items = []
    for page in pages:
        title = escape(titles.get(page.name, page.name))
        line = f'<a href="{escape(page.html.name)}">{title}</a>' if page.html is not None else title
        if page.error is not None:
            line += f'<p role="alert">{escape(INDEX_FAILED.format(error=page.error))}</p>'
        items.append(f"<li>{line}</li>")
    heading = escape(INDEX_TITLE.format(team=task.name, date=task.date))
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{heading}</title>\n{PAGE_CSS}\n</head>\n<body>\n"
        f'<main class="qikit-page">\n<h1>{heading}</h1>\n'
        f'<p class="qikit-note">{escape(INDEX_INTRO.format(date=task.date))}</p>\n'
        f'<ul class="qikit-nav">\n{chr(10).join(items)}\n</ul>\n</main>\n</body>\n</html>\n'
    )


def write_dashboard_page(cohort: Path, day_folder: Path, team_slugs: Sequence[str]) -> Path:
    """Write the cohort dashboard as one static page beside the teams' reviews (for mentors
    and the programme lead, readable offline). Each team links to its review index."""
    from qikit.render.dashboard import render_dashboard_html
    from qikit.store.cohort import cohort_rows

    with open_store(store_path(cohort), read_only=True) as store:
        rows = cohort_rows(store, team_slugs, dt.date.fromisoformat(day_folder.name))
    body = render_dashboard_html(rows, team_href=lambda slug: f"{slug}/index.html")
    page = (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Cohort dashboard</title></head><body>{body}</body></html>"
    )
    day_folder.mkdir(parents=True, exist_ok=True)
    target = day_folder / DASHBOARD_PAGE
    return write_in_cohort(cohort, target, page.encode("utf-8"), error=ReviewError)


def format_table(result: ReviewResult) -> str:
    """Return the review as a plain table: team, notebooks, status, time (s), review folder."""
    header = ("team", "notebooks", "status", "time (s)", "review")
    rows = [header]
    for team in result.teams:
        folder = ""
        if team.folder is not None:
            try:
                folder = team.folder.relative_to(result.cohort).as_posix()
            except ValueError:
                folder = str(team.folder)
        seconds = "" if team.status is ReviewStatus.SKIPPED else f"{team.seconds:.1f}"
        rows.append((team.slug, str(team.notebooks), team.status_words, seconds, folder))
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for row in rows:
        cells = [
            cell.rjust(width) if i in (1, 3) else cell.ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def summary(result: ReviewResult) -> str:
    """Return the sentence under the table: how many teams were reviewed, failed, skipped."""
    counts = {s: len(result.with_status(s)) for s in ReviewStatus}
    words = (
        f"{counts[ReviewStatus.OK]} reviewed, {counts[ReviewStatus.FAILED]} failed, "
        f"{counts[ReviewStatus.SKIPPED]} skipped (no changes) in {result.seconds:.1f} s."
    )
    if counts[ReviewStatus.OK] or counts[ReviewStatus.FAILED]:
        words += f" New reviews are in {result.folder}: open each team's {INDEX_NAME}."
    return words
