"""The room's teaching pages: the fishbone in the room and the PDSA classroom experiment.

The rules (what counts as a cause, a vote, a time, which round a phone's answer belongs to)
are tested on the kernel-free boards; the live pages with a tiny fake room standing in for the
room panel (it only has ``on_entries`` and ``ask``, as the pages require); the notebooks by
papermill in both modes.
"""

from __future__ import annotations

import html
import json
import os
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from qikit.core.model import MAX_SHORT_TEXT, PdsaStatus
from qikit.core.wording import teaching_room as words
from qikit.errors import DataError
from qikit.pages.teaching import fishbone_room, pdsa_experiment, teaching_view
from qikit.pages.teaching.fishbone_room import FishboneBoard, FishboneRoomPage
from qikit.pages.teaching.pdsa_experiment import Experiment, PdsaExperimentPage, parse_seconds

REPO_ROOT = Path(__file__).resolve().parents[2]
TRAINER = REPO_ROOT / "workbooks" / "trainer"
NASTY = "Notes say <script>alert('qikit')</script> & more"


class FakeRoom:
    """A room with nobody's phones: the test sends the entries and reads what was asked."""

    def __init__(self) -> None:
        self.callbacks: list[Callable[[list[Any]], None]] = []
        self.asked: list[Any] = []
        self._next_id = 0

    def on_entries(self, callback: Callable[[list[Any]], None]) -> None:
        self.callbacks.append(callback)

    def ask(self, question: Any) -> None:
        self.asked.append(question)

    def send(self, *answers: tuple[str, int, float | None, str]) -> None:
        """Deliver (sender, round, number, text) answers as one batch, like the panel does."""
        entries = []
        for sender, room_round, number, text in answers:
            self._next_id += 1
            entries.append(
                SimpleNamespace(
                    id=self._next_id,
                    code="ABCDE",
                    round=room_round,
                    sender=sender,
                    number=number,
                    text=text,
                    at="2026-12-03T17:00:00Z",
                )
            )
        for callback in self.callbacks:
            callback(entries)


def question(kind: str, prompt: str, **options: Any) -> dict[str, Any]:
    """Stand in for RoomQuestion: what the page asked, as a dict."""
    return {"kind": kind, "prompt": prompt, **options}


def readable(markup: str) -> str:
    """Return the text a person reads: tags dropped, entities decoded, spaces collapsed."""
    markup = re.sub(r"<style\b.*?</style>", " ", markup, flags=re.DOTALL)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def svgs(markup: str) -> list[str]:
    return re.findall(r"<svg\b.*?</svg>", markup, flags=re.DOTALL)


# --- the fishbone board ------------------------------------------------------------------------


def test_a_cause_is_numbered_and_goes_on_its_bone() -> None:
    board = FishboneBoard()
    assert board.add("No wheelchair on the ward", "Equipment") == (
        "Added cause 1: No wheelchair on the ward"
    )
    board.add("  Too few   porters ", "People")
    assert [(c.number, c.category, c.text) for c in board.causes] == [
        (1, "Equipment", "No wheelchair on the ward"),
        (2, "People", "Too few porters"),
    ]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", words.EMPTY_CAUSE),
        ("   ", words.EMPTY_CAUSE),
        ("x" * (MAX_SHORT_TEXT + 1), words.TOO_LONG.format(limit=MAX_SHORT_TEXT)),
    ],
)
def test_an_empty_or_too_long_cause_is_refused_in_plain_words(typed: str, message: str) -> None:
    board = FishboneBoard()
    with pytest.raises(DataError) as caught:
        board.add(typed, "People")
    assert fishbone_room.plain(caught.value) == message
    assert board.causes == []


def test_a_cause_exactly_at_the_longest_is_kept() -> None:
    board = FishboneBoard()
    board.add("x" * MAX_SHORT_TEXT, "People")
    assert len(board.causes) == 1


