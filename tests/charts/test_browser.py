"""The charts in a real browser (headless Chromium): they lay out, legibly, without errors."""

import json
import os
import shutil
import struct
from html import unescape

import pytest

from browser import needs_chromium, run
from kpi_scorecard import Measure, Observation, Period, Scorecard, TargetSetting
from kpi_scorecard.charts import small_multiples, trend

pytestmark = needs_chromium

# Runs after layout: for each chart (a cell of the page, or a whole drawing), every text and
# point must have a size, sit inside the chart, and no two labels of one kind may overlap.
PROBE = """<script>
window.addEventListener('load', () => {
  const problems = [];
  const box = (e) => e.getBoundingClientRect();
  const overlap = (a, b) =>
    Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
    Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
  const charts = [...document.querySelectorAll('g.chart, svg.single')];
  let texts = 0;
  for (const chart of charts) {
    const name = chart.querySelector('title').textContent;
    const frame = box(chart.querySelector('rect'));
    for (const text of chart.querySelectorAll('text, g.point')) {
      texts += 1;
      const r = box(text);
      if (r.width <= 0 || r.height <= 0) problems.push(`${name}: empty ${text.textContent}`);
      if (r.left < frame.left - 1 || r.right > frame.right + 1 ||
          r.top < frame.top - 1 || r.bottom > frame.bottom + 1)
        problems.push(`${name}: outside its chart: ${text.textContent}`);
    }
    for (const kind of ['period', 'year', 'tick', 'title', 'summary', 'legend']) {
      const found = [...chart.querySelectorAll(`text.${kind}`)];
      if (kind === 'title') found.push(...chart.querySelectorAll('text.summary'));
      for (let i = 0; i < found.length; i++)
        for (let j = i + 1; j < found.length; j++)
          if (overlap(box(found[i]), box(found[j])))
            problems.push(`${name}: ${kind} labels overlap: ` +
                          `${found[i].textContent} / ${found[j].textContent}`);
    }
    const periods = [...chart.querySelectorAll('text.period, text.year')];
    const ticks = [...chart.querySelectorAll('text.tick')];
    for (const p of periods) for (const t of ticks)
      if (overlap(box(p), box(t)))
        problems.push(`${name}: ${p.textContent} meets ${t.textContent}`);
  }
  const legend = [...document.querySelectorAll('text.legend, text.heading')];
  for (let i = 0; i < legend.length; i++)
    for (let j = i + 1; j < legend.length; j++)
      if (overlap(box(legend[i]), box(legend[j])))
        problems.push(`legend overlaps: ${legend[i].textContent} / ${legend[j].textContent}`);
  document.body.dataset.charts = charts.length;
  document.body.dataset.texts = texts;
  document.body.dataset.problems = JSON.stringify(problems);
});
</script>"""


def page(tmp_path, body):
    """A standalone page holding ``body`` and the probe."""
    path = tmp_path / "charts.html"
    path.write_text(
        '<!doctype html><html><head><meta charset="utf-8"><title>Charts</title></head>'
        f'<body style="margin:0">{body}{PROBE}</body></html>',
        encoding="utf-8",
    )
    return path


