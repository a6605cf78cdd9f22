"""Words of "Earlier versions" (who changed what, and when) and of drafts kept in add-boxes."""

from __future__ import annotations

import datetime as dt

from qikit.core.wording.dates import MONTH_NAMES

SHOW_BUTTON = "Show earlier versions"
HIDE_BUTTON = "Hide earlier versions"
HEADING = "Earlier versions"
INTRO = (
    "Every change your team makes is kept, newest first. If something was changed or removed "
    "by mistake, put the earlier version back: that is kept here too, so it can be undone."
)
NOTHING_YET = "Nothing has been saved here yet."
SHOW_MORE = "Show more"
REMOVED_HEADING = "Removed — you can put these back"
#: The label of the button beside each earlier version (the rest of its name says which).
PUT_BACK_VERSION = "Put this version back"
#: The label of the button beside a removed item.
PUT_BACK_REMOVED = "Put it back"
NOW = "This is how it is now."
RESTORED = "Put back: {thing}."
CANNOT_RESTORE = (
    "This version cannot be put back as it is (it does not fit what qikit accepts now): {reason}"
)

#: A draft longer than the box takes is cut; said beside the box.
DRAFT_CUT = (
    "This is longer than the {limit:,} characters this box takes. Only the first {limit:,} "
    "are kept if you leave the page: shorten it before you add it."
)

#: Short day names, Monday first (``date.weekday()``); English whatever the machine's locale.
DAY_NAMES: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

#: How a record of each kind is called in a sentence ("Sam added the cause …").
KIND_NAMES: dict[str, str] = {
    "team": "team details",
    "charter": "charter",
    "fishbone": "fishbone",
    "cause": "cause",
    "process_map": "process map",
    "step": "step",
    "driver": "driver",
    "change_idea": "change idea",
    "measure": "measure",
    "point": "data point",
    "pdsa": "PDSA cycle",
    "feedback": "comment",
    "survey": "survey",
    "showcase": "showcase captions",
    "reflection": "reflection",
}

#: Kinds a team has one of: "the charter", never "the charter “…”".
SINGLETON_NAMES: frozenset[str] = frozenset(
    {"team", "charter", "fishbone", "process_map", "showcase"}
)

#: The field whose words name a record of each kind in a sentence ("the step “collect the bed”").
TITLE_FIELDS: dict[str, str] = {
    "cause": "text",
    "step": "text",
    "driver": "text",
    "change_idea": "text",
    "measure": "name",
    "point": "date",
    "pdsa": "title",
    "feedback": "text",
    "reflection": "member",
}

#: A field whose change alone is said in its own words, by kind ("Sam moved the step …").
ONLY_CHANGE_VERBS: dict[str, str] = {"position": "moved"}

CREATED_SINGLETON = "{who} started the {kind}"
CREATED = "{who} added {thing}"
CHANGED = "{who} changed {fields} in {thing}"
CLEARED = "{who} emptied {fields} in {thing}"
CHANGED_AND_CLEARED = "{who} changed {fields} and emptied {cleared} in {thing}"
MOVED = "{who} {verb} {thing}"
#: Only a record's own words changed (its name is the new words).
REWORDED = "{who} changed the words of {thing}"
DELETED = "{who} removed {thing}"
RESTORED_EARLIER = "{who} put back an earlier version of {thing}"
RESTORED_REMOVED = "{who} put back {thing}, which had been removed"
SOMEONE = "Someone"
AND = "and"
#: How a thing is named when its words are not known (e.g. removed before any were saved).
UNNAMED = "a {kind}"
SINGLETON_THING = "the {kind}"
NAMED_THING = "the {kind} “{title}”"
#: Sentence, then when: "Sam added the cause “lifts” — Thu 3 Dec, 10:32".
ENTRY = "{sentence} — {when}"
#: The whole name of "Put this version back" (what a screen reader says).
PUT_BACK_VERSION_NAME = "{label}: {thing} as it was on {when}"
PUT_BACK_REMOVED_NAME = "{label}: {thing}"


def when_words(moment: dt.datetime, today: dt.date) -> str:
    """Return a time the way a person says it: "Thu 3 Dec, 10:32" (the year if not this one)."""
    year = "" if moment.year == today.year else f" {moment.year}"
    month = MONTH_NAMES[moment.month - 1][:3]
    day = DAY_NAMES[moment.weekday()]
    return f"{day} {moment.day} {month}{year}, {moment:%H:%M}"
