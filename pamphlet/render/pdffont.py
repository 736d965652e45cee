"""Embedding shaped glyphs: one Type0 font (CIDFontType2, Identity-H) per face.

reportlab's own TrueType support takes characters, not glyphs, and maps the
glyphs HarfBuzz substitutes to private-use code points, which breaks copy and
paste of Thai. So the renderer draws glyph ids itself and embeds fonts here:

* each HarfBuzz cluster is drawn as one glyph, and ToUnicode maps it to the
  cluster's characters: a cluster of several glyphs (a Thai consonant with
  its vowel and tone mark, SARA AM drawn as NIKHAHIT + SARA AA, a Vietnamese
  letter drawn as base + marks) becomes one composite glyph holding them at
  HarfBuzz's positions. No glyph is ever left without text (pdfium and pdf.js
  read an empty ToUnicode entry as the raw code, a control character), no
  zero-width glyph sits on top of another (which pdfium reads as a line
  break), and no glyph's text is drawn as a gap (which poppler reads as a
  space);
* a glyph HarfBuzz offsets from its pen position is likewise a composite
  that carries the offset, so the text operators only ever advance the pen:
  no backward-then-forward kerning that extractors read as a word space;
* every distinct (drawing, text) gets its own CID, so one glyph can stand for
  different text in different places; a glyph widened for solid setting is
  a CID of its own too, drawn by a glyph of the subset that has the wider
  advance (a composite of the one glyph), so every CID's /W is its glyph's
  own advance in the font program (PDF/UA and PDF/A require it, and a
  print shop's preflight reports a mismatch);
* CIDToGIDMap points the CIDs at a subset font made with fontTools holding
  only the glyphs used; CFF outlines are converted to TrueType (cu2qu) after
  subsetting, which is fast because the subset is small;
* subsets are cached on disk by font and glyph set, and are byte-identical
  from run to run, so the same inputs give the same PDF.
"""

from __future__ import annotations

import copy
import hashlib
import io

from typing import TYPE_CHECKING

from reportlab.pdfbase import pdfdoc

from ..buildcontext import memo
from ..cache import DiskCache, key_of
from ..text.fontlibrary import FontFace

if TYPE_CHECKING:  # fontTools is loaded only to make a subset the cache does not have
    from fontTools.ttLib import TTFont

_DROP_TABLES = ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "DSIG", "vhea", "vmtx", "VORG", "STAT", "MVAR",
                "HVAR", "VVAR", "kern", "morx", "feat", "meta", "gasp", "hdmx", "LTSH", "VDMX", "PCLT"]
# Subsets by font contents and the drawings they hold (a CJK subset takes
# 0.1-1 s to make, the cu2qu conversion included); the entry's version goes
# up when what a subset holds changes.
_SUBSETS = DiskCache("font-subsets", "5", limit=4096)

Component = tuple[int, int, int]  # glyph id, x and y from the pen (font units)
Drawing = tuple[tuple[Component, ...], int]  # components, advance (font units)


class PdfFont:
    """The glyphs of one face used in one PDF, and the objects that embed them."""

    def __init__(self, face: FontFace, resource_name: str):
        self.face = face
        self.name = resource_name
        self._cids: dict[tuple[Drawing, str], int] = {}
        self._glyph_cids: dict[tuple[int, str, int, int], int] = {}
        self.drawn_clusters: dict[tuple, list[tuple[int, float]]] = {}  # the renderer's, per cluster drawn
        # (drawing, text); CID 0 is .notdef
        self.entries: list[tuple[Drawing, str]] = [((((0, 0, 0),), face.advance(0)), "")]

    def cid(self, drawing: Drawing, text: str) -> int:
        key = (drawing, text)
        found = self._cids.get(key)
        if found is None:
            found = self._cids[key] = len(self.entries)
            self.entries.append(key)
        return found

    def glyph(self, gid: int, text: str, dx: int = 0, dy: int = 0) -> int:
        """The CID of one glyph, moved by (dx, dy), with its own advance."""
        key = (gid, text, dx, dy)
        found = self._glyph_cids.get(key)
        if found is None:
            found = self._glyph_cids[key] = self.cid((((gid, dx, dy),), self.face.advance(gid)), text)
        return found

    def wider(self, cid: int, extra: int) -> int:
        """The CID of the same drawing and text with ``extra`` font units
        more advance (the space of solid setting, see ``draw``)."""
        if not extra:
            return cid
        (components, advance), text = self.entries[cid]
        return self.cid((components, advance + extra), text)

    def width(self, cid: int) -> float:
        """Advance of a CID in PDF glyph space (1/1000 em)."""
        return self.entries[cid][0][1] * 1000.0 / self.face.upem

    def add_to(self, doc: pdfdoc.PDFDocument) -> None:
        """Write the font objects and list them in every page's font resources."""
        shapes = [drawing for drawing, _ in self.entries]
        program, new_gid, metrics = font_program(self.face, sorted(set(shapes)))
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
        cid_to_gid = b"".join(new_gid[shape].to_bytes(2, "big") for shape in shapes)
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


