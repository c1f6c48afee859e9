"""The package's layers, read from its folders: every import points down, none forms a cycle.

    ingest  ->  analysis  ->  evaluation  ->  report  ->  commands (cli, tables)

A module may import its own layer and the layers to its left (and the package root, which
holds only the version). The checker reads the source with :mod:`ast`, so an import inside a
function or under ``TYPE_CHECKING`` counts too: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

import pytest

import newscompare

PACKAGE_DIR = Path(newscompare.__file__).parent
#: Layer folders from the bottom up; the modules at the package's top level are the commands.
LAYERS = ("ingest", "analysis", "evaluation", "report")
COMMANDS = "commands"
#: Modules allowed at the top level: the commands, their table registry and new-report.
TOP_LEVEL_MODULES = {"__init__", "__main__", "cli", "scaffold", "tables"}


def module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def layer_of(module: str, package: str) -> str | None:
    """The layer of a module of ``package``; None for the package root (importable by all)."""
    parts = module.split(".")[1:]
    if not parts:
        return None
    return parts[0] if parts[0] in LAYERS else COMMANDS


def rank(layer: str | None) -> int:
    return -1 if layer is None else (LAYERS + (COMMANDS,)).index(layer)


def imports_of(path: Path, module: str, package: str, modules: set[str]) -> set[str]:
    """The modules of ``package`` (among ``modules``) that ``path`` imports, as dotted
    names; ``from newscompare.analysis import reuse`` imports the module
    ``newscompare.analysis.reuse``."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == package)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != package:
                continue
            submodules = {f"{target}.{a.name}" for a in node.names} & modules
            found.update(submodules or {target})
    return found & modules


def check_package(package_dir: Path) -> list[str]:
    """Every violation in the package at ``package_dir``: a module outside the layers, an
    upward import, a cycle. An empty list means the layers hold."""
    package = package_dir.name
    paths = {module_name(p, package_dir): p for p in sorted(package_dir.rglob("*.py"))}
    problems = []
    graph: dict[str, set[str]] = {}
    for module, path in paths.items():
        if len(module.split(".")) == 2 and module.split(".")[1] not in TOP_LEVEL_MODULES | set(LAYERS):
            problems.append(f"{module}: a module outside the layer folders {LAYERS}")
        targets = imports_of(path, module, package, set(paths)) - {module}
        graph[module] = targets
        for target in sorted(targets):
            if rank(layer_of(target, package)) > rank(layer_of(module, package)):
                problems.append(f"{module} ({layer_of(module, package)}) imports {target} "
                                f"({layer_of(target, package)}), a layer above it")
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as error:
        problems.append("import cycle: " + " -> ".join(error.args[1]))
    return problems


def test_every_import_points_down_and_none_forms_a_cycle():
    assert check_package(PACKAGE_DIR) == []


def test_every_layer_is_a_folder_with_modules():
    for layer in LAYERS:
        assert (PACKAGE_DIR / layer / "__init__.py").is_file()
        assert len(list((PACKAGE_DIR / layer).glob("*.py"))) > 1


# --- the checker itself, on tiny hand-made packages ------------------------------------


def make_package(root: Path, files: dict[str, str]) -> Path:
    package_dir = root / "pkg"
    for name in ("", *LAYERS):
        (package_dir / name).mkdir(parents=True, exist_ok=True)
        (package_dir / name / "__init__.py").write_text("", encoding="utf-8")
    for relative, text in files.items():
        (package_dir / relative).write_text(text, encoding="utf-8")
    return package_dir


def test_checker_accepts_downward_imports(tmp_path):
    package_dir = make_package(tmp_path, {
        "ingest/corpus.py": "X = 1\n",
        "analysis/reuse.py": "from pkg.ingest.corpus import X\n",
        "report/plots.py": "from ..analysis import reuse\nfrom . import other\n",
        "report/other.py": "",
        "cli.py": "import pkg.report.plots\n",
    })
    assert check_package(package_dir) == []


@pytest.mark.parametrize("importer, statement", [
    ("analysis/reuse.py", "from pkg.report import plots\n"),       # absolute, from a package
    ("ingest/corpus.py", "from ..analysis.reuse import f\n"),      # relative
    ("evaluation/score.py", "def f():\n    import pkg.report.plots\n"),  # lazy, in a function
    ("report/plots.py", "from pkg import cli\n"),                   # into the commands
])
def test_checker_finds_an_upward_import(tmp_path, importer, statement):
    package_dir = make_package(tmp_path, {
        "analysis/reuse.py": "", "report/plots.py": "", "evaluation/score.py": "",
        "ingest/corpus.py": "", "cli.py": "",
    })
    (package_dir / importer).write_text(statement, encoding="utf-8")
    problems = check_package(package_dir)
    assert len(problems) == 1 and "a layer above it" in problems[0]


def test_checker_finds_a_cycle_inside_one_layer(tmp_path):
    package_dir = make_package(tmp_path, {
        "analysis/a.py": "from pkg.analysis import b\n",
        "analysis/b.py": "def f():\n    from pkg.analysis.a import g\n",
    })
    problems = check_package(package_dir)
    assert len(problems) == 1 and problems[0].startswith("import cycle: ")


def test_checker_finds_a_module_outside_the_layers(tmp_path):
    package_dir = make_package(tmp_path, {"helpers.py": ""})
    assert check_package(package_dir) == ["pkg.helpers: a module outside the layer folders "
                                          f"{LAYERS}"]
