"""Builders for the roll-up tests: reports whose statuses are written out by hand."""

from kpi_scorecard import Assessment, Measure, Period, Rag, Report, Scorecard

Q1 = "Q1 2019/20"

#: The one-letter status codes of the tables.
LETTERS = {"G": Rag.GREEN, "Y": Rag.YELLOW, "A": Rag.AMBER, "R": Rag.RED, "-": Rag.NOT_RATED}


def report_of(statuses, *, departments=None, period=Q1):
    """A report of one assessment per measure with the given statuses (letters or Rags).

    ``statuses`` maps each reference to its status; ``departments`` maps references to a
    department (``"D"`` for every measure when None). The report's source scorecard
    holds the measures, for grouping by a field.
    """
    when = Period.parse(period)
    departments = departments or {}
    measures = [
        Measure(reference=reference, department=departments.get(reference, "D"))
        for reference in statuses
    ]
    assessments = [
        Assessment(measure_ref=reference, period=when, status=LETTERS.get(status, status))
        for reference, status in statuses.items()
    ]
    return Report(period=when, assessments=assessments, source=Scorecard(measures=measures))


def letters(text):
    """A report of measures M1, M2, ... with statuses written as letters: ``"GGAR-"``."""
    return report_of({f"M{index}": letter for index, letter in enumerate(text, start=1)})
