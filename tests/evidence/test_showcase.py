"""Does the showcase make every team's A3 storyboard and the gallery, escaped and on one page?

The example cohort (``prepare_demo``: six teams, two with work) is written once for the module
with PDFs printed by the real headless Chromium. One team's name and one team's captions hold
markup, which must come out as text in the HTML and in the PDF's text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
from pathlib import Path

import pytest
from pdf_text import pdf_text, squeezed

from qikit.core.model import (
    Measure,
    MeasureType,
    PdsaCycle,
    PdsaDecision,
    Point,
    Project,
    ShowcaseCaptions,
    Team,
)
from qikit.demo.cohort import DOMESTIC, PORTERING, prepare_demo
from qikit.demo.samples import sample_records
from qikit.errors import EvidenceError
from qikit.evidence.pdf import pdf_page_count, print_to_pdf
from qikit.evidence.showcase import (
    GALLERY_FILE,
    ShowcaseResult,
    gallery_page,
    storyboard_page,
    write_showcase,
)
from qikit.layout import SHOWCASE_FOLDER, store_path
from qikit.render.storyboard import key_measure
from qikit.render.style import GALLERY_CSS, SHOWCASE_CSS
from qikit.store import open_store
from qikit.store.records import load_project, save_record

PAYLOAD = '<script>alert(1)</script> & "quotes"'
ESCAPED = html.escape(PAYLOAD, quote=True)
#: The example template's teams with no work entered.
RENAMED = "catering"
EMPTY = "laundry-and-linen"


@pytest.fixture(scope="module")
def showcase(tmp_path_factory: pytest.TempPathFactory) -> ShowcaseResult:
    """The example cohort's showcase, with markup in a team's name and in the porters' words."""
    folder, _ = prepare_demo(tmp_path_factory.mktemp("showcase") / "demo")
    with open_store(store_path(folder)) as store:
        team = load_project(store, RENAMED).team
        assert team is not None
        save_record(store, RENAMED, dataclasses.replace(team, name=PAYLOAD), author="test")
        captions = ShowcaseCaptions(headline=PAYLOAD, next_steps=f"Next: {PAYLOAD}")
        save_record(store, PORTERING, captions, author="test")
    return write_showcase(folder, progress=False)


def _page(result: ShowcaseResult, slug: str) -> str:
    return (result.folder / f"{slug}.html").read_text(encoding="utf-8")


