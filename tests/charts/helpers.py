"""Reading the charts back: the SVG parsed, and its points, labels and lines by class."""

import re
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def parsed(text):
    """The drawing as an element tree (it must be well-formed XML)."""
    return ET.fromstring(text)  # noqa: S314 - the library's own output


def by_class(root, name):
    """Every element whose class list holds ``name``, in document order."""
    return [e for e in root.iter() if name in (e.get("class") or "").split()]


def title_of(element):
    """The text of an element's own <title>."""
    found = element.find(f"{SVG}title")
    return None if found is None else found.text


def texts(root, name):
    """The text of every <text> of class ``name``."""
    return [e.text for e in by_class(root, name) if e.tag == f"{SVG}text"]


def statuses(root):
    """Each point's status, from its class (``point green``)."""
    return [e.get("class").split()[1] for e in by_class(root, "point")]


def centre(point):
    """Where a point is drawn: its group's translation."""
    x, y = re.fullmatch(r"translate\(([-0-9.]+),([-0-9.]+)\)", point.get("transform")).groups()
    return float(x), float(y)
