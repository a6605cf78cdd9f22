"""The participant workbook: wiring, both modes through papermill, failures, imports, nbval.

Each team has one workbook, the team page (``01-team.ipynb``), with every stage on it. The
live page's moves between stages are tested without a kernel in ``test_team_app.py``.
"""

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

from qikit import layout
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
from qikit.core.wording.pages import STAGE_NAMES, STAGES_NAV
from qikit.demo.samples import WEEKLY_MINUTES, build_sample_project, sample_records
from qikit.pages import TEAM_NOTEBOOK
from qikit.pages import participant as workbook
from qikit.store import default_author, open_store
from qikit.store.records import load_project
from papermill_run import execute

REPO_ROOT = Path(__file__).resolve().parents[2]
WORKBOOKS = REPO_ROOT / "workbooks"
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
AIM = (
    "We will reduce the time patients wait for a porter to X-ray from 40 to 25 minutes for "
    "patients on wards 3 and 4 by 30 June 2026."
)
TOP_CAUSE = "Requests come by phone and go on scraps of paper"
#: The team's name: the heading of the whole page (above the stage links).
TEAM_NAME = "X-ray porters"
#: Something only each stage shows, read from the sample project.
PAGE_CONTENT = {
    "home": ["Amy Clarke", "Porter and team lead", "Your mentor: Sam Patel"],
    "charter": [AIM, "Patients going to X-ray wait too long for a porter."],
    "understanding": [TOP_CAUSE, "The porter looks for a wheelchair"],
    "measuring": ["Minutes from request to patient leaving the ward", "below the middle line"],
    "changing": ["One clear way to ask for a porter", "A tablet on ward 3 for one week"],
    "storyboard": [AIM, TOP_CAUSE, "Adopt: keep doing it", "The nurses liked seeing"],
}
#: Words of the stages after the first that the home part never shows (its progress list
#: names the measure, so the measure's name is not among them).
NOT_ON_HOME = [
    "Patients going to X-ray wait too long for a porter.",
    TOP_CAUSE,
    "The porter looks for a wheelchair",
    "A tablet on ward 3 for one week",
    "The nurses liked seeing",
]


# --- running the notebook ----------------------------------------------------------------------


def _execute(notebook: Path, output: Path, **parameters: str) -> dict[str, Any]:
    return execute(notebook, output, **parameters)


@pytest.fixture(scope="module")
def executed(
    cohort: Path, team: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, dict[str, Any]]]:
    """The team page run by papermill in both modes for the test team: mode → notebook."""
    pytest.importorskip("papermill")
    out = tmp_path_factory.mktemp("executed")
    runs: dict[str, dict[str, Any]] = {}
    timings: dict[str, float] = {}
    with pytest.MonkeyPatch.context() as patch:
        # The kernel is a new process: let it import this checkout's qikit.
        patch.setenv("PYTHONPATH", str(REPO_ROOT))
        for mode in workbook.MODES:
            start = time.perf_counter()
            runs[mode] = _execute(
                WORKBOOKS / TEAM_NOTEBOOK,
                out / f"{mode}-{TEAM_NOTEBOOK}",
                cohort=str(cohort),
                team=team,
                mode=mode,
            )
            timings[mode] = time.perf_counter() - start
    print("papermill: " + ", ".join(f"{mode} {took:.2f} s" for mode, took in timings.items()))
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


_STAGE_SECTION = re.compile(r'<section id="([^"]+)" class="qikit-stage">')


def _sections(page: str) -> dict[str, str]:
    """Return each stage's part of the mentor's copy (``<section id=stage>`` to the next one).

    The tools draw sections of their own inside a stage, so a stage's part runs from its own
    opening tag to the next stage's.
    """
    starts = [(m.group(1), m.start()) for m in _STAGE_SECTION.finditer(page)]
    ends = [start for _, start in starts[1:]] + [len(page)]
    return {stage: page[start:end] for (stage, start), end in zip(starts, ends, strict=True)}


