import importlib
import pkgutil
import re
import textwrap
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kpi_scorecard
from kpi_scorecard._patterns import _LazyPattern, as_typed, lazy_pattern, squeeze

PACKAGE_PARENT = str(Path(kpi_scorecard.__file__).resolve().parent.parent)


def _library_patterns():
    """Every lazy pattern bound at module level anywhere in the library, by qualified name."""
    found = {}
    for info in pkgutil.walk_packages(kpi_scorecard.__path__, "kpi_scorecard."):
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional extra (kpi_scorecard.frames) that is not installed
            continue
        for name, value in vars(module).items():
            if isinstance(value, _LazyPattern):
                found[f"{info.name}.{name}"] = value
    return found


def test_nothing_is_compiled_until_used():
    """A new pattern holds its text; the first match compiles it, later ones reuse it."""
    pattern = lazy_pattern(r"a+")
    assert "compiled" not in vars(pattern)
    assert pattern.fullmatch("aa") is not None
    compiled = vars(pattern)["compiled"]
    assert pattern.search("baab") is not None
    assert pattern.compiled is compiled


@pytest.mark.parametrize(
    ("source", "flags", "text"),
    [
        (r"(?P<n>\d+)\s*(?P<unit>%|pts?)?", 0, "12 pts"),
        (r"(?P<n>\d+)\s*(?P<unit>%|pts?)?", re.IGNORECASE, "12 PTS"),
        (r"\s*[:/,;]\s*", 0, "1 : 2/3,4"),
        (r"n\s*/\s*a", re.IGNORECASE, "x N / A y"),
        (r"\s+", 0, "  two   spaces "),
    ],
)
def test_matches_as_re_does(source, flags, text):
    """Each method gives what the same method of ``re.compile(source, flags)`` gives."""
    lazy, eager = lazy_pattern(source, flags), re.compile(source, flags)

    def groups(found):
        return None if found is None else (found.group(0), found.groupdict(), found.span())

    assert groups(lazy.fullmatch(text)) == groups(eager.fullmatch(text))
    assert groups(lazy.search(text)) == groups(eager.search(text))
    assert lazy.sub("_", text) == eager.sub("_", text)
    assert lazy.split(text) == eager.split(text)


# text, start and end in its clean copy, fold, the part of the text they were made from
# fmt: off
TYPED = [
    ("Smarch 2019", 0, 6, True, "Smarch"),  # casefolded copy, case as typed
    ("  As at 1  SMARCH 2019 ", 8, 14, True, "SMARCH"),  # spaces around and inside
    ("As at 1  SMARCH 2019", 6, 14, True, "1  SMARCH"),  # a run of spaces inside the part
    ("Straße term", 0, 7, True, "Straße"),  # "ß" casefolds to "ss": one letter, two places
    ("Straße term", 8, 12, True, "term"),  # and shifts what follows
    ("Straße term", 0, 6, False, "Straße"),  # without folding, one place each
    ("12 square \t bananas", 3, 17, False, "square \t bananas"),  # tab and spaces
    ("abc", 1, 1, False, ""),  # nothing
]
# fmt: on


@pytest.mark.parametrize(("text", "start", "end", "fold", "typed"), TYPED)
def test_as_typed_finds_the_users_spelling(text, start, end, fold, typed):
    """as_typed maps a part of the clean copy back to the text it was made from."""
    assert as_typed(text, start, end, fold=fold) == typed


@given(st.text(), st.booleans())
def test_as_typed_gives_back_each_word_as_typed(text, fold):
    """Each word of the clean copy comes from a part of the text that cleans to that word."""
    clean = squeeze(text, fold=fold)
    assert squeeze(clean, fold=fold) == clean
    assert as_typed(text, 0, len(clean), fold=fold) == text.strip()
    start = 0
    for word in clean.split(" "):
        typed = as_typed(text, start, start + len(word), fold=fold)
        assert squeeze(typed, fold=fold) == word
        assert typed in text
        start += len(word) + 1


def test_repr_shows_the_pattern():
    """The repr is the call that made the pattern."""
    assert repr(lazy_pattern(r"\d+", re.IGNORECASE)) == r"lazy_pattern('\\d+', re.IGNORECASE)"
    assert repr(lazy_pattern("a")) == "lazy_pattern('a')"


def test_the_library_has_lazy_patterns():
    """The parsers' patterns are lazy (the test below would pass vacuously otherwise)."""
    names = set(_library_patterns())
    assert {"kpi_scorecard._period._QUARTER", "kpi_scorecard._target_parse._RANGE"} <= names


@pytest.mark.parametrize("name", sorted(_library_patterns()))
def test_every_library_pattern_compiles(name):
    """Every pattern in the library is a valid regular expression, used or not yet."""
    assert isinstance(_library_patterns()[name].compiled, re.Pattern)


@pytest.mark.subprocess
def test_importing_the_names_compiles_no_pattern(run_script):
    """In a fresh interpreter, importing the models compiles nothing; parsing compiles little."""
    script = f"import sys\nsys.path.insert(0, {PACKAGE_PARENT!r})\n" + textwrap.dedent(
        """
        from kpi_scorecard import Period, Scorecard, evaluate
        from kpi_scorecard._patterns import _LazyPattern

        def compiled():
            return sorted(
                f"{module.__name__}.{name}"
                for module in list(sys.modules.values())
                if module.__name__.startswith("kpi_scorecard")
                for name, value in vars(module).items()
                if isinstance(value, _LazyPattern) and "compiled" in vars(value)
            )

        print(compiled())
        Period.parse("Quarter 1 2019/20")
        print(compiled())
        """
    )
    before, after = run_script(script).strip().splitlines()
    assert before == "[]"
    assert "kpi_scorecard._period._QUARTER" in after
    assert "kpi_scorecard._period._MONTH" not in after
    assert "kpi_scorecard._target_parse._RANGE" not in after
