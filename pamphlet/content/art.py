"""Art files an image block may show: what kind each is and its shape.

In:  a path to a PNG, JPEG, SVG or single-page PDF.
Out: ``Art``: its kind (``bitmap``, ``svg`` or ``pdf``), its natural size in
     points (for the aspect ratio) and, for a bitmap, its pixels (for the
     resolution at the placed size); or ValueError saying what is wrong.

Vector art (SVG, PDF) stays vector all the way to the PDF; only bitmaps have
a resolution. Libraries are imported where a kind is read, so a document
without art loads none of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

KINDS = {".png": "bitmap", ".jpg": "bitmap", ".jpeg": "bitmap", ".svg": "svg", ".pdf": "pdf"}


@dataclass(frozen=True)
class Art:
    """An image file an image block shows, as read from its header."""

    path: Path
    kind: str  # bitmap | svg | pdf
    size: tuple[float, float]  # natural width and height, points (bitmaps: pixels, only the ratio counts)
    pixels: tuple[int, int] | None = None  # bitmaps only

    @property
    def aspect(self) -> float:
        """Height over width."""
        return self.size[1] / self.size[0]

    def ppi(self, placed_width: float) -> float | None:
        """The resolution a bitmap prints at when set ``placed_width`` points wide."""
        return self.pixels[0] / (placed_width / 72) if self.pixels and placed_width > 0 else None


def read_art(path: Path) -> Art:
    stat = path.stat()  # OSError for a missing file
    return _read(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _read(path: Path, _mtime: int, _size: int) -> Art:
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise ValueError(f"'{path.suffix}' is not an art format")
    if kind == "bitmap":
        from ..images import inspect_image

        pixels = inspect_image(path).pixels  # ImageRefused (a ValueError): too many pixels, damaged
        return Art(path, kind, (float(pixels[0]), float(pixels[1])), pixels)
    if kind == "svg":
        return Art(path, kind, _svg_size(path))
    return Art(path, kind, pdf_art_page(path).size)


def _svg_size(path: Path) -> tuple[float, float]:
    """An SVG's size, kept on disk by its contents once svglib has read and
    accepted it, so a warm build of a document with vector art never loads
    svglib (the renderer's operators are kept too: render/art.py)."""
    from ..cache import DiskCache, code_fingerprint, file_digest, installed_version, key_of

    sizes = DiskCache("art-sizes", "1", limit=2048)
    key = key_of("svg-size", code_fingerprint("content/art.py"), installed_version("svglib"),
                 installed_version("reportlab"), file_digest(path).hex())
    found = sizes.load(key)
    if isinstance(found, tuple) and len(found) == 2 and all(isinstance(v, float) for v in found):
        return found
    size = svg_drawing(path).size  # ValueError for an SVG it refuses: never kept
    sizes.store(key, size)
    return size


@dataclass(frozen=True)
class _Svg:
    """An SVG read into reportlab's shapes, and its size."""

    drawing: object  # a reportlab Drawing
    size: tuple[float, float]


def svg_drawing(path: Path) -> _Svg:
    """The SVG as a reportlab Drawing (vector shapes, via svglib)."""
    stat = path.stat()
    return _svg(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=64)
def _svg(path: Path, _mtime: int, _size: int) -> _Svg:
    import logging

    from svglib.svglib import svg2rlg

    from .svglog import Refusals

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
        from ..images import ImageRefused

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
