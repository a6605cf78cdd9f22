"""Reading cohort templates: the example, every rule of the format, and the words of each error.

The bad templates live in ``fixtures/bad/``: each is a whole file a programme lead could write,
whose first line says the line and the words the error must contain
(``# expect line N: words``). ``tests/cli/test_cli_cohort.py`` runs the same files through the real
command.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from qikit.cohort.template import (
    MAX_PROBLEMS,
    SCHEMA_PATH,
    TemplateError,
    load_template,
    parse_template,
)
from qikit.core.model import Team, slugify
from qikit.errors import QikitError

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "cohort_templates" / "support_services_2027.yaml"
BAD = Path(__file__).parent / "fixtures" / "bad"
SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])")

GOOD = """\
cohort: Test cohort
start_date: 2027-01-11
sessions:
  - title: Launch
    date: 2027-01-11
mentors:
  - name: Priya Shah
teams:
  - name: Ward 3 porters
    mentor: priya  SHAH
    members:
      - name: Ana Silva
        role: Porter
"""


def expectation(path: Path) -> tuple[int, str]:
    """Return the line and the words a bad fixture's first line says its error must have."""
    head = path.read_text(encoding="utf-8").splitlines()[0]
    match = re.fullmatch(r"# expect line (\d+): (.+)", head)
    assert match, f"{path.name} must start with '# expect line N: words'"
    return int(match.group(1)), match.group(2)


BAD_FILES = sorted(BAD.glob("*.yaml"))


def test_there_is_a_bad_template_for_every_rule() -> None:
    """Does the table cover each rule the issue names?"""
    names = {p.stem for p in BAD_FILES}
    assert {
        "yaml_syntax",
        "unknown_key",
        "missing_team_name",
        "duplicate_team_names",
        "duplicate_slugs",
        "dotdot_team",
        "absolute_team",
        "unsafe_slug",
        "unknown_mentor",
        "bad_date",
        "impossible_date",
        "wrong_type",
    } <= names


@pytest.mark.parametrize("path", BAD_FILES, ids=lambda p: p.stem)
def test_a_bad_template_names_the_file_the_line_and_what_to_fix(path: Path) -> None:
    """Is each bad template refused with a TemplateError naming the file and the right line?"""
    line, words = expectation(path)
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    message = str(caught.value)
    assert f"{path}, line {line}: " in message
    assert words in message
    assert isinstance(caught.value, QikitError)
    assert "Traceback" not in message and "jsonschema" not in message
    assert [p.line for p in caught.value.problems] == [line]


def test_the_example_template_describes_a_support_services_cohort() -> None:
    """Does the shipped example load, with six support-services teams of 2–4 members, each with
    a listed mentor and a project idea, about eight sessions, three mentors and two trainers?"""
    template = load_template(EXAMPLE)
    assert template.start_date == dt.date(2027, 1, 11)
    assert template.slug == "support-services-2027"
    assert len(template.teams) >= 6
    assert 7 <= len(template.sessions) <= 10
    assert (len(template.mentors), len(template.trainers)) == (3, 2)
    mentors = {m.name for m in template.mentors}
    for team in template.teams:
        assert 2 <= len(team.members) <= 4, team.name
        assert team.mentor in mentors
        assert team.project_idea and team.department
        assert isinstance(team.team(), Team)
    words = " ".join(t.name.lower() for t in template.teams)
    for service in ("porter", "domestic", "catering", "healthcare", "linen", "reception"):
        assert service in words
    titles = " ".join(s.title.lower() for s in template.sessions)
    assert "pdsa clinic" in titles and "celebration" in titles
    assert all(s.date >= template.start_date and s.bring for s in template.sessions)
    assert template.text == EXAMPLE.read_bytes()