def probed(tmp_path, body):
    """What the probe found, and the browser's log."""
    result = run(
        page(tmp_path, body),
        tmp_path / "profile",
        "--enable-logging=stderr",
        "--v=0",
        "--dump-dom",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    dom = result.stdout
    found = {
        name: unescape(dom.split(f'data-{name}="')[1].split('"')[0])
        for name in ("charts", "texts", "problems")
    }
    console = [line for line in result.stderr.splitlines() if "CONSOLE" in line]
    assert console == []
    assert "Uncaught" not in result.stderr
    return int(found["charts"]), int(found["texts"]), json.loads(found["problems"])


def test_the_small_multiples_lay_out_without_overlaps_or_errors(report, tmp_path):
    """All 42 cells lay out, every label has a size, inside its cell, none overlapping."""
    charts, texts, problems = probed(tmp_path, small_multiples(report))
    assert charts == 42
    assert texts > 42 * 8
    assert problems == []


@pytest.mark.parametrize("measure", ["CSC002", "CSC005", "P&EH006", "CSC004", "Ed&S015"])
def test_a_trend_chart_lays_out_without_overlaps_or_errors(report, tmp_path, measure):
    """A threshold, a range, a cumulative target, a long title, a change target: all legible."""
    drawing = trend(report, measure).replace("<svg ", '<svg class="single" ', 1)
    charts, texts, problems = probed(tmp_path, drawing)
    assert charts == 1
    assert texts > 8
    assert problems == []


@pytest.mark.parametrize(
    ("name", "size", "draw"),
    [
        ("chart", (560, 300), lambda report: trend(report, "CSC002")),
        ("multiples", (1008, 1500), small_multiples),
    ],
)
def test_screenshots_are_real_pictures(report, tmp_path, name, size, draw):
    """A screenshot of each is a PNG of the size asked with real content in it."""
    svg = tmp_path / f"{name}.svg"
    svg.write_text(draw(report), encoding="utf-8")
    shot = tmp_path / f"{name}.png"
    result = run(
        svg,
        tmp_path / "profile",
        f"--window-size={size[0]},{size[1]}",
        "--virtual-time-budget=5000",
        f"--screenshot={shot}",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", data[16:24]) == size
    assert len(data) > 10_000  # a blank picture compresses to a few hundred bytes
    keep = os.environ.get("KPI_SCORECARD_CHART_SCREENSHOTS")
    if keep:  # a folder to keep them in, to look at
        shutil.copyfile(shot, os.path.join(keep, f"{name}.png"))


def test_the_probe_would_see_overlapping_labels(tmp_path):
    """The layout check really catches labels drawn over each other or out of the chart."""
    drawing = (
        '<svg class="single" xmlns="http://www.w3.org/2000/svg" width="100" height="60">'
        '<title>t</title><rect width="100" height="60" fill="#fff"/>'
        '<text class="period" x="10" y="30">Q1 2019</text>'
        '<text class="period" x="14" y="30">Q2 2019</text>'
        '<text class="tick" x="90" y="30">1,000,000</text></svg>'
    )
    _, _, problems = probed(tmp_path, drawing)
    assert "t: period labels overlap: Q1 2019 / Q2 2019" in problems
    assert "t: outside its chart: 1,000,000" in problems


def long_series():
    """Two years of months, five years of quarters and fourteen years, in one scorecard."""
    months, quarters = [Period.parse("March 2021")], [Period.parse("Q4 2021/22")]
    for _ in range(25):
        months.append(months[-1].previous())
    for _ in range(19):
        quarters.append(quarters[-1].previous())
    years = [Period.financial_year(y) for y in range(2008, 2022)]
    series = {"M": months[::-1], "Q": quarters[::-1], "Y": years}
    observations = [
        Observation(measure_ref=ref, period=period, value=1000 + (at * 37) % 200)
        for ref, periods in series.items()
        for at, period in enumerate(periods)
        if at != 5
    ]
    card = Scorecard(
        title="Long series",
        measures=[
            Measure(reference="M", title="Monthly calls answered", polarity="higher_is_better"),
            Measure(reference="Q", title="Quarterly visits", polarity="lower_is_better"),
            Measure(reference="Y", title="Annual count", polarity="neutral"),
        ],
        targets=[
            TargetSetting(measure_ref="M", period="2020/21", target="1100"),
            TargetSetting(measure_ref="Q", period="2021/22", target="<1050"),
        ],
        observations=observations,
    )
    return card, series


@pytest.mark.parametrize("ref", ["M", "Q", "Y"])
def test_long_series_thin_their_labels_rather_than_overlap(tmp_path, ref):
    """Twenty-six months, twenty quarters or fourteen years fit, on a chart and in a cell."""
    card, series = long_series()
    drawing = trend(card, ref, period=series[ref][-1]).replace("<svg ", '<svg class="single" ', 1)
    page = small_multiples(card, period=series[ref][-1], columns=2)
    charts, _, problems = probed(tmp_path, drawing + page)
    assert charts == 4
    assert problems == []
