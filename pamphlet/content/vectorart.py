"""Vector art read with its libraries: an SVG into reportlab's shapes
(svglib), refused when it holds text, bitmaps, links to other files or
DOCTYPE entities (svglib would leave them out without a word); a
single-page PDF's crop box (pypdf). Loaded only where an art file is read
(``artfile.py``) or drawn (``render/artdraw.py``) and its result is not cached.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..buildcontext import remembered


@dataclass(frozen=True)
class _Svg:
    """An SVG read into reportlab's shapes, and its size."""

    drawing: object  # a reportlab Drawing
    size: tuple[float, float]


def svg_drawing(path: Path) -> _Svg:
    """The SVG as a reportlab Drawing (vector shapes, via svglib)."""
    stat = path.stat()
    return _svg(path, stat.st_mtime_ns, stat.st_size)


@remembered(maxsize=64)
def _svg(path: Path, _mtime: int, _size: int) -> _Svg:
    import logging

    from svglib.svglib import svg2rlg

    from .svglog import Refusals, left_out

    dropped = left_out(path)
    if dropped:  # svglib would skip it without a word: the picture would print incomplete
        from ..imagefile import ImageRefused

        raise ImageRefused(*dropped)
    log = logging.getLogger("svglib")
    log.setLevel(logging.ERROR)  # it logs unsupported features; we report failures
    refused = Refusals()
    log.addHandler(refused)
    try:
        # Art is self-contained: no file outside the SVG's own folder is read.
        drawing = svg2rlg(str(path), external_reference_root=str(path.parent.resolve()))
    except Exception as exc:  # lxml and svglib raise many kinds for a bad file
        raise ValueError(f"not a readable SVG ({exc})") from None
    finally:
        log.removeHandler(refused)
    if refused.messages:  # svglib skips what it refuses; the picture would print without it
        from ..imagefile import ImageRefused

        raise ImageRefused(f"an SVG that refers to other files ({refused.messages[0]})",
                           "expected a self-contained SVG: shapes only, no links to other files")
    if drawing is None or not drawing.width or not drawing.height:
        raise ValueError("not a readable SVG (no width and height, or no viewBox)")
    found = _non_vector(drawing)
    if found:
        raise ValueError(f"an SVG with {found}; expected shapes only (text converted to outlines, bitmaps placed as their own image blocks)")
    return _Svg(drawing, (float(drawing.width), float(drawing.height)))


def _non_vector(node) -> str:
    """'text' or 'a bitmap' if the drawing holds one: text would be set in an
    unembedded font and a bitmap would escape the resolution check."""
    from reportlab.graphics.shapes import Image as RLImage, String

    if isinstance(node, String):
        return "text"
    if isinstance(node, RLImage):
        return "a bitmap"
    for child in getattr(node, "contents", ()) or ():
        found = _non_vector(child)
        if found:
            return found
    return ""


@dataclass(frozen=True)
class _PdfPage:
    """The one page of a PDF used as art."""

    box: tuple[float, float, float, float]  # the art's crop box: x0, y0, x1, y1

    @property
    def size(self) -> tuple[float, float]:
        return (self.box[2] - self.box[0], self.box[3] - self.box[1])


def pdf_art_page(path: Path) -> _PdfPage:
    """The art's page box, read once per file version (reading the art's
    size, drawing it and embedding it all ask)."""
    stat = path.stat()
    return _pdf_page(path, stat.st_mtime_ns, stat.st_size)


@remembered(maxsize=64)
def _pdf_page(path: Path, _mtime: int, _size: int) -> _PdfPage:
    from ..pdfinput import PdfRefused, open_pdf

    try:
        reader = open_pdf(path)
    except PdfRefused as exc:
        raise PdfRefused(("a " if str(exc).startswith("damaged") else "") + str(exc), exc.expected) from None
    count = len(reader.pages)
    if count != 1:
        raise ValueError(f"a PDF of {count} pages; expected single-page art")
    box = reader.pages[0].cropbox
    x0, y0, x1, y1 = (float(v) for v in (box.left, box.bottom, box.right, box.top))
    if x1 <= x0 or y1 <= y0:
        raise ValueError("a PDF page with an empty crop box")
    return _PdfPage((x0, y0, x1, y1))
