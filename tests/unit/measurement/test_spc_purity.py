"""The SPC package stays pure: standard library, numpy and pandas, and no Django."""

from __future__ import annotations

import ast
import json
import sys
from datetime import date, timedelta
from pathlib import Path

import measurement.spc as spc
from measurement.spc import MeasureSettings, Observation, Phase, analyse

PACKAGE = Path(spc.__file__).resolve().parent
ALLOWED_THIRD_PARTY = {"numpy", "pandas"}


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            modules.add(node.module)
    return modules


def test_the_package_has_modules_to_scan():
    assert {"analysis.py", "limits.py", "types.py"} <= {p.name for p in PACKAGE.glob("*.py")}


def test_spc_imports_nothing_from_django():
    for path in PACKAGE.glob("*.py"):
        for module in _imported_modules(path):
            assert module.split(".")[0] != "django", f"{path.name} imports {module}"


def test_spc_imports_only_the_standard_library_numpy_and_pandas():
    allowed = set(sys.stdlib_module_names) | ALLOWED_THIRD_PARTY | {"__future__"}
    for path in PACKAGE.glob("*.py"):
        for module in _imported_modules(path):
            assert module.split(".")[0] in allowed, f"{path.name} imports {module}"


def _plain(value) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(item) for item in value)
    return value is None or type(value) in (str, int, float, bool)


def test_the_analysis_document_holds_only_plain_json_values():
    monday = date(2024, 1, 1)
    observations = [
        Observation(monday + timedelta(weeks=i), value=v)
        for i, v in enumerate([51.2, 48.0, 50.5, 49.9, 70.0, 52.1, 47.3, 50.0])
    ]
    rebase = Phase(monday + timedelta(weeks=4), "new rota")
    settings = MeasureSettings("xmr", "mdc", "continuous", "increase", 85, phases=(rebase,))
    document = analyse(settings, observations=observations).to_document()
    assert _plain(document)
    assert json.loads(json.dumps(document)) == document
    assert set(document) == {
        "chart", "rules", "improvement", "target", "points", "phases", "variation", "assurance",
    }  # fmt: skip
    assert set(document["points"][0]) == {
        "period", "value", "numerator", "denominator", "phase", "baseline", "centre", "lower",
        "upper", "signals", "main_signal", "point_type",
    }  # fmt: skip
    assert document["points"][0]["period"] == "2024-01-01"
    assert document["phases"][1]["start"] == "2024-01-29"
    assert document["phases"][1]["reason"] == "new rota"
    assert document["target"] == 85.0


def test_ihi_phases_carry_the_runs_test_in_the_document():
    monday = date(2024, 1, 1)
    observations = [
        Observation(monday + timedelta(weeks=i), value=v) for i, v in enumerate([1, 9] * 6)
    ]
    document = analyse(MeasureSettings("run", "ihi", "continuous"), observations).to_document()
    phase = document["phases"][0]
    assert (phase["runs"], phase["runs_lower"], phase["runs_upper"]) == (12, 3, 11)
    assert (phase["too_few_runs"], phase["too_many_runs"]) == (False, True)
    assert document["points"][0]["lower"] is None
