"""The live team page without a kernel: stages built on first visit, refreshed on return.

:class:`qikit.pages.app.TeamApp` is made over a real store in ``tmp_path``; what the browser
does (follow a ``#stage`` link) is setting ``app.router.stage``, as the router widget does.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import ipywidgets
import pytest
import traitlets

from qikit.core.model import Cause, Charter, Project
from qikit.core.wording import charter as charter_words
from qikit.core.wording import pages as page_words
from qikit.core.wording import reflection as reflection_words
from qikit.demo.samples import sample_team
from qikit.pages import app as app_module
from qikit.pages.app import FIRST_STAGE, STAGE_MODULES, StagePart, TeamApp
from qikit.pages.stages import STAGES
from qikit.store import SqliteStore, open_store
from qikit.store.records import load_project, save_record
from qikit.widgets.base import ToolContext
from qikit.widgets.router import StageRouter

REPO_ROOT = Path(__file__).resolve().parents[2]
AIM_WHAT = charter_words.LABELS["aim_what"]
FOUR_PARTS = {
    "aim_what": "cut the wait for a porter",
    "aim_how_much": "from 40 to 25 minutes",
    "aim_for_whom": "patients on ward 3",
    "aim_by_when": "2027-06-30",
}
#: The editable controls a participant could type in or press.
INPUTS = (ipywidgets.Text, ipywidgets.Textarea, ipywidgets.Button, ipywidgets.Dropdown)


def _walk(widget: Any) -> Iterator[Any]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _walk(child)


def _texts(widget: Any) -> str:
    """Return what a person reads in ``widget``: every value, tags dropped, entities decoded."""
    markup = " ".join(str(getattr(w, "value", "")) for w in _walk(widget))
    markup = re.sub(r"<style\b.*?</style>", " ", markup, flags=re.DOTALL)
    markup = re.sub(r"</?(?:a|strong|em|span)\b[^>]*>", "", markup)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def _find(widget: Any, description: str) -> Any:
    found = [w for w in _walk(widget) if getattr(w, "description", None) == description]
    assert len(found) == 1, description
    return found[0]


def _current(app: TeamApp) -> list[str]:
    """Return the stages the stage links mark as the one shown."""
    return re.findall(r'href="#([^"]+)" aria-current="page"', app.nav.value)


@pytest.fixture
def open_app(request: pytest.FixtureRequest) -> Callable[..., TeamApp]:
    """Open the team page of a cohort's team over a real store, closed after the test."""
    stores: list[SqliteStore] = []

    def opener(cohort: Path, team: str, **options: Any) -> TeamApp:
        store = open_store(cohort / "qikit.db", create=False)
        stores.append(store)
        return TeamApp(store, load_project(store, team), cohort=str(cohort), **options)

    yield opener
    for store in stores:
        store.close()


@pytest.fixture
def bare_cohort(tmp_path: Path, team: str) -> Path:
    """A cohort whose team has only its Team record (no aim yet)."""
    folder = tmp_path / "bare"
    folder.mkdir()
    with open_store(folder / "qikit.db") as store:
        save_record(store, team, sample_team(team), author="test setup")
    return folder


# -- opening and moving -------------------------------------------------------------------------


def test_the_page_opens_with_only_its_first_stage_built(
    fresh_cohort: Path, team: str, open_app: Callable[..., TeamApp]
) -> None:
    app = open_app(fresh_cohort, team)
    assert FIRST_STAGE == "home" == app.shown == app.router.stage
    assert list(app.boxes) == ["home"] and list(app.parts) == ["home"]
    assert app.holder.children == (app.boxes["home"],)
    assert "Amy Clarke" in _texts(app.holder)
    assert not [w for w in _walk(app.widget) if getattr(w, "description", None) == AIM_WHAT]
    assert _current(app) == ["home"]
    assert app.router.stages == list(STAGES)
    assert app.widget.children[1] is app.router  # on the page, so it reaches the browser


