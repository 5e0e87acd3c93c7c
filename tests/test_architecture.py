"""The shape of the package: no import cycles, no oversized modules.

The import graph is read from the source (an AST walk, nothing is imported):
every ``import simulator.x`` / ``from simulator.x import y`` / relative import,
at module level or inside a function (lazy imports count: they run too).
A module that calls ``importlib.import_module`` depends on every package
module its string constants name (the commands of ``LazyGroup.LAZY``, a
package's PEP 562 name table), and ``from package import name`` of such a
lazily handed-out name depends on the module that defines it. Imports under
``if TYPE_CHECKING:`` are left out; they never run.
"""

from __future__ import annotations

import ast
from pathlib import Path


ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "simulator"
MAX_LINES = 500
"""House style: a module longer than this is split."""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES: dict[str, Path] = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}
"""Every module of the package by dotted name."""


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _known(name: str) -> str | None:
    """The module ``name`` names, or its nearest enclosing module of the package; None outside the package."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def _tree(module: str) -> ast.Module:
    path = MODULES[module]
    return ast.parse(path.read_bytes(), filename=str(path))


def _named_modules(node: ast.AST) -> set[str]:
    """Package modules named by string constants (``"simulator.x"`` or ``"simulator.x:attr"``) under ``node``."""
    return {m for c in ast.walk(node) if isinstance(c, ast.Constant) and isinstance(c.value, str)
            and c.value.startswith("simulator.") and (m := c.value.split(":")[0]) in MODULES}


def _calls_import_module(tree: ast.Module) -> bool:
    return any(isinstance(c, ast.Call) and getattr(c.func, "attr", getattr(c.func, "id", None)) == "import_module"
               for c in ast.walk(tree))


def lazy_names(package: str) -> dict[str, str]:
    """Names a package hands out on first use (PEP 562 ``__getattr__`` over a name -> module table)."""
    if package not in MODULES or MODULES[package].name != "__init__.py":
        return {}
    tree = _tree(package)
    if not _calls_import_module(tree):
        return {}
    return {k.value: v.value.split(":")[0] for d in ast.walk(tree) if isinstance(d, ast.Dict)
            for k, v in zip(d.keys, d.values)
            if isinstance(k, ast.Constant) and isinstance(k.value, str) and isinstance(v, ast.Constant)
            and isinstance(v.value, str) and v.value.split(":")[0] in MODULES}


def imports_of(module: str) -> set[str]:
    """The package modules ``module`` imports at run time (at any depth of its code)."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    tree = _tree(module)
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                if (target := _known(alias.name)) is not None:
                    found.add(target)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - (node.level - 1)]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            lazy = lazy_names(source)
            for alias in node.names:
                target = _known(f"{source}.{alias.name}")
                if target is not None and target != _known(source):
                    found.add(target)  # 'from simulator.x import y', y a submodule: imports simulator.x.y
                elif alias.name in lazy:
                    found.add(lazy[alias.name])  # a name the package imports on first use
                elif (target := _known(source)) is not None:
                    found.add(target)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    if _calls_import_module(tree):  # importlib.import_module over a table of names (LazyGroup.LAZY, PEP 562)
        found |= _named_modules(tree)
    found.discard(module)
    return found


def import_graph() -> dict[str, set[str]]:
    return {name: imports_of(name) for name in MODULES}


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle path per strongly connected component of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                components.append(component)

    for v in sorted(graph):
        if v not in index:
            connect(v)
    return [_cycle_through(graph, component) for component in components]


def _cycle_through(graph: dict[str, set[str]], component: set[str]) -> list[str]:
    """A shortest cycle from the component's first module back to itself (breadth first, inside the component)."""
    start = min(component)
    paths = {start: [start]}
    queue = [start]
    for v in queue:
        for w in sorted(graph[v] & component):
            if w == start:
                return paths[v] + [start]
            if w not in paths:
                paths[w] = paths[v] + [w]
                queue.append(w)
    raise AssertionError(f"no cycle through {start}")  # unreachable for a strongly connected component


def test_the_walk_sees_lazy_relative_and_submodule_imports() -> None:
    graph = import_graph()
    assert "simulator.errors" in graph["simulator.cli"]  # module level
    assert "simulator.scenario.loader" in graph["simulator.cli"]  # inside a command function
    assert "simulator.storage.store" in graph["simulator.storage"]  # from simulator.storage.store import ...
    assert "simulator.ui.seminar" in graph["simulator.cli"]  # a LazyGroup command
    assert "simulator.scenario.loader" in graph["simulator.scenario"]  # a PEP 562 name table
    assert "simulator.scenario" not in graph["simulator.cli"]  # 'from simulator.scenario import load': the loader
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]


def test_no_import_cycles() -> None:
    cycles = find_cycles(import_graph())
    assert not cycles, "import cycles:\n" + "\n".join("  " + " -> ".join(c) for c in cycles)


def test_no_module_over_500_lines() -> None:
    sizes = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines()) for p in MODULES.values()}
    offenders = {path: n for path, n in sorted(sizes.items()) if n > MAX_LINES}
    assert not offenders, f"modules over {MAX_LINES} lines: " + ", ".join(f"{p} ({n})" for p, n in offenders.items())
