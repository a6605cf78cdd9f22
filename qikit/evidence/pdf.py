"""HTML pages printed to PDF by headless Chromium: the storyboards' and the portfolios' PDFs.

Why Chromium: it prints the same HTML and CSS (``@page`` sizes such as A3, greyscale-safe
styles) that the HTML copies use, so the PDF and the page never disagree, and it needs no
wkhtmltopdf or LaTeX. It is the browser a trust PC is likely to have (Chrome or Edge work too:
set ``QIKIT_CHROMIUM`` to the program's path). Without one, the HTML is still written and the
caller says how to get the PDF.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from qikit.errors import EvidenceError

__all__ = ["find_chromium", "pdf_page_count", "print_to_pdf"]

#: The programs tried, in order, when ``QIKIT_CHROMIUM`` is not set.
BROWSER_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome", "msedge")
#: Printing one page takes about a second; a page that takes this long is stuck.
PRINT_TIMEOUT_SECONDS = 120

_PAGE_OBJECT = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


def find_chromium() -> Path | None:
    """Return the Chromium (or Chrome, or Edge) program to print with, or None if there is none."""
    chosen = os.environ.get("QIKIT_CHROMIUM")
    if chosen:
        path = Path(chosen)
        return path if path.is_file() else None
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def print_to_pdf(html_file: Path, pdf_file: Path, *, browser: Path | None = None) -> Path:
    """Print ``html_file`` (a page on disk) to ``pdf_file`` with headless Chromium; return it.

    The page's own ``@page`` rule sets the paper size. The PDF is written beside its final
    name and moved into place, so a failed print never leaves half a file.
    """
    program = browser or find_chromium()
    if program is None:
        raise EvidenceError(
            "No Chromium, Chrome or Edge was found to print the PDF. Install Chromium "
            "(on Debian: apt-get install chromium) or set QIKIT_CHROMIUM to the browser's path. "
            "The HTML pages were still written."
        )
    pdf_file.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="qikit-pdf-") as scratch:
        partial = Path(scratch) / "page.pdf"
        command = [
            str(program),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={Path(scratch) / 'profile'}",
            "--no-pdf-header-footer",
            "--run-all-compositor-stages-before-draw",
            f"--print-to-pdf={partial}",
            html_file.resolve().as_uri(),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, timeout=PRINT_TIMEOUT_SECONDS, check=False
            )
        except subprocess.TimeoutExpired:
            raise EvidenceError(
                f"Printing {html_file.name} took over {PRINT_TIMEOUT_SECONDS} s and was stopped. "
                "Try again; if it happens again, print the HTML page from a browser."
            ) from None
        if done.returncode != 0 or not partial.is_file() or partial.stat().st_size == 0:
            detail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise EvidenceError(
                f"The browser could not print {html_file.name} (exit code {done.returncode}: "
                f"{detail[0]}). Check that {program} opens, or print the HTML page by hand."
            )
        shutil.move(partial, pdf_file)
    return pdf_file


def pdf_page_count(pdf_file: Path) -> int:
    """Return how many pages a PDF has (its page objects; Chromium writes them uncompressed)."""
    return len(_PAGE_OBJECT.findall(pdf_file.read_bytes()))
