"""The cohort dashboard's figures, checked against a small cohort in a real store."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from qikit.core import progress as dashboard
from qikit.core.model import (
    Cause,
    Charter,
    Feedback,
    FeedbackTopic,
    Improvement,
    Measure,
    MeasureType,
    PdsaCycle,
    PdsaDecision,
    PdsaStatus,
    Point,
    Project,
    Record,
    Step,
    StepProblem,
    Team,
)
from qikit.core.progress import (
    PROGRESS_SCALE,
    check_score,
    feedback_threads,
    measure_signal,
    rows_to_csv,
    suggest_score,
    team_summary,
)
from qikit.core.wording import dashboard as words
from qikit.demo.samples import CHANGE_WEEK, FIRST_WEEK, build_sample_project
from qikit.errors import DataError
from qikit.render.dashboard import filter_rows, sort_rows
from qikit.store import SqliteStore, open_store
from qikit.store.cohort import cohort_rows, last_activity
from qikit.store.records import load_project as load_team_project
from qikit.store.records import save_record
from qikit.store.scores import (
    PROGRESS_KIND,
    confirmed_score,
    save_confirmed_score,
    score_history,
)

UTC = dt.UTC
TODAY = dt.date(2026, 4, 10)
PORTERS, CLEANERS, CATERING = "porters", "cleaners", "catering"
FULL_AIM = {
    "aim_what": "cut missed bins",
    "aim_how_much": "by half",
    "aim_for_whom": "wards 1 to 4",
    "aim_by_when": "2026-09-30",
}


def _week(n: int) -> dt.date:
    return FIRST_WEEK + dt.timedelta(weeks=n - 1)


def _cleaners() -> list[Record]:
    """A hand-made team: an aim missing one part, four causes with votes, three steps."""
    return [
        Team(name="Domestic <cleaners>", slug=CLEANERS, mentor="Sam Patel"),
        Charter(problem="Bins are missed.", aim_what="cut missed bins", aim_how_much="by half"),
        Cause(record_id="c1", category="People", text="New staff", votes=("a", "b")),
        Cause(record_id="c2", category="Methods", text="No rota", votes=("a", "b", "c")),
        Cause(record_id="c3", category="Methods", text="=cmd|'/C calc'!A0", votes=("a",)),
        Cause(record_id="c4", category="Equipment", text="Trolley broken"),
        Step(record_id="s1", text="Start", position=1),
        Step(record_id="s2", text="Collect bins", position=2, problem=StepProblem.DELAY),
        Step(record_id="s3", text="Empty", position=3, problem=StepProblem.REWORK),
        PdsaCycle(record_id="p1", title="Rota board", status=PdsaStatus.PLAN),
        PdsaCycle(record_id="p2", title="Buddy", status=PdsaStatus.DO, prediction="Fewer"),
        Feedback(
            record_id="f1",
            about=FeedbackTopic.CHARTER,
            author="Sam Patel",
            at="2026-03-20T09:00:00+00:00",
            text="Add <b>for whom</b> and by when.",
            from_mentor=True,
        ),
    ]


def _save_all(store: SqliteStore, team: str, records: list[Record], author: str) -> None:
    for record in records:
        save_record(store, team, record, author=author)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    """Three teams: the sample porters, hand-made cleaners, and catering with a team record only."""
    with open_store(tmp_path / "qikit.db") as opened:
        build_sample_project(opened, PORTERS)
        _save_all(opened, CLEANERS, _cleaners(), "Ana")
        save_record(opened, CATERING, Team(name="Catering", slug=CATERING), author="build")
        yield opened


def _by_slug(rows: list[dashboard.TeamRow]) -> dict[str, dashboard.TeamRow]:
    return {row.slug: row for row in rows}


# -- the figures ------------------------------------------------------------------------------


def test_rows_count_what_each_team_saved(store: SqliteStore) -> None:
    """Do the counts, top causes and PDSA stages match the records in the store?"""
    rows = _by_slug(cohort_rows(store, [PORTERS, CLEANERS, CATERING], TODAY))
    porters, cleaners, catering = rows[PORTERS], rows[CLEANERS], rows[CATERING]

    assert porters.name == "X-ray porters" and porters.charter_complete
    assert porters.aim.startswith("We will reduce the time patients wait for a porter")
    assert porters.causes == 5 and porters.steps == 6
    assert porters.top_causes == (
        ("Requests come by phone and go on scraps of paper", 5),
        ("Not enough porters on the early shift", 4),
        ("Wheelchairs are never where we expect them", 3),
    )
    assert dict(porters.pdsa_by_stage) == {"plan": 0, "do": 0, "study": 0, "act": 0, "done": 2}

    assert not cleaners.charter_complete
    assert cleaners.aim == "We will cut missed bins by half."
    assert cleaners.causes == 4
    assert [c for c, _ in cleaners.top_causes] == ["No rota", "New staff", "=cmd|'/C calc'!A0"]
    assert cleaners.steps == 3 and cleaners.step_problems == 2
    assert dict(cleaners.pdsa_by_stage) == {"plan": 1, "do": 1, "study": 0, "act": 0, "done": 0}
    assert cleaners.measures == ()

    assert catering.causes == 0 and catering.aim == "" and catering.top_causes == ()
    assert catering.days_since_feedback is None and catering.last_mentor_feedback is None


def test_days_since_feedback_count_from_the_mentors_latest_comment(store: SqliteStore) -> None:
    """Is a team member's reply ignored, and are the days counted to the fixed today?"""
    rows = _by_slug(cohort_rows(store, [PORTERS, CLEANERS], TODAY))
    # The sample's mentor comments are 16 January and 27 March; the team replied on 28 March.
    assert rows[PORTERS].last_mentor_feedback == dt.datetime(2026, 3, 27, 14, 30, tzinfo=UTC)
    assert rows[PORTERS].days_since_feedback == (TODAY - dt.date(2026, 3, 27)).days == 14
    assert rows[CLEANERS].days_since_feedback == 21
    assert rows[PORTERS].new_replies == 1  # the team's reply, not read by the mentor yet


