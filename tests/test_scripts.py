"""Script-specific typesetting: Thai marks and words, CJK kinsoku and locale
fonts, Korean keep-all; checked on the PDF and on the laid-out lines."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pytest
import uharfbuzz as hb
from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ContentStream

from pamphlet.content.load import load_document
from pamphlet.content.model import Span, Text
from pamphlet.errors import Location, Problems
from pamphlet.languages import language
from pamphlet.partner.brand import load_brand
from pamphlet.layout.flow import Composition, PlacedPage, compose
from pamphlet.layout.spec import ReaderPage, Rect
from pamphlet.layouts import load_layout
from pamphlet.layout.typeset import Setter, TextLine
from pamphlet.render.draw import render
from pamphlet.text.breaks import NO_END, NO_START
from pamphlet.text.fontlibrary import bundled_library
from pamphlet.text.scripts import is_mark

from .conftest import DOC, LAYOUTS, ROOT, pypdf_text
from .readers import placed_pages

THAI_MARKS = "นี้ ลิ้น เท่านั้น เยิ้ม ผู้ที่ ก่ำ ปั้น ญี่ปุ่น"


# -- reading glyphs back from a PDF ------------------------------------------------

def _outline(font: TTFont, name: str) -> tuple:
    glyph = font["glyf"][name]
    coords, _, _ = glyph.getCoordinates(font["glyf"])
    return tuple(coords)


def _ink(outline: tuple, x: float, y: float, scale: float) -> list[tuple[float, float]]:
    """A glyph's outline points placed on the page."""
    return [(round(x + px * scale, 2), round(y + py * scale, 2)) for px, py in outline]


def drawn_glyphs(pdf: bytes) -> list[list[tuple[float, float]]]:
    """The outline points of every glyph shown on page 1, where they land on
    the page, by interpreting its text operators and reading the embedded fonts."""
    reader = PdfReader(io.BytesIO(pdf))
    page = reader.pages[0]
    fonts = {}
    for name, ref in page["/Resources"]["/Font"].items():
        descendant = ref.get_object()["/DescendantFonts"][0].get_object()
        program = TTFont(io.BytesIO(descendant["/FontDescriptor"]["/FontFile2"].get_data()))
        order = program.getGlyphOrder()
        cid_to_gid = descendant["/CIDToGIDMap"].get_data()
        widths = list(descendant["/W"][1])
        fonts[name] = (program, order, cid_to_gid, widths)
    glyphs = []
    x0 = y0 = tx = rise = size = 0.0
    font = None
    for operands, op in ContentStream(page.get_contents(), reader).operations:
        if op == b"Tm":
            x0, y0, tx = float(operands[4]), float(operands[5]), 0.0
        elif op == b"Tf":
            font, size = fonts[operands[0]], float(operands[1])
        elif op == b"Ts":
            rise = float(operands[0])
        elif op == b"TJ":
            program, order, cid_to_gid, widths = font
            for item in operands[0]:
                if isinstance(item, (int, float)) or hasattr(item, "as_numeric"):
                    tx -= float(item) / 1000 * size
                    continue
                data = bytes(item.original_bytes if hasattr(item, "original_bytes") else item)
                for k in range(0, len(data), 2):
                    cid = int.from_bytes(data[k:k + 2], "big")
                    gid = int.from_bytes(cid_to_gid[2 * cid:2 * cid + 2], "big")
                    scale = size / program["head"].unitsPerEm
                    glyphs.append(_ink(_outline(program, order[gid]), x0 + tx, y0 + rise, scale))
                    tx += float(widths[cid]) / 1000 * size
    return glyphs


def harfbuzz_glyphs(font_path: Path, text: str, lang: str, size: float, x: float, y: float):
    """What HarfBuzz itself says: the outline points of each glyph of ``text`` set at (x, y)."""
    blob = hb.Blob.from_file_path(str(font_path))
    face = hb.Face(blob)
    font = hb.Font(face)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.language = lang
    buf.guess_segment_properties()
    hb.shape(font, buf, {})
    program = TTFont(str(font_path))
    order = program.getGlyphOrder()
    scale = size / face.upem
    out, pen = [], x
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions):
        out.append(_ink(_outline(program, order[info.codepoint]), pen + pos.x_offset * scale, y + pos.y_offset * scale, scale))
        pen += pos.x_advance * scale
    return out


