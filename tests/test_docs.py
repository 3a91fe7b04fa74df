"""The code on the documentation pages runs, and prints what the pages say it prints.

Every ```python block of the getting-started page, the concept pages, the how-to pages and
the JSON schema page is a doctest. The blocks of one page run in order and share one
namespace, fresh for each page, with the working directory at the project root, so a page
reads ``examples/data/...`` as a caller would: the library opens no files, the page does.
"""

import doctest
import re
from pathlib import Path

import pytest

from optional import require

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = sorted(
    [
        DOCS / "getting-started.md",
        DOCS / "json-schema.md",
        *(DOCS / "concepts").glob("*.md"),
        *(DOCS / "how-to").glob("*.md"),
    ]
)
# The dataframe pages and the SPC how-to (its frame example) need the frames extra.
PAGES = [
    page
    for page in PAGES
    if not page.name.startswith("dataframes") and page.name != "spc-direction.md"
]
# A fenced block opened by ```python (possibly indented, as inside an admonition).
BLOCK = re.compile(
    r"^(?P<indent>[ \t]*)```python[ \t]*\n(?P<code>.*?)^(?P=indent)```[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
# A page whose examples need an optional package says so: <!-- needs: openpyxl -->.
NEEDS = re.compile(r"<!-- needs: (?P<packages>[\w ,.-]+) -->")
# Python written under another fence name would escape the tests.
OTHER_PYTHON = re.compile(r"^[ \t]*```(?:py|pycon|python3|ipython|doctest)\b", re.MULTILINE)
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE
EXPECTED = {
    "getting-started.md",
    "json-schema.md",
    "concepts/periods.md",
    "concepts/targets.md",
    "concepts/rating.md",
    "concepts/direction.md",
    "concepts/year-to-date.md",
    "concepts/forecasts.md",
    "concepts/data-quality.md",
    "concepts/published-statuses.md",
    "how-to/load-a-council-table.md",
    "how-to/rate-with-your-tolerance.md",
    "how-to/write-status-rules.md",
    "how-to/compare-same-period-last-year.md",
    "how-to/compare-with-statistical-neighbours.md",
    "how-to/aggregate-rates.md",
    "how-to/export-open-data.md",
    "how-to/etl-many-files.md",
    "how-to/notebook.md",
    "how-to/excel.md",
    "how-to/sdmx-open-data.md",
    "how-to/roll-up-by-outcome.md",
    "how-to/charts.md",
}


def python_blocks(text):
    """Yield (first line number, dedented code) for each ```python block of a page."""
    for found in BLOCK.finditer(text):
        indent = found["indent"]
        lines = found["code"].splitlines(keepends=True)
        code = "".join(line.removeprefix(indent) for line in lines)
        yield text.count("\n", 0, found.start("code")) + 1, code


def test_every_page_is_collected():
    """The pages the documentation promises to test are all collected, and none hides code."""
    names = {page.relative_to(DOCS).as_posix() for page in PAGES}
    assert names >= EXPECTED, f"missing pages: {sorted(EXPECTED - names)}"
    for page in PAGES:
        other = OTHER_PYTHON.search(page.read_text(encoding="utf-8"))
        assert other is None, f"{page.name}: write {other[0]!r} as ```python, to be tested"


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.relative_to(DOCS).as_posix())
def test_page_examples_run(page, monkeypatch):
    """Every python block of the page runs as a doctest and shows the output written."""
    monkeypatch.chdir(ROOT)
    text = page.read_text(encoding="utf-8")
    for needed in NEEDS.finditer(text):
        for package in needed["packages"].replace(",", " ").split():
            require(package)  # skipped where missing, failing under CI=true
    blocks = list(python_blocks(text))
    assert blocks, f"{page.name} has no python block"
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    namespace = {"__name__": f"docs_{page.stem.replace('-', '_')}"}
    output = []
    for line, code in blocks:
        name = f"{page.relative_to(DOCS).as_posix()}:{line}"
        test = parser.get_doctest(code, namespace, name, str(page), line - 1)
        assert test.examples, f"{name}: a python block on a page is written as >>> examples"
        test.globs = namespace  # one namespace per page, not doctest's copy per block
        runner.run(test, out=output.append, clear_globs=False)
    assert runner.failures == 0, "".join(output)
