"""``qikit.review``: a cohort's pages executed in review mode, kept as notebooks and HTML.

One small cohort is reviewed once for the module (three teams × the one team page, two
workers): ``alpha-porters`` has the sample project, ``beta-domestics`` has only its Team record,
and ``broken-team`` has a team page whose cell raises. The retry logic and the HTML of one team
are also tested with a fake ``execute`` that needs no kernel (with several workbooks, as the
cohorts built with one workbook per stage have).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import nbformat
import pytest
from papermill.exceptions import PapermillExecutionError

from qikit.cohort.build import build_cohort
from qikit.core.model import Cause
from qikit.demo.samples import build_sample_project
from qikit.errors import DataError
from qikit.layout import TEAM_WORKBOOK
from qikit.pages.stages import STAGES
from qikit.review import (
    INDEX_NAME,
    REVIEW_FOLDER,
    STATE_NAME,
    ReviewError,
    ReviewResult,
    ReviewStatus,
    TeamTask,
    execute_with_retry,
    history_fingerprints,
    is_kernel_start_error,
    notebook_html,
    review_cohort,
    review_team,
)
from qikit.store import open_store
from qikit.store.records import save_record

TEMPLATE = """\
cohort: Review test
start_date: 2027-01-11
teams:
  - name: Alpha porters
  - name: Beta domestics
  - name: Broken team
"""
ALPHA, BETA, BROKEN = "alpha-porters", "beta-domestics", "broken-team"
#: The pages each team's review has: the team page, every stage on it.
PAGES = ("01-team",)
#: The workbooks of a cohort built with one workbook per stage (the review runs any NN-name).
STAGE_PAGES = ("01-home", "02-charter", "03-understanding")
FIRST_DAY = "2026-05-01"
AIM = "reduce the time patients wait for a porter to X-ray"
CAUSE = "Wheelchairs are never where we expect them"


def break_workbook(path: Path) -> None:
    """Replace the wiring cell of the workbook at ``path`` with one that raises."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code" and "show_team(" in cell.source:
            cell.source = 'raise RuntimeError("boom")'
    nbformat.write(notebook, path)


def make_cohort(folder: Path) -> Path:
    """Return a built cohort of the three test teams, the first with the sample project."""
    template = folder.parent / f"{folder.name}.yaml"
    template.write_text(TEMPLATE, encoding="utf-8")
    build_cohort(template, folder)
    with open_store(folder / "qikit.db") as store:
        build_sample_project(store, ALPHA, author="test setup")
    break_workbook(folder / "teams" / BROKEN / TEAM_WORKBOOK)
    return folder


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory: pytest.TempPathFactory) -> ReviewResult:
    """The test cohort, reviewed once with two workers."""
    cohort = make_cohort(tmp_path_factory.mktemp("review") / "cohort")
    return review_cohort(cohort, jobs=2, date=FIRST_DAY)


def page(result: ReviewResult, team: str, name: str = "01-team") -> str:
    """Return the HTML review page ``name`` (``01-team``) of ``team``."""
    return (result.folder / team / f"{name}.html").read_text(encoding="utf-8")


def part(html: str, stage: str) -> str:
    """Return the part of the team page's HTML from ``<section id=stage>`` to the next stage.

    The HTML export may write a tag's attributes in another order (``class`` before ``id``).
    """
    starts = {
        found.group(1): found.start()
        for found in re.finditer(r'<section\b[^>]*\bid="([a-z]+)"[^>]*>', html)
        if found.group(1) in STAGES
    }
    start = starts[stage]
    return html[start : min([i for i in starts.values() if i > start], default=len(html))]


# -- the reviewed cohort ------------------------------------------------------------------------


