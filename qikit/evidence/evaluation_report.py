"""``qikit evaluate``: the evaluation report for the QI team and the board, as one HTML file.

The report reads the cohort's store read-only (it never creates, upgrades or changes one),
works out the evaluation (:mod:`qikit.evidence.evaluation`) and writes
``<cohort>/evaluation/<date>/evaluation-report.html``: one self-contained page (charts are SVG
images inside it), every piece of stored text escaped, printable on A4. The QI team's notebook
shows the same page inline (:func:`show_evaluation`).
"""

from __future__ import annotations

import base64
import datetime as dt
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from tqdm import tqdm

from qikit.cohort.survey_items import cohort_survey_items
from qikit.core.model.survey import SurveyStage
from qikit.core.wording import evaluation as words
from qikit.core.wording.dates import date_words
from qikit.errors import EvidenceError, QikitError
from qikit.evidence.evaluation import (
    EvaluationResult,
    PairedChangeResult,
    StageComparisonResult,
    TeamOutcomeResult,
    TextCountResult,
    evaluate,
    read_team,
)
from qikit.layout import (
    EVALUATION_FOLDER,
    STORE_FILE,
    TEAMS_FOLDER,
    inside_cohort,
    is_slug,
    store_path,
    write_in_cohort,
)
from qikit.render.text import escape
from qikit.store import open_store
from qikit.store.survey import load_survey_responses

__all__ = [
    "REPORT_FILE",
    "EvaluationPage",
    "report_html",
    "show_evaluation",
    "write_evaluation_report",
]

REPORT_FILE = "evaluation-report.html"

_CSS = """<style>
.qikit-report { font-family: system-ui, sans-serif; font-size: 18px; line-height: 1.5;
  color: #1a1a1a; max-width: 62rem; margin: 0 auto; padding: 1rem; }
.qikit-report h1 { font-size: 2rem; margin: 0.5rem 0; }
.qikit-report h2 { font-size: 1.5rem; margin: 2rem 0 0.5rem; border-bottom: 3px solid #1a1a1a; }
.qikit-report h3 { font-size: 1.2rem; margin: 1.25rem 0 0.25rem; }
.qikit-report p, .qikit-report li { max-width: 48rem; }
.qikit-report table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
.qikit-report th, .qikit-report td { border: 1px solid #4d4d4d; padding: 0.25rem 0.5rem;
  text-align: left; vertical-align: top; }
.qikit-report td.qikit-num { text-align: right; }
.qikit-report .qikit-hidden { font-style: italic; }
.qikit-report .qikit-scroll { overflow-x: auto; max-width: 100%; }
.qikit-report .qikit-weeks td, .qikit-report .qikit-weeks th { font-size: 0.8rem; }
.qikit-report img { max-width: 100%; height: auto; }
@media print {
  @page { size: A4; margin: 15mm; }
  .qikit-report { font-size: 11pt; max-width: none; padding: 0; }
  .qikit-report h2 { break-after: avoid; page-break-after: avoid; }
  .qikit-report figure, .qikit-report table, .qikit-report li { break-inside: avoid;
    page-break-inside: avoid; }
}
</style>"""


def _cohort(cohort_dir: str | os.PathLike[str]) -> Path:
    cohort = Path(cohort_dir).expanduser().resolve()
    if not str(cohort_dir).strip() or not cohort.is_dir():
        raise EvidenceError(
            f"There is no folder {cohort_dir!s}. Give the cohort folder made by qikit cohort "
            "build (the one with qikit.db in it)."
        )
    if not (cohort / STORE_FILE).is_file():
        raise EvidenceError(
            f"{cohort} is not a cohort folder: it has no {STORE_FILE}. Give the folder made by "
            "qikit cohort build."
        )
    return cohort


