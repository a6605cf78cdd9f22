"""Does headless Chromium print an HTML page to a PDF with the pages the page asks for?"""

from __future__ import annotations

from pathlib import Path

import pytest

from qikit.errors import EvidenceError
from qikit.evidence.pdf import find_chromium, pdf_page_count, print_to_pdf


def test_two_pages_of_html_print_as_two_pages(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><style>@page { size: A4; margin: 10mm }</style></head><body>"
        '<p style="break-after: page">One</p><p>Two</p></body></html>',
        encoding="utf-8",
    )
    assert find_chromium() is not None, "make test installs Debian's chromium"
    pdf = print_to_pdf(page, tmp_path / "out" / "page.pdf")
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert pdf_page_count(pdf) == 2


def test_no_browser_is_a_plain_message_and_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QIKIT_CHROMIUM", str(tmp_path / "no-such-browser"))
    page = tmp_path / "page.html"
    page.write_text("<p>One</p>", encoding="utf-8")
    with pytest.raises(EvidenceError, match="Install Chromium"):
        print_to_pdf(page, tmp_path / "page.pdf")
    assert not (tmp_path / "page.pdf").exists()
