"""The one place pamphlet reaches past reportlab's and pypdf's public API.

In:  a reportlab ``Canvas`` or a pypdf ``PdfWriter``.
Out: what neither library offers publicly: a canvas's page operators so
     far, its document and PDF version; a writer's new indirect objects,
     its file identifier and its document information dictionary.

Everything else uses the libraries' public surface. Each function here
names the private attribute it needs, and ``tests/test_privateapi.py``
checks every one of them on the installed versions, so a library upgrade
that moves one fails there, loudly, rather than in a build. Nothing is
imported here: the libraries stay lazy for a plain build.
"""

from __future__ import annotations


# -- reportlab ---------------------------------------------------------------------------------------------------

def page_operators(canvas) -> list:
    """The live list of the operators drawn on the canvas's current page, one
    string per entry (reportlab joins them with new lines): its length marks
    a point in the page, and what was drawn since can be read back."""
    return canvas._code


def canvas_snapshot(canvas) -> tuple[dict, dict]:
    """What drawing may change on a canvas and its document, cheaply: each
    attribute's identity and its length or value (for ``drew_only_operators``)."""
    return _state(canvas), _state(canvas._doc)


def drew_only_operators(canvas, before: tuple[dict, dict]) -> bool:
    """Whether, since ``before`` (``canvas_snapshot``), the canvas changed
    nothing but its page operators and perhaps its file's PDF version: no
    graphics state, font, image or other resource was added."""
    now = canvas_snapshot(canvas)
    changed = {k for k, v in now[0].items() if before[0].get(k) != v} | \
              {k for k, v in now[1].items() if before[1].get(k) != v}
    return changed <= {"_code", "_pdfVersion"}


def _state(thing) -> dict:
    return {k: (id(v), len(v) if hasattr(v, "__len__") else v if isinstance(v, (int, float, str, type(None))) else None)
            for k, v in vars(thing).items()}


def canvas_document(canvas):
    """The canvas's ``PDFDocument`` (fonts and resources are added to it)."""
    return canvas._doc


def pdf_version(canvas) -> tuple:
    """The PDF version the canvas's file will declare, e.g. ``(1, 4)``."""
    return tuple(canvas._doc._pdfVersion)


def raise_pdf_version(canvas, version: tuple) -> None:
    """Make the file declare at least ``version`` (reportlab raises it itself
    for what it draws; operators kept from an earlier drawing need it raised
    by hand)."""
    document = canvas._doc
    document._pdfVersion = max(document._pdfVersion, tuple(version))


# -- pypdf -------------------------------------------------------------------------------------------------------

def add_object(writer, obj):
    """``obj`` added to the writer's file as an indirect object; its reference."""
    return writer._add_object(obj)


def set_file_id(writer, digest: bytes) -> None:
    """The file identifier (trailer ``/ID``): both halves ``digest``, so the
    same content gives the same file (pypdf's own are random)."""
    from pypdf.generic import ArrayObject, ByteStringObject

    writer._ID = ArrayObject([ByteStringObject(digest), ByteStringObject(digest)])


def info_dictionary(writer):
    """The writer's document information dictionary itself, for entries that
    are not strings (``add_metadata`` writes every value as a string, and
    ``/Trapped`` is a name)."""
    return writer._info.get_object()
