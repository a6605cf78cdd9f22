"""How the CLI tests run the qikit command: in a fresh interpreter, as a person's shell would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def qikit(
    *args: str | Path, cwd: Path | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m qikit ARGS`` and return what it did (its output as text)."""
    return subprocess.run(
        [sys.executable, "-m", "qikit", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        cwd=cwd,
    )
