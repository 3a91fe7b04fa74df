"""One measure's trend chart: its points, gaps, labels, targets, bands and colours."""

import itertools
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charts.helpers import SVG, by_class, centre, parsed, statuses, texts, title_of
from kpi_scorecard import (
    Measure,
    Observation,
    RagPolicy,
    Report,
    Scorecard,
    ScorecardError,
    TargetSetting,
    Tolerance,
    UnknownMeasureError,
    evaluate,
)
from kpi_scorecard.charts import COLOURS, trend
from kpi_scorecard.serializers import table

LOWER = {"polarity": "lower_is_better"}
QUARTERS = ["Q1 2018/19", "Q2 2018/19", "Q3 2018/19", "Q4 2018/19", "Q1 2019/20"]


def card_of(cells, *, target="<18%", measures=None, title="Repeat referrals"):
    """A one-measure card over the five quarters, with a 2019/20 target."""
    header = ["Ref", "Measure", *QUARTERS, "Target 2019/20"]
    return table.loads(
        "\t".join(header) + "\n" + "\t".join(["A1", title, *cells, target]) + "\n",
        measures={"A1": measures or LOWER},
    )


def drawn(card, **options):
    """The chart of A1, parsed."""
    return parsed(trend(card, "A1", **options))


def test_the_drawing_is_self_contained_svg_named_for_the_measure():
    """An svg root of the size asked, titled with the measure and described in a sentence."""
    root = drawn(card_of(["20%", "19%", "", "18.3%", "17%"]))
    assert root.tag == f"{SVG}svg"
    assert (root.get("width"), root.get("height")) == ("560", "300")
    assert root.get("viewBox") == "0 0 560 300"
    assert root.find(f"{SVG}title").text == "A1 Repeat referrals"
    assert root.find(f"{SVG}desc").text == "Q1 2019/20: figure 17%, Green, target <18%."
    assert not root.findall(f".//{SVG}script")
    assert not root.findall(f".//{SVG}style")


def test_missing_periods_are_gaps_in_the_line():
    """A quarter without a figure breaks the line and is marked, with its label kept."""
    root = drawn(card_of(["20%", "19%", "", "18.3%", "17%"]))
    assert len(by_class(root, "point")) == 4
    (gap,) = by_class(root, "gap")
    assert title_of(gap) == "Q3 2018/19: no figure"
    lines = by_class(root, "trend")
    assert [len(line.get("points").split()) for line in lines] == [2, 2]
    assert texts(root, "period") == ["Q1", "Q2", "Q3", "Q4", "Q1"]
    assert texts(root, "year") == ["2018/19", "2019/20"]


def test_a_year_end_figure_is_not_a_point_on_a_quarterly_line():
    """Quarters are drawn with quarters: the year's figure is left out."""
    card = table.loads(
        "Ref\tMeasure\tYear end 2018/19\t" + "\t".join(QUARTERS) + "\tTarget 2019/20\n"
        "A1\tX\t19%\t20%\t19%\t18%\t18%\t17%\t<18%\n",
        measures={"A1": LOWER},
    )
    root = drawn(card)
    assert len(by_class(root, "point")) == 5
    assert "2018/19" not in texts(root, "period")


# value, computed status (target <18%, tolerance 3% of 18 = 0.54 points)
RATED = [
    ("17%", "green"),  # under the ceiling
    ("18.3%", "amber"),  # over by 0.3, within 0.54
    ("19%", "red"),  # over by 1
]


@pytest.mark.parametrize(("value", "status"), RATED)
def test_each_point_has_the_colour_and_shape_of_its_computed_status(value, status):
    """The latest point is classed, coloured and titled with the status it was rated."""
    card = card_of(["20%", "", "", "", value])
    root = drawn(evaluate(card, "Q1 2019/20", policy=RagPolicy(tolerance=Tolerance.parse("3%"))))
    point = by_class(root, "point")[-1]
    assert point.get("class") == f"point {status}"
    shape = point.find(f"{SVG}path")
    assert shape.get("fill") == COLOURS[status]
    assert title_of(point).startswith(f"Q1 2019/20: {value}, {status.capitalize()}; target")
    assert status.capitalize() in texts(root, "legend")


def test_statuses_differ_in_shape_as_well_as_colour():
    """Green, amber, red and not rated are four different shapes, so colour is not needed."""
    card = card_of(["17%", "18.3%", "19%", "", ""], target="<18%")
    two_years = table.loads(
        "Ref\tMeasure\tQ1 2019/20\tQ2 2019/20\tQ3 2019/20\tQ4 2019/20\tTarget 2019/20\n"
        "A1\tX\t17%\t18.3%\t19%\t\t<18%\n",
        measures={"A1": LOWER},
    )
    root = drawn(evaluate(two_years, "Q4 2019/20", policy=RagPolicy(tolerance="3%")))
    assert statuses(root) == ["green", "amber", "red"]
    shapes = {p.find(f"{SVG}path").get("d") for p in by_class(root, "point")}
    assert len(shapes) == 3
    assert statuses(drawn(card)) == ["not_rated", "not_rated", "not_rated"]


