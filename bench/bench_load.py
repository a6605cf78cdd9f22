"""Benchmark: many participants editing their team pages at once on one machine; a room of 20.

One run builds a fresh example cohort (6 teams), starts ``qikit serve`` on 127.0.0.1 and drives
Debian's Chromium through Playwright's asyncio API: one browser, one context per participant
(each with its team's cookie, as after typing the team's code), one team page per participant —
so one real kernel each, as on a ward PC or a phone.

**Load.** Each participant opens its team page, moves to "Charter and aim" and, every 3–8 s
(random), types new words into one charter box and leaves it (Tab), as a person does. The save
latency is what the person sees: from leaving the box to "Saved HH:MM" appearing in the tool's
status line (a MutationObserver in the page; both ends on the page's clock). Participants of
one team write different boxes (6 teams × 7 boxes). Errors: a "Not saved" line, no "Saved"
within 30 s, or a page that could not be opened. After the run, every box's last saved words are
read back from the store: a box whose stored words differ is counted as lost.

``--ramp``: after the first phase, 10 more participants join for each further phase until
there are errors, p95 passes 2 s or the server's kernels pass 20 GB; the last phase that met
all three is the number this machine serves. Each phase prints the kernels' memory (RSS of
every ipykernel process under the server) and who used the CPU: the kernels, the server
(qikit serve and Voilà), Chromium (the simulated participants' side) and this driver.

**Room.** 20 contexts with the trainers' cookie open ``trainers/03-run-chart-rules.ipynb`` at
the same moment; each is usable when its "Next week" button is visible and enabled. Target:
all within 20 s. Runs first, on its own, before the participants join.

Absolute times vary with the machine's load (STACK.md). Not a test.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
from _browser import (
    PAGE_TIMEOUT,
    REPO,
    Served,
    chromium_async,
    cpu_seconds,
    free_port,
    megabytes,
    memory,
    percentile,
    serving,
    table,
    verdict,
)

from qikit.cohort.access import TRAINERS, issue_codes, read_cohort_listing
from qikit.cohort.build import build_cohort
from qikit.core.model import MAIN, RecordKind
from qikit.core.wording.charter import LABELS as CHARTER_LABELS
from qikit.core.wording.pages import NAME_LABEL, STAGE_NAMES
from qikit.core.wording.teaching import RULES_NEXT
from qikit.layout import TEAMS_FOLDER, store_path
from qikit.store import open_store
from qikit.store.records import load_record

TEMPLATE = REPO / "cohort_templates" / "support_services_2027.yaml"
TEAM_PAGE = "01-team.ipynb"
ROOM_PAGE = "trainers/03-run-chart-rules.ipynb"
CODE_LABEL = "Type your team's code. You will find it on the card from your QI lead."
OPEN_BUTTON = "Open my team's pages"
TRAINER_CODE_LABEL = "Type the trainers' code."
TRAINER_OPEN_BUTTON = "Open the trainers' pages"
FIELDS = ("problem", "why_it_matters", "scope", "aim_what", "aim_how_much", "aim_for_whom",
          "aim_by_when")  # fmt: skip
PAUSE = (3.0, 8.0)  # seconds between one participant's edits (uniform)
SAVE_TIMEOUT = 30.0  # s: no "Saved" by then is an error
OPENING_AT_ONCE = 3  # participants joining at the same moment (opening a page is heavy)
ROOM = 20
ROOM_TARGET = 20.0  # s
ROOM_TIMEOUT = 300_000  # ms: long past the target, so a slow room is timed, not just failed
P95_LIMIT = 2.0  # s
MEMORY_LIMIT = 20 * 2**30  # bytes of kernel RSS
RAMP_STEP = 10
MACHINE_MEMORY = 24 * 2**30

# Counts each "Saved HH:MM" and each "Not saved" the tools' status lines show (page clock).
OBSERVER = r"""() => {
  window.__saves = []; window.__fails = [];
  const note = (records) => {
    const now = performance.now();
    for (const record of records) {
      const node = record.target.nodeType === 1 ? record.target : record.target.parentElement;
      const region = node && node.closest(".qikit-say");
      if (!region) { continue; }
      const words = region.textContent.trim();
      if (region.classList.contains("qikit-say-polite") && /^Saved \d\d:\d\d$/.test(words)) {
        window.__saves.push(now);
      }
      if (region.classList.contains("qikit-say-urgent") && words.startsWith("Not saved")) {
        window.__fails.push(words);
      }
    }
  };
  new MutationObserver(note).observe(document.body,
                                     {childList: true, subtree: true, characterData: true});
}"""


@dataclass
class Sample:
    """One edit: when it was made (monotonic), its save latency (s) or what went wrong."""

    at: float
    latency: float | None
    error: str = ""


@dataclass
class Participant:
    number: int
    slug: str
    box: str
    samples: list[Sample] = field(default_factory=list)
    last_saved: str | None = None
    opened: bool = False
    open_error: str = ""


@dataclass
class Phase:
    participants: int
    seconds: float
    samples: list[Sample]
    kernel_rss: list[int]
    cpu: dict[str, float]  # CPU seconds per side
    open_errors: int = 0

    @property
    def latencies(self) -> list[float]:
        return [s.latency for s in self.samples if s.latency is not None]

    @property
    def errors(self) -> int:
        return sum(1 for s in self.samples if s.error) + self.open_errors

    def p95(self) -> float | None:
        return percentile(self.latencies, 0.95) if self.latencies else None

    def met(self) -> bool:
        p95 = self.p95()
        return (
            self.errors == 0
            and p95 is not None
            and p95 <= P95_LIMIT
            and sum(self.kernel_rss) <= MEMORY_LIMIT
        )


# --- the cohort and the sides of the machine ----------------------------------------------------


def make_cohort(base: Path) -> tuple[Path, dict[str, str], str]:
    """Build the example cohort; return it, each team's code (by slug) and the trainers' code."""
    cohort = base / "cohort"
    build_cohort(TEMPLATE, cohort)
    slugs = [slug for slug, _ in read_cohort_listing(cohort).teams]
    codes = issue_codes(cohort, [*(f"team:{s}" for s in slugs), TRAINERS], reissue=True)
    return cohort, {s: codes[f"team:{s}"] for s in slugs}, codes[TRAINERS]


def sides(served: Served) -> dict[str, list[psutil.Process]]:
    """Return the processes of each side: kernels, server, Chromium and this driver."""
    kernels = served.kernels()
    server: list[psutil.Process] = []
    with suppress(psutil.Error):
        top = psutil.Process(served.process.pid)
        server = [top, *(p for p in top.children(recursive=True) if p.pid not in kernels)]
    me = psutil.Process(os.getpid())
    chrome: list[psutil.Process] = []
    driver: list[psutil.Process] = [me]
    for process in me.children(recursive=True):
        with suppress(psutil.Error):
            if "chrom" in process.name().lower():
                chrome.append(process)
            elif process.pid != served.process.pid and process not in server:
                driver.append(process)
    return {"kernels": list(kernels.values()), "server": server, "Chromium": chrome,
            "driver": driver}  # fmt: skip


def cpu_snapshot(served: Served) -> dict[str, dict[int, float]]:
    return {side: cpu_seconds(processes) for side, processes in sides(served).items()}


def cpu_used(
    before: dict[str, dict[int, float]], after: dict[str, dict[int, float]]
) -> dict[str, float]:
    """Return the CPU seconds each side used between two snapshots (new processes: all theirs)."""
    used: dict[str, float] = {}
    for side, now in after.items():
        then = before.get(side, {})
        used[side] = sum(max(0.0, t - then.get(pid, 0.0)) for pid, t in now.items())
    return used


def kernel_rss(served: Served) -> list[int]:
    return [r for r, _ in (memory(p) for p in served.kernels().values()) if r is not None]


# --- one participant ------------------------------------------------------------------------------


async def sign_in_state(browser: Any, url: str, code: str, *, trainers: bool) -> Any:
    """Type a code on a page's code form, as a person does; return the cookies (storage state)."""
    context = await browser.new_context()
    context.set_default_timeout(PAGE_TIMEOUT)
    page = await context.new_page()
    await page.goto(url)
    label, button = (
        (TRAINER_CODE_LABEL, TRAINER_OPEN_BUTTON) if trainers else (CODE_LABEL, OPEN_BUTTON)
    )
    await page.get_by_label(label).fill(code)
    await page.get_by_role("button", name=button).click()
    if trainers:
        ready = page.get_by_role("button", name=RULES_NEXT, exact=True)
    else:
        ready = page.get_by_label(NAME_LABEL, exact=True)
    await ready.first.wait_for(state="visible")
    state = await context.storage_state()
    await context.close()
    return state


