"""The ``qikit`` command: parse arguments and hand over; no logic of its own."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from qikit._version import __version__
from qikit.errors import DataError, QikitError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qikit",
        description="qikit: Quality Improvement tools for support-services teams.",
    )
    parser.add_argument("--version", action="version", version=f"qikit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser(
        "demo", help="build the example cohort with sample work and open it in Voilà"
    )
    demo.add_argument("--port", type=int, default=8866, help="port to serve on (default 8866)")
    demo.add_argument(
        "--ip",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only)",
    )
    export = commands.add_parser(
        "export", help="write one team's whole project to a JSON file (backup or portfolio)"
    )
    export.add_argument("store", help="the cohort's store file (qikit.db)")
    export.add_argument("team", help="the team code, for example ward-3-porters")
    export.add_argument("-o", "--output", help="file to write (default: print to the screen)")
    load = commands.add_parser("import", help="load a team project exported by qikit export")
    load.add_argument("store", help="the cohort's store file (created if missing)")
    load.add_argument("file", help="the JSON file written by qikit export")
    load.add_argument("--team", help="import under this team code (default: the exported one)")
    load.add_argument(
        "--replace",
        action="store_true",
        help="overwrite a team that already has work (its history is kept)",
    )
    load.add_argument("--author", help="name recorded in the history (default: your user name)")
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
    from qikit.server import add_codes_parser, add_serve_parser

    add_codes_parser(cohort_commands)
    add_serve_parser(commands)
    from qikit.review import add_review_parser

    add_review_parser(commands)
    return parser


def _export(args: argparse.Namespace) -> int:
    from qikit.store import open_store
    from qikit.store.portable import dumps_document, export_team

    with open_store(args.store, create=False) as store:
        text = dumps_document(export_team(store, args.team))
    if args.output:
        target = Path(args.output)
        if target.is_dir():
            raise DataError(
                "--output", "a file name", str(target), "Give a file name, not a folder."
            )
        temporary = target.with_name(target.name + ".part")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(target)
        print(f"Exported {args.team} to {target}")
    else:
        sys.stdout.write(text)
    return 0


def _import(args: argparse.Namespace) -> int:
    from qikit.store import default_author, open_store
    from qikit.store.portable import import_team, loads_document

    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(
            "file", "a readable qikit export", args.file, f"It could not be read ({error})."
        ) from None
    document = loads_document(text)
    with open_store(args.store) as store:
        count = import_team(
            store,
            document,
            author=args.author or default_author(),
            team=args.team,
            replace=args.replace,
        )
    print(f"Imported {count} records into {args.team or document['team']}")
    return 0


def _cohort(args: argparse.Namespace) -> int:
    from qikit.cohort.build import build_cohort
    from qikit.cohort.template import TemplateError

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
        where = f" {error.filename}" if error.filename else ""
        print(f"qikit cohort build: could not write{where}: {error.strerror}", file=sys.stderr)
        return 1
    except Exception as error:  # exit code 1 tells a script this was not a refusal
        print(f"qikit cohort build: unexpected error: {error!r}", file=sys.stderr)
        return 1
    print(result.summary())
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``qikit`` command and return its exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "demo":
        from qikit.demo.cohort import run_demo

        try:
            return run_demo(port=args.port, ip=args.ip)
        except QikitError as error:
            print(f"qikit demo: {error}", file=sys.stderr)
            return 2
    handlers = {"export": _export, "import": _import, "cohort": _cohort}
    # Subcommands that carry their own handler (qikit serve, qikit cohort codes).
    run = getattr(args, "run", None)
    if run is not None or args.command in handlers:
        try:
            return run(args) if run is not None else handlers[args.command](args)
        except QikitError as error:
            print(f"qikit {args.command}: {error}", file=sys.stderr)
            return 2
    parser.print_help()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
