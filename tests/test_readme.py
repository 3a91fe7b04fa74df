"""The README's promises: its examples run, and its Quick start holds exactly two commands."""

import doctest
import re
from pathlib import Path

README = Path(__file__).parents[1] / "README.md"


def test_readme_examples_run():
    """Every `>>>` example in the README gives the output it shows."""
    results = doctest.testfile(str(README), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert results.attempted > 5
    assert results.failed == 0


def test_quick_start_has_exactly_two_commands():
    """The Quick start block holds two commands: run the main job, then the tests."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1]
    block = re.search(r"```\n(.*?)```", section, re.DOTALL)
    assert block is not None
    commands = [line for line in block.group(1).splitlines() if line.strip()]
    assert len(commands) == 2
    assert (
        ".venv/bin/kpi-scorecard rate examples/data/children_and_families_2019_20.tsv"
        in (commands[0])
    )
    assert commands[0].endswith("--declarations examples/data/children_and_families_2019_20.toml")
    assert "pytest" in commands[1]
