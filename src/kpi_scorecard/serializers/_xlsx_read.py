"""A workbook's sheet as rows of the text its cells show, for the table reader.

openpyxl reads the cells in its read-only mode (values and number formats, streamed); the
few things that mode does not give (merged cells, hidden rows and columns, formulas left
without a cached value) are read from the sheet's XML here, by linear scans.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Literal
from xml.etree import ElementTree

from kpi_scorecard._errors import TableError
from kpi_scorecard.serializers._xlsx_formats import UnsupportedFormatError, shown

__all__ = ["Grid", "Hidden", "SheetXml", "choose_sheet", "open_book"]

Hidden = Literal["error", "read", "skip"]

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_COORDINATE = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_MERGE = re.compile(
    rb"<(?:\w+:)?mergeCell\s[^>]*?ref=\"([A-Z]{1,3}[0-9]{1,7}:[A-Z]{1,3}[0-9]{1,7})\""
)
_HIDDEN = re.compile(rb"\shidden=\"(?:1|true)\"")
_ATTRIBUTE = re.compile(rb"\s(r|min|max)=\"([0-9]{1,7})\"")
_TAG = re.compile(rb"<(?:\w+:)?(row|col)\s")


def open_book(openpyxl: ModuleType, data: bytes) -> Any:
    """The workbook, read-only with cached values; anything unreadable is ``bad_workbook``."""
    if not isinstance(data, bytes | bytearray | memoryview):
        msg = f"loads reads a workbook's bytes, not {type(data).__name__}"
        raise TypeError(msg)
    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises whatever its zip and XML readers raise
        raise TableError(
            bytes(data[:20]).decode("latin-1"),
            f"not an Excel workbook ({type(exc).__name__}: {exc})",
            code="bad_workbook",
        ) from None


def choose_sheet(book: Any, sheet: str | int | None) -> int:
    """The index of the sheet named or numbered (the first by default), or ``no_sheet``."""
    names = book.sheetnames
    if sheet is None and names:
        return 0
    if isinstance(sheet, int) and not isinstance(sheet, bool) and 0 <= sheet < len(names):
        return sheet
    if isinstance(sheet, str) and sheet in names:
        return int(names.index(sheet))
    raise TableError(
        str(sheet),
        f"the workbook has no such sheet (it has {', '.join(map(repr, names))})",
        code="no_sheet",
    )


def column_index(letters: str) -> int:
    """The 1-based index of a column's letters: ``A`` is 1, ``AA`` is 27."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index


def column_letters(index: int) -> str:
    """The letters of a 1-based column index."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass
class SheetXml:
    """What the sheet's XML says that read-only openpyxl does not."""

    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # rows, columns
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    pending: dict[str, str] = field(default_factory=dict)  # formulas without cached values

    @classmethod
    def read(cls, data: bytes, index: int) -> SheetXml:
        """Scan the XML of the workbook's sheet ``index``."""
        found = cls()
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                path = _sheet_path(archive, index)
                xml = archive.read(path) if path else b""
        except (KeyError, zipfile.BadZipFile, ElementTree.ParseError):  # pragma: no cover
            return found  # openpyxl opened the workbook, so its parts are readable
        for match in _MERGE.finditer(xml):
            first, _, last = match[1].decode().partition(":")
            (c1, r1), (c2, r2) = _cell(first), _cell(last)
            found.merged.append((r1, r2, c1, c2))
        for match in _HIDDEN.finditer(xml):
            start = xml.rfind(b"<", 0, match.start())
            tag = _TAG.match(xml, start)
            if tag is None:
                continue
            end = xml.find(b">", match.end())
            values: dict[bytes, bytes] = dict(
                _ATTRIBUTE.findall(xml, start, end if end >= 0 else len(xml))
            )
            if tag[1] == b"row" and b"r" in values:
                found.hidden_rows.add(int(values[b"r"]))
            elif tag[1] == b"col" and b"min" in values:
                low, high = int(values[b"min"]), int(values.get(b"max", values[b"min"]))
                found.hidden_columns.update(range(low, min(high, 16384) + 1))
        if b"<f" in xml or b":f" in xml:
            found.pending = _formulas_without_values(xml)
        return found


def _cell(coordinate: str) -> tuple[int, int]:
    found = _COORDINATE.fullmatch(coordinate)
    if found is None:  # pragma: no cover - the pattern above admits coordinates only
        return 0, 0
    return column_index(found[1]), int(found[2])


def _sheet_path(archive: zipfile.ZipFile, index: int) -> str | None:
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))  # noqa: S314 - opened by openpyxl first
    sheets = workbook.findall(f"{_MAIN}sheets/{_MAIN}sheet")
    rel = sheets[index].get(_OFFICE_REL)
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
    for relation in rels.findall(f"{_RELS}Relationship"):
        if relation.get("Id") == rel:
            target = relation.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None  # pragma: no cover - openpyxl refuses a workbook whose sheet is not there


