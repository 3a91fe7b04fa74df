import pickle
import re
import sys
from decimal import Decimal

import pytest

from kpi_scorecard import (
    Measure,
    Observation,
    Period,
    Rag,
    Report,
    Scorecard,
    Target,
    TargetSetting,
    evaluate,
)
from kpi_scorecard.display import to_html, to_markdown
from kpi_scorecard.display._html import direction_arrow, status_chip
from kpi_scorecard.display._sparkline import sparkline_svg

HOSTILE = '<script>alert("x")</script> & | pipes'


def _card(measures: int = 3) -> Scorecard:
    refs = [f"M{i:03d}" for i in range(measures)]
    observations = []
    for number, ref in enumerate(refs):
        observations += [
            Observation(measure_ref=ref, period="Q4 2018/19", value=Decimal(20 + number)),
            Observation(
                measure_ref=ref,
                period="Q1 2019/20",
                value=Decimal(17 + number),
                commentary=HOSTILE,
            ),
        ]
    return Scorecard(
        title=HOSTILE,
        measures=[
            Measure(reference=ref, title=HOSTILE, unit="%", polarity="lower_is_better")
            for ref in refs
        ],
        targets=[TargetSetting(measure_ref=ref, period="2019/20", target="<18%") for ref in refs],
        observations=observations,
    )


@pytest.mark.parametrize(
    ("status", "word", "symbol"),
    [
        ("green", "Green", "✔"),  # met
        ("yellow", "Yellow", "◐"),  # four-colour near miss
        ("amber", "Amber", "◆"),  # within tolerance
        ("red", "Red", "✖"),  # beyond tolerance
        ("not_rated", "Not rated", "–"),  # nothing to rate against
    ],
)
def test_status_chip_carries_a_word_and_a_symbol(status, word, symbol):
    """A chip's meaning does not depend on colour alone: it shows a symbol and a word."""
    chip = status_chip(status)
    assert f"{symbol} {word}" in chip
    assert f"kpi-chip kpi-{'none' if status == 'not_rated' else status}" in chip


@pytest.mark.parametrize(
    ("direction", "arrow", "word"),
    [
        ("improving", "⬆", "Improving"),  # better, whichever way the figure moved
        ("worsening", "⬇", "Worsening"),  # worse
        ("increasing", "↗", "Increasing"),  # neutral measures say up or down
        ("decreasing", "↘", "Decreasing"),  # neutral, down
        ("no_change", "→", "No change"),  # flat
        ("not_comparable", "·", "Not comparable"),  # nothing to compare with
    ],
)
def test_direction_arrow_means_better_or_worse(direction, arrow, word):
    """Arrows point up for better and down for worse, with the word beside them."""
    assert f"{arrow} {word}" in direction_arrow(direction)


def test_worsening_measure_whose_figure_fell_points_down():
    """A higher-is-better measure that fell shows the worse arrow, not a generic down."""
    card = Scorecard(
        measures=[Measure(reference="A", polarity="higher_is_better")],
        observations=[
            Observation(measure_ref="A", period="Q4 2018/19", value=Decimal(10)),
            Observation(measure_ref="A", period="Q1 2019/20", value=Decimal(8)),
        ],
    )
    html = evaluate(card, "Q1 2019/20")._repr_html_()
    assert "⬇ Worsening" in html


def test_report_html_escapes_every_text():
    """Titles and explanations with markup are escaped, never rendered."""
    html = _card()._repr_html_() + evaluate(_card(), "Q1 2019/20")._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;" in html


def test_report_html_has_one_row_per_assessment_with_sparkline():
    """Each assessment is a table row with an inline SVG sparkline and a target line."""
    report = evaluate(_card(4), "Q1 2019/20")
    html = report._repr_html_()
    assert html.count("<tr>") == 1 + 4  # header and four rows
    assert html.count("<thead>") == html.count("<tbody>") == 1
    assert html.count("<svg") == 4
    assert html.count('class="kpi-limit"') == 4  # the <18% ceiling drawn in


def test_large_report_is_capped_with_a_note():
    """Beyond the row cap, the rest are summarised by a note naming how many are hidden."""
    report = evaluate(_card(7), "Q1 2019/20")
    html = report.to_html(max_rows=5)
    assert html.count("<svg") == 5
    assert "2 more rows hidden (showing 5 of 7)" in html
    assert "_2 more rows hidden._" in report.to_markdown(max_rows=5)
    assert "2 more rows hidden" in _card(7).to_html(max_rows=5)


