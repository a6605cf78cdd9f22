"""Words of the charter and aim tool."""

from __future__ import annotations

TITLE = "Your project charter and aim"

WHAT_IS_IT = (
    "A charter is one page that says what your project is about: the problem you want to fix, "
    "why it matters, and what is in and out of your project.\n\n"
    "The aim is one sentence that says what will get better, by how much, for whom and by "
    "when. A clear aim lets everyone — your team, your manager, your mentor — see what success "
    "looks like."
)

HOW_TO = (
    "Write the problem in your own words, as you would tell a colleague on a break. Say what "
    "happens, where and how often.\n\n"
    "Then answer the four aim questions. Each answer can be short. qikit joins them into one "
    "sentence below, and tells you which parts are still missing.\n\n"
    "You do not need to finish in one go: everything is saved as you type."
)

#: Labels of the boxes, in the order they appear.
LABELS = {
    "problem": "What is the problem?",
    "why_it_matters": "Why does it matter? (to patients, to staff, to the hospital)",
    "scope": "What is in your project, and what is not?",
    "aim_what": "What will improve?",
    "aim_how_much": "By how much?",
    "aim_for_whom": "For whom?",
    "aim_by_when": "By when? (a date, or words like “the end of March”)",
}

PLACEHOLDERS = {
    "problem": "For example: patients wait too long for a porter to take them to X-ray.",
    "aim_what": "For example: reduce the time patients wait for a porter",
    "aim_how_much": "For example: from 40 to 25 minutes",
    "aim_for_whom": "For example: patients on wards 3 and 4",
    "aim_by_when": "For example: 2027-03-31 or the end of March",
}

AIM_HEADING = "Your aim, as one sentence"
AIM_EMPTY = "Answer the four questions above and your aim sentence will appear here."
AIM_MISSING = "Still to answer:"
AIM_COMPLETE = "All four parts of your aim are there."

#: The worked example shown beside the team's own charter (a portering team).
EXAMPLE = {
    "problem": (
        "Patients going for X-rays from wards 3 and 4 wait a long time for a porter. Nurses "
        "phone the portering desk, and the job is passed on by radio. Some jobs are missed "
        "when the desk is busy."
    ),
    "why_it_matters": (
        "Patients miss their X-ray slot and stay in hospital longer. Nurses spend time chasing "
        "porters instead of caring for patients."
    ),
    "scope": (
        "In: trips from wards 3 and 4 to X-ray, weekdays 8am to 6pm. Out: emergency transfers "
        "and nights."
    ),
    "aim_what": "reduce the time patients wait for a porter",
    "aim_how_much": "from 40 to 25 minutes on average",
    "aim_for_whom": "patients on wards 3 and 4 going to X-ray",
    "aim_by_when": "2027-03-31",
}
