"""A team's whole project assembled from its records, and the rules *between* records.

:meth:`Project.problems` lists what does not fit between records (a cause in a category the
fishbone does not have, a point for a deleted measure) in plain words, without raising. Imports
the standard library, :mod:`qikit.errors`, :mod:`qikit.core.spc.chart_choice`,
:mod:`qikit.core.wording.dates` and every other model module; none of them imports this one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from qikit.core.model.charter import Charter
from qikit.core.model.driver_diagram import ChangeIdea, Driver, DriverLevel
from qikit.core.model.feedback import Feedback, FeedbackTopic
from qikit.core.model.fields import name_key
from qikit.core.model.fishbone import Cause, Fishbone
from qikit.core.model.measures import Measure, Point
from qikit.core.model.pdsa import PdsaCycle
from qikit.core.model.process_map import ProcessMap, Step
from qikit.core.model.record import Record, RecordKind
from qikit.core.model.reflection import Reflection
from qikit.core.model.registry import record_from_data
from qikit.core.model.showcase import ShowcaseCaptions
from qikit.core.model.survey import SurveyResponse, SurveyStage
from qikit.core.model.team import Team, slugify
from qikit.core.spc.chart_choice import DataKind
from qikit.core.wording.dates import date_words
from qikit.errors import DataError


@dataclass(frozen=True)
class ProjectProblem:
    """Something that does not fit between records, in plain words, and the record concerned."""

    kind: RecordKind | str
    record_id: str
    message: str

    @classmethod
    def about(cls, record: Record, message: str) -> ProjectProblem:
        """Return the problem ``message`` about ``record`` (its kind and id)."""
        return cls(record.KIND, record.record_id, message)

    def __str__(self) -> str:
        return self.message


# Which Project field holds each kind of record.
_COLLECTIONS: dict[RecordKind, str] = {
    RecordKind.CAUSE: "causes",
    RecordKind.STEP: "steps",
    RecordKind.DRIVER: "drivers",
    RecordKind.CHANGE_IDEA: "change_ideas",
    RecordKind.MEASURE: "measures",
    RecordKind.POINT: "points",
    RecordKind.PDSA: "pdsa_cycles",
    RecordKind.FEEDBACK: "feedback",
    RecordKind.SURVEY: "survey_responses",
    RecordKind.REFLECTION: "reflections",
}
_SINGLETONS: dict[RecordKind, str] = {
    RecordKind.TEAM: "team",
    RecordKind.CHARTER: "charter",
    RecordKind.FISHBONE: "fishbone",
    RecordKind.PROCESS_MAP: "process_map",
    RecordKind.SHOWCASE: "showcase",
}


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return f"“{text}”" if len(text) <= limit else f"“{text[: limit - 1]}…”"


@dataclass(frozen=True)
class Project:
    """A team's whole project, assembled from its records.

    Collections are tuples sorted by record id, so two projects made from the same records in
    any order are equal; the accessors return them in the order a participant expects.
    Singletons are None until the team has saved them.
    """

    team: Team | None = None
    charter: Charter | None = None
    fishbone: Fishbone | None = None
    process_map: ProcessMap | None = None
    causes: tuple[Cause, ...] = ()
    steps: tuple[Step, ...] = ()
    drivers: tuple[Driver, ...] = ()
    change_ideas: tuple[ChangeIdea, ...] = ()
    measures: tuple[Measure, ...] = ()
    points: tuple[Point, ...] = ()
    pdsa_cycles: tuple[PdsaCycle, ...] = ()
    feedback: tuple[Feedback, ...] = ()
    survey_responses: tuple[SurveyResponse, ...] = ()
    showcase: ShowcaseCaptions | None = None
    reflections: tuple[Reflection, ...] = ()
    #: Records that could not be read (only with ``strict=False``), as problems to show.
    unreadable: tuple[ProjectProblem, ...] = ()

    # -- building -------------------------------------------------------------------------------

    @classmethod
    def of(cls, records: Iterable[Record], *, unreadable: Iterable[ProjectProblem] = ()) -> Project:
        """Return the project made of ``records``; two records with the same key raise."""
        singles: dict[str, Record] = {}
        groups: dict[str, list[Record]] = {name: [] for name in _COLLECTIONS.values()}
        seen: set[tuple[RecordKind, str]] = set()
        for record in records:
            key = (record.KIND, record.record_id)
            if key in seen:
                raise DataError(
                    "Project records",
                    "each record once",
                    f"{record.KIND.value} {record.record_id}",
                    "The same record was given twice: load the project again.",
                )
            seen.add(key)
            if record.KIND in _SINGLETONS:
                singles[_SINGLETONS[record.KIND]] = record
            else:
                groups[_COLLECTIONS[record.KIND]].append(record)
        sorted_groups = {
            name: tuple(sorted(items, key=lambda r: r.record_id)) for name, items in groups.items()
        }
        return cls(**singles, **sorted_groups, unreadable=tuple(unreadable))  # type: ignore[arg-type]

    @classmethod
    def from_records(
        cls,
        items: Iterable[tuple[RecordKind | str, str, Mapping[str, object]]],
        *,
        strict: bool = True,
    ) -> Project:
        """Return the project made of stored ``(kind, record_id, data)`` triples.

        With ``strict=True`` a record that cannot be read raises DataError naming it; with
        ``strict=False`` it is left out and listed in :meth:`problems`, so a mentor can still
        review the rest of the project.
        """
        records: list[Record] = []
        unreadable: list[ProjectProblem] = []
        for kind, record_id, data in items:
            try:
                records.append(record_from_data(kind, record_id, data))
            except DataError as error:
                if strict:
                    raise DataError(
                        f"The {str(kind).replace('_', ' ')} record “{record_id}”",
                        "a record that can be read",
                        None,
                        str(error),
                    ) from error
                unreadable.append(
                    ProjectProblem(
                        kind,
                        str(record_id),
                        f"A {str(kind).replace('_', ' ')} record could not be read and is left "
                        f"out: {error}",
                    )
                )
        return cls.of(records, unreadable=unreadable)

    def all_records(self) -> Iterator[Record]:
        """Yield every record: singletons first, then each collection, in kind order."""
        for kind in RecordKind:
            if kind in _SINGLETONS:
                single = getattr(self, _SINGLETONS[kind])
                if single is not None:
                    yield single
            else:
                yield from getattr(self, _COLLECTIONS[kind])

    def records(self) -> Iterator[tuple[RecordKind, str, dict[str, Any]]]:
        """Yield ``(kind, record_id, data)`` for every record, ready for a store."""
        for record in self.all_records():
            yield record.KIND, record.record_id, record.to_data()

    def get(self, kind: RecordKind | str, record_id: str) -> Record | None:
        """Return the record with this kind and id, or None."""
        return self._index.get((RecordKind(kind), record_id))

    @cached_property
    def _index(self) -> dict[tuple[RecordKind, str], Record]:
        return {(r.KIND, r.record_id): r for r in self.all_records()}

    # -- accessors ------------------------------------------------------------------------------

    @property
    def categories(self) -> tuple[str, ...]:
        """Return the fishbone's categories (the defaults until the team saves its own)."""
        return (self.fishbone or Fishbone()).categories

    def causes_by_category(self) -> dict[str, tuple[Cause, ...]]:
        """Return the main causes (not sub-causes) of each category, in the fishbone's order.

        Every fishbone category is a key (possibly with no causes); causes whose category the
        fishbone does not have come last, under the name they were saved with.
        """
        fishbone = self.fishbone or Fishbone()
        result: dict[str, list[Cause]] = {c: [] for c in fishbone.categories}
        for cause in self.causes:
            if cause.parent_id is None:
                name = fishbone.category_named(cause.category) or cause.category
                result.setdefault(name, []).append(cause)
        return {name: tuple(items) for name, items in result.items()}

    def sub_causes(self, cause_id: str) -> tuple[Cause, ...]:
        """Return the causes directly under the cause ``cause_id``."""
        return tuple(c for c in self.causes if c.parent_id == cause_id)

    def causes_by_votes(self) -> tuple[Cause, ...]:
        """Return every cause, most votes first (ties: larger tally, then id)."""
        return tuple(sorted(self.causes, key=lambda c: (-len(c.votes), -c.tally, c.record_id)))

    def steps_in_order(self) -> tuple[Step, ...]:
        """Return the process steps in map order (by position, then id)."""
        return tuple(sorted(self.steps, key=lambda s: (s.position, s.record_id)))

    def primary_drivers(self) -> tuple[Driver, ...]:
        """Return the primary drivers in diagram order."""
        return self._drivers(lambda d: d.level is DriverLevel.PRIMARY)

    def secondary_drivers(self, primary_id: str | None = None) -> tuple[Driver, ...]:
        """Return the secondary drivers (under ``primary_id`` if given) in diagram order."""
        return self._drivers(
            lambda d: (
                d.level is DriverLevel.SECONDARY
                and (primary_id is None or d.parent_id == primary_id)
            )
        )

    def _drivers(self, keep: Callable[[Driver], bool]) -> tuple[Driver, ...]:
        chosen = [d for d in self.drivers if keep(d)]
        return tuple(sorted(chosen, key=lambda d: (d.position, d.record_id)))

    def change_ideas_for(self, driver_id: str | None) -> tuple[ChangeIdea, ...]:
        """Return the change ideas linked to ``driver_id`` (None: those not yet linked)."""
        return tuple(i for i in self.change_ideas if i.driver_id == driver_id)

    def points_of(self, measure_id: str) -> tuple[Point, ...]:
        """Return the data points of a measure, oldest first (same date: by id)."""
        chosen = [p for p in self.points if p.measure_id == measure_id]
        return tuple(sorted(chosen, key=lambda p: (p.date, p.record_id)))

    def cycles_of(self, change_idea_id: str) -> tuple[PdsaCycle, ...]:
        """Return the PDSA cycles testing a change idea, in the order they started.

        Cycles not yet started come last, by id.
        """
        chosen = [c for c in self.pdsa_cycles if c.change_idea_id == change_idea_id]
        return tuple(
            sorted(
                chosen,
                key=lambda c: (c.started_on is None, c.started_on or dt.date.min, c.record_id),
            )
        )

    def feedback_about(self, topic: FeedbackTopic | str) -> tuple[Feedback, ...]:
        """Return the feedback about ``topic``, oldest first."""
        topic = FeedbackTopic(topic)
        chosen = [f for f in self.feedback if f.about is topic]
        return tuple(sorted(chosen, key=lambda f: (f.at, f.record_id)))

    def unread_feedback(self) -> tuple[Feedback, ...]:
        """Return the feedback nobody has marked as read, oldest first."""
        return tuple(sorted((f for f in self.feedback if not f.read), key=lambda f: f.at))

    def reflection_of(self, member: str) -> Reflection | None:
        """Return the reflection written by the team member named ``member`` (None if none).

        Found by the name stored in it (case and repeated spaces ignored), so a reflection stays
        its writer's when the team's list is reordered.
        """
        key = name_key(member)
        mine = [r for r in self.reflections if name_key(r.member) == key]
        return min(mine, key=lambda r: r.record_id) if mine else None

    def reflection_ids(self) -> dict[str, str]:
        """Return the record id of each team member's reflection, by their name as listed.

        A member's saved reflection keeps its id. Otherwise the id is the slug of their name
        (:func:`slugify`: "Ana Silva" → ``ana-silva``); the team refuses two members with the same
        name, but two different names can share a slug ("Amy-Jo Lee" and "Amy Jo Lee"), and
        then the later one in the team's list gets ``-2`` (``-3``, …): the first id not taken.
        The same id names the member's evidence pack (``<id>.zip``).
        """
        names = [m.display_name for m in self.team.members] if self.team is not None else []
        ids: dict[str, str] = {}
        for name in names:
            saved = self.reflection_of(name)
            if saved is not None:
                ids[name] = saved.record_id
        taken = {r.record_id for r in self.reflections} | set(ids.values())
        for name in names:
            if name in ids:
                continue
            base = slugify(name)
            candidate, number = base, 1
            while candidate in taken:
                number += 1
                candidate = f"{base}-{number}"
            ids[name] = candidate
            taken.add(candidate)
        return {name: ids[name] for name in names}

    # -- problems between records ---------------------------------------------------------------

    def problems(self) -> tuple[ProjectProblem, ...]:
        """Return what does not fit between records, in plain words; never raises.

        Examples: a cause in a category the fishbone does not have, a sub-cause whose main cause
        was deleted, a data point for a measure that no longer exists, a percentage point with
        more "how many" than "out of how many".
        """
        found: list[ProjectProblem] = list(self.unreadable)
        found += self._cause_problems()
        found += self._step_problems()
        found += self._driver_problems()
        found += self._measure_problems()
        found += self._pdsa_problems()
        found += self._feedback_problems()
        found += self._survey_problems()
        return tuple(found)

    def _missing(self, kind: RecordKind, record_id: str | None) -> bool:
        """Return True when ``record_id`` links to a ``kind`` of record the project lacks."""
        return record_id is not None and (kind, record_id) not in self._index

    def _cause_problems(self) -> Iterator[ProjectProblem]:
        fishbone = self.fishbone or Fishbone()
        by_id = {c.record_id: c for c in self.causes}
        for cause in self.causes:
            name = _short(cause.text) if cause.text.strip() else "A cause"
            if fishbone.category_named(cause.category) is None:
                yield ProjectProblem.about(
                    cause,
                    f"The cause {name} is in the category “{cause.category}”, which is not on "
                    "the fishbone. Move it to another category, or add the category back.",
                )
            if cause.parent_id is None:
                continue
            parent = by_id.get(cause.parent_id)
            if parent is None:
                yield ProjectProblem.about(
                    cause,
                    f"The cause {name} hangs from a main cause that has been deleted. "
                    "Pick another main cause for it, or make it a main cause.",
                )
            elif name_key(parent.category) != name_key(cause.category):
                yield ProjectProblem.about(
                    cause,
                    f"The cause {name} is in “{cause.category}” but its main cause is in "
                    f"“{parent.category}”. Put them in the same category.",
                )
            elif self._loops(cause.record_id, {c.record_id: c.parent_id for c in self.causes}):
                yield ProjectProblem.about(
                    cause,
                    f"The cause {name} ends up under itself (A under B under A). "
                    "Make one of them a main cause.",
                )

    @staticmethod
    def _loops(start: str, parents: Mapping[str, str | None]) -> bool:
        seen = {start}
        current = parents.get(start)
        while current is not None:
            if current in seen:
                return current == start
            seen.add(current)
            current = parents.get(current)
        return False

    def _step_problems(self) -> Iterator[ProjectProblem]:
        for step in self.steps:
            for key, answer in (("yes_next", "yes"), ("no_next", "no")):
                if self._missing(RecordKind.STEP, getattr(step, key)):
                    yield ProjectProblem.about(
                        step,
                        f"The decision {_short(step.text)} goes to a step that has been deleted "
                        f"when the answer is {answer}. Pick the next step again.",
                    )

    def _driver_problems(self) -> Iterator[ProjectProblem]:
        by_id = {d.record_id: d for d in self.drivers}
        for driver in self.drivers:
            if driver.level is not DriverLevel.SECONDARY:
                continue
            parent = by_id.get(driver.parent_id) if driver.parent_id else None
            if driver.parent_id is None:
                message = "is not linked to a primary driver. Link it to one."
            elif parent is None:
                message = "is linked to a primary driver that has been deleted. Link it again."
            elif parent.level is not DriverLevel.PRIMARY:
                message = "is linked to another secondary driver. Link it to a primary driver."
            else:
                continue
            yield ProjectProblem.about(
                driver,
                f"The secondary driver {_short(driver.text)} {message}",
            )
        for idea in self.change_ideas:
            if self._missing(RecordKind.DRIVER, idea.driver_id):
                yield ProjectProblem.about(
                    idea,
                    f"The change idea {_short(idea.text)} is linked to a driver that has been "
                    "deleted. Link it to another driver.",
                )

    def _measure_problems(self) -> Iterator[ProjectProblem]:
        measures = {m.record_id: m for m in self.measures}
        for point in self.points:
            when = date_words(point.date)
            measure = measures.get(point.measure_id)
            if measure is None:
                yield ProjectProblem.about(
                    point,
                    f"The data point of {when} belongs to a measure that has been deleted. "
                    "Delete the point, or restore the measure.",
                )
                continue
            about = f"The data point of {when} for {_short(measure.name)}"
            if measure.is_fraction:
                if point.value is not None:
                    yield ProjectProblem.about(
                        point,
                        f"{about} has one number, but this measure needs “how many” out of "
                        "“how many”. Type both numbers.",
                    )
                elif (
                    point.numerator is not None
                    and point.denominator is not None
                    and point.numerator > point.denominator
                ):
                    yield ProjectProblem.about(
                        point,
                        f"{about} says {point.numerator} out of {point.denominator}: the first "
                        "number cannot be bigger than the second. Check both numbers.",
                    )
            elif measure.data_kind is not DataKind.MEASUREMENT and point.value is not None:
                if point.value < 0 or not point.value.is_integer():
                    yield ProjectProblem.about(
                        point,
                        f"{about} is {point.value:g}, but this measure counts things, so each "
                        "value is a whole number of 0 or more. Check the number.",
                    )
            elif point.numerator is not None and measure.data_kind is DataKind.MEASUREMENT:
                yield ProjectProblem.about(
                    point,
                    f"{about} is “how many out of how many”, but this measure is a time or a "
                    "measurement. Type one value instead.",
                )

    def _pdsa_problems(self) -> Iterator[ProjectProblem]:
        for cycle in self.pdsa_cycles:
            name = _short(cycle.title) if cycle.title.strip() else "A PDSA cycle"
            if self._missing(RecordKind.CHANGE_IDEA, cycle.change_idea_id):
                yield ProjectProblem.about(
                    cycle,
                    f"The PDSA cycle {name} tests a change idea that has been deleted. "
                    "Pick the change idea again.",
                )
            missing = [m for m in cycle.measure_ids if self._missing(RecordKind.MEASURE, m)]
            if missing:
                yield ProjectProblem.about(
                    cycle,
                    f"The PDSA cycle {name} uses {len(missing)} measure(s) that have been "
                    "deleted. Pick its measures again.",
                )

    def _feedback_problems(self) -> Iterator[ProjectProblem]:
        for item in self.feedback:
            if self._missing(RecordKind.FEEDBACK, item.reply_to):
                yield ProjectProblem.about(
                    item,
                    f"The comment from {item.author} replies to a comment that has been deleted.",
                )

    def _survey_problems(self) -> Iterator[ProjectProblem]:
        seen: dict[tuple[str, SurveyStage], str] = {}
        for response in self.survey_responses:
            key = (response.participant_code, response.stage)
            if key in seen:
                yield ProjectProblem.about(
                    response,
                    f"The code {response.participant_code} answered the {response.stage.value} "
                    "survey more than once. Keep one answer sheet and delete the other.",
                )
            seen[key] = response.record_id
