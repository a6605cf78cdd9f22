"""``qikit cohort build`` and ``qikit cohort codes``: make a cohort's folder, renew its codes."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from qikit.cli.messages import could_not_write
from qikit.errors import QikitError, TemplateError
from qikit.layout import HANDOUT_FILE
from qikit.server import renew_codes


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Add ``qikit cohort`` (with ``build`` and ``codes``) to the ``qikit`` command."""
    cohort = commands.add_parser("cohort", help="make and look after a cohort's folder")
    cohort_commands = cohort.add_subparsers(dest="cohort_command", metavar="COMMAND")
    cohort_commands.required = True
    build = cohort_commands.add_parser(
        "build",
        help="check a cohort template (YAML) and make or update the cohort's folder",
        description="Check a cohort template and make (or update) the cohort's folder: the "
        "store, a copy of the template and each team's workbooks. Safe to run again: teams "
        "added to the template are added; nothing a team has changed is overwritten. "
        "Exit codes: 0 done, 2 refused (bad template or folder: nothing written), "
        "1 unexpected error.",
    )
    build.add_argument("template", help="the cohort template, for example cohort_templates/x.yaml")
    build.add_argument(
        "--out", help="the cohort folder (default: cohorts/<cohort name> in this folder)"
    )
    build.add_argument(
        "--workbooks", help="the folder of workbooks to copy (default: qikit's own workbooks)"
    )
    build.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    build.set_defaults(run=run_build)
    codes = cohort_commands.add_parser(
        "codes",
        help="make new access codes (the old ones stop working) and a card to print",
        description="Make new access codes for teams, mentors or trainers. The old codes stop "
        f"working at once. The new codes are written only to {HANDOUT_FILE} in the cohort "
        "folder: print it, then delete it.",
    )
    codes.add_argument("folder", help="the cohort folder")
    codes.add_argument(
        "--team", action="append", default=[], metavar="SLUG", help="a team (can be repeated)"
    )
    codes.add_argument("--mentors", action="store_true", help="the mentors' code")
    codes.add_argument("--trainers", action="store_true", help="the trainers' code")
    codes.add_argument(
        "--all", action="store_true", help="every team, the mentors and the trainers"
    )
    codes.set_defaults(run=run_codes)


def run_build(args: argparse.Namespace) -> int:
    """Run ``qikit cohort build`` from parsed arguments; return the exit code."""
    # Looked up when run, not when imported: ``qikit --help`` need not load papermill.
    from qikit.cohort.build import build_cohort

    try:
        result = build_cohort(
            args.template,
            args.out,
            workbooks_dir=args.workbooks,
            progress=not args.quiet and sys.stderr.isatty(),
        )
    except TemplateError as error:
        print(
            f"qikit cohort build: the template needs fixing; nothing was written.\n{error}",
            file=sys.stderr,
        )
        return 2
    except QikitError:
        raise
    except OSError as error:
        return could_not_write("qikit cohort build", error)
    except Exception as error:  # exit code 1 tells a script this was not a refusal
        print(f"qikit cohort build: unexpected error: {error!r}", file=sys.stderr)
        return 1
    print(result.summary())
    return 0


def run_codes(args: argparse.Namespace) -> int:
    """Run ``qikit cohort codes`` from parsed arguments; return the exit code."""
    codes = renew_codes(
        args.folder,
        teams=args.team,
        mentors=args.mentors,
        trainers=args.trainers,
        everyone=args.all,
    )
    if not codes:
        print(
            "qikit cohort codes: say whose codes to renew: --team SLUG, --mentors, --trainers "
            "or --all.",
            file=sys.stderr,
        )
        return 2
    print(f"New codes for {len(codes)} group(s): {', '.join(codes)}. The old codes no longer work.")
    handout = Path(args.folder).resolve() / HANDOUT_FILE
    print(f"Print {handout}, then delete it: it is the only copy of the codes.")
    return 0
