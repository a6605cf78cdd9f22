"""Does the evaluation report say what a board needs, escape what people typed, hide small
groups and leave the store as it was?"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from pathlib import Path

import pytest
from evaluation_cohort import NASTY_TEAM, make_evaluation_cohort

from qikit.core.wording.evaluation import HEADINGS, METHODS, SUPPRESSED, TOO_FEW_PAIRS
from qikit.errors import EvidenceError
from qikit.evidence.evaluation_report import (
    REPORT_FILE,
    show_evaluation,
    write_evaluation_report,
)

DAY = "2028-04-01"


@pytest.fixture(scope="module")
def evaluation_cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cohort for the tests that only read it."""
    return make_evaluation_cohort(tmp_path_factory.mktemp("evaluation") / "cohort")


@pytest.fixture(scope="module")
def report(evaluation_cohort: Path) -> str:
    path = write_evaluation_report(evaluation_cohort, today=DAY, progress=False)
    assert path == evaluation_cohort / "evaluation" / DAY / REPORT_FILE
    return path.read_text(encoding="utf-8")


def _text(page: str) -> str:
    page = re.sub(r"<style\b.*?</style>", " ", page, flags=re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_the_report_has_the_five_plain_headings_in_order(report: str) -> None:
    headings = re.findall(r"<h2>(.*?)</h2>", report)
    assert headings == [html.escape(h) for h in HEADINGS.values()]


def test_the_report_says_each_result_in_a_sentence(report: str) -> None:
    text = _text(report)
    assert "31 people answered the survey at least once." in text
    assert "Before the programme: 31 people answered" in text
    assert re.search(r"Of \d+ people who answered both, \d+ rated themselves higher after", text)
    assert "p-value" in text and "effect size" in text
    assert "Of 2 teams, " in text and "PDSA cycles" in text
    assert "still taking part" in text
    assert METHODS[-1].split(":")[0] in text


def test_typed_text_is_escaped_and_written_answers_never_quoted(report: str) -> None:
    assert "<script>" not in report
    assert html.escape(NASTY_TEAM) in report
    assert "Jo on ward 3" not in report
    for words in ("Learn something new", "Thank you", "The fishbone day"):
        assert words not in report  # demo's written answers: counted only


def test_the_report_is_one_file_with_its_charts_inside(report: str) -> None:
    images = re.findall(r'<img src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)"', report)
    assert len(images) >= 4  # answers, change after, change months later, engagement
    svg = base64.b64decode(images[0][0]).decode("utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert not re.search(r'(src|href)="(https?:|/)', report)


def test_small_groups_are_not_shown(tmp_path: Path) -> None:
    from qikit.store import open_store
    from qikit.store.survey import save_survey_answers

    cohort = tmp_path / "small"
    cohort.mkdir()
    with open_store(cohort / "qikit.db") as store:
        for n in range(4):
            save_survey_answers(store, f"FEW{n}", "pre", {"plan_pdsa": 1}, author="t")
            save_survey_answers(store, f"FEW{n}", "post", {"plan_pdsa": 3}, author="t")
    text = _text(write_evaluation_report(cohort, today=DAY, progress=False).read_text("utf-8"))
    assert TOO_FEW_PAIRS in text and SUPPRESSED in text
    assert "4 people" not in text and "FEW" not in text


def test_the_store_is_read_not_changed(tmp_path: Path) -> None:
    cohort = make_evaluation_cohort(tmp_path / "cohort")
    before = hashlib.sha256((cohort / "qikit.db").read_bytes()).hexdigest()
    write_evaluation_report(cohort, today=DAY, progress=False)
    assert hashlib.sha256((cohort / "qikit.db").read_bytes()).hexdigest() == before


def test_a_folder_that_is_not_a_cohort_is_refused_plainly(tmp_path: Path) -> None:
    with pytest.raises(EvidenceError, match="not a cohort folder"):
        write_evaluation_report(tmp_path, progress=False)
    with pytest.raises(EvidenceError, match="YYYY-MM-DD"):
        write_evaluation_report(tmp_path, today="next week", progress=False)


def test_the_notebook_view_shows_the_report_or_says_what_to_set(evaluation_cohort: Path) -> None:
    assert "Set <code>cohort</code>" in show_evaluation("")._repr_html_()
    assert "not a cohort folder" in show_evaluation("/")._repr_html_()
    inline = show_evaluation(str(evaluation_cohort), today=DAY)._repr_html_()
    assert "<html" not in inline and html.escape(HEADINGS["growth"]) in inline
