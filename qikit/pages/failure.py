"""When a page fails: a reference to read out, the traceback in the cohort's log, a plain page.

A participant never sees a traceback. Anything that goes wrong while a page is built is caught
by the page; it shows :func:`failure_html` with a reference such as ``QK-7F3K9Q``, and
:func:`report_failure` writes the full traceback under that reference to
``<cohort>/logs/errors.log`` (:func:`qikit.layout.log_path`) for the mentor or the QI lead.
"""

from __future__ import annotations

import datetime as dt
import secrets
import tempfile
import traceback
from pathlib import Path

from qikit.core.wording.pages import FAILURE
from qikit.layout import LOG_FILE, log_path
from qikit.render.style import PAGE_CSS
from qikit.render.text import escape

__all__ = ["failure_html", "message_html", "new_reference", "report_failure"]

# Reference ids avoid letters and digits that are easy to confuse when read out (0/O, 1/I).
_REFERENCE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def new_reference() -> str:
    """Return a new reference for a failure, such as ``QK-7F3K9Q`` (easy to read out)."""
    return "QK-" + "".join(secrets.choice(_REFERENCE_ALPHABET) for _ in range(6))


def _log_paths(cohort: str) -> list[Path]:
    paths = []
    folder = Path(cohort).expanduser() if cohort else None
    if folder is not None and folder.is_dir():
        paths.append(log_path(folder))
    # When the cohort folder itself is missing, do not create it: log beside the temp files.
    paths.append(Path(tempfile.gettempdir()) / "qikit-logs" / LOG_FILE)
    return paths


def report_failure(
    error: BaseException, *, cohort: str, stage: str, mode: str, team: str
) -> tuple[str, Path | None]:
    """Return a new reference and the log file where the traceback of ``error`` was written.

    The log is ``<cohort>/logs/errors.log`` (the folder is created), or a ``qikit-logs`` folder
    in the temporary directory when the cohort folder does not exist. Never raises: when no log
    can be written the path is None and the page still shows the reference.
    """
    reference = new_reference()
    when = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    entry = (
        f"=== {when} {reference} stage={stage!r} mode={mode!r} team={team!r} "
        f"cohort={cohort!r}\n{details}\n"
    )
    for path in _log_paths(cohort):
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # One write of the whole entry: kernels of several pages may append at once.
            with path.open("a", encoding="utf-8") as log:
                log.write(entry)
        except Exception:  # a log we cannot write must not break the page: try the next
            continue
        return reference, path
    return reference, None


def message_html(message: str, *, alert: bool = False) -> str:
    """Return a page that holds one plain message (escaped HTML), read out at once if ``alert``."""
    role = ' role="alert"' if alert else ""
    return (
        f'<div class="qikit-page">{PAGE_CSS}<p class="qikit-message"{role}>{escape(message)}</p>'
        "</div>"
    )


def failure_html(reference: str) -> str:
    """Return the plain message shown instead of a page that failed."""
    return message_html(FAILURE.format(reference=reference), alert=True)
