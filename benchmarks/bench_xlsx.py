"""Benchmark: writing and reading workbooks with ``kpi_scorecard.serializers.xlsx``.

Run from the ``benchmarks/`` folder, with the ``excel`` extra installed::

    ../.venv/bin/python bench_xlsx.py                 # 50,000 rows
    ../.venv/bin/python bench_xlsx.py --rows 5000     # a quicker run

It builds a wide scorecard of ``--rows`` measures (eight quarter columns of percentages, a
target, a face and commentary; not timed), then times, once each:

- ``xlsx.dumps`` of the scorecard, and ``xlsx.loads`` of the workbook it wrote;
- the parts of reading: openpyxl opening the workbook with cell styles (what ``loads``
  needs for number formats, merged cells and hidden rows), openpyxl's read-only mode
  (values only, no merged cells, no hidden rows), and python-calamine when installed
  (values only, no number formats);
- ``table.loads`` of the same table as text: the floor the table reader sets.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import io
import time
from collections.abc import Callable

import openpyxl

from kpi_scorecard.serializers import table, xlsx

QUARTERS = [f"Q{q} {year}/{(year + 1) % 100:02d}" for year in (2018, 2019) for q in (1, 2, 3, 4)]


def wide(rows: int) -> str:
    """A wide table of ``rows`` measures, as a council exports it."""
    header = ["Ref", "Measure", *QUARTERS, "Target 2019/20", "RAG", "Commentary"]
    lines = ["Benchmark scorecard", "", "\t".join(header)]
    for index in range(rows):
        values = [f"{(index + q) % 97}.5%" if q % 2 else f"{(index + q) % 97}%" for q in range(8)]
        cells = [f"M{index:06d}", f"Measure number {index}", *values, "<50%", "😊", "Fine"]
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def seconds(work: Callable[[], object]) -> float:
    """Seconds for one run of ``work``."""
    gc.collect()
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _read_only(data: bytes) -> None:
    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    for _ in book.worksheets[0].iter_rows(values_only=True):
        pass


def _styled(data: bytes) -> None:
    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    for row in book.worksheets[0].iter_rows():
        for cell in row:
            _ = cell.value, cell.number_format


def _calamine(data: bytes) -> None:
    import python_calamine  # noqa: PLC0415 - measured only where installed

    python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(
        0
    ).to_python()


def main() -> None:
    """Time writing and reading a workbook of ``--rows`` measures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=50_000)
    rows = parser.parse_args().rows
    text = wide(rows)
    card = table.loads(text)
    data = xlsx.dumps(card)
    cells = (rows + 3) * 13
    results = {
        "xlsx.dumps (write the workbook)": seconds(lambda: xlsx.dumps(card)),
        "xlsx.loads (read it back)": seconds(lambda: xlsx.loads(data)),
        "  openpyxl, with styles": seconds(lambda: _styled(data)),
        "  openpyxl, read-only values": seconds(lambda: _read_only(data)),
        "table.loads of the same text": seconds(lambda: table.loads(text)),
    }
    if importlib.util.find_spec("python_calamine") is not None:
        results["  python-calamine, values"] = seconds(lambda: _calamine(data))
    print(f"{rows:,} rows, {cells:,} cells, workbook {len(data) / 1e6:.1f} MB")
    for name, taken in results.items():
        print(f"{name:34} {taken:7.2f} s  {taken / rows * 1e6:8.1f} µs/row")


if __name__ == "__main__":
    main()
