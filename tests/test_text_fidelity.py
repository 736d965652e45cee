"""Text copied from the PDFs equals the source, in every language and layout,
read back by two independent extractors (pypdf and poppler's pdftotext)."""

from __future__ import annotations

import unicodedata

import pytest

from pamphlet.content.load import load_document
from pamphlet.impose.plans import booklet_order
from pamphlet.layout.spec import load_layout

from .conftest import DOC, LANGS, LAYOUTS, booklet_reader_text, poppler_text, pypdf_placed_pages, pypdf_text, squash, \
    without_page_number


def _reader_order_pypdf(result) -> str:
    if result.layout.startswith("trifold"):
        return "".join(pypdf_text(result.path))
    sides = pypdf_placed_pages(result.path)
    pages: dict[int, str] = {}
    for sheet, (front, back) in enumerate(booklet_order(result.reader_pages)):
        for side, numbers in ((2 * sheet, front), (2 * sheet + 1, back)):
            for number, text in zip(numbers, sides[side]):
                pages[number] = text
    return "".join(without_page_number(pages[n], n) for n in sorted(pages))


def _reader_order_poppler(result) -> str:
    if result.layout.startswith("trifold"):
        return poppler_text(result.path)
    pages = booklet_reader_text(result.path, result.reader_pages)
    return "".join(without_page_number(pages[n], n) for n in sorted(pages))


def _missing(doc, layout: str, extracted: str) -> list[str]:
    text = squash(extracted)
    edition = doc.editions[load_layout(layout).edition]
    missing = []
    for block_id in edition.block_ids:
        for part in doc.block(block_id).texts():
            if squash(part.plain) not in text:
                missing.append(f"{block_id}: {part.plain[:50]}")
    return missing


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("lang", LANGS)
def test_round_trip(build, lang, layout):
    result = build(lang, layout)
    doc = load_document(DOC, lang)
    for name, extracted in (("pypdf", _reader_order_pypdf(result)), ("pdftotext", _reader_order_poppler(result))):
        assert not [c for c in extracted if 0xE000 <= ord(c) <= 0xF8FF], f"{name}: private-use code points"
        assert unicodedata.normalize("NFC", extracted) == extracted or lang == "th", f"{name}: not NFC"
        assert _missing(doc, layout, extracted) == [], name


@pytest.mark.parametrize("lang", LANGS)
def test_every_font_embedded_as_a_subset_and_body_size_in_bounds(build, lang):
    from pypdf import PdfReader

    from pamphlet.check.preflight import preflight

    for layout in LAYOUTS:
        result = build(lang, layout)
        spec = load_layout(layout)
        assert spec.body_min <= result.body_font_size_pt <= spec.body_max
        assert preflight(result.path.read_bytes()) == []
        reader = PdfReader(result.path)
        for page in reader.pages:
            for form in page["/Resources"]["/XObject"].values():
                for font in (form.get_object()["/Resources"].get("/Font") or {}).values():
                    font = font.get_object()
                    assert font["/Subtype"] == "/Type0" and "/ToUnicode" in font
                    descendant = font["/DescendantFonts"][0].get_object()
                    assert "/FontFile2" in descendant["/FontDescriptor"]
                    assert str(font["/BaseFont"])[7] == "+"
