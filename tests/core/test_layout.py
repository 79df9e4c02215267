"""The layout's rules (docs/architecture.md), checked on the code: no import loop between the
site's apps, imports inside functions included, and small files and functions in the apps
that came out of home/."""

import ast
import sys
from pathlib import Path

import pytest
from django.conf import settings

APPS = ("core", "home", "news", "campaigns", "publications")
SPLIT_APPS = ("core", "home", "news", "campaigns")
MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 60


def strongly_connected(graph, modules):
    """The groups of `modules` that import each other in a loop (Tarjan's algorithm)."""
    index, low, stack, on_stack, loops = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module) & modules:
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = set()
            while module not in group:
                group.add(stack.pop())
            on_stack.difference_update(group)
            if len(group) > 1:
                loops.append(sorted(group))

    for module in sorted(modules):
        if module not in index:
            visit(module)
    return loops


def test_no_import_loop_between_the_apps(monkeypatch):
    grimp = pytest.importorskip("grimp")
    monkeypatch.setattr(sys, "path", [str(settings.BASE_DIR), *sys.path])
    graph = grimp.build_graph(*APPS, include_external_packages=False)
    # Demo content is data and a loader, not a part of the site (it moves to demo/).
    modules = {module for module in graph.modules if ".demo" not in module}
    assert strongly_connected(graph, modules) == []


def python_files():
    for app in SPLIT_APPS:
        for path in sorted((settings.BASE_DIR / app).rglob("*.py")):
            parts = path.relative_to(settings.BASE_DIR).parts
            if "migrations" not in parts and "demo" not in parts:
                yield path


@pytest.mark.parametrize("path", list(python_files()), ids=str)
def test_files_and_functions_are_small(path: Path):
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= MAX_FILE_LINES
    long = [
        node.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []
