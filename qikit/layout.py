"""The cohort folder: every file and folder name qikit reads or writes, and the one slug rule.

A cohort folder, as ``qikit cohort build`` makes it::

    <cohort>/
      cohort.yaml                  the template it was built from (a copy)
      qikit.db                     the cohort's store: every team's project, with history
      access.json                  salted hashes of the access codes (mode 0600)
      access-codes-handout.html    the codes to print, then delete
      .qikit-secret                the server's cookie secret (mode 0600)
      logs/errors.log              what went wrong on a page, under its QK-… reference
      teams/<slug>/01-team.ipynb   each team's page, every stage on it (+ .qikit-build.json)
      mentors/                     the mentors' dashboard workbook
      trainers/                    the trainers' teaching pages (from workbooks/trainer/)
      review/<date>/               what ``qikit review`` wrote for the mentors
      survey/01-survey.ipynb       the skills survey page (every participant, any code)
      survey-items.yaml            the survey's questions, which the programme lead may edit
      evaluation/                  what ``qikit evaluate`` wrote for the QI team and the board
      showcase/                    what ``qikit showcase`` wrote: storyboards and the gallery
      portfolio/<team>/            what ``qikit portfolio`` wrote: one evidence pack per person

Names live here, once, so a module never spells one out for itself. This module is the
foundation every layer may import: it imports nothing of qikit but :mod:`qikit.errors`.

Every file qikit writes into a cohort folder goes through :func:`inside_cohort` (and, for a
whole file, :func:`write_in_cohort`): a folder such as ``teams/`` or ``review/`` that is a
symbolic link to somewhere else, or a stale ``.part`` file linked to a file elsewhere, is
refused with what to remove, before anything is written.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from qikit.errors import DataError, QikitError

__all__ = [
    "ACCESS_FILE",
    "COHORT_FILE",
    "COHORT_SCOPE",
    "EVALUATION_FOLDER",
    "HANDOUT_FILE",
    "LOG_FILE",
    "LOG_FOLDER",
    "MANIFEST_FILE",
    "MENTORS_FOLDER",
    "MENTOR_WORKBOOK",
    "PORTFOLIO_FOLDER",
    "REVIEW_FOLDER",
    "SECRET_FILE",
    "SHOWCASE_FOLDER",
    "SLUG",
    "STORE_FILE",
    "SURVEY_FOLDER",
    "SURVEY_ITEMS_FILE",
    "SURVEY_WORKBOOK",
    "TEACHING_WORKBOOK",
    "TEAMS_FOLDER",
    "TEAM_WORKBOOK",
    "TRAINERS_FOLDER",
    "TRAINER_WORKBOOKS",
    "WORKBOOK_NAME",
    "example_template",
    "inside_cohort",
    "is_slug",
    "log_path",
    "store_path",
    "survey_items_default",
    "workbooks_source",
    "write_in_cohort",
]

COHORT_FILE = "cohort.yaml"
STORE_FILE = "qikit.db"
ACCESS_FILE = "access.json"
HANDOUT_FILE = "access-codes-handout.html"
SECRET_FILE = ".qikit-secret"
LOG_FOLDER = "logs"
LOG_FILE = "errors.log"
TEAMS_FOLDER = "teams"
MENTORS_FOLDER = "mentors"
TRAINERS_FOLDER = "trainers"
REVIEW_FOLDER = "review"
SURVEY_FOLDER = "survey"
#: The skills survey page, copied into ``<cohort>/survey/``.
SURVEY_WORKBOOK = "01-survey.ipynb"
#: The survey's questions in the cohort folder (a copy of the shipped default, editable).
SURVEY_ITEMS_FILE = "survey-items.yaml"
EVALUATION_FOLDER = "evaluation"
SHOWCASE_FOLDER = "showcase"
PORTFOLIO_FOLDER = "portfolio"
#: The store's scope for records that belong to the cohort, not to one team (the anonymous
#: skills survey). Not a slug, so no team can ever have it, and the store's team lists skip it.
COHORT_SCOPE = "_cohort"
#: In each team folder: the sha256 of each workbook as the build last wrote it.
MANIFEST_FILE = ".qikit-build.json"
#: The workbooks copied to each team: ``NN-name.ipynb`` (``01-team.ipynb``).
WORKBOOK_NAME = re.compile(r"[0-9]{2}[^/\\]*\.ipynb")
#: The team page: every stage of a team's project on one page (``#charter``, ``#measuring``, …).
TEAM_WORKBOOK = "01-team.ipynb"
#: The mentors' dashboard, copied into ``<cohort>/mentors/``.
MENTOR_WORKBOOK = "mentor_dashboard.ipynb"
#: The trainers' run-chart demo (served alone by ``qikit.server.process.serve_demo``).
TEACHING_WORKBOOK = "demo_run_chart.ipynb"
#: The folder of ``workbooks/`` that holds the teaching pages (``NN-name.ipynb``), which a
#: cohort build copies into ``<cohort>/trainers/``.
TRAINER_WORKBOOKS = "trainer"
EXAMPLE_TEMPLATE = "support_services_2027.yaml"
#: The survey's default questions, shipped beside the example template.
SURVEY_ITEMS_DEFAULT = "survey_items.yaml"

#: A team's short name, as it appears in web addresses, folder names and the store: 2 to 40
#: lowercase letters, digits and single inner dashes ("ward-3-porters").
SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])")


def is_slug(value: object) -> bool:
    """Return True if ``value`` is a team slug (the one rule every layer uses)."""
    return isinstance(value, str) and SLUG.fullmatch(value) is not None


def store_path(cohort: str | Path) -> Path:
    """Return the cohort's store file (``<cohort>/qikit.db``)."""
    return Path(cohort) / STORE_FILE


