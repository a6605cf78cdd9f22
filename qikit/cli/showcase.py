"""``qikit showcase DIR``: each team's A3 storyboard (HTML and PDF) and the event's gallery."""

from __future__ import annotations

import argparse
import sys

from qikit.cli.messages import could_not_write


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Add ``qikit showcase`` to the ``qikit`` command's subcommands."""
    showcase = commands.add_parser(
        "showcase",
        help="write each team's A3 storyboard and the gallery for the celebration event",
        description="Write DIR/showcase/: each team's storyboard on one A3 page as <team>.html "
        "and <team>.pdf (printed by headless Chromium), and index.html, the gallery that "
        "links them, for a big screen at the event. Exit codes: 0 done, 1 a PDF could not "
        "be made (its HTML page is there; the lines say which), 2 refused (not a cohort "
        "folder).",
    )
    showcase.add_argument(
        "folder", metavar="DIR", help="the cohort folder made by qikit cohort build"
    )
    showcase.add_argument(
        "--no-pdf", action="store_true", help="write the HTML pages only (no browser needed)"
    )
    showcase.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    showcase.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run ``qikit showcase`` from parsed arguments, print what it wrote; return the exit code."""
    from qikit.evidence.showcase import write_showcase  # matplotlib

    try:
        result = write_showcase(
            args.folder, pdf=not args.no_pdf, progress=not args.quiet and sys.stderr.isatty()
        )
    except OSError as error:
        return could_not_write("qikit showcase", error)
    print("\n".join(result.lines()))
    return 1 if result.pdf_failures else 0
