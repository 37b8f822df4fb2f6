"""The charts package stays pure: no Django, and no pyplot (whose global state is not
thread-safe); only the standard library, numpy, matplotlib and the SPC package."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import measurement.charts as charts

PACKAGE = Path(charts.__file__).resolve().parent
ALLOWED_THIRD_PARTY = {"numpy", "matplotlib"}
ALLOWED_PROJECT = {"measurement.spc", "core.wording"}


def _imported_modules(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            modules.add(node.module)
    return modules


def test_the_package_has_modules_to_scan():
    names = {p.name for p in PACKAGE.glob("*.py")}
    assert {"render.py", "spec.py", "summary.py", "table.py"} <= names


def test_charts_import_nothing_from_django():
    for path in PACKAGE.glob("*.py"):
        for module in _imported_modules(path):
            assert module.split(".")[0] != "django", f"{path.name} imports {module}"


def test_charts_never_import_pyplot():
    for path in PACKAGE.glob("*.py"):
        for module in _imported_modules(path):
            assert "pyplot" not in module, f"{path.name} imports {module}"
            assert module != "pylab", f"{path.name} imports {module}"


def test_charts_import_only_the_standard_library_numpy_matplotlib_and_spc():
    allowed = set(sys.stdlib_module_names) | ALLOWED_THIRD_PARTY | {"__future__"}
    for path in PACKAGE.glob("*.py"):
        for module in _imported_modules(path):
            if module.startswith(("measurement.", "core.")):
                assert any(module.startswith(ok) for ok in ALLOWED_PROJECT), module
            else:
                assert module.split(".")[0] in allowed, f"{path.name} imports {module}"


def test_importing_and_rendering_loads_neither_django_nor_pyplot():
    script = (
        "import sys\n"
        "from datetime import date\n"
        "from measurement.charts import ChartSpec, render_svg\n"
        "from measurement.spc import MeasureSettings, Observation, analyse\n"
        "obs = [Observation(date(2024, 1, d), value=d) for d in (1, 8, 15)]\n"
        "render_svg(analyse(MeasureSettings('xmr', 'mdc', 'continuous'), obs), ChartSpec('t'))\n"
        "loaded = [m for m in ('django', 'matplotlib.pyplot') if m in sys.modules]\n"
        "print(','.join(loaded))\n"
    )
    root = PACKAGE.parents[1]
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert result.stdout.strip() == ""