def test_the_same_cause_again_is_a_vote_not_a_second_cause() -> None:
    board = FishboneBoard()
    board.add("No wheelchair on the ward", "Equipment")
    sentence = board.add("no WHEELCHAIR   on the ward", "People", sender="phone-2")
    assert sentence == words.SAME_AGAIN.format(text="No wheelchair on the ward", number=1)
    assert len(board.causes) == 1
    assert board.causes[0].voters == ["phone-2"]
    assert board.causes[0].category == "Equipment"  # the second copy does not move it


@pytest.mark.parametrize(
    ("typed", "kind", "words_left"),
    [
        ("Equipment: no wheelchair", "Equipment", "no wheelchair"),
        ("  equipment :  no wheelchair", "Equipment", "no wheelchair"),
        ("Note: the lifts are slow", "Methods", "Note: the lifts are slow"),  # not a kind
        ("Equipment:", "Methods", "Equipment:"),  # a kind and nothing after it
        ("no kind at all", "Methods", "no kind at all"),
    ],
)
def test_a_kind_before_a_colon_chooses_the_bone(typed: str, kind: str, words_left: str) -> None:
    assert FishboneBoard().split_kind(typed, "Methods") == (kind, words_left)


def test_the_trainer_may_vote_as_often_as_the_room_calls_out_but_a_phone_once() -> None:
    board = FishboneBoard()
    board.add("Too few porters", "People")
    for _ in range(3):
        board.vote(1)
    board.vote(1, voter="phone-1")
    with pytest.raises(DataError) as caught:
        board.vote(1, voter="phone-1")
    assert fishbone_room.plain(caught.value) == words.ALREADY_VOTED.format(number=1)
    assert len(board.causes[0].voters) == 4
    assert board.causes[0].record().votes == ("vote 1", "vote 2", "vote 3", "vote 4")


@pytest.mark.parametrize("number", [0, 2, -1])
def test_a_vote_for_a_cause_that_is_not_there_says_which_numbers_are(number: int) -> None:
    board = FishboneBoard()
    board.add("Too few porters", "People")
    with pytest.raises(DataError) as caught:
        board.vote(number)
    assert fishbone_room.plain(caught.value) == words.NO_SUCH_CAUSE.format(number=number, count=1)


def test_the_room_sends_causes_and_numbers_and_a_bad_one_gets_its_message() -> None:
    board = FishboneBoard()
    entry = SimpleNamespace
    said = [
        board.take(
            entry(sender="a", number=None, text="Equipment: bleep"), default_category="People"
        ),
        board.take(entry(sender="b", number=1.0, text=""), default_category="People"),
        board.take(entry(sender="b", number=1.0, text=""), default_category="People"),
        board.take(entry(sender="c", number=1.5, text=""), default_category="People"),
        board.take(entry(sender="c", number=None, text="  "), default_category="People"),
        board.take(entry(sender="d", number=None, text="Slow lifts"), default_category="People"),
    ]
    assert said == [
        words.ROOM_CAUSE.format(text="Added cause 1: bleep"),
        words.ROOM_VOTE.format(number=1),
        words.ALREADY_VOTED.format(number=1),
        words.NO_SUCH_CAUSE.format(number=1.5, count=1),
        words.EMPTY_CAUSE,
        words.ROOM_CAUSE.format(text="Added cause 2: Slow lifts"),
    ]
    assert [(c.category, c.voters) for c in board.causes] == [
        ("Equipment", ["a", "b"]),  # who sends a cause votes for it
        ("People", ["d"]),
    ]


def test_the_board_escapes_every_cause_and_draws_well_formed_svg() -> None:
    board = FishboneBoard(effect="Waits <b>long</b>")
    board.add(NASTY, "Methods")
    board.vote(1)
    page = board.static_html()
    assert "<script>" not in page and "<b>long" not in page
    assert NASTY in readable(page)
    drawings = svgs(page)
    assert len(drawings) == 2  # the fishbone and the Pareto chart
    for drawing in drawings:
        ET.fromstring(drawing)


