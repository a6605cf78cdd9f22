"""The team record: its name, slug, members and mentor; and :func:`slugify` for a new slug.

Imports the standard library, :mod:`qikit.errors`, :mod:`qikit.layout` (the slug rule) and the
model's ``fields`` and ``record`` modules.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from qikit.core.model.fields import MAIN, MAX_SHORT_TEXT, as_received, name_key, refuse_long_text
from qikit.core.model.record import Record, RecordKind
from qikit.errors import DataError, FieldError
from qikit.layout import is_slug

# Letters that Unicode does not decompose into a plain letter plus an accent.
_TRANSLITERATE = str.maketrans(
    {"æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)


def slugify(name: str) -> str:
    """Return a team slug made from ``name``: lowercase letters, digits and single dashes.

    Accents are dropped ("Café" → "cafe"), "&" becomes "and", everything else that is not a
    letter or digit becomes one dash, and the result is cut to 40 characters. The result is
    always a valid slug: a name with fewer than two usable characters (an emoji, "../x") gets a
    ``team`` prefix ("team-x", or "team"). Slugs are not unique: the caller checks for clashes.
    """
    if not isinstance(name, str):
        raise DataError(
            "Team name", "some text", name, "Type the team's name, for example “Ward 3 porters”."
        )
    text = unicodedata.normalize("NFKD", name.casefold().replace("&", " and "))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).translate(_TRANSLITERATE)
    slug = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(slug) < 2:
        slug = f"team-{slug}".strip("-")
    return slug[:40].rstrip("-")


@dataclass(frozen=True)
class Member:
    """One person in a team: the name the team uses and their role ("Porter", "Team lead")."""

    display_name: str
    role: str = ""

    def __post_init__(self) -> None:
        for key, label, required in (
            ("display_name", "Member's name", True),
            ("role", "Member's role", False),
        ):
            value = getattr(self, key)
            if not isinstance(value, str) or (required and not value.strip()):
                raise FieldError(
                    "members", label, "some text", as_received(value), "Type the name as words."
                )
            refuse_long_text("members", label, value, MAX_SHORT_TEXT)

    def to_data(self) -> dict[str, str]:
        """Return the member as a JSON-compatible dict."""
        return {"display_name": self.display_name, "role": self.role}

    @classmethod
    def from_data(cls, data: object) -> Member:
        """Return the member stored as ``data`` (a dict); unknown keys are ignored."""
        if isinstance(data, Member):
            return data
        if not isinstance(data, Mapping):
            raise FieldError(
                "members",
                "Team members",
                "a name and a role for each member",
                data,
                "Add the member again.",
            )
        # Whatever was stored goes in as it is: __post_init__ checks it and names the field.
        name = cast(str, data.get("display_name"))
        return cls(display_name=name, role=data.get("role", ""))


class Team(Record, kind=RecordKind.TEAM, singleton=True):
    """A project team: its name, slug (the short name in web addresses), members and mentor."""

    record_id: str = MAIN
    name: str
    slug: str
    department: str = ""
    members: tuple[Member, ...] = ()
    mentor: str = ""

    def __post_init__(self) -> None:
        super().__post_init__()
        self._check_text("name", MAX_SHORT_TEXT, required=True)
        if not is_slug(self.slug):
            self._fail(
                "slug",
                "2 to 40 lowercase letters, digits or dashes, not starting or ending with a dash",
                as_received(self.slug),
                f"Try “{slugify(self.name)}”.",
            )
        self._check_text("department", MAX_SHORT_TEXT)
        self._check_text("mentor", MAX_SHORT_TEXT)
        members = tuple(Member.from_data(m) for m in self._check_tuple("members"))
        self._set("members", members)
        seen: set[str] = set()
        for member in members:
            if name_key(member.display_name) in seen:
                self._fail(
                    "members",
                    "a different name for each member",
                    member.display_name,
                    "Two members have the same name: add a surname or an initial.",
                )
            seen.add(name_key(member.display_name))

    def to_data(self) -> dict[str, Any]:
        """Return the team as a JSON-compatible dict, each member as its own dict."""
        data = super().to_data()
        data["members"] = [member.to_data() for member in self.members]
        return data
