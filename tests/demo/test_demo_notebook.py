"""The demo: its data, its HTML, the Voilà command line, and the notebook run end to end."""

from __future__ import annotations

import html
import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest

from qikit import qic
from qikit.core import teaching_data as demo_data
from qikit.core.spc.signals import Rule, RuleSet, Signal
from qikit.demo.run_chart import DemoChart, reading_sentences, render_chart_html
from qikit.errors import DataError
from qikit.render import plot_chart
from qikit.server.process import demo_notebook_path, demo_url, serve_demo, voila_command

REPO_ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = REPO_ROOT / "workbooks" / "demo_run_chart.ipynb"


# --- the data --------------------------------------------------------------------------------


def test_demo_measure_is_24_weekly_points_with_a_drop_after_week_12() -> None:
    weeks = demo_data.demo_measure()
    assert list(weeks.columns) == ["week", "week_starting", "minutes", "requests"]
    assert len(weeks) == 24
    assert (weeks["week_starting"].diff().dropna() == pd.Timedelta(days=7)).all()
    before = weeks["minutes"][: demo_data.CHANGE_WEEK]
    after = weeks["minutes"][demo_data.CHANGE_WEEK :]
    assert after.max() < before.min()  # a clear improvement, every week
    assert weeks.equals(demo_data.demo_measure())  # deterministic


def test_demo_run_chart_finds_the_change() -> None:
    weeks = demo_data.demo_measure()
    result = qic(weeks["minutes"], x=weeks["week_starting"], chart="run")
    rules = {str(s.rule) for s in result.signals}
    assert "long_run" in rules or "few_crossings" in rules
    chart = DemoChart("Run chart", result).chart_figure
    for sentence in reading_sentences(result):
        assert sentence in chart.description


# --- HTML ------------------------------------------------------------------------------------


def _fake_result(plain: str) -> SimpleNamespace:
    data = pd.DataFrame(
        {"x": [1, 2, 3], "y": [1.0, 2.0, 3.0], "cl": [2.0] * 3, "lcl": [0.0] * 3,
         "ucl": [4.0] * 3, "part": [1] * 3}
    )  # fmt: skip
    signal = Signal(Rule.OUTSIDE_LIMITS, RuleSet.ANHOEJ, 1, (3,), plain, "technical")
    return SimpleNamespace(chart="i", data=data, signals=[signal])


def test_render_chart_html_escapes_every_piece_of_text() -> None:
    nasty = 'Point 3 <script>alert("x")</script> & more'
    result = _fake_result(nasty)
    chart = plot_chart(result, title="<b>Title</b>", notes={1: "<img src=x onerror=alert(1)>"})
    page = render_chart_html(result, chart, heading="<i>Heading</i>")

    assert "<script>" not in page and "<b>Title" not in page and "<i>Heading" not in page
    assert "<img src=x" not in page
    assert html.escape(nasty) in page
    assert "&lt;i&gt;Heading&lt;/i&gt;" in page
    assert 'src="data:image/png;base64,iVBORw0KGgo' in page  # an inline PNG
    assert 'alt="Control chart of single values' in page  # the description is the alt text


def test_reading_falls_back_to_the_no_signal_sentence() -> None:
    result = SimpleNamespace(chart="run", data=pd.DataFrame(), signals=[])
    assert reading_sentences(result) == [
        "Your points go up and down around the middle line in the way chance would. "
        "There is no sign of a change yet."
    ]


# --- serving ---------------------------------------------------------------------------------


def test_voila_command_hides_code_and_binds_locally() -> None:
    command = voila_command(NOTEBOOK, port=9999)
    assert command[:3] == [sys.executable, "-m", "voila"]
    assert str(NOTEBOOK) in command
    for flag in ("--port=9999", "--Voila.ip=127.0.0.1", "--strip_sources=True", "--no-browser",
                 "--Voila.port_retries=0"):  # fmt: skip
        assert flag in command
    assert "--no-browser" not in voila_command(NOTEBOOK, open_browser=True)