# --- the notebook itself -----------------------------------------------------------------------


def test_the_team_workbook_is_a_parameters_cell_and_one_call() -> None:
    """Does the workbook hold wiring only: parameters, one show_team call, no outputs?"""
    notebook = json.loads((WORKBOOKS / TEAM_NOTEBOOK).read_text(encoding="utf-8"))
    cells = notebook["cells"]
    assert [c["cell_type"] for c in cells] == ["code", "code"]  # no markdown: Voilà shows it
    parameters, wiring = ("".join(c["source"]) for c in cells)
    assert "parameters" in cells[0]["metadata"].get("tags", [])
    for line in ('cohort = ""', 'team = ""', 'mode = "app"'):
        assert line in parameters
    assert "show_team(cohort=cohort, team=team, mode=mode)" in wiring
    assert "show_stage" not in wiring
    assert len(wiring.splitlines()) <= 3
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in cells)
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"


def test_there_is_one_numbered_workbook_and_it_is_the_team_page() -> None:
    """Is the team page the only workbook a cohort build copies to each team?"""
    numbered = sorted(p.name for p in WORKBOOKS.glob("[0-9][0-9]-*.ipynb"))
    assert numbered == [TEAM_NOTEBOOK] == [layout.TEAM_WORKBOOK]
    assert sorted(
        p.name for p in WORKBOOKS.iterdir() if layout.WORKBOOK_NAME.fullmatch(p.name)
    ) == [TEAM_NOTEBOOK]


# --- review mode: the static copy for mentors --------------------------------------------------


@pytest.mark.slow
def test_review_page_is_static_and_shows_every_stage(
    executed: dict[str, dict[str, Any]],
) -> None:
    """Is the mentor's copy plain HTML (no widgets) with the team's words of every stage?"""
    notebook = executed["review"]
    outputs = _outputs(notebook)
    assert not [o for o in outputs if o["output_type"] in ("error", "stream")]
    assert WIDGET_VIEW not in json.dumps(outputs)
    assert (
        not notebook["metadata"]
        .get("widgets", {})
        .get("application/vnd.jupyter.widget-state+json", {})
        .get("state")
    )
    page = _shown_html(notebook)
    assert f"<h1>{TEAM_NAME}</h1>" in page.split('<section id="home"')[0]
    sections = _sections(page)
    for stage, expected in PAGE_CONTENT.items():
        shown = _readable(sections[stage])
        for words in expected:
            assert words in shown, (stage, words)
    assert "Traceback" not in json.dumps(notebook)


@pytest.mark.slow
def test_review_page_has_one_section_per_stage_and_its_links_reach_them(
    executed: dict[str, dict[str, Any]],
) -> None:
    """Is every stage one ``<section id=stage>``, in order, and every ``#stage`` link an anchor
    of the page (the same links the live page's router follows)?"""
    page = _shown_html(executed["review"])
    ids = [m.group(1) for m in _STAGE_SECTION.finditer(page)]
    assert ids == list(workbook.STAGES)
    for stage in workbook.STAGES:  # one part and one heading per stage, nothing else so named
        assert page.count(f'id="{stage}"') == page.count(f'id="qikit-stage-{stage}"') == 1
    # HTML links (the charts' SVG ``xlink:href`` name their own markers, not parts of the page).
    hrefs = re.findall(r'(?<![\w:])href="([^"]*)"', page)
    assert hrefs and all(h.startswith("#") for h in hrefs), hrefs  # nothing else to open
    assert {h[1:] for h in hrefs} <= set(ids)
    # The stage links: one row, every stage named, none marked as the one shown (all are).
    nav = re.findall(r'<nav class="qikit-stages" aria-label="([^"]+)">(.*?)</nav>', page, re.S)
    assert [label for label, _ in nav] == [STAGES_NAV]
    assert re.findall(r'href="#([^"]+)"', nav[0][1]) == list(workbook.STAGES)
    assert _readable(nav[0][1]) == " ".join(STAGE_NAMES[s] for s in workbook.STAGES)
    assert 'aria-current="page">' not in page
    # Each section starts with its stage's heading.
    for stage, part in _sections(page).items():
        assert re.search(rf'^<section id="{stage}"[^>]*><h2 id="qikit-stage-{stage}"', part)
        assert _readable(part).startswith(STAGE_NAMES[stage])


