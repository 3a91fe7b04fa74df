"""The words councils write in target cells, and what each means.

The vocabularies are data, kept apart from the parser (``_target_parse``): comparator
words (``at least``, ``no more than``, ``or above``), period bases (``quarterly target``),
directions (``Increase``), benchmarks (``England average``) and placeholders (``TBC``).
Every pattern is matched against the clean copy of the text (single spaces), ignoring case.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ._patterns import lazy_pattern
from ._target import Comparator, TargetBasis

__all__ = [
    "AFTER_WORDS",
    "BASIS_WORDS",
    "BEFORE_WORDS",
    "BENCHMARK",
    "BENCHMARK_NAMES",
    "DIRECTION",
    "DIRECTION_WORDS",
    "INTERVAL_WORDS",
    "PLACEHOLDER",
    "ZERO",
    "alternation",
]

LT, LE, GT, GE = Comparator.LT, Comparator.LE, Comparator.GT, Comparator.GE

#: Words before a figure that give its comparator: ``at least 90%`` is ``>=90%``.
BEFORE_WORDS = {
    "greater than or equal to": GE,
    "more than or equal to": GE,
    "equal to or greater than": GE,
    "equal to or more than": GE,
    "less than or equal to": LE,
    "equal to or less than": LE,
    "greater than": GT,
    "more than": GT,
    "higher than": GT,
    "above": GT,
    "over": GT,
    "at least": GE,
    "a minimum of": GE,
    "minimum of": GE,
    "minimum": GE,
    "no less than": GE,
    "not less than": GE,
    "no fewer than": GE,
    "not fewer than": GE,
    "no lower than": GE,
    "not lower than": GE,
    "less than": LT,
    "fewer than": LT,
    "lower than": LT,
    "below": LT,
    "under": LT,
    "no more than": LE,
    "not more than": LE,
    "no greater than": LE,
    "not greater than": LE,
    "no higher than": LE,
    "not higher than": LE,
    "at most": LE,
    "up to": LE,
    "a maximum of": LE,
    "maximum of": LE,
    "maximum": LE,
    "within": LE,
    "should not exceed": LE,
    "must not exceed": LE,
    "does not exceed": LE,
    "do not exceed": LE,
    "not to exceed": LE,
    "not exceeding": LE,
    "not exceed": LE,
}

#: Words after a figure that give its comparator: ``90% or above`` is ``>=90%``.
AFTER_WORDS = {
    "or above": GE,
    "or more": GE,
    "or higher": GE,
    "or greater": GE,
    "or over": GE,
    "and above": GE,
    "and over": GE,
    "or below": LE,
    "or less": LE,
    "or fewer": LE,
    "or lower": LE,
    "or under": LE,
    "and below": LE,
    "and under": LE,
}

#: Words for the interval of ``... per year`` after a threshold, as its basis.
INTERVAL_WORDS = {
    "quarter": TargetBasis.QUARTER,
    "qtr": TargetBasis.QUARTER,
    "month": TargetBasis.MONTH,
    "mth": TargetBasis.MONTH,
    "year": TargetBasis.YEAR,
    "yr": TargetBasis.YEAR,
    "annum": TargetBasis.YEAR,
}

#: A bracketed basis, without its brackets: ``quarterly target``, ``annual``, ``per month``.
BASIS_WORDS = {
    "quarterly": TargetBasis.QUARTER,
    "qtrly": TargetBasis.QUARTER,
    "per quarter": TargetBasis.QUARTER,
    "each quarter": TargetBasis.QUARTER,
    "monthly": TargetBasis.MONTH,
    "per month": TargetBasis.MONTH,
    "each month": TargetBasis.MONTH,
    "annual": TargetBasis.YEAR,
    "annually": TargetBasis.YEAR,
    "yearly": TargetBasis.YEAR,
    "per year": TargetBasis.YEAR,
    "per annum": TargetBasis.YEAR,
    "each year": TargetBasis.YEAR,
}

#: A placeholder for a target not set yet: the cell reads as no target, keeping its text.
PLACEHOLDER = lazy_pattern(
    r"tb[cad]|t\.b\.[cad]\.?|-|–|—|to be (?:set|confirmed|agreed|decided|determined|advised)"
    r"|not (?:yet )?set|not yet (?:agreed|confirmed|known)|target to be set|awaiting target",
    re.IGNORECASE,
)

#: A ceiling of nothing: ``zero`` means at most 0.
ZERO = lazy_pattern(r"zero(?: cases)?|nil|no cases", re.IGNORECASE)

#: The verbs of a direction-only target, by the canonical word.
DIRECTION_WORDS = {
    "increase": "increase",
    "increasing": "increase",
    "raise": "increase",
    "reduce": "reduce",
    "reduction": "reduce",
    "decrease": "reduce",
    "decreasing": "reduce",
    "maintain": "maintain",
    "maintain or improve": "maintain",
    "sustain": "maintain",
    "improve": "improve",
    "improvement": "improve",
    "improving": "improve",
}

#: A direction-only target: a verb, then at most what it applies to or compares with.
DIRECTION = lazy_pattern(
    r"(?P<verb>maintain or improve|increase|increasing|raise|reduce|reduction|decrease"
    r"|decreasing|maintain|sustain|improvement|improve|improving)"
    r"(?: (?:the (?:number|rate|percentage|proportion|level)"
    r"|(?:current )?(?:performance|level)"
    r"|on (?:last|the previous|previous) (?:year|quarter|period)"
    r"|year on year))?",
    re.IGNORECASE,
)

#: The benchmarks a target may be set against, by the canonical name.
BENCHMARK_NAMES = {
    "england": "England average",
    "england average": "England average",
    "the england average": "England average",
    "english average": "England average",
    "national average": "national average",
    "the national average": "national average",
    "regional average": "regional average",
    "the regional average": "regional average",
    "region": "regional average",
    "london average": "London average",
    "the london average": "London average",
    "statistical neighbours": "statistical neighbours",
    "our statistical neighbours": "statistical neighbours",
    "statistical neighbour average": "statistical neighbours",
    "the statistical neighbour average": "statistical neighbours",
    "stat neighbours": "statistical neighbours",
    "cipfa neighbours": "CIPFA neighbours",
    "cipfa nearest neighbours": "CIPFA neighbours",
    "top quartile": "top quartile",
    "the top quartile": "top quartile",
    "upper quartile": "top quartile",
    "the upper quartile": "top quartile",
}

_YEARS = r"(?:the )?(?:previous |last )?(?P<years>[2-9]|10|two|three|four|five)[- ]year average"
_NAMES = "|".join(sorted((re.escape(n) for n in BENCHMARK_NAMES), key=len, reverse=True))

#: A benchmark target: a relation and a benchmark, or a quartile on its own.
BENCHMARK = lazy_pattern(
    rf"(?:(?P<relation>better than|in line with|similar to|above|below|in|within) )?"
    rf"(?P<benchmark>{_NAMES}|{_YEARS})(?: performance)?",
    re.IGNORECASE,
)


# Called only while the target parser's patterns are written at import, before a mutation
# run's workers start: the tables of target notations pin what it builds instead.
def alternation(words: Mapping[str, object]) -> str:  # pragma: no mutate block
    r"""A regex alternative of the words, longest first, so that the longest one wins.

    >>> alternation({"or more": 1, "or more than": 2})
    'or\\ more\\ than|or\\ more'
    """
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
