"""Benchmark: the participant pages in a real Chromium, beside a bare Voilà notebook.

One run builds a fresh example cohort, puts a bare notebook (one button) in a team's folder,
starts ``qikit serve`` on 127.0.0.1 and measures, median of 5 (min–max beside it):

- first open (``page.goto`` → first usable control), warm (one browser context, cache primed)
  and cold (a fresh context each time: empty cache, same cookie) — bare: the "Go" button;
  team page: the "Your name" box;
- moving between stages, every stage in turn;
- kernels per open tab (1 and 3 tabs), their RSS/USS, how long the kernels of closed tabs
  live on (``--quick`` skips this wait), and that an open tab's kernel is kept and still saves;
- ``--preheat``: plain ``voila`` with and without ``--preheat_kernel`` (first open, pool memory).

Targets (issue 10) are printed beside the figures, with a verdict per target. Absolute times
vary with the machine's load (STACK.md): compare the figures of one run. Not a test.

The team page is either one notebook per stage (``01-home.ipynb`` … ``06-storyboard.ipynb``)
or one page per team (``01-team.ipynb``, stages switched by in-page links): only
:func:`open_team_page` and :func:`move_to_stage` know which.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from _browser import (
    PAGE_TIMEOUT,
    REPO,
    Served,
    alive,
    chromium,
    free_port,
    megabytes,
    memory,
    seconds,
    serving,
    spread,
    table,
    verdict,
    wait_until_quiet,
)
from playwright.sync_api import Locator, Page, expect

from qikit.cohort.access import issue_codes, read_cohort_listing
from qikit.cohort.build import build_cohort
from qikit.core.wording.charter import LABELS as CHARTER_LABELS
from qikit.core.wording.pages import NAME_LABEL, STAGE_NAMES, STORY_TITLE
from qikit.layout import TEAMS_FOLDER
from qikit.server.app import CULL_IDLE_TIMEOUT, CULL_INTERVAL

TEMPLATE = REPO / "cohort_templates" / "support_services_2027.yaml"
SLUG = "portering"
ONE_PAGE = "01-team.ipynb"  # the one page per team, when the build writes it
BARE = "zz-bare.ipynb"  # sorts after the team's pages, so it never becomes the team's home
BARE_SOURCE = 'import ipywidgets as w\nw.Button(description="Go")'
CODE_LABEL = "Type your team's code. You will find it on the card from your QI lead."
OPEN_BUTTON = "Open my team's pages"
SAVED = re.compile(r"Saved \d\d:\d\d")
STAGES = tuple(STAGE_NAMES)
RUNS = 5
CULL_LIMIT = 20 * 60  # seconds: give up waiting for closed tabs' kernels after this

# Targets (issue 10).
SWITCH_TARGET = 0.5  # s
OPEN_RATIO_TARGET = 1.3  # × the bare notebook
CULL_TARGET = 120  # s
KERNELS_PER_TAB_TARGET = 1
RSS_TARGET = 150 * 2**20  # bytes


@dataclass
class Site:
    """The served cohort: where it is, the team's code and its pages' addresses."""

    served: Served
    cohort: Path
    code: str
    team_name: str

    @property
    def team_folder(self) -> Path:
        return self.cohort / TEAMS_FOLDER / SLUG

    @property
    def one_page(self) -> bool:
        return (self.team_folder / ONE_PAGE).is_file()

    def stage_notebook(self, stage: str) -> str:
        """Return the file name of a stage's own notebook (one notebook per stage: NN-stage)."""
        return next(self.team_folder.glob(f"[0-9][0-9]-{stage}.ipynb")).name

    @property
    def team_notebook(self) -> str:
        """Return the notebook the team page opens with."""
        return ONE_PAGE if self.one_page else self.stage_notebook("home")

    def url(self, notebook: str) -> str:
        return f"{self.served.url}/voila/render/{TEAMS_FOLDER}/{SLUG}/{notebook}"


# --- the two functions that know the team page's shape ---------------------------------------


def name_box(page: Page) -> Locator:
    return page.get_by_label(NAME_LABEL, exact=True)


def open_team_page(page: Page, site: Site) -> float:
    """Open the team page (its home stage); return seconds until "Your name" can be typed in."""
    started = time.perf_counter()
    page.goto(site.url(site.team_notebook), wait_until="commit")
    return usable(name_box(page), started)