async def join(
    browser: Any, base_url: str, state: Any, who: Participant, gate: asyncio.Semaphore
) -> Any:
    """Open the participant's team page on the charter; return the page (None: not opened)."""
    context = await browser.new_context(
        storage_state=state, viewport={"width": 1280, "height": 800}
    )
    context.set_default_timeout(PAGE_TIMEOUT)
    page = await context.new_page()
    try:
        async with gate:
            await page.goto(f"{base_url}/voila/render/{TEAMS_FOLDER}/{who.slug}/{TEAM_PAGE}")
            link = page.get_by_role("link", name=STAGE_NAMES["charter"], exact=True).first
            await link.click()
            box = page.get_by_label(CHARTER_LABELS[who.box], exact=True)
            await box.wait_for(state="visible")
        await page.evaluate(OBSERVER)
        who.opened = True
        return page
    except Exception as error:  # a page that cannot be opened is the finding
        who.open_error = f"{type(error).__name__}: {str(error)[:120]}"
        await context.close()
        return None


async def edit(page: Any, who: Participant, count: int) -> Sample:
    """Type new words into the participant's box, leave it, wait for "Saved"."""
    at = time.monotonic()
    words = f"participant {who.number} edit {count} ({time.time():.3f})"
    box = page.get_by_label(CHARTER_LABELS[who.box], exact=True)
    try:
        saves, fails = await page.evaluate("() => [window.__saves.length, window.__fails.length]")
        await box.fill(words)
        await page.evaluate("() => { window.__mark = performance.now(); }")
        await box.press("Tab")
        await page.wait_for_function(
            "([s, f]) => window.__saves.length > s || window.__fails.length > f",
            arg=[saves, fails],
            timeout=SAVE_TIMEOUT * 1000,
        )
        latency, failure = await page.evaluate(
            "([s, f]) => [window.__saves.length > s ? (window.__saves[s] - window.__mark) / 1000"
            " : null, window.__fails.length > f ? window.__fails[f] : '']",
            [saves, fails],
        )
    except Exception as error:
        return Sample(at, None, f"{type(error).__name__}: {str(error)[:120]}")
    if failure:
        return Sample(at, None, failure[:120])
    who.last_saved = words
    return Sample(at, float(latency))


