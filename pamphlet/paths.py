"""Where the project's data lives: layouts/, text/, fonts/, profiles/, brands/.

A checkout keeps them beside the package; ``pip install .`` installs them
under ``<prefix>/share/pamphlet``. ``PAMPHLET_ROOT`` overrides both, and a
working directory that has its own ``layouts/`` and ``text/`` wins over the
installed copy, so a partner can keep their own project folder.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

_DATA_DIRS = ("layouts", "text", "fonts")


def _is_root(path: Path) -> bool:
    return all((path / name).is_dir() for name in _DATA_DIRS)


@cache
def project_root() -> Path:
    candidates = []
    if os.environ.get("PAMPHLET_ROOT"):
        candidates.append(Path(os.environ["PAMPHLET_ROOT"]))
    candidates += [Path.cwd(), Path(__file__).resolve().parent.parent, Path(sys.prefix) / "share" / "pamphlet"]
    for path in candidates:
        if _is_root(path):
            return path.resolve()
    raise RuntimeError("cannot find the pamphlet data folders (layouts/, text/, fonts/); set PAMPHLET_ROOT")


def cache_dir() -> Path:
    base = os.environ.get("PAMPHLET_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "pamphlet"
    )
    return Path(base)
