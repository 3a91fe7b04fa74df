"""How scorecards, reports and assessments show themselves, without knowing the display.

The display (``kpi_scorecard.display``) sits above the models and the evaluation: it reads
them, they never import it. The models still answer ``to_html()``, ``to_markdown()``,
Jupyter's ``_repr_html_`` and ``_repr_markdown_``, and rich's ``__rich__``, through the
mixin ``_Shown`` here, which calls the views installed by the package's ``__init__`` (the
one module above every room, which wires the display in). The display is imported the
first time something is shown, never at ``import kpi_scorecard``.

::

    kpi_scorecard/__init__.py   install(loader) ─────────────────┐ wires in
    display/                    to_html, to_markdown, to_rich  ◄──┘
       │ reads
       ▼
    evaluation/                 Report, Assessment ──┐ inherit _Shown
    _scorecard.py               Scorecard ───────────┤
    _views.py                   _Shown, _Views  ◄────┘
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

__all__ = ["MAX_ROWS", "install"]

#: Rows a table shows before the rest are summarised in a note.
MAX_ROWS = 60


class _Views(Protocol):
    """What the display provides: a module with these three functions."""

    def to_html(self, shown: object, /, *, max_rows: int = MAX_ROWS) -> str:
        """The object as self-contained HTML."""

    def to_markdown(self, shown: object, /, *, max_rows: int = MAX_ROWS) -> str:
        """The object as Markdown."""

    def to_rich(self, shown: object, /) -> object:
        """The object as a renderable of the ``rich`` package."""


_loader: list[Callable[[], _Views]] = []


def install(loader: Callable[[], _Views]) -> None:
    """Say where the views come from: ``loader`` returns them when first needed."""
    _loader[:] = [loader]


def _views() -> _Views:
    return _loader[0]()


class _Shown:
    """Methods that show an object: HTML, Markdown, and Jupyter's and rich's hooks."""

    __slots__ = ()

    def to_html(self, *, max_rows: int = MAX_ROWS) -> str:
        """Self-contained HTML (inline CSS and SVG, no script), as a notebook shows it.

        Styles are scoped to the library's own classes, so they win over the host's, and
        colours follow the host's theme (JupyterLab, VS Code) where it sets them.
        """
        return _views().to_html(self, max_rows=max_rows)

    def to_markdown(self, *, max_rows: int = MAX_ROWS) -> str:
        """A Markdown table, every cell escaped, for documents and Markdown viewers."""
        return _views().to_markdown(self, max_rows=max_rows)

    def _repr_html_(self) -> str:
        """Jupyter's HTML form: :meth:`to_html`."""
        return self.to_html()

    def _repr_markdown_(self) -> str:
        """Jupyter's Markdown form: :meth:`to_markdown`."""
        return self.to_markdown()

    def __rich__(self) -> object:
        """The form ``rich`` prints in a terminal; needs the ``rich`` package."""
        return _views().to_rich(self)
