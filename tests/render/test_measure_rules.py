"""Is each chart read with the rules its team chose, and does Making Data Count show its icons?"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from qikit.core.model import Improvement, Measure, Point, Project
from qikit.core.model.measures import RuleSet
from qikit.core.spc.chart_choice import DataKind
from qikit.core.spc.rules.mdc import AssuranceIcon, VariationIcon, mdc_analysis
from qikit.core.spc.signals import Rule
from qikit.core.wording import explain
from qikit.core.wording import rules as words
from qikit.render.charts import assurance_icon_svg, variation_icon_svg
from qikit.render.measures import draw_measure, measure_html, reading_html, render_static

MONDAY = dt.date(2026, 1, 5)
EVIL = "<script>alert(1)</script>"
#: Points 6 to 10 each lower than the one before (an IHI trend of 5); no Anhøj signal: the
#: longest run is 3 (limit 7) and the line crosses the median 5 times (at least 3 expected).
IHI_TREND = (10, 12, 9, 11, 10, 14, 13, 12, 11, 10, 12, 11)
#: The sample porters' minutes: the last 10 weeks drop after their change (week 11).
MINUTES = (41, 38, 44, 39, 42, 40, 37, 43, 41, 39, 33, 31, 30, 34, 29, 32, 30, 28, 31, 29)
JARGON = re.compile(r"\b(sigma|UCL|LCL|Anhøj|Anhoej)\b", re.IGNORECASE)


def project_of(values: tuple[float, ...], **fields: object) -> tuple[Project, Measure]:
    measure = Measure(record_id="m1", **{"name": "Minutes to X-ray", **fields})  # type: ignore[arg-type]
    points = [
        Point(
            record_id=f"p{i:02d}",
            measure_id="m1",
            date=MONDAY + dt.timedelta(weeks=i),
            value=float(v),
        )
        for i, v in enumerate(values)
    ]
    return Project.of([measure, *points]), measure


def drawn(values: tuple[float, ...], **fields: object):  # type: ignore[no-untyped-def]
    project, measure = project_of(values, **fields)
    return draw_measure(project, measure, measure.chart)


def svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(svg) for svg in re.findall(r"<svg\b.*?</svg>", html, re.DOTALL)]


# --- the wording -------------------------------------------------------------------------------


def test_the_three_choices_have_their_names_and_one_plain_line_each() -> None:
    names = [name for name, _ in words.RULE_SET_CHOICES.values()]
    assert names == ["Run chart rules (Anhøj)", "IHI rules", "NHS Making Data Count"]
    assert list(words.RULE_SET_CHOICES) == list(RuleSet)
    for _, explanation in words.RULE_SET_CHOICES.values():
        assert "\n" not in explanation and not JARGON.search(explanation)
        assert explanation.endswith(".") and len(explanation) < 220


#: Every rule each rule set can raise, with the facts its sentence needs.
SIGNALS = [
    (RuleSet.ANHOEJ, Rule.LONG_RUN, {"side": "above", "longest_run": 9, "longest_run_max": 7,
                                     "useful": 20, "crossings": 3, "crossings_min": 6}),
    (RuleSet.ANHOEJ, Rule.FEW_CROSSINGS, {"longest_run": 6, "longest_run_max": 7, "useful": 20,
                                          "crossings": 2, "crossings_min": 6}),
    (RuleSet.ANHOEJ, Rule.OUTSIDE_LIMITS, {"side": "below"}),
    (RuleSet.IHI, Rule.SHIFT, {"side": "below", "length": 6}),
    (RuleSet.IHI, Rule.TREND, {"direction": "down", "length": 5}),
    (RuleSet.IHI, Rule.TOO_FEW_RUNS, {"runs": 3, "runs_min": 6, "runs_max": 15, "useful": 20}),
    (RuleSet.IHI, Rule.TOO_MANY_RUNS, {"runs": 18, "runs_min": 6, "runs_max": 15, "useful": 20}),
    (RuleSet.IHI, Rule.ASTRONOMICAL, {"side": "above", "basis": "control limits"}),
    (RuleSet.MDC, Rule.OUTSIDE_LIMITS, {"side": "above"}),
    (RuleSet.MDC, Rule.SHIFT, {"side": "above", "length": 7}),
    (RuleSet.MDC, Rule.TREND, {"direction": "up", "length": 7}),
    (RuleSet.MDC, Rule.TWO_OF_THREE, {"side": "above"}),
]  # fmt: skip


@pytest.mark.parametrize(("rules", "rule", "facts"), SIGNALS, ids=lambda v: str(v)[:20])
def test_every_signal_of_every_rule_set_has_a_plain_reading(
    rules: RuleSet, rule: Rule, facts: dict[str, object]
) -> None:
    text = explain(rule, points=(3, 4, 5, 6, 7, 8, 9), last_point=20, **facts)
    assert text.plain and not JARGON.search(text.plain)
    assert text.plain.startswith(("Points 3 to 9", "Your line", "Your points"))


def test_every_icon_has_a_title_and_words() -> None:
    assert set(words.VARIATION_WORDS) == set(VariationIcon)
    assert set(words.ASSURANCE_WORDS) == set(AssuranceIcon)
    for title, sentence in [*words.VARIATION_WORDS.values(), *words.ASSURANCE_WORDS.values()]:
        assert title and sentence.startswith(title.split(",")[0]) and not JARGON.search(sentence)
    assert words.ASSURANCE_WORDS[AssuranceIcon.INCONSISTENT][1].startswith(
        "Hit and miss: the target is inside the usual range"
    )


@pytest.mark.parametrize(
    ("improvement", "target", "unit", "expected"),
    [
        ("decrease", 20.0, "minutes", "Better is: lower. Your target: 20 minutes."),
        ("increase", 90.0, "%", "Better is: higher. Your target: 90%."),
        ("increase", 4.5, "", "Better is: higher. Your target: 4.5."),
        ("decrease", None, "minutes", "Better is: lower. Set a target to see whether you will "
         "meet it."),
        ("neutral", None, "", words.NO_DIRECTION_NO_TARGET),
        ("neutral", 20.0, "minutes", "Your target: 20 minutes. Choose which way is better"),
    ],
)  # fmt: skip
def test_which_way_is_better_and_the_target_in_words(
    improvement: str, target: float | None, unit: str, expected: str
) -> None:
    assert words.direction_and_target(improvement, target, unit).startswith(expected)


# --- the reading -------------------------------------------------------------------------------


def test_the_ihi_rules_find_the_trend_the_run_chart_rules_do_not() -> None:
    anhoej = drawn(IHI_TREND, chart="run")
    ihi = drawn(IHI_TREND, chart="run", rule_set="ihi")
    assert anhoej.chart == ihi.chart == "run"
    assert [s.rule for s in ihi.result.signals] == [Rule.TREND]
    assert ihi.result.signals[0].points == (6, 7, 8, 9, 10)
    assert anhoej.result.signals == []
    trend = "Points 6 to 10 keep going down, one after another."
    assert any(s.startswith(trend) for s in ihi.reading)
    assert not any("going down" in s for s in anhoej.reading)
    html_ihi, html_anhoej = reading_html(ihi), reading_html(anhoej)
    assert "Read with: IHI rules. The rules taught by" in html_ihi and trend in html_ihi
    assert "Read with: Run chart rules (Anhøj). The simplest check" in html_anhoej
    assert trend not in html_anhoej
    assert "<svg" not in html_ihi + html_anhoej  # icons only with Making Data Count


@pytest.mark.parametrize(
    ("target", "assurance"),
    [(35.0, AssuranceIcon.INCONSISTENT), (50.0, AssuranceIcon.CONSISTENT_PASS),
     (20.0, AssuranceIcon.CONSISTENT_FAIL)],
)  # fmt: skip
def test_making_data_count_icons_match_mdc_analysis(
    target: float, assurance: AssuranceIcon
) -> None:
    drawing = drawn(
        MINUTES, rule_set="mdc", improvement=Improvement.DECREASE, target=target, unit="minutes"
    )
    expected = mdc_analysis(list(MINUTES), improvement="decrease", target=target)
    assert drawing.chart == "i"
    assert drawing.variation_icon == expected.variation_icon.value == "improvement_low"
    assert drawing.assurance_icon == expected.assurance_icon.value == assurance.value
    html = reading_html(drawing)
    v_title, v_words = words.VARIATION_WORDS[VariationIcon.IMPROVEMENT_LOW]
    a_title, a_words = words.ASSURANCE_WORDS[assurance]
    for sentence in (v_words, a_words):
        assert sentence.replace("'", "&#x27;") in html
    assert f"Better is: lower. Your target: {target:g} minutes." in html
    assert "Read with: NHS Making Data Count." in html
    assert "For this measure lower is better" not in html  # said once, beside the icons
    icons = svgs(html)
    assert [i.get("aria-label") for i in icons] == [v_title, a_title]
    for icon in icons:
        assert icon.get("role") == "img"
        assert icon.findtext("{http://www.w3.org/2000/svg}title") == icon.get("aria-label")


def test_making_data_count_says_why_a_run_chart_became_a_control_chart() -> None:
    run = drawn(MINUTES, rule_set="mdc", chart="run", improvement="decrease", target=35.0)
    auto = drawn(MINUTES, rule_set="mdc", chart="i", improvement="decrease", target=35.0)
    assert run.chart == auto.chart == "i"
    assert words.MDC_DRAWS_CONTROL_CHART in reading_html(run)
    assert words.MDC_DRAWS_CONTROL_CHART not in reading_html(auto)


def test_without_a_direction_making_data_count_asks_for_one() -> None:
    drawing = drawn(MINUTES, rule_set="mdc")  # improvement "neutral", no target
    html = reading_html(drawing)
    assert drawing.assurance_icon is None
    assert drawing.variation_icon == "neutral_low"
    assert "Choose which way is better (higher or lower) and set a target" in html
    assert [i.get("aria-label") for i in svgs(html)] == ["Something has changed, lower"]


def test_a_direction_without_a_target_shows_only_the_variation_icon() -> None:
    drawing = drawn(MINUTES, rule_set="mdc", improvement="decrease")
    html = reading_html(drawing)
    assert drawing.assurance_icon is None and len(svgs(html)) == 1
    assert "Better is: lower. Set a target to see whether you will meet it." in html


def test_one_point_has_no_range_to_judge_the_target_by() -> None:
    drawing = drawn((30.0,), rule_set="mdc", improvement="decrease", target=25.0)
    html = reading_html(drawing)
    assert drawing.assurance_icon is None
    assert words.TARGET_NEEDS_POINTS in html


def test_a_percentage_measure_is_read_with_making_data_count_too() -> None:
    measure = Measure(
        record_id="m1", name="Beds ready", data_kind=DataKind.PERCENTAGE, unit="%",
        improvement="increase", target=90.0, rule_set="mdc",
    )  # fmt: skip
    points = [
        Point(record_id=f"p{i:02d}", measure_id="m1", date=MONDAY + dt.timedelta(weeks=i),
              numerator=ready, denominator=30)
        for i, ready in enumerate((18, 20, 17, 19, 21, 18, 20, 19, 25, 26, 27, 26, 28, 27, 26, 27))
    ]  # fmt: skip
    drawing = draw_measure(Project.of([measure, *points]), measure)
    assert drawing.chart == "p" and drawing.result.method == "mdc"
    assert drawing.variation_icon == "improvement_high"
    assert drawing.assurance_icon is not None
    assert "Your target: 90%." in reading_html(drawing)


def test_typed_text_is_escaped_everywhere_the_rules_are_shown() -> None:
    project, _ = project_of(
        MINUTES, name=EVIL, unit=EVIL, rule_set="mdc", improvement="decrease", target=35.0
    )
    html = render_static(project)
    assert "<script" not in html
    assert "Your target: 35 &lt;script&gt;alert(1)&lt;/script&gt;." in html
    assert html.count('role="img" aria-label="Getting better, lower"') == 1


def test_the_mentors_copy_shows_the_same_rules_and_icons() -> None:
    project, measure = project_of(
        MINUTES, rule_set="mdc", improvement="decrease", target=35.0, unit="minutes"
    )
    live = reading_html(draw_measure(project, measure, measure.chart))
    static = render_static(project)
    assert live in static
    assert "<dt>How the chart is read</dt><dd>NHS Making Data Count</dd>" in measure_html(
        project, measure
    )


def test_icons_read_without_colour() -> None:
    """Does each icon carry its meaning in its shape: an arrow, a tick or "!", a letter?"""
    better = variation_icon_svg("improvement_high", "Getting better, higher")
    worse = variation_icon_svg("concern_high", "Getting worse, higher")
    same = variation_icon_svg("common_cause", "No sign of change")
    assert better.count("<path") == 2 and worse.count("<path") == 1  # arrow and tick / arrow
    assert worse.count("<rect") == 2 and "<rect" not in better  # "!" only on worse
    assert "<path" in same and "<rect" not in same
    letters = [
        ET.fromstring(assurance_icon_svg(icon.value, "t")).findtext(
            "{http://www.w3.org/2000/svg}text"
        )
        for icon in AssuranceIcon
    ]
    assert letters == ["P", "F", "?"]
    assert variation_icon_svg("common_cause", EVIL).count("<script") == 0


def test_an_astronomical_point_on_a_run_chart_is_not_said_to_be_outside_dashed_lines() -> None:
    """A run chart has no dashed lines: IHI's far-away point is named as what it is."""
    drawing = drawn((10, 11, 10, 12, 11, 10, 11, 12, 10, 11, 30, 11), chart="run", rule_set="ihi")
    assert [s.rule for s in drawing.result.signals] == [Rule.ASTRONOMICAL]
    assert "Far from all the other points: point 11" in drawing.description
    assert "dashed" not in drawing.description
