"""Text copied from the PDFs gives back the source, in every language and
layout, in each reader people use: pdfium (Chrome, Edge, Android viewers),
pdf.js (Firefox, web viewers), poppler (Evince, Okular; pdftotext with and
without -raw) and pypdf. Every PDF is built once and pdf.js reads them all in
one node process."""

from __future__ import annotations

import re
import unicodedata

import pytest

from pamphlet.content.load import load_document
from pamphlet.layouts import load_layout

from . import readers
from .conftest import DOC, LANGS, LAYOUTS

CJK = ("ja", "zh-Hans", "zh-Hant")
SAMPLES = ([(lang, layout, "home") for lang in LANGS for layout in LAYOUTS]
           + [("th", "trifold-a4", "commercial"), ("zh-Hant", "booklet-letter", "commercial")])


@pytest.fixture(scope="session")
def pdfjs_pages(build):
    """pdf.js's text items of every sample PDF, read in one node process."""
    results = [build(*sample) for sample in SAMPLES]
    items = readers.pdfjs_items([result.path for result in results])
    return {sample: items[str(result.path)] for sample, result in zip(SAMPLES, results)}


def _reader_texts(result, pdfjs_pages) -> dict[str, str]:
    """Each reader's text of the PDF in reader order, page numbers left out."""
    slots = readers.reader_slots(result.path, result.layout, result.reader_pages)
    per_slot = {
        "pdfium": readers.pdfium_text(result.path, slots),
        "pdf.js": readers.pdfjs_text(pdfjs_pages, slots),
        "pdftotext -raw": readers.poppler_text(result.path, slots, raw=True),
        "pdftotext": readers.poppler_text(result.path, slots, raw=False),
        "pypdf": readers.pypdf_text(result.path, slots),
    }
    numbered = result.layout.startswith("booklet")
    return {name: "\n".join(_without_page_number(readers.normalised(text), k + 1) if numbered else text
                            for k, text in enumerate(texts))
            for name, texts in per_slot.items()}


def _without_page_number(text: str, number: int) -> str:
    """The page's text less its number, last on the page. A reader may join
    it to a last line that ends in a hyphen: pdfium as "anti\ufffe5",
    pdftotext as "anti5"."""
    text = text.rstrip()
    alone = re.sub(rf"(^|\n|(?<=\ufffe))[ \t]*{number}$", "", text)
    return alone if alone != text else re.sub(rf"(?<=[^\W\d]){number}$", "", text)


def _missing(doc, layout: str, lang: str, reader: str, text: str) -> list[str]:
    """Source texts of the edition the reader does not give back verbatim.
    Japanese and Chinese are held to their exact spaces too: a line break
    may come between any two characters, but a space only where the source
    has one (the quarter em beside Latin and the space of a justified line
    are not spaces). pdftotext without -raw reflows (it joins a line ending
    in a hyphen to the next, dropping the hyphen, and runs a line of
    one-letter words together), so there only Thai, Japanese and Chinese
    are held to their exact spaces (the hyphens of Latin words in Japanese
    and Chinese left out) and other text is compared with whitespace and
    hyphens left out."""
    reflowed_cjk = reader == "pdftotext" and lang in CJK
    read = readers.ReadBack(text.replace("-", "") if reflowed_cjk else text)
    exact = reader != "pdftotext" or lang == "th" or lang in CJK
    missing = []
    for block_id in doc.editions[load_layout(layout).edition].block_ids:
        for part in doc.block(block_id).texts():
            source = part.plain.replace("-", "") if reflowed_cjk else part.plain
            if not read.contains(source, spaced=True, exact=exact):
                missing.append(f"{block_id}: {part.plain[:60]}")
    return missing


@pytest.mark.parametrize("lang, layout, profile", SAMPLES)
def test_every_reader_gives_back_the_source(build, pdfjs_pages, lang, layout, profile):
    result = build(lang, layout, profile)
    doc = load_document(DOC, lang)
    for reader, text in _reader_texts(result, pdfjs_pages[(lang, layout, profile)]).items():
        assert readers.stray_characters(text) == [], reader
        assert unicodedata.normalize("NFC", text) == text or lang == "th", f"{reader}: not NFC"
        assert _missing(doc, layout, lang, reader, text) == [], reader


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
