"""Imposition read back from real PDFs: saddle-stitch order, pages scaled to
their slots, PDFs made elsewhere imposed, booklet creep, manual duplex and
the duplex test sheet."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PIL import ImageChops
from pypdf import PdfReader, PdfWriter
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as rl_canvas

from pamphlet.check.preflight import preflight
from pamphlet.errors import PamphletError
from pamphlet.impose import plans
from pamphlet.impose.apply import impose, page_sizes
from pamphlet.impose.external import impose_file
from pamphlet.impose.style import SheetStyle
from pamphlet.impose.testsheet import ARROW_X, duplex_test_sheet
from pamphlet.layouts import load_layout
from pamphlet.privateapi import add_object

from .conftest import ROOT, poppler_region

SCALE = 4  # pixels per point when rasterising
EDGE = 18.0  # home printers: no ink within 0.25 in of the sheet edge
LETTER = (792.0, 612.0)
A4 = (841.89, 595.28)
PANELS = "front cover, fold-in flap, inside left, inside middle, inside right, back"

pdfmetrics.registerFont(TTFont("TestNoto", str(ROOT / "fonts" / "NotoSans-Regular.ttf")))


# -- PDFs made elsewhere, and ways to look at the sheets ------------------------------

class _Canvas(rl_canvas.Canvas):
    def _make_preamble(self):  # no unembedded Helvetica: every font in these PDFs is embedded
        self._preamble = "1 0 0 1 0 0 cm"


def source_pdf(sizes, draw=None, label=True) -> bytes:
    """One page per size; ``draw(canvas, n, w, h)`` adds marks; each page says
    PAGE n in its middle in an embedded font."""
    buffer = io.BytesIO()
    canvas = _Canvas(buffer, invariant=1)
    for n, (w, h) in enumerate(sizes, start=1):
        canvas.setPageSize((w, h))
        if draw:
            draw(canvas, n, w, h)
        if label:
            canvas.setFillColorRGB(0, 0, 0)
            canvas.setFont("TestNoto", 24)
            canvas.drawCentredString(w / 2, h / 2, f"PAGE {n}")
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def raster(pdf: bytes, index: int, mode: str = "L"):
    return pdfium.PdfDocument(pdf)[index].render(scale=SCALE).to_pil().convert(mode)


def ink_box(image, height: float, region=None, dark: int = 128):
    """Points (x0, bottom, x1, top), PDF coordinates, of the pixels darker than
    ``dark`` inside ``region`` (x0, x1 in points; the whole width if None)."""
    x0, x1 = region or (0, image.width / SCALE)
    crop = image.crop((round(x0 * SCALE), 0, round(x1 * SCALE), image.height))
    box = crop.point(lambda v: 255 if v < dark else 0).getbbox()
    if box is None:
        return None
    left, top, right, bottom = box
    return (x0 + left / SCALE, height - bottom / SCALE, x0 + right / SCALE, height - top / SCALE)


def dark_runs(image, y_from_top: float, dark: int = 80) -> list[tuple[float, float]]:
    """(x0, x1) in points of each run of dark pixels along one row."""
    row = round(y_from_top * SCALE)
    runs: list[list[int]] = []
    for x in range(image.width):
        if image.getpixel((x, row)) < dark:
            if runs and runs[-1][1] == x:
                runs[-1][1] = x + 1
            else:
                runs.append([x, x + 1])
    return [(a / SCALE, b / SCALE) for a, b in runs]


def dark_columns(image, y_from_top: float, dark: int = 80) -> list[float]:
    """x (points) of the middle of each dark run along one row."""
    return [(a + b) / 2 for a, b in dark_runs(image, y_from_top, dark)]


def region_text(path: Path, page: int, x0: float, x1: float) -> str:
    return poppler_region(path, page, x0, x1).strip()


# -- 1. saddle-stitch order ----------------------------------------------------------

@pytest.mark.parametrize("pages, order", [
    (4, [((4, 1), (2, 3))]),
    (8, [((8, 1), (2, 7)), ((6, 3), (4, 5))]),
    (12, [((12, 1), (2, 11)), ((10, 3), (4, 9)), ((8, 5), (6, 7))]),
    (16, [((16, 1), (2, 15)), ((14, 3), (4, 13)), ((12, 5), (6, 11)), ((10, 7), (8, 9))]),
])
def test_booklet_order(pages, order):
    assert plans.booklet_order(pages) == order
    # Each side faces its partner across the fold, and every page is there once.
    assert all(a + b == pages + 1 for sheet in order for a, b in sheet)
    assert sorted(p for sheet in order for side in sheet for p in side) == list(range(1, pages + 1))


def test_booklet_order_needs_a_multiple_of_four():
    with pytest.raises(ValueError):
        plans.booklet_order(10)


def test_booklet_pads_with_blank_slots_before_the_back_cover():
    plan = plans.booklet(10, 396, 612)
    assert plan.blank_pages_added == 2
    assert len(plan.sides) == 6
    # 12-page order with positions 10 and 11 blank and the last page (index
    # 9) still the back cover; reader pages are 0-based.
    assert [tuple(p.page for p in side.placements) for side in plan.sides] == [
        (9, 0), (1, None), (None, 2), (3, 8), (7, 4), (5, 6)]
    assert [side.label for side in plan.sides][:2] == ["sheet 1 front", "sheet 1 back"]


# -- 2. pages scaled to their slots --------------------------------------------------

def grey_page(canvas, n, w, h):
    canvas.setFillColorRGB(0.3, 0.3, 0.3)
    canvas.rect(0, 0, w, h, stroke=0, fill=1)


def test_fit_scales_each_page_to_its_slot_keeping_proportions():
    plan = plans.fit(plans.two_up(3, 396, 612), [(612, 792), (396, 612), (1000, 500)])
    scales = [slot.scale for side in plan.sides for slot in side.placements]
    assert scales == pytest.approx([396 / 612, 1.0, 0.396, 1.0])  # the blank slot keeps 1.0
    assert plan.sides[1].placements[1].page is None


def test_scaled_page_is_centred_in_its_slot():
    """A Letter portrait page in the left half of a Letter landscape sheet:
    scaled by 396/612 so its width fills the slot, centred top to bottom."""
    pdf = source_pdf([(612, 792)], draw=grey_page, label=False)
    plan = plans.fit(plans.two_up(1, 396, 612), page_sizes(pdf))
    sheet = impose(pdf, plan, SheetStyle(), 0.0, {})
    s = 396 / 612
    x0, bottom, x1, top = ink_box(raster(sheet, 0), 612)
    assert (x0, x1) == pytest.approx((0, 396), abs=0.5)
    assert (bottom, top) == pytest.approx(((612 - 792 * s) / 2, (612 + 792 * s) / 2), abs=0.5)


def test_scale_about_the_slot_and_clip_at_the_slot():
    """scale 0.5 draws the page at half size in the middle of its slot; scale
    2 would overflow it, and the slot clips it."""
    pdf = source_pdf([(200, 300)], draw=grey_page, label=False)
    for scale, expected in ((0.5, (150, 225, 250, 375)), (2.0, (100, 150, 300, 450))):
        side = plans.SheetSide("side", 600, 600, (plans.Placement(0, 100, 150, 200, 300, scale=scale),))
        sheet = impose(pdf, plans.Plan("test", (side,)), SheetStyle(), 0.0, {})
        assert ink_box(raster(sheet, 0), 600) == pytest.approx(expected, abs=0.5)


# -- 3. imposing a PDF made elsewhere -------------------------------------------------

def test_impose_booklet_from_any_pdf(tmp_path):
    source = write(tmp_path / "input.pdf", source_pdf([(612, 792)] * 10))
    result = impose_file(source, "booklet", "letter", tmp_path / "booklet.pdf")
    assert (result.scheme, result.pages, result.input_pages, result.blank_pages) == ("booklet", 6, 10, 2)
    assert result.sheet_size_pt == LETTER
    reader = PdfReader(result.path)
    assert len(reader.pages) == 6
    assert all((float(p.mediabox.width), float(p.mediabox.height)) == pytest.approx(LETTER) for p in reader.pages)
    for n, side in enumerate(reader.pages):
        sheet, back = divmod(n, 2)
        left, right = plans.booklet_order(12)[sheet][back]
        for number, (x0, x1) in ((left, (0, 396)), (right, (396, 792))):
            # Padding goes before the back cover: positions 10 and 11 are blank, page 10 is last.
            shown = {12: "PAGE 10", 10: "", 11: ""}.get(number, f"PAGE {number}")
            assert region_text(result.path, n + 1, x0, x1) == shown
    # The input's font came along, embedded: the sheets pass preflight.
    data = result.path.read_bytes()
    assert preflight(data) == []
    forms = [xobject.get_object() for page in reader.pages for xobject in page["/Resources"]["/XObject"].values()]
    fonts = {str(font.get_object()["/BaseFont"])
             for form in forms for font in (form["/Resources"].get("/Font") or {}).values()}
    assert fonts and all(name.endswith("+NotoSans-Regular") for name in fonts)


def test_impose_trifold_from_six_panel_pages(tmp_path):
    """Outside, left to right: flap, back, front cover; inside: inside left,
    middle, right; each at the panel widths of the tri-fold layout."""
    source = write(tmp_path / "panels.pdf", source_pdf([(264, 612)] * 6))
    result = impose_file(source, "trifold", "letter", tmp_path / "trifold.pdf")
    assert (result.pages, result.input_pages, result.blank_pages) == (2, 6, 0)
    flap, wide = 3.625 * 72, 3.6875 * 72
    outside = [(0, flap), (flap, flap + wide), (flap + wide, 792)]
    inside = [(0, wide), (wide, 2 * wide), (2 * wide, 792)]
    assert [region_text(result.path, 1, a, b) for a, b in outside] == ["PAGE 2", "PAGE 6", "PAGE 1"]
    assert [region_text(result.path, 2, a, b) for a, b in inside] == ["PAGE 3", "PAGE 4", "PAGE 5"]
    # Scaled to clear the 0.25 in edge; fold ticks at the scaled folds, inside the printable area.
    assert result.scale == pytest.approx((306 - EDGE) / 306)
    image = raster(result.path.read_bytes(), 0)
    for fold in (flap, flap + wide):
        at = 396 + result.scale * (fold - 396)
        assert ink_box(image, 612, (at - 1, at + 1), dark=230)[3] == pytest.approx(612 - EDGE, abs=0.5)


def test_impose_trifold_a4_uses_the_a4_panels(tmp_path):
    source = write(tmp_path / "panels.pdf", source_pdf([(280, 595)] * 6))
    result = impose_file(source, "trifold", "a4", tmp_path / "trifold.pdf")
    assert result.sheet_size_pt == A4
    widths = [p.width for p in load_layout("trifold-a4").trifold_pages()]
    flap, back = widths[1], widths[5]
    assert region_text(result.path, 1, flap, flap + back) == "PAGE 6"
    reader = PdfReader(result.path)
    assert (float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)) == pytest.approx(A4)


def test_impose_2up(tmp_path):
    source = write(tmp_path / "three.pdf", source_pdf([(420, 595)] * 3))
    result = impose_file(source, "2up", "a4", tmp_path / "2up.pdf")
    assert (result.pages, result.input_pages, result.blank_pages) == (2, 3, 1)
    half = A4[0] / 2
    assert [region_text(result.path, 1, 0, half), region_text(result.path, 1, half, A4[0])] == ["PAGE 1", "PAGE 2"]
    assert [region_text(result.path, 2, 0, half), region_text(result.path, 2, half, A4[0])] == ["PAGE 3", ""]


def test_impose_scales_into_the_printable_area_instead_of_clipping(tmp_path):
    """Grey pages that fill their slots: the sheet is scaled about its centre
    just enough that every page clears the 0.25 in edge, and shows whole."""
    source = write(tmp_path / "grey.pdf", source_pdf([(396, 612)] * 2, draw=grey_page))
    result = impose_file(source, "2up", "letter", tmp_path / "2up.pdf")
    f = (306 - EDGE) / 306
    assert result.scale == pytest.approx(f)
    sheet = raster(result.path.read_bytes(), 0)
    assert ink_box(sheet, 612) == pytest.approx((396 - 396 * f, EDGE, 396 + 396 * f, 612 - EDGE), abs=0.5)
    from pamphlet.instructions import impose_instructions

    assert impose_instructions(result)[0] == ("The sheets are scaled to 94.1% so nothing falls in the printer's "
                                              "unprintable edge (0.25 in); print at 100% (\"Actual size\").")


@pytest.mark.parametrize("rotate", [90, 180, 270])
def test_rotated_pages_are_imposed_upright(tmp_path, rotate):
    """A Letter portrait page with a /Rotate is fitted as it reads, and the
    bar along the edge the turn brings to the top (the left edge turned 90°
    clockwise, the bottom turned 180°, the right turned 270°) lands along the
    top of the placed page."""
    def bar(canvas, n, w, h):
        canvas.setFillColorRGB(0, 0, 0)
        canvas.rect(*{90: (0, 0, 30, h), 180: (0, 0, w, 30), 270: (w - 30, 0, 30, h)}[rotate], stroke=0, fill=1)

    writer = PdfWriter(clone_from=io.BytesIO(source_pdf([(612, 792)], draw=bar, label=False)))
    writer.pages[0].rotation = rotate
    buffer = io.BytesIO()
    writer.write(buffer)
    width, height = (612, 792) if rotate == 180 else (792, 612)
    assert page_sizes(buffer.getvalue()) == [(width, height)]
    result = impose_file(write(tmp_path / "rotated.pdf", buffer.getvalue()), "2up", "letter", tmp_path / "2up.pdf")
    # Fitted to the slot's width (396 pt), centred top to bottom, then the
    # sheet scaled about its centre to clear the 0.25 in edge on the left.
    f = result.scale
    assert f == pytest.approx((396 - EDGE) / 396)
    s = 396 / width * f
    top = (612 + s * height) / 2
    assert ink_box(raster(result.path.read_bytes(), 0), 612) == pytest.approx((EDGE, top - 30 * s, 396, top), abs=0.5)


def test_trifold_needs_six_pages_and_nothing_is_written(tmp_path):
    output = write(tmp_path / "out.pdf", b"the good PDF from before")
    source = write(tmp_path / "input.pdf", source_pdf([(264, 612)] * 5))
    with pytest.raises(PamphletError) as error:
        impose_file(source, "trifold", "letter", output)
    assert str(error.value) == f"{source}: has 5 page(s); expected 6 panel pages for a tri-fold ({PANELS})"
    assert output.read_bytes() == b"the good PDF from before"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["input.pdf", "out.pdf"]


def test_files_that_are_not_usable_pdfs(tmp_path):
    text = write(tmp_path / "notes.pdf", b"just some text\n")
    writer = PdfWriter(clone_from=io.BytesIO(source_pdf([(396, 612)])))
    writer.encrypt("secret")
    locked = tmp_path / "locked.pdf"
    writer.write(locked)
    cases = [(text, ": not a PDF; expected a PDF file"),
             (locked, f": encrypted: decrypt it first (qpdf --decrypt --password=PASSWORD {locked} {tmp_path}/locked-decrypted.pdf)"),
             (tmp_path / "missing.pdf", ": no such file; expected a PDF file")]
    for path, message in cases:
        with pytest.raises(PamphletError) as error:
            impose_file(path, "booklet", "letter", tmp_path / "out.pdf")
        assert str(error.value).startswith(f"{path}{message}")
    assert not (tmp_path / "out.pdf").exists()


def test_unknown_scheme_and_sheet(tmp_path):
    source = write(tmp_path / "input.pdf", source_pdf([(396, 612)]))
    with pytest.raises(PamphletError, match="unknown scheme 'zine'; expected one of: booklet, trifold, 2up"):
        impose_file(source, "zine", "letter", tmp_path / "out.pdf")
    with pytest.raises(PamphletError, match="unknown sheet 'legal'; expected one of: letter, a4"):
        impose_file(source, "booklet", "legal", tmp_path / "out.pdf")


# -- 4. creep -------------------------------------------------------------------------

def creep_page(canvas, n, w, h):
    """Even pages (always on the left of a sheet side) pale blue, odd pages
    pale red, and a black line 100 pt from the page's left edge."""
    canvas.setFillColorRGB(*((0.8, 0.85, 1) if n % 2 == 0 else (1, 0.85, 0.8)))
    canvas.rect(0, 0, w, h, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.rect(99, 100, 2, 400, stroke=0, fill=1)


def test_creep_moves_inner_sheets_toward_the_spine():
    """Sheet k (0 outermost) of a 12-page booklet: the left page's content
    moves right by k * creep, the right page's left by as much; the slots
    still clip, so neither page's colour crosses the spine."""
    creep = 3.0
    pdf = source_pdf([(396, 612)] * 12, draw=creep_page, label=False)
    sheets = impose(pdf, plans.booklet(12, 396, 612, creep=creep), SheetStyle(), 0.0, {})
    for n in range(6):
        k = n // 2
        assert dark_columns(raster(sheets, n), 306) == pytest.approx([100 + k * creep, 396 + 100 - k * creep], abs=0.25)
        image = raster(sheets, n, "RGB")
        red, _, blue = image.split()
        left, right = (0, 0, 396 * SCALE, image.height), (396 * SCALE, 0, image.width, image.height)
        assert ImageChops.subtract(red, blue).crop(left).getextrema()[1] < 10  # no odd (red) page on the left
        assert ImageChops.subtract(blue, red).crop(right).getextrema()[1] < 10  # no even (blue) page on the right
        # The fore-edges: paper where the content moved away from them.
        gap = round(k * creep * SCALE)
        if gap:
            assert image.crop((0, 0, gap - 1, image.height)).getextrema() == ((255, 255),) * 3
            assert image.crop((image.width - gap + 1, 0, image.width, image.height)).getextrema() == ((255, 255),) * 3
        assert image.getpixel((gap + 1, 5)) != (255, 255, 255)
        assert image.getpixel((image.width - gap - 2, 5)) != (255, 255, 255)


def test_no_creep_by_default():
    plan = plans.booklet(12, 396, 612)
    assert {slot.shift for side in plan.sides for slot in side.placements} == {0.0}


# -- 5. manual duplex -----------------------------------------------------------------

def test_manual_duplex_order():
    plan = plans.manual_duplex(plans.booklet(12, 396, 612))
    assert [(side.label, side.rotate) for side in plan.sides] == [
        ("sheet 1 front", 0), ("sheet 2 front", 0), ("sheet 3 front", 0),
        ("sheet 3 back", 180), ("sheet 2 back", 180), ("sheet 1 back", 180)]
    # Same sides, only reordered and turned.
    original = {side.label: side.placements for side in plans.booklet(12, 396, 612).sides}
    assert all(side.placements == original[side.label] for side in plan.sides)
    trifold = plans.manual_duplex(plans.trifold([264.0] * 6, 612))
    assert [(side.label, side.rotate) for side in trifold.sides] == [("outside", 0), ("inside", 180)]
    with pytest.raises(ValueError):
        plans.manual_duplex(plans.pages_only([(396, 612)] * 3))


def corner_square(canvas, n, w, h):
    """A black square near the page's top left corner."""
    canvas.setFillColorRGB(0, 0, 0)
    canvas.rect(20, h - 80, 30, 30, stroke=0, fill=1)


def test_manual_duplex_backs_are_turned_with_their_marks():
    """The inside of a tri-fold, turned 180°: each panel's top-left square
    lands at the bottom right of where the panel was, and the fold ticks at
    the mirrored fold positions."""
    spec = load_layout("trifold-letter")
    widths = [p.width for p in spec.trifold_pages()]
    pdf = source_pdf([(w, 612) for w in widths], draw=corner_square, label=False)
    plan = plans.manual_duplex(plans.trifold(widths, 612))
    sheets = impose(pdf, plan, SheetStyle(safe_edge=EDGE, fold_marks="ticks"), 0.0, {})
    assert PdfReader(io.BytesIO(sheets)).pages[1].get_contents().get_data().startswith(b"q -1 0 0 -1 792 612 cm\n")
    front, back = raster(sheets, 0), raster(sheets, 1)
    for image, side, turned in ((front, plan.sides[0], False), (back, plan.sides[1], True)):
        for slot in side.placements:
            x, top = slot.x + 20, 50.0  # the square's left and its distance from the top
            if turned:
                x, top = 792 - x - 30, 612 - top - 30
            band = (slot.x, slot.x + slot.width) if not turned else (792 - slot.x - slot.width, 792 - slot.x)
            assert ink_box(image, 612, band) == pytest.approx((x, 612 - top - 30, x + 30, 612 - top), abs=0.5)
    folds = plans.trifold(widths, 612).sides[1].folds
    ticks = dark_columns(back, EDGE + 5, dark=230)
    assert ticks == pytest.approx([792 - x for x in reversed(folds)], abs=0.5)


# -- 6. the duplex test sheet ---------------------------------------------------------

@pytest.mark.parametrize("sheet, size", [("letter", LETTER), ("a4", A4)])
def test_duplex_test_sheet(tmp_path, sheet, size):
    pdf = duplex_test_sheet(sheet)
    assert preflight(pdf) == []  # every font embedded as a subset, boxes in order
    reader = PdfReader(io.BytesIO(pdf))
    assert [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages] == [pytest.approx(size)] * 2
    path = write(tmp_path / "test-sheet.pdf", pdf)
    front = re.sub(r"\s+", " ", region_text(path, 1, 0, size[0]))
    back = re.sub(r"\s+", " ", region_text(path, 2, 0, size[0]))
    assert "FRONT — printed first" in front and "side 1 of 2" in front and "top edge" in front
    assert "BACK" in back and "side 2 of 2" in back and "top edge" in back
    assert "same way as the arrow on the front" in back
    assert "choose “flip on short edge”" in back and "choose “flip on long edge”" in back
    for index in (0, 1):
        image = raster(pdf, index)
        width, height = size
        # All ink at least 0.25 in from the sheet edge...
        x0, bottom, x1, top = ink_box(image, height, dark=250)
        assert x0 >= EDGE and bottom >= EDGE and x1 <= width - EDGE and top <= height - EDGE
        # ...and the arrow points at the top edge: it reaches up to near the
        # edge, wide at its head and narrow below.
        arrow = image.crop((round((ARROW_X - 60) * SCALE), 0, round((ARROW_X + 60) * SCALE), image.height))
        assert ink_box(arrow, height)[3] > height - 40
        head = dark_runs(arrow, 70)
        assert head[-1][1] - head[0][0] > 50
        (shaft,) = dark_runs(arrow, height / 2)
        assert 10 < shaft[1] - shaft[0] < 20


def test_duplex_test_sheet_unknown_sheet():
    with pytest.raises(PamphletError, match="unknown sheet 'legal'"):
        duplex_test_sheet("legal")


# -- 7. manual duplex on every paper path, simulated sheet by sheet ------------------------

def _other(face: str) -> str:
    return "B" if face == "A" else "A"


def simulate_manual_duplex(plan, path, turn_over: bool) -> list[dict]:
    """Print ``plan`` (fronts, then backs) on a printer with ``path``,
    handling the stack between passes as told (``turn_over`` or not, the
    marked edge going in first both times). Each sheet is a dict: for each
    face, the side printed on it and the 2-D 'up' of its image in that face's
    own view (x right, y up, the landscape sheet seen from that face with the
    marked leading edge at x = +1 on face A, so at x = -1 on face B: turning
    a landscape sheet on its short edge mirrors x and keeps y)."""
    from pamphlet.impose.paperpath import PAPER_PATHS

    path = PAPER_PATHS[path]
    sheets = [{"up": "A", "faces": {}} for _ in range(len(plan.sides) // 2)]
    tray = list(sheets)  # top first: the top sheet is fed first

    def feed(side) -> dict:
        sheet = tray.pop(0)
        face = sheet["up"] if path.prints == "up" else _other(sheet["up"])
        assert face not in sheet["faces"], f"{side.label} printed over {sheet['faces'].get(face)}"
        lead = (1, 0) if face == "A" else (-1, 0)  # where the marked edge lies, seen from this face
        image_up = (-lead[1], lead[0])  # this printer sets a landscape side's top a quarter turn from the feed
        if side.rotate == 180:
            image_up = (-image_up[0], -image_up[1])
        sheet["faces"][face] = (side.label, image_up)
        sheet["up"] = _other(face) if path.delivers == "face-down" else face
        return sheet

    n = len(sheets)
    output = [feed(side) for side in plan.sides[:n]]  # each lands on top of the last
    tray = list(reversed(output))  # the output stack, top first
    if turn_over:  # side to side about the feed direction: top and bottom swap, the leading edge stays
        tray = list(reversed(tray))
        for sheet in tray:
            sheet["up"] = _other(sheet["up"])
    for side in plan.sides[n:]:
        feed(side)
    return sheets


@pytest.mark.parametrize("path", ["up-down", "down-down", "up-up", "down-up"])
@pytest.mark.parametrize("scheme", ["booklet", "trifold"])
def test_manual_duplex_on_every_paper_path(path, scheme):
    """Handled as the printing steps say, every sheet gets its own back, on
    its other face, standing upright when the sheet is turned on its short
    edge: the same 'up' as its front."""
    from pamphlet.instructions import manual_duplex_steps

    two_sided = plans.booklet(12, 396, 612) if scheme == "booklet" else plans.trifold([264.0] * 6, 612)
    plan = plans.manual_duplex(two_sided, path)
    sheets_count = len(two_sided.sides) // 2
    handling = manual_duplex_steps(path, sheets_count)[1]
    turn_over = "turn the whole stack over" in handling
    assert turn_over or "without turning it over" in handling
    sheets = simulate_manual_duplex(plan, path, turn_over)
    for sheet, (front, back) in zip(sheets, zip(two_sided.sides[0::2], two_sided.sides[1::2])):
        faces = sorted(sheet["faces"].values())
        assert sorted(label for label, _ in faces) == sorted([front.label, back.label])
        (up_a, up_b) = (dict(faces)[front.label], dict(faces)[back.label])
        assert up_a == up_b, (path, front.label, up_a, up_b)


def test_the_same_stack_handling_fails_on_the_other_paths():
    """What the old steps said (put the stack back as it lies, backs last
    sheet first) prints the backs over the fronts on down-down and up-up."""
    old = plans.manual_duplex(plans.booklet(8, 396, 612), "up-down")
    for path in ("down-down", "up-up"):
        with pytest.raises(AssertionError, match="printed over"):
            simulate_manual_duplex(old, path, turn_over=False)


def test_manual_duplex_orders_by_paper_path():
    booklet = plans.booklet(12, 396, 612)
    labels = {path: [(s.label, s.rotate) for s in plans.manual_duplex(booklet, path).sides]
              for path in ("up-down", "down-down", "up-up", "down-up")}
    fronts = [("sheet 1 front", 0), ("sheet 2 front", 0), ("sheet 3 front", 0)]
    reversed_backs = [("sheet 3 back", 180), ("sheet 2 back", 180), ("sheet 1 back", 180)]
    assert labels["up-down"] == labels["down-up"] == fronts + reversed_backs
    assert labels["down-down"] == labels["up-up"] == fronts + reversed_backs[::-1]


def test_one_sheet_manual_duplex_names_single_pages():
    from pamphlet.instructions import manual_duplex_steps

    steps = manual_duplex_steps("up-down", 1)
    assert "first print page 1 (the front)" in steps[0] and "pages 1-1" not in " ".join(steps)
    assert steps[2].startswith("Then print page 2 (the back")
    assert "first print pages 3-5 (the fronts)" in manual_duplex_steps("down-down", 3, first_page=3)[0]


def test_manual_duplex_test_sheet():
    from pamphlet.impose.testsheet import manual_duplex_test_sheet

    pdf = manual_duplex_test_sheet("letter")
    assert preflight(pdf) == []
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 2
    # The back is turned as manual duplex turns backs.
    assert reader.pages[1].get_contents().get_data().startswith(b"q -1 0 0 -1 792 612 cm\n")
    front = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    for path, side, action in (("up-down", "this side", "as it lies"), ("down-down", "the other side", "turn"),
                               ("up-up", "this side", "turn"), ("down-up", "the other side", "as it lies")):
        delivered = "down" if path.endswith("down") else "up"
        line = f"Arrow on {side}, came out face {delivered}: --paper-path {path};"
        assert line in front, line
        assert action in front.split(line)[1].split(".")[0]
    back = re.sub(r"\s+", " ", reader.pages[1].extract_text())
    assert "pass 2" in back and "--paper-path NAME" in back
    # Each side keeps to its own half, so a second pass over the first stays readable.
    for index, (low, high) in ((0, (306, 612)), (1, (0, 306))):
        x0, bottom, x1, top = ink_box(raster(pdf, index), 612, dark=250)
        assert low - 1 <= bottom and top <= high + 1, (index, bottom, top)
        assert x0 >= EDGE and x1 <= 792 - EDGE


# -- 8. imposing a print-ready PDF: the trim, never the marks ---------------------------

def _placed_forms(reader_page):
    """(matrix, form) for each page placed on a sheet side, from its content."""
    content = reader_page.get_contents().get_data().decode()
    xobjects = reader_page["/Resources"]["/XObject"]
    found = []
    for match in re.finditer(r"q ([-\d. ]+) cm (/Pg\d+) Do Q", content):
        matrix = tuple(float(v) for v in match.group(1).split())
        found.append((matrix, xobjects[match.group(2)].get_object()))
    return found


@pytest.fixture(scope="module")
def shop_booklet(tmp_path_factory):
    """The English booklet as the project sends it to a shop: single pages,
    trim 5.5 x 8.5 in with bleed, and crop marks in the margin around."""
    from pamphlet.pipeline import BuildOptions, build_one

    from .conftest import DOC

    out = tmp_path_factory.mktemp("shop")
    return build_one(BuildOptions(doc=DOC, langs=("en",), layouts=("booklet-letter",), profiles=("commercial",),
                                  out_dir=out), "en", "booklet-letter")


def test_imposing_a_commercial_booklet_places_its_trim_at_full_size(shop_booklet, tmp_path):
    source = PdfReader(shop_booklet.path)
    trim = [float(v) for v in source.pages[0].trimbox]
    bleed = [float(v) for v in source.pages[0].bleedbox]
    assert trim[2] - trim[0] == pytest.approx(396) and bleed[0] < trim[0]
    result = impose_file(shop_booklet.path, "booklet", "letter", tmp_path / "sheets.pdf", "commercial")
    assert result.scale == 1.0 and result.left_out == ()
    reader = PdfReader(result.path)
    m = 36.0  # room for the sheet's own marks
    for side in reader.pages:
        assert [float(v) for v in side.trimbox] == pytest.approx([m, m, m + 792, m + 612])
        for matrix, form in _placed_forms(side):
            a, b, c, d, e, f = matrix
            assert (a, b, c, d) == (1, 0, 0, 1)  # 100%
            x = e + trim[0]  # where the page's trim lands on the sheet
            assert x == pytest.approx(m) or x == pytest.approx(m + 396)
            assert f + trim[1] == pytest.approx(m)
            # What shows of the page stays within its BleedBox: its own crop
            # marks, outside it, never come along; the bleed shows on the
            # sheet's outer edges and stops at the spine.
            x0, y0, x1, y1 = (float(v) for v in form["/BBox"])
            assert x0 >= bleed[0] - 0.01 and y0 >= bleed[1] - 0.01 and x1 <= bleed[2] + 0.01 and y1 <= bleed[3] + 0.01
            assert (y0, y1) == pytest.approx((bleed[1], bleed[3]))
            at_left = x == pytest.approx(m)
            assert (x0, x1) == pytest.approx((bleed[0], trim[2]) if at_left else (trim[0], bleed[2]))


def _mark_segments(reader_page) -> list[tuple[float, float, float, float]]:
    """Every line of the sheet's marks form, in sheet coordinates (the form is drawn untransformed)."""
    marks = reader_page["/Resources"]["/XObject"]["/Marks"].get_object()
    content = marks.get_data().decode("latin-1")
    return [tuple(float(v) for v in m.groups()) for m in re.finditer(r"([-\d.]+) ([-\d.]+) m ([-\d.]+) ([-\d.]+) l", content)]


def test_a_commercial_2up_on_a_press_sheet_gives_each_page_its_bleed_to_the_gutter_middle(shop_booklet, tmp_path):
    from pamphlet.instructions import impose_instructions

    source = PdfReader(shop_booklet.path)
    trim = [float(v) for v in source.pages[0].trimbox]
    bleed = [float(v) for v in source.pages[0].bleedbox]
    assert bleed[2] - trim[2] == pytest.approx(9)
    result = impose_file(shop_booklet.path, "2up", "tabloid", tmp_path / "press.pdf", "commercial")
    assert result.gutter == pytest.approx(18) and result.scale == 1.0
    m = 36.0
    width, height = 396, 612
    left_x = m + (1224 - 2 * width - 18) / 2  # where the left page's trim lands on the sheet
    right_x, foot = left_x + width + 18, m + (792 - height) / 2
    middle = left_x + width + 9  # the gutter's midline
    for side in PdfReader(result.path).pages:
        placed = _placed_forms(side)
        assert len(placed) == 2
        slots = []
        for (a, b, c, d, e, f), form in placed:
            assert (a, b, c, d) == (1, 0, 0, 1)  # 100%
            x, y = e + trim[0], f + trim[1]
            assert x == pytest.approx(left_x) or x == pytest.approx(right_x)
            assert y == pytest.approx(foot)
            # What shows: the page's whole BleedBox, up to the gutter's midline.
            x0, y0, x1, y1 = (float(v) for v in form["/BBox"])
            assert (x0, y0, x1, y1) == pytest.approx(tuple(bleed))
            shown = (x0 + e, y0 + f, x1 + e, y1 + f)
            assert (shown[2] if x == pytest.approx(left_x) else shown[0]) == pytest.approx(middle)
            slots.append(shown)
        # Crop marks: at every trim edge of both pages, none inside either page's bleed.
        segments = _mark_segments(side)
        for sx0, sy0, sx1, sy1 in segments:
            for bx0, by0, bx1, by1 in slots:
                inside = min(sx0, sx1) < bx1 - 0.01 and max(sx0, sx1) > bx0 + 0.01 and \
                    min(sy0, sy1) < by1 - 0.01 and max(sy0, sy1) > by0 + 0.01
                assert not inside, (sx0, sy0, sx1, sy1)
        vertical = {round(x0, 2) for x0, y0, x1, y1 in segments if x0 == x1}
        assert {round(v, 2) for v in (left_x, left_x + width, right_x, right_x + width)} <= vertical
    steps = " ".join(impose_instructions(result))
    assert "cut each page out at its own crop marks" in steps and "6 mm gutter" in steps
    # On a letter sheet the two half-letter pages fill it: no gutter, and it says so.
    letter = impose_file(shop_booklet.path, "2up", "letter", tmp_path / "letter.pdf", "commercial")
    assert letter.gutter == 0.0
    assert "their bleed is clipped there" in " ".join(impose_instructions(letter))
    # Home print keeps its two half-sheet slots, scaled into the printable area.
    home = impose_file(shop_booklet.path, "2up", "letter", tmp_path / "home.pdf")
    assert home.gutter is None and home.scale < 1


def test_imposing_a_commercial_booklet_for_home_scales_it_into_the_printable_area(shop_booklet, tmp_path):
    result = impose_file(shop_booklet.path, "booklet", "letter", tmp_path / "home.pdf")
    f = (306 - EDGE) / 306
    assert result.scale == pytest.approx(f)
    trim = [float(v) for v in PdfReader(shop_booklet.path).pages[0].trimbox]
    for side in PdfReader(result.path).pages:
        for (a, b, c, d, e, y), form in _placed_forms(side):
            assert a == pytest.approx(f) and d == pytest.approx(f)
            assert y + f * trim[1] == pytest.approx(EDGE)  # the trim's foot on the printable edge


def test_impose_keeps_web_links_and_lists_what_it_leaves_out(tmp_path):
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, TextStringObject

    writer = PdfWriter(clone_from=io.BytesIO(source_pdf([(396, 612)] * 2)))

    def annotation(subtype, rect, **extra):
        entry = DictionaryObject({NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject(subtype),
                                  NameObject("/Rect"): ArrayObject(FloatObject(v) for v in rect)})
        entry.update({NameObject(f"/{k}"): v for k, v in extra.items()})
        return add_object(writer, entry)

    uri = DictionaryObject({NameObject("/S"): NameObject("/URI"), NameObject("/URI"): TextStringObject("https://example.org/")})
    writer.pages[0][NameObject("/Annots")] = ArrayObject([
        annotation("/Link", [100, 100, 200, 120], A=uri),
        annotation("/Widget", [100, 200, 200, 220], T=TextStringObject("name"), FT=NameObject("/Tx"))])
    writer.pages[1][NameObject("/Annots")] = ArrayObject([
        annotation("/Link", [50, 50, 90, 60], Dest=ArrayObject([writer.pages[0].indirect_reference, NameObject("/Fit")]))])
    source = tmp_path / "form.pdf"
    writer.write(source)

    result = impose_file(source, "2up", "letter", tmp_path / "2up.pdf")
    assert result.left_out == ("page 1: form field 'name'", "page 2: a link within the document")
    (link,) = [a.get_object() for a in PdfReader(result.path).pages[0]["/Annots"]]
    assert link["/A"]["/URI"] == "https://example.org/"
    f = result.scale  # page 1 in the left slot, scaled about the sheet's centre
    expected = [396 + f * (x - 396) for x in (100, 200)] + [306 + f * (y - 306) for y in (100, 120)]
    assert [float(v) for v in link["/Rect"]] == pytest.approx([expected[0], expected[2], expected[1], expected[3]], abs=0.01)
    shop = impose_file(source, "2up", "letter", tmp_path / "shop.pdf", "commercial")
    assert "page 1: a web link (a print file has none)" in shop.left_out
    assert "/Annots" not in PdfReader(shop.path).pages[0]


@pytest.mark.parametrize("scheme, words", [
    ("2up", ["Print one-sided", "Cut each sheet in half along the centre ticks"]),
    ("booklet", ["Print two-sided, flip on the SHORT edge", "fold the stack in half along the centre ticks"]),
])
def test_impose_says_how_to_print_cut_and_fold(tmp_path, scheme, words):
    from pamphlet.instructions import impose_instructions

    source = write(tmp_path / "in.pdf", source_pdf([(396, 612)] * 6))
    steps = " ".join(impose_instructions(impose_file(source, scheme, "letter", tmp_path / "out.pdf")))
    assert all(w in steps for w in words), steps
    if scheme == "booklet":
        assert "2 blank page(s) added before the back cover, so page 6 stays the back cover" in steps


# -- 9. imposing for a print shop: labelled and converted as build does ------------------

def _labels(path: Path) -> dict:
    reader = PdfReader(path)
    root = reader.trailer["/Root"]
    intents = root.get("/OutputIntents") or []
    return {"header": path.read_bytes()[:8], "version": reader.metadata.get("/GTS_PDFXVersion"),
            "intent": [str(i.get_object().get("/OutputConditionIdentifier")) for i in intents],
            "xmp": "/Metadata" in root,
            "boxes": all("/TrimBox" in p and "/BleedBox" in p for p in reader.pages)}


@pytest.mark.parametrize("profile, version, header", [("commercial", "PDF/X-4", b"%PDF-1.6"),
                                                      ("commercial-x1a", "PDF/X-1a:2003", b"%PDF-1.4")])
def test_imposing_for_a_print_shop_labels_the_sheets_as_build_does(shop_booklet, tmp_path, profile, version, header):
    from pamphlet.check.preflight import failures, preflight
    from pamphlet.profiles import load_profile

    result = impose_file(shop_booklet.path, "2up", "tabloid", tmp_path / "press.pdf", profile)
    labels = _labels(result.path)
    assert labels["header"] == header and labels["version"] == version
    assert labels["intent"] == ["FOGRA39"] and labels["boxes"]
    assert labels["xmp"] == (version == "PDF/X-4")
    assert not failures(preflight(result.path.read_bytes(), load_profile(profile)))
    subprocess.run(["qpdf", "--check", str(result.path)], check=True, capture_output=True)


def rgb_page(canvas, n, w, h):
    canvas.setFillColorRGB(0.1, 0.5, 0.8)
    canvas.rect(-9, -9, w + 18, h / 3 + 9, stroke=0, fill=1)
    canvas.setStrokeColorRGB(0.9, 0.2, 0.1)
    canvas.setLineWidth(2)
    canvas.line(30, h - 40, w - 30, h - 40)


def test_imposing_an_rgb_pdf_for_a_print_shop_converts_its_colours(tmp_path):
    from pamphlet.check.preflight import failures, preflight
    from pamphlet.profiles import load_profile

    from .test_art_colour import assert_cmyk_only, colours_used

    source = write(tmp_path / "rgb.pdf", source_pdf([(396, 612)] * 4, draw=rgb_page))
    assert {"rg", "RG"} <= {op for op, _ in colours_used(source)["operators"]}
    result = impose_file(source, "2up", "tabloid", tmp_path / "press.pdf", "commercial")
    assert_cmyk_only(result.path)
    assert not failures(preflight(result.path.read_bytes(), load_profile("commercial")))
    # For home print the page's own colours are kept.
    home = impose_file(source, "2up", "letter", tmp_path / "home.pdf")
    assert {"rg", "RG"} <= {op for op, _ in colours_used(home.path)["operators"]}


def test_a_pdf_that_cannot_be_made_print_ready_is_refused_and_nothing_written(tmp_path):
    from pamphlet.errors import PamphletError

    def small_colour_text(canvas, n, w, h):
        canvas.setFillColorRGB(0.1, 0.5, 0.8)
        canvas.setFont("TestNoto", 8)
        canvas.drawString(40, 40, "Small blue words print on two plates")

    source = write(tmp_path / "small.pdf", source_pdf([(396, 612)] * 2, draw=small_colour_text))
    with pytest.raises(PamphletError) as info:
        impose_file(source, "2up", "tabloid", tmp_path / "press.pdf", "commercial")
    messages = [str(p) for p in info.value.problems]
    assert any("fails preflight" in m and "8.0 pt on" in m for m in messages), messages
    assert not (tmp_path / "press.pdf").exists()
