"""The programme's evaluation: response rates, paired change, team outcomes and engagement.

Computed from plain values (the survey's questions, the answer sheets, the teams' projects and
history) into frozen ``…Result`` dataclasses that the report draws and words. Two rules run
through it:

- **Pairs.** A pair is one participant code with a 1–5 answer at both points compared. Codes
  seen only once are counted in the response rates and nowhere else.
- **Small groups are hidden.** Every count of people below :data:`MIN_GROUP` becomes ``None``
  here, before anything is drawn or worded, so no later step can show it by mistake; a
  comparison of fewer than :data:`MIN_GROUP` pairs is not even computed.

The statistics (``paired_test``) are plain functions of two equal-length sequences so the
tests can check them against scipy on data whose answer is known.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy import stats

from qikit.core.model import Measure, MeasureType, PdsaDecision, PdsaStatus, Project, RecordKind
from qikit.core.model.survey import SurveyResponse, SurveyStage
from qikit.core.progress import measure_signal, parse_moment
from qikit.core.survey import ItemKind, SurveyItem, SurveyItems
from qikit.core.wording import evaluation as words
from qikit.core.wording.evaluation import MIN_GROUP
from qikit.store.base import Store
from qikit.store.records import load_project
from qikit.store.scores import confirmed_score

__all__ = [
    "COMPARISONS",
    "MIN_GROUP",
    "CohortOutcomesResult",
    "EngagementResult",
    "EvaluationResult",
    "FollowUpResult",
    "PairedChangeResult",
    "PairedTestResult",
    "ResponseRatesResult",
    "StageComparisonResult",
    "StageCountResult",
    "TeamOutcomeResult",
    "TextCountResult",
    "compare_stages",
    "engagement",
    "evaluate",
    "follow_up",
    "hodges_lehmann",
    "p_method",
    "paired_test",
    "rank_biserial",
    "response_rates",
    "suppress",
    "suppress_counts",
    "team_outcome",
    "text_counts",
]

#: The comparisons the report makes: each later point against before the programme.
COMPARISONS: tuple[tuple[SurveyStage, SurveyStage], ...] = (
    (SurveyStage.PRE, SurveyStage.MID),
    (SurveyStage.PRE, SurveyStage.POST),
    (SurveyStage.PRE, SurveyStage.FOLLOW_UP),
)
#: Two-sided confidence level of every interval in the report.
CONFIDENCE = 0.95
#: Bootstrap resamples for the effect size's interval, and the fixed seed that makes the
#: report the same each time it is made (scipy.stats.bootstrap, percentile method).
BOOTSTRAP_RESAMPLES = 2000
BOOTSTRAP_SEED = 20270111
#: Up to this many changes, the Hodges–Lehmann interval uses the exact null distribution of
#: the signed-rank statistic (Hollander, Wolfe & Chicken 2014, §3.3); above it, the normal one.
EXACT_LIMIT = 50
#: The still_involved question's answers that count as "still taking part" (Mostly, Completely).
STILL_INVOLVED_ITEM = "still_involved"
INVOLVED_SCORES = (4, 5)
#: Record kinds whose saved changes count as a team's engagement (the survey is the cohort's).
ENGAGEMENT_KINDS = tuple(kind.value for kind in RecordKind if kind is not RecordKind.SURVEY)


# -- suppression ----------------------------------------------------------------------------------


def suppress(count: int) -> int | None:
    """Return ``count``, or None when it counts 1 to 4 people (0 says nobody, and is shown)."""
    return None if 0 < count < MIN_GROUP else count


def suppress_counts(counts: Mapping[str, int]) -> dict[str, int | None]:
    """Return the counts of one set with small ones hidden, and one more if only one is.

    A set's total is shown elsewhere, so a single hidden cell could be worked out by
    subtraction: then the next smallest shown non-zero cell is hidden as well (secondary
    suppression, as statistical offices do).
    """
    shown: dict[str, int | None] = {key: suppress(value) for key, value in counts.items()}
    hidden = [key for key, value in shown.items() if value is None]
    if len(hidden) == 1:
        others = sorted(
            (value, key) for key, value in shown.items() if value is not None and value > 0
        )
        if others:
            shown[others[0][1]] = None
    return shown


# -- the statistics -------------------------------------------------------------------------------


@dataclass(frozen=True)
class PairedTestResult:
    """The paired statistics of one comparison (no suppression: the caller decides)."""

    n_pairs: int
    higher: int
    same: int
    lower: int
    median_before: float
    median_after: float
    #: scipy's signed-rank statistic (the smaller rank sum), NaN when every change is zero.
    statistic: float
    p_value: float
    #: How the p-value was worked out: "exact" or "asymptotic" (the normal approximation).
    p_method: str
    rank_biserial: float
    rank_biserial_ci: tuple[float, float]
    hodges_lehmann: float
    #: None when there are too few pairs for a 95% interval (5 pairs cannot give one).
    hodges_lehmann_ci: tuple[float, float] | None


def rank_biserial(differences: Sequence[float] | np.ndarray, axis: int = -1) -> np.ndarray:
    """Return the matched-pairs rank-biserial correlation of paired differences (Kerby 2014).

    r = (R+ − R−) / (R+ + R−), where R+ and R− are the sums of the ranks of |d| of the positive
    and negative differences, zeros dropped before ranking (as zero_method="wilcox" does).
    Zeros tie at the bottom, so ranking with them and subtracting their count gives the ranks
    without them; that keeps the function vectorised for the bootstrap. 0 when all are zero.
    """
    d = np.asarray(differences, dtype=float)
    zeros = np.sum(d == 0, axis=axis, keepdims=True)
    ranks = stats.rankdata(np.abs(d), axis=axis) - zeros
    plus = np.sum(np.where(d > 0, ranks, 0.0), axis=axis)
    minus = np.sum(np.where(d < 0, ranks, 0.0), axis=axis)
    total = plus + minus
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, (plus - minus) / np.where(total > 0, total, 1.0), 0.0)


def _signed_rank_upper_tail(n: int) -> list[float]:
    """Return P(T+ ≥ t) for t = 0 … n(n+1)/2 under the null (exact, by counting subsets)."""
    top = n * (n + 1) // 2
    counts = [1] + [0] * top
    for rank in range(1, n + 1):
        for total in range(top, rank - 1, -1):
            counts[total] += counts[total - rank]
    whole = 2**n
    tail, running = [0.0] * (top + 2), 0
    for t in range(top, -1, -1):
        running += counts[t]
        tail[t] = running / whole
    return tail


def hodges_lehmann(
    differences: Sequence[float], confidence: float = CONFIDENCE
) -> tuple[float, tuple[float, float] | None]:
    """Return the Hodges–Lehmann median change and its distribution-free confidence interval.

    The estimate is the median of the n(n+1)/2 Walsh averages (d_i + d_j)/2, i ≤ j. The
    interval is [W(C), W(M + 1 − C)] of the ordered Walsh averages, M = n(n+1)/2, with
    C = M + 1 − t and t the smallest value with P(T+ ≥ t) ≤ (1 − confidence)/2 (Hollander,
    Wolfe & Chicken 2014, §3.3, eq. 3.24); t from the exact null distribution up to
    :data:`EXACT_LIMIT` changes, else its normal approximation. Every difference is used
    (zeros too). With ties (a 1–5 scale) the coverage is approximate. None when no interval
    reaches the confidence (n ≤ 5 at 95%).
    """
    d = np.asarray(differences, dtype=float)
    n = d.size
    i, j = np.triu_indices(n)
    walsh = np.sort((d[i] + d[j]) / 2.0)
    estimate = float(np.median(walsh))
    alpha_half = (1.0 - confidence) / 2.0
    top = n * (n + 1) // 2
    if n <= EXACT_LIMIT:
        tail = _signed_rank_upper_tail(n)
        t = next(value for value in range(top + 2) if tail[value] <= alpha_half)
    else:
        z = float(stats.norm.ppf(1.0 - alpha_half))
        mean, sd = top / 2.0, math.sqrt(n * (n + 1) * (2 * n + 1) / 24.0)
        t = math.ceil(mean + z * sd)
    c = top + 1 - t
    if c < 1:
        return estimate, None
    return estimate, (float(walsh[c - 1]), float(walsh[top - c]))


def p_method(differences: Sequence[float] | np.ndarray) -> str:
    """Return scipy's wilcoxon method for these changes: "exact" or "asymptotic".

    Exact (the signed-rank distribution) with up to 50 non-zero changes and no ties or zeros;
    otherwise the normal approximation corrected for ties, as SPSS and R's coin do for tied
    data. scipy's own "auto" would try every arrangement of signs for up to 13 tied changes,
    which takes seconds per question on a 1–5 scale (nearly always tied), for the whole report
    tens of seconds; the approximation is what it uses above 13 anyway.
    """
    d = np.asarray(differences, dtype=float)
    nonzero = d[d != 0]
    tied = np.unique(np.abs(nonzero)).size < nonzero.size or nonzero.size < d.size
    return "exact" if not tied and nonzero.size <= EXACT_LIMIT else "asymptotic"


def paired_test(before: Sequence[float], after: Sequence[float]) -> PairedTestResult:
    """Return the paired statistics of ``after − before`` (one pair per person).

    The test is scipy.stats.wilcoxon(after, before, zero_method="wilcox", method=...): zero
    changes are dropped; :func:`p_method` says how the p-value is found. When every change is
    zero there is nothing to test: p = 1.
    """
    x = np.asarray(after, dtype=float)
    y = np.asarray(before, dtype=float)
    if x.shape != y.shape or x.ndim != 1 or x.size == 0:
        raise ValueError("paired_test needs two equal, non-empty sequences of answers")
    d = x - y
    if np.any(d != 0):
        method = p_method(d)
        test = stats.wilcoxon(x, y, zero_method="wilcox", method=method)
        statistic, p_value = float(test.statistic), float(test.pvalue)
    else:
        statistic, p_value, method = math.nan, 1.0, "none (no one changed)"
    effect = float(rank_biserial(d))
    if d.size > 1 and np.unique(d).size > 1:
        boot = stats.bootstrap(
            (d,),
            lambda sample, axis: rank_biserial(sample, axis=axis),
            vectorized=True,
            n_resamples=BOOTSTRAP_RESAMPLES,
            confidence_level=CONFIDENCE,
            method="percentile",
            rng=np.random.default_rng(BOOTSTRAP_SEED),
        )
        interval = (float(boot.confidence_interval.low), float(boot.confidence_interval.high))
    else:  # every change the same: every resample gives the same effect
        interval = (effect, effect)
    estimate, shift_ci = hodges_lehmann(d)
    return PairedTestResult(
        n_pairs=int(d.size),
        higher=int(np.sum(d > 0)),
        same=int(np.sum(d == 0)),
        lower=int(np.sum(d < 0)),
        median_before=float(np.median(y)),
        median_after=float(np.median(x)),
        statistic=statistic,
        p_value=p_value,
        p_method=method,
        rank_biserial=effect,
        rank_biserial_ci=interval,
        hodges_lehmann=estimate,
        hodges_lehmann_ci=shift_ci,
    )


# -- the survey -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class StageCountResult:
    """How many answered at one point (None when fewer than 5), and their share of everyone."""

    stage: SurveyStage
    count: int | None
    share: float | None
    sentence: str


@dataclass(frozen=True)
class ResponseRatesResult:
    """Who answered: people who answered at least once, and each point's count."""

    people: int | None
    stages: tuple[StageCountResult, ...]


