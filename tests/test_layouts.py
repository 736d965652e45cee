"""Every layout's sheet size, page count and page order, read back from the built PDFs."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from pamphlet.impose.plans import booklet_order
from pamphlet.layouts import load_layout

from pamphlet.content.load import load_document

from .conftest import DOC, LAYOUTS, booklet_reader_text, poppler_region, without_page_number, pypdf_text, squash

LETTER_LANDSCAPE = (792.0, 612.0)
A4_LANDSCAPE = (841.89, 595.28)


@pytest.mark.parametrize("layout, sheet", [("trifold-letter", LETTER_LANDSCAPE), ("trifold-a4", A4_LANDSCAPE),
                                           ("booklet-letter", LETTER_LANDSCAPE), ("booklet-a4", A4_LANDSCAPE)])
def test_sheet_size_and_page_count(build, layout, sheet):
    result = build("en", layout)
    reader = PdfReader(str(result.path))
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(sheet[0], abs=0.05)
        assert float(page.mediabox.height) == pytest.approx(sheet[1], abs=0.05)
    if layout.startswith("trifold"):
        assert len(reader.pages) == 2
        assert result.reader_pages == 6
    else:
        assert result.reader_pages % 4 == 0
        assert len(reader.pages) == result.reader_pages // 2
    assert result.pages == len(reader.pages)
    assert result.sheet_size_pt == pytest.approx(sheet, abs=0.05)


def test_trifold_panel_widths():
    spec = load_layout("trifold-letter")
    assert [round(w / 72, 4) for w in spec.panels] == [3.6875, 3.6875, 3.625]
    pages = spec.trifold_pages()
    assert [p.name for p in pages] == ["front cover", "fold-in flap", "inside left", "inside middle", "inside right", "back"]
    # The flap and the inside panel behind it are the narrow ones.
    assert [round(p.width / 72, 4) for p in pages] == [3.6875, 3.625, 3.6875, 3.6875, 3.625, 3.6875]
    a4 = load_layout("trifold-a4")
    assert sum(a4.panels) == pytest.approx(841.89, abs=0.1)
    assert a4.panels[2] < a4.panels[0]


def test_trifold_panel_order_on_the_sheet(build):
    """Outside: [flap, back, cover]; inside: [inside left, middle, right]."""
    result = build("en", "trifold-letter")
    flap, wide = 3.625 * 72, 3.6875 * 72
    outside = [poppler_region(result.path, 1, a, b) for a, b in ((0, flap), (flap, flap + wide), (flap + wide, 792))]
    assert "Understanding" in outside[2] and "Sex Workers" in outside[2]  # front cover, right
    assert "Who Are We?" in outside[1] and "butterflysw.org" in outside[1]  # back, middle
    assert "Who Are Migrant Sex Workers?" in outside[0]  # the flap opens the text
    inside = [poppler_region(result.path, 2, a, b) for a, b in ((0, wide), (wide, 2 * wide), (2 * wide, 792))]
    assert all(panel.strip() for panel in inside)
    assert "What Can You Do?" in inside[2]


def test_trifold_sides_line_up_when_flipped_on_the_short_edge():
    """Turning the sheet over left-to-right puts each inside panel behind an
    outside panel of the same width: the flap behind the narrow inside panel."""
    from pamphlet.impose.plans import trifold

    spec = load_layout("trifold-letter")
    widths = [p.width for p in spec.trifold_pages()]
    outside, inside = trifold(widths, spec.sheet[1]).sides
    for out_slot, in_slot in zip(outside.placements, reversed(inside.placements)):
        assert out_slot.width == pytest.approx(in_slot.width)
        assert out_slot.x == pytest.approx(inside.width - in_slot.x - in_slot.width)
    assert outside.folds == pytest.approx((3.625 * 72, (3.625 + 3.6875) * 72))


@pytest.mark.parametrize("layout", ["booklet-letter", "booklet-a4"])
def test_booklet_pages_in_saddle_stitch_order(build, layout):
    """The page number printed on each half of each sheet side is the one
    the saddle-stitch order puts there; the cover and back cover sit on the
    outside of the first sheet."""
    result = build("en", layout)
    total = result.reader_pages
    pages = booklet_reader_text(result.path, total)
    assert "Understanding" in pages[1]
    assert "butterflysw.org" in pages[total]
    for number in range(2, total):
        text = pages[number].rstrip()
        if text:  # blank padding pages carry no number
            assert re.search(rf"(?<!\d){number}$", text), (number, text[-60:])


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_block_of_the_edition_is_in_the_pdf(build, layout):
    """Every text of every block the edition carries, read back in reading order."""
    result = build("en", layout)
    if layout.startswith("booklet"):
        pages = booklet_reader_text(result.path, result.reader_pages)
        text = squash("".join(without_page_number(pages[n], n) for n in sorted(pages)))
    else:
        text = squash("".join(pypdf_text(result.path)))
    doc = load_document(DOC, "en")
    edition = doc.editions[load_layout(layout).edition]
    for block_id in edition.block_ids:
        for part in doc.block(block_id).texts():
            assert squash(part.plain) in text, (block_id, part.plain[:60])
