"""Coverage-guided fuzzing of every text parser, with atheris (the ``fuzz`` extra).

Run from the project root, growing the corpus the tests replay::

    .venv/bin/python tests/fuzz/fuzz_parsers.py -max_total_time=600 tests/fuzz/corpus

The rule checked is in ``tests/fuzz/targets.py``: any exception other than the library's
own typed errors is a crash, and atheris stops with the input that caused it. Inputs worth
keeping land in ``tests/fuzz/corpus/``; ``tests/test_fuzz_corpus.py`` replays them on every
test run, without atheris.
"""

from __future__ import annotations

import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

with atheris.instrument_imports():
    from fuzz.targets import check


def main() -> None:
    """Run the fuzzer with atheris's command-line options."""
    atheris.Setup(sys.argv, check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
