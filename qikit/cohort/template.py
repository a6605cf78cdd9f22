"""Reading a cohort template: one YAML file that describes a cohort, checked line by line.

A programme lead writes the template by hand, so every mistake is reported with the file, the
line and what to change — never a traceback. Reading happens in three steps:

1. **Parse** with ``yaml.compose`` (the node API, not ``safe_load``): every value and every key
   keeps its line, repeated keys are caught (PyYAML would silently keep the last one), and
   dates stay as the text that was typed, so ``2027-02-30`` becomes a clear message instead of
   a crash inside PyYAML's date constructor.
2. **Shape** against the JSON Schema shipped beside this module (``cohort.schema.json``, also
   usable by editors for completion). Each schema error is turned into a sentence with the line
   of the key it is about: unknown keys get a "did you mean" from :mod:`difflib`.
3. **Meaning**, which a schema cannot say: dates that are real days, sessions inside the
   programme, team names unique and not looking like folder paths, team folder names (slugs)
   unique and valid by the project model's slug rule, every team's mentor listed under
   ``mentors``, members named once per team. Each team is finally built as a
   :class:`qikit.core.model.Team`, so the template can never describe a team the store refuses.

Nothing is written anywhere: :func:`load_template` only reads. All problems found in a step are
reported together (up to :data:`MAX_PROBLEMS`), so a lead fixes them in one go.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

from qikit.core.model import FieldError, Member, Team, slugify
from qikit.errors import MAX_PROBLEMS, DataError, Problem, TemplateError

__all__ = [
    "MAX_PROBLEMS",
    "SCHEMA_PATH",
    "TEMPLATE_VERSION",
    "CohortTemplate",
    "Mentor",
    "Problem",
    "Session",
    "TeamTemplate",
    "TemplateError",
    "Trainer",
    "YamlNodes",
    "decode_yaml",
    "guess_key",
    "kind_of",
    "load_template",
    "parse_template",
    "read_yaml_file",
    "read_yaml_nodes",
]

#: The JSON Schema of the template format (shipped as package data).
SCHEMA_PATH = Path(__file__).with_name("cohort.schema.json")
#: The template format this qikit reads. A template may say ``version: 1`` or leave it out.
TEMPLATE_VERSION = 1
# A template is a page or two of YAML; this bounds what aliases (``*name``) can expand to.
_MAX_NODES = 100_000
#: The deepest a file's lists and tables may nest. A cohort file needs 4 levels, the survey's
#: questions 3; far deeper is a broken or hostile file, and PyYAML's reader (recursive) would
#: otherwise end in Python's RecursionError long before any message could name the file.
_MAX_DEPTH = 64
_TOO_DEEP = (
    "the lists and tables in this file are nested far too deeply (more than {depth} levels "
    "of '[', '{{' or indents). Check the brackets, or start again from the file that came "
    "with qikit."
)

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_DRIVE = re.compile(r"^[A-Za-z]:")

Location = tuple[str | int, ...]


# ---------------------------------------------------------------------------------------------
# Errors


# ---------------------------------------------------------------------------------------------
# What a template describes


@dataclass(frozen=True)
class Session:
    """One session of the programme: a teaching day, a PDSA clinic, the celebration event."""

    title: str
    date: dt.date
    bring: str = ""


@dataclass(frozen=True)
class Mentor:
    """A mentor: the name teams use for them, and an email address if given."""

    name: str
    email: str = ""


@dataclass(frozen=True)
class Trainer:
    """A trainer who teaches the sessions."""

    name: str


@dataclass(frozen=True)
class TeamTemplate:
    """A team as the template describes it; ``slug`` is its folder and store name."""

    name: str
    slug: str
    department: str = ""
    members: tuple[Member, ...] = ()
    mentor: str = ""
    project_idea: str = ""
    line: int = 0

    def team(self) -> Team:
        """Return the team's :class:`~qikit.core.model.Team` record for the store."""
        return Team(
            name=self.name,
            slug=self.slug,
            department=self.department,
            members=self.members,
            mentor=self.mentor,
        )