def test_last_activity_is_the_latest_change_the_team_made(store: SqliteStore) -> None:
    """Does the mentor's own work (a comment, a score) leave the team's last activity alone?"""
    before = _by_slug(cohort_rows(store, [CLEANERS], TODAY))[CLEANERS].last_activity
    stored = {r.updated_at for r in store.list(CLEANERS)}
    assert (
        before is not None
        and before.isoformat() == max(dt.datetime.fromisoformat(t) for t in stored).isoformat()
    )
    save_record(
        store,
        CLEANERS,
        Feedback(
            record_id="f2", author="Sam", at="2026-04-01T09:00:00+00:00", text="Hi",
            from_mentor=True,
        ),
        author="Sam",
    )  # fmt: skip
    save_confirmed_score(store, CLEANERS, 1.0, "", "Sam")
    assert last_activity(store.list(CLEANERS)) == before
    # The team marking the comment as read is the team's activity.
    store.save(CLEANERS, "feedback", "f2", {"read": True}, author="Ana")
    assert last_activity(store.list(CLEANERS)) > before  # type: ignore[operator]


def test_days_since_activity_uses_the_given_today() -> None:
    project = Project.of([Team(name="A", slug="team-a")])
    moment = dt.datetime(2026, 4, 1, 23, 59, tzinfo=UTC)
    row = team_summary(project, (), TODAY, last_activity=moment)
    assert row.days_since_activity == 9
    assert team_summary(project, (), TODAY).days_since_activity is None


# -- the chart readings ---------------------------------------------------------------------------


def _measure(**extra: object) -> Measure:
    values = {
        "record_id": "m",
        "name": "Minutes",
        "improvement": Improvement.DECREASE,
        "measure_type": MeasureType.OUTCOME,
        "chart": "run",
    }
    values.update(extra)
    return Measure(**values)  # type: ignore[arg-type]


def _points(values: list[float]) -> list[Point]:
    return [
        Point(record_id=f"v{i}", measure_id="m", date=_week(i), value=v)
        for i, v in enumerate(values, start=1)
    ]