def move_to_stage(page: Page, site: Site, stage: str) -> float:
    """Move the open team page to ``stage``; return seconds until the stage can be used.

    One page: click the stage's link, wait for the stage's heading. One notebook per stage:
    open that stage's notebook, wait for its "Your name" box (the storyboard: its title).
    """
    started = time.perf_counter()
    if site.one_page:
        page.get_by_role("link", name=STAGE_NAMES[stage], exact=True).first.click()
        ready = page.get_by_role("heading", name=STAGE_NAMES[stage], exact=True, level=2)
        return usable(ready.first, started)
    page.goto(site.url(site.stage_notebook(stage)), wait_until="commit")
    if stage == "storyboard":
        title = STORY_TITLE.format(team=site.team_name)
        return usable(page.get_by_role("heading", name=title, exact=True), started)
    return usable(name_box(page), started)


# --- measuring --------------------------------------------------------------------------------


def usable(control: Locator, started: float) -> float:
    """Wait until ``control`` is visible and enabled; return seconds since ``started``."""
    control.wait_for(state="visible", timeout=PAGE_TIMEOUT)
    if not control.is_enabled():
        expect(control).to_be_enabled(timeout=PAGE_TIMEOUT)
    return time.perf_counter() - started


def open_bare(page: Page, url: str) -> float:
    started = time.perf_counter()
    page.goto(url, wait_until="commit")
    return usable(page.get_by_role("button", name="Go", exact=True), started)


def sign_in(page: Page, site: Site) -> None:
    """Type the team's code on the code page, as a participant does."""
    page.goto(site.url(site.team_notebook))
    page.get_by_label(CODE_LABEL).fill(site.code)
    page.get_by_role("button", name=OPEN_BUTTON).click()
    name_box(page).wait_for(state="visible", timeout=PAGE_TIMEOUT)


def make_cohort(base: Path) -> tuple[Path, str, str]:
    """Build the example cohort in ``base``, with a code for the team and the bare notebook."""
    cohort = base / "cohort"
    build_cohort(TEMPLATE, cohort)
    code = issue_codes(cohort, [f"team:{SLUG}"], reissue=True)[f"team:{SLUG}"]
    write_bare(cohort / TEAMS_FOLDER / SLUG / BARE)
    return cohort, code, dict(read_cohort_listing(cohort).teams)[SLUG]


def write_bare(path: Path) -> None:
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(BARE_SOURCE)],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    )
    nbformat.write(notebook, path)


def serve_cohort(cohort: Path, log: Path) -> Any:
    port = free_port()
    arguments = ["-m", "qikit", "serve", str(cohort), "--port", str(port)]
    return serving(arguments, cwd=cohort, log=log, port=port)


@dataclass
class Results:
    layout: str = ""
    opens: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    switches: dict[str, list[float]] = field(default_factory=dict)
    first_visits: dict[str, float] = field(default_factory=dict)
    kernel_rows: list[list[str]] = field(default_factory=list)
    kernels_per_tab: float | None = None
    page_rss: int | None = None
    visit_rss: int | None = None
    cull_seconds: float | None = None
    cull_note: str = ""
    shutdowns: tuple[int, int] = (0, 0)  # page-close shutdown requests: (answered, refused)
    keeper_alive: bool | None = None
    keeper_saves: bool | None = None
    preheat_rows: list[list[str]] = field(default_factory=list)
    preheat_note: str = ""


def measure_opens(browser: Any, site: Site, results: Results) -> None:
    """First open of the bare notebook and of the team page, warm and cold, rounds interleaved."""
    warm_context = browser.new_context()
    warm_context.set_default_timeout(PAGE_TIMEOUT)
    warm = warm_context.new_page()
    sign_in(warm, site)
    state = warm_context.storage_state()  # the cookie, for the cold contexts
    open_bare(warm, site.url(BARE))  # primes the cache
    open_team_page(warm, site)
    for key in [(p, c) for p in ("bare", "team") for c in ("warm", "cold")]:
        results.opens[key] = []
    for _ in range(RUNS):
        results.opens["bare", "warm"].append(open_bare(warm, site.url(BARE)))
        results.opens["team", "warm"].append(open_team_page(warm, site))
        for which in ("bare", "team"):
            cold_context = browser.new_context(storage_state=state)
            cold_context.set_default_timeout(PAGE_TIMEOUT)
            cold = cold_context.new_page()
            if which == "bare":
                taken = open_bare(cold, site.url(BARE))
            else:
                taken = open_team_page(cold, site)
            results.opens[which, "cold"].append(taken)
            cold_context.close()
    warm_context.close()


