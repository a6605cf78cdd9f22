"""The cohort's server: ``qikit serve`` and the cohort's access codes.

Its one job: check a cohort folder, warn about what would leave pages unreachable or exposed,
and run the server process (:mod:`qikit.server.app`: Voilà with qikit's access checks, started
by :mod:`qikit.server.process`) until it is told to stop; and renew access codes
(:func:`renew_codes`, for ``qikit cohort codes``). The command line lives in :mod:`qikit.cli`.

The server may import :mod:`qikit.errors`, :mod:`qikit.layout`, ``qikit.core``, ``qikit.render``
and ``qikit.cohort`` (and tornado, jupyter_server, traitlets, voila), and the store only for the
room sessions (:mod:`qikit.server.room`: phones' answers); never the widgets, the pages, the
review or the command line.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from qikit.cohort.access import (
    MENTORS,
    TRAINERS,
    issue_codes,
    load_access,
    read_cohort_listing,
    team_area,
)
from qikit.errors import DataError
from qikit.layout import COHORT_FILE, TEAMS_FOLDER
from qikit.server.policy import parse_trusted_proxies
from qikit.server.process import (
    DEFAULT_IP,
    DEFAULT_PORT,
    check_port,
    is_local,
    run_server,
    voila_flags,
)

__all__ = [
    "renew_codes",
    "serve_cohort",
    "server_command",
]


def server_command(
    cohort_dir: Path,
    *,
    port: int = DEFAULT_PORT,
    ip: str = DEFAULT_IP,
    trusted_proxies: Sequence[str] = (),
) -> list[str]:
    """Return the command line of the server process for ``cohort_dir``."""
    proxies = [f"--QikitVoila.trusted_proxies={proxy}" for proxy in trusted_proxies]
    flags = voila_flags(port=port, ip=ip)
    return [sys.executable, "-m", "qikit.server", str(cohort_dir), *flags, *proxies]


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
    cohort_dir: str | os.PathLike[str],
    *,
    port: int = DEFAULT_PORT,
    ip: str = DEFAULT_IP,
    trusted_proxies: Sequence[str] = (),
) -> int:
    """Run the cohort's server until it stops; return its exit code.

    ``trusted_proxies`` are the reverse proxies whose ``X-Forwarded-For`` is believed.
    """
    check_port(port)
    proxies = [str(network) for network in parse_trusted_proxies(trusted_proxies)]
    folder = Path(cohort_dir).resolve()
    _check_folder(folder)
    if not is_local(ip):
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
    return run_server(
        server_command(folder, port=port, ip=ip, trusted_proxies=proxies),
        cwd=folder,
        name="qikit serve",
        ip=ip,
        port=port,
    )


def renew_codes(
    cohort_dir: str | os.PathLike[str],
    *,
    teams: Iterable[str] = (),
    mentors: bool = False,
    trainers: bool = False,
    everyone: bool = False,
) -> dict[str, str]:
    """Return new plain codes for the groups named ({} when none was named: nothing changed).

    The old codes of those groups stop working at once; the new ones are written only to the
    cohort's handout (:data:`qikit.layout.HANDOUT_FILE`). ``everyone`` means every team, the
    mentors and the trainers.

    Raises
    ------
    DataError
        The folder is not a cohort folder, or a team is not one of its teams.
    """
    folder = Path(cohort_dir).resolve()
    _check_folder(folder)
    known = [slug for slug, _ in read_cohort_listing(folder).teams]
    if everyone:
        areas = [team_area(slug) for slug in known] + [MENTORS, TRAINERS]
    else:
        teams = list(teams)
        unknown = [slug for slug in teams if slug not in known]
        if unknown:
            raise DataError(
                "--team",
                "a team folder under teams/ (" + (", ".join(known) or "none yet") + ")",
                ", ".join(unknown),
            )
        areas = [team_area(slug) for slug in teams]
        areas += [MENTORS] if mentors else []
        areas += [TRAINERS] if trainers else []
    if not areas:
        return {}
    return issue_codes(folder, areas, reissue=True)
