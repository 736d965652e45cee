"""A user's own fonts: TrueType, OpenType with CFF outlines, and collections."""

from __future__ import annotations

from fontTools.fontBuilder import FontBuilder
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont
from pypdf import PdfReader

from pamphlet.check.preflight import preflight
from pamphlet.pipeline import BuildOptions, build
from pamphlet.render import pdffont

from .conftest import pypdf_text, squash
from .test_content import GOOD_SOURCE, write_doc
from .readers import placed_pages

ASCII = range(33, 127)


def _box(pen, width: int) -> None:
    pen.moveTo((50, 0))
    pen.lineTo((width - 50, 0))
    pen.lineTo((width - 50, 700))
    pen.lineTo((50, 700))
    pen.closePath()


def make_font(path, ps_name: str, cff: bool) -> None:
    """A small font whose printable ASCII glyphs are boxes."""
    order = [".notdef", "space"] + [f"c{c}" for c in ASCII]
    builder = FontBuilder(1000, isTTF=not cff)
    builder.setupGlyphOrder(order)
    builder.setupCharacterMap({32: "space", **{c: f"c{c}" for c in ASCII}})
    if cff:
        strings = {}
        for name in order:
            pen = T2CharStringPen(600, None)
            if name != "space":
                _box(pen, 600)
            strings[name] = pen.getCharString()
        builder.setupCFF(ps_name, {"FullName": ps_name}, strings, {})
    else:
        glyphs = {}
        for name in order:
            pen = TTGlyphPen(None)
            if name != "space":
                _box(pen, 600)
            glyphs[name] = pen.glyph()
        builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({name: (600, 50) for name in order})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": ps_name, "styleName": "Regular", "psName": ps_name})
    builder.setupOS2(sTypoAscender=800, usWinAscent=800, usWinDescent=200)
    builder.setupPost()
    builder.save(str(path))


def test_document_fonts_otf_cff_ttf_and_collection(tmp_path, monkeypatch):
    monkeypatch.setenv("PAMPHLET_CACHE", str(tmp_path / "cache"))
    make_font(tmp_path / "BoxSans.otf", "BoxSans-Regular", cff=True)
    make_font(tmp_path / "a.ttf", "BoxA-Regular", cff=False)
    make_font(tmp_path / "b.ttf", "BoxSans-Bold", cff=False)
    collection = TTCollection()
    collection.fonts = [TTFont(str(tmp_path / "a.ttf")), TTFont(str(tmp_path / "b.ttf"))]
    collection.save(str(tmp_path / "BoxSans.ttc"))

    folder = write_doc(tmp_path, GOOD_SOURCE)
    for name in ("BoxSans.otf", "BoxSans.ttc"):
        (folder / name).write_bytes((tmp_path / name).read_bytes())
    source = folder / "en.yaml"
    source.write_text(source.read_text().replace(
        "document: {id: demo, lang: en, title: Demo}",
        "document:\n  id: demo\n  lang: en\n  title: Demo\n  fonts: {latin: {regular: BoxSans.otf, bold: 'BoxSans.ttc#1'}}"))

    options = BuildOptions(doc=folder, langs=("en",), layouts=("trifold-letter",), out_dir=tmp_path / "out")
    (result,) = build(options)
    data = result.path.read_bytes()
    assert preflight(data) == []
    reader = PdfReader(result.path)
    names = set()
    for page in reader.pages:
        for placed in placed_pages(page):
            for font in (placed.resources.get_object().get("/Font") or {}).values():
                font = font.get_object()
                descendant = font["/DescendantFonts"][0].get_object()
                assert "/FontFile2" in descendant["/FontDescriptor"]  # CFF converted to TrueType
                names.add(str(font["/BaseFont"]).split("+")[1])
    assert {"BoxSans-Regular", "BoxSans-Bold"} <= names
    assert "Helloboldandemworld" in squash("".join(pypdf_text(result.path)))

    # A second build takes its subsets from the cache: no font is cut again.
    cached = sorted((tmp_path / "cache" / "font-subsets").iterdir())
    from pamphlet import buildcontext

    buildcontext.reset()  # what the process remembers: the next subsets come from the disk cache
    monkeypatch.setattr(pdffont, "_make_subset", lambda *a: (_ for _ in ()).throw(AssertionError("cache miss")))
    (again,) = build(BuildOptions(doc=folder, langs=("en",), layouts=("trifold-letter",), out_dir=tmp_path / "again"))
    assert again.path.read_bytes() == data
    assert sorted((tmp_path / "cache" / "font-subsets").iterdir()) == cached