def test_no_pareto_chart_until_someone_votes() -> None:
    board = FishboneBoard()
    board.add("Too few porters", "People")
    assert words.NO_VOTES_YET in readable(board.pareto_html())
    assert svgs(board.pareto_html()) == []
    board.vote(1)
    assert len(svgs(board.pareto_html())) == 1


def test_the_worked_example_puts_the_most_voted_cause_first() -> None:
    page = fishbone_room.example_board().static_html()
    pareto = svgs(page)[1]
    description = re.search(r"<desc[^>]*>(.*?)</desc>", pareto, flags=re.DOTALL)
    assert description is not None
    first_cause, first_votes = words.FISHBONE_EXAMPLE[0][1:]
    assert f"{first_cause}: {first_votes}" in html.unescape(description.group(1))
    assert "1. Requests come by phone and go on scraps of paper (Methods) — 9 votes" in (
        readable(page)
    )


# --- the live fishbone page (no kernel) --------------------------------------------------------


def test_the_trainer_types_a_cause_and_presses_plus_one() -> None:
    page = FishboneRoomPage()
    assert words.NO_ROOM in " ".join(readable(str(getattr(c, "value", ""))) for c in page.children)
    page.category.value = "Equipment"
    page.cause.value = "No wheelchair on the ward"
    page.add_button.click()
    assert page.cause.value == ""
    assert "Added cause 1: No wheelchair on the ward" in readable(page.message.value)
    assert "No wheelchair on the ward" in readable(page.diagram.value)
    assert [b.description for b in page.vote_buttons] == ["+1 vote for cause 1"]
    page.vote_buttons[0].click()
    page.vote_buttons[0].click()
    assert "— 2 votes" in readable(page.causes_list.value)
    assert len(svgs(page.pareto.value)) == 1


def test_an_empty_cause_leaves_the_board_as_it_was_and_says_what_to_do() -> None:
    page = FishboneRoomPage()
    page.add_button.click()
    assert readable(page.message.value) == words.EMPTY_CAUSE
    assert page.vote_buttons == []


def test_the_problem_typed_at_the_head_is_drawn() -> None:
    page = FishboneRoomPage()
    page.effect.value = "Beds wait for a clean"
    assert "Beds wait for a clean" in readable(page.diagram.value)


def test_the_rooms_causes_grow_the_diagram_and_their_votes_the_pareto() -> None:
    room = FakeRoom()
    page = FishboneRoomPage(room=room, question=question)
    assert len(room.callbacks) == 1
    page.category.value = "Environment"
    room.send(("a", 1, None, "The lifts are slow"), ("b", 1, None, "People: too few porters"))
    assert [(c.category, c.text) for c in page.board.causes] == [
        ("Environment", "The lifts are slow"),
        ("People", "too few porters"),
    ]
    assert "too few porters" in readable(page.diagram.value)
    assert len(page.vote_buttons) == 2
    page.ask_votes.click()
    assert room.asked == [question("number", words.VOTES_PROMPT, low=1, high=2)]
    room.send(("c", 2, 2.0, ""), ("d", 2, 2.0, ""))
    assert "too few porters (People) — 3 votes" in readable(page.causes_list.value)


def test_asking_the_room_to_vote_before_any_cause_asks_nothing() -> None:
    room = FakeRoom()
    page = FishboneRoomPage(room=room, question=question)
    page.ask_votes.click()
    assert room.asked == []
    assert readable(page.message.value) == words.NEED_CAUSES_TO_VOTE
    page.ask_causes.click()
    assert room.asked == [question("idea", words.CAUSES_PROMPT, one_each=False)]