def test_showing_a_stage_builds_its_tools_once_and_shows_it_alone(
    fresh_cohort: Path, team: str, open_app: Callable[..., TeamApp]
) -> None:
    app = open_app(fresh_cohort, team)
    app.show("charter")
    assert app.shown == app.router.stage == "charter" and _current(app) == ["charter"]
    aim = _find(app.holder, AIM_WHAT)
    assert aim.value == "reduce the time patients wait for a porter to X-ray"
    assert app.holder.children == (app.boxes["charter"],)  # home's widgets are off the page
    assert "Amy Clarke" not in _texts(app.holder)
    heading = app.boxes["charter"].children[0]
    assert 'id="qikit-stage-charter"' in heading.value
    assert page_words.STAGE_NAMES["charter"] in _texts(heading)
    home_box = app.boxes["home"]
    app.show("home")
    assert app.boxes["home"] is home_box and app.holder.children == (home_box,)
    app.show("charter")
    assert _find(app.holder, AIM_WHAT) is aim  # the same box: not built again


def test_every_stage_builds_and_the_page_keeps_one_name_box(
    fresh_cohort: Path, team: str, open_app: Callable[..., TeamApp]
) -> None:
    """Does every stage build without a failure, only the shown one on the page, under the one
    "Your name" box?"""
    app = open_app(fresh_cohort, team)
    for stage in STAGES:
        app.show(stage)
        assert app.holder.children == (app.boxes[stage],) and _current(app) == [stage]
        assert "QK-" not in _texts(app.boxes[stage]), stage
    assert list(app.boxes) == list(app.parts) == list(STAGES)
    _find(app.widget, page_words.NAME_LABEL)  # exactly one, whatever the stage


def test_the_storyboard_is_static_on_the_live_page_too(
    fresh_cohort: Path, team: str, open_app: Callable[..., TeamApp]
) -> None:
    """Is the live storyboard the printable HTML, with nothing to edit but the poster's six
    caption boxes (and their "Earlier versions") and each person's reflection?"""
    app = open_app(fresh_cohort, team)
    app.show("storyboard")
    box = app.boxes["storyboard"]
    editable = [w for w in _walk(box) if isinstance(w, INPUTS)]
    typed = [w for w in editable if not isinstance(w, ipywidgets.Button)]
    asked = {*reflection_words.QUESTIONS.values(), reflection_words.WHO_LABEL}
    assert asked <= {w.description for w in typed}
    captions = [w for w in typed if w.description not in asked]
    assert len(captions) == 6
    assert all(isinstance(w, (ipywidgets.Text, ipywidgets.Textarea)) for w in captions)
    board = "".join(str(w.value) for w in _walk(box) if isinstance(w, ipywidgets.HTML))
    assert "@media print" in board and "break-inside: avoid" in board
    assert "<svg" in board and "What we learned" in _texts(box)


def test_the_live_home_links_to_the_survey_the_build_wrote(
    fresh_cohort: Path, team: str, open_app: Callable[..., TeamApp]
) -> None:
    """Does the live team page link to the cohort's skills survey, at the address where the
    build writes it (the mentor's static copy, with no server behind it, has no link)?"""
    import posixpath

    from qikit.layout import SURVEY_FOLDER, SURVEY_WORKBOOK, TEAM_WORKBOOK, TEAMS_FOLDER
    from qikit.pages.static import static_stage_html

    app = open_app(fresh_cohort, team)
    markup = " ".join(str(getattr(w, "value", "")) for w in _walk(app.boxes["home"]))
    hrefs = re.findall(r'href="([^"#][^"]*)"', markup)
    assert len(hrefs) == 1 and page_words.SURVEY_LINK in _texts(app.boxes["home"])
    team_page = posixpath.join(TEAMS_FOLDER, team, TEAM_WORKBOOK)
    survey = posixpath.normpath(posixpath.join(posixpath.dirname(team_page), hrefs[0]))
    assert survey == f"{SURVEY_FOLDER}/{SURVEY_WORKBOOK}"
    with open_store(fresh_cohort / "qikit.db") as store:
        project = load_project(store, team)
    assert page_words.SURVEY_LINK not in static_stage_html("home", project)


def test_an_unknown_stage_is_ignored(
    fresh_cohort: Path, team: str, open_app: Callable[..., TeamApp]
) -> None:
    app = open_app(fresh_cohort, team)
    before = app.holder.children
    for stage in ("nowhere", "", "Charter", "home"):
        app.show(stage)
        assert (app.shown, app.router.stage, app.holder.children) == ("home", "home", before)
        assert list(app.boxes) == ["home"] and _current(app) == ["home"]


