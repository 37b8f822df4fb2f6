"""The shape of the code, checked: the app layers and the purity of the maths are import-linter
contracts (pyproject.toml, run by `make test`); these are the rules import-linter cannot say."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
APPS = ["core", "regions", "projects", "measurement", "learning", "reporting", "demo", "psc"]
PRESENT_APPS = [app for app in APPS if (ROOT / app / "__init__.py").exists()]

# Views and API modules read through the access policy's scoped querysets (STYLE item 2, ADR
# 0002), never a model's manager. The few that must, and why:
MANAGER_USE_ALLOWED = {
    # The Idempotency-Key table is the API plumbing's own bookkeeping, keyed by the user.
    "core/api/idempotency.py",
}


def _page_and_api_modules() -> list[Path]:
    found = []
    for app in PRESENT_APPS:
        base = ROOT / app
        found += base.glob("views.py")
        found += base.glob("views_*.py")
        found += (base / "views").rglob("*.py")
        found += (base / "api").rglob("*.py")
        found += base.glob("*/views.py")
    return sorted(set(found))


def _manager_uses(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    return [
        f"{path.name}:{node.lineno} .{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr in ("objects", "_default_manager", "_base_manager")
    ]


def test_there_are_views_and_api_modules_to_scan():
    names = {str(p.relative_to(ROOT)) for p in _page_and_api_modules()}
    assert {"reporting/views.py", "measurement/api/views.py", "projects/views/project.py"} <= names


def test_views_and_api_modules_read_through_the_access_policy_not_model_managers():
    uses = [
        f"{path.parent.relative_to(ROOT)}/{use}"
        for path in _page_and_api_modules()
        if str(path.relative_to(ROOT)) not in MANAGER_USE_ALLOWED
        for use in _manager_uses(path)
    ]
    assert uses == [], "read through the app's access module instead:\n" + "\n".join(uses)


def test_the_manager_scan_finds_a_manager_when_there_is_one(tmp_path):
    sample = tmp_path / "views.py"
    sample.write_text(
        "from x import Measure\n\ndef page(request):\n    return Measure.objects.all()\n"
    )
    assert len(_manager_uses_in(sample)) == 1


def _manager_uses_in(path: Path) -> list[int]:
    tree = ast.parse(path.read_text())
    return [
        n.lineno for n in ast.walk(tree) if isinstance(n, ast.Attribute) and n.attr == "objects"
    ]


def _app_graph() -> dict[str, set[str]]:
    graph = grimp.build_graph(*PRESENT_APPS)
    edges: dict[str, set[str]] = {app: set() for app in PRESENT_APPS}
    for importer in PRESENT_APPS:
        for imported in PRESENT_APPS:
            if importer != imported and graph.find_matching_direct_imports(
                import_expression=f"{importer}.** -> {imported}.**"
            ):
                edges[importer].add(imported)
    return edges


def _cycle(edges: dict[str, set[str]]) -> list[str] | None:
    """A circle of apps importing each other, if there is one (depth-first search)."""
    visiting, done = [], set()

    def visit(app):
        if app in visiting:
            return [*visiting[visiting.index(app) :], app]
        if app in done:
            return None
        visiting.append(app)
        for imported in sorted(edges[app]):
            found = visit(imported)
            if found:
                return found
        visiting.pop()
        done.add(app)
        return None

    for app in edges:
        found = visit(app)
        if found:
            return found
    return None


def test_no_two_apps_import_each_other_in_a_circle():
    assert _cycle(_app_graph()) is None


def test_the_circle_search_finds_a_circle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def _imports_of(path: Path) -> set[str]:
    modules = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.add(node.module)
    return modules


def test_charts_never_import_pyplot_whose_global_state_is_not_thread_safe():
    drawing = [*(ROOT / "measurement" / "charts").glob("*.py"), ROOT / "reporting" / "charts.py"]
    drawing += (ROOT / "projects" / "diagram").glob("*.py")
    for path in drawing:
        for module in _imports_of(path):
            assert "pyplot" not in module and module != "pylab", f"{path.name} imports {module}"


def test_drawing_a_chart_loads_neither_django_nor_pyplot():
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
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.stdout.strip() == ""
