"""Building a cohort folder from a template: the store, the template's copy, the workbooks.

``build_cohort`` turns a checked :class:`~qikit.cohort.template.CohortTemplate` into::

    <cohort folder>/
      qikit.db               the cohort's store, with each team's Team record
      cohort.yaml            the template the folder was built from
      teams/<slug>/          one folder per team, named by its slug
        01-team.ipynb        the team page (a copy of each workbook), parameters injected
        .qikit-build.json    the sha256 of each workbook as this build wrote it
      mentors/               the mentors' area (served behind the mentors' code)
        mentor_dashboard.ipynb  the cohort dashboard (``cohort`` and ``mode`` injected)
        .qikit-build.json    as for a team
      trainers/              the teaching pages (from ``workbooks/trainer/``)
      survey/01-survey.ipynb the skills survey page (from ``workbooks/survey/``; any code opens it)
      survey-items.yaml      the survey's questions, copied once: never overwritten, so the
                             programme lead's edits stay
      evaluation/            the QI team's evaluation workbooks (from ``workbooks/evaluation/``)

Why it works this way:

- **Everything is checked before anything is written**: the template, the workbooks (each must
  have a cell tagged ``parameters``), every team's copy (rendered in memory), the output folder
  and an existing store. A refused build leaves no folder behind.
- **No kernels**: papermill's :func:`~papermill.parameterize.parameterize_notebook` injects
  ``cohort``, ``team`` and ``mode`` after the ``parameters`` cell, as ``papermill`` would before
  running; the notebook is not executed, so a build of many teams takes seconds.
- **Running it again is safe**: a team already in the store keeps its record; a workbook is
  replaced only when the file is byte-for-byte what the previous build wrote (the manifest's
  sha256), so a copy a team has changed, or a file qikit did not write, is kept and reported.
  Teams added to the template are added; teams removed from it are left as they are.
- **Same input, same bytes**: the copies carry no random cell ids or timestamps, so a second
  build with the same template and workbooks rewrites nothing.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import nbformat
from papermill.iorw import load_notebook_node
from papermill.parameterize import parameterize_notebook
from tqdm import tqdm

from qikit.cohort.survey_items import load_survey_items
from qikit.cohort.template import CohortTemplate, TeamTemplate, load_template
from qikit.core.model import MAIN, RecordKind
from qikit.errors import BuildError
from qikit.layout import (
    ACCESS_FILE,
    COHORT_FILE,
    EVALUATION_FOLDER,
    HANDOUT_FILE,
    MANIFEST_FILE,
    MENTOR_WORKBOOK,
    MENTORS_FOLDER,
    STORE_FILE,
    SURVEY_FOLDER,
    SURVEY_ITEMS_FILE,
    TEAMS_FOLDER,
    TRAINER_WORKBOOKS,
    TRAINERS_FOLDER,
    WORKBOOK_NAME,
    inside_cohort,
    survey_items_default,
    workbooks_source,
    write_in_cohort,
)
from qikit.store import Store, open_store
from qikit.store.records import save_record

__all__ = [
    "AUTHOR",
    "BuildError",
    "BuildResult",
    "FileStatus",
    "TeamBuild",
    "TeamStatus",
    "build_cohort",
    "default_workbooks_dir",
    "find_workbooks",
    "render_workbook",
]

#: The author written into the store's history for records the build creates.
AUTHOR = "qikit cohort build"
MANIFEST_FORMAT = "qikit-build-manifest"
MANIFEST_VERSION = 1


class TeamStatus(StrEnum):
    """What a build did to a team."""

    CREATED = "created"  # the team's folder is new
    UPDATED = "updated"  # a workbook or the Team record was written
    UNCHANGED = "unchanged"


class FileStatus(StrEnum):
    """What a build did to one file."""

    WRITTEN = "written"  # new, or replaced a copy nobody had changed
    KEPT = "kept"  # changed by someone (or not written by qikit): left alone
    UNCHANGED = "unchanged"  # already exactly what this build would write


@dataclass(frozen=True)
class TeamBuild:
    """What a build did to one team: its status, each workbook's fate, the Team record."""

    name: str
    slug: str
    status: TeamStatus
    workbooks: Mapping[str, FileStatus]
    record_created: bool

    def files(self, status: FileStatus) -> tuple[str, ...]:
        """Return the names of the workbooks with ``status``."""
        return tuple(name for name, s in self.workbooks.items() if s is status)


