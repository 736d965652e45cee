"""Arabic joining and Nastaliq's slope as a reader sees them: a line set by
pamphlet, printed to a PDF and rasterised at 200 dpi by poppler, is the same
picture as HarfBuzz's own ``hb-view`` draws of the same string in the same
face; and clearly unlike the string left unshaped (HarfBuzz's fallback
shaper: letters unjoined, Nastaliq on the baseline), so the comparison
sees a run drawn in the wrong order or letters left in their isolated forms.

PAMPHLET_PICTURES=folder keeps the pictures there, to look at. (hb-view: Debian's
libharfbuzz-bin, which .ci/run installs.)"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from pamphlet.content.model import Span, Text
from pamphlet.errors import Location, Problems
from pamphlet.languages import language
from pamphlet.partner.brand import load_brand
from pamphlet.layout.flow import Composition, PlacedPage
from pamphlet.layout.spec import ReaderPage, Rect
from pamphlet.layout.typeset import TextLine
from pamphlet.render.draw import render
from pamphlet.text.fontlibrary import bundled_library
from pamphlet.text.lines import break_lines
from pamphlet.text.shaping import shape_text

from .conftest import ROOT

DPI = 200
SIZE = 18.0  # points: 50 pixels at 200 dpi, a whole number for hb-view
SAMPLES = [
    ("ar", "NotoNaskhArabic-Regular.ttf", "العاملون والعاملات في الجنس لا للاتجار بالبشر"),  # joining, lam-alef
    ("fa", "NotoNaskhArabic-Regular.ttf", "کارگران جنسی مهاجر می‌خواهند"),  # Persian letters, ZWNJ
    ("ur", "NotoNastaliqUrdu-Regular.ttf", "تارکِ وطن جنسی کارکنوں کو سمجھنا"),  # Nastaliq's slope, a mark
]


def _line_pdf(text: str, lang: str) -> bytes:
    """One line of ``text`` set by pamphlet at SIZE, on a page its own width."""
    shaped = shape_text(Text((Span(text),), Location(Path("test"))), language(lang), bundled_library(), Problems(), "line")
    (line,) = break_lines(shaped, 1000.0)
    width, height = line.width * SIZE + 20, SIZE * 4
    page = ReaderPage("line", width, height, "flow", Rect(10, 10, width - 20, height - 20))
    item = TextLine(10, SIZE * 2.5, SIZE, shaped, line, "ink")
    return render(Composition(None, lang, SIZE, (PlacedPage(page, (item,)),)), load_brand("default"))


def _ink(path: Path) -> Image.Image:
    """The picture cut to its ink, grey, 8 bits."""
    grey = Image.open(path).convert("L")
    box = ImageChops.invert(grey).getbbox()
    assert box, f"no ink in {path}"
    return grey.crop(box)


def _difference(picture: Image.Image, reference: Image.Image, cell: int = 4) -> float:
    """Ink out of place, as a share of the reference's ink, both seen through
    cells of ``cell`` pixels (a pixel's offset is no difference; a letter in
    another form, or a run in the wrong order, is)."""
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
def test_a_right_to_left_line_prints_as_harfbuzz_draws_it(tmp_path, lang, font, text):
    assert shutil.which("hb-view"), "hb-view is not installed; apt-get install libharfbuzz-bin (.ci/run does this)"
    keep = Path(os.environ["PAMPHLET_PICTURES"]) if os.environ.get("PAMPHLET_PICTURES") else tmp_path
    keep.mkdir(parents=True, exist_ok=True)
    (keep / f"{lang}-pamphlet.pdf").write_bytes(_line_pdf(text, lang))
    ours = _rasterise(keep / f"{lang}-pamphlet.pdf")
    reference = _hb_view(ROOT / "fonts" / font, lang, text, keep / f"{lang}-hb-view")
    unshaped = _hb_view(ROOT / "fonts" / font, lang, text, keep / f"{lang}-unshaped", shapers="fallback")
    assert abs(ours.width - reference.width) <= 2 and abs(ours.height - reference.height) <= 2, (ours.size, reference.size)
    same, wrong = _difference(ours, reference), _difference(unshaped, reference)
    assert same < 0.4 and wrong > 0.8, (same, wrong)
