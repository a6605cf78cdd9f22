"""``qikit portfolio``: exit codes, what it prints and the packs on disk, through the real command.

The cohort has two teams: ``porters`` with the sample project (whose reflections include Jo
Bennett's, not Tom Okafor's) and ``catering`` with nothing yet. The
refusal goes through ``python -m qikit`` in its own process; the others call ``qikit.cli.main``.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from cli_runner import qikit

from qikit.cli import main
from qikit.cohort.build import build_cohort
from qikit.demo.samples import build_sample_project
from qikit.store import open_store

TEMPLATE = """\
cohort: CLI portfolio
start_date: 2027-01-11
teams:
  - name: Porters
    members:
      - name: Jo Bennett
        role: Porters' desk
      - name: Tom Okafor
        role: Porter
  - name: Catering
    members:
      - name: Dev Patel
        role: Ward host
"""


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli-portfolio")
    (root / "cohort.yaml").write_text(TEMPLATE, encoding="utf-8")
    folder = root / "cohort"
    build_cohort(root / "cohort.yaml", folder)
    with open_store(folder / "qikit.db") as store:
        build_sample_project(store, "porters", author="test setup")
    return folder


def test_an_unknown_team_exits_2_naming_the_teams_there_are(cohort: Path) -> None:
    done = qikit("portfolio", cohort, "--team", "nowhere")
    assert done.returncode == 2, done.stderr
    assert "qikit portfolio: There is no team 'nowhere'" in done.stderr
    assert "porters, catering" in done.stderr or "catering, porters" in done.stderr
    assert not (cohort / "portfolio").exists()


def test_the_team_is_required(cohort: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["portfolio", str(cohort)])
    assert stopped.value.code == 2
    assert "--team" in capsys.readouterr().err


def test_web_pages_only_writes_a_zip_per_member_and_lists_them(
    cohort: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["portfolio", str(cohort), "--team", "porters", "--no-pdf", "-q"]) == 0
    said = capsys.readouterr().out
    assert "Evidence packs of Porters" in said
    assert "jo-bennett.zip" in said and "Jo Bennett: 8 of 8 checklist items there" in said
    assert "Tom Okafor: 6 of 8 checklist items there" in said  # no reflection of his own yet
    with zipfile.ZipFile(cohort / "portfolio" / "porters" / "jo-bennett.zip") as archive:
        names = archive.namelist()
    assert "index.html" in names and not any(n.endswith(".pdf") for n in names)


def test_with_pdfs_it_says_how_many_pages(cohort: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["portfolio", str(cohort), "--team", "catering", "-q"]) == 0
    said = capsys.readouterr().out
    assert "Dev Patel: 0 of 8 checklist items there" in said and "PDF pages" in said


def test_without_a_browser_it_exits_1_and_says_what_to_install(
    cohort: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QIKIT_CHROMIUM", str(cohort / "no-such-browser"))
    assert main(["portfolio", str(cohort), "--team", "catering", "-q"]) == 1
    said = capsys.readouterr()
    assert "dev-patel.zip" in said.out and "PDF pages" not in said.out
    assert "Install Chromium" in said.err


def test_a_folder_that_is_not_a_cohort_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["portfolio", str(tmp_path), "--team", "porters"]) == 2
    assert "not a cohort folder" in capsys.readouterr().err
