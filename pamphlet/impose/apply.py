"""impose: reader-order PDF + Plan -> printer sheets (the only module that
moves pages with pypdf).

Each placed page is clipped: to its slot plus the bleed on
the sides that are sheet edges (commercial), or to the printable area inside
the printer's unprintable edge (home), so no ink lands where it must not.
Marks (fold ticks, crop and fold marks) are drawn by ``marks.py`` on a
separate overlay and merged on top. Page boxes are set on every sheet.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter, Transformation
from pypdf.generic import (ArrayObject, ByteStringObject, DictionaryObject, FloatObject, IndirectObject, NameObject,
                           RectangleObject, StreamObject)

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


def impose(reader_pdf: bytes, plan: Plan, style: SheetStyle, source_bleed: float, metadata: dict[str, str],
           finish: Callable[[PdfWriter], None] | None = None) -> bytes:
    """Apply ``plan`` to the pages of ``reader_pdf`` (each page its trim plus
    ``source_bleed`` on every side).

    Each reader page becomes a form XObject drawn with a translation; the
    form's BBox is the clip. Content streams are copied, never parsed."""
    reader = PdfReader(io.BytesIO(reader_pdf))
    overlay = PdfReader(io.BytesIO(marks_pdf(plan, style)))
    writer = PdfWriter()
    m = style.mark_space
    forms: dict[tuple, IndirectObject] = {}
    for n, side in enumerate(plan.sides):
        sheet = writer.add_blank_page(side.width + 2 * m, side.height + 2 * m)
        xobjects = DictionaryObject()
        ops: list[str] = []
        for k, slot in enumerate(side.placements):
            if slot.page is None:
                continue
            left, bottom = slot.x, slot.y
            right, top = slot.x + slot.width, slot.y + slot.height
            grow = {edge: (style.bleed if edge in slot.bleed_edges else 0.0) for edge in ("left", "right", "top", "bottom")}
            left, right = left - grow["left"], right + grow["right"]
            bottom, top = bottom - grow["bottom"], top + grow["top"]
            if style.safe_edge:
                left, bottom = max(left, style.safe_edge), max(bottom, style.safe_edge)
                right, top = min(right, side.width - style.safe_edge), min(top, side.height - style.safe_edge)
            # The clip rectangle in the reader page's own coordinates.
            dx, dy = slot.x - source_bleed, slot.y - source_bleed
            bbox = (left - dx, bottom - dy, right - dx, top - dy)
            key = (slot.page, bbox)
            if key not in forms:
                forms[key] = _form(writer, reader.pages[slot.page], bbox)
            name = f"/Pg{k}"
            xobjects[NameObject(name)] = forms[key]
            ops.append(f"q 1 0 0 1 {m + dx:.4f} {m + dy:.4f} cm {name} Do Q")
        marks = overlay.pages[n]
        if marks.get_contents() is not None and marks.get_contents().get_data().strip():
            xobjects[NameObject("/Marks")] = _form(writer, marks, tuple(float(v) for v in marks.mediabox))
            ops.append("q /Marks Do Q")
        sheet[NameObject("/Resources")] = DictionaryObject({NameObject("/XObject"): xobjects})
        content = StreamObject()
        content.set_data("\n".join(ops).encode("ascii"))
        content = content.flate_encode()
        sheet[NameObject("/Contents")] = writer._add_object(content)
        trim = RectangleObject((m, m, m + side.width, m + side.height))
        sheet.trimbox = trim
        sheet.bleedbox = RectangleObject((m - style.bleed, m - style.bleed, m + side.width + style.bleed,
                                          m + side.height + style.bleed)) if style.bleed else trim
    writer.add_metadata({f"/{k}": v for k, v in metadata.items()})
    if finish is not None:
        finish(writer)  # e.g. PDF/X output intent and identification
    # A stable file identifier: the same inputs give a byte-identical PDF.
    digest = ByteStringObject(hashlib.md5(reader_pdf + repr(plan).encode() + repr(style).encode()).digest())
    writer._ID = ArrayObject([digest, digest])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _form(writer: PdfWriter, page, bbox: tuple[float, ...]) -> IndirectObject:
    """A page as a form XObject clipped to ``bbox``; its resources are cloned
    once per source document (fonts shared by all pages stay shared)."""
    form = StreamObject()
    form.set_data(page.get_contents().get_data())
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject(FloatObject(round(v, 4)) for v in bbox),
        NameObject("/Resources"): page["/Resources"].clone(writer),
    })
    return writer._add_object(form.flate_encode())


def page_boxes(pdf: bytes) -> list[dict[str, tuple[float, ...]]]:
    """MediaBox, BleedBox and TrimBox of every page (for checks and tests)."""
    reader = PdfReader(io.BytesIO(pdf))
    boxes = []
    for page in reader.pages:
        boxes.append({name: tuple(float(v) for v in page[NameObject(f"/{name}")]) if f"/{name}" in page else None
                      for name in ("MediaBox", "BleedBox", "TrimBox")})
    return boxes
