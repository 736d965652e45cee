"""Every glyph code's /W width is the embedded font program's own advance
(PDF/UA-1 7.21.5, PDF/A; a print shop's preflight reports a mismatch), CJK
set solid included: the space of justification is in the glyph the code
draws, not only in /W."""

from __future__ import annotations

import io

import pytest
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from pamphlet.check.fontwidths import cid_widths, width_mismatches


def _fonts(reader: PdfReader):
    seen = {}
    for page in reader.pages:
        stack = [page["/Resources"]]
        while stack:
            resources = stack.pop().get_object()
            for ref in (resources.get("/Font") or {}).values():
                font = ref.get_object()
                if font.get("/Subtype") == "/Type0":
                    seen[id(font)] = font
            for ref in (resources.get("/XObject") or {}).values():
                if ref.get_object().get("/Subtype") == "/Form":
                    stack.append(ref.get_object()["/Resources"])
    return list(seen.values())


@pytest.mark.parametrize("lang", ["ja", "zh-Hans"])
@pytest.mark.parametrize("layout", ["trifold-letter", "booklet-letter"])
def test_every_width_is_the_font_programs_advance(build, lang, layout):
    reader = PdfReader(build(lang, layout).path)
    compared = 0
    for font in _fonts(reader):
        descendant = font["/DescendantFonts"][0].get_object()
        program = TTFont(io.BytesIO(descendant["/FontDescriptor"]["/FontFile2"].get_data()))
        scale = 1000.0 / program["head"].unitsPerEm
        order = program.getGlyphOrder()
        data = descendant["/CIDToGIDMap"].get_data()
        for cid, width in cid_widths(descendant).items():
            gid = int.from_bytes(data[2 * cid:2 * cid + 2], "big")
            advance = program["hmtx"][order[gid]][0] * scale
            assert abs(advance - width) <= 1.0, f"{font['/BaseFont']} CID {cid}: /W {width}, program {advance:.1f}"
            compared += 1
    assert compared > 500  # a CJK edition draws hundreds of codes
    assert width_mismatches(reader) == []


def test_the_checker_finds_a_mismatch(build):
    """A /W entry changed by hand is reported, with the font and the difference."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, FloatObject, NameObject, NumberObject

    writer = PdfWriter(clone_from=PdfReader(build("ja", "trifold-letter").path))
    font = _fonts(writer)[0]
    descendant = font["/DescendantFonts"][0].get_object()
    widths = list(cid_widths(descendant).values())
    widths[1] += 250
    descendant[NameObject("/W")] = ArrayObject([NumberObject(0), ArrayObject(FloatObject(w) for w in widths)])
    out = io.BytesIO()
    writer.write(out)
    found = width_mismatches(PdfReader(out))
    assert len(found) == 1 and found[0].codes == 1 and found[0].worst == 250.0
