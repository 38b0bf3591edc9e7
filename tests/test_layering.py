"""One-way layering: no import cycle between the modules of ``feeds``.

Every import counts: at module level, under ``if TYPE_CHECKING``, and inside functions. A lazy
import (inside a function) is there to keep start-up fast, not to hide a cycle: it still makes one
module depend on another, so it must point the same way as the rest. So does a registry's module
named in a string (``FORMATS``, ``READERS``, ``MARKUPS``: imported by ``importlib`` when first
needed): the module whose table names it depends on it.
"""

from __future__ import annotations

import ast
from pathlib import Path

FEEDS = Path(__file__).resolve().parents[1] / "feeds"


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
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
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
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
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