def test_voila_accepts_the_flags_we_pass() -> None:
    """Every option we pass is one that the installed Voilà documents."""
    shown = subprocess.run(
        [sys.executable, "-m", "voila", "--help-all"], capture_output=True, text=True, timeout=120
    ).stdout
    for flag in voila_command(NOTEBOOK)[4:]:
        assert flag.split("=", 1)[0] in shown, flag


def test_demo_notebook_is_found_and_url_is_printed_right() -> None:
    assert demo_notebook_path() == NOTEBOOK
    assert demo_url("127.0.0.1", 8866) == "http://127.0.0.1:8866/"
    assert demo_url("::1", 8866) == "http://[::1]:8866/"


@pytest.mark.parametrize("port", [0, 70000, "8866", True])
def test_serve_demo_rejects_bad_ports(port: object) -> None:
    with pytest.raises(DataError, match="port"):
        serve_demo(port=port)  # type: ignore[arg-type]


def test_serve_demo_warns_for_a_public_address(monkeypatch, capsys) -> None:
    seen: dict[str, object] = {}

    class FakePopen:
        """Stands in for subprocess.Popen: records the call, 'exits' with code 3."""

        def __init__(
            self, command: list[str], cwd: Path, env: dict[str, str], **options: object
        ) -> None:
            seen.update(command=command, cwd=cwd, env=env)

        def wait(self, timeout: float | None = None) -> int:
            return 3

    monkeypatch.setattr("qikit.server.process.subprocess.Popen", FakePopen)
    assert serve_demo(port=8123, ip="0.0.0.0") == 3
    out = capsys.readouterr()
    assert "Warning" in out.err and "0.0.0.0" in out.err
    assert "http://0.0.0.0:8123/" in out.out
    assert "--Voila.ip=0.0.0.0" in seen["command"]
    assert str(REPO_ROOT) in str(seen["env"]["PYTHONPATH"])  # the kernel imports this qikit


# --- the notebook ----------------------------------------------------------------------------


def test_notebook_is_wiring_only_with_a_parameters_cell() -> None:
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    cells = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert "parameters" in cells[0]["metadata"].get("tags", [])
    assert 'mode = "app"' in "".join(cells[0]["source"])
    assert sum(len(c["source"]) for c in cells) < 40  # logic lives in qikit.demo.run_chart
    assert all(not c.get("outputs") for c in cells)  # stored without outputs


def _ensure_python3_kernel() -> None:
    from jupyter_client.kernelspec import KernelSpecManager

    if "python3" not in KernelSpecManager().find_kernel_specs():
        subprocess.run(
            [sys.executable, "-m", "ipykernel", "install", "--sys-prefix"], check=True, timeout=120
        )


def test_notebook_runs_in_review_mode(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    papermill = pytest.importorskip("papermill")
    _ensure_python3_kernel()
    # The kernel is a new process: let it import this checkout's qikit.
    monkeypatch.setenv("PYTHONPATH", str(REPO_ROOT))
    output = tmp_path / "demo_review.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(output),
        parameters={"mode": "review"},
        kernel_name="python3",
        cwd=str(tmp_path),
        progress_bar=False,
        execution_timeout=300,
    )
    executed = json.loads(output.read_text(encoding="utf-8"))
    outputs = [o for c in executed["cells"] for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 2  # the run chart and the I chart
    assert all(o["data"]["image/png"].startswith("iVBORw0KGgo") for o in images)
    shown = html.unescape(
        " ".join("".join(o.get("data", {}).get("text/html", "")) for o in outputs)
    )
    weeks = demo_data.demo_measure()
    run = qic(weeks["minutes"], x=weeks["week_starting"], chart="run")
    for sentence in reading_sentences(run):
        assert sentence in shown
    assert "is below the bottom dashed line" in shown or "are below the bottom dashed line" in shown
    assert "application/vnd.jupyter.widget-view+json" not in json.dumps(outputs)  # no widgets