def _counted(pages: Mapping[str, FileStatus]) -> str:
    """Return what the build did to a folder's pages: "2 written, 1 kept, 0 unchanged"."""
    statuses = list(pages.values())
    return (
        f"{statuses.count(FileStatus.WRITTEN)} written, {statuses.count(FileStatus.KEPT)} kept, "
        f"{statuses.count(FileStatus.UNCHANGED)} unchanged"
    )


@dataclass(frozen=True)
class BuildResult:
    """What a build did: the cohort folder, each team, the template copy, leftover teams."""

    name: str
    folder: Path
    teams: tuple[TeamBuild, ...]
    template_copy: FileStatus
    not_in_template: tuple[str, ...] = ()
    #: Access codes made by this build (area → plain code), shown once; {} when none were new.
    new_codes: Mapping[str, str] = field(default_factory=dict)
    #: What the build did to each workbook of the mentors' folder.
    mentor_pages: Mapping[str, FileStatus] = field(default_factory=dict)
    #: What the build did to each teaching page of the trainers' folder.
    trainer_pages: Mapping[str, FileStatus] = field(default_factory=dict)
    #: What the build did to each page of the survey folder (the skills survey).
    survey_pages: Mapping[str, FileStatus] = field(default_factory=dict)
    #: What the build did to the survey's questions file (KEPT: the lead's copy stays).
    survey_items: FileStatus | None = None
    #: What the build did to each workbook of the evaluation folder (the QI team's report).
    evaluation_pages: Mapping[str, FileStatus] = field(default_factory=dict)

    def count(self, status: TeamStatus | FileStatus) -> int:
        """Return how many teams (TeamStatus) or workbooks (FileStatus) have ``status``."""
        if isinstance(status, TeamStatus):
            return sum(t.status is status for t in self.teams)
        return sum(len(t.files(status)) for t in self.teams)

    def summary(self) -> str:
        """Return a few plain lines saying what the build did."""
        lines = [
            f"Cohort “{self.name}” in {self.folder}",
            f"Teams: {self.count(TeamStatus.CREATED)} created, "
            f"{self.count(TeamStatus.UPDATED)} updated, "
            f"{self.count(TeamStatus.UNCHANGED)} unchanged.",
            f"Workbooks: {self.count(FileStatus.WRITTEN)} written, "
            f"{self.count(FileStatus.KEPT)} kept, "
            f"{self.count(FileStatus.UNCHANGED)} unchanged.",
        ]
        if self.trainer_pages:
            lines.append(f"Trainers' teaching pages: {_counted(self.trainer_pages)}.")
        if self.survey_pages:
            lines.append(
                f"Skills survey page: {_counted(self.survey_pages)}. Its questions: "
                + (
                    f"{SURVEY_ITEMS_FILE}, copied from qikit's default (edit it to change them)."
                    if self.survey_items is FileStatus.WRITTEN
                    else f"{SURVEY_ITEMS_FILE}, left as it is."
                )
            )
        if self.evaluation_pages:
            lines.append(f"Evaluation workbooks: {_counted(self.evaluation_pages)}.")
        kept = [f"teams/{t.slug}/{n}" for t in self.teams for n in t.files(FileStatus.KEPT)]
        for folder, pages in (
            (TRAINERS_FOLDER, self.trainer_pages),
            (SURVEY_FOLDER, self.survey_pages),
            (EVALUATION_FOLDER, self.evaluation_pages),
        ):
            kept += [f"{folder}/{n}" for n, s in pages.items() if s is FileStatus.KEPT]
        if kept:
            lines.append("Kept because they were changed after the last build (not overwritten):")
            lines += [f"  {path}" for path in kept]
        if self.not_in_template:
            lines.append("In the cohort folder but not in the template (left as they are):")
            lines += [f"  teams/{slug}" for slug in self.not_in_template]
        if self.new_codes:
            lines.append(
                f"New access codes for {len(self.new_codes)} areas are in "
                f"{self.folder / 'access-codes-handout.html'}: print it, hand out the cards, "
                "then delete the file (only scrambled copies of the codes are kept)."
            )
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Workbooks


