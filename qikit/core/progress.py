"""A team's progress as data: the IHI progress score, chart readings, comment threads, one row.

Pure: the standard library, numpy/pandas (through :mod:`qikit.core.spc.qic`) and ``qikit.core``
only. Everything here is computed from a :class:`~qikit.core.model.Project` and plain values;
reading them from the store is :mod:`qikit.store.cohort` (the dashboard's rows) and
:mod:`qikit.store.scores` (the confirmed scores), drawing them is :mod:`qikit.render.dashboard`.

What a :class:`TeamRow` holds: the charter (complete? the aim sentence), the fishbone (number of
causes, the three most-voted), the process map (steps, steps with a problem), each measure with
the plain reading of its chart, the PDSA cycles by stage, the last activity, the days since a
mentor last wrote, the new replies from the team, a **suggested** score on the IHI progress
scale and the score a mentor **confirmed** (the one that counts, a :class:`ConfirmedScore`).

The suggested score (IHI Quality Improvement Project Progress Scale, 0.5–5.0)
------------------------------------------------------------------------------
The scale is a ladder: a team is at the highest level whose evidence is present *together with
the evidence of every level below it* (a chart that improves without an aim stays at 1.0: the
mentor can always confirm something else). The evidence, read only from what the team saved:

===== =========================================================================================
0.5   Intent: the team is in the programme (always).
1.0   Team formed, charter started: the problem or at least one part of the aim is written.
1.5   Planning: all four parts of the aim, and at least one cause or one process step.
2.0   Activity, no changes: a measure with at least :data:`BASELINE_POINTS` data points.
2.5   Changes tested: a PDSA cycle that has been carried out (at Study, Act or Done).
3.0   Modest improvement: a chart signal in the measure's better direction (any measure
      whose improvement direction is "increase" or "decrease").
3.5   Improvement: such a signal on an *outcome* measure.
4.0   Significant improvement: 3.5 and a PDSA cycle decided "adopt".
4.5   Sustainable improvement: an improving outcome measure with at least
      :data:`SUSTAIN_POINTS` points on or after the first change (its first phase start or the
      start of its first PDSA cycle) and no signal in the worse direction.
5.0   Outstanding sustainable results: 4.5, and the middle (median) of the last
      :data:`SUSTAIN_POINTS` points of that measure meets its target.
===== =========================================================================================

The signals are those the team sees under its chart: the measure's chosen chart ("auto" is the
run chart until the suggestion says otherwise), split into its phases, read with the rules the
team chose (``Measure.rule_set``; Anhøj by default), as :mod:`qikit.render.measures` draws it —
recomputed here with :func:`qikit.core.spc.qic.qic` so the dashboard needs no matplotlib.

Export
------
:func:`row_values` gives a row as plain text and :func:`rows_to_csv` the rows as CSV for the
programme lead: plain data, so any layer (a screen, a report, a command) can hand it on.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from qikit.core.model import (
    MAX_LONG_TEXT,
    MAX_SHORT_TEXT,
    Feedback,
    FeedbackTopic,
    Improvement,
    Measure,
    MeasureType,
    PdsaDecision,
    PdsaStatus,
    Point,
    Project,
)
from qikit.core.model.measures import phase_breaks, resolve_chart
from qikit.core.spc.signals import Rule, Signal
from qikit.core.wording import dashboard as words
from qikit.core.wording import no_signal_text, too_few_points_text
from qikit.core.wording import pages as page_words
from qikit.errors import DataError, QikitError

if TYPE_CHECKING:
    from qikit.core.spc.qic import QicResult

__all__ = [
    "BASELINE_POINTS",
    "MIN_CAUSES",
    "MIN_STEPS",
    "PROGRESS_SCALE",
    "SUSTAIN_POINTS",
    "ConfirmedScore",
    "FeedbackThread",
    "MeasureSignal",
    "ScoreSuggestion",
    "StageProgress",
    "TeamRow",
    "check_score",
    "feedback_threads",
    "measure_signal",
    "mentor_feedback",
    "parse_moment",
    "progress",
    "row_values",
    "rows_to_csv",
    "suggest_score",
    "team_summary",
]

#: The IHI Quality Improvement Project Progress Scale: each allowed score and its plain meaning
#: (IHI, "QI Project Progress Scale", used in its Breakthrough Series collaboratives).
PROGRESS_SCALE: dict[float, str] = dict(words.SCALE_MEANINGS)
#: Points of baseline data that count as "collecting data" (2.0). Six is a practical first
#: baseline; the run-chart rules need about ten useful points to say much (Anhøj 2015).
BASELINE_POINTS = 6
#: Points after the first change that count as "sustained" (4.5, 5.0): twelve is the common
#: rule of thumb for a new baseline after a change (Provost & Murray, The Health Care Data
#: Guide, 2011, ch. 3).
SUSTAIN_POINTS = 12
#: Top-voted causes shown per team.
TOP_CAUSES = 3
_IMPROVING = {Improvement.INCREASE: "up", Improvement.DECREASE: "down"}
_UP = {"up", "above"}
_DOWN = {"down", "below"}
_TRIED = {PdsaStatus.STUDY, PdsaStatus.ACT, PdsaStatus.DONE}
#: Rules about particular points, which point their own way (see :func:`_direction`).
_POINT_RULES = {Rule.OUTSIDE_LIMITS, Rule.ASTRONOMICAL, Rule.TWO_OF_THREE, Rule.TREND}
#: How many of the latest points say which side of the middle line a chart is on now.
_RECENT_POINTS = 3


# -- scores -----------------------------------------------------------------------------------


def check_score(value: object) -> float:
    """Return ``value`` as a score of the progress scale (0.5 … 5.0 in steps of 0.5).

    Raises
    ------
    DataError
        When the value is not one of the scale's points (names the field and the values).
    """
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        number = math.nan
    if isinstance(value, bool) or number not in PROGRESS_SCALE:
        raise DataError(
            "Progress score",
            "one of " + ", ".join(f"{s:.1f}" for s in PROGRESS_SCALE),
            value,
            "Pick a score from the list.",
        )
    return number


@dataclass(frozen=True)
class ConfirmedScore:
    """A score a mentor confirmed: the score, why, who, when (ISO) and the store version."""

    score: float
    note: str
    confirmed_by: str
    at: str
    version: int = 0

    @classmethod
    def from_data(cls, data: Mapping[str, Any], version: int = 0, at: str = "") -> ConfirmedScore:
        """Return the confirmed score stored as ``data`` (a DataError names a damaged field)."""
        note = data.get("note", "")
        who = data.get("confirmed_by", "")
        if not isinstance(note, str) or len(note) > MAX_LONG_TEXT:
            raise DataError("Score note", f"text of at most {MAX_LONG_TEXT} characters", note)
        if not isinstance(who, str) or not who.strip() or len(who) > MAX_SHORT_TEXT:
            raise DataError("Confirmed by", "the mentor's name", who, "Type your name first.")
        when = data.get("at") if isinstance(data.get("at"), str) else at
        return cls(check_score(data.get("score")), note, who, str(when or ""), version)


# -- chart readings -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MeasureSignal:
    """One measure on the dashboard: its chart's reading and what it says about progress."""

    record_id: str
    name: str
    measure_type: MeasureType
    points: int
    chart: str
    #: A short word for the reading: "↓ change (better)", "no change yet", "too few points" …
    icon: str
    #: The plain sentence the team reads under its chart (the first signal's, if any).
    reading: str
    improved: bool = False
    worse: bool = False
    #: Points on or after the first change (phase start or PDSA start); 0 without a change.
    points_after_change: int = 0
    target_met: bool = False

    @property
    def sustained(self) -> bool:
        """Return True when the improvement has held for SUSTAIN_POINTS points after the change."""
        return self.improved and not self.worse and self.points_after_change >= SUSTAIN_POINTS

    @property
    def summary(self) -> str:
        """Return "name: icon" for a table cell or a CSV column."""
        return f"{self.name}: {self.icon}"


