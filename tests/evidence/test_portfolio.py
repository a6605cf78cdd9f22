"""Does each porter of the example cohort get a full evidence pack, printed, checked and escaped?

The example cohort is ``qikit demo``'s, with two things added to the porters' work: a mentor's
comment and a reflection answer that carry markup (``<script>``, ``&``), which every page must
show as text. The packs are written once (printing takes about 15 s) and read by every test.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest

from qikit.core.model import Feedback, FeedbackTopic, Reflection
from qikit.core.wording import portfolio as words
from qikit.demo.cohort import PORTERING, prepare_demo
from qikit.errors import EvidenceError
from qikit.evidence.pdf import find_chromium, pdf_page_count
from qikit.evidence.portfolio import INDEX, PARTS, PortfolioResult, write_portfolios
from qikit.store import open_store
from qikit.store.records import load_project, save_record

PAYLOAD = "<script>alert(1)</script> & Co"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"
PORTERS = {"ana-silva": "Ana Silva", "mark-hughes": "Mark Hughes", "jo-bennett": "Jo Bennett"}


@pytest.fixture(scope="module")
def cohort(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder, _ = prepare_demo(tmp_path_factory.mktemp("portfolio") / "demo")
    with open_store(folder / "qikit.db") as store:
        mark = load_project(store, PORTERING).reflection_of("Mark Hughes")
        assert mark is not None, "the demo's porters have sample reflections"
        save_record(store, PORTERING, dataclasses.replace(mark, differently=PAYLOAD), author="t")
        comment = Feedback(
            record_id="payload",
            about=FeedbackTopic.PDSA,
            author="Sam Patel",
            at="2026-04-02T09:00:00+00:00",
            text=f"Try {PAYLOAD} next",
            from_mentor=True,
        )
        save_record(store, PORTERING, comment, author="t")
    return folder


@pytest.fixture(scope="module")
def result(cohort: Path) -> PortfolioResult:
    assert find_chromium() is not None, "make test installs Debian's chromium"
    return write_portfolios(cohort, PORTERING, progress=False)


def _read(result: PortfolioResult, slug: str) -> dict[str, bytes]:
    with zipfile.ZipFile(result.folder / f"{slug}.zip") as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _html(result: PortfolioResult, slug: str, part: str) -> str:
    return _read(result, slug)[f"{part}.html"].decode("utf-8")


def test_each_porter_gets_a_zip_of_every_part_as_html_and_pdf(result: PortfolioResult) -> None:
    assert result.pdf_problem is None and result.exit_code == 0
    assert sorted(p.name for p in result.folder.iterdir()) == sorted(f"{s}.zip" for s in PORTERS)
    expected = {f"{stem}{ext}" for stem in (INDEX, *PARTS) for ext in (".html", ".pdf")}
    for pack in result.packs:
        assert PORTERS[pack.slug] == pack.member
        assert set(_read(result, pack.slug)) == expected


def test_the_parts_hold_the_teams_work_and_only_the_persons_own_reflection(
    result: PortfolioResult,
) -> None:
    charter = _html(result, "ana-silva", "charter")
    assert "from 40 to 25 minutes" in charter and "Jo Bennett (Portering supervisor)" in charter
    tools = _html(result, "ana-silva", "tools")
    assert tools.count("<svg") >= 4  # fishbone, process map, driver diagram, the run chart
    assert "Not enough porters on the early shift" in tools
    assert "Minutes from request to patient leaving the ward" in tools
    pdsa = _html(result, "ana-silva", "pdsa-log")
    assert "A tablet on ward 3 for one week" in pdsa and "<details>" not in pdsa
    feedback = _html(result, "ana-silva", "feedback")
    assert "Your aim is clear and has all four parts." in feedback
    assert "we will start counting missed jobs on Monday" in feedback
    mine = _html(result, "ana-silva", "reflections")
    assert "Ana Silva&#x27;s reflection" in mine and "I timed every X-ray job" in mine
    assert "Mark Hughes" not in mine and "I went to wards 3 and 4" not in mine


def test_the_checklist_says_where_each_item_is(result: PortfolioResult) -> None:
    ana = next(p for p in result.packs if p.slug == "ana-silva")
    assert [e.asks for e in ana.checklist] == [asks for _, asks in words.CHECKLIST]
    assert all(e.done for e in ana.checklist), [e.where for e in ana.checklist if not e.done]
    where = {e.item_id: e.where for e in ana.checklist}
    assert "charter.pdf" in where["problem"] and "5 causes" in where["problem"]
    assert "tools.pdf" in where["measure"] and "pdsa-log.pdf" in where["test"]
    assert "2 PDSA cycles carried out" in where["test"]
    assert "reflections.pdf" in where["reflect"] and "feedback.pdf" in where["feedback"]
    index = _html(result, "ana-silva", INDEX)
    rows = re.findall(r'<tr><th scope="row">(.*?)</th><td class="qikit-done">(.*?)</td>', index)
    assert rows == [(asks, "Yes") for _, asks in words.CHECKLIST]
    assert '<a href="tools.html">' in index and "Evidence pack: Ana Silva" in index


def test_every_pdf_has_pages_and_the_charter_and_cover_one_each(
    result: PortfolioResult, tmp_path: Path
) -> None:
    for pack in result.packs:
        files = _read(result, pack.slug)
        for stem in (INDEX, *PARTS):
            pdf = tmp_path / f"{stem}.pdf"
            pdf.write_bytes(files[f"{stem}.pdf"])
            assert pdf_page_count(pdf) == pack.pdf_pages[stem] > 0, stem
            pdf.unlink()
        assert pack.pdf_pages["charter"] == 1
        assert pack.pdf_pages[INDEX] == 1
        assert pack.pdf_pages["reflections"] == 1


def test_markup_in_a_reflection_and_a_comment_is_text_everywhere(result: PortfolioResult) -> None:
    mark = _read(result, "mark-hughes")
    for name, content in mark.items():
        if name.endswith(".html"):
            page = content.decode("utf-8")
            assert "<script" not in page, name
    assert ESCAPED in mark["reflections.html"].decode("utf-8")
    assert ESCAPED in mark["feedback.html"].decode("utf-8")


def test_the_printed_pages_show_the_markup_as_words(
    result: PortfolioResult, chromium: Any, tmp_path: Path
) -> None:
    """The PDFs are printed from these pages: in the browser they show the words, run nothing."""
    with zipfile.ZipFile(result.folder / "mark-hughes.zip") as archive:
        archive.extractall(tmp_path)
    page = chromium.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    try:
        for part in ("reflections", "feedback"):
            page.goto((tmp_path / f"{part}.html").as_uri())
            assert PAYLOAD in page.inner_text("main"), part
            assert page.locator("main script").count() == 0
    finally:
        page.close()
    assert dialogs == []


def test_a_team_with_nothing_yet_gets_packs_that_say_what_is_missing(cohort: Path) -> None:
    result = write_portfolios(cohort, "catering", pdf=False, progress=False)
    assert [p.slug for p in result.packs] == ["dev-patel", "sue-carter"]
    pack = result.packs[0]
    assert set(pack.files) == {f"{stem}.html" for stem in (INDEX, *PARTS)}
    assert pack.pdf_pages == {}
    assert not any(e.done for e in pack.checklist)
    where = {e.item_id: e.where for e in pack.checklist}
    assert where["problem"].startswith("the team has not written the problem")
    assert "Dev Patel has not written a reflection yet" in where["reflect"]
    assert where["feedback"] == "the mentor has not written any comments yet"
    index = _html(result, "dev-patel", INDEX)
    assert "Not yet: no PDSA cycle has been carried out yet" in index
    assert words.COVER_NO_PDF in index


def test_a_pack_is_replaced_whole_and_nothing_half_written_is_left(cohort: Path) -> None:
    first = write_portfolios(cohort, "catering", pdf=False, progress=False)
    with open_store(cohort / "qikit.db") as store:
        save_record(
            store,
            "catering",
            Reflection(record_id="sue-carter", member="Sue Carter", role="Menus"),
            author="t",
        )
    again = write_portfolios(cohort, "catering", pdf=False, progress=False)
    assert [p.path for p in again.packs] == [p.path for p in first.packs]
    assert "Menus" in _html(again, "sue-carter", "reflections")
    assert sorted(p.name for p in again.folder.iterdir()) == ["dev-patel.zip", "sue-carter.zip"]


def test_without_a_browser_the_web_pages_are_packed_and_the_reason_given(
    cohort: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QIKIT_CHROMIUM", str(cohort / "no-such-browser"))
    result = write_portfolios(cohort, "catering", progress=False)
    assert result.exit_code == 1 and result.pdf_problem is not None
    assert "Install Chromium" in result.pdf_problem
    assert all(name.endswith(".html") for name in result.packs[0].files)


def test_an_unknown_team_is_refused_naming_the_known_ones(cohort: Path) -> None:
    with pytest.raises(EvidenceError, match=r"no team 'nowhere'.*portering.*catering"):
        write_portfolios(cohort, "nowhere", pdf=False, progress=False)


def test_a_folder_that_is_not_a_cohort_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EvidenceError, match="not a cohort folder"):
        write_portfolios(tmp_path, PORTERING, pdf=False, progress=False)