@pytest.mark.slow
def test_review_of_measures_has_the_chart(executed: dict[str, dict[str, Any]]) -> None:
    part = _sections(_shown_html(executed["review"]))["measuring"]
    assert "<svg" in part or "data:image/png;base64," in part
    assert "Run chart" in _readable(part) or "run chart" in _readable(part)


@pytest.mark.slow
def test_causes_are_shown_as_text_never_as_markup(
    executed: dict[str, dict[str, Any]], nasty_cause: str
) -> None:
    """Is a cause typed as '<script>…' shown escaped, in the diagram and in the words?"""
    page = _shown_html(executed["review"])
    assert "<script>alert" not in page
    part = _sections(page)["understanding"]
    assert html.escape(nasty_cause, quote=True) in part or "&lt;script&gt;" in part
    assert nasty_cause in _readable(part)


@pytest.mark.slow
def test_the_storyboard_is_a_printable_part_of_the_page(
    executed: dict[str, dict[str, Any]],
) -> None:
    """Does the storyboard carry its print styles and read in order?  (The live page's
    storyboard is the same static HTML: ``test_team_app.py``.)"""
    part = _sections(_shown_html(executed["review"]))["storyboard"]
    assert "@media print" in part and "break-inside: avoid" in part
    assert part.count("<svg") >= 1  # the measure's chart
    shown = _readable(part)
    for words in PAGE_CONTENT["storyboard"]:
        assert words in shown, words
    # The story reads in order: aim, problem, causes, process, measures, changes, learning.
    headings = [
        "Our aim", "The problem", "What we think causes it", "Where the work goes wrong",
        "What we measured", "The changes we tested", "What we learned",
    ]  # fmt: skip
    places = [shown.index(h) for h in headings]
    assert places == sorted(places)


@pytest.mark.slow
def test_home_part_shows_progress_feedback_and_links(
    executed: dict[str, dict[str, Any]],
) -> None:
    part = _sections(_shown_html(executed["review"]))["home"]
    shown = _readable(part)
    assert "✓ Done: Write your aim. Your aim has all four parts." in shown
    assert "✓ Done: Find the causes. You have found 6 possible causes." in shown
    # Newest comment first, and "not read" said in words (not colour).
    assert shown.index("New: not read yet") < shown.index("Your run chart shows a real change")
    assert shown.index("Your run chart shows a real change") < shown.index("Your aim is clear")
    assert "Thanks Sam" not in shown  # a team member's reply is not the mentor's feedback
    for stage in workbook.STAGES:
        if stage != "home":
            # To a part of the same page: works wherever the page is served or copied.
            assert f'href="#{stage}"' in part


# --- app mode: the live page in Voilà ----------------------------------------------------------


@pytest.mark.slow
def test_app_page_is_live_and_opens_with_only_its_first_stage_built(
    executed: dict[str, dict[str, Any]],
) -> None:
    """Is the live page widgets, with the home part's words in them and no other stage's yet
    (each stage is built on its first visit)?"""
    notebook = executed["app"]
    outputs = _outputs(notebook)
    assert not [o for o in outputs if o["output_type"] in ("error", "stream")]
    assert [o for o in outputs if WIDGET_VIEW in o.get("data", {})]
    assert "Traceback" not in json.dumps(notebook)
    state = json.dumps(notebook["metadata"]["widgets"])
    assert workbook.NAME_LABEL in state
    shown = _readable(_widget_text(notebook))
    for words in [TEAM_NAME, *PAGE_CONTENT["home"]]:
        assert words in shown, words
    for words in NOT_ON_HOME:
        assert words not in shown, words
    assert charter_words.LABELS["aim_what"] not in state  # the charter's tools: not yet
    # The stage links, the home part marked as the one shown.
    text = _widget_text(notebook)
    assert re.findall(r'href="#([^"]+)" aria-current="page"', text) == ["home"]
    assert f'href="#home" aria-current="page">{STAGE_NAMES["home"]}<' in text


