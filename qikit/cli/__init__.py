"""The ``qikit`` command: the only home of argparse; it parses arguments and hands over.

Its one job: build the parser from one module per command (:mod:`~qikit.cli.demo`,
:mod:`~qikit.cli.store` for export and import, :mod:`~qikit.cli.cohort` for cohort build and
cohort codes, :mod:`~qikit.cli.serve`, :mod:`~qikit.cli.review`), run the chosen command and
turn a refusal (:class:`qikit.errors.QikitError`) into a message and exit code 2. The command
modules hold no logic of their own: each parses, calls the layer below and prints what it said.

The CLI may import every qikit layer except the widgets, the pages and render (nothing it runs
draws or shows a page itself).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from qikit._version import __version__
from qikit.cli import cohort, demo, evaluate, portfolio, review, serve, showcase, store
from qikit.errors import QikitError

__all__ = ["main"]

#: The command modules, in the order ``qikit --help`` lists their commands.
COMMANDS = (demo, store, cohort, serve, review, evaluate, showcase, portfolio)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qikit",
        description="qikit: Quality Improvement tools for support-services teams.",
    )
    parser.add_argument("--version", action="version", version=f"qikit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.add_parsers(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``qikit`` command and return its exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    run = getattr(args, "run", None)
    if run is None:
        parser.print_help()
        return 0
    try:
        return run(args)
    except QikitError as error:
        print(f"qikit {args.command}: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
