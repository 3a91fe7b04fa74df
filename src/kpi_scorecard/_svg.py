"""Drawing primitives for the library's SVG: elements with escaped text, and linear scales.

The statistical process control charts (:mod:`kpi_scorecard.spc`) and the trend charts
(:mod:`kpi_scorecard.charts`) both draw with these, so that every attribute value and every
piece of text goes through one escaping function, and a drawing is self-contained: no
script, no stylesheet, no dependency.

>>> element("text", {"x": 4, "class": "label"}, text="Waits <4 hours")
'<text x="4" class="label">Waits &lt;4 hours</text>'
>>> scale = linear(0, 10, 100, 0)
>>> scale(2.5)
75.0
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from xml.sax.saxutils import escape, quoteattr

__all__ = ["document", "element", "extent", "linear", "number", "text_width"]

Attributes = Mapping[str, str | float | None]
"""An element's attributes in order; a None value leaves the attribute out."""

#: The width of an average character of the sans-serif text the charts use, in ems.
_CHARACTER_WIDTH = 0.58


def number(value: float) -> str:
    """A coordinate as SVG writes it, to a tenth of a pixel.

    >>> number(12), number(1 / 3)
    ('12.0', '0.3')
    """
    return f"{value:.1f}"


def _attribute(value: str | float) -> str:
    if isinstance(value, float):
        value = number(value)
    return quoteattr(str(value))


def element(
    tag: str,
    attributes: Attributes,
    *,
    title: str | None = None,
    text: str | None = None,
    children: Iterable[str] = (),
) -> str:
    """One element, its attribute values quoted and its title and text escaped.

    Floats are written as coordinates (:func:`number`); an element with nothing inside is
    closed on itself.

    >>> element("circle", {"cx": 1.25, "r": 4, "fill": None}, title="Q1: 17% & rising")
    '<circle cx="1.2" r="4"><title>Q1: 17% &amp; rising</title></circle>'
    >>> element("rect", {"width": 3})
    '<rect width="3"/>'
    """
    written = "".join(
        f" {name}={_attribute(value)}" for name, value in attributes.items() if value is not None
    )
    inner = "" if title is None else f"<title>{escape(title)}</title>"
    inner += "" if text is None else escape(text)
    inner += "".join(children)
    if not inner:
        return f"<{tag}{written}/>"
    return f"<{tag}{written}>{inner}</{tag}>"


def document(width: int, height: int, label: str, description: str, body: Iterable[str]) -> str:
    """A whole drawing: the root element with its accessible name, a white ground, the body.

    >>> drawing = document(40, 20, "A & B", "", [])
    >>> drawing.splitlines()[:2]
    ['<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20" role="img" aria-label="A &amp; B">', '<title>A &amp; B</title>']
    """  # noqa: E501 - the root element is one line
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label={quoteattr(label)}>',
        f"<title>{escape(label)}</title>",
    ]
    if description:
        parts.append(f"<desc>{escape(description)}</desc>")
    parts.append(f'<rect width="{width}" height="{height}" fill="#ffffff"/>')
    parts.extend(body)
    parts.append("</svg>")
    return "\n".join(parts)


def linear(low: float, high: float, start: float, end: float) -> Callable[[float], float]:
    """The linear map from ``low``..``high`` onto pixels ``start``..``end``.

    A flat domain maps to the middle of the range.

    >>> linear(0, 4, 0, 100)(1), linear(3, 3, 0, 100)(3)
    (25.0, 50.0)
    """
    if high == low:
        middle = (start + end) / 2
        return lambda _value: middle
    factor = (end - start) / (high - low)
    return lambda value: start + (value - low) * factor


def extent(
    values: Iterable[float], *, fallback: tuple[float, float] = (0.0, 1.0)
) -> tuple[float, float]:
    """The lowest and highest of ``values``, one unit either side when they are all equal.

    >>> extent([3, 1, 2]), extent([5]), extent([])
    ((1, 3), (4, 6), (0.0, 1.0))
    """
    found = list(values)
    if not found:
        return fallback
    low, high = min(found), max(found)
    if high == low:
        return low - 1, high + 1
    return low, high


def text_width(text: str, size: float) -> float:
    """About how wide ``text`` is at ``size`` pixels: for keeping labels apart.

    >>> round(text_width("Q1 2019/20", 10))
    58
    """
    return len(text) * size * _CHARACTER_WIDTH