def measure_switches(browser: Any, site: Site, results: Results) -> None:
    context = browser.new_context()
    context.set_default_timeout(PAGE_TIMEOUT)
    page = context.new_page()
    sign_in(page, site)
    order = [*STAGES[1:], STAGES[0]]  # from home: every stage, then home again
    for stage in order:  # the first visit builds the stage: shown apart, one sample
        results.first_visits[stage] = move_to_stage(page, site, stage)
    results.switches = {stage: [] for stage in order}
    for _ in range(RUNS):
        for stage in order:
            results.switches[stage].append(move_to_stage(page, site, stage))
    context.close()


def started_by(served: Served, before: set[int], work: Callable[[], object]) -> set[int]:
    """Run ``work``; return the PIDs of the kernels that appeared meanwhile."""
    work()
    return set(served.kernels()) - before


def kernel_memory(served: Served, pids: set[int]) -> tuple[list[int], list[int]]:
    processes = served.kernels()
    sizes = [memory(processes[pid]) for pid in sorted(pids) if pid in processes]
    return [r for r, _ in sizes if r is not None], [u for _, u in sizes if u is not None]


def measure_kernels(browser: Any, site: Site, results: Results, quick: bool) -> None:
    served = site.served
    login = browser.new_context()
    login.set_default_timeout(PAGE_TIMEOUT)
    sign_in(login.new_page(), site)
    context = browser.new_context(storage_state=login.storage_state())
    context.set_default_timeout(PAGE_TIMEOUT)
    login.close()
    tabs: list[Page] = []
    to_close: set[int] = set()
    per_tab: list[float] = []

    for count in (1, 3):
        opened = [context.new_page() for _ in range(count)]
        new = started_by(
            served, set(served.kernels()), lambda o=opened: [open_team_page(p, site) for p in o]
        )
        rss, uss = kernel_memory(served, new)
        per_tab.append(len(new) / count)
        results.kernel_rows.append(
            [
                f"{count} tab(s) open on the team page",
                str(len(new)),
                f"{len(new) / count:.1f}",
                megabytes(max(rss, default=None)),
                megabytes(max(uss, default=None)),
            ]
        )
        if count == 1:
            results.page_rss = max(rss, default=None)
            first_tab, first_kernels = opened[0], set(new)
        tabs += opened
        to_close |= new

    # One tab visits every stage: which kernels does it hold then, and how big are they?
    visited = started_by(
        served,
        set(served.kernels()),
        lambda: [move_to_stage(first_tab, site, s) for s in [*STAGES[1:], STAGES[0]]],
    )
    holding = {pid for pid in first_kernels | visited if pid in served.kernels()}
    rss, uss = kernel_memory(served, holding)
    per_tab.append(float(len(holding)))
    results.kernel_rows.append(
        [
            "1 tab, after visiting every stage: all its kernels",
            str(len(holding)),
            f"{len(holding):.1f}",
            megabytes(sum(rss)) + " (sum)",
            megabytes(sum(uss)) + " (sum)" if uss else "n/a",
        ]
    )
    results.kernel_rows.append(
        [
            "1 tab, after visiting every stage: its largest kernel",
            "1",
            "",
            megabytes(max(rss, default=None)),
            megabytes(max(uss, default=None)),
        ]
    )
    results.kernels_per_tab = max(per_tab)
    results.page_rss = max(rss, default=results.page_rss)
    results.visit_rss = sum(rss)
    to_close |= visited

    # A tab kept open (on the charter) must keep its kernel, closed tabs must lose theirs.
    keeper = context.new_page()
    before = set(served.kernels())
    kept = started_by(served, before, lambda: open_team_page(keeper, site))
    moved = set(served.kernels())
    kept |= started_by(served, moved, lambda: move_to_stage(keeper, site, "charter"))
    keeper_pid = max(kept, key=lambda pid: served.kernels()[pid].create_time())
    to_close |= kept - {keeper_pid}
    kernels = served.kernels()
    watched = {pid: kernels[pid] for pid in to_close if pid in kernels}
    for tab in tabs:
        tab.close()
    closed_at = time.monotonic()
    if quick:
        results.cull_note = "not measured (--quick)"
    else:
        gone_after: dict[int, float] = {}
        while len(gone_after) < len(watched) and time.monotonic() - closed_at < CULL_LIMIT:
            for pid, process in watched.items():
                if pid not in gone_after and not alive(process):
                    gone_after[pid] = time.monotonic() - closed_at
            time.sleep(2)
        if len(gone_after) < len(watched):
            results.cull_note = (
                f"{len(watched) - len(gone_after)} of {len(watched)} kernels still running "
                f"after {CULL_LIMIT // 60} minutes (gave up)"
            )
        else:
            results.cull_seconds = max(gone_after.values(), default=0.0)
            first = min(gone_after.values(), default=0.0)
            results.cull_note = f"{len(watched)} kernels; first gone after {first:.0f} s"
    results.shutdowns = shutdown_requests(served.log.read_text(errors="replace"))
    results.keeper_alive = keeper_pid in served.kernels()
    waited = time.monotonic() - closed_at
    results.cull_note += f"; open tab checked {waited:.0f} s after the others closed"
    results.keeper_saves = page_still_saves(keeper)
    context.close()


