"""``qikit serve DIR``: a cohort's pages in the browser, each team behind its access code."""

from __future__ import annotations

import argparse

from qikit.server.process import DEFAULT_IP, DEFAULT_PORT


def add_parsers(commands: argparse._SubParsersAction) -> None:
    """Add ``qikit serve`` to the ``qikit`` command's subcommands."""
    serve = commands.add_parser(
        "serve",
        help="open a cohort's pages in the browser (each team behind its access code)",
        description="Serve a cohort folder's workbooks with Voilà. Each team's pages ask for the "
        "team's access code; mentors and trainers have their own codes.",
    )
    serve.add_argument("folder", help="the cohort folder made by qikit cohort build")
    serve.add_argument("--port", type=int, default=DEFAULT_PORT, help="port (default 8866)")
    serve.add_argument(
        "--ip",
        default=DEFAULT_IP,
        help="address to listen on (default 127.0.0.1: this machine only; anything else needs "
        "a TLS reverse proxy in front)",
    )
    serve.add_argument(
        "--trusted-proxy",
        action="append",
        default=[],
        metavar="IP",
        help="the address (or network, like 10.0.0.0/24) of the reverse proxy in front of the "
        "server; repeat for more. Only its X-Forwarded-For header is believed when counting "
        "wrong codes per address (by default the header is ignored)",
    )
    serve.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Run ``qikit serve`` from parsed arguments; return the exit code."""
    from qikit.server import serve_cohort

    return serve_cohort(args.folder, port=args.port, ip=args.ip, trusted_proxies=args.trusted_proxy)