# --- the PDSA experiment -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [("45", 45.0), ("52.5", 52.5), ("52,5", 52.5), (" 45 s", 45.0), ("61 seconds", 61.0),
     ("600", 600.0), ("0.5", 0.5)],
)  # fmt: skip
def test_a_typed_time_is_read_as_seconds(typed: str, seconds: float) -> None:
    assert parse_seconds(typed) == seconds


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", words.EMPTY_TIME),
        ("s", words.EMPTY_TIME),
        ("abc", words.NOT_A_NUMBER),
        ("1:30", words.NOT_A_NUMBER),
        ("nan", words.NOT_A_NUMBER),
        ("inf", words.NOT_A_NUMBER),
        ("0", words.TOO_SMALL),
        ("-4", words.TOO_SMALL),
        ("600.1", words.TOO_BIG.format(high="600")),
    ],
)
def test_a_time_that_is_not_a_time_gets_a_plain_message(typed: str, message: str) -> None:
    with pytest.raises(DataError) as caught:
        parse_seconds(typed)
    assert pdsa_experiment.plain(caught.value) == message


def test_a_late_answer_to_round_one_still_counts_as_before() -> None:
    experiment = Experiment()
    entry = SimpleNamespace
    experiment.take(entry(round=3, number=60.0, text=""))
    experiment.start_after()
    said = experiment.take(entry(round=3, number=70.0, text=""))
    experiment.take(entry(round=4, number=40.0, text=""))
    experiment.add_typed("45")
    assert said == words.ROOM_TIME.format(seconds="70", phase=words.PHASE_WORDS["before"])
    assert experiment.times == {"before": [60.0, 70.0], "after": [40.0, 45.0]}
    assert experiment.values() == [60.0, 70.0, 40.0, 45.0]


def test_when_no_phone_answered_round_one_everything_after_the_change_is_after() -> None:
    experiment = Experiment()
    experiment.add_typed("50")
    experiment.start_after()
    experiment.take(SimpleNamespace(round=1, number=30.0, text=""))
    assert experiment.times == {"before": [50.0], "after": [30.0]}


def test_an_absurd_time_from_a_phone_is_not_added() -> None:
    experiment = Experiment()
    said = experiment.take(SimpleNamespace(round=1, number=5000.0, text=""))
    assert said == words.TOO_BIG.format(high="600")
    assert experiment.values() == []


def test_the_cycle_fills_in_stage_by_stage() -> None:
    experiment = Experiment()
    assert experiment.cycle().status is PdsaStatus.PLAN
    assert experiment.cycle().what_happened == words.HAPPENED_NOTHING
    experiment.add(60)
    assert experiment.cycle().status is PdsaStatus.DO
    assert "Round 1 (before): 1 person, median 60 seconds" in experiment.cycle().what_happened
    experiment.decision = "adopt"  # too soon: nothing to study yet
    assert experiment.cycle().decision is None
    experiment.start_after()
    experiment.add(40)
    experiment.add(50)
    cycle = experiment.cycle()
    assert cycle.status is PdsaStatus.DONE
    assert cycle.result_vs_prediction.startswith(
        words.FASTER.format(diff="15", before="60", after="45")
    )
    assert words.NO_SIGNAL_SEEN in cycle.result_vs_prediction
    assert cycle.next_step == words.NEXT_STEPS["adopt"]


def test_a_slower_round_two_is_said_as_slower() -> None:
    experiment = Experiment()
    experiment.add(40, "before")
    experiment.add(55, "after")
    assert experiment.cycle().result_vs_prediction.startswith(
        words.SLOWER.format(diff="15", before="40", after="55")
    )


def test_the_worked_example_shows_a_signal_on_its_run_chart() -> None:
    experiment = pdsa_experiment.example_experiment()
    result = experiment.result()
    assert result is not None and result.signals
    chart = experiment.chart_html()
    assert len(svgs(chart)) == 1
    assert words.CHART_CHANGE in readable(chart)
    assert experiment.reading() in readable(chart)
    assert words.SIGNAL_SEEN.format(reading=experiment.reading()) in (
        experiment.cycle().result_vs_prediction
    )


def test_before_any_time_the_chart_says_how_to_start() -> None:
    assert words.CHART_EMPTY in readable(Experiment().chart_html())


