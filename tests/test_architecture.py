"""The house rules a reader relies on (issue 9): layers, sizes, stage contracts.

Packages are layered along the flow of a report. A module may import from its own
package and from lower layers only; packages on the same layer (intake and cases,
commands and deadlines) do not know each other. ARCHITECTURE.md draws the same map.
"""

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "mailrouter"
LAYERS = [
    {"__init__", "errors", "faults", "clock", "concurrently", "words", "templates", "example_config", "group_leader", "child_process", "keyed"},   # foundation modules
    {"durable"},
    {"dir_syncer"},
    {"entry_dir", "draft", "audit"},
    {"mail"},
    {"settings"},
    {"intake", "cases"},
    {"privacy"},
    {"outbound"},
    {"casework"},
    {"commands", "deadlines"},
    {"pipeline"},
    {"app"},
    {"__main__"},
]
RANK = {unit: rank for rank, units in enumerate(LAYERS) for unit in units}
MAX_MODULE_LINES = 250
MAX_FUNCTION_LINES = 40


def unit_of(dotted):
    """'mailrouter.cases.store' -> 'cases'; 'mailrouter.clock' -> 'clock'."""
    parts = dotted.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).with_suffix("")
        yield ".".join(relative.parts), path, ast.parse(path.read_text(encoding="utf-8"))


def imports_of(name, path, tree):
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.startswith("mailrouter"))
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[:len(package.split(".")) - node.level + 1] + ([base] if base else []))
            if base == "mailrouter":       # `from mailrouter import __version__` or a module
                yield from (f"mailrouter.{a.name}" if (PACKAGE / a.name).exists() or
                            (PACKAGE / f"{a.name}.py").exists() else "mailrouter" for a in node.names)
            elif base.startswith("mailrouter"):
                yield base


def layer_violations(found_modules=None):
    found = []
    for name, path, tree in found_modules or modules():
        own = unit_of(name)
        for imported in imports_of(name, path, tree):
            other = unit_of(imported)
            if other == own:
                continue
            if other not in RANK or own not in RANK:
                found.append(f"{name}: {imported} (package not in the layer map)")
            elif RANK[other] >= RANK[own]:
                found.append(f"{name} imports {imported} ({other} is not below {own})")
    return found


def test_every_package_is_on_the_map():
    units = {unit_of(name) for name, _, _ in modules()}
    assert units - set(RANK) == set()


def test_no_module_imports_a_layer_above_or_beside_it():
    assert layer_violations() == []


def test_the_rule_sees_an_upward_and_a_sideways_import():
    """The checker itself can fail: cases importing the pipeline, commands importing deadlines."""
    probes = [("mailrouter.cases.probe", PACKAGE / "cases" / "probe.py",
               ast.parse("from mailrouter.pipeline import runner\n")),
              ("mailrouter.commands.probe", PACKAGE / "commands" / "probe.py",
               ast.parse("from ..deadlines.when import is_open\n"))]
    found = layer_violations(probes)
    assert len(found) == 2 and "pipeline is not below cases" in found[0] and "deadlines" in found[1]


def size_violations(found_modules=None):
    found = []
    for name, path, tree in found_modules or modules():
        lines = len(path.read_text(encoding="utf-8").splitlines()) if path.exists() else 0
        if lines > MAX_MODULE_LINES:
            found.append(f"{name}: {lines} lines")
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found.append(f"{name}.{node.name}: {length} lines")
    return found


def test_no_module_over_250_lines_and_no_function_over_40():
    assert size_violations() == []


def test_the_size_rule_sees_a_long_function():
    body = "\n".join(f"    x{i} = {i}" for i in range(41))
    probe = ("mailrouter.cases.probe", PACKAGE / "cases" / "probe.py", ast.parse(f"def long():\n{body}\n"))
    assert size_violations([probe]) == ["mailrouter.cases.probe.long: 42 lines"]


def test_every_stage_says_what_it_reads_and_sets():
    """A reader of a stage knows its contract without reading the others (issue 9, point 3)."""
    from mailrouter.pipeline.pipelines import PIPELINES

    stages = {stage for pipeline in PIPELINES.values() for stage in pipeline}
    silent = [s.__name__ for s in stages if "Reads:" not in (s.__doc__ or "") or "Sets:" not in (s.__doc__ or "")]
    assert silent == []
    assert {p.stem for p in (PACKAGE / "pipeline" / "stages").glob("*.py")} - {"__init__"} == \
        {s.__name__.rsplit(".", 1)[-1] for s in stages}, "a stage module no pipeline uses"


def test_the_context_is_typed():
    """No `object` or untyped field in what every stage, command and deadline receives."""
    import dataclasses

    from mailrouter.casework.context import Context
    from mailrouter.pipeline.item import Item

    for cls in (Context, Item):
        loose = [f.name for f in dataclasses.fields(cls) if f.type in (object, "object")]
        assert loose == [], cls.__name__


def one_shot_hmacs(source):
    """Calls of `hmac.digest(...)`: the one-shot form releases the GIL around a microsecond of
    work, and taking it back waits up to a switch interval (5 ms) while the courier's thread
    runs Python, about 1000 times the HMAC itself (issue 11: ~20 per report in the worker)."""
    return [node.lineno for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute) and node.func.attr == "digest"
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "hmac"]


def test_no_one_shot_hmac():
    found = {f"{path.relative_to(PACKAGE)}:{line}" for path in PACKAGE.rglob("*.py")
             for line in one_shot_hmacs(path.read_text())}
    assert not found, f"hmac.digest releases the GIL; use hmac.new(key, msg, 'sha256').digest(): {sorted(found)}"


def test_the_hmac_rule_sees_a_one_shot_call():
    assert one_shot_hmacs("import hmac\nx = hmac.digest(b'k', b'm', 'sha256')\n") == [2]
    assert one_shot_hmacs("import hmac\nx = hmac.new(b'k', b'm', 'sha256').digest()\n") == []
