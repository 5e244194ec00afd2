"""The house's layers, read from the source: the kernel at the bottom, the domain apps in the middle, the homes on top.

A module never imports a layer above its own, even inside a function, and the domain apps import each other only
along DOMAIN's arrows, which form no cycle. See docs/architecture.md.
"""

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KERNEL = "core"
TOP = "home"
PROJECT = "ustat"  # settings and the URL map: they name every app, and nothing imports them but Django
# Each domain app and the domain apps it may import.
DOMAIN = {
    "schools": set(),
    "certificates": {"schools"},
    "qualification": {"schools", "certificates"},
    "mentorship": {"schools", "qualification", "certificates"},
    "methodcouncil": {"schools", "qualification", "certificates"},
    "partners": {"schools", "qualification"},
}
APPS = {KERNEL, TOP, PROJECT, *DOMAIN}
LONGEST_MODULE = 600


def imported_apps(source):
    """The Ustat apps a module's source imports, wherever the import statement stands."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found.update(name.split(".")[0] for name in names if name.split(".")[0] in APPS)
    return found


def modules(app):
    return [path for path in sorted((ROOT / app).rglob("*.py")) if "migrations" not in path.parts]


def may_import(app):
    if app == KERNEL:
        return {KERNEL}
    if app in DOMAIN:
        return {KERNEL, app, *DOMAIN[app]}
    if app == TOP:
        return {KERNEL, TOP, *DOMAIN}
    return APPS


def test_the_reader_sees_imports_inside_functions_and_ignores_other_packages():
    source = "import os\nfrom django.db import models\n\ndef f():\n    from home.dashboard import panels_for\n"
    assert imported_apps(source) == {"home"}
    assert imported_apps("from . import views\nimport core.clock\nfrom qualification import renewal\n") == {
        "core",
        "qualification",
    }


@pytest.mark.parametrize("app", sorted(APPS - {PROJECT}))
def test_no_module_imports_a_layer_above_its_own(app):
    assert modules(app), f"{app} has no modules: is the layer table out of date?"
    wrong = {
        str(path.relative_to(ROOT)): sorted(imported_apps(path.read_text()) - may_import(app)) for path in modules(app)
    }
    assert {path: apps for path, apps in wrong.items() if apps} == {}


def test_the_domain_apps_form_no_cycle():
    try:
        order = list(TopologicalSorter(DOMAIN).static_order())
    except CycleError as error:  # pragma: no cover - the table above is what is tested
        pytest.fail(f"the domain apps import each other in a circle: {error.args[1]}")
    assert order[0] == "schools"


def test_every_app_is_in_a_layer():
    installed = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert installed <= APPS, f"apps without a layer: {sorted(installed - APPS)}"


def test_no_module_is_longer_than_600_lines():
    long = {}
    for app in sorted(APPS):
        for path in modules(app):
            lines = len(path.read_text().splitlines())
            if lines > LONGEST_MODULE:
                long[str(path.relative_to(ROOT))] = lines
    assert long == {}
