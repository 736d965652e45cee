"""House rules the package keeps as it grows, checked on its source."""

from __future__ import annotations

import ast
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

