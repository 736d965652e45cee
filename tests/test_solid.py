"""CJK body text set solid: justified to the measure (measured from the glyph
positions in the PDF), closing punctuation half-width at the line end, a
quarter em between Latin and CJK, no one-character last lines; other
languages stay ragged right."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from pypdf.generic import ContentStream

from pamphlet.content.load import load_document
from pamphlet.content.model import Span, Text
from pamphlet.errors import Location, Problems
from pamphlet.languages import language
from pamphlet.partner.brand import load_brand
from pamphlet.layout.typeset import TextLine
from pamphlet.render.draw import render
from pamphlet.text.breaks import NO_END, NO_START
from pamphlet.text.fontlibrary import library_with
from pamphlet.text.lines import MAX_STRETCH, STRETCH_LIMIT, _Solid, _stretch, break_lines, solid_first_fit
from pamphlet.text.shaping import shape_text

from .conftest import DOC, LAYOUTS

SOLID = ("ja", "zh-Hans", "zh-Hant")


def _composed(lang: str, layout: str):
    from .conftest import composition

    return composition(lang, layout)


def _widths(font) -> dict[int, float]:
    """CID -> advance (thousandths of an em) from a Type0 font's /W array, and its default."""
    from pamphlet.check.fontwidths import cid_widths

    descendant = font["/DescendantFonts"][0].get_object()
    return {**cid_widths(descendant), "default": float(descendant.get("/DW", 1000))}


def _line_ends(pdf: bytes) -> list[dict[tuple[float, float], float]]:
    """Per page: (x, y) where each text object starts -> the x the pen ends at
    after its last glyph, from the PDF's own glyph widths and TJ numbers."""
    reader = PdfReader(io.BytesIO(pdf))
    pages = []
    for page in reader.pages:
        fonts = {name: _widths(ref.get_object()) for name, ref in page["/Resources"]["/Font"].items()}
        ends: dict[tuple[float, float], float] = {}
        start = None
        pen = 0.0
        size = 0.0
        widths: dict = {}
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            if op == b"Tm":
                start = (float(operands[4]), float(operands[5]))
                pen = float(operands[4])
            elif op == b"Tf":
                widths, size = fonts[operands[0]], float(operands[1])
            elif op == b"TJ":
                for part in operands[0]:
                    if isinstance(part, (bytes, str)) or hasattr(part, "original_bytes"):
                        data = part.original_bytes if hasattr(part, "original_bytes") else part
                        for k in range(0, len(data), 2):
                            cid = data[k] << 8 | data[k + 1]
                            pen += widths.get(cid, widths["default"]) * size / 1000
                    else:
                        pen -= float(part) * size / 1000
            elif op == b"ET" and start is not None:
                ends[start] = pen
                start = None
        pages.append(ends)
    return pages


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("lang", SOLID)
def test_cjk_body_lines_end_on_the_measure_in_the_pdf(lang, layout):
    doc, composition = _composed(lang, layout)
    brand = load_brand("default")
    ends = _line_ends(render(composition, brand))
    blocks = {b.id: b for b in doc.blocks}
    checked = loose = 0
    for placed_index, placed in enumerate(composition.pages):
        if placed.page.slot not in ("flow", "back"):
            continue
        right = placed.page.frame.x + placed.page.frame.w
        height = placed.page.height
        for item in placed.items:
            if not isinstance(item, TextLine):
                continue
            text = item.shaped.text
            final = item.line.end >= len(text.rstrip())
            block_type = _block_of(blocks, text)
            if block_type not in ("paragraph", "list", "note") or final:
                continue
            x, y = item.x, height - item.baseline
            found = [end for (sx, sy), end in ends[placed_index].items() if abs(sx - x) < 0.01 and abs(sy - y) < 0.01]
            assert len(found) == 1, f"no text object at {(x, y)}"
            end = found[0]
            where = f"{lang} {layout} {placed.page.name}: line {text[item.line.start:item.line.end]!r}"
            assert abs(end - right) <= 0.5, f"{where} ends {right - end:.2f} pt short"
            spread = _stretch_needed(item, right - item.x)
            assert spread <= STRETCH_LIMIT + 1e-9, f"{where} is letter-spaced by {spread:.2f} em a gap"
            if spread > MAX_STRETCH + 1e-9:
                loose += 1
            checked += 1
    assert checked > 10
    # Spread beyond MAX_STRETCH only where the katakana rule or a long Latin
    # word leaves slack that the lines above could not all take.
    assert loose <= checked // 10, f"{lang} {layout}: {loose} of {checked} lines spread beyond {MAX_STRETCH} em"


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("lang", SOLID)
def test_cjk_quote_lines_end_together_in_the_pdf(lang, layout):
    """A testimony quote is set solid on its own (indented) measure: every
    line of it but the last ends at the same x."""
    doc, composition = _composed(lang, layout)
    blocks = {b.id: b for b in doc.blocks}
    ends = _line_ends(render(composition, load_brand("default")))
    checked = 0
    for placed_index, placed in enumerate(composition.pages):
        quotes: dict[int, list[float]] = {}
        for item in placed.items:
            if isinstance(item, TextLine) and _block_of(blocks, item.shaped.text) == "quote" \
                    and item.line.end < len(item.shaped.text.rstrip()):
                x, y = item.x, placed.page.height - item.baseline
                found = [e for (sx, sy), e in ends[placed_index].items() if abs(sx - x) < 0.01 and abs(sy - y) < 0.01]
                assert len(found) == 1, f"no text object at {(x, y)}"
                quotes.setdefault(id(item.shaped), []).append(found[0])
        for line_ends in quotes.values():
            assert max(line_ends) - min(line_ends) <= 0.5, f"{lang} {layout} {placed.page.name}: quote lines end at {line_ends}"
            checked += len(line_ends)
    assert checked > 3