@pytest.mark.slow
def test_good_teams_have_every_page_as_notebook_and_html(reviewed: ReviewResult) -> None:
    """Does each good team get its executed team page, its HTML copy and an index?"""
    assert reviewed.folder == reviewed.cohort / REVIEW_FOLDER / FIRST_DAY
    for slug in (ALPHA, BETA):
        team = reviewed.team(slug)
        assert (team.status, team.error, team.notebooks) == (ReviewStatus.OK, None, len(PAGES))
        assert team.folder == reviewed.folder / slug
        names = sorted(p.name for p in team.folder.iterdir())
        expected = sorted([f"{p}.ipynb" for p in PAGES] + [f"{p}.html" for p in PAGES])
        assert names == sorted([*expected, INDEX_NAME])
        assert (
            expected == ["01-team.html", "01-team.ipynb"] and f"{PAGES[0]}.ipynb" == TEAM_WORKBOOK
        )
        assert [p.name for p in team.pages] == [TEAM_WORKBOOK]
        assert all(p.ok and p.html is not None for p in team.pages)


@pytest.mark.slow
def test_executed_notebooks_ran_in_review_mode(reviewed: ReviewResult) -> None:
    """Are the notebooks executed with the review parameters (not the app ones the build
    injected), with outputs?"""
    notebook = nbformat.read(reviewed.folder / ALPHA / TEAM_WORKBOOK, as_version=4)
    injected = [c for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", ())]
    assert len(injected) == 1
    assert 'mode = "review"' in injected[0].source
    assert f'team = "{ALPHA}"' in injected[0].source
    assert f'cohort = "{reviewed.cohort}"' in injected[0].source
    assert any(cell.get("outputs") for cell in notebook.cells)


@pytest.mark.slow
def test_html_shows_the_teams_work_without_code(reviewed: ReviewResult) -> None:
    """Does the HTML hold the team's aim, causes and charts, each in its stage's part, and no
    code, prompts, widgets or outside scripts?"""
    alpha = page(reviewed, ALPHA)
    assert AIM in part(alpha, "charter")
    assert CAUSE in part(alpha, "understanding")
    measuring = part(alpha, "measuring")
    assert "<svg" in measuring or "data:image/png" in measuring
    sections = re.findall(r'<section\b(?=[^>]*class="qikit-stage")[^>]*\bid="([a-z]+)"', alpha)
    assert sections == list(STAGES)  # one each, in order
    assert "Beta domestics" in page(reviewed, BETA) and AIM not in page(reviewed, BETA)
    for slug in (ALPHA, BETA):
        for name in PAGES:
            text = page(reviewed, slug, name)
            assert "show_team(" not in text and "show_stage(" not in text
            assert "application/vnd.jupyter.widget-view+json" not in text
            assert "from qikit" not in text
            assert "In&nbsp;[" not in text
            assert not re.search(r'class="[^"]*jp-(Input|Output)Prompt', text)
            assert not re.search(r'<script[^>]*src="https?://', text), "needs the internet"


@pytest.mark.slow
def test_links_between_pages_point_at_the_html_copies(reviewed: ReviewResult) -> None:
    """Do the links between stages stay anchors of the one page (``#charter``), and do the
    index's links lead to the .html copy?"""
    team_page = page(reviewed, ALPHA)
    home = part(team_page, "home")
    for stage in STAGES[1:]:
        assert f'href="#{stage}"' in home
    links = set(re.findall(r'(?<![\w:])href="#([^"]+)"', team_page))
    assert set(STAGES) <= links
    assert all(f'id="{target}"' in team_page for target in links)  # each one leads somewhere
    assert not re.search(r'href="[^"#]*\.(ipynb|html)', team_page)
    index = (reviewed.folder / ALPHA / INDEX_NAME).read_text(encoding="utf-8")
    assert "Alpha porters" in index
    for name in PAGES:
        assert f'href="{name}.html"' in index


@pytest.mark.slow
def test_a_broken_team_is_reported_and_does_not_stop_the_others(reviewed: ReviewResult) -> None:
    """Is the team whose cell raises reported failed with its error, the notebook as far as it
    ran still kept, the other teams unharmed, and the exit code 1?  (That a failed page does
    not stop a team's other pages is tested with several workbooks, below, without kernels.)"""
    broken = reviewed.team(BROKEN)
    assert broken.status is ReviewStatus.FAILED
    assert broken.error == "01-team.ipynb: RuntimeError: boom"
    assert broken.status_words == "failed: 01-team.ipynb: RuntimeError: boom"
    (team_page,) = broken.pages
    assert team_page.name == TEAM_WORKBOOK and not team_page.ok
    assert team_page.attempts == 1  # a real error is not retried
    assert team_page.notebook is not None and team_page.notebook.is_file()  # up to the error
    assert all(reviewed.team(slug).status is ReviewStatus.OK for slug in (ALPHA, BETA))
    index = (broken.folder / INDEX_NAME).read_text(encoding="utf-8")
    assert "RuntimeError: boom" in index
    assert reviewed.exit_code == 1
    assert not reviewed.ok
    state = json.loads((reviewed.cohort / REVIEW_FOLDER / STATE_NAME).read_text("utf-8"))
    assert set(state["teams"]) == {ALPHA, BETA}  # a failed team is tried again next time


@pytest.mark.slow
def test_a_second_review_skips_unchanged_teams_quickly(reviewed: ReviewResult) -> None:
    """Are the unchanged teams skipped on the next day, pointing at their last review?"""
    started = time.perf_counter()
    again = review_cohort(reviewed.cohort, jobs=2, teams=[ALPHA, BETA], date="2026-05-02")
    assert time.perf_counter() - started < 5
    for slug in (ALPHA, BETA):
        team = again.team(slug)
        assert team.status is ReviewStatus.SKIPPED
        assert team.status_words == "skipped (no changes)"
        assert team.folder is not None and (team.folder / INDEX_NAME).is_file()
    assert again.exit_code == 0
    assert not again.folder.exists()  # nothing was run, so no folder for the day


@pytest.mark.slow
def test_a_change_in_one_team_reviews_only_that_team(reviewed: ReviewResult) -> None:
    """After a save in one team's work, is only that team reviewed again, with the change?"""
    new_cause = "The night shift has no list of jobs"
    with open_store(reviewed.cohort / "qikit.db") as store:
        save_record(
            store, BETA, Cause(record_id="c1", category="Methods", text=new_cause), author="t"
        )
    again = review_cohort(reviewed.cohort, jobs=2, teams=[ALPHA, BETA], date="2026-05-03")
    assert again.team(ALPHA).status is ReviewStatus.SKIPPED
    assert again.team(BETA).status is ReviewStatus.OK
    assert new_cause in part(page(again, BETA), "understanding")
    assert not (again.folder / ALPHA).exists()


# -- bad input ----------------------------------------------------------------------------------


def test_a_folder_that_is_not_a_cohort_is_refused(tmp_path: Path) -> None:
    """Is a folder without a store and teams refused before anything runs?"""
    with pytest.raises(ReviewError, match="not a cohort folder"):
        review_cohort(tmp_path)
    with pytest.raises(ReviewError, match="There is no folder"):
        review_cohort(tmp_path / "missing")


def test_unknown_team_bad_date_and_jobs_are_refused(tmp_path: Path) -> None:
    """Are an unknown team, a date not written YYYY-MM-DD and --jobs 0 refused, with nothing
    written?"""
    cohort = make_cohort(tmp_path / "cohort")
    with pytest.raises(ReviewError, match="no team nobody"):
        review_cohort(cohort, teams=["nobody"])
    with pytest.raises(DataError, match="YYYY-MM-DD"):
        review_cohort(cohort, date="01/05/2026")
    with pytest.raises(DataError, match="--jobs"):
        review_cohort(cohort, jobs=0)
    assert not (cohort / REVIEW_FOLDER).exists()


def test_history_fingerprints_change_with_each_save(tmp_path: Path) -> None:
    """Does a team's fingerprint change when its work does, and only its own?"""
    cohort = make_cohort(tmp_path / "cohort")
    before = history_fingerprints(cohort)
    assert set(before) == {ALPHA, BETA, BROKEN}
    with open_store(cohort / "qikit.db") as store:
        save_record(store, BETA, Cause(record_id="c1", category="Methods", text="x"), author="t")
        build_sample_project(store, ALPHA, author="test setup")  # the same again: no change
    after = history_fingerprints(cohort)
    assert after[ALPHA] == before[ALPHA]
    assert after[BROKEN] == before[BROKEN]
    assert after[BETA][1] == before[BETA][1] + 1
    assert after[BETA][0] > before[BETA][0]


# -- retries, without kernels --------------------------------------------------------------------


class FlakyExecute:
    """A fake papermill.execute_notebook: raises ``errors`` in turn, then returns a page."""

    def __init__(self, *errors: BaseException) -> None:
        self.errors = list(errors)
        self.calls: list[tuple[str, str, dict[str, Any]]] = []

    def __call__(self, source: str, target: str, **kwargs: Any) -> Any:
        self.calls.append((source, target, kwargs["parameters"]))
        if self.errors:
            raise self.errors.pop(0)
        notebook = nbformat.v4.new_notebook()
        cell = nbformat.v4.new_code_cell("show_stage('home')")
        links = '<a href="02-charter.ipynb#aim">next</a> <a href="#charter">part</a>'
        cell.outputs = [
            nbformat.v4.new_output("display_data", data={"text/html": f"<p>Hi</p>{links}"})
        ]
        notebook.cells = [cell]
        return notebook


def cell_error() -> PapermillExecutionError:
    return PapermillExecutionError(1, 2, "boom", "RuntimeError", "boom", ["Traceback"])


KERNEL_START_ERRORS = [
    RuntimeError("Kernel died before replying to kernel_info"),
    RuntimeError("Kernel didn't respond in 60 seconds"),
    OSError("ZMQError: Address already in use (addr='tcp://127.0.0.1:53211')"),
]


@pytest.mark.parametrize("error", KERNEL_START_ERRORS, ids=str)
def test_a_kernel_start_error_is_retried_then_succeeds(error: Exception) -> None:
    """Is a notebook whose kernel fails to start run again after a short wait, and its result
    returned with the number of tries?"""
    execute = FlakyExecute(error)
    waits: list[float] = []
    result, tries = execute_with_retry(
        lambda: execute("in.ipynb", "out.ipynb", parameters={}), sleep=waits.append
    )
    assert tries == 2
    assert len(execute.calls) == 2
    assert waits == [0.5]
    assert result.cells[0].outputs


def test_zmq_and_dead_kernel_errors_are_kernel_start_errors() -> None:
    """Are ZMQ's and nbclient's own error types, and errors caused by them, recognised?"""
    from nbclient.exceptions import DeadKernelError
    from zmq import ZMQError

    assert is_kernel_start_error(ZMQError(98))
    assert is_kernel_start_error(DeadKernelError("Kernel died"))
    wrapped = ValueError("setup failed")
    wrapped.__cause__ = ZMQError(98)
    assert is_kernel_start_error(wrapped)
    assert not is_kernel_start_error(cell_error())
    assert not is_kernel_start_error(ValueError("bad value"))
    assert not is_kernel_start_error(NotImplementedError("later"))


def test_a_kernel_that_never_starts_gives_up_after_three_tries() -> None:
    """Does the retry stop after three tries, raising the last error, with growing waits?"""
    execute = FlakyExecute(*(RuntimeError("Kernel died before replying") for _ in range(5)))
    waits: list[float] = []
    with pytest.raises(RuntimeError, match="Kernel died"):
        execute_with_retry(lambda: execute("a", "b", parameters={}), sleep=waits.append)
    assert len(execute.calls) == 3
    assert waits == [0.5, 1.0]


def test_a_cell_error_is_not_retried() -> None:
    """Is a cell that raises (PapermillExecutionError) reported at once, without a retry?"""
    execute = FlakyExecute(cell_error())
    waits: list[float] = []
    with pytest.raises(PapermillExecutionError):
        execute_with_retry(lambda: execute("a", "b", parameters={}), sleep=waits.append)
    assert len(execute.calls) == 1
    assert waits == []


def test_review_team_with_a_fake_execute(tmp_path: Path) -> None:
    """Without a kernel: does a team's review retry the flaky start, report the cell error, go
    on with the team's other pages, write HTML with .html links (``#part`` links left alone),
    and say in the index which page failed?"""
    team_dir = tmp_path / "teams" / "t"
    team_dir.mkdir(parents=True)
    notebooks = tuple(team_dir / f"{p}.ipynb" for p in STAGE_PAGES)
    for path in notebooks:
        path.write_text("{}", encoding="utf-8")
    execute = FlakyExecute(RuntimeError("Kernel died before replying to kernel_info"))
    task = TeamTask(
        cohort=tmp_path,
        slug="t",
        name="Team T",
        notebooks=notebooks,
        folder=tmp_path / "review" / FIRST_DAY / "t",
        date=FIRST_DAY,
    )

    def execute_failing_charter(source: str, target: str, **kwargs: Any) -> Any:
        if source.endswith("02-charter.ipynb"):
            execute.calls.append((source, target, kwargs["parameters"]))
            raise cell_error()
        return execute(source, target, **kwargs)

    review = review_team(task, execute=execute_failing_charter, sleep=lambda _: None)
    assert review.status is ReviewStatus.FAILED
    assert review.error == "02-charter.ipynb: RuntimeError: boom"
    assert [p.attempts for p in review.pages] == [2, 1, 1]
    assert execute.calls[0][2] == {"cohort": str(tmp_path), "team": "t", "mode": "review"}
    home = (task.folder / "01-home.html").read_text(encoding="utf-8")
    assert 'href="02-charter.html#aim"' in home
    assert 'href="#charter"' in home  # a part of the same page stays an anchor
    assert "show_stage" not in home
    assert (task.folder / "01-home.ipynb").is_file()
    index = (task.folder / INDEX_NAME).read_text(encoding="utf-8")
    assert "Team T" in index and "RuntimeError: boom" in index
    assert 'href="03-understanding.html"' in index
    assert [p.ok for p in review.pages] == [True, False, True]
    assert not any(p.name.endswith(".partial") for p in task.folder.parent.iterdir())


def test_only_relative_notebook_links_are_rewritten() -> None:
    """Are links to pages rewritten to .html, and outside addresses left alone?"""
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    links = (
        '<a href="02-charter.ipynb">a</a> <a href="https://x.org/y.ipynb">b</a> '
        '<a href="/abs/z.ipynb">c</a> <a href="sub/03-x.ipynb?v=1">d</a> '
        '<a href="#measuring">e</a> <a href="01-team.ipynb#charter">f</a>'
    )
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": links})]
    notebook.cells = [cell]
    text = notebook_html(notebook)
    assert 'href="02-charter.html"' in text
    assert 'href="https://x.org/y.ipynb"' in text
    assert 'href="/abs/z.ipynb"' in text
    assert 'href="sub/03-x.html?v=1"' in text
    assert 'href="#measuring"' in text
    assert 'href="01-team.html#charter"' in text


def test_the_review_writes_the_cohort_dashboard_as_a_static_page(reviewed: ReviewResult) -> None:
    """Is there one offline dashboard page with a row per team, linking to each team's review?"""
    html = (reviewed.folder / "dashboard.html").read_text(encoding="utf-8")
    for name, slug in (("Alpha porters", ALPHA), ("Beta domestics", BETA), ("Broken team", BROKEN)):
        assert name in html
        assert f'href="{slug}/index.html"' in html
    assert "<script" not in html