def test_a_font_file_that_is_not_a_font_is_reported(tmp_path):
    folder = write_doc(tmp_path, GOOD_SOURCE.replace(
        "document: {id: demo, lang: en, title: Demo}",
        "document:\n  id: demo\n  lang: en\n  title: Demo\n  fonts: {latin: {regular: notes.txt}}"))
    (folder / "notes.txt").write_text("not a font")
    from pamphlet.content.load import load_document
    from pamphlet.errors import PamphletError
    import pytest

    with pytest.raises(PamphletError) as info:
        load_document(folder, "en")
    assert str(info.value.problems[0]) == (f"{folder}/en.yaml:5: font file 'notes.txt' is not a font; "
                                           "expected a TrueType or OpenType font (TTF, OTF, TTC, OTC)")


def test_a_font_kept_parsed_gives_the_same_subsets_as_one_read_afresh(monkeypatch):
    """Small faces are parsed once per process and copied for each subset: a
    subset made from the copy, after other subsets of the same face (plain
    glyphs, composites, a moved glyph), is byte for byte the one made from
    the file read afresh."""
    from pamphlet.text.fontlibrary import bundled_library

    face = bundled_library().face("latin", "regular")
    gids = {ch: face.hb_font.get_nominal_glyph(ord(ch)) for ch in "Helo wrdếữ́"}
    plain = [(((gids[ch], 0, 0),), face.advance(gids[ch])) for ch in "Helo"]
    composite = [(((gids["e"], 0, 0), (gids["\u0301"], 120, 300)), face.advance(gids["e"]))]
    moved = [(((gids["w"], 40, -20),), face.advance(gids["w"]) + 50)]
    sets = [sorted(plain), sorted(plain + composite), sorted(moved + plain[:2]),
            sorted([(((gids[ch], 0, 0),), face.advance(gids[ch])) for ch in "rdếữ"] + composite)]

    from pamphlet.buildcontext import memo

    monkeypatch.setattr(pdffont, "_KEEP_PARSED_BELOW", 0)  # every subset from the file, read afresh
    memo("parsed fonts").clear()
    afresh = [pdffont._make_subset(face, drawings) for drawings in sets]

    monkeypatch.setattr(pdffont, "_KEEP_PARSED_BELOW", 1 << 30)
    kept = [pdffont._make_subset(face, drawings) for drawings in sets + sets[::-1]]
    assert memo("parsed fonts"), "the face was not kept parsed"
    assert kept == afresh + afresh[::-1]
    assert len({program for program, _, _ in afresh}) == len(sets)


def test_a_subsets_font_wide_figures_bound_its_glyphs():
    """A subset keeps its glyphs as read and the whole font's box, widest
    advance and composite counts, widened for the drawings it adds: a mark
    stacked far above a letter, three glyphs in one drawing. What fontTools
    recomputes from the subset's glyphs stays inside what the subset says."""
    import io

    from pamphlet.text.fontlibrary import bundled_library

    face = bundled_library().face("latin", "regular")
    gids = {ch: face.hb_font.get_nominal_glyph(ord(ch)) for ch in "Hoe\u0301"}
    tall = (((gids["H"], 0, 0), (gids["\u0301"], 200, 2600), (gids["\u0301"], 400, 3400)), face.advance(gids["H"]) + 4000)
    drawings = sorted([(((gids["o"], 0, 0),), face.advance(gids["o"])), tall])
    program, new_gid, _ = pdffont._make_subset(face, drawings)

    said = TTFont(io.BytesIO(program))
    head, hhea, maxp = said["head"], said["hhea"], said["maxp"]
    counted = TTFont(io.BytesIO(program))
    glyf = counted["glyf"]
    names = counted.getGlyphOrder()
    boxes = []
    for name in names:
        glyph = glyf[name]
        if glyph.numberOfContours:
            glyph.recalcBounds(glyf)
            boxes.append((glyph.xMin, glyph.yMin, glyph.xMax, glyph.yMax))
    counted["maxp"].recalc(counted)
    recomputed = counted["maxp"]
    assert glyf[names[new_gid[tall]]].yMax > 3400  # the drawing stands above every glyph of the font
    assert head.xMin <= min(b[0] for b in boxes) and head.yMin <= min(b[1] for b in boxes)
    assert head.xMax >= max(b[2] for b in boxes) and head.yMax >= max(b[3] for b in boxes)
    assert hhea.advanceWidthMax >= face.advance(gids["H"]) + 4000
    for figure in ("maxPoints", "maxContours", "maxCompositePoints", "maxCompositeContours", "maxComponentElements",
                   "maxComponentDepth"):
        assert getattr(maxp, figure) >= getattr(recomputed, figure), figure
    assert maxp.maxComponentElements >= 3
