"""The ``kpi-scorecard`` command: rate, validate and convert scorecard files.

This is the one part of kpi_scorecard that reads and writes files; the library itself does
no I/O, and nothing in it imports this package. Exit status: 0 when every computed status
agrees with the published one (or nothing is wrong), 1 when the command ran and found
something to look at (``rate``: disagreements with the published statuses; ``validate``:
rows that cannot be read), 2 for a bad option or a file or declaration that cannot be used.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from kpi_scorecard import __version__
from kpi_scorecard._errors import KpiScorecardError, ParseError
from kpi_scorecard._period import Period
from kpi_scorecard._scorecard import Scorecard
from kpi_scorecard.evaluation import RagPolicy, Report, Tolerance, evaluate
from kpi_scorecard.serializers import csv as csv_format
from kpi_scorecard.serializers import json as json_format
from kpi_scorecard.serializers import table
from kpi_scorecard.serializers._accounting import LoadResult

from ._declarations import Declarations, read_declarations
from ._declarations import schema as declarations_schema
from ._files import CliError, Progress, read_text, write_text
from ._render import FORMATS, Rated, render

if TYPE_CHECKING:
    from pydantic import BaseModel

__all__ = ["main"]

PROG = "kpi-scorecard"
OK, FOUND, USAGE = 0, 1, 2

#: File suffixes and the format they mean; ``--from`` and ``--to`` say it otherwise.
SUFFIXES = {".tsv": "table", ".tab": "table", ".txt": "table", ".csv": "csv", ".json": "json"}
OUTPUT_SUFFIXES = {
    ".json": "json",
    ".csv": "csv",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
}
READ_FORMATS = ("table", "csv", "json")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line, with status 2."""

    def error(self, message: str) -> NoReturn:
        """Say what is wrong in one line and exit with status 2."""
        self.exit(USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def declared(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "-d",
            "--declarations",
            type=Path,
            metavar="FILE",
            help="TOML or JSON: layout, measures (polarity, aggregation, unit), tolerance",
        )
        command.add_argument("--layout", type=Path, metavar="FILE", help="TOML or JSON: a layout")
        command.add_argument(
            "--measures", type=Path, metavar="FILE", help="TOML or JSON: reference -> fields"
        )
        command.add_argument(
            "--from", dest="source", choices=READ_FORMATS, help="the input format (by suffix)"
        )

    rate = commands.add_parser(
        "rate", help="rate tables for a period and print the report", description=_RATE
    )
    rate.add_argument("tables", nargs="+", type=Path, metavar="TABLE")
    rate.add_argument("--period", required=True, help="the period to rate: 'Q1 2019/20'")
    declared(rate)
    rate.add_argument("--tolerance", help="amber tolerance: '3%%' or '2 points'")
    rate.add_argument("--format", choices=FORMATS, help="output format (by --output suffix)")
    rate.add_argument("-o", "--output", type=Path, metavar="PATH", help="write here")

    validate = commands.add_parser(
        "validate", help="list every row that cannot be read", description=_VALIDATE
    )
    validate.add_argument("tables", nargs="+", type=Path, metavar="TABLE")
    validate.add_argument("--period", help="the report period, for headers like 'This quarter'")
    declared(validate)

    convert = commands.add_parser(
        "convert", help="convert between table, CSV and JSON", description=_CONVERT
    )
    convert.add_argument("input", type=Path, metavar="IN")
    convert.add_argument("output", type=Path, metavar="OUT", help="a file, or - for stdout")
    convert.add_argument("--period", help="the report period, for headers like 'This quarter'")
    declared(convert)
    convert.add_argument("--to", dest="target", choices=READ_FORMATS, help="(by OUT's suffix)")

    schema = commands.add_parser("schema", help="print a JSON Schema", description=_SCHEMA)
    schema.add_argument(
        "which", nargs="?", choices=("declarations", "document"), default="declarations"
    )
    schema.add_argument("-o", "--output", type=Path, metavar="PATH", help="write here")
    return parser


_RATE = (
    "Read each table, rate every measure for the period and write the report. Exit status "
    "1 when a computed status disagrees with the one the council published."
)
_VALIDATE = (
    "Read each table leniently and list every row error with its line, column and text. "
    "Exit status 1 when there is any."
)
_CONVERT = (
    "Convert a scorecard between the council's table layout (.tsv), tidy CSV (.csv) and "
    "JSON (.json). A comma-separated council table is read with --from table."
)
_SCHEMA = (
    "Print the JSON Schema of the declarations file (the default), or of the JSON documents "
    "the library writes."
)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    args = _parser().parse_args(argv)
    try:
        return int(_COMMANDS[args.command](args))
    except CliError as error:
        return _fail(str(error))
    except KpiScorecardError as error:
        return _fail(f"{error} [{error.code}]")
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of standard output went away (| head): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return FOUND


def _fail(message: str) -> int:
    sys.stderr.write(f"{PROG}: error: {message}\n")
    return USAGE


def _format_of(path: Path, given: str | None, suffixes: dict[str, str], role: str) -> str:
    if given is not None:
        return given
    found = suffixes.get(path.suffix.lower())
    if found is None:
        known = ", ".join(sorted(suffixes))
        msg = f"{path}: cannot tell the {role} format from the suffix (known: {known}); give it"
        raise CliError(msg)
    return found


def _declarations(args: argparse.Namespace) -> Declarations:
    return read_declarations(args.declarations, args.layout, args.measures)


def _read(
    path: Path, fmt: str, declared: Declarations, as_of: Period | None, *, lenient: bool
) -> Scorecard | Report | LoadResult:
    text = read_text(path)
    given = declared.layout is not None or declared.measures
    if fmt != "table" and given:
        msg = f"{path}: layout and measures are declared for the table layout, not for {fmt}"
        raise CliError(msg)
    try:
        if fmt == "table":
            return table.loads(
                text,
                layout=declared.layout,
                measures=declared.measure_fields(),
                as_of=as_of,
                lenient=lenient,
            )
        if fmt == "csv":
            if lenient:
                return csv_format.loads(text, lenient=True)
            document: BaseModel = csv_format.loads(text)
        else:
            document = json_format.loads(text)
    except KpiScorecardError as error:
        hint = " (a council table saved as CSV? use --from table)" if fmt == "csv" else ""
        msg = f"{path}: {error} [{error.code}]{hint}"
        raise CliError(msg) from None
    if not isinstance(document, Scorecard | Report):
        msg = f"{path}: holds a {json_format.kind_of(document)}, not a scorecard or a report"
        raise CliError(msg)
    return document


def _period(text: str | None) -> Period | None:
    if text is None:
        return None
    try:
        return Period.parse(text)
    except ParseError as error:
        msg = f"--period: {error} [{error.code}]"
        raise CliError(msg) from None


def _rate(args: argparse.Namespace) -> int:
    declared = _declarations(args)
    period = _period(args.period)
    assert period is not None  # noqa: S101 - argparse requires --period
    tolerance = declared.tolerance
    if args.tolerance is not None:
        try:
            tolerance = Tolerance.parse(args.tolerance)
        except ParseError as error:
            msg = f"--tolerance: {error} [{error.code}]"
            raise CliError(msg) from None
    policy = RagPolicy(tolerance=tolerance) if tolerance is not None else RagPolicy()
    fmt = args.format
    if fmt is None:
        fmt = "table" if args.output is None else OUTPUT_SUFFIXES.get(args.output.suffix.lower())
        fmt = fmt or "table"
    rated = []
    progress = Progress(len(args.tables))
    try:
        for done, path in enumerate(args.tables):
            progress.step(done, path.name)
            source = _format_of(path, args.source, SUFFIXES, "input")
            card = _read(path, source, declared, period, lenient=False)
            if isinstance(card, Report):
                msg = f"{path}: holds a report; rate a scorecard"
                raise CliError(msg)
            assert isinstance(card, Scorecard)  # noqa: S101 - strict reads give a document
            report = evaluate(card, period, policy=policy)
            try:
                found = report.disagreements()
            except ParseError as error:
                msg = f"{path}: a published status cannot be read: {error} [{error.code}]"
                raise CliError(msg) from None
            rated.append(Rated(str(path), card, report, found))
    finally:
        progress.close()
    colour = (
        fmt == "table"
        and args.output is None
        and sys.stdout.isatty()
        and not os.environ.get("NO_COLOR")
    )
    write_text(args.output, render(rated, fmt, colour=colour))
    disagreeing = sum(len(r.disagreements) for r in rated)
    if disagreeing and (fmt != "table" or args.output is not None):
        noun = "disagreement" if disagreeing == 1 else "disagreements"
        sys.stderr.write(f"{PROG}: {disagreeing} {noun} with the published statuses\n")
    return FOUND if disagreeing else OK


def _validate(args: argparse.Namespace) -> int:
    declared = _declarations(args)
    period = _period(args.period)
    errors = 0
    lines = []
    progress = Progress(len(args.tables))
    try:
        for done, path in enumerate(args.tables):
            progress.step(done, path.name)
            source = _format_of(path, args.source, SUFFIXES, "input")
            result = _read(path, source, declared, period, lenient=True)
            if not isinstance(result, LoadResult):  # a JSON document is read whole or not at all
                lines.append(f"{path}: a {json_format.kind_of(result)} document, read whole")
                continue
            lines += [f"{path}: {error} [{error.code}]" for error in result.errors]
            errors += len(result.errors)
            lines.append(
                f"{path}: {result.rows_read} rows read, {result.rows_kept} kept, "
                f"{len(result.errors)} error{'' if len(result.errors) == 1 else 's'}"
            )
    finally:
        progress.close()
    write_text(None, "\n".join(lines) + "\n")
    return FOUND if errors else OK


def _convert(args: argparse.Namespace) -> int:
    declared = _declarations(args)
    period = _period(args.period)
    to_stdout = str(args.output) == "-"
    source = _format_of(args.input, args.source, SUFFIXES, "input")
    target = args.target
    if target is None:
        target = "table" if to_stdout else _format_of(args.output, None, SUFFIXES, "output")
    document = _read(args.input, source, declared, period, lenient=False)
    assert isinstance(document, Scorecard | Report)  # noqa: S101 - strict reads give a document
    if target == "json":
        text = json_format.dumps(document, indent=2) + "\n"
    elif target == "csv":
        text = csv_format.dumps(document)
    else:
        comma = not to_stdout and args.output.suffix.lower() == ".csv"
        text = table.dumps(document, delimiter="," if comma else "\t")
    write_text(None if to_stdout else args.output, text)
    return OK


def _schema(args: argparse.Namespace) -> int:
    found = declarations_schema() if args.which == "declarations" else json_format.schema()
    write_text(args.output, json.dumps(found, indent=2, ensure_ascii=False) + "\n")
    return OK


_COMMANDS = {"rate": _rate, "validate": _validate, "convert": _convert, "schema": _schema}
