"""Access codes for a cohort's web pages: issue them, store only their hashes, check them.

Each team has its own code; the mentors and the trainers each have one more. A code is three
groups of four characters (``KX7M-4PQT-9WRB``) from an alphabet without the look-alikes 0/O,
1/I/L, so it can be read aloud and typed on a phone; case and dashes do not matter when it is
typed in. 31**12 codes (about 59 bits) are plenty against guessing, because the server also
limits wrong tries.

The plain code exists only twice: in the return value of :func:`issue_codes` and in the printed
handout it writes (``access-codes-handout.html``, to be printed then deleted). ``access.json``
keeps a salted scrypt hash per area, written atomically with mode 0600::

    {"format": "qikit-access", "version": 1,
     "areas": {"team:ward-3-porters": {"kdf": "scrypt", "n": 16384, "r": 8, "p": 1,
                                        "salt": "...", "hash": "...", "issued_at": "..."},
               "mentors": {...}, "trainers": {...}}}

Areas are named ``team:<slug>``, ``mentors`` and ``trainers``. :func:`area_for_notebook_path`
says which area a notebook path inside the cohort folder belongs to; anything not inside a team
or the mentors' folder belongs to the trainers, so a new folder is closed until someone decides.
One more area has no code of its own: ``survey`` (the skills survey, ``survey/…``) is opened by
ANY code of the cohort, because the survey is for everyone and knows no team.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import re
import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import Any

from qikit.errors import DataError
from qikit.layout import (
    ACCESS_FILE,
    COHORT_FILE,
    HANDOUT_FILE,
    SURVEY_FOLDER,
    TEAMS_FOLDER,
    is_slug,
    write_in_cohort,
)
from qikit.render.text import escape

FORMAT_NAME = "qikit-access"
FORMAT_VERSION = 1

MENTORS = "mentors"
TRAINERS = "trainers"
TEAM_PREFIX = "team:"
#: The skills survey's area: no code of its own, opened by any code of the cohort.
SURVEY = SURVEY_FOLDER

# No 0/O, 1/I/L: the characters people misread on a card or mistype on a phone.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_GROUPS = 3
CODE_GROUP_LENGTH = 4

# scrypt parameters: RFC 7914 section 2 suggests N=2**14, r=8, p=1 for interactive logins
# (about 16 MB and a few tens of milliseconds per check here).
_SCRYPT_N = 2**14
_SCRYPT_R = 8
_SCRYPT_P = 1
_SALT_BYTES = 16
_HASH_BYTES = 32


# --- areas -----------------------------------------------------------------------------------


def team_area(slug: str) -> str:
    """Return the area name for a team (``team:<slug>``), checking the slug."""
    if not is_slug(slug):
        raise DataError(
            "team",
            "a team code of small letters, digits and dashes",
            slug,
            "For example ward-3-porters.",
        )
    return TEAM_PREFIX + slug


def is_valid_area(area: str) -> bool:
    """Return True if ``area`` is ``mentors``, ``trainers`` or ``team:<slug>``."""
    if area in (MENTORS, TRAINERS):
        return True
    return area.startswith(TEAM_PREFIX) and is_slug(area[len(TEAM_PREFIX) :])


def area_for_notebook_path(path: str) -> str:
    """Return the area that owns ``path``, a '/'-separated path inside the cohort folder.

    ``teams/<slug>/…`` belongs to ``team:<slug>``, ``mentors/…`` to the mentors, ``survey/…``
    to the survey, everything else (the cohort's root, ``trainers/…``, unknown folders, and any
    path with ``..``) to the trainers.
    """
    parts = [part for part in PurePosixPath("/" + path).parts[1:] if part not in ("", ".")]
    if ".." in parts:
        return TRAINERS
    if len(parts) >= 2 and parts[0] == TEAMS_FOLDER and is_slug(parts[1]):
        return TEAM_PREFIX + parts[1]
    if parts and parts[0] == MENTORS:
        return MENTORS
    if parts and parts[0] == SURVEY:  # a kernel is started for the folder ("survey")
        return SURVEY
    return TRAINERS


def area_is_granted(area: str, granted: Iterable[str]) -> bool:
    """Return True if holding the codes for ``granted`` opens ``area``.

    Trainers open everything; mentors open their own area and every team; a team opens itself;
    any code at all opens the survey.
    """
    held = set(granted)
    if TRAINERS in held:
        return True
    if area == SURVEY:
        return any(is_valid_area(a) for a in held)
    if area == MENTORS:
        return MENTORS in held
    if area.startswith(TEAM_PREFIX):
        return area in held or MENTORS in held
    return False


# --- the cohort's teams ------------------------------------------------------------------------


@dataclass(frozen=True)
class CohortListing:
    """What the landing page and the handout need to know about a cohort."""

    name: str
    teams: tuple[tuple[str, str], ...]  # (slug, display name), in cohort.yaml order


def read_cohort_listing(cohort_dir: str | os.PathLike[str]) -> CohortListing:
    """Return the cohort's name and teams, from ``cohort.yaml`` and the ``teams/`` folders.

    The folders decide which teams exist (they are what is served); ``cohort.yaml`` gives the
    cohort's name and the teams' display names and order. A missing or unreadable
    ``cohort.yaml`` falls back to the folder names.
    """
    root = Path(cohort_dir)
    data: Any = {}
    try:
        import yaml

        data = yaml.safe_load((root / COHORT_FILE).read_text(encoding="utf-8")) or {}
    except Exception:  # missing, unreadable or broken YAML must not stop the server
        data = {}
    if not isinstance(data, dict):
        data = {}
    # cohort.yaml is the cohort template: ``cohort: <name>`` and ``teams: [{name, slug?}, ...]``.
    section = data.get("cohort") if isinstance(data.get("cohort"), dict) else data
    name = _first_text(data, ("cohort", "name", "title")) or _first_text(section, ("name", "title"))
    name = name or root.resolve().name

    names: dict[str, str] = {}
    order: list[str] = []
    raw_teams = data.get("teams") or section.get("teams") or []
    if isinstance(raw_teams, dict):
        raw_teams = [
            {"slug": key, **(v if isinstance(v, dict) else {})} for key, v in raw_teams.items()
        ]
    if isinstance(raw_teams, list):
        for entry in raw_teams:
            if not isinstance(entry, dict):
                continue
            display = _first_text(entry, ("name", "title"))
            slug = _first_text(entry, ("slug", "code", "id")) or _slugify(display or "")
            if slug:
                names.setdefault(slug, display or slug)
                order.append(slug)

    teams_dir = root / TEAMS_FOLDER
    folders = (
        sorted(p.name for p in teams_dir.iterdir() if p.is_dir() and is_slug(p.name))
        if teams_dir.is_dir()
        else []
    )
    ranked = [slug for slug in dict.fromkeys(order) if slug in folders]
    ranked += [slug for slug in folders if slug not in ranked]
    return CohortListing(name=name, teams=tuple((slug, names.get(slug, slug)) for slug in ranked))


def _first_text(mapping: Mapping[str, Any], keys: Iterable[str]) -> str:
    for key in keys:
        value = mapping.get(key)
        if isinstance(value, (str, int)) and str(value).strip():
            return str(value).strip()
    return ""


def _slugify(text: str) -> str:
    try:  # the same rule cohort build uses to name the team folders
        from qikit.core.model import slugify

        return slugify(text)
    except (ImportError, ValueError):
        return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# --- codes -----------------------------------------------------------------------------------


def generate_code() -> str:
    """Return a new random code such as ``KX7M-4PQT-9WRB``."""
    groups = (
        "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_GROUP_LENGTH))
        for _ in range(CODE_GROUPS)
    )
    return "-".join(groups)


def normalise_code(typed: str) -> str:
    """Return the code as stored for hashing: capitals, with spaces and dashes removed."""
    return re.sub(r"[\s\-‐‑–—_.]+", "", typed).upper()


def _hash(normalised: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(
        normalised.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=_HASH_BYTES, maxmem=2**26
    )


def _hash_entry(code: str) -> dict[str, Any]:
    salt = secrets.token_bytes(_SALT_BYTES)
    digest = _hash(normalise_code(code), salt, _SCRYPT_N, _SCRYPT_R, _SCRYPT_P)
    return {
        "kdf": "scrypt",
        "n": _SCRYPT_N,
        "r": _SCRYPT_R,
        "p": _SCRYPT_P,
        "salt": base64.b64encode(salt).decode("ascii"),
        "hash": base64.b64encode(digest).decode("ascii"),
        "issued_at": datetime.now(UTC).isoformat(timespec="seconds"),
    }


# --- the access file ---------------------------------------------------------------------------


def load_access(cohort_dir: str | os.PathLike[str]) -> dict[str, dict[str, Any]]:
    """Return the areas recorded in ``access.json`` (an empty dict if there is no file yet).

    Raises
    ------
    DataError
        If the file is not a qikit access file, or was written by a newer qikit.
    """
    path = Path(cohort_dir) / ACCESS_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    try:
        document = json.loads(text)
    except ValueError:
        raise DataError(
            ACCESS_FILE, "a qikit access file", "unreadable JSON", "Issue new codes."
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT_NAME:
        raise DataError(ACCESS_FILE, f"format “{FORMAT_NAME}”", document.get("format", None))
    version = document.get("version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise DataError(
            ACCESS_FILE,
            f"version {FORMAT_VERSION} or older",
            version,
            "It was written by a newer qikit: update qikit on this computer.",
        )
    areas = document.get("areas")
    if not isinstance(areas, dict):
        raise DataError(ACCESS_FILE, "an “areas” table", type(areas).__name__)
    return {k: v for k, v in areas.items() if isinstance(v, dict) and is_valid_area(k)}


def write_private_file(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically, readable by this user only (mode 0600).

    ``path`` is a file at the top of the cohort folder; a link there (or at its ``.part``) is
    refused (:func:`qikit.layout.write_in_cohort`).
    """
    write_in_cohort(path.parent, path, text.encode("utf-8"), private=True)


