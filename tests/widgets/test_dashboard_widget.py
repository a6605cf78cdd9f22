"""Does the mentors' dashboard show every team, sort, filter, export, and save scores and
comments to the store — without a kernel?"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import html
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest

from qikit import pages as workbook
from qikit.cohort.build import FileStatus, build_cohort
from qikit.core.model import Charter, Feedback, Team
from qikit.core.wording import dashboard as words
from qikit.demo.samples import build_sample_project
from qikit.render.dashboard import render_dashboard_html
from qikit.store import SqliteStore, open_store
from qikit.store.records import load_project, save_record
from qikit.store.scores import PROGRESS_KIND, score_history
from qikit.widgets.base import ToolContext
from qikit.widgets.dashboard import DashboardWidget
from qikit.widgets.feedback import TeamFeedbackWidget

TODAY = dt.date(2026, 4, 10)
NASTY_TEAM = "Ward <img src=x onerror=alert(1)> cleaners"


def _readable(markup: str) -> str:
    markup = re.sub(r"<style\b.*?</style>", " ", markup, flags=re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    with open_store(tmp_path / "qikit.db") as opened:
        build_sample_project(opened, "porters")
        save_record(opened, "cleaners", Team(name=NASTY_TEAM, slug="cleaners"), author="b")
        save_record(opened, "cleaners", Charter(problem="Bins <b>missed</b>"), author="Ana")
        save_record(
            opened,
            "cleaners",
            Feedback(
                record_id="old", author="Sam", at="2026-03-01T09:00:00+00:00", text="Hi",
                from_mentor=True,
            ),
            author="Sam",
        )  # fmt: skip
        yield opened


@pytest.fixture
def board(store: SqliteStore) -> DashboardWidget:
    return DashboardWidget(
        store,
        ["porters", "cleaners"],
        "Sam Patel",
        today=TODAY,
        team_href=lambda slug: f"../teams/{slug}/01-team.ipynb",
    )


def test_the_table_shows_every_team_escaped(board: DashboardWidget) -> None:
    table = board.table.value
    shown = _readable(table)
    assert "X-ray porters" in shown and NASTY_TEAM in shown
    assert "<img" not in table  # the team's name is text, never markup
    assert words.SHOWING.format(shown=2, total=2) in shown
    assert "↓ change (better)" in shown and "4.0" in shown
    assert 'href="../teams/porters/01-team.ipynb"' in table


def test_sort_and_filter_redraw_the_table(board: DashboardWidget) -> None:
    board.sort.value = "days_since_feedback"  # cleaners: 40 days, porters: 14
    assert [r.slug for r in board.shown_rows()] == ["cleaners", "porters"]
    board.sort.value = "team"  # "Ward …" before "X-ray …"
    assert [r.slug for r in board.shown_rows()] == ["cleaners", "porters"]
    assert _readable(board.table.value).index("Ward") < _readable(board.table.value).index("X-ray")
    board.sort.value = "score"  # suggested 1.0 before 4.0
    assert [r.slug for r in board.shown_rows()] == ["cleaners", "porters"]
    board.no_feedback.value = True  # porters: 14 days (counts), cleaners: 40 days
    assert len(board.shown_rows()) == 2
    board.quiet.value = True  # both teams saved just now: neither is quiet
    assert board.shown_rows() == []
    assert words.NO_ROWS in _readable(board.table.value)


def test_the_csv_link_downloads_the_table_as_shown(board: DashboardWidget) -> None:
    link = board.csv_link.value
    assert f'download="{words.CSV_FILE}"' in link and words.CSV_LINK in link
    payload = re.search(r"base64,([A-Za-z0-9+/=]+)", link)
    assert payload is not None
    text = base64.b64decode(payload.group(1)).decode("utf-8")
    assert text == board.csv_text()
    table = list(csv.reader(io.StringIO(text)))
    assert table[0][0] == words.COLUMNS["team"] and len(table) == 3


def test_confirming_a_score_saves_it_with_history(
    board: DashboardWidget, store: SqliteStore
) -> None:
    board.team.value = "porters"
    assert "Suggested: 4.0" in _readable(board.suggestion.value)
    assert board.score.value == 4.0  # the suggestion is offered first
    board.score.value = 3.5
    board.note.value = "Outcome better; not yet <held>."
    board.save_button.click()
    stored = store.get("porters", PROGRESS_KIND, "main")
    assert stored is not None and stored.data["score"] == 3.5
    assert stored.data["confirmed_by"] == "Sam Patel" and stored.updated_by == "Sam Patel"
    assert "3.5 (Sam Patel)" in _readable(board.table.value)
    assert "not yet <held>" in _readable(board.table.value)
    assert "<held>" not in board.table.value

    board.mentor_name = "Jo Lead"
    board.score.value = 4.0
    board.save_button.click()
    assert [(h.score, h.confirmed_by) for h in score_history(store, "porters")] == [
        (3.5, "Sam Patel"),
        (4.0, "Jo Lead"),
    ]
    history = _readable(board.history.value)
    assert history.index("4.0") < history.index("3.5")  # newest first
    assert board.row("porters").score == 4.0  # type: ignore[union-attr]
    # The project itself is untouched by the score.
    assert load_project(store, "porters").feedback == load_project(store, "porters").feedback


def test_a_score_needs_the_mentors_name(store: SqliteStore) -> None:
    board = DashboardWidget(store, ["porters"], "", today=TODAY)
    board.save_button.click()
    assert store.get("porters", PROGRESS_KIND, "main") is None
    assert html.escape(words.NEED_NAME, quote=True) in board.status.widget.value


def test_a_comment_from_the_dashboard_reaches_the_team(
    board: DashboardWidget, store: SqliteStore
) -> None:
    """The dashboard's comment box → the team's "Your mentor says…" → reply → dashboard."""
    writer = board.write_to("cleaners", "charter")
    writer.comment.value = "Add <i>by when</i>."
    writer.send_button.click()
    team_side = TeamFeedbackWidget(ToolContext(store, "cleaners", "Ana"), "charter")
    assert "Add <i>by when</i>." in _readable(team_side.comments.value)
    team_side.reply.value = "Done!"
    team_side.send_reply()
    board.refresh()
    assert board.row("cleaners").new_replies == 1  # type: ignore[union-attr]
    assert "Done!" in _readable(board.feedback.thread.value)  # type: ignore[union-attr]


def test_the_static_dashboard_is_the_same_table(board: DashboardWidget) -> None:
    page = render_dashboard_html(board.rows)
    assert words.TITLE in page and words.SCORE_KEY_HEADING in page
    assert "<img" not in page and NASTY_TEAM in html.unescape(page)
    for meaning in list(words.SCALE_MEANINGS.values())[:3]:
        assert html.escape(meaning, quote=True) in page


def test_an_empty_cohort_says_so(tmp_path: Path) -> None:
    with open_store(tmp_path / "empty.db") as store:
        board = DashboardWidget(store, [], "Sam")
        assert words.NO_TEAMS in _readable(board.table.value)
        assert board.feedback is None


# -- the mentors' page: the workbook, the build, both modes ------------------------------------

REPO_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = REPO_ROOT / "workbooks" / "mentor_dashboard.ipynb"
TEMPLATE = REPO_ROOT / "cohort_templates" / "support_services_2027.yaml"


def test_the_dashboard_workbook_is_a_parameters_cell_and_one_call() -> None:
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    cells = notebook["cells"]
    assert [c["cell_type"] for c in cells] == ["code", "code"]
    parameters, wiring = ("".join(c["source"]) for c in cells)
    assert "parameters" in cells[0]["metadata"]["tags"]
    assert 'cohort = ""' in parameters and 'mode = "app"' in parameters
    assert "show_mentor_dashboard(cohort=cohort, mode=mode)" in wiring
    assert all(not c.get("outputs") for c in cells)
    assert workbook.MENTOR_NOTEBOOKS["dashboard"] == NOTEBOOK.name


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A cohort built from the example template, the sample project saved for one team."""
    folder = tmp_path / "cohort"
    build_cohort(TEMPLATE, folder)
    with open_store(folder / "qikit.db") as opened:
        build_sample_project(opened, "portering")
    return folder