def test_the_experiment_escapes_what_the_trainer_types() -> None:
    experiment = Experiment(task=NASTY, change=NASTY, prediction=NASTY)
    experiment.add(50)
    experiment.add(40, "after")
    page = experiment.static_html()
    assert "<script>" not in page
    assert readable(page).count(NASTY) >= 3
    for drawing in svgs(page):
        ET.fromstring(re.sub(r"<\?xml[^>]*>", "", drawing))


def test_the_review_page_is_the_worked_example_without_empty_dates() -> None:
    page = teaching_view("test-a-change", mode="review")
    assert isinstance(page, str)
    text = readable(page)
    assert words.PDSA_TITLE in text and words.PDSA_EXAMPLE_NOTE in text
    assert "Round 1: before the change: 12 times, median 71 seconds" in text
    assert "not set to not set" not in text
    assert "Adopt: keep doing it" in text


def test_the_live_page_collects_round_one_then_asks_the_room_for_round_two() -> None:
    room = FakeRoom()
    page = PdsaExperimentPage(Experiment(), room=room, question=question)
    assert words.NOW_COLLECTING.format(phase=words.PHASE_WORDS["before"]) in (
        readable(page.phase_line.value)
    )
    assert page.back_button.layout.display == "none"
    room.send(("a", 1, 62.0, ""), ("b", 1, 70.0, ""))
    page.time.value = "66"
    page.add_button.click()
    assert page.time.value == ""
    assert "Round 1: before the change: 3 times, median 66 seconds" in readable(page.times.value)
    page.after_button.click()
    assert room.asked == [
        question("number", words.TIME_PROMPT_AFTER, unit="seconds", low=0, high=600.0)
    ]
    assert page.after_button.layout.display == "none"
    room.send(("a", 2, 50.0, ""))
    assert "Round 2: after the change: 1 time, median 50 seconds" in readable(page.times.value)
    assert len(svgs(page.chart.value)) == 1
    page.decision.value = "adapt"
    assert words.NEXT_STEPS["adapt"] in readable(page.cycle.value)


def test_a_typing_slip_keeps_the_box_and_says_what_to_fix() -> None:
    page = PdsaExperimentPage(Experiment())
    assert words.NO_ROOM_PDSA in " ".join(
        readable(str(getattr(c, "value", ""))) for c in page.children
    )
    page.time.value = "forty"
    page.add_button.click()
    assert page.time.value == "forty"
    assert readable(page.message.value) == words.NOT_A_NUMBER


# --- the frame, the room's questions and the notebooks -----------------------------------------


def test_both_pages_build_live_without_a_cohort() -> None:
    import ipywidgets as widgets

    for name in ("fishbone-in-the-room", "test-a-change"):
        assert isinstance(teaching_view(name, mode="app"), widgets.Widget)


def test_the_rooms_questions_are_real_room_questions() -> None:
    room = pytest.importorskip("qikit.core.room")
    from qikit.pages.teaching.room_link import room_question

    made = room_question("number", words.TIME_PROMPT_BEFORE, unit="seconds", low=0, high=600.0)
    assert isinstance(made, room.RoomQuestion)
    assert made.kind == "number" and made.high == 600.0 and made.one_each


