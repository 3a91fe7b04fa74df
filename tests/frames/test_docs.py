"""The dataframe how-to pages run, as the other pages do in tests/test_docs.py."""

import doctest

import pytest

from test_docs import DOCS, FLAGS, python_blocks

pytestmark = pytest.mark.frames

# The Spark page needs a Spark session: tests/frames/test_spark.py runs it (pytest -m spark).
SPARK_PAGE = DOCS / "how-to" / "dataframes-spark.md"
# The SPC how-to has a frame example, so it runs here rather than in the default run.
SPC_PAGE = DOCS / "how-to" / "spc-direction.md"
PAGES = sorted(
    [*(page for page in (DOCS / "how-to").glob("dataframes*.md") if page != SPARK_PAGE), SPC_PAGE]
)


def run_page(page):
    """Run every python block of a page as one doctest session: (failures, report)."""
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    namespace = {"__name__": f"docs_{page.stem.replace('-', '_')}"}
    output = []
    for line, code in python_blocks(page.read_text(encoding="utf-8")):
        test = parser.get_doctest(code, namespace, page.name, str(page), line - 1)
        test.globs = namespace
        runner.run(test, out=output.append, clear_globs=False)
    return runner.failures, "".join(output)


def test_pages_found():
    """The three dataframe pages and the SPC how-to are collected; the Spark page exists."""
    assert [page.name for page in PAGES] == [
        "dataframes-duckdb.md",
        "dataframes-polars-etl.md",
        "dataframes.md",
        "spc-direction.md",
    ]
    assert SPARK_PAGE.is_file()


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_page_examples_run(page):
    """Every python block of the page runs as a doctest and shows the output written."""
    failures, output = run_page(page)
    assert failures == 0, output
