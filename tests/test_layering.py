"""One-way layering: no import cycle between the modules of ``feeds``.

Every import counts: at module level, under ``if TYPE_CHECKING``, and inside functions. A lazy
import (inside a function) is there to keep start-up fast, not to hide a cycle: it still makes one
module depend on another, so it must point the same way as the rest. So does a registry's module
named in a string (``FORMATS``, ``READERS``, ``MARKUPS``: imported by ``importlib`` when first
needed): the module whose table names it depends on it.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

FEEDS = Path(__file__).resolve().parents[1] / "feeds"


@functools.cache
def parsed(text: str) -> ast.Module:
    """``text`` parsed, once for all the tests below (they read the trees, never change them)."""
    return ast.parse(text)


@pytest.fixture(scope="module", autouse=True)
def _parsed_forgotten() -> Iterator[None]:
    """The trees go with this module's tests, rather than weigh on the process (and its forks) after."""
    yield
    parsed.cache_clear()


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the package's modules it imports (importing ``a.b.c`` imports ``a`` and ``a.b`` too)."""
    modules = {module_name(path, root): path for path in sorted(root.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in ast.walk(parsed(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in modules:
                targets.add(node.value)  # a module named in a registry, for importlib
            elif isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: from . import x, from ..y import z
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, base] if base else anchor)
                targets.add(base)
                targets.update(f"{base}.{alias.name}" for alias in node.names)
        graph[name] = set()
        for target in targets:
            parts = target.split(".")
            for i in range(1, len(parts) + 1):
                prefix = ".".join(parts[:i])
                # A module's own packages are imported before it: that is not a dependency of its own.
                if prefix in modules and prefix != name and not name.startswith(prefix + "."):
                    graph[name].add(prefix)
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle (``[a, b, a]``), or None."""
    done: set[str] = set()
    path: list[str] = []

    def visit(module: str) -> list[str] | None:
        if module in path:
            return [*path[path.index(module) :], module]
        if module in done:
            return None
        path.append(module)
        for target in sorted(graph[module]):
            if cycle := visit(target):
                return cycle
        path.pop()
        done.add(module)
        return None

    for module in sorted(graph):
        if cycle := visit(module):
            return cycle
    return None


def test_no_import_cycle_between_feeds_modules() -> None:
    graph = import_graph(FEEDS)
    assert len(graph) > 40  # every module was read
    assert "feeds.fields" in graph["feeds.normalize"]  # and imports were found
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def imported_by_name(path: Path) -> list[str]:
    """The arguments of ``import_module`` calls in ``path`` that make a name: such a module is named
    nowhere whole, so no test could see the import."""
    made = []
    for node in ast.walk(parsed(path.read_text(encoding="utf-8"))):
        if (
            isinstance(node, ast.Call)
            and (node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", ""))
            == "import_module"
            and node.args
            and not isinstance(node.args[0], (ast.Constant, ast.Subscript, ast.Name))
        ):
            made.append(ast.unparse(node.args[0]))
    return made


def test_feeds_modules_imported_by_name_are_named_whole() -> None:
    made = {str(path.relative_to(FEEDS.parent)): imported_by_name(path) for path in sorted(FEEDS.rglob("*.py"))}
    # Other packages' modules may be made from a name (Python-Markdown's extensions, feedgen's).
    feeds_made = {
        path: [m for m in names if not m.startswith(("f'markdown.", "f'feedgen."))] for path, names in made.items()
    }
    assert {path: names for path, names in feeds_made.items() if names} == {}


def test_a_registry_is_an_import() -> None:
    graph = import_graph(FEEDS)
    assert "feeds.pages.feedpage" in graph["feeds.formats"]
    assert "feeds.readers.news" in graph["feeds.readers"]
    assert "feeds.markup.markdown" in graph["feeds.markup"]


def test_a_cycle_is_found(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from pkg.sub import b\n")
    (package / "sub" / "__init__.py").write_text("")
    (package / "sub" / "b.py").write_text("def later() -> None:\n    from ..c import x\n")
    (package / "c.py").write_text("import pkg.a\nx = 1\n")
    assert find_cycle(import_graph(package)) == ["pkg.a", "pkg.sub.b", "pkg.c", "pkg.a"]
    (package / "c.py").write_text("x = 1\n")
    assert find_cycle(import_graph(package)) is None
    (package / "c.py").write_text('TABLE = {"a": "pkg.a"}\nx = 1\n')  # imported by importlib, by name
    assert find_cycle(import_graph(package)) == ["pkg.a", "pkg.sub.b", "pkg.c", "pkg.a"]


def test_every_feed_file_is_an_output_in_every_folder() -> None:
    # The feed page and the discovery page list LABELS without asking FORMATS (which names the page).
    from feeds.formats import FORMATS, NOT_AT_ROOT
    from feeds.mediatypes import LABELS

    assert list(LABELS) == [name for name in FORMATS if name in LABELS]
    assert not NOT_AT_ROOT & LABELS.keys()


MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80
# Modules allowed past the limits, each with its reason. Prefer none.
LONG_MODULES: dict[str, str] = {}


def sizes(root: Path) -> tuple[dict[str, int], dict[str, int]]:
    """Lines of each module, and of each function (``path:qualified.name``), over ``root``."""
    modules: dict[str, int] = {}
    functions: dict[str, int] = {}
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root.parent).as_posix()
        text = path.read_text(encoding="utf-8")
        modules[rel] = len(text.splitlines())

        def visit(node: ast.AST, prefix: str, rel: str = rel) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    name = f"{prefix}{child.name}"
                    if not isinstance(child, ast.ClassDef):
                        start = min([child.lineno, *(d.lineno for d in child.decorator_list)])
                        functions[f"{rel}:{name}"] = (child.end_lineno or child.lineno) - start + 1
                    visit(child, name + ".")
                else:
                    visit(child, prefix)

        visit(parsed(text), "")
    return modules, functions


def test_no_module_nor_function_too_long() -> None:
    modules, functions = sizes(FEEDS)
    assert len(modules) > 40 and len(functions) > 500  # every module was read, nested functions too
    long_modules = {rel: n for rel, n in modules.items() if n > MAX_MODULE_LINES and rel not in LONG_MODULES}
    long_functions = {
        name: n
        for name, n in functions.items()
        if n > MAX_FUNCTION_LINES and name.partition(":")[0] not in LONG_MODULES
    }
    assert long_modules == {}, f"split by job: no module over {MAX_MODULE_LINES} lines"
    assert long_functions == {}, f"split: no function over {MAX_FUNCTION_LINES} lines"


def test_sizes_are_counted(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "a.py").write_text(
        "class C:\n    @staticmethod\n    def f() -> None:\n        def g() -> None:\n            pass\n"
    )
    modules, functions = sizes(package)
    assert modules == {"pkg/a.py": 5}
    assert functions == {"pkg/a.py:C.f": 4, "pkg/a.py:C.f.g": 2}


MEASURED = re.compile(r"issue #?[0-9]+|[0-9.]+ ?(ms|s)\b")


def test_comments_say_why_not_how_long() -> None:
    # Measured figures go stale where nobody re-measures them: they live in bench/results.md.
    found = [
        f"{path.relative_to(FEEDS.parent)}:{number}: {line.strip()}"
        for path in sorted(FEEDS.rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if MEASURED.search(line)
    ]
    assert found == []