def _day(today: str | dt.date | None) -> dt.date:
    if today is None:
        return dt.date.today()
    if isinstance(today, dt.date):
        return today
    try:
        return dt.date.fromisoformat(str(today).strip())
    except ValueError:
        raise EvidenceError(
            f"The date {today!s} is not a date written as YYYY-MM-DD, for example 2027-09-20. "
            "Give --today as YYYY-MM-DD."
        ) from None


def _team_slugs(cohort: Path, stored: Sequence[str]) -> list[str]:
    folder = cohort / TEAMS_FOLDER
    on_disk = [p.name for p in folder.iterdir() if p.is_dir()] if folder.is_dir() else []
    return sorted({s for s in (*stored, *on_disk) if is_slug(s)})


def evaluate_cohort(
    cohort_dir: str | os.PathLike[str], *, progress: bool = False
) -> EvaluationResult:
    """Return the evaluation of a cohort, read from its store (read-only) and items file."""
    cohort = _cohort(cohort_dir)
    items = cohort_survey_items(cohort)
    with open_store(store_path(cohort), read_only=True) as store:
        responses = load_survey_responses(store)
        slugs = _team_slugs(cohort, store.teams())
        outcomes: list[TeamOutcomeResult] = []
        history: dict[str, list[str]] = {}
        for slug in tqdm(
            slugs, desc="Reading the teams", unit="team", disable=not progress, file=sys.stderr
        ):
            outcome, times = read_team(store, slug)
            outcomes.append(outcome)
            history[slug] = times
    return evaluate(items, responses, outcomes, history)


# -- HTML -------------------------------------------------------------------------------------


def _image(svg: str, description: str) -> str:
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return (
        f'<figure><img src="data:image/svg+xml;base64,{data}" alt="{escape(description)}"></figure>'
    )


def _cell(value: int | None) -> str:
    if value is None:
        return f'<td class="qikit-hidden">{escape(words.SUPPRESSED)}</td>'
    return f'<td class="qikit-num">{value}</td>'


def _paragraphs(sentences: Sequence[str]) -> str:
    return "".join(f"<p>{escape(s)}</p>" for s in sentences)


def _change_html(change: PairedChangeResult) -> str:
    if change.suppressed:
        return f'<p class="qikit-hidden">{escape(words.TOO_FEW_PAIRS)}.</p>'
    return _paragraphs(change.sentences)


def _items_table(comparison: StageComparisonResult) -> str:
    head = (
        "<tr><th>Question</th><th>People who answered both</th><th>Higher</th><th>Same</th>"
        "<th>Lower</th><th>Typical change (steps)</th><th>p-value</th><th>Effect size</th></tr>"
    )
    rows = []
    for change in comparison.items:
        label = f"<td>{escape(change.label)}</td>"
        if change.suppressed or change.test is None:
            rows.append(
                f'<tr>{label}<td colspan="7" class="qikit-hidden">'
                f"{escape(words.TOO_FEW_PAIRS)}</td></tr>"
            )
            continue
        test = change.test
        p = "< 0.001" if test.p_value < 0.001 else f"{test.p_value:.3f}"
        rows.append(
            f"<tr>{label}{_cell(change.n_pairs)}{_cell(change.higher)}{_cell(change.same)}"
            f'{_cell(change.lower)}<td class="qikit-num">{test.hodges_lehmann:+.1f}</td>'
            f'<td class="qikit-num">{p}</td>'
            f'<td class="qikit-num">{test.rank_biserial:.2f}</td></tr>'
        )
    return f'<div class="qikit-scroll"><table>{head}{"".join(rows)}</table></div>'


def _change_chart_html(comparison: StageComparisonResult, scale: Sequence[str], title: str) -> str:
    from qikit.render.evaluation import change_chart

    shown = [c for c in comparison.items if c.test is not None]
    if not shown:
        return ""
    chart = change_chart(
        [c.label for c in shown],
        [c.test.median_before for c in shown if c.test is not None],
        [c.test.median_after for c in shown if c.test is not None],
        scale,
        title=title,
    )
    return _image(chart.to_svg(), chart.description)


