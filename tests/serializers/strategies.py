"""Hypothesis strategies and examples for the JSON and CSV serializer tests.

Text fields hold what breaks naive writers: quotes, commas, line breaks, tabs, emoji, and
the leading ``=``, ``+``, ``-``, ``@`` that spreadsheets run as formulas. Calendars
include ones starting in other months and ones with school terms, so labels must be
written and read in the document's calendar.
"""

import csv
import datetime as dt
import warnings
from decimal import Decimal
from pathlib import Path

from hypothesis import strategies as st

from kpi_scorecard import (
    Aggregation,
    Calendar,
    CellValue,
    ChangeInterval,
    ChangeTarget,
    Comparator,
    Comparison,
    CumulativeTarget,
    Measure,
    NotApplicable,
    NoTarget,
    Observation,
    ObservationStatus,
    Period,
    Polarity,
    RagPolicy,
    RangeTarget,
    Report,
    Scorecard,
    Target,
    TargetSetting,
    ThresholdTarget,
    Tolerance,
    evaluate,
)
from strategies import (
    NAMED_CALENDARS,
    bands,
    calendars_with_terms,
    decimal_pairs,
    decimals,
    periods_in,
    positive_decimals,
    profiles,
    references,
)

EXAMPLE = (
    Path(__file__).resolve().parents[2] / "examples" / "data" / "children_and_families_2019_20.tsv"
)

#: Text that spreadsheets and naive CSV writers get wrong.
AWKWARD = (
    "=SUM(A1:A9)",
    "+44 1625 378",
    "-5 below target",
    "@cmd",
    '=HYPERLINK("http://example.com","x")',
    'He said "on track", didn\'t he?',
    "one, two, three",
    "line one\nline two",
    "windows\r\nline",
    "\tindented",
    "\rcarriage",
    "emoji 😊 ☹️ 🚸",
    "'already quoted",
    "",
)

# Measure text may hold line breaks and tabs, but no other control characters.
_MEASURE_ALPHABET = st.characters(
    codec="utf-8", categories=["L", "N", "P", "S", "Zs"], include_characters="\n\t"
)
measure_text = st.one_of(
    st.sampled_from([text for text in AWKWARD if "\r" not in text]),
    st.text(alphabet=_MEASURE_ALPHABET, max_size=24),
    st.tuples(st.sampled_from("=+-@"), st.text(alphabet=_MEASURE_ALPHABET, max_size=10)).map(
        "".join
    ),
)
#: Commentary may hold anything, control characters included.
commentary = st.one_of(
    st.sampled_from(AWKWARD),
    st.text(max_size=40),
    st.tuples(st.sampled_from(["=", "+", "-", "@", "\t", "\r"]), st.text(max_size=20)).map("".join),
)
awkward_references = st.one_of(
    references,
    st.sampled_from(["=A1", "+B2", "-C3", "@D4", 'E"5', "F,6", "Ed&S001", "P&EH006"]),
)
measure_units = st.sampled_from(["count", "percent", "day", "week", "hour", "GBP"])

calendars = st.one_of(st.sampled_from(NAMED_CALENDARS), calendars_with_terms)


def _units_for(unit):
    """Units a target may be written in for a measure in ``unit``."""
    if unit in ("day", "week", "hour"):
        return [None, unit, "day", "week"]
    return [None, unit]


def targets_for(unit):
    """Targets a measure in ``unit`` accepts."""
    units = st.sampled_from(_units_for(unit))
    return st.one_of(
        st.builds(
            ThresholdTarget,
            value=decimals,
            comparator=st.one_of(st.none(), st.sampled_from(Comparator)),
            unit=units,
        ),
        st.builds(
            lambda pair, u: RangeTarget(low=pair[0], high=pair[1], unit=u), decimal_pairs(), units
        ),
        st.builds(CumulativeTarget, value=decimals, unit=units),
        st.builds(
            ChangeTarget, amount=positive_decimals, per=st.sampled_from(ChangeInterval), unit=units
        ),
        st.just(NoTarget()),
        st.just(NotApplicable()),
    )


