"""A page of small multiples: every measure of a report, each chart in its own cell."""

import itertools
import re

import pytest

from charts.helpers import SVG, by_class, parsed, statuses, texts, title_of
from kpi_scorecard.charts import small_multiples, trend


def offsets(root):
    """Where each chart's cell is placed on the page."""
    found = []
    for chart in by_class(root, "chart"):
        x, y = re.fullmatch(r"translate\(([-0-9.]+),([-0-9.]+)\)", chart.get("transform")).groups()
        found.append((float(x), float(y)))
    return found


def test_every_measure_has_a_chart_in_scorecard_order(report):
    """One cell per measure, titled with its reference and title, in the report's order."""
    root = parsed(small_multiples(report))
    charts = by_class(root, "chart")
    assert [title_of(c) for c in charts] == [
        f"{m.reference} {m.title}" for m in report.source.measures
    ]
    assert root.find(f"{SVG}title").text == "Children and Families Scorecard 2019-20: Q1 2019/20"


def test_cells_are_laid_out_in_rows_of_the_columns_asked(report):
    """Three columns by default; cells do not overlap; the page is as tall as its rows."""
    root = parsed(small_multiples(report, columns=4, cell_width=250, cell_height=180))
    places = offsets(root)
    assert len({x for x, _ in places}) == 4
    assert len({y for _, y in places}) == 11  # 42 measures in rows of four
    xs = sorted({x for x, _ in places})
    assert all(b - a >= 250 for a, b in itertools.pairwise(xs))
    assert float(root.get("height")) >= max(y for _, y in places) + 180
    assert float(root.get("width")) >= max(xs) + 250


def test_each_cell_draws_what_the_single_chart_draws(report):
    """A cell's points and statuses are those of the measure's own trend chart."""
    page = parsed(small_multiples(report))
    for chart, measure in zip(by_class(page, "chart"), report.source.measures, strict=True):
        alone = parsed(trend(report, measure.reference))
        assert statuses(chart) == statuses(alone)
        assert [title_of(p) for p in by_class(chart, "point")] == [
            title_of(p) for p in by_class(alone, "point")
        ]


def test_one_legend_names_every_status_shown(report):
    """The page's legend says in words what each colour and shape is."""
    root = parsed(small_multiples(report))
    shown = set(statuses(root))
    words = {"green": "Green", "amber": "Amber", "red": "Red", "not_rated": "Not rated"}
    assert shown == set(words)
    legend = texts(root, "legend")
    assert [w for w in legend if w in words.values()] == list(words.values())
    assert {"Target", "Tolerance"} <= set(legend)


def test_published_statuses_can_colour_the_page(report):
    """With status='published' the example's faces colour the points."""
    root = parsed(small_multiples(report, status="published"))
    shown = set(statuses(root))
    assert "red" in shown  # ☹️
    assert "other" in shown  # 😊: green, yellow or amber


def test_columns_must_be_at_least_one(report):
    """A page of no columns is refused."""
    with pytest.raises(ValueError, match="columns is 1 or more, not 0"):
        small_multiples(report, columns=0)