def _save_access(cohort_dir: Path, areas: Mapping[str, Mapping[str, Any]]) -> None:
    document = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "areas": dict(sorted(areas.items())),
    }
    write_private_file(cohort_dir / ACCESS_FILE, json.dumps(document, indent=2) + "\n")


def issue_codes(
    cohort_dir: str | os.PathLike[str], areas: Iterable[str], *, reissue: bool = False
) -> dict[str, str]:
    """Return new plain codes for ``areas``, saving only their hashes and writing the handout.

    This is the only time the plain codes are available. A new code replaces the old one at
    once (the old code stops working, and so do pages opened with it).

    Parameters
    ----------
    cohort_dir
        The cohort folder (holding ``cohort.yaml``).
    areas
        Area names: ``team:<slug>``, ``mentors``, ``trainers``.
    reissue
        Allow replacing codes that already exist. Without it, an area that already has a code
        is an error, so that nobody invalidates a printed card by accident.
    """
    root = Path(cohort_dir)
    if not root.is_dir():
        raise DataError("cohort folder", "an existing folder", str(root))
    wanted = list(dict.fromkeys(areas))
    for area in wanted:
        if not isinstance(area, str) or not is_valid_area(area):
            raise DataError("area", "team:<team code>, mentors or trainers", area)
    stored = load_access(root)
    if not reissue:
        existing = [area for area in wanted if area in stored]
        if existing:
            raise DataError(
                "area",
                "an area without a code",
                ", ".join(existing),
                "It already has a code. Use qikit cohort codes to replace it.",
            )
    codes = {area: generate_code() for area in wanted}
    if not codes:
        return {}
    for area, code in codes.items():
        stored[area] = _hash_entry(code)
    _save_access(root, stored)
    write_handout(root, codes)
    return codes