@dataclass(frozen=True)
class CohortTemplate:
    """A checked cohort template; ``text`` is the file exactly as read (copied to the cohort)."""

    name: str
    slug: str
    start_date: dt.date
    sessions: tuple[Session, ...]
    teams: tuple[TeamTemplate, ...]
    mentors: tuple[Mentor, ...]
    trainers: tuple[Trainer, ...]
    source: str = ""
    text: bytes = field(default=b"", repr=False)

    def team_named(self, slug: str) -> TeamTemplate | None:
        """Return the team whose slug is ``slug``, or None."""
        return next((t for t in self.teams if t.slug == slug), None)


# ---------------------------------------------------------------------------------------------
# Reading


def read_yaml_file(path: str | os.PathLike[str], what: str) -> bytes:
    """Return the bytes of a YAML file a person named; a missing or unreadable file raises
    :class:`TemplateError` saying what to check (``what`` names the file: "template")."""
    source = str(path)
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise TemplateError(
            source, [Problem(None, "there is no such file. Check the file name and folder.")]
        ) from None
    except IsADirectoryError:
        raise TemplateError(
            source, [Problem(None, f"this is a folder. Give the {what}'s YAML file instead.")]
        ) from None
    except OSError as error:
        raise TemplateError(
            source, [Problem(None, f"the file could not be read ({error.strerror}).")]
        ) from None


def load_template(path: str | os.PathLike[str]) -> CohortTemplate:
    """Return the checked cohort template read from ``path``; raise :class:`TemplateError`."""
    return parse_template(read_yaml_file(path, "template"), source=str(path))


def parse_template(raw: bytes | str, *, source: str = "<template>") -> CohortTemplate:
    """Return the checked cohort template in ``raw`` (YAML); ``source`` names it in messages."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    located = read_yaml_nodes(decode_yaml(raw, source), source)
    schema_problems = list(_shape_problems(located))
    if schema_problems:
        raise TemplateError(source, schema_problems)
    checker = _Meaning(located)
    template = checker.template(source=source, text=raw)
    if checker.problems:
        raise TemplateError(source, checker.problems)
    return template


# ---------------------------------------------------------------------------------------------
# Step 1: YAML nodes -> plain data, with the line of every value and key (also used for the
# other files a programme lead edits by hand, such as the survey's questions)


def decode_yaml(raw: bytes, source: str) -> str:
    """Return the text of a hand-written YAML file; raise :class:`TemplateError` with the line
    of the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise TemplateError(
            source,
            [
                Problem(
                    line,
                    "this line has characters that are not UTF-8 text. Save the file as "
                    "UTF-8 (in Notepad: File, Save as, Encoding UTF-8).",
                )
            ],
        ) from None


@dataclass
class YamlNodes:
    """A YAML file read as plain data, with the line of every value and of every key.

    ``data`` holds dicts, lists and scalars (dates kept as the text typed); a location is the
    path of keys and list positions from the top (``("sections", 0, "items", 2, "id")``).
    """

    data: Any
    value_lines: dict[Location, int] = field(default_factory=dict)
    key_lines: dict[Location, int] = field(default_factory=dict)

    def line(self, path: Location) -> int:
        """Return the line a reader should look at for ``path``: its key, else its value."""
        while path:
            found = self.key_lines.get(path) or self.value_lines.get(path)
            if found:
                return found
            path = path[:-1]
        return self.value_lines.get((), 1)


def _yaml_hint(problem: str, what: str) -> str:
    if "'\\t'" in problem:
        return "Indent with spaces, not tabs."
    if "mapping values are not allowed" in problem:
        return (
            "Check the indentation, put a space after each colon, and put text that "
            "contains ': ' in quotes."
        )
    if "could not find expected ':'" in problem:
        return "Each line needs the form 'key: value'; check this line and the one above."
    if "flow" in problem:
        return "Text that starts with '[' or '{' must be in quotes."
    if "expected a single document" in problem:
        return f"The file holds one {what}: remove the '---' line and what follows it."
    return "Check the indentation and the quotes on this line and the one above."


