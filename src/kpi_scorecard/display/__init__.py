"""The display: scorecards, reports, assessments and roll-ups as HTML, Markdown and terminal tables.

This room sits above the models and the evaluation: it reads them, and nothing below
imports it. ``Scorecard``, ``Report`` and ``Assessment`` answer ``to_html()``,
``to_markdown()``, Jupyter's ``_repr_html_`` and ``_repr_markdown_``, and rich's
``__rich__`` by calling the functions here (the package's ``__init__`` wires them in; see
``docs/design.md``). No IPython import is needed, and ``rich`` is imported only for
``to_rich``.

>>> from kpi_scorecard import Measure, Observation, Scorecard, TargetSetting, evaluate
>>> card = Scorecard(
...     measures=[Measure(reference="R1", title="Referrals", polarity="lower_is_better")],
...     targets=[TargetSetting(measure_ref="R1", period="2019/20", target="<1500")],
...     observations=[Observation(measure_ref="R1", period="Q1 2019/20", value=1462)],
... )
>>> report = evaluate(card, "Q1 2019/20")
>>> html = to_html(report)
>>> "1,462" in html and '<span class="kpi-chip kpi-green">✔ Green</span>' in html
True
>>> report.to_html() == html == report._repr_html_()
True
>>> print(to_markdown(report).splitlines()[-1])
| R1 | 1,462 | &lt;1500 | ✔ Green | · Not comparable | 1462 is below the 1500 ceiling by 38: green |
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from kpi_scorecard._scorecard import Scorecard
from kpi_scorecard._views import MAX_ROWS
from kpi_scorecard.evaluation import Assessment, Report, RollUp

from . import _html, _markdown, _rich, _rollup

__all__ = ["MAX_ROWS", "to_html", "to_markdown", "to_rich"]


def _unknown(shown: object) -> TypeError:
    name = type(shown).__name__
    return TypeError(f"the display shows a Scorecard, Report, Assessment or RollUp, not {name}")


#: Each kind of object shown, and how: HTML, Markdown, rich (each given the row limit).
_FORMS: tuple[tuple[type, Callable[..., str], Callable[..., str], Callable[..., Any]], ...] = (
    (Report, _html.report_html, _markdown.report_markdown, _rich.report_rich),
    (Scorecard, _html.scorecard_html, _markdown.scorecard_markdown, _rich.scorecard_rich),
    (Assessment, _html.assessment_html, _markdown.assessment_markdown, _rich.assessment_rich),
    (RollUp, _rollup.rollup_html, _rollup.rollup_markdown, _rich.rollup_rich),
)
#: The objects whose forms take a row limit (tables that can be long).
_TABLES = (Report, Scorecard)


def _show(shown: object, form: int, max_rows: int) -> Any:
    for kind, *forms in _FORMS:
        if isinstance(shown, kind):
            draw = forms[form]
            return draw(shown, max_rows=max_rows) if kind in _TABLES else draw(shown)
    raise _unknown(shown)


def to_html(shown: object, /, *, max_rows: int = MAX_ROWS) -> str:
    """The object as self-contained HTML: inline CSS and SVG, no script, text escaped.

    Tables show their first ``max_rows`` rows and say how many more there are.
    """
    return cast("str", _show(shown, 0, max_rows))


def to_markdown(shown: object, /, *, max_rows: int = MAX_ROWS) -> str:
    """The object as Markdown, every cell escaped so text cannot make a link or a cell."""
    return cast("str", _show(shown, 1, max_rows))


def to_rich(shown: object, /, *, max_rows: int = MAX_ROWS) -> Any:
    """The object as a renderable of the ``rich`` package (which must be installed)."""
    return _show(shown, 2, max_rows)
