"""Reading target cells: :func:`parse_target`, behind :meth:`Target.parse`.

A cell is read in this order: empty, ``N/A`` and placeholders; a schedule (``2022/23: 90%;
2023/24: 92%`` or ``90% (2022-23) 92% (2023-24)``); otherwise one target, whose trailing
bracketed qualifiers (a basis, a period) are taken off before its core is read. Every
pattern is linear in the length of the text: no quantifier is nested over characters that
another quantifier next to it also takes.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from ._errors import KpiScorecardError, TargetParseError, UnitError
from ._numbers import NUMBER_PATTERN, check_text, parse_decimal
from ._patterns import as_typed, lazy_pattern, squeeze
from ._period import Period
from ._target import (
    ChangeInterval,
    ChangeTarget,
    Comparator,
    CumulativeTarget,
    NotApplicable,
    NoTarget,
    RangeTarget,
    Target,
    TargetBasis,
    ThresholdTarget,
    writable_unit,
)
from ._target_kinds import (
    BenchmarkRelation,
    BenchmarkTarget,
    DirectionTarget,
    ScheduledTarget,
    TargetDirection,
    schedule_problem,
)
from ._target_words import (
    AFTER_WORDS,
    BASIS_WORDS,
    BEFORE_WORDS,
    BENCHMARK,
    BENCHMARK_NAMES,
    DIRECTION,
    DIRECTION_WORDS,
    INTERVAL_WORDS,
    PLACEHOLDER,
    ZERO,
    alternation,
)
from ._units import PERCENT, YES_NO, canonical_unit

__all__ = ["parse_target"]

# A unit is never a word that joins figures or qualifies them ("to", "or", "and", "per",
# "each", "every"), so that "-10 to -5" is a range and "5 or more" a floor; "per cent" is
# the one unit that starts with "per".
_NOT_UNIT = r"(?!(?:to|or|and|each|every)\b|per\b(?! ?cent\b))"
_UNIT = rf"\s*%|\s+{_NOT_UNIT}[A-Za-z£€$][A-Za-z_ ]*?"
_FIGURE = rf"(?:{NUMBER_PATTERN})(?:{_UNIT})?|[£€$](?:{NUMBER_PATTERN})"
_FIGURE_PARTS = lazy_pattern(
    rf"(?P<symbol>[£€$])?(?P<number>{NUMBER_PATTERN})\s*(?P<unit>%|[A-Za-z][A-Za-z_ ]*)?"
)
_PER_CENT = lazy_pattern(r"per ?cent", re.IGNORECASE)

_NOT_APPLICABLE = lazy_pattern(r"n\s*/\s*a|n\.a\.?|na|not\s+applicable", re.IGNORECASE)
_CHANGE = lazy_pattern(
    rf"(?:(?:reduce|reduction|decrease|increase|raise)\s+(?:of\s+|by\s+)?)?"
    rf"(?P<figure>{_FIGURE})\s+(?:per|a|each|every)\s+(?P<per>qtr|quarter|month|mth|year|yr|annum)",
    re.IGNORECASE,
)
_CUMULATIVE = lazy_pattern(
    rf"(?P<figure>{_FIGURE})\s*(?:\(\s*(?:ac)?cumulative(?:\s+target)?\s*\)"
    rf"|(?:ac)?cumulative(?:\s+target)?)",
    re.IGNORECASE,
)
_CUMULATIVE_WORDS = lazy_pattern(r"(?:ac)?cumulative(?: target)?", re.IGNORECASE)
_RANGE = lazy_pattern(
    rf"(?P<low>{_FIGURE})\s*(?:-|–|—|\bto\b)\s*(?P<high>{_FIGURE})", re.IGNORECASE
)
_THRESHOLD = lazy_pattern(
    rf"(?:(?:maintain|achieve|reach)(?: at)? )?"
    rf"(?:(?P<op><=|>=|≤|≥|=<|=>|<|>)|(?P<before>{alternation(BEFORE_WORDS)})\b)?\s*"
    rf"(?:(?P<sign>[-+−])\s+(?![-+−]))?"
    rf"(?P<figure>{_FIGURE})"
    rf"(?: (?P<after>{alternation(AFTER_WORDS)}))?"
    rf"(?: (?:per|each|every|a) (?P<per>{alternation(INTERVAL_WORDS)}))?",
    re.IGNORECASE,
)
# One entry of a schedule written with bracketed periods: "90% (2022-23)", after an
# optional separator. The entry starts with a character that is neither space nor bracket,
# so the spaces before it belong to the separator alone.
_BRACKETED_ENTRY = lazy_pattern(r" ?(?:[;,]|\band\b)? ?(?P<entry>[^()\s;][^();]*\([^()]*\))")

_OPERATORS = {
    "<": Comparator.LT,
    "<=": Comparator.LE,
    "=<": Comparator.LE,
    "≤": Comparator.LE,
    ">": Comparator.GT,
    ">=": Comparator.GE,
    "=>": Comparator.GE,
    "≥": Comparator.GE,
}
_INTERVALS = {
    "qtr": ChangeInterval.QUARTER,
    "quarter": ChangeInterval.QUARTER,
    "month": ChangeInterval.MONTH,
    "mth": ChangeInterval.MONTH,
    "year": ChangeInterval.YEAR,
    "yr": ChangeInterval.YEAR,
    "annum": ChangeInterval.YEAR,
}
_NUMBER_WORDS = {"two": "2", "three": "3", "four": "4", "five": "5"}
_RELATIONS = {
    "better than": BenchmarkRelation.BETTER_THAN,
    "in line with": BenchmarkRelation.IN_LINE_WITH,
    "similar to": BenchmarkRelation.IN_LINE_WITH,
    "above": BenchmarkRelation.ABOVE,
    "below": BenchmarkRelation.BELOW,
    "in": BenchmarkRelation.IN,
    "within": BenchmarkRelation.IN,
}
_YES_NO = {
    "yes": ThresholdTarget(value=Decimal(1), comparator=Comparator.GE, unit=YES_NO),
    "no": ThresholdTarget(value=Decimal(0), comparator=Comparator.LE, unit=YES_NO),
}
"""The targets of a yes/no achievement, by the word (casefolded)."""
_SHAPE = "a target for several periods is written 'period: target; period: target'"


@lru_cache(maxsize=4096)
def parse_target(text: str) -> Target:
    """Read a target cell (see :meth:`Target.parse`); the text's type is checked there.

    >>> str(parse_target("90% (2022-23) 92% (2023-24)"))
    '2022/23: 90%; 2023/24: 92%'
    """
    position = check_text(text)
    if position is not None:
        raise TargetParseError(
            text, "control character in a target", code="control_character", position=position
        )
    clean = squeeze(text)
    if not clean:
        return NoTarget()
    if _NOT_APPLICABLE.fullmatch(clean):
        return NotApplicable()
    if PLACEHOLDER.fullmatch(clean):
        return NoTarget(text=clean)
    if clean.count("(") != clean.count(")"):
        raise TargetParseError(text, "unbalanced brackets in a target", code="unbalanced_brackets")
    if ":" in clean:
        return _colon_schedule(text, clean)
    schedule = _bracketed_schedule(text, clean)
    if schedule is not None:
        return schedule
    return _qualified(text, clean, 0)


# --- one target and its qualifiers --------------------------------------------------------


def _qualified(text: str, part: str, offset: int) -> Target:
    """Read one target, ``part`` of the clean text starting at ``offset``, with its qualifiers."""
    basis: TargetBasis | None = None
    period: Period | None = None
    core = part
    while core.endswith(")"):
        opening = core.rfind("(")
        inner = core[opening + 1 : -1]
        if opening < 0 or ")" in inner:
            raise TargetParseError(text, "brackets inside brackets", code="unknown_target")
        words = squeeze(inner, fold=True)
        if _CUMULATIVE_WORDS.fullmatch(words):
            break  # the core's own "(cumulative)"

        def typed(opening: int = opening, closing: int = len(core)) -> str:
            return as_typed(text, offset + opening, offset + closing)

        found_basis = BASIS_WORDS.get(_strip_target_word(words))
        if found_basis is not None:
            if basis is not None:
                raise TargetParseError(
                    text, f"a target has one basis; {typed()} is another", code="repeated_qualifier"
                )
            basis = found_basis
        else:
            found_period = _qualifier_period(inner)
            if found_period is None:
                raise TargetParseError(
                    text,
                    f"{typed()} is neither a basis (quarterly, annual) nor a period",
                    code="unknown_qualifier",
                )
            if period is not None:
                raise TargetParseError(
                    text,
                    f"a target has one period; {typed()} is another",
                    code="repeated_qualifier",
                )
            period = found_period
        core = core[:opening].rstrip()
    if (basis is not None or period is not None) and not core:
        raise TargetParseError(text, "a qualifier with no target", code="bare_qualifier")
    target = _core(text, core, offset)
    if basis is None and period is None:
        return target
    if isinstance(target, NoTarget | NotApplicable):
        raise TargetParseError(
            text, f"{str(target)!r} sets no target, so takes no qualifier", code="bare_qualifier"
        )
    if basis is not None and target.basis is not None:
        raise TargetParseError(text, "a target has one basis", code="repeated_qualifier")
    if basis is not None and isinstance(target, ChangeTarget):
        raise TargetParseError(
            text, "a change target's interval is its basis", code="repeated_qualifier"
        )
    update: dict[str, object] = {"period": period} if period is not None else {}
    if basis is not None:
        update["basis"] = basis
    return target.model_copy(update=update)


def _strip_target_word(words: str) -> str:
    """``quarterly target`` and ``target: quarterly`` name the basis ``quarterly``."""
    for suffix in (" target", " figure"):
        if words.endswith(suffix):
            return words[: -len(suffix)]
    return words


def _qualifier_period(inner: str) -> Period | None:
    """The period a bracket names: ``2022-23``, ``target for 2022/23``, ``2022/23 target``."""
    words = squeeze(inner)
    folded = words.casefold()
    for prefix in ("target for ", "for "):
        if folded.startswith(prefix):
            words, folded = words[len(prefix) :], folded[len(prefix) :]
    if folded.endswith(" target"):
        words = words[: -len(" target")]
    try:
        return Period.parse(words)
    except KpiScorecardError:
        return None


def _core(text: str, core: str, offset: int) -> Target:
    """Read a target without qualifiers: a figure, a range, a word."""
    if _NOT_APPLICABLE.fullmatch(core):
        return NotApplicable()
    if PLACEHOLDER.fullmatch(core):
        return NoTarget(text=core)
    if ZERO.fullmatch(core):
        return ThresholdTarget(value=Decimal(0), comparator=Comparator.LE)
    answer = _YES_NO.get(core.casefold())
    if answer is not None:
        return answer
    found = DIRECTION.fullmatch(core)
    if found is not None:
        word = DIRECTION_WORDS[squeeze(found["verb"], fold=True)]
        return DirectionTarget(direction=TargetDirection(word))
    found = BENCHMARK.fullmatch(core)
    if found is not None:
        return _benchmark(text, found)

    found = _CHANGE.fullmatch(core)
    if found is not None:
        amount, unit = _figure(text, found, "figure", offset)
        if amount <= 0:
            raise TargetParseError(
                text,
                "a change target is a positive amount; polarity gives its direction",
                code="bad_change",
            )
        return ChangeTarget(amount=amount, unit=unit, per=_INTERVALS[found["per"].lower()])

    found = _CUMULATIVE.fullmatch(core)
    if found is not None:
        value, unit = _figure(text, found, "figure", offset)
        return CumulativeTarget(value=value, unit=unit)

    found = _THRESHOLD.fullmatch(core)
    if found is not None:
        return _threshold(text, found, offset)

    found = _RANGE.fullmatch(core)
    if found is not None:
        low, low_unit = _figure(text, found, "low", offset)
        high, high_unit = _figure(text, found, "high", offset)
        if high < low:
            raise TargetParseError(text, "a range runs from low to high", code="reversed_range")
        if high == low:
            raise TargetParseError(text, "a range needs two different ends", code="empty_range")
        unit = _both_units(text, low_unit, high_unit)
        return RangeTarget(low=low, high=high, unit=unit)

    raise TargetParseError(text, "not a target notation kpi_scorecard knows", code="unknown_target")


def _threshold(text: str, found: re.Match[str], offset: int) -> ThresholdTarget:
    value, unit = _figure(text, found, "figure", offset)
    if found["sign"] is not None and found["sign"] != "+":
        value = -value
    comparator: Comparator | None = None
    if found["op"]:
        comparator = _OPERATORS[found["op"]]
    elif found["before"]:
        comparator = BEFORE_WORDS[squeeze(found["before"], fold=True)]
    if found["after"]:
        if comparator is not None:
            raise TargetParseError(
                text, "a threshold has one comparator, not two", code="two_comparators"
            )
        comparator = AFTER_WORDS[squeeze(found["after"], fold=True)]
    basis = INTERVAL_WORDS[found["per"].lower()] if found["per"] else None
    if basis is not None and comparator is None:  # "- 12 per year": a change has no sign
        raise TargetParseError(
            text, "not a target notation kpi_scorecard knows", code="unknown_target"
        )
    return ThresholdTarget(value=value, comparator=comparator, unit=unit, basis=basis)


def _benchmark(text: str, found: re.Match[str]) -> BenchmarkTarget:
    years = found["years"]
    if years is not None:
        benchmark = f"{_NUMBER_WORDS.get(years.casefold(), years)}-year average"
    else:
        benchmark = BENCHMARK_NAMES[squeeze(found["benchmark"], fold=True)]
    written = found["relation"]
    # An average on its own is a level to be in line with; a quartile is a place to be in.
    relation = _RELATIONS[written.casefold()] if written else None
    quartile = benchmark == "top quartile"
    if quartile and relation in (None, BenchmarkRelation.IN):
        relation = BenchmarkRelation.IN
    elif not quartile and relation is None:
        relation = BenchmarkRelation.IN_LINE_WITH
    elif quartile or relation is BenchmarkRelation.IN:
        raise TargetParseError(
            text,
            "a target is in the top quartile, or set against an average",
            code="unknown_target",
        )
    return BenchmarkTarget(relation=relation, benchmark=benchmark)


def _figure(text: str, found: re.Match[str], group: str, offset: int) -> tuple[Decimal, str | None]:
    """Split a matched figure into its number and canonical unit (None: no unit written)."""
    raw = found[group]
    parts = _FIGURE_PARTS.fullmatch(raw.strip())
    if parts is None:  # pragma: no cover - the figure pattern only admits these shapes
        raise TargetParseError(text, "not a figure", code="bad_number")
    number = parse_decimal(parts["number"])
    if number is None:  # pragma: no cover - the number pattern only admits valid numbers
        raise TargetParseError(text, "not a number", code="bad_number")
    unit_text = parts["symbol"] or parts["unit"]
    if unit_text is None:
        return number, None
    unit_text = unit_text.strip()
    if _PER_CENT.fullmatch(unit_text):
        return number, PERCENT

    def typed() -> str:
        # The unit as typed: the clean copy has one space where the user may have had several.
        begin = offset + found.start(group) + len(raw) - len(raw.lstrip())
        written = "symbol" if parts["symbol"] else "unit"
        return as_typed(text, begin + parts.start(written), begin + parts.end(written))

    try:
        unit = canonical_unit(unit_text)
    except UnitError as exc:
        raise TargetParseError(text, f"unknown unit {typed()!r}", code=exc.code) from exc
    if unit == YES_NO:
        reason = "a yes/no target is written 'Yes' or 'No', not as a number"
        raise TargetParseError(text, reason, code="bad_yes_no")
    if not writable_unit(unit):
        # Such as 'meter / second': a target in it could not be written and read back.
        reason = f"unit {typed()!r} is {unit!r}, which a target cannot be written in"
        raise TargetParseError(text, reason, code="unsupported_unit")
    return number, unit


def _both_units(text: str, low_unit: str | None, high_unit: str | None) -> str | None:
    if low_unit is None or high_unit is None or low_unit == high_unit:
        return low_unit or high_unit
    raise TargetParseError(
        text, "the two ends of a range are in different units", code="mixed_units"
    )


# --- schedules ----------------------------------------------------------------------------


def _colon_schedule(text: str, clean: str) -> Target:
    """Read ``2022/23: 90%; 2023/24: 92%`` (or ``,`` or a space between the entries).

    Between two colons lies one entry's target and the next entry's period; they are told
    apart at the last ``;`` or ``,``, else at the last one to four words that make a period.
    """
    chunks = clean.split(":")
    starts = [0]
    for chunk in chunks[:-1]:
        starts.append(starts[-1] + len(chunk) + 1)
    label, label_start = chunks[0], 0
    entries: list[tuple[Period, Target]] = []
    for index in range(1, len(chunks)):
        chunk, start = chunks[index], starts[index]
        period = _label(text, label, label_start)
        if index == len(chunks) - 1:
            entries.append((period, _entry(text, clean, chunk, start, period)))
            break
        target, label, label_start = _split_chunk(text, clean, chunk, start, period)
        entries.append((period, target))
    if len(entries) == 1:
        period, target = entries[0]
        return target.model_copy(update={"period": period})
    return _schedule(text, entries)


def _label(text: str, label: str, start: int) -> Period:
    stripped = label.strip()
    lead = len(label) - len(label.lstrip())
    if not stripped:
        raise TargetParseError(text, _SHAPE, code="bad_schedule")
    try:
        return Period.parse(stripped)
    except KpiScorecardError:
        written = as_typed(text, start + lead, start + lead + len(stripped))
        raise TargetParseError(
            text, f"{written!r} is not a period label; {_SHAPE}", code="bad_schedule"
        ) from None


def _entry(text: str, clean: str, chunk: str, start: int, period: Period) -> Target:
    """Read one entry's target, ``chunk`` of ``clean`` at ``start``."""
    body = chunk.strip()
    if not body:
        raise TargetParseError(text, f"no target is given for {period}", code="schedule_entry")
    offset = start + len(chunk) - len(chunk.lstrip())
    if PLACEHOLDER.fullmatch(body):
        return NoTarget(text=body)
    if _NOT_APPLICABLE.fullmatch(body):
        return NotApplicable()
    target = _qualified(text, clean[offset : offset + len(body)], offset)
    if target.period is not None:
        raise TargetParseError(
            text, f"the target for {period} names a period of its own", code="schedule_entry"
        )
    return target


