"""Every sentence of the measures tool: labels, help, messages and the worked example.

Plain English, short sentences, second person. The worked example is a domestic (cleaning) team
measuring how many beds are ready soon after a patient goes home; it is drawn with the same
renderer as the team's own measures.
"""

from __future__ import annotations

from qikit.core.model import Improvement, MeasureType
from qikit.core.spc.chart_choice import DataKind

TITLE = "Measures and run charts"

WHAT_IS_IT = (
    "A measure is a number you write down every week (or every day) to see whether a change "
    "is making things better.\n\n"
    "You put the numbers on a run chart: a chart of your points over time with a middle line. "
    "The chart tells you when something has really changed, and when it is just the normal "
    "ups and downs.\n\n"
    "Most teams use three kinds of measure. An outcome measure is the result you want. A "
    "process measure checks that the new way of working is being done. A balancing measure "
    "checks that you have not made something else worse."
)

HOW_TO = (
    "1. Add a measure and give it a short name.\n\n"
    "2. Write exactly what is counted and how, so anyone in the team would get the same "
    "number. Say who counts, when, and what counts and what does not.\n\n"
    "3. Answer “What are you measuring?”. The tool suggests the right chart.\n\n"
    "4. Each week, type the week's number in the empty row at the end of the table. If you keep "
    "your numbers in Excel, copy the cells and paste them into the table.\n\n"
    "5. When you start a change, mark the date with “A change started here”. Your PDSA cycles "
    "for this measure appear on the chart by themselves.\n\n"
    "6. Read the sentence under the chart. It tells you in plain words whether something has "
    "changed. Wait for at least 10 points before you decide."
)

# -- choosing and adding a measure -----------------------------------------------------------------

PICK_MEASURE = "Measure you are working on"
NO_MEASURES_YET = "You have no measures yet. Type a name below and press “Add a measure”."
NEW_MEASURE_NAME = "Name of a new measure"
NEW_MEASURE_PLACEHOLDER = "For example: Beds ready within 1 hour"
ADD_MEASURE = "Add a measure"
NEED_A_NAME = "Type a name for the new measure first, then press “Add a measure”."
DELETE_MEASURE = "Delete this measure"
DELETED_MEASURE = (
    "The measure “{name}” and its {points} were deleted. Your mentor can bring them back "
    "if you need them."
)

# -- defining a measure ---------------------------------------------------------------------------

SECTION_DEFINE = "1. What you measure"
NAME = "Measure name"
MEASURE_TYPE = "Type of measure"
MEASURE_TYPE_CHOICES: dict[MeasureType, tuple[str, str]] = {
    MeasureType.OUTCOME: (
        "Outcome measure",
        "The result you want to see, for the patient or the service (for example beds ready "
        "on time).",
    ),
    MeasureType.PROCESS: (
        "Process measure",
        "Checks that the new way of working is really being done (for example the domestic "
        "was called within 10 minutes).",
    ),
    MeasureType.BALANCING: (
        "Balancing measure",
        "Checks that fixing one thing has not made something else worse (for example other "
        "cleaning jobs left undone).",
    ),
}
DEFINITION = "Exactly what is counted and how"
DEFINITION_PLACEHOLDER = (
    "Who counts, when, and what counts. For example: each Monday the ward domestic counts the "
    "discharged beds from last week, and how many were clean within 1 hour of the patient "
    "leaving (from the bed board)."
)
DATA_KIND = "What are you measuring?"
SUGGESTED_CHART = "Suggested chart: {name}."
UNIT = "Unit (for example minutes, beds or meals)"
UNIT_PERCENT = "%"
TARGET = "Target (leave empty if you have none)"
TARGET_PLACEHOLDER = "For example 90"
TARGET_NOT_A_NUMBER = "The target must be a number, such as 90 or 4.5. Leave it empty for none."
IMPROVEMENT = "Which way is better?"
IMPROVEMENT_CHOICES: dict[Improvement, str] = {
    Improvement.INCREASE: "Higher is better",
    Improvement.DECREASE: "Lower is better",
    Improvement.NEUTRAL: "Neither",
}