def test_the_build_puts_the_dashboard_in_the_mentors_folder_once(built: Path) -> None:
    """Is the dashboard copied to mentors/ with cohort and mode injected (no team), and left
    alone by a second build?"""
    copy = built / "mentors" / "mentor_dashboard.ipynb"
    notebook = nbformat.read(copy, as_version=4)
    injected = [c for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(injected) == 1
    assert f'cohort = "{built.resolve()}"' in injected[0].source
    assert 'mode = "app"' in injected[0].source and "team" not in injected[0].source
    before = copy.read_bytes(), copy.stat().st_mtime_ns
    again = build_cohort(TEMPLATE, built)
    assert dict(again.mentor_pages) == {"mentor_dashboard.ipynb": FileStatus.UNCHANGED}
    assert (copy.read_bytes(), copy.stat().st_mtime_ns) == before
    # A copy someone changed is kept, as for the teams' workbooks.
    copy.write_text(copy.read_text(encoding="utf-8") + " ", encoding="utf-8")
    assert build_cohort(TEMPLATE, built).mentor_pages["mentor_dashboard.ipynb"] is FileStatus.KEPT


def test_review_mode_is_the_static_dashboard_of_every_team(built: Path) -> None:
    page = workbook.mentor_dashboard_view(cohort=str(built), mode="review", today=TODAY)
    assert isinstance(page, str)
    shown = _readable(page)
    assert words.TITLE in shown and words.SHOWING.format(shown=6, total=6) in shown
    assert "Portering" in shown and "4.0" in shown


def test_app_mode_is_the_live_dashboard_signed_by_the_name_typed(built: Path) -> None:
    page = workbook.mentor_dashboard_view(cohort=str(built), mode="app", today=TODAY)
    name_box = _find(page, words.NAME_LABEL)
    assert name_box.value == ""
    _find(page, words.TEAM_LABEL).value = "portering"
    save = _find(page, words.SCORE_BUTTON)
    save.click()  # no name yet: refused
    with open_store(built / "qikit.db", create=False) as opened:
        assert opened.get("portering", PROGRESS_KIND, "main") is None
    name_box.value = "  Sam   Patel "
    save.click()
    with open_store(built / "qikit.db", create=False) as opened:
        stored = opened.get("portering", PROGRESS_KIND, "main")
        assert stored is not None and stored.updated_by == "Sam Patel"
    tables = " ".join(str(getattr(w, "value", "")) for w in _walk(page))
    assert 'href="../teams/portering/01-team.ipynb"' in tables


def _walk(widget: Any) -> Iterator[Any]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _find(page: Any, description: str) -> Any:
    found = [w for w in _walk(page) if getattr(w, "description", None) == description]
    assert len(found) == 1, description
    return found[0]


@pytest.mark.parametrize("cohort", ["", "/no/such/cohort"])
def test_a_page_without_a_cohort_says_so_plainly(cohort: str) -> None:
    page = workbook.mentor_dashboard_view(cohort=cohort, mode="app")
    assert isinstance(page, str) and "Traceback" not in page
    assert ("cohort" in _readable(page)) or ("reference" in _readable(page))


def test_the_filters_are_tick_boxes_labelled_by_their_words(board: DashboardWidget) -> None:
    """Does each filter carry its words as its label (no indent), and is a new count said?"""
    for box, label in (
        (board.quiet, words.FILTER_QUIET),
        (board.no_feedback, words.FILTER_NO_FEEDBACK),
    ):
        assert box.description == label.format(days=14) and box.indent is False
    board.quiet.value = True
    assert board.table_news.text == words.SHOWING.format(shown=0, total=2)
    assert "qikit-sr-only" in board.table_news._dom_classes  # heard, not seen twice
    board.quiet.value = False
    assert board.table_news.text == words.SHOWING.format(shown=2, total=2)


def test_the_score_and_the_comment_sit_side_by_side(board: DashboardWidget) -> None:
    """Are "Confirm a score" and "Write to a team" the two columns of one box?"""
    from qikit.widgets.base import COLUMNS_CLASS

    columns = [w for w in board.widget.children if COLUMNS_CLASS in w._dom_classes]
    assert len(columns) == 1
    score_part, feedback_part = columns[0].children
    assert board.save_button in score_part.children and board.status.widget in score_part.children
    assert board.feedback_box in feedback_part.children


def test_a_saved_score_is_said_politely(board: DashboardWidget) -> None:
    board.team.value = "porters"
    board.save_button.click()
    assert board.status.widget.urgent is False
    assert board.status.widget.text == words.SCORE_SAVED.format(team="X-ray porters", score="4.0")
