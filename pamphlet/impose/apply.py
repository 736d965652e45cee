"""impose: reader-order PDF + Plan -> printer sheets (the only module that
moves pages with pypdf).

Each placed page is clipped: to its slot plus the bleed on
the sides that are sheet edges (commercial), or to the printable area inside
the printer's unprintable edge (home), so no ink lands where it must not.
Marks (fold ticks, crop and fold marks) are drawn by ``marks.py`` on a
separate overlay and merged on top. Page boxes are set on every sheet.

Pages made elsewhere may be any size, start anywhere and carry a /Rotate:
each is drawn upright at its placement's scale, centred in its slot.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .marks import marks_pdf
from .plans import Plan

if TYPE_CHECKING:  # pypdf is imported where pages are moved: a build whose sheets are cached never loads it
    from pypdf import PageObject, PdfWriter
    from pypdf.generic import IndirectObject


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

    Each reader page becomes a form XObject drawn with a matrix (a
    translation, and a scale or a quarter turn for PDFs made elsewhere); the
    form's BBox is the clip. Content streams are copied, never parsed."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject, DictionaryObject, NameObject, RectangleObject, StreamObject

    pages = PdfReader(io.BytesIO(reader_pdf)).pages
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
            # The page turned upright, its trim drawn at slot.scale, centred
            # in the slot and moved by slot.shift: the matrix ``cm`` takes the
            # page's own coordinates to the sheet's.
            page = pages[slot.page]
            upright, (width, height) = _upright(page)
            s = slot.scale
            ox = slot.x + slot.shift + (slot.width - s * (width - 2 * source_bleed)) / 2 - s * source_bleed
            oy = slot.y + (slot.height - s * (height - 2 * source_bleed)) / 2 - s * source_bleed
            a, b, c, d, e, f = upright
            cm = (s * a, s * b, s * c, s * d, s * e + ox, s * f + oy)
            # The clip rectangle in the page's own coordinates.
            inverse = _inverse(cm)
            xs, ys = zip(*(_apply(inverse, x, y) for x, y in ((left, bottom), (right, top))))
            bbox = (min(xs), min(ys), max(xs), max(ys))
            key = (slot.page, bbox)
            if key not in forms:
                forms[key] = _form(writer, page, bbox)
            name = f"/Pg{k}"
            xobjects[NameObject(name)] = forms[key]
            placed = (*cm[:4], cm[4] + m, cm[5] + m)
            ops.append(f"q {' '.join(_num(v) for v in placed)} cm {name} Do Q")
        marks = overlay.pages[n]
        if marks.get_contents() is not None and marks.get_contents().get_data().strip():
            xobjects[NameObject("/Marks")] = _form(writer, marks, tuple(float(v) for v in marks.mediabox))
            ops.append("q /Marks Do Q")
        if side.rotate:  # 180: the whole side, marks included, about the sheet centre
            ops = [f"q -1 0 0 -1 {_num(side.width + 2 * m)} {_num(side.height + 2 * m)} cm", *ops, "Q"]
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


def _upright(page: PageObject) -> tuple[tuple[float, ...], tuple[float, float]]:
    """The matrix taking the page's own coordinates to the page as read
    (its /Rotate applied, the crop box's lower left at the origin), and the
    size of the page as read."""
    left, bottom, right, top = (float(v) for v in page.cropbox)
    matrix = {
        0: (1, 0, 0, 1, -left, -bottom),
        90: (0, -1, 1, 0, -bottom, right),  # turned clockwise: the left edge is the top
        180: (-1, 0, 0, -1, right, top),
        270: (0, 1, -1, 0, top, -left),
    }[page.rotation % 360]
    size = (right - left, top - bottom)
    return matrix, size if page.rotation % 180 == 0 else size[::-1]


def _inverse(m: tuple[float, ...]) -> tuple[float, ...]:
    a, b, c, d, e, f = m
    det = a * d - b * c
    return (d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det)


def _apply(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _num(value: float) -> str:
    text = f"{value:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """The size of every page as a reader sees it (crop box, /Rotate applied):
    what a plan for a PDF made elsewhere scales to fit its slots."""
    from pypdf import PdfReader

    return [_upright(page)[1] for page in PdfReader(io.BytesIO(pdf)).pages]


def _form(writer: PdfWriter, page: PageObject, bbox: tuple[float, ...]) -> IndirectObject:
    """A page as a form XObject clipped to ``bbox``; its resources are cloned
    once per source document (fonts shared by all pages stay shared)."""
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, StreamObject

    contents = page.get_contents()
    resources = page.get("/Resources")
    form = StreamObject()
    form.set_data(contents.get_data() if contents is not None else b"")
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject(FloatObject(round(v, 4)) for v in bbox),
        NameObject("/Resources"): resources.clone(writer) if resources is not None else DictionaryObject(),
    })
    return writer._add_object(form.flate_encode())


def prepend_pages(front: bytes, pdf: bytes) -> bytes:
    """``front``'s pages before ``pdf``'s, keeping pdf's metadata and identifier."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for n, page in enumerate(PdfReader(io.BytesIO(front)).pages):
        writer.insert_page(page, n)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