def test_the_readme_example_is_a_valid_template() -> None:
    """Does the annotated example in cohort_templates/README.md load as it is?"""
    readme = (ROOT / "cohort_templates" / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```yaml\n(.*?)```", readme, re.S)
    assert block
    template = parse_template(block.group(1), source="README.md")
    assert [t.slug for t in template.teams] == ["ward-3-porters"]
    assert template.teams[0].members[1].role == "Portering supervisor"


def test_the_schema_is_valid_and_accepts_the_example() -> None:
    """Is the shipped JSON Schema itself valid, and does the example pass it when dates are
    read as text (as the template reader does)?"""
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    yaml = pytest.importorskip("yaml")
    data = yaml.load(EXAMPLE.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)  # all text
    data["version"] = 1
    errors = [
        e
        for e in Draft202012Validator(schema).iter_errors(data)
        if e.validator != "type"  # BaseLoader reads "1" as text
    ]
    assert errors == []


def test_a_good_template_gives_frozen_values_with_the_listed_spelling() -> None:
    """Are mentors matched ignoring case and spaces, and stored as listed? Are the values
    frozen?"""
    template = parse_template(GOOD, source="good.yaml")
    team = template.teams[0]
    assert (team.slug, team.mentor, team.line) == ("ward-3-porters", "Priya Shah", 9)
    assert template.sessions[0].date == dt.date(2027, 1, 11)
    with pytest.raises(AttributeError):
        team.name = "Other"  # type: ignore[misc]


def test_an_explicit_slug_separates_names_that_would_clash() -> None:
    """Can a lead give one of two clashing teams its own slug?"""
    text = GOOD + "  - name: Ward 3 porters!\n    slug: ward-3-night\n"
    assert [t.slug for t in parse_template(text).teams] == ["ward-3-porters", "ward-3-night"]


@pytest.mark.parametrize(
    ("change", "line", "words"),
    [
        (("cohort: Test cohort", "cohort: 2027"), 1, 'Put it in quotes: cohort: "2027"'),
        (("    date: 2027-01-11", "    date: 2026-01-11"), 5, "before the cohort starts"),
        (("  - name: Priya Shah", "  - name: Priya Shah\n  - name: priya shah"), 8, "twice"),
        (("      - name: Ana Silva", "      - name:"), 12, "Write something after 'name:'"),
        (("cohort: Test cohort", "version: 2\ncohort: Test cohort"), 1, "reads version 1"),
        (("  - title: Launch", "  - titel: Launch"), 4, "did you mean 'title'?"),
        (("  - title: Launch", "  - title: Launch\n    bring: [pens"), 6, "not valid YAML"),
        (("teams:", "teams:\n  - name: Porters\n    colour: red"), 10, "keys allowed here are"),
        (("cohort: Test cohort", "cohort: Test cohort\ncohort: Again"), 2, "given twice"),
        (("cohort: Test cohort", "cohort: ../cohorts"), 1, "looks like a folder path"),
        (("cohort: Test cohort", "cohort: x\nstart: 2027-01-11"), 2, "did you mean 'start_date'?"),
        (("teams:", "trainers:\n  - Sam\nteams:"), 9, "trainer 1 should be a group"),
    ],
    ids=[
        "number-for-text",
        "session-before-start",
        "mentor-twice",
        "blank-member",
        "newer-version",
        "session-typo",
        "unclosed-bracket",
        "no-close-key",
        "repeated-key",
        "cohort-path",
        "partial-key",
        "trainer-as-text",
    ],
)
def test_more_mistakes_are_reported_on_their_line(
    change: tuple[str, str], line: int, words: str
) -> None:
    """Are other common mistakes reported on the right line, with what to do?"""
    old, new = change
    assert old in GOOD
    with pytest.raises(TemplateError) as caught:
        parse_template(GOOD.replace(old, new, 1), source="t.yaml")
    assert f"t.yaml, line {line}: " in str(caught.value)
    assert words in str(caught.value)


def test_several_problems_are_reported_together_in_line_order() -> None:
    """Does one error list every meaning problem at once, sorted by line?"""
    text = GOOD + "  - name: ../x\n  - name: Cleaners\n    mentor: Nobody\n"
    text = text.replace("    date: 2027-01-11", "    date: 2027-13-01")
    with pytest.raises(TemplateError) as caught:
        parse_template(text, source="t.yaml")
    assert [p.line for p in caught.value.problems] == [5, 14, 16]
    assert str(caught.value).count("\n") == 2


def test_a_long_list_of_problems_is_cut_short() -> None:
    """With more than MAX_PROBLEMS problems, are the rest counted rather than listed?"""
    teams = "".join(f"  - name: Team {i}\n    mentr: x\n" for i in range(MAX_PROBLEMS + 5))
    text = GOOD.split("teams:")[0] + "teams:\n" + teams
    with pytest.raises(TemplateError) as caught:
        parse_template(text, source="t.yaml")
    assert len(caught.value.problems) == MAX_PROBLEMS + 5
    assert str(caught.value).endswith("… and 5 more. Fix these first, then try again.")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "the file is empty"),
        (b"# only a comment\n", "the file is empty"),
        (b"cohort: \xff\xfe\n", "line 1: this line has characters that are not UTF-8"),
        (b"a: &a [*a]\n", "contains itself"),
        (b"- just\n- a list\n", "the template should be 'key: value' lines"),
        (b"cohort: x\n---\ncohort: y\n", "remove the '---' line"),
    ],
)
def test_files_that_are_not_templates(tmp_path: Path, content: bytes, words: str) -> None:
    """Are empty, non-UTF-8, self-referencing and non-mapping files refused in words?"""
    path = tmp_path / "odd.yaml"
    path.write_bytes(content)
    with pytest.raises(TemplateError, match=re.escape(words)) as caught:
        load_template(path)
    assert str(caught.value).startswith(f"{path}")


def test_a_missing_file_or_a_folder(tmp_path: Path) -> None:
    """Is a missing file, or a folder, a TemplateError naming it?"""
    with pytest.raises(TemplateError, match="there is no such file"):
        load_template(tmp_path / "nope.yaml")
    with pytest.raises(TemplateError, match="this is a folder"):
        load_template(tmp_path)


def test_a_byte_order_mark_is_accepted() -> None:
    """Does a template saved by Notepad with a UTF-8 BOM load?"""
    assert parse_template(b"\xef\xbb\xbf" + GOOD.encode()).name == "Test cohort"


@given(name=st.text(max_size=60))
def test_any_team_name_gives_a_safe_folder_or_a_template_error(name: str) -> None:
    """Whatever a team is called, is the result either a TemplateError or a slug that the
    model accepts and that cannot leave the teams folder?"""
    text = GOOD + "  - name: " + json.dumps(name) + "\n"
    try:
        template = parse_template(text)
    except TemplateError:
        return
    slug = template.teams[-1].slug
    assert SLUG.fullmatch(slug)
    assert slug == slugify(name)
    assert "/" not in slug and "\\" not in slug and slug not in (".", "..")


@given(text=st.text(max_size=200))
def test_any_text_is_a_template_or_a_template_error(text: str) -> None:
    """Does any file content give a template or a TemplateError — never another exception?"""
    try:
        parse_template(text, source="fuzz.yaml")
    except TemplateError as error:
        assert str(error).startswith("fuzz.yaml")