def read_yaml_nodes(
    text: str,
    source: str,
    *,
    what: str = "cohort",
    empty_hint: str = "Start from cohort_templates/README.md.",
) -> YamlNodes:
    """Return the YAML ``text`` as plain data with the line of every key and value.

    Raises :class:`TemplateError` (naming ``source`` and the line) for YAML that cannot be
    read, an empty file (then saying ``empty_hint``), a key given twice, an alias that contains
    itself, or aliases that expand to too much. ``what`` names what one file holds ("cohort",
    "survey") in the message about a second document.
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except RecursionError:
        raise TemplateError(source, [Problem(None, _TOO_DEEP.format(depth=_MAX_DEPTH))]) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or "unreadable YAML"
        if error.context:
            context = error.context
            if error.context_mark is not None and error.context_mark is not mark:
                context += f" on line {error.context_mark.line + 1}"
            problem = f"{context}: {problem}"
        raise TemplateError(
            source,
            [
                Problem(
                    None if mark is None else mark.line + 1,
                    f"this is not valid YAML ({problem}). {_yaml_hint(problem, what)}",
                )
            ],
        ) from None
    except yaml.YAMLError as error:  # pragma: no cover - PyYAML marks its parse errors
        raise TemplateError(source, [Problem(None, f"this is not valid YAML ({error}).")]) from None
    if root is None:
        raise TemplateError(
            source,
            [Problem(None, f"the file is empty. {empty_hint}")],
        )
    located = YamlNodes(data=None)
    problems: list[Problem] = []
    constructor = yaml.constructor.SafeConstructor()
    count = [0]

    def convert(node: yaml.Node, path: Location, stack: tuple[int, ...]) -> Any:
        count[0] += 1
        if count[0] > _MAX_NODES:
            raise TemplateError(
                source,
                [Problem(None, "the file expands to too much data. Remove the '*' aliases.")],
            )
        located.value_lines[path] = node.start_mark.line + 1
        if id(node) in stack:
            problems.append(
                Problem(node.start_mark.line + 1, "this value contains itself (an '*' alias).")
            )
            return None
        if len(stack) >= _MAX_DEPTH:
            raise TemplateError(
                source,
                [Problem(node.start_mark.line + 1, _TOO_DEEP.format(depth=_MAX_DEPTH))],
            )
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _TIMESTAMP_TAG:
                return node.value  # checked as a date later, with a plain message
            try:
                return constructor.construct_object(node)
            except yaml.YAMLError as error:
                problems.append(Problem(node.start_mark.line + 1, f"unreadable value ({error})."))
                return None
        inner = (*stack, id(node))
        if isinstance(node, yaml.SequenceNode):
            return [convert(item, (*path, i), inner) for i, item in enumerate(node.value)]
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(key_line, "a key must be a single word before a colon."))
                continue
            key = key_node.value
            if key in result:
                first = located.key_lines[(*path, key)]
                problems.append(
                    Problem(
                        key_line,
                        f"'{key}' is given twice here (also on line {first}). Keep one of them.",
                    )
                )
                continue
            located.key_lines[(*path, key)] = key_line
            result[key] = convert(value_node, (*path, key), inner)
        return result

    located.data = convert(root, (), ())
    if problems:
        raise TemplateError(source, problems)
    return located


# ---------------------------------------------------------------------------------------------
# Step 2: the shape, from the JSON Schema, in plain words


@cache
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return schema


#: What each key should hold, as an example line, for "add a line like …" messages.
_EXAMPLES = {
    "cohort": "cohort: Support services 2027",
    "start_date": "start_date: 2027-01-11",
    "teams": "teams:",
    "title": "title: Welcome to QI",
    "date": "date: 2027-01-11",
    "name": "name: Ward 3 porters",
}

_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "array": "a list (lines starting with '- ')",
    "object": "a group of 'key: value' lines",
}


def _describe(path: Location, data: Any) -> str:
    """Return what ``path`` is, in words: "the template", "team 2 (“Porters”)", …"""
    if not path:
        return "the template"
    if len(path) >= 2 and isinstance(path[-1], int):
        section, index = str(path[-2]), path[-1]
        noun = {
            "teams": "team",
            "sessions": "session",
            "mentors": "mentor",
            "trainers": "trainer",
            "members": "member",
        }.get(section, f"item of '{section}'")
        item = _get(data, path)
        label = ""
        if isinstance(item, dict):
            title = item.get("name") or item.get("title")
            if isinstance(title, str) and title.strip():
                label = f" (“{title}”)"
        return f"{noun} {index + 1}{label}"
    return f"'{path[-1]}'"


def _get(data: Any, path: Location) -> Any:
    for step in path:
        data = data[step]
    return data


def kind_of(value: object) -> str:
    """Return what a YAML value is, in words for an error message ("a list", "text (“x”)")."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"yes/no ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text (“{value}”)"
    if isinstance(value, list):
        return "a list"
    return "a group of 'key: value' lines"


