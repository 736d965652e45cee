"""impose: reader-order PDF + Plan -> printer sheets (the only module that
moves pages with pypdf).

Each page's trim (its TrimBox) is placed in its slot; the page is clipped to
its slot plus the bleed on the sides that are sheet edges (commercial), to
the printable area inside the printer's unprintable edge (home), and always
to its own BleedBox, so no ink lands where it must not and a print-ready
page's own marks never come along (``clip.shown_area``, pure geometry).
Marks (fold ticks, crop and fold marks) are drawn by ``marks.py`` on a
separate overlay and merged on top. Page boxes are set on every sheet.

Pages made elsewhere may be any size, start anywhere and carry a /Rotate:
each is drawn upright at its placement's scale, centred in its slot.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..privateapi import add_object, set_file_id
from .clip import shown_area
from .marks import marks_pdf
from .plans import Plan
from .style import SheetStyle
from .tagging import Moved, mcid_count, offset_mcids, tag, tag_front

if TYPE_CHECKING:  # pypdf is imported where pages are moved: a build whose sheets are cached never loads it
    from pypdf import PageObject, PdfWriter
    from pypdf.generic import DictionaryObject, IndirectObject

    from ..render.tags import Structure


def impose(reader_pdf: bytes, plan: Plan, style: SheetStyle, source_bleed: float, metadata: dict[str, str],
           finish: Callable[[PdfWriter, bytes], None] | None = None, keep_links: bool = True,
           colours=None, structure: Structure | None = None) -> bytes:
    """Apply ``plan`` to the pages of ``reader_pdf``.

    A page's trim is its TrimBox, or for pages without one (the reader pages
    ``render`` makes) its crop box less ``source_bleed`` on every side. The
    trim is placed in its slot; around it the page shows only up to its
    BleedBox (so printer's marks outside the bleed never come along), on the
    slot's sheet-edge sides up to the sheet's bleed, and on a home printer
    never within the unprintable edge.

    Each reader page becomes a form XObject drawn with a matrix (a
    translation, and a scale or a quarter turn for PDFs made elsewhere); the
    form's BBox is the clip. Content streams are copied, never parsed. Web
    links (URI actions) are carried over, moved with their page and cut to
    what shows, when ``keep_links``; no other annotation is
    (``dropped_annotations`` lists them). ``finish(writer, file_id)`` may
    label the file (PDF/X) before it is written. ``colours`` (a
    ``render.vectorcolour.VectorColours``; pages made elsewhere, for a print
    shop): each page's content is parsed and its colours converted to CMYK
    (``render.pdfart``), or ``NotConvertible`` is raised with ``.page``, the
    page's number.

    ``structure`` (a tagged reader PDF, ``render.tags``): each reader page's
    content is copied into its sheet's own content instead (clipped the same
    way), its MCIDs numbered on from the slot before, so that readers find
    every piece of tagged content on the page the structure tree names; the
    marks are an artifact; ``tagging.tag`` then builds the tree."""
    from pypdf import PdfReader, PdfWriter

    pages = PdfReader(io.BytesIO(reader_pdf)).pages
    writer = PdfWriter()
    job = _Job(writer, pages, tuple(page_boxes(page, source_bleed) for page in pages), style, keep_links,
               _converter(colours, writer), tagged=structure is not None)
    overlay = PdfReader(io.BytesIO(marks_pdf(plan, style)))
    for n, side in enumerate(plan.sides):
        m = style.mark_space
        sheet = writer.add_blank_page(side.width + 2 * m, side.height + 2 * m)
        drawn = _Drawn()
        for k, slot in enumerate(side.placements):
            if slot.page is not None:
                _place(job, drawn, side, slot, f"/Pg{k}", n)
        _draw_marks(writer, drawn, overlay.pages[n], job.tagged)
        _fill_sheet(job, sheet, side, drawn)
    file_id = _file_id(reader_pdf, plan, style, metadata)
    if structure is not None:
        tag(writer, structure, job.moved, file_id)
    return _finish(writer, file_id, metadata, finish)


@dataclass(frozen=True)
class _Job:
    """What every slot of an imposition reads: the writer, the reader's
    pages and their (trim, bleed) boxes, the sheet style, whether links come
    along, the colour converter (or None), and the forms made so far, by
    page and clip (a page clipped alike is drawn from one form); for a
    tagged reader PDF, where each page's marked content went."""

    writer: PdfWriter
    pages: list
    boxes: tuple
    style: SheetStyle
    keep_links: bool
    converter: object
    forms: dict = field(default_factory=dict)
    tagged: bool = False  # pages copied into the sheets' content (``_inlined``), not drawn as forms
    moved: list = field(default_factory=list)  # tagging.Moved, per page placed