def shutdown_requests(log: str) -> tuple[int, int]:
    """Count the page-close kernel shutdowns in a server log: (answered, refused).

    Voilà's page posts ``/voila/api/shutdown/<kernel>`` when it is closed (``beforeunload``,
    with the ``_xsrf`` cookie read by JavaScript); a refused one leaves the kernel to culling.
    """
    answered = len(re.findall(r"\b20[04] POST /voila/api/shutdown/\S+ \(", log))
    refused = len(re.findall(r"\b4\d\d POST /voila/api/shutdown/\S+ \([^)]*\) [\d.]+ms", log))
    return answered, refused


def page_still_saves(page: Page) -> bool:
    """Type a name and an aim on the open tab (charter); True when "Saved" shows."""
    try:
        box = name_box(page)
        box.fill("Bench")
        box.press("Tab")
        aim = page.get_by_label(CHARTER_LABELS["aim_what"], exact=True)
        aim.fill(f"shorten the wait ({time.time():.0f})")
        aim.press("Tab")
        expect(page.get_by_text(SAVED).first).to_be_visible(timeout=30_000)
        return True
    except Exception:  # a page that cannot save, whatever the reason, is the finding
        return False


# --- preheated kernels in plain Voilà ---------------------------------------------------------


def measure_preheat(browser: Any, site: Site, base: Path, results: Results) -> None:
    """First open in plain ``voila`` with and without ``--preheat_kernel`` (pool of 1)."""
    folder = base / "preheat"
    folder.mkdir()
    write_bare(folder / "bare.ipynb")
    shutil.copy(site.team_folder / site.team_notebook, folder / "team.ipynb")  # parameters baked in
    figures: dict[bool, dict[str, list[float]]] = {}
    team_pool_rss = 0
    for preheat in (False, True):
        port = free_port()
        arguments = ["-m", "voila", str(folder), f"--port={port}", "--Voila.ip=127.0.0.1"]
        arguments += ["--no-browser", "--Voila.port_retries=0"]
        if preheat:
            arguments += ["--preheat_kernel=True", "--pool_size=1"]
        log = base / f"voila-preheat-{preheat}.log"
        with serving(arguments, cwd=folder, log=log, port=port) as served:
            pool = wait_for_kernels(served, 2 if preheat else 0)
            rss, uss = kernel_memory(served, set(pool))
            if preheat:
                team_pool_rss = max(rss, default=0)
            context = browser.new_context()
            context.set_default_timeout(PAGE_TIMEOUT)
            page = context.new_page()
            bare_url = f"{served.url}/voila/render/bare.ipynb"
            team_url = f"{served.url}/voila/render/team.ipynb"
            urls = {"bare": bare_url, "team": team_url}
            # Each open (the first primes the browser cache) is followed by a wait until the
            # server has one kernel more (a new one; with preheat: the pool refilled) and every
            # kernel is idle, so the next open does not share the machine with a starting kernel.
            times: dict[str, list[float]] = {"bare": [], "team": []}
            for which in ["bare", *(["bare", "team"] * RUNS)]:
                count = len(served.kernels())
                if which == "bare":
                    taken = open_bare(page, urls[which])
                else:
                    started = time.perf_counter()
                    page.goto(urls[which], wait_until="commit")
                    taken = usable(name_box(page), started)
                wait_for_kernels(served, count + 1)
                times[which].append(taken)
            times["bare"].pop(0)  # the priming open
            context.close()
        figures[preheat] = times
        pool_text = (
            f"{len(rss)} kernels, RSS {megabytes(sum(rss))}, USS {megabytes(sum(uss))}"
            if preheat
            else "none"
        )
        results.preheat_rows.append(
            [
                "preheat, pool of 1 per notebook" if preheat else "no preheat",
                seconds(times["bare"]),
                seconds(times["team"]),
                pool_text,
            ]
        )
    gain = spread(figures[False]["team"])[0] - spread(figures[True]["team"])[0]
    # Voilà fills a pool for every notebook under its root: in qikit serve, the whole cohort.
    notebooks = [p for p in site.cohort.rglob("*.ipynb") if p.name != BARE]
    results.preheat_note = (
        f"team page opens {gain:+.2f} s sooner with preheat (median, warm). Voilà pools every "
        f"notebook under its root: this cohort has {len(notebooks)}, so a pool of 1 each is "
        f"about {len(notebooks)} kernels × {megabytes(team_pool_rss).strip()} (the team "
        "page's pooled kernel)."
    )