def _name_of(path: Location) -> str:
    return str(path[-1]) if path and isinstance(path[-1], str) else "this value"


def _shape_problems(located: YamlNodes) -> Iterator[Problem]:
    validator = Draft202012Validator(_schema())
    seen: set[tuple[int | None, str]] = set()
    for error in validator.iter_errors(located.data):
        for problem in _translate(error, located):
            if (problem.line, problem.message) not in seen:
                seen.add((problem.line, problem.message))
                yield problem


def guess_key(word: str, allowed: list[str]) -> str | None:
    """Return the allowed key ``word`` most likely stands for, or None."""
    lowered = word.strip().casefold().replace(" ", "_").replace("-", "_")
    # "start" for "start_date", "idea" for "project_idea": a whole part of a key.
    parts = [k for k in allowed if lowered and lowered in k.split("_")]
    if len(parts) == 1:
        return parts[0]
    close = difflib.get_close_matches(lowered, allowed, n=1, cutoff=0.7)
    return close[0] if close else None


def _translate(error: ValidationError, located: YamlNodes) -> Iterator[Problem]:
    path: Location = tuple(error.absolute_path)
    line = located.line(path)
    key = _name_of(path)
    # An error from iter_errors() always carries the checked value, the rule's value and the
    # schema; the stubs also allow jsonschema's "unset" marker, which only a hand-made
    # ValidationError holds.
    value: Any = error.instance
    rule_value: Any = error.validator_value
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    kind = error.validator
    if kind == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        for unknown in (k for k in value if k not in allowed):
            guess = guess_key(str(unknown), allowed)
            hint = (
                f" — did you mean '{guess}'?"
                if guess
                else f". The keys allowed here are: {', '.join(allowed)}."
            )
            yield Problem(located.line((*path, unknown)), f"unknown key '{unknown}'{hint}")
    elif kind == "required":
        for missing in (k for k in rule_value if k not in value):
            example = _EXAMPLES.get(missing, f"{missing}: …")
            yield Problem(
                line,
                f"{_describe(path, located.data)} has no '{missing}'. Add a line like “{example}”.",
            )
    elif kind == "type":
        expected = str(rule_value)
        message = f"'{key}' should be {_TYPE_WORDS.get(expected, expected)}, "
        message += f"but it is {kind_of(value)}."
        if expected == "string" and value is None:
            message += f" Write something after '{key}:', or delete the line."
        elif expected == "string":
            message += f' Put it in quotes: {key}: "{value}".'
        elif expected == "array":
            message += " Write each item on its own line, starting with '- '."
        elif expected == "object":
            message += " Write it as 'name: …' (and any other keys) under the '- '."
        if not path:
            message = (
                f"the template should be 'key: value' lines (starting with 'cohort: …'), "
                f"but it is {kind_of(value)}. Start from cohort_templates/README.md."
            )
        elif not isinstance(path[-1], str):
            message = message.replace(f"'{key}'", _describe(path, located.data), 1)
        yield Problem(line, message)
    elif kind == "pattern":
        yield Problem(line, _pattern_message(key, str(value), str(rule_value)))
    elif kind == "maxLength":
        yield Problem(
            line,
            f"'{key}' is {len(value):,} characters long; the most is {rule_value:,}. Shorten it.",
        )
    elif kind == "minItems":
        yield Problem(line, f"'{key}' is empty. Add at least one.")
    elif kind in ("minimum", "maximum") and path == ("version",):
        yield Problem(
            line,
            f"this template says version {value}, but this qikit reads version "
            f"{TEMPLATE_VERSION}. Write 'version: {TEMPLATE_VERSION}', or update qikit.",
        )
    else:  # pragma: no cover - every keyword the schema uses is translated above
        yield Problem(line, f"'{key}': {error.message}.")