# -- entering data: the table of numbers -----------------------------------------------------

SECTION_DATA = "2. Your numbers"
TABLE_HOW = (
    "Type in the table: Tab moves to the next box, Enter to the row below. Type in the empty "
    "row at the end to add a point. To paste from Excel or Google Sheets, copy the cells, "
    "click the box where the first one should go, and paste."
)
TABLE_CAPTION = "Your numbers: one row for each point, oldest first"
DATE = "Date"
VALUE = "Number"
NUMERATOR = "How many"
DENOMINATOR = "Out of how many"
NOTE = "Note"
#: How each column is named after the row in a screen reader: "Point 3, number".
COLUMN_NAMES: dict[str, str] = {
    "date": "date",
    "value": "number",
    "numerator": "how many",
    "denominator": "out of how many",
    "note": "note",
}
ROW_HEADER = "Point"
ROW_LABEL = "Point {n}"
NEW_ROW_LABEL = "New point"
REMOVE_HEADER = "Remove"
REMOVE_ROW = "Remove point {n}"
REMOVE_TEXT = "Remove"
NO_POINTS_YET = (
    "No numbers yet. Type your first date and number in the empty row, or paste them from Excel."
)
NEED_A_DATE = "Pick a date from the calendar."
TYPE_A_DATE = "Type the date of this point, like 03/12/2026 or 3 Dec 2026."
DATE_NOT_READ = "Type a date like 03/12/2026 or 3 Dec 2026 (day first, then month)."
NO_SUCH_DATE = "There is no such day: check the day and the month (day first, like 03/12/2026)."
DATE_TAKEN = "There is already a point for {date}. Change that row instead, or type another date."
NOT_A_NUMBER = "Type a number, like 12 or 12.5 (use a decimal point, not a comma)."
NOT_A_COUNT = "This measure counts things, so type a whole number of 0 or more, such as 3."
NOT_A_WHOLE_NUMBER = "Type a whole number of 0 or more, such as 17."
NEED_BOTH = "Fill in both “how many” and “out of how many”, or leave both empty."
TOP_TOO_BIG = "“How many” cannot be bigger than “out of how many”. Check both numbers."
BOTTOM_ZERO = "“Out of how many” cannot be 0. If there was nothing to count, leave both empty."
CELL_NEEDS_CHANGING = "the box marked in red in the table needs changing."
NOT_SAVED = "Not saved: {message}"
PASTE_TOO_WIDE = (
    "This line had {extra} more cells than the table has columns, so they were left out."
)
POINT_DELETED = "Deleted the point for {date}. Your mentor can bring it back if you need it."


def points_words(count: int) -> str:
    """Return "1 point" or "3 points"."""
    return f"{count} point" if count == 1 else f"{count} points"


def paste_done(added: int, updated: int, bad: int = 0) -> str:
    """Return what a paste into the table did, in words."""
    sentence = f"Added {points_words(added)} and changed {points_words(updated)} you already had."
    if bad:
        cells = (
            "1 box could not be read: it is"
            if bad == 1
            else f"{bad} boxes could not be read: they are"
        )
        sentence += (
            f" {cells} marked in red in the table, with what you pasted still there to correct."
        )
    return sentence


# -- the chart ------------------------------------------------------------------------------------

