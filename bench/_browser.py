"""What the page benchmarks share: a served folder, its kernel processes, Chromium, statistics.

A server is a real process on a free port of 127.0.0.1 (``qikit serve`` or a plain ``voila``),
stopped by its PID, as ``tests/browser/conftest.py`` starts one; its kernels are found with
psutil among the server's descendants. Chromium is Debian's, with the flags of STACK.md (the
same list as ``tests/conftest.py``). Not a test.
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import asynccontextmanager, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
#: Without the networking flags Chromium keeps trying to reach the internet (STACK.md).
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
START_TIMEOUT = 90.0  # seconds: a loaded machine can be slow to start Voilà
PAGE_TIMEOUT = 90_000  # ms: Voilà runs the notebook before the widgets show


# --- statistics -------------------------------------------------------------------------------


def spread(samples: Sequence[float]) -> tuple[float, float, float]:
    """Return (median, min, max) of ``samples``."""
    if not samples:
        raise ValueError("no samples")
    return statistics.median(samples), min(samples), max(samples)


def seconds(samples: Sequence[float]) -> str:
    """Return "1.23 s (1.10–1.50)": the median, then the smallest and largest."""
    median, low, high = spread(samples)
    return f"{median:5.2f} s ({low:.2f}–{high:.2f})"


def megabytes(size: float | None) -> str:
    return "n/a" if size is None else f"{size / 2**20:6.1f} MB"


def verdict(met: bool | None) -> str:
    return "not measured" if met is None else ("met" if met else "NOT MET")


def table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Return a plain text table, columns as wide as their widest cell."""
    widths = [max(len(str(cell)) for cell in column) for column in zip(headers, *rows, strict=True)]
    line = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    out = ["| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |", line]
    out += [
        "| " + " | ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
        for row in rows
    ]
    return "\n".join(out)


# --- a served folder and its kernels ----------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Served:
    """A server process on 127.0.0.1 and where its output goes."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def kernels(self) -> dict[int, psutil.Process]:
        """Return the server's kernel processes (an ipykernel launcher), by PID."""
        found: dict[int, psutil.Process] = {}
        try:
            children = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return found
        for child in children:
            try:
                command = " ".join(child.cmdline())
            except (psutil.NoSuchProcess, psutil.ZombieProcess, psutil.AccessDenied):
                continue
            if "ipykernel_launcher" in command or "ipykernel " in command:
                found[child.pid] = child
        return found

    def stop(self) -> None:
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.kill(self.process.pid, signal.SIGKILL)
                self.process.wait()


def start_server(arguments: Sequence[str], *, cwd: Path, log: Path, port: int) -> Served:
    """Start ``python <arguments>`` with this worktree first on the path; wait for the port."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO), env.get("PYTHONPATH")) if p)
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, *arguments], stdout=sink, stderr=subprocess.STDOUT, env=env, cwd=cwd
        )
    served = Served(f"http://127.0.0.1:{port}", process, log)
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return served
        except OSError:
            pass
        try:  # waits a moment, and notices a server that died at start
            code = process.wait(timeout=0.2)
        except subprocess.TimeoutExpired:
            code = None
        if code is not None or time.monotonic() > deadline:
            served.stop()
            raise RuntimeError(f"server did not start (exit {code}):\n{log.read_text()}")


@contextmanager
def serving(arguments: Sequence[str], *, cwd: Path, log: Path, port: int) -> Iterator[Served]:
    served = start_server(arguments, cwd=cwd, log=log, port=port)
    try:
        yield served
    finally:
        served.stop()


def memory(process: psutil.Process) -> tuple[int | None, int | None]:
    """Return (RSS, USS) in bytes; None for what cannot be read (or a process now gone)."""
    try:
        full = process.memory_full_info()
        return full.rss, getattr(full, "uss", None)
    except (psutil.AccessDenied, psutil.ZombieProcess):
        try:
            return process.memory_info().rss, None
        except psutil.Error:
            return None, None
    except psutil.NoSuchProcess:
        return None, None


def alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def wait_until_quiet(processes: Sequence[psutil.Process], *, limit: float = 60.0) -> float:
    """Wait until none of ``processes`` uses more than 3% of a core over half a second.

    Used between measurements so that a kernel still starting (a preheated pool refilling)
    does not slow the next one. Returns the seconds waited (``limit`` at most).
    """
    started = time.monotonic()
    while time.monotonic() - started < limit:
        for process in processes:
            with suppress(psutil.Error):
                process.cpu_percent(None)
        time.sleep(0.5)
        busy = 0.0
        for process in processes:
            with suppress(psutil.Error):
                busy = max(busy, process.cpu_percent(None))
        if busy < 3.0:
            break
    return time.monotonic() - started


@contextmanager
def chromium() -> Iterator[Any]:
    """Debian's headless Chromium, launched by Playwright (never ``playwright install``)."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"needs Debian's chromium at {CHROMIUM} (make test installs it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@asynccontextmanager
async def chromium_async() -> AsyncIterator[Any]:
    """Debian's headless Chromium under Playwright's asyncio API: many pages waiting at once."""
    from playwright.async_api import async_playwright

    if not Path(CHROMIUM).exists():
        raise SystemExit(f"needs Debian's chromium at {CHROMIUM} (make test installs it)")
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            await browser.close()


def percentile(samples: Sequence[float], share: float) -> float:
    """Return the ``share`` quantile of ``samples`` (0.95 for p95), by linear interpolation."""
    ordered = sorted(samples)
    if not ordered:
        raise ValueError("no samples")
    place = share * (len(ordered) - 1)
    low = int(place)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (place - low)


def cpu_seconds(processes: Sequence[psutil.Process]) -> dict[int, float]:
    """Return the CPU seconds (user + system) each process has used so far, by PID."""
    used: dict[int, float] = {}
    for process in processes:
        with suppress(psutil.Error):
            times = process.cpu_times()
            used[process.pid] = times.user + times.system
    return used