def response_rates(responses: Iterable[SurveyResponse]) -> ResponseRatesResult:
    """Return the response counts by stage; the denominator is every code that ever answered."""
    sheets = [r for r in responses if r.answers]
    everyone = len({r.participant_code for r in sheets})
    shown_total = suppress(everyone)
    by_stage = Counter(r.stage for r in sheets)
    rows = []
    for stage in SurveyStage:
        count = suppress(by_stage.get(stage, 0)) if shown_total is not None else None
        share = None if count is None or not everyone else count / everyone
        rows.append(
            StageCountResult(
                stage, count, share, words.response_sentence(stage, count, share, everyone)
            )
        )
    return ResponseRatesResult(people=shown_total, stages=tuple(rows))


@dataclass(frozen=True)
class PairedChangeResult:
    """One paired change (a question, or overall) as the board may see it.

    ``suppressed`` is True when fewer than 5 people answered both: then ``test`` is None and
    nothing but the label is shown. The counts higher/same/lower are already suppressed.
    """

    label: str
    item_id: str | None
    before: SurveyStage
    after: SurveyStage
    n_pairs: int | None
    suppressed: bool
    higher: int | None = None
    same: int | None = None
    lower: int | None = None
    test: PairedTestResult | None = None
    sentences: tuple[str, ...] = ()


