"""Reading data points pasted from Excel or Google Sheets: a pure function, no widgets.

People keep their weekly numbers in a spreadsheet. They select one, two or three columns and
paste them into a box:

- one column: the numbers only (dates are filled in a week apart from a first date);
- two columns: date and number — or, for a percentage measure, "how many" and "out of how many";
- three columns: date, "how many", "out of how many" (percentage measures).

Cells may be separated by tabs (what Excel and Sheets copy), semicolons or commas. Dates are
read the British way, day first (``06/01/2025``, ``6-1-25``, ``6 Jan 2025``), or as ISO
(``2025-01-06``). Numbers use a decimal point; a comma between thousands (``1,234``) and a
trailing ``%`` are allowed. Blank lines are ignored, and a first line of headings ("Week",
"Minutes") above a line of data is skipped. Each line that cannot be read becomes a
:class:`PasteProblem` that says which line, what was found and what to do — the other lines
are still read.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from qikit.core.model import MAX_COUNT
from qikit.core.wording.dates import date_words

__all__ = [
    "PasteProblem",
    "PasteResult",
    "PastedPoint",
    "looks_like_date",
    "parse_date",
    "parse_number",
    "parse_pasted_points",
]

#: The most lines read from one paste (a few years of daily data); the rest are reported.
MAX_LINES = 2_000

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

# 2025-01-06, 2025/1/6, optionally followed by a time (Sheets and pandas add " 00:00:00").
_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
# 06/01/2025, 6-1-25, 6.1.2025 — day first, as in the UK.
_DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?")
# 6 Jan 2025, 06-Jan-25, 6 January 2025, Mon 6 Jan 2025.
_WORDS = re.compile(
    r"(?:[a-z]{3,9},? )?(\d{1,2})(?:st|nd|rd|th)?[- ]([a-z]{3,9})\.?,?[- ](\d{2}|\d{4})"
)
_NUMBER = re.compile(r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)")
_THOUSANDS = re.compile(r"[-+]?\d{1,3}(?:,\d{3})+(?:\.\d*)?")
_DATE_EXAMPLE = "day/month/year, for example 06/01/2025"


@dataclass(frozen=True)
class PastedPoint:
    """One point read from a pasted line: its date and its value or its two numbers."""

    line: int
    date: dt.date
    value: float | None = None
    numerator: int | None = None
    denominator: int | None = None

    @property
    def y(self) -> float | None:
        """Return the number to plot: the value, or how many ÷ out of how many."""
        if self.numerator is not None and self.denominator:
            return self.numerator / self.denominator
        return self.value


@dataclass(frozen=True)
class PasteProblem:
    """A pasted line that could not be read: its number, its text and a plain message."""

    line: int
    text: str
    message: str

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class PasteResult:
    """What a paste gave: the points read (in pasted order) and the lines that could not be."""

    points: tuple[PastedPoint, ...]
    problems: tuple[PasteProblem, ...]
    #: The first line, when it was skipped as column headings (None if there were none).
    header: str | None = None


def parse_number(cell: str) -> float | None:
    """Return the number written in ``cell`` ("12", "4.5", "1,234", "85%"), or None.

    Only ordinary finite numbers are read: "nan", "inf", "1e400" and words give None.
    """
    text = cell.strip().strip("\"'").strip()
    if text.endswith("%"):
        text = text[:-1].rstrip()
    text = text.replace("\u2212", "-")  # a real minus sign, as some spreadsheets write it
    if _THOUSANDS.fullmatch(text):
        text = text.replace(",", "")
    if not _NUMBER.fullmatch(text):
        return None
    number = float(text)
    return number if math.isfinite(number) else None


def parse_date(cell: str) -> dt.date | None:
    """Return the date written in ``cell`` (day first, ISO, or with a month name), or None.

    None also when the cell looks like a date that does not exist (31/02/2025): use
    :func:`looks_like_date` to tell the two apart.
    """
    text = " ".join(cell.strip().strip("\"'").lower().split())
    match = _ISO.fullmatch(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return _date(year, month, day)
    match = _DAY_FIRST.fullmatch(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return _date(_full_year(year), month, day)
    match = _WORDS.fullmatch(text)
    if match and match.group(2) in _MONTHS:
        return _date(_full_year(int(match.group(3))), _MONTHS[match.group(2)], int(match.group(1)))
    return None


def looks_like_date(cell: str) -> bool:
    """Return True when ``cell`` is written like a date, whether or not that date exists."""
    text = " ".join(cell.strip().strip("\"'").lower().split())
    if _ISO.fullmatch(text) or _DAY_FIRST.fullmatch(text):
        return True
    match = _WORDS.fullmatch(text)
    return bool(match and match.group(2) in _MONTHS)


def _full_year(year: int) -> int:
    # Two-digit years are this century: QI data is never from the 1900s.
    return 2000 + year if year < 100 else year


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _cells(line: str) -> list[str]:
    """Split a line into cells: tabs first (Excel), then semicolons, then commas."""
    for separator in ("\t", ";"):
        if separator in line:
            cells = [c.strip() for c in line.split(separator)]
            break
    else:
        cells = [c.strip() for c in line.split(",")] if "," in line else _space_cells(line)
    while cells and not cells[-1]:
        cells.pop()  # Excel adds a tab after the last cell of a ragged selection
    return cells


def _space_cells(line: str) -> list[str]:
    """Split "6 Jan 2025 14" or "06/01/2025 14 20": the longest date at the start, then words."""
    words = line.split()
    for end in range(min(len(words), 5), 1, -1):
        if looks_like_date(" ".join(words[:end])):
            return [" ".join(words[:end]), *words[end:]]
    return words


def _is_heading(cells: list[str]) -> bool:
    """A line of column headings: words only, no date and no number anywhere."""
    return any(re.search(r"[^\W\d_]", c) for c in cells) and not any(
        parse_number(c) is not None or looks_like_date(c) for c in cells
    )


def _has_data_after(lines: list[str], number: int) -> bool:
    """True when the next non-blank line after line ``number`` holds a number or a date."""
    for raw in lines[number:]:
        if raw.strip():
            cells = _cells(raw.strip())
            return any(parse_number(c) is not None or looks_like_date(c) for c in cells)
    return False


def parse_pasted_points(
    text: str,
    fraction: bool,
    *,
    first_date: dt.date | None = None,
    step: dt.timedelta = dt.timedelta(days=7),
    whole_numbers: bool = False,
) -> PasteResult:
    """Return the points read from ``text`` pasted from a spreadsheet, and the lines that failed.

    Parameters
    ----------
    text
        The pasted text: one point per line.
    fraction
        True for a percentage measure: each point is "how many" out of "how many".
    first_date, step
        For lines with numbers but no date: the first such line is ``first_date``, each later
        line one ``step`` (a week) on. Every non-blank line counts, so fixing a line that could
        not be read does not move the dates of the others. Without ``first_date``, every line
        needs a date.
    whole_numbers
        True when the values are counts (whole numbers of 0 or more).

    A date given twice keeps the first line and reports the second.
    """
    lines = text.splitlines()
    points: list[PastedPoint] = []
    problems: list[PasteProblem] = []
    seen: dict[dt.date, int] = {}
    header: str | None = None
    slot = 0
    first_content = True
    for number, raw in enumerate(lines, start=1):
        line = raw.strip().lstrip("\ufeff")
        if not line:
            continue
        cells = _cells(line)
        if first_content and _is_heading(cells) and _has_data_after(lines, number):
            header = line
            first_content = False
            continue
        first_content = False
        if len(points) + len(problems) >= MAX_LINES:
            problems.append(
                PasteProblem(
                    number,
                    line,
                    f"Line {number} and the lines after it were not read: one paste can hold "
                    f"up to {MAX_LINES:,} lines. Add these first, then paste the rest.",
                )
            )
            break
        default_date = first_date + step * slot if first_date is not None else None
        slot += 1
        outcome = _read_line(number, line, cells, fraction, default_date, whole_numbers)
        if isinstance(outcome, PasteProblem):
            problems.append(outcome)
            continue
        if outcome.date in seen:
            problems.append(
                PasteProblem(
                    number,
                    line,
                    f"Line {number} has the same date as line {seen[outcome.date]} "
                    f"({date_words(outcome.date)}). Only line {seen[outcome.date]} will be added: "
                    "delete the line you do not want, or correct its date.",
                )
            )
            continue
        seen[outcome.date] = number
        points.append(outcome)
    return PasteResult(tuple(points), tuple(problems), header)


def _read_line(
    number: int,
    line: str,
    cells: list[str],
    fraction: bool,
    default_date: dt.date | None,
    whole_numbers: bool,
) -> PastedPoint | PasteProblem:
    """Read one non-blank line into a point, or say plainly what is wrong with it."""

    def problem(message: str) -> PasteProblem:
        return PasteProblem(number, line, f"Line {number} (“{_clip(line)}”): {message}")

    wanted = 2 if fraction else 1
    what = "“how many” and “out of how many”" if fraction else "one number"
    date: dt.date | None = None
    if cells and looks_like_date(cells[0]):
        date = parse_date(cells[0])
        if date is None:
            return problem(
                f"“{_clip(cells[0])}” is not a real date. Dates are read as {_DATE_EXAMPLE}: "
                "check the day and the month."
            )
        numbers = cells[1:]
    else:
        numbers = cells
    if not numbers or all(not c for c in numbers):
        return problem(f"there is no number on this line. Type {what} after the date.")
    if len(numbers) > wanted:
        if date is None and len(numbers) == wanted + 1 and parse_number(numbers[0]) is None:
            return problem(
                f"“{_clip(numbers[0])}” is not a date. Write dates as {_DATE_EXAMPLE}, or "
                "paste only the column of numbers."
            )
        layout = (
            "date, how many, out of how many" if fraction else "date and number, or just numbers"
        )
        return problem(
            f"there are too many columns. Paste {layout} — {len(cells)} cells were found here."
        )
    if len(numbers) < wanted:
        return problem(
            "this measure needs two numbers: “how many” and “out of how many” (for example 17 "
            "and 20). Put them in two columns."
        )
    values: list[float] = []
    for cell in numbers:
        value = parse_number(cell)
        if value is None:
            if looks_like_date(cell) or re.search(r"\d[-/]\d", cell):
                hint = f" Dates go in the first column, written as {_DATE_EXAMPLE}."
            elif re.fullmatch(r"[-+]?\d+,\d+", cell.strip()):
                hint = " Use a decimal point, not a comma: for example 4.5."
            else:
                hint = " Type a number such as 12 or 4.5."
            if not cell:
                return problem(f"a number is missing. Type {what}.")
            return problem(f"“{_clip(cell)}” is not a number.{hint}")
        values.append(value)
    if date is None:
        if default_date is None:
            return problem(
                "there is no date. Put the date in the first column, or choose the date of the "
                "first number above the box."
            )
        date = default_date
    if fraction:
        return _fraction_point(number, date, values[0], values[1], problem)
    value = values[0]
    if whole_numbers and (value < 0 or not value.is_integer()):
        return problem(
            f"{value:g} is not a whole number of 0 or more, but this measure counts things. "
            "Check the number."
        )
    return PastedPoint(number, date, value=value)


def _fraction_point(
    number: int,
    date: dt.date,
    top: float,
    bottom: float,
    problem: Callable[[str], PasteProblem],
) -> PastedPoint | PasteProblem:
    if not (top.is_integer() and bottom.is_integer()) or top < 0 or bottom < 0:
        return problem(
            "“how many” and “out of how many” must be whole numbers of 0 or more (for example "
            "17 out of 20)."
        )
    if bottom == 0:
        return problem(
            "“out of how many” is 0. If there was nothing to count that week, leave the line out."
        )
    if top > bottom:
        return problem(
            f"{top:g} out of {bottom:g}: the first number cannot be bigger than the second. "
            "Check the order of the columns: how many, then out of how many."
        )
    if bottom > MAX_COUNT:
        return problem(f"{bottom:g} is too big: the most is {MAX_COUNT:,}.")
    return PastedPoint(number, date, numerator=int(top), denominator=int(bottom))


def _clip(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
