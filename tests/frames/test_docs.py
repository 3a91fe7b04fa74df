"""The dataframe how-to pages run, as the other pages do in tests/test_docs.py."""

import doctest

import pytest

from test_docs import DOCS, FLAGS, python_blocks

pytestmark = pytest.mark.frames

PAGES = sorted((DOCS / "how-to").glob("dataframes*.md"))


def test_pages_found():
    """The three dataframe pages are collected."""
    assert [page.name for page in PAGES] == [
        "dataframes-duckdb.md",
        "dataframes-polars-etl.md",
        "dataframes.md",
    ]


@pytest.mark.parametrize("page", PAGES, ids=lambda page: page.name)
def test_page_examples_run(page):
    """Every python block of the page runs as a doctest and shows the output written."""
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=FLAGS)
    namespace = {"__name__": f"docs_{page.stem.replace('-', '_')}"}
    output = []
    for line, code in python_blocks(page.read_text(encoding="utf-8")):
        test = parser.get_doctest(code, namespace, page.name, str(page), line - 1)
        test.globs = namespace
        runner.run(test, out=output.append, clear_globs=False)
    assert runner.failures == 0, "".join(output)
