"""The package reads like the data flow: products ← network, photos ← site ← cli.

Every module's imports of `catalogue.*` (at the top or inside a function) are read with `ast`;
an import of a later stage, an import between the two middle stages, two modules importing
each other, or a new module outside the stages fails here, naming the file and line.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "catalogue"

# Stage of each top-level name under catalogue/; a higher stage may import a lower one.
STAGES = {
    "clock": 0, "parallel": 0, "files": 0, "locales": 0, "region": 0,  # shared by every stage
    "products": 1,
    "network": 2, "photos": 2,  # both read the checked catalogue; neither needs the other
    "site": 3,
    "cli": 4, "init": 4, "github": 4, "form_pull_request": 4, "samples": 4, "plugin": 4,  # entry points (plugin: the old address)
    "national": 4,  # the national catalogue: an entry point over the provinces' published data
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p.read_text(encoding="utf-8") for p in sorted(PACKAGE.rglob("*.py"))}


def stage_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "clock"  # `import catalogue` itself: shared


def imports(source: str, modules) -> list[tuple[int, str]]:
    """(line, module) of every catalogue module `source` imports."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "catalogue"]
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "catalogue":
            for alias in node.names:  # `from catalogue.site import pages` imports catalogue.site.pages
                sub = f"{node.module}.{alias.name}"
                out.append((node.lineno, sub if sub in modules else node.module))
    return out


def misplaced(modules) -> list[str]:
    return [f"{name}: not in a stage; move it into catalogue/<products|network|photos|site>/"
            for name in modules if name != "catalogue" and stage_of(name) not in STAGES]


def wrong_imports(modules) -> list[str]:
    wrong = []
    for name, source in modules.items():
        here = stage_of(name)
        for line, target in imports(source, modules):
            there = stage_of(target)
            if here in STAGES and there in STAGES and (
                    STAGES[there] > STAGES[here] or (STAGES[there] == STAGES[here] == 2 and there != here)):
                wrong.append(f"{name}:{line}: {here} imports {target} ({there}), a later or parallel stage")
    return wrong


def mutual_imports(modules) -> list[str]:
    graph = {name: {t for _, t in imports(source, modules) if t in modules and t != name}
             for name, source in modules.items()}
    cycles = []
    for start in sorted(graph):
        stack, seen = [(start, [start])], set()
        while stack:
            node, trail = stack.pop()
            for nxt in sorted(graph[node]):
                if nxt == start:
                    cycles.append(" → ".join(trail + [start]))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, trail + [nxt]))
    return cycles


def test_every_module_lives_in_a_stage():
    assert misplaced(MODULES) == []


def test_imports_point_to_earlier_stages():
    assert wrong_imports(MODULES) == []


def test_no_module_imports_back():
    assert mutual_imports(MODULES) == []


def test_the_checks_catch_what_they_are_for():
    bad = {
        "catalogue.helpers": "",
        "catalogue.products.validate": "from catalogue.site import pages\n",
        "catalogue.network.stats": "import catalogue.photos.renditions\n",
        "catalogue.photos.renditions": "",
        "catalogue.site.pages": "from catalogue.site.network_pages import Builder\n",
        "catalogue.site.network_pages": "from catalogue.site import pages\n",
    }
    assert misplaced(bad) == ["catalogue.helpers: not in a stage; move it into catalogue/<products|network|photos|site>/"]
    assert wrong_imports(bad) == [
        "catalogue.products.validate:1: products imports catalogue.site.pages (site), a later or parallel stage",
        "catalogue.network.stats:1: network imports catalogue.photos.renditions (photos), a later or parallel stage",
    ]
    assert mutual_imports(bad) == ["catalogue.site.network_pages → catalogue.site.pages → catalogue.site.network_pages",
                                   "catalogue.site.pages → catalogue.site.network_pages → catalogue.site.pages"]
