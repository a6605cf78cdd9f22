"""A realistic sample project for one team: the porters' X-ray waits, with every tool filled in.

Used by the workbook tests (a cohort with real content on every page), and meant for ``make
demo`` and trainers' live demonstrations. The content is what a portering team might write in
their first months of QI: a charter with a full SMART aim, five voted causes, a six-step process
map with its problems marked, one outcome measure of 20 weekly points that drops after the team's
change (a shift a run chart finds), a driver diagram, two PDSA cycles with decisions and comments
from the team's mentor.

Everything is fixed (dates, record ids), so building the project twice writes nothing new: the
store saves only the fields that differ. No ipywidgets, no matplotlib.
"""

from __future__ import annotations

import datetime as dt

from qikit.core.model import (
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
    Project,
    Record,
    Step,
    StepProblem,
    StepType,
    Team,
)
from qikit.store.base import Store
from qikit.store.records import load_project, save_record

__all__ = [
    "SAMPLE_AUTHOR",
    "SAMPLE_TEAM_NAME",
    "build_sample_project",
    "sample_records",
    "sample_team",
]

#: Who the sample records are saved by (shown in their history).
SAMPLE_AUTHOR = "qikit sample data"
SAMPLE_TEAM_NAME = "X-ray porters"
#: The Monday of the first week of data.
FIRST_WEEK = dt.date(2026, 1, 5)
#: Average minutes from a ward's request to the patient leaving the ward, week by week. The
#: team's change (job requests on a tablet) starts in week 11: the last 10 weeks all sit below
#: the median, a shift a run chart finds.
WEEKLY_MINUTES = (
    41, 38, 44, 39, 42, 40, 37, 43, 41, 39,
    33, 31, 30, 34, 29, 32, 30, 28, 31, 29,
)  # fmt: skip
CHANGE_WEEK = 11

MEASURE_ID = "sample-wait"
IDEA_TABLET = "sample-idea-tablet"


def _week(number: int) -> dt.date:
    """Return the Monday of week ``number`` (1 = the first week of data)."""
    return FIRST_WEEK + dt.timedelta(weeks=number - 1)


def sample_team(slug: str, name: str = SAMPLE_TEAM_NAME) -> Team:
    """Return the sample team record under ``slug``: members, roles and a mentor."""
    return Team(
        name=name,
        slug=slug,
        department="Portering and Facilities",
        members=(
            Member("Amy Clarke", "Porter and team lead"),
            Member("Tom Okafor", "Porter"),
            Member("Priya Shah", "Porter"),
            Member("Dave Hughes", "Portering supervisor"),
            Member("Jo Bennett", "Porters' desk"),
        ),
        mentor="Sam Patel",
    )


def _charter() -> Charter:
    return Charter(
        problem=(
            "Patients going to X-ray wait too long for a porter. From the ward's phone call to "
            "the patient leaving the ward takes about 40 minutes on average."
        ),
        why_it_matters=(
            "Patients miss their scan slot and have to be fitted in later. Nurses ring the desk "
            "again and again to chase us, and the X-ray team sits waiting."
        ),
        scope="Requests from wards 3 and 4 to X-ray, Monday to Friday, 8am to 6pm.",
        aim_what="reduce the time patients wait for a porter to X-ray",
        aim_how_much="from 40 to 25 minutes",
        aim_for_whom="patients on wards 3 and 4",
        aim_by_when="2026-06-30",
    )


_VOTERS = ("Amy Clarke", "Tom Okafor", "Priya Shah", "Dave Hughes", "Jo Bennett")
#: (id, category, cause, number of votes)
_CAUSES = (
    ("sample-cause-paper", "Methods", "Requests come by phone and go on scraps of paper", 5),
    ("sample-cause-staff", "People", "Not enough porters on the early shift", 4),
    ("sample-cause-chairs", "Equipment", "Wheelchairs are never where we expect them", 3),
    ("sample-cause-lift", "Environment", "The main lift is slow and often out of order", 2),
    ("sample-cause-oxygen", "Communication", "Wards do not say if the patient needs oxygen", 1),
)  # fmt: skip


def _causes() -> list[Record]:
    return [
        Fishbone(effect="Patients wait too long for a porter to take them to X-ray"),
        *(
            Cause(record_id=rid, category=category, text=cause_text, votes=_VOTERS[:votes])
            for rid, category, cause_text, votes in _CAUSES
        ),
    ]


