"""``qikit serve COHORT_DIR``: the cohort's pages in a browser, each team behind its own code.

This module is the light half that the ``qikit`` command imports: it checks the folder, prints
the address and warnings, and runs the server process (:mod:`qikit.server.app`, Voilà with
qikit's access checks) until it is told to stop — the same process handling as ``qikit demo``.
It also holds the ``qikit cohort codes`` command, which makes new access codes.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from qikit.cohort.access import (
    HANDOUT_FILE,
    MENTORS,
    TRAINERS,
    issue_codes,
    load_access,
    read_cohort_listing,
    team_area,
)
from qikit.errors import DataError
from qikit.layout import COHORT_FILE, TEAMS_FOLDER
from qikit.server.process import _LOCAL_IPS, DEFAULT_IP, DEFAULT_PORT, demo_url, run_until_stopped

__all__ = [
    "add_codes_parser",
    "add_serve_parser",
    "run_codes",
    "run_serve",
    "serve_cohort",
    "server_command",
]


def server_command(
    cohort_dir: Path, *, port: int = DEFAULT_PORT, ip: str = DEFAULT_IP
) -> list[str]:
    """Return the command line of the server process for ``cohort_dir``."""
    return [
        sys.executable, "-m", "qikit.server", str(cohort_dir),
        f"--port={port}",
        f"--Voila.ip={ip}",
        # Fail rather than quietly move to another port, so the printed address is right.
        "--Voila.port_retries=0",
        "--no-browser",
        "--strip_sources=True",
        "--show_tracebacks=False",
        "--theme=light",
    ]  # fmt: skip


def _check_folder(cohort_dir: Path) -> None:
    if not cohort_dir.is_dir():
        raise DataError(
            "cohort folder",
            "an existing folder",
            str(cohort_dir),
            "Make it with: qikit cohort build TEMPLATE --out FOLDER",
        )
    if not (cohort_dir / TEAMS_FOLDER).is_dir() and not (cohort_dir / COHORT_FILE).is_file():
        raise DataError(
            "cohort folder",
            "a folder made by qikit cohort build (with cohort.yaml and teams/)",
            str(cohort_dir),
        )


def _missing_codes(cohort_dir: Path) -> list[str]:
    stored = load_access(cohort_dir)
    listing = read_cohort_listing(cohort_dir)
    wanted = [team_area(slug) for slug, _ in listing.teams] + [MENTORS, TRAINERS]
    return [area for area in wanted if area not in stored]


def serve_cohort(
    cohort_dir: str | os.PathLike[str], *, port: int = DEFAULT_PORT, ip: str = DEFAULT_IP
) -> int:
    """Run the cohort's server until it stops; return its exit code."""
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise DataError("port", "a whole number from 1 to 65535", port, "For example 8866.")
    folder = Path(cohort_dir).resolve()
    _check_folder(folder)
    if ip not in _LOCAL_IPS:
        print(
            f"Warning: serving on {ip} lets other computers reach these pages. Only do this "
            "behind a reverse proxy that adds TLS (https): without it the access codes, and the "
            "session cookie they unlock, travel across the network unencrypted.",
            file=sys.stderr,
        )
    missing = _missing_codes(folder)
    if missing:
        print(
            "Warning: no access code yet for "
            + ", ".join(missing)
            + f". Nobody can open those pages. Make codes with: qikit cohort codes {folder} --all",
            file=sys.stderr,
        )
    package_root = str(Path(__file__).resolve().parent.parent.parent)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    print(
        f"qikit serve: open {demo_url(ip, port)} in your web browser. Press Ctrl+C to stop.",
        flush=True,
    )
    process = subprocess.Popen(server_command(folder, port=port, ip=ip), cwd=folder, env=env)
    return run_until_stopped(process)


# --- command line ------------------------------------------------------------------------------


def add_serve_parser(commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``qikit serve`` to the ``qikit`` command's subcommands; return its parser."""
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
    serve.set_defaults(run=run_serve)
    return serve


def run_serve(args: argparse.Namespace) -> int:
    """Run ``qikit serve`` from parsed arguments; return the exit code."""
    return serve_cohort(args.folder, port=args.port, ip=args.ip)


def add_codes_parser(cohort_commands: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add ``qikit cohort codes`` to the ``qikit cohort`` subcommands; return its parser."""
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
    return codes


def run_codes(args: argparse.Namespace) -> int:
    """Run ``qikit cohort codes`` from parsed arguments; return the exit code."""
    folder = Path(args.folder).resolve()
    _check_folder(folder)
    known = [slug for slug, _ in read_cohort_listing(folder).teams]
    if args.all:
        areas = [team_area(slug) for slug in known] + [MENTORS, TRAINERS]
    else:
        unknown = [slug for slug in args.team if slug not in known]
        if unknown:
            raise DataError(
                "--team",
                "a team folder under teams/ (" + (", ".join(known) or "none yet") + ")",
                ", ".join(unknown),
            )
        areas = [team_area(slug) for slug in args.team]
        areas += [MENTORS] if args.mentors else []
        areas += [TRAINERS] if args.trainers else []
    if not areas:
        print(
            "qikit cohort codes: say whose codes to renew: --team SLUG, --mentors, --trainers "
            "or --all.",
            file=sys.stderr,
        )
        return 2
    codes = issue_codes(folder, areas, reissue=True)
    print(f"New codes for {len(codes)} group(s): {', '.join(codes)}. The old codes no longer work.")
    print(f"Print {folder / HANDOUT_FILE}, then delete it: it is the only copy of the codes.")
    return 0
