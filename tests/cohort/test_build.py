"""Building cohort folders: what is written, what a second build leaves alone, what is refused.

The workbooks come from ``fixtures/workbooks`` (two small notebooks with a ``parameters`` cell —
one saved without cell ids, as older Jupyter did — and one notebook without a number, which
must not be copied), so these tests do not depend on the real workbooks.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import nbformat
import pytest

from qikit.cohort.build import (
    AUTHOR,
    BuildError,
    FileStatus,
    TeamStatus,
    build_cohort,
    default_workbooks_dir,
    find_workbooks,
    render_workbook,
)
from qikit.cohort.template import TemplateError, load_template
from qikit.core.model import Member, RecordKind, Team
from qikit.layout import (
    EVALUATION_FOLDER,
    SURVEY_FOLDER,
    SURVEY_ITEMS_FILE,
    SURVEY_WORKBOOK,
    TEAM_WORKBOOK,
    survey_items_default,
)
from qikit.layout import MANIFEST_FILE as MANIFEST_NAME
from qikit.store import StoreError, open_store
from qikit.store.records import load_record, save_changes

HERE = Path(__file__).parent
WORKBOOKS = HERE / "fixtures" / "workbooks"
EXAMPLE = HERE.parents[1] / "cohort_templates" / "support_services_2027.yaml"
BAD_FILES = sorted((HERE / "fixtures" / "bad").glob("*.yaml"))
SLUGS = [
    "portering",
    "domestic-services",
    "catering",
    "healthcare-assistants-ward-12",
    "laundry-and-linen",
    "outpatient-reception",
]
NEW_TEAM = """
  - name: Sterile services
    department: Decontamination
    mentor: Tom Okafor
    members:
      - name: Olu Ade
        role: Technician