def test_the_reading_says_which_way_and_whether_that_is_better() -> None:
    """Baseline above, then below the median: a decrease that is better, said in words."""
    values = [41, 38, 44, 39, 42, 40, 37, 43, 41, 39, 33, 31, 30, 34, 29, 32, 30, 28, 31, 29]
    project = Project.of([_measure(), *_points(values)])
    signal = measure_signal(project, project.measures[0])
    assert signal.icon == f"{words.ICON_DOWN} {words.ICON_BETTER}"
    assert signal.improved and not signal.worse
    assert "below the middle line" in signal.reading
    worse = Project.of([_measure(improvement=Improvement.INCREASE), *_points(values)])
    got = measure_signal(worse, worse.measures[0])
    assert got.icon == f"{words.ICON_DOWN} {words.ICON_WORSE}" and got.worse and not got.improved


def test_the_dashboard_reads_a_chart_with_the_rules_the_team_chose() -> None:
    """An IHI trend the run chart rules do not see: only the IHI measure shows a change."""
    values = [10, 12, 9, 11, 10, 14, 13, 12, 11, 10, 12, 11]
    anhoej = Project.of([_measure(), *_points(values)])
    ihi = Project.of([_measure(rule_set="ihi"), *_points(values)])
    assert not measure_signal(anhoej, anhoej.measures[0]).improved
    got = measure_signal(ihi, ihi.measures[0])
    assert got.improved and "keep going down" in got.reading
    mdc = Project.of([_measure(rule_set="mdc"), *_points(values)])
    assert measure_signal(mdc, mdc.measures[0]).chart == "i"


@pytest.mark.parametrize(
    ("values", "icon"),
    [
        ([], words.ICON_NO_DATA),
        ([5, 6, 5], words.ICON_TOO_FEW),
        ([5, 7, 4, 6, 5, 8, 4, 6, 7, 5, 6, 4], words.ICON_NO_CHANGE),
    ],
)
def test_no_data_too_few_points_and_no_change_are_said_plainly(
    values: list[float], icon: str
) -> None:
    project = Project.of([_measure(), *_points(values)])
    signal = measure_signal(project, project.measures[0])
    assert signal.icon == icon and signal.reading and not signal.improved


# -- the suggested score -------------------------------------------------------------------------


def _ladder(level: float) -> list[Record]:
    """Records that carry the evidence of ``level`` exactly (see the module's mapping)."""
    baseline = [41, 38, 44, 39, 42, 40, 37, 43, 41, 39]
    after = [33, 31, 30, 34, 29, 32, 30, 28, 31, 29, 30, 28]
    records: list[Record] = [Team(name="T", slug="team-t")]
    if level == 1.0:
        records.append(Charter(problem="Long waits."))
    if level >= 1.5:
        records += [
            Charter(problem="Long waits.", **FULL_AIM),
            Cause(record_id="c", category="People", text="x"),
        ]
    if level >= 2.0:
        target = 30 if level >= 5.0 else 10
        records.append(_measure(target=target))
        records += _points(
            baseline if level < 3.0 else baseline + after[: 10 if level < 4.5 else 12]
        )
    if level >= 2.5:
        decision = PdsaDecision.ADOPT if level >= 4.0 else None
        records.append(
            PdsaCycle(
                record_id="p",
                title="Tablet",
                prediction="Shorter waits",
                status=PdsaStatus.DONE,
                measure_ids=("m",),
                started_on=_week(11),
                decision=decision,
            )
        )
    if 3.0 <= level < 3.5:
        # The improving measure is a process measure: modest improvement only.
        records = [
            _measure(target=10, measure_type=MeasureType.PROCESS) if isinstance(r, Measure) else r
            for r in records
        ]
    return records


@pytest.mark.parametrize("level", [0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5.0])
def test_the_suggested_score_follows_the_evidence(level: float) -> None:
    """Is each level of the mapping reached exactly with its evidence?"""
    suggestion = suggest_score(Project.of(_ladder(level)))
    assert suggestion.score == level
    assert len(suggestion.evidence) == int(level * 2)  # one sentence per level reached
    assert suggestion.meaning == PROGRESS_SCALE[level]
    assert (suggestion.next_step == words.TOP_OF_SCALE) is (level == 5.0)


def test_the_scale_is_a_ladder_a_better_chart_without_an_aim_stays_low() -> None:
    records = [r for r in _ladder(4.0) if not isinstance(r, Charter)]
    suggestion = suggest_score(Project.of(records))
    assert suggestion.score == 0.5
    assert "charter" in suggestion.next_step