def wait_for_kernels(served: Served, count: int, limit: float = 90.0) -> dict[int, Any]:
    """Wait until the server has ``count`` kernels (at least) and all are idle; return them."""
    deadline = time.monotonic() + limit
    while len(served.kernels()) < count and time.monotonic() < deadline:
        time.sleep(0.2)
    kernels = served.kernels()
    wait_until_quiet(list(kernels.values()))
    return kernels


# --- the report -------------------------------------------------------------------------------


def print_opens(results: Results) -> None:
    print(f"Participant pages in Chromium — {results.layout} — median of {RUNS} (min–max)")
    print()
    print("First open: page.goto → first usable control")
    ratios = open_ratios(results)
    rows = [
        ["bare Voilà notebook (Go button)", "bare", "the yardstick"],
        ["team page (Your name box)", "team", f"≤ {OPEN_RATIO_TARGET}× bare"],
    ]
    print(
        table(
            ["page", "warm cache", "cold cache", "target"],
            [
                *[
                    [
                        name,
                        seconds(results.opens[key, "warm"]),
                        seconds(results.opens[key, "cold"]),
                        target,
                    ]
                    for name, key, target in rows
                ],
                [
                    "team page ÷ bare notebook",
                    f"{ratios[0]:.2f}×",
                    f"{ratios[1]:.2f}×",
                    f"≤ {OPEN_RATIO_TARGET}×",
                ],
            ],
        )
    )
    print(flush=True)


def open_ratios(results: Results) -> tuple[float, float]:
    """Return the team page's median first open ÷ the bare notebook's: (warm, cold)."""
    warm, cold = (
        spread(results.opens["team", c])[0] / spread(results.opens["bare", c])[0]
        for c in ("warm", "cold")
    )
    return warm, cold


def print_switches(results: Results) -> None:
    print("Moving between stages (warm), each from the stage before it")
    print(
        table(
            ["to stage", "first visit", f"later visits ({RUNS})", "target"],
            [
                [
                    STAGE_NAMES[stage],
                    f"{results.first_visits[stage]:5.2f} s",
                    seconds(samples),
                    f"< {SWITCH_TARGET} s",
                ]
                for stage, samples in results.switches.items()
            ],
        )
    )
    print(flush=True)