def harfbuzz_glyphs_at_rest(font_path: Path, text: str, size: float, x: float, y: float):
    """The same glyphs with HarfBuzz's advances but without its mark offsets."""
    blob = hb.Blob.from_file_path(str(font_path))
    font = hb.Font(hb.Face(blob))
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(font, buf, {})
    program = TTFont(str(font_path))
    order = program.getGlyphOrder()
    scale = size / font.face.upem
    out, pen = [], x
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions):
        out.append(_ink(_outline(program, order[info.codepoint]), pen, y, scale))
        pen += pos.x_advance * scale
    return out


def render_line(text: str, lang_code: str, size: float = 20.0) -> tuple[bytes, float, float]:
    lang = language(lang_code)
    setter = Setter(lang, bundled_library(), size, 2000, False, Problems())
    rows = setter.text_rows(Text((Span(text),), Location(Path("test"))), "marks", size, "ink", 2000)
    assert len(rows) == 1
    line = rows[0].items[0]
    page = ReaderPage("p", 1000, 200, "flow", Rect(0, 0, 1000, 200))
    placed = TextLine(10.0, 100.0, size, line.shaped, line.line, "ink")
    pdf = render(Composition(load_layout("trifold-letter"), lang_code, size, (PlacedPage(page, (placed,)),)), load_brand())
    return pdf, 10.0, 200 - 100.0


# -- Thai --------------------------------------------------------------------------

def test_thai_marks_sit_where_harfbuzz_puts_them():
    """Glyphs (substituted forms included) and their offsets in the PDF equal
    HarfBuzz's own output for the same string, in the looped face Thai body
    text is set in: tone marks stack above the upper vowel (นี้ ลิ้น เท่านั้น
    เยิ้ม ผู้ที่), never through it."""
    pdf, x, y = render_line(THAI_MARKS, "th")
    # The PDF draws each character's glyphs as one (SARA AM's two as a
    # composite), in text order: compare the ink, every outline point.
    drawn = sorted(point for ink in drawn_glyphs(pdf) for point in ink)
    expected = sorted(point for ink in harfbuzz_glyphs(ROOT / "fonts" / "NotoLoopedThai-Regular.ttf", THAI_MARKS, "th",
                                                        20.0, x, y) for point in ink)
    assert len(drawn) == len(expected)
    assert all(abs(a - b) <= 0.02 for p, q in zip(drawn, expected) for a, b in zip(p, q))
    # GPOS did move marks: HarfBuzz's output differs from the marks' rest positions.
    rest = harfbuzz_glyphs_at_rest(ROOT / "fonts" / "NotoLoopedThai-Regular.ttf", THAI_MARKS, 20.0, x, y)
    assert rest != expected


@pytest.mark.parametrize("face", ["NotoLoopedThai-Regular", "NotoLoopedThai-Bold", "NotoSansThai-Regular",
                                  "NotoSansThai-Bold"])
def test_thai_tone_marks_stand_clear_above_an_upper_vowel(face):
    """Measured in the bundled faces, not against HarfBuzz alone (which draws
    what the font says): a tone mark after an upper vowel or nikhahit stands
    above the vowel's ink, in each Thai face. Noto Looped Thai 1.00 anchored
    its raised marks 0.28 em too high, so HarfBuzz drew them inside the vowel
    and the tone of สิ่ง or น้ำ was lost; prepare_fonts.py seats them."""
    path = ROOT / "fonts" / f"{face}.ttf"
    font = hb.Font(hb.Face(path.read_bytes()))
    glyf = TTFont(path)["glyf"]
    order = TTFont(path).getGlyphOrder()
    lost = []
    for consonant in "กสทนปฟ":
        for vowel in "\u0e31\u0e34\u0e35\u0e36\u0e37\u0e4d":
            for tone in "\u0e48\u0e49\u0e4a\u0e4b\u0e4c":
                buf = hb.Buffer()
                buf.add_str(consonant + vowel + tone)
                buf.guess_segment_properties()
                hb.shape(font, buf)
                if len(buf.glyph_infos) < 3:
                    continue  # vowel and tone as one ligature, drawn together by the designer
                inked = []
                for info, pos in zip(buf.glyph_infos, buf.glyph_positions):
                    glyph = glyf[order[info.codepoint]]
                    if glyph.numberOfContours:
                        inked.append((glyph.yMin + pos.y_offset, glyph.yMax + pos.y_offset))
                vowel_ink, tone_ink = inked[-2], inked[-1]
                if tone_ink[0] < vowel_ink[1] - 20:  # a hair of touching is allowed, not one inside the other
                    lost.append(f"{consonant}{vowel}{tone}: tone from {tone_ink[0]}, vowel to {vowel_ink[1]}")
    assert not lost, lost


