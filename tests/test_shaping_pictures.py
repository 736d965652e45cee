"""Complex scripts as a reader sees them: a line of Burmese (medial ra),
Khmer (subscripts, pre-base vowels), Devanagari (reph, conjuncts), Bengali,
Arabic (joining, lam-alef), Persian (ZWNJ) and Urdu (Nastaliq's slope) set by pamphlet, printed to a PDF and rasterised at 200 dpi by
poppler, is the same picture as HarfBuzz's own ``hb-view`` draws of the
same string in the same face; and differs clearly from the picture of the
string left unshaped (HarfBuzz's fallback shaper), so the comparison sees
a wrong reordering or a missing conjunct.

PAMPHLET_PICTURES=folder keeps the pictures there, to look at."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from .conftest import ROOT
from .test_scripts import render_line

DPI = 200
SIZE = 18.0  # points: 50 pixels at 200 dpi, a whole number for hb-view
SAMPLES = [
    ("my", "NotoSansMyanmar-Regular.ttf", "ပြော ကြည့် ခြင်း ရွှေ့ပြောင်း ဂုဏ်သိက္ခာ"),  # medial ra wraps its consonant
    ("km", "NotoSansKhmer-Regular.ttf", "ស្ត្រី ក្រុម ខ្មែរ ពេល កៅ សិទ្ធិ"),  # subscripts, pre-base vowels
    ("ne", "NotoSansDevanagari-Regular.ttf", "कर्म धर्म र्क क्ष त्र श्र द्ध प्रवासी"),  # reph, conjuncts
    ("bn", "NotoSansBengali-Regular.ttf", "কর্মী ক্ষ স্ত্রী অধিকার"),  # reph, conjuncts, pre-base vowel
    ("ar", "NotoNaskhArabic-Regular.ttf", "العاملون والعاملات في الجنس لا للاتجار بالبشر"),  # joining, lam-alef
    ("fa", "NotoNaskhArabic-Regular.ttf", "کارگران جنسی مهاجر می‌خواهند"),  # Persian letters, ZWNJ
    ("ur", "NotoNastaliqUrdu-Regular.ttf", "تارکِ وطن جنسی کارکنوں کو سمجھنا"),  # Nastaliq's slope, a mark
]


def _ink(path: Path) -> Image.Image:
    """The picture cut to its ink, grey, 8 bits."""
    grey = Image.open(path).convert("L")
    box = ImageChops.invert(grey).getbbox()
    assert box, f"no ink in {path}"
    return grey.crop(box)


def _difference(picture: Image.Image, reference: Image.Image, cell: int = 4) -> float:
    """Ink out of place, as a share of the reference's ink, both pictures
    seen through cells of ``cell`` pixels (a 1-pixel offset of a glyph
    between two renderings is no difference; a glyph out of order, a conjunct
    not formed, a medial not wrapped are, and shift all the ink after them)."""
    size = (reference.width // cell, reference.height // cell)
    a, b = (ImageChops.invert(im.resize(size, Image.BOX)) for im in (picture, reference))
    weight = lambda im: sum(level * count for level, count in enumerate(im.histogram()))  # noqa: E731
    return weight(ImageChops.difference(a, b)) / weight(b)


def _rasterise(pdf: Path) -> Image.Image:
    out = pdf.with_name(f"{pdf.stem}-{DPI}dpi")
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", str(pdf), str(out)],
                   check=True, capture_output=True)
    return _ink(out.with_suffix(".png"))


def _hb_view(font: Path, lang: str, text: str, out: Path, shapers: str | None = None) -> Image.Image:
    """HarfBuzz's own drawing of ``text`` at SIZE points, as a PDF rasterised
    as pamphlet's is (and as a PNG of hb-view's own, to look at)."""
    command = ["hb-view", f"--font-file={font}", f"--language={lang}", "--margin=8", f"--text={text}"]
    if shapers:
        command.append(f"--shapers={shapers}")
    subprocess.run(command + [f"--font-size={SIZE:g}", "--output-format=pdf", f"--output-file={out}.pdf"],
                   check=True, capture_output=True)
    subprocess.run(command + [f"--font-size={round(SIZE * DPI / 72)}", "--output-format=png", f"--output-file={out}.png"],
                   check=True, capture_output=True)
    return _rasterise(Path(f"{out}.pdf"))


@pytest.mark.parametrize("lang, font, text", SAMPLES, ids=[s[0] for s in SAMPLES])
def test_a_line_prints_as_harfbuzz_draws_it(tmp_path, lang, font, text):
    assert shutil.which("hb-view"), "hb-view is not installed; apt-get install libharfbuzz-bin (.ci/run does this)"
    keep = Path(os.environ["PAMPHLET_PICTURES"]) if os.environ.get("PAMPHLET_PICTURES") else tmp_path
    keep.mkdir(parents=True, exist_ok=True)
    pdf, _, _ = render_line(text, lang, SIZE)
    (keep / f"{lang}-pamphlet.pdf").write_bytes(pdf)
    ours = _rasterise(keep / f"{lang}-pamphlet.pdf")
    reference = _hb_view(ROOT / "fonts" / font, lang, text, keep / f"{lang}-hb-view")
    unshaped = _hb_view(ROOT / "fonts" / font, lang, text, keep / f"{lang}-unshaped", shapers="fallback")
    assert abs(ours.width - reference.width) <= 2 and abs(ours.height - reference.height) <= 2, (ours.size, reference.size)
    same, wrong = _difference(ours, reference), _difference(unshaped, reference)
    assert same < 0.4 and wrong > 0.8, (same, wrong)