def print_kernels(results: Results) -> None:
    print("Kernels of the server (processes under qikit serve running an ipykernel launcher)")
    print(
        table(
            ["what", "kernels", "per open tab", "RSS (largest)", "USS (largest)"],
            results.kernel_rows,
        )
    )
    print(
        f"Culling: idle timeout {CULL_IDLE_TIMEOUT} s, checked every {CULL_INTERVAL} s "
        "(qikit/server/app.py)."
    )
    cull = "n/a" if results.cull_seconds is None else f"{results.cull_seconds:.0f} s"
    print(f"Closed tabs' kernels all gone after: {cull} ({results.cull_note}).")
    answered, refused = results.shutdowns
    print(
        f"Shutdowns the closed pages asked for (POST /voila/api/shutdown): {answered} done, "
        f"{refused} refused by the server."
    )
    print(
        f"Open tab's kernel kept: {results.keeper_alive}; the open tab still saves: "
        f"{results.keeper_saves}."
    )
    print(flush=True)


def print_preheat(results: Results) -> None:
    print("Preheat experiment: plain voila on a folder (bare + a copy of the team page), warm")
    print(
        table(
            ["server", "bare notebook", "team page", "pool (before any visit)"],
            results.preheat_rows,
        )
    )
    print(results.preheat_note)
    print(flush=True)


def print_verdicts(results: Results) -> None:
    print("Verdicts")
    slowest_switch = max(spread(s)[0] for s in results.switches.values())
    slowest_first = max(results.first_visits.values())
    ratio = max(open_ratios(results))
    cull = "n/a" if results.cull_seconds is None else f"{results.cull_seconds:.0f} s"
    per_tab = results.kernels_per_tab
    kernels_ok = None if per_tab is None else per_tab <= KERNELS_PER_TAB_TARGET
    kept = results.keeper_alive
    kept_ok = None if kept is None else bool(kept and results.keeper_saves)
    lines = [
        (f"moving between stages < {SWITCH_TARGET} s (slowest median {slowest_switch:.2f} s; "
         f"slowest first visit {slowest_first:.2f} s)", slowest_switch < SWITCH_TARGET),
        (f"first open ≤ {OPEN_RATIO_TARGET}× the bare notebook (worst {ratio:.2f}×)",
         ratio <= OPEN_RATIO_TARGET),
        (f"closed tabs' kernels stopped within {CULL_TARGET} s ({cull})",
         None if results.cull_seconds is None else results.cull_seconds <= CULL_TARGET),
        ("open tabs are never culled (kernel kept, page still saves)", kept_ok),
        (f"at most {KERNELS_PER_TAB_TARGET} kernel per open tab (worst {per_tab})", kernels_ok),
        (f"RSS per open team page ≤ {megabytes(RSS_TARGET).strip()} "
         f"(after every stage: {megabytes(results.page_rss).strip()} its largest kernel, "
         f"{megabytes(results.visit_rss).strip()} for all it holds)",
         None if results.visit_rss is None else results.visit_rss <= RSS_TARGET),
    ]  # fmt: skip
    for text, met in lines:
        print(f"- {verdict(met):<12} {text}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the wait for culling")
    parser.add_argument("--preheat", action="store_true", help="also run the preheat experiment")
    parser.add_argument("--json", type=Path, help="also write the raw samples to this file")
    options = parser.parse_args(argv)
    started = time.monotonic()
    results = Results()
    with tempfile.TemporaryDirectory(prefix="qikit-bench-pages-") as folder:
        base = Path(folder)
        cohort, code, team_name = make_cohort(base)
        with chromium() as browser:
            with serve_cohort(cohort, base / "serve-timing.log") as served:
                site = Site(served, cohort, code, team_name)
                results.layout = (
                    f"one page ({ONE_PAGE})" if site.one_page else "one notebook per stage"
                )
                measure_opens(browser, site, results)
                print_opens(results)
                measure_switches(browser, site, results)
                print_switches(results)
            # A fresh server, so the kernels counted are only the ones opened for counting.
            with serve_cohort(cohort, base / "serve-kernels.log") as served:
                site = Site(served, cohort, code, team_name)
                measure_kernels(browser, site, results, options.quick)
                print_kernels(results)
            if options.preheat:
                measure_preheat(browser, site, base, results)
                print_preheat(results)
    print_verdicts(results)
    print(f"\n(bench took {time.monotonic() - started:.0f} s)")
    if options.json:
        raw = {
            "opens": {f"{p}/{c}": v for (p, c), v in results.opens.items()},
            "switches": results.switches,
            "cull_seconds": results.cull_seconds,
        }
        options.json.write_text(json.dumps(raw, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
