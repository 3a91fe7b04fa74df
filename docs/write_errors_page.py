"""Write docs/errors.md from the error catalogue: ``python docs/write_errors_page.py``."""

from pathlib import Path

from kpi_scorecard._errors import catalogue_markdown

if __name__ == "__main__":
    page = Path(__file__).with_name("errors.md")
    page.write_text(catalogue_markdown(), encoding="utf-8")