def _run(notebook: Path, output: Path, **parameters: object) -> dict[str, Any]:
    import papermill

    papermill.execute_notebook(
        str(notebook),
        str(output),
        parameters=parameters,
        kernel_name="python3",
        cwd=str(output.parent),
        progress_bar=False,
        execution_timeout=300,
    )
    return json.loads(output.read_text(encoding="utf-8"))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("notebook", "shown"),
    [
        ("04-fishbone-in-the-room.ipynb", "Requests come by phone and go on scraps of paper"),
        ("05-test-a-change.ipynb", "Round 2: after the change: 12 times, median 50.5 seconds"),
    ],
)
def test_the_notebooks_run_in_both_modes(
    notebook: str, shown: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("papermill")
    monkeypatch.setenv(
        "PYTHONPATH", os.pathsep.join([str(REPO_ROOT), os.environ.get("PYTHONPATH", "")])
    )
    review = _run(TRAINER / notebook, tmp_path / f"review-{notebook}", mode="review")
    outputs = [o for cell in review["cells"] for o in cell.get("outputs", [])]
    shown_html = " ".join("".join(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert shown in readable(shown_html)
    assert "QK-" not in shown_html  # no failure page
    live = _run(TRAINER / notebook, tmp_path / f"app-{notebook}", mode="app")
    views = [o for cell in live["cells"] for o in cell.get("outputs", [])]
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {}) for o in views)
    assert not any(o.get("output_type") == "error" for o in views)


class ClosedRoom(FakeRoom):
    """A room whose session was closed: asking again fails with the store's plain message."""

    def ask(self, question: Any) -> None:
        raise DataError("room", "an open session", "closed", "This session has ended.")


def test_a_room_that_cannot_ask_again_says_why_and_the_page_goes_on() -> None:
    fishbone = FishboneRoomPage(room=ClosedRoom(), question=question)
    fishbone.ask_causes.click()
    assert readable(fishbone.message.value) == "This session has ended."
    experiment = PdsaExperimentPage(Experiment(), room=ClosedRoom(), question=question)
    experiment.after_button.click()
    assert readable(experiment.message.value) == "This session has ended."
    assert experiment.experiment.phase == "after"


def test_phones_answers_reach_both_pages_through_a_real_room_panel(tmp_path: Path) -> None:
    """Do the pages take the real panel's entries (store, rounds, numbers, ideas) as the fake's?"""
    room_widgets = pytest.importorskip("qikit.widgets.room")
    from qikit.pages.teaching.room_link import room_question
    from qikit.store import open_store

    with open_store(tmp_path / "qikit.db") as store:
        causes = room_widgets.RoomPanel(
            store,
            title=words.FISHBONE_TITLE,
            question=room_question("idea", words.CAUSES_PROMPT, one_each=False),
            room_url="http://10.0.0.5:8866",
        )
        fishbone = FishboneRoomPage(room=causes)
        code = causes.open().code
        store.add_room_entry(code, "phone-a", "Equipment: no wheelchair")
        store.add_room_entry(code, "phone-b", "Too few porters")
        causes.poll()
        assert [(c.category, c.text) for c in fishbone.board.causes] == [
            ("Equipment", "no wheelchair"),
            ("People", "Too few porters"),
        ]
        fishbone.ask_votes.click()
        store.add_room_entry(code, "phone-c", "2")
        causes.poll()
        assert "Too few porters (People) — 2 votes" in readable(fishbone.causes_list.value)

        times = room_widgets.RoomPanel(
            store,
            title=words.PDSA_TITLE,
            question=room_question("number", words.TIME_PROMPT_BEFORE, low=0, high=600),
            room_url="http://10.0.0.5:8866",
        )
        experiment = PdsaExperimentPage(Experiment(), room=times)
        code = times.open().code
        store.add_room_entry(code, "phone-a", "62")
        times.poll()
        experiment.after_button.click()
        store.add_room_entry(code, "phone-a", "48")
        times.poll()
        assert experiment.experiment.times == {"before": [62.0], "after": [48.0]}
        causes.stop()
        times.stop()


@pytest.mark.slow
def test_the_notebooks_run_under_nbval_as_saved() -> None:
    """Do notebooks 04 and 05 run cleanly as saved (default parameters), as CI's nbval does?"""
    import subprocess
    import sys

    paths = [
        str(TRAINER / name) for name in ("04-fishbone-in-the-room.ipynb", "05-test-a-change.ipynb")
    ]
    nbval = ["--nbval-lax", "--nbval-current-env", "-p", "no:cacheprovider", "-q"]
    done = subprocess.run(
        [sys.executable, "-m", "pytest", *nbval, *paths],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert re.search(r"\b4 passed\b", done.stdout), done.stdout[-2000:]  # 2 cells each