def test_the_sample_team_is_suggested_4_because_the_change_has_not_held_12_points(
    store: SqliteStore,
) -> None:
    row = _by_slug(cohort_rows(store, [PORTERS], TODAY))[PORTERS]
    assert row.suggested.score == 4.0
    assert row.measures[0].points_after_change == 20 - CHANGE_WEEK + 1 == 10
    assert "12 points" in row.suggested.next_step


# -- confirmed scores ----------------------------------------------------------------------------


def test_the_scale_runs_from_half_to_five_in_halves() -> None:
    assert list(PROGRESS_SCALE) == [x / 2 for x in range(1, 11)]
    assert all(meaning.endswith(".") for meaning in PROGRESS_SCALE.values())


@pytest.mark.parametrize("bad", [0, 0.0, 0.7, 5.5, "high", None, True, float("nan")])
def test_scores_off_the_scale_are_refused_naming_the_field(bad: object) -> None:
    with pytest.raises(DataError, match="Progress score"):
        check_score(bad)
    assert check_score("2.5") == 2.5 and check_score(3) == 3.0


def test_a_confirmed_score_counts_and_keeps_its_history(store: SqliteStore) -> None:
    """Is the confirmed score what counts, every confirmation kept, and the project unharmed?"""
    assert confirmed_score(store, CLEANERS) is None
    save_confirmed_score(store, CLEANERS, 1.0, "Charter started", "Sam Patel")
    save_confirmed_score(store, CLEANERS, 1.5, "Aim done at the meeting", "Sam Patel")
    save_confirmed_score(store, CLEANERS, 1.5, "Aim done at the meeting", "Jo Lead")
    row = _by_slug(cohort_rows(store, [CLEANERS], TODAY))[CLEANERS]
    assert row.score == 1.5 and row.confirmed is not None
    assert row.confirmed.confirmed_by == "Jo Lead"
    history = score_history(store, CLEANERS)
    assert [(h.score, h.confirmed_by) for h in history] == [
        (1.0, "Sam Patel"),
        (1.5, "Sam Patel"),
        (1.5, "Jo Lead"),
    ]
    assert [h.author for h in store.history(CLEANERS, PROGRESS_KIND, "main")] == [
        "Sam Patel", "Sam Patel", "Jo Lead",
    ]  # fmt: skip
    assert row.history == tuple(history)
    # The score is not a project record: the team's project reads it as nothing at all.
    assert load_team_project(store, CLEANERS).problems() == ()
    with pytest.raises(DataError):
        save_confirmed_score(store, CLEANERS, 6, "", "Sam")
    with pytest.raises(DataError, match="Confirmed by"):
        save_confirmed_score(store, CLEANERS, 2.0, "", "   ")
    assert confirmed_score(store, CLEANERS).score == 1.5  # type: ignore[union-attr]


# -- sorting, filtering, CSV ---------------------------------------------------------------------


def _rows(store: SqliteStore) -> list[dashboard.TeamRow]:
    return cohort_rows(store, [PORTERS, CLEANERS, CATERING], TODAY)


def test_sorting(store: SqliteStore) -> None:
    rows = _rows(store)
    assert [r.slug for r in sort_rows(rows, "team")] == [CATERING, CLEANERS, PORTERS]
    # Never had feedback first, then the longest ago.
    assert [r.slug for r in sort_rows(rows, "days_since_feedback")] == [
        CATERING, CLEANERS, PORTERS,
    ]  # fmt: skip
    # Lowest first: the confirmed score counts over the suggested one.
    save_confirmed_score(store, PORTERS, 0.5, "", "Sam")
    by_score = sort_rows(_rows(store), "score")
    assert [r.slug for r in by_score] == [CATERING, PORTERS, CLEANERS]
    with pytest.raises(DataError):
        sort_rows(rows, "colour")