def _stretch_needed(item: TextLine, measure: float) -> float:
    """Em per gap a line needs to reach the measure (pt)."""
    solid = _Solid(item.shaped)
    _, stretch = solid.gaps(item.line.start, item.line.end)
    natural = solid.width(item.line.start, item.line.end)
    return (measure / item.size - natural) / max(len(stretch), 1)


def _body_texts(lang: str):
    doc = load_document(DOC, lang)
    for block in doc.blocks:
        if block.type in ("paragraph", "list", "note", "quote"):
            yield from (part for part in (block.text, *block.items) if part is not None)


@pytest.mark.parametrize("lang", SOLID)
def test_lines_chosen_together_beat_first_fit_at_any_measure(lang):
    """Every body text at every measure from 10 to 30 em (the pamphlets' and
    the proof's narrower columns): each line but the last drawn exactly to
    the measure; no more lines than first fit takes, and no more spreading
    beyond MAX_STRETCH (the slack first fit leaves before a katakana word or
    a long Latin word is shared with the lines above); no line spread past
    STRETCH_LIMIT where first fit's was not; and a line that ends inside a
    katakana word keeps kinsoku (no ー or small kana starts the next)."""
    library = library_with((), ())
    checked = shared = 0
    for part in _body_texts(lang):
        shaped = shape_text(part, language(lang), library, Problems(), "t")
        solid = _Solid(shaped)
        text = shaped.text
        for tenths in range(100, 301, 7):
            width = tenths / 10
            lines = break_lines(shaped, width, solid=True)
            first_fit = solid_first_fit(solid, width)
            assert len(lines) <= len(first_fit)
            if len(lines) == len(first_fit):
                ours, theirs = _beyond(solid, lines, width), _beyond(solid, first_fit, width)
                assert ours[0] < theirs[0] - 1e-9 or ours[1] <= theirs[1] + 1e-9, (width, text[:30])
            shared += lines != first_fit
            for line in lines[:-1]:
                where = f"{width} em: {text[line.start:line.end]!r}"
                if line.gaps and not line.forced:
                    assert abs(line.width - width) < 1e-6, where
                if _inside_katakana(text, line.end):  # JLREQ allows it, kinsoku still holds
                    assert text[line.end] not in NO_START and text[line.end - 1] not in NO_END, where
                checked += 1
            if len(lines) == len(first_fit):
                assert _over_limit(solid, lines, width) <= _over_limit(solid, first_fit, width), (width, text[:30])
    assert checked > 1000 and shared > 10


def _beyond(solid, lines, width: float) -> tuple[float, float]:
    """The sums of squares of each non-final line's spread beyond
    STRETCH_LIMIT, and beyond MAX_STRETCH: the first counts first."""
    spreads = [_stretch(solid, l.start, l.end, l.width, width) for l in lines[:-1] if not l.forced]
    return (sum(max(s - STRETCH_LIMIT, 0.0) ** 2 for s in spreads), sum(max(s - MAX_STRETCH, 0.0) ** 2 for s in spreads))


def _inside_katakana(text: str, pos: int) -> bool:
    return 0 < pos < len(text) and all("\u30a1" <= ch <= "\u30fa" or ch == "\u30fc" for ch in text[pos - 1:pos + 1])


def _block_of(blocks, text: str) -> str | None:
    for block in blocks.values():
        for part in (block.text, *block.items):
            if part is not None and part.plain == text:
                return block.type
    return None


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("lang", SOLID)
def test_no_one_character_last_lines(lang, layout):
    doc, composition = _composed(lang, layout)
    blocks = {b.id: b for b in doc.blocks}
    for placed in composition.pages:
        for item in placed.items:
            if not isinstance(item, TextLine) or _block_of(blocks, item.shaped.text) not in ("paragraph", "list", "note", "quote"):
                continue
            text = item.shaped.text
            if item.line.end >= len(text.rstrip()) and item.line.start > 0:
                last = text[item.line.start:item.line.end]
                visible = [c for c in last if not c.isspace() and c not in NO_START]
                assert len(visible) >= 2, f"{lang} {layout}: last line {last!r} of {text[:20]!r}"


def _shape(text: str, lang: str):
    lang_ = language(lang)
    return shape_text(Text((Span(text),), Location(None)), lang_, library_with((), ()), Problems(), "t")


