"""The floors of the house: lower apps never reach up, and no module imports itself in a circle.

The open data app (the read API and the downloads) reads every app below it, and only demo uses it;
page apps (home, visions, search) may use participation and cms; participation uses cms only; cms
uses no app. "Uses" counts imports, model strings ("home.X"), ``apps.get_model``
and migration dependencies alike.
"""

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGE_APPS = {"home", "visions", "search", "demo"}
ABOVE = {
    "home": {"opendata"},
    "visions": {"opendata"},
    "search": {"opendata"},
    "participation": PAGE_APPS | {"opendata"},
    "cms": PAGE_APPS | {"participation", "opendata"},
}
# The project's wiring names every app by nature: settings (INSTALLED_APPS) and the root URLconf.
WIRING = {"cms/settings", "cms/urls.py"}
# Migrations that ran when the fields of action still lived in home. A migration that has run
# keeps its dependencies; participation/migrations/0015 moved the reference to cms.
HISTORY = {
    "participation/migrations/0003_proposals.py": {"home", "home.fieldofaction"},
    "participation/migrations/0005_proposal_version_fields.py": {"home", "home.fieldofaction"},
}
MODEL_STRING = re.compile(r"^(?P<app>[a-z_]+)\.[A-Za-z_][\w.]*$")
MIGRATION_NAME = re.compile(r"^\d{4}_\w+$")


def _python_files(app):
    for path in sorted((ROOT / app).rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if not any(relative == w or relative.startswith(w + "/") for w in WIRING):
            yield relative, ast.parse(path.read_text(encoding="utf-8"), filename=relative)


def _docstrings(tree):
    nodes = [tree, *ast.walk(tree)]
    return {
        id(node.body[0].value)
        for node in nodes
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def references(tree):
    """(app label, how) for every import, model string, get_model call and migration dependency."""
    docstrings = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module.split(".")[0], node.module
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "get_model":
            first = node.args[0] if node.args else None
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield first.value.split(".")[0].lower(), first.value
        elif isinstance(node, ast.Tuple) and len(node.elts) == 2:
            label, name = node.elts
            if (
                isinstance(label, ast.Constant)
                and isinstance(name, ast.Constant)
                and isinstance(name.value, str)
                and MIGRATION_NAME.match(name.value)
            ):
                yield label.value, label.value
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and (match := MODEL_STRING.match(node.value))
        ):
            yield match["app"], node.value


@pytest.mark.parametrize("app", sorted(ABOVE))
def test_lower_apps_do_not_reach_up(app):
    found = []
    for path, tree in _python_files(app):
        allowed = HISTORY.get(path, set())
        found += [
            f"{path}: {how}"
            for label, how in references(tree)
            if label in ABOVE[app] and how not in allowed
        ]
    assert not found, f"{app} refers to an app above it:\n" + "\n".join(found)


def test_the_scan_sees_every_kind_of_reference():
    source = '''
"""Docstrings may say home.EventPage."""
import home.models
from visions.models import ProcessPage
field = models.ForeignKey("home.FieldOfAction", on_delete=models.PROTECT)
model = apps.get_model("search", "SearchDocument")
dependencies = [("demo", "0001_initial")]
'''
    assert sorted(references(ast.parse(source))) == [
        ("demo", "demo"),
        ("home", "home.FieldOfAction"),
        ("home", "home.models"),
        ("search", "search"),
        ("visions", "visions.models"),
    ]


def _module_imports(package):
    """{module: modules of ``package`` it imports}, relative imports resolved."""
    modules = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        relative = path.relative_to(ROOT)
        if "migrations" in relative.parts:
            continue
        parts = list(relative.with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        name = ".".join(parts)
        imported = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = parts if is_package else parts[:-1]
                if node.level:
                    base = base[: len(base) - node.level + 1]
                    module = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    module = node.module
                imported.add(module)
                imported |= {f"{module}.{alias.name}" for alias in node.names}
        modules[name] = imported
    return {
        name: {m for m in imported if m in modules and m != name and not name.startswith(m + ".")}
        for name, imported in modules.items()
    }


def _circle(graph):
    """One import circle as a list of modules, or None."""
    state = {}

    def visit(node, path):
        state[node] = "open"
        for target in sorted(graph[node]):
            if state.get(target) == "open":
                return [*path[path.index(target) :], target]
            if target not in state and (found := visit(target, [*path, target])):
                return found
        state[node] = "done"
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start, [start])):
            return found
    return None


@pytest.mark.parametrize(
    "package", ["cms", "home", "participation", "search", "visions", "opendata", "demo"]
)
def test_no_import_circle_inside_an_app(package):
    assert _circle(_module_imports(package)) is None


def test_the_circle_finder_finds_a_circle():
    assert _circle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