@dataclass
class _Drawn:
    """One sheet side as it is drawn: its forms by name, its operators
    (strings, or bytes of a page's content), its links, and the resources of
    the pages copied into it."""

    xobjects: dict = field(default_factory=dict)
    ops: list = field(default_factory=list)
    links: list = field(default_factory=list)
    resources: dict = field(default_factory=dict)


def _converter(colours, writer: PdfWriter):
    if colours is None:
        return None
    from ..render.pdfart import Converter

    return Converter(colours, writer)


def _place(job: _Job, drawn: _Drawn, side, slot, name: str, sheet: int) -> None:
    """The slot's page drawn as a form, clipped to what shows
    (``clip.shown_area``); or, tagged, copied into the sheet's content."""
    page = job.pages[slot.page]
    trim, bleed = job.boxes[slot.page]
    cm = placement_matrix(page, trim, slot)
    shown = shown_area(slot, side, job.style, _rect_through(cm, bleed))
    bbox = _rect_through(_inverse(cm), shown)  # the clip in the page's own coordinates
    m = job.style.mark_space
    placed = (*cm[:4], cm[4] + m, cm[5] + m)
    if job.tagged:
        offset = sum(place.count for place in job.moved if place.sheet == sheet)
        data, count = _inlined(job.writer, page, bbox, placed, drawn.resources, offset)
        drawn.ops.append(data)
        job.moved.append(Moved(slot.page, sheet, offset, count))
    else:
        key = (slot.page, bbox)
        if key not in job.forms:
            job.forms[key] = _form(job.writer, page, bbox, job.converter, slot.page + 1)
        drawn.xobjects[name] = job.forms[key]
        drawn.ops.append(f"q {' '.join(_num(v) for v in placed)} cm {name} Do Q")
    if job.keep_links:
        left, bottom, right, top = shown
        drawn.links += _links(page, placed, (left + m, bottom + m, right + m, top + m))


def _draw_marks(writer: PdfWriter, drawn: _Drawn, marks: PageObject, tagged: bool = False) -> None:
    """The side's marks (``marks.py``'s overlay page) on top, when it draws
    any; in a tagged file, as an artifact."""
    if marks.get_contents() is not None and marks.get_contents().get_data().strip():
        drawn.xobjects["/Marks"] = _form(writer, marks, tuple(float(v) for v in marks.mediabox))
        drawn.ops.append("/Artifact BMC q /Marks Do Q EMC" if tagged else "q /Marks Do Q")


def _fill_sheet(job: _Job, sheet: PageObject, side, drawn: _Drawn) -> None:
    """The sheet page's resources, content (the side turned when the plan
    says), TrimBox and BleedBox, and its links."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, RectangleObject, StreamObject

    m, bleed, writer = job.style.mark_space, job.style.bleed, job.writer
    ops, links = drawn.ops, drawn.links
    if side.rotate:  # 180: the whole side, marks included, about the sheet centre
        ops = [f"q -1 0 0 -1 {_num(side.width + 2 * m)} {_num(side.height + 2 * m)} cm", *ops, "Q"]
        turn = (-1, 0, 0, -1, side.width + 2 * m, side.height + 2 * m)
        links = [(_rect_through(turn, rect), action) for rect, action in links]
    resources = DictionaryObject({NameObject(k): v for k, v in drawn.resources.items()})
    xobjects = resources.setdefault(NameObject("/XObject"), DictionaryObject())
    xobjects.update({NameObject(name): form for name, form in drawn.xobjects.items()})
    sheet[NameObject("/Resources")] = resources
    content = StreamObject()
    content.set_data(b"\n".join(op if isinstance(op, bytes) else op.encode("ascii") for op in ops))
    sheet[NameObject("/Contents")] = add_object(writer, content.flate_encode())
    trim = RectangleObject((m, m, m + side.width, m + side.height))
    sheet.trimbox = trim
    sheet.bleedbox = RectangleObject((m - bleed, m - bleed, m + side.width + bleed, m + side.height + bleed)) if bleed else trim
    if links:
        sheet[NameObject("/Annots")] = ArrayObject(add_object(writer, _link(rect, action, writer)) for rect, action in links)


def _file_id(reader_pdf: bytes, plan: Plan, style: SheetStyle, metadata: dict[str, str]) -> bytes:
    """A file identifier of its own for every file, and stable: the same
    inputs (pages, plan, sheet style, metadata) give a byte-identical PDF."""
    return hashlib.md5(reader_pdf + repr(plan).encode() + repr(style).encode()
                       + repr(sorted(metadata.items())).encode()).digest()


def _finish(writer: PdfWriter, file_id: bytes, metadata: dict[str, str],
            finish: Callable[[PdfWriter, bytes], None] | None) -> bytes:
    writer.add_metadata({f"/{k}": v for k, v in metadata.items()})
    if finish is not None:
        finish(writer, file_id)  # e.g. PDF/X output intent and identification
    set_file_id(writer, file_id)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def page_boxes(page: PageObject, source_bleed: float = 0.0) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """A page's trim and bleed rectangles, in its own coordinates: its
    TrimBox and BleedBox where it has them (asked before pypdf's getters,
    which invent missing boxes); else the crop box less ``source_bleed``,
    and the crop box."""
    crop = tuple(float(v) for v in page.cropbox)
    has_trim, has_bleed = "/TrimBox" in page, "/BleedBox" in page
    if has_trim:
        trim = tuple(float(v) for v in page["/TrimBox"])
    else:
        trim = (crop[0] + source_bleed, crop[1] + source_bleed, crop[2] - source_bleed, crop[3] - source_bleed)
    bleed = tuple(float(v) for v in page["/BleedBox"]) if has_bleed else crop
    return _normal(trim), _normal(bleed)


def _normal(rect) -> tuple[float, float, float, float]:
    x0, y0, x1, y1 = rect
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def placement_matrix(page: PageObject, trim: tuple[float, ...], slot) -> tuple[float, ...]:
    """The matrix taking the page's own coordinates to the sheet's: the page
    turned upright, its trim drawn at slot.scale, centred in the slot and
    moved by slot.shift."""
    upright, _ = _upright(page)
    tx0, ty0, tx1, ty1 = _rect_through(upright, trim)
    s = slot.scale
    ox = slot.x + slot.shift + (slot.width - s * (tx1 - tx0)) / 2 - s * tx0
    oy = slot.y + (slot.height - s * (ty1 - ty0)) / 2 - s * ty0
    a, b, c, d, e, f = upright
    return (s * a, s * b, s * c, s * d, s * e + ox, s * f + oy)


def _rect_through(m: tuple[float, ...], rect: tuple[float, ...]) -> tuple[float, float, float, float]:
    """The box around a rectangle after matrix ``m`` (quarter turns keep it a rectangle)."""
    x0, y0, x1, y1 = rect
    xs, ys = zip(*(_apply(m, x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))))
    return (round(min(xs), 4), round(min(ys), 4), round(max(xs), 4), round(max(ys), 4))


def is_web_link(annotation) -> bool:
    action = annotation.get("/A")
    action = action.get_object() if action is not None else None
    return annotation.get("/Subtype") == "/Link" and action is not None and action.get("/S") == "/URI"


def _links(page: PageObject, matrix: tuple[float, ...], shown: tuple[float, ...]) -> list[tuple[tuple, object]]:
    """The page's web links moved onto the sheet, each cut to what shows."""
    found = []
    for ref in page.get("/Annots") or []:
        annotation = ref.get_object()
        if not is_web_link(annotation):
            continue
        x0, y0, x1, y1 = _rect_through(matrix, _normal([float(v) for v in annotation["/Rect"]]))
        x0, y0, x1, y1 = max(x0, shown[0]), max(y0, shown[1]), min(x1, shown[2]), min(y1, shown[3])
        if x1 > x0 and y1 > y0:
            found.append(((x0, y0, x1, y1), annotation["/A"].get_object()))
    return found