def default_workbooks_dir() -> Path:
    """Return the folder whose workbooks are copied (see :func:`qikit.layout.workbooks_source`)."""
    return workbooks_source()


def find_workbooks(folder: str | os.PathLike[str]) -> tuple[Path, ...]:
    """Return the workbooks in ``folder`` (``NN-name.ipynb``), in name order."""
    path = Path(folder)
    if not path.is_dir():
        raise BuildError(f"The workbooks folder {path} does not exist. Check --workbooks.")
    found = sorted(p for p in path.iterdir() if p.is_file() and WORKBOOK_NAME.fullmatch(p.name))
    if not found:
        raise BuildError(
            f"There are no workbooks in {path}: qikit copies the files named like "
            "01-team.ipynb (two digits first). Check --workbooks."
        )
    return tuple(found)


def _load_workbook(path: Path) -> nbformat.NotebookNode:
    """Return the workbook at ``path`` as papermill loads it, with repeatable cell ids."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        notebook = load_notebook_node(str(path))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise BuildError(
            f"The workbook {path} could not be read as a notebook ({error})."
        ) from None
    # nbformat gives random ids to cells saved without one: make them repeatable instead, so
    # the same workbook always gives the same bytes.
    cells = raw.get("cells", []) if isinstance(raw, dict) else []
    if len(cells) == len(notebook.cells):
        for index, (cell, saved) in enumerate(zip(notebook.cells, cells, strict=True)):
            if not (isinstance(saved, dict) and saved.get("id")):
                cell["id"] = f"qikit-cell-{index}"
    if not any("parameters" in cell.metadata.get("tags", ()) for cell in notebook.cells):
        raise BuildError(
            f"The workbook {path} has no cell tagged 'parameters', so qikit cannot tell it "
            "which team it belongs to. Tag the cell that sets 'mode' with 'parameters'."
        )
    return notebook


def render_workbook(
    notebook: nbformat.NotebookNode | str | os.PathLike[str],
    *,
    cohort: str,
    team: str | None,
    mode: str = "app",
) -> bytes:
    """Return the bytes of a team's copy of a workbook: the parameters injected, not run.

    ``team=None`` injects only ``cohort`` and ``mode`` (the mentors' dashboard has no team).
    """
    if isinstance(notebook, nbformat.NotebookNode):
        source = notebook
    else:
        source = _load_workbook(Path(notebook))
    kernelspec = source.metadata.get("kernelspec", {})
    result = parameterize_notebook(
        copy.deepcopy(source),
        {"cohort": cohort, "mode": mode}
        if team is None
        else {"cohort": cohort, "team": team, "mode": mode},
        kernel_name=kernelspec.get("name") or "python3",
        language=kernelspec.get("language") or "python",
    )
    for cell in result.cells:
        if "injected-parameters" in cell.metadata.get("tags", ()):
            cell["id"] = "injected-parameters"
    text = nbformat.writes(result)
    return (text if text.endswith("\n") else text + "\n").encode("utf-8")


# ---------------------------------------------------------------------------------------------
# The build


def _sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _write_atomically(cohort: Path, path: Path, content: bytes) -> None:
    # A build killed half-way never leaves half a notebook: write beside it, then rename.
    write_in_cohort(cohort, path, content, error=BuildError)


def _read_manifest(team_dir: Path) -> dict[str, str]:
    """Return ``{workbook name: sha256}`` from the team's manifest ({} if missing or unusable)."""
    try:
        data = json.loads((team_dir / MANIFEST_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # unknown files are then kept: the safe side
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        return {}
    workbooks = data.get("workbooks")
    if not isinstance(workbooks, dict):
        return {}
    return {str(k): v for k, v in workbooks.items() if isinstance(v, str)}


def _write_manifest(cohort: Path, team_dir: Path, workbooks: Mapping[str, str]) -> None:
    document: dict[str, Any] = {
        "format": MANIFEST_FORMAT,
        "version": MANIFEST_VERSION,
        "workbooks": dict(sorted(workbooks.items())),
    }
    text = json.dumps(document, indent=1, sort_keys=True) + "\n"
    _write_atomically(cohort, team_dir / MANIFEST_FILE, text.encode("utf-8"))


def _check_links(folder: Path, pages: Mapping[str, Mapping[str, bytes]]) -> None:
    """Refuse, before anything is written, a link that would make the build write elsewhere.

    ``pages`` maps each subfolder to the workbooks written there; each of them, its ``.part``
    and the team's manifest are checked, and so is every file the build writes at the top.
    """
    tops = (COHORT_FILE, STORE_FILE, SURVEY_ITEMS_FILE, ACCESS_FILE, HANDOUT_FILE, TEAMS_FOLDER)
    wanted = [*tops, *(name + ".part" for name in tops)]
    for subfolder, workbooks in pages.items():
        for name in (*workbooks, MANIFEST_FILE):
            wanted += [f"{subfolder}/{name}", f"{subfolder}/{name}.part"]
    for name in wanted:
        inside_cohort(folder, name, error=BuildError)


def _is_cohort_folder(folder: Path) -> bool:
    return (folder / STORE_FILE).exists() or (folder / COHORT_FILE).exists()


def _check_folder(folder: Path, template: CohortTemplate) -> None:
    """Refuse folders the build must not write into, before anything is written."""
    if folder.exists() and not folder.is_dir():
        raise BuildError(f"{folder} is a file, not a folder. Choose another --out.")
    if folder.is_dir() and any(folder.iterdir()) and not _is_cohort_folder(folder):
        raise BuildError(
            f"The folder {folder} already has other files in it and is not a qikit cohort. "
            "Choose a new or empty folder with --out."
        )
    teams_dir = folder / "teams"
    if teams_dir.exists() and not teams_dir.is_dir():
        raise BuildError(f"{teams_dir} is a file, not a folder. Move it away and try again.")
    for team in template.teams:
        team_dir = teams_dir / team.slug
        # The template checks slugs; this is the last line of defence for the file system.
        if team_dir.resolve().parent != teams_dir.resolve():
            raise BuildError(f"The team folder {team_dir} would be outside {teams_dir}.")
        if team_dir.exists() and not team_dir.is_dir():
            raise BuildError(f"{team_dir} is a file, not a folder. Move it away and try again.")
    for name in (MENTORS_FOLDER, TRAINERS_FOLDER, SURVEY_FOLDER, EVALUATION_FOLDER):
        area_dir = folder / name
        if area_dir.exists() and not area_dir.is_dir():
            raise BuildError(f"{area_dir} is a file, not a folder. Move it away and try again.")
    store_path = folder / STORE_FILE
    if store_path.exists():
        with open_store(store_path, create=False):
            pass  # refuses a file that is not a qikit store, or one from a newer qikit


def build_cohort(
    template: CohortTemplate | str | os.PathLike[str],
    out: str | os.PathLike[str] | None = None,
    *,
    workbooks_dir: str | os.PathLike[str] | None = None,
    progress: bool = False,
    author: str = AUTHOR,
) -> BuildResult:
    """Return what building (or re-building) the cohort folder of ``template`` did.

    Parameters
    ----------
    template
        A checked template, or the path of a template file (read with ``load_template``).
    out
        The cohort folder; default ``cohorts/<cohort slug>`` under the current folder.
    workbooks_dir
        Where the ``NN-name.ipynb`` workbooks are; default :func:`default_workbooks_dir`.
    progress
        Show a progress bar (on stderr) while the teams are built.
    author
        The name written into the store's history for the Team records created.

    Raises
    ------
    TemplateError, BuildError, StoreError
        Before anything is written, with a message that says what to fix.
    """
    if not isinstance(template, CohortTemplate):
        template = load_template(template)
    folder = (Path(out) if out is not None else Path("cohorts") / template.slug).resolve()
    source_dir = Path(workbooks_dir) if workbooks_dir is not None else default_workbooks_dir()
    workbooks = {path.name: _load_workbook(path) for path in find_workbooks(source_dir)}
    _check_folder(folder, template)
    # The lead's edited questions: a mistake stops the build with its line, before anything is
    # written, rather than showing the room a broken survey page later.
    if (folder / SURVEY_ITEMS_FILE).exists():
        load_survey_items(folder / SURVEY_ITEMS_FILE)
    # Render every copy before writing anything: a workbook papermill cannot handle stops the
    # build while the folder is still untouched.
    rendered = {
        team.slug: {
            name: render_workbook(notebook, cohort=str(folder), team=team.slug)
            for name, notebook in workbooks.items()
        }
        for team in template.teams
    }
    mentor_pages = {
        name: render_workbook(notebook, cohort=str(folder), team=None)
        for name, notebook in _mentor_workbooks(source_dir).items()
    }
    trainer_pages = {
        name: render_workbook(notebook, cohort=str(folder), team=None)
        for name, notebook in _trainer_workbooks(source_dir).items()
    }
    # The survey and the evaluation belong to the cohort, not to a team: one copy each.
    cohort_pages = {
        subfolder: {
            name: render_workbook(notebook, cohort=str(folder), team=None)
            for name, notebook in _numbered_workbooks(source_dir, subfolder).items()
        }
        for subfolder in (SURVEY_FOLDER, EVALUATION_FOLDER)
    }

    _check_links(
        folder,
        {
            **{f"{TEAMS_FOLDER}/{slug}": pages for slug, pages in rendered.items()},
            MENTORS_FOLDER: mentor_pages,
            TRAINERS_FOLDER: trainer_pages,
            **cohort_pages,
        },
    )
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "teams").mkdir(exist_ok=True)
    copy_status = _write_if_changed(folder, folder / COHORT_FILE, template.text)
    results = []
    with open_store(folder / STORE_FILE) as store:
        bar = tqdm(
            template.teams,
            desc="Building teams",
            unit="team",
            disable=not progress,
            file=sys.stderr,
            leave=False,
        )
        for team in bar:
            results.append(_build_team(store, folder, team, rendered[team.slug], author))
    mentor_statuses: dict[str, FileStatus] = {}
    if mentor_pages:
        (folder / MENTORS_FOLDER).mkdir(exist_ok=True)
        mentor_statuses = _write_workbooks(folder, folder / MENTORS_FOLDER, mentor_pages)
    trainer_statuses: dict[str, FileStatus] = {}
    if trainer_pages:
        (folder / TRAINERS_FOLDER).mkdir(exist_ok=True)
        trainer_statuses = _write_workbooks(folder, folder / TRAINERS_FOLDER, trainer_pages)
    cohort_statuses: dict[str, dict[str, FileStatus]] = {}
    for subfolder, pages in cohort_pages.items():
        if pages:
            (folder / subfolder).mkdir(exist_ok=True)
            cohort_statuses[subfolder] = _write_workbooks(folder, folder / subfolder, pages)
    survey_items = None
    if cohort_pages[SURVEY_FOLDER]:
        survey_items = _copy_once(folder, survey_items_default(), folder / SURVEY_ITEMS_FILE)
    slugs = {t.slug for t in template.teams}
    leftovers = sorted(
        p.name for p in (folder / "teams").iterdir() if p.is_dir() and p.name not in slugs
    )
    from qikit.cohort.access import ensure_codes

    return BuildResult(
        name=template.name,
        folder=folder,
        teams=tuple(results),
        template_copy=copy_status,
        not_in_template=tuple(leftovers),
        new_codes=ensure_codes(folder, [t.slug for t in template.teams]),
        mentor_pages=mentor_statuses,
        trainer_pages=trainer_statuses,
        survey_pages=cohort_statuses.get(SURVEY_FOLDER, {}),
        survey_items=survey_items,
        evaluation_pages=cohort_statuses.get(EVALUATION_FOLDER, {}),
    )


def _mentor_workbooks(source_dir: Path) -> dict[str, nbformat.NotebookNode]:
    """Return the mentors' workbooks: from ``source_dir``, else those that come with qikit."""
    for folder in (source_dir, default_workbooks_dir()):
        if (folder / MENTOR_WORKBOOK).is_file():
            return {MENTOR_WORKBOOK: _load_workbook(folder / MENTOR_WORKBOOK)}
    return {}


def _trainer_workbooks(source_dir: Path) -> dict[str, nbformat.NotebookNode]:
    """Return the teaching pages: ``trainer/NN-name.ipynb`` from ``source_dir``, else qikit's."""
    return _numbered_workbooks(source_dir, TRAINER_WORKBOOKS)


def _numbered_workbooks(source_dir: Path, subfolder: str) -> dict[str, nbformat.NotebookNode]:
    """Return ``<subfolder>/NN-name.ipynb`` from ``source_dir``, else qikit's ({} if none)."""
    for folder in (source_dir / subfolder, default_workbooks_dir() / subfolder):
        if folder.is_dir():
            found = sorted(p for p in folder.iterdir() if WORKBOOK_NAME.fullmatch(p.name))
            return {path.name: _load_workbook(path) for path in found if path.is_file()}
    return {}


def _copy_once(cohort: Path, source: Path, target: Path) -> FileStatus:
    """Copy ``source`` to ``target`` only if there is no ``target`` yet (a lead's edits stay)."""
    if target.exists():
        return (
            FileStatus.UNCHANGED if target.read_bytes() == source.read_bytes() else FileStatus.KEPT
        )
    _write_atomically(cohort, target, source.read_bytes())
    return FileStatus.WRITTEN


def _write_if_changed(cohort: Path, path: Path, content: bytes) -> FileStatus:
    if path.is_file() and path.read_bytes() == content:
        return FileStatus.UNCHANGED
    _write_atomically(cohort, path, content)
    return FileStatus.WRITTEN


def _build_team(
    store: Store,
    folder: Path,
    team: TeamTemplate,
    rendered: Mapping[str, bytes],
    author: str,
) -> TeamBuild:
    team_dir = folder / "teams" / team.slug
    created = not team_dir.exists()
    team_dir.mkdir(exist_ok=True)
    statuses = _write_workbooks(folder, team_dir, rendered)
    record_created = store.get(team.slug, RecordKind.TEAM.value, MAIN) is None
    if record_created:
        # Only ever created: once it exists the team owns it (names, members change).
        save_record(store, team.slug, team.team(), author=author)
    if created:
        status_of_team = TeamStatus.CREATED
    elif record_created or FileStatus.WRITTEN in statuses.values():
        status_of_team = TeamStatus.UPDATED
    else:
        status_of_team = TeamStatus.UNCHANGED
    return TeamBuild(
        name=team.name,
        slug=team.slug,
        status=status_of_team,
        workbooks=statuses,
        record_created=record_created,
    )


def _write_workbooks(
    cohort: Path, team_dir: Path, rendered: Mapping[str, bytes]
) -> dict[str, FileStatus]:
    """Return what writing the workbooks into ``team_dir`` did (a copy someone changed is kept)."""
    previous = _read_manifest(team_dir)
    manifest = dict(previous)
    statuses: dict[str, FileStatus] = {}
    for name, content in rendered.items():
        target = team_dir / name
        digest = _sha256(content)
        if not target.exists():
            status = FileStatus.WRITTEN
        else:
            current = _sha256(target.read_bytes())
            if current == digest:
                status = FileStatus.UNCHANGED
            elif previous.get(name) == current:
                status = FileStatus.WRITTEN  # still exactly our last copy: nobody used it
            else:
                status = FileStatus.KEPT
        if status is FileStatus.WRITTEN:
            _write_atomically(cohort, target, content)
        if status is not FileStatus.KEPT:
            manifest[name] = digest
        statuses[name] = status
    if manifest != previous or not (team_dir / MANIFEST_FILE).exists():
        _write_manifest(cohort, team_dir, manifest)
    return statuses
