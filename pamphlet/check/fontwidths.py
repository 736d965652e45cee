"""check: glyph widths in a PDF against the embedded font programs.

In:  a pypdf reader of any PDF.
Out: per embedded CID font (Type0 with a TrueType program, FontFile2), the
     glyph codes whose /W width differs from the program's own advance (hmtx)
     by more than a unit (thousandths of an em), and the largest difference.

PDF/UA-1 (7.21.5), PDF/A and a print shop's preflight require the two to
agree: a reader that trusts the program and one that trusts /W would space
the text differently.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

TOLERANCE = 1.0  # thousandths of an em


@dataclass(frozen=True)
class WidthMismatch:
    """One font whose /W disagrees with its program."""

    font: str  # BaseFont, without the leading slash
    codes: int  # glyph codes that differ by more than TOLERANCE
    of: int  # glyph codes with a /W entry
    worst: float  # the largest difference, thousandths of an em


def width_mismatches(reader) -> list[WidthMismatch]:
    """Every CID font of every page (forms included) whose /W and program disagree."""
    found, seen = [], set()
    for page in reader.pages:
        for font in _type0_fonts(page.get("/Resources"), set()):
            descendant = font["/DescendantFonts"][0].get_object()
            key = id(descendant)
            if key in seen:
                continue
            seen.add(key)
            mismatch = _compare(descendant)
            if mismatch is not None:
                found.append(mismatch)
    return found


def _type0_fonts(resources, seen: set) -> list:
    found = []
    if not resources:
        return found
    resources = resources.get_object()
    for ref in (resources.get("/Font") or {}).values():
        font = ref.get_object()
        if font.get("/Subtype") == "/Type0" and id(font) not in seen:
            seen.add(id(font))
            found.append(font)
    for ref in (resources.get("/XObject") or {}).values():
        xobject = ref.get_object()
        if xobject.get("/Subtype") == "/Form" and id(xobject) not in seen:
            seen.add(id(xobject))
            found += _type0_fonts(xobject.get("/Resources"), seen)
    return found


def cid_widths(descendant) -> dict[int, float]:
    """CID -> width from a CIDFont's /W array (both of its forms)."""
    widths: dict[int, float] = {}
    w = list(descendant.get("/W") or [])
    i = 0
    while i + 1 < len(w):
        first = int(w[i])
        if hasattr(w[i + 1], "__iter__"):
            for k, value in enumerate(w[i + 1]):
                widths[first + k] = float(value)
            i += 2
        else:
            for cid in range(first, int(w[i + 1]) + 1):
                widths[cid] = float(w[i + 2])
            i += 3
    return widths


def _compare(descendant) -> WidthMismatch | None:
    descriptor = descendant.get("/FontDescriptor")
    program = descriptor.get_object().get("/FontFile2") if descriptor is not None else None
    if program is None:
        return None  # CFF programs (FontFile3) carry no hmtx to compare with
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(program.get_object().get_data()), lazy=True)
    advances = font["hmtx"].metrics
    order = font.getGlyphOrder()
    scale = 1000.0 / font["head"].unitsPerEm
    to_gid = descendant.get("/CIDToGIDMap")
    mapping = None
    if to_gid is not None and to_gid.get_object() != "/Identity":
        data = to_gid.get_object().get_data()
        mapping = [int.from_bytes(data[k:k + 2], "big") for k in range(0, len(data) - 1, 2)]
    widths = cid_widths(descendant)
    bad, worst = 0, 0.0
    for cid, width in widths.items():
        gid = mapping[cid] if mapping is not None and cid < len(mapping) else cid
        if gid >= len(order):
            continue
        difference = abs(advances[order[gid]][0] * scale - width)
        if difference > TOLERANCE:
            bad += 1
            worst = max(worst, difference)
    if not bad:
        return None
    return WidthMismatch(str(descendant.get("/BaseFont", "?")).lstrip("/"), bad, len(widths), round(worst, 1))
