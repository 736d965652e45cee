"""impose: reader-order PDF + Plan -> printer sheets (the only module that
moves pages with pypdf).

Each placed page is clipped as it is merged: to its slot plus the bleed on
the sides that are sheet edges (commercial), or to the printable area inside
the printer's unprintable edge (home), so no ink lands where it must not.
Marks (fold ticks, crop and fold marks) are drawn by ``marks.py`` on a
separate overlay and merged on top. Page boxes are set on every sheet.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import ArrayObject, ByteStringObject, NameObject, RectangleObject

from .marks import marks_pdf
from .plans import Plan


@dataclass(frozen=True)
class SheetStyle:
    bleed: float = 0.0  # ink past the trim on sheet edges (commercial)
    safe_edge: float = 0.0  # no ink this close to the sheet edge (home printers)
    mark_space: float = 0.0  # media added around the trim for marks
    crop_marks: bool = False
    fold_marks: str = "none"  # none | ticks (inside the unprintable edge) | marks (outside the bleed)
    colour_model: str = "rgb"


def impose(reader_pdf: bytes, plan: Plan, style: SheetStyle, source_bleed: float, metadata: dict[str, str]) -> bytes:
    """Apply ``plan`` to the pages of ``reader_pdf`` (each page its trim plus
    ``source_bleed`` on every side)."""
    reader = PdfReader(io.BytesIO(reader_pdf))
    overlay = PdfReader(io.BytesIO(marks_pdf(plan, style)))
    writer = PdfWriter()
    m = style.mark_space
    for n, side in enumerate(plan.sides):
        media_w, media_h = side.width + 2 * m, side.height + 2 * m
        sheet = writer.add_blank_page(media_w, media_h)
        for slot in side.placements:
            if slot.page is None:
                continue
            page = reader.pages[slot.page]
            left, bottom = slot.x, slot.y
            right, top = slot.x + slot.width, slot.y + slot.height
            grow = {edge: (style.bleed if edge in slot.bleed_edges else 0.0) for edge in ("left", "right", "top", "bottom")}
            left, right = left - grow["left"], right + grow["right"]
            bottom, top = bottom - grow["bottom"], top + grow["top"]
            if style.safe_edge:
                left, bottom = max(left, style.safe_edge), max(bottom, style.safe_edge)
                right, top = min(right, side.width - style.safe_edge), min(top, side.height - style.safe_edge)
            # Clip rectangle in the reader page's own coordinates.
            dx, dy = slot.x - source_bleed, slot.y - source_bleed
            page.cropbox = RectangleObject((left - dx, bottom - dy, right - dx, top - dy))  # pypdf clips a merged page to its CropBox
            sheet.merge_transformed_page(page, Transformation().translate(m + dx, m + dy))
        sheet.merge_page(overlay.pages[n])
        trim = RectangleObject((m, m, m + side.width, m + side.height))
        sheet.trimbox = trim
        sheet.bleedbox = RectangleObject((m - style.bleed, m - style.bleed, m + side.width + style.bleed,
                                          m + side.height + style.bleed)) if style.bleed else trim
        sheet.cropbox = sheet.mediabox
    writer.add_metadata({f"/{k}": v for k, v in metadata.items()})
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    for page in writer.pages:
        page.compress_content_streams()
    # A stable file identifier: the same inputs give a byte-identical PDF.
    digest = ByteStringObject(hashlib.md5(reader_pdf + repr(plan).encode() + repr(style).encode()).digest())
    writer._ID = ArrayObject([digest, digest])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_boxes(pdf: bytes) -> list[dict[str, tuple[float, ...]]]:
    """MediaBox, BleedBox and TrimBox of every page (for checks and tests)."""
    reader = PdfReader(io.BytesIO(pdf))
    boxes = []
    for page in reader.pages:
        boxes.append({name: tuple(float(v) for v in page[NameObject(f"/{name}")]) if f"/{name}" in page else None
                      for name in ("MediaBox", "BleedBox", "TrimBox")})
    return boxes
