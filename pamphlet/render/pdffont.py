"""Embedding shaped glyphs: one Type0 font (CIDFontType2, Identity-H) per face.

reportlab's own TrueType support takes characters, not glyphs, and maps the
glyphs HarfBuzz substitutes to private-use code points, which breaks copy and
paste of Thai. So the renderer draws glyph ids itself and embeds fonts here:

* every distinct (glyph, text, offset) gets its own CID, so one glyph can
  stand for different text in different places, and ToUnicode maps each CID
  to the exact characters of its HarfBuzz cluster ('' for the other glyphs
  of a cluster, and for a hyphen the layout added);
* a glyph HarfBuzz offsets from its pen position (a Thai tone mark moved
  left and up over an upper vowel) is embedded as a composite glyph that
  carries the offset, so the text operators only ever advance the pen: no
  backward-then-forward kerning that extractors read as a word space;
* CIDToGIDMap points the CIDs at a subset font made with fontTools holding
  only the glyphs used; CFF outlines are converted to TrueType (cu2qu) after
  subsetting, which is fast because the subset is small;
* subsets are cached on disk by font and glyph set, and are byte-identical
  from run to run, so the same inputs give the same PDF.
"""

from __future__ import annotations

import hashlib
import io

from typing import TYPE_CHECKING

from reportlab.pdfbase import pdfdoc

from ..cache import DiskCache, key_of
from ..text.fonts import FontFace

if TYPE_CHECKING:  # fontTools is loaded only to make a subset the cache does not have
    from fontTools.ttLib import TTFont

_DROP_TABLES = ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "DSIG", "vhea", "vmtx", "VORG", "STAT", "MVAR",
                "HVAR", "VVAR", "kern", "morx", "feat", "meta", "gasp", "hdmx", "LTSH", "VDMX", "PCLT"]
# Subsets by font contents and glyph set (a CJK subset takes 0.1-1 s to make,
# the cu2qu conversion included); the entry's version goes up when what a
# subset holds changes.
_SUBSETS = DiskCache("font-subsets", "3", limit=4096)


