"""Start the qikit demo page (Voilà) on this computer (``qikit demo`` / ``make demo``).

Voilà runs the notebook and shows only its output — no code — so the page looks like a small
app. It listens on 127.0.0.1 by default: the page has no password, so only this computer should
reach it unless someone decides otherwise (and is warned).

The notebook is the checkout's ``workbooks/demo_run_chart.ipynb``, which the wheel carries
inside qikit (:func:`qikit.layout.workbooks_source`).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from qikit.errors import DataError
from qikit.layout import TEACHING_WORKBOOK, workbooks_source

DEFAULT_PORT = 8866
DEFAULT_IP = "127.0.0.1"
_LOCAL_IPS = frozenset({"127.0.0.1", "localhost", "::1"})


def demo_notebook_path() -> Path:
    """Return the trainers' run-chart demo notebook (from :func:`qikit.layout.workbooks_source`)."""
    path = workbooks_source() / TEACHING_WORKBOOK
    if not path.is_file():
        raise FileNotFoundError(f"Cannot find the demo notebook {path}. Reinstall qikit.")
    return path


def voila_command(
    notebook: Path, *, port: int = DEFAULT_PORT, ip: str = DEFAULT_IP, open_browser: bool = False
) -> list[str]:
    """Return the command line that serves ``notebook`` with Voilà (flags as in voila 0.5)."""
    command = [
        sys.executable, "-m", "voila", str(notebook),
        f"--port={port}",
        f"--Voila.ip={ip}",
        # Fail rather than quietly move to another port, so the printed address is right.
        "--Voila.port_retries=0",
        "--strip_sources=True",
        "--show_tracebacks=False",
        "--theme=light",
    ]  # fmt: skip
    if not open_browser:
        command.append("--no-browser")
    return command


def demo_url(ip: str, port: int) -> str:
    """Return the address to open in a browser."""
    host = f"[{ip}]" if ":" in ip else ip
    return f"http://{host}:{port}/"


def serve_demo(port: int = DEFAULT_PORT, ip: str = DEFAULT_IP, open_browser: bool = False) -> int:
    """Run Voilà on the demo notebook until it stops; return its exit code.

    The kernel is given this checkout on ``PYTHONPATH`` so that ``import qikit`` inside the
    notebook finds this very copy of qikit, installed or not.
    """
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise DataError("port", "a whole number from 1 to 65535", port, "For example 8866.")
    if ip not in _LOCAL_IPS:
        print(
            f"Warning: serving on {ip} lets other computers that can reach this one open the "
            "demo. It has no password. Use 127.0.0.1 unless you mean to share it.",
            file=sys.stderr,
        )
    notebook = demo_notebook_path()
    package_root = str(Path(__file__).resolve().parent.parent)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    print(
        f"qikit demo: open {demo_url(ip, port)} in your web browser. Press Ctrl+C to stop.",
        flush=True,
    )
    process = subprocess.Popen(
        voila_command(notebook, port=port, ip=ip, open_browser=open_browser),
        cwd=notebook.parent,
        env=env,
    )
    return run_until_stopped(process)


def run_until_stopped(process: subprocess.Popen[bytes]) -> int:
    """Wait for a server process; being told to stop (Ctrl+C, or SIGTERM from a process
    manager) stops it too, so no server or kernel is left running behind us."""
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _raise_stop)
    try:
        return process.wait()
    except (KeyboardInterrupt, _Stop):
        process.terminate()
        try:
            return process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            return process.wait()
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


class _Stop(Exception):
    """Raised in the main thread when SIGTERM arrives."""


def _raise_stop(signum: int, frame: object) -> None:
    raise _Stop(signum)