def _compute(measure: Measure, points: Sequence[Point], chart: str) -> QicResult:
    # Imported here: the team page's progress list needs no statistics (nor pandas) to open.
    from qikit.core.spc.qic import qic

    breaks = [after for after, _ in phase_breaks(points, measure.phase_starts)] or None
    x = [p.date for p in points]
    # Making Data Count has nothing to read on a run chart (the fallback): Anhøj reads it.
    method = "anhoej" if chart == "run" and measure.rule_set == "mdc" else measure.rule_set.value
    if measure.is_fraction:
        y = [math.nan if p.numerator is None else float(p.numerator) for p in points]
        n = [math.nan if p.denominator is None else float(p.denominator) for p in points]
        return qic(y, x=x, n=n, chart=chart, part=breaks, multiply=100, method=method)
    y = [math.nan if p.value is None else p.value for p in points]
    return qic(y, x=x, chart=chart, part=breaks, method=method)


def _direction(signal: Signal, result: QicResult) -> str | None:
    """Return which way the chart has changed by this signal: "up", "down" or None.

    A signal about particular points (outside the limits, a trend) points its own way. A run
    signal (a long run, too few crossings) says *that* the process changed; which way is where
    the chart is now: the signal's own side when it reaches the latest point, else the side of
    the latest points of its part (a long run *above* the median in the baseline is the mirror
    of the points *below* it after a change).
    """
    own = "up" if signal.direction in _UP else "down" if signal.direction in _DOWN else None
    last_point = len(result.data)
    if signal.rule in _POINT_RULES or (own is not None and last_point in signal.points):
        return own
    data = result.data[result.data["part"] == signal.part]
    data = data[data["include"].astype(bool)] if "include" in data else data
    recent = data.dropna(subset=["y"]).tail(_RECENT_POINTS)
    if recent.empty:
        return own
    y = float(recent["y"].median())
    cl = float(recent["cl"].iloc[-1])
    if math.isnan(cl) or y == cl:
        return own
    return "up" if y > cl else "down"


