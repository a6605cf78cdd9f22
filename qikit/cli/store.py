"""``qikit export`` and ``qikit import``: one team's project to and from a JSON file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from qikit.errors import DataError
from qikit.store import default_author, open_store
from qikit.store.portable import dumps_document, export_team, import_team, loads_document


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Add ``qikit export`` and ``qikit import`` to the ``qikit`` command's subcommands."""
    export = commands.add_parser(
        "export", help="write one team's whole project to a JSON file (backup or portfolio)"
    )
    export.add_argument("store", help="the cohort's store file (qikit.db)")
    export.add_argument("team", help="the team code, for example ward-3-porters")
    export.add_argument("-o", "--output", help="file to write (default: print to the screen)")
    export.set_defaults(run=run_export)
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
    load.set_defaults(run=run_import)


def run_export(args: argparse.Namespace) -> int:
    """Run ``qikit export`` from parsed arguments; return the exit code."""
    with open_store(args.store, create=False) as store:
        text = dumps_document(export_team(store, args.team))
    if args.output:
        target = Path(args.output)
        if target.is_dir():
            raise DataError(
                "--output", "a file name", str(target), "Give a file name, not a folder."
            )
        # Whole or not at all: a backup cut short must not look like a backup.
        temporary = target.with_name(target.name + ".part")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(target)
        print(f"Exported {args.team} to {target}")
    else:
        sys.stdout.write(text)
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Run ``qikit import`` from parsed arguments; return the exit code."""
    try:
        text = Path(args.file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DataError(
            "file", "a readable qikit export", args.file, f"It could not be read ({error})."
        ) from None
    document = loads_document(text, source=args.file)
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