@dataclass(frozen=True)
class StageComparisonResult:
    """Every question's paired change between two points, and the overall score's."""

    before: SurveyStage
    after: SurveyStage
    overall: PairedChangeResult
    items: tuple[PairedChangeResult, ...]


def _scores(responses: Iterable[SurveyResponse], stage: SurveyStage) -> dict[str, dict[str, int]]:
    """Return {code: {item: score}} of the 1–5 answers at ``stage``."""
    found: dict[str, dict[str, int]] = {}
    for response in responses:
        if response.stage is stage:
            found[response.participant_code] = {
                key: value
                for key, value in response.answers.items()
                if isinstance(value, int) and not isinstance(value, bool)
            }
    return found


def _change(
    label: str,
    item_id: str | None,
    before: SurveyStage,
    after: SurveyStage,
    pairs: Sequence[tuple[float, float]],
    scale: Sequence[str],
) -> PairedChangeResult:
    n = len(pairs)
    if n < MIN_GROUP:
        return PairedChangeResult(label, item_id, before, after, suppress(n), True)
    test = paired_test([b for b, _ in pairs], [a for _, a in pairs])
    cells = suppress_counts({"higher": test.higher, "same": test.same, "lower": test.lower})
    sentences = [
        words.change_sentence(
            n_pairs=n,
            higher=cells["higher"],
            same=cells["same"],
            lower=cells["lower"],
            later=after,
            median_before=test.median_before,
            median_after=test.median_after,
            typical_change=test.hodges_lehmann,
            p_value=test.p_value,
            scale=scale,
            overall=item_id is None,
        ),
        words.effect_sentence(test.rank_biserial, *test.rank_biserial_ci),
        words.shift_sentence(test.hodges_lehmann, test.hodges_lehmann_ci),
    ]
    return PairedChangeResult(
        label,
        item_id,
        before,
        after,
        n,
        False,
        cells["higher"],
        cells["same"],
        cells["lower"],
        test,
        tuple(sentences),
    )


