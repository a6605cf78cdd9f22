"""Does the pure core stay pure?"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("matplotlib", "ipywidgets", "IPython", "papermill", "traitlets", "voila")


def test_importing_the_core_loads_no_plotting_widget_or_notebook_code() -> None:
    code = (
        "import json, sys; import qikit, qikit.core, qikit.core.spc.qic, qikit.core.spc.rules, "
        "qikit.core.spc.chart_choice, qikit.core.wording, qikit.core.model; "
        "print(json.dumps(sorted(m for m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = json.loads(out.stdout)
    offenders = [m for m in loaded if m.split(".")[0] in HEAVY]
    assert offenders == []


def test_a_chart_can_be_computed_without_plotting_code() -> None:
    code = (
        "import sys; from qikit import qic; r = qic([1, 5, 2, 6, 3, 7], chart='i'); "
        "assert 'matplotlib' not in sys.modules; print(r.data['cl'][0])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert float(out.stdout) == 4.0
