"""The demo measure: how long patients wait for a porter, week by week.

Written out literally (no random numbers) so the demo, its screenshots and its tests always show
the same chart. Pure data — pandas only — so anything can use it, including the core's tests.
"""

from __future__ import annotations

import pandas as pd

#: What is measured, in the words a porter would use.
MEASURE_TITLE = "Minutes from porter request to patient collected"
#: The y-axis label.
Y_LABEL = "Minutes (weekly average)"
#: The last week before the change. The change started at the beginning of the next week.
CHANGE_WEEK = 12
#: What was changed, as it would be written on the PDSA form.
CHANGE_LABEL = "Requests sent to the nearest free porter"
#: Monday of the first week.
FIRST_MONDAY = "2025-01-06"

#: Average minutes from a ward's request to the patient being collected, for 24 weeks.
#: Weeks 1-12 before the change (about 40 minutes), weeks 13-24 after it (about 28 minutes).
MINUTES: tuple[float, ...] = (
    41.2,
    37.5,
    44.1,
    39.0,
    36.4,
    42.3,
    45.0,
    38.2,
    40.6,
    35.1,
    43.4,
    39.8,
    33.2,
    30.1,
    28.4,
    31.0,
    27.3,
    29.5,
    26.1,
    30.2,
    28.0,
    25.4,
    29.1,
    27.2,
)
#: Porter requests logged each week (the number of jobs behind each average).
REQUESTS: tuple[int, ...] = (
    212,
    198,
    225,
    207,
    189,
    219,
    231,
    203,
    210,
    195,
    224,
    208,
    215,
    201,
    209,
    220,
    196,
    211,
    204,
    218,
    199,
    213,
    207,
    216,
)


def demo_measure() -> pd.DataFrame:
    """Return the 24 weeks as a table: ``week``, ``week_starting``, ``minutes``, ``requests``."""
    weeks = len(MINUTES)
    return pd.DataFrame(
        {
            "week": range(1, weeks + 1),
            "week_starting": pd.date_range(FIRST_MONDAY, periods=weeks, freq="7D"),
            "minutes": MINUTES,
            "requests": REQUESTS,
        }
    )
