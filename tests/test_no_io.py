"""The library does no I/O: importing, loading, evaluating and serializing open nothing."""

import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.subprocess

EXAMPLE = Path(__file__).parents[1] / "examples" / "data" / "children_and_families_2019_20.tsv"

# Run in a fresh interpreter, so that importing the library and building the unit registry
# happen under the audit hook. The example is read before the hook is installed: reading
# files is the caller's job.
SCRIPT = textwrap.dedent(
    """
    import json, os, sys, sysconfig
    from decimal import Decimal

    text = open(sys.argv[1], encoding="utf-8").read()
    allowed = {
        os.path.realpath(p)
        for p in {sys.prefix, sys.base_prefix, *sysconfig.get_paths().values()}
    }
    events = []

    def hook(event, args):
        if event == "open":
            path = args[0]
            if isinstance(path, int):
                return
            real = os.path.realpath(os.fsdecode(path))
            if not any(real.startswith(root + os.sep) for root in allowed | package_roots):
                events.append(("open", real))
        elif event.startswith(("subprocess.", "os.system", "os.exec", "os.spawn", "os.fork")):
            events.append((event, repr(args)[:80]))
        elif event.startswith("socket."):
            events.append((event, repr(args)[:80]))

    # The library's own source is an installed package too (an editable install lives in src/).
    import importlib.util
    spec = importlib.util.find_spec("kpi_scorecard")
    package_roots = {os.path.realpath(os.path.dirname(spec.origin))}
    sys.addaudithook(hook)

    import kpi_scorecard
    from kpi_scorecard import RagPolicy, Tolerance, Target, evaluate
    from kpi_scorecard.serializers import csv, json as json_format, table

    card = table.loads(text, measures={"CSC017": {"aggregation": "already_cumulative"}})
    report = evaluate(card, "Q1 2019/20", policy=RagPolicy(tolerance=Tolerance.parse("3%")))
    json_format.loads(json_format.dumps(card))
    json_format.loads(json_format.dumps(report))
    csv.loads(csv.dumps(card, spreadsheet_safe=False))
    table.dumps(card)
    report._repr_html_()
    Target.parse("6 weeks")  # builds the pint registry, which reads its own data files
    print(json.dumps(events))
    """
)


def test_library_opens_no_file_starts_no_process_and_opens_no_socket(run_script):
    """Under an audit hook, a whole load-evaluate-serialize run does no I/O of its own."""
    assert run_script(SCRIPT).strip().splitlines()[-1] == "[]"


def test_the_probe_would_see_a_forbidden_open(run_script):
    """The audit hook really catches I/O: opening a file outside the allowed roots is seen."""
    leaky = SCRIPT.replace(
        "print(json.dumps(events))", "open(sys.argv[1]).close()\nprint(json.dumps(events))"
    )
    assert str(EXAMPLE.resolve()) in run_script(leaky)