# published cell, the point's status
PUBLISHED = [
    ("☹️", "red"),  # the sad face means red
    ("Green", "green"),  # a colour word
    ("A", "amber"),  # a letter
    ("😊", "other"),  # green, yellow or amber: no one colour
    ("Brilliant", "other"),  # a word the vocabulary does not know
]


@pytest.mark.parametrize(("published", "status"), PUBLISHED)
def test_points_can_show_the_published_status(published, status):
    """With status='published', the council's own status colours the point, in words too."""
    card = table.loads(
        "Ref\tMeasure\tQ1 2019/20\tTarget 2019/20\tRAG\nA1\tX\t17%\t<18%\t" + published + "\n",
        measures={"A1": LOWER},
    )
    (point,) = by_class(drawn(card, status="published"), "point")
    assert point.get("class") == f"point {status}"
    assert f"published {published}" in title_of(point)


def test_a_threshold_is_a_line_and_the_tolerance_a_band_on_the_side_of_a_miss():
    """A ceiling: the dashed line at 18%, the tolerance band above it up to 18.54%."""
    card = card_of(["", "", "", "19%", "17%"])
    root = drawn(evaluate(card, "Q1 2019/20", policy=RagPolicy(tolerance="3%")))
    (line,) = by_class(root, "target")
    (band,) = by_class(root, "tolerance")
    points = {title_of(p).split(":")[0]: centre(p)[1] for p in by_class(root, "point")}
    y17 = points["Q1 2019/20"]
    y19 = points["Q4 2018/19"]
    at = float(line.get("y1"))
    assert y19 < at < y17
    assert at == pytest.approx(y17 + (y19 - y17) * (18 - 17) / (19 - 17), abs=0.15)
    top, height = float(band.get("y")), float(band.get("height"))
    assert top + height == pytest.approx(at, abs=0.15)  # the band sits on the line...
    assert height == pytest.approx((y17 - y19) * 0.54 / 2, abs=0.2)  # ...0.54 points tall
    assert title_of(band) == "tolerance: 18% to 18.54%"
    # The line covers the quarter the 2019/20 target is in force for, not 2018/19's.
    assert float(line.get("x1")) > centre(by_class(root, "point")[0])[0]


def test_a_range_target_is_a_band_with_tolerance_on_both_sides():
    """A range is shaded between its edges, each with its own tolerance band outside."""
    card = card_of(
        ["", "", "", "1650", "1774"], target="1700-2000", measures={"polarity": "neutral"}
    )
    root = drawn(evaluate(card, "Q1 2019/20", policy=RagPolicy(tolerance="3%")))
    (band,) = by_class(root, "target-range")
    assert title_of(band) == "target range: 1,700 to 2,000"
    assert len(by_class(root, "target")) == 2
    low, high = sorted(by_class(root, "tolerance"), key=lambda r: -float(r.get("y")))
    assert title_of(low) == "tolerance: 1,649 to 1,700"
    assert title_of(high) == "tolerance: 2,000 to 2,060"
    assert statuses(root)[-1] == "green"


def test_a_cumulative_measure_is_drawn_as_its_running_total_against_the_target_due():
    """An annual target on a measure that adds up: running totals against the share due."""
    text = (
        "Ref\tMeasure\tQ1 2019/20\tQ2 2019/20\tQ3 2019/20\tTarget 2019/20\n"
        "A1\tVisits\t200\t300\t250\t1000\n"
    )
    card = table.loads(
        text, measures={"A1": {"polarity": "higher_is_better", "aggregation": "sum"}}
    )
    root = drawn(evaluate(card, "Q3 2019/20"))
    titles = [title_of(p) for p in by_class(root, "point")]
    assert titles == [
        "Q1 2019/20: running total 200, Red; target 250 due by Q1 2019/20",
        "Q2 2019/20: running total 500, Green; target 500 due by Q2 2019/20",
        "Q3 2019/20: running total 750, Green; target 750 due by Q3 2019/20",
    ]
    lines = by_class(root, "target")
    heights = [float(line.get("y1")) for line in lines]
    assert heights == sorted(heights, reverse=True)  # the target due rises through the year
    assert len(set(heights)) == 3


def test_a_running_total_starts_again_with_the_year():
    """The line of a cumulative measure does not join one year's total to the next."""
    text = (
        "Ref\tMeasure\tQ3 2018/19\tQ4 2018/19\tQ1 2019/20\tQ2 2019/20\tTarget 2019/20\n"
        "A1\tAdopted (YTD)\t12\t18\t5\t9\t20\n"
    )
    measures = {"A1": {"polarity": "higher_is_better", "aggregation": "already_cumulative"}}
    root = drawn(table.loads(text, measures=measures))
    assert [len(line.get("points").split()) for line in by_class(root, "trend")] == [2, 2]


