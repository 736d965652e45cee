"""Art files an image block may show: what kind each is and its shape.

In:  a path to a PNG, JPEG, SVG or single-page PDF.
Out: ``Art``: its kind (``bitmap``, ``svg`` or ``pdf``), its natural size in
     points (for the aspect ratio) and, for a bitmap, its pixels (for the
     resolution at the placed size); or ValueError saying what is wrong.

Vector art (SVG, PDF) stays vector all the way to the PDF; only bitmaps have
a resolution. Libraries are imported where a kind is read, so a document
without art loads none of them, and the vector readers (``vectorart.py``)
are loaded only when an SVG's size is not cached or a PDF is read.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..buildcontext import remembered

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


def checked_art(path: Path, at, written: str, what: str, problems, folder: Path) -> Art | None:
    """The art at ``path`` for ``what`` ('logo', 'mark file'), or None with
    the problem added at ``at``: a missing file (which belongs in ``folder``,
    that of the file naming it), or one that is no art."""
    try:
        return read_art(path)
    except OSError:
        problems.add(at, f"{what} '{written}' does not exist", f"expected a file inside {folder.name}/")
    except ValueError as exc:
        problems.add(at, f"{what} '{written}' is {exc}", getattr(exc, "expected", "expected a PNG, JPEG, SVG or single-page PDF"))
    return None


@remembered(maxsize=256)
def _read(path: Path, _mtime: int, _size: int) -> Art:
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        raise ValueError(f"'{path.suffix}' is not an art format")
    if kind == "bitmap":
        from ..imagefile import inspect_image

        pixels = inspect_image(path).pixels  # ImageRefused (a ValueError): too many pixels, damaged
        return Art(path, kind, (float(pixels[0]), float(pixels[1])), pixels)
    if kind == "svg":
        return Art(path, kind, _svg_size(path))
    from .vectorart import pdf_art_page

    return Art(path, kind, pdf_art_page(path).size)


def _svg_size(path: Path) -> tuple[float, float]:
    """An SVG's size, kept on disk by its contents once svglib has read and
    accepted it, so a warm build of a document with vector art never loads
    svglib (the renderer's operators are kept too: render/artdraw.py)."""
    from ..cache import DiskCache, code_fingerprint, file_digest, installed_version, key_of

    sizes = DiskCache("art-sizes", "1", limit=2048)
    key = key_of("svg-size", code_fingerprint("content/artfile.py", "content/vectorart.py"), installed_version("svglib"),
                 installed_version("reportlab"), file_digest(path).hex())
    found = sizes.load(key)
    if isinstance(found, tuple) and len(found) == 2 and all(isinstance(v, float) for v in found):
        return found
    from .vectorart import svg_drawing

    size = svg_drawing(path).size  # ValueError for an SVG it refuses: never kept
    sizes.store(key, size)
    return size
