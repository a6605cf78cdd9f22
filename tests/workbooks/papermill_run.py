"""How the workbook tests run a notebook: papermill, as ``qikit review`` does, in its own folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def execute(notebook: Path, output: Path, **parameters: str) -> dict[str, Any]:
    """Run ``notebook`` with ``parameters`` into ``output`` (its folder is the cwd); return it."""
    import papermill

    papermill.execute_notebook(
        str(notebook),
        str(output),
        parameters=parameters,
        kernel_name="python3",
        cwd=str(output.parent),
        progress_bar=False,
        execution_timeout=300,
    )
    return dict(json.loads(output.read_text(encoding="utf-8")))
