"""Words of a room session: the phone pages, their replies and the trainer's room panel.

A room session lets the people in a training room (or on a call) send a number or an idea
from their phones. Everything a phone or the trainer's panel shows is written here, short and
plain, so it can be reviewed and one day translated.
"""

from __future__ import annotations

__all__ = [
    "ALREADY_SENT",
    "ANSWERS_SO_FAR",
    "ASK_BUTTON",
    "BUSY",
    "CHECK_AGAIN",
    "CLOSED_ROOM",
    "CODE_HEADING",
    "CODE_HELP",
    "CODE_LABEL",
    "IDEA_LABEL",
    "JOIN_BUTTON",
    "JOIN_HEADING",
    "LOCAL_ONLY",
    "NOT_A_CODE",
    "NOT_A_NUMBER",
    "NOT_SENT",
    "NO_ADDRESS",
    "NO_ANSWER",
    "NO_ROOM",
    "NUMBER_LABEL",
    "OPEN_BUTTON",
    "PAGE_TOO_OLD",
    "PANEL_INTRO",
    "PHONE_TITLE",
    "QR_LABEL",
    "ROOM_CODE_NOTE",
    "SAME_IDEA",
    "SEND_ANOTHER",
    "SEND_BUTTON",
    "SENT",
    "TOO_HIGH",
    "TOO_LONG",
    "TOO_LOW",
    "TOO_MANY_TRIES",
    "WENT_WRONG",
    "answers_so_far",
    "number_words",
    "scan_words",
]

# --- the phone pages -------------------------------------------------------------------------

PHONE_TITLE = "Join the room"
JOIN_HEADING = "Join the room"
CODE_LABEL = "Type the room code from the screen"
CODE_HELP = "It has 5 letters and numbers, for example K7W2Q. Capitals or small letters both work."
JOIN_BUTTON = "Join the room"
SEND_BUTTON = "Send"
SEND_ANOTHER = "Send another idea"
NUMBER_LABEL = "Your number"
IDEA_LABEL = "Your idea"
SENT = "Thank you. Your answer is on the trainer's screen."
NOT_A_CODE = "That is not a room code. Check the code on the screen and type it again."
NO_ROOM = "There is no room with that code. Check the code on the screen and type it again."
CLOSED_ROOM = "This room has closed. Ask the trainer for the new code."
TOO_MANY_TRIES = "Too many tries, wait a minute."
NOT_SENT = "Your answer did not reach the trainer. Press Send again."
ROOM_CODE_NOTE = "Room code {code}."
CHECK_AGAIN = "Check for a new question"
PAGE_TOO_OLD = "This page was open too long. Open the room again and send your answer."
WENT_WRONG = "Something went wrong. Please try again."
BUSY = "The trainer's computer is busy. Press Send again."

# --- replies to an answer --------------------------------------------------------------------

NOT_A_NUMBER = "Type a number, like 12 or 4.5."
NO_ANSWER = "Type your answer first, then press Send."
TOO_LONG = "That is too long. Keep your idea to {limit} letters or fewer."
TOO_HIGH = "That is more than {limit} — check it and send it again."
TOO_LOW = "That is less than {limit} — check it and send it again."
ALREADY_SENT = "You have already sent an answer to this question. Thank you!"
SAME_IDEA = "That idea is already on the screen. Try a different one."

# --- the trainer's panel ---------------------------------------------------------------------

PANEL_INTRO = "Let the people in the room send their answers from their phones."
OPEN_BUTTON = "Let the room join"
#: Asks the same question again: a new round, the count starts at 0 (earlier answers kept).
ASK_BUTTON = "Start a new round of answers"
CODE_HEADING = "Room code:"
QR_LABEL = "QR code of the address {address}"
ANSWERS_SO_FAR = "{count} answers so far"
LOCAL_ONLY = (
    "Phones cannot reach this page: it is served only on this computer ({host}). To let phones "
    "join, stop the server and start it again with: qikit serve COHORT --ip 0.0.0.0 (then use "
    "this computer's network address). You can still type the answers yourself."
)
NO_ADDRESS = (
    "This page does not know its own web address, so there is no QR code. People can open "
    "/room on this server and type the code."
)


def answers_so_far(count: int) -> str:
    """Return "N answers so far" with the right word for one answer."""
    return "1 answer so far" if count == 1 else ANSWERS_SO_FAR.format(count=count)


def number_words(value: float, unit: str = "") -> str:
    """Return a number the way a person writes it: ``600`` not ``600.0``, with its unit."""
    text = f"{int(value):,}" if value == int(value) else f"{value:,.10g}"
    return f"{text} {unit}".strip()


def scan_words(address: str) -> str:
    """Return the line under the QR code: where to go without a camera."""
    return f"Scan the code with your phone's camera, or open {address} and type the room code."
