"""Every HTML page qikit writes for mentors and trainers loads nothing from the internet.

A ward or office PC may have no internet, and a page that loads a script from a CDN hands that
site the page (and the team's work in it). The example cohort (``qikit demo``'s: six teams, two
with sample work, the demo survey) is reviewed, and the evaluation report, the showcase and a
team's portfolios are written; then each written ``.html`` is parsed and every address it would
load is checked: script ``src``, link ``href``, ``img``/``iframe``/``source``/``embed`` ``src``,
``object`` ``data``, and CSS ``@import`` and ``url()`` in style blocks and style attributes.
Links a person clicks (``<a href>``) and XML namespaces load nothing and are allowed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from qikit.demo.cohort import PORTERING, prepare_demo
from qikit.evidence.evaluation_report import write_evaluation_report
from qikit.evidence.portfolio import write_portfolios
from qikit.evidence.showcase import write_showcase
from qikit.review import notebook_html, review_cohort

#: Elements and the attribute through which each loads something.
_LOADS = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "source": ("src", "srcset"),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "input": ("src",),
    "track": ("src",),
    "image": ("href", "xlink:href"),  # SVG
    "use": ("href", "xlink:href"),  # SVG
}
_CSS_URL = re.compile(r"""@import\s+(?:url\()?\s*['"]?([^'")\s;]+)|url\(\s*['"]?([^'")\s]+)""")
_REMOTE = re.compile(r"^\s*(?:https?:)?//", re.IGNORECASE)


class _Loads(HTMLParser):
    """Collects every address a page would load by itself."""

    def __init__(self) -> None:
        super().__init__()
        self.addresses: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in _LOADS.get(tag, ()):
                self.addresses += [part.split()[0] for part in value.split(",") if part.strip()]
            if name == "style":
                self._css(value)
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self._css(data)

    def _css(self, text: str) -> None:
        self.addresses += [a or b for a, b in _CSS_URL.findall(text)]


def remote_loads(html: str) -> list[str]:
    """Return the addresses on other sites that ``html`` would load when opened."""
    found = _Loads()
    found.feed(html)
    return [address for address in found.addresses if _REMOTE.match(address)]


def test_the_checker_finds_every_kind_of_outside_load() -> None:
    """Would the check catch each way a page can load from the internet (so it can fail)?"""
    page = (
        '<script src="https://cdn.example/require.js"></script>'
        "<link rel=stylesheet href='//fonts.example/css'>"
        '<img src="http://pics.example/a.png" alt="">'
        '<iframe src="https://player.example/"></iframe>'
        "<style>@import url(https://a.example/x.css); p { background: url('http://b.example/y') }"
        "</style>"
        '<p style="background-image: url(https://c.example/z.png)">x</p>'
        '<a href="https://nhs.example/">a link loads nothing</a>'
        '<svg xmlns="http://www.w3.org/2000/svg"><image href="data:image/png;base64,AA"/></svg>'
        '<img src="data:image/png;base64,AAAA" alt=""><script src="local.js"></script>'
    )
    assert remote_loads(page) == [
        "https://cdn.example/require.js",
        "//fonts.example/css",
        "http://pics.example/a.png",
        "https://player.example/",
        "https://a.example/x.css",
        "http://b.example/y",
        "https://c.example/z.png",
    ]


def test_a_notebook_with_widgets_and_maths_still_loads_nothing() -> None:
    """Does a notebook whose output asks for require.js, MathJax and the widgets' manager
    still come out with nothing loaded from outside?"""
    import nbformat
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    view = {"model_id": "abc", "version_major": 2, "version_minor": 0}
    notebook = new_notebook(
        cells=[
            new_markdown_cell("Maths: $x^2$ and $$\\sum_i x_i$$"),
            new_code_cell(
                outputs=[
                    new_output(
                        "display_data",
                        {
                            "application/vnd.jupyter.widget-view+json": view,
                            "text/plain": "Box()",
                        },
                    )
                ]
            ),
        ]
    )
    notebook.metadata["widgets"] = {
        "application/vnd.jupyter.widget-state+json": {
            "state": {"abc": {"model_name": "BoxModel", "model_module": "@jupyter-widgets/controls",
                              "model_module_version": "2.0.0", "state": {}}},
            "version_major": 2,
            "version_minor": 0,
        }
    }  # fmt: skip
    html = notebook_html(nbformat.from_dict(notebook))
    assert remote_loads(html) == []


@pytest.fixture(scope="module")
def example_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, str]:
    """Every HTML page written for the example cohort: review, evaluation, showcase, portfolio."""
    folder, _ = prepare_demo(tmp_path_factory.mktemp("offline") / "demo")
    review_cohort(folder, jobs=2, date="2027-03-01", progress=False)
    write_evaluation_report(folder, today="2027-03-01", progress=False)
    write_showcase(folder, pdf=False, progress=False)
    write_portfolios(folder, PORTERING, pdf=False, progress=False)
    return {
        path.relative_to(folder): path.read_text(encoding="utf-8", errors="replace")
        for path in sorted(folder.rglob("*.html"))
    }


def test_every_page_written_for_the_example_cohort_loads_nothing_from_outside(
    example_pages: dict[Path, str],
) -> None:
    """Review pages, the dashboard, the evaluation report, the showcase and the portfolios:
    does any of them load a script, style, font, image or frame from another site?"""
    kinds = {path.parts[0] for path in example_pages}
    assert {"review", "evaluation", "showcase"} <= kinds, sorted(kinds)
    assert len(example_pages) >= 10, sorted(map(str, example_pages))
    outside = {str(path): remote_loads(html) for path, html in example_pages.items()}
    assert {path: loads for path, loads in outside.items() if loads} == {}


def test_an_output_asking_for_an_outside_script_in_any_quoting_loads_nothing() -> None:
    """Is a script from another site in a page's output removed, whatever its quoting?"""
    import nbformat
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    asks = (
        "<p>Kept &amp; shown</p><script src='//cdn.example/a.js'></script>"
        '<SCRIPT type="text/javascript" SRC=HTTP://cdn.example/b.js></SCRIPT>'
    )
    output = new_output("display_data", {"text/html": asks, "text/plain": "x"})
    notebook = new_notebook(cells=[new_code_cell(outputs=[output])])
    html = notebook_html(nbformat.from_dict(notebook))
    assert "Kept &amp; shown" in html
    assert remote_loads(html) == []
