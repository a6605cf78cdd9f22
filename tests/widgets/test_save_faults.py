"""When the disk is full or the store read-only, does the page say so plainly and keep the words?

No kernel: the reflection form (a real tool with long answers) saves into a real store on
tmp_path, and the faults are real ones (see ``tests/store/test_faults.py``): SQLite's pager
refusing to grow the file (``PRAGMA max_page_count``), and the store file made immutable
(``chattr +i``, which refuses root too) while another page has it open.
"""

from __future__ import annotations

import html
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from qikit.core.model import Member, Team
from qikit.core.wording import store as words
from qikit.store import SqliteStore, open_store
from qikit.store.records import save_record
from qikit.widgets.base import ToolContext
from qikit.widgets.reflection import ReflectionWidget

TEAM = "ward-3"
#: Long enough to need new pages in the store's file; kept in the box exactly as typed.
ANSWER = "I learned to <script>alert(1)</script> & ask the night porters first. " * 80


def shown(tool: ReflectionWidget) -> str:
    """Return the words in the line under the tool, as a person reads them."""
    return html.unescape(str(tool.status.widget.value))


def a_reflection(store: SqliteStore) -> ReflectionWidget:
    team = Team(name="Ward 3 porters", slug=TEAM, members=(Member("Ana Silva", "Porter"),))
    save_record(store, TEAM, team, author="setup")
    tool = ReflectionWidget(ToolContext(store, TEAM, "Ana Silva"))
    tool.choose("Ana Silva")
    return tool


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteStore]:
    with open_store(tmp_path / "cohort.db") as opened:
        yield opened


def test_a_full_disk_says_so_keeps_the_words_and_saves_once_there_is_room(
    store: SqliteStore,
) -> None:
    tool = a_reflection(store)
    tool.boxes["role"].value = "I push the meal trolleys."
    assert shown(tool).startswith("Saved ")
    pages = store._connection.execute("PRAGMA page_count").fetchone()[0]
    store._connection.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full
    tool.boxes["learned"].value = ANSWER
    line = shown(tool)
    assert line.startswith("Not saved: ") and words.DISK_FULL in line
    assert words.KEPT_ON_SCREEN in line
    assert "try again" not in line  # trying again cannot help until there is room
    assert "qikit-status-error" in tool.status.widget._dom_classes
    assert tool.boxes["learned"].value == ANSWER  # the typed words stay in the box
    assert [r.data.get("learned") for r in store.list(TEAM, "reflection")] == [None]
    store._connection.execute("PRAGMA max_page_count = 1073741823")  # room again
    tool.boxes["learned"].value = ANSWER + " Ask early."
    assert shown(tool).startswith("Saved ")
    assert [r.data["learned"] for r in store.list(TEAM, "reflection")] == [ANSWER + " Ask early."]


@pytest.fixture
def frozen(tmp_path: Path) -> Iterator[Path]:
    """The store file, made immutable (root too is refused) while another page holds it open."""
    if shutil.which("chattr") is None or os.geteuid() != 0:
        pytest.skip("needs root and chattr to make a file read-only for root")
    path = tmp_path / "cohort.db"
    with open_store(path) as other_page:
        a_reflection(other_page)
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if done.returncode != 0:
            pytest.skip("chattr +i is not supported on this file system")
        try:
            yield path
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)


def test_a_read_only_store_says_so_and_keeps_the_words(frozen: Path) -> None:
    with open_store(frozen) as store:
        tool = ReflectionWidget(ToolContext(store, TEAM, "Ana Silva"))
        tool.choose("Ana Silva")
        tool.boxes["next"].value = ANSWER
        line = shown(tool)
        assert line.startswith("Not saved: ") and words.READ_ONLY in line
        assert words.KEPT_ON_SCREEN in line
        assert tool.boxes["next"].value == ANSWER
        assert tool.status.last_error == words.READ_ONLY
        assert store.list(TEAM, "reflection") == []


def test_every_fault_sentence_sends_the_person_to_their_qi_lead() -> None:
    """The line under a tool drops "try again" only for these: do they all say whom to tell?"""
    for sentence in (words.DISK_FULL, words.READ_ONLY, words.WRITE_FAILED):
        assert words.TELL_QI_LEAD in sentence and "not saved" in sentence
