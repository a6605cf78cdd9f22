"""A real ``qikit serve`` over a cohort built from the example template, and one Chromium.

The server is started the way ``tests/server/test_serve.py`` starts it: ``python -m qikit serve``
in a subprocess on a free port of 127.0.0.1; the fixture waits until the port accepts
connections and stops the server by its PID. One server and one browser serve the whole session;
each test gets a fresh browser context (no cookies, no storage) from :func:`new_context`.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from qikit.cohort.access import issue_codes
from qikit.cohort.build import build_cohort

REPO = Path(__file__).resolve().parents[2]
TEMPLATE = REPO / "cohort_templates" / "support_services_2027.yaml"
START_TIMEOUT = 90  # seconds: a loaded machine can be slow to start Voilà


#: The two teams (slugs from the example template) whose codes the journeys know.
JOURNEY_TEAMS = ("portering", "catering")


@dataclass
class Server:
    url: str
    cohort: Path
    codes: dict[str, str]  # slug -> plain code
    log: Path
    process: subprocess.Popen

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def page_url(self, slug: str, notebook: str) -> str:
        return f"{self.url}/voila/render/teams/{slug}/{notebook}"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.kill(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.kill(process.pid, signal.SIGKILL)
            process.wait()


def _start(cohort: Path, codes: dict[str, str], log: Path) -> Server:
    port = _free_port()
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "qikit", "serve", str(cohort), "--port", str(port)],
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=env,
            cwd=cohort,
        )
    _wait_until_listening(process, port, log, "qikit serve")
    return Server(f"http://127.0.0.1:{port}", cohort, codes, log, process)


def _wait_until_listening(process: subprocess.Popen, port: int, log: Path, what: str) -> None:
    """Return once ``port`` accepts connections; fail (and stop it) if the process dies first."""
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            pass
        try:  # waits a moment, and notices a server that died at start
            code = process.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            code = None
        if code is not None or time.monotonic() > deadline:
            _stop(process)
            pytest.fail(f"{what} did not start (exit {code}):\n{log.read_text()}")


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """``qikit serve`` over a fresh cohort built from the example template, with known codes."""
    base = tmp_path_factory.mktemp("journeys")
    cohort = base / "cohort"
    build_cohort(TEMPLATE, cohort)
    issued = issue_codes(cohort, [f"team:{slug}" for slug in JOURNEY_TEAMS], reissue=True)
    codes = {area.removeprefix("team:"): code for area, code in issued.items()}
    running = _start(cohort, codes, base / "server.log")
    yield running
    _stop(running.process)


@pytest.fixture(scope="session")
def browser(chromium: Any) -> Any:
    """The run's headless Debian Chromium (tests/conftest.py)."""
    return chromium


@pytest.fixture
def new_context(browser: Any, server: Server) -> Iterator[Callable[..., Any]]:
    """Return a maker of fresh browser contexts (closed after the test), with long timeouts.

    A test usually needs one (one person at one computer); the access checks need two.
    """
    made: list[Any] = []

    def make(**options: Any) -> Any:
        context = browser.new_context(**options)
        context.set_default_timeout(60_000)  # a loaded machine can take 10 s+ for a page
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()


@pytest.fixture
def voila_notebook(tmp_path: Path) -> Iterator[Callable[[Path], str]]:
    """Return a function that serves one notebook with plain Voilà on 127.0.0.1; its address.

    For a widget tried on its own (no cohort, no access codes): the notebook runs in its own
    folder with this checkout's qikit first on the path. Every server is stopped after the test.
    """
    started: list[subprocess.Popen] = []

    def serve(notebook: Path) -> str:
        port = _free_port()
        log = tmp_path / f"voila-{port}.log"
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
        command = [sys.executable, "-m", "voila", notebook.name, "--no-browser"]
        command += [f"--port={port}", "--Voila.ip=127.0.0.1"]
        with log.open("wb") as sink:
            process = subprocess.Popen(
                command, stdout=sink, stderr=subprocess.STDOUT, env=env, cwd=notebook.parent
            )
        started.append(process)
        _wait_until_listening(process, port, log, "Voilà")
        return f"http://127.0.0.1:{port}/"

    yield serve
    for process in started:
        _stop(process)


def _descendants(pid: int) -> list[int]:
    """Return the ids of every process started under ``pid`` (children first found in /proc)."""
    found: list[int] = []
    waiting = [pid]
    while waiting:
        parent = waiting.pop()
        try:
            tasks = Path(f"/proc/{parent}/task").iterdir()
            children = [
                int(child) for task in tasks for child in (task / "children").read_text().split()
            ]
        except OSError:
            continue
        found.extend(children)
        waiting.extend(children)
    return found


@dataclass
class RestartableServer:
    """A ``qikit serve`` of its own (own cohort, one fixed port) that a test may kill and restart.

    :meth:`kill` is the server dying at once: SIGKILL to it and to every process under it
    (Voilà, its kernels), as a machine that loses power or an out-of-memory kill does.
    :meth:`start` starts it again on the same port over the same cohort.
    """

    cohort: Path
    codes: dict[str, str]
    base: Path
    port: int
    process: subprocess.Popen | None = None
    starts: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def page_url(self, slug: str, notebook: str) -> str:
        return f"{self.url}/voila/render/teams/{slug}/{notebook}"

    def start(self) -> None:
        self.starts += 1
        log = self.base / f"server-{self.starts}.log"
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
        command = [sys.executable, "-m", "qikit", "serve", str(self.cohort)]
        with log.open("wb") as sink:
            self.process = subprocess.Popen(
                [*command, "--port", str(self.port)],
                stdout=sink,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=self.cohort,
                start_new_session=True,
            )
        _wait_until_listening(self.process, self.port, log, "qikit serve")

    def kill(self) -> None:
        if self.process is None:
            return
        for pid in [self.process.pid, *_descendants(self.process.pid)]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait()
        self.process = None


@pytest.fixture
def restartable_server(tmp_path: Path) -> Iterator[RestartableServer]:
    """A running :class:`RestartableServer` over a fresh example cohort; killed after the test."""
    cohort = tmp_path / "cohort"
    build_cohort(TEMPLATE, cohort)
    issued = issue_codes(cohort, [f"team:{slug}" for slug in JOURNEY_TEAMS], reissue=True)
    codes = {area.removeprefix("team:"): code for area, code in issued.items()}
    running = RestartableServer(cohort, codes, tmp_path, _free_port())
    running.start()
    yield running
    running.kill()


@pytest.fixture
def new_restartable_context(browser: Any) -> Iterator[Callable[..., Any]]:
    """Return a maker of fresh browser contexts for :func:`restartable_server` tests."""
    made: list[Any] = []

    def make(**options: Any) -> Any:
        context = browser.new_context(**options)
        context.set_default_timeout(60_000)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()