def _pattern_message(key: str, value: str, pattern: str) -> str:
    if key in ("date", "start_date"):
        return (
            f"'{key}' should be a date written as YYYY-MM-DD, for example 2027-01-11, "
            f"but it is “{value}”."
        )
    if key == "slug":
        return (
            "'slug' should be 2 to 40 lowercase letters, digits or dashes, not starting or "
            f"ending with a dash (for example 'ward-3-porters'), but it is “{value}”."
        )
    if key == "email":
        return f"“{value}” does not look like an email address. Correct it, or delete the line."
    if pattern == "\\S":
        return f"'{key}' is blank. Write the {key.replace('_', ' ')}."
    return f"'{key}' does not have the expected form (“{value}”)."  # pragma: no cover


# ---------------------------------------------------------------------------------------------
# Step 3: what the data means


def _name_key(name: str) -> str:
    # As the project model compares names: case and repeated spaces ignored.
    return " ".join(name.split()).casefold()


def _looks_like_path(name: str) -> bool:
    """Return True for names that look like a folder path ("../x", "/etc", "C:\\x", "~")."""
    text = name.strip()
    return (
        text.startswith(("/", "\\", "~", "./", ".\\"))
        or text in (".", "..")
        or bool(_DRIVE.match(text))
        or any(part == ".." for part in re.split(r"[\\/]", text))
    )


