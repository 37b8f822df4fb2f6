"""The lock files agree with pyproject.toml: `make lock` was run after the last change of a pin,
so a newcomer, CI and the Docker image install the same versions of everything."""

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9_.\-\[\]]+)==([^\s;#]+)")


def _name(requirement: str) -> str:
    return re.sub(r"[-_.]+", "-", requirement.split("[")[0]).lower()


def _pins(lines) -> dict[str, str]:
    found = {}
    for line in lines:
        match = PIN.match(line.strip())
        if match:
            found[_name(match[1])] = match[2]
    return found


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _locked(name: str) -> dict[str, str]:
    return _pins((ROOT / "requirements" / name).read_text().splitlines())


def test_every_runtime_pin_is_locked_at_its_version_for_production():
    assert _pins(_project()["dependencies"]).items() <= _locked("base.txt").items()


def test_every_pin_of_every_extra_is_locked_for_development():
    extras = [pin for pins in _project()["optional-dependencies"].values() for pin in pins]
    assert _pins(extras).items() <= _locked("dev.txt").items()


def test_development_installs_what_production_runs():
    assert _locked("base.txt").items() <= _locked("dev.txt").items()


def test_pandas_is_only_for_the_benchmark():
    assert "pandas" not in _pins(_project()["dependencies"])
    assert "pandas" not in _locked("base.txt")
