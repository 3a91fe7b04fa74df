"""Replay the fuzzing corpus: every kept input still raises nothing but typed errors."""

from pathlib import Path

import pytest

from fuzz.targets import PARSERS, check, seed

CORPUS = Path(__file__).parent / "fuzz" / "corpus"
INPUTS = sorted(CORPUS.iterdir()) if CORPUS.is_dir() else []


@pytest.mark.parametrize("path", INPUTS, ids=[path.name[:12] for path in INPUTS])
def test_corpus_input_raises_only_typed_errors(path):
    """An input the fuzzer kept is handled: parsed, or refused with a KpiScorecardError."""
    check(path.read_bytes())


def test_corpus_reaches_every_parser():
    """The corpus holds inputs for each parser, so the replay exercises all of them."""
    reached = {data[0] % len(PARSERS) for data in (p.read_bytes() for p in INPUTS) if data}
    assert reached == set(range(len(PARSERS)))


def test_seed_selects_the_named_parser():
    """A seed's first byte selects the parser it was made for."""
    data = seed("target", "<18%")
    assert PARSERS[data[0] % len(PARSERS)][0] == "target"
    assert data[1:] == b"<18%"