def _subset_tag(face: FontFace, entries: list[tuple[Drawing, str]]) -> str:
    digest = hashlib.sha256(repr((face.key, entries)).encode()).digest()
    return "".join(chr(ord("A") + b % 26) for b in digest[:6])


def _to_unicode_cmap(entries: list[tuple[Drawing, str]]) -> str:
    lines = []
    mapped = [(cid, text) for cid, (_, text) in enumerate(entries) if cid and text]
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


def font_program(face: FontFace, drawings: list[Drawing]) -> tuple[bytes, dict[Drawing, int], dict]:
    """A TrueType subset holding ``drawings`` (composites where a drawing is
    more than one glyph at its own pen position), the map from each to its
    glyph id in the subset, and the font's metrics."""
    key = key_of("subset", face.digest.hex(), face.index, tuple(drawings))
    made = memo("font subsets", limit=256)  # the build context's: a batch makes each subset once
    if key in made:
        return made[key]
    stored = _SUBSETS.load(key)
    try:
        program, gids, metrics = stored
        if len(gids) != len(drawings):
            raise ValueError("an entry of another shape")
        result = (program, dict(zip(drawings, gids)), metrics)
    except (TypeError, ValueError):  # not cached (None), or an entry of another shape
        result = _make_subset(face, drawings)
        _SUBSETS.store(key, (result[0], [result[1][d] for d in drawings], result[2]))
    return made.keep(key, result)


def _plain(face: FontFace, drawing: Drawing) -> bool:
    """A single glyph at the pen with its own advance: no composite needed."""
    components, advance = drawing
    return len(components) == 1 and components[0][1:] == (0, 0) and advance == face.advance(components[0][0])


def _make_subset(face: FontFace, drawings: list[Drawing]) -> tuple[bytes, dict[Drawing, int], dict]:
    from fontTools import subset

    font = _source_font(face)
    order = font.getGlyphOrder()
    names = sorted({order[gid] for components, _ in drawings for gid, _, _ in components})
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
    converted = "CFF " in font or "CFF2" in font
    if converted:
        _cff_to_glyf(font)
    composite_names = _add_composites(font, order, [d for d in drawings if not _plain(face, d)])
    new_order = {name: i for i, name in enumerate(font.getGlyphOrder())}
    new_gid = {d: new_order[composite_names.get(d) or order[d[0][0][0]]] for d in drawings}
    # The kept glyphs are written as they were read: their boxes do not change
    # in a subset, and recomputing them unpacks and repacks every glyph (a
    # third of the subset's time). The font-wide figures stay the whole font's,
    # which bound the subset's; _add_composites widens them for what it adds.
    # Glyphs converted from CFF are new, and measured.
    font.recalcBBoxes = converted
    out = io.BytesIO()
    font.save(out)
    metrics = _metrics(font)
    return out.getvalue(), new_gid, metrics


# Fonts smaller than this (the Latin and Thai faces, which nearly every PDF
# uses) are read once per process and copied for each subset; the CJK faces,
# several MB each and used by few PDFs, are read afresh each time and freed.
_KEEP_PARSED_BELOW = 1 << 20  # bytes of font file


def _source_font(face: FontFace) -> TTFont:
    """The face's font, without the tables every subset drops, for the
    subsetter to cut down."""
    key = (str(face.path), face.index, face.digest)  # the contents: a font file edited meanwhile is read again
    kept = memo("parsed fonts")
    parsed = kept.get(key)
    if parsed is None:
        parsed = _read_font(face)
        if face.path.stat().st_size >= _KEEP_PARSED_BELOW:
            return parsed
        for tag in parsed.keys():  # read every table now: the copies have no file to read from
            parsed[tag]
        parsed.close()
        kept[key] = parsed
    return _copy_font(parsed)


