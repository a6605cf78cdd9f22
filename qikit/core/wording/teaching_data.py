"""The words that go with each teaching data set: its title, its story and its axis label.

The numbers live in :mod:`qikit.core.teaching_data`; the words live here with every other
sentence a participant (or a room of them) reads, so they can be reviewed in one place. Each
story says who measured what, what happened and what the chart shows, in everyday words.
"""

from __future__ import annotations

from typing import NamedTuple

from qikit.core.wording import measures as worked_example


class DataSetWords(NamedTuple):
    """The words of one teaching data set: title, story, y-axis label and the change's label."""

    title: str
    story: str
    y_label: str
    change_label: str = ""


#: What the porters measured, in the words a porter would use (the demo's chart title).
PORTER_MEASURE_TITLE = "Minutes from porter request to patient collected"
#: The porters' y-axis label.
PORTER_Y_LABEL = "Minutes (weekly average)"
#: What the porters changed, as it would be written on the PDSA form.
PORTER_CHANGE_LABEL = "Requests sent to the nearest free porter"

#: The words of every teaching data set, by its permanent name.
TEACHING_DATA_WORDS: dict[str, DataSetWords] = {
    "porter-response": DataSetWords(
        title="Porter response times",
        story=(
            "The porters of a district general hospital timed how long a ward waits, from asking "
            "for a porter to the patient being collected. After week 12 they tried a change: "
            "each request now goes to the nearest free porter. The run chart shows a long run "
            "below the middle line after the change: the wait really did get shorter."
        ),
        y_label=PORTER_Y_LABEL,
        change_label=PORTER_CHANGE_LABEL,
    ),
    "bed-cleaning": DataSetWords(
        title="Bed-cleaning turnaround",
        story=(
            "The domestic team on the surgical wards timed how long it takes to get a bed clean "
            "and ready after a patient goes home, one day at a time. On day 14 two of the team "
            "were off sick and nobody covered. The control chart shows that one day far above "
            "the top dashed line; the other days are the usual ups and downs."
        ),
        y_label="Minutes from discharge to bed ready",
    ),
    "meal-waste": DataSetWords(
        title="Meal waste on Ward 7",
        story=(
            "The catering team weighed the food sent back uneaten from Ward 7 each week. From "
            "week 13 patients chose their meal at the bedside on the day, not the day before. "
            "The control chart shows all 12 weeks before the change above the middle line and "
            "most weeks after it below: less food is thrown away."
        ),
        y_label="Kilograms of food sent back (per week)",
        change_label="Patients choose their meal at the bedside",
    ),
    "hand-hygiene": DataSetWords(
        title="Hand-hygiene audit",
        story=(
            "Each month the infection control team watched staff at the wash basins and counted "
            "how often hands were cleaned when they should be. In month 10 many agency staff "
            "started who had not had the ward's training. The chart of percentages shows that "
            "month below the bottom dashed line; the other months are the usual ups and downs."
        ),
        y_label="Hands cleaned when they should be (%)",
    ),
    "falls": DataSetWords(
        title="Patient falls per 1,000 bed-days",
        story=(
            "The wards counted patient falls each month, and how many bed-days there were, so a "
            "busy month is compared fairly with a quiet one. The latest month had the most falls "
            "of the two years and people were worried. The chart shows every month, the latest "
            "too, between the dashed lines: no sign of change, so look at the whole system, not "
            "at one bad month."
        ),
        y_label="Falls per 1,000 bed-days",
    ),
    "linen-shortages": DataSetWords(
        title="Linen shortages",
        story=(
            "The linen porters counted each time a ward ran out of sheets or towels, week by "
            "week. In week 12 the laundry van broke down for three days. The chart of counts "
            "shows that week far above the top dashed line; the other weeks are the usual ups "
            "and downs."
        ),
        y_label="Times a ward ran out of linen (per week)",
    ),
    "needlestick": DataSetWords(
        title="Days between needlestick injuries",
        story=(
            "The cleaning team counted the days between one needlestick injury and the next, "
            "because injuries are rare. After the 16th injury new sharps bins with a closing lid "
            "went on every ward. The gaps got longer: the chart shows one gap of 109 days, far "
            "above the top dashed line. On this chart, higher is better."
        ),
        y_label="Days since the injury before",
        change_label="Sharps bins with a closing lid on every ward",
    ),
    # The help panel's worked example (its words and numbers live in wording.measures).
    "beds-ready": DataSetWords(
        title="Beds ready within 1 hour",
        story=(
            "The "
            + worked_example.EXAMPLE_INTRO.removeprefix("Example: the ")
            + " The run chart shows all 8 weeks after the change above the middle line: more "
            "beds are ready on time."
        ),
        y_label=worked_example.EXAMPLE_UNIT,
        change_label="The nurse in charge bleeps the domestic at discharge",
    ),
    "trolley-restock": DataSetWords(
        title="Restocking a cleaning trolley",
        story=(
            "A cleaner timed how long it takes to restock the cleaning trolley, twice a week for "
            "six weeks. After the 6th time the store cupboard was set out in the order the "
            "trolley is filled, and it did save about a minute. But the change is small and "
            "there are only 12 points, so the chart rightly shows no signal yet: keep "
            "measuring before you decide."
        ),
        y_label="Minutes to restock the trolley",
        change_label="Store cupboard set out in trolley order",
    ),
}

#: The message when a data set's name is not known: ``{names}`` lists the known ones.
UNKNOWN_DATA_SET = "Use one of these names: {names}."
