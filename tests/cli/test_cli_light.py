"""Does the qikit command load only what the chosen command needs?

Every command module used to import its layer at the top, so ``qikit export`` paid for
nbformat, papermill, jsonschema, scipy and Voilà (about 5 s on a trust PC) before doing a
20 ms job. Checked by what is imported, not by a clock.
"""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("nbformat", "papermill", "jsonschema", "scipy", "matplotlib", "voila", "jupyter_server")


def _imported_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nimport json\nprint(json.dumps(sorted(sys.modules)))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_parsing_any_command_line_imports_none_of_the_heavy_packages() -> None:
    loaded = _imported_after(
        "from qikit.cli import _parser\n_parser().parse_args(['export', 'x.db', 'team'])"
    )
    assert not [name for name in HEAVY if name in loaded]


def test_the_server_access_rules_do_not_load_the_cohort_build() -> None:
    loaded = _imported_after("import qikit.server.process, qikit.cohort.access")
    assert "qikit.cohort.build" not in loaded and "nbformat" not in loaded


def test_the_cohort_package_still_offers_its_names() -> None:
    loaded = _imported_after("from qikit.cohort import build_cohort, load_template")
    assert "qikit.cohort.build" in loaded and "qikit.cohort.template" in loaded
