"""Conventions of the scripts the pamphlet sets, as its PDFs show them: no
italics where a script has none (Japanese, Thai, Korean, Chinese: a quote is
marked by its box and rule, never by slanting the Latin digits and brackets
inside it), and the Japanese attribution dash ―― (two U+2015, as JLREQ sets it)."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from pamphlet.content.load import load_document
from pamphlet.content.model import Span, Text
from pamphlet.errors import Location, Problems
from pamphlet.languages import language
from pamphlet.text.fontlibrary import bundled_library
from pamphlet.text.shaping import shape_text

from .conftest import DOC, poppler_text

ITALIC_FLAG = 1 << 6  # PDF font descriptor /Flags: Italic


def _font_descriptors(path) -> dict[str, tuple[float, int]]:
    """Every font the PDF's pages and forms use: base name -> (ItalicAngle, Flags)."""
    found: dict[str, tuple[float, int]] = {}

    def walk(resources, seen: set) -> None:
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            for face in [font] + [f.get_object() for f in font.get("/DescendantFonts", [])]:
                descriptor = face.get("/FontDescriptor")
                if descriptor is not None:
                    descriptor = descriptor.get_object()
                    name = str(face["/BaseFont"]).split("+")[-1]
                    found[name] = (float(descriptor.get("/ItalicAngle", 0)), int(descriptor.get("/Flags", 0)))
        for xobject in (resources.get("/XObject") or {}).values():
            if xobject.idnum not in seen:
                seen.add(xobject.idnum)
                walk(xobject.get_object().get("/Resources"), seen)

    for page in PdfReader(str(path)).pages:
        walk(page.get("/Resources"), set())
    return found


def _slanted(fonts: dict[str, tuple[float, int]]) -> list[str]:
    return sorted(name for name, (angle, flags) in fonts.items()
                  if angle != 0 or flags & ITALIC_FLAG or re.search("italic|oblique|slant", name, re.I))


def test_english_quotes_are_italic(build):
    """The control: the check below finds the italic face where there is one."""
    assert _slanted(_font_descriptors(build("en", "trifold-letter").path)) == ["NotoSans-Italic"]


@pytest.mark.parametrize("lang", ["ja", "th", "ko"])
@pytest.mark.parametrize("layout", ["trifold-letter", "booklet-letter"])
def test_no_slanted_font_where_the_script_has_no_italics(build, lang, layout):
    document = load_document(DOC, lang)
    assert any(re.search(r"[0-9()]", b.text.plain) for b in document.blocks if b.type == "quote")  # digits, brackets
    fonts = _font_descriptors(build(lang, layout).path)
    assert fonts and _slanted(fonts) == [], fonts


@pytest.mark.parametrize("lang, italic", [("en", True), ("fr", True), ("ja", False), ("th", False), ("ko", False),
                                           ("zh-Hans", False), ("zh-Hant", False)])
def test_quote_text_is_shaped_italic_only_where_the_script_has_italics(lang, italic):
    assert language(lang).italic is italic
    text = Text((Span("「1週間に4回 (once) _"), Span("emphasis", em=True)), Location(DOC / "en.yaml"))
    shaped = shape_text(text, language(lang), bundled_library(), Problems(), "quote", italic=True)
    latin = [run.face.style for run in shaped.runs if run.face.family == "latin"]
    assert latin and all(style == ("italic" if italic else "regular") for style in latin[:1]), latin
    if not italic:
        assert {run.face.style for run in shaped.runs} == {"regular"}


def test_japanese_attributions_use_two_horizontal_bars_and_copy_back(build):
    document = load_document(DOC, "ja")
    quotes = {b.id: b.attribution.plain for b in document.blocks if b.type == "quote"}
    assert len(quotes) >= 10
    for said in quotes.values():
        assert said.startswith("\u2015\u2015") and said[2] not in "\u2015\u2014", said
    for layout, edition in (("trifold-letter", "trifold"), ("booklet-letter", "booklet")):
        lines = poppler_text(build("ja", layout).path).splitlines()
        carried = [said for block_id, said in quotes.items() if block_id in document.editions[edition].block_ids]
        assert len(carried) >= 4
        for said in carried:  # the two bars and the name on one line, as written
            assert any(line.startswith(said[:6]) for line in lines), (layout, said)
