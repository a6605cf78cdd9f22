"""The survey's questions file: the shipped default reads, and each kind of mistake is named
with its line."""

from __future__ import annotations

from pathlib import Path

import pytest

from qikit import layout
from qikit.cohort.survey_items import (
    MAX_STATEMENT,
    cohort_survey_items,
    load_survey_items,
    parse_survey_items,
)
from qikit.core.model import SurveyStage
from qikit.core.survey import ItemKind
from qikit.errors import TemplateError

GOOD = """\
format: qikit-survey-items
version: 1
title: Skills survey
scale:
  - Not at all
  - A little
  - Somewhat
  - Mostly
  - Completely
sections:
  - title: Knowing about QI
    items:
      - id: explain_qi
        kind: scale
        statement: I could explain what QI is.
      - id: hopes
        kind: text
        stages: [post, pre]
        statement: What do you hope for? (optional)
"""


def _problems(text: str) -> list[tuple[int | None, str]]:
    with pytest.raises(TemplateError) as caught:
        parse_survey_items(text, source="survey-items.yaml")
    return [(p.line, p.message) for p in caught.value.problems]


def _only(text: str) -> tuple[int | None, str]:
    found = _problems(text)
    assert len(found) == 1, found
    return found[0]


def test_a_good_file_gives_the_questions_in_order() -> None:
    items = parse_survey_items(GOOD)
    assert items.title == "Skills survey"
    assert items.scale == ("Not at all", "A little", "Somewhat", "Mostly", "Completely")
    assert [i.item_id for i in items.items] == ["explain_qi", "hopes"]
    first, second = items.items
    assert first.kind is ItemKind.SCALE and first.section == "Knowing about QI"
    assert first.stages == tuple(SurveyStage)  # no 'stages': asked every time
    assert second.stages == (SurveyStage.PRE, SurveyStage.POST)  # the survey's order
    assert [i.item_id for i in items.for_stage("mid")] == ["explain_qi"]


def test_the_shipped_default_is_what_a_cohort_without_its_own_file_gets(tmp_path: Path) -> None:
    default = load_survey_items(layout.survey_items_default())
    assert cohort_survey_items(tmp_path) == default
    assert len(default.scale_items()) >= 10
    assert all(len(i.statement) <= MAX_STATEMENT for i in default.items)
    assert default.for_stage("follow-up"), "the follow-up asks whether staff are still involved"


def test_a_cohort_file_wins_over_the_default(tmp_path: Path) -> None:
    (tmp_path / layout.SURVEY_ITEMS_FILE).write_text(GOOD, encoding="utf-8")
    assert cohort_survey_items(tmp_path).title == "Skills survey"


def test_a_broken_cohort_file_is_reported_not_replaced_by_the_default(tmp_path: Path) -> None:
    (tmp_path / layout.SURVEY_ITEMS_FILE).write_text(GOOD.replace("version: 1", "version: x"))
    with pytest.raises(TemplateError, match=r"survey-items.yaml, line 2: 'version'"):
        cohort_survey_items(tmp_path)


def test_a_misspelt_key_is_named_with_its_line_and_a_guess() -> None:
    found = _problems(GOOD.replace("statement: I could", "statment: I could"))
    assert (15, "unknown key 'statment' — did you mean 'statement'?") in found
    assert any(line == 13 and "'statement' is missing" in m for line, m in found)


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        (("format: qikit-survey-items", "format: qikit-cohort"), 1, "format: qikit-survey-items"),
        (("version: 1", "version: 2"), 2, "this qikit reads version 1"),
        (("title: Skills survey", "title:"), 3, "'title' should be text, but it is empty"),
        (("  - Completely\n", ""), 4, "5 words of the answers"),
        (("  - Mostly", "  - a little"), 8, "“a little” is in the scale twice"),
        (("kind: scale", "kind: stars"), 14, "'kind' should be 'scale'"),
        (("id: hopes", "id: explain_qi"), 16, "'explain_qi' is used twice (also on line 13)"),
        (("id: hopes", "id: Hopes now"), 16, "should be small letters, digits and '_'"),
        (("[post, pre]", "[post, later]"), 18, "text (“later”), which is not a point"),
        (("[post, pre]", "[pre, pre]"), 18, "names pre twice"),
        (("I could explain what QI is.", "''"), 15, "'statement' is blank"),
        (("I could explain what QI is.", "x" * (MAX_STATEMENT + 1)), 15, "the most is 200"),
        (("    items:\n", "    itemz:\n"), 12, "unknown key 'itemz' — did you mean 'items'?"),
    ],
)
def test_each_kind_of_mistake_is_named_with_its_line(
    change: tuple[str, str], line: int, words: str
) -> None:
    old, new = change
    assert old in GOOD
    found = _problems(GOOD.replace(old, new, 1))
    assert any(at == line and words in message for at, message in found), found


def test_a_key_given_twice_is_caught_with_both_lines() -> None:
    line, message = _only(GOOD.replace("        kind: scale\n", "        kind: scale\n" * 2))
    assert line == 15 and "'kind' is given twice here (also on line 14)" in message


def test_broken_yaml_and_an_empty_file_say_what_to_do() -> None:
    line, message = _only(GOOD.replace("  - A little", "  - A little: x: y"))
    assert line == 6 and "not valid YAML" in message
    assert "survey_items.yaml" in _only("")[1]


def test_bytes_that_are_not_utf8_are_named_by_line(tmp_path: Path) -> None:
    path = tmp_path / "survey-items.yaml"
    path.write_bytes(b"format: qikit-survey-items\ntitle: caf\xe9\n")
    with pytest.raises(TemplateError, match=r"line 2: this line has characters that are not"):
        load_survey_items(path)


def test_a_missing_file_is_a_plain_message(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="there is no such file"):
        load_survey_items(tmp_path / "nope.yaml")


def test_all_problems_come_together() -> None:
    broken = GOOD.replace("kind: scale", "kind: stars").replace("id: hopes", "id: 9")
    assert len(_problems(broken)) == 2


def test_a_deeply_nested_questions_file_is_a_plain_refusal_naming_it(tmp_path: Path) -> None:
    """Are 50,000 nested lists in survey-items.yaml a TemplateError naming the file?"""
    deep = tmp_path / "survey-items.yaml"
    deep.write_text("[" * 50_000, encoding="utf-8")
    with pytest.raises(TemplateError, match="nested far too deeply") as caught:
        load_survey_items(deep)
    assert str(deep) in str(caught.value)
