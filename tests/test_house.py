"""House rules the package keeps as it grows, checked on its source."""

from __future__ import annotations

import ast
import re
from collections import defaultdict

from .conftest import ROOT

PACKAGE = ROOT / "pamphlet"


def test_no_two_modules_share_a_base_name():
    """A module's name seen in a traceback says which room it is in."""
    where = defaultdict(list)
    for path in PACKAGE.rglob("*.py"):
        if path.name != "__init__.py":
            where[path.name].append(str(path.relative_to(PACKAGE)))
    assert len(where) > 50, "the package's modules were found"
    shared = {name: sorted(paths) for name, paths in where.items() if len(paths) > 1}
    assert not shared, f"modules that share a base name (rename one): {shared}"


# Memoised pure functions of their arguments (nothing they remember can go stale); every other cache is the
# build context's: a memo, or a loader declared @remembered, so one reset forgets it.
PURE_FUNCTIONS = {
    "text/scripts.py": {"is_cjk", "is_mark", "char_class", "is_dictionary_script"},
    "text/bidi.py": {"is_rtl_letter"},
    "content/characters.py": {"_unprintable", "_right_to_left"},
    "text/breaks.py": {"_thai_tokenizer", "_budoux_parser", "_hyphenator", "_icu_break_iterator"},
    "content/zawgyi.py": {"_detector"},
    "render/artdraw.py": {"_shapes_renderer"},
    "cache.py": {"code_fingerprint", "_sources", "installed_version"},
}
NOT_CACHES = {("cache.py", "_FLUSHERS")}  # the writers to call at exit: a registry, not remembered results
# Caches waiting to move into the build context (none now: add one only with a reason).
NOT_YET_IN_THE_CONTEXT: set[tuple[str, str]] = set()


def _module_level(tree: ast.Module):
    """Statements at module level and in class bodies (where a process-wide cache can hide)."""
    for node in tree.body:
        yield node
        if isinstance(node, ast.ClassDef):
            yield from node.body


def _is_empty_container(value) -> bool:
    return (isinstance(value, ast.Dict) and not value.keys) or (isinstance(value, ast.List) and not value.elts) or (
        isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in ("dict", "set", "list")
        and not value.args)


def _decorator_name(decorator) -> str:
    target = decorator.func if isinstance(decorator, ast.Call) else decorator
    return target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "")


def test_every_cache_in_memory_is_the_build_contexts():
    """No module keeps a dict of results or a functools cache of its own:
    watch and the tests forget everything with buildcontext.reset()."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = str(path.relative_to(PACKAGE))
        for node in _module_level(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Assign, ast.AnnAssign)) and node.value is not None and _is_empty_container(node.value):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    key = (name, getattr(target, "id", ""))
                    if key not in NOT_CACHES | NOT_YET_IN_THE_CONTEXT:
                        found.append(f"{name}:{node.lineno} {key[1]} (use buildcontext.memo)")
            if isinstance(node, ast.FunctionDef) and node.name not in PURE_FUNCTIONS.get(name, ()) \
                    and (name, node.name) not in NOT_YET_IN_THE_CONTEXT:
                if any(_decorator_name(d) in ("cache", "lru_cache") for d in node.decorator_list):
                    found.append(f"{name}:{node.lineno} {node.name} (use buildcontext.remembered)")
    assert not found, "in-memory caches outside the build context:\n" + "\n".join(found)


MAX_FUNCTION_LINES = 60
# Long functions waiting to be split (none now).
BEING_SPLIT: set[str] = set()


def test_no_function_runs_over_sixty_lines():
    """A long function does several stages at once: split it into named ones."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = str(path.relative_to(PACKAGE))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and f"{name}:{node.name}" not in BEING_SPLIT:
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found.append(f"{name}:{node.lineno} {node.name} ({length} lines)")
    assert not found, f"functions over {MAX_FUNCTION_LINES} lines:\n" + "\n".join(found)


PRIVATE_OF_LIBRARIES = re.compile(r"\b(canvas|writer|reader|doc|document|page)\._[A-Za-z]\w*")
REACHING_IN_PENDING: set[str] = set()


def test_only_privateapi_reaches_into_reportlab_and_pypdf():
    """A private attribute of another library breaks on a minor upgrade; the
    one module that needs them (privateapi.py) is checked by its own test."""
    found = []
    for root in (PACKAGE, ROOT / "tests"):
        for path in sorted(root.rglob("*.py")):
            name = str(path.relative_to(root))
            if name in {"privateapi.py", *REACHING_IN_PENDING} or "node_modules" in path.parts:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if PRIVATE_OF_LIBRARIES.search(line) and "self._" not in line:
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "private attributes of other libraries (use pamphlet.privateapi):\n" + "\n".join(found)