def _process_map() -> list[Record]:
    return [
        ProcessMap(title="Taking a patient from the ward to X-ray"),
        Step(
            record_id="sample-step-1",
            position=1,
            step_type=StepType.START_END,
            text="The ward phones the porters' desk",
        ),
        Step(
            record_id="sample-step-2",
            position=2,
            step_type=StepType.TASK,
            text="The desk writes the job on the whiteboard",
            problem=StepProblem.HAND_OFF,
            problem_note="Jobs get missed when the board is busy or the writing is unclear.",
        ),
        Step(
            record_id="sample-step-3",
            position=3,
            step_type=StepType.WAIT,
            text="The porter looks for a wheelchair",
            problem=StepProblem.DELAY,
            problem_note="Often 10 minutes searching other floors.",
        ),
        Step(
            record_id="sample-step-4",
            position=4,
            step_type=StepType.DECISION,
            text="Is the patient ready to go?",
            yes_next="sample-step-5",
            no_next="sample-step-2",
            problem=StepProblem.REWORK,
            problem_note="About 1 patient in 5 is not ready, so the job goes back on the board.",
        ),
        Step(
            record_id="sample-step-5",
            position=5,
            step_type=StepType.TASK,
            text="Take the patient to X-ray in the lift",
            problem=StepProblem.DELAY,
            problem_note="The main lift is slow.",
        ),
        Step(
            record_id="sample-step-6",
            position=6,
            step_type=StepType.START_END,
            text="The patient arrives at X-ray",
        ),
    ]


def _measure() -> list[Record]:
    measure = Measure(
        record_id=MEASURE_ID,
        name="Minutes from request to patient leaving the ward",
        measure_type=MeasureType.OUTCOME,
        operational_definition=(
            "For every X-ray request from wards 3 and 4 the desk writes down the time of the "
            "call and the time the porter leaves the ward with the patient. Each week we take "
            "the average of those minutes."
        ),
        unit="minutes",
        target=25,
        improvement=Improvement.DECREASE,
        chart="run",
    )
    notes = {CHANGE_WEEK: "Job requests on a tablet started on ward 3", 6: "Two porters off sick"}
    points = [
        Point(
            record_id=f"sample-point-{week:02d}",
            measure_id=MEASURE_ID,
            date=_week(week),
            value=float(minutes),
            note=notes.get(week, ""),
        )
        for week, minutes in enumerate(WEEKLY_MINUTES, start=1)
    ]
    return [measure, *points]


def _driver_diagram() -> list[Record]:
    return [
        Driver(
            record_id="sample-driver-know",
            text="Porters hear about jobs straight away",
            level=DriverLevel.PRIMARY,
            position=1,
        ),
        Driver(
            record_id="sample-driver-ready",
            text="Everything is ready when the porter arrives",
            level=DriverLevel.PRIMARY,
            position=2,
        ),
        Driver(
            record_id="sample-driver-one-way",
            text="One clear way to ask for a porter",
            level=DriverLevel.SECONDARY,
            parent_id="sample-driver-know",
            position=1,
        ),
        Driver(
            record_id="sample-driver-chairs",
            text="Wheelchairs kept in a known place",
            level=DriverLevel.SECONDARY,
            parent_id="sample-driver-ready",
            position=2,
        ),
        Driver(
            record_id="sample-driver-patient",
            text="The patient is ready before the ward calls",
            level=DriverLevel.SECONDARY,
            parent_id="sample-driver-ready",
            position=3,
        ),
        ChangeIdea(
            record_id=IDEA_TABLET,
            text="Job requests on a tablet instead of the phone",
            driver_id="sample-driver-one-way",
        ),
        ChangeIdea(
            record_id="sample-idea-chair-park",
            text="A wheelchair park next to each lift",
            driver_id="sample-driver-chairs",
        ),
        ChangeIdea(
            record_id="sample-idea-ready-tick",
            text="The ward ticks “patient ready” before it calls",
            driver_id="sample-driver-patient",
        ),
    ]


