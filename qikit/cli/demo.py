"""``qikit demo``: the example cohort with sample work, served on this computer."""

from __future__ import annotations

import argparse

from qikit.server.process import DEFAULT_IP, DEFAULT_PORT


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Add ``qikit demo`` to the ``qikit`` command's subcommands."""
    demo = commands.add_parser(
        "demo", help="build the example cohort with sample work and open it in Voilà"
    )
    demo.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help="port to serve on (default 8866)"
    )
    demo.add_argument(
        "--ip",
        default=DEFAULT_IP,
        help="address to listen on (default 127.0.0.1: this machine only)",
    )
    demo.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run ``qikit demo`` from parsed arguments; return the exit code."""
    from qikit.demo.cohort import run_demo  # builds a cohort: nbformat and papermill

    return run_demo(port=args.port, ip=args.ip)