def _values(measure: Measure, points: Sequence[Point]) -> list[float]:
    values = []
    for p in points:
        if measure.is_fraction:
            if p.numerator is not None and p.denominator:
                values.append(100.0 * p.numerator / p.denominator)
        elif p.value is not None:
            values.append(float(p.value))
    return values


def _first_change(project: Project, measure: Measure) -> dt.date | None:
    starts = list(measure.phase_starts)
    starts += [
        c.started_on
        for c in project.pdsa_cycles
        if measure.record_id in c.measure_ids and c.started_on is not None
    ]
    return min(starts) if starts else None


def measure_signal(project: Project, measure: Measure) -> MeasureSignal:
    """Return the dashboard's reading of one measure's chart (never raises on odd data)."""
    points = project.points_of(measure.record_id)
    base: dict[str, Any] = {
        "record_id": measure.record_id,
        "name": " ".join(measure.name.split()),
        "measure_type": measure.measure_type,
        "points": len(points),
    }
    if not points:
        return MeasureSignal(
            **base, chart="", icon=words.ICON_NO_DATA, reading=words.NO_DATA_READING
        )
    chart = resolve_chart(measure, len(points), measure.chart)
    try:
        result = _compute(measure, points, chart)
    except QikitError:
        try:
            chart = "run"
            result = _compute(measure, points, chart)
        except QikitError as error:
            return MeasureSignal(**base, chart="", icon=words.ICON_NO_CHART, reading=str(error))
    better = _IMPROVING.get(measure.improvement)
    directions = [_direction(s, result) for s in result.signals]
    # The latest signal (the one reaching the latest point) says where the chart is now.
    latest = max(
        range(len(result.signals)),
        key=lambda i: (max(result.signals[i].points, default=0), -i),
        default=None,
    )
    now = None if latest is None else directions[latest]
    improved = better is not None and better in directions
    worse = better is not None and now is not None and now != better
    change = _first_change(project, measure)
    after = [p for p in points if change is not None and p.date >= change]
    target_met = False
    recent = _values(measure, after)[-SUSTAIN_POINTS:]
    if measure.target is not None and better is not None and len(recent) >= SUSTAIN_POINTS:
        middle = statistics.median(recent)
        target_met = middle >= measure.target if better == "up" else middle <= measure.target
    if result.signals:
        icon = {"up": words.ICON_UP, "down": words.ICON_DOWN}.get(now or "", words.ICON_CHANGE)
        if better is not None and now is not None:
            icon += " " + (words.ICON_BETTER if now == better else words.ICON_WORSE)
        reading = result.signals[latest].plain  # type: ignore[index]
    else:
        useful = int(result.data.groupby("part")["n_useful"].first().sum())
        if useful < 10:
            icon, reading = words.ICON_TOO_FEW, too_few_points_text(useful).plain
        else:
            icon, reading = words.ICON_NO_CHANGE, no_signal_text(result.is_run_chart).plain
    return MeasureSignal(
        **base,
        chart=chart,
        icon=icon,
        reading=reading,
        improved=improved,
        worse=worse,
        points_after_change=len(after),
        target_met=target_met,
    )


