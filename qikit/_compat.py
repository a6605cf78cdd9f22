"""Small shims so qikit runs on every supported Python (3.10 lacks enum.StrEnum)."""

from __future__ import annotations

import sys
from enum import Enum

if sys.version_info >= (3, 11):
    from enum import StrEnum
else:  # pragma: no cover - exercised only on Python 3.10

    class StrEnum(str, Enum):
        """Enum whose members are also strings, as enum.StrEnum in Python 3.11."""

        def __str__(self) -> str:
            return str(self.value)


__all__ = ["StrEnum"]
