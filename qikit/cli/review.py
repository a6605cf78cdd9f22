"""``qikit review DIR``: every team's pages run for the mentors, kept as notebooks and HTML."""

from __future__ import annotations

import argparse
import sys

from qikit.cli.messages import could_not_write


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Add ``qikit review`` to the ``qikit`` command's subcommands."""
    review = commands.add_parser(
        "review",
        help="run every team's pages for the mentors: read-only notebooks and HTML",
        description="Run each team's workbooks in review mode and keep them as notebooks and as "
        "HTML pages without code, in DIR/review/<date>/<team>/. Teams whose work has not "
        "changed since their last review are skipped. Exit codes: 0 done, 1 some team failed "
        "(the table says which), 2 refused (not a cohort folder, unknown team).",
    )
    review.add_argument(
        "folder", metavar="DIR", help="the cohort folder made by qikit cohort build"
    )
    review.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=None,
        metavar="N",
        help="teams reviewed at once (default: the number of processors)",
    )
    review.add_argument(
        "--team",
        action="append",
        default=None,
        metavar="SLUG",
        help="review only this team (can be repeated)",
    )
    review.add_argument(
        "--all", action="store_true", help="review teams even when nothing has changed"
    )
    review.add_argument(
        "--date", metavar="YYYY-MM-DD", help="the review's date and folder name (default: today)"
    )
    review.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    review.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run ``qikit review`` from parsed arguments, print the table; return the exit code."""
    from qikit.review import format_table, review_cohort, summary  # papermill

    try:
        result = review_cohort(
            args.folder,
            jobs=args.jobs,
            teams=args.team,
            force=args.all,
            date=args.date,
            progress=not args.quiet and sys.stderr.isatty(),
        )
    except OSError as error:
        return could_not_write("qikit review", error)
    print(format_table(result))
    print(summary(result))
    return result.exit_code