def test_sorting_by_last_activity_puts_the_quietest_first() -> None:
    project = Project.of([Team(name="A", slug="team-a")])

    def row(name: str, days: int | None) -> dashboard.TeamRow:
        moment = (
            None if days is None else dt.datetime(2026, 4, 10, tzinfo=UTC) - dt.timedelta(days=days)
        )
        return team_summary(project, (), TODAY, slug=name, last_activity=moment)

    rows = [row("busy", 1), row("never", None), row("quiet", 20)]
    assert [r.slug for r in sort_rows(rows, "last_activity")] == ["never", "quiet", "busy"]
    assert [r.slug for r in filter_rows(rows, quiet_days=14)] == ["never", "quiet"]
    assert [r.slug for r in filter_rows(rows, quiet_days=20)] == ["never", "quiet"]  # at 20
    assert [r.slug for r in filter_rows(rows, quiet_days=21)] == ["never"]


def test_filter_by_feedback(store: SqliteStore) -> None:
    rows = _rows(store)
    # Porters: 14 days exactly (counts); cleaners: 21; catering: never.
    assert {r.slug for r in filter_rows(rows, no_feedback_days=14)} == {PORTERS, CLEANERS, CATERING}
    assert {r.slug for r in filter_rows(rows, no_feedback_days=15)} == {CLEANERS, CATERING}
    assert filter_rows(rows) == rows


def test_csv_has_plain_columns_one_line_per_team_and_no_formulas(store: SqliteStore) -> None:
    text = rows_to_csv(sort_rows(_rows(store), "team"))
    table = list(csv.reader(io.StringIO(text)))
    assert table[0] == list(words.COLUMNS.values())
    assert [line[0] for line in table[1:]] == ["Catering", "Domestic <cleaners>", "X-ray porters"]
    record = dict(zip(table[0], table[2], strict=True))
    assert record["Causes"] == "4" and record["Aim complete"] == "No"
    assert record["Days since mentor feedback"] == "21"
    assert record["Confirmed score"] == "" and record["Suggested score"] == "1.0"
    porters = dict(zip(table[0], table[3], strict=True))
    assert porters["Suggested score"] == "4.0"
    assert "↓ change (better)" in porters["Measures and latest chart reading"]
    assert porters["PDSA cycles by stage"] == "plan 0, do 0, study 0, act 0, done 2"
    assert record["Top causes (votes)"] == "No rota (3); New staff (2); =cmd|'/C calc'!A0 (1)"


def test_csv_cells_that_look_like_formulas_are_kept_as_text() -> None:
    """A team named like a spreadsheet formula must not run in the programme lead's Excel."""
    team = Team(name='=HYPERLINK("http://x")', slug="team-x", mentor="@sam")
    row = team_summary(Project.of([team]), (), TODAY)
    line = list(csv.reader(io.StringIO(rows_to_csv([row]))))[1]
    assert line[0] == '\'=HYPERLINK("http://x")' and line[2] == "'@sam"
    assert not any(cell[:1] in "=+-@" and cell for cell in line)


def test_csv_of_no_rows_is_the_header_only() -> None:
    assert rows_to_csv([]).splitlines() == [",".join(words.COLUMNS.values())]


# -- comment threads ----------------------------------------------------------------------------


def test_threads_are_the_mentors_comments_newest_first_with_their_replies() -> None:
    items = [
        Feedback(record_id="a", author="Sam", at="2026-01-01T09:00:00+00:00", text="old",
                 from_mentor=True, about=FeedbackTopic.CHARTER),
        Feedback(record_id="b", author="Sam", at="2026-02-01T09:00:00+00:00", text="new",
                 from_mentor=True, about=FeedbackTopic.MEASURES),
        Feedback(record_id="r2", author="Amy", at="2026-02-03T09:00:00+00:00", text="second",
                 reply_to="b", about=FeedbackTopic.MEASURES, read=True),
        Feedback(record_id="r1", author="Amy", at="2026-02-02T09:00:00+00:00", text="first",
                 reply_to="b", about=FeedbackTopic.MEASURES),
    ]  # fmt: skip
    threads = feedback_threads(items)
    assert [t.comment.text for t in threads] == ["new", "old"]
    assert [r.text for r in threads[0].replies] == ["first", "second"]
    assert [r.text for r in threads[0].new_replies] == ["first"]
    assert [t.comment.text for t in feedback_threads(items, "charter")] == ["old"]
    assert feedback_threads(items, FeedbackTopic.PDSA) == ()