def compare_stages(
    items: SurveyItems,
    responses: Sequence[SurveyResponse],
    before: SurveyStage | str,
    after: SurveyStage | str,
) -> StageComparisonResult:
    """Return the paired change of every scale question asked at both points, and overall.

    Overall: each person's mean over the scale questions they answered at both points (so a
    person who skipped a question is compared on the same questions both times).
    """
    first, later = SurveyStage(before), SurveyStage(after)
    asked = [i for i in items.scale_items() if i.asked_at(first) and i.asked_at(later)]
    early, late = _scores(responses, first), _scores(responses, later)
    codes = sorted(set(early) & set(late))
    results = []
    for item in asked:
        pairs = [
            (float(early[c][item.item_id]), float(late[c][item.item_id]))
            for c in codes
            if item.item_id in early[c] and item.item_id in late[c]
        ]
        results.append(_change(item.statement, item.item_id, first, later, pairs, items.scale))
    overall_pairs = []
    ids = [i.item_id for i in asked]
    for code in codes:
        common = [k for k in ids if k in early[code] and k in late[code]]
        if common:
            overall_pairs.append(
                (
                    statistics.fmean(early[code][k] for k in common),
                    statistics.fmean(late[code][k] for k in common),
                )
            )
    overall = _change(words.OVERALL_LABEL, None, first, later, overall_pairs, items.scale)
    return StageComparisonResult(first, later, overall, tuple(results))


@dataclass(frozen=True)
class TextCountResult:
    """How many people wrote an answer to one free-text question (the words are never kept)."""

    item_id: str
    statement: str
    answered: int | None
    sentence: str