def test_thai_copies_back_exactly_with_no_inserted_spaces():
    pdf, _, _ = render_line(THAI_MARKS, "th")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert text.strip() == THAI_MARKS


@cache
def _composition(lang: str, layout: str) -> Composition:
    return compose(load_document(DOC, lang), load_layout(layout), language(lang), bundled_library())


def _lines(composition: Composition):
    for page in composition.pages:
        for item in page.items:
            if isinstance(item, TextLine):
                yield item.shaped.text, item.line


@pytest.mark.parametrize("layout", LAYOUTS)
def test_thai_lines_break_between_words(layout):
    from pythainlp.tokenize import word_tokenize

    checked = 0
    for text, line in _lines(_composition("th", layout)):
        if line.start == 0:
            continue
        boundaries, offset = {0}, 0
        for word in word_tokenize(text, engine="newmm", keep_whitespace=True):
            offset += len(word)
            boundaries.add(offset)
        assert not is_mark(text[line.start]) and text[line.start] not in "ะาำๅๆฯ", (text[line.start - 5:line.start + 5])
        assert line.start in boundaries or text[line.start - 1].isspace(), text[line.start - 8:line.start + 8]
        checked += 1
    assert checked > 20


def test_thai_dictionary_set_segments_as_pythainlps_trie():
    """The word set handed to newmm answers as pythainlp's own trie does, so
    every Thai text is cut into the same words (the PDFs stay the same)."""
    import random
    import re

    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import word_tokenize
    from pythainlp.util import Trie

    from pamphlet.text.breaks import ThaiWords

    words, trie = ThaiWords(thai_words()), Trie(thai_words())
    assert len(words) == len(trie) > 50000
    source = (DOC / "th.yaml").read_text(encoding="utf-8")
    runs = re.findall(r"[\u0e00-\u0e7f]+", source)
    letters = "".join(sorted(set("".join(runs))))
    rng = random.Random(10)
    runs += ["".join(rng.choice(letters) for _ in range(rng.randint(1, 30))) for _ in range(500)]
    assert len(runs) > 800
    for run in runs:
        for start in range(0, len(run), 3):
            assert words.prefixes(run, start) == trie.prefixes(run, start), (run, start)
        assert (word_tokenize(run, custom_dict=words, engine="newmm", keep_whitespace=True)
                == word_tokenize(run, custom_dict=trie, engine="newmm", keep_whitespace=True)), run


def test_thai_pdf_lines_are_source_text_verbatim(build):
    """Each line read from the Thai PDF is a piece of some block's text, as
    written: no space added, none lost, no mark moved."""
    from pamphlet.languages import printed_words

    doc = load_document(DOC, "th")
    run_in = [f"{line.label.plain} {line.value.plain}" for block in doc.blocks for line in block.lines]  # contact lines
    source = "\n".join([part.plain for block in doc.blocks for part in block.texts()] + run_in
                       + list(printed_words("th").values()))
    result = build("th", "trifold-letter")
    lines = [line.strip() for page in pypdf_text(result.path) for line in page.splitlines()]
    thai_lines = [line for line in lines if any("\u0e00" <= c <= "\u0e7f" for c in line)]
    assert len(thai_lines) > 50
    assert [line for line in thai_lines if line not in source] == []


# -- Chinese and Japanese -----------------------------------------------------------