def test_closing_punctuation_is_half_width_at_the_line_end_where_its_ink_allows():
    # Thirteen ideographs and a full stop: at a measure of 13.6 em the stop
    # fits only set half-width (Japanese and Simplified Chinese fonts draw it
    # in the left half of its em), so the first line holds all fourteen.
    first = "天地人山水日月火木金土中上。"
    text = first + "下一二三。"
    for lang in ("ja", "zh-Hans"):
        lines = break_lines(_shape(text, lang), 13.6, solid=True)
        assert text[lines[0].start:lines[0].end] == first
        assert lines[0].end_trim == pytest.approx(0.5)
        assert lines[0].width == pytest.approx(13.6)
    # Traditional Chinese fonts centre the stop: it keeps its full width, and
    # the line breaks earlier (the stop may not start a line).
    lines = break_lines(_shape(text, "zh-Hant"), 13.6, solid=True)
    assert lines[0].end_trim == 0.0 and text[lines[0].start:lines[0].end] == first[:-2]


def test_a_quarter_em_between_latin_and_cjk():
    text = "在2018年，Butterfly发布了报告。"
    shaped = _shape(text, "zh-Hans")
    lines = break_lines(shaped, 40, solid=True)
    assert len(lines) == 1
    # "，B" is punctuation beside Latin: no extra space there.
    assert dict(lines[0].gaps) == {text.index("2"): 0.25, text.index("年"): 0.25, text.index("发"): 0.25}
    assert lines[0].width == pytest.approx(shaped.width(0, len(text)) + 0.75 - lines[0].end_trim)


def test_one_character_last_line_is_pulled_down():
    text = "天地人山水日月火木金土中上。"
    shaped = _shape(text, "ja")
    ragged = break_lines(shaped, 12.2)
    assert text[ragged[-1].start:ragged[-1].end] == "上。"
    lines = break_lines(shaped, 12.2, solid=True)
    assert [text[l.start:l.end] for l in lines] == ["天地人山水日月火木金土", "中上。"]
    assert lines[0].width == pytest.approx(12.2)  # the shortened line is justified
    assert lines[1].gaps == ()  # the last line is not


@pytest.mark.parametrize("lang", ("en", "fr", "vi", "th", "ko"))
def test_other_languages_stay_ragged(lang):
    doc, composition = _composed(lang, "booklet-letter")
    lines = [item for placed in composition.pages for item in placed.items if isinstance(item, TextLine)]
    assert all(item.line.gaps == () and item.line.end_trim == 0 for item in lines)
    body = [item.line.width * item.size for item in lines if item.colour == "ink"]
    assert max(body) - min(body) > 20  # ragged: the right edge varies


def test_breaking_is_a_pure_function_of_its_inputs():
    shaped = _shape("移住セックスワーカーは、移住者の権利とセックスワーカーの権利の両方を持つ人々です。", "ja")
    assert break_lines(shaped, 9.0, solid=True) == break_lines(shaped, 9.0, solid=True)


def _tj_gaps(path) -> list[tuple[float, str]]:
    """Every space a TJ array of the PDF puts between two glyphs (em; a
    number after the array's last glyph, which only ends the line, is not
    one), with the array it is in, from the pages and the forms they place."""
    import re

    from pypdf import PdfReader

    reader = PdfReader(str(path))
    streams = []
    for page in reader.pages:
        streams.append(page.get_contents().get_data())
        for form in (page["/Resources"].get("/XObject") or {}).values():
            form = form.get_object()
            if form.get("/Subtype") == "/Form":
                streams.append(form.get_data())
    gaps = []
    for data in streams:
        for array in re.findall(rb"\[([^\]]*)\]\s*TJ", data):
            parts = re.findall(rb"<[0-9A-Fa-f]*>|-?[\d.]+", array)
            for k, part in enumerate(parts):
                if not part.startswith(b"<") and 0 < k < len(parts) - 1:
                    gaps.append((-float(part) / 1000, array.decode("latin-1")[:80]))
    return gaps


@pytest.mark.parametrize("lang", SOLID)
def test_no_gap_between_glyphs_that_a_reader_takes_for_a_space(build, tmp_path, lang):
    """The quarter em beside Latin and the space of a justified line are in
    the glyphs' advances: no TJ array of the tri-fold, the booklet or the
    translator's proof moves the pen on by more than a twentieth of an em
    between two glyphs (poppler reads a tenth as a word space, pdf.js 0.12,
    pdfium 0.25), where they held a quarter em (1 週間に 4 回) and up to 0.4
    em (客 、 第 三 者)."""
    from pamphlet.proof.build import make_proof

    paths = [build(lang, "trifold-letter").path, build(lang, "booklet-a4").path,
             make_proof(DOC, lang, tmp_path).path]
    for path in paths:
        gaps = _tj_gaps(path)
        assert gaps, path  # kerning: there are numbers to look at
        widest = max(gaps)
        assert widest[0] < 0.05, f"{path.name}: {widest[0]:.3f} em in {widest[1]}"


def _over_limit(solid, lines, width) -> int:
    """Non-final lines spread by more than STRETCH_LIMIT a gap."""
    return sum(_stretch(solid, l.start, l.end, l.width, width) > STRETCH_LIMIT + 1e-9 for l in lines[:-1] if not l.forced)
