"""A separate process that saves into a store, for the concurrency and crash tests.

Run as ``python store_worker.py MODE STORE TEAM ...``. It imports only qikit's store (no pytest),
opens the store, prints ``ready`` and then:

- ``fields WORKER COUNT RESULT``: waits for ``go`` on stdin, then saves COUNT times its own field
  ``w<WORKER>`` of the shared record ``charter/main`` plus one record of its own each time;
- ``counter WORKER COUNT RESULT``: waits for ``go``, then sets its own field ``w<WORKER>`` of
  ``charter/main`` to 0, 1, … COUNT - 1 (whole numbers), one save each;
- ``same WORKER COUNT RESULT``: waits for ``go``, then saves COUNT times the field ``text`` of
  the shared record ``charter/main``;
- ``open``: reads store paths from stdin, one a line, until stdin closes; opens (creating) each
  one as soon as its line comes and prints ``ok`` or ``error <message>`` on one line;
- ``crash START ACKS``: saves in an endless loop (until it is killed); after each save returns it
  appends ``record_id value version`` to ACKS and fsyncs it, so every line is a save the store
  acknowledged.

``fields`` and ``same`` write a JSON result file: what each save returned, and every exception
met (the tests assert there were none).
"""

from __future__ import annotations

import json
import os
import sys
import traceback
from pathlib import Path

from qikit.store.sqlite import SqliteStore

#: Text with emoji, right-to-left script and markup, so the crash test also checks exact text.
CRASH_TEXT = "Porters 🚑 بوابون <b>&amp;</b> "


def _wait_for_go() -> None:
    print("ready", flush=True)
    line = sys.stdin.readline()
    if line.strip() != "go":
        raise SystemExit(f"expected go, got {line!r}")


def _hammer(mode: str, store_path: str, team: str, worker: int, count: int, result: str) -> int:
    saves: list[list[object]] = []
    errors: list[str] = []
    with SqliteStore(store_path) as store:
        _wait_for_go()
        for i in range(count):
            value: object = i if mode == "counter" else f"{worker}-{i}"
            field = "text" if mode == "same" else f"w{worker}"
            try:
                saved = store.save(
                    team, "charter", "main", {field: value}, author=f"worker-{worker}"
                )
                saves.append([field, value, saved.version, saved.data.get(field)])
                if mode == "fields":
                    store.save(
                        team, "cause", f"w{worker}-{i}", {"text": value}, author=f"w{worker}"
                    )
            except Exception:  # every error is reported, none may happen
                errors.append(traceback.format_exc())
    temporary = Path(result + ".part")
    temporary.write_text(json.dumps({"saves": saves, "errors": errors}), encoding="utf-8")
    temporary.replace(result)
    return 0


def _crash(store_path: str, team: str, start: int, acks: str) -> int:
    with SqliteStore(store_path) as store, open(acks, "a", encoding="utf-8") as ack:
        print("ready", flush=True)
        i = start
        while True:  # ends when the test kills this process
            record_id = f"r{i % 4}"
            saved = store.save(
                team, "point", record_id, {"n": i, "text": f"{CRASH_TEXT}{i}"}, author="crash"
            )
            ack.write(f"{record_id} {i} {saved.version}\n")
            if i % 7 == 0:  # new records too, not only updates
                created = store.save(team, "cause", f"c{i}", {"n": i}, author="crash")
                ack.write(f"c{i} {i} {created.version}\n")
            ack.flush()
            os.fsync(ack.fileno())
            i += 1


def _open_each() -> int:
    print("ready", flush=True)
    for line in sys.stdin:
        try:
            SqliteStore(line.strip()).close()
        except Exception as error:  # reported to the test, which asserts there was none
            print("error " + " ".join(str(error).split()), flush=True)
        else:
            print("ok", flush=True)
    return 0


def main(argv: list[str]) -> int:
    if argv == ["open"]:
        return _open_each()
    mode, store_path, team, *rest = argv
    if mode in ("fields", "counter", "same"):
        worker, count, result = rest
        return _hammer(mode, store_path, team, int(worker), int(count), result)
    if mode == "crash":
        start, acks = rest
        return _crash(store_path, team, int(start), acks)
    raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