# -- the suggested score --------------------------------------------------------------------------


@dataclass(frozen=True)
class ScoreSuggestion:
    """The score the evidence suggests, why (one sentence per level reached) and what is next."""

    score: float
    evidence: tuple[str, ...]
    next_step: str

    @property
    def meaning(self) -> str:
        """Return the plain meaning of the suggested score on the scale."""
        return PROGRESS_SCALE[self.score]


def _cycle_name(title: str) -> str:
    return " ".join(title.split()) or "untitled"


def suggest_score(
    project: Project, signals: Sequence[MeasureSignal] | None = None
) -> ScoreSuggestion:
    """Return the suggested IHI progress score of a project (the mapping is in the module doc)."""
    if signals is None:
        signals = [measure_signal(project, m) for m in project.measures]
    charter = project.charter
    checks: list[tuple[float, Callable[[], str | None], str]] = []

    def charter_started() -> str | None:
        if charter is None:
            return None
        parts = [charter.problem, *(getattr(charter, k) for k in charter.AIM_QUESTIONS)]
        return words.EVIDENCE[1.0] if any(p.strip() for p in parts) else None

    def planning() -> str | None:
        complete = charter is not None and not charter.missing_aim_parts()
        return words.EVIDENCE[1.5] if complete and (project.causes or project.steps) else None

    def baseline() -> str | None:
        chosen = max(signals, key=lambda s: s.points, default=None)
        if chosen is None or chosen.points < BASELINE_POINTS:
            return None
        return words.EVIDENCE[2.0].format(measure=chosen.name, points=chosen.points)

    def tested() -> str | None:
        cycle = next((c for c in project.pdsa_cycles if c.status in _TRIED), None)
        return None if cycle is None else words.EVIDENCE[2.5].format(cycle=_cycle_name(cycle.title))

    def improved() -> str | None:
        chosen = next((s for s in signals if s.improved), None)
        return None if chosen is None else words.EVIDENCE[3.0].format(measure=chosen.name)

    outcomes = [s for s in signals if s.improved and s.measure_type is MeasureType.OUTCOME]

    def outcome_improved() -> str | None:
        return words.EVIDENCE[3.5].format(measure=outcomes[0].name) if outcomes else None

    def adopted() -> str | None:
        cycle = next((c for c in project.pdsa_cycles if c.decision is PdsaDecision.ADOPT), None)
        return None if cycle is None else words.EVIDENCE[4.0].format(cycle=_cycle_name(cycle.title))

    def sustained() -> str | None:
        chosen = next((s for s in outcomes if s.sustained), None)
        if chosen is None:
            return None
        return words.EVIDENCE[4.5].format(measure=chosen.name, points=chosen.points_after_change)

    def target() -> str | None:
        chosen = next((s for s in outcomes if s.sustained and s.target_met), None)
        if chosen is None:
            return None
        measure = next(m for m in project.measures if m.record_id == chosen.record_id)
        return words.EVIDENCE[5.0].format(
            measure=chosen.name, target=f"{measure.target:g}", points=SUSTAIN_POINTS
        )

    checks = [
        (1.0, charter_started, words.NEXT_STEP[1.0]),
        (1.5, planning, words.NEXT_STEP[1.5]),
        (2.0, baseline, words.NEXT_STEP[2.0].format(points=BASELINE_POINTS)),
        (2.5, tested, words.NEXT_STEP[2.5]),
        (3.0, improved, words.NEXT_STEP[3.0]),
        (3.5, outcome_improved, words.NEXT_STEP[3.5]),
        (4.0, adopted, words.NEXT_STEP[4.0]),
        (4.5, sustained, words.NEXT_STEP[4.5].format(points=SUSTAIN_POINTS)),
        (5.0, target, words.NEXT_STEP[5.0]),
    ]
    score, evidence = 0.5, [words.EVIDENCE[0.5]]
    for level, check, next_step in checks:
        found = check()
        if found is None:
            return ScoreSuggestion(score, tuple(evidence), next_step)
        score = level
        evidence.append(found)
    return ScoreSuggestion(score, tuple(evidence), words.TOP_OF_SCALE)