def _link(rect: tuple[float, ...], action, writer):
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject

    return DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"),
        NameObject("/Subtype"): NameObject("/Link"),
        NameObject("/Rect"): ArrayObject(FloatObject(v) for v in rect),
        NameObject("/Border"): ArrayObject([NumberObject(0)] * 3),
        NameObject("/A"): action.clone(writer),
    })


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
    """The trim size of every page as a reader sees it (TrimBox, else the
    crop box; /Rotate applied): what a plan for a PDF made elsewhere scales
    to fit its slots."""
    from pypdf import PdfReader

    sizes = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        x0, y0, x1, y1 = page_boxes(page)[0]
        width, height = x1 - x0, y1 - y0
        sizes.append((width, height) if page.rotation % 180 == 0 else (height, width))
    return sizes


def _form(writer: PdfWriter, page: PageObject, bbox: tuple[float, ...], converter=None, number: int = 0) -> IndirectObject:
    """A page as a form XObject clipped to ``bbox``; its resources are cloned
    once per source document (fonts shared by all pages stay shared);
    ``converter``: its colours converted to CMYK."""
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, StreamObject

    contents = page.get_contents()
    resources = page.get("/Resources")
    resources = resources.clone(writer) if resources is not None else DictionaryObject()
    data = contents.get_data() if contents is not None else b""
    if converter is not None:
        from ..render.vectorcolour import NotConvertible

        try:
            data = converter.convert(data, resources)
        except NotConvertible as refused:
            refused.page = number
            raise
    form = StreamObject()
    form.set_data(data)
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject(FloatObject(round(v, 4)) for v in bbox),
        NameObject("/Resources"): resources,
    })
    return add_object(writer, form.flate_encode())


def _inlined(writer: PdfWriter, page: PageObject, bbox: tuple[float, ...], placed: tuple[float, ...],
             resources: dict, offset: int) -> tuple[bytes, int]:
    """A page's content drawn in the sheet's own content at ``placed``,
    clipped to ``bbox`` (its coordinates), its MCIDs moved up by ``offset``,
    its resources added to the sheet's; and how many MCIDs it has."""
    contents = page.get_contents()
    data = contents.get_data() if contents is not None else b""
    own = page.get("/Resources")
    if own is not None:
        _merge_resources(resources, own.clone(writer).get_object())
    x0, y0, x1, y1 = bbox
    head = (f"q {' '.join(_num(v) for v in placed)} cm "
            f"{_num(x0)} {_num(y0)} {_num(x1 - x0)} {_num(y1 - y0)} re W n").encode("ascii")
    return b"\n".join([head, offset_mcids(data, offset), b"Q"]), mcid_count(data)


def _merge_resources(into: dict, resources: DictionaryObject) -> None:
    """The page's named resources added to the sheet's. Pages of one render
    name the same font, image or art the same way; a name standing for two
    different objects is a bug, said loudly rather than drawn wrong."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject

    for category, named in resources.items():
        named = named.get_object()
        if category == "/ProcSet":
            into[category] = ArrayObject(sorted(set(into.get(category, [])) | set(named)))
            continue
        target = into.setdefault(category, DictionaryObject())
        for name, value in named.items():
            if name in target and target.raw_get(name) != value and target[name] != value.get_object():
                raise ValueError(f"resource {category} {name} stands for two objects on one sheet")
            target[NameObject(name)] = value


def prepend_pages(front: bytes, pdf: bytes, structure: Structure | None = None) -> bytes:
    """``front``'s pages before ``pdf``'s, keeping pdf's metadata and
    identifier; ``structure``: front's (``render.tags``), added to pdf's tree
    when pdf is tagged."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    for n, page in enumerate(PdfReader(io.BytesIO(front)).pages):
        writer.insert_page(page, n)
    if structure is not None and "/StructTreeRoot" in writer.root_object:
        tag_front(writer, structure)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
