"""Run the command line: ``python -m kpi_scorecard`` is ``kpi-scorecard``."""

if __name__ == "__main__":
    from kpi_scorecard._cli import main

    raise SystemExit(main())
