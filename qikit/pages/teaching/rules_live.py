"""Run chart rules, live: "Next week" adds the porters' weeks one at a time, and rules fire.

The trainer presses "Next week"; the chart grows by one point; the moment a rule sees a change
it is named and explained in plain words. Switching between the three rule sets (Anhøj, IHI,
Making Data Count) reads the same weeks again, and a sentence says why they differ.
:class:`RulesLesson` holds the state and writes every sentence, so it is tested without a kernel.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from qikit.core.spc.qic import QicResult, qic
from qikit.core.spc.signals import Rule, RuleSet
from qikit.core.wording import teaching as words
from qikit.core.wording.rules import RULE_SET_CHOICES
from qikit.pages.frame import View
from qikit.pages.teaching.frame import chart_html, teaching_data, teaching_page
from qikit.render.text import escape

__all__ = ["FIRST_WEEKS", "RulesLesson", "build"]

#: Weeks on the chart when the lesson starts: enough for a middle line, too few for a rule.
FIRST_WEEKS = 6
#: Below this many points the rules can say little (Anhøj's rules need about 10).
FEW_POINTS = 10

_IMPROVEMENT = {"lower": "decrease", "higher": "increase", "neither": "neutral"}


@dataclass
class RulesLesson:
    """The lesson's state: the data set, how many weeks are shown, which rules read them."""

    data: Any
    shown: int = FIRST_WEEKS
    rule_set: RuleSet = RuleSet.ANHOEJ
    #: Rules that fired when the last week was added (empty when nothing new fired).
    just_fired: tuple[Rule, ...] = field(default=())

    @property
    def total(self) -> int:
        """Return how many weeks the data set has."""
        return len(self.data.values)

    def result(self, shown: int | None = None) -> QicResult:
        """Return the chart of the first ``shown`` weeks read with the chosen rules.

        Making Data Count reads a control chart of single values (its rules need the dashed
        lines); the other two read a run chart.
        """
        count = self.shown if shown is None else shown
        chart = "i" if self.rule_set is RuleSet.MDC else "run"
        return qic(
            list(self.data.values[:count]),
            x=list(self.data.dates[:count]),
            chart=chart,
            method=self.rule_set.value,
            improvement=_IMPROVEMENT.get(str(self.data.better), "neutral"),
        )

    def _rules(self, shown: int) -> set[Rule]:
        return {s.rule for s in self.result(shown).signals} if shown > 0 else set()

    def next_week(self) -> bool:
        """Add one week; return True if one was added (False at the last week)."""
        if self.shown >= self.total:
            return False
        before = self._rules(self.shown)
        self.shown += 1
        new = self._rules(self.shown) - before
        # In the order the wording lists them: a shift first, the plainest to explain.
        self.just_fired = tuple(rule for rule in words.RULE_NAMES if rule in new)
        return True

    def restart(self) -> None:
        """Go back to the first weeks."""
        self.shown = FIRST_WEEKS
        self.just_fired = ()

    def show_all(self) -> None:
        """Show every week (what fired is what the whole chart shows)."""
        self.shown = self.total
        self.just_fired = ()

    def choose(self, rule_set: RuleSet | str) -> None:
        """Read the same weeks with ``rule_set``."""
        self.rule_set = RuleSet(rule_set)
        self.just_fired = ()

    def reading_html(self) -> str:
        """Return what the rules see now, and the news of a rule that has just fired, as HTML."""
        result = self.result()
        name, what = RULE_SET_CHOICES[self.rule_set]
        shown = words.RULES_WEEKS_SHOWN.format(shown=self.shown, total=self.total)
        parts = [f"<p><strong>{escape(shown)}</strong> {escape(name)}: {escape(what)}</p>"]
        change_at = getattr(self.data, "change_at", None)
        if change_at and self.shown >= change_at:
            parts.append(
                "<p>"
                + escape(
                    words.RULES_THE_CHANGE.format(
                        week=change_at - 1, label=getattr(self.data, "change_label", "")
                    )
                )
                + "</p>"
            )
        news = []
        for rule in self.just_fired:
            rule_name, why = words.RULE_NAMES[rule]
            fired = words.RULES_FIRED.format(week=self.shown, name=rule_name)
            news.append(f"<p><strong>{escape(fired)}</strong></p><p>{escape(why)}</p>")
        if news:
            # One live region, so a screen reader hears all the news of this week at once.
            parts.append(f'<div class="qikit-fired" role="status">{"".join(news)}</div>')
        parts.append(f"<h2>{escape(words.RULES_NOW_HEADING)}</h2>")
        if result.signals:
            items = []
            for signal in result.signals:
                rule_name, _ = words.RULE_NAMES[signal.rule]
                items.append(
                    f"<li><strong>{escape(rule_name[:1].upper() + rule_name[1:])}.</strong> "
                    f"{escape(signal.plain)}</li>"
                )
            parts.append(f"<ul>{''.join(items)}</ul>")
        elif self.shown < FEW_POINTS:
            parts.append(f"<p>{escape(words.RULES_TOO_FEW.format(shown=self.shown))}</p>")
        else:
            parts.append(f"<p>{escape(words.RULES_NOTHING_YET)}</p>")
        parts.append(
            f"<h2>{escape(words.RULES_WHY_HEADING)}</h2>"
            f"<p>{escape(words.RULE_SET_WHY[self.rule_set])}</p>"
        )
        return "".join(parts)

    def chart_html(self) -> str:
        """Return the chart of the weeks shown, the change marked once it is on the chart."""
        change_at = getattr(self.data, "change_at", None)
        pdsa = (
            [(int(change_at), str(self.data.change_label))]
            if change_at and self.shown >= change_at
            else None
        )
        return chart_html(
            self.result(), title=self.data.title, y_label=self.data.y_label, pdsa=pdsa
        )