@st.composite
def periods_of(draw, calendar: Calendar) -> Period:
    """A period of any kind placed in ``calendar``, a term when it lists terms."""
    if calendar.terms and draw(st.booleans()):
        term = draw(st.sampled_from(calendar.terms))
        return Period.term(term.name, term.start.year, calendar=calendar)
    return draw(periods_in(calendar))


@st.composite
def measures(draw) -> Measure:
    """A measure with awkward descriptive text."""
    return Measure(
        reference=draw(awkward_references),
        title=draw(measure_text),
        department=draw(measure_text),
        corporate_outcome=draw(measure_text),
        portfolio=draw(measure_text),
        responsible_officer=draw(measure_text),
        data_owner=draw(measure_text),
        frequency=draw(measure_text),
        benchmark=draw(measure_text),
        unit=draw(measure_units),
        polarity=draw(st.sampled_from(Polarity)),
        aggregation=draw(st.sampled_from(Aggregation)),
        notes=draw(measure_text),
    )


@st.composite
def observations_for(draw, reference: str, period: Period) -> Observation:
    """An observation with or without a figure, with awkward commentary."""
    ratio = draw(st.booleans())
    common = {
        "measure_ref": reference,
        "period": period,
        "numerator": draw(positive_decimals) if ratio else None,
        "denominator": draw(positive_decimals) if ratio else None,
        # An empty published status is read back from CSV as none: see the format notes.
        "published_status": draw(
            st.one_of(st.none(), st.sampled_from(["😊", "☹️", "Green", "=RED", "-"]))
        ),
        "published_trend": draw(st.one_of(st.none(), st.sampled_from(["Worse", "=↑", "+"]))),
        "commentary": draw(commentary),
    }
    if draw(st.booleans()):
        figure_statuses = [status for status in ObservationStatus if not status.missing]
        return Observation(
            value=draw(st.one_of(decimals, bands)),
            cumulative=draw(st.one_of(st.none(), decimals)),
            status=draw(st.sampled_from(figure_statuses)),
            **common,
        )
    missing = [status for status in ObservationStatus if status.missing]
    return Observation(status=draw(st.sampled_from(missing)), **common)


@st.composite
def scorecards(draw, *, max_measures: int = 4) -> Scorecard:
    """A scorecard that hangs together, in any calendar, with awkward text everywhere."""
    calendar = draw(calendars)
    measure_list = draw(
        st.lists(measures(), min_size=0, max_size=max_measures, unique_by=lambda m: m.reference)
    )
    first = draw(st.integers(min_value=2000, max_value=2030))
    target_periods = [
        Period.financial_year(first, calendar=calendar),
        Period.financial_year(first + 1, calendar=calendar),
        Period.financial_quarter(first, 1, calendar=calendar),
        Period.month(first, 5, calendar=calendar),
    ]
    settings, found = [], []
    for measure in measure_list:
        chosen = draw(st.lists(st.sampled_from(target_periods), unique=True, max_size=3))
        settings.extend(
            TargetSetting(
                measure_ref=measure.reference,
                period=period,
                target=draw(targets_for(measure.unit)),
                profile=draw(st.one_of(st.none(), profiles)),
            )
            for period in chosen
        )
        quarters = [
            Period.financial_quarter(year, quarter, calendar=calendar)
            for year in (first, first + 1)
            for quarter in (1, 2, 3, 4)
        ]
        chosen = draw(
            st.lists(st.one_of(st.sampled_from(quarters), periods_of(calendar)), max_size=5)
        )
        found.extend(draw(observations_for(measure.reference, p)) for p in dict.fromkeys(chosen))
    found = draw(st.permutations(found))
    return Scorecard(
        title=draw(measure_text),
        calendar=calendar,
        measures=tuple(measure_list),
        targets=tuple(settings),
        observations=tuple(found),
    )


tolerances = st.one_of(
    st.builds(Tolerance.relative, st.decimals(min_value=0, max_value=1, places=3)),
    st.builds(Tolerance.absolute, st.decimals(min_value=0, max_value=100, places=2)),
)