def ensure_codes(cohort_dir: str | os.PathLike[str], team_slugs: Iterable[str]) -> dict[str, str]:
    """Return codes newly issued for the teams, mentors and trainers that have none yet.

    Areas that already have a code keep it. Meant for ``qikit cohort build``: the plain codes
    come back once (and go into the handout); an empty dict means nothing new was issued.
    """
    root = Path(cohort_dir)
    wanted = [team_area(slug) for slug in team_slugs] + [MENTORS, TRAINERS]
    stored = load_access(root)
    missing = [area for area in wanted if area not in stored]
    return issue_codes(root, missing) if missing else {}


def verify(cohort_dir: str | os.PathLike[str], area: str, code: str) -> bool:
    """Return True if ``code`` is the current code of ``area`` (case and dashes ignored)."""
    try:
        entry = load_access(cohort_dir).get(area)
    except DataError:
        return False
    return verify_entry(entry, code)


def verify_entry(entry: Mapping[str, Any] | None, code: str) -> bool:
    """Return True if ``code`` matches one stored ``access.json`` entry."""
    if not entry or not isinstance(code, str):
        return False
    typed = normalise_code(code)
    if not typed or len(typed) > 64:
        return False
    try:
        salt = base64.b64decode(entry["salt"], validate=True)
        expected = base64.b64decode(entry["hash"], validate=True)
        if entry.get("kdf", "scrypt") != "scrypt":
            return False
        digest = _hash(typed, salt, int(entry["n"]), int(entry["r"]), int(entry["p"]))
    except (KeyError, TypeError, ValueError):
        return False
    return hmac.compare_digest(digest, expected)