def test_the_router_follows_the_page_and_the_page_follows_the_router(
    fresh_cohort: Path, team: str, open_app: Callable[..., TeamApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Does ``router.stage`` follow ``show()``, and setting it (what the browser does on a
    ``#stage`` link or "Back") show that stage and move the focus to its heading?"""
    app = open_app(fresh_cohort, team)
    sent: list[dict[str, Any]] = []
    monkeypatch.setattr(app.router, "send", sent.append)
    app.show("changing")
    assert app.router.stage == "changing"
    app.router.stage = "measuring"
    assert app.shown == "measuring" and app.holder.children == (app.boxes["measuring"],)
    assert _current(app) == ["measuring"]
    assert sent == [{"focus": "changing"}, {"focus": "measuring"}]
    app.router.stage = "nonsense"  # a hand-typed address
    assert app.router.stage == app.shown == "measuring"
    app.router.stage = "home"  # "Back" to the first stage
    assert app.shown == "home" and sent[-1] == {"focus": "home"}


def test_the_page_opens_at_the_stage_it_is_given(
    fresh_cohort: Path, team: str, open_app: Callable[..., TeamApp]
) -> None:
    app = open_app(fresh_cohort, team, start="understanding")
    assert app.shown == app.router.stage == "understanding"
    assert list(app.boxes) == ["understanding"] and _current(app) == ["understanding"]


# -- returning to a stage -----------------------------------------------------------------------


def test_returning_to_a_stage_refreshes_it_from_the_store(
    bare_cohort: Path, team: str, open_app: Callable[..., TeamApp]
) -> None:
    """After the aim is typed on the charter, does the home part's progress list count it; and
    does a teammate's change (another tab) appear on return, without rebuilding the tools?"""
    app = open_app(bare_cohort, team, author="Amy")
    assert "○ Not yet: Write your aim." in _texts(app.holder)
    app.show("charter")
    for field, value in FOUR_PARTS.items():
        _find(app.holder, charter_words.LABELS[field]).value = value
    aim = _find(app.holder, AIM_WHAT)
    with open_store(bare_cohort / "qikit.db", create=False) as store:
        saved = load_project(store, team).charter
        assert saved is not None and saved.aim_what == FOUR_PARTS["aim_what"]
        assert store.history(team, "charter", "main")[-1].author == "Amy"
    app.show("home")
    assert "✓ Done: Write your aim. Your aim has all four parts." in _texts(app.holder)
    # A teammate, on another page, changes the aim and adds a cause.
    with open_store(bare_cohort / "qikit.db", create=False) as other:
        teammate = ToolContext(other, team, "Tom")
        teammate.save(Charter.KIND, "main", {"aim_what": "cut the wait for a wheelchair"})
        save_record(
            other, team, Cause(record_id="c1", category="Methods", text="No list"), author="Tom"
        )
    app.show("charter")
    assert _find(app.holder, AIM_WHAT) is aim and aim.value == "cut the wait for a wheelchair"
    app.show("home")
    assert "You have found 1 possible cause" in _texts(app.holder)


def test_the_home_part_is_refreshed_with_the_comments_marked_read(
    fresh_cohort: Path, team: str, open_app: Callable[..., TeamApp]
) -> None:
    """Does "Mark as read" hide itself, and the status line clear when the home part is shown
    again?"""
    app = open_app(fresh_cohort, team, author="Amy")
    button = _find(app.holder, page_words.MARK_READ_BUTTON)
    button.click()
    assert page_words.MARKED_READ in _texts(app.holder) and button.layout.display == "none"
    app.show("charter")
    app.show("home")
    assert page_words.MARKED_READ not in _texts(app.holder)
    assert "New: not read yet" not in _texts(app.holder) and button.layout.display == "none"


# -- failures -----------------------------------------------------------------------------------


def _broken(context: ToolContext, project: Project) -> StagePart:
    raise ZeroDivisionError("a stage bug")


def test_one_stage_failing_shows_the_message_there_and_the_others_work(
    fresh_cohort: Path, team: str, open_app: Callable[..., TeamApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(app_module._STAGE_PARTS, "measuring", _broken)
    app = open_app(fresh_cohort, team)
    app.show("measuring")
    shown = _texts(app.holder)
    reference = re.search(r"give them this reference: (QK-[A-Z2-9]{6})", shown)
    assert reference, shown
    assert "ZeroDivisionError" not in shown and "Traceback" not in shown
    assert page_words.STAGE_NAMES["measuring"] in shown  # the stage's heading stays
    log = (fresh_cohort / "logs" / "errors.log").read_text(encoding="utf-8")
    entry = log[log.index(reference.group(1)) :]
    assert "stage='measuring' mode='app'" in entry and "ZeroDivisionError: a stage bug" in entry
    for stage in ("charter", "changing", "home"):
        app.show(stage)
        assert "QK-" not in _texts(app.holder), stage
    _find(app.widget, page_words.NAME_LABEL)
    app.show("measuring")  # tried again: still broken, so a new message, not a crash
    again = _texts(app.holder)
    assert "QK-" in again and reference.group(1) not in again
    # Once the fault is gone (the store back, a bug fixed), the next visit builds the stage.
    monkeypatch.setitem(app_module._STAGE_PARTS, "measuring", app_module._measuring_part)
    app.show("home")
    app.show("measuring")
    assert "QK-" not in _texts(app.holder) and "measuring" in app.parts


def test_a_stage_failing_to_refresh_shows_the_message_there(
    fresh_cohort: Path, team: str, open_app: Callable[..., TeamApp]
) -> None:
    app = open_app(fresh_cohort, team)
    app.show("charter")

    def broken() -> None:
        raise ZeroDivisionError("a refresh bug")

    app.parts["charter"].refresh = broken
    app.show("home")
    app.show("charter")
    shown = _texts(app.holder)
    assert "QK-" in shown and "ZeroDivisionError" not in shown
    assert shown.startswith(page_words.STAGE_NAMES["charter"])
    assert "charter" not in app.parts
    log = (fresh_cohort / "logs" / "errors.log").read_text(encoding="utf-8")
    assert "ZeroDivisionError: a refresh bug" in log
    app.show("home")
    assert "QK-" not in _texts(app.holder)


# -- the name box and the router ------------------------------------------------------------------


def test_the_name_box_signs_every_change_from_the_page(
    fresh_cohort: Path, team: str, open_app: Callable[..., TeamApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "_visit_author", None)
    app = open_app(fresh_cohort, team, author="  Amy   Clarke ")
    assert app.name_box.value == "Amy Clarke" == app.context.author
    app.show("charter")
    app.name_box.value = "Rosa"
    _find(app.holder, charter_words.LABELS["scope"]).value = "Ward 3 only"
    with open_store(fresh_cohort / "qikit.db", create=False) as store:
        assert store.history(team, "charter", "main")[-1].author == "Rosa"
    assert app_module._visit_author == "Rosa"
    assert open_app(fresh_cohort, team).name_box.value == "Rosa"  # a second tab of this visit


def test_the_router_refuses_an_unknown_stage() -> None:
    router = StageRouter(STAGES, "home")
    assert (router.stage, router.stages) == ("home", list(STAGES))
    router.stage = "charter"
    router.stage = "../etc"
    assert router.stage == "charter"
    with pytest.raises(ValueError, match="unknown stage 'nowhere'"):
        StageRouter(STAGES, "nowhere")
    assert isinstance(StageRouter.class_traits()["stage"], traitlets.Unicode)
    assert StageRouter.class_traits()["stage"].metadata.get("sync") is True
    assert "location.hash" in StageRouter._esm and "hashchange" in StageRouter._esm


def test_warm_up_imports_every_stages_tools(tmp_path: Path) -> None:
    """Does warm_up() import every stage's modules in the background (the page opens without
    them)?"""
    script = """
import json, sys
from qikit.pages.app import STAGE_MODULES, warm_up
before = [m for m in STAGE_MODULES if m in sys.modules]
warm_up().join(120)
print(json.dumps([before, [m for m in STAGE_MODULES if m not in sys.modules]]))
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [[], []]
    assert "qikit.widgets.measures" in STAGE_MODULES