@st.composite
def policies(draw, references=()) -> RagPolicy:
    """A rating policy, with overrides for some of ``references``."""
    overridden = draw(st.lists(st.sampled_from(references), unique=True)) if references else []
    return RagPolicy(
        tolerance=draw(tolerances),
        yellow_tolerance=draw(st.one_of(st.none(), tolerances)),
        overrides={reference: draw(tolerances) for reference in overridden},
        comparison=draw(st.sampled_from(Comparison)),
        minimum_change=draw(tolerances),
    )


@st.composite
def reports(draw) -> Report:
    """A report from evaluate() on a generated scorecard, with awkward text added."""
    card = draw(scorecards())
    period = (
        draw(st.sampled_from(card.periods)) if card.periods else draw(periods_of(card.calendar))
    )
    policy = draw(policies(tuple(m.reference for m in card.measures)))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        report = evaluate(card, period, policy=policy)
    assessments = tuple(
        with_fields(
            assessment,
            explanation=draw(commentary),
            notes=tuple(draw(st.lists(commentary, max_size=3))),
        )
        if draw(st.booleans())
        else assessment
        for assessment in report.assessments
    )
    return with_fields(report, assessments=assessments, title=draw(measure_text))


def with_fields(model, **updates):
    """A copy of ``model`` with some fields replaced (model_copy would share caches)."""
    values = {name: getattr(model, name) for name in type(model).model_fields}
    return type(model).model_construct(**{**values, **updates})


# --- the example scorecard --------------------------------------------------------------

_QUARTERS = ("Year end 2018/19", "Quarter 4 2018/19", "Quarter 1 2019/20")
_TARGET = "Proposed Quarterly/ Annual Target 2019/20"


def example_scorecard() -> Scorecard:
    """A scorecard built from the published example's rows, as the council wrote them.

    Units come from the targets and figures (a percentage where either has a ``%``);
    polarity from the target (lower is better for a ceiling); the published face and
    commentary go on the Q1 2019/20 observation.
    """
    with EXAMPLE.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle, delimiter="\t"))
    header = next(line for line in lines if line and line[0] == "Ref")
    measure_list, settings, found = [], [], []
    for line in lines:
        if not line or not line[0].strip() or line[0] == "Ref" or len(line) < len(header) - 2:
            continue
        cells = dict(zip(header, line, strict=False))
        reference = cells["Ref"]
        target = Target.parse(cells.get(_TARGET, ""))
        values = {label: CellValue.parse(cells.get(label, "")) for label in _QUARTERS}
        percent = any(value.percent for value in values.values())
        unit = target.unit or ("percent" if percent else "count")
        text = str(target)
        lower = text.startswith("<") or "reduc" in cells.get(_TARGET, "").lower()
        measure_list.append(
            Measure(
                reference=reference,
                title=cells["Measure"],
                department=cells["Lead Department"],
                corporate_outcome=cells["Corporate Outcome"],
                portfolio=cells["Portfolio"],
                responsible_officer=cells["Responsible Officer"],
                data_owner=cells["Data Owner"],
                frequency=cells["Data Frequency"],
                benchmark=cells["Benchmark"],
                unit=unit,
                polarity="lower_is_better" if lower else "higher_is_better",
            )
        )
        settings.append(TargetSetting(measure_ref=reference, period="2019/20", target=target))
        for label, value in values.items():
            extra = {}
            if label == "Quarter 1 2019/20":
                extra = {
                    "published_status": cells.get("RAG and Direction of Travel") or None,
                    "commentary": cells.get("Commentary", ""),
                }
            found.append(Observation.from_cell(reference, Period.parse(label), value, **extra))
    return Scorecard(
        title="Children and Families Scorecard 2019-20",
        measures=tuple(measure_list),
        targets=tuple(settings),
        observations=tuple(found),
    )


def example_report(tolerance: str = "3%") -> Report:
    """The example scorecard rated for Q1 2019/20."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return evaluate(
            example_scorecard(),
            "Q1 2019/20",
            policy=RagPolicy(tolerance=tolerance, overrides={"CSC018": "2 points"}),
        )


#: A day used by tests that need a fixed date.
SOME_DAY = dt.date(2019, 6, 30)
#: A number that a float would not keep exactly.
EXACT = Decimal("0.1000000000000000055511151231257827")
