"""Does the project data model keep every record safe, readable and explained in plain words?"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import BY_KIND, records, short_texts

from qikit.core.model import (
    DEFAULT_CATEGORIES,
    MAX_LONG_TEXT,
    MAX_SHORT_TEXT,
    RECORD_TYPES,
    Cause,
    ChangeIdea,
    Charter,
    Driver,
    DriverLevel,
    Feedback,
    FeedbackTopic,
    FieldError,
    Fishbone,
    Measure,
    Member,
    PdsaCycle,
    Point,
    ProcessMap,
    Project,
    Record,
    RecordKind,
    Step,
    StepType,
    SurveyResponse,
    Team,
    new_record_id,
    record_from_data,
    slugify,
)
from qikit.core.spc.chart_choice import DataKind
from qikit.errors import DataError

AT = "2026-03-31T14:05:00+00:00"


def _is_json_value(value: object) -> bool:
    if value is None or isinstance(value, (str, bool, int, float)):
        return True
    if isinstance(value, list):
        return all(_is_json_value(v) for v in value)
    if isinstance(value, dict):
        return all(isinstance(k, str) and _is_json_value(v) for k, v in value.items())
    return False


# -- kinds and the registry ------------------------------------------------------------------------


def test_record_kinds_are_the_permanent_stored_strings() -> None:
    assert [k.value for k in RecordKind] == [
        "team",
        "charter",
        "fishbone",
        "cause",
        "process_map",
        "step",
        "driver",
        "change_idea",
        "measure",
        "point",
        "pdsa",
        "feedback",
        "survey",
        "showcase",
        "reflection",
    ]


def test_every_kind_has_a_record_type_and_a_strategy() -> None:
    assert set(RECORD_TYPES) == set(RecordKind)
    assert all(cls.KIND is kind for kind, cls in RECORD_TYPES.items())
    assert set(BY_KIND) == {k.value for k in RecordKind}


def test_an_unknown_kind_is_refused_by_name() -> None:
    with pytest.raises(DataError, match="Record kind"):
        record_from_data("gantt_chart", "a1", {})


# -- round trips ---------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(BY_KIND))
@given(data=st.data())
def test_every_record_survives_to_data_and_from_data(kind: str, data: st.DataObject) -> None:
    record = data.draw(BY_KIND[kind])
    stored = record.to_data()
    assert "record_id" not in stored
    assert _is_json_value(stored)
    assert type(record).from_data(record.record_id, stored) == record
    assert record_from_data(kind, record.record_id, stored) == record


@given(records())
def test_every_record_survives_a_trip_through_json_text(record: Record) -> None:
    for ascii_only in (True, False):
        text = json.dumps(record.to_data(), ensure_ascii=ascii_only, allow_nan=False)
        again = record_from_data(record.KIND, record.record_id, json.loads(text))
        assert again == record
        assert again.to_data() == record.to_data()
    # What would be written to SQLite as UTF-8 must encode (no lone surrogates).
    json.dumps(record.to_data(), ensure_ascii=False).encode("utf-8")


@given(records())
def test_records_are_hashable_and_frozen(record: Record) -> None:
    hash(record)
    with pytest.raises(AttributeError):
        record.record_id = "other"  # type: ignore[misc]


def test_missing_fields_take_defaults_and_unknown_keys_are_ignored() -> None:
    cause = Cause.from_data("c1", {"category": "People", "colour": "red", "record_id": "zz"})
    assert cause == Cause(record_id="c1", category="People")
    assert Charter.from_data("main", {}) == Charter()
    assert Fishbone.from_data("main", {}).categories == DEFAULT_CATEGORIES


def test_from_data_accepts_json_numbers_in_either_form() -> None:
    point = Point.from_data("p1", {"measure_id": "m1", "date": "2026-01-05", "value": 3})
    assert point.value == 3.0 and isinstance(point.value, float)
    cause = Cause.from_data("c1", {"category": "People", "tally": 4.0})
    assert cause.tally == 4 and isinstance(cause.tally, int)


def test_constructors_accept_the_json_forms_and_store_proper_types() -> None:
    step = Step(record_id="s1", step_type="decision", yes_next="s2")
    assert step.step_type is StepType.DECISION
    team = Team(name="Porters", slug="porters", members=[{"display_name": "Amy", "role": "Lead"}])
    assert team.members == (Member("Amy", "Lead"),)
    measure = Measure(record_id="m1", name="Wait", phase_starts=["2026-03-01", "2026-01-01"])
    assert measure.phase_starts == (dt.date(2026, 1, 1), dt.date(2026, 3, 1))


def test_text_is_stored_exactly_as_typed() -> None:
    awkward = "  <script>alert(1)</script>\n\t👩🏽‍⚕️ &amp;  "
    cause = Cause(record_id="c1", category=" People ", text=awkward)
    assert cause.to_data()["text"] == awkward
    assert cause.to_data()["category"] == " People "


def test_text_at_the_limit_is_kept() -> None:
    charter = Charter(problem="é" * MAX_LONG_TEXT, aim_what="x" * MAX_SHORT_TEXT)
    assert len(charter.problem) == MAX_LONG_TEXT


def test_too_long_text_says_how_long_and_what_to_do() -> None:
    with pytest.raises(FieldError) as caught:
        Charter(problem="x" * 10_512)
    assert str(caught.value) == (
        "The problem is 10,512 characters long; the most is 10,000. "
        "Shorten it or split it into two."
    )
    assert caught.value.key == "problem"
    with pytest.raises(FieldError, match=r"201 characters long; the most is 200\. Shorten it\."):
        Team(name="x" * 201, slug="ab")


def test_new_record_ids_are_short_valid_and_different() -> None:
    ids = {new_record_id() for _ in range(500)}
    assert len(ids) == 500
    for rid in ids:
        assert re.fullmatch(r"[A-Za-z0-9_][A-Za-z0-9_-]{10}", rid)
        Cause(record_id=rid, category="People")


# -- validation ------------------------------------------------------------------------------------

POINT = {"record_id": "p1", "measure_id": "m1", "date": "2026-01-05"}
FEEDBACK = {"record_id": "f1", "author": "Sam", "at": AT, "text": "Well done"}
SURVEY = {"record_id": "s1", "participant_code": "K7QF", "stage": "pre", "at": AT}
TEAM = {"name": "Ward 3 porters", "slug": "ward-3-porters"}

# (record class, arguments, stored field named in the error, words the message must contain)
BAD_VALUES: list[tuple[type[Record], dict[str, Any], str, str]] = [
    (Team, {**TEAM, "record_id": "other"}, "record_id", "main"),
    (Cause, {"record_id": "", "category": "People"}, "record_id", "Record id"),
    (Cause, {"record_id": "../etc", "category": "People"}, "record_id", "Record id"),
    (Cause, {"record_id": "x" * 65, "category": "People"}, "record_id", "Record id"),
    (Team, {**TEAM, "name": "   "}, "name", "Team name"),
    (Team, {**TEAM, "name": 42}, "name", "Team name"),
    (Team, {**TEAM, "slug": "Ward 3"}, "slug", "Team short name"),
    (Team, {**TEAM, "slug": "-ward"}, "slug", "Team short name"),
    (Team, {**TEAM, "slug": "w"}, "slug", "Team short name"),
    (Team, {**TEAM, "slug": "a" * 41}, "slug", "Team short name"),
    (Team, {**TEAM, "members": [Member("Amy"), Member(" amy ")]}, "members", "Team members"),
    (Team, {**TEAM, "members": "Amy"}, "members", "Team members"),
    (Team, {**TEAM, "members": [{"role": "Porter"}]}, "members", "Member's name"),
    (Team, {**TEAM, "mentor": "x" * 201}, "mentor", "Mentor"),
    (Charter, {"aim_by_when": None}, "aim_by_when", "By when"),
    (Charter, {"problem": "bad \ud800 half emoji"}, "problem", "broken character"),
    (Fishbone, {"categories": ("People", "people")}, "categories", "Categories"),
    (Fishbone, {"categories": ("People", "")}, "categories", "Categories"),
    (Fishbone, {"categories": "People"}, "categories", "Categories"),
    (Cause, {"record_id": "c1", "category": ""}, "category", "Category"),
    (Cause, {"record_id": "c1", "category": "P", "parent_id": "c1"}, "parent_id", "itself"),
    (Cause, {"record_id": "c1", "category": "P", "votes": ("Amy", "AMY")}, "votes", "Votes"),
    (Cause, {"record_id": "c1", "category": "P", "tally": -1}, "tally", "Tally"),
    (Cause, {"record_id": "c1", "category": "P", "tally": True}, "tally", "Tally"),
    (Cause, {"record_id": "c1", "category": "P", "tally": "3"}, "tally", "Tally"),
    (Step, {"record_id": "s1", "step_type": "loop"}, "step_type", "Type of step"),
    (Step, {"record_id": "s1", "yes_next": "s2"}, "yes_next", "only a decision"),
    (Step, {"record_id": "s1", "position": float("nan")}, "position", "Position"),
    (Step, {"record_id": "s1", "position": 10**400}, "position", "Position"),
    (Step, {"record_id": "s1", "problem": "slow"}, "problem", "Problem"),
    (Driver, {"record_id": "d1", "parent_id": "d0"}, "parent_id", "Primary driver"),
    (Driver, {"record_id": "d1", "level": "tertiary"}, "level", "Primary or secondary"),
    (ChangeIdea, {"record_id": "i1", "driver_id": "no spaces"}, "driver_id", "Driver"),
    (Measure, {"record_id": "m1", "name": ""}, "name", "Measure name"),
    (Measure, {"record_id": "m1", "name": "W", "measure_type": "x"}, "measure_type", "Type"),
    (Measure, {"record_id": "m1", "name": "W", "data_kind": "minutes"}, "data_kind", "measuring"),
    (Measure, {"record_id": "m1", "name": "W", "target": "25"}, "target", "Target"),
    (Measure, {"record_id": "m1", "name": "W", "improvement": "up"}, "improvement", "better"),
    (Measure, {"record_id": "m1", "name": "W", "phase_starts": ["1/2/26"]}, "phase_starts", "Dat"),
    (
        Measure,
        {"record_id": "m1", "name": "W", "phase_starts": ["2026-01-01", "2026-01-01"]},
        "phase_starts",
        "twice",
    ),
    (Point, {**POINT, "measure_id": None}, "measure_id", "Measure"),
    (Point, {**POINT, "date": "2026-02-30"}, "date", "Date"),
    (Point, {**POINT, "date": "05/01/2026"}, "date", "Date"),
    (Point, {**POINT, "date": dt.datetime(2026, 1, 5, 9, 0)}, "date", "Date"),
    (Point, {**POINT, "value": float("inf")}, "value", "Value"),
    (Point, {**POINT, "numerator": 3}, "denominator", "Out of how many"),
    (Point, {**POINT, "denominator": 3}, "numerator", "How many"),
    (Point, {**POINT, "numerator": 1, "denominator": 0}, "denominator", "Out of how many"),
    (Point, {**POINT, "numerator": -1, "denominator": 4}, "numerator", "How many"),
    (Point, {**POINT, "value": 2, "numerator": 1, "denominator": 4}, "value", "not both"),
    (PdsaCycle, {"record_id": "c1", "status": "do"}, "prediction", "Prediction"),
    (PdsaCycle, {"record_id": "c1", "status": "done", "prediction": " "}, "prediction", "Do"),
    (PdsaCycle, {"record_id": "c1", "status": "finished"}, "status", "Stage"),
    (PdsaCycle, {"record_id": "c1", "decision": "keep"}, "decision", "Decision"),
    (PdsaCycle, {"record_id": "c1", "measure_ids": ["m1", "m1"]}, "measure_ids", "Measures"),
    (PdsaCycle, {"record_id": "c1", "measure_ids": "m1"}, "measure_ids", "Measures"),
    (
        PdsaCycle,
        {"record_id": "c1", "started_on": "2026-02-02", "finished_on": "2026-02-01"},
        "finished_on",
        "Finish date",
    ),
    (Feedback, {**FEEDBACK, "text": ""}, "text", "Comment"),
    (Feedback, {**FEEDBACK, "author": ""}, "author", "From"),
    (Feedback, {**FEEDBACK, "at": "yesterday"}, "at", "Time"),
    (Feedback, {**FEEDBACK, "at": "2026-13-01T10:00"}, "at", "Time"),
    (Feedback, {**FEEDBACK, "about": "gantt"}, "about", "About"),
    (Feedback, {**FEEDBACK, "read": "yes"}, "read", "Read"),
    (Feedback, {**FEEDBACK, "reply_to": "f1"}, "reply_to", "Reply to"),
    (SurveyResponse, {**SURVEY, "participant_code": "k7qf"}, "participant_code", "code"),
    (SurveyResponse, {**SURVEY, "participant_code": "ABC"}, "participant_code", "code"),
    (SurveyResponse, {**SURVEY, "stage": "during"}, "stage", "Survey"),
    (SurveyResponse, {**SURVEY, "answers": {"q1": 6}}, "answers", "1 to 5"),
    (SurveyResponse, {**SURVEY, "answers": {"q1": True}}, "answers", "1 to 5"),
    (SurveyResponse, {**SURVEY, "answers": {"q 1": 3}}, "answers", "question ids"),
    (SurveyResponse, {**SURVEY, "answers": [3, 4]}, "answers", "Answers"),
]


@pytest.mark.parametrize(
    ("cls", "arguments", "key", "words"),
    BAD_VALUES,
    ids=[f"{c.__name__}-{k}-{i}" for i, (c, _, k, _) in enumerate(BAD_VALUES)],
)
def test_a_bad_value_is_refused_naming_the_field(
    cls: type[Record], arguments: dict[str, Any], key: str, words: str
) -> None:
    with pytest.raises(FieldError) as caught:
        cls(**arguments)
    assert caught.value.key == key
    assert words in str(caught.value)
    assert isinstance(caught.value, DataError) and isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("kind", "data"),
    [
        ("cause", {"category": "People", "votes": "Amy"}),
        ("cause", {"category": ["People"]}),
        ("point", {"measure_id": "m1", "date": 20260105}),
        ("measure", {"name": "Wait", "target": None, "phase_starts": None}),
        ("team", {"name": "T", "slug": "tt", "members": [["Amy", "Porter"]]}),
        ("feedback", {"author": "Sam", "at": AT, "text": "Hi", "from_mentor": "false"}),
        ("charter", ["not", "a", "dict"]),
        ("cause", {"text": "No category"}),
        ("point", {"measure_id": "m1"}),
        ("feedback", {"author": "Sam", "text": "Hi"}),
        ("survey", {"participant_code": "K7QF", "at": AT}),
    ],
)
def test_stored_data_of_the_wrong_type_raises_data_error(kind: str, data: Any) -> None:
    record_id = "main" if kind in {"team", "charter"} else "r1"
    with pytest.raises(DataError):
        record_from_data(kind, record_id, data)


def test_a_point_may_record_a_period_without_data() -> None:
    point = Point(**POINT, note="Ward closed for deep clean")
    assert point.y is None
    assert Point(**POINT, numerator=3, denominator=4).y == 0.75
    assert Point(**POINT, value=12).y == 12.0


def test_a_pdsa_cycle_can_be_planned_without_a_prediction_but_not_done() -> None:
    cycle = PdsaCycle(record_id="c1", title="Bleep the porter")
    assert not cycle.stage_reached("do")
    done = PdsaCycle(record_id="c1", status="study", prediction="Waits will halve")
    assert done.stage_reached("do") and done.stage_reached("study")
    assert not done.stage_reached("act")


def test_a_measure_suggests_its_chart() -> None:
    measure = Measure(record_id="m1", name="Beds cleaned on time", data_kind="percentage")
    assert measure.is_fraction
    assert measure.suggested_chart(points=20).chart == "p"
    assert measure.suggested_chart(points=5).start_with_run_chart
    assert Measure(record_id="m2", name="Minutes").suggested_chart().chart == "i"
    assert Measure(record_id="m3", name="Falls", data_kind=DataKind.COUNT).suggested_chart(
        same_size_each_time=False
    ).chart == ("u")


# -- the aim sentence ------------------------------------------------------------------------------

FULL = {
    "aim_what": "reduce the time patients wait for a porter",
    "aim_how_much": "from 40 to 25 minutes",
    "aim_for_whom": "patients on wards 3 and 4",
    "aim_by_when": "2027-03-31",
}

AIMS: list[tuple[dict[str, str], str]] = [
    (
        FULL,
        "We will reduce the time patients wait for a porter from 40 to 25 minutes for patients "
        "on wards 3 and 4 by 31 March 2027.",
    ),
    (
        {
            "aim_what": "  We will Reduce the time patients wait for a porter. ",
            "aim_how_much": "From 40 to 25 minutes",
            "aim_for_whom": "For patients on\nwards 3 and 4",
            "aim_by_when": "end of March 2027.",
        },
        "We will reduce the time patients wait for a porter from 40 to 25 minutes for patients "
        "on wards 3 and 4 by the end of March 2027.",
    ),
    ({}, ""),
    ({"aim_what": "   "}, ""),
    ({"aim_what": "cut missed meals"}, "We will cut missed meals."),
    (
        {"aim_what": "to cut missed meals", "aim_how_much": "20%"},
        "We will cut missed meals by 20%.",
    ),
    ({"aim_what": "NHS staff wait less"}, "We will NHS staff wait less."),
    ({"aim_what": "A&E porter calls"}, "We will A&E porter calls."),
    ({"aim_how_much": "by half"}, "We will make an improvement by half."),
    ({"aim_what": "cut waits", "aim_by_when": "March 2027"}, "We will cut waits by March 2027."),
    (
        {"aim_what": "cut waits", "aim_by_when": "Within 6 months"},
        "We will cut waits within 6 months.",
    ),
    (
        {"aim_what": "cut waits", "aim_by_when": "the end of May"},
        "We will cut waits by the end of May.",
    ),
    ({"aim_what": "cut waits", "aim_by_when": "2027-02-30"}, "We will cut waits by 2027-02-30."),
    ({"aim_what": "cut waits", "aim_for_whom": "ward 7"}, "We will cut waits for ward 7."),
]


@pytest.mark.parametrize(("parts", "sentence"), AIMS)
def test_the_aim_reads_as_one_sentence(parts: dict[str, str], sentence: str) -> None:
    assert Charter(**parts).aim_sentence() == sentence


@given(
    st.fixed_dictionaries(
        {k: short_texts() for k in ("aim_what", "aim_how_much", "aim_for_whom", "aim_by_when")}
    )
)
def test_any_aim_is_one_line_ending_in_a_full_stop(parts: dict[str, str]) -> None:
    sentence = Charter(**parts).aim_sentence()
    if sentence:
        assert sentence.startswith("We will ") and sentence.endswith(".")
        assert "\n" not in sentence and "  " not in sentence


@pytest.mark.parametrize(
    ("parts", "questions"),
    [
        (FULL, ()),
        ({}, ("What will improve?", "By how much?", "For whom?", "By when?")),
        ({**FULL, "aim_by_when": " ", "aim_how_much": ""}, ("By how much?", "By when?")),
    ],
)
def test_missing_aim_parts_are_plain_questions(
    parts: dict[str, str], questions: tuple[str, ...]
) -> None:
    assert Charter(**parts).missing_aim_parts() == questions


# -- slugs ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Ward 3 porters", "ward-3-porters"),
        ("  Ward 3 & 4  ", "ward-3-and-4"),
        ("../x", "team-x"),
        ("../../etc/passwd", "etc-passwd"),
        ("😀🚑", "team"),
        ("Porters 😀 of Ward 9", "porters-of-ward-9"),
        ("", "team"),
        ("Café Crème — Catering", "cafe-creme-catering"),
        ("Straße Ærø", "strasse-aero"),
        ("ALL--CAPS__TEAM", "all-caps-team"),
        ("x" * 60, "x" * 40),
        ("a" * 39 + " b", "a" * 39),
    ],
)
def test_slugify(name: str, slug: str) -> None:
    assert slugify(name) == slug


@given(st.text())
def test_slugify_always_gives_a_slug_a_team_accepts(name: str) -> None:
    slug = slugify(name)
    assert Team(name="T", slug=slug).slug == slug
    assert slugify(slug) == slug


# -- the project -----------------------------------------------------------------------------------


def _sample_project_records() -> list[Record]:
    return [
        Team(name="Ward 3 porters", slug="ward-3-porters", members=(Member("Amy", "Porter"),)),
        Charter(**FULL),
        Fishbone(effect="Patients wait too long", categories=("People", "Equipment")),
        Cause(record_id="c2", category="people", text="Phone engaged", votes=("Amy", "Bo")),
        Cause(record_id="c1", category="Equipment", text="Wheelchairs missing"),
        Cause(record_id="c3", category="Equipment", text="Broken brakes", parent_id="c1"),
        ProcessMap(title="Collecting a patient"),
        Step(record_id="s2", position=2, text="Porter arrives"),
        Step(record_id="s1", position=1, step_type="start_end", text="Ward calls"),
        Step(record_id="s15", position=1.5, step_type="decision", yes_next="s2", no_next="s1"),
        Driver(record_id="d1", text="Porters know when patients are ready"),
        Driver(record_id="d2", text="One number to call", level="secondary", parent_id="d1"),
        ChangeIdea(record_id="i1", text="Bleep instead of phone", driver_id="d2"),
        Measure(record_id="m1", name="Minutes waited", improvement="decrease", target=25),
        Point(record_id="p2", measure_id="m1", date="2026-01-12", value=38),
        Point(record_id="p1", measure_id="m1", date="2026-01-05", value=41),
        PdsaCycle(record_id="y2", change_idea_id="i1", started_on="2026-02-01", prediction="x"),
        PdsaCycle(record_id="y1", change_idea_id="i1", started_on="2026-01-20", prediction="y"),
        PdsaCycle(record_id="y0", change_idea_id="i1"),
        Feedback(record_id="f1", author="Mentor Mo", at=AT, text="Good start", from_mentor=True),
        Feedback(record_id="f2", about="pdsa", author="Amy", at=AT, text="Thanks", reply_to="f1"),
        SurveyResponse(
            record_id="r1", participant_code="K7QF", stage="pre", answers={"q1": 4}, at=AT
        ),
    ]


def _triples(items: list[Record]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(r.KIND.value, r.record_id, r.to_data()) for r in items]


def test_a_project_is_assembled_from_stored_records() -> None:
    items = _sample_project_records()
    project = Project.from_records(_triples(items))
    assert project.team is not None and project.team.slug == "ward-3-porters"
    assert project.charter == Charter(**FULL)
    assert len(project.causes) == 3
    assert project.problems() == ()
    # The same records in another order make the same project, and it gives them all back.
    assert Project.from_records(reversed(_triples(items))) == project
    assert sorted(project.records(), key=repr) == sorted(
        ((RecordKind(k), i, d) for k, i, d in _triples(items)), key=repr
    )
    assert project.get("cause", "c3") == items[5]
    assert project.get(RecordKind.STEP, "nope") is None


def test_project_accessors_put_things_in_the_order_a_participant_expects() -> None:
    project = Project.of(_sample_project_records())
    by_category = project.causes_by_category()
    assert list(by_category) == ["People", "Equipment"]
    assert [c.record_id for c in by_category["People"]] == ["c2"]  # "people" matches "People"
    assert [c.record_id for c in by_category["Equipment"]] == ["c1"]
    assert [c.record_id for c in project.sub_causes("c1")] == ["c3"]
    assert project.causes_by_votes()[0].record_id == "c2"
    assert [s.record_id for s in project.steps_in_order()] == ["s1", "s15", "s2"]
    assert [p.record_id for p in project.points_of("m1")] == ["p1", "p2"]
    assert [c.record_id for c in project.cycles_of("i1")] == ["y1", "y2", "y0"]
    assert [d.record_id for d in project.primary_drivers()] == ["d1"]
    assert [d.record_id for d in project.secondary_drivers("d1")] == ["d2"]
    assert [i.record_id for i in project.change_ideas_for("d2")] == ["i1"]
    assert [f.record_id for f in project.feedback_about(FeedbackTopic.PDSA)] == ["f2"]
    assert len(project.unread_feedback()) == 2


def test_an_empty_project_has_default_categories_and_no_problems() -> None:
    project = Project.from_records([])
    assert project.categories == DEFAULT_CATEGORIES
    assert list(project.causes_by_category()) == list(DEFAULT_CATEGORIES)
    assert project.problems() == ()
    assert list(project.records()) == []


def test_the_same_record_twice_is_refused() -> None:
    cause = Cause(record_id="c1", category="People")
    with pytest.raises(DataError, match="each record once"):
        Project.of([cause, cause])


def test_an_unreadable_record_raises_or_is_listed_as_a_problem() -> None:
    bad = [("cause", "c1", {"category": ""}), ("mystery", "x1", {})]
    with pytest.raises(DataError, match="cause record “c1”"):
        Project.from_records(bad)
    project = Project.from_records([*bad, ("cause", "c2", {"category": "People"})], strict=False)
    assert [c.record_id for c in project.causes] == ["c2"]
    problems = project.problems()
    assert [(p.kind, p.record_id) for p in problems] == [("cause", "c1"), ("mystery", "x1")]
    assert "could not be read" in str(problems[0])


# (extra records added to the sample project, the record the problem is about, words it uses)
PROBLEMS: list[tuple[list[Record], tuple[str, str], str]] = [
    (
        [Cause(record_id="c9", category="Methods", text="No rota")],
        ("cause", "c9"),
        "“Methods”, which is not on the fishbone",
    ),
    (
        [Cause(record_id="c9", category="People", parent_id="gone")],
        ("cause", "c9"),
        "main cause that has been deleted",
    ),
    (
        [Cause(record_id="c9", category="People", text="Rota", parent_id="c1")],
        ("cause", "c9"),
        "its main cause is in “Equipment”",
    ),
    (
        [
            Cause(record_id="c8", category="People", parent_id="c9"),
            Cause(record_id="c9", category="People", parent_id="c8"),
        ],
        ("cause", "c8"),
        "under itself",
    ),
    (
        [Step(record_id="s9", step_type="decision", text="Ready?", yes_next="gone")],
        ("step", "s9"),
        "when the answer is yes",
    ),
    (
        [Driver(record_id="d9", text="Rota", level="secondary")],
        ("driver", "d9"),
        "not linked to a primary driver",
    ),
    (
        [Driver(record_id="d9", text="Rota", level="secondary", parent_id="gone")],
        ("driver", "d9"),
        "primary driver that has been deleted",
    ),
    (
        [Driver(record_id="d9", text="Rota", level="secondary", parent_id="d2")],
        ("driver", "d9"),
        "linked to another secondary driver",
    ),
    (
        [ChangeIdea(record_id="i9", text="Radio", driver_id="gone")],
        ("change_idea", "i9"),
        "driver that has been deleted",
    ),
    (
        [Point(record_id="p9", measure_id="gone", date="2026-01-05", value=1)],
        ("point", "p9"),
        "The data point of 5 January 2026 belongs to a measure that has been deleted",
    ),
    (
        [
            Measure(record_id="m9", name="On time", data_kind="percentage"),
            Point(record_id="p9", measure_id="m9", date="2026-01-05", numerator=5, denominator=4),
        ],
        ("point", "p9"),
        "says 5 out of 4",
    ),
    (
        [
            Measure(record_id="m9", name="On time", data_kind="percentage"),
            Point(record_id="p9", measure_id="m9", date="2026-01-05", value=80),
        ],
        ("point", "p9"),
        "needs “how many” out of “how many”",
    ),
    (
        [
            Measure(record_id="m9", name="Falls", data_kind="count"),
            Point(record_id="p9", measure_id="m9", date="2026-01-05", value=2.5),
        ],
        ("point", "p9"),
        "is 2.5, but this measure counts things",
    ),
    (
        [Point(record_id="p9", measure_id="m1", date="2026-01-05", numerator=1, denominator=2)],
        ("point", "p9"),
        "Type one value instead",
    ),
    (
        [PdsaCycle(record_id="y9", title="Radio trial", change_idea_id="gone")],
        ("pdsa", "y9"),
        "“Radio trial” tests a change idea that has been deleted",
    ),
    (
        [PdsaCycle(record_id="y9", measure_ids=("m1", "gone"))],
        ("pdsa", "y9"),
        "1 measure(s) that have been deleted",
    ),
    (
        [Feedback(record_id="f9", author="Bo", at=AT, text="Yes", reply_to="gone")],
        ("feedback", "f9"),
        "The comment from Bo replies to a comment that has been deleted",
    ),
    (
        [SurveyResponse(record_id="r9", participant_code="K7QF", stage="pre", at=AT)],
        ("survey", "r9"),
        "K7QF answered the pre survey more than once",
    ),
]


@pytest.mark.parametrize(("extra", "about", "words"), PROBLEMS)
def test_problems_between_records_are_found_in_plain_words(
    extra: list[Record], about: tuple[str, str], words: str
) -> None:
    project = Project.of([*_sample_project_records(), *extra])
    problems = project.problems()
    assert problems, "expected a problem"
    assert (problems[0].kind, problems[0].record_id) == about
    assert words in problems[0].message


def test_a_count_point_with_a_whole_value_is_no_problem() -> None:
    extra = [
        Measure(record_id="m9", name="Falls", data_kind="count"),
        Point(record_id="p9", measure_id="m9", date="2026-01-05", value=2),
    ]
    assert Project.of([*_sample_project_records(), *extra]).problems() == ()


@given(st.lists(records(), max_size=12, unique_by=lambda r: (r.KIND, r.record_id)))
def test_any_set_of_records_round_trips_through_a_project(items: list[Record]) -> None:
    project = Project.from_records(_triples(items))
    assert Project.from_records(project.records()) == project
    assert sorted(project.all_records(), key=lambda r: (r.KIND, r.record_id)) == sorted(
        items, key=lambda r: (r.KIND, r.record_id)
    )
    for problem in project.problems():  # never raises, always words
        assert problem.message and str(problem) == problem.message


def test_a_primary_driver_is_the_default() -> None:
    assert Driver(record_id="d1").level is DriverLevel.PRIMARY
