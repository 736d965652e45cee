"""Rasterised sheets (pdfium): what the printer will actually put on paper."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from .conftest import LAYOUTS

SCALE = 2  # pixels per point
EDGE = 18  # home printers: no ink within 0.25 in of the sheet edge


def sheets(path):
    pdf = pdfium.PdfDocument(str(path))
    for index in range(len(pdf)):
        yield pdf[index].render(scale=SCALE).to_pil().convert("L")


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("lang", ["en", "th", "zh-Hant"])
def test_no_ink_in_the_unprintable_edge(build, lang, layout):
    for image in sheets(build(lang, layout).path):
        width, height = image.size
        margin = EDGE * SCALE - 1
        for box in ((0, 0, width, margin), (0, height - margin, width, height), (0, 0, margin, height),
                    (width - margin, 0, width, height)):
            assert image.crop(box).getextrema()[0] >= 250, (layout, box)
        # ...but the sheet is printed: ink just inside the edge.
        assert image.crop((margin + 2, margin + 2, width - margin - 2, height - margin - 2)).getextrema()[0] < 100


def test_fold_ticks_in_the_margin(build):
    """Short ticks at each fold, top and bottom, between the unprintable edge and the text."""
    result = build("en", "trifold-letter")
    image = next(sheets(result.path))
    for fold in (3.625 * 72, (3.625 + 3.6875) * 72):
        x = round(fold * SCALE)
        top = image.crop((x - 2, (EDGE + 1) * SCALE, x + 3, (EDGE + 9) * SCALE))
        bottom = image.crop((x - 2, (612 - EDGE - 9) * SCALE, x + 3, (612 - EDGE - 1) * SCALE))
        assert top.getextrema()[0] < 200 and bottom.getextrema()[0] < 200


@pytest.mark.parametrize("lang", ["en", "fr", "es", "tl", "vi", "th", "ko", "ja", "zh-Hans", "zh-Hant"])
def test_opens_cleanly_in_poppler_pdfium_and_qpdf(build, lang):
    import subprocess

    for layout in LAYOUTS:
        path = build(lang, layout).path
        for command in (["pdftotext", str(path), "/dev/null"], ["pdffonts", str(path)], ["qpdf", "--check", str(path)]):
            result = subprocess.run(command, capture_output=True, text=True)
            assert result.returncode == 0 and not result.stderr, (command, result.stderr)
        assert len(list(sheets(path))) == len(pdfium.PdfDocument(str(path)))
