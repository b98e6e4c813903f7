"""The layout's rules, read from the source itself so that they stay true.

Data flows one way (read -> validate -> store -> transmit) and each folder may lean
only on what is below it: see ``docs/architecture.md``.  Every import statement of
the project's packages is read with :mod:`ast` (late imports inside functions
included, ``if TYPE_CHECKING:`` blocks left out: they never run), resolved to the
project module it names, and checked against the rules below.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("invoices", "connectors", "platforms", "emulators", "schemas", "demat")
MAX_LINES = 500


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _sources() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            found[_module_name(path)] = path
    return found


MODULES = _sources()


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _statements(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            for other in node.orelse:
                yield from _statements(other)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        yield from _statements(node)


def _resolve(module: str, node: ast.Import | ast.ImportFrom, path: Path) -> Iterator[str]:
    """The project modules an import statement loads (the most precise one known)."""
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name
        return
    base = node.module or ""
    if node.level:
        package = module.split(".")
        if path.name != "__init__.py":
            package = package[:-1]
        package = package[: len(package) - node.level + 1]
        base = ".".join([*package, base] if base else package)
    for alias in node.names:
        candidate = f"{base}.{alias.name}"
        yield candidate if candidate in MODULES else base


def _through(module: str, node: ast.Import | ast.ImportFrom, path: Path) -> Iterator[str]:
    """The module a statement goes *through*: ``from invoices.store import audit`` uses
    the interface of ``invoices.store`` (which chose to offer ``audit``)."""
    if isinstance(node, ast.ImportFrom) and not node.level and node.module:
        yield node.module
    else:
        yield from _resolve(module, node, path)


def _imports(resolve: object) -> dict[str, set[str]]:
    assert callable(resolve)
    graph: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        targets = set()
        for node in _statements(tree):
            for name in resolve(module, node, path):
                if name.split(".")[0] in PACKAGES or name == "cli":
                    targets.add(name)
        graph[module] = targets
    return graph


#: Module -> the project modules it loads (for circles).
GRAPH = _imports(_resolve)
#: Module -> the modules whose interface it uses (for the layering rules).
THROUGH = _imports(_through)


def _top(name: str) -> str:
    return name.split(".")[0]


def _violations(source_top: str, allowed: object) -> list[str]:
    bad = []
    for module, targets in THROUGH.items():
        if _top(module) != source_top:
            continue
        for target in sorted(targets):
            if _top(target) == source_top:
                continue
            assert callable(allowed)
            if not allowed(target):
                bad.append(f"{module} imports {target}")
    return bad


def test_the_library_imports_no_connector_emulator_or_application() -> None:
    assert not _violations("invoices", lambda t: _top(t) in {"schemas", "platforms"})


def test_the_library_imports_only_the_data_tables_of_platforms() -> None:
    assert not _violations(
        "invoices", lambda t: _top(t) != "platforms" or t.startswith("platforms.chorus")
    )


def test_connectors_use_the_library_through_its_public_modules_only() -> None:
    def allowed(target: str) -> bool:
        if _top(target) == "platforms":
            return True
        return _top(target) == "invoices" and target.count(".") <= 1

    assert not _violations("connectors", allowed)


def test_the_emulator_imports_no_code_of_the_project() -> None:
    assert not _violations("emulators", lambda t: False)


def test_schemas_and_platforms_import_nothing_of_the_project() -> None:
    assert not _violations("schemas", lambda t: False)
    assert not _violations("platforms", lambda t: False)


def _cycles() -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in GRAPH.get(node, ()):
            if target not in GRAPH:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(GRAPH):
        if node not in index:
            visit(node)
    return found


def test_no_import_circles() -> None:
    assert not _cycles()


def test_no_source_file_over_500_lines() -> None:
    too_long = []
    scripts = [*(ROOT / "samples").glob("*.py"), *(ROOT / "bench").glob("*.py")]
    for path in [*MODULES.values(), *scripts]:
        if "migrations" in path.parts:  # the schema's history, written once
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            too_long.append(f"{path.relative_to(ROOT)}: {lines} lines")
    assert not too_long


def test_the_rules_see_the_whole_tree() -> None:
    """A rule that reads nothing passes for the wrong reason."""
    assert {"invoices.pipeline.ingest", "connectors.chorus.client", "schemas.catalogue"} <= set(
        GRAPH
    )
    assert "invoices.validation.run" in GRAPH["invoices.pipeline.record"] or any(
        t.startswith("invoices.validation") for t in GRAPH["invoices.pipeline.record"]
    )
    assert any(_top(t) == "invoices" for t in GRAPH["connectors.outbox"])


#: Inside the library, the stages of the flow: each may use the ones before it only.
STAGES = (
    ("reading", ("invoices.syntax", "invoices.facturx", "invoices.reading", "invoices.write")),
    ("validation", ("invoices.validation",)),
    ("store", ("invoices.store",)),
    ("pipeline", ("invoices.pipeline",)),
)


def _stage(module: str) -> int | None:
    for rank, (_, prefixes) in enumerate(STAGES):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    return None


def test_inside_the_library_data_flows_one_way() -> None:
    """read -> validate -> store -> pipeline: no stage imports a later one."""
    bad = []
    for module, targets in GRAPH.items():
        rank = _stage(module)
        if rank is None:
            continue
        for target in sorted(targets):
            later = _stage(target)
            if later is not None and later > rank:
                bad.append(f"{module} imports {target}")
    assert not bad
