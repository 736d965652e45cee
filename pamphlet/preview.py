"""preview: a PDF -> PNG images of its pages (pdfium, as Chrome draws them).

In:  a PDF (a path or its bytes), a resolution in dots per inch or a width
     in pixels.
Out: PIL images, or PNG files ``<stem>-<page>.png`` written atomically.

Used by the ``preview`` command (people without a PDF viewer handy, and the
tests, can look at pages), by proofs and by print kits (cover thumbnails).
"""

from __future__ import annotations

import io
from pathlib import Path

from .errors import Location, PamphletError, Problem

DEFAULT_DPI = 100


def _open(source: Path | bytes):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(source if isinstance(source, bytes) else str(source))
    except (pdfium.PdfiumError, OSError) as exc:
        where = Location(Path(source)) if not isinstance(source, bytes) else None
        raise PamphletError(Problem(where, f"cannot read the PDF ({exc})", "expected a PDF file"))


def page_count(source: Path | bytes) -> int:
    pdf = _open(source)
    try:
        return len(pdf)
    finally:
        pdf.close()


def page_images(source: Path | bytes, dpi: float = DEFAULT_DPI, pages: list[int] | None = None,
                width: int | None = None):
    """PIL RGB images of the pages (0-based indices; all by default). With
    ``width``, each page is scaled to that many pixels across (thumbnails)."""
    pdf = _open(source)
    try:
        images = []
        for index in range(len(pdf)) if pages is None else pages:
            page = pdf[index]
            scale = width / page.get_width() if width else dpi / 72.0
            images.append(page.render(scale=scale).to_pil().convert("RGB"))
            page.close()
        return images
    finally:
        pdf.close()


def png_bytes(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def write_previews(pdf: Path, out_dir: Path | None = None, dpi: float = DEFAULT_DPI) -> list[Path]:
    """One PNG per page of ``pdf`` in ``out_dir`` (default: beside the PDF)."""
    if dpi <= 0 or dpi > 1200:
        raise PamphletError(f"dpi {dpi:g} is out of range; expected 1 to 1200")
    from .limits import MAX_IMPOSE_PAGES, MAX_PREVIEW_PIXELS
    from .output import write_output
    from .pdfinput import read_pdf

    data = read_pdf(pdf, MAX_IMPOSE_PAGES).data  # encrypted, damaged, empty: said as impose and check say it
    _check_sizes(pdf, data, dpi, MAX_PREVIEW_PIXELS)
    out_dir = Path(out_dir) if out_dir is not None else pdf.parent
    written = []
    for number, image in enumerate(page_images(data, dpi), start=1):
        path = out_dir / f"{pdf.stem}-{number}.png"
        write_output(path, png_bytes(image))
        written.append(path)
    return written


def _check_sizes(pdf: Path, data: bytes, dpi: float, limit: int) -> None:
    """Each page's image at ``dpi`` stays within ``limit`` pixels (a page can
    claim to be hundreds of metres wide)."""
    document = _open(data)
    try:
        for number, page in enumerate(document, start=1):
            pixels = page.get_width() * page.get_height() * (dpi / 72) ** 2
            if pixels > limit:
                raise PamphletError(Problem(Location(pdf), f"page {number} at {dpi:g} dpi would be "
                                            f"{pixels / 1e6:,.0f} megapixels",
                                            f"expected at most {limit / 1e6:g} (a lower --dpi)"))
    finally:
        document.close()
