"""The skills survey's questions, read from the YAML file the programme lead edits, line by line.

The lead changes the wording, adds or removes questions in ``<cohort>/survey-items.yaml`` (a
copy of the shipped ``cohort_templates/survey_items.yaml``), so every mistake is reported with
the file, the line and what to change, never a traceback. The file is read with the cohort
template's reader (:func:`qikit.cohort.template.read_yaml_nodes`: every key and value keeps its
line, a key given twice is caught), then checked here:

- ``format: qikit-survey-items`` and ``version: 1`` (a newer version is refused: update qikit);
- a ``title``, and a ``scale`` of exactly five different words (the scores 1 to 5 in order);
- ``sections``, each with a ``title`` and ``items``; each item has an ``id`` (small letters,
  digits and ``_``, starting with a letter, used once in the file: answers are stored under it),
  a ``kind`` (``scale`` or ``text``), a ``statement`` of at most :data:`MAX_STATEMENT`
  characters and, if it is not asked every time, ``stages`` among pre, mid, post, follow-up;
- no other keys: a typo such as ``statment`` is named with its line and a "did you mean".

Every problem of the file is reported together (:class:`qikit.errors.TemplateError`, one line
per problem), so the lead fixes them in one go. :func:`cohort_survey_items` is what the survey
page and the evaluation call: the cohort's file if it has one, else the shipped default.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from qikit.cohort.template import (
    YamlNodes,
    decode_yaml,
    guess_key,
    kind_of,
    read_yaml_file,
    read_yaml_nodes,
)
from qikit.core.model import SurveyStage
from qikit.core.survey import ItemKind, SurveyItem, SurveyItems
from qikit.errors import Problem, TemplateError
from qikit.layout import SURVEY_ITEMS_FILE, survey_items_default

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MAX_STATEMENT",
    "cohort_survey_items",
    "load_survey_items",
    "parse_survey_items",
]

FORMAT_NAME = "qikit-survey-items"
FORMAT_VERSION = 1
#: The longest question, in characters: about two lines on a phone. Longer ones are hard to read
#: for someone new to surveys; split them into two questions.
MAX_STATEMENT = 200
#: The longest title of the survey or of a section.
MAX_TITLE = 80
#: The longest id (answers are stored under it; the store allows longer, people read these).
MAX_ID = 40
SCALE_LENGTH = 5

_ID = re.compile(r"[a-z][a-z0-9_]*")
_TOP_KEYS = ["format", "version", "title", "scale", "sections"]
_SECTION_KEYS = ["title", "items"]
_ITEM_KEYS = ["id", "kind", "statement", "stages"]
_EMPTY_HINT = "Copy cohort_templates/survey_items.yaml from qikit and change it."

Location = tuple[str | int, ...]


def load_survey_items(path: str | os.PathLike[str]) -> SurveyItems:
    """Return the checked survey questions read from ``path``; raise :class:`TemplateError`."""
    return parse_survey_items(read_yaml_file(path, "survey"), source=str(path))


def parse_survey_items(raw: bytes | str, *, source: str = "<survey items>") -> SurveyItems:
    """Return the checked survey questions in ``raw`` (YAML); ``source`` names it in messages."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    located = read_yaml_nodes(
        decode_yaml(raw, source), source, what="survey", empty_hint=_EMPTY_HINT
    )
    checker = _Checker(located)
    items = checker.survey()
    if checker.problems or items is None:
        raise TemplateError(source, checker.problems)
    return items


def cohort_survey_items(cohort_dir: str | os.PathLike[str]) -> SurveyItems:
    """Return the cohort's survey questions: ``<cohort>/survey-items.yaml``, else qikit's default.

    Raises :class:`TemplateError` when the cohort's file has mistakes (it is never skipped
    silently for the default: the lead's edits would seem lost).
    """
    own = Path(cohort_dir) / SURVEY_ITEMS_FILE
    return load_survey_items(own if own.is_file() else survey_items_default())


