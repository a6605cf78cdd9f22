"""Does a closed page's kernel stop only once it has dealt with the page's last words?

The browser journey (``tests/browser/test_history_journey.py``: a box still in focus as the
page reloads) proves the words are kept; these check the waiting rule itself on a stand-in
for jupyter_server's kernel manager (only the attributes it tracks: state, last activity).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Coroutine
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from qikit.server.app import shutdown_when_quiet


@dataclass
class Kernel:
    execution_state: str = "idle"
    last_activity: datetime = field(default_factory=lambda: datetime.now(UTC))


@dataclass
class Manager:
    kernels: dict[str, Kernel]
    stopped: list[tuple[str, float]] = field(default_factory=list)

    def __contains__(self, kernel_id: object) -> bool:
        return kernel_id in self.kernels

    def get_kernel(self, kernel_id: str) -> Kernel:
        return self.kernels[kernel_id]

    async def shutdown_kernel(self, kernel_id: str) -> None:
        self.stopped.append((kernel_id, time.monotonic()))
        del self.kernels[kernel_id]


def _in_thread(work: Coroutine[Any, Any, Any]) -> Any:
    """Run ``work`` in an event loop of its own thread (the browser tests' Playwright keeps a
    loop running in the main thread for the whole session)."""
    done: list[Any] = []
    thread = threading.Thread(target=lambda: done.append(asyncio.run(work)))
    thread.start()
    thread.join()
    return done[0]


def _run(manager: Manager, **timing: Any) -> float:
    started = time.monotonic()
    _in_thread(shutdown_when_quiet(manager, "k", step=0.01, **timing))
    return started


def test_an_idle_kernel_stops_after_the_grace_period() -> None:
    manager = Manager({"k": Kernel(last_activity=datetime(2026, 1, 1, tzinfo=UTC))})
    started = _run(manager, grace=0.1, quiet=0.05, longest=5)
    assert [kid for kid, _ in manager.stopped] == ["k"]
    assert manager.stopped[0][1] - started >= 0.1


def test_a_busy_kernel_is_waited_for_then_stopped() -> None:
    kernel = Kernel(execution_state="busy")
    manager = Manager({"k": kernel})

    async def finish_saving() -> None:
        await asyncio.sleep(0.3)
        kernel.execution_state, kernel.last_activity = "idle", datetime.now(UTC)

    async def both() -> float:
        started = time.monotonic()
        await asyncio.gather(
            shutdown_when_quiet(manager, "k", grace=0.05, quiet=0.1, longest=5, step=0.01),
            finish_saving(),
        )
        return started

    started = _in_thread(both())
    assert manager.stopped and manager.stopped[0][1] - started >= 0.4  # busy 0.3 + quiet 0.1


def test_a_kernel_that_stays_busy_is_stopped_anyway() -> None:
    manager = Manager({"k": Kernel(execution_state="busy")})
    started = _run(manager, grace=0.01, quiet=0.01, longest=0.3)
    assert manager.stopped and manager.stopped[0][1] - started < 2


def test_a_kernel_already_gone_is_left_alone() -> None:
    manager = Manager({})
    _run(manager, grace=0.01, quiet=0.01, longest=0.1)
    assert manager.stopped == []
