"""``qikit serve`` takes its Voilà server and the kernels with it, however it is stopped.

A real ``python -m qikit serve`` runs on a free port with one team page open (so one kernel is
running); the test sends the parent SIGTERM, SIGINT or SIGKILL and waits, without sleeping,
for every process under it to end (``pidfd_open``: readable once a process has exited).
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import socket
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_serve import ALPHA, Client, Server, _start, _stop, make_cohort

#: Long enough for Voilà to stop its kernels on a loaded machine; it takes well under 2 s.
GONE_TIMEOUT = 60

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the parent's death signal is Linux's"
)


def _descendants(pid: int) -> list[int]:
    """Return every process under ``pid`` (children, their children, …) from /proc."""
    found: list[int] = []
    waiting = [pid]
    while waiting:
        parent = waiting.pop()
        for task in Path(f"/proc/{parent}/task").glob("*"):
            try:
                children = (task / "children").read_text().split()
            except FileNotFoundError:
                continue
            for child in map(int, children):
                if child not in found:
                    found.append(child)
                    waiting.append(child)
    return found


def _command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except FileNotFoundError:
        return ""


def _wait_until_gone(pids: list[int], timeout: float) -> list[int]:
    """Return the pids that are still running after ``timeout`` seconds (a dead one is gone).

    A zombie (exited, not yet reaped by whoever adopted it) counts as gone: it holds no port.
    """
    handles: dict[int, int] = {}
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            handles[os.pidfd_open(pid)] = pid
    deadline = time.monotonic() + timeout
    try:
        while handles and (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select(list(handles), [], [], left)
            for handle in ready:
                os.close(handle)
                del handles[handle]
        return sorted(handles.values())
    finally:
        for handle in handles:
            os.close(handle)


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            return True
    except OSError:
        return False


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[Server]:
    """A real ``qikit serve`` with the alpha team's page open (its kernel running)."""
    cohort = tmp_path / "cohort"
    codes = make_cohort(cohort)
    running = _start(cohort, codes, tmp_path / "server.log")
    started: dict[int, str] = {}
    try:
        client = Client(running)
        client.login(ALPHA, codes["team:alpha"])
        assert "Hello from team alpha page" in client.request(ALPHA).body
        started = {pid: _command_line(pid) for pid in _descendants(running.process.pid)}
        yield running
    finally:
        _stop(running.process)
        # A failed test must not leave its server behind for the next one.
        for pid in _wait_until_gone(list(started), 0):
            if _command_line(pid) == started[pid]:
                os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize("sent", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL], ids=str)
def test_stopping_serve_stops_voila_and_its_kernels(serving: Server, sent: signal.Signals) -> None:
    """When qikit serve is stopped or killed, does its Voilà server stop answering and every
    process it started (Voilà, the page's kernel) end with it?"""
    port = int(serving.url.rsplit(":", 1)[1])
    children = _descendants(serving.process.pid)
    assert any("ipykernel" in _command_line(pid) for pid in children), children
    assert any("qikit.server" in _command_line(pid) for pid in children), children

    os.kill(serving.process.pid, sent)
    serving.process.wait(timeout=GONE_TIMEOUT)

    left = _wait_until_gone(children, GONE_TIMEOUT)
    assert left == [], [_command_line(pid) for pid in left]
    assert not _answers(port), serving.log_text()