def test_report_display_takes_titles_units_and_history_from_its_scorecard():
    """A report shows its scorecard's titles, units and whole series.

    An assessment alone holds only two figures and no unit or title.
    """
    card = _card(1)
    card = card.model_copy(
        update={
            "measures": (card.measures[0].model_copy(update={"title": "Re-referrals"}),),
            "observations": (
                *card.observations,
                Observation(measure_ref="M000", period="Q3 2018/19", value=Decimal(25)),
            ),
        }
    )
    report = evaluate(card, "Q1 2019/20")
    html = report._repr_html_()
    assert '<td class="kpi-text kpi-title">Re-referrals</td>' in html
    assert '<td class="kpi-num">17%</td>' in html
    points = html.split('<polyline class="kpi-line" points="')[1].split('"')[0].split()
    assert len(points) == 3  # Q3, Q4 and Q1: the scorecard's whole series
    markdown_row = report._repr_markdown_().splitlines()[4]
    assert markdown_row.startswith("| M000 | 17% | &lt;18% |")


def test_report_markdown_escapes_pipes_and_shows_units():
    """The Markdown table keeps its columns when text holds pipes, and shows percentages."""
    report = evaluate(_card(1), "Q1 2019/20")
    markdown = report._repr_markdown_()
    header, rule, row = markdown.splitlines()[2:5]
    assert header.count("|") == rule.count("|") == 7
    assert "17%" in row
    assert "✔ Green" in row
    assert "\\|" in _card(1)._repr_markdown_()


def test_report_loaded_without_its_scorecard_still_renders():
    """A report rebuilt from its fields (no source scorecard) renders a two-point trend."""
    report = evaluate(_card(2), "Q1 2019/20")
    bare = Report(
        title=report.title,
        period=report.period,
        policy=report.policy,
        assessments=report.assessments,
    )
    assert bare == report  # the source scorecard takes no part in equality
    html = bare._repr_html_()
    assert html.count("<polyline") == 2
    assert report.counts()[Rag.GREEN] == 1


def test_assessment_html_names_status_and_reason():
    """A single assessment renders its chip and its explanation."""
    assessment = evaluate(_card(1), "Q1 2019/20")["M000"]
    html = assessment._repr_html_()
    assert "✔ Green" in html
    assert "17% is below the 18% ceiling by 1 point: green" in html


@pytest.mark.parametrize(
    ("values", "target", "polylines", "rects", "dashes"),
    [
        ([Decimal(1), Decimal(2), Decimal(3)], None, 1, 0, 0),  # plain line
        ([Decimal(1), None, Decimal(3), Decimal(4)], None, 1, 0, 0),  # gap breaks the line
        ([Decimal(5), Decimal(6)], Target.parse("1-10"), 1, 1, 0),  # range: shaded band
        ([Decimal(5), Decimal(6)], Target.parse(">=4"), 1, 0, 1),  # threshold: dashed line
        ([None, None], Target.parse("5"), 0, 0, 0),  # nothing to draw
    ],
)
def test_sparkline_draws_values_and_target(values, target, polylines, rects, dashes):
    """The sparkline draws runs of known values, and the target as a band or a dashed line."""
    svg = sparkline_svg(values, target)
    assert svg.startswith("<svg")
    assert svg.endswith("</svg>")
    assert svg.count("<polyline") == polylines
    assert svg.count("<rect") == rects
    assert svg.count('class="kpi-limit"') == dashes
    for y in re.findall(r'cy="([0-9.]+)"', svg):
        assert 0 <= float(y) <= 22  # the last point stays inside the box


def test_display_does_not_import_ipython():
    """Rendering needs no IPython: the library never imports it."""
    evaluate(_card(1), "Q1 2019/20")._repr_html_()
    assert "IPython" not in sys.modules


def test_scorecard_html_shows_one_column_per_period():
    """The scorecard renders like the council's wide table: a column per period."""
    html = _card(2).to_html()
    labels = [str(Period.parse("Q4 2018/19")), str(Period.parse("Q1 2019/20"))]
    for label in labels:
        assert f'<th scope="col" class="kpi-num">{label}</th>' in html
    assert '<th scope="col" class="kpi-text">Commentary</th>' in html


def _example_report():
    """The example scorecard rated for Q1 2019/20 with its declarations."""
    import tomllib  # noqa: PLC0415 - only these tests read the declarations

    from kpi_scorecard import RagPolicy, examples  # noqa: PLC0415
    from kpi_scorecard.serializers import table  # noqa: PLC0415

    declared = tomllib.loads(examples.children_and_families_declarations())
    card = table.loads(examples.children_and_families(), measures=declared["measures"])
    return evaluate(card, "Q1 2019/20", policy=RagPolicy(tolerance=declared["tolerance"]))


def _row(html: str, reference: str) -> str:
    start = html.index(f'<td class="kpi-text kpi-ref">{reference}</td>')
    return html[start : html.index("</tr>", start)]


