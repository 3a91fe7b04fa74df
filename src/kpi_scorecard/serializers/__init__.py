"""Serializers: read and write scorecards as text, one module per format.

- :mod:`~kpi_scorecard.serializers.json`: JSON documents in an envelope that names their kind;
- :mod:`~kpi_scorecard.serializers.csv`: tidy CSV, one row per observation or assessment;
- :mod:`~kpi_scorecard.serializers.table`: the council's own wide table layout, one measure
  per line and one column per period.

Like the rest of the library they do no I/O: they take and return text, or read from and
write to a text stream the caller opened.
"""