def _texts_html(texts: Sequence[TextCountResult]) -> str:
    if not texts:
        return ""
    return (
        "<h3>Written answers</h3><p>We count written answers but never quote them.</p><ul>"
        + "".join(f"<li>{escape(t.sentence)}</li>" for t in texts)
        + "</ul>"
    )


def _comparison_html(comparison: StageComparisonResult, scale: Sequence[str]) -> str:
    later = words.STAGE_NAMES[comparison.after].lower()
    title = f"Before the programme and {later}"
    return (
        f"<h3>{escape(title)}: {escape(words.OVERALL_LABEL.lower())}</h3>"
        + _change_html(comparison.overall)
        + f"<h3>{escape(title)}: question by question</h3>"
        + _change_chart_html(comparison, scale, f"The middle answer: before and {later}")
        + _items_table(comparison)
    )


def _who_html(result: EvaluationResult) -> str:
    from qikit.render.evaluation import response_chart

    rates = result.responses
    if rates.people is None:
        return f'<p class="qikit-hidden">{escape(words.SUPPRESSED)}.</p>'
    chart = response_chart(
        [words.STAGE_NAMES[r.stage] for r in rates.stages], [r.count for r in rates.stages]
    )
    intro = f"{words.people(rates.people)} answered the survey at least once."
    return (
        f"<p>{escape(intro)}</p><ul>"
        + "".join(f"<li>{escape(r.sentence)}</li>" for r in rates.stages)
        + "</ul>"
        + _image(chart.to_svg(), chart.description)
    )


def _teams_html(result: EvaluationResult) -> str:
    from qikit.render.evaluation import engagement_chart

    outcomes = result.outcomes
    rows = "".join(
        f"<tr><td>{escape(t.name)}</td><td>{escape(t.main_measure or 'No measure yet')}</td>"
        f"<td>{'Yes' if t.improved else 'Not yet'}</td><td>{escape(t.reading)}</td>"
        f'<td class="qikit-num">{t.cycles_run}</td><td class="qikit-num">{t.cycles_adopted}</td>'
        f"<td>{'Not confirmed' if t.confirmed_score is None else f'{t.confirmed_score:.1f}'}</td>"
        "</tr>"
        for t in outcomes.teams
    )
    table = (
        '<div class="qikit-scroll"><table><tr><th>Team</th><th>Main measure</th>'
        "<th>Signal of improvement</th><th>Its chart now</th><th>PDSA cycles run</th>"
        "<th>Changes adopted</th><th>Progress score (confirmed by the mentor, 0.5 to 5)</th>"
        f"</tr>{rows}</table></div>"
    )
    score = ""
    if outcomes.median_score is not None:
        middle = f"The middle confirmed progress score is {outcomes.median_score:.1f}."
        score = f"<p>{escape(middle)}</p>"
    part = f"<p>{escape(outcomes.sentence)}</p>{score}{table}<h3>Engagement over time</h3>"
    engagement = result.engagement
    if not engagement.weeks:
        return part + "<p>No team has saved any work yet.</p>"
    chart = engagement_chart(engagement.weeks, engagement.totals)
    names = {t.slug: t.name for t in outcomes.teams}
    head = "".join(f"<th>{escape(w.strftime('%d %b'))}</th>" for w in engagement.weeks)
    body = "".join(
        f"<tr><th>{escape(names.get(slug, slug))}</th>"
        + "".join(f'<td class="qikit-num">{n}</td>' for n in counts)
        + "</tr>"
        for slug, counts in engagement.per_team.items()
    )
    weeks = (
        "<p>Changes each team saved, week by week (weeks start on Monday):</p>"
        f'<div class="qikit-scroll"><table class="qikit-weeks"><tr><th>Team</th>{head}</tr>'
        f"{body}</table></div>"
    )
    return part + _image(chart.to_svg(), chart.description) + weeks