class _Checker:
    """Checks the survey file's data, collecting every problem with its line."""

    def __init__(self, located: YamlNodes) -> None:
        self.located = located
        self.problems: list[Problem] = []

    def fail(self, path: Location, message: str) -> None:
        self.problems.append(Problem(self.located.line(path), message))

    def keys(self, path: Location, data: Mapping[str, Any], allowed: list[str]) -> None:
        for key in data:
            if key in allowed:
                continue
            guess = guess_key(str(key), allowed)
            hint = (
                f" — did you mean '{guess}'?"
                if guess
                else f". The keys allowed here are: {', '.join(allowed)}."
            )
            self.fail((*path, key), f"unknown key '{key}'{hint}")

    def mapping(self, path: Location, value: object, what: str) -> dict[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.fail(
            path,
            f"{what} should be a group of 'key: value' lines, but it is {kind_of(value)}.",
        )
        return None

    def text(self, path: Location, data: Mapping[str, Any], key: str, limit: int) -> str:
        """Return the text under ``key``, or "" after noting what is wrong with it."""
        if key not in data:
            self.fail(path, f"'{key}' is missing here. Add a line '{key}: …'.")
            return ""
        value = data[key]
        where = (*path, key)
        if not isinstance(value, str):
            hint = f' Put it in quotes: {key}: "{value}".' if value is not None else ""
            self.fail(where, f"'{key}' should be text, but it is {kind_of(value)}.{hint}")
            return ""
        cleaned = " ".join(value.split())
        if not cleaned:
            self.fail(where, f"'{key}' is blank. Write the {key}.")
        elif len(cleaned) > limit:
            self.fail(
                where,
                f"'{key}' is {len(cleaned)} characters long; the most is {limit}. "
                "Shorten it, or split it into two questions.",
            )
        return cleaned

    def survey(self) -> SurveyItems | None:
        data = self.mapping((), self.located.data, "the survey file")
        if data is None:
            return None
        self.keys((), data, _TOP_KEYS)
        self.header(data)
        title = self.text((), data, "title", MAX_TITLE)
        scale = self.scale(data)
        items = self.sections(data)
        if self.problems or scale is None:
            return None
        return SurveyItems(title=title, scale=scale, items=items)

    def header(self, data: Mapping[str, Any]) -> None:
        if data.get("format") != FORMAT_NAME:
            found = "missing" if "format" not in data else f"“{data['format']}”"
            self.fail(
                ("format",),
                f"the first line should be 'format: {FORMAT_NAME}' (it is {found}). Is this the "
                "survey's questions file?",
            )
        version = data.get("version")
        if isinstance(version, bool) or not isinstance(version, int):
            self.fail(
                ("version",),
                f"'version' should be a whole number such as {FORMAT_VERSION}, "
                f"but it is {'missing' if 'version' not in data else kind_of(version)}.",
            )
        elif not 1 <= version <= FORMAT_VERSION:
            self.fail(
                ("version",),
                f"this file says version {version}, but this qikit reads version "
                f"{FORMAT_VERSION}. Write 'version: {FORMAT_VERSION}', or update qikit.",
            )

    def scale(self, data: Mapping[str, Any]) -> tuple[str, str, str, str, str] | None:
        path: Location = ("scale",)
        words = data.get("scale")
        if not isinstance(words, list) or len(words) != SCALE_LENGTH:
            found = (
                "missing"
                if "scale" not in data
                else f"{len(words)} words"
                if isinstance(words, list)
                else kind_of(words)
            )
            self.fail(
                path,
                f"'scale' should list the {SCALE_LENGTH} words of the answers, from the lowest "
                f"(1) to the highest (5), each on its own line starting with '- ' ({found}).",
            )
            return None
        cleaned: list[str] = []
        seen: dict[str, int] = {}
        for index, word in enumerate(words):
            where = (*path, index)
            if not isinstance(word, str) or not word.strip():
                self.fail(where, f"answer {index + 1} of the scale should be some words.")
                cleaned.append("")
                continue
            text = " ".join(word.split())
            if len(text) > MAX_TITLE:
                self.fail(where, f"answer {index + 1} of the scale is too long. Shorten it.")
            key = text.casefold()
            if key in seen:
                self.fail(
                    where,
                    f"“{text}” is in the scale twice (also answer {seen[key] + 1}). Give each "
                    "answer its own words.",
                )
            seen.setdefault(key, index)
            cleaned.append(text)
        return (cleaned[0], cleaned[1], cleaned[2], cleaned[3], cleaned[4])

    def sections(self, data: Mapping[str, Any]) -> tuple[SurveyItem, ...]:
        sections = data.get("sections")
        if not isinstance(sections, list) or not sections:
            self.fail(
                ("sections",),
                "'sections' should list the parts of the survey, each with a 'title' and its "
                f"'items' ({'missing' if 'sections' not in data else kind_of(sections)}).",
            )
            return ()
        items: list[SurveyItem] = []
        ids: dict[str, Location] = {}
        for index, raw in enumerate(sections):
            path: Location = ("sections", index)
            section = self.mapping(path, raw, f"section {index + 1}")
            if section is None:
                continue
            self.keys(path, section, _SECTION_KEYS)
            title = self.text(path, section, "title", MAX_TITLE)
            questions = section.get("items")
            if not isinstance(questions, list) or not questions:
                self.fail(
                    path if "items" not in section else (*path, "items"),
                    f"section {index + 1} should have 'items': its questions, each starting "
                    "with '- id: …'.",
                )
                continue
            for number, question in enumerate(questions):
                item = self.item((*path, "items", number), question, title, ids)
                if item is not None:
                    items.append(item)
        return tuple(items)

    def item(
        self, path: Location, raw: object, section: str, ids: dict[str, Location]
    ) -> SurveyItem | None:
        data = self.mapping(path, raw, "each question")
        if data is None:
            return None
        before = len(self.problems)
        self.keys(path, data, _ITEM_KEYS)
        item_id = self.item_id(path, data, ids)
        kind = self.kind(path, data)
        statement = self.text(path, data, "statement", MAX_STATEMENT)
        stages = self.stages(path, data)
        if len(self.problems) > before or kind is None:
            return None
        return SurveyItem(
            item_id=item_id, statement=statement, kind=kind, section=section, stages=stages
        )

    def item_id(self, path: Location, data: Mapping[str, Any], ids: dict[str, Location]) -> str:
        value = data.get("id")
        where = (*path, "id")
        if "id" not in data:
            self.fail(path, "this question has no 'id'. Add a line like 'id: read_run_chart'.")
            return ""
        if not isinstance(value, str) or not _ID.fullmatch(value) or len(value) > MAX_ID:
            self.fail(
                where,
                f"the id {kind_of(value)} should be small letters, digits and '_', starting "
                f"with a letter, at most {MAX_ID} characters (for example 'read_run_chart').",
            )
            return ""
        if value in ids:
            self.fail(
                where,
                f"the id '{value}' is used twice (also on line {self.located.line(ids[value])}). "
                "Answers are stored under the id: give each question its own.",
            )
            return ""
        ids[value] = where
        return value

    def kind(self, path: Location, data: Mapping[str, Any]) -> ItemKind | None:
        if "kind" not in data:
            self.fail(path, "this question has no 'kind'. Add 'kind: scale' or 'kind: text'.")
            return None
        value = data["kind"]
        try:
            return ItemKind(value)
        except ValueError:
            self.fail(
                (*path, "kind"),
                f"'kind' should be 'scale' (the five answers) or 'text' (the person's own "
                f"words), but it is {kind_of(value)}.",
            )
            return None

    def stages(self, path: Location, data: Mapping[str, Any]) -> tuple[SurveyStage, ...]:
        if "stages" not in data:
            return tuple(SurveyStage)
        where = (*path, "stages")
        value = data["stages"]
        names = ", ".join(stage.value for stage in SurveyStage)
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not value:
            self.fail(
                where,
                f"'stages' should list when the question is asked, such as [pre, post], "
                f"from: {names}. Delete the line to ask it every time.",
            )
            return ()
        found: list[SurveyStage] = []
        for index, name in enumerate(value):
            try:
                stage = SurveyStage(name)
            except ValueError:
                self.fail(
                    (*where, index),
                    f"'stages' has {kind_of(name)}, which is not a point of the survey. "
                    f"Use: {names}.",
                )
                continue
            if stage in found:
                self.fail((*where, index), f"'stages' names {stage.value} twice. Keep one.")
                continue
            found.append(stage)
        # In the survey's order, whatever order the file lists them in.
        return tuple(stage for stage in SurveyStage if stage in found)
