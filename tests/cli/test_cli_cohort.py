"""``qikit cohort build``: exit codes, messages and what ends up on disk, through the real command.

Each test runs ``python -m qikit cohort build`` in a separate process, as a programme lead
would; the bad templates are the files in ``tests/cohort/fixtures/bad/``, whose first line says
the line and the words the message must contain.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from cli_runner import qikit

from qikit.cli import main

HERE = Path(__file__).parents[1]
FIXTURES = HERE / "cohort" / "fixtures"
WORKBOOKS = FIXTURES / "workbooks"
EXAMPLE = HERE.parent / "cohort_templates" / "support_services_2027.yaml"
BAD_FILES = sorted((FIXTURES / "bad").glob("*.yaml"))
#: The QI team's evaluation workbooks that qikit ships (copied whatever --workbooks says).
_EVALUATION = sorted((HERE.parent / "workbooks" / "evaluation").glob("[0-9][0-9]-*.ipynb"))
EVALUATION_LINES = (
    [f"Evaluation workbooks: {len(_EVALUATION)} written, 0 kept, 0 unchanged."]
    if _EVALUATION
    else []
)


def test_build_then_build_again(tmp_path: Path) -> None:
    """Does a build exit 0 with a summary (and no progress bar when not on a terminal), and a
    second build report every team unchanged?"""
    out = tmp_path / "cohort"
    done = qikit("cohort", "build", EXAMPLE, "--out", out, "--workbooks", WORKBOOKS)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [
        f"Cohort “Support services 2027” in {out.resolve()}",
        "Teams: 6 created, 0 updated, 0 unchanged.",
        "Workbooks: 12 written, 0 kept, 0 unchanged.",
        "Trainers' teaching pages: 6 written, 0 kept, 0 unchanged.",
        "Skills survey page: 1 written, 0 kept, 0 unchanged. Its questions: survey-items.yaml, "
        "copied from qikit's default (edit it to change them).",
        *EVALUATION_LINES,
        f"New access codes for 8 areas are in {out.resolve() / 'access-codes-handout.html'}: "
        "print it, hand out the cards, then delete the file (only scrambled copies of the codes "
        "are kept).",
    ]
    assert (out / "teams" / "outpatient-reception" / "02-charter.ipynb").is_file()

    done = qikit("cohort", "build", EXAMPLE, "--out", out, "--workbooks", WORKBOOKS, "-q")
    assert (done.returncode, done.stderr) == (0, "")
    assert "Teams: 0 created, 0 updated, 6 unchanged." in done.stdout
    assert "Workbooks: 0 written, 0 kept, 12 unchanged." in done.stdout
    assert "Trainers' teaching pages: 0 written, 0 kept, 6 unchanged." in done.stdout
    assert "Skills survey page: 0 written, 0 kept, 1 unchanged." in done.stdout
    assert "access codes" not in done.stdout  # no new codes: the printed cards still work


def test_the_default_folder_is_cohorts_slug_in_the_current_folder(tmp_path: Path) -> None:
    """Without --out, is the cohort built in ./cohorts/<cohort slug>?"""
    done = qikit("cohort", "build", EXAMPLE, "--workbooks", WORKBOOKS, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "cohorts" / "support-services-2027" / "qikit.db").is_file()


@pytest.mark.parametrize("bad", BAD_FILES, ids=lambda p: p.stem)
def test_a_bad_template_is_exit_code_2_naming_the_line(tmp_path: Path, bad: Path) -> None:
    """Is each bad template exit code 2, with the file, the line and what to fix on stderr,
    no traceback, and no cohort folder created?"""
    head = bad.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# expect line (\d+): (.+)", head)
    assert match
    template = tmp_path / bad.name
    shutil.copyfile(bad, template)
    out = tmp_path / "cohort"

    done = qikit("cohort", "build", template, "--out", out, "--workbooks", WORKBOOKS)

    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert lines[0] == "qikit cohort build: the template needs fixing; nothing was written."
    assert lines[1].startswith(f"{template}, line {match.group(1)}: ")
    assert match.group(2) in lines[1]
    assert "Traceback" not in done.stderr
    assert not out.exists()


def test_a_missing_template_is_exit_code_2(tmp_path: Path) -> None:
    """Is a template that does not exist exit code 2 with its name, writing nothing?"""
    done = qikit("cohort", "build", tmp_path / "nope.yaml", "--out", tmp_path / "c")
    assert done.returncode == 2
    assert f"{tmp_path / 'nope.yaml'}: there is no such file." in done.stderr
    assert not (tmp_path / "c").exists()


def test_missing_workbooks_are_exit_code_2(tmp_path: Path) -> None:
    """Is a workbooks folder with no numbered workbooks a refusal (2), writing nothing?"""
    empty = tmp_path / "empty"
    empty.mkdir()
    done = qikit("cohort", "build", EXAMPLE, "--out", tmp_path / "c", "--workbooks", empty)
    assert done.returncode == 2
    assert done.stderr.startswith("qikit cohort: There are no workbooks in")
    assert not (tmp_path / "c").exists()


def test_cohort_without_a_command_is_a_usage_error() -> None:
    """Is ``qikit cohort`` on its own exit code 2 with argparse's usage message?"""
    done = qikit("cohort")
    assert done.returncode == 2
    assert "usage: qikit cohort" in done.stderr


def test_a_folder_that_cannot_be_made_is_exit_code_1(tmp_path: Path) -> None:
    """Is an error from the file system (a file where a folder should be) exit code 1, with
    a plain line on stderr rather than a traceback?"""
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    done = qikit("cohort", "build", EXAMPLE, "--out", blocker / "cohort", "--workbooks", WORKBOOKS)
    assert done.returncode == 1
    assert done.stderr.startswith("qikit cohort build: ")
    assert "Traceback" not in done.stderr


def test_an_unexpected_error_is_exit_code_1(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Is a bug (any exception that is not a refusal) exit code 1, telling it apart from 2?"""

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr("qikit.cohort.build.build_cohort", broken)
    assert main(["cohort", "build", str(EXAMPLE)]) == 1
    assert "unexpected error: RuntimeError('boom')" in capsys.readouterr().err


def test_a_deeply_nested_template_is_exit_code_2_naming_the_file(tmp_path: Path) -> None:
    """Does qikit cohort build refuse 50,000 nested lists with exit code 2 and the file name?"""
    deep = tmp_path / "deep.yaml"
    deep.write_text("[" * 50_000, encoding="utf-8")
    done = qikit("cohort", "build", deep, "--out", tmp_path / "cohort")
    assert done.returncode == 2, done.stderr
    assert "RecursionError" not in done.stderr
    assert f"{deep}: the lists and tables in this file are nested far too deeply" in done.stderr
    assert not (tmp_path / "cohort").exists()
