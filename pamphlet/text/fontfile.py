"""Is a file a font the pipeline can use? Answered from its header and
table directory alone (a few hundred bytes), before HarfBuzz or fontTools
read it: HarfBuzz quietly treats a damaged table as empty, so a font cut
short would draw blank glyphs, and fontTools would fail later, mid-render."""

from __future__ import annotations

import struct
from pathlib import Path

_SFNT = {b"\x00\x01\x00\x00", b"OTTO", b"true"}
_NEEDED = (b"cmap", b"head", b"hhea", b"hmtx", b"maxp")
CONVERT = "convert it to TTF or OTF first (fontTools or a font editor can)"


def font_file_problem(path: Path, index: int = 0) -> tuple[str, str] | None:
    """(what is wrong, what was expected) for a file that is no usable font, or None."""
    expected = "expected a TrueType or OpenType font (TTF, OTF, TTC, OTC)"
    try:
        with open(path, "rb") as handle:
            data = handle.read(1 << 16)
            size = handle.seek(0, 2)
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})", expected
    head = data[:4]
    if not size:
        return "is empty", expected
    if head == b"wOFF" or head == b"wOF2":
        return f"is a {'WOFF2' if head == b'wOF2' else 'WOFF'} web font", f"{expected}: {CONVERT}"
    offset = 0
    if head == b"ttcf":
        count = _unpack(">I", data, 8)
        if count is None or index >= count[0]:
            return (f"has no font number {index}" if count else "is cut short"), \
                   f"expected a face number below {count[0] if count else 1} after '#'"
        offset = (_unpack(">I", data, 12 + 4 * index) or (size,))[0]
        with open(path, "rb") as handle:
            handle.seek(offset)
            data = handle.read(1 << 16)
        head = data[:4]
    elif index:
        return f"is a single font, not a collection (it has no font number {index})", "expected no '#' after its name"
    if head not in _SFNT:
        return "is not a font", expected
    tables = {}
    count = _unpack(">H", data, 4)
    for n in range(count[0] if count else 0):
        record = _unpack(">4sIII", data, 12 + 16 * n)
        if record is None:
            return "is cut short (in its table directory)", expected
        tag, _, start, length = record
        tables[tag] = (start, length)
        if start + length > size:
            name = tag.decode("latin-1").strip()
            return (f"is cut short: its '{name}' table ends at byte {start + length:,} of a {size:,}-byte file",
                    f"{expected}, complete (download or copy it again)")
    if b"cmap" not in tables:
        return "has no character map (cmap table)", f"{expected} that maps characters to glyphs"
    missing = [t.decode() for t in _NEEDED if t not in tables]
    if missing:
        return f"lacks the tables {', '.join(missing)}", expected
    if b"glyf" not in tables and b"CFF " not in tables and b"CFF2" not in tables:
        return "has no outlines (no glyf or CFF table: a bitmap or colour-only font?)", expected
    return None


def _unpack(fmt: str, data: bytes, at: int):
    try:
        return struct.unpack_from(fmt, data, at)
    except struct.error:
        return None