def log_path(cohort: str | Path) -> Path:
    """Return the cohort's error log (``<cohort>/logs/errors.log``)."""
    return Path(cohort) / LOG_FOLDER / LOG_FILE


_PACKAGE = Path(__file__).resolve().parent


def _shipped(name: str) -> Path:
    """Return a folder that the wheel carries inside qikit and a checkout keeps at its top.

    ``pyproject.toml`` maps the checkout's top-level folder into the wheel (one source, no
    copy), so an installed qikit finds it inside the package and an editable one beside it.
    """
    packaged = _PACKAGE / name
    return packaged if packaged.is_dir() else _PACKAGE.parent / name


def workbooks_source() -> Path:
    """Return the folder of the workbooks that a cohort build copies (``workbooks/``)."""
    return _shipped("workbooks")


def example_template() -> Path:
    """Return the example cohort template (``cohort_templates/support_services_2027.yaml``)."""
    path = _shipped("cohort_templates") / EXAMPLE_TEMPLATE
    if not path.is_file():
        raise DataError(
            "example template",
            f"cohort_templates/{EXAMPLE_TEMPLATE}",
            "no such file",
            "Run qikit demo from the qikit folder, or reinstall qikit.",
        )
    return path


def survey_items_default() -> Path:
    """Return the survey's default questions (``cohort_templates/survey_items.yaml``)."""
    path = _shipped("cohort_templates") / SURVEY_ITEMS_DEFAULT
    if not path.is_file():
        raise DataError(
            "survey questions",
            f"cohort_templates/{SURVEY_ITEMS_DEFAULT}",
            "no such file",
            "Reinstall qikit, or put a survey-items.yaml in the cohort folder.",
        )
    return path


def inside_cohort(
    cohort: str | Path, *parts: str | Path, error: type[QikitError] = QikitError
) -> Path:
    """Return ``cohort/parts`` once sure that writing there stays inside the cohort folder.

    Walks the path from the cohort folder down. A symbolic link on the way whose real place is
    outside the cohort's real folder is refused, and so is a link as the last part (the file to
    be written, or a stale ``.part`` beside it), wherever it points: qikit writes files of its
    own, never through a link. The cohort folder itself may be a link. ``parts`` may also be
    one path that already starts with ``cohort``.

    Raises
    ------
    QikitError
        As ``error`` (``BuildError``, ``ReviewError``, ``EvidenceError``…): the link to remove.
    """
    base = Path(cohort)
    root = base.resolve()
    target = base.joinpath(*parts)
    try:
        inner = target.relative_to(base)
    except ValueError:
        try:
            inner = target.resolve().relative_to(root)
        except ValueError:
            raise error(
                f"{target} is not inside the cohort folder {root}: qikit writes only there."
            ) from None
    step = base
    names = [name for name in inner.parts if name not in ("", ".")]
    for number, name in enumerate(names, start=1):
        if name == "..":
            raise error(f"{target} leaves the cohort folder {root} (“..” in the path).")
        step = step / name
        if not step.is_symlink():
            if not step.exists():
                break  # nothing further down exists yet: nothing there can be a link
            continue
        real = step.resolve()
        last = number == len(names)
        if last or not real.is_relative_to(root):
            where = "somewhere else" if real.is_relative_to(root) else f"{real}, outside it"
            raise error(
                f"{step} is a link to {where}, so qikit would write outside the cohort folder "
                f"{root}. Nothing was written. Remove the link ({step}) and run the command "
                "again; qikit makes the folder or file itself."
            )
    return target


def write_in_cohort(
    cohort: str | Path,
    path: str | Path,
    content: bytes,
    *,
    error: type[QikitError] = QikitError,
    private: bool = False,
) -> Path:
    """Return ``path`` after writing ``content`` to it whole or not at all (and kept on disk).

    Checked with :func:`inside_cohort` (the file and its ``.part`` alike). The content goes to
    ``<name>.part`` beside it, created afresh (``O_EXCL | O_NOFOLLOW``: a regular stale one
    from a crash is removed first, a link is refused), flushed to disk, then renamed over the
    file. ``private`` files are readable by this user only (mode 0600).
    """
    target = inside_cohort(cohort, path, error=error)
    temporary = inside_cohort(cohort, target.with_name(target.name + ".part"), error=error)
    temporary.unlink(missing_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    descriptor = os.open(temporary, flags, 0o600 if private else 0o644)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        if private:
            os.chmod(temporary, 0o600)  # the umask may have narrowed it further; never widen
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return target