class PdfFont:
    """The glyphs of one face used in one PDF, and the objects that embed them."""

    def __init__(self, face: FontFace, resource_name: str):
        self.face = face
        self.name = resource_name
        self._cids: dict[tuple[int, str, int, int], int] = {}
        # (glyph id, text, x offset, y offset in font units); CID 0 is .notdef
        self.entries: list[tuple[int, str, int, int]] = [(0, "", 0, 0)]
        self._widths: list[float] = []

    def cid(self, gid: int, text: str, dx: int = 0, dy: int = 0) -> int:
        key = (gid, text, dx, dy)
        found = self._cids.get(key)
        if found is None:
            found = self._cids[key] = len(self.entries)
            self.entries.append(key)
        return found

    def width(self, cid: int) -> float:
        """Advance of a CID in PDF glyph space (1/1000 em)."""
        while len(self._widths) <= cid:
            self._widths.append(self.face.advance(self.entries[len(self._widths)][0]) * 1000.0 / self.face.upem)
        return self._widths[cid]

    def add_to(self, doc: pdfdoc.PDFDocument) -> None:
        """Write the font objects and list them in every page's font resources."""
        glyphs = sorted({(gid, dx, dy) for gid, _, dx, dy in self.entries})
        program, new_gid, metrics = font_program(self.face, glyphs)
        tag = _subset_tag(self.face, self.entries)
        base_font = f"{tag}+{metrics['ps_name']}"
        compress = [pdfdoc.PDFZCompress] if doc.compression else None

        font_file = pdfdoc.PDFStream(pdfdoc.PDFDictionary({"Length1": len(program)}), program, filters=compress)
        descriptor = pdfdoc.PDFDictionary({
            "Type": pdfdoc.PDFName("FontDescriptor"),
            "FontName": pdfdoc.PDFName(base_font),
            "Flags": 4,
            "FontBBox": pdfdoc.PDFArray(metrics["bbox"]),
            "ItalicAngle": metrics["italic_angle"],
            "Ascent": metrics["ascent"],
            "Descent": metrics["descent"],
            "CapHeight": metrics["cap_height"],
            "StemV": 80,
            "FontFile2": doc.Reference(font_file),
        })
        cid_to_gid = b"".join(new_gid[(gid, dx, dy)].to_bytes(2, "big") for gid, _, dx, dy in self.entries)
        widths = [round(self.width(cid), 3) for cid in range(len(self.entries))]
        cid_font = pdfdoc.PDFDictionary({
            "Type": pdfdoc.PDFName("Font"),
            "Subtype": pdfdoc.PDFName("CIDFontType2"),
            "BaseFont": pdfdoc.PDFName(base_font),
            "CIDSystemInfo": pdfdoc.PDFDictionary({
                "Registry": pdfdoc.PDFString("Adobe"), "Ordering": pdfdoc.PDFString("Identity"), "Supplement": 0}),
            "FontDescriptor": doc.Reference(descriptor),
            "DW": 0,
            "W": pdfdoc.PDFArray([0, pdfdoc.PDFArray(widths)]),
            "CIDToGIDMap": doc.Reference(pdfdoc.PDFStream(content=cid_to_gid, filters=compress)),
        })
        to_unicode = pdfdoc.PDFStream(content=_to_unicode_cmap(self.entries).encode("ascii"), filters=compress)
        font = pdfdoc.PDFDictionary({
            "Type": pdfdoc.PDFName("Font"),
            "Subtype": pdfdoc.PDFName("Type0"),
            "BaseFont": pdfdoc.PDFName(base_font),
            "Encoding": pdfdoc.PDFName("Identity-H"),
            "DescendantFonts": pdfdoc.PDFArray([doc.Reference(cid_font)]),
            "ToUnicode": doc.Reference(to_unicode),
        })
        doc.idToObject["BasicFonts"].dict[self.name] = doc.Reference(font, "PamphletFont." + self.name)


def _subset_tag(face: FontFace, entries: list[tuple[int, str, int, int]]) -> str:
    digest = hashlib.sha256(repr((face.key, entries)).encode()).digest()
    return "".join(chr(ord("A") + b % 26) for b in digest[:6])


def _to_unicode_cmap(entries: list[tuple[int, str, int, int]]) -> str:
    lines = []
    mapped = [(cid, text) for cid, (_, text, _, _) in enumerate(entries) if cid]
    for chunk_start in range(0, len(mapped), 100):
        chunk = mapped[chunk_start:chunk_start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        for cid, text in chunk:
            lines.append(f"<{cid:04X}> <{text.encode('utf-16-be').hex().upper()}>")
        lines.append("endbfchar")
    return "\n".join([
        "/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def", "/CMapType 2 def",
        "1 begincodespacerange", "<0000> <FFFF>", "endcodespacerange",
        *lines,
        "endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end",
    ])


Placed = tuple[int, int, int]  # glyph id, x offset, y offset (font units)
_MEMORY: dict[str, tuple[bytes, dict[Placed, int], dict]] = {}


def font_program(face: FontFace, glyphs: list[Placed]) -> tuple[bytes, dict[Placed, int], dict]:
    """A TrueType subset holding ``glyphs`` (offset ones as composites), the
    map from each to its glyph id in the subset, and the font's metrics."""
    key = key_of("subset", face.digest.hex(), face.index, tuple(glyphs))
    if key in _MEMORY:
        return _MEMORY[key]
    stored = _SUBSETS.load(key)
    try:
        program, gids, metrics = stored
        result = (program, {(gid, dx, dy): new for gid, dx, dy, new in gids}, metrics)
    except (TypeError, ValueError):  # not cached (None), or an entry of another shape
        result = _make_subset(face, glyphs)
        _SUBSETS.store(key, (result[0], [(*placed, new) for placed, new in result[1].items()], result[2]))
    if len(_MEMORY) > 256:
        _MEMORY.clear()
    _MEMORY[key] = result
    return result


def _make_subset(face: FontFace, glyphs: list[Placed]) -> tuple[bytes, dict[Placed, int], dict]:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(face.path), fontNumber=face.index, recalcTimestamp=False, lazy=True)
    order = font.getGlyphOrder()
    names = sorted({order[gid] for gid, _, _ in glyphs})
    options = subset.Options()
    options.layout_features = []
    options.drop_tables += _DROP_TABLES
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = [1, 2, 3, 4, 6]
    options.name_languages = [0x409]
    options.glyph_names = False
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(glyphs=names)
    subsetter.subset(font)
    if "CFF " in font or "CFF2" in font:
        _cff_to_glyf(font)
    offset_names = _add_offset_glyphs(font, [(order[gid], dx, dy) for gid, dx, dy in glyphs if dx or dy])
    new_order = {name: i for i, name in enumerate(font.getGlyphOrder())}
    new_gid = {(gid, dx, dy): new_order[offset_names.get((order[gid], dx, dy), order[gid])] for gid, dx, dy in glyphs}
    out = io.BytesIO()
    font.save(out)
    metrics = _metrics(font)
    return out.getvalue(), new_gid, metrics