@pytest.mark.parametrize(
    ("reference", "shown", "markdown"),
    [
        # a count over a thousand, as the council writes it
        ("CSC005", '<td class="kpi-num">1,774</td>', "| CSC005 | 1,774 |"),
        # rated on the programme's running total: both figures, labelled
        ("P&amp;EH006", '182<div class="kpi-sub">1,382 cumulative</div>',
         "| P&amp;EH006 | 182 (1,382 cumulative) |"),
        # rated on the change since last quarter
        ("Ed&amp;S015", '514<div class="kpi-sub">change -115</div>',
         "| Ed&amp;S015 | 514 (change -115) |"),
    ],
)  # fmt: skip
def test_figures_show_as_written_with_what_they_are_rated_on(reference, shown, markdown):
    """Figures have thousands separators; the figure rated on stands beside the value."""
    report = _example_report()
    assert shown in _row(report.to_html(), reference)
    assert any(line.startswith(markdown) for line in report.to_markdown().splitlines())


def test_a_forecast_shows_with_its_status_where_one_was_made():
    """The forecast column holds the year-end forecast and its chip, and is empty elsewhere."""
    report = _example_report()
    html = report.to_html()
    assert '<th scope="col" class="kpi-num">Forecast</th>' in html
    cells = re.findall(r'<td class="kpi-num">(\d[\d,]*)<div class="kpi-sub"><span', html)
    forecasts = {a.measure_ref for a in report if a.forecast is not None}
    assert len(cells) == len(forecasts) >= 2
    assert '1,928<div class="kpi-sub"><span class="kpi-chip kpi-green">' in _row(
        html, "P&amp;EH006"
    )
    assert "Forecast" not in evaluate(_card(2), "Q1 2019/20").to_html()  # none made: no column


def test_a_scorecard_trend_draws_only_periods_of_one_kind():
    """The year-end figure is a column of the table but not a point on the quarterly line."""
    card = Scorecard(
        measures=[Measure(reference="A")],
        observations=[
            Observation(measure_ref="A", period="2018/19", value=Decimal(900)),
            Observation(measure_ref="A", period="Q4 2018/19", value=Decimal(10)),
            Observation(measure_ref="A", period="Q1 2019/20", value=Decimal(12)),
        ],
    )
    html = card.to_html()
    assert '<td class="kpi-num">900</td>' in html
    points = html.split('class="kpi-line" points="')[1].split('"')[0].split()
    assert len(points) == 2  # Q4 and Q1 only
    assert 'aria-label="trend of 2 values"' in html


@pytest.mark.parametrize("method", ["to_html", "to_markdown"])
def test_the_jupyter_hooks_are_the_public_methods(method):
    """``_repr_html_`` and ``_repr_markdown_`` return what the public methods do."""
    report = evaluate(_card(2), "Q1 2019/20")
    hook = {"to_html": "_repr_html_", "to_markdown": "_repr_markdown_"}[method]
    for shown in (report, report["M000"], _card(2)):
        assert getattr(shown, hook)() == getattr(shown, method)()


def test_the_display_refuses_what_it_cannot_show():
    """Anything but a scorecard, report or assessment is a TypeError naming its type."""
    with pytest.raises(TypeError, match="not str"):
        to_html("report")
    with pytest.raises(TypeError, match="not int"):
        to_markdown(1)


def test_an_assessment_of_a_report_shows_its_measure_trend_chart():
    """report[ref] and the report's own assessments draw the measure's chart; alone, none."""
    from kpi_scorecard import charts  # noqa: PLC0415 - the chart the display must embed
    from kpi_scorecard.serializers import json  # noqa: PLC0415

    report = evaluate(_card(), "Q1 2019/20")
    drawn = charts.trend(report, "M001", width=480, height=240)
    for assessment in (report["M001"], report.assessments[1], report[1]):
        html = to_html(assessment)
        assert '<div class="kpi-trend">' + drawn + "</div>" in html
        assert html.count("<svg") == 1
    alone = pickle.loads(pickle.dumps(report["M001"]))  # noqa: S301 - our own bytes
    assert alone == report["M001"]
    assert alone.from_report() is None
    assert "kpi-trend" not in to_html(alone)
    read_back = json.loads(json.dumps(report))
    assert read_back["M001"].from_report() is None
    assert "kpi-trend" not in to_html(read_back["M001"])


def test_an_assessment_keeps_its_report_out_of_equality_and_copies():
    """Comparing or copying an assessment of a report neither recurses nor copies the report."""
    import copy  # noqa: PLC0415

    report = evaluate(_card(), "Q1 2019/20")
    given = report["M001"]
    copied = copy.deepcopy(given)
    assert copied == given
    assert copied.from_report() is report
    assert report.assessments[1] == given
    assert evaluate(_card(), "Q1 2019/20") == report
