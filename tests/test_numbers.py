import decimal
from decimal import Decimal

import pytest

from kpi_scorecard import (
    Measure,
    Observation,
    Scorecard,
    TargetParseError,
    TargetSetting,
    ValueParseError,
    evaluate,
)
from kpi_scorecard._numbers import CONTEXT, figure_problem, read_figure
from kpi_scorecard.serializers import json

N = Decimal
BIG = "1" * 17 + ".125"  # twenty digits in all, inside the limits
HOSTILE = decimal.Context(
    prec=3, traps=[decimal.Inexact, decimal.Rounded, decimal.InvalidOperation, decimal.Overflow]
)


def _card() -> Scorecard:
    """A scorecard whose figures are large, uneven and profiled: every kind of arithmetic."""
    return Scorecard(
        measures=[
            Measure(reference="A1", unit="%", polarity="lower_is_better"),
            Measure(reference="B2", unit="count", polarity="higher_is_better", aggregation="sum"),
            Measure(reference="C3", unit="count", polarity="higher_is_better", aggregation="ratio"),
        ],
        targets=[
            TargetSetting(measure_ref="A1", period="2019/20", target="<18.333%"),
            TargetSetting(measure_ref="B2", period="2019/20", target=f"{BIG}", profile="1:1:2:3"),
            TargetSetting(measure_ref="C3", period="2019/20", target="33.3"),
        ],
        observations=[
            Observation(measure_ref="A1", period="Q4 2018/19", value=N("19.123")),
            Observation(measure_ref="A1", period="Q1 2019/20", value=N("17.777")),
            Observation(measure_ref="B2", period="Q1 2019/20", value=N(BIG)),
            Observation(measure_ref="B2", period="Q2 2019/20", value=N("7.7")),
            Observation(
                measure_ref="C3", period="Q1 2019/20", value=N("33.33"),
                numerator=N(1), denominator=N(3),
            ),
            Observation(
                measure_ref="C3", period="Q2 2019/20", value=N("28.57"),
                numerator=N(2), denominator=N(7),
            ),
        ],
    )  # fmt: skip


def _everything(report) -> list[object]:
    """Every figure and sentence a report offers, and its JSON text."""
    found: list[object] = [json.dumps(report)]
    for assessment in report:
        found += [
            assessment.status, assessment.explanation, assessment.direction_explanation,
            assessment.notes, assessment.ytd, assessment.forecast, assessment.margin,
            assessment.relative_margin,
        ]  # fmt: skip
    return found


def test_results_do_not_depend_on_the_caller_context():
    """Under a three-digit context that traps rounding, the report is the same, sentences too."""
    card = _card()
    expected = _everything(evaluate(card, "Q2 2019/20"))
    with decimal.localcontext(HOSTILE):
        report = evaluate(card, "Q2 2019/20")
    with decimal.localcontext(HOSTILE):
        assert _everything(report) == expected  # the sentences are written here, lazily
    with decimal.localcontext(HOSTILE):
        assert _everything(evaluate(card, "Q2 2019/20")) == expected


def test_sums_inside_the_limits_are_exact():
    """The year to date of a twenty-digit figure and a small one keeps every digit."""
    report = evaluate(_card(), "Q2 2019/20")
    assert report["B2"].ytd == N(BIG) + N("7.7")
    assert str(report["B2"].ytd) == "11111111111111118.825"


def test_the_library_context_is_the_documented_one():
    """The library's context keeps 28 digits and traps every loss of a result."""
    assert CONTEXT.prec == 28
    assert CONTEXT.traps[decimal.InvalidOperation]
    assert CONTEXT.traps[decimal.Overflow]
    assert not CONTEXT.traps[decimal.Inexact]


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (N("1" * 20), None),  # twenty digits before the point
        (N("0." + "1" * 34), None),  # thirty-four after it
        (N("-" + "9" * 20 + "." + "9" * 34), None),  # both, and negative
        (N("1" * 21), "a figure has at most 20 digits before the decimal point and 34 after it"),
        (N("1E-35"), "a figure has at most 20 digits before the decimal point and 34 after it"),
        (N("9E+999999"),
         "a figure has at most 20 digits before the decimal point and 34 after it"),  # huge
        (N("sNaN"), "a figure is a finite number, not sNaN"),  # not a number
        (N("-Infinity"), "a figure is a finite number, not -Infinity"),  # infinite
        (N("0E+999999"), None),  # zero, whatever its exponent
    ],
)  # fmt: skip
def test_figure_limits(value, problem):
    """figure_problem states the limit a figure breaks, or None inside the limits."""
    assert figure_problem(value) == problem


@pytest.mark.parametrize("error", [ValueParseError, TargetParseError])
def test_read_figure_raises_the_parser_own_error(error):
    """read_figure raises the calling parser's error class, quoting the whole text."""
    with pytest.raises(error) as caught:
        read_figure("1" * 21, text=f"<{'1' * 21}%", error=error)
    assert type(caught.value) is error
    assert caught.value.code == "figure_out_of_range"
    assert caught.value.text == f"<{'1' * 21}%"
