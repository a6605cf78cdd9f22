"""The teaching pages' frame: heading, intro, presenter switch, review copies, entry point."""

from __future__ import annotations

import ipywidgets as widgets
import pytest
from IPython.core.interactiveshell import InteractiveShell

from qikit.core.wording import teaching as words
from qikit.errors import DataError
from qikit.pages.teaching import TEACHING_PAGES, show_teaching, teaching_page, teaching_view
from qikit.pages.teaching.frame import PRESENTER_CLASS
from qikit.render.style import PRESENTER_CSS


def _switch(page: widgets.VBox) -> widgets.ToggleButton:
    return next(c for c in page.children if isinstance(c, widgets.ToggleButton))


def test_the_presenter_switch_turns_presenter_mode_on_and_off_and_says_so() -> None:
    """Does the switch add the presenter class to the page, and its words say which mode is on?"""
    page = teaching_page("A title", "One line.", [widgets.HTML("x")], mode="app")
    switch = _switch(page)
    assert PRESENTER_CLASS not in page._dom_classes
    assert switch.description == words.PRESENTER_OFF
    switch.value = True
    assert PRESENTER_CLASS in page._dom_classes and switch.description == words.PRESENTER_ON
    switch.value = False
    assert PRESENTER_CLASS not in page._dom_classes and switch.description == words.PRESENTER_OFF
    styles = " ".join(c.value for c in page.children if isinstance(c, widgets.HTML))
    assert PRESENTER_CSS in styles


def test_the_presenter_styles_are_large_and_high_contrast() -> None:
    """Are presenter-mode texts at least 26 px and black on white, headings bigger still?"""
    assert f".{PRESENTER_CLASS}" in PRESENTER_CSS
    assert "max(26px" in PRESENTER_CSS and "max(44px" in PRESENTER_CSS
    assert "#000000" in PRESENTER_CSS and "#ffffff" in PRESENTER_CSS


def test_the_heading_and_intro_are_escaped() -> None:
    """Is a title or intro with markup shown as text on both the live page and the copy?"""
    html = teaching_page("<b>Bold</b>", "a & b", ["<p>ok</p>"], mode="review")
    assert isinstance(html, str)
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html and "a &amp; b" in html and "<p>ok</p>" in html
    page = teaching_page("<b>Bold</b>", "", [], mode="app")
    assert any("&lt;b&gt;" in c.value for c in page.children if isinstance(c, widgets.HTML))


def test_an_unknown_page_or_mode_is_refused_by_name() -> None:
    """Does the view refuse an unknown page (naming the known ones) and an unknown mode?"""
    with pytest.raises(DataError, match="run-chart-rules"):
        teaching_view("no-such-page")
    with pytest.raises(DataError, match="still copy"):
        teaching_view("variation", mode="print")


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """What ``display`` was given (IPython's display, caught)."""
    import IPython.display

    caught: list[object] = []
    monkeypatch.setattr(IPython.display, "display", lambda *objs, **_: caught.extend(objs))
    InteractiveShell.instance()
    return caught


def test_show_teaching_says_plainly_when_a_page_is_unknown(shown: list[object]) -> None:
    """Is an unknown page a plain message (no traceback) that names the pages there are?"""
    show_teaching("nope", mode="app")
    (message,) = shown
    text = message.data  # type: ignore[attr-defined]
    assert "There is no teaching page called “nope”" in text and "variation" in text
    assert "Traceback" not in text


@pytest.mark.parametrize("name", sorted(TEACHING_PAGES))
def test_every_page_reviews_as_static_html_without_code_or_paths(
    name: str, shown: list[object]
) -> None:
    """Is each page's review copy one HTML output with no widgets, code or file paths?"""
    show_teaching(name, mode="review", cohort="/tmp/some-cohort")
    (output,) = shown
    html = output.data  # type: ignore[attr-defined]
    assert 'class="qikit-page qikit-teaching"' in html
    for leak in ("/tmp/", "Traceback", "qikit.", "def ", "import ", ".ipynb"):
        assert leak not in html, leak


@pytest.mark.parametrize("name", sorted(TEACHING_PAGES))
def test_every_page_is_live_in_app_mode_with_the_switch(name: str) -> None:
    """Is each page a live widget with the presenter switch at its top?"""
    page = teaching_view(name, mode="app")
    assert isinstance(page, widgets.VBox)
    assert _switch(page).description == words.PRESENTER_OFF