# -- feedback -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedbackThread:
    """A mentor's comment and the team's replies to it (oldest reply first)."""

    comment: Feedback
    replies: tuple[Feedback, ...] = ()

    @property
    def new_replies(self) -> tuple[Feedback, ...]:
        """Return the replies the mentor has not marked as read."""
        return tuple(r for r in self.replies if not r.read)


def parse_moment(at: str) -> dt.datetime | None:
    """Return a stored ISO time stamp as an aware time (UTC when it names no zone), or None
    when it is not one."""
    try:
        moment = dt.datetime.fromisoformat(at.replace("Z", "+00:00"))
    except (AttributeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def feedback_threads(
    feedback: Iterable[Feedback], about: FeedbackTopic | str | None = None
) -> tuple[FeedbackThread, ...]:
    """Return the mentor's comments (about one topic, or all when None), newest first.

    Each carries the replies made to it; a reply's topic follows its comment's.
    """
    items = list(feedback)
    topic = None if about is None else FeedbackTopic(about)
    comments = [f for f in items if f.from_mentor and (topic is None or f.about is topic)]
    comments.sort(key=lambda f: (f.at, f.record_id), reverse=True)
    threads = []
    for comment in comments:
        replies = sorted(
            (f for f in items if f.reply_to == comment.record_id and not f.from_mentor),
            key=lambda f: (f.at, f.record_id),
        )
        threads.append(FeedbackThread(comment, tuple(replies)))
    return tuple(threads)


# -- one row per team ------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamRow:
    """One team on the dashboard: what it has done and how it is doing, as plain values."""

    slug: str
    name: str
    mentor: str
    charter_complete: bool
    aim: str
    causes: int
    #: The most-voted causes: (text, votes), most votes first.
    top_causes: tuple[tuple[str, int], ...]
    steps: int
    step_problems: int
    measures: tuple[MeasureSignal, ...]
    #: Cycles by stage, every stage present: {"plan": 1, "do": 0, …, "done": 2}.
    pdsa_by_stage: Mapping[str, int]
    last_activity: dt.datetime | None
    days_since_activity: int | None
    last_mentor_feedback: dt.datetime | None
    days_since_feedback: int | None
    new_replies: int
    suggested: ScoreSuggestion
    confirmed: ConfirmedScore | None = None
    history: tuple[ConfirmedScore, ...] = field(default_factory=tuple)

    @property
    def score(self) -> float | None:
        """Return the confirmed score (the one that counts), or None when not confirmed yet."""
        return None if self.confirmed is None else self.confirmed.score


def _days(today: dt.date, moment: dt.datetime | None) -> int | None:
    return None if moment is None else (today - moment.astimezone(dt.UTC).date()).days


def team_summary(
    project: Project,
    feedback_history: Iterable[Feedback],
    today: dt.date,
    *,
    slug: str = "",
    last_activity: dt.datetime | None = None,
    confirmed: ConfirmedScore | None = None,
    history: Sequence[ConfirmedScore] = (),
) -> TeamRow:
    """Return the dashboard row of one team.

    ``feedback_history`` is the team's comments (both ways); the days since the mentor's last
    comment count from the latest one ``from_mentor``. ``last_activity`` comes from the store
    (see :func:`qikit.store.cohort.last_activity`); ``confirmed`` and ``history`` are the
    mentor's scores (see :mod:`qikit.store.scores`).
    """
    team = project.team
    charter = project.charter
    feedback = list(feedback_history)
    mentor_times = [t for f in feedback if f.from_mentor and (t := parse_moment(f.at)) is not None]
    latest = max(mentor_times, default=None)
    threads = feedback_threads(feedback)
    signals = tuple(measure_signal(project, m) for m in _measures_in_order(project))
    stages = {s.value: 0 for s in PdsaStatus}
    for cycle in project.pdsa_cycles:
        stages[cycle.status.value] += 1
    return TeamRow(
        slug=slug or (team.slug if team is not None else ""),
        name=team.name if team is not None else slug,
        mentor=team.mentor if team is not None else "",
        charter_complete=charter is not None and not charter.missing_aim_parts(),
        aim=charter.aim_sentence() if charter is not None else "",
        causes=len(project.causes),
        top_causes=tuple(
            (" ".join(c.text.split()), len(c.votes)) for c in project.causes_by_votes()[:TOP_CAUSES]
        ),
        steps=len(project.steps),
        step_problems=sum(1 for s in project.steps if s.problem is not None),
        measures=signals,
        pdsa_by_stage=stages,
        last_activity=last_activity,
        days_since_activity=_days(today, last_activity),
        last_mentor_feedback=latest,
        days_since_feedback=_days(today, latest),
        new_replies=sum(len(t.new_replies) for t in threads),
        suggested=suggest_score(project, signals),
        confirmed=confirmed,
        history=tuple(history),
    )


def _measures_in_order(project: Project) -> tuple[Measure, ...]:
    return tuple(
        sorted(project.measures, key=lambda m: (" ".join(m.name.split()).casefold(), m.record_id))
    )


# -- plain text and CSV export -------------------------------------------------------------------


def _cell(value: str) -> str:
    # A spreadsheet runs a cell that starts with = + - @ as a formula: a team's text must not.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _score_text(score: float | None) -> str:
    return "" if score is None else f"{score:.1f}"


def row_values(row: TeamRow) -> dict[str, str]:
    """Return one row as plain text, keyed like :data:`qikit.core.wording.dashboard.COLUMNS`."""
    activity = row.last_activity
    return {
        "team": row.name,
        "slug": row.slug,
        "mentor": row.mentor,
        "aim_complete": words.YES if row.charter_complete else words.NO,
        "aim": row.aim,
        "causes": str(row.causes),
        "top_causes": "; ".join(f"{text} ({votes})" for text, votes in row.top_causes),
        "steps": str(row.steps),
        "step_problems": str(row.step_problems),
        "measures": "; ".join(m.summary for m in row.measures),
        "pdsa": ", ".join(f"{words.PDSA_STAGE_WORDS[k]} {v}" for k, v in row.pdsa_by_stage.items()),
        "last_activity": "" if activity is None else activity.date().isoformat(),
        "days_since_activity": ""
        if row.days_since_activity is None
        else str(row.days_since_activity),
        "days_since_feedback": ""
        if row.days_since_feedback is None
        else str(row.days_since_feedback),
        "new_replies": str(row.new_replies),
        "suggested_score": _score_text(row.suggested.score),
        "confirmed_score": _score_text(row.score),
        "confirmed_by": row.confirmed.confirmed_by if row.confirmed else "",
        "score_note": row.confirmed.note if row.confirmed else "",
    }


def rows_to_csv(rows: Iterable[TeamRow]) -> str:
    """Return the rows as CSV text for the programme lead: one header line of plain column
    names, then one line per team (empty cells for "never" and "not confirmed")."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(list(words.COLUMNS.values()))
    numeric = {"causes", "steps", "step_problems", "days_since_activity", "days_since_feedback",
               "new_replies", "suggested_score", "confirmed_score"}  # fmt: skip
    for row in rows:
        values = row_values(row)
        writer.writerow([values[k] if k in numeric else _cell(values[k]) for k in words.COLUMNS])
    return out.getvalue()


# -- the team's own progress list (the team page) --------------------------------------------------

#: What "done" means for the progress list.
MIN_CAUSES = 3
MIN_STEPS = 1


@dataclass(frozen=True)
class StageProgress:
    """One line of the progress list: which page, what to do, whether it is done, in words."""

    stage: str
    task: str
    done: bool
    words: str

    @property
    def mark(self) -> str:
        """Return ✓ when done and ○ when not (always shown beside the words, never alone)."""
        return page_words.MARK_DONE if self.done else page_words.MARK_NOT_YET


def _counted(count: int, nouns: tuple[str, str]) -> str:
    """Return ``count`` with its noun, one or many (``"1 step"``, ``"3 steps"``)."""
    one, many = nouns
    return f"{count} {one if count == 1 else many}"


def _aim_progress(project: Project) -> StageProgress:
    charter = project.charter
    missing = charter.missing_aim_parts() if charter is not None else ()
    if charter is None or len(missing) == len(charter.AIM_QUESTIONS):
        return StageProgress("charter", page_words.TASK_AIM, False, page_words.AIM_NOT_STARTED)
    if missing:
        words = page_words.AIM_MISSING.format(missing=" ".join(missing))
        return StageProgress("charter", page_words.TASK_AIM, False, words)
    return StageProgress("charter", page_words.TASK_AIM, True, page_words.AIM_DONE)


def progress(project: Project) -> tuple[StageProgress, ...]:
    """Return how far the team has got, one line per step of the programme, from its records."""
    causes = len(project.causes)
    cause_words = page_words.CAUSES_FOUND.format(causes=_counted(causes, page_words.CAUSES))
    if causes < MIN_CAUSES:
        cause_words += page_words.CAUSES_TOO_FEW.format(minimum=MIN_CAUSES)
    steps = len(project.steps)
    step_words = (
        page_words.STEPS_DRAWN.format(steps=_counted(steps, page_words.STEPS))
        if steps >= MIN_STEPS
        else page_words.NO_STEPS
    )

    measured = [m for m in project.measures if project.points_of(m.record_id)]
    if measured:
        first = measured[0]
        readings = _counted(len(project.points_of(first.record_id)), page_words.READINGS)
        measure_words = page_words.MEASURED.format(measure=first.name, readings=readings)
    else:
        measure_words = page_words.NOT_MEASURED

    cycles = len(project.pdsa_cycles)
    cycle_words = (
        page_words.TESTS_STARTED.format(tests=_counted(cycles, page_words.TESTS))
        if cycles
        else page_words.NO_TESTS
    )
    decided = any(c.decision is not None for c in project.pdsa_cycles)
    story_words = page_words.STORY_READY if decided else page_words.STORY_NOT_READY
    return (
        _aim_progress(project),
        StageProgress("understanding", page_words.TASK_CAUSES, causes >= MIN_CAUSES, cause_words),
        StageProgress("understanding", page_words.TASK_PROCESS, steps >= MIN_STEPS, step_words),
        StageProgress("measuring", page_words.TASK_MEASURE, bool(measured), measure_words),
        StageProgress("changing", page_words.TASK_CHANGE, cycles > 0, cycle_words),
        StageProgress("storyboard", page_words.TASK_STORY, decided, story_words),
    )


def mentor_feedback(project: Project) -> tuple[Feedback, ...]:
    """Return the comments from the mentor, newest first."""
    chosen = [f for f in project.feedback if f.from_mentor]
    return tuple(sorted(chosen, key=lambda f: (f.at, f.record_id), reverse=True))