def _read_font(face: FontFace) -> TTFont:
    from fontTools.ttLib import TTFont

    font = TTFont(str(face.path), fontNumber=face.index, recalcTimestamp=False, lazy=True)
    for tag in list(font.keys()):
        if tag.strip() in _DROP_TABLES or tag.strip() in _HINTING_TABLES:
            # The subsetter would drop them too, but only after reading GSUB
            # and GPOS whole to see whether they need 32-bit offsets (a third
            # of a Latin subset's time).
            del font[tag]
    return font


_HINTING_TABLES = ("cvt", "cvar", "fpgm", "prep", "hdmx", "VDMX")  # dropped by the subsetter without hinting


def _copy_font(parsed: TTFont) -> TTFont:
    """A font the subsetter may change freely: each table copied with its own
    lists and dicts (what subsetting replaces or edits: glyph sets, metrics,
    cmap subtables, names) and each glyph a copy of its own: the subsetter
    rewrites a packed glyph's data (hinting stripped, a composite's component
    ids renumbered for the subset), which must not reach the next subset."""
    from fontTools.ttLib import TTFont

    font = TTFont(recalcTimestamp=False)
    font.sfntVersion = parsed.sfntVersion
    font.setGlyphOrder(list(parsed.getGlyphOrder()))
    for tag in parsed.keys():
        if tag != "GlyphOrder":
            table = _copy_containers(parsed[tag])
            if tag == "cmap":
                table.tables = [_copy_containers(subtable) for subtable in table.tables]
            if tag == "glyf":
                table.glyphs = {name: copy.copy(glyph) for name, glyph in table.glyphs.items()}
            font[tag] = table
    return font


def _copy_containers(thing):
    new = copy.copy(thing)
    for name, value in vars(thing).items():
        if isinstance(value, (dict, list, set)):
            setattr(new, name, copy.copy(value))
    return new


def _add_composites(font: TTFont, source_order: list[str], wanted: list[Drawing]) -> dict[Drawing, str]:
    """A composite glyph for each drawing: its glyphs, each moved by its
    offset from the pen, with the drawing's advance."""
    if not wanted:
        return {}
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    glyf, hmtx = font["glyf"], font["hmtx"]
    order = list(font.getGlyphOrder())
    names = {}
    for n, drawing in enumerate(wanted):
        components, advance = drawing
        name = f"{source_order[components[0][0]]}.draw{n}"
        pen = TTGlyphPen(glyf.glyphs, handleOverflowingTransforms=False)
        for gid, dx, dy in components:
            pen.addComponent(source_order[gid], (1, 0, 0, 1, dx, dy))
        glyph = pen.glyph()
        glyph.recalcBounds(glyf)
        glyf.glyphs[name] = glyph
        hmtx.metrics[name] = (max(0, advance), getattr(glyph, "xMin", 0))
        _widen_font_figures(font, glyph, advance, len(components))
        order.append(name)
        names[drawing] = name
    font.setGlyphOrder(order)
    glyf.glyphOrder = order
    return names


def _widen_font_figures(font: TTFont, glyph, advance: float, components: int) -> None:
    """The font-wide box, widest advance and composite counts (head, hhea,
    maxp) taking in an added composite: the subset keeps the whole font's
    figures, and a drawing may stand taller or wider than any glyph of it."""
    head, hhea, maxp = font["head"], font["hhea"], font["maxp"]
    if glyph.numberOfContours:  # a drawing of marks alone may have no outline
        head.xMin, head.yMin = min(head.xMin, glyph.xMin), min(head.yMin, glyph.yMin)
        head.xMax, head.yMax = max(head.xMax, glyph.xMax), max(head.yMax, glyph.yMax)
    hhea.advanceWidthMax = max(hhea.advanceWidthMax, round(advance))
    if maxp.tableVersion == 0x00010000:
        points, contours, depth = glyph.getCompositeMaxpValues(font["glyf"])
        maxp.maxCompositePoints = max(maxp.maxCompositePoints, points)
        maxp.maxCompositeContours = max(maxp.maxCompositeContours, contours)
        maxp.maxComponentElements = max(maxp.maxComponentElements, components)
        maxp.maxComponentDepth = max(maxp.maxComponentDepth, depth)


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