"""


@pytest.fixture
def workbooks(tmp_path: Path) -> Path:
    """A copy of the fixture workbooks that a test may change."""
    return Path(shutil.copytree(WORKBOOKS, tmp_path / "workbooks"))


@pytest.fixture
def template(tmp_path: Path) -> Path:
    """A copy of the example template that a test may change."""
    path = tmp_path / "cohort.yaml"
    shutil.copyfile(EXAMPLE, path)
    return path


def snapshot(folder: Path) -> dict[str, tuple[int, str]]:
    """Return each file's modification time and sha256 (the store's own files left out)."""
    return {
        str(p.relative_to(folder)): (
            p.stat().st_mtime_ns,
            hashlib.sha256(p.read_bytes()).hexdigest(),
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.name.startswith("qikit.db")
    }


def injected(path: Path) -> str:
    """Return the source of the cell papermill injected into a workbook copy."""
    notebook = nbformat.read(path, as_version=4)
    cells = [c for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert len(cells) == 1
    return cells[0].source


def test_a_build_makes_the_store_the_template_copy_and_each_teams_workbooks(
    tmp_path: Path, template: Path, workbooks: Path
) -> None:
    """Does a first build create qikit.db, cohort.yaml and teams/<slug>/ with one copy of each
    numbered workbook, parameters injected after the parameters cell?"""
    out = tmp_path / "cohort"
    result = build_cohort(template, out, workbooks_dir=workbooks)

    assert (out / "qikit.db").is_file()
    assert (out / "cohort.yaml").read_bytes() == template.read_bytes()
    assert sorted(p.name for p in (out / "teams").iterdir()) == sorted(SLUGS)
    for slug in SLUGS:
        names = sorted(p.name for p in (out / "teams" / slug).iterdir())
        assert names == [MANIFEST_NAME, "01-home.ipynb", "02-charter.ipynb"]
        source = injected(out / "teams" / slug / "01-home.ipynb")
        assert f'cohort = "{out.resolve()}"' in source
        assert f'team = "{slug}"' in source
        assert 'mode = "app"' in source
    charter = nbformat.read(out / "teams" / "catering" / "02-charter.ipynb", as_version=4)
    tags = [c.metadata.get("tags", []) for c in charter.cells]
    assert tags.index(["injected-parameters"]) == tags.index(["parameters"]) + 1
    assert all(c.outputs == [] for c in charter.cells if c.cell_type == "code")  # not run

    assert result.folder == out.resolve()
    assert result.count(TeamStatus.CREATED) == 6
    assert result.count(FileStatus.WRITTEN) == 12
    assert result.template_copy is FileStatus.WRITTEN
    assert "Teams: 6 created, 0 updated, 0 unchanged." in result.summary()
    assert "Workbooks: 12 written, 0 kept, 0 unchanged." in result.summary()


def test_the_team_records_are_in_the_store(tmp_path: Path, template: Path, workbooks: Path) -> None:
    """Is each team saved as a Team record (name, slug, department, members, mentor) by
    'qikit cohort build'?"""
    out = tmp_path / "cohort"
    build_cohort(template, out, workbooks_dir=workbooks)
    with open_store(out / "qikit.db", create=False) as store:
        assert sorted(store.teams()) == sorted(SLUGS)
        team = load_record(store, "portering", RecordKind.TEAM, "main")
        history = store.history("portering", "team", "main")
    assert team == Team(
        name="Portering",
        slug="portering",
        department="Facilities",
        members=(
            Member(display_name="Ana Silva", role="Porter"),
            Member(display_name="Mark Hughes", role="Porter"),
            Member(display_name="Jo Bennett", role="Portering supervisor"),
        ),
        mentor="Priya Shah",
    )
    assert [e.author for e in history] == [AUTHOR]


def test_building_twice_rewrites_nothing(tmp_path: Path, template: Path, workbooks: Path) -> None:
    """Is a second build with the same template a no-op: every file's bytes and modification
    time unchanged, every team reported unchanged?"""
    out = tmp_path / "cohort"
    build_cohort(template, out, workbooks_dir=workbooks)
    before = snapshot(out)
    with open_store(out / "qikit.db", create=False) as store:
        versions = {slug: store.get(slug, "team", "main").version for slug in SLUGS}

    result = build_cohort(template, out, workbooks_dir=workbooks)

    assert snapshot(out) == before
    assert result.count(TeamStatus.UNCHANGED) == 6
    assert result.count(FileStatus.UNCHANGED) == 12
    assert result.template_copy is FileStatus.UNCHANGED
    with open_store(out / "qikit.db", create=False) as store:
        assert {slug: store.get(slug, "team", "main").version for slug in SLUGS} == versions


def test_adding_a_team_adds_only_that_team(tmp_path: Path, template: Path, workbooks: Path) -> None:
    """After a team is added to the template, does a build create just that team and its code,
    and leave every other file as it was (except the template copy)?"""
    out = tmp_path / "cohort"
    build_cohort(template, out, workbooks_dir=workbooks)
    before = snapshot(out)
    with template.open("a", encoding="utf-8") as file:
        file.write(NEW_TEAM)

    result = build_cohort(template, out, workbooks_dir=workbooks)

    after = snapshot(out)
    added = {k for k in after if k.startswith("teams/sterile-services/")}
    assert added == {
        "teams/sterile-services/01-home.ipynb",
        "teams/sterile-services/02-charter.ipynb",
        f"teams/sterile-services/{MANIFEST_NAME}",
    }
    assert set(after) - set(before) == added
    # The template copy changes, and the new team's access code is added (with a new handout).
    changing = {"cohort.yaml", "access.json", "access-codes-handout.html"}
    assert {k: v for k, v in after.items() if k in before and k not in changing} == {
        k: v for k, v in before.items() if k not in changing
    }
    assert set(result.new_codes) == {"team:sterile-services"}
    assert (out / "cohort.yaml").read_bytes() == template.read_bytes()
    assert result.template_copy is FileStatus.WRITTEN
    statuses = {t.slug: t.status for t in result.teams}
    assert statuses.pop("sterile-services") is TeamStatus.CREATED
    assert set(statuses.values()) == {TeamStatus.UNCHANGED}
    with open_store(out / "qikit.db", create=False) as store:
        team = load_record(store, "sterile-services", RecordKind.TEAM, "main")
    assert team.mentor == "Tom Okafor"


def test_a_workbook_the_team_changed_is_kept(
    tmp_path: Path, template: Path, workbooks: Path
) -> None:
    """When the workbooks change, is a copy nobody touched replaced, while a copy the team
    changed is kept byte for byte and reported?"""
    out = tmp_path / "cohort"
    build_cohort(template, out, workbooks_dir=workbooks)
    used = out / "teams" / "catering" / "01-home.ipynb"
    notebook = nbformat.read(used, as_version=4)
    notebook.cells.append(nbformat.v4.new_markdown_cell("Our own notes", id="our-notes"))
    nbformat.write(notebook, used)
    used_bytes = used.read_bytes()
    # A new version of the workbook: every untouched copy should be refreshed.
    home = workbooks / "01-home.ipynb"
    home.write_text(home.read_text(encoding="utf-8").replace("print(", "show("), "utf-8")

    result = build_cohort(template, out, workbooks_dir=workbooks)

    assert used.read_bytes() == used_bytes
    catering = next(t for t in result.teams if t.slug == "catering")
    assert catering.files(FileStatus.KEPT) == ("01-home.ipynb",)
    assert catering.status is TeamStatus.UNCHANGED
    for slug in set(SLUGS) - {"catering"}:
        assert "show(" in (out / "teams" / slug / "01-home.ipynb").read_text(encoding="utf-8")
    assert result.count(FileStatus.WRITTEN) == 5
    assert result.count(TeamStatus.UPDATED) == 5
    assert "teams/catering/01-home.ipynb" in result.summary()

    again = build_cohort(template, out, workbooks_dir=workbooks)  # still kept, still reported
    assert used.read_bytes() == used_bytes
    assert again.count(FileStatus.KEPT) == 1 and again.count(FileStatus.WRITTEN) == 0


def test_a_file_qikit_did_not_write_is_kept(
    tmp_path: Path, template: Path, workbooks: Path
) -> None:
    """With no manifest (a workbook put there by hand), is the existing file kept? And is a
    deleted copy written again?"""
    out = tmp_path / "cohort"
    team_dir = out / "teams" / "portering"
    team_dir.mkdir(parents=True)
    (out / "cohort.yaml").write_text("old copy", encoding="utf-8")
    (team_dir / "01-home.ipynb").write_text("{}", encoding="utf-8")

    result = build_cohort(template, out, workbooks_dir=workbooks)

    assert (team_dir / "01-home.ipynb").read_text(encoding="utf-8") == "{}"
    porters = next(t for t in result.teams if t.slug == "portering")
    assert porters.files(FileStatus.KEPT) == ("01-home.ipynb",)
    assert porters.status is TeamStatus.UPDATED  # its other workbook and record are new
    assert json.loads((team_dir / MANIFEST_NAME).read_text())["workbooks"].keys() == {
        "02-charter.ipynb"
    }

    (out / "teams" / "catering" / "02-charter.ipynb").unlink()
    result = build_cohort(template, out, workbooks_dir=workbooks)
    catering = next(t for t in result.teams if t.slug == "catering")
    assert catering.files(FileStatus.WRITTEN) == ("02-charter.ipynb",)


def test_a_team_record_is_never_overwritten(
    tmp_path: Path, template: Path, workbooks: Path
) -> None:
    """If a team has changed its members in the app, does a rebuild leave its record alone?"""
    out = tmp_path / "cohort"
    build_cohort(template, out, workbooks_dir=workbooks)
    with open_store(out / "qikit.db", create=False) as store:
        save_changes(
            store,
            "catering",
            "team",
            "main",
            {"members": [{"display_name": "Dev Patel", "role": "Ward host lead"}]},
            author="Dev",
        )
    build_cohort(template, out, workbooks_dir=workbooks)
    with open_store(out / "qikit.db", create=False) as store:
        team = load_record(store, "catering", RecordKind.TEAM, "main")
    assert team.members == (Member(display_name="Dev Patel", role="Ward host lead"),)


def test_teams_removed_from_the_template_are_left_and_reported(
    tmp_path: Path, workbooks: Path
) -> None:
    """Is a team folder that is no longer in the template left in place and listed?"""
    out = tmp_path / "cohort"
    build_cohort(EXAMPLE, out, workbooks_dir=workbooks)
    smaller = tmp_path / "smaller.yaml"
    text = EXAMPLE.read_text(encoding="utf-8")
    smaller.write_text(text.split("  - name: Outpatient reception")[0], encoding="utf-8")

    result = build_cohort(smaller, out, workbooks_dir=workbooks)

    assert result.not_in_template == ("outpatient-reception",)
    assert (out / "teams" / "outpatient-reception" / "01-home.ipynb").is_file()
    assert "teams/outpatient-reception" in result.summary()


@pytest.mark.parametrize("bad", BAD_FILES, ids=lambda p: p.stem)
def test_a_bad_template_writes_nothing(tmp_path: Path, bad: Path, workbooks: Path) -> None:
    """Is each bad template refused before the cohort folder is created?"""
    out = tmp_path / "cohort"
    with pytest.raises(TemplateError):
        build_cohort(bad, out, workbooks_dir=workbooks)
    assert not out.exists()


def test_a_workbook_without_a_parameters_cell_writes_nothing(
    tmp_path: Path, template: Path, workbooks: Path
) -> None:
    """Is a workbook that cannot be given its team refused, by name, before anything is
    written?"""
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    nbformat.write(notebook, workbooks / "03-fishbone.ipynb")
    out = tmp_path / "cohort"
    with pytest.raises(BuildError, match=r"03-fishbone\.ipynb has no cell tagged 'parameters'"):
        build_cohort(template, out, workbooks_dir=workbooks)
    assert not out.exists()


@pytest.mark.parametrize(
    ("content", "words"),
    [(None, "does not exist"), ("empty", "There are no workbooks"), ("junk", "could not be read")],
)
def test_missing_or_broken_workbooks_write_nothing(
    tmp_path: Path, template: Path, content: str | None, words: str
) -> None:
    """Are a missing workbooks folder, one with no numbered workbooks, or a workbook that is
    not a notebook refused before anything is written?"""
    folder = tmp_path / "books"
    if content is not None:
        folder.mkdir()
        (folder / "notes.ipynb").write_text("{}", encoding="utf-8")
    if content == "junk":
        (folder / "01-home.ipynb").write_text("not json", encoding="utf-8")
    out = tmp_path / "cohort"
    with pytest.raises(BuildError, match=words):
        build_cohort(template, out, workbooks_dir=folder)
    assert not out.exists()


def test_a_folder_with_other_files_is_refused(
    tmp_path: Path, template: Path, workbooks: Path
) -> None:
    """Is --out pointing at a folder full of someone's files (their home folder) refused?"""
    out = tmp_path / "documents"
    out.mkdir()
    (out / "letter.docx").write_text("private", encoding="utf-8")
    with pytest.raises(BuildError, match="is not a qikit cohort"):
        build_cohort(template, out, workbooks_dir=workbooks)
    assert [p.name for p in out.iterdir()] == ["letter.docx"]