class _Meaning:
    """Checks what the (well-shaped) data means, collecting problems with their lines."""

    def __init__(self, located: YamlNodes) -> None:
        self.located = located
        self.data: dict[str, Any] = located.data
        self.problems: list[Problem] = []

    def fail(self, path: Location, message: str) -> None:
        self.problems.append(Problem(self.located.line(path), message))

    def date(self, path: Location) -> dt.date:
        text = _get(self.data, path)
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            self.fail(
                path,
                f"'{path[-1]}' is “{text}”, which is not a real day. "
                "Check the month (01–12) and the day of the month (YYYY-MM-DD).",
            )
            return dt.date.min

    def template(self, *, source: str, text: bytes) -> CohortTemplate:
        data = self.data
        name = data["cohort"]
        if _looks_like_path(name):
            self.fail(
                ("cohort",),
                f"the cohort name “{name}” looks like a folder path. Give the cohort an "
                "ordinary name such as “Support services 2027”.",
            )
        start = self.date(("start_date",))
        sessions = tuple(self.session(i, start) for i in range(len(data.get("sessions", []))))
        mentors = self.people("mentors")
        trainers = tuple(Trainer(name=n) for n, _ in self.people("trainers"))
        listed = {_name_key(n): n for n, _ in mentors}
        teams = self.teams(listed)
        return CohortTemplate(
            name=name,
            slug=slugify(name),
            start_date=start,
            sessions=sessions,
            teams=teams,
            mentors=tuple(Mentor(name=n, email=e) for n, e in mentors),
            trainers=trainers,
            source=source,
            text=text,
        )

    def session(self, index: int, start: dt.date) -> Session:
        path: Location = ("sessions", index)
        item = _get(self.data, path)
        day = self.date((*path, "date"))
        if dt.date.min < day < start and start != dt.date.min:
            self.fail(
                (*path, "date"),
                f"the session “{item['title']}” is on {day.isoformat()}, before the cohort "
                f"starts ({start.isoformat()}). Check the year, or change 'start_date'.",
            )
        return Session(title=item["title"], date=day, bring=item.get("bring", ""))

    def people(self, section: str) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        first: dict[str, int] = {}
        for index, item in enumerate(self.data.get(section, [])):
            path: Location = (section, index, "name")
            key = _name_key(item["name"])
            if key in first:
                self.fail(
                    path,
                    f"“{item['name']}” is listed twice under '{section}' (also on line "
                    f"{self.located.line((section, first[key], 'name'))}). Keep one.",
                )
                continue
            first[key] = index
            found.append((item["name"], item.get("email", "")))
        return found

    def teams(self, mentors: dict[str, str]) -> tuple[TeamTemplate, ...]:
        result: list[TeamTemplate] = []
        names: dict[str, int] = {}
        slugs: dict[str, int] = {}
        for index, item in enumerate(self.data["teams"]):
            path: Location = ("teams", index)
            name: str = item["name"]
            ok = True
            if _looks_like_path(name):
                self.fail(
                    (*path, "name"),
                    f"the team name “{name}” looks like a folder path. Give the team an "
                    "ordinary name such as “Ward 3 porters”: its folder name is made from it.",
                )
                ok = False
            elif _name_key(name) in names:
                self.fail(
                    (*path, "name"),
                    f"there is already a team called “{name}” (line "
                    f"{self.located.line(('teams', names[_name_key(name)], 'name'))}). "
                    "Give each team its own name.",
                )
                ok = False
            else:
                names[_name_key(name)] = index
            slug = item.get("slug") or slugify(name)
            if ok and slug in slugs:
                other = self.data["teams"][slugs[slug]]["name"]
                where = "slug" if "slug" in item else "name"
                self.fail(
                    (*path, where),
                    f"the team “{name}” would get the folder name '{slug}', the same as "
                    f"“{other}” (line {self.located.line(('teams', slugs[slug], 'name'))}). "
                    f"Change one of the names, or give this team its own 'slug: {slug}-2'.",
                )
                ok = False
            elif ok:
                slugs[slug] = index
            mentor = self.mentor(path, item.get("mentor", ""), mentors)
            members = self.members(path, item.get("members", []))
            if not ok:
                continue
            entry = TeamTemplate(
                name=name,
                slug=slug,
                department=item.get("department", ""),
                members=members,
                mentor=mentor,
                project_idea=item.get("project_idea", ""),
                line=self.located.line(path),
            )
            try:
                entry.team()  # the store checks the same rules: refuse here, with a line
            except FieldError as error:
                self.fail((*path, error.key), str(error))
                continue
            except DataError as error:  # pragma: no cover - Team raises FieldError
                self.fail(path, str(error))
                continue
            result.append(entry)
        return tuple(result)

    def mentor(self, path: Location, name: str, mentors: dict[str, str]) -> str:
        if not name:
            return ""
        found = mentors.get(_name_key(name))
        if found is not None:
            return found
        guess = difflib.get_close_matches(name, list(mentors.values()), n=1, cutoff=0.6)
        hint = f" — did you mean “{guess[0]}”?" if guess else "."
        self.fail(
            (*path, "mentor"),
            f"the mentor “{name}” is not listed under 'mentors'{hint} "
            "Correct the spelling, or add them to the mentors list.",
        )
        return name

    def members(self, path: Location, items: list[dict[str, Any]]) -> tuple[Member, ...]:
        members: list[Member] = []
        first: dict[str, int] = {}
        for index, item in enumerate(items):
            key = _name_key(item["name"])
            where: Location = (*path, "members", index, "name")
            if key in first:
                self.fail(
                    where,
                    f"“{item['name']}” is listed twice in this team (also on line "
                    f"{self.located.line((*path, 'members', first[key], 'name'))}). "
                    "Add a surname or an initial, or remove one.",
                )
                continue
            first[key] = index
            members.append(Member(display_name=item["name"], role=item.get("role", "")))
        return tuple(members)
