"""Headless Chromium for the tests that check what a browser shows (Debian's package)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# As root, without the sandbox; without the background services that would reach out to a
# network this machine does not have.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
#: Under CI the browser is installed by .ci/run, so a missing one is a failure, not a skip.
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None and not os.environ.get("CI"),
    reason="headless Chromium is not installed (Debian package 'chromium')",
)


def run(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Open ``page`` in headless Chromium with a fresh profile folder and ``extra`` flags."""
    assert CHROMIUM is not None, "Chromium is required under CI"
    return subprocess.run(  # noqa: S603 - a fixed browser binary on a file the test wrote
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# Runs after layout and writes what it measured into the page, which --dump-dom prints.
# Colours are read as the browser computed them; a background is resolved through the
# ancestors (painting each translucent layer over the one beneath, the canvas white), and
# translucent text is painted over its background, before WCAG's contrast ratio.
PROBE = r"""<script>
window.addEventListener('load', () => {
  const parse = (text) => {
    const m = text.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + under[i] * (1 - a)).concat([1]);
  };
  const background = (element) => {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const colour = parse(getComputedStyle(e).backgroundColor);
      if (colour && colour[3] > 0) {
        layers.push(colour);
        if (colour[3] >= 1) break;
      }
    }
    let result = [255, 255, 255, 1];
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const luminance = (c) => {
    const [r, g, b] = c.slice(0, 3).map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (element) => {
    const back = background(element);
    const fore = over(parse(getComputedStyle(element).color), back);
    const [hi, lo] = [luminance(fore), luminance(back)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  const card = document.querySelector('.kpi-card');
  const table = card.querySelector('table');
  const heads = [...table.querySelectorAll('thead th')];
  const columns = heads.map((th, i) => ({
    name: th.textContent,
    head: getComputedStyle(th).textAlign,
    cells: [...new Set([...table.querySelectorAll(`tbody tr td:nth-child(${i + 1})`)]
      .filter((td) => !td.colSpan || td.colSpan === 1)
      .map((td) => getComputedStyle(td).textAlign))],
  }));
  const texts = [...card.querySelectorAll('*')].filter((e) =>
    [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()));
  const lowest = (elements) => elements
    .map((e) => ({text: e.textContent.trim().slice(0, 40), ratio: contrast(e)}))
    .sort((x, y) => x.ratio - y.ratio).slice(0, 3);
  const box = table.getBoundingClientRect();
  const out = document.createElement('pre');
  out.id = 'kpi-probe';
  out.textContent = JSON.stringify({
    columns,
    text: lowest(texts),
    chips: lowest([...card.querySelectorAll('.kpi-chip')]),
    texts: texts.length,
    ground: luminance(background(table.querySelector('tbody td'))),
    height: Math.round(box.height),
    width: Math.round(box.width),
  });
  document.body.appendChild(out);
});
</script>"""


def probe(page: Path, profile: Path) -> tuple[dict, str]:
    """Open the page with the probe added; return what it measured and the browser's log."""
    text = page.read_text(encoding="utf-8")
    # nbconvert's template loads require.js and MathJax from the web, which the test machines do
    # not reach; the report needs neither, so their tags go before the page is opened.
    text = re.sub(r'<script src="https://[^"]*"[^>]*>\s*</script>', "", text)
    probed = page.with_name(f"probed-{page.name}")
    probed.write_text(text.replace("</body>", f"{PROBE}</body>"), encoding="utf-8")
    result = run(probed, profile, "--window-size=1500,1400", "--enable-logging=stderr", "--v=0",
                 "--dump-dom")  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    found = re.search(r'<pre id="kpi-probe">(.*?)</pre>', result.stdout, re.DOTALL)
    assert found is not None, result.stdout[-2000:]
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&")), result.stderr