def test_a_file_that_is_not_a_store_is_refused(
    tmp_path: Path, template: Path, workbooks: Path
) -> None:
    """Is a qikit.db that is not a qikit store refused, with nothing else written?"""
    out = tmp_path / "cohort"
    out.mkdir()
    (out / "qikit.db").write_text("a spreadsheet, renamed", encoding="utf-8")
    with pytest.raises(StoreError):
        build_cohort(template, out, workbooks_dir=workbooks)
    assert [p.name for p in out.iterdir()] == ["qikit.db"]


def test_the_default_folder_is_named_after_the_cohort(
    tmp_path: Path, template: Path, workbooks: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --out, is the cohort built in cohorts/<cohort slug> under the current folder?"""
    monkeypatch.chdir(tmp_path)
    result = build_cohort(load_template(template), workbooks_dir=workbooks)
    assert result.folder == (tmp_path / "cohorts" / "support-services-2027").resolve()
    assert (result.folder / "teams" / "portering" / "01-home.ipynb").is_file()


def test_rendering_is_repeatable_and_gives_no_random_ids() -> None:
    """Does the same workbook give the same bytes every time, even one saved without cell
    ids?"""
    path = WORKBOOKS / "02-charter.ipynb"
    first = render_workbook(path, cohort="/c", team="porters")
    assert first == render_workbook(path, cohort="/c", team="porters")
    assert first != render_workbook(path, cohort="/c", team="cleaners")
    ids = [c["id"] for c in json.loads(first)["cells"]]
    assert ids == ["qikit-cell-0", "qikit-cell-1", "injected-parameters"]


def test_only_numbered_workbooks_are_copied() -> None:
    """Are NN-name.ipynb files found, in order, and other notebooks ignored?"""
    assert [p.name for p in find_workbooks(WORKBOOKS)] == ["01-home.ipynb", "02-charter.ipynb"]


def test_the_default_workbooks_are_the_repositorys() -> None:
    """From a source checkout, are the workbooks taken from the repository's workbooks/?"""
    assert default_workbooks_dir() == HERE.parents[1] / "workbooks"


def test_the_real_workbooks_can_be_given_to_every_team(tmp_path: Path, template: Path) -> None:
    """With the default workbooks (the repository's NN-name.ipynb: the one team page), does
    each team get a copy of each, with its own parameters injected?"""
    names = [p.name for p in find_workbooks(default_workbooks_dir())]
    assert names == [TEAM_WORKBOOK]
    result = build_cohort(template, tmp_path / "cohort")
    assert result.count(FileStatus.WRITTEN) == len(names) * len(SLUGS)
    for slug in SLUGS:
        notebooks = sorted(p.name for p in (result.folder / "teams" / slug).glob("*.ipynb"))
        assert notebooks == [TEAM_WORKBOOK]
    for name in names:
        source = injected(result.folder / "teams" / "laundry-and-linen" / name)
        assert 'team = "laundry-and-linen"' in source and 'mode = "app"' in source


def test_the_teaching_pages_go_to_the_trainers_folder_with_the_cohort_and_no_team(
    tmp_path: Path, template: Path, workbooks: Path
) -> None:
    """Are ``trainer/NN-*.ipynb`` copied once into ``<cohort>/trainers/`` (cohort injected, no
    team), a copy a trainer changed kept on the next build, and other files left out?"""
    (workbooks / "trainer").mkdir()
    shutil.copyfile(workbooks / "01-home.ipynb", workbooks / "trainer" / "01-variation.ipynb")
    shutil.copyfile(workbooks / "notes.ipynb", workbooks / "trainer" / "notes.ipynb")
    out = tmp_path / "cohort"
    result = build_cohort(template, out, workbooks_dir=workbooks)

    page = out / "trainers" / "01-variation.ipynb"
    assert result.trainer_pages == {"01-variation.ipynb": FileStatus.WRITTEN}
    assert not (out / "trainers" / "notes.ipynb").exists()
    source = injected(page)
    assert f'cohort = "{out.resolve()}"' in source and "team =" not in source
    assert all("01-variation.ipynb" not in str(p) for p in (out / "teams").rglob("*"))

    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = build_cohort(template, out, workbooks_dir=workbooks)
    assert again.trainer_pages == {"01-variation.ipynb": FileStatus.KEPT}
    assert "Trainers' teaching pages: 0 written, 1 kept, 0 unchanged." in again.summary()
    assert "  trainers/01-variation.ipynb" in again.summary()


def test_the_survey_page_and_its_questions_go_to_the_cohort_once(
    tmp_path: Path, template: Path, workbooks: Path
) -> None:
    """Is ``survey/01-survey.ipynb`` copied into ``<cohort>/survey/`` (cohort injected, no
    team), the default questions into ``survey-items.yaml`` — and the lead's edited questions
    never overwritten by a later build?"""
    out = tmp_path / "cohort"
    result = build_cohort(template, out, workbooks_dir=workbooks)  # no survey/: qikit's own
    page = out / SURVEY_FOLDER / SURVEY_WORKBOOK
    assert result.survey_pages == {SURVEY_WORKBOOK: FileStatus.WRITTEN}
    source = injected(page)
    assert f'cohort = "{out.resolve()}"' in source and "team =" not in source
    items = out / SURVEY_ITEMS_FILE
    assert items.read_bytes() == survey_items_default().read_bytes()
    assert result.survey_items is FileStatus.WRITTEN
    assert "Skills survey page: 1 written, 0 kept, 0 unchanged." in result.summary()
    assert all(SURVEY_WORKBOOK not in str(p) for p in (out / "teams").rglob("*"))

    edited = items.read_text(encoding="utf-8").replace("Your QI skills survey", "Our survey")
    items.write_text(edited, encoding="utf-8")
    again = build_cohort(template, out, workbooks_dir=workbooks)
    assert items.read_text(encoding="utf-8") == edited
    assert again.survey_items is FileStatus.KEPT
    assert again.survey_pages == {SURVEY_WORKBOOK: FileStatus.UNCHANGED}
    assert f"{SURVEY_ITEMS_FILE}, left as it is." in again.summary()


def test_the_evaluation_workbooks_go_to_the_evaluation_folder(
    tmp_path: Path, template: Path, workbooks: Path
) -> None:
    """Are ``evaluation/NN-*.ipynb`` copied into ``<cohort>/evaluation/`` as the trainers'
    pages are (cohort injected, a changed copy kept)?"""
    (workbooks / EVALUATION_FOLDER).mkdir()
    shutil.copyfile(workbooks / "01-home.ipynb", workbooks / EVALUATION_FOLDER / "01-report.ipynb")
    out = tmp_path / "cohort"
    result = build_cohort(template, out, workbooks_dir=workbooks)
    page = out / EVALUATION_FOLDER / "01-report.ipynb"
    assert result.evaluation_pages == {"01-report.ipynb": FileStatus.WRITTEN}
    assert f'cohort = "{out.resolve()}"' in injected(page)
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    again = build_cohort(template, out, workbooks_dir=workbooks)
    assert again.evaluation_pages == {"01-report.ipynb": FileStatus.KEPT}
    assert "Evaluation workbooks: 0 written, 1 kept, 0 unchanged." in again.summary()
    assert "  evaluation/01-report.ipynb" in again.summary()


def test_a_file_where_the_survey_folder_goes_writes_nothing(
    tmp_path: Path, template: Path, workbooks: Path
) -> None:
    out = tmp_path / "cohort"
    build_cohort(template, out, workbooks_dir=workbooks)
    shutil.rmtree(out / SURVEY_FOLDER)
    (out / SURVEY_FOLDER).write_text("not a folder", encoding="utf-8")
    before = snapshot(out)
    with pytest.raises(BuildError, match="is a file, not a folder"):
        build_cohort(template, out, workbooks_dir=workbooks)
    assert snapshot(out) == before


def test_a_mistake_in_the_leads_questions_stops_the_build_with_its_line(
    tmp_path: Path, template: Path, workbooks: Path
) -> None:
    """Does a rebuild over a survey-items.yaml the lead broke say which line to fix, and
    write nothing (the room never gets a broken survey page)?"""
    out = tmp_path / "cohort"
    build_cohort(template, out, workbooks_dir=workbooks)
    items = out / SURVEY_ITEMS_FILE
    lines = items.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if "statement:" in line)
    lines[at] = lines[at].replace("statement:", "statment:")
    items.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = snapshot(out)
    with pytest.raises(TemplateError) as refused:
        build_cohort(template, out, workbooks_dir=workbooks)
    assert f"line {at + 1}" in str(refused.value) and "statement" in str(refused.value)
    assert snapshot(out) == before