def _add_offset_glyphs(font: TTFont, wanted: list[tuple[str, int, int]]) -> dict[tuple[str, int, int], str]:
    """A composite glyph for each (glyph, dx, dy): the glyph moved by the
    offset, with the same advance."""
    if not wanted:
        return {}
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    glyf, hmtx = font["glyf"], font["hmtx"]
    order = list(font.getGlyphOrder())
    names = {}
    for n, (base, dx, dy) in enumerate(wanted):
        name = f"{base}.offset{n}"
        pen = TTGlyphPen(glyf.glyphs, handleOverflowingTransforms=False)
        pen.addComponent(base, (1, 0, 0, 1, dx, dy))
        glyph = pen.glyph()
        glyph.recalcBounds(glyf)
        glyf.glyphs[name] = glyph
        hmtx.metrics[name] = (hmtx.metrics[base][0], getattr(glyph, "xMin", 0))
        order.append(name)
        names[(base, dx, dy)] = name
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    return names


def _metrics(font: TTFont) -> dict:
    scale = 1000.0 / font["head"].unitsPerEm
    head, hhea = font["head"], font["hhea"]
    os2 = font["OS/2"] if "OS/2" in font else None
    ps_name = font["name"].getDebugName(6) or "Font"
    ps_name = "".join(ch for ch in ps_name if ch.isalnum() or ch in "-_") or "Font"
    cap = getattr(os2, "sCapHeight", 0) if os2 else 0
    return {
        "ps_name": ps_name,
        "bbox": [round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)],
        "italic_angle": float(font["post"].italicAngle) if "post" in font else 0.0,
        "ascent": round(hhea.ascent * scale),
        "descent": round(hhea.descent * scale),
        "cap_height": round((cap or hhea.ascent * 0.7) * scale),
    }


def _cff_to_glyf(font: TTFont) -> None:
    """Replace CFF outlines by quadratic TrueType ones (reportlab-free PDFs embed
    FontFile2 everywhere, which every PDF/X level accepts)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = font.getGlyphOrder()
    glyf.glyphs = {}
    for name in glyf.glyphOrder:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    for tag in ("CFF ", "CFF2", "VORG"):
        if tag in font:
            del font[tag]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs",
                 "maxStackElements", "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, attr, 0 if attr != "maxZones" else 1)
    for attr in ("maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours", "maxComponentDepth"):
        setattr(maxp, attr, 0)
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 3.0
    font.sfntVersion = "\x00\x01\x00\x00"
