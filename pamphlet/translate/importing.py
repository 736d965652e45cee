"""import: a PO or XLIFF file -> the translation file it updates."""

from __future__ import annotations

from pathlib import Path

from ..errors import Location, PamphletError, Problem
from .exchange import ImportResult, import_units


def import_file(folder: Path, file: Path, reviewed: bool = False, force: bool = False) -> ImportResult:
    """Read by extension (.po, .xlf/.xliff), or by content when it says nothing."""
    head = file.read_bytes()[:200].removeprefix(b"\xef\xbb\xbf").lstrip()
    if file.suffix.lower() in (".xlf", ".xliff") or (file.suffix.lower() not in (".po", ".pot") and head.startswith(b"<")):
        from .xliff import read_xliff

        return import_units(folder, read_xliff(file), reviewed, force)
    if file.suffix.lower() in (".po", ".pot") or b"msgid" in head:
        from .po import read_po

        return import_units(folder, read_po(file), reviewed, force)
    raise PamphletError(Problem(Location(file), "neither a PO nor an XLIFF file", "expected a .po or .xlf file as exported"))
