"""The terminal form (``__rich__``): drawn by rich where installed, never imported otherwise."""

import builtins
import sys
from decimal import Decimal

import pytest

from kpi_scorecard import MissingExtraError, evaluate
from kpi_scorecard.display import to_rich
from kpi_scorecard.serializers import table
from optional import require

from .test_html_and_markdown import _card

rich_console = require("rich.console")

ROWS = (
    "Ref\tMeasure\tQ4 2018/19\tQ1 2019/20\tTarget 2019/20\nR1\t[bold]Referrals\t1400\t1462\t<1500\n"
)


def _printed(shown) -> str:
    console = rich_console.Console(record=True, width=160, color_system="truecolor")
    console.print(shown)
    return console.export_text(styles=False)


def test_a_report_prints_as_a_table_with_figures_as_written():
    """Rich prints the report's table: grouped figures, chips with symbol and word."""
    report = evaluate(
        table.loads(ROWS, measures={"R1": {"polarity": "lower_is_better"}}), "Q1 2019/20"
    )
    text = _printed(report)
    row = next(line for line in text.splitlines() if "R1" in line)
    assert "1,462" in row
    assert "<1500" in row
    assert "✔ Green" in row
    assert "[bold]Referrals" in row  # text is shown as typed, not read as rich markup


def test_a_scorecard_and_an_assessment_print_too():
    """The scorecard prints a column per period; an assessment its chip and reason."""
    card = table.loads(ROWS)
    assert "Q4 2018/19" in _printed(card)
    assert "1,400" in _printed(card)
    assessment = evaluate(_card(1), "Q1 2019/20")["M000"]
    text = _printed(assessment)
    assert "✔ Green" in text
    assert "17% is below the 18% ceiling by 1 point: green" in text


def test_the_chip_is_coloured_like_the_html_one():
    """The green chip is white on the HTML chip's green."""
    chip = to_rich(evaluate(_card(1), "Q1 2019/20")["M000"]).spans
    assert any("on #1b7f3b" in str(span.style) for span in chip)


@pytest.fixture
def without_rich(monkeypatch):
    """An interpreter where ``import rich`` fails, as where the package is not installed."""
    for name in [name for name in sys.modules if name.split(".")[0] == "rich"]:
        monkeypatch.delitem(sys.modules, name)
    real = builtins.__import__

    def refuse(name, *args, **kwargs):
        if name.split(".")[0] == "rich":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refuse)


@pytest.mark.usefixtures("without_rich")
def test_without_rich_the_other_forms_work_and_rich_is_not_imported():
    """HTML and Markdown need no rich, and showing an object never imports it."""
    report = evaluate(_card(2), "Q1 2019/20")
    assert "✔ Green" in report.to_html()
    assert "✔ Green" in report.to_markdown()
    assert "✔ Green" in report["M000"].to_html()
    assert not [name for name in sys.modules if name.split(".")[0] == "rich"]


@pytest.mark.usefixtures("without_rich")
def test_without_rich_asking_for_the_terminal_form_names_the_extra():
    """Calling ``__rich__`` by hand without rich raises the missing-extra error."""
    with pytest.raises(MissingExtraError) as caught:
        evaluate(_card(1), "Q1 2019/20").__rich__()
    assert (caught.value.code, caught.value.package, caught.value.extra) == (
        "missing_extra",
        "rich",
        "rich",
    )
    assert "pip install 'kpi_scorecard[rich]'" in str(caught.value)


def test_to_rich_refuses_what_it_cannot_show():
    """Anything but a scorecard, report or assessment is a TypeError naming its type."""
    with pytest.raises(TypeError, match="not Decimal"):
        to_rich(Decimal(1))
