"""The participant workbooks: wiring, both modes through papermill, failures, imports, nbval."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from qikit.core.model import (
    Charter,
    Feedback,
    Measure,
    PdsaCycle,
    Point,
    Project,
    RecordKind,
    Step,
    Team,
)
from qikit.core.wording import charter as charter_words
from qikit.demo.samples import WEEKLY_MINUTES, build_sample_project, sample_records
from qikit.pages import participant as workbook
from qikit.store import default_author, open_store
from qikit.store.records import load_project

REPO_ROOT = Path(__file__).resolve().parents[2]
WORKBOOKS = REPO_ROOT / "workbooks"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
AIM = (
    "We will reduce the time patients wait for a porter to X-ray from 40 to 25 minutes for "
    "patients on wards 3 and 4 by 30 June 2026."
)
TOP_CAUSE = "Requests come by phone and go on scraps of paper"
#: Something only each page shows, read from the sample project.
PAGE_CONTENT = {
    "home": ["X-ray porters", "Amy Clarke", "Porter and team lead", "Your mentor: Sam Patel"],
    "charter": [AIM, "Patients going to X-ray wait too long for a porter."],
    "understanding": [TOP_CAUSE, "The porter looks for a wheelchair"],
    "measuring": ["Minutes from request to patient leaving the ward", "below the middle line"],
    "changing": ["One clear way to ask for a porter", "A tablet on ward 3 for one week"],
    "storyboard": [AIM, TOP_CAUSE, "Adopt: keep doing it", "The nurses liked seeing"],
}


# --- running the notebooks ---------------------------------------------------------------------


def _execute(notebook: Path, output: Path, **parameters: str) -> dict[str, Any]:
    import papermill

    papermill.execute_notebook(
        str(notebook),
        str(output),
        parameters=parameters,
        kernel_name="python3",
        cwd=str(output.parent),
        progress_bar=False,
        execution_timeout=300,
    )
    return json.loads(output.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def executed(
    cohort: Path, team: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[tuple[str, str], dict[str, Any]]]:
    """Every workbook run by papermill in both modes for the test team: (stage, mode) → nb."""
    pytest.importorskip("papermill")
    out = tmp_path_factory.mktemp("executed")
    runs: dict[tuple[str, str], dict[str, Any]] = {}
    timings: list[float] = []
    with pytest.MonkeyPatch.context() as patch:
        # The kernel is a new process: let it import this checkout's qikit.
        patch.setenv("PYTHONPATH", str(REPO_ROOT))
        for stage, name in workbook.NOTEBOOKS.items():
            for mode in workbook.MODES:
                start = time.perf_counter()
                runs[stage, mode] = _execute(
                    WORKBOOKS / name,
                    out / f"{mode}-{name}",
                    cohort=str(cohort),
                    team=team,
                    mode=mode,
                )
                timings.append(time.perf_counter() - start)
    print(f"papermill: {len(timings)} runs, {sum(timings) / len(timings):.2f} s each on average")
    yield runs


def _outputs(notebook: dict[str, Any]) -> list[dict[str, Any]]:
    return [o for cell in notebook["cells"] for o in cell.get("outputs", [])]


def _shown_html(notebook: dict[str, Any]) -> str:
    """Return every text/html output of the notebook, joined (still escaped)."""
    return " ".join("".join(o.get("data", {}).get("text/html", "")) for o in _outputs(notebook))


def _widget_text(notebook: dict[str, Any]) -> str:
    """Return the values of every widget saved with the notebook (HTML widgets, text boxes)."""
    states = notebook["metadata"].get("widgets", {})
    models = states.get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    return " ".join(
        str(model["state"]["value"])
        for model in models.values()
        if isinstance(model.get("state", {}).get("value"), str)
    )


def _readable(markup: str) -> str:
    """Return the text a person reads: tags dropped, entities decoded, spaces collapsed."""
    markup = re.sub(r"<style\b.*?</style>", " ", markup, flags=re.DOTALL)
    markup = re.sub(r"</?(?:a|strong|em|span)\b[^>]*>", "", markup)  # inline: no space
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


# --- the notebooks themselves ------------------------------------------------------------------


@pytest.mark.parametrize("stage", workbook.STAGES)
def test_each_workbook_is_a_parameters_cell_and_one_call(stage: str) -> None:
    """Does each workbook hold wiring only: parameters, one show_stage call, no outputs?"""
    notebook = json.loads((WORKBOOKS / workbook.NOTEBOOKS[stage]).read_text(encoding="utf-8"))
    cells = notebook["cells"]
    assert [c["cell_type"] for c in cells] == ["code", "code"]  # no markdown: Voilà shows it
    parameters, wiring = ("".join(c["source"]) for c in cells)
    assert "parameters" in cells[0]["metadata"].get("tags", [])
    for line in ('cohort = ""', 'team = ""', 'mode = "app"'):
        assert line in parameters
    assert f'show_stage("{stage}", cohort=cohort, team=team, mode=mode)' in wiring
    assert len(wiring.splitlines()) <= 3
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in cells)
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"


def test_there_is_one_workbook_per_stage_and_no_other_numbered_one() -> None:
    numbered = sorted(p.name for p in WORKBOOKS.glob("[0-9][0-9]-*.ipynb"))
    assert numbered == sorted(workbook.NOTEBOOKS.values())


# --- review mode: static pages for mentors -----------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("stage", workbook.STAGES)
def test_review_page_is_static_and_shows_the_teams_work(
    executed: dict[tuple[str, str], dict[str, Any]], stage: str
) -> None:
    """Is the mentor's copy plain HTML (no widgets) with the team's own words in it?"""
    notebook = executed[stage, "review"]
    outputs = _outputs(notebook)
    assert not [o for o in outputs if o["output_type"] in ("error", "stream")]
    assert WIDGET_VIEW not in json.dumps(outputs)
    shown = _readable(_shown_html(notebook))
    for words in PAGE_CONTENT[stage]:
        assert words in shown, words
    assert "Traceback" not in json.dumps(notebook)


@pytest.mark.slow
def test_review_of_measures_has_the_chart(
    executed: dict[tuple[str, str], dict[str, Any]],
) -> None:
    page = _shown_html(executed["measuring", "review"])
    assert "<svg" in page or "data:image/png;base64," in page
    assert "Run chart" in _readable(page) or "run chart" in _readable(page)


@pytest.mark.slow
def test_causes_are_shown_as_text_never_as_markup(
    executed: dict[tuple[str, str], dict[str, Any]], nasty_cause: str
) -> None:
    """Is a cause typed as '<script>…' shown escaped, in the diagram and in the words?"""
    page = _shown_html(executed["understanding", "review"])
    assert "<script>alert" not in page
    assert html.escape(nasty_cause, quote=True) in page or "&lt;script&gt;" in page
    assert nasty_cause in _readable(page)


@pytest.mark.slow
@pytest.mark.parametrize("mode", workbook.MODES)
def test_storyboard_is_one_printable_static_page(
    executed: dict[tuple[str, str], dict[str, Any]], mode: str
) -> None:
    notebook = executed["storyboard", mode]
    page = _shown_html(notebook)
    assert "@media print" in page and "break-inside: avoid" in page
    assert WIDGET_VIEW not in json.dumps(_outputs(notebook))  # nothing to edit, in both modes
    assert page.count("<svg") >= 1  # the measure's chart
    shown = _readable(page)
    for words in PAGE_CONTENT["storyboard"]:
        assert words in shown, words
    # The story reads in order: aim, problem, causes, process, measures, changes, learning.
    headings = [
        "Our aim", "The problem", "What we think causes it", "Where the work goes wrong",
        "What we measured", "The changes we tested", "What we learned",
    ]  # fmt: skip
    places = [shown.index(h) for h in headings]
    assert places == sorted(places)


# --- app mode: live pages in Voilà -------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("stage", [s for s in workbook.STAGES if s != "storyboard"])
def test_app_page_shows_live_tools_with_the_teams_work(
    executed: dict[tuple[str, str], dict[str, Any]], stage: str
) -> None:
    notebook = executed[stage, "app"]
    outputs = _outputs(notebook)
    assert not [o for o in outputs if o["output_type"] in ("error", "stream")]
    assert any(WIDGET_VIEW in o.get("data", {}) for o in outputs)
    shown = _readable(_widget_text(notebook))
    assert workbook.NAME_LABEL in json.dumps(notebook["metadata"]["widgets"])
    for words in PAGE_CONTENT[stage]:
        if stage == "charter" and words == AIM:
            words = AIM.removesuffix(".")  # the live aim is drawn part by part
        assert words in shown, words


@pytest.mark.slow
def test_home_page_shows_progress_feedback_and_links(
    executed: dict[tuple[str, str], dict[str, Any]],
) -> None:
    page = _shown_html(executed["home", "review"])
    shown = _readable(page)
    assert "✓ Done: Write your aim. Your aim has all four parts." in shown
    assert "✓ Done: Find the causes. You have found 6 possible causes." in shown
    # Newest comment first, and "not read" said in words (not colour).
    assert shown.index("New: not read yet") < shown.index("Your run chart shows a real change")
    assert shown.index("Your run chart shows a real change") < shown.index("Your aim is clear")
    assert "Thanks Sam" not in shown  # a team member's reply is not the mentor's feedback
    for stage, name in workbook.NOTEBOOKS.items():
        if stage != "home":
            assert f'href="{name}"' in page  # relative: works wherever the team's folder is


# --- failures ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_unknown_team_gets_a_plain_message_and_the_log_gets_the_traceback(
    cohort: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("papermill")
    monkeypatch.setenv("PYTHONPATH", str(REPO_ROOT))
    notebook = _execute(
        WORKBOOKS / workbook.NOTEBOOKS["charter"],
        tmp_path / "unknown.ipynb",
        cohort=str(cohort),
        team="no-such-team",
        mode="app",
    )
    text = json.dumps(notebook)
    assert "Traceback" not in text and "PageError" not in text
    shown = _readable(_shown_html(notebook))
    match = re.search(r"give them this reference: (QK-[A-Z2-9]{6})", shown)
    assert match, shown
    assert shown.startswith("Something went wrong on this page. Your work is safe.")
    log = (cohort / "logs" / "errors.log").read_text(encoding="utf-8")
    entry = log[log.index(match.group(1)) :]
    assert "Traceback (most recent call last)" in entry and "no-such-team" in entry


def test_a_missing_store_is_reported_and_not_created(tmp_path: Path, team: str) -> None:
    page = workbook.stage_view("home", cohort=str(tmp_path), team=team, mode="review")
    assert "Something went wrong on this page. Your work is safe." in page
    reference = re.search(r"QK-[A-Z2-9]{6}", page)
    assert reference
    assert not (tmp_path / "qikit.db").exists()
    log = (tmp_path / "logs" / "errors.log").read_text(encoding="utf-8")
    assert reference.group(0) in log and "There is no store" in log


def test_a_bug_while_drawing_is_caught(
    fresh_cohort: Path, team: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(project: Project) -> str:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(workbook, "home_html", broken)
    for mode in workbook.MODES:
        page = workbook.stage_view("home", cohort=str(fresh_cohort), team=team, mode=mode)
        assert isinstance(page, str) and "QK-" in page and "ZeroDivisionError" not in page
    log = (fresh_cohort / "logs" / "errors.log").read_text(encoding="utf-8")
    assert log.count("ZeroDivisionError: a bug") == 2


def test_show_stage_never_raises(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    workbook.show_stage("home", cohort=str(tmp_path / "nowhere"), team="x-y", mode="review")
    assert "Traceback" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("stage", "mode"), [("nowhere", "app"), ("home", "edit"), ("", "review"), (None, None)]
)
def test_unknown_stage_or_mode_gets_a_plain_message(
    stage: Any, mode: Any, cohort: Path, team: str
) -> None:
    page = workbook.stage_view(stage, cohort=str(cohort), team=team, mode=mode)
    assert _readable(page) == workbook.UNKNOWN_STAGE


@pytest.mark.parametrize(("cohort_value", "team_value"), [("", ""), ("", "x-ray"), ("  ", "")])
def test_a_page_opened_without_a_team_says_where_to_open_it(
    cohort_value: str, team_value: str
) -> None:
    for mode in workbook.MODES:
        page = workbook.stage_view("charter", cohort=cohort_value, team=team_value, mode=mode)
        assert _readable(page) == workbook.NO_TEAM


def test_references_are_easy_to_read_out() -> None:
    references = {workbook.new_reference() for _ in range(200)}
    assert len(references) == 200
    assert all(re.fullmatch(r"QK-[A-HJ-NP-Z2-9]{6}", r) for r in references)


# --- the "Your name" box and the live team page ------------------------------------------------


def _walk(widget: Any) -> Iterator[Any]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _find(widget: Any, description: str) -> Any:
    return next(w for w in _walk(widget) if getattr(w, "description", None) == description)


def test_your_name_signs_the_history_for_this_visit_only(
    fresh_cohort: Path, team: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbook, "_visit_author", None)
    page = workbook.stage_view("charter", cohort=str(fresh_cohort), team=team, mode="app")
    name = _find(page, workbook.NAME_LABEL)
    # Empty until someone types (a served page would otherwise show the server's user name),
    # while changes made before that are signed with the computer's user name.
    assert name.value == "" and name.placeholder == workbook.NAME_PLACEHOLDER
    _find(page, charter_words.LABELS["scope"]).value = "Ward 3"
    with open_store(fresh_cohort / "qikit.db", create=False) as store:
        assert store.history(team, "charter", "main")[-1].author == default_author()
    name.value = "  Rosa   Lind "
    _find(page, charter_words.LABELS["scope"]).value = "Wards 3, 4 and 5"
    with open_store(fresh_cohort / "qikit.db", create=False) as store:
        history = store.history(team, "charter", "main")
        assert history[-1].author == "Rosa Lind"
        assert "Rosa" not in json.dumps([r.data for r in store.list(team)])  # saved nowhere else
    # The next page of this visit remembers the name.
    again = workbook.stage_view("measuring", cohort=str(fresh_cohort), team=team, mode="app")
    assert _find(again, workbook.NAME_LABEL).value == "Rosa Lind"
    # An emptied box falls back to the computer's user name rather than refusing to save.
    name.value = "   "
    _find(page, charter_words.LABELS["scope"]).value = "Wards 3 and 4"
    with open_store(fresh_cohort / "qikit.db", create=False) as store:
        assert store.history(team, "charter", "main")[-1].author == default_author()


def test_team_page_marks_the_mentors_comments_as_read(fresh_cohort: Path, team: str) -> None:
    page = workbook.stage_view(
        "home", cohort=str(fresh_cohort), team=team, mode="app", author="Amy"
    )
    button = _find(page, workbook.MARK_READ_BUTTON)
    assert "New: not read yet" in _readable(
        " ".join(str(getattr(w, "value", "")) for w in _walk(page))
    )
    button.click()
    with open_store(fresh_cohort / "qikit.db", create=False) as store:
        feedback = [f for f in load_project(store, team).feedback if f.from_mentor]
        assert all(f.read for f in feedback)
        assert store.history(team, "feedback", "sample-feedback-2")[-1].author == "Amy"
    texts = _readable(" ".join(str(getattr(w, "value", "")) for w in _walk(page)))
    assert "New: not read yet" not in texts and workbook.MARKED_READ in texts
    assert button.layout.display == "none"


# --- progress ----------------------------------------------------------------------------------


def test_progress_of_an_empty_project_is_all_not_yet() -> None:
    lines = workbook.progress(Project.of([Team(name="Cleaners", slug="cleaners")]))
    assert [p.done for p in lines] == [False] * 6
    assert {p.mark for p in lines} == {"○"}
    assert [p.stage for p in lines] == [
        "charter", "understanding", "understanding", "measuring", "changing", "storyboard",
    ]  # fmt: skip


def test_progress_counts_exactly_at_the_thresholds() -> None:
    records = [
        Charter(aim_what="cut waits", aim_how_much="by half"),
        *[r for r in sample_records() if r.KIND is RecordKind.CAUSE][:3],
        Step(record_id="s1", text="Start"),
        Measure(record_id="m", name="Minutes"),
        Measure(record_id="m2", name="Calls"),
        Point(record_id="p", measure_id="m2", date="2026-01-05", value=3),
        PdsaCycle(record_id="c", title="Try it"),
    ]
    aim, causes, steps, measure, cycles, story = workbook.progress(Project.of(records))
    assert not aim.done and aim.words == "Your aim still needs: For whom? By when?"
    assert causes.done and causes.words == "You have found 3 possible causes."
    assert steps.done and steps.words == "Your process map has 1 step."
    assert measure.done and measure.words == "“Calls” has 1 reading."
    assert cycles.done and not story.done  # no decision yet
    two = [r for r in sample_records() if r.KIND is RecordKind.CAUSE][:2]
    assert not workbook.progress(Project.of(two))[1].done


def test_only_the_mentors_comments_are_listed_newest_first() -> None:
    comments = [
        Feedback(record_id="a", author="Sam", at="2026-01-01T09:00:00+00:00", text="old",
                 from_mentor=True, read=True),
        Feedback(record_id="b", author="Sam", at="2026-02-01T09:00:00+00:00", text="new",
                 from_mentor=True),
        Feedback(record_id="c", author="Amy", at="2026-03-01T09:00:00+00:00", text="reply"),
    ]  # fmt: skip
    assert [f.text for f in workbook.mentor_feedback(Project.of(comments))] == ["new", "old"]


# --- the sample project ------------------------------------------------------------------------


def test_sample_project_is_valid_complete_and_idempotent(tmp_path: Path) -> None:
    with open_store(tmp_path / "qikit.db") as store:
        project = build_sample_project(store, "ward-3-porters")
        versions = {(r.kind, r.record_id): r.version for r in store.list("ward-3-porters")}
        again = build_sample_project(store, "ward-3-porters")
        assert {(r.kind, r.record_id): r.version for r in store.list("ward-3-porters")} == versions
    assert project == again and not project.problems()
    assert project.team is not None and project.team.slug == "ward-3-porters"
    assert len(project.causes) == 5 and all(c.votes for c in project.causes)
    assert len(project.steps) == 6 and len(project.pdsa_cycles) == 2
    assert [p.value for p in project.points_of(project.measures[0].record_id)] == list(
        map(float, WEEKLY_MINUTES)
    )
    assert all(p.done for p in workbook.progress(project))


# --- imports -----------------------------------------------------------------------------------


def test_review_pages_without_charts_load_no_widgets_and_no_matplotlib(
    cohort: Path, team: str
) -> None:
    """Does a mentor's copy of a page without charts skip ipywidgets and matplotlib?"""
    script = f"""
import json, sys
from qikit.pages import stage_view
seen = {{}}
for stage in ("home", "charter", "understanding", "changing", "measuring"):
    page = stage_view(stage, cohort={str(cohort)!r}, team={team!r}, mode="review")
    assert "QK-" not in page, page
    seen[stage] = sorted(m for m in ("ipywidgets", "matplotlib") if m in sys.modules)
print(json.dumps(seen))
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout)
    assert seen["home"] == seen["charter"] == seen["understanding"] == seen["changing"] == []
    assert seen["measuring"] == ["matplotlib"]  # charts need it; widgets are still not loaded


# --- nbval -------------------------------------------------------------------------------------


@pytest.mark.slow
def test_every_workbook_runs_under_nbval_with_its_default_parameters() -> None:
    """Do all workbooks run cleanly as saved (empty parameters), as CI's nbval check does?

    Run as a subprocess so that ``make test`` stays one pytest run: ``--nbval-lax`` must not
    be switched on for the unit tests, and nbval needs its own collection of ``workbooks/``.
    """
    started = time.perf_counter()
    nbval = ["--nbval-lax", "--nbval-current-env", "-p", "no:cacheprovider", "-q"]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", *nbval, str(WORKBOOKS)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    cells = sum(
        sum(c["cell_type"] == "code" for c in json.loads(p.read_text(encoding="utf-8"))["cells"])
        for p in WORKBOOKS.glob("*.ipynb")
    )
    assert re.search(rf"\b{cells} passed\b", done.stdout), done.stdout[-2000:]
    print(f"nbval: {time.perf_counter() - started:.1f} s")
