"""Starting and stopping a server process: the Voilà flags, ``PYTHONPATH``, Ctrl+C and SIGTERM.

Both servers qikit starts go through here: ``qikit serve`` (:func:`qikit.server.serve_cohort`,
Voilà with qikit's access checks) and the trainers' demo page (:func:`serve_demo`: Voilà on
``workbooks/demo_run_chart.ipynb``, which the wheel carries inside qikit). They share one list
of Voilà options (:data:`VOILA_FLAGS`) and one way of running the process until it is told to
stop (:func:`run_server`), so no server or kernel is left running behind us.

How the server goes when ``qikit serve`` goes:

- SIGTERM or Ctrl+C (SIGINT): ``qikit serve`` asks the server to stop (SIGTERM), waits up to
  15 s, then kills it. The handler is in place before the server starts, so no signal falls
  between the two.
- SIGKILL (or any death that runs no Python code): on Linux the kernel itself sends the server
  SIGTERM the moment its parent dies (``prctl(PR_SET_PDEATHSIG)``, set in the child between
  ``fork`` and ``exec``). A watchdog thread polling ``os.getppid()`` would need code inside
  every server we start (the demo page runs plain ``python -m voila``) and would notice only at
  its next poll; the death signal needs neither. qikit serves from a Linux machine; elsewhere
  only the first point holds.
- Voilà, on SIGTERM, stops its kernels before it exits. A kernel that outlives it anyway (the
  server killed after the 15 s) notices its parent has gone and exits: ipykernel polls its
  parent's pid (``JPY_PARENT_PID``, which jupyter_client sets).

Voilà runs the notebook and shows only its output (no code), so a page looks like a small app.
It listens on 127.0.0.1 by default: anything else is warned about.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from qikit.errors import DataError
from qikit.layout import TEACHING_WORKBOOK, workbooks_source

DEFAULT_PORT = 8866
DEFAULT_IP = "127.0.0.1"
_LOCAL_IPS = frozenset({"127.0.0.1", "localhost", "::1"})
#: The checkout (or site-packages) folder that holds the ``qikit`` package.
PACKAGE_ROOT = Path(__file__).resolve().parents[2]
#: The Voilà options of every server qikit starts: ``qikit serve`` and the demo page alike
#: (flags as in voila 0.5).
VOILA_FLAGS: tuple[str, ...] = (
    # Fail rather than quietly move to another port, so the printed address is right.
    "--Voila.port_retries=0",
    # Participants see pages, never code or Python tracebacks.
    "--strip_sources=True",
    "--show_tracebacks=False",
    "--theme=light",
)


def voila_flags(*, port: int, ip: str, open_browser: bool = False) -> list[str]:
    """Return the Voilà options of a server on ``ip``:``port`` (:data:`VOILA_FLAGS` included)."""
    flags = [f"--port={port}", f"--Voila.ip={ip}", *VOILA_FLAGS]
    if not open_browser:
        flags.append("--no-browser")
    return flags


def demo_notebook_path() -> Path:
    """Return the trainers' run-chart demo notebook (from :func:`qikit.layout.workbooks_source`)."""
    path = workbooks_source() / TEACHING_WORKBOOK
    if not path.is_file():
        raise FileNotFoundError(f"Cannot find the demo notebook {path}. Reinstall qikit.")
    return path


def voila_command(
    notebook: Path, *, port: int = DEFAULT_PORT, ip: str = DEFAULT_IP, open_browser: bool = False
) -> list[str]:
    """Return the command line that serves ``notebook`` with Voilà."""
    return [
        sys.executable, "-m", "voila", str(notebook),
        *voila_flags(port=port, ip=ip, open_browser=open_browser),
    ]  # fmt: skip


def demo_url(ip: str, port: int) -> str:
    """Return the address to open in a browser."""
    host = f"[{ip}]" if ":" in ip else ip
    return f"http://{host}:{port}/"


def check_port(port: object) -> int:
    """Return ``port`` when it is a whole number from 1 to 65535; raise DataError otherwise."""
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise DataError("port", "a whole number from 1 to 65535", port, "For example 8866.")
    return port


def is_local(ip: str) -> bool:
    """Return True when ``ip`` lets only this computer reach the server."""
    return ip in _LOCAL_IPS


#: ``prctl`` option: the signal this process gets when its parent dies (linux/prctl.h).
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> Callable[[], None] | None:
    """Return a ``preexec_fn`` that makes the child get SIGTERM when we die, or None off Linux.

    It runs in the child between ``fork`` and ``exec``. If we died before it ran, the death
    signal would never come, so it checks that its parent is still us and ends the child if not.
    """
    if not sys.platform.startswith("linux"):
        return None
    # dlopen(NULL): the C library this Python already uses (ctypes.util.find_library would
    # start ldconfig or gcc in a subprocess to look for it).
    libc = ctypes.CDLL(None, use_errno=True)
    parent = os.getpid()

    def arrange() -> None:
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() != parent:
            os._exit(1)

    return arrange


def run_server(command: list[str], *, cwd: Path, name: str, ip: str, port: int) -> int:
    """Run a server process until it stops (or we are told to stop); return its exit code.

    The process (and so each kernel it starts) gets this copy of qikit first on
    ``PYTHONPATH``, so that ``import qikit`` in a notebook finds this very copy, installed or
    not. ``name`` is the command that prints the address (``qikit serve``).
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(PACKAGE_ROOT), env.get("PYTHONPATH")) if p)
    print(
        f"{name}: open {demo_url(ip, port)} in your web browser. Press Ctrl+C to stop.", flush=True
    )
    with _stop_on_sigterm():
        process = subprocess.Popen(command, cwd=cwd, env=env, preexec_fn=_die_with_parent())
        return run_until_stopped(process)


def serve_demo(port: int = DEFAULT_PORT, ip: str = DEFAULT_IP, open_browser: bool = False) -> int:
    """Run Voilà on the demo notebook until it stops; return its exit code."""
    check_port(port)
    if not is_local(ip):
        print(
            f"Warning: serving on {ip} lets other computers that can reach this one open the "
            "demo. It has no password. Use 127.0.0.1 unless you mean to share it.",
            file=sys.stderr,
        )
    notebook = demo_notebook_path()
    return run_server(
        voila_command(notebook, port=port, ip=ip, open_browser=open_browser),
        cwd=notebook.parent,
        name="qikit demo",
        ip=ip,
        port=port,
    )


def run_until_stopped(process: subprocess.Popen[bytes]) -> int:
    """Wait for a server process; being told to stop (Ctrl+C, or SIGTERM from a process
    manager) stops it too, so no server or kernel is left running behind us."""
    with _stop_on_sigterm():
        try:
            return process.wait()
        except (KeyboardInterrupt, _Stop):
            process.terminate()
            try:
                return process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                return process.wait()


@contextlib.contextmanager
def _stop_on_sigterm() -> Iterator[None]:
    """Turn SIGTERM into :class:`_Stop` in the main thread while inside; then the old handler."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class _Stop(Exception):
    """Raised in the main thread when SIGTERM arrives."""


def _raise_stop(signum: int, frame: object) -> None:
    raise _Stop(signum)
