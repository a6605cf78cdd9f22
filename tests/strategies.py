"""Hypothesis strategies for every kind of project record (valid records only).

Import them from any test (``tests/`` is on ``sys.path`` because ``tests/conftest.py`` lives
there)::

    from strategies import records, points

Text is deliberately awkward: any Unicode (no lone surrogates, which qikit refuses), emoji with
joiners, right-to-left marks, ``<script>`` and SQL-looking strings, NUL and newlines, leading and
trailing spaces, and text at or near the length limits.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from qikit.core.model import (
    MAX_COUNT,
    MAX_LONG_TEXT,
    MAX_SHORT_TEXT,
    Cause,
    ChangeIdea,
    Charter,
    Driver,
    DriverLevel,
    Feedback,
    FeedbackTopic,
    Fishbone,
    Improvement,
    Measure,
    MeasureType,
    Member,
    PdsaCycle,
    PdsaDecision,
    PdsaStatus,
    Point,
    ProcessMap,
    Record,
    Reflection,
    ShowcaseCaptions,
    Step,
    StepProblem,
    StepType,
    SurveyResponse,
    SurveyStage,
    Team,
    slugify,
)
from qikit.core.spc.chart_choice import DataKind

__all__ = [
    "causes",
    "change_ideas",
    "charters",
    "drivers",
    "feedbacks",
    "fishbones",
    "long_texts",
    "measures",
    "pdsa_cycles",
    "points",
    "process_maps",
    "record_ids",
    "records",
    "short_texts",
    "showcase_captions",
    "steps",
    "survey_responses",
    "teams",
]

#: Strings that have broken other systems: markup, SQL, emoji sequences, bidi controls, NUL.
AWKWARD = (
    "<script>alert('hi')</script>",
    "Robert'); DROP TABLE records;--",
    "Ward 3 & 4 <b>bold</b> &amp; {{ template }}",
    "👩🏽‍⚕️ porter 🚑💨",
    "🏳️‍🌈",
    "\u202eesrever\u202c",
    "שלום עולם",
    "ﷺ",
    "a\x00b",
    "line one\nline two\r\n\ttab",
    "   spaces around   ",
    "\u200b",
    "Zoë Ødegård-Łukasz",
    '"quoted" \\ backslash',
    "null",
    "None",
)

# Any Unicode except lone surrogates (Hypothesis leaves them out unless asked).
_ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)


def _near_limit(limit: int) -> st.SearchStrategy[str]:
    """Text of one repeated character, at most ``limit`` long and often exactly at it."""
    return st.builds(
        lambda ch, n: ch * n,
        st.sampled_from(["x", "é", "😀", " ", "\n", "<"]),
        st.integers(min_value=max(0, limit - 3), max_value=limit),
    )


def _texts(limit: int) -> st.SearchStrategy[str]:
    return st.one_of(_ANY_TEXT, st.sampled_from(AWKWARD), _near_limit(limit))


def short_texts(*, required: bool = False) -> st.SearchStrategy[str]:
    """Names and titles (up to MAX_SHORT_TEXT); ``required``: not blank."""
    strategy = _texts(MAX_SHORT_TEXT)
    return strategy.filter(str.strip) if required else strategy


def long_texts(*, required: bool = False) -> st.SearchStrategy[str]:
    """Free text (up to MAX_LONG_TEXT); ``required``: not blank."""
    strategy = _texts(MAX_LONG_TEXT)
    return strategy.filter(str.strip) if required else strategy


def record_ids() -> st.SearchStrategy[str]:
    """Ids of 1–64 letters, digits, '-' or '_'."""
    return st.text(
        st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"),
        min_size=1,
        max_size=64,
    )


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _names(*, max_size: int = 6) -> st.SearchStrategy[list[str]]:
    """Distinct names (as qikit compares them: case and spaces ignored)."""
    return st.lists(short_texts(required=True), max_size=max_size, unique_by=_name_key)


_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))
_numbers = st.floats(allow_nan=False, allow_infinity=False)
_counts = st.integers(min_value=0, max_value=MAX_COUNT)
_timestamps = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), timezones=st.sampled_from([dt.UTC])
).map(lambda t: t.isoformat(timespec="seconds")) | st.sampled_from(
    ["2026-03-31T14:05:00Z", "2026-03-31 14:05", "2026-03-31T14:05:00.123+01:00"]
)


def _slugs() -> st.SearchStrategy[str]:
    return st.one_of(
        short_texts().map(slugify),
        st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,38}[a-z0-9]\Z"),
    )


def teams() -> st.SearchStrategy[Team]:
    members = _names().flatmap(
        lambda names: st.tuples(*[st.builds(Member, st.just(n), short_texts()) for n in names])
    )
    return st.builds(
        Team,
        name=short_texts(required=True),
        slug=_slugs(),
        department=short_texts(),
        members=members,
        mentor=short_texts(),
    )


def charters() -> st.SearchStrategy[Charter]:
    return st.builds(
        Charter,
        problem=long_texts(),
        why_it_matters=long_texts(),
        scope=long_texts(),
        aim_what=short_texts(),
        aim_how_much=short_texts(),
        aim_by_when=short_texts() | _dates.map(dt.date.isoformat),
        aim_for_whom=short_texts(),
    )


def fishbones() -> st.SearchStrategy[Fishbone]:
    return st.builds(Fishbone, effect=long_texts(), categories=_names(max_size=8).map(tuple))


def _other_ids(own: str) -> st.SearchStrategy[str | None]:
    """No id, or the id of some other record (never ``own``)."""
    return st.none() | record_ids().filter(lambda rid: rid != own)


@st.composite
def causes(draw: st.DrawFn) -> Cause:
    record_id = draw(record_ids())
    return Cause(
        record_id=record_id,
        category=draw(short_texts(required=True)),
        text=draw(short_texts()),
        parent_id=draw(_other_ids(record_id)),
        votes=tuple(draw(_names())),
        tally=draw(_counts),
    )


def process_maps() -> st.SearchStrategy[ProcessMap]:
    return st.builds(ProcessMap, title=short_texts())


@st.composite
def steps(draw: st.DrawFn) -> Step:
    step_type = draw(st.sampled_from(StepType))
    links = st.none() | record_ids() if step_type is StepType.DECISION else st.none()
    return Step(
        record_id=draw(record_ids()),
        position=draw(_numbers),
        step_type=step_type,
        text=draw(short_texts()),
        yes_next=draw(links),
        no_next=draw(links),
        problem=draw(st.none() | st.sampled_from(StepProblem)),
        problem_note=draw(long_texts()),
    )


@st.composite
def drivers(draw: st.DrawFn) -> Driver:
    level = draw(st.sampled_from(DriverLevel))
    parent = st.none() if level is DriverLevel.PRIMARY else st.none() | record_ids()
    return Driver(
        record_id=draw(record_ids()),
        text=draw(short_texts()),
        level=level,
        parent_id=draw(parent),
        position=draw(_numbers),
    )


def change_ideas() -> st.SearchStrategy[ChangeIdea]:
    return st.builds(
        ChangeIdea, record_id=record_ids(), text=short_texts(), driver_id=st.none() | record_ids()
    )


def measures() -> st.SearchStrategy[Measure]:
    return st.builds(
        Measure,
        record_id=record_ids(),
        name=short_texts(required=True),
        measure_type=st.sampled_from(MeasureType),
        operational_definition=long_texts(),
        data_kind=st.sampled_from(DataKind),
        unit=short_texts(),
        target=st.none() | _numbers,
        improvement=st.sampled_from(Improvement),
        phase_starts=st.lists(_dates, unique=True, max_size=4).map(lambda ds: tuple(sorted(ds))),
        notes=long_texts(),
    )


@st.composite
def points(draw: st.DrawFn) -> Point:
    form = draw(st.sampled_from(["value", "fraction", "missing"]))
    value = numerator = denominator = None
    if form == "value":
        value = draw(_numbers)
    elif form == "fraction":
        denominator = draw(st.integers(min_value=1, max_value=MAX_COUNT))
        numerator = draw(st.integers(min_value=0, max_value=denominator) | _counts)
    return Point(
        record_id=draw(record_ids()),
        measure_id=draw(record_ids()),
        date=draw(_dates),
        value=value,
        numerator=numerator,
        denominator=denominator,
        note=draw(long_texts()),
    )


@st.composite
def pdsa_cycles(draw: st.DrawFn) -> PdsaCycle:
    status = draw(st.sampled_from(PdsaStatus))
    prediction = draw(long_texts(required=status is not PdsaStatus.PLAN))
    started = draw(st.none() | _dates)
    finished = draw(
        st.none() | (_dates if started is None else _dates.filter(lambda d: d >= started))
    )
    long_fields = {
        key: draw(long_texts())
        for key in (
            "objective",
            "question",
            "who",
            "what",
            "when",
            "where",
            "data_to_collect",
            "what_happened",
            "surprises",
            "result_vs_prediction",
            "next_step",
        )
    }
    return PdsaCycle(
        record_id=draw(record_ids()),
        title=draw(short_texts()),
        change_idea_id=draw(st.none() | record_ids()),
        measure_ids=tuple(draw(st.lists(record_ids(), unique=True, max_size=3))),
        status=status,
        prediction=prediction,
        decision=draw(st.none() | st.sampled_from(PdsaDecision)),
        started_on=started,
        finished_on=finished,
        **long_fields,
    )


@st.composite
def feedbacks(draw: st.DrawFn) -> Feedback:
    record_id = draw(record_ids())
    return Feedback(
        record_id=record_id,
        about=draw(st.sampled_from(FeedbackTopic)),
        about_id=draw(st.none() | record_ids()),
        author=draw(short_texts(required=True)),
        at=draw(_timestamps),
        text=draw(long_texts(required=True)),
        read=draw(st.booleans()),
        reply_to=draw(_other_ids(record_id)),
        from_mentor=draw(st.booleans()),
    )


def survey_responses() -> st.SearchStrategy[SurveyResponse]:
    answers = st.dictionaries(
        record_ids(), st.integers(min_value=1, max_value=5) | long_texts(), max_size=8
    )
    return st.builds(
        SurveyResponse,
        record_id=record_ids(),
        participant_code=st.from_regex(r"\A[A-Z0-9]{4,12}\Z"),
        stage=st.sampled_from(SurveyStage),
        answers=answers,
        at=_timestamps,
    )


def showcase_captions() -> st.SearchStrategy[ShowcaseCaptions]:
    return st.builds(
        ShowcaseCaptions,
        headline=short_texts(),
        problem=long_texts(),
        tried=long_texts(),
        chart_reading=long_texts(),
        learned=long_texts(),
        next_steps=long_texts(),
    )


def reflections() -> st.SearchStrategy[Reflection]:
    return st.builds(
        Reflection,
        record_id=record_ids(),
        member=short_texts(required=True),
        role=long_texts(),
        learned=long_texts(),
        skills=long_texts(),
        differently=long_texts(),
        next=long_texts(),
        at=st.just("") | _timestamps,
    )


#: One strategy per record kind, by kind value (the store's tests can parametrise over it).
BY_KIND: dict[str, st.SearchStrategy[Record]] = {
    "team": teams(),
    "charter": charters(),
    "fishbone": fishbones(),
    "cause": causes(),
    "process_map": process_maps(),
    "step": steps(),
    "driver": drivers(),
    "change_idea": change_ideas(),
    "measure": measures(),
    "point": points(),
    "pdsa": pdsa_cycles(),
    "feedback": feedbacks(),
    "survey": survey_responses(),
    "showcase": showcase_captions(),
    "reflection": reflections(),
}


def records() -> st.SearchStrategy[Record]:
    """Any valid record of any kind."""
    return st.one_of(*BY_KIND.values())