SECTION_CHART = "3. Your chart"
CHART_CHOICE = "Which chart?"
CHART_AUTO = "Let the tool choose: a run chart until you have 12 points, then the {name}"
CHART_RUN = "Run chart (the simplest: points and a middle line)"
CHART_SUGGESTED = "{name}"
CHART_FAILED = "The chart cannot be drawn yet: {message}"
CHART_FALLBACK = "The {name} cannot be drawn from these numbers, so a run chart is shown: {message}"
NO_CHART_YET = "Your chart appears here once you add your first number."
WHAT_IT_SHOWS = "What the chart shows"
FULL_DESCRIPTION = "Full description (for screen readers)"
DIRECTION_WORDS: dict[Improvement, str] = {
    Improvement.INCREASE: "For this measure higher is better, so points going up are good news.",
    Improvement.DECREASE: "For this measure lower is better, so points going down are good news.",
    Improvement.NEUTRAL: "",
}
PHASE_TITLE = "A change started here"
PHASE_HOW = (
    "When you change the way you work, mark the date. The chart starts a new part there, with "
    "its own middle line, so you can compare before and after."
)
PHASE_DATE = "Date the change started"
ADD_PHASE = "Mark a change on this date"
PHASE_LIST = "Changes marked on this chart:"
NO_PHASES = "No changes marked yet."
REMOVE_PHASE_PICK = "Change to remove"
REMOVE_PHASE = "Remove this change mark"
PHASE_TAKEN = "A change is already marked on {date}."
PHASE_FIRST_PART = "Before"
PHASE_LATER_PART = "From {date}"
PDSA_LIST = (
    "PDSA cycles for this measure (PDSA means Plan, Do, Study, Act: a small test of a change):"
)
PDSA_NOT_ON_CHART = (
    "{title} started on {date}, after your last point: it will appear once you add later points."
)
PDSA_NO_START = "{title} has no start date yet, so it is not on the chart."
PDSA_UNTITLED = "A PDSA cycle"
PROBLEMS_TITLE = "Please check:"
NEW_SIGNAL = "Your chart has changed. {reading}"
CHART_OPTIONS = "How the chart is drawn"

# -- the static page (for mentors) ----------------------------------------------------------------

STATIC_TITLE = "Measures"
STATIC_NONE = "This team has not added any measures yet."
STATIC_TYPE = "Type"
STATIC_DEFINITION = "Exactly how it is measured"
STATIC_NO_DEFINITION = "Not written yet."
STATIC_DATA_KIND = "What is measured"
STATIC_UNIT = "Unit"
STATIC_TARGET = "Target"
STATIC_NO_TARGET = "None"
STATIC_IMPROVEMENT = "Which way is better"
STATIC_CHART = "Chart"
STATIC_NUMBERS = "The numbers ({points})"

# -- the worked example ----------------------------------------------------------------------------

EXAMPLE_INTRO = (
    "Example: the domestic team on Ward 7 wanted beds to be clean and ready sooner after a "
    "patient goes home. They counted every week how many beds were ready within 1 hour. After "
    "10 weeks they tried a change: the nurse in charge bleeps the domestic as soon as the "
    "patient leaves."
)
EXAMPLE_MEASURE_NAME = "Beds ready within 1 hour of discharge"
EXAMPLE_MEASURE_TYPE = MeasureType.OUTCOME
EXAMPLE_DATA_KIND = DataKind.PERCENTAGE
EXAMPLE_DEFINITION = (
    "Every Monday the ward domestic supervisor looks at last week's discharges on the bed "
    "board. For each bed, she checks whether it was marked clean within 60 minutes of the "
    "patient leaving. Side rooms needing a deep clean are not counted."
)
EXAMPLE_UNIT = "% of beds"
EXAMPLE_TARGET = 90.0
EXAMPLE_IMPROVEMENT = Improvement.INCREASE
#: First Monday of the example data (ISO date) and each week's (ready within 1 hour, discharges).
EXAMPLE_START = "2025-01-06"
EXAMPLE_WEEKS: tuple[tuple[int, int], ...] = (
    (21, 34),
    (19, 31),
    (24, 36),
    (18, 30),
    (22, 33),
    (20, 35),
    (23, 32),
    (19, 34),
    (21, 31),
    (22, 36),
    (27, 33),
    (29, 35),
    (28, 32),
    (30, 34),
    (29, 31),
    (31, 35),
    (30, 33),
    (32, 34),
)
#: The change (their PDSA cycle) started in week 11, counting from 1.
EXAMPLE_CHANGE_WEEK = 11
EXAMPLE_PDSA_TITLE = "PDSA 1: nurse bleeps the domestic at discharge"
EXAMPLE_NOTES: dict[int, str] = {4: "Two domestics off sick", 11: "Bleep started on Monday"}