def text_counts(
    items: SurveyItems, responses: Sequence[SurveyResponse], stages: Iterable[SurveyStage]
) -> tuple[TextCountResult, ...]:
    """Return, per free-text question asked at any of ``stages``, how many wrote something."""
    wanted = set(stages)
    found = []
    for item in items.items:
        if item.kind is not ItemKind.TEXT or not wanted & set(item.stages):
            continue
        writers = {
            r.participant_code
            for r in responses
            if r.stage in wanted
            and isinstance(r.answers.get(item.item_id), str)
            and str(r.answers[item.item_id]).strip()
        }
        answered = suppress(len(writers))
        found.append(
            TextCountResult(
                item.item_id,
                item.statement,
                answered,
                words.text_count_sentence(item.statement, answered),
            )
        )
    return tuple(found)


@dataclass(frozen=True)
class FollowUpResult:
    """Months later: the paired change against before, and the still-involved answers."""

    comparison: StageComparisonResult
    #: The question asked only at follow-up, or None when the items file has none.
    still_item: SurveyItem | None
    answered: int | None
    #: Count per point of the scale (1 … 5), small counts hidden.
    distribution: tuple[int | None, ...]
    involved: int | None
    sentence: str
    texts: tuple[TextCountResult, ...] = field(default_factory=tuple)


def follow_up(items: SurveyItems, responses: Sequence[SurveyResponse]) -> FollowUpResult:
    """Return the follow-up analysis: pre vs follow-up pairs and how many are still involved."""
    comparison = compare_stages(items, responses, SurveyStage.PRE, SurveyStage.FOLLOW_UP)
    still = items.item(STILL_INVOLVED_ITEM)
    scores = [
        s[STILL_INVOLVED_ITEM]
        for s in _scores(responses, SurveyStage.FOLLOW_UP).values()
        if STILL_INVOLVED_ITEM in s
    ]
    answered = suppress(len(scores))
    if answered is None:
        distribution: tuple[int | None, ...] = (None,) * 5
        involved = None
    else:
        counts = Counter(scores)
        cells = suppress_counts({str(score): counts.get(score, 0) for score in range(1, 6)})
        involved = suppress(sum(counts.get(score, 0) for score in INVOLVED_SCORES))
        # The involved total is shown too: with one of its cells hidden, the total minus the
        # other would give it away, so the other goes as well.
        inside = [str(score) for score in INVOLVED_SCORES]
        if involved is not None and sum(cells[key] is None for key in inside) == 1:
            cells.update(dict.fromkeys(inside))
        distribution = tuple(cells[str(score)] for score in range(1, 6))
    return FollowUpResult(
        comparison,
        still,
        answered,
        distribution,
        involved,
        words.still_involved_sentence(answered, involved),
        text_counts(items, responses, (SurveyStage.FOLLOW_UP,)),
    )


# -- the teams ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamOutcomeResult:
    """One team's project outcome: its main measure's reading, its PDSA cycles, its score."""

    slug: str
    name: str
    main_measure: str
    improved: bool
    reading: str
    cycles: int
    cycles_run: int
    cycles_adopted: int
    confirmed_score: float | None


def _main_measure(project: Project) -> Measure | None:
    ordered = sorted(
        project.measures, key=lambda m: (" ".join(m.name.split()).casefold(), m.record_id)
    )
    outcome = [m for m in ordered if m.measure_type is MeasureType.OUTCOME]
    chosen = outcome or ordered
    return chosen[0] if chosen else None


def team_outcome(project: Project, slug: str, score: float | None) -> TeamOutcomeResult:
    """Return one team's outcome from its project and its mentor's confirmed score."""
    main = _main_measure(project)
    name = project.team.name if project.team is not None else slug
    if main is None:
        measure, improved, reading = "", False, "No measure yet."
    else:
        signal = measure_signal(project, main)
        measure, improved, reading = signal.name, signal.improved, signal.icon
    cycles = project.pdsa_cycles
    return TeamOutcomeResult(
        slug=slug,
        name=name,
        main_measure=measure,
        improved=improved,
        reading=reading,
        cycles=len(cycles),
        cycles_run=sum(1 for c in cycles if c.status is not PdsaStatus.PLAN),
        cycles_adopted=sum(1 for c in cycles if c.decision is PdsaDecision.ADOPT),
        confirmed_score=score,
    )