# --- the printable handout ---------------------------------------------------------------------


def area_label(area: str, team_names: Mapping[str, str]) -> str:
    """Return how people call an area: the team's name, "Mentors" or "Trainers"."""
    if area == MENTORS:
        return "Mentors"
    if area == TRAINERS:
        return "Trainers (QI leads)"
    slug = area[len(TEAM_PREFIX) :]
    return team_names.get(slug, slug)


_HANDOUT_CSS = """
body { font-family: Arial, Helvetica, sans-serif; margin: 1.5em; color: #111; }
.warning { border: 2px solid #a00; padding: 0.8em; margin-bottom: 1.5em; }
.card { border: 2px dashed #444; padding: 1em 1.4em; margin: 0 0 1.2em 0; width: 24em;
        break-inside: avoid; page-break-inside: avoid; }
.card h2 { margin: 0 0 0.4em 0; font-size: 1.3em; }
.code { font-family: "Courier New", monospace; font-size: 1.7em; letter-spacing: 0.12em;
        font-weight: bold; margin: 0.3em 0; }
.small { font-size: 0.9em; }
@media print { .warning { display: none; } body { margin: 0; } }
"""


def write_handout(
    cohort_dir: str | os.PathLike[str], codes: Mapping[str, str], *, address: str = ""
) -> Path:
    """Return the path of the printable handout written for ``codes`` (mode 0600).

    One card per area with its name and code. The page says to print it and then delete it:
    it is the only place the codes are written down.
    """
    root = Path(cohort_dir)
    listing = read_cohort_listing(root)
    names = dict(listing.teams)
    where = escape(address) if address else "_______________________________"
    cards = []
    for area, code in codes.items():
        who = area_label(area, names)
        intro = (
            "Your team's code for your QI pages."
            if area.startswith(TEAM_PREFIX)
            else "The code for this group's pages. It also opens the teams' pages."
        )
        cards.append(
            '<section class="card">'
            f"<h2>{escape(who)}</h2>"
            f"<p>{escape(intro)}</p>"
            f'<p class="code">{escape(code)}</p>'
            f'<p class="small">Web address: {where}</p>'
            '<p class="small">Capitals or small letters both work. '
            "Keep this card safe. Do not share it with other teams.</p>"
            "</section>"
        )
    page = (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f"<title>Access codes – {escape(listing.name)}</title>"
        f"<style>{_HANDOUT_CSS}</style></head><body>"
        '<div class="warning"><strong>Print this page, then delete this file.</strong> '
        "It is the only place these codes are written down. Anyone who reads it can open the "
        "teams' pages. New codes can be made with: qikit cohort codes.</div>"
        f"<h1>{escape(listing.name)}</h1>" + "".join(cards) + "</body></html>\n"
    )
    target = root / HANDOUT_FILE
    write_private_file(target, page)
    return target
