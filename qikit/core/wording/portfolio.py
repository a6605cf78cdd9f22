"""Words of the accreditation portfolio: each person's evidence pack, its cover and checklist.

Read by the participant, their assessor and the QI team, so the same plain words as the team
page. The checklist lists what an OCN (Open College Network) unit in Quality Improvement
usually asks a learner to show; the assessor decides what counts.
"""

from __future__ import annotations

#: The parts of a pack (file stem → title), in the order the cover lists them.
PART_TITLES: dict[str, str] = {
    "charter": "The team's charter and aim",
    "tools": "The QI tools: fishbone, process map, driver diagram and measures",
    "pdsa-log": "The PDSA log: every test of change",
    "reflections": "My own reflection",
    "feedback": "Feedback from the mentor, and the team's replies",
}
INDEX_TITLE = "Cover and checklist"

COVER_TITLE = "Evidence pack: {member}"
COVER_INTRO = (
    "This pack holds the evidence of {member}'s Quality Improvement project with the team "
    "“{team}”, for their OCN portfolio. The charter, tools, PDSA log and feedback are the "
    "team's shared work; the reflection is {member}'s own."
)
COVER_FILES = (
    "Each part is here twice: a web page (.html) to open on a computer, and a PDF (.pdf) to "
    "print or send."
)
COVER_NO_PDF = "The PDFs were not made this time: each part is a web page (.html) to open or print."
MADE_ON = "Made by qikit on {date}."
DETAIL_TEAM = "Team"
DETAIL_DEPARTMENT = "Department"
DETAIL_ROLE = "Role"
DETAIL_MENTOR = "Mentor"
DETAIL_COHORT = "Programme"
CONTENTS_HEADING = "What is in this pack"

CHECKLIST_HEADING = "What an OCN unit usually asks for, and where it is"
CHECKLIST_NOTE = (
    "A guide for you and your assessor: the assessor decides what counts. “Not yet” says "
    "what is still missing."
)
COLUMN_ASKS = "The unit asks you to"
COLUMN_DONE = "Is it there?"
COLUMN_WHERE = "Where it is in this pack"
YES = "Yes"
NOT_YET = "Not yet"

#: The evidence an OCN Quality Improvement unit usually asks for: (id, what the learner shows).
CHECKLIST: tuple[tuple[str, str], ...] = (
    ("problem", "Identify a problem and its causes"),
    ("aim", "Set an aim for the improvement"),
    ("tools", "Use QI tools to understand the process and plan changes"),
    ("measure", "Measure and present data"),
    ("test", "Plan and carry out a test of change"),
    ("reflect", "Reflect on your own learning"),
    ("team", "Work as part of a team"),
    ("feedback", "Receive and act on feedback"),
)

#: Where each piece of evidence is (``{charter}``, ``{tools}``, …: a part's file name).
WHERE: dict[str, str] = {
    "problem": (
        "“The problem” in the charter ({charter}); the fishbone's {causes} in the tools ({tools})"
    ),
    "aim": "The aim in the charter ({charter}): “{aim}”",
    "tools": "The tools ({tools}): {which}",
    "measure": "The measures ({tools}): {measures}, with charts and what they show",
    "test": "The PDSA log ({pdsa}): {tested}",
    "reflect": "My reflection ({reflections}): all five questions answered",
    "team": "My reflection ({reflections}): “What I did in the project”; the team on this cover",
    "feedback": "The feedback ({feedback}): {comments} from the mentor and {replies} from the team",
}

#: Why a piece of evidence is not there yet, in words the team can act on.
MISSING: dict[str, str] = {
    "problem_text": "the team has not written the problem in its charter",
    "causes": "there are no causes on the fishbone yet",
    "aim": "the aim still needs: {parts}",
    "tools": "the team has not drawn its process map or driver diagram yet",
    "measure": "no measure has any data yet",
    "test": "no PDSA cycle has been carried out yet (none has reached “Do”)",
    "reflect": "{member} still has to answer: {questions}",
    "reflect_none": (
        "{member} has not written a reflection yet (on the team page, under “Storyboard”)"
    ),
    "team": "{member} has not said what they did in the project (the reflection's first question)",
    "feedback": "the mentor has not written any comments yet",
    "replies": "the team has not replied to the mentor's comments yet",
}

PROCESS_MAP = "the process map"
DRIVER_DIAGRAM = "the driver diagram"
AND = "and"

#: The line at the top of every part.
PART_HEADER = "{member} — {team}: evidence pack"
#: The line at the top of the team's shared parts (the same page in every member's pack).
TEAM_PART_HEADER = "The team “{team}”: the team's shared work, in each member's evidence pack"
NO_FEEDBACK = "The mentor has not written any comments yet."
NO_REFLECTION = "{member} has not written a reflection yet."


def count_words(count: int, one: str, many: str) -> str:
    """Return "1 cause", "3 causes": a count with its noun."""
    return f"{count} {one if count == 1 else many}"