@dataclass(frozen=True)
class CohortOutcomesResult:
    """Every team's outcome and the cohort's totals."""

    teams: tuple[TeamOutcomeResult, ...]
    improved: int
    cycles_run: int
    cycles_adopted: int
    #: The median confirmed progress score of the teams that have one (None if none has).
    median_score: float | None
    sentence: str


def cohort_outcomes(teams: Sequence[TeamOutcomeResult]) -> CohortOutcomesResult:
    """Return the cohort's totals of the teams' outcomes."""
    scores = [t.confirmed_score for t in teams if t.confirmed_score is not None]
    improved = sum(t.improved for t in teams)
    run = sum(t.cycles_run for t in teams)
    adopted = sum(t.cycles_adopted for t in teams)
    return CohortOutcomesResult(
        tuple(teams),
        improved,
        run,
        adopted,
        statistics.median(scores) if scores else None,
        words.teams_sentence(improved, len(teams), run, adopted),
    )


@dataclass(frozen=True)
class EngagementResult:
    """Saved changes per team per week (Mondays), every week from the first to the last."""

    weeks: tuple[dt.date, ...]
    #: {team slug: changes in each week, aligned with ``weeks``}
    per_team: Mapping[str, tuple[int, ...]]

    @property
    def totals(self) -> tuple[int, ...]:
        """Return the cohort's changes in each week."""
        return tuple(sum(column) for column in zip(*self.per_team.values(), strict=True)) or (
            (0,) * len(self.weeks)
        )


def _monday(moment: dt.datetime) -> dt.date:
    day = moment.astimezone(dt.UTC).date()
    return day - dt.timedelta(days=day.weekday())


def engagement(history: Mapping[str, Sequence[str]]) -> EngagementResult:
    """Return the weekly counts of saved changes from ``{team slug: [ISO time of each]}``."""
    weekly: dict[str, Counter[dt.date]] = {}
    for name, times in history.items():
        moments = [m for at in times if (m := parse_moment(at)) is not None]
        weekly[name] = Counter(_monday(m) for m in moments)
    days = [day for counter in weekly.values() for day in counter]
    if not days:
        return EngagementResult((), {name: () for name in weekly})
    first, last = min(days), max(days)
    weeks = tuple(first + dt.timedelta(weeks=k) for k in range((last - first).days // 7 + 1))
    return EngagementResult(
        weeks, {name: tuple(counter.get(w, 0) for w in weeks) for name, counter in weekly.items()}
    )


# -- everything -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class EvaluationResult:
    """The whole evaluation of a cohort, as the report shows it."""

    title: str
    scale: tuple[str, ...]
    responses: ResponseRatesResult
    comparisons: tuple[StageComparisonResult, ...]
    follow_up: FollowUpResult
    texts: tuple[TextCountResult, ...]
    outcomes: CohortOutcomesResult
    engagement: EngagementResult


def evaluate(
    items: SurveyItems,
    responses: Sequence[SurveyResponse],
    outcomes: Sequence[TeamOutcomeResult],
    history: Mapping[str, Sequence[str]],
) -> EvaluationResult:
    """Return the whole evaluation from plain values (see :func:`read_team` for the store)."""
    comparisons = tuple(compare_stages(items, responses, b, a) for b, a in COMPARISONS)
    return EvaluationResult(
        title=items.title,
        scale=items.scale,
        responses=response_rates(responses),
        comparisons=comparisons,
        follow_up=follow_up(items, responses),
        texts=text_counts(items, responses, (SurveyStage.PRE, SurveyStage.MID, SurveyStage.POST)),
        outcomes=cohort_outcomes(outcomes),
        engagement=engagement(history),
    )


def read_team(store: Store, slug: str) -> tuple[TeamOutcomeResult, list[str]]:
    """Return one team's outcome and the times of its saved changes, read from ``store``."""
    project = load_project(store, slug)
    score = confirmed_score(store, slug)
    outcome = team_outcome(project, slug, None if score is None else score.score)
    times = [entry.at for entry in store.team_history(slug, ENGAGEMENT_KINDS)]
    return outcome, times
