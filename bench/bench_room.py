"""Benchmark: 40 phones send one answer each to a room session; when does the trainer see it?

One run builds a fresh example cohort, puts a trainer's page in its ``trainers/`` folder (a
RoomPanel on the cohort's store, and every answer drawn as a list item, as a teaching page
draws a point or a cause), starts ``qikit serve`` on 127.0.0.1 and opens that page in
Debian's Chromium with the trainers' code. The trainer presses "Let the room join"; a
MutationObserver in the page records when each answer first appears.

Then 40 simulated phones (threads, each with its own cookies) do what a phone does: GET the
room's page (which sets the phone's cookie and the XSRF cookie), then POST the answer with the
form's XSRF token — one each, spread over 10 seconds — while every open phone page asks
every 3 s whether the trainer has asked a new question (as the page's script does). The table
gives: sent (answered 200), shown on the trainer's page, lost, and send→shown p50/p95/max.

Targets (issue 11): all shown, 0 lost, p95 send→shown < 2 s. The page and the threads share
one machine clock (``time.time()`` and ``performance.timeOrigin + performance.now()``).
Absolute times vary with the machine's load (STACK.md). Not a test.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import re
import statistics
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
from _browser import PAGE_TIMEOUT, REPO, chromium, free_port, serving, table, verdict

from qikit.cohort.access import TRAINERS, issue_codes
from qikit.cohort.build import build_cohort
from qikit.server.room import QUESTION_CHECK_SECONDS

TEMPLATE = REPO / "cohort_templates" / "support_services_2027.yaml"
NOTEBOOK = "90-bench-room.ipynb"
PHONES = 40
SPREAD_SECONDS = 10.0
#: How long to wait for the last answer to show before counting the rest as lost.
SHOW_TIMEOUT = 30.0
P95_TARGET = 2.0

PAGE_SOURCE = """\
import ipywidgets as widgets
from qikit.core.room import AnswerKind, RoomQuestion
from qikit.render.text import escape
from qikit.store import open_store
from qikit.widgets.room import RoomPanel

store = open_store("../qikit.db", create=False)
question = RoomQuestion(AnswerKind.NUMBER, "How many seconds did the napkin take?",
                        unit="seconds", low=0, high=600)
panel = RoomPanel(store, title="Bench room", question=question)
every = widgets.HTML("<ul id='every-answer'></ul>")

def draw(_new):
    items = "".join(f"<li class='bench-answer'>{escape(e.text)}</li>" for e in panel.entries)
    every.value = f"<ul id='every-answer'>{items}</ul>"

panel.on_entries(draw)
widgets.VBox([panel.widget, every])
"""

# Records the first moment each answer's text is in the page (epoch milliseconds).
OBSERVER = """() => {
  window.__seen = {};
  const note = () => {
    const now = performance.timeOrigin + performance.now();
    for (const item of document.querySelectorAll("li.bench-answer")) {
      const text = item.textContent.trim();
      if (!(text in window.__seen)) { window.__seen[text] = now; }
    }
  };
  new MutationObserver(note).observe(document.body, {childList: true, subtree: true,
                                                     characterData: true});
  note();
}"""


@dataclass
class Phone:
    """One simulated phone: the value it sends, when, and what the server answered."""

    value: str
    sent_at: float = 0.0
    status: int = 0
    reply: str = ""


def write_page(cohort: Path) -> None:
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(PAGE_SOURCE)],
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    )
    folder = cohort / "trainers"
    folder.mkdir(exist_ok=True)
    nbformat.write(notebook, folder / NOTEBOOK)


def phone_watches(
    opener: urllib.request.OpenerDirector, address: str, done: threading.Event
) -> None:
    """Ask ``?state=1`` every 3 s until ``done``, as an open answer page's script does."""
    while not done.wait(QUESTION_CHECK_SECONDS):
        with suppress(OSError), opener.open(address + "?state=1", timeout=60) as response:
            response.read()