def _formulas_without_values(xml: bytes) -> dict[str, str]:
    """The cells holding a formula with no cached value, and their formulas."""
    pending: dict[str, str] = {}
    for _, element in ElementTree.iterparse(io.BytesIO(xml)):  # noqa: S314 - opened by openpyxl first
        if element.tag == f"{_MAIN}c":
            formula = element.find(f"{_MAIN}f")
            value = element.find(f"{_MAIN}v")
            if formula is not None and (value is None or not (value.text or "")):
                pending[element.get("r", "")] = "=" + (formula.text or "")
            element.clear()
    return pending


class Grid:
    """A sheet's cells as the text they show, merged cells spread, hidden ones found.

    ``rows`` is what the table reader reads (a rejected row is left empty, so line numbers
    hold); ``row_errors`` are the rows rejected here, ``column_errors`` the hidden columns
    reported (and left unread).
    """

    def __init__(self, worksheet: Any, xml: SheetXml, *, hidden: Hidden) -> None:
        self.row_errors: dict[int, TableError] = {}
        self.column_errors: list[TableError] = []
        rows = self._cells(worksheet)
        self._spread(rows, xml.merged)
        for coordinate, formula in xml.pending.items():
            _, line = _cell(coordinate)
            self.row_errors.setdefault(
                line,
                TableError(
                    formula,
                    "a formula without a cached value (the workbook was never calculated)",
                    code="formula_without_value",
                    line=line,
                    column=coordinate,
                ),
            )
        drop: set[int] = set()
        if hidden != "read":
            drop = self._hidden(rows, xml, hidden)
        for line in self.row_errors:
            if line <= len(rows):
                rows[line - 1] = []
        if drop:
            rows = [[text for at, text in enumerate(row) if at not in drop] for row in rows]
        self.rows: list[list[str | None]] = rows

    def _cells(self, worksheet: Any) -> list[list[str | None]]:
        rows: list[list[str | None]] = []
        for cells in worksheet.iter_rows():
            line = len(rows) + 1
            number = next((c.row for c in cells if getattr(c, "row", None)), line)
            while len(rows) + 1 < number:  # rows the XML leaves out are empty
                rows.append([])
            line = number
            row: list[str | None] = []
            for at, cell in enumerate(cells):
                value = cell.value
                try:
                    row.append(None if value is None else shown(value, cell.number_format))
                except UnsupportedFormatError as exc:
                    row.append(None)
                    self.row_errors.setdefault(
                        line,
                        TableError(
                            repr(value),
                            str(exc),
                            code="unsupported_format",
                            line=line,
                            column=f"{column_letters(at + 1)}{line}",
                        ),
                    )
            rows.append(row)
        return rows

    @staticmethod
    def _spread(rows: list[list[str | None]], merged: list[tuple[int, int, int, int]]) -> None:
        for r1, r2, c1, c2 in merged:
            if r1 > len(rows) or c1 > len(rows[r1 - 1]):
                continue
            top = rows[r1 - 1][c1 - 1]
            if r1 == r2 and not any(t for at, t in enumerate(rows[r1 - 1]) if at != c1 - 1):
                continue  # one cell across the row: a title, section or footnote line
            for r in range(r1, min(r2, len(rows)) + 1):
                row = rows[r - 1]
                if len(row) < c2:
                    row.extend([None] * (c2 - len(row)))
                for c in range(c1, c2 + 1):
                    row[c - 1] = top

    def _hidden(self, rows: list[list[str | None]], xml: SheetXml, hidden: Hidden) -> set[int]:
        """Report (or, with ``skip``, leave out) hidden rows and columns that hold anything."""
        hidden_rows = sorted(r for r in xml.hidden_rows if r <= len(rows) and any(rows[r - 1]))
        hidden_columns = sorted(
            c for c in xml.hidden_columns if any(len(row) >= c and row[c - 1] for row in rows)
        )
        if hidden == "skip":
            for index in hidden_rows:
                rows[index - 1] = []
            return {index - 1 for index in hidden_columns}
        advice = "pass hidden='read' to read it or hidden='skip' to leave it out"
        for index in hidden_rows:
            self.row_errors.setdefault(
                index,
                TableError(
                    " ".join(text for text in rows[index - 1] if text),
                    f"the row is hidden; {advice}",
                    code="hidden_cells",
                    line=index,
                ),
            )
        for index in hidden_columns:
            line = next(n for n, row in enumerate(rows, 1) if len(row) >= index and row[index - 1])
            self.column_errors.append(
                TableError(
                    rows[line - 1][index - 1] or "",
                    f"the column is hidden; {advice}",
                    code="hidden_cells",
                    line=line,
                    column=column_letters(index),
                )
            )
        return {index - 1 for index in hidden_columns}