@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("lang", ["ja", "zh-Hans", "zh-Hant"])
def test_kinsoku(lang, layout):
    checked = 0
    for text, line in _lines(_composition(lang, layout)):
        drawn = text[line.start:line.end]
        assert drawn[0] not in NO_START, drawn
        assert drawn[-1] not in NO_END, drawn
        if line.end < len(text) and not line.hyphen:  # an English word may be hyphenated, never just cut
            before, after = text[line.end - 1], text[line.end]
            assert not (before.isascii() and before.isalnum() and after.isascii() and after.isalnum()), drawn
        checked += 1
    assert checked > 50
    assert set("、。，．・：；？！）」』】〕〉》ー…") <= NO_START
    assert set("（「『【〔〈《") <= NO_END


@pytest.mark.parametrize("lang, face", [("zh-Hans", "NotoSansSC"), ("zh-Hant", "NotoSansTC"), ("ja", "NotoSansJP"),
                                        ("ko", "NotoSansKR")])
def test_each_locale_uses_its_own_font(build, lang, face):
    reader = PdfReader(build(lang, "trifold-a4").path)
    names = set()
    for page in reader.pages:
        for placed in placed_pages(page):
            for font in (placed.resources.get_object().get("/Font") or {}).values():
                names.add(str(font.get_object()["/BaseFont"]).split("+")[1].split("-")[0])
    cjk = {n for n in names if n.startswith("NotoSans") and n[8:10] in ("SC", "TC", "JP", "KR")}
    assert cjk == {face}


def test_no_spaces_between_cjk_characters_in_the_pdf(build):
    text = "".join(pypdf_text(build("zh-Hans", "booklet-a4").path))
    import re

    assert not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", text)


# -- Korean -------------------------------------------------------------------------

@pytest.mark.parametrize("layout", LAYOUTS)
def test_korean_breaks_only_between_words(layout):
    checked = 0
    for text, line in _lines(_composition("ko", layout)):
        if line.start:
            assert text[line.start - 1] == " ", text[max(0, line.start - 6):line.start + 6]
            checked += 1
    assert checked > 20


def test_thai_text_with_english_email_url_and_digits_uses_a_face_per_script():
    from pamphlet.text.shaping import shape_text

    text = "ติดต่อ Butterfly ที่ cswbutterfly@gmail.com โทร +1-416-906-3098 “ตอนนี้”"
    shaped = shape_text(Text((Span(text),), Location(Path("t"))), language("th"), bundled_library(), Problems(), "t")
    by_face = [(run.face.family, shaped.text[run.start:run.end]) for run in shaped.runs]
    assert by_face == [("thai-looped", "ติดต่อ "), ("latin", "Butterfly "), ("thai-looped", "ที่ "),
                       ("latin", "cswbutterfly@gmail.com "), ("thai-looped", "โทร "), ("latin", "+1-416-906-3098 “"),
                       ("thai-looped", "ตอนนี้"), ("latin", "”")]
    # Display text (titles, headings, callouts) keeps the loopless face.
    display = shape_text(Text((Span(text),), Location(Path("t"))), language("th"), bundled_library(), Problems(), "t",
                         display=True)
    assert {run.face.family for run in display.runs} == {"thai", "latin"}
    assert all(g.gid != 0 for run in shaped.runs for g in run.glyphs)


def test_thai_segmentation_is_cached_on_disk(tmp_path):
    """A warm build takes Thai word boundaries from the cache: the dictionary is never loaded."""
    import os
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from pamphlet.pipeline import BuildOptions, build\n"
        f"build(BuildOptions(doc=Path({str(DOC)!r}), langs=('th',), layouts=('trifold-a4',), out_dir=Path({str(tmp_path / 'out')!r})))\n"
        "print('pythainlp.tokenize' in sys.modules)\n"
    )
    env = dict(os.environ, PAMPHLET_CACHE=str(tmp_path / "cache"))
    cold = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT)
    warm = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT)
    assert cold.stdout.strip() == "True", cold.stderr
    assert warm.stdout.strip() == "False", warm.stderr
    assert list((tmp_path / "cache").glob("thai-words-*.json"))
