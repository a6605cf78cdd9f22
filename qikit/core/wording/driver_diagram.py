"""Words for the driver diagram tool: labels, help and a worked example from a porters' team.

Plain English, short sentences, second person. The example is plain data (no model records) so
this module stays pure; :mod:`qikit.render.driver_diagram` turns it into a small project.
"""

from __future__ import annotations

TITLE = "Driver diagram: what has to happen to reach your aim"

WHAT_IS_IT = (
    "A driver diagram is a map of your ideas. On the left is your aim: the one thing you want "
    "to improve.\n\n"
    "Primary drivers are the few big things that must go right to reach the aim. Secondary "
    "drivers are the smaller things that make each primary driver happen.\n\n"
    "Change ideas are things you could try. Each one should push a driver. You test each idea "
    "with small PDSA cycles (Plan, Do, Study, Act: a small test of a change)."
)

HOW_TO = (
    "Your aim comes from your project charter, so fill that in first.\n\n"
    "Ask: what must happen for us to reach this aim? Write 2 to 5 short answers as primary "
    "drivers.\n\n"
    "For each primary driver ask: what makes this happen? Write those as secondary drivers.\n\n"
    "Then ask: what could we try that would push this driver? Write those as change ideas and "
    "link each one to its driver. Your fishbone and process map are good places to find them.\n\n"
    "Pick one idea and press “Start a PDSA cycle to test this idea”. Everything saves by "
    "itself when you leave a box."
)

EXAMPLE_INTRO = (
    "This is how the portering team on the main site mapped their aim. Yours will be "
    "different: it is only an example."
)

# Labels of controls (each is also the accessible name of its control).
AIM_HEADING = "Your aim"
AIM_EMPTY = (
    "Your aim is empty. Fill in the aim in your project charter first: it will show here by itself."
)
PRIMARY_HEADING = "Primary drivers: the big things that must go right"
SECONDARY_HEADING = "Secondary drivers: what makes each primary driver happen"
IDEAS_HEADING = "Change ideas: things you could try"
OUTLINE_HEADING = "The diagram in words"

NEW_PRIMARY = "New primary driver"
ADD_PRIMARY = "Add this primary driver"
NEW_SECONDARY = "New secondary driver"
NEW_SECONDARY_PARENT = "It makes this primary driver happen"
ADD_SECONDARY = "Add this secondary driver"
NEW_IDEA = "New change idea"
NEW_IDEA_DRIVER = "It pushes this driver"
ADD_IDEA = "Add this change idea"

PRIMARY_LABEL = "Primary driver"
SECONDARY_LABEL = "Secondary driver"
IDEA_LABEL = "Change idea"
PARENT_LABEL = "Under primary driver"
DRIVER_LABEL = "Pushes driver"
DELETE_DRIVER = "Delete this driver"
DELETE_IDEA = "Delete this idea"
START_CYCLE = "Start a PDSA cycle to test this idea"

NOT_LINKED = "Not linked yet"
PICK_PRIMARY = "Pick a primary driver"
NO_PRIMARY_YET = "Add a primary driver first: a secondary driver hangs from one."
EMPTY_TEXT = "Type the words first, then press the button."
PARENT_MISSING = (
    "Its primary driver has been deleted. Pick another one, or ask your mentor to bring the "
    "deleted one back."
)
DRIVER_MISSING = (
    "The driver this idea was linked to has been deleted. Pick another one, or ask your mentor "
    "to bring it back."
)
DELETED = "Deleted. If that was a mistake, your mentor can bring it back from the history."
CYCLE_STARTED = "A new PDSA cycle has started for “{idea}”. Open the PDSA log to plan it."

# Words drawn on the diagram.
COLUMN_HEADINGS = ("Aim", "Primary drivers", "Secondary drivers", "Change ideas")
NO_AIM_ON_DIAGRAM = "No aim yet: fill in your project charter"
NO_PRIMARY_ON_DIAGRAM = "No primary drivers yet"
NO_PARENT_ON_DIAGRAM = "Needs a primary driver"
NO_DRIVER_ON_DIAGRAM = "Not linked to a driver yet"
UNTITLED = "(no words yet)"


def cycles_tested(count: int) -> str:
    """Return how many PDSA cycles test an idea, in words ("Tested in 2 PDSA cycles")."""
    if count == 0:
        return "Not tested yet"
    return f"Tested in {count} PDSA cycle{'s' if count != 1 else ''}"


#: The worked example: the portering team's aim, drivers and change ideas.
EXAMPLE_AIM = (
    "We will cut the time patients wait for a porter to take them to X-ray from 40 to 20 "
    "minutes for patients on wards 3 and 4 by 31 March 2027."
)
#: (primary driver, ((secondary driver, (change idea, PDSA cycles so far), ...), ...))
EXAMPLE_DRIVERS: tuple[tuple[str, tuple[tuple[str, tuple[tuple[str, int], ...]], ...]], ...] = (
    (
        "Porters hear about a job straight away",
        (
            (
                "Job requests reach a free porter",
                (
                    ("Send X-ray jobs to the porters' handsets, not the base phone", 2),
                    ("A whiteboard at the porters' base showing who is free", 0),
                ),
            ),
        ),
    ),
    (
        "The patient is ready when the porter arrives",
        (
            (
                "Ward staff know a porter is on the way",
                (("Ward phones the porter base back when the patient is ready", 1),),
            ),
            (
                "Notes and oxygen are ready to go",
                (("A “Ready for porter” card on the bed table", 3),),
            ),
        ),
    ),
    (
        "Wheelchairs and trolleys are where they should be",
        (
            (
                "Chairs come back after each job",
                (("A wheelchair return bay by each ward door", 0),),
            ),
        ),
    ),
)
