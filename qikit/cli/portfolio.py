"""``qikit portfolio DIR --team T``: each team member's evidence pack for the accreditation."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from qikit.cli.messages import could_not_write

if TYPE_CHECKING:
    from qikit.evidence.portfolio import PortfolioResult


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Add ``qikit portfolio`` to the ``qikit`` command's subcommands."""
    portfolio = commands.add_parser(
        "portfolio",
        help="write each team member's evidence pack (HTML and PDF, zipped) for the OCN unit",
        description="Write DIR/portfolio/<team>/<member>.zip for every member of the team: the "
        "team's charter, tools, PDSA log and mentor feedback, the member's own reflection, and "
        "a checklist of the evidence an OCN unit usually asks for, with where each item is. "
        "Exit codes: 0 done, 1 written without PDFs (no browser to print with) or the disk "
        "said no, 2 refused (not a cohort folder, unknown team, nobody on the team's list).",
    )
    portfolio.add_argument(
        "folder", metavar="DIR", help="the cohort folder made by qikit cohort build"
    )
    portfolio.add_argument(
        "--team", required=True, metavar="SLUG", help="the team (its folder name under teams/)"
    )
    portfolio.add_argument(
        "--no-pdf", action="store_true", help="web pages only: do not print the PDFs"
    )
    portfolio.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    portfolio.set_defaults(run=run)


def _report(result: PortfolioResult) -> str:
    lines = [f"Evidence packs of {result.team_name}, in {result.folder}:"]
    for pack in result.packs:
        pages = sum(pack.pdf_pages.values())
        done = sum(entry.done for entry in pack.checklist)
        printed = f", {pages} PDF pages" if pack.pdf_pages else ""
        lines.append(
            f"  {pack.path.name:<28} {pack.member}: {done} of {len(pack.checklist)} checklist "
            f"items there{printed}"
        )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Run ``qikit portfolio`` from parsed arguments, print what was written; return the code."""
    from qikit.evidence.portfolio import write_portfolios  # matplotlib

    try:
        result = write_portfolios(
            args.folder,
            args.team,
            pdf=not args.no_pdf,
            progress=not args.quiet and sys.stderr.isatty(),
        )
    except OSError as error:
        return could_not_write("qikit portfolio", error)
    print(_report(result))
    if result.pdf_problem:
        print(f"qikit portfolio: {result.pdf_problem}", file=sys.stderr)
    return result.exit_code
