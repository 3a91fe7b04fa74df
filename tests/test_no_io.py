"""The library does no I/O: importing, loading, evaluating and serializing open nothing.

The command line (``kpi_scorecard._cli``, run by ``kpi_scorecard.__main__``) is the one
part of the package that reads and writes files: it is left out here, exactly, and no
other module may import it. Inside the package, the probe allows opening the source it
imports and the resources of ``kpi_scorecard.examples`` (package data, read through
importlib.resources), nothing else.
"""

import ast
import textwrap
from pathlib import Path

import pytest

pytestmark = pytest.mark.subprocess

EXAMPLE = Path(__file__).parents[1] / "examples" / "data" / "children_and_families_2019_20.tsv"
PACKAGE = Path(__file__).parents[1] / "src" / "kpi_scorecard"
#: The modules that may do I/O: the command line, and what runs it.
COMMAND_LINE = ("kpi_scorecard._cli", "kpi_scorecard.__main__")

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
            if any(real.startswith(root + os.sep) for root in allowed):
                return
            if real.startswith(package_root + os.sep):
                inside = os.path.relpath(real, package_root).split(os.sep)
                if (
                    real.endswith((".py", ".pyc"))
                    or "__pycache__" in inside
                    or os.path.isdir(real)
                    or (inside[0] == "examples" and len(inside) == 2)
                ):
                    return
            events.append(("open", real))
        elif event.startswith(("subprocess.", "os.system", "os.exec", "os.spawn", "os.fork")):
            events.append((event, repr(args)[:80]))
        elif event.startswith("socket."):
            events.append((event, repr(args)[:80]))

    # The library's own source is an installed package too (an editable install lives in src/).
    import importlib, importlib.util, pkgutil
    spec = importlib.util.find_spec("kpi_scorecard")
    package_root = os.path.realpath(os.path.dirname(spec.origin))
    sys.addaudithook(hook)

    import kpi_scorecard
    # Every module of the package but the command line, which is the one that does I/O
    # (walk_packages would import the command line's package to look inside it).
    def import_all(package):
        for info in pkgutil.iter_modules(package.__path__, package.__name__ + "."):
            if info.name not in ("kpi_scorecard._cli", "kpi_scorecard.__main__"):
                try:
                    module = importlib.import_module(info.name)
                except kpi_scorecard.MissingExtraError:
                    continue  # behind an extra that is not installed: it cannot run at all
                if info.ispkg:
                    import_all(module)
    import_all(kpi_scorecard)
    assert "kpi_scorecard._cli" not in sys.modules, "a library module imports the CLI"
    from kpi_scorecard import examples
    examples.children_and_families()
    examples.children_and_families_declarations()
    from kpi_scorecard import RagPolicy, Tolerance, Target, evaluate
    from kpi_scorecard.serializers import csv, json as json_format, table

    card = table.loads(text, measures={"CSC017": {"aggregation": "already_cumulative"}})
    report = evaluate(card, "Q1 2019/20", policy=RagPolicy(tolerance=Tolerance.parse("3%")))
    json_format.loads(json_format.dumps(card))
    json_format.loads(json_format.dumps(report))
    csv.loads(csv.dumps(card, spreadsheet_safe=False))
    table.dumps(card)
    report._repr_html_()
    from kpi_scorecard import charts
    charts.small_multiples(report)
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


def _imports(tree):
    """The modules a module's source imports, absolute, relative ones resolved one level."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            yield ("kpi_scorecard." if node.level else "") + base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def test_no_module_but_the_entry_point_imports_the_command_line():
    """The library never imports its command line: only ``__main__`` runs it."""
    importers = set()
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        if relative.parts[0] in {"_cli", "__main__.py"}:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any("_cli" in name.split(".") for name in _imports(tree)):
            importers.add(relative.as_posix())
    assert importers == set()


def test_the_probe_leaves_out_exactly_the_command_line():
    """The modules left out of the probe are the command line's, and they exist."""
    assert all(f"{name!r}" in SCRIPT or f'"{name}"' in SCRIPT for name in COMMAND_LINE)
    assert (PACKAGE / "_cli" / "__init__.py").is_file()
    assert (PACKAGE / "__main__.py").is_file()
    left_out = {
        path.relative_to(PACKAGE).parts[0]
        for path in PACKAGE.rglob("*.py")
        if path.relative_to(PACKAGE).parts[0] in {"_cli", "__main__.py"}
    }
    assert left_out == {"_cli", "__main__.py"}
