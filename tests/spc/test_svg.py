"""The SVG drawing of an XmR chart: well-formed, complete, coloured and escaped."""

import xml.etree.ElementTree as ET
from decimal import Decimal

from browser import needs_chromium, run
from kpi_scorecard.spc import svg, xmr

SVG = "{http://www.w3.org/2000/svg}"
BASELINE = "0 3 0 3 0 3 0 3 0 3 0 3"


def chart(tail, **settings):
    """The alternating baseline (limits -6.48 to 9.48) followed by ``tail``."""
    values = [Decimal(v) for v in f"{BASELINE} {tail}".split()]
    return xmr(values, baseline=12, **{"polarity": "higher_is_better", **settings})


def parsed(text):
    """The SVG document's root element."""
    return ET.fromstring(text)  # noqa: S314 - text the library itself wrote


def test_the_drawing_is_svg_with_every_element():
    """One circle per point, a mean and two limits per segment, a target, the line."""
    drawn = chart("20 -20 2", target=Decimal(-7))
    root = parsed(svg(drawn, title="Calls answered"))
    assert root.tag == f"{SVG}svg"
    assert root.find(f"{SVG}title").text == "Calls answered"
    circles = root.findall(f"{SVG}circle")
    assert len(circles) == 15
    classes = [line.get("class") for line in root.findall(f"{SVG}line")]
    assert sorted(classes) == ["lower-limit", "mean", "target", "upper-limit"]
    assert len(root.findall(f"{SVG}polyline")) == 1
    assert drawn.to_svg(title="Calls answered") == svg(drawn, title="Calls answered")


def test_points_are_coloured_as_making_data_count_does():
    """Grey common cause, blue improvement, orange concern, purple neutral."""
    fills = [c.get("fill") for c in parsed(svg(chart("20 -20"))).findall(f"{SVG}circle")]
    assert fills[:12] == ["#a6a6a6"] * 12
    assert fills[12:] == ["#00b0f0", "#e46c0a"]
    neutral = parsed(svg(chart("20", polarity="neutral"))).findall(f"{SVG}circle")
    assert neutral[-1].get("fill") == "#490092"
    assert neutral[-1].get("class") == "point special_cause_high"


def test_text_is_escaped():
    """A title with markup characters is text in the drawing, not markup."""
    title = 'Waits <4 hours & "urgent" </svg>'
    root = parsed(svg(chart("2"), title=title))
    assert root.find(f"{SVG}title").text == title
    assert root.get("aria-label") == title


def test_short_and_rebased_charts_draw():
    """A segment too short to judge draws points but no lines; each segment its own lines."""
    values = [Decimal(v) for v in (1, 2) * 6 + (5, 6, 5)]
    root = parsed(svg(xmr(values, polarity="neutral", rebase=[12], minimum_points=12)))
    assert len(root.findall(f"{SVG}line")) == 3
    assert len(root.findall(f"{SVG}polyline")) == 2
    assert root.findall(f"{SVG}circle")[-1].get("class") == "point not_judged"
    flat = parsed(svg(xmr([Decimal(4)] * 3, polarity="neutral", minimum_points=2)))
    assert len(flat.findall(f"{SVG}circle")) == 3


@needs_chromium
def test_a_browser_renders_it(tmp_path):
    """Headless Chromium renders the drawing to a picture."""
    page = tmp_path / "chart.svg"
    page.write_text(svg(chart("20 -20 2", target=Decimal(-7))))
    shot = tmp_path / "chart.png"
    done = run(page, tmp_path / "profile", f"--screenshot={shot}", "--window-size=800,500")
    assert done.returncode == 0, done.stderr
    assert shot.stat().st_size > 0
