"""The words of the code page (``qikit serve``'s ``/qikit/login``) that come from the server."""

from __future__ import annotations

__all__ = ["TOO_MANY_TITLE", "TOO_MANY_WRONG_CODES"]

TOO_MANY_TITLE = "Too many wrong codes"
#: Shown when this computer (or everyone together, for one team's code) typed too many wrong
#: codes in the last minute.
TOO_MANY_WRONG_CODES = "Too many wrong codes. Wait a minute and try again."
