"""The code stays readable in small pieces: no Python file over 400 lines and no function over 60
(migrations are generated and exempt), and the import graph has no loop (pyproject.toml's
import-linter contracts, run here so that `make test` keeps them)."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAX_FILE_LINES = 400
MAX_FUNCTION_LINES = 60
SKIPPED_PARTS = {".venv", "node_modules", "var", "migrations", "__pycache__"}


def python_files():
    # The skipped folders are pruned on the way down: the virtualenv alone holds tens of
    # thousands of files, which took seconds to walk and then drop.
    files = []
    for folder, subfolders, names in os.walk(ROOT):
        subfolders[:] = [name for name in subfolders if name not in SKIPPED_PARTS]
        files.extend(Path(folder, name) for name in names if name.endswith(".py"))
    files.sort()
    assert len(files) > 100, "the walk found the project's files"
    return files


def test_no_python_file_is_over_400_lines():
    long = {
        str(path.relative_to(ROOT)): lines
        for path in python_files()
        if (lines := path.read_text().count("\n")) > MAX_FILE_LINES
    }
    assert long == {}


def test_no_function_is_over_60_lines():
    long = {}
    for path in python_files():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                # From the decorator or the def to the last line of the body.
                first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
                if (lines := node.end_lineno - first + 1) > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"] = lines
    assert long == {}


def test_the_import_contracts_hold():
    """import-linter reads every import, those inside functions included."""
    lint = Path(sys.executable).parent / "lint-imports"
    if not lint.exists():
        pytest.fail("import-linter is not installed: make install")
    result = subprocess.run(
        [str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_under_make_test_fast_a_module_runs_as_one_group(request):
    """`make test-fast` relies on pytest-xdist's groups (tests/conftest.py): a module's pages
    are built once, the demo on one worker. With pytest 9.2 and pytest-xdist 3.8 the group
    silently stopped reaching the node's id, and every module was split over both workers."""
    if not request.config.getoption("loadgroup", default=False):
        pytest.skip("runs under pytest-xdist's --dist loadgroup (make test-fast)")
    assert request.node.nodeid.endswith("@tests/test_structure.py")
