"""Where the project's data lives: layouts/, text/, fonts/, profiles/, brands/.

A checkout keeps them beside the package; ``pip install .`` installs them
under ``<prefix>/share/pamphlet``. ``PAMPHLET_ROOT`` overrides both, and a
working directory that has its own ``layouts/`` and ``text/`` wins over the
installed copy, so a partner can keep their own project folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .buildcontext import remembered

_DATA_DIRS = ("layouts", "text", "fonts")
DEFAULT_DOC = "text/understanding-migrant-sex-workers"  # what --doc names when it is not given


def _is_root(path: Path) -> bool:
    return all((path / name).is_dir() for name in _DATA_DIRS)


@remembered
def project_root() -> Path:
    candidates = []
    if os.environ.get("PAMPHLET_ROOT"):
        candidates.append(Path(os.environ["PAMPHLET_ROOT"]))
    candidates += [Path.cwd(), Path(__file__).resolve().parent.parent, Path(sys.prefix) / "share" / "pamphlet"]
    for path in candidates:
        if _is_root(path):
            return path.resolve()
    raise RuntimeError("cannot find the pamphlet data folders (layouts/, text/, fonts/); set PAMPHLET_ROOT")


def doc_option(folder: Path) -> str:
    """How a command suggested to the user names this document: '' for the
    default one, else ' --doc NAME' for a folder under text/, or ' --doc PATH'
    (so the command works on the document it was said about)."""
    import shlex

    folder = Path(folder).resolve()
    root = project_root()
    if folder == (root / DEFAULT_DOC).resolve():
        return ""
    if folder.parent == (root / "text").resolve():
        return f" --doc {shlex.quote(folder.name)}"
    relative = os.path.relpath(folder)
    return f" --doc {shlex.quote(folder.as_posix() if relative.startswith('..') else relative)}"


def cache_dir() -> Path:
    base = os.environ.get("PAMPHLET_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "pamphlet"
    )
    return Path(base)


def checked_asset_path(written, base: Path, where, what: str, problems) -> Path | None:
    """``asset_path``, its problem added to ``problems`` (None then): for
    readers that report every problem of a file together."""
    from .errors import PamphletError

    try:
        return asset_path(written, base, where, what)
    except PamphletError as exc:
        problems.extend(exc)
        return None


def asset_path(written, base: Path, where, what: str = "file") -> Path:
    """The file a data file names (a font, a logo, an image), resolved
    inside ``base``, the folder of the file that names it.

    Brand and content files travel between people, so the files they name
    must be theirs: a relative path that stays inside the folder, also once
    symlinks are followed. Paths typed on the command line are the user's own
    and do not come through here. ``where`` (a Location) is the line that
    names the file; a path outside is a PamphletError there.
    """
    from .errors import PamphletError, Problem  # paths is imported by everything; keep it light

    text = str(written)
    folder = base.resolve()
    shown = f"'{text}'"
    expected = (f"expected a path relative to {where.path.name}, inside its folder {folder} "
                f"(copy the {what} there)")
    if not text.strip():
        raise PamphletError(Problem(where, f"{what} path is empty", expected))
    if "\0" in text:
        raise PamphletError(Problem(where, f"{what} path {text!r} contains a NUL character", expected))
    path = Path(text)
    if path.is_absolute() or text == "~" or text.startswith("~/"):
        raise PamphletError(Problem(where, f"{what} {shown} is an absolute path", expected))
    if ".." in path.parts:
        raise PamphletError(Problem(where, f"{what} {shown} goes up out of its folder ('..')", expected))
    resolved = (folder / path).resolve()
    if not resolved.is_relative_to(folder):
        raise PamphletError(Problem(where, f"{what} {shown} is a link to {resolved}, outside its folder", expected))
    return resolved