def phone_sends(base: str, code: str, phone: Phone, start_at: float, done: threading.Event) -> None:
    """GET the room's page (cookies), wait for this phone's moment, POST its answer; the page
    keeps asking for a new question (in its own thread) until the run is over."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{base}/room/{code}", timeout=60) as response:
        page = response.read().decode("utf-8")
    threading.Thread(
        target=phone_watches, args=(opener, f"{base}/room/{code}", done), daemon=True
    ).start()
    token = re.search(r'name="_xsrf" value="([^"]+)"', page)
    if token is None:
        phone.reply = "no XSRF token on the page"
        return
    time.sleep(max(0.0, start_at - time.time()))  # a bench, not a test: spread the sends out
    body = urllib.parse.urlencode({"_xsrf": token[1], "answer": phone.value}).encode()
    request = urllib.request.Request(
        f"{base}/room/{code}", data=body, headers={"Accept": "application/json"}
    )
    phone.sent_at = time.time()
    try:
        with opener.open(request, timeout=60) as response:
            phone.status, phone.reply = response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        phone.status, phone.reply = error.code, error.read().decode("utf-8")


def percentile(samples: Sequence[float], share: float) -> float:
    """Return the ``share`` quantile (0.95 for p95), by linear interpolation."""
    ordered = sorted(samples)
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[round(share * 100) - 1]


def run(phones: int, spread: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="qikit-bench-room-") as folder:
        base = Path(folder)
        cohort = base / "cohort"
        build_cohort(TEMPLATE, cohort)
        code = issue_codes(cohort, [TRAINERS], reissue=True)[TRAINERS]
        write_page(cohort)
        port = free_port()
        arguments = ["-m", "qikit", "serve", str(cohort), "--port", str(port)]
        with (
            serving(arguments, cwd=cohort, log=base / "serve.log", port=port) as served,
            chromium() as browser,
        ):
            page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
            page.set_default_timeout(PAGE_TIMEOUT)
            page.goto(f"{served.url}/voila/render/trainers/{NOTEBOOK}")
            page.get_by_label("Type the trainers' code.").fill(code)
            page.get_by_role("button", name="Open the trainers' pages").click()
            page.get_by_role("button", name="Let the room join").click()
            shown_code = page.locator(".qikit-room-code")
            shown_code.wait_for(state="visible")
            room = shown_code.inner_text().strip()
            page.evaluate(OBSERVER)

            done = threading.Event()
            start = time.time() + 1.0
            crowd = [Phone(str(101 + n)) for n in range(phones)]
            threads = [
                threading.Thread(
                    target=phone_sends,
                    args=(served.url, room, phone, start + n * spread / phones, done),
                )
                for n, phone in enumerate(crowd)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            sent = [p for p in crowd if p.status == 200]
            deadline = time.time() + SHOW_TIMEOUT
            seen: dict[str, float] = {}
            while time.time() < deadline:
                seen = page.evaluate("() => window.__seen")
                if all(p.value in seen for p in sent):
                    break
                page.wait_for_timeout(200)
            done.set()
            page.close()
    delays = [seen[p.value] / 1000 - p.sent_at for p in sent if p.value in seen]
    problems = [f"{p.value}: {p.status} {p.reply[:80]}" for p in crowd if p.status != 200]
    return {
        "phones": phones,
        "sent": len(sent),
        "shown": len(delays),
        "lost": len(sent) - len(delays),
        "delays": delays,
        "problems": problems,
        "window": max(p.sent_at for p in crowd) - min(p.sent_at for p in crowd if p.sent_at),
    }


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phones", type=int, default=PHONES)
    parser.add_argument("--spread", type=float, default=SPREAD_SECONDS, help="seconds")
    options = parser.parse_args(argv)
    started = time.monotonic()
    result = run(options.phones, options.spread)
    delays = result["delays"]
    figures = (
        [f"{statistics.median(delays):.2f} s", f"{percentile(delays, 0.95):.2f} s",
         f"{max(delays):.2f} s"] if delays else ["n/a"] * 3
    )  # fmt: skip
    print(f"\nRoom session: {result['phones']} phones, sends spread over "
          f"{result['window']:.1f} s, each open phone page asking for a new question every "
          f"{QUESTION_CHECK_SECONDS} s, the trainer's page reading every 0.5 s\n")  # fmt: skip
    headers = ["sent", "shown on trainer's page", "lost", "p50 send→shown", "p95", "max"]
    print(table(headers, [[str(result["sent"]), str(result["shown"]), str(result["lost"]),
                           *figures]]))  # fmt: skip
    for problem in result["problems"]:
        print(f"  not sent: {problem}")
    p95 = percentile(delays, 0.95) if delays else None
    print()
    print(f"- {verdict(result['sent'] == result['phones'])}: all {result['phones']} phones sent")
    print(f"- {verdict(result['lost'] == 0 and result['shown'] == result['phones'])}: all "
          "shown, 0 lost")  # fmt: skip
    print(f"- {verdict(None if p95 is None else p95 < P95_TARGET)}: p95 send→shown < "
          f"{P95_TARGET:.0f} s")  # fmt: skip
    print(f"\n(bench took {time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