def _review(lesson: RulesLesson) -> str:
    parts = []
    for rule_set in RuleSet:
        lesson.choose(rule_set)
        lesson.show_all()
        name, _ = RULE_SET_CHOICES[rule_set]
        parts.append(
            f'<section class="qikit-card"><h2>{escape(name)}</h2>{lesson.chart_html()}'
            f"{lesson.reading_html()}</section>"
        )
    return teaching_page(words.RULES_TITLE, words.RULES_INTRO, parts, mode="review")


def build(mode: str, *, cohort: str | None = None, data_set: str | None = None) -> View:
    """Return the lesson page: live ("app") or every rule set on the whole series ("review")."""
    lesson = RulesLesson(teaching_data() if data_set is None else teaching_data(data_set))
    if mode == "review":
        return _review(lesson)
    import ipywidgets as widgets

    from qikit.widgets.base import big_button

    next_button = big_button(words.RULES_NEXT, style="primary")
    restart = big_button(words.RULES_RESTART)
    show_all = big_button(words.RULES_ALL)
    chooser = widgets.ToggleButtons(
        options=[(RULE_SET_CHOICES[r][0], r.value) for r in RuleSet],
        value=lesson.rule_set.value,
        description=words.RULES_SET_LABEL,
        style={"description_width": "initial", "button_width": "auto"},
    )
    chart = widgets.HTML()
    reading = widgets.HTML()
    reading.add_class("qikit-reading")

    def refresh() -> None:
        chart.value = lesson.chart_html()
        reading.value = lesson.reading_html()
        next_button.disabled = lesson.shown >= lesson.total

    def on_next(_: object) -> None:
        if lesson.next_week():
            refresh()

    def on_restart(_: object) -> None:
        lesson.restart()
        refresh()

    def on_all(_: object) -> None:
        lesson.show_all()
        refresh()

    def on_choose(change: dict[str, Any]) -> None:
        lesson.choose(change["new"])
        refresh()

    next_button.on_click(on_next)
    restart.on_click(on_restart)
    show_all.on_click(on_all)
    chooser.observe(on_choose, names="value")
    refresh()
    controls = widgets.HBox([next_button, restart, show_all])
    return teaching_page(
        words.RULES_TITLE,
        words.RULES_INTRO,
        [controls, chooser, chart, reading],
        mode="app",
    )
