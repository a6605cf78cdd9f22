"""``qikit evaluate DIR``: the evaluation report for the QI team and the board, as one HTML page."""

from __future__ import annotations

import argparse
import sys

from qikit.cli.messages import could_not_write


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Add ``qikit evaluate`` to the ``qikit`` command's subcommands."""
    evaluate = commands.add_parser(
        "evaluate",
        help="write the evaluation report: survey results, team outcomes, engagement",
        description="Read the cohort's survey answers and team records (read-only) and write "
        "DIR/evaluation/<date>/evaluation-report.html, one page a board can read or print. "
        "Groups of fewer than 5 people are never shown. Exit codes: 0 written, 2 refused "
        "(not a cohort folder, a bad date).",
    )
    evaluate.add_argument(
        "folder", metavar="DIR", help="the cohort folder made by qikit cohort build"
    )
    evaluate.add_argument(
        "--today", metavar="YYYY-MM-DD", help="the report's date and folder name (default: today)"
    )
    evaluate.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    evaluate.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run ``qikit evaluate`` from parsed arguments, print the report's path; return 0."""
    from qikit.evidence.evaluation_report import write_evaluation_report  # scipy: 1 s

    try:
        path = write_evaluation_report(
            args.folder, today=args.today, progress=not args.quiet and sys.stderr.isatty()
        )
    except OSError as error:
        return could_not_write("qikit evaluate", error)
    print(f"The evaluation report is in {path}")
    return 0