def _still_html(result: EvaluationResult) -> str:
    follow = result.follow_up
    parts = [f"<p>{escape(follow.sentence)}</p>"]
    if follow.answered is not None and follow.still_item is not None:
        cells = "".join(
            f"<tr><td>{escape(word)}</td>{_cell(count)}</tr>"
            for word, count in zip(result.scale, follow.distribution, strict=True)
        )
        parts.append(
            f"<p>{escape(follow.still_item.statement)}</p>"
            f"<table><tr><th>Answer</th><th>People</th></tr>{cells}</table>"
        )
    parts.append(_comparison_html(follow.comparison, result.scale))
    parts.append(_texts_html(follow.texts))
    return "".join(parts)


def report_html(result: EvaluationResult, today: dt.date, *, page: bool = True) -> str:
    """Return the report as HTML: a whole page, or (``page=False``) the part to show inline."""
    by_later = {c.after: c for c in result.comparisons}
    growth = _comparison_html(by_later[SurveyStage.POST], result.scale)
    mid = by_later[SurveyStage.MID]
    growth += "<h3>Halfway through</h3>" + _change_html(mid.overall)
    growth += _texts_html(result.texts)
    title = words.REPORT_TITLE.format(title=result.title)
    sections = (
        ("who", _who_html(result)),
        ("growth", growth),
        ("teams", _teams_html(result)),
        ("still", _still_html(result)),
        ("methods", _paragraphs(words.METHODS)),
    )
    body = (
        f'<main class="qikit-report"><h1>{escape(title)}</h1>'
        f"<p>{escape(words.MADE_ON.format(date=date_words(today)))}</p>"
        + "".join(
            f'<section id="{key}"><h2>{escape(words.HEADINGS[key])}</h2>{html}</section>'
            for key, html in sections
        )
        + "</main>"
    )
    if not page:
        return _CSS + body
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>{_CSS}</head><body>{body}</body></html>\n"
    )


def write_evaluation_report(
    cohort_dir: str | os.PathLike[str],
    *,
    today: str | dt.date | None = None,
    progress: bool = True,
) -> Path:
    """Write the evaluation report; return ``<cohort>/evaluation/<date>/evaluation-report.html``.

    Raises
    ------
    EvidenceError
        Not a cohort folder, a bad date, an unreadable items file.
    """
    day = _day(today)
    cohort = _cohort(cohort_dir)
    steps = tqdm(
        total=2, desc="Evaluation report", unit="step", disable=not progress, file=sys.stderr
    )
    with steps:
        result = evaluate_cohort(cohort, progress=progress)
        steps.update()
        html = report_html(result, day)
        folder = inside_cohort(cohort, EVALUATION_FOLDER, day.isoformat(), error=EvidenceError)
        inside_cohort(cohort, folder, REPORT_FILE, error=EvidenceError)
        folder.mkdir(parents=True, exist_ok=True)
        # Never half a report under the real name; never through a link.
        target = write_in_cohort(cohort, folder / REPORT_FILE, html.encode(), error=EvidenceError)
        steps.update()
    return target


class EvaluationPage:
    """The report (or a plain message) as a notebook shows it: its last expression's HTML."""

    def __init__(self, html: str) -> None:
        self.html = html

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return "Evaluation report (open it in Jupyter or Voilà to read it)"


def show_evaluation(cohort: str, *, today: str | dt.date | None = None) -> EvaluationPage:
    """Return the evaluation report of ``cohort`` to show inline; never raises on bad input.

    Without a cohort (the workbook as saved) or with a folder that is not one, the page says
    what to set instead of showing a traceback.
    """
    if not str(cohort).strip():
        return EvaluationPage(
            "<p><strong>Set <code>cohort</code> in the first cell to the cohort folder</strong> "
            "(the one with qikit.db in it), then run the notebook again.</p>"
        )
    try:
        day = _day(today)
        return EvaluationPage(report_html(evaluate_cohort(cohort), day, page=False))
    except QikitError as error:
        return EvaluationPage(f"<p><strong>{escape(error)}</strong></p>")