async def keep_editing(
    page: Any, who: Participant, stop: asyncio.Event, rng: random.Random
) -> None:
    count = 0
    while not stop.is_set():
        with suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), rng.uniform(*PAUSE))
        if stop.is_set():
            break
        count += 1
        who.samples.append(await edit(page, who, count))


# --- the phases -----------------------------------------------------------------------------------


async def load(
    browser: Any,
    served: Served,
    codes: dict[str, str],
    sizes: Sequence[int],
    seconds_each: float,
    ramp: bool,
) -> tuple[list[Phase], list[Participant], list[float]]:
    """Run the load phases; return them, every participant and how long each took to join."""
    slugs = list(codes)
    states: dict[str, Any] = {}
    for slug in slugs:
        url = f"{served.url}/voila/render/{TEAMS_FOLDER}/{slug}/{TEAM_PAGE}"
        states[slug] = await sign_in_state(browser, url, codes[slug], trainers=False)
    everyone: list[Participant] = []
    tasks: list[asyncio.Task[None]] = []
    pages: list[Any] = []
    joins: list[float] = []
    stop = asyncio.Event()
    gate = asyncio.Semaphore(OPENING_AT_ONCE)
    phases: list[Phase] = []
    rng = random.Random(13)
    size_iter = iter(sizes)
    target = next(size_iter)
    while True:
        newcomers = []
        for number in range(len(everyone), target):
            slug = slugs[number % len(slugs)]
            box = FIELDS[(number // len(slugs)) % len(FIELDS)]
            newcomers.append(Participant(number + 1, slug, box))
        everyone += newcomers

        async def arrive(who: Participant) -> None:
            started = time.monotonic()
            page = await join(browser, served.url, states[who.slug], who, gate)
            if page is None:
                return
            joins.append(time.monotonic() - started)
            pages.append(page)
            tasks.append(asyncio.create_task(keep_editing(page, who, stop, rng)))

        await asyncio.gather(*(arrive(w) for w in newcomers))
        print(f"  {len([p for p in everyone if p.opened])} of {len(everyone)} participants on "
              "their pages; measuring…", flush=True)  # fmt: skip
        before = cpu_snapshot(served)
        begun = time.monotonic()
        await asyncio.sleep(seconds_each)
        ended = time.monotonic()
        used = cpu_used(before, cpu_snapshot(served))
        samples = [s for p in everyone for s in p.samples if begun <= s.at < ended]
        phase = Phase(len(everyone), ended - begun, samples, kernel_rss(served), used,
                      sum(1 for p in newcomers if p.open_error))  # fmt: skip
        phases.append(phase)
        print_phase(phase)
        if not ramp or not phase.met():
            break
        try:
            target = next(size_iter)
        except StopIteration:
            break
    stop.set()
    await asyncio.gather(*tasks)
    for page in pages:
        with suppress(Exception):
            await page.context.close()
    return phases, everyone, joins


async def room(browser: Any, served: Served, code: str, size: int) -> tuple[list[float], int]:
    """Open the trainer's page in ``size`` contexts at once; return seconds until each is usable."""
    url = f"{served.url}/voila/render/{ROOM_PAGE}"
    state = await sign_in_state(browser, url, code, trainers=True)
    contexts = [await browser.new_context(storage_state=state) for _ in range(size)]
    pages = [await c.new_page() for c in contexts]
    failed = 0

    async def open_one(page: Any, started: float) -> float | None:
        try:
            await page.goto(url, wait_until="commit", timeout=ROOM_TIMEOUT)
            button = page.get_by_role("button", name=RULES_NEXT, exact=True)
            await button.wait_for(state="visible", timeout=ROOM_TIMEOUT)
            while not await button.is_enabled():
                await asyncio.sleep(0.05)
            return time.perf_counter() - started
        except Exception:
            return None

    started = time.perf_counter()
    times = await asyncio.gather(*(open_one(p, started) for p in pages))
    for context in contexts:
        await context.close()
    failed = sum(1 for t in times if t is None)
    return [t for t in times if t is not None], failed


async def wait_for_no_kernels(served: Served, limit: float = 90.0) -> float:
    """Wait (at most ``limit``) until the server has no kernel; return the seconds waited."""
    started = time.monotonic()
    while served.kernels() and time.monotonic() - started < limit:
        await asyncio.sleep(0.5)
    return time.monotonic() - started


def lost_boxes(cohort: Path, everyone: Sequence[Participant]) -> tuple[int, int]:
    """Return (boxes checked, boxes whose stored words are not the last ones shown "Saved")."""
    owners: dict[tuple[str, str], list[Participant]] = {}
    for who in everyone:
        owners.setdefault((who.slug, who.box), []).append(who)
    store = open_store(store_path(cohort), create=False, read_only=True)
    checked = lost = 0
    for (slug, box), who in owners.items():
        if len(who) != 1 or who[0].last_saved is None:
            continue  # a box two participants share: the last writer is not known here
        checked += 1
        record = load_record(store, slug, RecordKind.CHARTER, MAIN)
        stored = None if record is None else getattr(record, box, None)
        if stored != who[0].last_saved:
            lost += 1
    return checked, lost


# --- the report -----------------------------------------------------------------------------------


def print_phase(phase: Phase) -> None:
    latencies = phase.latencies
    figures = (
        [f"{statistics.median(latencies):.3f} s", f"{percentile(latencies, 0.95):.3f} s",
         f"{max(latencies):.3f} s"] if latencies else ["n/a"] * 3
    )  # fmt: skip
    rss = phase.kernel_rss
    busy = {side: used / phase.seconds for side, used in phase.cpu.items()}
    total = sum(busy.values()) or 1.0
    print(table(
        ["participants", "saves", "errors", "p50 save", "p95", "max", "kernels",
         "RSS each (median, max)", "RSS total"],
        [[str(phase.participants), str(len(latencies)), str(phase.errors), *figures, str(len(rss)),
          f"{megabytes(statistics.median(rss)).strip()}, {megabytes(max(rss)).strip()}"
          if rss else "n/a", megabytes(sum(rss)).strip()]],
    ))  # fmt: skip
    print("CPU over the phase (cores busy; share of what was used): " + "; ".join(
        f"{side} {cores:.2f} ({cores / total:.0%})" for side, cores in busy.items()))  # fmt: skip
    for sample in [s for s in phase.samples if s.error][:5]:
        print(f"  error: {sample.error}")
    print(flush=True)


def print_room(times: list[float], failed: int, size: int) -> None:
    print(f"Room: {size} contexts open {ROOM_PAGE} at the same moment (trainers' cookie)")
    figures = (
        [f"{statistics.median(times):.2f} s", f"{percentile(times, 0.95):.2f} s",
         f"{max(times):.2f} s"] if times else ["n/a"] * 3
    )  # fmt: skip
    print(table(["usable", "failed", "p50 open→usable", "p95", "max"],
                [[str(len(times)), str(failed), *figures]]))  # fmt: skip
    ok = failed == 0 and bool(times) and max(times) <= ROOM_TARGET
    print(f"- {verdict(ok)}: all {size} usable within {ROOM_TARGET:.0f} s\n", flush=True)


def print_summary(phases: list[Phase], joins: list[float], checked: int, lost: int) -> None:
    first = phases[0]
    if joins:
        print(f"Joining (page open → charter box shown, {OPENING_AT_ONCE} at a time): median "
              f"{statistics.median(joins):.1f} s, max {max(joins):.1f} s")  # fmt: skip
    print(f"Read back from the store: {checked} boxes with one writer checked, {lost} lost")
    p95 = first.p95()
    print(f"- {verdict(first.errors == 0)}: 0 errors with {first.participants} participants "
          f"({first.errors})")  # fmt: skip
    print(f"- {verdict(None if p95 is None else p95 <= P95_LIMIT)}: p95 save ≤ {P95_LIMIT:.0f} s "
          f"with {first.participants} participants")  # fmt: skip
    print(f'- {verdict(lost == 0)}: nothing that showed "Saved" lost')
    served = [p.participants for p in phases if p.met()]
    if len(phases) > 1:
        print(
            f"Ramp: the machine served {max(served) if served else 0} participants within "
            f"0 errors, p95 ≤ {P95_LIMIT:.0f} s and kernels ≤ {megabytes(MEMORY_LIMIT).strip()}"
            f" ({os.cpu_count()} cores, {megabytes(psutil.virtual_memory().total).strip()})."
        )
    rss = first.kernel_rss
    if rss:
        each = statistics.median(rss)
        print(
            f"Memory alone would allow about {int(MEMORY_LIMIT // each)} kernels of "
            f"{megabytes(each).strip()} within 20 GB ({int(MACHINE_MEMORY // each)} in 24 GB)."
        )


async def run(options: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="qikit-bench-load-") as folder:
        base = Path(folder)
        cohort, codes, trainers = make_cohort(base)
        port = free_port()
        arguments = ["-m", "qikit", "serve", str(cohort), "--port", str(port)]
        with serving(arguments, cwd=cohort, log=base / "serve.log", port=port) as served:
            async with chromium_async() as browser:
                if options.room:
                    times, failed = await room(browser, served, trainers, options.room)
                    print_room(times, failed, options.room)
                    gone_after = await wait_for_no_kernels(served)
                    print(f"(the room's kernels stopped {gone_after:.0f} s after its pages "
                          "closed)\n", flush=True)  # fmt: skip
                sizes = [options.participants]
                if options.ramp:
                    sizes += [options.participants + RAMP_STEP * k for k in range(1, 100)]
                seconds_each = 30.0 if options.quick else options.minutes * 60
                print(f"Load: participants edit a charter box every {PAUSE[0]:.0f}–{PAUSE[1]:.0f}"
                      f" s; {seconds_each:.0f} s per phase\n", flush=True)  # fmt: skip
                phases, everyone, joins = await load(
                    browser, served, codes, sizes, seconds_each, options.ramp
                )
        checked, lost = lost_boxes(cohort, everyone)
        print_summary(phases, joins, checked, lost)


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=30)
    parser.add_argument("--minutes", type=float, default=3.0, help="length of a phase")
    parser.add_argument("--quick", action="store_true", help="30 s phases, for trying it")
    parser.add_argument(
        "--ramp", action="store_true", help=f"add {RAMP_STEP} a phase until a limit is passed"
    )
    parser.add_argument("--room", type=int, default=ROOM, help="contexts in the room (0: none)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    options = parse(argv)
    started = time.monotonic()
    asyncio.run(run(options))
    print(f"\n(bench took {time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