def _visible(markup: str) -> str:
    """Return the words a reader sees: styles and tags dropped, entities decoded."""
    markup = re.sub(r"<(style|svg)\b.*?</\1>", " ", markup, flags=re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


# -- what is written --------------------------------------------------------------------------


def test_every_team_gets_an_html_page_and_a_pdf_and_the_gallery_links_them(
    showcase: ShowcaseResult,
) -> None:
    slugs = {t.slug for t in showcase.teams}
    assert len(slugs) == 6 and {PORTERING, DOMESTIC, RENAMED, EMPTY} <= slugs
    assert showcase.folder.name == SHOWCASE_FOLDER and showcase.gallery.name == GALLERY_FILE
    assert showcase.pdf_failures == ()
    gallery = showcase.gallery.read_text(encoding="utf-8")
    for team in showcase.teams:
        assert team.html == showcase.folder / f"{team.slug}.html" and team.html.is_file()
        assert team.pdf == showcase.folder / f"{team.slug}.pdf"
        assert team.pdf.read_bytes().startswith(b"%PDF-")
        assert f'href="{team.slug}.html"' in gallery and f'href="{team.slug}.pdf"' in gallery
    assert not list(showcase.folder.glob(".*.partial"))


@pytest.mark.parametrize("slug", [PORTERING, DOMESTIC, RENAMED, EMPTY])
def test_each_storyboard_pdf_is_exactly_one_page(showcase: ShowcaseResult, slug: str) -> None:
    assert pdf_page_count(showcase.folder / f"{slug}.pdf") == 1


def test_the_lines_printed_name_every_file_written(showcase: ShowcaseResult) -> None:
    lines = showcase.lines()
    assert str(showcase.folder) in lines[0] and "6 teams" in lines[0]
    assert any(GALLERY_FILE in line for line in lines)
    assert any("Portering: portering.html, portering.pdf" in line for line in lines)


# -- what a storyboard says -------------------------------------------------------------------


def test_the_porters_storyboard_tells_their_story_from_their_records(
    showcase: ShowcaseResult,
) -> None:
    page = _page(showcase, PORTERING)
    seen = _visible(page)
    for words in (
        "Portering: our improvement story",
        "Ana Silva",  # the team
        "We will reduce the time patients wait for a porter",  # the aim
        "Patients going to X-ray wait too long for a porter",  # the problem
        "Requests come by phone and go on scraps of paper (Methods, 5 votes)",  # top cause
        "A tablet on ward 3 for one week: Adapt: change it and test again",  # what they tried
        "What the chart rules found: ↓ change (better)",  # the key chart's signal
        "Points 1 to 10 are all above the middle line",  # its plain reading
        "What we learned",
        "A surprise: The nurses liked seeing which porter was on the way.",
    ):
        assert words in seen, words
    assert page.count("<svg") == 1 and "Minutes from request to patient leaving the ward" in page
    # The fourth and fifth causes do not fit: the three with most votes are the highlights.
    assert "The main lift is slow" not in seen


def test_the_team_s_own_words_take_the_place_of_the_records_words(
    showcase: ShowcaseResult,
) -> None:
    seen = _visible(_page(showcase, PORTERING))
    assert f"Next: {PAYLOAD}" in seen
    assert "Ask the facilities manager for tablets" not in seen  # the cycle's next step


def test_a_team_with_little_work_still_gets_a_sensible_page(showcase: ShowcaseResult) -> None:
    seen = _visible(_page(showcase, EMPTY))
    assert "Laundry and linen: our improvement story" in seen
    assert "This team is still gathering its story." in seen
    assert "What we tried" not in seen
    assert next(t for t in showcase.teams if t.slug == EMPTY).gathering
    card = showcase.gallery.read_text(encoding="utf-8").split('href="laundry-and-linen.html"')[1]
    assert "This team is still gathering its story." in card.split("</li>")[0]


# -- escaping ---------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", [PORTERING, RENAMED])
def test_markup_in_a_name_or_a_caption_is_text_in_the_html(
    showcase: ShowcaseResult, slug: str
) -> None:
    page = _page(showcase, slug)
    assert "<script>" not in page
    assert ESCAPED in page and PAYLOAD in _visible(page)


def test_the_gallery_opens_on_the_teams_with_a_story(showcase: ShowcaseResult) -> None:
    """Do the teams with work to celebrate come first on the big screen, the rest after?"""
    gallery = (showcase.folder / GALLERY_FILE).read_text(encoding="utf-8")
    order = [gallery.index(f'href="{t.slug}.html"') for t in showcase.teams]
    with_story = [at for at, t in zip(order, showcase.teams, strict=True) if not t.gathering]
    gathering = [at for at, t in zip(order, showcase.teams, strict=True) if t.gathering]
    assert {PORTERING, DOMESTIC} <= {t.slug for t in showcase.teams if not t.gathering}
    assert gathering and max(with_story) < min(gathering)


def test_markup_in_a_team_name_is_text_in_the_gallery(showcase: ShowcaseResult) -> None:
    gallery = showcase.gallery.read_text(encoding="utf-8")
    assert "<script>" not in gallery
    assert f'<a href="{RENAMED}.html">{ESCAPED}</a>' in gallery


@pytest.mark.parametrize("slug", [PORTERING, RENAMED])
def test_markup_in_a_name_or_a_caption_is_text_in_the_pdf(
    showcase: ShowcaseResult, slug: str
) -> None:
    text = pdf_text(showcase.folder / f"{slug}.pdf")
    assert squeezed(PAYLOAD) in text
    assert squeezed("our improvement story") in text


# -- paper, greyscale and contrast ------------------------------------------------------------


def test_the_storyboard_asks_for_one_a3_sheet() -> None:
    assert re.search(r"@page\s*\{\s*size:\s*A3\b[^}]*\}", SHOWCASE_CSS)
    assert storyboard_page(Project()).count(SHOWCASE_CSS) == 1


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


@pytest.mark.parametrize("css", [SHOWCASE_CSS, GALLERY_CSS], ids=["storyboard", "gallery"])
def test_every_text_colour_has_a_contrast_of_at_least_4_5_on_white(css: str) -> None:
    """WCAG 2.x contrast ratio, (L1 + 0.05) / (L2 + 0.05), of each text colour on white."""
    colours = re.findall(r"(?<![-\w])color:\s*(#[0-9a-fA-F]{6})", css)
    assert colours
    for colour in colours:
        assert 1.05 / (_luminance(colour) + 0.05) >= 4.5, colour


def test_nothing_on_the_pages_is_told_by_colour_alone() -> None:
    """The headings, boxes and captions are set apart by borders, weight and words."""
    for css in (SHOWCASE_CSS, GALLERY_CSS):
        assert "background-color" not in css
        assert not re.findall(r"background:\s*#(?!ffffff)", css)


# -- the key chart ----------------------------------------------------------------------------


def test_the_key_chart_is_the_first_outcome_measure_else_the_first_measure() -> None:
    process = Measure(record_id="m1", name="A process", measure_type=MeasureType.PROCESS)
    outcome = Measure(record_id="m2", name="B outcome", measure_type=MeasureType.OUTCOME)
    later = Measure(record_id="m3", name="C outcome", measure_type=MeasureType.OUTCOME)
    assert key_measure(Project.of([process, later, outcome])) == outcome
    assert key_measure(Project.of([later, process])) == later
    assert key_measure(Project.of([process])) == process
    assert key_measure(Project()) is None


# -- what does not fit, and failures ------------------------------------------------------------


def _busy_project() -> Project:
    """The sample porters' project with every part as long as the store allows."""
    long_text = ("word " * 1990).strip()
    records = [r for r in sample_records() if not isinstance(r, Team)]
    day = dt.date(2026, 1, 5)
    records += [
        PdsaCycle(
            record_id=f"extra-{n}",
            title="t" * 200,
            decision=PdsaDecision.ADOPT,
            result_vs_prediction=long_text,
            next_step=long_text,
            started_on=day,
        )
        for n in range(6)
    ]
    records.append(
        ShowcaseCaptions(
            headline="h " * 99,
            problem=long_text,
            chart_reading=long_text,
            learned=long_text,
        )
    )
    records.append(Team(name="A team with a very long name " * 6, slug="busy"))
    assert not [r for r in records if isinstance(r, Point) and r.date < day - dt.timedelta(1)]
    return Project.of(records)


def test_a_team_that_wrote_a_lot_still_prints_on_one_sheet_and_says_where_the_rest_is(
    tmp_path: Path,
) -> None:
    page = storyboard_page(_busy_project(), cohort="Busy cohort")
    assert "More of our story is on our team page." in _visible(page)
    assert "…" in page
    html_file = tmp_path / "busy.html"
    html_file.write_text(page, encoding="utf-8")
    pdf = print_to_pdf(html_file, tmp_path / "busy.pdf")
    assert pdf_page_count(pdf) == 1


def test_without_a_browser_the_html_is_written_and_each_team_says_why_it_has_no_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, _ = prepare_demo(tmp_path / "demo")
    monkeypatch.setenv("QIKIT_CHROMIUM", str(tmp_path / "no-such-browser"))
    result = write_showcase(folder, progress=False)
    assert len(result.pdf_failures) == len(result.teams) == 6
    assert all(t.html.is_file() and t.pdf is None for t in result.teams)
    assert all("Install Chromium" in t.pdf_error for t in result.teams)
    assert not list(result.folder.glob("*.pdf"))
    assert sum("no PDF" in line for line in result.lines()) == 6


def test_without_pdfs_asked_for_only_the_html_is_written(tmp_path: Path) -> None:
    folder, _ = prepare_demo(tmp_path / "demo")
    result = write_showcase(folder, pdf=False, progress=False)
    assert result.pdf_failures == () and not list(result.folder.glob("*.pdf"))
    gallery = result.gallery.read_text(encoding="utf-8")
    assert '.pdf"' not in gallery and "Print copy" not in gallery


def test_a_folder_that_is_not_a_cohort_is_refused_before_anything_is_written(
    tmp_path: Path,
) -> None:
    with pytest.raises(EvidenceError, match="not a cohort folder"):
        write_showcase(tmp_path, progress=False)
    assert not (tmp_path / SHOWCASE_FOLDER).exists()


def test_a_gallery_without_teams_says_so() -> None:
    assert "There are no teams in this cohort yet." in gallery_page([])