# --- failures ----------------------------------------------------------------------------------


@pytest.mark.slow
def test_unknown_team_gets_a_plain_message_and_the_log_gets_the_traceback(
    cohort: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("papermill")
    monkeypatch.setenv("PYTHONPATH", str(REPO_ROOT))
    notebook = _execute(
        WORKBOOKS / TEAM_NOTEBOOK,
        tmp_path / "unknown.ipynb",
        cohort=str(cohort),
        team="no-such-team",
        mode="app",
    )
    text = json.dumps(notebook)
    assert "Traceback" not in text and "PageError" not in text
    assert WIDGET_VIEW not in json.dumps(_outputs(notebook))  # no page, only the message
    shown = _readable(_shown_html(notebook))
    match = re.search(r"give them this reference: (QK-[A-Z2-9]{6})", shown)
    assert match, shown
    assert shown.startswith("Something went wrong on this page. Your work is safe.")
    log = (cohort / "logs" / "errors.log").read_text(encoding="utf-8")
    entry = log[log.index(match.group(1)) :]
    assert "Traceback (most recent call last)" in entry and "no-such-team" in entry


def test_a_missing_store_is_reported_and_not_created(tmp_path: Path, team: str) -> None:
    for mode in workbook.MODES:
        page = workbook.team_view(cohort=str(tmp_path), team=team, mode=mode)
        assert isinstance(page, str)
        assert "Something went wrong on this page. Your work is safe." in page
        reference = re.search(r"QK-[A-Z2-9]{6}", page)
        assert reference
        assert not (tmp_path / "qikit.db").exists()
        log = (tmp_path / "logs" / "errors.log").read_text(encoding="utf-8")
        assert reference.group(0) in log and "There is no store" in log


def test_a_bug_while_drawing_is_caught(
    fresh_cohort: Path, team: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Is a bug in the home part caught: the mentor's copy is the failure message, and on the
    live page the home part says so while the rest of the page is there?"""
    from qikit.pages import app, static

    def broken(project: Project, **_: Any) -> str:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(static, "home_html", broken)
    monkeypatch.setattr(app, "home_html", broken)
    review = workbook.team_view(cohort=str(fresh_cohort), team=team, mode="review")
    assert isinstance(review, str) and "QK-" in review and "ZeroDivisionError" not in review
    live = workbook.team_view(cohort=str(fresh_cohort), team=team, mode="app")
    assert not isinstance(live, str)
    texts = " ".join(str(getattr(w, "value", "")) for w in _walk(live))
    assert "QK-" in texts and "ZeroDivisionError" not in texts
    assert workbook.NAME_LABEL in [getattr(w, "description", None) for w in _walk(live)]
    log = (fresh_cohort / "logs" / "errors.log").read_text(encoding="utf-8")
    assert log.count("ZeroDivisionError: a bug") == 2
    assert "stage='home' mode='app'" in log and "mode='review'" in log


def test_a_bug_while_building_the_live_page_is_caught(
    fresh_cohort: Path, team: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Does a bug outside any stage (the page's frame) give the failure message, not a crash?"""
    from qikit.pages import app

    def broken(current: str | None = None) -> str:
        raise ZeroDivisionError("a frame bug")

    monkeypatch.setattr(app, "stages_nav_html", broken)
    page = workbook.team_view(cohort=str(fresh_cohort), team=team, mode="app")
    assert isinstance(page, str) and "QK-" in page and "ZeroDivisionError" not in page
    log = (fresh_cohort / "logs" / "errors.log").read_text(encoding="utf-8")
    assert "ZeroDivisionError: a frame bug" in log


def test_show_team_and_show_stage_never_raise(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Do the workbooks' calls display the failure message (never raise) when all goes wrong?"""
    import IPython.display

    shown: list[Any] = []
    monkeypatch.setattr(IPython.display, "display", lambda *objects: shown.extend(objects))
    for mode in workbook.MODES:
        workbook.show_team(cohort=str(tmp_path / "nowhere"), team="x-y", mode=mode)
        workbook.show_stage("home", cohort=str(tmp_path / "nowhere"), team="x-y", mode=mode)
    assert [type(s).__name__ for s in shown] == ["HTML"] * 4
    assert all("QK-" in s.data and "Traceback" not in s.data for s in shown)
    assert "Traceback" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("stage", "mode"), [("nowhere", "app"), ("home", "edit"), ("", "review"), (None, None)]
)
def test_unknown_stage_or_mode_gets_a_plain_message(
    stage: Any, mode: Any, cohort: Path, team: str
) -> None:
    page = workbook.team_view(cohort=str(cohort), team=team, mode=mode, start=stage)
    assert _readable(page) == workbook.UNKNOWN_STAGE
    page = workbook.stage_view(stage, cohort=str(cohort), team=team, mode=mode)
    assert _readable(page) == workbook.UNKNOWN_STAGE


@pytest.mark.parametrize(("cohort_value", "team_value"), [("", ""), ("", "x-ray"), ("  ", "")])
def test_a_page_opened_without_a_team_says_where_to_open_it(
    cohort_value: str, team_value: str
) -> None:
    for mode in workbook.MODES:
        page = workbook.team_view(cohort=cohort_value, team=team_value, mode=mode)
        assert _readable(page) == workbook.NO_TEAM
        page = workbook.stage_view("charter", cohort=cohort_value, team=team_value, mode=mode)
        assert _readable(page) == workbook.NO_TEAM


def test_references_are_easy_to_read_out() -> None:
    references = {workbook.new_reference() for _ in range(200)}
    assert len(references) == 200
    assert all(re.fullmatch(r"QK-[A-HJ-NP-Z2-9]{6}", r) for r in references)


# --- cohorts built with one workbook per stage ---------------------------------------------------


def test_a_stage_workbook_for_review_draws_that_stage_alone(cohort: Path, team: str) -> None:
    """Does an old cohort's charter workbook, run for a mentor, show the charter and no other
    stage?"""
    page = workbook.stage_view("charter", cohort=str(cohort), team=team, mode="review")
    assert isinstance(page, str) and "QK-" not in page
    shown = _readable(page)
    for words in PAGE_CONTENT["charter"]:
        assert words in shown, words
    assert "<section id=" not in page and "qikit-stages" not in page
    for words in PAGE_CONTENT["understanding"] + PAGE_CONTENT["measuring"]:
        assert words not in shown, words
    assert 'href="#home"' in page  # back to the team page, which is the home part there
    home = _readable(workbook.stage_view("home", cohort=str(cohort), team=team, mode="review"))
    assert all(words in home for words in PAGE_CONTENT["home"])
    assert AIM not in home


def test_a_stage_workbook_live_opens_the_team_page_at_that_stage(
    fresh_cohort: Path, team: str
) -> None:
    """Does an old cohort's charter workbook open the team page with the charter shown (so its
    links to the other stages keep working)?"""
    from qikit.widgets.router import StageRouter

    page = workbook.stage_view("charter", cohort=str(fresh_cohort), team=team, mode="app")
    assert not isinstance(page, str)
    (router,) = [w for w in _walk(page) if isinstance(w, StageRouter)]
    assert router.stage == "charter"
    texts = " ".join(str(getattr(w, "value", "")) for w in _walk(page))
    assert 'href="#charter" aria-current="page"' in texts
    assert _find(page, charter_words.LABELS["aim_what"]).value
    assert "Amy Clarke" not in _readable(texts)  # the home part is not built
    router.stage = "home"
    texts = " ".join(str(getattr(w, "value", "")) for w in _walk(page))
    assert "Amy Clarke" in _readable(texts)


# --- the "Your name" box and the live team page ------------------------------------------------


def _walk(widget: Any) -> Iterator[Any]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _find(widget: Any, description: str) -> Any:
    found = [w for w in _walk(widget) if getattr(w, "description", None) == description]
    assert len(found) == 1, description
    return found[0]


def test_your_name_signs_the_history_for_this_visit_only(
    fresh_cohort: Path, team: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from qikit.pages import app
    from qikit.widgets.router import StageRouter

    monkeypatch.setattr(app, "_visit_author", None)
    page = workbook.team_view(cohort=str(fresh_cohort), team=team, mode="app", start="charter")
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
    # One box for the whole page: a change on another stage is signed with it too.
    (router,) = [w for w in _walk(page) if isinstance(w, StageRouter)]
    router.stage = "home"
    _find(page, workbook.MARK_READ_BUTTON).click()
    with open_store(fresh_cohort / "qikit.db", create=False) as store:
        assert store.history(team, "feedback", "sample-feedback-2")[-1].author == "Rosa Lind"
    # Another page of this visit (a second tab) remembers the name.
    again = workbook.team_view(cohort=str(fresh_cohort), team=team, mode="app")
    assert _find(again, workbook.NAME_LABEL).value == "Rosa Lind"
    # An emptied box falls back to the computer's user name rather than refusing to save.
    router.stage = "charter"
    name.value = "   "
    _find(page, charter_words.LABELS["scope"]).value = "Wards 3 and 4"
    with open_store(fresh_cohort / "qikit.db", create=False) as store:
        assert store.history(team, "charter", "main")[-1].author == default_author()


def test_team_page_marks_the_mentors_comments_as_read(fresh_cohort: Path, team: str) -> None:
    page = workbook.team_view(cohort=str(fresh_cohort), team=team, mode="app", author="Amy")
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
    """Does a mentor's copy of a stage without charts skip ipywidgets and matplotlib, and the
    copy of the whole team page skip ipywidgets?"""
    script = f"""
import json, sys
from qikit.pages import stage_view, team_view
seen = {{}}
for stage in ("home", "charter", "understanding", "changing", "measuring"):
    page = stage_view(stage, cohort={str(cohort)!r}, team={team!r}, mode="review")
    assert "QK-" not in page, page
    seen[stage] = sorted(m for m in ("ipywidgets", "matplotlib") if m in sys.modules)
page = team_view(cohort={str(cohort)!r}, team={team!r}, mode="review")
assert isinstance(page, str) and "QK-" not in page, page
seen["team"] = sorted(m for m in ("ipywidgets", "anywidget", "matplotlib") if m in sys.modules)
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
    assert seen["team"] == ["matplotlib"]  # every stage, the measures too; no widgets


def test_the_live_page_opens_without_the_stages_tools(cohort: Path, team: str) -> None:
    """Does the live team page open with only the home part's modules (no matplotlib, no
    stage's tools) until another stage is shown?"""
    script = f"""
import json, sys
from qikit.pages import team_view
from qikit.pages.app import STAGE_MODULES
page = team_view(cohort={str(cohort)!r}, team={team!r}, mode="app")
assert not isinstance(page, str), page
print(json.dumps(sorted(m for m in (*STAGE_MODULES, "matplotlib") if m in sys.modules)))
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


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
        for p in WORKBOOKS.rglob("*.ipynb")  # the trainers' pages in workbooks/trainer/ too
    )
    assert re.search(rf"\b{cells} passed\b", done.stdout), done.stdout[-2000:]
    print(f"nbval: {time.perf_counter() - started:.1f} s")