def _split_chunk(
    text: str, clean: str, chunk: str, start: int, period: Period
) -> tuple[Target, str, int]:
    """Split the text between two colons into a target and the next period label."""
    cuts: list[tuple[int, int]] = []  # (end of the target, start of the label) in chunk
    for separator in (";", ","):
        at = chunk.rfind(separator)
        if at >= 0:
            cuts.append((at, at + 1))
    words = chunk.rstrip()
    space = len(words)
    for _ in range(4):
        space = words.rfind(" ", 0, space)
        if space <= 0:
            break
        cuts.append((space, space + 1))
    first_error: TargetParseError | None = None
    for end, label_at in cuts:
        label = chunk[label_at:]
        try:
            Period.parse(label.strip())
        except KpiScorecardError:
            continue
        try:
            target = _entry(text, clean, chunk[:end], start, period)
        except TargetParseError as exc:
            first_error = first_error or exc
            continue
        return target, label, start + label_at
    if first_error is not None:
        raise first_error
    raise TargetParseError(text, _SHAPE, code="bad_schedule")


def _bracketed_schedule(text: str, clean: str) -> Target | None:
    """Read ``90% (2022-23) 92% (2023-24)``: entries that each end in their period."""
    if clean.count("(") < 2:
        return None
    pieces: list[tuple[str, int]] = []
    at = 0
    while at < len(clean):
        found = _BRACKETED_ENTRY.compiled.match(clean, at)
        if found is None:
            return None
        pieces.append((found["entry"], found.start("entry")))
        at = found.end()
    if len(pieces) < 2:
        return None
    entries: list[tuple[Period, Target]] = []
    for piece, offset in pieces:
        target = _qualified(text, piece.rstrip(), offset)
        if target.period is None:
            return None
        entries.append((target.period, target.model_copy(update={"period": None})))
    return _schedule(text, entries)


def _schedule(text: str, entries: list[tuple[Period, Target]]) -> ScheduledTarget:
    found = tuple(entries)
    problem = schedule_problem(found)
    if problem is not None:
        raise TargetParseError(text, problem[1], code=problem[0])
    units = {target.unit for _, target in found if target.unit is not None}
    if len(units) > 1:
        raise TargetParseError(
            text, "the targets of a schedule are in different units", code="mixed_units"
        )
    return ScheduledTarget(entries=found)