def test_targets_in_force_each_year_are_drawn_for_their_own_periods():
    """A ceiling that moves from one year to the next is two lines, each over its year."""
    card = Scorecard(
        measures=[Measure(reference="A1", unit="percent", polarity="lower_is_better")],
        targets=[
            TargetSetting(measure_ref="A1", period="2018/19", target="<20%"),
            TargetSetting(measure_ref="A1", period="2019/20", target="<18%"),
        ],
        observations=[
            Observation(measure_ref="A1", period=p, value=v)
            for p, v in zip(QUARTERS, [21, 19, 18, 17, 17], strict=True)
        ],
    )
    root = drawn(card)
    lines = by_class(root, "target")
    assert [title_of(line) for line in lines] == ["target: <20%", "target: <18%"]
    assert float(lines[0].get("x2")) == pytest.approx(float(lines[1].get("x1")))
    # 21% misses <20% by 1 point, within the default 5% of 20: amber.
    assert statuses(root) == ["amber", "green", "green", "green", "green"]


def test_a_measure_without_a_target_has_no_target_line():
    """N/A draws no line and no band; the points are not rated."""
    root = drawn(card_of(["", "", "", "5", "6"], target="N/A", measures={"polarity": "neutral"}))
    assert by_class(root, "target") == []
    assert by_class(root, "tolerance") == []
    assert statuses(root) == ["not_rated", "not_rated"]


def test_a_band_figure_is_drawn_as_its_extent():
    """A figure published as a band (97%-99%) is a bar from one end to the other."""
    card = card_of(
        ["", "", "", "", "97%-99%"], target="98%", measures={"polarity": "higher_is_better"}
    )
    root = drawn(card)
    (bar,) = by_class(root, "value-band")
    assert float(bar.get("y1")) > float(bar.get("y2"))
    assert "97%-99%" in title_of(by_class(root, "point")[0])


def test_every_text_is_escaped():
    """A title holding markup is text in the drawing, not markup."""
    title = 'Waits <4 hours & "urgent" </svg>'
    root = drawn(card_of(["", "", "", "", "5%"], title=title))
    assert root.find(f"{SVG}title").text == f"A1 {title}"
    assert "".join(texts(root, "title")).startswith("A1 Waits <4 hours")


def test_a_report_without_its_scorecard_cannot_be_charted():
    """A report read back from JSON has no source: a typed error says so."""
    report = evaluate(card_of(["", "", "", "", "5%"]), "Q1 2019/20")
    bare = Report(period=report.period, policy=report.policy, assessments=report.assessments)
    with pytest.raises(ScorecardError) as caught:
        trend(bare, "A1")
    assert caught.value.code == "no_source"


def test_an_unknown_measure_is_a_typed_error():
    """Charting a reference the scorecard does not have raises UnknownMeasureError."""
    with pytest.raises(UnknownMeasureError):
        trend(card_of(["", "", "", "", "5%"]), "B2")


def test_a_scorecard_is_charted_up_to_the_period_asked():
    """Given a period, later quarters are left out."""
    card = card_of(["20%", "19%", "18%", "17%", "16%"])
    root = drawn(card, period=card.periods[2])
    assert len(by_class(root, "point")) == 3


def test_tick_labels_are_round_figures_evenly_spaced():
    """The value axis shows round figures, each at its own height, evenly apart."""
    root = drawn(card_of(["20%", "19%", "", "18.3%", "17%"]))
    ticks = list(by_class(root, "tick"))
    values = [Decimal(t.text.removesuffix("%")) for t in ticks]
    ys = [float(t.get("y")) for t in ticks]
    steps = {values[i + 1] - values[i] for i in range(len(values) - 1)}
    assert len(steps) == 1
    assert steps.pop() in {Decimal("0.5"), Decimal(1), Decimal(2)}
    gaps = [ys[i] - ys[i + 1] for i in range(len(ys) - 1)]
    assert max(gaps) - min(gaps) < 0.3
    assert len(values) >= 3


@given(st.lists(st.integers(min_value=0, max_value=5000), min_size=2, max_size=5))
def test_points_sit_where_their_figures_say(values):
    """Heights are one linear map of the figures; columns are evenly spaced left to right."""
    cells = [str(v) for v in values] + [""] * (5 - len(values))
    card = card_of(cells, target="N/A", measures={"polarity": "neutral"})
    root = drawn(card, period=card.periods[len(values) - 1])
    placed = [centre(p) for p in by_class(root, "point")]
    xs = [x for x, _ in placed]
    assert all(b - a == pytest.approx(xs[1] - xs[0], abs=0.15) for a, b in itertools.pairwise(xs))
    low, high = min(values), max(values)
    if low == high:
        return
    y_low = next(y for (_, y), v in zip(placed, values, strict=False) if v == low)
    y_high = next(y for (_, y), v in zip(placed, values, strict=False) if v == high)
    for (_, y), v in zip(placed, values, strict=True):
        expected = y_low + (y_high - y_low) * (v - low) / (high - low)
        assert y == pytest.approx(expected, abs=0.15)
