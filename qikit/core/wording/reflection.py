"""Words of the reflection form ("Looking back") on the storyboard stage, and of its static copy."""

from __future__ import annotations

TITLE = "Looking back: your own reflection"

INTRO = (
    "Each person in the team writes their own. A few lines for each question are enough. "
    "It goes into your evidence pack for your qualification (the OCN certificate). "
    "Everything is saved as you type."
)

WHAT_IS_IT = (
    "A reflection is you looking back at the project and saying, in your own words, what you "
    "did and what you learned.\n\n"
    "The people who check your qualification want to see that you can think about your own "
    "learning, not only that the team made a change."
)

HOW_TO = (
    "Choose your name first. Then answer the five questions, as you would tell a colleague on "
    "a break. Short answers are fine.\n\n"
    "You can come back and change your answers at any time: the last version is the one that "
    "goes into your evidence pack."
)

EXAMPLE = (
    "“I timed the porter jobs on the early shift for six weeks. I learned that the same "
    "problem looks different from the ward and from the porters' desk. I can now draw a run "
    "chart: I used one to show our manager that the waits really had dropped.”"
)

#: The label of the list of the team's names.
WHO_LABEL = "Who are you?"
#: The first choice of the list: nobody chosen yet.
WHO_PROMPT = "Choose your name"
#: Shown instead of the questions until a name is chosen.
CHOOSE_FIRST = "Choose your name above to see your questions."
#: Shown when the team's list of names is empty.
NO_MEMBERS = (
    "Your team's names are not on the team page yet, so there is nobody to choose. Ask your "
    "mentor to add them."
)
#: Said above the questions once a name is chosen.
WRITING_AS = "You are writing as {member}."

#: The questions, by the stored field, in the order the form asks them.
QUESTIONS: dict[str, str] = {
    "role": "What did you do in the project?",
    "learned": "What did you learn about improving things?",
    "skills": "Which QI tool can you now use, and how did you use it?",
    "differently": "What would you do differently next time?",
    "next": "How will you use QI in your work from now on?",
}

#: One plain hint under each question.
HINTS: dict[str, str] = {
    "role": "For example: collected the times, ran the team meetings, talked to the wards.",
    "learned": "For example: small tests show quickly whether an idea works.",
    "skills": "For example: a fishbone, a run chart or a PDSA cycle — say what you did with it.",
    "differently": "For example: start measuring sooner, ask the night shift too.",
    "next": "For example: test one small change on my own ward each month.",
}

#: The static copy (review mode and the evidence pack).
STATIC_HEADING = "Reflections"
STATIC_NONE = "Nobody in the team has written a reflection yet."
STATIC_BY = "{member}'s reflection"
STATIC_WRITTEN = "Last written on {date}."
NOT_ANSWERED = "(not answered yet)"
