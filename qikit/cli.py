"""The ``qikit`` command: parse arguments and hand over; no logic of its own."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from qikit import __version__


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="qikit",
        description="qikit: Quality Improvement tools for support-services teams.",
    )
    parser.add_argument("--version", action="version", version=f"qikit {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = commands.add_parser("demo", help="open the run-chart demo in Voilà (a web app)")
    demo.add_argument("--port", type=int, default=8866, help="port to serve on (default 8866)")
    demo.add_argument(
        "--ip",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this machine only)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``qikit`` command and return its exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "demo":
        from qikit.serve import serve_demo

        return serve_demo(port=args.port, ip=args.ip)
    parser.print_help()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
