"""Drawing an image block's art into the reader PDF.

Bitmaps are drawn by ``draw`` (flattened on their background, converted to
the output's colour model). Here: vector art, which stays vector, and the
text alternative every picture carries.

* SVG: svglib turns it into reportlab shapes, drawn straight into the page's
  content; in a CMYK output every colour is converted, gradients' stops too
  (``vectorcolour``: a palette colour to the brand's own CMYK values).
* PDF: the art's page becomes a form XObject (its content and resources),
  added after reportlab has written the file, since reportlab cannot read a
  PDF; the page content already says where to draw it. In a CMYK output its
  colours, gradients and images are converted (``pdfart``) or the art is
  refused, saying what cannot be.
* Alt text: each picture is a marked-content sequence ``/Figure <</MCID n
  /Alt …>>`` (``tags``), and the Figure element of the structure tree
  carries the same text alternative.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..cache import DiskCache
from ..privateapi import add_object, canvas_snapshot, drew_only_operators, page_operators, pdf_version, raise_pdf_version

_ART = DiskCache("art", "2", limit=2048)


def pdf_string(text: str) -> str:
    """A PDF text string (UTF-16BE with its byte order mark, in hex)."""
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def draw_svg(canvas, path: Path, x: float, y: float, w: float, h: float, colour=None, colour_key=None,
             no_transparency: bool = False) -> None:
    """The SVG scaled to w x h with its bottom-left corner at (x, y);
    ``colour`` maps each reportlab colour to the one to draw (CMYK output),
    and ``colour_key`` says what that mapping depends on; ``no_transparency``
    (PDF/X-1a) refuses art drawn with opacity (``NotConvertible``).

    The operators it draws are kept on disk by the SVG's contents, the box
    and the colours (``cache``), so a warm build loads neither svglib nor
    reportlab's graphics. Only a drawing that adds nothing but page content
    (no graphics state, font, image or shading resource) and perhaps raises
    the file's PDF version is kept, with that version."""
    from ..cache import file_digest, key_of

    key = key_of("svg-operators", _art_code(), file_digest(path).hex(), x, y, w, h, colour_key, no_transparency)
    found = _ART.load(key) if colour is None or colour_key is not None else None
    if isinstance(found, tuple) and len(found) == 2 and isinstance(found[0], str) and isinstance(found[1], tuple):
        operators, version = found
        canvas.addLiteral(operators)  # the page stream is its operators joined by new lines
        raise_pdf_version(canvas, version)  # e.g. 1.4 for CMYK colours with alpha
        return
    from reportlab.graphics import renderPDF

    from ..content.vectorart import svg_drawing  # svglib, for art whose operators are not cached

    drawing = svg_drawing(path).drawing
    dw, dh = svg_drawing(path).size
    start = len(page_operators(canvas))
    before = canvas_snapshot(canvas)
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(w / dw, h / dh)
    _shapes_renderer()(colour, no_transparency).draw(renderPDF.renderScaledDrawing(drawing), canvas, 0, 0)
    canvas.restoreState()
    operators = "\n".join(page_operators(canvas)[start:])
    if (colour is None or colour_key is not None) and drew_only_operators(canvas, before) \
            and not _RESOURCE_OPERATORS.search(operators):
        _ART.store(key, (operators, pdf_version(canvas)))


_RESOURCE_OPERATORS = re.compile(r"(^|\s)(gs|Tf|Do|sh|BI)(\s|$)")


def _art_code() -> tuple[str, ...]:
    from ..cache import code_fingerprint, installed_version

    return (code_fingerprint("render/artdraw.py", "content/artfile.py", "content/vectorart.py"), installed_version("svglib"),
            installed_version("reportlab"))