@pytest.mark.parametrize("linked", ["teams", "mentors", "survey", "teams/portering"])
def test_a_folder_linked_outside_the_cohort_is_refused_and_nothing_is_written(
    tmp_path: Path, template: Path, workbooks: Path, linked: str
) -> None:
    """Does a rebuild refuse a folder that links elsewhere, writing nothing there or here?"""
    out = tmp_path / "cohort"
    build_cohort(template, out, workbooks_dir=workbooks)
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(out / linked)
    (out / linked).symlink_to(outside)
    before = snapshot(out)
    # (a team folder that leaves teams/ was already refused, in other words)
    with pytest.raises(BuildError, match=r"outside"):
        build_cohort(template, out, workbooks_dir=workbooks)
    assert list(outside.iterdir()) == []
    assert snapshot(out) == before


def test_a_stale_part_file_linked_outside_is_refused_and_its_target_untouched(
    tmp_path: Path, template: Path, workbooks: Path
) -> None:
    """Is a leftover 01-home.ipynb.part that links to a file elsewhere refused?"""
    out = tmp_path / "cohort"
    build_cohort(template, out, workbooks_dir=workbooks)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    team_dir = out / "teams" / "portering"
    (team_dir / "01-home.ipynb").unlink()
    (team_dir / "01-home.ipynb.part").symlink_to(victim)
    with pytest.raises(BuildError, match=r"01-home\.ipynb\.part is a link.*Remove the link"):
        build_cohort(template, out, workbooks_dir=workbooks)
    assert victim.read_text(encoding="utf-8") == "keep me"


def test_a_deeply_nested_template_is_a_plain_refusal_naming_the_file(
    tmp_path: Path, workbooks: Path
) -> None:
    """Are 50,000 nested lists a TemplateError naming the file, not a RecursionError?"""
    deep = tmp_path / "deep.yaml"
    deep.write_text("[" * 50_000, encoding="utf-8")
    with pytest.raises(TemplateError, match="nested far too deeply") as caught:
        build_cohort(deep, tmp_path / "cohort", workbooks_dir=workbooks)
    assert str(deep) in str(caught.value)
    assert not (tmp_path / "cohort").exists()


def test_a_template_nested_deeper_than_python_allows_is_refused_too(tmp_path: Path) -> None:
    """Is a file just too deep for the checks (but not for the reader) refused with its line?"""
    deep = tmp_path / "deep.yaml"
    deep.write_text("version: 1\nteams: " + "[" * 100 + "]" * 100 + "\n", encoding="utf-8")
    with pytest.raises(TemplateError, match="line 2: the lists and tables"):
        load_template(deep)