def _pdsa_cycles() -> list[Record]:
    return [
        PdsaCycle(
            record_id="sample-pdsa-1",
            title="A tablet on ward 3 for one week",
            change_idea_id=IDEA_TABLET,
            measure_ids=(MEASURE_ID,),
            status=PdsaStatus.DONE,
            objective="See if a tablet gets jobs to porters faster than the phone.",
            question="Will jobs reach a porter faster if ward 3 sends them on a tablet?",
            prediction="Jobs will reach a porter within 2 minutes, and the wait will drop.",
            who="Amy and the ward 3 nurses",
            what="Ward 3 sends every X-ray job on the tablet; the desk tablet beeps.",
            when="One week",
            where="Ward 3 and the porters' desk",
            data_to_collect="Time of each request and time the patient leaves the ward.",
            what_happened="28 jobs were sent on the tablet. Two were missed because the "
            "tablet's battery ran flat.",
            surprises="The nurses liked seeing which porter was on the way.",
            result_vs_prediction="Most jobs reached a porter within 2 minutes, as we predicted. "
            "The flat battery was a problem we had not thought of.",
            decision=PdsaDecision.ADAPT,
            next_step="Put a charger on the ward and test on wards 3 and 4.",
            started_on=_week(CHANGE_WEEK),
            finished_on=_week(CHANGE_WEEK) + dt.timedelta(days=6),
        ),
        PdsaCycle(
            record_id="sample-pdsa-2",
            title="Tablets with chargers on wards 3 and 4 for two weeks",
            change_idea_id=IDEA_TABLET,
            measure_ids=(MEASURE_ID,),
            status=PdsaStatus.DONE,
            objective="Check the tablet works on two wards when it is always charged.",
            question="Does the wait stay down with two wards using tablets?",
            prediction="The weekly average wait will stay near 30 minutes.",
            who="Amy, Tom and the nurses on wards 3 and 4",
            what="Both wards send X-ray jobs on a tablet kept on its charger.",
            when="Two weeks",
            where="Wards 3 and 4",
            data_to_collect="The same times as before.",
            what_happened="No jobs were missed. The wait stayed at about 30 minutes.",
            surprises="Ward 4 started adding “needs oxygen” to the job without being asked.",
            result_vs_prediction="As we predicted: the wait stayed down on both wards.",
            decision=PdsaDecision.ADOPT,
            next_step="Ask the facilities manager for tablets on every ward.",
            started_on=_week(CHANGE_WEEK + 2),
            finished_on=_week(CHANGE_WEEK + 3) + dt.timedelta(days=6),
        ),
    ]


def _feedback() -> list[Record]:
    return [
        Feedback(
            record_id="sample-feedback-1",
            about=FeedbackTopic.CHARTER,
            author="Sam Patel",
            at="2026-01-16T10:15:00+00:00",
            text="Your aim is clear and has all four parts. Well done!",
            read=True,
            from_mentor=True,
        ),
        Feedback(
            record_id="sample-feedback-2",
            about=FeedbackTopic.MEASURES,
            author="Sam Patel",
            at="2026-03-27T14:30:00+00:00",
            text="Your run chart shows a real change since the tablets. Next, count how many "
            "jobs are missed each week, so you know the tablets do not cause a new problem.",
            from_mentor=True,
        ),
        Feedback(
            record_id="sample-feedback-3",
            about=FeedbackTopic.TEAM,
            author="Amy Clarke",
            at="2026-03-28T09:00:00+00:00",
            text="Thanks Sam, we will start counting missed jobs on Monday.",
            reply_to="sample-feedback-2",
        ),
    ]


def sample_records() -> list[Record]:
    """Return every record of the sample project except the team record, in a fixed order."""
    return [
        _charter(),
        *_causes(),
        *_process_map(),
        *_measure(),
        *_driver_diagram(),
        *_pdsa_cycles(),
        *_feedback(),
    ]


def build_sample_project(store: Store, team: str, *, author: str = SAMPLE_AUTHOR) -> Project:
    """Return the team's project after saving the sample records into ``store`` for ``team``.

    A team record is saved too when the store has none for ``team`` (an existing one — its
    name, members and mentor — is kept). Running it again changes nothing.
    """
    if store.get(team, "team", "main") is None:
        save_record(store, team, sample_team(team), author=author)
    for record in sample_records():
        save_record(store, team, record, author=author)
    return load_project(store, team)
