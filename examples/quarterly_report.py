"""Evaluate the example scorecard for a quarter and print the performance report.

This is the job a council performance officer runs each quarter: load the published
scorecard, say for each measure which way is better and how its figures add up over the
year, rate every measure with the council's tolerance, and check the result against the
faces the council published::

    python examples/quarterly_report.py
    python examples/quarterly_report.py --period "Q1 2019/20" --tolerance 5% --format csv

The library does no I/O; this script reads the file and writes the report.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Mapping
from io import StringIO
from pathlib import Path
from typing import TextIO

from kpi_scorecard import Assessment, Band, Rag, RagPolicy, Report, Scorecard, Tolerance, evaluate
from kpi_scorecard.serializers import csv as csv_format
from kpi_scorecard.serializers import json as json_format
from kpi_scorecard.serializers import table

EXAMPLE = Path(__file__).parent / "data" / "children_and_families_2019_20.tsv"

HIGHER = {"polarity": "higher_is_better"}
LOWER = {"polarity": "lower_is_better"}
NEUTRAL = {"polarity": "neutral"}

#: What a performance officer declares from the measure titles: which way is better, and
#: how a figure adds up over the year. Titles marked (YTD) are already cumulative;
#: counts of events (referrals, families turned around) add up; the rest are snapshots.
MEASURES: Mapping[str, Mapping[str, str]] = {
    "CSC001": {**LOWER, "aggregation": "sum"},  # Number of referrals
    "CSC002": LOWER,  # Percentage of repeat referrals
    "CSC003": HIGHER,  # Assessments completed within 45 days
    "CSC004": LOWER,  # Second or subsequent child protection plan (rolling yr)
    "CSC005": NEUTRAL,  # Number of children in need (a range to stay within)
    "CSC006": NEUTRAL,  # Number of children with a child protection plan (a range)
    "CSC007": HIGHER,  # CP plans reviewed within timescales
    "CSC008": LOWER,  # Number of cared for children
    "CSC009": HIGHER,  # Cared for children reviewed within timescales
    "CSC010": HIGHER,  # Cared for children in internal foster care
    "CSC011": LOWER,  # Children living in external foster homes
    "CSC012": LOWER,  # Children living in residential homes
    "CSC013": LOWER,  # Placed over 20 miles from home
    "CSC014": LOWER,  # Care leavers not in education, employment or training
    "CSC015": HIGHER,  # Care leavers in suitable accommodation
    "CSC016": NEUTRAL,  # Children with a court endorsed plan of adoption (snapshot)
    "CSC017": {**HIGHER, "aggregation": "already_cumulative"},  # Children adopted (YTD)
    "CSC018": LOWER,  # Average caseload of social workers
    "Ed&S001": HIGHER,  # Good or outstanding primary schools
    "Ed&S002": HIGHER,  # Good or outstanding secondary schools
    "Ed&S003": HIGHER,  # Good or outstanding special schools
    "Ed&S004": HIGHER,  # Attendance, primary
    "Ed&S005": HIGHER,  # Attendance, secondary
    "Ed&S006": HIGHER,  # Attendance, special schools
    "Ed&S007": LOWER,  # Permanent exclusions
    "Ed&S008": NEUTRAL,  # Pupils educated at home
    "Ed&S009": LOWER,  # Children missing from education
    "Ed&S010": NEUTRAL,  # Children with an EHC plan
    "Ed&S011": HIGHER,  # EP advice completed within 6 weeks
    "Ed&S012": HIGHER,  # EHC plans completed within 20 weeks (cumulative yr)
    "Ed&S013": LOWER,  # Weeks for EHC plans to be issued
    "Ed&S014": HIGHER,  # EHCP annual reviews in timescales
    "Ed&S015": LOWER,  # Outstanding EHCP reviews (reduce by 100 per quarter)
    "P&EH001": NEUTRAL,  # Open Early Help assessments
    "P&EH002": HIGHER,  # Early Help assessments led by Prevention staff
    "P&EH003": HIGHER,  # 0-2 year olds engaged at children's centres
    "P&EH004": HIGHER,  # Take-up of the 2 year old offer
    "P&EH005": HIGHER,  # Take-up of the 3 and 4 year old offer
    "P&EH006": {**HIGHER, "aggregation": "sum"},  # Families turned around (cumulative)
    "P&EH007": HIGHER,  # Young people accessing the youth support service
    "P&EH008": LOWER,  # Young people NEET (number)
    "P&EH009": LOWER,  # Young people NEET (percentage)
}

COLOURS = {
    Rag.GREEN: "\033[42;30m",
    Rag.YELLOW: "\033[43;30m",
    Rag.AMBER: "\033[48;5;214;30m",
    Rag.RED: "\033[41;97m",
    Rag.NOT_RATED: "\033[47;30m",
}
RESET = "\033[0m"


def load(path: Path) -> Scorecard:
    """Read the council's table and declare each measure's polarity and aggregation."""
    return table.loads(path.read_text(encoding="utf-8"), measures=MEASURES)


def disagreements(card: Scorecard, report: Report) -> list[tuple[Assessment, str]]:
    """The rows whose computed face differs from the face the council published."""
    found = []
    for assessment in report:
        observation = card.observation(assessment.measure_ref, report.period)
        published = observation.published_status if observation is not None else None
        if published and assessment.face != published:
            found.append((assessment, published))
    return found


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _status(assessment: Assessment, colour: bool) -> str:
    word = assessment.status.value.replace("_", " ")
    if not colour:
        return f"{word:<9}"
    return f"{COLOURS[assessment.status]} {word:<9} {RESET}"


def write_table(card: Scorecard, report: Report, out: TextIO, *, colour: bool) -> None:
    """Write the report as an aligned table with a summary."""
    titles = {measure.reference: measure.title for measure in card.measures}
    units = {measure.reference: measure.unit for measure in card.measures}
    out.write(f"{report.title}: {report.period} (tolerance {report.policy.tolerance})\n\n")
    header = f"{'Ref':<8} {'Measure':<44} {'Value':>9} {'Target':>16} {'Status':<11}"
    out.write(f"{header} {'Direction':<15} {'YTD':>8}  Why\n")
    for assessment in report:
        unit = "%" if units[assessment.measure_ref] == "percent" else ""
        value = _figure(assessment.value, unit)
        ytd = _figure(assessment.ytd, unit)
        target = str(assessment.target) if assessment.target is not None else "-"
        out.write(
            f"{assessment.measure_ref:<8} {_shorten(titles[assessment.measure_ref], 44):<44} "
            f"{value:>9} {_shorten(target, 16):>16} {_status(assessment, colour)} "
            f"{assessment.direction.value.replace('_', ' '):<15} {ytd:>8}  "
            f"{assessment.explanation}\n"
        )
    counts = report.counts()
    summary = ", ".join(
        f"{count} {status.value.replace('_', ' ')}" for status, count in counts.items() if count
    )
    out.write(f"\n{len(report)} measures: {summary}\n")
    disagreeing = disagreements(card, report)
    published = sum(
        1
        for assessment in report
        if (obs := card.observation(assessment.measure_ref, report.period)) is not None
        and obs.published_status
    )
    out.write(
        f"Published faces checked: {published}; disagreements with the computed status: "
        f"{len(disagreeing)}\n"
    )
    for assessment, face in disagreeing:
        out.write(f"  {assessment.measure_ref}: published {face}, computed {assessment.face}\n")


def _figure(value: object, unit: str) -> str:
    if value is None:
        return "-"
    if isinstance(value, Band):
        return f"{value.low}{unit}-{value.high}{unit}"
    return f"{value}{unit}"


def main(argv: list[str] | None = None) -> int:
    """Run the quarterly report; return 1 when computed statuses disagree with published ones."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=EXAMPLE, help="the council table to read")
    parser.add_argument("--period", default="Quarter 1 2019/20", help="the period to rate")
    parser.add_argument("--tolerance", default="3%", help="amber tolerance: '3%%' or '2 points'")
    parser.add_argument("--format", choices=("table", "json", "csv"), default="table")
    parser.add_argument("--output", type=Path, help="write here instead of standard output")
    args = parser.parse_args(argv)

    card = load(args.input)
    policy = RagPolicy(tolerance=Tolerance.parse(args.tolerance))
    report = evaluate(card, args.period, policy=policy)

    if args.format == "json":
        text = json_format.dumps(report, indent=2) + "\n"
    elif args.format == "csv":
        text = csv_format.dumps(report, scorecard=card)
    else:
        colour = args.output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        buffer = StringIO()
        write_table(card, report, buffer, colour=colour)
        text = buffer.getvalue()
    if args.output is not None:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 1 if disagreements(card, report) else 0


if __name__ == "__main__":
    raise SystemExit(main())