@lru_cache(maxsize=1)
def _shapes_renderer():
    """reportlab's PDF renderer, with every colour (the drawing's defaults
    too) passed through ``colour``, and minus the font every drawing's state
    names (it would leave an unembedded Helvetica; art holds no text) and
    opacity 1 (an ExtGState that changes nothing). Gradients (svglib's
    direct-draw shapes) have their stops passed through ``colour`` too;
    ``no_transparency`` (PDF/X-1a) refuses opacity under 1."""
    from reportlab.graphics.renderPDF import _PDFRenderer

    from .vectorcolour import NotConvertible

    class ShapesRenderer(_PDFRenderer):
        def __init__(self, colour=None, no_transparency=False):
            super().__init__()
            self._colour = colour
            self._opaque = no_transparency

        def drawNodeDispatcher(self, node):
            stops = getattr(node, "_rl_colors", None)
            if stops is not None and self._colour is not None:
                import copy

                node = copy.copy(node)
                node._rl_colors = [self._colour(c) for c in stops]
            super().drawNodeDispatcher(node)

        def applyStateChanges(self, delta, newState):
            changes = {}
            for key, value in delta.items():
                if key in ("fontName", "fontSize") or (key in ("fillOpacity", "strokeOpacity") and value == 1):
                    continue
                if key in ("fillOpacity", "strokeOpacity") and value is not None and value < 1 and self._opaque:
                    raise NotConvertible(f"{'fill' if key == 'fillOpacity' else 'stroke'} opacity {value:g} (transparency)",
                                         "expected opaque art for PDF/X-1a, which allows no transparency")
                if key in ("fillColor", "strokeColor") and value is not None and self._colour is not None:
                    value = self._colour(value)
                changes[key] = value
            super().applyStateChanges(changes, newState)

    return ShapesRenderer


@dataclass(frozen=True)
class PdfArtPlacement:
    """A PDF page of art placed as a form XObject on a reader page."""

    page: int  # index of the reader page
    name: str  # the XObject's resource name, without the slash
    path: Path


def pdf_art_operators(name: str, path: Path, x: float, y: float, w: float, h: float) -> str:
    """Page content drawing the form ``name`` (the art's crop box) into the
    w x h box whose bottom-left corner is (x, y)."""
    from ..content.vectorart import pdf_art_page

    x0, y0, x1, y1 = pdf_art_page(path).box
    sx, sy = w / (x1 - x0), h / (y1 - y0)
    return f"q {sx:.6f} 0 0 {sy:.6f} {x - x0 * sx:.4f} {y - y0 * sy:.4f} cm /{name} Do Q"


def embed_pdf_art(pdf: bytes, placements: list[PdfArtPlacement], colours=None) -> bytes:
    """Add each placed PDF's page as a form XObject to the pages that draw it;
    ``colours`` (a ``VectorColours``, CMYK output): its colours converted.
    Raises ``NotConvertible`` (with ``.path``) for art that cannot be."""
    if not placements:
        return pdf
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, StreamObject

    from ..content.vectorart import pdf_art_page

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    forms: dict[Path, object] = {}
    for placement in placements:
        if placement.path not in forms:
            art = PdfReader(placement.path).pages[0]
            contents = art.get_contents()
            data = contents.get_data() if contents is not None else b""
            resources = art.get("/Resources")
            if resources is not None:
                resources = resources.get_object().clone(writer)
            if colours is not None:
                from .pdfart import convert_content
                from .vectorcolour import NotConvertible

                try:
                    data = convert_content(data, resources, colours, writer)
                except NotConvertible as refused:
                    refused.path = placement.path
                    raise
            form = StreamObject()
            form.set_data(data)
            form = form.flate_encode()
            form[NameObject("/Type")] = NameObject("/XObject")
            form[NameObject("/Subtype")] = NameObject("/Form")
            form[NameObject("/BBox")] = ArrayObject(FloatObject(v) for v in pdf_art_page(placement.path).box)
            if resources is not None:
                form[NameObject("/Resources")] = resources
            forms[placement.path] = add_object(writer, form)
        page = writer.pages[placement.page]
        resources = page.get("/Resources")
        if resources is None:
            resources = page[NameObject("/Resources")] = DictionaryObject()
        resources = resources.get_object()
        xobjects = resources.get("/XObject")
        if xobjects is None:
            xobjects = resources[NameObject("/XObject")] = DictionaryObject()
        xobjects.get_object()[NameObject("/" + placement.name)] = forms[placement.path]
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
